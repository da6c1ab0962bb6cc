"""Importing question files: parse → preview → (teacher confirms) → save everything or nothing.

The preview lists how many questions of each type were found, every problem as
"Câu 12: không có đáp án đúng được đánh dấu", the questions flagged for review, and
near-duplicates (same normalised text) inside the file and against the bank. Saving
takes the preview's reading of the same bytes (:mod:`.import_reading`; or reads them
again), checks everything again, refuses if there is any error, and writes in one
transaction.
"""

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from common.db import statistics_refresh_on_commit
from question_bank import audit, import_reading, permissions, services
from question_bank.formats.base import (
    QTYPE_LABELS,
    ImportRejected,
    ParseResult,
    Problem,
    QType,
    validate_question,
)
from question_bank.formats.registry import FORMAT_LABELS
from question_bank.html import fingerprint
from question_bank.images import ImageError, normalise_image
from question_bank.import_fixes import apply_fixes
from question_bank.import_jobs import ImportJob
from question_bank.models import (
    Choice,
    Question,
    QuestionBank,
    QuestionTag,
    QuestionVersion,
    Stimulus,
)

PROGRESS_EVERY = 200


class ImportBlocked(ValueError):
    """The file has errors (or was refused); nothing was saved."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems[:5]))
        self.problems = problems


@dataclass
class Preview:
    filename: str
    format: str
    total: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    needs_review: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    groups: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and self.total > 0

    def as_dict(self) -> dict:
        return {
            "filename": self.filename,
            "format": self.format,
            "format_label": FORMAT_LABELS.get(self.format, self.format),
            "total": self.total,
            "counts": self.counts,
            "counts_labelled": [
                (str(QTYPE_LABELS[QType(k)]), v) for k, v in sorted(self.counts.items())
            ],
            "errors": self.errors,
            "warnings": self.warnings,
            "needs_review": self.needs_review,
            "duplicates": self.duplicates,
            "groups": self.groups,
            "ok": self.ok,
        }


def import_job_files_delete(*, job) -> None:
    """Delete the files of an import that will not be saved (rejected or failed).

    A refused upload is not kept anywhere: whatever it carried (an HTML page, an SVG with a
    script) cannot be fetched later. The job row keeps its name and report for the page.
    """
    storage = job.upload.storage
    names = {entry["path"] for entry in job.extra_files or []}
    if job.upload:
        names.add(job.upload.name)
    for name in names:
        storage.delete(name)
    job.upload, job.extra_files = "", []
    type(job).objects.filter(pk=job.pk).update(upload="", extra_files=[])


ORPHAN_MESSAGE = (
    "ngữ liệu chung của câu này (đoạn văn, hình, bảng) không đọc được; hãy bỏ qua cả câu này"
    " hoặc sửa ngữ liệu trong tệp"
)


def parse_checked(
    filename: str,
    data: bytes,
    *,
    files: Mapping[str, bytes] | None = None,
    reading_key: str = "",
    keep: bool = False,
) -> ParseResult:
    """Parse and add the common validation rules (a parser may have skipped some).
    ``reading_key``/``keep``: the reading kept between preview and save (:mod:`.import_reading`)."""
    result = import_reading.read(filename, data, files=files, key=reading_key, keep=keep)
    check = QuestionCheck()
    rejected = {id(q) for _i, q in result.rejected}
    groups = {g.key for g in result.groups}
    ordered = result.in_file_order()
    keep, result.rejected = [], []
    for i, q in enumerate(ordered):
        reasons = [] if id(q) in rejected else check(q)
        if q.group and q.group not in groups and id(q) not in rejected:
            # Its passage could not be read: never saved without it (left out, or the file fixed).
            reasons.append(ORPHAN_MESSAGE)
        if reasons:
            result.problems.extend(Problem(q.ref, r) for r in reasons)
        if reasons or id(q) in rejected:
            result.rejected.append((i, q))
        else:
            keep.append(q)
    result.questions = keep
    return result


class QuestionCheck:
    """The common rules of a question and its pictures (each picture checked once)."""

    def __init__(self):
        self.images: dict[int, str | None] = {}

    def __call__(self, q) -> list[str]:
        reasons = validate_question(q)
        for name, blob in q.assets.items():
            key = hash(blob)
            if key not in self.images:
                try:
                    normalise_image(name, blob)
                    self.images[key] = None
                except ImageError as exc:
                    self.images[key] = str(exc)
            if self.images[key]:
                reasons.append(self.images[key])
        return reasons


def build_preview(
    filename: str, data: bytes, bank: QuestionBank, user, *, files=None, reading_key: str = ""
) -> tuple[Preview, ParseResult | None]:
    try:
        result = parse_checked(filename, data, files=files, reading_key=reading_key, keep=True)
    except ImportRejected as exc:
        return Preview(filename=filename, format="", errors=[str(exc)]), None
    preview = Preview(filename=filename, format=result.format)
    preview.total = len(result.questions)
    preview.counts = result.counts_by_type()
    preview.errors = [str(p) for p in result.errors]
    preview.warnings = [str(p) for p in result.warnings]
    preview.groups = len(result.groups)
    preview.needs_review = [
        f"{q.ref}: {'; '.join(q.needs_review)}" for q in result.questions if q.needs_review
    ]
    if not result.questions and not preview.errors:
        preview.errors.append(f"Tệp {filename}: không tìm thấy câu hỏi nào")
    # Near-duplicates: inside the file, and against questions the user can see.
    seen: dict[str, str] = {}
    prints = {}
    for q in result.questions:
        fp = fingerprint(q.stem, (c.text for c in q.choices))
        prints[fp] = q.ref
        if fp in seen:
            preview.duplicates.append(f"{q.ref}: trùng nội dung với {seen[fp]} trong cùng tệp")
        else:
            seen[fp] = q.ref
    existing = (
        permissions.visible_questions(user)
        .filter(fingerprint__in=list(prints))
        .values_list("fingerprint", "pk", "bank__name")
    )
    for fp, pk, bank_name in existing.iterator():
        preview.duplicates.append(
            f"{prints[fp]}: gần trùng với câu hỏi #{pk} đã có trong ngân hàng “{bank_name}”"
        )
    return preview, result


def _leave_out(result: ParseResult, refs: set[str]) -> list[dict]:
    """Drop the questions named in ``refs`` and their problems; what was left out and why."""
    if not refs:
        return []
    reasons: dict[str, list[str]] = {}
    kept = []
    for p in result.problems:
        if p.where in refs:
            reasons.setdefault(p.where, []).append(p.message)
        else:
            kept.append(p)
    result.problems = kept
    questions = []
    for q in result.questions:
        if q.ref in refs:
            reasons.setdefault(q.ref, [])
        else:
            questions.append(q)
    result.questions = questions
    return [{"where": ref, "reasons": reasons.get(ref, [])} for ref in sorted(reasons)]


@dataclass
class ImportSummary:
    created: int
    stimuli: int
    question_ids: list[int]


def _to_save(filename, data, files, leave_out, fixes, key) -> tuple[ParseResult, list, list]:
    """The file read again and checked, with the teacher's fixes applied and the questions
    left out removed: (result, what was left out and why, the fixes applied); ImportBlocked
    when a problem remains or nothing is left."""
    try:
        result = parse_checked(filename, data, files=files, reading_key=key)
    except ImportRejected as exc:
        raise ImportBlocked([str(exc)]) from exc
    refs = set(leave_out)
    fixed = apply_fixes(
        result,
        {k: f for k, f in (fixes or {}).items() if f.get("ref") not in refs},
        QuestionCheck(),
    )
    left_out = _leave_out(result, refs)
    used = {q.group for q in result.questions if q.group}
    result.groups = [g for g in result.groups if g.key in used]
    if result.errors:
        raise ImportBlocked([str(p) for p in result.errors])
    if not result.questions:
        raise ImportBlocked([f"Tệp {filename}: không tìm thấy câu hỏi nào"])
    return result, left_out, fixed


def import_commit(
    filename: str,
    data: bytes,
    bank: QuestionBank,
    user,
    *,
    files=None,
    submit_for_review: bool = False,
    approve: bool = False,
    topic=None,
    progress: Callable[[int, int], None] | None = None,
    import_job=None,
    leave_out: Collection[str] = (),
    fixes: Mapping[str, dict] | None = None,
    reading_key: str = "",
) -> ImportSummary:
    """Save every question of the file, or nothing (ImportBlocked with the reasons); each
    records ``import_job`` when given. ``leave_out``: refs of questions the teacher chose not
    to save, whose problems no longer block the rest (the audit entry records them and why).
    ``fixes``: the preview page's fixes by position in the file (:mod:`.import_fixes`), each
    checked again and recorded in the audit entry. ``reading_key``: the preview's reading."""
    if not permissions.can_edit_bank(user, bank):
        raise ImportBlocked(["Bạn không được thêm câu hỏi vào ngân hàng này."])
    result, left_out, fixed = _to_save(filename, data, files, leave_out, fixes, reading_key)
    total = len(result.questions)
    created: list[int] = []
    try:
        with transaction.atomic():
            cache: dict = {}
            lookup = services.Lookup(bank)
            stimuli = services.stimuli_create(
                groups=result.groups, bank=bank, user=user, image_cache=cache
            )
            built = []
            for i, parsed in enumerate(result.questions, start=1):
                built.append(
                    services.question_build(
                        parsed=parsed,
                        bank=bank,
                        author=user,
                        stimulus=stimuli.get(parsed.group),
                        lookup=lookup,
                        topic=topic,
                        source=filename,
                        image_cache=cache,
                    )
                )
                built[-1].import_job = import_job
                if progress and i % PROGRESS_EVERY == 0:
                    progress(i, total)
            services.questions_bulk_save(
                questions=built, user=user, approve=approve, submit=submit_for_review
            )
            created = [q.pk for q in built]
            audit.log_entry(
                bank,
                "question_bank.import",
                user=user,
                data={
                    "filename": filename,
                    "created": len(created),
                    "job": import_job.pk if import_job else None,
                    "left_out": left_out,
                    "fixes": fixed,
                },
            )
            if progress:
                progress(total, total)
    except ImportRejected as exc:
        raise ImportBlocked([str(exc)]) from exc
    import_reading.forget(reading_key)
    # A bulk load: fresh planner statistics once committed (common.db).
    statistics_refresh_on_commit(tables=[Question, Choice, QuestionTag, QuestionVersion, Stimulus])
    return ImportSummary(created=len(created), stimuli=len(result.groups), question_ids=created)


