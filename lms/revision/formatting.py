"""How revision pages write numbers and dates for Vietnamese readers: per cents with a
decimal comma, dates dd/mm/yyyy and times in Asia/Ho_Chi_Minh."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from lms.revision.scheduler import LOCAL_TZ


def percent_text(value: float | None) -> str:
    """A mastery as Vietnamese write it: "72,5 %", "80 %" (decimal comma, vi locale)."""
    if value is None:
        return "–"
    shown = Decimal(str(value * 100)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if shown == shown.to_integral_value():
        shown = shown.quantize(Decimal(1))
    with translation.override("vi"):
        return f"{number_format(shown, use_l10n=True)} %"


def local_date(when) -> str:
    """A moment (or a date) in Asia/Ho_Chi_Minh as dd/mm/yyyy."""
    if when is None:
        return ""
    if isinstance(when, dt.datetime):
        when = timezone.localtime(when, LOCAL_TZ).date()
    return when.strftime("%d/%m/%Y")


def local_time(when) -> str:
    """HH:MM dd/mm/yyyy in Asia/Ho_Chi_Minh."""
    return timezone.localtime(when, LOCAL_TZ).strftime("%H:%M %d/%m/%Y") if when else ""


def due_text(when, today=None) -> str:
    """When an outcome comes back: "hôm nay", "hôm nay (quá hạn từ 24/11/2026)" or a date."""
    if when is None:
        return ""
    day = timezone.localtime(when, LOCAL_TZ).date()
    today = today or timezone.localtime(timezone.now(), LOCAL_TZ).date()
    if day == today:
        return _("hôm nay")
    if day < today:
        return _("hôm nay (quá hạn từ %(day)s)") % {"day": local_date(day)}
    return local_date(day)
