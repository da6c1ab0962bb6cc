"""An uploaded question file and its way through preview and confirmation (the tables
belong to the ``question_bank`` app: :mod:`question_bank.models` imports this module)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.storage import private_storage


class ImportJob(models.Model):
    """An uploaded question file: parsed for a preview, saved only when the teacher confirms."""

    class State(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        PARSING = "parsing", _("Đang đọc tệp")
        PREVIEW = "preview", _("Chờ xác nhận")
        REJECTED = "rejected", _("Bị từ chối")
        SAVING = "saving", _("Đang lưu")
        DONE = "done", _("Hoàn tất")
        FAILED = "failed", _("Thất bại")

    bank = models.ForeignKey(
        "question_bank.QuestionBank", on_delete=models.CASCADE, related_name="import_jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(max_length=255)
    # Private and never served back; deleted when the file is rejected.
    upload = models.FileField(storage=private_storage, upload_to="question_imports/%Y/%m")
    extra_files = models.JSONField(default=list, blank=True)  # storage names of sibling files
    format = models.CharField(max_length=20, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    progress = models.PositiveIntegerField(default=0)  # questions processed
    total = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)  # counts, problems, duplicates
    submit_for_review = models.BooleanField(default=True)
    default_topic = models.ForeignKey(
        "curriculum.Topic", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("lượt nhập câu hỏi")
        verbose_name_plural = _("lượt nhập câu hỏi")
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename
