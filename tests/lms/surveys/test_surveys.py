"""Satisfaction surveys through the views: the builder (scope narrowed to the area, bad
lines named), publication, who sees a survey, one answer per person, anonymity (no user
link), results with counts and the XLSX export; every role at every door."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lms.surveys.models import Survey, SurveyParticipation, SurveyResponse

pytestmark = pytest.mark.django_db

QUESTIONS = (
    "sao: Em hài lòng với bài giảng?\nchon: Em học bằng | Điện thoại | Máy tính\ntu-do: Góp ý"
)


def _scope_value(form, label):
    return next(k for k, v in form.fields["scope"].choices if v == label)


def _make(client, user, school, *, anonymous=True, audience="students", publish=True):
    client.force_login(user)
    form = client.get(reverse("survey_create")).context["form"]
    data = {
        "title": "Khảo sát học trực tuyến",
        "audience": audience,
        "scope": _scope_value(form, str(school)),
        "questions": QUESTIONS,
    }
    if anonymous:
        data["anonymous"] = "on"
    response = client.post(reverse("survey_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    survey = Survey.objects.latest("created_at")
    if publish:
        assert client.post(reverse("survey_publish", args=[survey.pk])).status_code == 302
    client.logout()
    return survey


def _answer(client, student, survey, stars="4", choice="1", text="Tốt"):
    client.force_login(student)
    qs = list(survey.questions.all())
    data = {f"q{qs[0].pk}": stars, f"q{qs[1].pk}": choice, f"q{qs[2].pk}": text}
    response = client.post(reverse("survey_answer", args=[survey.pk]), data)
    client.logout()
    return response


def test_builder_offers_only_the_users_area_and_names_bad_lines(client, area):
    a = area
    client.force_login(a.admin)
    form = client.get(reverse("survey_create")).context["form"]
    assert [v for _k, v in form.fields["scope"].choices] == [a.secondary.name]
    client.force_login(a.department_admin)
    labels = [
        v for _k, v in client.get(reverse("survey_create")).context["form"].fields["scope"].choices
    ]
    assert a.primary.name in labels and a.secondary.name in labels and a.other.name not in labels
    scope = _scope_value(client.get(reverse("survey_create")).context["form"], a.primary.name)
    bad = client.post(
        reverse("survey_create"),
        {
            "title": "X",
            "audience": "students",
            "scope": scope,
            "questions": "sao: Tốt?\nhoi: sai\nchon: Một | A",
        },
    )
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Dòng 2" in html and "Dòng 3" in html
    assert not Survey.objects.exists()
    # A scope of another Sở, forged: refused by the choice field.
    forged = client.post(
        reverse("survey_create"),
        {
            "title": "X",
            "audience": "students",
            "scope": f"999:None:{a.other.pk}",
            "questions": "sao: Tốt?",
        },
    )
    assert forged.status_code == 400 and not Survey.objects.exists()


def test_anonymous_survey_answered_once_without_user_link(client, area):
    a = area
    survey = _make(client, a.admin, a.secondary)
    student = a.students[0]
    client.force_login(student)
    assert survey.title in client.get(reverse("survey_list")).content.decode()
    client.logout()
    assert _answer(client, student, survey).status_code == 302
    again = _answer(client, student, survey, stars="1")
    assert again.status_code == 400
    assert SurveyResponse.objects.count() == 1
    response = SurveyResponse.objects.get()
    assert response.respondent is None
    assert SurveyParticipation.objects.filter(survey=survey, user=student).count() == 1
    assert list(
        response.answers.order_by("question__position").values_list("stars", "choice", "text")
    ) == [
        (4, None, ""),
        (None, 1, ""),
        (None, None, "Tốt"),
    ]


def test_named_survey_keeps_the_respondent_and_bad_answers_save_nothing(client, area):
    a = area
    survey = _make(client, a.admin, a.secondary, anonymous=False)
    bad = _answer(client, a.students[0], survey, stars="7", choice="5")
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Câu 1" in html and "Câu 2" in html
    assert not SurveyResponse.objects.exists() and not SurveyParticipation.objects.exists()
    assert _answer(client, a.students[0], survey).status_code == 302
    assert SurveyResponse.objects.get().respondent == a.students[0]


def test_who_sees_a_survey(client, area):
    a = area
    draft = _make(client, a.admin, a.secondary, publish=False)
    survey = _make(client, a.admin, a.secondary)
    teachers = _make(client, a.department_admin, a.primary, audience="teachers")
    for user, visible in (
        (a.students[0], {survey.pk}),
        (a.other_student, set()),
        (a.teacher, set()),
        (a.primary_teacher, {teachers.pk}),
        (a.admin, set()),
    ):
        client.force_login(user)
        rows = client.get(reverse("survey_list")).context["rows"]
        assert {s.pk for s, _done in rows} == visible, user
        for s in (draft, survey, teachers):
            status = client.get(reverse("survey_answer", args=[s.pk])).status_code
            assert status == (200 if s.pk in visible else 404), (user, s)


def test_results_counts_and_export(client, area):
    a = area
    survey = _make(client, a.admin, a.secondary)
    for student, stars, choice in zip(a.students, ("5", "4", "5"), ("0", "1", "1"), strict=True):
        assert _answer(client, student, survey, stars=stars, choice=choice).status_code == 302
    client.force_login(a.admin)
    page = client.get(reverse("survey_results", args=[survey.pk]))
    results = [r for r, _chart in page.context["results"]]
    assert results[0].counts == [("1 ★", 0), ("2 ★", 0), ("3 ★", 0), ("4 ★", 1), ("5 ★", 2)]
    assert str(results[0].mean) == "4.7"
    assert results[1].counts == [("Điện thoại", 1), ("Máy tính", 2)]
    assert results[2].texts == ["Tốt", "Tốt", "Tốt"]
    html = page.content.decode()
    assert "<svg" in html and "4,7" in html
    ws = load_workbook(
        io.BytesIO(client.get(reverse("survey_export", args=[survey.pk])).content)
    ).active
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert (1, "Em hài lòng với bài giảng?", "5 ★", 2) in rows
    assert (2, "Em học bằng", "Máy tính", 2) in rows


@pytest.mark.parametrize(
    ("role", "manage", "results"),
    [
        ("admin", 200, 200),
        ("department_admin", 200, 200),
        ("district_admin", 200, 404),  # the secondary school is another district office's
        ("primary_admin", 200, 404),
        ("other_admin", 200, 404),
        ("teacher", 403, 404),
        ("librarian", 403, 404),
        ("exam_board", 403, 404),
    ],
)
def test_manage_doors(client, area, role, manage, results, django_assert_max_num_queries):
    a = area
    survey = _make(client, a.admin, a.secondary)
    client.force_login(getattr(a, role))
    assert client.get(reverse("survey_manage")).status_code == manage
    assert client.get(reverse("survey_create")).status_code == manage
    with django_assert_max_num_queries(20):
        assert client.get(reverse("survey_results", args=[survey.pk])).status_code == results
    assert client.get(reverse("survey_export", args=[survey.pk])).status_code == results
    assert client.post(reverse("survey_publish", args=[survey.pk])).status_code in (
        (302,) if results == 200 else (404,)
    )


def test_student_cannot_manage(client, area):
    survey = _make(client, area.admin, area.secondary)
    client.force_login(area.students[0])
    assert client.get(reverse("survey_manage")).status_code == 403
    assert client.get(reverse("survey_results", args=[survey.pk])).status_code == 404
    assert client.post(reverse("survey_publish", args=[survey.pk])).status_code == 404


def test_district_survey_reaches_its_schools_only_until_it_closes(client, area):
    a = area
    client.force_login(a.district_admin)
    labels = [
        v for _k, v in client.get(reverse("survey_create")).context["form"].fields["scope"].choices
    ]
    assert a.primary.name in labels and a.secondary.name not in labels
    office = str(a.primary.district_office)
    survey = _make(client, a.district_admin, office, audience="teachers")
    assert (survey.district_office_id, survey.school_id) == (a.primary.district_office_id, None)
    client.force_login(a.primary_teacher)
    assert client.get(reverse("survey_answer", args=[survey.pk])).status_code == 200
    client.force_login(a.teacher)  # the secondary school is another district office's
    assert client.get(reverse("survey_answer", args=[survey.pk])).status_code == 404
    survey.closes_at = timezone.now() - dt.timedelta(minutes=1)
    survey.save()
    client.force_login(a.primary_teacher)
    assert client.get(reverse("survey_answer", args=[survey.pk])).status_code == 404
    assert _answer(client, a.primary_teacher, survey).status_code == 404
    assert not SurveyParticipation.objects.exists()


def test_home_page_links_the_waiting_surveys(client, area):
    a = area
    survey = _make(client, a.admin, a.secondary)
    client.force_login(a.students[0])
    home = client.get("/")
    assert home.status_code == 200
    assert "Khảo sát đang chờ bạn trả lời: 1" in home.content.decode()
    assert _answer(client, a.students[0], survey).status_code == 302
    client.force_login(a.students[0])
    assert "Khảo sát đang chờ bạn trả lời" not in client.get("/").content.decode()


def test_parents_answer_with_their_childs_account(client, area):
    a = area
    survey = _make(client, a.admin, a.secondary, audience="parents")
    client.force_login(a.students[0])
    page = client.get(reverse("survey_answer", args=[survey.pk]))
    assert page.status_code == 200 and "dành cho phụ huynh" in page.content.decode()
    client.force_login(a.teacher)
    assert client.get(reverse("survey_answer", args=[survey.pk])).status_code == 404
    assert _answer(client, a.students[0], survey).status_code == 302
    assert _answer(client, a.students[0], survey).status_code == 400
    assert SurveyResponse.objects.filter(survey=survey).count() == 1
