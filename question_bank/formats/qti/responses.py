"""A responseDeclaration read: its key (correctResponse), its scores (mapping), and what they
make of hoclieu's choices and answers."""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass, field

from lxml import etree

from question_bank.formats.base import Choice
from question_bank.formats.qti.spec import as_float


@dataclass
class Decl:
    """A responseDeclaration: the key (correctResponse) and the scores (mapping)."""

    ident: str
    cardinality: str = "single"
    base_type: str = ""
    correct: list[str] = field(default_factory=list)
    mapping: dict[str, float] = field(default_factory=dict)
    case_sensitive: bool | None = None
    default: float = 0.0

    @classmethod
    def read(cls, el: etree._Element) -> Decl:
        decl = cls(
            ident=el.get("identifier", ""),
            cardinality=el.get("cardinality", "single"),
            base_type=el.get("baseType", ""),
        )
        for correct in el.findall("correctResponse"):
            decl.correct += [(v.text or "").strip() for v in correct.findall("value")]
        for mapping in el.findall("mapping"):
            decl.default = as_float(mapping.get("defaultValue")) or 0.0
            flags = []
            for entry in mapping.findall("mapEntry"):
                key = (entry.get("mapKey") or "").strip()
                decl.mapping[key] = as_float(entry.get("mappedValue")) or 0.0
                flags.append(entry.get("caseSensitive", "true") != "false")
            if flags:
                decl.case_sensitive = any(flags)
        return decl

    @property
    def keyed(self) -> bool:
        return bool(self.correct) or any(v > 0 for v in self.mapping.values())


def set_keys(choices: list[Choice], decl: Decl, *, multiple: bool) -> None:
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


def text_answers(decl: Decl) -> list[Choice]:
    """The accepted answers of a text entry, with a fraction for the partly right ones."""
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
