"""The upload form of the admin: the archive and a title (optional for a new version)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PackageUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp gói bài giảng"),
        help_text=_(
            "Gói SCORM 1.2/2004 (.zip, có imsmanifest.xml ở thư mục gốc) hoặc gói H5P (.h5p)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,.h5p"}),
    )
    title = forms.CharField(
        label=_("Tên gói"),
        max_length=255,
        required=False,
        help_text=_("Để trống: dùng tên ghi trong gói."),
    )
