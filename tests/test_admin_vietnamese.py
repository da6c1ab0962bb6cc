"""The admin speaks Vietnamese to the roles that use it (issue 16, "Vietnamese everywhere").

The crawl signs in as a teacher, a librarian, an exam-board member, a school admin and a
department admin, opens the admin pages each uses (dashboard, page explorer, a lesson's
editor, question/bank/library lists and edit forms, choosers, reports, documents, images,
account) and the sign-in page, and fails on English left in what people read: a phrase of
``ENGLISH`` or a sentence mixing Vietnamese with Wagtail's English ("Câu hỏi '…' updated.").
Workflow notification e-mails, messages and the project catalogue are checked the same way.
"""

import datetime as dt
import gettext
import json
import re
import shutil
import subprocess
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.admin.templatetags.wagtailadmin_tags import timesince_last_update, timesince_simple

from accounts.models import Role
from content.curation import library_item_publish
from content.models import HomePage, LessonPage
from lms.practice import score_text
from question_bank.formats.base import Choice, ParsedQuestion, QType
from question_bank.scales import TrueFalseScore
from tests.accounts.factories import make_school, make_user
from tests.content.library_helpers import make_item
from tests.question_bank.factories import make_bank, make_question

pytestmark = pytest.mark.django_db

# English a Vietnamese teacher met in the admin (issue 16) and others found on the way.
ENGLISH = [
    # Data and field names Wagtail shows as they are: the root page's title, model fields
    # without a Vietnamese name, yes/no columns.
    "Root",
    "Fingerprint",
    "Created at",
    "Updated at",
    "True",
    "False",
    "Sign in to Wagtail",
    "Password",
    "Forgotten password?",
    "Remember me",
    "Signing in",
    "Your pages and snippets in a workflow",
    "Awaiting",
    "Images",
    "Documents",
    "Snippets",
    "Reports",
    "Help",
    "Save draft",
    "More actions",
    "Request changes",
    "minutes ago",
    "minute ago",
    "hours ago",
    "days ago",
    "Choose ",
    "Choose another",
    "Clear choice",
    "updated.",
    "created.",
    "deleted.",
    "has been",
    "submitted for moderation",
    "submitted for approval",
    "Hello",
    "Log out",
    "Keyboard shortcuts",
    "Skip to main content",
    "Toggle sidebar",
    "Edit this page",
    "Edit this item",
    "Site history",
    "Page types",
    "Locked pages",
    "Workflow",
    "Add child page",
    "Explore",
    "Visible to all",
    "Current page status",
    "Show filters",
    "Filter by",
    "Bulk actions",
    "Select all",
    "There are no",
    "Previous",
    "Next",
    "Newest",
    "Oldest",
    "Add an image",
    "Latest images",
    "Latest documents",
    "Profile",
    "Notifications",
    "Theme preferences",
    "Preview in",
    "Content metrics",
    "Reading time",
    "For search engines",
    "Set schedule",
    "No publishing schedule set",
    "Page title",
    "Breadcrumb",
    "Back",
    "History",
]
# Sentences glued from Vietnamese names and Wagtail's English, and glued translations.
MIXED = re.compile(
    r"['\"”] (?:updated|created|deleted|unpublished|published|moved|copied)\b"
    r"|\bhas been\b|\bhave been\b|\bThe (?:page|%s)\b"
    r"|chuẩnvà|nhậpcủa|\)svà|\)scủa"
    r"|Biết \(3 mức|Học liệu số – Học liệu số"
)
_ENGLISH = re.compile("|".join(rf"(?<![\w-]){re.escape(p.strip())}(?![\w-])" for p in ENGLISH))


