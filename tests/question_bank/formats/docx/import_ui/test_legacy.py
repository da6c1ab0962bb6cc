"""Word 97–2003, RTF and password-protected files are refused with what to do."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from question_bank.formats.base import ImportRejected
from question_bank.formats.docx import legacy, parse
from question_bank.forms import ImportForm
from tests.question_bank.formats.docx.mathtype.ole_builder import ole_file
from tests.question_bank.formats.docx_builder import DocBuilder

DOC = ole_file(b"\xec\xa5" + b"\x00" * 600, name="WordDocument")
ENCRYPTED = ole_file(b"\x00" * 600, name="EncryptedPackage")
XLS = ole_file(b"\x09\x08" + b"\x00" * 600, name="Workbook")
RTF = b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} C\\'e2u 1. ...}"


def test_the_doc_message_says_what_to_do():
    assert legacy.DOC == (
        "Tệp .doc (Word 97–2003) chưa đọc được: hãy mở tệp trong Word và Lưu thành (Save As) "
        ".docx rồi tải lên lại"
    )


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (DOC, "de-thi.doc", legacy.DOC),
        (DOC, "de-thi.docx", legacy.DOC),  # a .doc renamed .docx
        (ENCRYPTED, "de-thi.docx", legacy.ENCRYPTED),
        (XLS, "de-thi.docx", legacy.OTHER_OLE),
        (RTF, "de-thi.docx", legacy.RTF),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "c.doc", legacy.DOC),  # damaged
    ],
)
def test_parser_refuses_with_the_right_message(data, name, message):
    with pytest.raises(ImportRejected) as exc:
        parse(data, filename=name)
    assert str(exc.value) == f"Tệp {name}: {message}"


def form_error(data: bytes, name: str) -> list[str]:
    form = ImportForm(data={}, files={"file": SimpleUploadedFile(name, data)}, user=None)
    form.is_valid()
    return form.errors.get("file", [])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (DOC, "de-thi.doc", legacy.DOC),
        (b"anything", "de-thi.doc", legacy.DOC),
        (DOC, "de-thi.docx", legacy.DOC),
        (RTF, "de-thi.rtf", legacy.RTF),
        (RTF, "de-thi.docx", legacy.RTF),
        (ENCRYPTED, "de-thi.docx", legacy.ENCRYPTED),
    ],
)
def test_upload_form_refuses_legacy_files(data, name, message):
    assert form_error(data, name) == [message]


@pytest.mark.django_db
def test_upload_form_accepts_a_real_docx():
    b = DocBuilder()
    b.p("Câu 1. 1 + 1 = ?")
    assert form_error(b.bytes(), "de-thi.docx") == []
