"""Issue 16, dead ends: a lesson's and an e-lecture's breadcrumb links back to the subject
and grade hubs (made by ``hubs_sync``), through the page's HTML."""

import re
from html.parser import HTMLParser

import pytest

from content.hubs import hubs_sync
from content.models import ELecturePage, GradePage, LessonPage, SubjectPage
from tests.content.test_pages import make_curriculum, publish_under

pytestmark = pytest.mark.django_db


class _Breadcrumb(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inside = False
        self.links: list[tuple[str, str]] = []
        self._href = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and attrs.get("data-testid") == "material-breadcrumb":
            self.inside = True
        elif self.inside and tag == "a":
            self._href = attrs["href"]
            self.links.append((self._href, ""))

    def handle_data(self, data):
        if self.inside and self._href is not None:
            href, text = self.links[-1]
            self.links[-1] = (href, text + data)

    def handle_endtag(self, tag):
        if tag == "a":
            self._href = None
        elif tag == "nav":
            self.inside = False


def _breadcrumb(client, page) -> list[tuple[str, str]]:
    response = client.get(page.url)
    assert response.status_code == 200
    parser = _Breadcrumb()
    parser.feed(response.content.decode())
    return parser.links


@pytest.fixture
def hubs():
    subject, topic, lesson, _outcome = make_curriculum()
    hubs_sync()
    subject_hub = SubjectPage.objects.get(subject=subject)
    grade_hub = GradePage.objects.child_of(subject_hub).get(grade=10)
    return subject, topic, lesson, subject_hub, grade_hub


def _expected(subject_hub, grade_hub, topic):
    return [
        ("/", "Trang chủ"),
        (subject_hub.url, "Toán"),
        (grade_hub.url, "Lớp 10"),
        (f"{grade_hub.url}#topic-{topic.pk}", topic.name),
    ]


def test_lesson_breadcrumb_links_to_subject_and_grade_hubs(client, hubs):
    subject, topic, lesson, subject_hub, grade_hub = hubs
    page = publish_under(
        grade_hub,
        LessonPage(
            title="Bài 1. Mệnh đề",
            slug="menh-de",
            scope="public",
            subject=subject,
            grade=10,
            curriculum_lesson=lesson,
        ),
    )
    assert _breadcrumb(client, page) == _expected(subject_hub, grade_hub, topic)
    # and the grade hub has the topic the last link points at
    hub_html = client.get(grade_hub.url).content.decode()
    assert re.search(rf'id="topic-{topic.pk}"', hub_html)


def test_e_lecture_breadcrumb_links_to_subject_and_grade_hubs(client, hubs):
    subject, topic, lesson, subject_hub, grade_hub = hubs
    sections = [
        (
            "section",
            {
                "title": "Khái niệm",
                "video": {"url": "https://youtu.be/dQw4w9WgXcQ", "file": None, "caption": ""},
                "checkpoints": [],
            },
        )
    ]
    # An e-lecture published under the home page still finds its hubs by subject and grade.
    page = publish_under(
        subject_hub.get_parent(),
        ELecturePage(
            title="Bài giảng mệnh đề",
            slug="bai-giang-menh-de",
            scope="public",
            subject=subject,
            grade=10,
            curriculum_lesson=lesson,
            sections=sections,
        ),
    )
    assert _breadcrumb(client, page) == _expected(subject_hub, grade_hub, topic)


def test_breadcrumb_without_hubs_is_plain_text(client, hubs):
    subject, _topic, _lesson, subject_hub, _grade_hub = hubs
    page = publish_under(
        subject_hub.get_parent(),
        LessonPage(title="Bài lẻ", slug="bai-le", scope="public", subject=subject, grade=11),
    )
    # no grade-11 hub: the grade stays text, the subject still links
    assert _breadcrumb(client, page) == [("/", "Trang chủ"), (subject_hub.url, "Toán")]