class _VisibleText(HTMLParser):
    """Text people read: element text, placeholders and titles (no scripts or styles)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.skip += 1
        for name, value in attrs:
            if name in ("placeholder", "title") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.parts.append(" ".join(data.split()))


def visible_text(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return parser.parts


def english_in(texts) -> list[str]:
    found = []
    for text in texts:
        if _ENGLISH.search(text) or MIXED.search(text):
            found.append(text[:160])
    return found


@pytest.fixture
def world():
    school = make_school()
    people = {
        "teacher": make_user(role=Role.TEACHER, school=school, email="gv@example.edu.vn"),
        "librarian": make_user(role=Role.LIBRARIAN, school=school, email="tt@example.edu.vn"),
        "exam_board": make_user(role=Role.EXAM_BOARD, school=None, department=school.department),
        "school_admin": make_user(role=Role.SCHOOL_ADMIN, school=school),
        "department_admin": make_user(
            role=Role.DEPARTMENT_ADMIN, school=None, department=school.department
        ),
    }
    teacher = people["teacher"]
    bank = make_bank(teacher, scope="school")
    parsed = ParsedQuestion(
        qtype=QType.SINGLE_CHOICE,
        stem=r"<p>Cho hàm số \(y = 2x^3 - \frac{1}{2}\). Tính \(y'(1)\).</p>",
        choices=[Choice(text=t, correct=i == 0) for i, t in enumerate(["6", "5", "4", "3"])],
        level="biet",
        part=1,
    )
    question = make_question(bank, teacher, parsed)
    home = HomePage.objects.get()
    lesson = LessonPage(
        title="Bài 1. Hàm số bậc ba", slug="bai-1", scope="school", school=school, owner=teacher
    )
    home.add_child(instance=lesson)
    lesson.save_revision(user=teacher)
    item = make_item(teacher, title="Chuyên đề hàm số", submit=True)
    return {
        **people,
        "school": school,
        "bank": bank,
        "question": question,
        "home": home,
        "lesson": lesson,
        "item": item,
    }


def _urls(world, role):
    lesson, question, bank, item = world["lesson"], world["question"], world["bank"], world["item"]
    urls = [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{world['home'].pk}/",
        f"/admin/pages/{lesson.pk}/edit/",
        f"/admin/pages/{lesson.pk}/history/",
        "/admin/pages/search/?q=h%C3%A0m",
        "/admin/snippets/",
        "/admin/snippets/question_bank/question/",
        f"/admin/snippets/question_bank/question/edit/{question.pk}/",
        f"/admin/snippets/question_bank/question/inspect/{question.pk}/",
        "/admin/snippets/question_bank/questionbank/",
        f"/admin/snippets/question_bank/questionbank/edit/{bank.pk}/",
        "/admin/snippets/content/libraryitem/",
        f"/admin/snippets/content/libraryitem/edit/{item.pk}/",
        "/admin/snippets/accounts/schoolyear/",
        "/admin/snippets/choose/question_bank/question/",
        "/admin/snippets/choose/question_bank/questionbank/",
        "/admin/choose-page/",
        "/admin/images/",
        "/admin/images/chooser/",
        "/admin/documents/",
        "/admin/documents/chooser/",
        "/admin/reports/locked/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/site-history/",
        "/admin/account/",
    ]
    return urls


@pytest.mark.parametrize(
    "role", ["teacher", "librarian", "exam_board", "school_admin", "department_admin"]
)
def test_admin_pages_each_role_uses_are_in_vietnamese(client, world, role):
    client.force_login(world[role])
    opened, found = [], {}
    for url in _urls(world, role):
        response = client.get(url)
        if response.status_code != 200:
            continue
        content_type = response.get("Content-Type", "")
        html = response.json().get("html", "") if "json" in content_type else response.text
        opened.append(url)
        english = english_in(visible_text(html))
        if english:
            found[url] = sorted(set(english))[:12]
    assert "/admin/" in opened and len(opened) >= 8, opened
    assert not found, found


def test_sign_in_page_is_in_vietnamese(client):
    html = client.get("/admin/login/").text
    texts = visible_text(html)
    assert not english_in(texts), english_in(texts)
    assert "Mật khẩu" in html and "Quên mật khẩu?" in html and "Ghi nhớ đăng nhập" in html
    # The username placeholder reads as a phrase, not "Nhập Tên đăng nhậpcủa bạn".
    assert 'placeholder="Tên đăng nhập của bạn"' in html
    assert "<title>Đăng nhập - Học liệu số</title>" in html


def test_messages_and_relative_times_are_vietnamese():
    with translation.override("vi"):
        updated = _("%(model_name)s '%(object)s' updated.") % {
            "model_name": "Câu hỏi",
            "object": "Hàm số",
        }
        submitted = _("%(model_name)s '%(object)s' has been submitted for moderation.") % {
            "model_name": "Tài nguyên thư viện",
            "object": "Chuyên đề",
        }
        approve_and_publish = _("%(label)s and Publish") % {"label": _("Approve")}
        choose = _("Choose %(object)s") % {"object": "ngân hàng câu hỏi"}
        ago = _("%(time_period)s ago") % {"time_period": "4 " + "phút"}
        minutes = translation.ngettext("%(num)d minute", "%(num)d minutes", 4) % {"num": 4}
    assert updated == "Câu hỏi “Hàm số” đã được cập nhật."
    assert submitted == "Tài nguyên thư viện “Chuyên đề” đã được gửi duyệt."
    assert approve_and_publish == "Phê duyệt và xuất bản"
    assert choose == "Chọn ngân hàng câu hỏi"
    assert ago == "4 phút trước" and minutes == "4 phút"


def test_relative_times_in_the_admin():
    # What the admin's lists and histories print for "updated 4 minutes ago" and the like.
    now = timezone.now()
    with translation.override("vi"):
        assert timesince_simple(now - dt.timedelta(minutes=4)) == "4\xa0phút trước"
        assert timesince_simple(now) == "vừa xong"
        # Earlier today in the user's time zone shows the time (midnight counts as today at
        # any hour, unlike "3 hours ago", which is yesterday from 00:00 to 03:00 in Hà Nội).
        today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        assert timesince_last_update(today, show_time_prefix=True) == "lúc 00:00"
        yesterday = today - dt.timedelta(minutes=1)
        assert not timesince_last_update(yesterday, show_time_prefix=True).startswith("lúc ")


def test_workflow_notification_emails_are_in_vietnamese(world, settings):
    # Given the item submitted for review by the teacher in the fixture, and one more now
    mail.outbox.clear()
    make_item(world["teacher"], title="Đề ôn tập chương 1", submit=True)
    assert mail.outbox, "submitting a library item notifies its reviewers"
    for message in mail.outbox:
        html = next((c for c, kind in message.alternatives if kind == "text/html"), "")
        texts = [message.subject, *message.body.splitlines(), *visible_text(html)]
        assert not english_in(texts), (message.subject, english_in(texts))
        assert "Xin chào" in message.body
        assert "wagtailadmin/images/email-header" not in html


def test_level_label_and_score_use_vietnamese_forms():
    with translation.override("vi"):
        assert score_text(Decimal("0.5")) == "0,5"
        assert score_text(Decimal("0.25")) == "0,25"
        assert score_text(Decimal("1")) == "1"
    score = TrueFalseScore(statements=4, correct=3, fraction=Decimal("0.5000"))
    assert str(score) == "3/4 → 0,5"


def test_partial_score_in_the_check_endpoint_uses_the_decimal_comma():
    # The practice check endpoint answers with score_text; the page shows it as it is.
    with translation.override("vi"):
        assert "," in score_text(Decimal("0.75"))
    with translation.override("en"):
        assert score_text(Decimal("0.75")) == "0.75"


def test_home_page_title_is_not_doubled(client):
    home = HomePage.objects.get()
    home.title = "Học liệu số"
    home.save_revision().publish()
    html = client.get("/").text
    assert "<title>Học liệu số</title>" in html
    assert "Học liệu số – Học liệu số" not in html


def test_library_item_shows_the_language_name(client, world):
    item = world["item"]
    library_item_publish(item=item, user=world["librarian"])
    client.force_login(world["teacher"])
    html = client.get(item.get_absolute_url()).text
    assert "<dd>Tiếng Việt</dd>" in html
    assert "<dd>vi</dd>" not in html


def test_reviewer_menu_has_no_glued_approve_and_publish(client, world):
    # The library item of the fixture waits for the librarian's review.
    client.force_login(world["librarian"])
    html = client.get(f"/admin/snippets/content/libraryitem/edit/{world['item'].pk}/").text
    assert "Phê duyệt và xuất bản" in html
    assert "chuẩnvà" not in html and "svà" not in html


LOCALE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_compiled_catalogue_matches_its_source(tmp_path, domain):
    if not shutil.which("msgfmt"):
        pytest.skip("needs gettext's msgfmt")
    compiled = tmp_path / f"{domain}.mo"
    subprocess.run(
        ["msgfmt", "--check", "-o", str(compiled), str(LOCALE / f"{domain}.po")], check=True
    )
    with open(compiled, "rb") as fresh, open(LOCALE / f"{domain}.mo", "rb") as committed:
        assert (
            gettext.GNUTranslations(fresh)._catalog == gettext.GNUTranslations(committed)._catalog
        ), f"run: msgfmt -o locale/vi/LC_MESSAGES/{domain}.mo locale/vi/LC_MESSAGES/{domain}.po"


def test_admin_javascript_catalogue_is_vietnamese(client, world):
    client.force_login(world["teacher"])
    js = client.get("/admin/jsi18n/").text
    for vietnamese in ("Thao tác khác", "Thu gọn tất cả", "Không có kết quả", "Menu chính"):
        assert json.dumps(vietnamese)[1:-1] in js  # the catalogue is JSON, non-ASCII escaped


def _snippet_viewsets():
    from wagtail.snippets.models import get_snippet_models

    ours = {"accounts", "curriculum", "question_bank", "content", "lms", "hoclieu_search"}
    return [m.snippet_viewset for m in get_snippet_models() if m._meta.app_label in ours]


def _admin_forms():
    from wagtail.models import get_page_models

    pages = [m for m in get_page_models() if m._meta.app_label == "content"]
    return [(v.model._meta.label, v.get_form_class) for v in _snippet_viewsets()] + [
        (m._meta.label, m.get_edit_handler().get_form_class) for m in pages
    ]


@pytest.mark.parametrize(
    ("model", "form"), _admin_forms(), ids=lambda x: x if isinstance(x, str) else ""
)
def test_admin_form_fields_have_vietnamese_labels(model, form):
    """A field without a verbose_name gets one derived from its name ("Subject"), which no
    catalogue translates: every field of our admin forms names itself (issue 17 found the
    topic form asking for a "Subject")."""
    form_class = form()
    english = {}
    for name, field in form_class.base_fields.items():
        derived = name.replace("_", " ")
        label = str(field.label or "").strip()
        if label.lower() == derived and not label.isupper():  # "ISBN" is ISBN in Vietnamese too
            english[name] = field.label
    assert not english, english
