"""PDF files: refusing active content, reading text and metadata, thumbnails, demo files.

Everything reads PDFs with PDFium (``pypdfium2``); no Chromium and no Poppler are needed.
"""

from __future__ import annotations

import base64
import ctypes
import io
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from django.conf import settings
from django.utils.translation import gettext as _
from PIL import ImageFont

from common.vietnamese import nfc
from content.files.base import MB, Source, UploadRejected, display_name, read_source

# Names that start scripts or other programs. Short names (/JS, /AA, /XFA) are only looked
# for outside stream data and inside object streams: three random bytes in 200 MB of
# compressed images would otherwise match now and then and refuse a clean PDF.
_ACTIVE_LONG = frozenset({b"JavaScript", b"Launch", b"RichMedia"})
_ACTIVE = _ACTIVE_LONG | {b"JS", b"AA", b"XFA"}
_NAME = re.compile(rb"/([^\x00\t\n\x0c\r /<>\[\]()%{}]+)")
_NAME_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
_FILTERS = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[<>]+)")
_PREDICTOR = re.compile(rb"/Predictor\s+(\d+)")
MAX_OBJSTM = 64 * MB  # expanded bytes of one object stream (they hold only small dicts)


def _unescape(name: bytes) -> bytes:
    # PDF names may spell any byte as #xx, so /J#61vaScript is /JavaScript to a reader.
    return _NAME_HEX.sub(lambda m: bytes([int(m[1], 16)]), name)


def _names(chunk: bytes) -> set[bytes]:
    return {_unescape(m[1]) for m in _NAME.finditer(chunk)}


def _decode(raw: bytes, filters: list[bytes], name: str) -> bytes:
    for flt in filters:
        if flt in (b"FlateDecode", b"Fl"):
            inflater = zlib.decompressobj()
            try:
                raw = inflater.decompress(raw, MAX_OBJSTM)
            except zlib.error as exc:
                raise _unscannable(name) from exc
            if inflater.unconsumed_tail:
                raise _unscannable(name)
        elif flt in (b"ASCIIHexDecode", b"AHx"):
            raw = bytes.fromhex(re.sub(rb"\s", b"", raw.split(b">", 1)[0]).decode())
        elif flt in (b"ASCII85Decode", b"A85"):
            raw = base64.a85decode(re.sub(rb"\s", b"", raw).split(b"~>", 1)[0])
        else:
            raise _unscannable(name)
    return raw


def _unscannable(name: str) -> UploadRejected:
    return UploadRejected(
        _(
            'Tệp "%(name)s" có luồng đối tượng nén theo cách không kiểm tra được — '
            "bị từ chối vì lý do an toàn."
        ),
        code="pdf_unscannable",
        params={"name": name},
    )


def _scan(data: bytes, *, name: str) -> tuple[set[bytes], bool]:
    """Active names found, and whether some object stream could not be decoded."""
    found = _names(data) & _ACTIVE_LONG
    undecodable = False
    pos = 0
    while m := _STREAM.search(data, pos):
        found |= _names(data[pos : m.start()]) & _ACTIVE
        # The first "endstream" bounds the data, not /Length: a lying length cannot hide
        # dictionaries that come after the stream from this scan.
        end = data.find(b"endstream", m.end())
        end = len(data) if end < 0 else end
        head = data[max(data.rfind(b"obj", pos, m.start()), pos) : m.start()]
        head = _NAME.sub(lambda n: b"/" + _unescape(n[1]), head)
        if b"ObjStm" in _names(head):
            declared = _FILTERS.search(head)
            predictor = _PREDICTOR.search(head)
            filters = re.findall(rb"/([^\s/\[\]<>]+)", declared[1]) if declared else []
            # An indirect /Filter or a predictor is legal but not decoded here.
            if (b"/Filter" in head and not declared) or (predictor and int(predictor[1]) > 1):
                undecodable = True
            else:
                try:
                    found |= _names(_decode(data[m.end() : end], filters, name)) & _ACTIVE
                except (UploadRejected, ValueError):
                    undecodable = True
        pos = end + len(b"endstream")
    found |= _names(data[pos:]) & _ACTIVE
    return found, undecodable


def _as_names(found: set[bytes]) -> set[str]:
    return {"/" + n.decode("latin-1") for n in found}


def find_active_content(data: bytes, *, name: str = "PDF") -> set[str]:
    """Names of script and auto-action keys in a PDF, e.g. ``{"/JS", "/JavaScript"}``.

    Looks at the bytes outside streams, inside decompressed object streams (where PDF 1.5+
    hides dictionaries) and, for the long names, at the whole file. Raises
    :class:`UploadRejected` (``pdf_unscannable``) if an object stream cannot be decoded.
    """
    found, undecodable = _scan(data, name=name)
    if undecodable and not found:
        raise _unscannable(name)
    return _as_names(found)


