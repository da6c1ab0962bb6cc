"""The per-student report card (PDF): its doors, and what it prints."""

import pytest
from django.test import Client

from lms.gradebook.report_card import report_card_html
from tests.lms.gradebook.helpers import enter

pytestmark = pytest.mark.django_db


def _marks(sch):
    an = sch.students[0]
    # Lịch sử HK I: (7 + 8 + 6,6 + 14 + 24) / 8 = 7,45 → 7,5; HK II: 70 / 8 = 8,75 → 8,8;
    # ĐTBmcn (7,5 + 17,6) / 3 = 8,4
    enter(sch.teacher, sch.c10a1, sch.su, 1, {an: [7, 8, 6.6, 7, 8]})
    enter(sch.teacher, sch.c10a1, sch.su, 2, {an: [9, 9, 8, 8.5, 9]})
    enter(sch.teacher, sch.c10a1, sch.gdtc, 1, {an: ["Đ", "Đ", "Đ", "Đ"]})
    return an


def test_the_card_holds_each_subjects_results_and_the_levels(sch):
    an = _marks(sch)
    html = report_card_html(student=an, school_class=sch.c10a1)
    assert "PHIẾU ĐIỂM" in html and "Nguyễn Văn An" in html and "2700000001" in html
    row = html.split("<td>Lịch sử</td>")[1].split("</tr>")[0]
    assert [c.split("</td>")[0] for c in row.split('<td class="num">')[1:]] == ["7,5", "8,8", "8,4"]
    row = html.split("<td>Giáo dục thể chất</td>")[1].split("</tr>")[0]
    assert [c.split("</td>")[0] for c in row.split('<td class="num">')[1:]] == ["Đ", "—", "—"]
    assert "Chưa đủ điểm" in html  # Toán has no marks: no level yet


def _status(user, sch, student):
    client = Client()
    client.force_login(user)
    url = f"/hoc/so-diem/lop/{sch.c10a1.pk}/hoc-sinh/{student.pk}/phieu-diem/"
    return client.get(url).status_code


def test_who_may_open_a_card(sch, monkeypatch):
    monkeypatch.setattr(
        "lms.gradebook.views.report_card_pdf",
        lambda **kw: b"%PDF-1.4 " + kw["student"].username.encode(),
    )
    an, binh = sch.students[:2]
    assert _status(an, sch, an) == 200  # their own
    assert _status(an, sch, binh) == 404  # a classmate's
    assert _status(sch.student_10a2, sch, sch.student_10a2) == 404  # not in 10A1
    assert _status(sch.homeroom, sch, binh) == 200
    assert _status(sch.admin, sch, binh) == 200
    assert _status(sch.homeroom, sch, sch.student_10a2) == 404  # not of the class
    for user in (sch.teacher, sch.other_teacher, sch.other_admin, sch.department_admin):
        assert _status(user, sch, an) == 404


@pytest.mark.browser
def test_the_card_prints_to_a_pdf(sch):
    import pypdfium2 as pdfium

    from common.vietnamese import nfc

    an = _marks(sch)
    client = Client()
    client.force_login(an)
    response = client.get(f"/hoc/so-diem/lop/{sch.c10a1.pk}/hoc-sinh/{an.pk}/phieu-diem/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    doc = pdfium.PdfDocument(response.content)
    text = nfc("\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc))))
    for word in ("PHIẾU ĐIỂM", "Nguyễn Văn An", "Lịch sử", "7,5", "8,8", "8,4"):
        assert nfc(word) in text, word
