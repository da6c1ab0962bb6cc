"""IMS QTI 2.1/2.2 (and 3.0 items): assessment items and content packages, both ways.

Reading: :func:`parse_qti` takes one ``assessmentItem`` XML (with the files it references
in ``files``) or a content package zip (``imsmanifest.xml`` with item resources, or just a
zip of item files). XML goes through :func:`~common.safefiles.parse_xml`, archives
through :class:`~common.safefiles.SafeZip`, and every href through
:func:`~common.safefiles.resolve_member`, so nothing escapes the package.

Writing: :func:`export_qti_package` writes an IMS CP 1.1 package of QTI 2.1 items.

Conventions of hoclieu packages (the reader understands them back, so export → import
round-trips):

* The stem is an itemBody ``<div class="hl-stem">``; underline/strike/figure, which QTI's
  XHTML subset lacks, travel as ``span``/``div`` with classes ``hl-u``, ``hl-s``,
  ``hl-figure``, ``hl-figcaption``. Math stays LaTeX text.
* Đúng/Sai cluster: one item, each statement a ``<div class="hl-statement">`` followed by a
  single-choice ``choiceInteraction`` (``RESPONSE_a`` …) with the choices ``Đúng``/``Sai``.
  Any item made of several single choiceInteractions whose choices are exactly Đúng/Sai
  (or True/False) reads back as a Đúng/Sai cluster; a statement is the interaction's
  ``prompt`` or else the block just before it.
* Lời giải: ``modalFeedback identifier="SOLUTION"``; general feedback ``identifier="GENERAL"``;
  an option's feedback ``modalFeedback identifier=<choice identifier>``. Hướng dẫn chấm:
  ``rubricBlock view="scorer"`` in the itemBody.
* Everything QTI has no word for (level, part, difficulty, keep_position, tags, category,
  points, group, question type hint) sits in the manifest resource's ``<metadata>`` in a
  ``<hl:question xmlns:hl="urn:x-hoclieu:qti-metadata:1">`` element; tags are also LOM
  keywords. A shared stimulus (:class:`ParsedGroup`) is an ``assessmentSection`` of the
  package's ``assessmentTest`` with the stimulus as its ``rubricBlock``.
* Đúng/Sai scoring in the file counts the statements answered right (SCORE 0…N); the 2025
  exam table (1→0,1 … 4→1 điểm) stays hoclieu's business.
* A missing ``<img>`` is an error; a missing ``<object>`` image falls back to the object's
  content with a warning. A single text entry inside a sentence leaves a
  ``<span class="blank">`` gap in the stem.
* Matching: a ``matchInteraction`` whose first ``simpleMatchSet`` holds the premises and the
  second the answers, ``directedPair`` values "premise answer". A premise paired with several
  answers becomes one premise per pair (flagged for review); unused answers become
  distractors (empty premise).
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import html as html_lib
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath
from urllib.parse import unquote

from lxml import etree
from lxml import html as lxml_html
from PIL import Image

from common.safefiles import SafeZip, parse_xml, resolve_member
from question_bank.formats.base import (
    LEVEL_CODES,
    Blank,
    Choice,
    ImportRejected,
    ParsedGroup,
    ParsedQuestion,
    ParseResult,
    Problem,
    QType,
    validate_question,
)
from question_bank.html import clean_html, plain_text
from question_bank.numeric import NumericAnswerError, format_numeric, parse_numeric

QTI21_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
IMSCP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
LOM_NS = "http://ltsc.ieee.org/xsd/LOM"
QTIMD_NS = "http://www.imsglobal.org/xsd/imsqti_metadata_v2p1"
HL_NS = "urn:x-hoclieu:qti-metadata:1"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"

TEMPLATE_MATCH_CORRECT = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"
TEMPLATE_MAP_RESPONSE = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/map_response"

ITEM_RESOURCE_TYPES = ("imsqti_item_xmlv2p1", "imsqti_item_xmlv2p2", "imsqti_item_xmlv3p0")
TEST_RESOURCE_TYPES = ("imsqti_test_xmlv2p1", "imsqti_test_xmlv2p2", "imsqti_test_xmlv3p0")

# Read from any namespace (QTI 2.1, 2.2; QTI 3.0 names are turned into these by _normalise).
SUPPORTED = {
    "choiceInteraction", "orderInteraction", "matchInteraction", "associateInteraction",
    "gapMatchInteraction", "textEntryInteraction", "inlineChoiceInteraction",
    "extendedTextInteraction",
}  # fmt: skip
INLINE = {"textEntryInteraction", "inlineChoiceInteraction"}
INTERACTIONS = SUPPORTED | {
    "hottextInteraction", "hotspotInteraction", "selectPointInteraction",
    "graphicOrderInteraction", "graphicAssociateInteraction", "graphicGapMatchInteraction",
    "positionObjectInteraction", "sliderInteraction", "drawingInteraction", "uploadInteraction",
    "mediaInteraction", "customInteraction", "portableCustomInteraction", "endAttemptInteraction",
}  # fmt: skip
SOLUTION_IDS = {"SOLUTION", "solution", "LOIGIAI", "loi_giai"}
_SOLUTION_TITLE = re.compile(r"^\s*(lời giải|hướng dẫn giải|solution|worked solution)\b", re.I)
_TRUE_FALSE_WORDS = ({"đúng", "sai"}, {"true", "false"}, {"đ", "s"})
_STATEMENT_LABEL = re.compile(r"^(\s*(?:<[a-z][^>]*>\s*)*)([a-h])\s*[).]\s*")


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


def parse_qti(
    data: bytes, filename: str = "", *, files: Mapping[str, bytes] | None = None
) -> ParseResult:
    """Questions from one QTI assessmentItem XML or a QTI content package zip.

    ``files`` carries the files a loose item references (its images), keyed by their path
    relative to the item, e.g. ``{"images/sign.png": b"..."}``. Raises
    :class:`ImportRejected` when the file as a whole is unsafe or holds no item.
    """
    if not data or not data.strip():
        raise ImportRejected(f"Tệp {filename}: tệp rỗng" if filename else "Tệp rỗng")
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return _Package(data, filename).parse()
    return _parse_loose(data, filename, files or {})


def _parse_loose(data: bytes, filename: str, files: Mapping[str, bytes]) -> ParseResult:
    label = f"Tệp {filename}" if filename else "Câu hỏi QTI"
    root = parse_xml(data, name=filename).getroot()
    _normalise(root)
    if root.tag != "assessmentItem":
        raise ImportRejected(f"{label}: {_not_an_item(root.tag)}")
    table = _name_table(files)

    def fetch(path: str) -> bytes | None:
        key = _lookup(table, path)
        if key is None:
            # A teacher often uploads the images flat next to the item.
            base = PurePosixPath(path).name.casefold()
            same = [k for k in files if PurePosixPath(_norm_name(k)).name.casefold() == base]
            key = same[0] if len(same) == 1 else None
        return files[key] if key is not None else None

    result = ParseResult(format="qti")
    path = PurePosixPath(filename.replace("\\", "/")).name if filename else ""
    _read_item(root, path, label, fetch, None, result)
    return result


def _not_an_item(tag: str) -> str:
    if tag == "assessmentTest":
        return (
            "đây là một bài kiểm tra (assessmentTest), không chứa câu hỏi — hãy tải lên gói "
            ".zip có cả các tệp câu hỏi"
        )
    if tag == "manifest":
        return "đây là tệp imsmanifest.xml — hãy tải lên cả gói .zip"
    if tag == "questestinterop":
        return "đây là QTI 1.2, chưa được hỗ trợ (chỉ hỗ trợ QTI 2.1/2.2)"
    return f"không phải câu hỏi QTI (phần tử gốc là “{tag}”, cần “assessmentItem”)"


class _Package:
    """A content package (or a plain zip of item files)."""

    def __init__(self, data: bytes, filename: str):
        self.filename = filename
        self.zip = SafeZip(data, name=filename)
        self.table = _name_table(self.zip.namelist())
        self.result = ParseResult(format="qti")

    def fetch(self, path: str) -> bytes | None:
        key = _lookup(self.table, path)
        return self.zip.read(key) if key is not None else None

    def parse(self) -> ParseResult:
        manifests = sorted(
            (n for n in self.table if PurePosixPath(n).name.casefold() == "imsmanifest.xml"),
            key=lambda n: (n.count("/"), n),
        )
        items: dict[str, etree._Element | None] = {}
        metas: dict[str, _Meta] = {}
        tests: list[str] = []
        if manifests:
            items, metas, tests = self._from_manifest(manifests[0])
        if not items:
            items = self._scan()
        sections = self._read_tests(tests)
        ordered = [h for h in sections.order if h in items] + list(items)
        found = 0
        stimuli: dict[str, ParsedGroup] = {}
        for path in dict.fromkeys(ordered):
            root = items[path] if items[path] is not None else self._load_item(path)
            if root is None:
                continue
            found += 1
            meta = metas.get(path) or _Meta()
            section = sections.by_item.get(path)
            if section is not None:
                if not meta.group and section.group.stimulus:
                    meta.group = section.group.key
                if meta.group and section.nested:
                    stimuli.setdefault(meta.group, section.group)
                meta.keep_position = meta.keep_position or section.fixed.get(path, False)
            _read_item(root, path, f"Tệp {path}", self.fetch, meta, self.result)
        if not found and not self.result.problems:
            where = f"Tệp {self.filename}: " if self.filename else ""
            raise ImportRejected(
                f"{where}không tìm thấy câu hỏi QTI (assessmentItem) nào trong gói"
            )
        for key in dict.fromkeys(q.group for q in self.result.questions if q.group):
            source = stimuli.get(key) or ParsedGroup(key=key)
            title = "" if source.title == key else source.title
            self.result.groups.append(
                ParsedGroup(key=key, stimulus=source.stimulus, title=title, assets=source.assets)
            )
        return self.result

    def _load_item(self, path: str) -> etree._Element | None:
        """The item's root, or None after recording why it cannot be read."""
        key = _lookup(self.table, path)
        where = f"Tệp {path}"
        if key is None:
            self.result.problems.append(Problem(where, "không có trong gói"))
            return None
        root = self._parse_member(key, path)
        if root is None:
            return None
        if root.tag != "assessmentItem":
            self.result.problems.append(Problem(where, _not_an_item(root.tag)))
            return None
        return root

    def _parse_member(self, key: str, path: str, severity: str = "error") -> etree._Element | None:
        """A member's XML root without namespaces; malformed XML is a problem, unsafe XML rejects all."""
        try:
            root = parse_xml(self.zip.read(key), name=path).getroot()
        except ImportRejected as exc:
            if not isinstance(exc.__cause__, etree.XMLSyntaxError):
                raise
            message = str(exc).removeprefix(f"Tệp {path}: ")
            self.result.problems.append(Problem(f"Tệp {path}", message, severity=severity))
            return None
        _normalise(root)
        return root

    def _from_manifest(
        self, name: str
    ) -> tuple[dict[str, etree._Element | None], dict[str, _Meta], list[str]]:
        manifest = parse_xml(self.zip.read(name), name=name).getroot()
        items: dict[str, etree._Element | None] = {}
        metas: dict[str, _Meta] = {}
        tests: list[str] = []
        for res in _descendants(manifest, "resource"):
            rtype = (res.get("type") or "").strip()
            if rtype not in ITEM_RESOURCE_TYPES and rtype not in TEST_RESOURCE_TYPES:
                continue
            href = res.get("href") or next(
                (f.get("href") for f in _children(res, "file") if f.get("href")), ""
            )
            if not href:
                continue
            base = name
            for ancestor in reversed([res, *res.iterancestors()]):
                xml_base = ancestor.get(f"{{{XML_NS}}}base")
                if xml_base:
                    base = resolve_member(base, xml_base.rstrip("/") + "/x")
            path = resolve_member(base, _href(href))
            if rtype in TEST_RESOURCE_TYPES:
                tests.append(path)
            else:
                items[path] = None
                metas[path] = _Meta.from_resource(res)
        return items, metas, tests

    def _scan(self) -> dict[str, etree._Element | None]:
        """A zip without a manifest: every XML file that is an assessmentItem."""
        items: dict[str, etree._Element | None] = {}
        for name in sorted(self.table):
            if (
                not name.casefold().endswith(".xml")
                or PurePosixPath(name).name == "imsmanifest.xml"
            ):
                continue
            root = self._parse_member(self.table[name], name)
            if root is not None and root.tag == "assessmentItem":
                items[name] = root
        return items

    def _read_tests(self, tests: list[str]) -> _Sections:
        sections = _Sections()
        for path in tests:
            key = _lookup(self.table, path)
            if key is None:
                continue
            root = self._parse_member(key, path, severity="warning")
            if root is None:
                continue
            for part in root.iter("testPart"):
                for section in part:
                    if section.tag == "assessmentSection":
                        self._read_section(section, path, sections, nested=False)
        return sections

    def _read_section(
        self, section: etree._Element, path: str, sections: _Sections, *, nested: bool
    ) -> None:
        rubrics = [r for r in section if r.tag == "rubricBlock" and "candidate" in _views(r)]
        group = ParsedGroup(key=section.get("identifier") or f"section-{len(sections.order)}")
        group.title = section.get("title", "")
        reader = _Html(path, self.fetch, group.assets)
        group.stimulus = reader.html("".join(reader.children(r) for r in rubrics))
        for problem in reader.errors:
            self.result.problems.append(Problem(f"Tệp {path}", problem))
        info = _SectionInfo(group=group, nested=nested)
        for child in section:
            if child.tag == "assessmentSection":
                self._read_section(child, path, sections, nested=True)
            elif child.tag == "assessmentItemRef" and child.get("href"):
                item = resolve_member(path, _href(child.get("href", "")))
                sections.order.append(item)
                sections.by_item.setdefault(item, info)
                info.fixed[item] = child.get("fixed") == "true"


