"""Issue 16, dead ends: after an import is saved, its job page links to the admin's question
list filtered to that import, and the list shows exactly the questions it saved."""

import re

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role
from question_bank.import_jobs import ImportJob
from question_bank.importing import import_commit
from question_bank.models import Question
from tests.accounts.factories import make_school, make_user
from tests.question_bank.factories import make_bank

pytestmark = pytest.mark.django_db

NEW_FILE = (
    "Số nghiệm của phương trình x^2 - 1 = 0 là\n"
    "A. 0\nB. 1\nC. 2\nD. 3\nANSWER: C\n\n"
    "Đơn vị đo cường độ dòng điện là\n"
    "A. vôn\nB. ampe\nC. oát\nD. ôm\nANSWER: B\n"
)
EARLIER_FILE = "Thủ đô của Việt Nam là thành phố nào?\nA. Hà Nội\nB. Huế\nANSWER: A\n"
EDIT_LINK = re.compile(r"/admin/snippets/question_bank/question/edit/(\d+)/")


def _listed_question_ids(html: str) -> set[int]:
    doc = lxml.html.fromstring(html)
    return {
        int(m.group(1)) for href in doc.xpath("//table//a/@href") if (m := EDIT_LINK.search(href))
    }


def test_saved_import_links_to_exactly_its_questions(client, django_capture_on_commit_callbacks):
    school = make_school()
    teacher = make_user(role=Role.TEACHER, school=school)
    bank = make_bank(teacher, scope="school")
    # Questions already in the bank, from an earlier file: not part of this import.
    import_commit("cu.txt", EARLIER_FILE.encode(), bank, teacher)
    earlier = set(Question.objects.values_list("pk", flat=True))
    assert earlier

    client.force_login(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/ngan-hang-cau-hoi/nhap/",
            {"bank": bank.pk, "file": SimpleUploadedFile("de-moi.txt", NEW_FILE.encode())},
        )
    job = ImportJob.objects.get()
    # Before the save there is nothing to link to.
    preview = lxml.html.fromstring(client.get(response["Location"]).content)
    assert not preview.xpath('//a[@data-testid="imported-questions"]')
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/ngan-hang-cau-hoi/nhap/{job.pk}/xac-nhan/")
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE

    page = lxml.html.fromstring(client.get(f"/admin/ngan-hang-cau-hoi/nhap/{job.pk}/").content)
    (link,) = page.xpath('//a[@data-testid="imported-questions"]')
    assert link.text_content().strip() == "Xem các câu hỏi vừa nhập"
    href = link.get("href")
    assert href == f"/admin/snippets/question_bank/question/?import_job={job.pk}"

    listing = client.get(href)
    assert listing.status_code == 200
    imported = set(Question.objects.exclude(pk__in=earlier).values_list("pk", flat=True))
    assert len(imported) == 2
    assert set(Question.objects.filter(import_job=job).values_list("pk", flat=True)) == imported
    assert _listed_question_ids(listing.content.decode()) == imported
    # the unfiltered list has the earlier questions too (the filter did the narrowing)
    everything = client.get("/admin/snippets/question_bank/question/").content.decode()
    assert _listed_question_ids(everything) == imported | earlier
