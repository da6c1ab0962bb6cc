"""Writes on the bank: banks, stimuli, questions, their review and bulk changes.

Keyword-only and typed, as ``content.curation``: each write checks its permission in
:mod:`question_bank.permissions` (raising ``PermissionDenied``) and leaves its audit-log
entry (:mod:`question_bank.audit`), as Wagtail's ``actions`` do; tasks are enqueued after
commit. Views, the admin, the importers, the demo seed and tests go through these.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Revision

from common.sharing import SharingScope
from common.vietnamese import nfc
from curriculum.models import LearningOutcome, Subject, Topic
from question_bank import audit, bulk, permissions
from question_bank.convert import blanks_to_json, question_snapshot
from question_bank.formats.base import ParsedGroup, ParsedQuestion
from question_bank.html import clean_html
from question_bank.images import store_assets
from question_bank.models import (
    Choice,
    CognitiveLevel,
    CognitiveScale,
    Question,
    QuestionBank,
    QuestionVersion,
    Status,
    Stimulus,
)


def default_scale() -> CognitiveScale:
    return CognitiveScale.objects.filter(is_default=True).first() or CognitiveScale.objects.first()


# --- banks and stimuli ---------------------------------------------------------------
def _place(bank: QuestionBank, owner) -> None:
    """Put ``bank`` in its owner's school, district and department (for sharing scope)."""
    school = owner.school
    bank.owner = owner
    bank.school = school
    bank.district_office = (school.district_office if school else None) or owner.district_office
    bank.department = (school.department if school else None) or owner.department
    if bank.confidential:
        bank.scope = SharingScope.PRIVATE
    if bank.scale_id is None:
        bank.scale = default_scale()


def bank_place(*, bank: QuestionBank, user) -> QuestionBank:
    """Make ``user`` the owner of the new, unsaved ``bank`` (an admin form's instance) and
    place it in their area. Raises PermissionDenied unless ``user`` may create it (a
    confidential pool: the exam board only). The caller saves it (and Wagtail's create
    view logs it)."""
    if not permissions.can_create_bank(user, confidential=bank.confidential):
        raise PermissionDenied(_("Bạn không được tạo ngân hàng này."))
    _place(bank, user)
    return bank


@transaction.atomic
def bank_create(
    *,
    owner,
    name: str,
    subject: Subject | None = None,
    scope: str = SharingScope.PRIVATE,
    confidential: bool = False,
    scale: CognitiveScale | None = None,
    members=(),
    description: str = "",
) -> QuestionBank:
    """A bank placed in its owner's school, district and department (for sharing scope).

    Trusted callers only (seeds, tests, benchmarks): ``owner`` is not necessarily the
    acting user, so no permission is checked here; the admin goes through
    :func:`bank_place`. The creation is logged as the owner's."""
    bank = QuestionBank(
        name=name,
        subject=subject,
        scope=scope,
        confidential=confidential,
        scale=scale,
        description=description,
    )
    _place(bank, owner)
    bank.full_clean()
    bank.save()
    bank.members.add(owner, *members)
    audit.log_entry(bank, "wagtail.create", user=owner)
    return bank


@transaction.atomic
def bank_delete(*, user, bank: QuestionBank) -> None:
    """Delete a bank (its questions must be deleted or moved first: they are protected)."""
    if not permissions.can_manage_bank(user, bank):
        raise PermissionDenied(_("Chỉ chủ sở hữu được xoá ngân hàng này."))
    audit.log_entry(bank, "wagtail.delete", user=user)
    bank.delete()


@transaction.atomic
def stimulus_create(
    *, group: ParsedGroup, bank: QuestionBank, user=None, image_cache: dict | None = None
) -> Stimulus:
    """A stimulus in ``bank``; ``user``, when given (a person acting), must edit the bank.
    Seeds and the importer (which checks the bank once for the whole file) pass none."""
    if user is not None and not permissions.can_edit_bank(user, bank):
        raise PermissionDenied(_("Bạn không được thêm ngữ liệu vào ngân hàng này."))
    stimulus = _stimulus(group, bank, image_cache)
    stimulus.save()
    audit.log_entry(stimulus, "wagtail.create", user=user)
    return stimulus


def _stimulus(group: ParsedGroup, bank: QuestionBank, image_cache: dict | None) -> Stimulus:
    """An unsaved stimulus of ``group``, its text as ``Stimulus.save`` leaves it (NFC, trimmed,
    sanitised) so that a bulk insert, which skips ``save``, writes the same row."""
    return Stimulus(
        bank=bank,
        title=nfc(group.title[:255]).strip(),
        content=clean_html(store_assets(bank, group.stimulus, group.assets, image_cache)),
    )


