"""EPUB books: refusing scripts and DRM, reading metadata, text and cover, demo books.

Archives are opened with :class:`common.safefiles.SafeZip` (zip bombs, traversal,
symlinks) and XML with the project's hardened parser (no entities, no network).
"""

from __future__ import annotations

import re
import uuid
import zipfile
from dataclasses import dataclass, field
from html import escape
from io import BytesIO
from urllib.parse import unquote

from django.utils.translation import gettext as _
from lxml import etree
from lxml import html as lxml_html

from common.safefiles import SafeZip, parse_xml, resolve_member
from common.vietnamese import nfc
from content.files.base import Source, UploadRejected, display_name, read_source
from question_bank.formats.base import ImportRejected

NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "enc": "http://www.w3.org/2001/04/xmlenc#",
}
_DOCUMENT_TYPES = ("application/xhtml+xml", "text/html")
_MARKUP = (".xhtml", ".html", ".htm", ".xht", ".svg")
# A <script> element, an on…= event handler or a javascript: URL inside a tag. [^<>]
# keeps the scan linear on text full of '<' without '>'.
_ACTIVE = re.compile(
    rb"<(?:[a-z0-9]+:)?script[\s>/]|<[^<>]*\son[a-z]+\s*=|<[^<>]*javascript:", re.IGNORECASE
)
# Font obfuscation (IDPF and Adobe) is allowed; anything else in encryption.xml is DRM.
_FONT_OBFUSCATION = {"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"}
_FONT_FILES = (".ttf", ".otf", ".woff", ".woff2")
_SKIP = {"script", "style", "head", "title"}
_BLOCKS = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    "article", "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "figcaption", "hr",
}  # fmt: skip


def _rejected(message: str, code: str, **params) -> UploadRejected:
    return UploadRejected(message, code=code, params=params)


def open_zip(data: bytes, *, name: str) -> SafeZip:
    """The archive behind an EPUB or office file, checked by SafeZip first."""
    try:
        return SafeZip(data)  # unnamed: our message names the file once, SafeZip says why
    except ImportRejected as exc:
        raise _rejected(
            _('Tệp "%(name)s" không an toàn để giải nén: %(reason)s.'),
            "zip_unsafe",
            name=name,
            reason=str(exc),
        ) from exc


def _not_epub(name: str, reason: str) -> UploadRejected:
    message = _('Tệp "%(name)s" không phải EPUB hợp lệ (%(reason)s).')
    return _rejected(message, "epub_broken", name=name, reason=reason)


def _package(archive: SafeZip, name: str) -> tuple[str, etree._ElementTree]:
    """Path and parsed tree of the OPF package document named by container.xml."""
    try:
        container = parse_xml(archive.read("META-INF/container.xml"), name="container.xml")
        rootfile = container.find(".//c:rootfile", NS)
        path = rootfile.get("full-path", "") if rootfile is not None else ""
        return path, parse_xml(archive.read(path), name=path)
    except KeyError as exc:
        raise _not_epub(name, _("thiếu %(part)s") % {"part": exc.args[0] or "OPF"}) from exc
    except ImportRejected as exc:
        raise _not_epub(name, str(exc)) from exc


def _is_drm(archive: SafeZip) -> bool:
    if "META-INF/rights.xml" in archive:
        return True
    if "META-INF/encryption.xml" not in archive:
        return False
    tree = parse_xml(archive.read("META-INF/encryption.xml"), name="encryption.xml")
    for item in tree.iterfind(".//enc:EncryptedData", NS):
        method = item.find("enc:EncryptionMethod", NS)
        algorithm = method.get("Algorithm", "") if method is not None else ""
        reference = item.find(".//enc:CipherReference", NS)
        uri = reference.get("URI", "") if reference is not None else ""
        if algorithm not in _FONT_OBFUSCATION or not uri.lower().endswith(_FONT_FILES):
            return True
    return False


def check_epub(data: bytes, *, name: str) -> None:
    """Refuse an EPUB that is unsafe to unpack, lacks its package, has DRM or scripts."""
    archive = open_zip(data, name=name)
    try:
        drm = _is_drm(archive)
    except ImportRejected as exc:
        raise _not_epub(name, str(exc)) from exc
    if drm:
        raise _rejected(
            _('Tệp "%(name)s" là sách EPUB có khoá bản quyền (DRM), không đọc được.'),
            "epub_encrypted",
            name=name,
        )
    _package(archive, name)
    for part in archive.namelist():
        if part.lower().endswith(_MARKUP) and _ACTIVE.search(archive.read(part)):
            raise _rejected(
                _('Tệp "%(name)s" chứa mã script (trong %(part)s) — bị từ chối vì lý do an toàn.'),
                "epub_script",
                name=name,
                part=part,
            )


def _collect(element, out: list[str]) -> None:
    tag = etree.QName(element).localname.lower() if isinstance(element.tag, str) else ""
    if tag not in _SKIP and isinstance(element.tag, str):
        block = tag in _BLOCKS
        out.append("\n" if block else "")
        out.append(element.text or "")
        for child in element:
            _collect(child, out)
        out.append("\n" if block else "")
    out.append(element.tail or "")