@dataclass
class _SectionInfo:
    group: ParsedGroup  # the section as a group: its rubricBlock is the shared stimulus
    nested: bool  # a subsection (the top-level sections only hold the items)
    fixed: dict[str, bool] = field(default_factory=dict)


@dataclass
class _Sections:
    order: list[str] = field(default_factory=list)
    by_item: dict[str, _SectionInfo] = field(default_factory=dict)


@dataclass
class _Meta:
    """What hoclieu (or LOM) metadata in the manifest says about one item."""

    qtype: str = ""
    level: str = ""
    part: int | None = None
    difficulty: float | None = None
    keep_position: bool = False
    shuffle_statements: bool | None = None
    points: float | None = None
    group: str = ""
    tags: list[str] = field(default_factory=list)
    category: list[str] = field(default_factory=list)
    blank_points: list[float] = field(default_factory=list)

    @classmethod
    def from_resource(cls, res: etree._Element) -> _Meta:
        meta = cls()
        hl = next(res.iter(f"{{{HL_NS}}}question"), None)
        if hl is not None:
            values: dict[str, list[str]] = {}
            for child in hl:
                if isinstance(child.tag, str):
                    name = etree.QName(child).localname
                    values.setdefault(name, []).append((child.text or "").strip())

            def one(name: str) -> str:
                return (values.get(name) or [""])[0]

            meta.qtype = one("qtype")
            meta.level = one("level") if one("level") in LEVEL_CODES else ""
            meta.part = _int(one("part"))
            meta.difficulty = _float(one("difficulty"))
            meta.keep_position = one("keepPosition") == "true"
            if one("shuffleStatements"):
                meta.shuffle_statements = one("shuffleStatements") == "true"
            meta.points = _float(one("points"))
            meta.group = one("group")
            meta.tags = [t for t in values.get("tag", []) if t]
            meta.category = [c for c in values.get("category", []) if c]
            meta.blank_points = [p for p in map(_float, one("blankPoints").split()) if p]
        if not meta.tags:
            for keyword in _descendants(res, "keyword"):
                text = " ".join(t.strip() for t in keyword.itertext() if t.strip())
                if text and text not in meta.tags:
                    meta.tags.append(text)
        return meta


def _read_item(
    root: etree._Element,
    path: str,
    label: str,
    fetch: Callable[[str], bytes | None],
    meta: _Meta | None,
    result: ParseResult,
) -> None:
    title = (root.get("title") or "").strip()
    where = f"{label} “{title}”" if title else label
    reader = _ItemReader(root, path, fetch, meta or _Meta())
    question = reader.read()
    for warning in reader.warnings:
        result.problems.append(Problem(where, warning, severity="warning"))
    if question is not None:
        question.ref = where
        errors = reader.errors + [e for e in validate_question(question) if e not in reader.errors]
    else:
        errors = reader.errors or ["không đọc được câu hỏi"]
    if errors:
        result.problems.extend(Problem(where, e) for e in errors)
        return
    result.questions.append(question)


@dataclass
class _Decl:
    """A responseDeclaration: the key (correctResponse) and the scores (mapping)."""

    ident: str
    cardinality: str = "single"
    base_type: str = ""
    correct: list[str] = field(default_factory=list)
    mapping: dict[str, float] = field(default_factory=dict)
    case_sensitive: bool | None = None
    default: float = 0.0

    @classmethod
    def read(cls, el: etree._Element) -> _Decl:
        decl = cls(
            ident=el.get("identifier", ""),
            cardinality=el.get("cardinality", "single"),
            base_type=el.get("baseType", ""),
        )
        for correct in el.findall("correctResponse"):
            decl.correct += [(v.text or "").strip() for v in correct.findall("value")]
        for mapping in el.findall("mapping"):
            decl.default = _float(mapping.get("defaultValue")) or 0.0
            flags = []
            for entry in mapping.findall("mapEntry"):
                key = (entry.get("mapKey") or "").strip()
                decl.mapping[key] = _float(entry.get("mappedValue")) or 0.0
                flags.append(entry.get("caseSensitive", "true") != "false")
            if flags:
                decl.case_sensitive = any(flags)
        return decl

    @property
    def keyed(self) -> bool:
        return bool(self.correct) or any(v > 0 for v in self.mapping.values())


