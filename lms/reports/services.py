"""Writes of the reports: recording a class's online periods of a week."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.models import Role, TeachingAssignment
from lms import permissions
from lms.reports.models import OnlinePeriods


@transaction.atomic
def online_periods_record(
    *, user, school_class, subject, week: dt.date, mode: str, periods: int, note: str = ""
) -> OnlinePeriods:
    """Record (or correct) the online periods of ``subject`` in ``school_class`` in the week
    of ``week``: by a teacher of that subject in the class, or the school's admin."""
    if not permissions.can_record_online_periods(user, school_class):
        raise PermissionDenied(_("Bạn không ghi tiết dạy cho lớp này."))
    if (
        user.role == Role.TEACHER
        and not user.is_superuser
        and not TeachingAssignment.objects.filter(
            teacher=user, school_class=school_class, subject=subject
        ).exists()
    ):
        raise ValidationError(
            {"subject": _("Bạn không dạy môn này ở lớp %(name)s.") % {"name": school_class.name}}
        )
    monday = week - dt.timedelta(days=week.weekday())
    year = school_class.school_year
    if not (year.start_date <= monday + dt.timedelta(days=6) and monday <= year.end_date):
        raise ValidationError(
            {"week": _("Tuần này không thuộc năm học %(year)s.") % {"year": year.name}}
        )
    record, _created = OnlinePeriods.objects.update_or_create(
        school_class=school_class,
        subject=subject,
        week_start=monday,
        mode=mode,
        defaults={"periods": periods, "note": note, "recorded_by": user},
    )
    log(record, "lms.reports.online_periods", user=user, data={"periods": periods})
    return record