def stimuli_create(
    *, groups: list[ParsedGroup], bank: QuestionBank, user, image_cache: dict | None = None
) -> dict[str, Stimulus]:
    """The stimuli of an import (group key → Stimulus), written in bulk with their
    ``wagtail.create`` entries: the rows :func:`stimulus_create` writes one by one. The
    caller (the importer, in its transaction) has checked that ``user`` edits the bank."""
    stimuli = {g.key: _stimulus(g, bank, image_cache) for g in groups}
    objs = list(stimuli.values())
    bulk.insert(Stimulus, objs)
    audit.log_entries(objs, "wagtail.create", user=user, insert=bulk.insert)
    return stimuli


@transaction.atomic
def stimulus_delete(*, user, stimulus: Stimulus) -> None:
    if not permissions.can_edit_stimulus(user, stimulus):
        raise PermissionDenied(_("Bạn không được xoá ngữ liệu của ngân hàng này."))
    audit.log_entry(stimulus, "wagtail.delete", user=user)
    stimulus.delete()


# --- building questions --------------------------------------------------------------
class Lookup:
    """Caches of curriculum rows and levels used while building many questions."""

    def __init__(self, bank: QuestionBank):
        self.levels = {lv.code: lv for lv in CognitiveLevel.objects.filter(scale=bank.scale_id)}
        self._topics: dict[str, Topic | None] = {}
        self._outcomes: dict[str, LearningOutcome | None] = {}
        self._subjects: dict[str, Subject | None] = {}

    def topic(self, code: str) -> Topic | None:
        if code and code not in self._topics:
            self._topics[code] = Topic.objects.filter(code=code).first()
        return self._topics.get(code)

    def outcome(self, code: str) -> LearningOutcome | None:
        if code and code not in self._outcomes:
            self._outcomes[code] = (
                LearningOutcome.objects.filter(code=code).select_related("lesson").first()
            )
        return self._outcomes.get(code)

    def subject(self, code: str) -> Subject | None:
        if code and code not in self._subjects:
            self._subjects[code] = Subject.objects.filter(code=code).first()
        return self._subjects.get(code)


def question_build(
    *,
    parsed: ParsedQuestion,
    bank: QuestionBank,
    author=None,
    stimulus: Stimulus | None = None,
    lookup: Lookup | None = None,
    topic: Topic | None = None,
    outcome: LearningOutcome | None = None,
    subject: Subject | None = None,
    grade: int | None = None,
    source: str = "",
    image_cache: dict | None = None,
) -> Question:
    """An unsaved Question (with its choices attached) from a portable question. Writes
    nothing but the question's images; :func:`question_save_draft` or
    :func:`questions_bulk_save` save it, with their checks."""
    lookup = lookup or Lookup(bank)

    def html(value: str) -> str:
        return clean_html(store_assets(bank, value, parsed.assets, image_cache))

    if outcome is not None and topic is None:
        topic = outcome.lesson.topic
    question = Question(
        bank=bank,
        stimulus=stimulus,
        qtype=parsed.qtype.value,
        stem=html(parsed.stem),
        solution=html(parsed.solution),
        general_feedback=html(parsed.general_feedback),
        marking_guide=html(parsed.marking_guide),
        numeric_answer=parsed.numeric_answer,
        tolerance=parsed.tolerance or 0,
        case_sensitive=parsed.case_sensitive,
        blanks=blanks_to_json(parsed.blanks),
        points=parsed.points,
        part=parsed.part,
        topic=topic,
        outcome=outcome,
        subject=subject or (topic.subject if topic else None) or bank.subject,
        grade=grade or (topic.grade if topic else None),
        level=lookup.levels.get(parsed.level),
        difficulty=parsed.difficulty,
        source=source[:255],
        source_id=parsed.source_id[:255],
        author=author,
        keep_option_order=parsed.keep_option_order,
        keep_position=parsed.keep_position,
        shuffle_statements=parsed.shuffle_statements,
        needs_review="\n".join(parsed.needs_review),
        status=Status.DRAFT,
    )
    question.choices = [
        Choice(
            text=html(c.text),
            correct=c.correct,
            fraction=c.fraction,
            feedback=html(c.feedback),
            fixed=c.fixed,
            match=html(c.match),
            ident=c.ident[:100],
            sort_order=i,
        )
        for i, c in enumerate(parsed.choices)
    ]
    # Blanks keep their answers as JSON; sanitise their HTML too.
    for blank in question.blanks:
        for answer in blank["answers"]:
            for key in ("text", "feedback", "match"):
                answer[key] = clean_html(answer.get(key, ""))
    tags = [t for t in parsed.tags if t.strip()]
    tags += [c for c in parsed.category[-1:] if c.strip()]
    # Applied on save (one by one) or in bulk; taggit's set() costs a query per question.
    question._pending_tags = [t.strip()[:100] for t in dict.fromkeys(tags)]
    return question


