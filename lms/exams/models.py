"""Online exam sessions (kỳ thi / ca thi): who sits which version where, their attempts, every
saved answer, what the invigilators did, and the graded results.

Append-only records (Kolibri's habit): :class:`AnswerLog` keeps every save with server time,
device and address for disputes; :class:`AttemptEvent` keeps what the page reported and what
the invigilators did; :class:`ScoreChange` keeps every change of a score. The current answers
(:class:`AttemptAnswer`) are one row per question, written by an idempotent upsert that keeps
the highest client sequence number, so a late or replayed save never overwrites a newer one.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReleasePolicy(models.TextChoices):
    IMMEDIATE = "immediate", _("Ngay khi nộp bài")
    ON_CLOSE = "on_close", _("Khi ca thi kết thúc")
    MANUAL = "manual", _("Khi hội đồng công bố")


class ReviewPolicy(models.TextChoices):
    SCORE = "score", _("Chỉ điểm")
    ANSWERS = "answers", _("Điểm và bài làm")
    KEYS = "keys", _("Điểm, bài làm, đáp án và lời giải")


class ExamSession(models.Model):
    """One sitting of a paper (ca thi): its window, duration and policies."""

    class Kind(models.TextChoices):
        EXAM = "exam", _("Thi")
        PRACTICE = "practice", _("Luyện tập")
        MOCK = "mock", _("Thi thử")

    title = models.CharField(_("tên ca thi"), max_length=255)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.EXAM)
    paper = models.ForeignKey(
        "question_bank.Paper",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đề thi"),
    )
    school = models.ForeignKey(
        "accounts.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trường"),
    )
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sở GD&ĐT"),
    )
    opens_at = models.DateTimeField(_("mở cửa lúc"), null=True, blank=True)
    last_entry_at = models.DateTimeField(_("vào muộn nhất lúc"), null=True, blank=True)
    closes_at = models.DateTimeField(_("kết thúc ca lúc"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("thời gian làm bài (phút)"), null=True, blank=True
    )
    grace_seconds = models.PositiveSmallIntegerField(
        _("thời gian chờ bài lưu đang gửi (giây)"), default=120
    )
    attempts_allowed = models.PositiveSmallIntegerField(_("số lần làm bài"), default=1)
    release_policy = models.CharField(
        _("công bố kết quả"),
        max_length=12,
        choices=ReleasePolicy.choices,
        default=ReleasePolicy.MANUAL,
    )
    review_policy = models.CharField(
        _("học sinh được xem"),
        max_length=10,
        choices=ReviewPolicy.choices,
        default=ReviewPolicy.SCORE,
    )
    require_identity = models.BooleanField(_("kiểm tra danh tính"), default=True)
    released_at = models.DateTimeField(_("công bố kết quả lúc"), null=True, blank=True)
    markers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("giám khảo chấm")
    )
    #: Markers see the candidate's number, not the name (chấm phách).
    anonymous_marking = models.BooleanField(_("chấm ẩn danh"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ca thi")
        verbose_name_plural = _("ca thi")
        ordering = ["-opens_at", "-pk"]

    def __str__(self):
        return self.title


class ExamRoom(models.Model):
    """A room (phòng thi) with its invigilators and its rotating access code."""

    session = models.ForeignKey(
        ExamSession, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("ca thi")
    )
    name = models.CharField(_("phòng thi"), max_length=60)
    position = models.PositiveSmallIntegerField(default=0)
    invigilators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("giám thị")
    )
    #: Secret of the rotating access code (:func:`lms.exams.codes.access_code`).
    secret = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("phòng thi")
        verbose_name_plural = _("phòng thi")
        ordering = ["session", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "name"], name="uniq_exam_room_name")
        ]

    def __str__(self):
        return self.name


class Candidate(models.Model):
    """A student registered for a session: number (SBD), room, seat and version (mã đề)."""

    session = models.ForeignKey(
        ExamSession, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("ca thi")
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="exam_candidacies",
        verbose_name=_("thí sinh"),
    )
    room = models.ForeignKey(
        ExamRoom,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidates",
        verbose_name=_("phòng thi"),
    )
    number = models.CharField(_("số báo danh"), max_length=20)
    seat = models.PositiveIntegerField(_("chỗ ngồi"), default=0)
    variant = models.ForeignKey(
        "question_bank.PaperVariant",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("mã đề"),
    )
    #: None: not yet marked by the invigilator; True present; False absent.
    present = models.BooleanField(_("có mặt"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("đã xác minh lúc"), null=True, blank=True)
    #: This candidate's own end of the session (a new due date given to one student) and
    #: extra minutes on every attempt (lms.assignments' per-student overrides).
    closes_at = models.DateTimeField(_("kết thúc riêng lúc"), null=True, blank=True)
    extra_minutes = models.PositiveSmallIntegerField(_("thêm thời gian (phút)"), default=0)

    class Meta:
        verbose_name = _("thí sinh")
        verbose_name_plural = _("thí sinh")
        ordering = ["session", "room", "seat", "number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "student"], name="uniq_candidate"),
            models.UniqueConstraint(fields=["session", "number"], name="uniq_candidate_number"),
        ]

    def __str__(self):
        return self.number


class Attempt(models.Model):
    """One attempt of a candidate on their version; the deadline is the server's."""

    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("Đang làm bài")
        SUBMITTED = "submitted", _("Đã nộp bài")

    class SubmittedBy(models.TextChoices):
        STUDENT = "student", _("Thí sinh nộp")
        DEADLINE = "deadline", _("Hết giờ, hệ thống thu bài")
        INVIGILATOR = "invigilator", _("Giám thị thu bài")

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("thí sinh")
    )
    number = models.PositiveSmallIntegerField(_("lần làm"), default=1)
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=State.choices, default=State.IN_PROGRESS
    )
    started_at = models.DateTimeField(_("bắt đầu lúc"))
    #: start + duration + extensions, capped by the session's end; None: no time limit.
    deadline = models.DateTimeField(_("hạn nộp"), null=True, blank=True)
    extension_seconds = models.PositiveIntegerField(_("gia hạn (giây)"), default=0)
    #: The device allowed to save (random id kept by the browser); "" until one claims it.
    device = models.CharField(max_length=64, blank=True)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    submitted_by = models.CharField(
        _("cách nộp"), max_length=12, choices=SubmittedBy.choices, blank=True
    )

    class Meta:
        verbose_name = _("bài làm")
        verbose_name_plural = _("bài làm")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "number"], name="uniq_attempt_number")
        ]
        indexes = [models.Index(fields=["state", "deadline"])]

    def __str__(self):
        return f"{self.candidate_id}#{self.number}"


