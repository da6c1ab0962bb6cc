"""A real Celery worker, on real Redis and PostgreSQL, runs our tasks and Wagtail's django-tasks."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from accounts.models import Role, User
from accounts.tasks import roster_import_task
from config.celery import app as celery_app
from curriculum.models import Subject, Topic
from tests.accounts.factories import SchoolYearFactory, make_class, make_school, make_user

pytestmark = [
    pytest.mark.celery,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def worker(tmp_path):
    """Start ``celery worker`` against the test database; stop it after the test."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": _database_url(),
        "SEARCH_BACKEND": "database",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private-media"),
    }
    celery_app.control.purge()
    log = tmp_path / "worker.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            f"--hostname=test-{os.getpid()}@%h",
            f"--logfile={log}",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(
            timeout=1, destination=[f"test-{os.getpid()}@{os.uname().nodename}"]
        ):
            assert process.poll() is None, log.read_text() if log.exists() else "worker exited"
            assert time.monotonic() < deadline, "worker did not answer ping within 60 s"
        yield log
    finally:
        process.terminate()
        process.wait(timeout=30)


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def not_eager():
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


def test_worker_imports_roster_in_background(worker, not_eager, tmp_path):
    school = make_school(code="27009")
    make_class(school=school, name="10A1", school_year=SchoolYearFactory())
    admin = make_user(role=Role.SCHOOL_ADMIN, school=school)
    roster = tmp_path / "ds.csv"
    roster.write_text(
        "Mã trường,Lớp,Họ và tên,Mã định danh\n"
        "27009,10A1,Nguyễn Văn An,2700000001\n"
        "27009,10A1,Trần Thị Bình,2700000002\n",
        encoding="utf-8",
    )
    result = roster_import_task.delay(kind="students", path=str(roster), actor_id=admin.pk)
    outcome = result.get(timeout=60)
    assert outcome == {"kind": "students", "rows": 2, "created": 2, "errors": []}
    assert set(User.objects.filter(role=Role.STUDENT).values_list("full_name", flat=True)) == {
        "Nguyễn Văn An",
        "Trần Thị Bình",
    }
    assert "roster_import_task" in worker.read_text()


def test_wagtail_django_task_runs_on_the_celery_worker(worker, settings):
    """Wagtail's search-index task goes through django-tasks-fennel to the same worker."""
    from modelsearch.tasks import insert_or_update_object_task
    from wagtail.search.models import IndexEntry

    # django-tasks re-reads TASKS when the setting changes.
    settings.TASKS = {"default": {"BACKEND": "config.tasks.CeleryTaskBackend"}}
    subject = Subject.objects.create(code="tn", name="Thử nghiệm")
    topic = Topic.objects.create(subject=subject, grade=10, code="tn-10-c01", name="Đề kiểm tra")
    IndexEntry.objects.all().delete()
    result = insert_or_update_object_task.enqueue("content", "topic", topic.pk)
    deadline = time.monotonic() + 60
    while not IndexEntry.objects.filter(object_id=str(topic.pk)).exists():
        assert time.monotonic() < deadline, worker.read_text()[-3000:]
        time.sleep(0.5)
    assert result.backend == "default"
    assert "insert_or_update_object_task" in worker.read_text()


def test_worker_reads_and_saves_a_question_file(worker, not_eager, tmp_path, settings):
    """Upload → preview task → confirm → save task, both on the real worker."""
    from django.core.files.base import ContentFile

    from question_bank.import_jobs import ImportJob
    from question_bank.models import Question
    from question_bank.tasks import import_commit_task, import_preview_task
    from tests.question_bank.factories import make_bank

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")
    teacher = make_user(role=Role.TEACHER, school=make_school(code="27010"))
    bank = make_bank(teacher)
    job = ImportJob(bank=bank, created_by=teacher, filename="de.txt", submit_for_review=False)
    job.upload.save(
        "de.txt",
        ContentFile(
            "Thủ đô của Việt Nam là\nA. Hà Nội\nB. Huế\nANSWER: A\n\n"
            "Nguyên tố có kí hiệu Fe là\nA. Sắt\nB. Đồng\nANSWER: A\n".encode()
        ),
    )
    report = import_preview_task.delay(job.pk).get(timeout=60)
    assert report["total"] == 2 and report["errors"] == []
    job.refresh_from_db()
    assert job.state == ImportJob.State.PREVIEW and not Question.objects.exists()
    import_commit_task.delay(job.pk).get(timeout=60)
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE, job.report
    assert Question.objects.filter(bank=bank).count() == 2
    assert "import_commit_task" in worker.read_text()