class _Html:
    """Turns QTI content (XHTML subset, MathML, images) into hoclieu HTML."""

    def __init__(
        self,
        path: str,
        fetch: Callable[[str], bytes | None],
        assets: dict[str, bytes],
    ):
        self.path = path
        self.fetch = fetch
        self.assets = assets
        self.by_path: dict[str, str] = {}
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.review: list[str] = []
        self.replace: dict[etree._Element, str] = {}
        self._pre = 0

    def html(self, fragment: str) -> str:
        fragment = _BLOCK_SPACE.sub(r"\1", fragment).strip()
        return clean_html(fragment)

    def content(self, el: etree._Element) -> str:
        return self.html(self.children(el))

    def children(self, el: etree._Element) -> str:
        parts = [self._text(el.text)]
        for child in el:
            if isinstance(child.tag, str):
                parts.append(self.element(child))
            parts.append(self._text(child.tail))
        return "".join(parts)

    def _text(self, text: str | None) -> str:
        if not text:
            return ""
        if not self._pre:
            text = _SPACE.sub(" ", text)
        return html_lib.escape(text, quote=False)

    def element(self, el: etree._Element) -> str:
        if el in self.replace:
            return self.replace[el]
        tag = el.tag
        if tag in _DROP:
            if tag == "printedVariable":
                self._note("câu có biến mẫu (printedVariable) — giá trị không được nhập")
            return ""
        if tag == "math":
            return _math_html(el)
        if tag == "img":
            return self.image(el.get("src", ""), el.get("alt", ""), el)
        if tag == "object":
            return self._object(el)
        classes = set((el.get("class") or "").split())
        if tag == "pre":
            self._pre += 1
        try:
            inner = self.children(el)
        finally:
            if tag == "pre":
                self._pre -= 1
        for cls, html_tag in _CLASS_TAGS.items():
            if cls in classes:
                return f"<{html_tag}>{inner}</{html_tag}>"
        if tag in ("div", "span") and classes & {"hl-stem", "hl-statement"}:
            return inner
        if tag not in _HTML_TAGS:
            return inner
        attrs = "".join(
            f' {name}="{html_lib.escape(el.get(name, ""))}"'
            for name in _KEEP_ATTRS.get(tag, ())
            if el.get(name)
        )
        if tag in ("span", "div") and classes & _KEEP_CLASSES:
            attrs += f' class="{" ".join(sorted(classes & _KEEP_CLASSES))}"'
        if tag in _VOID:
            return f"<{tag}{attrs}>"
        return f"<{tag}{attrs}>{inner}</{tag}>"

    def _object(self, el: etree._Element) -> str:
        data = el.get("data", "")
        kind = (el.get("type") or "").lower()
        suffix = PurePosixPath(data.split("?")[0]).suffix.lower()
        if kind.startswith("image/") or (not kind and suffix in _IMAGE_SUFFIXES):
            alt = " ".join("".join(el.itertext()).split())[:200]
            return self.image(data, alt, el, fallback=el)
        self._note(f"bỏ qua đối tượng nhúng “{data}” ({kind or 'không rõ loại'})")
        return self.children(el)

    def image(
        self,
        src: str,
        alt: str,
        el: etree._Element | None = None,
        fallback: etree._Element | None = None,
    ) -> str:
        """An ``<img src="asset:NAME">`` for the image at ``src`` (relative to this file).

        ``fallback``: an ``<object>`` whose content stands in when the image is missing.
        """
        src = src.strip()
        fallback_html = self.children(fallback).strip() if fallback is not None else ""
        size = ""
        if el is not None:
            size = "".join(
                f' {k}="{html_lib.escape(el.get(k, ""))}"'
                for k in ("width", "height")
                if re.fullmatch(r"\d+%?", el.get(k, "") or "")
            )
        if src.lower().startswith("data:"):
            name, data = self._data_uri(src)
            if data is None:
                return fallback_html
        else:
            if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I) or src.startswith("//"):
                if fallback_html:
                    self.warnings.append(f"ảnh “{src}” nằm ngoài gói — dùng nội dung thay thế")
                    return fallback_html
                self.errors.append(f"ảnh “{src}” nằm ngoài gói, không tải về được")
                return ""
            name = resolve_member(self.path, _href(src))
            data = self.fetch(name)
            if data is None:
                if fallback_html:
                    self.warnings.append(f"thiếu tệp ảnh “{name}” — dùng nội dung thay thế")
                    return fallback_html
                self.errors.append(f"thiếu tệp ảnh “{name}”")
                return ""
        if not _is_image(data):
            what = "ảnh SVG chưa được hỗ trợ" if name.lower().endswith(".svg") else None
            self.errors.append(what or f"tệp “{name}” không phải là ảnh hợp lệ")
            return ""
        asset = self._asset_name(name, data)
        return f'<img src="asset:{asset}" alt="{html_lib.escape(alt)}"{size}>'

    def _data_uri(self, src: str) -> tuple[str, bytes | None]:
        m = re.match(r"^data:image/([a-z0-9.+-]+);base64,(.*)$", src, re.I | re.S)
        if not m:
            self.errors.append("ảnh nhúng (data:) không đọc được")
            return "", None
        try:
            data = base64.b64decode(re.sub(r"\s+", "", m.group(2)), validate=True)
        except (binascii.Error, ValueError):
            self.errors.append("ảnh nhúng (data:) không đọc được")
            return "", None
        ext = {"jpeg": "jpg", "svg+xml": "svg"}.get(m.group(1).lower(), m.group(1).lower())
        return f"image.{ext}", data

    def _asset_name(self, path: str, data: bytes) -> str:
        if path in self.by_path and self.assets.get(self.by_path[path]) == data:
            return self.by_path[path]
        name = safe_asset_name(PurePosixPath(path).name)
        stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix
        n = 1
        while name in self.assets and self.assets[name] != data:
            n += 1
            name = f"{stem}-{n}{suffix}"
        self.assets[name] = data
        self.by_path[path] = name
        return name

    def _note(self, reason: str) -> None:
        if reason not in self.review:
            self.review.append(reason)


