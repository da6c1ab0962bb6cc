"""The bank's services: each write checks its permission (nothing changes when refused),
leaves its audit-log entry with the acting user, and enqueues its task after commit."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from accounts.models import Role
from question_bank import services
from question_bank.formats.base import ParsedGroup
from question_bank.import_jobs import ImportJob
from question_bank.importing import import_commit, import_job_confirm, import_job_create
from question_bank.models import Question, QuestionBank, Stimulus
from tests.accounts.factories import make_school, make_user
from tests.question_bank.factories import make_bank, make_question, parsed_single

pytestmark = pytest.mark.django_db

AIKEN = "Thủ đô của Việt Nam là thành phố nào?\nA. Hà Nội\nB. Huế\nANSWER: A\n"


@pytest.fixture
def people():
    school = make_school()
    owner = make_user(role=Role.TEACHER, school=school)
    member = make_user(role=Role.TEACHER, school=school)
    outsider = make_user(role=Role.TEACHER, school=make_school())
    bank = make_bank(owner, scope="school", members=[member])
    return {"owner": owner, "member": member, "outsider": outsider, "bank": bank}


def entries(obj, action):
    return ModelLogEntry.objects.for_instance(obj).filter(action=action)


# --- refused writes change nothing ----------------------------------------------------
def test_tagging_moving_and_deleting_others_questions_are_refused_and_change_nothing(people):
    question = make_question(people["bank"])
    own = make_bank(people["outsider"])
    before = ModelLogEntry.objects.count()
    with pytest.raises(PermissionDenied):
        services.questions_tag(questions=[question], tags=["lạ"], user=people["outsider"])
    with pytest.raises(PermissionDenied):
        services.questions_move(questions=[question], bank=own, user=people["outsider"])
    with pytest.raises(PermissionDenied):
        services.questions_delete(questions=[question], user=people["outsider"])
    question.refresh_from_db()
    assert question.bank_id == people["bank"].pk
    assert list(question.tags.names()) == []
    assert ModelLogEntry.objects.count() == before


def test_a_member_cannot_delete_the_bank_and_an_outsider_cannot_add_a_stimulus(people):
    bank = people["bank"]
    with pytest.raises(PermissionDenied):
        services.bank_delete(user=people["member"], bank=bank)
    with pytest.raises(PermissionDenied):
        services.stimulus_create(
            group=ParsedGroup(key="g", title="", stimulus="<p>x</p>"),
            bank=bank,
            user=people["outsider"],
        )
    assert QuestionBank.objects.filter(pk=bank.pk).exists()
    assert not Stimulus.objects.filter(bank=bank).exists()
    assert not entries(bank, "wagtail.delete").exists()


def test_submitting_someone_elses_question_is_refused(people):
    question = make_question(people["bank"])
    with pytest.raises(PermissionDenied):
        services.question_submit(question=question, user=people["outsider"])
    question.refresh_from_db()
    assert question.status == "draft" and question.current_workflow_state is None


def test_bulk_save_into_a_bank_the_user_does_not_edit_is_refused(people):
    built = services.question_build(parsed=parsed_single(), bank=people["bank"])
    count = Question.objects.count()
    with pytest.raises(PermissionDenied):
        services.questions_bulk_save(questions=[built], user=people["outsider"], index=False)
    assert Question.objects.count() == count


def test_an_import_job_for_a_bank_the_user_does_not_edit_is_refused(
    people, django_capture_on_commit_callbacks
):
    with (
        mock.patch("question_bank.tasks.import_preview_task.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(PermissionDenied),
    ):
        import_job_create(
            user=people["outsider"],
            bank=people["bank"],
            upload=SimpleUploadedFile("de.txt", AIKEN.encode()),
        )
    assert not ImportJob.objects.exists()
    delay.assert_not_called()


# --- writes leave their audit-log entry --------------------------------------------------
def test_bulk_changes_are_logged_with_the_acting_user(people):
    question = make_question(people["bank"])
    other = make_bank(people["member"])
    services.questions_tag(questions=[question], tags=["hàm số"], user=people["member"])
    services.questions_move(questions=[question], bank=other, user=people["member"])
    (tagged,) = entries(question, "question_bank.tag")
    assert tagged.user == people["member"] and tagged.data == {"tags": ["hàm số"]}
    (moved,) = entries(question, "question_bank.move")
    assert moved.user == people["member"] and moved.data == {"bank": other.pk}
    services.questions_delete(questions=[question], user=people["member"])
    (deleted,) = entries(Question(pk=question.pk), "wagtail.delete")
    assert deleted.user == people["member"]
    assert not Question.objects.filter(pk=question.pk).exists()


def test_creations_and_deletions_of_banks_and_stimuli_are_logged(people):
    bank = people["bank"]
    assert entries(bank, "wagtail.create").get().user == people["owner"]
    stimulus = services.stimulus_create(
        group=ParsedGroup(key="g", title="Bài đọc", stimulus="<p>x</p>"),
        bank=bank,
        user=people["member"],
    )
    assert entries(stimulus, "wagtail.create").get().user == people["member"]
    stimulus_id, bank_id = stimulus.pk, bank.pk
    services.stimulus_delete(user=people["owner"], stimulus=stimulus)
    assert entries(Stimulus(pk=stimulus_id), "wagtail.delete").get().user == people["owner"]
    services.bank_delete(user=people["owner"], bank=bank)
    assert entries(QuestionBank(pk=bank_id), "wagtail.delete").get().user == people["owner"]


def test_a_saved_draft_and_a_direct_approval_are_logged(people):
    question = make_question(people["bank"], author=people["member"], approve=True)
    assert entries(question, "wagtail.create").get().user == people["member"]
    assert entries(question, "wagtail.publish").get().user == people["member"]


def test_an_import_logs_each_question_and_the_import_on_the_bank(people):
    summary = import_commit("de.txt", AIKEN.encode(), people["bank"], people["member"])
    (question_id,) = summary.question_ids
    created = entries(Question(pk=question_id), "wagtail.create").get()
    assert created.user == people["member"]
    (imported,) = entries(people["bank"], "question_bank.import")
    assert imported.user == people["member"]
    assert imported.data["filename"] == "de.txt" and imported.data["created"] == 1


def test_the_bank_actions_have_vietnamese_labels():
    assert log_registry.get_action_label("question_bank.move") == "Chuyển ngân hàng"
    assert log_registry.get_action_label("question_bank.import") == "Nhập câu hỏi"
    assert log_registry.get_action_label("question_bank.paper.release") == "Công bố đề"


# --- tasks after commit --------------------------------------------------------------------
def test_the_preview_task_is_enqueued_only_after_commit(people, django_capture_on_commit_callbacks):
    with mock.patch("question_bank.tasks.import_preview_task.delay") as delay:
        with django_capture_on_commit_callbacks() as callbacks:
            job = import_job_create(
                user=people["owner"],
                bank=people["bank"],
                upload=SimpleUploadedFile("de.txt", AIKEN.encode()),
            )
            delay.assert_not_called()
        assert len(callbacks) == 1
        callbacks[0]()
    delay.assert_called_once_with(job.pk)
    assert entries(people["bank"], "question_bank.import.upload").get().user == people["owner"]


def test_the_save_task_is_enqueued_only_after_the_confirmation_commits(
    people, django_capture_on_commit_callbacks
):
    with mock.patch("question_bank.tasks.import_preview_task.delay"):
        job = import_job_create(
            user=people["owner"],
            bank=people["bank"],
            upload=SimpleUploadedFile("de.txt", AIKEN.encode()),
        )
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.PREVIEW)
    job.refresh_from_db()
    with pytest.raises(PermissionDenied):
        import_job_confirm(user=people["member"], job=job)
    with mock.patch("question_bank.tasks.import_commit_task.delay") as delay:
        with django_capture_on_commit_callbacks() as callbacks:
            assert import_job_confirm(user=people["owner"], job=job)
            delay.assert_not_called()
        for callback in callbacks:
            callback()
    delay.assert_called_once_with(job.pk)
    job.refresh_from_db()
    assert job.state == ImportJob.State.SAVING
    assert entries(people["bank"], "question_bank.import.confirm").get().user == people["owner"]
    # A second confirmation does nothing.
    assert not import_job_confirm(user=people["owner"], job=job)


def test_imported_questions_are_indexed_only_after_commit(
    people, django_capture_on_commit_callbacks
):
    with mock.patch("question_bank.tasks.index_questions_task.delay") as delay:
        with django_capture_on_commit_callbacks() as callbacks:
            summary = import_commit("de.txt", AIKEN.encode(), people["bank"], people["owner"])
            delay.assert_not_called()
        for callback in callbacks:
            callback()
    delay.assert_called_once_with(summary.question_ids)


def test_the_site_history_never_names_a_confidential_pool_even_to_a_superuser(client, people):
    board = make_user(role=Role.EXAM_BOARD, school=make_school())
    make_bank(board, name="xmkbipool", confidential=True)
    make_bank(people["owner"], name="xmkbiopen")
    admin = make_user(role=Role.DEPARTMENT_ADMIN)
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    client.force_login(admin)
    page = client.get("/admin/reports/site-history/").content.decode()
    assert "xmkbiopen" in page
    assert "xmkbipool" not in page