def xhtml_text(data: bytes) -> str:
    """Plain text of an (X)HTML document: one line per block, NFC, scripts and styles left out."""
    try:
        root = parse_xml(data).getroot()
    except ImportRejected:
        # EPUB 2 books use &nbsp; and friends without a DTD, or are not well-formed: read
        # them as HTML, whose parser never loads external entities either.
        # EPUB requires UTF-8 (or UTF-16, with a BOM); libxml2 would guess Latin-1.
        try:
            data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = None
        parser = lxml_html.HTMLParser(
            encoding=encoding, no_network=True, remove_comments=True, remove_pis=True
        )
        root = lxml_html.document_fromstring(data, parser=parser)
    body = next((e for e in root.iter() if isinstance(e.tag, str) and e.tag.endswith("body")), root)
    out: list[str] = []
    _collect(body, out)
    lines = (" ".join(line.split()) for line in "".join(out).split("\n"))
    return nfc("\n".join(line for line in lines if line))


@dataclass
class EpubInfo:
    title: str = ""
    creator: str = ""
    language: str = ""
    documents: list[str] = field(default_factory=list)  # spine order, one per XHTML file
    cover: bytes | None = None
    cover_mime: str = ""

    @property
    def text(self) -> str:
        return "\n\n".join(doc for doc in self.documents if doc)


def epub_extract(path_or_file: Source) -> EpubInfo:
    """Metadata, spine text and cover of an EPUB; raises :class:`UploadRejected` if unreadable."""
    name = display_name(path_or_file)
    archive = open_zip(read_source(path_or_file), name=name)
    opf_path, opf = _package(archive, name)

    def meta(tag: str) -> str:
        found = opf.find(f".//opf:metadata/dc:{tag}", NS)
        return nfc(" ".join((found.text or "").split())) if found is not None else ""

    items = {item.get("id"): item for item in opf.iterfind(".//opf:manifest/opf:item", NS)}

    def read(item) -> bytes | None:
        try:
            return archive.read(resolve_member(opf_path, unquote(item.get("href", ""))))
        except (KeyError, ImportRejected):
            return None  # a manifest entry without its file: skip it, keep the rest

    documents = []
    for ref in opf.iterfind(".//opf:spine/opf:itemref", NS):
        item = items.get(ref.get("idref"))
        if item is not None and item.get("media-type") in _DOCUMENT_TYPES:
            data = read(item)
            if data is not None:
                documents.append(xhtml_text(data))
    cover = next(
        (i for i in items.values() if "cover-image" in (i.get("properties") or "").split()), None
    )
    if cover is None:  # EPUB 2 names its cover in <meta name="cover" content="ID">
        legacy = opf.find(".//opf:metadata/opf:meta[@name='cover']", NS)
        cover = items.get(legacy.get("content")) if legacy is not None else None
    return EpubInfo(
        title=meta("title"),
        creator=meta("creator"),
        language=meta("language"),
        documents=documents,
        cover=read(cover) if cover is not None else None,
        cover_mime=cover.get("media-type", "") if cover is not None else "",
    )


_CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""
_XHTML = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="vi" xml:lang="vi">
<head><meta charset="utf-8"/><title>{title}</title></head>
<body>{body}</body>
</html>
"""


def demo_epub(title: str, chapters: list[tuple[str, str]]) -> bytes:
    """A small valid EPUB 3 in Vietnamese: one XHTML file per ``(heading, text)`` chapter.

    Lines of a chapter's text become paragraphs. The identifier is derived from the title,
    and entries carry a fixed date, so the same input gives the same bytes.
    """
    title = nfc(title)
    ident = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'hoclieu:epub:' + title)}"
    files = []
    for number, (heading, text) in enumerate(chapters, start=1):
        paragraphs = "".join(
            f"<p>{escape(nfc(line.strip()))}</p>" for line in text.splitlines() if line.strip()
        )
        body = f'<section epub:type="chapter"><h1>{escape(heading)}</h1>{paragraphs}</section>'
        files.append(
            (f"chuong-{number}.xhtml", heading, _XHTML.format(title=escape(heading), body=body))
        )
    nav_items = "".join(f'<li><a href="{f}">{escape(h)}</a></li>' for f, h, _x in files)
    nav = _XHTML.format(
        title=escape(title),
        body=f'<nav epub:type="toc" id="toc"><h1>Mục lục</h1><ol>{nav_items}</ol></nav>',
    )
    manifest = "".join(
        f'<item id="c{i}" href="{f}" media-type="application/xhtml+xml"/>'
        for i, (f, _h, _x) in enumerate(files, start=1)
    )
    spine = "".join(f'<itemref idref="c{i}"/>' for i in range(1, len(files) + 1))
    opf = f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="vi">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">{ident}</dc:identifier>
    <dc:title>{escape(title)}</dc:title>
    <dc:language>vi</dc:language>
    <dc:creator>Hoclieu</dc:creator>
    <meta property="dcterms:modified">2025-01-01T00:00:00Z</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>{manifest}
  </manifest>
  <spine>{spine}</spine>
</package>
"""
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:

        def add(path: str, text: str, method: int = zipfile.ZIP_DEFLATED) -> None:
            info = zipfile.ZipInfo(path, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = method
            archive.writestr(info, text.encode("utf-8"))

        # OCF: "mimetype" first and stored, so its bytes sit at a fixed offset.
        add("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
        add("META-INF/container.xml", _CONTAINER)
        add("OEBPS/content.opf", opf)
        add("OEBPS/nav.xhtml", nav)
        for filename, _heading, xhtml in files:
            add(f"OEBPS/{filename}", xhtml)
    return out.getvalue()