class _ItemReader(_Html):
    """One assessmentItem → one ParsedQuestion (or errors)."""

    def __init__(
        self,
        root: etree._Element,
        path: str,
        fetch: Callable[[str], bytes | None],
        meta: _Meta,
    ):
        self.q = ParsedQuestion(qtype=QType.ESSAY, stem="")
        super().__init__(path, fetch, self.q.assets)
        self.root = root
        self.meta = meta
        self.decls = {
            d.ident: d for d in map(_Decl.read, root.findall("responseDeclaration")) if d.ident
        }

    def read(self) -> ParsedQuestion | None:
        root, q = self.root, self.q
        q.name = (root.get("title") or "").strip()
        q.source_id = (root.get("identifier") or "").strip()
        body = root.find("itemBody")
        if body is None:
            self.errors.append("không có phần nội dung (itemBody)")
            return None
        if root.find("templateDeclaration") is not None:
            self._note("câu dùng biến mẫu (templateDeclaration) — nội dung có thể thiếu số liệu")
        if root.get("adaptive") == "true":
            self._note("câu thích ứng (adaptive) — chỉ nhập phần đầu")
        self._pull_feedback(body)
        found = [el for el in body.iter() if el.tag in INTERACTIONS]
        for el in found:
            if el.tag == "endAttemptInteraction":
                self.replace[el] = ""
        found = [el for el in found if el.tag != "endAttemptInteraction"]
        unsupported = list(dict.fromkeys(el.tag for el in found if el.tag not in SUPPORTED))
        if unsupported:
            names = ", ".join(f"“{t}”" for t in unsupported)
            self.errors.append(f"tương tác {names} chưa được hỗ trợ")
            return None
        if not found:
            self.errors.append("không có tương tác nào (câu hỏi không có chỗ trả lời)")
            return None
        inline = [el for el in found if el.tag in INLINE]
        blocks = [el for el in found if el.tag not in INLINE]
        ok = True
        if inline and blocks:
            names = ", ".join(dict.fromkeys(f"“{el.tag}”" for el in found))
            self.errors.append(f"câu trộn nhiều loại tương tác ({names}) chưa được hỗ trợ")
            return None
        if len(inline) == 1 and inline[0].tag == "textEntryInteraction":
            ok = self._short(inline[0])
        elif inline:
            ok = self._cloze(inline)
        elif all(el.tag == "choiceInteraction" for el in blocks) and self._is_true_false(blocks):
            ok = self._true_false(blocks)
        elif len(blocks) > 1:
            names = ", ".join(f"“{el.tag}”" for el in blocks)
            self.errors.append(
                f"câu có {len(blocks)} tương tác ({names}) — mỗi câu chỉ được một tương tác "
                "(trừ chùm Đúng/Sai)"
            )
            return None
        else:
            handler = {
                "choiceInteraction": self._choice,
                "orderInteraction": self._order,
                "matchInteraction": self._match,
                "associateInteraction": self._associate,
                "gapMatchInteraction": self._gap_match,
                "extendedTextInteraction": self._essay,
            }[blocks[0].tag]
            ok = handler(blocks[0])
        if not ok:
            return None
        q.stem = self.content(body)
        self._modal_feedback()
        self._apply_meta()
        q.needs_review = self.review
        return q

    # -- pieces shared by several interaction types ------------------------------------------

    def _decl(self, el: etree._Element) -> _Decl | None:
        """The key of an auto-scored interaction, or None after recording that it has none."""
        decl = self.decls.get(el.get("responseIdentifier", ""))
        if decl is None or not decl.keyed:
            self.errors.append("không có đáp án đúng (correctResponse)")
            return None
        return decl

    def _prompt_in_stem(self, el: etree._Element) -> None:
        """The interaction leaves the stem; its prompt stays where it was."""
        prompt = el.find("prompt")
        text = self.children(prompt).strip() if prompt is not None else ""
        if not text:
            self.replace[el] = ""
        elif any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in prompt):
            self.replace[el] = f"<div>{text}</div>"
        else:
            self.replace[el] = f"<p>{text}</p>"

    def _blank_in_stem(self, el: etree._Element) -> None:
        """A lone inline interaction: drop its paragraph if empty, else show a gap."""
        parent = el.getparent()
        alone = (
            parent is not None
            and parent.tag in ("p", "div")
            and parent.getparent() is not None
            and not (parent.text or "").strip()
            and len(parent) == 1
            and not (el.tail or "").strip()
        )
        if alone:
            self.replace[parent] = ""
        else:
            self.replace[el] = '<span class="blank">________</span>'

    def _pull_feedback(self, body: etree._Element) -> None:
        """Feedback and scorer rubrics inside the itemBody leave the stem."""
        self.feedback_blocks: list[tuple[str, str]] = []
        guides = []
        for el in body.iter("feedbackBlock", "rubricBlock"):
            if el.tag == "rubricBlock":
                if "candidate" in _views(el):
                    continue
                guides.append(self.content(el))
            elif not any(a.tag == "simpleChoice" for a in el.iterancestors()):
                self.feedback_blocks.append((el.get("identifier", ""), self.content(el)))
            self.replace[el] = ""
        self.q.marking_guide = _join_html(guides)

    def _modal_feedback(self) -> None:
        q = self.q
        by_ident = {c.ident: c for c in q.choices if c.ident}
        general, guide = [], []
        feedbacks = [
            (fb.get("identifier", ""), fb.get("title", ""), self.content(fb))
            for fb in self.root.findall("modalFeedback")
        ]
        feedbacks += [(ident, "", text) for ident, text in self.feedback_blocks]
        for ident, title, text in feedbacks:
            if not text:
                continue
            if ident in SOLUTION_IDS or _SOLUTION_TITLE.match(title):
                q.solution = _join_html([q.solution, text])
            elif ident in by_ident and q.qtype in _CHOICE_TYPES:
                choice = by_ident[ident]
                choice.feedback = _join_html([choice.feedback, text])
            elif q.qtype == QType.ESSAY and ident != "GENERAL":
                guide.append(text)
            else:
                general.append(text)
        q.general_feedback = _join_html(general)
        q.marking_guide = _join_html([q.marking_guide, *guide])

    def _apply_meta(self) -> None:
        q, meta = self.q, self.meta
        q.level = meta.level
        q.part = meta.part
        q.difficulty = meta.difficulty
        q.keep_position = meta.keep_position
        if meta.shuffle_statements is not None:
            q.shuffle_statements = meta.shuffle_statements
        q.tags = list(meta.tags)
        q.category = list(meta.category)
        q.group = meta.group
        q.points = meta.points
        outcomes = {o.get("identifier"): o for o in self.root.findall("outcomeDeclaration")}
        if q.points is None and "MAXSCORE" in outcomes:
            value = outcomes["MAXSCORE"].find("defaultValue/value")
            q.points = _float(value.text) if value is not None else None
        if q.points is None and "SCORE" in outcomes:
            q.points = _float(outcomes["SCORE"].get("normalMaximum"))
        for blank, points in zip(q.blanks, meta.blank_points, strict=False):
            blank.points = points

    def _simple_choices(self, el: etree._Element, tag: str = "simpleChoice") -> list[Choice]:
        choices = []
        for sc in el.iter(tag):
            feedback = [self.content(fb) for fb in sc.iter("feedbackInline", "feedbackBlock")]
            choices.append(
                Choice(
                    text=self.content(sc),
                    ident=sc.get("identifier", ""),
                    fixed=sc.get("fixed") == "true",
                    feedback=_join_html(feedback),
                )
            )
        return choices

    def _tolerance(self, ident: str) -> float:
        processing = self.root.find("responseProcessing")
        if processing is None:
            return 0.0
        for eq in processing.iter("equal"):
            if not any(v.get("identifier") == ident for v in eq.iter("variable")):
                continue
            mode = eq.get("toleranceMode", "exact")
            values = (eq.get("tolerance") or "").split()
            if mode == "absolute" and values:
                return _float(values[0]) or 0.0
            if mode == "relative":
                self._note("sai số tương đối (relative) chưa được hỗ trợ — đã bỏ")
        return 0.0

    # -- interaction types -------------------------------------------------------------------

    def _choice(self, el: etree._Element) -> bool:
        decl = self._decl(el)
        if decl is None:
            return False
        q = self.q
        if decl.cardinality in ("single", "multiple"):
            multiple = decl.cardinality == "multiple"
        else:
            multiple = el.get("maxChoices", "1") != "1"
        q.qtype = QType.MULTIPLE_RESPONSE if multiple else QType.SINGLE_CHOICE
        q.choices = self._simple_choices(el)
        q.keep_option_order = el.get("shuffle") == "false"
        _set_keys(q.choices, decl, multiple=multiple)
        self._prompt_in_stem(el)
        return True

    def _is_true_false(self, blocks: list[etree._Element]) -> bool:
        if len(blocks) == 1 and self.meta.qtype != QType.TRUE_FALSE.value:
            return False
        for el in blocks:
            decl = self.decls.get(el.get("responseIdentifier", ""))
            if decl is not None and decl.cardinality != "single":
                return False
            words = {_fold_word(sc) for sc in el.iter("simpleChoice")}
            if len(list(el.iter("simpleChoice"))) != 2 or words not in _TRUE_FALSE_WORDS:
                return False
        return True

    def _true_false(self, blocks: list[etree._Element]) -> bool:
        q = self.q
        q.qtype = QType.TRUE_FALSE
        for el in blocks:
            decl = self._decl(el)
            if decl is None:
                return False
            prompt = el.find("prompt")
            if prompt is not None and plain_text(self.children(prompt)):
                statement = self.content(prompt)
            else:
                prev = el.getprevious()
                if (
                    prev is not None
                    and prev.tag not in INTERACTIONS
                    and "hl-stem" not in (prev.get("class") or "").split()
                    and prev not in self.replace
                ):
                    statement = self.content(prev)
                    self.replace[prev] = ""
                else:
                    statement = ""
            true_ids = {
                sc.get("identifier", "")
                for sc in el.iter("simpleChoice")
                if _fold_word(sc) in ("đúng", "true", "đ")
            }
            key = decl.correct[0] if decl.correct else max(decl.mapping, key=decl.mapping.get)
            q.choices.append(Choice(text=statement, correct=key in true_ids, ident=decl.ident))
            self.replace[el] = ""
        _strip_labels(q.choices)
        return True

    def _order(self, el: etree._Element) -> bool:
        decl = self._decl(el)
        if decl is None:
            return False
        choices = {c.ident: c for c in self._simple_choices(el)}
        order = [i for i in decl.correct if i in choices]
        if not order:
            self.errors.append("không có đáp án đúng (correctResponse)")
            return False
        missing = [c for i, c in choices.items() if i not in order]
        if missing:
            self._note(f"có {len(missing)} mục không nằm trong thứ tự đúng — đã bỏ")
        self.q.qtype = QType.ORDERING
        self.q.choices = [choices[i] for i in order]
        self._prompt_in_stem(el)
        return True

    def _pairs(self, decl: _Decl) -> list[tuple[str, str]]:
        values = decl.correct or [k for k, v in decl.mapping.items() if v > 0]
        return [tuple(v.split()[:2]) for v in values if len(v.split()) >= 2]

    def _match(self, el: etree._Element) -> bool:
        decl = self._decl(el)
        if decl is None:
            return False
        sets = el.findall("simpleMatchSet")
        if len(sets) != 2:
            self.errors.append("tương tác ghép nối cần đúng hai nhóm (simpleMatchSet)")
            return False
        sources = {c.ident: c.text for c in self._simple_choices(sets[0], "simpleAssociableChoice")}
        targets = {c.ident: c.text for c in self._simple_choices(sets[1], "simpleAssociableChoice")}
        pairs = []
        for a, b in self._pairs(decl):
            if a in targets and b in sources:  # written the other way round
                a, b = b, a
            if a in sources and b in targets:
                pairs.append((a, b))
        self._matching(sources, targets, pairs)
        self._prompt_in_stem(el)
        return True

    def _associate(self, el: etree._Element) -> bool:
        decl = self._decl(el)
        if decl is None:
            return False
        items = {c.ident: c.text for c in self._simple_choices(el, "simpleAssociableChoice")}
        pairs = [(a, b) for a, b in self._pairs(decl) if a in items and b in items]
        left = {a: items[a] for a, _ in pairs}
        right = {i: t for i, t in items.items() if i not in left}
        self._note("tương tác ghép cặp (associateInteraction) được chuyển thành ghép nối")
        self._matching(left, right, pairs)
        self._prompt_in_stem(el)
        return True

    def _matching(
        self, sources: dict[str, str], targets: dict[str, str], pairs: list[tuple[str, str]]
    ) -> None:
        q = self.q
        q.qtype = QType.MATCHING
        used = set()
        for source, text in sources.items():
            mine = [b for a, b in pairs if a == source]
            if not mine:
                self._note(
                    f"vế trái “{plain_text(text)[:40]}” không được ghép với vế phải nào — đã bỏ"
                )
            if len(mine) > 1:
                self._note(
                    f"vế trái “{plain_text(text)[:40]}” được ghép với {len(mine)} vế phải — "
                    "đã tách thành nhiều cặp"
                )
            for target in mine:
                used.add(target)
                q.choices.append(Choice(text=text, match=targets[target], ident=source))
        for target, text in targets.items():
            if target not in used:
                q.choices.append(Choice(text="", match=text, ident=target))

    def _gap_match(self, el: etree._Element) -> bool:
        decl = self._decl(el)
        if decl is None:
            return False
        q = self.q
        q.qtype = QType.CLOZE
        options = []
        for gt in el:
            if gt.tag in ("gapText", "gapImg"):
                options.append((gt.get("identifier", ""), self.content(gt)))
                self.replace[gt] = ""
        pairs = set(self._pairs(decl))
        for n, gap in enumerate(el.iter("gap"), start=1):
            gid = gap.get("identifier", "")
            answers = [
                Choice(
                    text=text, ident=ident, correct=(ident, gid) in pairs or (gid, ident) in pairs
                )
                for ident, text in options
            ]
            q.blanks.append(Blank(kind="choice", answers=answers))
            self.replace[gap] = f"{{{{{n}}}}}"
        prompt = el.find("prompt")
        if prompt is not None:
            text = self.children(prompt).strip()
            self.replace[prompt] = f"<p>{text}</p>" if text else ""
        return True

    def _short(self, el: etree._Element) -> bool:
        decl = self._decl(el)
        if decl is None:
            return False
        q = self.q
        if decl.base_type in ("float", "integer"):
            q.qtype = QType.SHORT_NUMERIC
            value = self._numeric_key(decl)
            if value is None:
                return False
            q.numeric_answer = value
            q.tolerance = self._tolerance(decl.ident)
        else:
            q.qtype = QType.SHORT_TEXT
            q.choices = _text_answers(decl)
            q.case_sensitive = decl.case_sensitive if decl.case_sensitive is not None else True
        self._blank_in_stem(el)
        return True

    def _numeric_key(self, decl: _Decl) -> str | None:
        keys = decl.correct or [
            k for k, _ in sorted(decl.mapping.items(), key=lambda kv: -kv[1]) if decl.mapping[k] > 0
        ]
        if len(set(keys)) > 1:
            self._note("có nhiều đáp án số — chỉ lấy đáp án đầu tiên")
        try:
            return format_numeric(keys[0])
        except (NumericAnswerError, InvalidOperation):
            try:
                return format_numeric(Decimal(keys[0]))
            except (InvalidOperation, NumericAnswerError):
                self.errors.append(f"đáp án “{keys[0]}” không phải là số")
                return None

    def _cloze(self, inline: list[etree._Element]) -> bool:
        q = self.q
        q.qtype = QType.CLOZE
        for n, el in enumerate(inline, start=1):
            decl = self._decl(el)
            if decl is None:
                self.errors[-1] = f"chỗ trống {n}: không có đáp án đúng (correctResponse)"
                return False
            if el.tag == "inlineChoiceInteraction":
                answers = [
                    Choice(text=self.content(ic), ident=ic.get("identifier", ""))
                    for ic in el.iter("inlineChoice")
                ]
                _set_keys(answers, decl, multiple=False)
                blank = Blank(kind="choice", answers=answers)
            elif decl.base_type in ("float", "integer"):
                value = self._numeric_key(decl)
                if value is None:
                    return False
                blank = Blank(
                    kind="numeric",
                    answers=[Choice(text=value, correct=True)],
                    tolerance=self._tolerance(decl.ident),
                )
            else:
                blank = Blank(
                    kind="text",
                    answers=_text_answers(decl),
                    case_sensitive=decl.case_sensitive if decl.case_sensitive is not None else True,
                )
            q.blanks.append(blank)
            self.replace[el] = f"{{{{{n}}}}}"
        return True

    def _essay(self, el: etree._Element) -> bool:
        self.q.qtype = QType.ESSAY
        self._prompt_in_stem(el)
        return True