def open_pdf(source: Source, *, name: str | None = None) -> pdfium.PdfDocument:
    """Open a PDF with PDFium, turning its failures into Vietnamese refusals."""
    name = name or display_name(source)
    data = source if isinstance(source, (str, Path)) else read_source(source)
    try:
        return pdfium.PdfDocument(Path(data) if isinstance(data, str) else data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) in (
            pdfium_c.FPDF_ERR_PASSWORD,
            pdfium_c.FPDF_ERR_SECURITY,
        ):
            raise UploadRejected(
                _('Tệp "%(name)s" là PDF có mật khẩu — hãy gỡ mật khẩu rồi tải lên lại.'),
                code="pdf_encrypted",
                params={"name": name},
            ) from exc
        raise UploadRejected(
            _('Tệp "%(name)s" là PDF bị hỏng, không đọc được.'),
            code="pdf_broken",
            params={"name": name},
        ) from exc


def check_pdf(data: bytes, *, name: str) -> None:
    """Refuse a PDF with JavaScript or auto-actions, a broken one or one with a password.

    Scripts are reported first, even in a file that is also broken. A PDF encrypted without
    a user password (only "permissions") opens for everyone and is accepted; its object
    streams are ciphertext, so they are scanned in a copy PDFium decrypted.
    """
    found, undecodable = _scan(data, name=name)
    if not found:
        with open_pdf(data, name=name) as document:
            if pdfium_c.FPDF_GetSecurityHandlerRevision(document.raw) >= 0:
                plain = io.BytesIO()
                document.save(plain, flags=pdfium_c.FPDF_REMOVE_SECURITY)
                found, undecodable = _scan(plain.getvalue(), name=name)
            if pdfium_c.FPDFDoc_GetJavaScriptActionCount(document.raw) > 0:
                found.add(b"JavaScript")
    if found:
        raise UploadRejected(
            _(
                'Tệp "%(name)s" chứa JavaScript hoặc hành động tự chạy (%(found)s) — '
                "bị từ chối vì lý do an toàn."
            ),
            code="pdf_active_content",
            params={"name": name, "found": ", ".join(sorted(_as_names(found)))},
        )
    if undecodable:
        raise _unscannable(name)


@dataclass
class PdfInfo:
    page_count: int
    pages: list[str] = field(default_factory=list)
    title: str = ""
    author: str = ""

    @property
    def text(self) -> str:
        return "\n\n".join(self.pages)


def _nfc(text: str) -> str:
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def pdf_extract(path_or_file: Source) -> PdfInfo:
    """Text of every page (NFC), page count, title and author of a PDF.

    Raises :class:`UploadRejected` (``pdf_broken``, ``pdf_encrypted``) if PDFium cannot read it.
    """
    with open_pdf(path_or_file) as pdf:
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(_nfc(textpage.get_text_bounded()))
            textpage.close()
            page.close()
        meta = pdf.get_metadata_dict()
        return PdfInfo(
            page_count=len(pdf),
            pages=pages,
            title=_nfc(meta.get("Title", "")),
            author=_nfc(meta.get("Author", "")),
        )


