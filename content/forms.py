"""Forms of the library: the admin form checks uploads by content, the public ones are
small (rating, comment, takedown)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.blocks import (
    ListBlockValidationError,
    StreamBlockValidationError,
    StructBlockValidationError,
)
from wagtail.models import Page

from content.files import UploadRejected, clean_upload
from content.library_models import Processing
from content.practice import page_embeddings
from question_bank.permissions import choosable_questions

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


def _question_error(message) -> StructBlockValidationError:
    return StructBlockValidationError(block_errors={"question": ValidationError(message)})


class MaterialPageForm(WagtailAdminPageForm):
    """The editor form of lessons and e-lectures: a page embeds only questions its editor
    may choose (``question_bank.permissions.choosable_questions``, the chooser's rule), whatever the
    POST names. A question the page already holds (published, or in its latest revision)
    may stay when someone else saves the page, so a curator or colleague who may not see
    that bank can still correct the text around it; adding one needs the right to choose
    it. The block checks (approved, never confidential) still apply to every question."""

    def clean(self):
        cleaned = super().clean()
        for name, check in (("body", self._check_body), ("sections", self._check_sections)):
            if name in self.fields and cleaned.get(name) is not None:
                error = check(cleaned[name])
                if error is not None:
                    self.add_error(name, error)
        return cleaned

    def _kept_question_ids(self) -> set[int]:
        """Questions the page holds already: in its published row and its latest revision."""
        if self.instance.pk is None:
            return set()
        saved = Page.objects.filter(pk=self.instance.pk).first()
        if saved is None:
            return set()
        saved = saved.specific
        kept = set(page_embeddings(saved))
        revision = saved.get_latest_revision()
        if revision is not None:
            kept |= set(page_embeddings(revision.as_object()))
        return kept

    def _refused(self, ids: set[int]) -> set[int]:
        """Of ``ids``, those this editor may not embed."""
        if not ids:
            return set()
        allowed = self._kept_question_ids()
        if self.for_user is not None:
            chosen = choosable_questions(self.for_user).filter(pk__in=list(ids - allowed))
            allowed |= set(chosen.values_list("pk", flat=True))
        return ids - allowed

    def _check_body(self, body) -> StreamBlockValidationError | None:
        found = [
            (index, block.value["question"].pk)
            for index, block in enumerate(body)
            if block.block_type == "question" and block.value.get("question") is not None
        ]
        refused = self._refused({qid for _index, qid in found})
        errors = {
            index: _question_error(
                _(
                    "Khối %(block)d: bạn không được dùng câu hỏi số %(question)d — chỉ dùng "
                    "câu hỏi đã duyệt mà bạn được chọn trong ngân hàng."
                )
                % {"block": index + 1, "question": qid}
            )
            for index, qid in found
            if qid in refused
        }
        return StreamBlockValidationError(block_errors=errors) if errors else None

    def _check_sections(self, sections) -> StreamBlockValidationError | None:
        found = [
            (index, number, checkpoint["question"].pk)
            for index, block in enumerate(sections)
            for number, checkpoint in enumerate(block.value.get("checkpoints") or [])
            if checkpoint.get("question") is not None
        ]
        refused = self._refused({qid for _index, _number, qid in found})
        by_section: dict[int, dict[int, StructBlockValidationError]] = {}
        for index, number, qid in found:
            if qid in refused:
                by_section.setdefault(index, {})[number] = _question_error(
                    _(
                        "Phần %(section)d, câu hỏi dừng %(checkpoint)d: bạn không được dùng "
                        "câu hỏi số %(question)d — chỉ dùng câu hỏi đã duyệt mà bạn được chọn "
                        "trong ngân hàng."
                    )
                    % {"section": index + 1, "checkpoint": number + 1, "question": qid}
                )
        if not by_section:
            return None
        return StreamBlockValidationError(
            block_errors={
                index: StructBlockValidationError(
                    block_errors={"checkpoints": ListBlockValidationError(block_errors=errors)}
                )
                for index, errors in by_section.items()
            }
        )


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