def _set_keys(choices: list[Choice], decl: _Decl, *, multiple: bool) -> None:
    """Mark the correct choices and, when a mapping scores them, their fractions."""
    correct = set(decl.correct)
    if not correct and decl.mapping:
        best = max(decl.mapping.values())
        correct = {k for k, v in decl.mapping.items() if v > 0 and (multiple or v == best)}
    for c in choices:
        c.correct = c.ident in correct
    if not decl.mapping:
        return
    positive = [v for v in decl.mapping.values() if v > 0]
    if not positive:
        return
    denom = sum(positive) if multiple else max(positive)
    for c in choices:
        value = decl.mapping.get(c.ident, decl.default)
        c.fraction = max(-1.0, min(1.0, round(value / denom, 7)))
    n = max(1, sum(c.correct for c in choices))
    plain = all(
        abs(c.fraction - ((1 / n if multiple else 1.0) if c.correct else 0.0)) < 1e-6
        for c in choices
    )
    if plain:
        for c in choices:
            c.fraction = None


def _text_answers(decl: _Decl) -> list[Choice]:
    answers: dict[str, Choice] = {}
    best = max([v for v in decl.mapping.values() if v > 0], default=0.0)
    for value in decl.correct:
        answers.setdefault(value, Choice(text=html_lib.escape(value, quote=False), correct=True))
    for key, value in decl.mapping.items():
        if value <= 0:
            continue
        choice = answers.setdefault(
            key, Choice(text=html_lib.escape(key, quote=False), correct=True)
        )
        fraction = round(value / best, 7) if best else None
        choice.fraction = None if fraction is None or abs(fraction - 1) < 1e-9 else fraction
    return list(answers.values())


def _strip_labels(choices: list[Choice]) -> None:
    """Drop "a) " … labels from Đúng/Sai statements when every statement has its own."""
    labels = [_STATEMENT_LABEL.match(c.text) for c in choices]
    if len(choices) > 1 and all(
        m and m.group(2) == chr(ord("a") + i) for i, m in enumerate(labels)
    ):
        for c, m in zip(choices, labels, strict=True):
            c.text = m.group(1) + c.text[m.end() :]


def _fold_word(el: etree._Element) -> str:
    """The visible word of a choice ("Đúng", "sai."), folded for comparison."""
    text = unicodedata.normalize("NFC", " ".join("".join(el.itertext()).split()))
    return text.rstrip(".!").strip().casefold()


def _views(el: etree._Element) -> set[str]:
    return set((el.get("view") or "candidate").split())


def _join_html(parts: Iterable[str]) -> str:
    return "".join(p for p in parts if p)


_CHOICE_TYPES = {QType.SINGLE_CHOICE, QType.MULTIPLE_RESPONSE, QType.TRUE_FALSE}


# -- HTML details ------------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
_BLOCK_TAGS = {
    "p", "div", "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr",
    "td", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr", "dl", "dt", "dd",
    "figure", "figcaption", "address", "colgroup", "col",
}  # fmt: skip
_BLOCK_SPACE = re.compile(r"\s*(</?(?:" + "|".join(sorted(_BLOCK_TAGS | {"br"})) + r")\b[^>]*>)\s*")
_HTML_TAGS = _BLOCK_TAGS | {
    "span", "br", "b", "strong", "i", "em", "u", "s", "sub", "sup", "small", "big", "img",
    "code", "a", "abbr", "acronym", "cite", "q", "kbd", "samp", "var", "tt", "dfn",
}  # fmt: skip
_VOID = {"br", "hr", "img", "col"}
_KEEP_ATTRS = {
    "td": ("colspan", "rowspan", "align"),
    "th": ("colspan", "rowspan", "align", "scope"),
    "a": ("href",),
    "col": ("span",),
    "ol": ("start", "type"),
}
_KEEP_CLASSES = {"math-inline", "math-display", "chem", "blank", "stimulus", "table-wrap"}
_CLASS_TAGS = {"hl-u": "u", "hl-s": "s", "hl-figure": "figure", "hl-figcaption": "figcaption"}
_DROP = {
    "feedbackInline", "feedbackBlock", "templateInline", "templateBlock", "printedVariable",
    "stylesheet", "modalFeedback", "responseDeclaration", "outcomeDeclaration",
    "apipAccessibility", "accessibilityInfo", "param", "annotation", "annotation-xml",
}  # fmt: skip
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".tif", ".tiff", ".svg"}


def _is_image(data: bytes) -> bool:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception:
        return False
    return True


def safe_asset_name(name: str) -> str:
    """An ASCII file name usable in a zip path and in ``src="asset:NAME"``."""
    name = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    name = name.encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "image"
    return name[-80:]


# -- MathML → LaTeX ----------------------------------------------------------------------------

_MO = {
    "×": r"\times", "÷": r"\div", "−": "-", "±": r"\pm", "∓": r"\mp", "≤": r"\le",
    "≥": r"\ge", "≠": r"\ne", "≈": r"\approx", "⋅": r"\cdot", "·": r"\cdot", "∞": r"\infty",
    "→": r"\to", "⇒": r"\Rightarrow", "⇔": r"\Leftrightarrow", "∈": r"\in", "∉": r"\notin",
    "⊂": r"\subset", "⊆": r"\subseteq", "∪": r"\cup", "∩": r"\cap", "∅": r"\emptyset",
    "∠": r"\angle", "⊥": r"\perp", "∥": r"\parallel", "∑": r"\sum", "∫": r"\int",
    "∏": r"\prod", "′": "'", "°": r"^\circ", "{": r"\{", "}": r"\}", "%": r"\%", "∀": r"\forall",
    "∃": r"\exists", "\u2061": "", "\u2062": "", "\u2063": ",", "\u2064": "+",
}  # fmt: skip
_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "varepsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu",
    "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "varphi", "χ": "chi",
    "ψ": "psi", "ω": "omega", "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda",
    "Ξ": "Xi", "Π": "Pi", "Σ": "Sigma", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}  # fmt: skip
_FUNCTIONS = {"sin", "cos", "tan", "cot", "log", "ln", "lg", "lim", "max", "min", "exp", "arcsin", "arccos", "arctan"}  # fmt: skip
_ACCENTS = {"¯": r"\overline", "‾": r"\overline", "→": r"\overrightarrow", "^": r"\hat", "ˆ": r"\hat", "~": r"\tilde", "˙": r"\dot"}  # fmt: skip


class _Unsupported(Exception):
    pass


def _math_html(el: etree._Element) -> str:
    """A MathML ``<math>`` as ``\\( … \\)`` LaTeX, or its bare text if too complex."""
    try:
        latex = _tex(el).strip()
    except _Unsupported:
        text = " ".join(t.strip() for t in el.itertext() if t.strip())
        return html_lib.escape(text, quote=False)
    if el.get("display") == "block":
        return html_lib.escape(f"\\[{latex}\\]", quote=False)
    return html_lib.escape(f"\\({latex}\\)", quote=False)


def _tex(el: etree._Element) -> str:
    tag = el.tag
    kids = [c for c in el if isinstance(c.tag, str)]
    text = (el.text or "").strip()
    if tag in ("math", "mrow", "mstyle", "mpadded", "mphantom", "merror"):
        return _join([_tex(c) for c in kids])
    if tag == "semantics":
        for ann in kids[1:]:
            if ann.tag == "annotation" and (ann.get("encoding") or "").lower() in (
                "application/x-tex",
                "latex",
                "tex",
                "text/x-latex",
            ):
                return (ann.text or "").strip()
        if not kids:
            raise _Unsupported
        return _tex(kids[0])
    if tag == "mn":
        return text
    if tag == "mi":
        if text in _FUNCTIONS:
            return "\\" + text
        if len(text) == 1:
            return "\\" + _GREEK[text] if text in _GREEK else text
        return r"\mathrm{" + text + "}"
    if tag == "mo":
        return "".join(_MO.get(ch, "\\" + _GREEK[ch] if ch in _GREEK else ch) for ch in text)
    if tag == "mtext":
        return r"\text{" + text.replace("{", r"\{").replace("}", r"\}") + "}" if text else ""
    if tag == "mspace":
        return r"\ "
    if tag == "msqrt":
        return r"\sqrt{" + _join([_tex(c) for c in kids]) + "}"
    need = {"msup": 2, "msub": 2, "mfrac": 2, "mroot": 2, "msubsup": 3, "munder": 2, "mover": 2, "munderover": 3}  # fmt: skip
    if tag in need:
        if len(kids) != need[tag]:
            raise _Unsupported
        parts = [_tex(c) for c in kids]
        if tag == "mfrac":
            return r"\frac{" + parts[0] + "}{" + parts[1] + "}"
        if tag == "mroot":
            return r"\sqrt[" + parts[1] + "]{" + parts[0] + "}"
        if tag == "mover" and (kids[1].text or "").strip() in _ACCENTS:
            return _ACCENTS[(kids[1].text or "").strip()] + "{" + parts[0] + "}"
        base = (
            parts[0]
            if len(parts[0]) == 1 or re.fullmatch(r"\\[A-Za-z]+", parts[0])
            else "{" + parts[0] + "}"
        )
        if tag in ("msup", "mover"):
            return base + "^{" + parts[1] + "}"
        if tag in ("msub", "munder"):
            return base + "_{" + parts[1] + "}"
        return base + "_{" + parts[1] + "}^{" + parts[2] + "}"
    if tag == "mfenced":
        seps = "".join((el.get("separators", ",") or "").split())
        inner = ""
        for i, child in enumerate(kids):
            if i and seps:
                inner += seps[min(i - 1, len(seps) - 1)]
            inner += _tex(child)
        return el.get("open", "(") + inner + el.get("close", ")")
    raise _Unsupported