@pytest.mark.browser
def test_worker_renders_every_file_of_a_paper(worker, not_eager, tmp_path, settings):
    """Assembled paper → render task on the real worker → ZIP with PDFs, Word files and keys."""
    import io
    import unicodedata
    import zipfile

    import pypdfium2 as pdfium

    from question_bank.assembly import services
    from question_bank.assembly.models import Paper
    from question_bank.assembly.outputs import output_names
    from question_bank.tasks import render_paper_task
    from tests.question_bank.assembly.bank import toan_bank

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")
    teacher = make_user(role=Role.TEACHER, school=make_school(code="27011"))
    cells = {(1, "biet"): 8, (1, "hieu"): 4, (2, "hieu"): 2, (2, "van_dung"): 2}
    _bank, subject = toan_bank(teacher, {**cells, (3, "hieu"): 2, (3, "van_dung"): 4})
    matrix = services.matrix_create_from_template(
        user=teacher, template="thpt2025-toan", subject=subject, grade=12
    )
    [paper] = services.papers_assemble(
        user=teacher, matrix=matrix, options=services.AssemblyOptions(versions=2, seed=3)
    )
    result = render_paper_task.delay(paper.pk).get(timeout=300)
    paper.refresh_from_db()
    assert paper.render_state == Paper.RenderState.DONE and result["bytes"] > 0
    with paper.output.open("rb") as fh, zipfile.ZipFile(io.BytesIO(fh.read())) as zf:
        names = zf.namelist()
        assert sorted(names) == sorted(output_names(services.paper_assembled(paper)))
        text = "".join(
            page.get_textpage().get_text_range()
            for page in pdfium.PdfDocument(zf.read("de-0102.pdf"))
        )
    text = unicodedata.normalize("NFC", text)
    assert "Mã đề thi: 0102" in text or "0102" in text
    assert "PHẦN I" in text and "PHẦN III" in text and "Câu 12" in text
    assert "render_paper_task" in worker.read_text()


def test_worker_extracts_text_and_cover_of_an_uploaded_pdf(worker, not_eager, tmp_path, settings):
    """Issue 5: a PDF added to the library is processed by the worker after commit."""
    from content.curation import library_item_save
    from content.library_models import LibraryItem, Processing
    from tests.accounts.factories import make_school
    from tests.content.library_helpers import pdf_upload

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")
    teacher = make_user(role=Role.TEACHER, school=make_school())
    item = LibraryItem(
        title="Ôn tập phương trình bậc hai", resource_type="document", file=pdf_upload()
    )
    item.file_kind = "pdf"
    library_item_save(item=item, user=teacher)
    assert LibraryItem.objects.get(pk=item.pk).processing == Processing.PENDING

    deadline = time.monotonic() + 90
    while LibraryItem.objects.get(pk=item.pk).processing == Processing.PENDING:
        assert time.monotonic() < deadline, worker.read_text()
        time.sleep(0.5)
    item.refresh_from_db()
    assert item.processing == Processing.READY, item.processing_error
    assert item.page_count == 3
    assert "Phương trình bậc hai một ẩn" in item.full_text
    assert item.cover.name.endswith(".jpg")
    assert Path(item.cover.path).stat().st_size > 1000
    assert "library_item_process_task" in worker.read_text()
