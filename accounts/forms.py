from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from accounts.models import SchoolYear

KIND_CHOICES = [
    ("students", _("Học sinh")),
    ("teachers", _("Giáo viên và cán bộ")),
    ("classes", _("Lớp học")),
    ("schools", _("Trường học")),
]


class RosterImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại danh sách"), choices=KIND_CHOICES)
    school_year = forms.ModelChoiceField(
        label=_("Năm học"), queryset=SchoolYear.objects.all(), required=False
    )
    file = forms.FileField(label=_("Tệp Excel (.xlsx) hoặc CSV"))

    MAX_SIZE = 10 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_SIZE:
            raise forms.ValidationError(_("Tệp lớn hơn 10 MB."))
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
        return upload


class RequiredPasswordChangeForm(PasswordChangeForm):
    """Django's password change, refusing the old password as the new one (the printed
    initial password must go)."""

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("new_password2")
        # old_password is in cleaned_data only when it was right.
        if password and password == cleaned.get("old_password"):
            self.add_error(
                "new_password2",
                forms.ValidationError(
                    _("Mật khẩu mới phải khác mật khẩu cũ."), code="password_unchanged"
                ),
            )
        return cleaned