def _join(parts: list[str]) -> str:
    out = ""
    for part in parts:
        if out and re.search(r"\\[A-Za-z]+$", out) and re.match(r"[A-Za-z0-9]", part):
            out += " "
        out += part
    return out


# -- XML helpers -------------------------------------------------------------------------------


def _normalise(root: etree._Element) -> None:
    """Drop namespaces in place, turning QTI 3 ``qti-choice-interaction`` into ``choiceInteraction``."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        local = etree.QName(el).localname
        if local.startswith("qti-"):
            local = _camel(local[4:])
            for name in list(el.attrib):
                if "-" in name and not name.startswith("data-"):
                    el.set(_camel(name), el.attrib.pop(name))
        el.tag = local
        for name in list(el.attrib):
            if name.startswith("{"):
                value = el.attrib.pop(name)
                if name.startswith(f"{{{XML_NS}}}") or name.startswith(f"{{{XSI_NS}}}"):
                    continue
                el.set(etree.QName(name).localname, value)
    etree.cleanup_namespaces(root)


def _camel(name: str) -> str:
    head, *rest = name.split("-")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if _local(c) == name]


def _descendants(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el.iter() if _local(c) == name]


def _href(href: str) -> str:
    return unquote(href.strip()).replace("\\", "/")


def _norm_name(name: str) -> str:
    name = name.replace("\\", "/")
    while name.startswith("./"):
        name = name[2:]
    return name


def _name_table(names: Iterable[str]) -> dict[str, str]:
    return {_norm_name(n): n for n in names}


def _lookup(table: dict[str, str], path: str) -> str | None:
    if path in table:
        return table[path]
    folded = path.casefold()
    return next((orig for norm, orig in table.items() if norm.casefold() == folded), None)


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    number = _float(value)
    return int(number) if number is not None and number.is_integer() else None


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

_ZIP_DATE = (2020, 1, 1, 0, 0, 0)
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def export_qti_package(
    questions: list[ParsedQuestion], groups: list[ParsedGroup] | None = None
) -> bytes:
    """A QTI 2.1 content package (zip) with one assessmentItem per question.

    The package also holds an ``assessmentTest`` listing the items in order, with a section
    per shared stimulus in ``groups``, and the images under ``images/``.
    """
    pack = _PackWriter()
    groups_by_key = {g.key: g for g in groups or []}
    entries = []
    used_ids: set[str] = set()
    for index, q in enumerate(questions, start=1):
        ident = q.source_id if _IDENT.match(q.source_id or "") else f"q{index:04d}"
        while ident in used_ids:
            ident = f"{ident}-{index}"
        used_ids.add(ident)
        path = f"{safe_asset_name(ident)}.xml"
        while path in pack.files or path.casefold() in ("imsmanifest.xml", "test.xml"):
            path = f"q{index:04d}-{len(pack.files)}.xml"
        writer = _ItemWriter(q, ident, pack)
        pack.files[path] = _xml_bytes(writer.build())
        entries.append((q, ident, path, writer))

    manifest = etree.Element(
        f"{{{IMSCP_NS}}}manifest",
        nsmap={None: IMSCP_NS, "xsi": XSI_NS},
        identifier="MANIFEST-hoclieu",
    )
    manifest.set(
        f"{{{XSI_NS}}}schemaLocation",
        f"{IMSCP_NS} http://www.imsglobal.org/xsd/imscp_v1p1.xsd "
        f"{QTI21_NS} http://www.imsglobal.org/xsd/imsqti_v2p1.xsd",
    )
    meta = etree.SubElement(manifest, f"{{{IMSCP_NS}}}metadata")
    etree.SubElement(meta, f"{{{IMSCP_NS}}}schema").text = "QTIv2.1 Package"
    etree.SubElement(meta, f"{{{IMSCP_NS}}}schemaversion").text = "1.0.0"
    etree.SubElement(manifest, f"{{{IMSCP_NS}}}organizations")
    resources = etree.SubElement(manifest, f"{{{IMSCP_NS}}}resources")
    if entries:
        test_files = _write_test(entries, groups_by_key, pack)
        res = _cp(
            resources,
            "resource",
            identifier="RES-TEST",
            type=TEST_RESOURCE_TYPES[0],
            href="test.xml",
        )
        for href in ["test.xml", *test_files]:
            _cp(res, "file", href=href)
        for _, ident, _, _ in entries:
            _cp(res, "dependency", identifierref=f"RES-{ident}")
    for q, ident, path, writer in entries:
        res = _cp(
            resources, "resource", identifier=f"RES-{ident}", type=ITEM_RESOURCE_TYPES[0], href=path
        )
        _resource_metadata(res, q, writer)
        for href in [path, *writer.images]:
            _cp(res, "file", href=href)

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in [("imsmanifest.xml", _xml_bytes(manifest)), *pack.files.items()]:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return out.getvalue()


def _cp(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{IMSCP_NS}}}{tag}", attrs)


def _xml_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


class _PackWriter:
    """The files of the package being written; an image used twice is stored once."""

    def __init__(self):
        self.files: dict[str, bytes] = {}

    def image(self, name: str, data: bytes) -> str:
        safe = safe_asset_name(name)
        stem, suffix = PurePosixPath(safe).stem, PurePosixPath(safe).suffix
        path, n = f"images/{safe}", 1
        while path in self.files and self.files[path] != data:
            n += 1
            path = f"images/{stem}-{n}{suffix}"
        self.files[path] = data
        return path


def _resource_metadata(res: etree._Element, q: ParsedQuestion, writer: _ItemWriter) -> None:
    meta = _cp(res, "metadata")
    lom = etree.SubElement(meta, f"{{{LOM_NS}}}lom", nsmap={None: LOM_NS})
    general = etree.SubElement(lom, f"{{{LOM_NS}}}general")
    title = etree.SubElement(general, f"{{{LOM_NS}}}title")
    etree.SubElement(title, f"{{{LOM_NS}}}string", language="vi").text = writer.title
    for tag in q.tags:
        keyword = etree.SubElement(general, f"{{{LOM_NS}}}keyword")
        etree.SubElement(keyword, f"{{{LOM_NS}}}string", language="vi").text = tag

    qmd = etree.SubElement(meta, f"{{{QTIMD_NS}}}qtiMetadata", nsmap={None: QTIMD_NS})
    etree.SubElement(qmd, f"{{{QTIMD_NS}}}timeDependent").text = "false"
    for kind in dict.fromkeys(writer.interactions):
        etree.SubElement(qmd, f"{{{QTIMD_NS}}}interactionType").text = kind
    etree.SubElement(qmd, f"{{{QTIMD_NS}}}feedbackType").text = (
        "nonadaptive" if writer.feedback else "none"
    )
    etree.SubElement(qmd, f"{{{QTIMD_NS}}}solutionAvailable").text = (
        "true" if q.solution else "false"
    )
    etree.SubElement(qmd, f"{{{QTIMD_NS}}}toolName").text = "hoclieu"

    hl = etree.SubElement(meta, f"{{{HL_NS}}}question", nsmap={"hl": HL_NS})

    def put(name: str, value: object) -> None:
        etree.SubElement(hl, f"{{{HL_NS}}}{name}").text = str(value)

    put("qtype", q.qtype.value)
    if q.level:
        put("level", q.level)
    if q.part is not None:
        put("part", q.part)
    if q.difficulty is not None:
        put("difficulty", q.difficulty)
    if q.points is not None:
        put("points", q.points)
    put("keepPosition", "true" if q.keep_position else "false")
    if q.qtype == QType.TRUE_FALSE:
        put("shuffleStatements", "true" if q.shuffle_statements else "false")
    if q.group:
        put("group", q.group)
    if q.blanks:
        put("blankPoints", " ".join(_num(b.points) for b in q.blanks))
    for tag in q.tags:
        put("tag", tag)
    for part in q.category:
        put("category", part)


def _write_test(entries: list, groups: dict[str, ParsedGroup], pack: _PackWriter) -> list[str]:
    """``test.xml``: the items in order, a section per shared stimulus; returns its images."""
    test = _qti("assessmentTest", None, identifier="hoclieu-test", title="Ngân hàng câu hỏi")
    test.set(
        f"{{{XSI_NS}}}schemaLocation", f"{QTI21_NS} http://www.imsglobal.org/xsd/imsqti_v2p1.xsd"
    )
    part = _qti(
        "testPart", test, identifier="P1", navigationMode="nonlinear", submissionMode="simultaneous"
    )
    root = _qti("assessmentSection", part, identifier="S0", title="Câu hỏi", visible="false")
    images: list[str] = []
    current, section = None, root
    for n, (q, ident, path, _) in enumerate(entries, start=1):
        if q.group != current:
            current, section = q.group, root
            if q.group:
                group = groups.get(q.group) or ParsedGroup(key=q.group)
                section = _qti(
                    "assessmentSection", root, identifier=f"G{n:04d}",
                    title=group.title or group.key, visible="true",
                )  # fmt: skip
                if group.stimulus:
                    rubric = _qti("rubricBlock", section, view="candidate")
                    div = _qti("div", rubric)
                    div.set("class", "hl-stem")
                    images += _XhtmlWriter(pack, group.assets).into(div, group.stimulus)
        ref = _qti("assessmentItemRef", section, identifier=ident, href=path)
        if q.keep_position:
            ref.set("fixed", "true")
    pack.files["test.xml"] = _xml_bytes(test)
    return list(dict.fromkeys(images))


def _qti(
    tag: str, parent: etree._Element | None, text: str | None = None, **attrs: object
) -> etree._Element:
    values = {k: str(v) for k, v in attrs.items() if v is not None}
    if parent is None:
        el = etree.Element(f"{{{QTI21_NS}}}{tag}", values, nsmap={None: QTI21_NS, "xsi": XSI_NS})
    else:
        el = etree.SubElement(parent, f"{{{QTI21_NS}}}{tag}", values)
    if text is not None:
        el.text = text
    return el


def _num(value: float | Decimal) -> str:
    text = format(Decimal(str(value)).normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _dot_decimal(answer: str) -> str:
    try:
        return _num(parse_numeric(answer))
    except NumericAnswerError:
        return answer.strip().replace(",", ".")


# Attributes QTI's XHTML subset allows and hoclieu HTML uses (img is handled on its own).
_QTI_ATTRS = {
    "td": ("colspan", "rowspan", "align", "scope"),
    "th": ("colspan", "rowspan", "align", "scope"),
    "a": ("href",),
    "col": ("span",),
}


class _XhtmlWriter:
    """hoclieu HTML → QTI's XHTML subset, images into the package."""

    def __init__(
        self,
        pack: _PackWriter,
        assets: dict[str, bytes],
        blanks: Callable[[etree._Element, int], etree._Element] | None = None,
    ):
        self.pack = pack
        self.assets = assets
        self.blanks = blanks
        self.images: list[str] = []

    def into(self, parent: etree._Element, html: str) -> list[str]:
        if html and html.strip():
            self._copy(lxml_html.fragment_fromstring(html, create_parent="div"), parent)
        return self.images

    def _copy(self, src: etree._Element, dst: etree._Element) -> None:
        self._text(dst, src.text)
        for child in src:
            if isinstance(child.tag, str):
                self._element(child, dst)
            self._text(dst, child.tail)

    def _text(self, dst: etree._Element, text: str | None) -> None:
        if not text:
            return
        pieces = re.split(r"\{\{(\d+)\}\}", text) if self.blanks else [text]
        for i, piece in enumerate(pieces):
            if i % 2:
                self.blanks(dst, int(piece))
            elif piece:
                if len(dst):
                    dst[-1].tail = (dst[-1].tail or "") + piece
                else:
                    dst.text = (dst.text or "") + piece

    def _element(self, src: etree._Element, dst: etree._Element) -> None:
        tag = src.tag.lower()
        classes = (src.get("class") or "").split()
        attrs: dict[str, str] = {}
        if tag in ("u", "ins"):
            tag, classes = "span", ["hl-u"]
        elif tag in ("s", "strike", "del"):
            tag, classes = "span", ["hl-s"]
        elif tag in ("figure", "figcaption"):
            tag, classes = "div", [f"hl-{tag}"]
        elif tag in ("h1", "h2"):
            tag = "h3"
        elif tag == "img":
            src_attr = src.get("src", "")
            if src_attr.startswith("asset:"):
                name = src_attr[len("asset:") :]
                data = self.assets.get(name)
                path = (
                    self.pack.image(name, data)
                    if data is not None
                    else f"images/{safe_asset_name(name)}"
                )
                self.images.append(path)
                src_attr = path
            attrs = {"src": src_attr, "alt": src.get("alt", "")}
            for k in ("width", "height"):
                if re.fullmatch(r"\d+%?", src.get(k, "") or ""):
                    attrs[k] = src.get(k)
        elif tag not in _HTML_TAGS - {"u", "s", "figure", "figcaption"}:
            tag = (
                "div"
                if any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in src.iter())
                else "span"
            )
        for name in _QTI_ATTRS.get(tag, ()):
            if src.get(name):
                attrs[name] = src.get(name)
        el = _qti(tag, dst, **attrs)
        if classes:
            el.set("class", " ".join(classes))
        if tag not in _VOID:
            self._copy(src, el)


