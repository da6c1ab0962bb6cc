"""What QTI has no word for (level, part, difficulty, tags, group, …), kept in the manifest
resource's ``<metadata>``: LOM, QTI metadata and hoclieu's own ``<hl:question>``, both ways."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml import etree

from question_bank.formats.base import LEVEL_CODES, ParsedQuestion, QType
from question_bank.formats.qti.spec import (
    HL_NS,
    LOM_NS,
    QTIMD_NS,
    as_float,
    as_int,
    cp_el,
    descendants,
)
from question_bank.numeric import dot_decimal

if TYPE_CHECKING:
    from question_bank.formats.qti.writer import ItemWriter


@dataclass
class Meta:
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
    def from_resource(cls, res: etree._Element) -> Meta:
        meta = cls()
        hl = next(res.iter(f"{{{HL_NS}}}question"), None)
        if hl is not None:
            meta._read_hoclieu(hl)
        if not meta.tags:
            for keyword in descendants(res, "keyword"):
                text = " ".join(t.strip() for t in keyword.itertext() if t.strip())
                if text and text not in meta.tags:
                    meta.tags.append(text)
        return meta

    def _read_hoclieu(self, hl: etree._Element) -> None:
        values: dict[str, list[str]] = {}
        for child in hl:
            if isinstance(child.tag, str):
                name = etree.QName(child).localname
                values.setdefault(name, []).append((child.text or "").strip())

        def one(name: str) -> str:
            return (values.get(name) or [""])[0]

        self.qtype = one("qtype")
        self.level = one("level") if one("level") in LEVEL_CODES else ""
        self.part = as_int(one("part"))
        self.difficulty = as_float(one("difficulty"))
        self.keep_position = one("keepPosition") == "true"
        if one("shuffleStatements"):
            self.shuffle_statements = one("shuffleStatements") == "true"
        self.points = as_float(one("points"))
        self.group = one("group")
        self.tags = [t for t in values.get("tag", []) if t]
        self.category = [c for c in values.get("category", []) if c]
        self.blank_points = [p for p in map(as_float, one("blankPoints").split()) if p]


def write_metadata(res: etree._Element, q: ParsedQuestion, writer: ItemWriter) -> None:
    """The item resource's ``<metadata>``: LOM title and keywords, QTI metadata, hoclieu's own."""
    meta = cp_el(res, "metadata")
    _lom(meta, q, writer.title)
    _qti_metadata(meta, q, writer)
    _hoclieu(meta, q)


def _lom(meta: etree._Element, q: ParsedQuestion, title_text: str) -> None:
    lom = etree.SubElement(meta, f"{{{LOM_NS}}}lom", nsmap={None: LOM_NS})
    general = etree.SubElement(lom, f"{{{LOM_NS}}}general")
    title = etree.SubElement(general, f"{{{LOM_NS}}}title")
    etree.SubElement(title, f"{{{LOM_NS}}}string", language="vi").text = title_text
    for tag in q.tags:
        keyword = etree.SubElement(general, f"{{{LOM_NS}}}keyword")
        etree.SubElement(keyword, f"{{{LOM_NS}}}string", language="vi").text = tag


def _qti_metadata(meta: etree._Element, q: ParsedQuestion, writer: ItemWriter) -> None:
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


def _hoclieu(meta: etree._Element, q: ParsedQuestion) -> None:
    hl = etree.SubElement(meta, f"{{{HL_NS}}}question", nsmap={"hl": HL_NS})

    def put(name: str, value: object) -> None:
        etree.SubElement(hl, f"{{{HL_NS}}}{name}").text = str(value)

    put("qtype", q.qtype.value)
    optional = {
        "level": q.level or None,
        "part": q.part,
        "difficulty": q.difficulty,
        "points": q.points,
    }
    for name, value in optional.items():
        if value is not None:
            put(name, value)
    put("keepPosition", "true" if q.keep_position else "false")
    if q.qtype == QType.TRUE_FALSE:
        put("shuffleStatements", "true" if q.shuffle_statements else "false")
    if q.group:
        put("group", q.group)
    if q.blanks:
        put("blankPoints", " ".join(dot_decimal(b.points) for b in q.blanks))
    for tag in q.tags:
        put("tag", tag)
    for part in q.category:
        put("category", part)