class AttemptAnswer(models.Model):
    """The current answer to one question of an attempt (``slot``: the question's position
    in the version, from 0); only a save with a higher ``seq`` replaces it."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    slot = models.PositiveSmallIntegerField()
    response = models.JSONField(null=True)
    flagged = models.BooleanField(default=False)
    seq = models.BigIntegerField()
    saved_at = models.DateTimeField()

    class Meta:
        verbose_name = _("câu trả lời")
        verbose_name_plural = _("câu trả lời")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "slot"], name="uniq_attempt_answer")
        ]

    def __str__(self):
        return f"{self.attempt_id}:{self.slot}"


class AnswerLog(models.Model):
    """Append-only: every save received, applied or not, with server time, device and IP."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answer_log")
    slot = models.PositiveSmallIntegerField()
    response = models.JSONField(null=True)
    flagged = models.BooleanField(default=False)
    seq = models.BigIntegerField()
    device = models.CharField(max_length=64, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    received_at = models.DateTimeField()

    class Meta:
        verbose_name = _("nhật ký lưu bài")
        verbose_name_plural = _("nhật ký lưu bài")
        indexes = [models.Index(fields=["attempt", "received_at"])]

    def __str__(self):
        return f"{self.attempt_id}:{self.slot}@{self.seq}"


class AttemptEvent(models.Model):
    """Append-only: what happened around an attempt (page events, invigilators' actions)."""

    class Kind(models.TextChoices):
        CHECK_IN = "check_in", _("Xác minh danh tính")
        START = "start", _("Bắt đầu làm bài")
        RESUME = "resume", _("Mở lại bài làm")
        DEVICE_REFUSED = "device_refused", _("Thiết bị thứ hai bị chặn")
        UNLOCK = "unlock", _("Giám thị mở khoá thiết bị")
        EXTEND = "extend", _("Gia hạn thời gian")
        INCIDENT = "incident", _("Biên bản")
        PRESENT = "present", _("Có mặt")
        ABSENT = "absent", _("Vắng mặt")
        LEFT_PAGE = "left_page", _("Rời trang làm bài")
        BLUR = "blur", _("Chuyển sang cửa sổ khác")
        FULLSCREEN_EXIT = "fullscreen_exit", _("Thoát toàn màn hình")
        SUBMIT = "submit", _("Nộp bài")
        CLOSE = "close", _("Thu bài khi hết giờ")
        LATE_SAVE = "late_save", _("Bài lưu đến sau hạn bị từ chối")

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="events")
    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    device = models.CharField(max_length=64, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("sự kiện ca thi")
        verbose_name_plural = _("sự kiện ca thi")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.candidate_id} {self.kind}"


class AttemptResult(models.Model):
    """The graded result of an attempt: one row per attempt, created exactly once."""

    attempt = models.OneToOneField(Attempt, on_delete=models.CASCADE, related_name="result")
    score = models.DecimalField(_("điểm"), max_digits=7, decimal_places=3)
    #: ``{"1": "2.250", …}``: points per part (decimal strings).
    part_scores = models.JSONField(default=dict)
    #: ``[{"slot", "points", "max", "fraction", "auto"}, …]`` per question.
    items = models.JSONField(default=list)
    #: Essays not yet marked.
    pending = models.PositiveSmallIntegerField(_("câu chờ chấm"), default=0)
    graded_at = models.DateTimeField(_("chấm lúc"))

    class Meta:
        verbose_name = _("kết quả")
        verbose_name_plural = _("kết quả")

    def __str__(self):
        return f"{self.attempt_id}: {self.score}"


class EssayMark(models.Model):
    """A marker's points for one essay (or an override of an auto-marked answer)."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="marks")
    slot = models.PositiveSmallIntegerField()
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=3)
    comment = models.TextField(_("nhận xét"), blank=True)
    marker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField(_("chấm lúc"))

    class Meta:
        verbose_name = _("điểm chấm tay")
        verbose_name_plural = _("điểm chấm tay")
        constraints = [models.UniqueConstraint(fields=["attempt", "slot"], name="uniq_essay_mark")]

    def __str__(self):
        return f"{self.attempt_id}:{self.slot}={self.points}"


class ScoreChange(models.Model):
    """Append-only: every change of a score after it was first graded — who, when, why."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="score_changes")
    slot = models.PositiveSmallIntegerField(null=True, blank=True)
    old_score = models.DecimalField(max_digits=7, decimal_places=3, null=True)
    new_score = models.DecimalField(max_digits=7, decimal_places=3)
    reason = models.TextField(_("lý do"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thay đổi điểm")
        verbose_name_plural = _("thay đổi điểm")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.attempt_id}: {self.old_score} → {self.new_score}"