class _ItemWriter:
    """One ParsedQuestion → one QTI 2.1 assessmentItem."""

    def __init__(self, q: ParsedQuestion, ident: str, pack: _PackWriter):
        # A copy: the writer assigns identifiers to choices without touching the caller's data.
        q = dataclasses.replace(q, choices=[dataclasses.replace(c) for c in q.choices])
        self.q = q
        self.ident = ident
        self.pack = pack
        self.html = _XhtmlWriter(pack, q.assets)
        self.images = self.html.images
        self.interactions: list[str] = []
        self.feedback = False
        name = q.name.strip() or re.sub(r"\{\{\d+\}\}", "…", plain_text(q.stem))[:80].strip()
        self.title = name or ident
        self.rules: list[etree._Element] = []
        self.template = ""

    def build(self) -> etree._Element:
        q = self.q
        item = _qti(
            "assessmentItem", None, identifier=self.ident, title=self.title,
            adaptive="false", timeDependent="false",
        )  # fmt: skip
        item.set(
            f"{{{XSI_NS}}}schemaLocation",
            f"{QTI21_NS} http://www.imsglobal.org/xsd/imsqti_v2p1.xsd",
        )
        decls = _qti("_decls", None)  # placeholder, moved below
        body = _qti("itemBody", None)
        if q.marking_guide:
            div = _qti("div", _qti("rubricBlock", body, view="scorer"))
            div.set("class", "hl-stem")
            self.html.into(div, q.marking_guide)
        {
            QType.SINGLE_CHOICE: self._choice,
            QType.MULTIPLE_RESPONSE: self._choice,
            QType.TRUE_FALSE: self._true_false,
            QType.SHORT_NUMERIC: self._short,
            QType.SHORT_TEXT: self._short,
            QType.ESSAY: self._essay,
            QType.CLOZE: self._cloze,
            QType.MATCHING: self._matching,
            QType.ORDERING: self._ordering,
        }[q.qtype](decls, body)

        feedbacks = []
        if q.solution:
            feedbacks.append(("SOLUTION", "Lời giải", q.solution))
        if q.general_feedback:
            feedbacks.append(("GENERAL", "Nhận xét", q.general_feedback))
        if q.qtype in _CHOICE_TYPES:
            feedbacks += [(c.ident, "", c.feedback) for c in q.choices if c.feedback and c.ident]
        self.feedback = bool(feedbacks)

        for decl in list(decls):
            item.append(decl)
        _outcome(item, "SCORE", "single", "float", "0")
        if q.points is not None:
            _outcome(item, "MAXSCORE", "single", "float", _num(q.points))
        if feedbacks:
            _outcome(item, "FEEDBACK", "multiple", "identifier")
        item.append(body)
        self._processing(item, feedbacks)
        for ident, title, text in feedbacks:
            fb = _qti(
                "modalFeedback", item, outcomeIdentifier="FEEDBACK", showHide="show",
                identifier=ident, title=title or None,
            )  # fmt: skip
            self.html.into(fb, text)
        return item

    # -- pieces --------------------------------------------------------------------------------

    def _stem(self, body: etree._Element, blanks=None) -> None:
        div = _qti("div", body)
        div.set("class", "hl-stem")
        self.html.blanks = blanks
        self.html.into(div, self.q.stem)
        self.html.blanks = None

    def _decl(
        self, decls, ident: str, cardinality: str, base_type: str, correct: list[str] | None = None
    ) -> etree._Element:
        decl = _qti(
            "responseDeclaration",
            decls,
            identifier=ident,
            cardinality=cardinality,
            baseType=base_type,
        )
        if correct:
            cr = _qti("correctResponse", decl)
            for value in correct:
                _qti("value", cr, value)
        return decl

    def _mapping(
        self,
        decl: etree._Element,
        entries: list[tuple[str, float]],
        *,
        case_sensitive: bool = True,
        upper: float | None = None,
    ) -> None:
        mapping = _qti(
            "mapping",
            decl,
            defaultValue="0",
            lowerBound="0",
            upperBound=_num(upper) if upper is not None else None,
        )
        for key, value in entries:
            _qti(
                "mapEntry", mapping, mapKey=key, mappedValue=_num(value),
                caseSensitive="true" if case_sensitive else "false",
            )  # fmt: skip

    def _choice_ids(self, choices: list[Choice]) -> list[str]:
        ids = []
        for i, c in enumerate(choices):
            ident = (
                c.ident
                if _IDENT.match(c.ident or "") and c.ident not in SOLUTION_IDS | {"GENERAL"}
                else ""
            )
            if not ident or ident in ids:
                ident = _letter(i)
                while ident in ids:
                    ident += "_"
            ids.append(ident)
            c.ident = ident
        return ids

    # -- types ---------------------------------------------------------------------------------

    def _choice(self, decls, body) -> None:
        q = self.q
        multiple = q.qtype == QType.MULTIPLE_RESPONSE
        choices = q.choices
        ids = self._choice_ids(choices)
        correct = [i for i, c in zip(ids, choices, strict=True) if c.correct]
        decl = self._decl(
            decls, "RESPONSE", "multiple" if multiple else "single", "identifier", correct
        )
        if any(c.fraction is not None for c in choices):
            n = max(1, len(correct))
            entries = [
                (
                    i,
                    c.fraction
                    if c.fraction is not None
                    else ((1 / n if multiple else 1.0) if c.correct else 0.0),
                )
                for i, c in zip(ids, choices, strict=True)
            ]
            self._mapping(decl, entries, upper=1.0)
            self.template = TEMPLATE_MAP_RESPONSE
        else:
            self.template = TEMPLATE_MATCH_CORRECT
        self._stem(body)
        inter = _qti(
            "choiceInteraction", body, responseIdentifier="RESPONSE",
            shuffle="false" if q.keep_option_order else "true",
            maxChoices="0" if multiple else "1",
        )  # fmt: skip
        self.interactions.append("choiceInteraction")
        for ident, c in zip(ids, choices, strict=True):
            sc = _qti("simpleChoice", inter, identifier=ident)
            if c.fixed:
                sc.set("fixed", "true")
            self.html.into(sc, c.text)

    def _true_false(self, decls, body) -> None:
        q = self.q
        self._stem(body)
        for i, c in enumerate(q.choices):
            ident = f"RESPONSE_{_letter(i).lower()}"
            c.ident = ident
            self._decl(decls, ident, "single", "identifier", ["TRUE" if c.correct else "FALSE"])
            statement = _qti("div", body)
            statement.set("class", "hl-statement")
            self.html.into(statement, c.text)
            inter = _qti(
                "choiceInteraction", body, responseIdentifier=ident, shuffle="false", maxChoices="1"
            )
            _qti("simpleChoice", inter, "Đúng", identifier="TRUE")
            _qti("simpleChoice", inter, "Sai", identifier="FALSE")
            self.interactions.append("choiceInteraction")
            self.rules.append(_add_score_if(_match_correct(ident)))

    def _short(self, decls, body) -> None:
        q = self.q
        self._stem(body)
        if q.qtype == QType.SHORT_NUMERIC:
            self._decl(decls, "RESPONSE", "single", "float", [_dot_decimal(q.numeric_answer)])
            self.rules.append(_set_score(_equal("RESPONSE", q.tolerance)))
        else:
            answers = [c for c in q.choices if c.correct] or q.choices
            decl = self._decl(
                decls,
                "RESPONSE",
                "single",
                "string",
                [plain_text(answers[0].text)] if answers else None,
            )
            self._mapping(
                decl, _answer_entries(q.choices), case_sensitive=q.case_sensitive, upper=1.0
            )
            self.template = TEMPLATE_MAP_RESPONSE
        p = _qti("p", body)
        base = "float" if q.qtype == QType.SHORT_NUMERIC else "string"
        _qti(
            "textEntryInteraction",
            p,
            responseIdentifier="RESPONSE",
            expectedLength="10" if base == "float" else "20",
        )
        self.interactions.append("textEntryInteraction")

    def _essay(self, decls, body) -> None:
        self._decl(decls, "RESPONSE", "single", "string")
        self._stem(body)
        _qti("extendedTextInteraction", body, responseIdentifier="RESPONSE", expectedLines="10")
        self.interactions.append("extendedTextInteraction")

    def _cloze(self, decls, body) -> None:
        q = self.q

        def blank(parent: etree._Element, n: int) -> None:
            ident = f"RESPONSE_{n}"
            if not 1 <= n <= len(q.blanks):
                _append_text(parent, f"{{{{{n}}}}}")
                return
            b = q.blanks[n - 1]
            if b.kind == "choice":
                ids = [f"C{n}_{i + 1}" for i in range(len(b.answers))]
                correct = [i for i, a in zip(ids, b.answers, strict=True) if a.correct]
                decl = self._decl(decls, ident, "single", "identifier", correct[:1])
                entries = [
                    (i, a.fraction if a.fraction is not None else (1.0 if a.correct else 0.0))
                    for i, a in zip(ids, b.answers, strict=True)
                ]
                self._mapping(decl, entries, upper=1.0)
                inter = _qti(
                    "inlineChoiceInteraction", parent, responseIdentifier=ident, shuffle="false"
                )
                for i, a in zip(ids, b.answers, strict=True):
                    _qti("inlineChoice", inter, plain_text(a.text), identifier=i)
                self.interactions.append("inlineChoiceInteraction")
                self.rules.append(_add_score(_map(ident)))
            elif b.kind == "numeric":
                key = next((a for a in b.answers if a.correct), b.answers[0] if b.answers else None)
                self._decl(
                    decls,
                    ident,
                    "single",
                    "float",
                    [_dot_decimal(plain_text(key.text))] if key else None,
                )
                _qti("textEntryInteraction", parent, responseIdentifier=ident, expectedLength="10")
                self.interactions.append("textEntryInteraction")
                self.rules.append(_add_score_if(_equal(ident, b.tolerance)))
            else:
                answers = [a for a in b.answers if a.correct]
                decl = self._decl(
                    decls,
                    ident,
                    "single",
                    "string",
                    [plain_text(answers[0].text)] if answers else None,
                )
                self._mapping(
                    decl, _answer_entries(b.answers), case_sensitive=b.case_sensitive, upper=1.0
                )
                _qti("textEntryInteraction", parent, responseIdentifier=ident, expectedLength="20")
                self.interactions.append("textEntryInteraction")
                self.rules.append(_add_score(_map(ident)))

        self._stem(body, blank)

    def _matching(self, decls, body) -> None:
        q = self.q
        premises = [c for c in q.choices if plain_text(c.text) or "<img" in c.text]
        targets: list[str] = []
        for c in q.choices:
            if c.match and c.match not in targets:
                targets.append(c.match)
        pairs = [
            (f"S{i + 1}", f"T{targets.index(c.match) + 1}")
            for i, c in enumerate(premises)
            if c.match
        ]
        self._decl(decls, "RESPONSE", "multiple", "directedPair", [f"{a} {b}" for a, b in pairs])
        self.template = TEMPLATE_MATCH_CORRECT
        self._stem(body)
        inter = _qti(
            "matchInteraction", body, responseIdentifier="RESPONSE",
            shuffle="false" if q.keep_option_order else "true", maxAssociations=str(len(pairs)),
        )  # fmt: skip
        self.interactions.append("matchInteraction")
        left, right = _qti("simpleMatchSet", inter), _qti("simpleMatchSet", inter)
        for i, c in enumerate(premises):
            sac = _qti("simpleAssociableChoice", left, identifier=f"S{i + 1}", matchMax="1")
            self.html.into(sac, c.text)
        for j, text in enumerate(targets):
            uses = sum(1 for _, b in pairs if b == f"T{j + 1}")
            sac = _qti(
                "simpleAssociableChoice", right, identifier=f"T{j + 1}", matchMax=str(max(1, uses))
            )
            self.html.into(sac, text)

    def _ordering(self, decls, body) -> None:
        q = self.q
        ids = [f"O{i + 1}" for i in range(len(q.choices))]
        self._decl(decls, "RESPONSE", "ordered", "identifier", ids)
        self.template = TEMPLATE_MATCH_CORRECT
        self._stem(body)
        inter = _qti("orderInteraction", body, responseIdentifier="RESPONSE", shuffle="true")
        self.interactions.append("orderInteraction")
        # Written out of order so a player that does not shuffle does not give the answer away.
        shown = list(zip(ids, q.choices, strict=True))
        shown = shown[1:] + shown[:1]
        for ident, c in shown:
            sc = _qti("simpleChoice", inter, identifier=ident)
            if c.fixed:
                sc.set("fixed", "true")
            self.html.into(sc, c.text)

    def _processing(self, item: etree._Element, feedbacks: list) -> None:
        if not self.rules and not self.template and not feedbacks:
            return
        if self.template and not feedbacks:
            _qti("responseProcessing", item, template=self.template)
            return
        rp = _qti("responseProcessing", item)
        if self.template == TEMPLATE_MATCH_CORRECT:
            rp.append(_set_score(_match_correct("RESPONSE")))
        elif self.template == TEMPLATE_MAP_RESPONSE:
            rp.append(_set_score_map("RESPONSE"))
        for rule in self.rules:
            rp.append(rule)
        if feedbacks:
            value = _qti("setOutcomeValue", rp, identifier="FEEDBACK")
            multiple = _qti("multiple", value)
            for ident in ("SOLUTION", "GENERAL"):
                if any(f[0] == ident for f in feedbacks):
                    _qti("baseValue", multiple, ident, baseType="identifier")
            if self.q.qtype in (QType.SINGLE_CHOICE, QType.MULTIPLE_RESPONSE):
                _qti("variable", multiple, identifier="RESPONSE")


