"""WMF/EMF previews become PNG pictures a browser shows, or the question says why not."""

from __future__ import annotations

import io
import time

import pytest
from PIL import Image

from question_bank.formats.docx import MATHTYPE_REVIEW, parse, wmf
from tests.question_bank.formats.docx.import_ui.metafiles import emf as make_emf
from tests.question_bank.formats.docx.import_ui.metafiles import wmf as make_wmf
from tests.question_bank.formats.docx_builder import WMF_BYTES, DocBuilder, run

needs_draw = pytest.mark.skipif(
    wmf.converter() is None, reason="LibreOffice Draw (libreoffice-draw-nogui) is not installed"
)


def plain(notes: list[str]) -> list[str]:
    """The notes with an equation's note without its reason (the converter's, tested apart)."""
    head = MATHTYPE_REVIEW.split(",")[0] + " ("
    return [MATHTYPE_REVIEW if n.startswith(head) else n for n in notes]


def exam(previews: list[bytes]) -> bytes:
    b = DocBuilder()
    for n, preview in enumerate(previews, start=1):
        para = b.p(f"Câu {n}. Tính ")
        b.ole_equation(para, preview)
        b.p("A. 1\t", run("B.", u=True), " 2\tC. 3\tD. 4")
    return b.bytes()


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setattr(wmf, "_cached", lambda digest: None)
    monkeypatch.setattr(wmf, "_remember", lambda digest, png: None)


def test_the_test_metafile_is_a_metafile():
    assert wmf.looks_like_metafile(make_wmf())
    assert not wmf.looks_like_metafile(WMF_BYTES)  # zero-sized: never sent to the converter
    assert not wmf.looks_like_metafile(b"<svg/>")


