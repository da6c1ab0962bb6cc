"""The form of a week's online periods: classes narrowed to those the user records for, on
GET and on POST (:func:`lms.permissions.online_period_classes`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from curriculum.models import Subject
from lms import permissions
from lms.reports.models import PeriodMode


class OnlinePeriodsForm(forms.Form):
    school_class = forms.ModelChoiceField(queryset=None, label=_("Lớp"))
    subject = forms.ModelChoiceField(queryset=Subject.objects.all(), label=_("Môn"))
    week = forms.DateField(
        label=_("Một ngày trong tuần (dd/mm/yyyy)"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": _("Ngày không hợp lệ: hãy viết dd/mm/yyyy.")},
    )
    mode = forms.ChoiceField(choices=PeriodMode.choices, label=_("Hình thức"))
    periods = forms.IntegerField(
        min_value=0,
        max_value=50,
        label=_("Số tiết trong tuần"),
        error_messages={
            "min_value": _("Số tiết không được âm."),
            "max_value": _("Số tiết một tuần không quá 50."),
        },
    )
    note = forms.CharField(max_length=200, required=False, label=_("Ghi chú"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_class"].queryset = (
            permissions.online_period_classes(user)
            .select_related("school", "school_year")
            .order_by("school__name", "grade", "name")
        )
