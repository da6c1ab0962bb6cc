"""Forms of the library: the admin form checks uploads by content, the public ones are
small (rating, comment, takedown)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from content.files import UploadRejected, clean_upload
from content.library_models import Processing

LIBRARY_KINDS = {"pdf", "epub", "image", "video", "audio", "office"}


class LibraryItemAdminForm(WagtailAdminModelForm):
    """Uploads are checked by content (``content.files``) before anything is saved; the
    owning area defaults to the author's, and a changed file is queued for processing."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or not hasattr(upload, "content_type"):
            return upload  # unchanged or cleared
        try:
            checked = clean_upload(upload, allowed=LIBRARY_KINDS)
        except UploadRejected as exc:
            raise ValidationError(exc.messages) from exc
        self.instance.file_kind = checked.extension if checked.kind == "office" else checked.kind
        self.instance.file_size = checked.size
        self.instance.processing = (
            Processing.PENDING if checked.kind in ("pdf", "epub") else Processing.NONE
        )
        # Stored now, under its final name: an edit of a published item is kept only as a
        # revision until it is approved, and a revision records the name, not the upload.
        field = self.instance._meta.get_field("file")
        name = field.generate_filename(self.instance, checked.content.name)
        return field.storage.save(name, checked.content, max_length=field.max_length)

    def clean_cover(self):
        upload = self.cleaned_data.get("cover")
        if not upload or not hasattr(upload, "content_type"):
            return upload
        try:
            return clean_upload(upload, allowed={"image"}).content
        except UploadRejected as exc:
            raise ValidationError(exc.messages) from exc

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and self.for_user is not None:
            self.instance.created_by = self.for_user
            self.instance.fill_area_from(self.for_user)
            for name in ("school", "district_office", "department"):
                if not cleaned.get(name) and getattr(self.instance, f"{name}_id"):
                    cleaned[name] = getattr(self.instance, name)
        return cleaned


class RatingForm(forms.Form):
    stars = forms.TypedChoiceField(
        label=_("Số sao"), choices=[(i, i) for i in range(1, 6)], coerce=int
    )


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Nhận xét"), max_length=2000, widget=forms.Textarea)


class TakedownForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do gỡ"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Cần ghi lý do gỡ học liệu.")},
    )