@needs_draw
def test_metafile_previews_become_png_in_one_batch(monkeypatch):
    calls = []
    real_run = wmf._run
    monkeypatch.setattr(wmf, "_run", lambda *a: calls.append(a) or real_run(*a))
    colours = [0x0000FF, 0x00FF00, 0xFF0000]
    started = time.monotonic()
    result = parse(exam([make_wmf(color=c) for c in colours]), filename="wmf.docx")
    elapsed = time.monotonic() - started
    assert len(calls) == 1 and len(calls[0][2]) == 3  # one soffice call for the three
    assert elapsed < 30
    assert len(result.questions) == 3
    for q, colour in zip(result.questions, colours, strict=True):
        [(name, data)] = q.assets.items()
        assert name.endswith(".png") and f'src="asset:{name}"' in q.stem
        image = Image.open(io.BytesIO(data))
        assert image.format == "PNG" and image.width < 400  # cropped to the picture
        red = colour & 0xFF
        centre = image.convert("RGB").getpixel((image.width // 2, image.height // 2))
        assert centre[0] == red  # COLORREF is 0x00BBGGRR
        # The equation itself was not converted (no OLE part): the question stays flagged,
        # and the picture is one a browser shows, so no second note.
        assert plain(q.needs_review) == [MATHTYPE_REVIEW]


@needs_draw
def test_a_converted_metafile_is_cached_by_content(monkeypatch):
    store: dict = {}
    monkeypatch.setattr(wmf, "_cached", store.get)
    monkeypatch.setattr(wmf, "_remember", store.__setitem__)
    data = exam([make_wmf()])
    parse(data, filename="a.docx")
    assert len(store) == 1
    monkeypatch.setattr(wmf, "_run", lambda *a: pytest.fail("converted twice"))
    [q] = parse(data, filename="a.docx").questions
    assert next(iter(q.assets)).endswith(".png")


def test_without_a_converter_the_metafile_is_kept_and_flagged(monkeypatch):
    monkeypatch.setattr(wmf, "converter", lambda: None)
    [q] = parse(exam([make_wmf()]), filename="a.docx").questions
    [(name, data)] = q.assets.items()
    assert name.endswith(".wmf") and data == make_wmf()
    assert plain(q.needs_review) == [MATHTYPE_REVIEW, wmf.NO_CONVERTER]
    assert "LibreOffice" in wmf.NO_CONVERTER


def test_a_converter_that_fails_or_hangs_leaves_the_metafile_flagged(monkeypatch):
    monkeypatch.setattr(wmf, "converter", lambda: "/bin/sleep")
    monkeypatch.setattr(wmf, "_timeout", lambda count: 0.5)
    started = time.monotonic()
    [q] = parse(exam([make_wmf()]), filename="a.docx").questions
    assert time.monotonic() - started < 10  # the hung converter was killed
    assert next(iter(q.assets)).endswith(".wmf")
    assert plain(q.needs_review) == [MATHTYPE_REVIEW, wmf.NOT_SHOWN]


def test_a_plain_picture_in_wmf_is_flagged_when_it_cannot_be_shown(monkeypatch):
    monkeypatch.setattr(wmf, "converter", lambda: None)
    b = DocBuilder()
    para = b.p("Câu 1. Hình bên là gì? ")
    rid = b._image_rel(make_wmf(), "emf", "image/x-emf")  # an EMF name with WMF bytes
    from lxml import etree

    from tests.question_bank.formats.docx_builder import R_NS, V_NS, W_NS

    para._p.append(
        etree.fromstring(
            f'<w:r xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:v="{V_NS}"><w:pict><v:shape '
            f'style="width:30pt;height:15pt"><v:imagedata r:id="{rid}"/></v:shape></w:pict></w:r>'
        )
    )
    b.p("A. 1\t", run("B.", u=True), " 2\tC. 3\tD. 4")
    [q] = parse(b.bytes(), filename="a.docx").questions
    assert q.needs_review == [wmf.NO_CONVERTER]


def test_a_blank_render_is_not_a_picture():
    blank = io.BytesIO()
    Image.new("RGB", (50, 50), "white").save(blank, "PNG")
    assert wmf.crop(blank.getvalue()) is None
    assert wmf.crop(b"not a png") is None


@needs_draw
def test_an_emf_preview_becomes_png_too():
    b = DocBuilder()
    para = b.p("Câu 1. Tính ")
    b.ole_equation(para, make_emf(), ext="emf")
    b.p("A. 1\t", run("B.", u=True), " 2\tC. 3\tD. 4")
    [q] = parse(b.bytes(), filename="emf.docx").questions
    [(name, data)] = q.assets.items()
    assert name.endswith(".png") and data.startswith(b"\x89PNG")
    assert plain(q.needs_review) == [MATHTYPE_REVIEW]


def test_only_the_previews_left_on_show_are_converted(monkeypatch):
    """The preview of an equation that becomes LaTeX is never sent to the converter."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from lxml import etree

    from tests.question_bank.formats.docx.mathtype.mtef_builder import eq, frac, ole_stream, v
    from tests.question_bank.formats.docx.mathtype.ole_builder import ole_file
    from tests.question_bank.formats.docx_builder import O_NS, R_NS, V_NS, W_NS

    sent = []
    monkeypatch.setattr(wmf, "converter", lambda: "/bin/true")
    monkeypatch.setattr(wmf, "_run", lambda program, workdir, names: sent.extend(names))
    b = DocBuilder()
    for n, (ole, colour) in enumerate(
        [(ole_file(ole_stream(eq(frac(v("1"), v("2"))))), 1), (b"garbage", 2)], start=1
    ):
        para = b.p(f"Câu {n}. Tính ")
        rid = b._image_rel(make_wmf(color=colour), "wmf", "image/x-wmf")
        part = Part(
            PackURI(f"/word/embeddings/oleObject{n}.bin"),
            "application/vnd.openxmlformats-officedocument.oleObject",
            ole,
            b.doc.part.package,
        )
        ole_rid = b.doc.part.relate_to(part, RT.OLE_OBJECT)
        para._p.append(
            etree.fromstring(
                f'<w:r xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:v="{V_NS}" xmlns:o="{O_NS}">'
                '<w:object><v:shape style="width:60pt;height:20pt">'
                f'<v:imagedata r:id="{rid}"/></v:shape><o:OLEObject Type="Embed" '
                f'ProgID="Equation.DSMT4" r:id="{ole_rid}"/></w:object></w:r>'
            )
        )
        b.p("A. 1\t", run("B.", u=True), " 2\tC. 3\tD. 4")
    first, second = parse(b.bytes(), filename="a.docx").questions
    assert "\\dfrac{1}{2}" in first.stem and not first.assets
    assert len(sent) == 1  # only the second question's preview
    assert plain(second.needs_review) == [MATHTYPE_REVIEW, wmf.NOT_SHOWN]  # "/bin/true" made no PNG
