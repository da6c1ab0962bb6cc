"""Content packages: reading a zip (``imsmanifest.xml``, the ``assessmentTest`` and its
sections, the items and their files) or a loose item, and writing an IMS CP 1.1 package."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from lxml import etree

from common.safefiles import SafeZip, parse_xml, resolve_member
from question_bank.formats.base import (
    ImportRejected,
    ParsedGroup,
    ParsedQuestion,
    ParseResult,
    Problem,
)
from question_bank.formats.qti.files import (
    PackWriter,
    clean_href,
    lookup,
    name_table,
    norm_name,
    safe_asset_name,
)
from question_bank.formats.qti.metadata import Meta, write_metadata
from question_bank.formats.qti.reader import read_item
from question_bank.formats.qti.spec import (
    IDENT,
    IMSCP_NS,
    ITEM_RESOURCE_TYPES,
    QTI21_NS,
    TEST_RESOURCE_TYPES,
    XML_NS,
    XSI_NS,
    children,
    cp_el,
    descendants,
    normalise,
    qti_el,
    views,
    xml_bytes,
)
from question_bank.formats.qti.writer import ItemWriter
from question_bank.formats.qti.xhtml import HtmlReader, XhtmlWriter

_ZIP_DATE = (2020, 1, 1, 0, 0, 0)


# -- reading -----------------------------------------------------------------------------------


def parse_package(data: bytes, filename: str) -> ParseResult:
    """Questions from a QTI content package zip (or a plain zip of item files)."""
    return _Package(data, filename).parse()


def parse_loose(data: bytes, filename: str, files: Mapping[str, bytes]) -> ParseResult:
    label = f"Tệp {filename}" if filename else "Câu hỏi QTI"
    root = parse_xml(data, name=filename).getroot()
    normalise(root)
    if root.tag != "assessmentItem":
        raise ImportRejected(f"{label}: {_not_an_item(root.tag)}")
    table = name_table(files)

    def fetch(path: str) -> bytes | None:
        key = lookup(table, path)
        if key is None:
            # A teacher often uploads the images flat next to the item.
            base = PurePosixPath(path).name.casefold()
            same = [k for k in files if PurePosixPath(norm_name(k)).name.casefold() == base]
            key = same[0] if len(same) == 1 else None
        return files[key] if key is not None else None

    result = ParseResult(format="qti")
    path = PurePosixPath(filename.replace("\\", "/")).name if filename else ""
    read_item(root, path, label, fetch, None, result)
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
        self.table = name_table(self.zip.namelist())
        self.result = ParseResult(format="qti")

    def fetch(self, path: str) -> bytes | None:
        key = lookup(self.table, path)
        return self.zip.read(key) if key is not None else None

    def parse(self) -> ParseResult:
        manifests = sorted(
            (n for n in self.table if PurePosixPath(n).name.casefold() == "imsmanifest.xml"),
            key=lambda n: (n.count("/"), n),
        )
        items: dict[str, etree._Element | None] = {}
        metas: dict[str, Meta] = {}
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
            meta = metas.get(path) or Meta()
            section = sections.by_item.get(path)
            if section is not None:
                if not meta.group and section.group.stimulus:
                    meta.group = section.group.key
                if meta.group and section.nested:
                    stimuli.setdefault(meta.group, section.group)
                meta.keep_position = meta.keep_position or section.fixed.get(path, False)
            read_item(root, path, f"Tệp {path}", self.fetch, meta, self.result)
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
        key = lookup(self.table, path)
        where = f"Tệp {path}"
        if key is None:
            self.result.give_up(where, "không có trong gói")
            return None
        root = self._parse_member(key, path)
        if root is None:  # malformed: its error is recorded, and here is its place
            placed = len(self.result.questions) + len(self.result.rejected)
            self.result.unbuilt.setdefault(where, placed)
            return None
        if root.tag != "assessmentItem":
            self.result.give_up(where, _not_an_item(root.tag))
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
        normalise(root)
        return root

    def _from_manifest(
        self, name: str
    ) -> tuple[dict[str, etree._Element | None], dict[str, Meta], list[str]]:
        manifest = parse_xml(self.zip.read(name), name=name).getroot()
        items: dict[str, etree._Element | None] = {}
        metas: dict[str, Meta] = {}
        tests: list[str] = []
        for res in descendants(manifest, "resource"):
            rtype = (res.get("type") or "").strip()
            if rtype not in ITEM_RESOURCE_TYPES and rtype not in TEST_RESOURCE_TYPES:
                continue
            href = res.get("href") or next(
                (f.get("href") for f in children(res, "file") if f.get("href")), ""
            )
            if not href:
                continue
            base = name
            for ancestor in reversed([res, *res.iterancestors()]):
                xml_base = ancestor.get(f"{{{XML_NS}}}base")
                if xml_base:
                    base = resolve_member(base, xml_base.rstrip("/") + "/x")
            path = resolve_member(base, clean_href(href))
            if rtype in TEST_RESOURCE_TYPES:
                tests.append(path)
            else:
                items[path] = None
                metas[path] = Meta.from_resource(res)
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
            key = lookup(self.table, path)
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
        rubrics = [r for r in section if r.tag == "rubricBlock" and "candidate" in views(r)]
        group = ParsedGroup(key=section.get("identifier") or f"section-{len(sections.order)}")
        group.title = section.get("title", "")
        reader = HtmlReader(path, self.fetch, group.assets)
        group.stimulus = reader.html("".join(reader.children(r) for r in rubrics))
        for problem in reader.errors:
            self.result.problems.append(Problem(f"Tệp {path}", problem))
        info = _SectionInfo(group=group, nested=nested)
        for child in section:
            if child.tag == "assessmentSection":
                self._read_section(child, path, sections, nested=True)
            elif child.tag == "assessmentItemRef" and child.get("href"):
                item = resolve_member(path, clean_href(child.get("href", "")))
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


# -- writing -----------------------------------------------------------------------------------


@dataclass
class _Entry:
    """One question written as an item: its identifier, file and writer."""

    q: ParsedQuestion
    ident: str
    path: str
    writer: ItemWriter


def write_package(
    questions: list[ParsedQuestion], groups: list[ParsedGroup] | None = None
) -> bytes:
    """A QTI 2.1 content package (zip) with one assessmentItem per question.

    The package also holds an ``assessmentTest`` listing the items in order, with a section
    per shared stimulus in ``groups``, and the images under ``images/``.
    """
    pack = PackWriter()
    groups_by_key = {g.key: g for g in groups or []}
    entries = _write_items(questions, pack)
    manifest = _manifest(entries, groups_by_key, pack)
    return _zip([("imsmanifest.xml", xml_bytes(manifest)), *pack.files.items()])


def _write_items(questions: list[ParsedQuestion], pack: PackWriter) -> list[_Entry]:
    entries = []
    used_ids: set[str] = set()
    for index, q in enumerate(questions, start=1):
        ident = q.source_id if IDENT.match(q.source_id or "") else f"q{index:04d}"
        while ident in used_ids:
            ident = f"{ident}-{index}"
        used_ids.add(ident)
        path = f"{safe_asset_name(ident)}.xml"
        while path in pack.files or path.casefold() in ("imsmanifest.xml", "test.xml"):
            path = f"q{index:04d}-{len(pack.files)}.xml"
        writer = ItemWriter(q, ident, pack)
        pack.files[path] = xml_bytes(writer.build())
        entries.append(_Entry(q, ident, path, writer))
    return entries


def _manifest(
    entries: list[_Entry], groups: dict[str, ParsedGroup], pack: PackWriter
) -> etree._Element:
    """``imsmanifest.xml``: a resource for the test (written here too) and one per item."""
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
    meta = cp_el(manifest, "metadata")
    etree.SubElement(meta, f"{{{IMSCP_NS}}}schema").text = "QTIv2.1 Package"
    etree.SubElement(meta, f"{{{IMSCP_NS}}}schemaversion").text = "1.0.0"
    cp_el(manifest, "organizations")
    resources = cp_el(manifest, "resources")
    if entries:
        test_files = _write_test(entries, groups, pack)
        res = cp_el(
            resources,
            "resource",
            identifier="RES-TEST",
            type=TEST_RESOURCE_TYPES[0],
            href="test.xml",
        )
        for href in ["test.xml", *test_files]:
            cp_el(res, "file", href=href)
        for entry in entries:
            cp_el(res, "dependency", identifierref=f"RES-{entry.ident}")
    for entry in entries:
        res = cp_el(
            resources,
            "resource",
            identifier=f"RES-{entry.ident}",
            type=ITEM_RESOURCE_TYPES[0],
            href=entry.path,
        )
        write_metadata(res, entry.q, entry.writer)
        for href in [entry.path, *entry.writer.images]:
            cp_el(res, "file", href=href)
    return manifest


def _write_test(
    entries: list[_Entry], groups: dict[str, ParsedGroup], pack: PackWriter
) -> list[str]:
    """``test.xml``: the items in order, a section per shared stimulus; returns its images."""
    test = qti_el("assessmentTest", None, identifier="hoclieu-test", title="Ngân hàng câu hỏi")
    test.set(
        f"{{{XSI_NS}}}schemaLocation", f"{QTI21_NS} http://www.imsglobal.org/xsd/imsqti_v2p1.xsd"
    )
    part = qti_el(
        "testPart", test, identifier="P1", navigationMode="nonlinear", submissionMode="simultaneous"
    )
    root = qti_el("assessmentSection", part, identifier="S0", title="Câu hỏi", visible="false")
    images: list[str] = []
    current, section = None, root
    for n, entry in enumerate(entries, start=1):
        q = entry.q
        if q.group != current:
            current, section = q.group, root
            if q.group:
                section = _group_section(root, groups, q.group, n, pack, images)
        ref = qti_el("assessmentItemRef", section, identifier=entry.ident, href=entry.path)
        if q.keep_position:
            ref.set("fixed", "true")
    pack.files["test.xml"] = xml_bytes(test)
    return list(dict.fromkeys(images))


def _group_section(
    root: etree._Element,
    groups: dict[str, ParsedGroup],
    key: str,
    n: int,
    pack: PackWriter,
    images: list[str],
) -> etree._Element:
    """The section of a shared stimulus, the stimulus as its rubricBlock (images into ``images``)."""
    group = groups.get(key) or ParsedGroup(key=key)
    section = qti_el(
        "assessmentSection", root, identifier=f"G{n:04d}",
        title=group.title or group.key, visible="true",
    )  # fmt: skip
    if group.stimulus:
        rubric = qti_el("rubricBlock", section, view="candidate")
        div = qti_el("div", rubric)
        div.set("class", "hl-stem")
        images += XhtmlWriter(pack, group.assets).into(div, group.stimulus)
    return section


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    """A zip of the members in order, with fixed dates so the same package gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return out.getvalue()
