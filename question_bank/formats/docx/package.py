"""The parts of the .docx besides the body: relationships, styles, numbering, images."""

from __future__ import annotations

import posixpath
import re

from common.safefiles import SafeZip, parse_xml, resolve_member
from question_bank.formats.base import (
    ImportRejected,
)
from question_bank.formats.docx.ooxml import BLUE, PKG_REL, RED, STRIKE, SUB, SUP, B, I, U, W

# ---------------------------------------------------------------------------------------
# Reading the package: relationships, styles, numbering, images
# ---------------------------------------------------------------------------------------


def _on(el) -> bool:
    val = el.get(W + "val")
    return val is None or val.lower() not in ("0", "false", "off", "none")


_RED_CACHE: dict[str, bool] = {}


def _is_red(val: str | None) -> bool:
    if not val:
        return False
    red = _RED_CACHE.get(val)
    if red is None:
        red = False
        if len(val) == 6:
            try:
                r, g, b = int(val[0:2], 16), int(val[2:4], 16), int(val[4:6], 16)
                red = r >= 0xC0 and g <= 0x40 and b <= 0x40
            except ValueError:
                red = False
        _RED_CACHE[val] = red
    return red


def _is_blue(val: str) -> bool:
    try:
        r, g, b = int(val[0:2], 16), int(val[2:4], 16), int(val[4:6], 16)
    except ValueError:
        return False
    return len(val) == 6 and b >= 0x99 and r <= 0x40 and g <= 0x80


def _color_bits(val: str | None) -> tuple[int, int]:
    """Red and blue text are the key marks of the mixing tools (HC-MIX: "đổi màu")."""
    if _is_red(val):
        return RED, BLUE
    if val and _is_blue(val):
        return BLUE, RED
    return 0, RED | BLUE


def _toggle(bit: int):
    return lambda el: (bit, 0) if _on(el) else (0, bit)


def _vert_align(el) -> tuple[int, int]:
    val = el.get(W + "val")
    if val == "superscript":
        return SUP, SUB
    if val == "subscript":
        return SUB, SUP
    return 0, SUB | SUP


# Run property → (bits it sets, bits it clears).
_PROPERTY_BITS = {
    W + "b": _toggle(B),
    W + "i": _toggle(I),
    W + "strike": _toggle(STRIKE),
    W + "dstrike": _toggle(STRIKE),
    W + "u": lambda el: (U, 0) if (el.get(W + "val") or "single") != "none" else (0, U),
    W + "color": lambda el: _color_bits(el.get(W + "val")),
    W + "vertAlign": _vert_align,
}


def run_masks(rpr) -> tuple[int, int, str | None]:
    """(bits set, bits cleared, character style id) of a ``w:rPr``."""
    on = off = 0
    style = None
    for c in rpr:
        if c.tag == W + "rStyle":
            style = c.get(W + "val")
            continue
        bits = _PROPERTY_BITS.get(c.tag)
        if bits is not None:
            set_bits, cleared = bits(c)
            on |= set_bits
            off |= cleared
    return on, off, style


class _Styles:
    def __init__(self, tree):
        self.defs: dict[str, tuple[str | None, int, int]] = {}
        self.resolved: dict[str, int] = {}
        self.default_para: str | None = None
        self.base = 0
        if tree is None:
            return
        root = tree.getroot()
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        if defaults is not None:
            self.base = run_masks(defaults)[0]
        for st in root.iter(W + "style"):
            sid = st.get(W + "styleId")
            if not sid:
                continue
            if st.get(W + "type") == "paragraph" and _on_attr(st.get(W + "default")):
                self.default_para = sid
            based = st.find(W + "basedOn")
            rpr = st.find(W + "rPr")
            on, off, _ = run_masks(rpr) if rpr is not None else (0, 0, None)
            self.defs[sid] = (based.get(W + "val") if based is not None else None, on, off)

    def flags(self, sid: str | None, depth: int = 0) -> int:
        if sid is None:
            return self.base
        cached = self.resolved.get(sid)
        if cached is not None:
            return cached
        spec = self.defs.get(sid)
        if spec is None or depth > 20:
            return self.base
        parent, on, off = spec
        flags = (self.flags(parent, depth + 1) & ~off) | on
        self.resolved[sid] = flags
        return flags


def _on_attr(val: str | None) -> bool:
    return val is not None and val.lower() in ("1", "true", "on")


def _alpha(n: int, upper: bool) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("A") + rem) + out
    return out if upper else out.lower()