def question_ids_of_bank(bank: QuestionBank) -> list[int]:
    return list(Question.objects.filter(bank=bank).values_list("pk", flat=True))


# --- import jobs (the admin's upload → preview → confirm) --------------------------------
def _check_job_bank(user, bank: QuestionBank) -> None:
    if not permissions.can_edit_bank(user, bank):
        raise PermissionDenied(_("Bạn không được thêm câu hỏi vào ngân hàng này."))


@transaction.atomic
def import_job_create(
    *,
    user,
    bank: QuestionBank,
    upload,
    extra_files=(),
    submit_for_review: bool = False,
    default_topic=None,
) -> ImportJob:
    """Store an uploaded question file (and the images beside it) as a new job and read it
    for its preview on a worker once the job is committed."""
    from question_bank.tasks import import_preview_task

    _check_job_bank(user, bank)
    job = ImportJob(
        bank=bank,
        created_by=user,
        filename=upload.name[:255],
        submit_for_review=submit_for_review,
        default_topic=default_topic,
    )
    # Private storage: an upload is read by the import task and never served back.
    job.upload.save(upload.name, upload, save=False)
    storage = job.upload.storage
    extra = []
    for f in extra_files:
        path = storage.save(f"question_imports/extra/{f.name}", ContentFile(f.read()))
        extra.append({"name": f.name, "path": path})
        extra.append({"name": f"images/{f.name}", "path": path})
    job.extra_files = extra
    job.save()
    audit.log_entry(
        bank,
        "question_bank.import.upload",
        user=user,
        data={"job": job.pk, "filename": job.filename},
    )
    transaction.on_commit(lambda: import_preview_task.delay(job.pk))
    return job


@transaction.atomic
def import_job_confirm(*, user, job: ImportJob) -> bool:
    """Save a previewed job's questions, on a worker once confirmed; False (nothing done)
    unless the job waits for confirmation."""
    from question_bank.tasks import import_commit_task

    if not permissions.can_use_import_job(user, job):
        raise PermissionDenied(_("Bạn không được xác nhận lượt nhập này."))
    updated = ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.PREVIEW).update(
        state=ImportJob.State.SAVING
    )
    if not updated:
        return False
    job.state = ImportJob.State.SAVING
    audit.log_entry(job.bank, "question_bank.import.confirm", user=user, data={"job": job.pk})
    transaction.on_commit(lambda: import_commit_task.delay(job.pk))
    return True