def _letter(i: int) -> str:
    return chr(ord("A") + i) if i < 26 else f"C{i + 1}"


def _append_text(parent: etree._Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _answer_entries(answers: list[Choice]) -> list[tuple[str, float]]:
    entries: dict[str, float] = {}
    for a in answers:
        key = plain_text(a.text)
        if not key or key in entries:
            continue
        entries[key] = a.fraction if a.fraction is not None else (1.0 if a.correct else 0.0)
    return list(entries.items())


def _outcome(
    item: etree._Element, ident: str, cardinality: str, base_type: str, default: str | None = None
) -> None:
    outcome = _qti(
        "outcomeDeclaration", item, identifier=ident, cardinality=cardinality, baseType=base_type
    )
    if default is not None:
        _qti("value", _qti("defaultValue", outcome), default)


def _match_correct(ident: str) -> etree._Element:
    match = _qti("match", None)
    _qti("variable", match, identifier=ident)
    _qti("correct", match, identifier=ident)
    return match


def _equal(ident: str, tolerance: float) -> etree._Element:
    if tolerance:
        t = _num(tolerance)
        eq = _qti("equal", None, toleranceMode="absolute", tolerance=f"{t} {t}")
    else:
        eq = _qti("equal", None, toleranceMode="exact")
    _qti("variable", eq, identifier=ident)
    _qti("correct", eq, identifier=ident)
    return eq


def _map(ident: str) -> etree._Element:
    return _qti("mapResponse", None, identifier=ident)


def _set_score(condition: etree._Element) -> etree._Element:
    """SCORE = 1 if the condition holds, else 0."""
    rc = _qti("responseCondition", None)
    rif = _qti("responseIf", rc)
    rif.append(condition)
    _qti("baseValue", _qti("setOutcomeValue", rif, identifier="SCORE"), "1", baseType="float")
    relse = _qti("responseElse", rc)
    _qti("baseValue", _qti("setOutcomeValue", relse, identifier="SCORE"), "0", baseType="float")
    return rc


def _set_score_map(ident: str) -> etree._Element:
    rc = _qti("responseCondition", None)
    rif = _qti("responseIf", rc)
    _qti("variable", _qti("isNull", rif), identifier=ident)
    _qti("baseValue", _qti("setOutcomeValue", rif, identifier="SCORE"), "0", baseType="float")
    relse = _qti("responseElse", rc)
    _qti("setOutcomeValue", relse, identifier="SCORE").append(_map(ident))
    return rc


def _add_score(expression: etree._Element) -> etree._Element:
    """SCORE = SCORE + expression."""
    value = _qti("setOutcomeValue", None, identifier="SCORE")
    total = _qti("sum", value)
    _qti("variable", total, identifier="SCORE")
    total.append(expression)
    return value


def _add_score_if(condition: etree._Element) -> etree._Element:
    """SCORE = SCORE + 1 if the condition holds."""
    rc = _qti("responseCondition", None)
    rif = _qti("responseIf", rc)
    rif.append(condition)
    rif.append(_add_score(_qti("baseValue", None, "1", baseType="float")))
    return rc
