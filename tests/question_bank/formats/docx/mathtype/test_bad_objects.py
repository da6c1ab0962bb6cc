"""Issue 21, bad input: a corrupt MTEF stream, an OLE object of another kind (an embedded
Excel sheet, a ChemDraw drawing) and a huge embedded object are each reported beside their
question in Vietnamese, naming it, and never crash the preview; the only program a Word file
meets (LibreOffice for WMF/EMF previews) gets nothing over its size limits and is killed at
its timeout.

The .docx files are built in the test (:mod:`.ole_builder`, :mod:`.mtef_builder`)."""

from __future__ import annotations

import contextlib
import random
import time

import pytest

from accounts.models import Role
from question_bank.formats.docx import MATHTYPE_REVIEW, parse, reader, wmf
from question_bank.formats.docx.mathtype import MathTypeError, OleError, mtef_to_latex, ole
from question_bank.formats.docx.mathtype import ole_to_latex as real_ole_to_latex
from question_bank.import_preview import preview_items
from question_bank.importing import build_preview, import_commit
from question_bank.models import Question
from tests.accounts.factories import make_school, make_user
from tests.question_bank.factories import make_bank
from tests.question_bank.formats.docx.import_ui.metafiles import wmf as make_wmf
from tests.question_bank.formats.docx.mathtype.mtef_builder import V3, eq, frac, ole_stream, v
from tests.question_bank.formats.docx.mathtype.ole_builder import ole_file
from tests.question_bank.formats.docx.mathtype.test_ole_and_docx import (
    CHEMISTRY,
    EE3,
    FRACTION,
    INTEGRAL,
    MATRIX,
    ROOT,
    by_stem,
    exam,
)
from tests.question_bank.formats.docx_builder import DocBuilder, run

GOOD = [FRACTION, ROOT, MATRIX, INTEGRAL, CHEMISTRY, EE3]
EXCEL = "Đối tượng nhúng Excel.Sheet.12 được giữ dưới dạng ảnh — cần kiểm tra"
CHEMDRAW = "Đối tượng nhúng ChemDraw.Document.6.0 được giữ dưới dạng ảnh — cần kiểm tra"
REAL_RUN = wmf._run


@pytest.fixture(autouse=True)
def _no_converter_call(monkeypatch):
    """The test previews are no real metafiles: nothing may reach LibreOffice here."""
    monkeypatch.setattr(wmf, "_run", lambda *a: pytest.fail("a program was run"))
    monkeypatch.setattr(wmf, "_cached", lambda digest: None)
    monkeypatch.setattr(wmf, "_remember", lambda digest, png: None)


