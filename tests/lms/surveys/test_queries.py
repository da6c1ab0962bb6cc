"""Survey pages do not grow in queries with their rows: the results page (and its XLSX)
with N and 3N answers, the admins' list with N and 3N surveys of every kind of scope, the
respondent's list with N and 3N surveys waiting or answered: the same count each time."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.surveys import services
from lms.surveys.services import QuestionInput, SurveyInput
from tests.accounts.factories import make_student_in

pytestmark = pytest.mark.django_db

N = 2
QUESTIONS = [
    QuestionInput(kind="stars", text="Em hài lòng với bài giảng?"),
    QuestionInput(kind="choice", text="Em học bằng", choices=["Điện thoại", "Máy tính"]),
    QuestionInput(kind="text", text="Góp ý", required=False),
]


def _survey(user, scope, *, title="Khảo sát", audience="students", anonymous=True):
    survey = services.survey_create(
        user=user,
        data=SurveyInput(
            title=title, audience=audience, anonymous=anonymous, scope=scope, questions=QUESTIONS
        ),
    )
    return services.survey_publish(user=user, survey=survey)


def _scope(user, label):
    return next(k for k, v in services.permissions.survey_scopes(user).items() if v == label)


def _queries(client, url) -> int:
    client.get(url)  # warm the per-process caches (site, content types)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _answer_all(survey, students, start):
    qs = list(survey.questions.all())
    for n, student in enumerate(students, start):
        answers = {qs[0].pk: str(n % 5 + 1), qs[1].pk: str(n % 2), qs[2].pk: f"Ý kiến {n}"}
        services.survey_answer(user=student, survey=survey, answers=answers)


@pytest.mark.parametrize("anonymous", [True, False])
def test_results_page_and_export_do_not_grow_with_answers(client, area, anonymous):
    a = area
    survey = _survey(a.admin, _scope(a.admin, a.secondary.name), anonymous=anonymous)
    students = a.students + [
        make_student_in(a.c10a1, full_name=f"Học Sinh Thêm {n}") for n in range(3 * N - 3)
    ]
    _answer_all(survey, students[:N], 0)
    client.force_login(a.admin)
    results, export = (
        reverse("survey_results", args=[survey.pk]),
        reverse("survey_export", args=[survey.pk]),
    )
    few = (_queries(client, results), _queries(client, export))
    _answer_all(survey, students[N:], N)
    assert survey.responses.count() == 3 * N
    page = client.get(results)
    assert page.context["responses"] == 3 * N  # the page did read the new answers
    assert (_queries(client, results), _queries(client, export)) == few


def test_manage_list_does_not_grow_with_surveys(client, area):
    a = area
    boss = a.department_admin
    scopes = [
        _scope(boss, a.secondary.name),
        _scope(boss, a.primary.name),
        _scope(boss, str(a.primary.district_office)),
        next(k for k in services.permissions.survey_scopes(boss) if k[1] is None and k[2] is None),
    ]

    def add(count):
        for n in range(count):
            for scope in scopes:
                _survey(boss, scope, title=f"Khảo sát {n}", audience="teachers")

    add(N)
    client.force_login(boss)
    url = reverse("survey_manage")
    few = _queries(client, url)
    add(2 * N)
    assert len(client.get(url).context["surveys"]) == 3 * N * len(scopes)
    assert _queries(client, url) == few


def test_respondents_list_does_not_grow_with_surveys(client, area):
    a = area
    student = a.students[0]
    scope = _scope(a.admin, a.secondary.name)

    def add(count):
        made = [_survey(a.admin, scope, title=f"Khảo sát {n}") for n in range(count)]
        _answer_all(made[0], [student], 0)  # one of them answered already
        _survey(a.admin, scope, title="Cho phụ huynh", audience="parents")

    add(N)
    client.force_login(student)
    url = reverse("survey_list")
    few = _queries(client, url)
    add(2 * N)
    assert len(client.get(url).context["rows"]) == 3 * N + 2  # and two for parents
    assert _queries(client, url) == few
