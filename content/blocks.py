"""StreamField blocks of lessons and e-lectures.

Every block says in the admin what it is for (icon, description, preview), so a teacher
picks the right one without reading a manual. Math is LaTeX typeset in the browser by
KaTeX; videos are either an uploaded file (a Wagtail document) or a link to a known video
host played through its privacy-friendly embed URL, built here without a network call.
"""

import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from content.packages.chooser import package_chooser_viewset
from content.permissions import can_view_package

RICH_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "superscript", "subscript"]
VIDEO_EXTENSIONS = (".mp4", ".webm", ".m4v", ".ogv")
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def video_embed_url(url: str) -> str | None:
    """The embed address of a YouTube or Vimeo link, or None for any other host."""
    parsed = urlparse(url or "")
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video_id = None
    if host in ("youtube.com", "youtube-nocookie.com"):
        if parsed.path == "/watch":
            video_id = (parse_qs(parsed.query).get("v") or [None])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parsed.path.split("/")[2]
    elif host == "youtu.be":
        video_id = parsed.path.lstrip("/").split("/")[0]
    elif host in ("vimeo.com", "player.vimeo.com"):
        digits = [p for p in parsed.path.split("/") if p.isdigit()]
        return f"https://player.vimeo.com/video/{digits[-1]}" if digits else None
    if video_id and _YOUTUBE_ID.match(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    return None


class MathBlock(blocks.StructBlock):
    latex = blocks.TextBlock(
        label=_("công thức LaTeX"), help_text=_("Ví dụ: x = \\frac{-b \\pm \\sqrt{\\Delta}}{2a}")
    )
    display = blocks.BooleanBlock(label=_("hiển thị riêng một dòng"), required=False, default=True)

    class Meta:
        icon = "decimal"
        label = _("Công thức toán")
        template = "content/blocks/math.html"
        description = _("Một công thức LaTeX, hiển thị bằng KaTeX trên mọi thiết bị.")
        preview_value = {"latex": "x = \\dfrac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}", "display": True}


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("loại"),
        choices=[
            ("note", _("Ghi nhớ")),
            ("definition", _("Định nghĩa")),
            ("example", _("Ví dụ")),
            ("tip", _("Mẹo")),
            ("warning", _("Chú ý")),
        ],
        default="note",
    )
    title = blocks.CharBlock(label=_("tiêu đề"), required=False)
    body = blocks.RichTextBlock(label=_("nội dung"), features=RICH_FEATURES)

    class Meta:
        icon = "help"
        label = _("Khung ghi nhớ")
        template = "content/blocks/callout.html"
        description = _("Khung nổi bật cho định nghĩa, ví dụ, mẹo hoặc lưu ý.")
        preview_value = {
            "kind": "definition",
            "title": "Phương trình bậc hai",
            "body": "<p>Phương trình dạng ax² + bx + c = 0 với a ≠ 0.</p>",
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("ảnh"))
    alt = blocks.CharBlock(
        label=_("mô tả ảnh (cho người khiếm thị)"), required=False, max_length=250
    )
    caption = blocks.CharBlock(label=_("chú thích"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Ảnh")
        template = "content/blocks/image.html"
        description = _("Một ảnh co giãn theo màn hình, kèm chú thích.")


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(
        label=_("liên kết video"), required=False, help_text=_("YouTube hoặc Vimeo.")
    )
    file = DocumentChooserBlock(
        label=_("tệp video tải lên"), required=False, help_text=_("MP4 hoặc WebM.")
    )
    caption = blocks.CharBlock(label=_("chú thích"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "content/blocks/video.html"
        description = _("Video tải lên (MP4/WebM) hoặc liên kết YouTube/Vimeo.")
        preview_value = {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "caption": "Video"}

    def __init__(self, *args, optional: bool = False, **kwargs):
        self.optional = optional
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if self.optional and not value.get("url") and not value.get("file"):
            return value
        if bool(value.get("url")) == bool(value.get("file")):
            errors["url"] = ValidationError(_("Chọn đúng một nguồn: liên kết hoặc tệp tải lên."))
        elif value.get("url") and not video_embed_url(value["url"]):
            errors["url"] = ValidationError(_("Chỉ hỗ trợ liên kết YouTube hoặc Vimeo."))
        elif value.get("file") and not value["file"].file.name.lower().endswith(VIDEO_EXTENSIONS):
            errors["file"] = ValidationError(_("Tệp video phải là MP4, M4V, WebM hoặc OGV."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["embed_url"] = video_embed_url(value.get("url") or "")
        return context


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("tài liệu"))
    title = blocks.CharBlock(label=_("tên hiển thị"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu")
        template = "content/blocks/document.html"
        description = _("Một tài liệu (PDF, Word, PowerPoint…) để xem hoặc tải về.")


def check_embeddable_question(question) -> None:
    """A question embedded in a page must be approved and never from a confidential
    exam-board pool (a crafted POST could name any question id).

    Whether the editor may see the question can't be checked here (a block has no user):
    the question chooser offers only ``question_bank.permissions.choosable_questions(user)``, and
    together with this check a page can never carry a confidential question.
    """
    if question is None:
        return
    if not question.live:
        message = _("Chỉ dùng câu hỏi đã được duyệt.")
    elif question.bank.confidential:
        message = _("Không dùng câu hỏi của ngân hàng đề thi bảo mật.")
    else:
        return
    raise StructBlockValidationError(block_errors={"question": ValidationError(message)})


#: Wrong tries after which a practice question or checkpoint shows its key and solution.
REVEAL_AFTER_ATTEMPTS = 2


def reveal_after_attempts_block() -> blocks.IntegerBlock:
    return blocks.IntegerBlock(
        label=_("hiện đáp án sau số lần trả lời sai"),
        default=REVEAL_AFTER_ATTEMPTS,
        required=False,
        min_value=1,
        max_value=10,
        help_text=_(
            "Đáp án và lời giải hiện khi học sinh trả lời đúng, hoặc sau chừng này lần "
            "trả lời chưa đúng (để trống: 2 lần)."
        ),
    )


class QuestionBlock(blocks.StructBlock):
    """A practice question from the bank. The student answers in place; the answer is
    checked on the server against the approved version, never in the page."""

    question = SnippetChooserBlock("question_bank.Question", label=_("câu hỏi"))
    show_solution = blocks.BooleanBlock(
        label=_("hiện lời giải sau khi trả lời"), required=False, default=True
    )
    reveal_after_attempts = reveal_after_attempts_block()

    class Meta:
        icon = "help"
        label = _("Câu hỏi luyện tập")
        template = "content/blocks/question.html"
        description = _("Câu hỏi đã duyệt trong ngân hàng; học sinh trả lời và được chấm ngay.")

    def clean(self, value):
        value = super().clean(value)
        check_embeddable_question(value.get("question"))
        return value


class AttachmentsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("tiêu đề"), default=_("Tài liệu đính kèm"))
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("tài liệu")), label=_("tệp"))

    class Meta:
        icon = "download"
        label = _("Tệp đính kèm")
        template = "content/blocks/attachments.html"
        description = _("Danh sách tệp cho học sinh tải về (phiếu học tập, bài tập…).")


PackageChooserBlock = package_chooser_viewset.get_block_class(
    name="PackageChooserBlock", module_path="content.blocks"
)


class PackageBlock(blocks.StructBlock):
    """An e-lecture package (SCORM/H5P) played in place from the content origin.

    The block renders a placeholder the player script of ``lms`` fills from the session
    URL of the package's current version (``lms-package-session``); content never imports
    lms. A package the reader may not see (a draft, another school's) renders nothing
    for students and a short note for staff.
    """

    package = PackageChooserBlock(label=_("gói bài giảng"))
    title = blocks.CharBlock(
        label=_("tiêu đề hiển thị"), required=False, help_text=_("Để trống: dùng tên của gói.")
    )

    class Meta:
        icon = "media"
        label = _("Gói bài giảng (SCORM/H5P)")
        template = "content/blocks/package.html"
        description = _(
            "Bài giảng tương tác xuất từ iSpring, Captivate, Articulate, ActivePresenter, "
            "H5P…; học sinh học ngay trên trang, điểm và tiến độ được lưu lại."
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context.update(
            package_embed_context(value.get("package"), parent_context, value.get("title"))
        )
        return context


def package_embed_context(package, parent_context, title: str = "") -> dict:
    """What ``content/blocks/package_embed.html`` needs: the package if the reader may see
    it, the session URL of its current version (None when lms does not serve packages)."""
    request = (parent_context or {}).get("request")
    user = getattr(request, "user", None)
    visible = package is not None and user is not None and can_view_package(user, package)
    session_url = None
    if visible and package.current_id:
        try:
            session_url = reverse("lms-package-session", args=[package.current_id])
        except NoReverseMatch:
            session_url = None  # the player (lms) is not there: the template says so
    return {
        "package": package if visible else None,
        "package_title": title or (package.title if package is not None else ""),
        "session_url": session_url,
        "package_hidden": package is not None and not visible,
    }


class LessonStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Tiêu đề mục"),
        icon="title",
        template="content/blocks/heading.html",
        description=_("Tiêu đề của một mục trong bài."),
        preview_value="I. Định nghĩa",
    )
    paragraph = blocks.RichTextBlock(
        label=_("Đoạn văn"),
        features=RICH_FEATURES,
        icon="pilcrow",
        template="content/blocks/paragraph.html",
        description=_("Văn bản; công thức trong dòng viết giữa \\( và \\)."),
        preview_value="<p>Cho hàm số \\(y = x^2\\). Tính đạo hàm tại \\(x = 1\\).</p>",
    )
    math = MathBlock()
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    question = QuestionBlock()
    attachments = AttachmentsBlock()
    package = PackageBlock()


class CheckpointBlock(blocks.StructBlock):
    question = SnippetChooserBlock("question_bank.Question", label=_("câu hỏi"))
    after_slide = blocks.IntegerBlock(
        label=_("sau trang chiếu số"),
        required=False,
        min_value=1,
        help_text=_("Để trống: hỏi ở cuối phần."),
    )
    at_second = blocks.IntegerBlock(
        label=_("tại giây thứ (video tải lên)"), required=False, min_value=0
    )
    reveal_after_attempts = reveal_after_attempts_block()

    class Meta:
        icon = "tick-inverse"
        label = _("Câu hỏi dừng")
        description = _("Học sinh phải trả lời câu hỏi này mới đi tiếp được.")

    def clean(self, value):
        value = super().clean(value)
        check_embeddable_question(value.get("question"))
        return value


class SectionBlock(blocks.StructBlock):
    """One step of an e-lecture: a video or a slide deck, then its checkpoints."""

    title = blocks.CharBlock(label=_("tên phần"))
    video = VideoBlock(optional=True, required=False)
    slides_pdf = DocumentChooserBlock(
        label=_("trang chiếu (PDF)"), required=False, help_text=_("Mỗi trang PDF là một slide.")
    )
    slide_images = blocks.ListBlock(
        ImageChooserBlock(label=_("ảnh")), label=_("hoặc trang chiếu dạng ảnh"), required=False
    )
    package = PackageChooserBlock(label=_("hoặc gói bài giảng (SCORM/H5P)"), required=False)
    notes = blocks.RichTextBlock(label=_("ghi chú"), features=RICH_FEATURES, required=False)
    checkpoints = blocks.ListBlock(CheckpointBlock(), label=_("câu hỏi dừng"), required=False)

    class Meta:
        icon = "placeholder"
        label = _("Phần bài giảng")
        template = "content/blocks/section.html"
        description = _("Một phần của bài giảng: video hoặc trang chiếu, kèm câu hỏi dừng.")

    def clean(self, value):
        value = super().clean(value)
        video = value.get("video") or {}
        has = {
            "video": bool(video.get("url") or video.get("file")),
            "slides_pdf": bool(value.get("slides_pdf")),
            "slide_images": bool(value.get("slide_images")),
            "package": bool(value.get("package")),
        }
        if sum(has.values()) != 1:
            raise StructBlockValidationError(
                block_errors={
                    "title": ValidationError(
                        _(
                            "Mỗi phần cần đúng một nội dung: video, PDF trang chiếu, ảnh "
                            "hoặc gói bài giảng."
                        )
                    )
                }
            )
        pdf = value.get("slides_pdf")
        if pdf is not None and not pdf.file.name.lower().endswith(".pdf"):
            raise StructBlockValidationError(
                block_errors={"slides_pdf": ValidationError(_("Trang chiếu phải là tệp PDF."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        if value.get("package") is not None:
            context.update(package_embed_context(value["package"], parent_context))
        return context


class ELectureStreamBlock(blocks.StreamBlock):
    section = SectionBlock()

    class Meta:
        min_num = 1