def pdf_thumbnail(path_or_file: Source, *, width: int = 360) -> bytes:
    """The first page as a JPEG ``width`` pixels wide (the top of very tall pages only)."""
    with open_pdf(path_or_file) as pdf:
        page = pdf[0]
        page_width, _height = page.get_size()
        image = page.render(scale=width / page_width).to_pil().convert("RGB")
        page.close()
    if image.width != width:
        image = image.resize((width, max(1, round(image.height * width / image.width))))
    image = image.crop((0, 0, width, min(image.height, 3 * width)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


# --- demo PDFs -------------------------------------------------------------------------

PAGE_W, PAGE_H, MARGIN = 595.0, 842.0, 56.0  # A4 in points


VENDORED_FONT = "static/vendor/fonts/dejavu/DejaVuSans.ttf"  # from npm dejavu-fonts-ttf
SYSTEM_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
)


def font_path() -> Path:
    """A TrueType font that covers Vietnamese: the vendored DejaVu Sans, else the system's."""
    candidates = [Path(settings.BASE_DIR) / VENDORED_FONT, *SYSTEM_FONTS]
    for path in candidates:
        if path.is_file():
            return path
    raise FileNotFoundError(
        "No TrueType font with Vietnamese glyphs for demo PDFs; looked at "
        + ", ".join(str(p) for p in candidates)
        + " (vendor npm dejavu-fonts-ttf or install fonts-dejavu-core)."
    )


def _wrap(text: str, measure: ImageFont.FreeTypeFont, size: float, width: float) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and measure.getlength(candidate) * size / 1000 > width:
            lines.append(line)
            candidate = word
        line = candidate
    return [*lines, line] if line else lines


class _Writer:
    """FPDF_FILEWRITE callback collecting PDFium's output in memory."""

    def __init__(self):
        self.out = io.BytesIO()

    def __call__(self, _this, data, size):
        self.out.write(ctypes.string_at(data, size))
        return 1


def _add_text(doc, page, font, text: str, size: float, x: float, y: float) -> None:
    obj = pdfium_c.FPDFPageObj_CreateTextObj(doc, font, size)
    encoded = text.encode("utf-16-le") + b"\0\0"
    buffer = ctypes.create_string_buffer(encoded, len(encoded))
    pdfium_c.FPDFText_SetText(obj, ctypes.cast(buffer, pdfium_c.FPDF_WIDESTRING))
    pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
    pdfium_c.FPDFPage_InsertObject(page, obj)


def _with_title(data: bytes, title: str) -> bytes:
    # PDFium has no API to write the Info dictionary, so an incremental update replaces it.
    trailer = data[data.rfind(b"trailer") :]
    info = re.search(rb"/Info\s+(\d+)\s+0\s+R", trailer)
    root = re.search(rb"/Root\s+(\d+\s+\d+)\s+R", trailer)
    size = re.search(rb"/Size\s+(\d+)", trailer)
    prev = re.search(rb"startxref\s+(\d+)", trailer)
    if not (info and root and size and prev):
        return data
    hex_title = ("feff" + title.encode("utf-16-be").hex()).upper().encode()
    body = b"%s 0 obj\n<< /Title <%s> /Producer (hoclieu) /Creator (PDFium) >>\nendobj\n" % (
        info[1],
        hex_title,
    )
    offset = len(data)
    xref_at = offset + len(body)
    return (
        data
        + body
        + (
            b"xref\n%s 1\n%010d 00000 n\r\ntrailer\n<< /Size %s /Root %s R /Info %s 0 R /Prev %s >>\n"
            b"startxref\n%d\n%%%%EOF\n"
            % (info[1], offset, size[1], root[1], info[1], prev[1], xref_at)
        )
    )


def demo_pdf(title: str, paragraphs: list[str], *, pages: int = 2) -> bytes:
    """A small real PDF with Vietnamese text, made with PDFium (no browser needed).

    The paragraphs are shared out over ``pages`` pages in order; every page shows the title
    and ``Trang N`` and its paragraphs, all wrapped to the page width; a newline in a
    paragraph starts a new line (a question's options, one per line). A page that overflows
    continues on an extra page, so long text gives more than ``pages`` pages.
    """
    title = nfc(title)
    font_file = font_path()
    measure = ImageFont.truetype(str(font_file), 1000)
    body_size, leading, text_width = 12.0, 18.0, PAGE_W - 2 * MARGIN
    title_size, title_leading = 18.0, 22.0
    title_lines = _wrap(title, measure, title_size, text_width)
    title_top = PAGE_H - MARGIN - title_size
    per_page = -(-len(paragraphs) // pages) if paragraphs else 0
    chunks = [paragraphs[i * per_page : (i + 1) * per_page] for i in range(pages)]
    top, bottom = title_top - (len(title_lines) - 1) * title_leading - 30, MARGIN + 30
    capacity = int((top - bottom) // leading) + 1
    layout: list[list[str]] = []
    for chunk in chunks:
        lines: list[str] = []
        for paragraph in chunk:
            if lines:
                lines.append("")
            for text in nfc(paragraph).split("\n"):
                lines += _wrap(text, measure, body_size, text_width)
        layout += [lines[i : i + capacity] for i in range(0, len(lines), capacity)] or [[]]

    font_data = font_file.read_bytes()
    font_buffer = (ctypes.c_ubyte * len(font_data)).from_buffer_copy(font_data)
    doc = pdfium_c.FPDF_CreateNewDocument()
    font = pdfium_c.FPDFText_LoadFont(
        doc, font_buffer, len(font_data), pdfium_c.FPDF_FONT_TRUETYPE, True
    )
    writer = _Writer()
    try:
        if not font:
            raise RuntimeError(f"PDFium could not load the font {font_file}")
        for number, lines in enumerate(layout, start=1):
            page = pdfium_c.FPDFPage_New(doc, number - 1, PAGE_W, PAGE_H)
            for i, line in enumerate(title_lines):
                y = title_top - i * title_leading
                _add_text(doc, page, font, line, title_size, MARGIN, y)
            for i, line in enumerate(lines):
                if line:
                    _add_text(doc, page, font, line, body_size, MARGIN, top - i * leading)
            _add_text(doc, page, font, f"Trang {number}", 10.0, MARGIN, MARGIN)
            pdfium_c.FPDFPage_GenerateContent(page)
            pdfium_c.FPDF_ClosePage(page)
        file_write = pdfium_c.FPDF_FILEWRITE(version=1)
        file_write.WriteBlock = type(file_write.WriteBlock)(writer)
        if not pdfium_c.FPDF_SaveAsCopy(doc, file_write, 0):
            raise RuntimeError("PDFium could not save the demo PDF")
    finally:
        if font:
            pdfium_c.FPDFFont_Close(font)
        pdfium_c.FPDF_CloseDocument(doc)
    return _with_title(writer.out.getvalue(), title)