def corrupt(mtef: bytes) -> bytes:
    """A fraction whose template record stops halfway (the stream ends inside it)."""
    return mtef[: len(mtef) // 2]


def bad_objects() -> dict[str, tuple[bytes | None, str]]:
    huge = random.Random(21).randbytes(ole.MAX_OLE_BYTES)  # incompressible: not a zip bomb
    return {
        "đúng": (ole_file(ole_stream(FRACTION)), "Equation.DSMT4"),
        "hỏng": (ole_file(ole_stream(corrupt(FRACTION))), "Equation.DSMT4"),
        "excel": (ole_file(b"PK\x03\x04" + b"\x00" * 200, name="Package"), "Excel.Sheet.12"),
        "chemdraw": (
            ole_file(b"VjCD0100" + bytes(range(256)), name="CONTENTS"),
            "ChemDraw.Document.6.0",
        ),
        "lớn": (ole_file(ole_stream(FRACTION)) + huge, "Equation.DSMT4"),
    }


@pytest.fixture
def teacher_bank():
    teacher = make_user(role=Role.TEACHER, school=make_school())
    return teacher, make_bank(teacher, scope="school")


@pytest.mark.django_db
def test_each_bad_object_is_named_beside_its_question_and_the_preview_goes_on(teacher_bank):
    teacher, bank = teacher_bank
    data = exam(bad_objects())
    preview, result = build_preview("de.docx", data, bank, teacher)
    assert result is not None and not preview.errors  # read, not refused
    assert preview.total == 5
    expected = {
        # the corrupt stream, with the converter's reason
        "Câu 2": "Công thức MathType không chuyển được (dữ liệu công thức MathType bị cắt cụt",
        "Câu 3": EXCEL,
        "Câu 4": CHEMDRAW,
        # over the size limit: never read
        "Câu 5": reader.mathtype_review(reader.OLE_UNREADABLE.format(size="4 MB")),
    }
    for ref, message in expected.items():
        assert any(line.startswith(f"{ref}: {message}") for line in preview.needs_review), (
            ref,
            preview.needs_review,
        )
    assert not any(line.startswith("Câu 1:") for line in preview.needs_review)
    items = {it["ref"]: it for it in preview_items(result, preview.duplicates)["items"]}
    assert "\\dfrac{2x+1}{x-1}" in items["Câu 1"]["stem"] and not items["Câu 1"]["review"]
    for ref, message in expected.items():
        item = items[ref]
        assert any(n.startswith(message) for n in item["review"]), (message, item["review"])
        assert wmf.NOT_SHOWN in item["review"]
        assert "\\(" not in item["stem"]  # no guessed equation
        assert [c["correct"] for c in item["choices"]] == [False, True, False, False]
    # A doubt is not an error: the five questions save, each with its note for review.
    assert import_commit("de.docx", data, bank, teacher).created == 5
    assert Question.objects.count() == 5


def test_the_size_limit_of_an_embedded_object_refuses_it(monkeypatch):
    """Lowered below a small equation's size, the limit keeps the object unread."""
    data = exam({"phân số": (ole_file(ole_stream(FRACTION)), "Equation.DSMT4")})
    [q] = parse(data, filename="a.docx").questions
    assert "\\(" in q.stem and not q.needs_review
    monkeypatch.setattr(reader, "MAX_OLE_BYTES", 1024)  # the part is 6 KB
    [q] = parse(data, filename="a.docx").questions
    why = "không đọc được đối tượng nhúng: thiếu trong tệp hoặc lớn hơn 1 KB"
    assert "\\(" not in q.stem and q.needs_review[0] == reader.mathtype_review(why)


def test_the_ole_reader_refuses_an_object_over_its_limit_in_vietnamese(monkeypatch):
    blob = ole_file(ole_stream(FRACTION))
    assert real_ole_to_latex(blob)
    monkeypatch.setattr(ole, "MAX_OLE_BYTES", 1024)
    with pytest.raises(OleError, match=r"Đối tượng công thức quá lớn \(\d+ KB, giới hạn 1 KB\)"):
        real_ole_to_latex(blob)


def test_objects_of_other_kinds_are_never_read_as_equations(monkeypatch):
    """Excel and ChemDraw objects keep their picture; their bytes are not even opened."""
    opened = []
    monkeypatch.setattr(reader, "ole_to_latex", lambda data: opened.append(data) or "x")
    objects = {k: val for k, val in bad_objects().items() if k in ("excel", "chemdraw")}
    questions = by_stem(parse(exam(objects), filename="a.docx"))
    assert questions["excel"].needs_review[0] == EXCEL
    assert questions["chemdraw"].needs_review[0] == CHEMDRAW
    assert opened == []


def _mutations(seed: int, count: int):
    rng = random.Random(seed)
    seeds = [*GOOD, eq(frac(v("1"), v("2"))), V3.eq(V3.v("x"))]
    for _ in range(count):
        m = bytearray(rng.choice(seeds))
        for _k in range(rng.randint(1, 4)):
            if not m:
                break
            i, op = rng.randrange(len(m)), rng.random()
            if op < 0.4:
                m[i] = rng.randrange(256)
            elif op < 0.7:
                del m[i:]
            else:
                m[i:i] = rng.randbytes(rng.randint(1, 8))
        yield bytes(m)


def test_corrupt_mtef_streams_raise_only_the_converters_own_error():
    """3,000 damaged equations (bytes changed, cut, inserted): LaTeX or MathTypeError,
    nothing else (the reader then keeps the picture and flags the question)."""
    outcomes = {"latex": 0, "refused": 0}
    for mtef in _mutations(21, 3000):
        try:
            mtef_to_latex(mtef)
            outcomes["latex"] += 1
        except MathTypeError as exc:
            assert not str(exc).isascii(), exc  # said in Vietnamese
            outcomes["refused"] += 1
    assert outcomes["refused"] > 500, outcomes


def test_a_damaged_ole_container_raises_only_the_converters_own_error():
    blob = bytearray(ole_file(ole_stream(FRACTION)))
    rng = random.Random(3)
    for _ in range(300):
        damaged = bytearray(blob)
        for _k in range(rng.randint(1, 6)):
            damaged[rng.randrange(1536)] = rng.randrange(256)  # header, FAT, directory
        with contextlib.suppress(MathTypeError):  # anything else fails the test
            real_ole_to_latex(bytes(damaged))


# --- the only program a Word file meets: LibreOffice for WMF/EMF previews ---------------
def previews_exam(count: int) -> bytes:
    """``count`` questions, each with a MathType object without its equation part (so its
    preview is shown) whose preview is a real WMF."""
    b = DocBuilder()
    for n in range(1, count + 1):
        para = b.p(f"Câu {n}. Bảng số liệu ")
        b.ole_equation(para, make_wmf(color=0x000010 * n))
        b.p("A. 1\t", run("B.", u=True), " 2\tC. 3\tD. 4")
    return b.bytes()


@pytest.fixture
def sent(monkeypatch) -> list[str]:
    names: list[str] = []
    monkeypatch.setattr(wmf, "converter", lambda: "/bin/true")
    monkeypatch.setattr(wmf, "_run", lambda program, workdir, files: names.extend(files))
    return names


def test_a_preview_over_the_size_limit_is_never_handed_to_the_converter(monkeypatch, sent):
    data = previews_exam(1)
    parse(data, filename="a.docx")
    assert len(sent) == 1  # within the limit it is converted (here: by a stand-in)
    sent.clear()
    monkeypatch.setattr(wmf, "MAX_BYTES", 64)
    [q] = parse(data, filename="a.docx").questions
    assert sent == []
    assert q.needs_review[0].startswith(MATHTYPE_REVIEW.split(",")[0])
    assert q.needs_review[1:] == [wmf.NOT_SHOWN]
    assert "không chuyển được sang PNG" in wmf.NOT_SHOWN


def test_one_call_gets_at_most_max_files_and_max_total_bytes(monkeypatch, sent):
    data = previews_exam(4)
    parse(data, filename="a.docx")
    assert len(sent) == 4
    sent.clear()
    monkeypatch.setattr(wmf, "MAX_FILES", 2)
    questions = parse(data, filename="a.docx").questions
    assert len(sent) == 2
    assert all(wmf.NOT_SHOWN in q.needs_review for q in questions)  # none silently dropped
    sent.clear()
    monkeypatch.setattr(wmf, "MAX_FILES", 400)
    monkeypatch.setattr(wmf, "MAX_TOTAL_BYTES", len(make_wmf()) * 3 - 1)
    parse(data, filename="a.docx")
    assert len(sent) == 2


def test_the_converter_is_always_given_a_timeout(monkeypatch, tmp_path):
    assert wmf._timeout(1) == 30.5 and wmf._timeout(10**6) == wmf.MAX_SECONDS
    waited = []

    class Hung:
        pid = 0

        def wait(self, timeout=None):
            waited.append(timeout)
            if len(waited) == 1:
                raise wmf.subprocess.TimeoutExpired("soffice", timeout)

    killed = []
    monkeypatch.setattr(wmf.subprocess, "Popen", lambda *a, **kw: Hung())
    monkeypatch.setattr(wmf.os, "killpg", lambda pid, sig: killed.append(sig))
    started = time.monotonic()
    REAL_RUN("/usr/bin/soffice", tmp_path, ["p0.wmf", "p1.wmf"])
    assert waited == [31.0, None] and killed == [wmf.signal.SIGKILL]
    assert time.monotonic() - started < 5