def _roman(n: int) -> str:
    vals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def _format_number(n: int, fmt: str) -> str:
    if fmt == "upperLetter":
        return _alpha(n, True)
    if fmt == "lowerLetter":
        return _alpha(n, False)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class _Numbering:
    """Automatic list numbers ("Câu %1.", "%1.") rendered as text, like Word shows them."""

    def __init__(self, tree):
        self.abstract: dict[str, dict[int, tuple[int, str, str, int]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        if tree is None:
            return
        root = tree.getroot()
        for an in root.iter(W + "abstractNum"):
            levels = {}
            for lvl in an.iter(W + "lvl"):
                ilvl = int(lvl.get(W + "ilvl") or 0)
                start = val_int(lvl.find(W + "start"), 1)
                fmt_el = lvl.find(W + "numFmt")
                fmt = fmt_el.get(W + "val") if fmt_el is not None else "decimal"
                text_el = lvl.find(W + "lvlText")
                text = text_el.get(W + "val") if text_el is not None else ""
                rpr = lvl.find(W + "rPr")
                levels[ilvl] = (
                    start,
                    fmt or "decimal",
                    text or "",
                    run_masks(rpr)[0] if rpr is not None else 0,
                )
            self.abstract[an.get(W + "abstractNumId") or ""] = levels
        for num in root.iter(W + "num"):
            aid_el = num.find(W + "abstractNumId")
            overrides = {}
            for ov in num.iter(W + "lvlOverride"):
                so = ov.find(W + "startOverride")
                if so is not None:
                    overrides[int(ov.get(W + "ilvl") or 0)] = val_int(so, 1)
            self.nums[num.get(W + "numId") or ""] = (
                aid_el.get(W + "val") if aid_el is not None else "",
                overrides,
            )

    def label(self, num_id: str, ilvl: int) -> tuple[str | None, int]:
        spec = self.nums.get(num_id)
        if spec is None:
            return None, 0
        aid, overrides = spec
        levels = self.abstract.get(aid)
        if not levels or ilvl not in levels:
            return None, 0
        counters = self.counters.setdefault(aid, [None] * 10)
        if num_id not in self.started:
            self.started.add(num_id)
            for lv, start in overrides.items():
                if 0 <= lv < 10:
                    counters[lv] = start - 1
        start, fmt, text, masks = levels[ilvl]
        counters[ilvl] = start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = None
        if fmt in ("bullet", "none") or not text:
            return None, 0

        def repl(m):
            k = int(m.group(1)) - 1
            lv = levels.get(k)
            if lv is None:
                return ""
            value = counters[k] if counters[k] is not None else lv[0]
            return _format_number(value, lv[1])

        return re.sub(r"%(\d)", repl, text), masks


def val_int(el, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(W + "val") or default)
    except ValueError:
        return default


class Package:
    """The parts of the .docx besides the body: relationships, styles, numbering, media."""

    def __init__(self, zf: SafeZip):
        self.zf = zf
        self.rels: dict[str, tuple[str, str]] = {}
        rels_name = "word/_rels/document.xml.rels"
        if rels_name in zf:
            tree = parse_xml(zf.read(rels_name), name=rels_name)
            for rel in tree.getroot().iter(PKG_REL + "Relationship"):
                self.rels[rel.get("Id") or ""] = (
                    rel.get("Target") or "",
                    rel.get("TargetMode") or "",
                )
        self.styles = _Styles(self._tree("word/styles.xml"))
        self.numbering = _Numbering(self._tree("word/numbering.xml"))
        self.images: dict[str, tuple[str, bytes] | None] = {}
        self.names: dict[str, str] = {}

    def _tree(self, name: str):
        if name not in self.zf:
            return None
        try:
            return parse_xml(self.zf.read(name), name=name)
        except ImportRejected:
            return None

    def embedded(self, rid: str | None, *, max_bytes: int) -> bytes | None:
        """The bytes of an embedded part (an OLE object's ``.bin``), or None when it is
        missing, linked from outside the file or larger than ``max_bytes``."""
        target, mode = self.rels.get(rid or "", ("", ""))
        if not target or mode.lower() == "external":
            return None
        try:
            path = resolve_member("word/document.xml", target)
            if path not in self.zf or self.zf.size(path) > max_bytes:
                return None
            return self.zf.read(path)
        except (ImportRejected, KeyError):
            return None

    def image(self, rid: str | None) -> tuple[str, bytes] | None:
        if not rid:
            return None
        if rid in self.images:
            return self.images[rid]
        result = None
        target, mode = self.rels.get(rid, ("", ""))
        if target and mode.lower() != "external":
            try:
                path = resolve_member("word/document.xml", target)
                data = self.zf.read(path)
            except (ImportRejected, KeyError):
                data = None
            if data is not None:
                name = self.names.get(path)
                if name is None:
                    name = posixpath.basename(path) or "image"
                    if name in self.names.values():
                        stem, ext = posixpath.splitext(name)
                        name = f"{stem}_{len(self.names)}{ext}"
                    self.names[path] = name
                result = (name, data)
        self.images[rid] = result
        return result
