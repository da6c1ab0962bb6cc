"""Writes of the gradebook: marks entered by hand, filled from an assignment's or exam's
scores, imported from XLSX; term locks. Keyword-only; each checks
:mod:`lms.permissions`, refuses a locked term with its reason, runs in one transaction
(a refused batch saves nothing) and keeps its trail: a :class:`MarkChange` per changed
mark, a Wagtail log entry per batch, lock and unlock.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.models import Enrolment, SchoolClass
from lms import permissions
from lms.gradebook.models import Mark, MarkChange, MarkSource, Term, TermLock
from lms.gradebook.rules import Rules, rules_for
from lms.gradebook.values import BadValue, column_label, parse_mark

LOCK_ACTION = "lms.gradebook.lock"
UNLOCK_ACTION = "lms.gradebook.unlock"
SAVE_ACTION = "lms.gradebook.save"

#: A cell: (student id, column) → a mark (Decimal), a verdict (bool) or None to clear.
Entries = dict[tuple[int, str], "Decimal | bool | None"]


def class_rules(school_class: SchoolClass) -> Rules:
    return rules_for(school_year=school_class.school_year, grade=school_class.grade)


def term_lock_of(school_class: SchoolClass, term: int) -> TermLock | None:
    return (
        TermLock.objects.filter(
            school_id=school_class.school_id, school_year_id=school_class.school_year_id, term=term
        )
        .select_related("locked_by", "school_year")
        .first()
    )


def lock_reason(lock: TermLock) -> str:
    """Why a locked term refuses an edit, in a sentence for the person."""
    when = timezone.localtime(lock.locked_at).strftime("%d/%m/%Y %H:%M")
    message = _(
        "%(term)s năm học %(year)s đã khoá sổ (%(who)s, %(when)s); không sửa được điểm."
    ) % {
        "term": Term(lock.term).label,
        "year": lock.school_year.name,
        "who": lock.locked_by.get_full_name() if lock.locked_by else _("quản trị trường"),
        "when": when,
    }
    if lock.reason:
        message += " " + _("Lý do: %(reason)s") % {"reason": lock.reason}
    return message


def check_unlocked(school_class: SchoolClass, term: int) -> None:
    lock = term_lock_of(school_class, term)
    if lock is not None:
        raise ValidationError(lock_reason(lock), code="locked")


def _check_entries(
    entries: Entries, *, rules: Rules, columns: list[str], comment: bool, students: set[int]
) -> dict[str, list[str]]:
    """Each wrong cell's reason, keyed "<student id>:<column>"."""
    errors: dict[str, list[str]] = {}
    for (student_id, column), value in entries.items():
        key = f"{student_id}:{column}"
        if student_id not in students:
            errors[key] = [_("Học sinh không thuộc lớp này.")]
        elif column not in columns:
            errors[key] = [_("Môn này không có cột %(column)s.") % {"column": column_label(column)}]
        elif value is None:
            continue
        elif comment and not isinstance(value, bool):
            errors[key] = [_("Môn đánh giá bằng nhận xét chỉ nhận Đạt hoặc Chưa đạt.")]
        elif not comment:
            if isinstance(value, bool):
                errors[key] = [_("Môn này đánh giá bằng điểm số.")]
                continue
            try:
                parse_mark(value, rules)
            except BadValue as error:
                errors[key] = [str(error)]
    return errors


@transaction.atomic
def marks_save(
    *,
    user,
    school_class: SchoolClass,
    subject,
    term: int,
    entries: Entries,
    source: str = MarkSource.MANUAL,
    note: str = "",
) -> int:
    """Enter, change or clear (None) marks of one class × subject × term; returns how many
    changed. Refused whole (PermissionDenied, or ValidationError with each cell's reason
    keyed "<student id>:<column>") when the user does not teach the subject there, the
    term is locked, a student is not in the class or a value is not a mark."""
    if not permissions.can_edit_gradebook(user, school_class, subject):
        raise PermissionDenied(_("Bạn không dạy môn này ở lớp này."))
    if term not in Term.values:
        raise ValidationError(_("Học kỳ không hợp lệ."))
    check_unlocked(school_class, term)
    rules = class_rules(school_class)
    comment = rules.is_comment(subject)
    students = set(
        Enrolment.objects.filter(
            school_class=school_class, student_id__in={s for s, _c in entries}
        ).values_list("student_id", flat=True)
    )
    columns = rules.columns(subject, school_class.grade)
    errors = _check_entries(
        entries, rules=rules, columns=columns, comment=comment, students=students
    )
    if errors:
        raise ValidationError(errors)
    changed = _write(
        user=user,
        school_class=school_class,
        subject=subject,
        term=term,
        entries=entries,
        comment=comment,
        source=source,
        note=note,
    )
    if changed:
        log(
            school_class,
            SAVE_ACTION,
            user=user,
            data={"subject": subject.pk, "term": term, "source": source, "changed": changed},
        )
    return changed