@transaction.atomic
def question_save_draft(*, question: Question, user=None, log_action: bool = True) -> Question:
    """Save a new or edited question as a draft revision (the live row only if it is new).

    ``user``, when given, must edit the question's bank (and its stimulus's); the revision
    is logged (``wagtail.create`` or ``wagtail.edit``) as theirs unless ``log_action`` is
    false (the admin's own views log their saves)."""
    if user is not None:
        question_check_edit(question=question, user=user)
    if pending := getattr(question, "_pending_tags", None):
        question.tags.set(pending)
        question._pending_tags = None
    action = "wagtail.create" if question.pk is None else "wagtail.edit"
    if question.pk is None:
        question.live = False
        question.save()
    revision = question.save_revision(user=user, log_action=log_action and action, clean=False)
    fingerprint_update(question=question)
    return revision


def question_check_edit(*, question: Question, user) -> None:
    """Raise PermissionDenied unless ``user`` may write ``question`` into its bank (and
    attach its stimulus)."""
    if not permissions.can_edit_bank(user, question.bank):
        raise PermissionDenied(_("Bạn không được thêm câu hỏi vào ngân hàng này."))
    if question.stimulus_id is not None and not permissions.can_edit_stimulus(
        user, question.stimulus
    ):
        raise PermissionDenied(_("Bạn không được dùng ngữ liệu này."))
    if question.pk is not None:
        stored = Question.objects.filter(pk=question.pk).values_list("bank_id", flat=True).first()
        if stored is not None and not permissions.editable_banks(user).filter(pk=stored).exists():
            raise PermissionDenied(_("Bạn không được sửa câu hỏi này."))


def fingerprint_update(*, question: Question) -> None:
    """Store the question's duplicate fingerprint (derived data: no check, no log)."""
    Question.objects.filter(pk=question.pk).update(fingerprint=question.compute_fingerprint())


# --- review and versions -------------------------------------------------------------
def _submit(question: Question, user) -> None:
    if question.latest_revision_id is None:
        question.save_revision(user=user, clean=False)
    workflow = question.get_workflow()
    if workflow is None:
        raise ValidationError(_("Chưa có quy trình duyệt câu hỏi (workflow) nào được bật."))
    state = question.current_workflow_state
    if state is not None:
        if state.status == state.STATUS_NEEDS_CHANGES:
            # Wagtail keeps the rejected run open: resubmitting resumes it at the same task
            # (and logs the resumption itself).
            question.save_revision(user=user, clean=False)
            state.resume(user)
            Question.objects.filter(pk=question.pk).update(status=Status.SUBMITTED)
        return
    workflow.start(question, user)  # logs wagtail.workflow.start


@transaction.atomic
def question_submit(*, question: Question, user) -> None:
    """Send the latest revision to the subject group's review workflow (its editors only)."""
    if not permissions.editable_questions(user).filter(pk=question.pk).exists():
        raise PermissionDenied(_("Bạn không được gửi duyệt câu hỏi này."))
    _submit(question, user)


@transaction.atomic
def question_review(*, question: Question, user, approve: bool, comment: str = "") -> None:
    """Approve (publishes a new version) or request changes, with a comment, as a reviewer.
    Wagtail's workflow logs the decision (``wagtail.workflow.approve``/``reject``)."""
    if not permissions.can_review_question(user, question):
        raise PermissionDenied(_("Bạn không có quyền duyệt câu hỏi này."))
    state = question.current_workflow_state
    if state is None or state.status != state.STATUS_IN_PROGRESS:
        _submit(question, user)
        question = Question.objects.get(pk=question.pk)
    state = question.current_workflow_state
    task_state = state.current_task_state
    task = task_state.task.specific
    task.on_action(task_state, user, "approve" if approve else "reject", comment=comment)


@transaction.atomic
def question_approve_directly(*, question: Question, user) -> None:
    """Publish the latest revision at once, without review: trusted callers only (the
    demo, trusted imports, tests), for a user who edits the question's bank. Logged as
    ``wagtail.publish``."""
    if not permissions.can_edit_bank(user, question.bank):
        raise PermissionDenied(_("Bạn không được duyệt câu hỏi này."))
    revision = question.latest_revision or question.save_revision(user=user, clean=False)
    revision.publish(user=user, log_action=True, skip_permission_checks=True)