def _write(*, user, school_class, subject, term, entries, comment, source, note) -> int:
    """Upsert the cells that differ, each with its history row (a few queries per batch)."""
    now = timezone.now()
    existing = {
        (m.student_id, m.column): m
        for m in Mark.objects.select_for_update().filter(
            school_class=school_class,
            subject=subject,
            term=term,
            student_id__in={s for s, _c in entries},
        )
    }
    new, updated, history = [], [], []
    for (student_id, column), value in entries.items():
        mark = existing.get((student_id, column))
        old = (mark.value, mark.passed) if mark else (None, None)
        new_value = None if comment or value is None else Decimal(value)
        new_passed = value if comment else None
        if (new_value, new_passed) == old:
            continue
        if mark is None:
            mark = Mark(
                school_class=school_class,
                subject=subject,
                term=term,
                student_id=student_id,
                column=column,
            )
            new.append(mark)
        else:
            updated.append(mark)
        mark.value, mark.passed = new_value, new_passed
        mark.source, mark.note, mark.entered_by, mark.entered_at = source, note[:200], user, now
        history.append((mark, old))
    Mark.objects.bulk_create(new)
    Mark.objects.bulk_update(
        updated, ["value", "passed", "source", "note", "entered_by", "entered_at"]
    )
    MarkChange.objects.bulk_create(
        MarkChange(
            mark=mark,
            old_value=old[0],
            new_value=mark.value,
            old_passed=old[1],
            new_passed=mark.passed,
            source=source,
            note=note[:200],
            by=user,
            at=now,
        )
        for mark, old in history
    )
    return len(history)


def mark_set(*, user, school_class, subject, term: int, student, column: str, value) -> int:
    """One mark by hand (None clears it); see :func:`marks_save`."""
    return marks_save(
        user=user,
        school_class=school_class,
        subject=subject,
        term=term,
        entries={(student.pk, column): value},
    )


def gradebook_column_fill(
    *,
    user,
    school_class: SchoolClass,
    subject,
    term: int,
    column: str,
    scores: dict[int, Decimal],
    scale_max: Decimal,
    note: str = "",
) -> int:
    """Put an assignment's or an exam's scores into one column: ``scores`` maps student
    ids to a score on its own scale (0–``scale_max``), converted to the gradebook's scale
    and rounded by the rules (TT22: one decimal, half up). Refused whole like
    :func:`marks_save` (a score above ``scale_max`` is a wrong cell there)."""
    scale_max = Decimal(scale_max)
    if scale_max <= 0:
        raise ValidationError(_("Thang điểm gốc phải lớn hơn 0."))
    rules = class_rules(school_class)
    if rules.is_comment(subject):
        raise ValidationError(_("Môn đánh giá bằng nhận xét không nhận điểm số."))
    entries: Entries = {}
    for student_id, score in scores.items():
        entries[(int(student_id), column)] = rules.to_scale(Decimal(score), scale_max)
    return marks_save(
        user=user,
        school_class=school_class,
        subject=subject,
        term=term,
        entries=entries,
        source=MarkSource.FILL,
        note=note,
    )


@transaction.atomic
def term_lock(*, user, school, school_year, term: int, reason: str = "") -> TermLock:
    """Lock a school's term: from now on every edit of its marks is refused, with ``reason``."""
    if not permissions.can_lock_terms(user, school):
        raise PermissionDenied(_("Bạn không được khoá sổ điểm của trường này."))
    if term not in Term.values:
        raise ValidationError(_("Học kỳ không hợp lệ."))
    lock, created = TermLock.objects.get_or_create(
        school=school,
        school_year=school_year,
        term=term,
        defaults={"reason": reason[:200], "locked_by": user, "locked_at": timezone.now()},
    )
    if created:
        log(
            school,
            LOCK_ACTION,
            user=user,
            data={"school_year": school_year.pk, "term": term, "reason": reason},
        )
    return lock


@transaction.atomic
def term_unlock(*, user, school, school_year, term: int) -> bool:
    """Open a locked term again; False when it was not locked."""
    if not permissions.can_lock_terms(user, school):
        raise PermissionDenied(_("Bạn không được mở khoá sổ điểm của trường này."))
    deleted, _rows = TermLock.objects.filter(
        school=school, school_year=school_year, term=term
    ).delete()
    if deleted:
        log(school, UNLOCK_ACTION, user=user, data={"school_year": school_year.pk, "term": term})
    return bool(deleted)


__all__ = [
    "check_unlocked",
    "class_rules",
    "gradebook_column_fill",
    "lock_reason",
    "mark_set",
    "marks_save",
    "term_lock",
    "term_unlock",
]