@transaction.atomic
def version_record(
    *, question: Question, user=None, revision: Revision | None = None
) -> QuestionVersion | None:
    """Snapshot the live question as a new immutable version, unless nothing changed.

    Called on publication (``question_bank.review``), which is checked and logged."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    data = question_snapshot(question)
    latest = question.versions.order_by("-number").first()
    if latest is not None and latest.content_hash == QuestionVersion.hash_of(data):
        return latest
    return QuestionVersion.objects.create(
        question=question,
        number=(latest.number + 1) if latest else 1,
        data=data,
        revision=revision,
        approved_by=user,
    )


# --- bulk changes (admin bulk actions) -----------------------------------------------
def _change_metadata(question: Question, change) -> None:
    """Apply a metadata change (bank, tags) to the live row and to the latest revision, so
    a later approval of that revision doesn't undo it. No review is needed for metadata."""
    change(question)
    question.save()
    revision = question.latest_revision
    if revision is not None:
        draft = revision.as_object()
        change(draft)
        revision.content = draft.serializable_data()
        revision.save(update_fields=["content"])


def _check_editable(questions, user) -> list[Question]:
    """The questions, if ``user`` may edit every one of them; else PermissionDenied (nothing
    is changed: a bulk change is all or nothing)."""
    questions = list(questions)
    allowed = set(
        permissions.editable_questions(user)
        .filter(pk__in=[q.pk for q in questions])
        .values_list("pk", flat=True)
    )
    if any(q.pk not in allowed for q in questions):
        raise PermissionDenied(_("Bạn không được sửa một số câu hỏi đã chọn."))
    return questions


@transaction.atomic
def questions_move(*, questions, bank: QuestionBank, user) -> int:
    if not permissions.can_edit_bank(user, bank):
        raise PermissionDenied(_("Bạn không được thêm câu hỏi vào ngân hàng này."))
    questions = _check_editable(questions, user)
    for question in questions:

        def change(obj):
            obj.bank = bank
            if obj.level_id and obj.level.scale_id != bank.scale_id:
                obj.level = CognitiveLevel.objects.filter(
                    scale=bank.scale, code=obj.level.code
                ).first()

        _change_metadata(question, change)
    audit.log_entries(questions, "question_bank.move", user=user, data={"bank": bank.pk})
    return len(questions)


@transaction.atomic
def questions_tag(*, questions, tags: list[str], user) -> int:
    questions = _check_editable(questions, user)
    for question in questions:
        _change_metadata(question, lambda obj: obj.tags.add(*tags))
    audit.log_entries(questions, "question_bank.tag", user=user, data={"tags": list(tags)})
    return len(questions)


@transaction.atomic
def questions_delete(*, user, questions) -> int:
    questions = _check_editable(questions, user)
    audit.log_entries(questions, "wagtail.delete", user=user)
    Question.objects.filter(pk__in=[q.pk for q in questions]).delete()
    return len(questions)


# --- bulk creation (imports, the demo) ---------------------------------------------------
def _check_bulk_banks(questions: list[Question], user) -> None:
    bank_ids = {q.bank_id for q in questions}
    if permissions.editable_banks(user).filter(pk__in=bank_ids).count() != len(bank_ids):
        raise PermissionDenied(_("Bạn không được thêm câu hỏi vào ngân hàng này."))


def _bulk_save_rows(questions: list[Question], user, *, approve: bool, submit: bool) -> None:
    now = timezone.now()
    children = bulk.questions_insert(questions)
    labels = [str(q)[:255] for q in questions]  # the revision's and the log entry's
    revisions = bulk.revisions_create(questions, children, labels, user, now)
    fields = ["latest_revision"]
    if approve:
        fields += bulk.revisions_publish(questions, revisions, user, now)
    elif submit:
        fields += bulk.workflows_start(questions, revisions, user)
    bulk.questions_update(questions, fields)
    audit.log_entries(questions, "wagtail.create", user=user, labels=labels, insert=bulk.insert)


@transaction.atomic
def questions_bulk_save(
    *,
    questions: list[Question],
    user,
    approve: bool = False,
    submit: bool = False,
    index: bool = True,
) -> list[Question]:
    """Save many built questions in a few queries, with the same rows the one-by-one path
    writes: the question, its choices and tags, a Wagtail revision, and then either a
    published state with version 1 (``approve``: trusted callers, the demo and imports
    that approve) or an in-progress review workflow (``submit``); one ``wagtail.create``
    log entry each. ``user`` must edit every bank the questions go to."""
    if not questions:
        return []
    _check_bulk_banks(questions, user)
    with bulk.cyclic_gc_paused():
        _bulk_save_rows(questions, user, approve=approve, submit=submit)
    if index:
        # Index after the commit, on a worker: the import's transaction stays short and a
        # rolled-back import never reaches the search engine.
        from question_bank.tasks import index_questions_task

        ids = [q.pk for q in questions]
        transaction.on_commit(lambda: index_questions_task.delay(ids))
    return questions
