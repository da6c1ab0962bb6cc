"""LaTeX → Word equations (OMML, ``m:oMath``), for the LaTeX teachers type in questions.

:func:`latex_to_omml` understands letters, numbers and operators, ``^``/``_``, ``\\frac``,
``\\sqrt``, ``\\left … \\right``, Greek letters and the usual symbols, ``\\sin``
``\\log`` ``\\lim`` …, ``\\int`` ``\\sum`` with limits, accents (``\\vec``,
``\\overline``, ``\\widehat`` …), ``\\text``/``\\mathrm`` and the ``cases``/``matrix``
environments. A command it does not know is kept as literal text, so nothing is lost and
nothing raises.
"""

from __future__ import annotations

import re

from lxml import etree

from question_bank.formats.docx.chemistry import ce_latex, has_scripts, mathrm_latex
from question_bank.formats.docx.omml_symbols import (
    ACCENT_CHR,
    BLACKBOARD,
    FUNCS,
    GROUP_CHARS,
    IGNORED_CMDS,
    LATEX_CHAR,
    LIMIT_FUNCS,
    MATRIX_DELIMS,
    MATRIX_NAMES,
    NARY_CHR,
    NARY_UNDOVR,
    SPACE_CMDS,
    TEXT_CMDS,
)
from question_bank.formats.docx.ooxml import M_NS, W_NS, XML_SPACE, M

# ---------------------------------------------------------------------------------------
# LaTeX → OMML
# ---------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\\([A-Za-z]+)\*?|\\(.)|(\s+)|(.)", re.S)
_HARD_STOPS = {("ch", "}"), ("cmd", "right"), ("cmd", "end"), ("sym", "\\"), ("ch", "&")}
_RELATIONS = {"=", "<", ">", "≤", "≥", "≠", "≈", "⇒", "⇔", "≡", ","}


def latex_to_omml(latex: str):
    """An ``m:oMath`` element for ``latex`` (without ``\\(``/``\\)`` delimiters)."""
    root = etree.Element(M + "oMath", nsmap={"m": M_NS, "w": W_NS})
    try:
        parser = _LatexParser(latex or "")
        items = parser.parse_seq(lambda tok: False)
        _emit(root, items)
    except Exception:  # never crash: keep the source as text
        for child in list(root):
            root.remove(child)
        _emit(root, [("t", None, latex or "")])
    return root


def _el(name: str, parent=None, **attrs):
    el = etree.Element(M + name) if parent is None else etree.SubElement(parent, M + name)
    for key, val in attrs.items():
        el.set(M + key, val)
    return el


def _run(parent, text: str, style: str | None) -> None:
    r = _el("r", parent)
    if style and style != "raw":
        rpr = _el("rPr", r)
        if style == "nor":
            _el("nor", rpr)
        elif style == "bb":
            _el("scr", rpr, val="double-struck")
            _el("sty", rpr, val="p")
        else:
            _el("sty", rpr, val=style)
    t = _el("t", r)
    t.text = text
    if text != text.strip() or "  " in text:
        t.set(XML_SPACE, "preserve")


def _emit(parent, items) -> None:
    buf: list[str] = []
    style: str | None = None

    def flush():
        if buf:
            _run(parent, "".join(buf), style)
            buf.clear()

    for item in items:
        if isinstance(item, tuple):
            if item[0] == "t":
                if item[1] != style:
                    flush()
                    style = item[1]
                buf.append(item[2])
            else:  # group
                flush()
                _emit(parent, item[1])
        else:
            flush()
            parent.append(item)
    flush()


def _container(parent, name: str, items) -> None:
    _emit(_el(name, parent), items)


class _LatexParser:
    def __init__(self, latex: str):
        self.toks: list[tuple[str, str]] = []
        for m in _TOKEN.finditer(latex):
            if m.group(1) is not None:
                self.toks.append(("cmd", m.group(1)))
            elif m.group(2) is not None:
                self.toks.append(("sym", m.group(2)))
            elif m.group(3) is not None:
                self.toks.append(("ws", m.group(3)))
            else:
                self.toks.append(("ch", m.group(4)))
        self.pos = 0

    # -- token access ------------------------------------------------------------------
    def peek(self):
        while self.pos < len(self.toks) and self.toks[self.pos][0] == "ws":
            self.pos += 1
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def take(self):
        tok = self.peek()
        if tok is not None:
            self.pos += 1
        return tok

    def raw_group(self) -> str:
        """The source text of a ``{…}`` argument (for \\text, \\begin …)."""
        tok = self.peek()
        if tok != ("ch", "{"):
            tok = self.take()
            if tok is None:
                return ""
            return tok[1] if tok[0] != "cmd" else "\\" + tok[1]
        self.pos += 1
        depth = 0
        out = []
        while self.pos < len(self.toks):
            kind, val = self.toks[self.pos]
            self.pos += 1
            if kind == "ch" and val == "{":
                depth += 1
            elif kind == "ch" and val == "}":
                if depth == 0:
                    break
                depth -= 1
            if kind == "cmd":
                out.append("\\" + val)
            elif kind == "sym":
                out.append(val if val in "{}%#$&_ " else "\\" + val)
            else:
                out.append(val)
        return "".join(out)

    # -- sequences -----------------------------------------------------------------------
    def parse_seq(self, stop) -> list:
        items: list = []
        while True:
            tok = self.peek()
            if tok is None or stop(tok):
                break
            if tok == ("ch", "}"):  # stray closing brace
                self.pos += 1
                continue
            self.atom(items)
        return items

    def group(self) -> list:
        """After ``{``: items up to the matching ``}`` (consumed)."""
        items = self.parse_seq(lambda tok: tok == ("ch", "}"))
        if self.peek() == ("ch", "}"):
            self.pos += 1
        return items

    def arg(self) -> list:
        tok = self.peek()
        if tok is None:
            return []
        if tok == ("ch", "{"):
            self.pos += 1
            return self.group()
        items: list = []
        self.atom(items)
        return items

    def optional_bracket(self) -> list | None:
        if self.peek() != ("ch", "["):
            return None
        self.pos += 1
        items = self.parse_seq(lambda tok: tok in (("ch", "]"), ("ch", "}")))
        if self.peek() == ("ch", "]"):
            self.pos += 1
        return items

    def atom(self, items: list) -> None:
        tok = self.take()
        if tok is None:
            return
        kind, val = tok
        if kind == "ch":
            self.char(val, items)
        elif kind == "sym":
            self.symbol(val, items)
        else:
            self.command(val, items)

    def char(self, val: str, items: list) -> None:
        if val == "{":
            items.append(("g", self.group()))
        elif val in "^_":
            self.script(items, val)
        else:
            items.append(("t", None, {"'": "′", "~": "\u00a0"}.get(val, val)))

    @staticmethod
    def symbol(val: str, items: list) -> None:
        """An escaped character: ``\\,`` and other spaces, ``\\|``, ``\\{`` …"""
        if val in SPACE_CMDS:
            items.append(("t", None, SPACE_CMDS[val]))
        elif val not in ("!", "\\", "/"):
            items.append(("t", None, "‖" if val == "|" else val))

    def script(self, items: list, kind: str) -> None:
        base = items.pop() if items else ("g", [])
        first = self.arg()
        other = "^" if kind == "_" else "_"
        second = None
        if self.peek() == ("ch", other):
            self.pos += 1
            second = self.arg()
        sub, sup = (first, second) if kind == "_" else (second, first)
        items.append(_scripted(base, sub, sup))

    # -- commands --------------------------------------------------------------------------
    def command(self, name: str, items: list) -> None:
        if name in FUNCS:
            self.function(name, items)
        elif name in NARY_CHR:
            self.nary(name, items)
        elif name in LATEX_CHAR:
            items.append(("t", None, LATEX_CHAR[name]))
        elif name in _COMMANDS:
            _COMMANDS[name](self, name, items)
        elif name not in IGNORED_CMDS:
            self.unknown(name, items)

    def unknown(self, name: str, items: list) -> None:
        """Keep an unknown command and its braced arguments literally (a "raw" run that
        omml_to_latex copies back verbatim), so the teacher sees it and nothing is lost."""
        raw = "\\" + name
        while self.peek() == ("ch", "{"):
            raw += "{" + self.raw_group() + "}"
        items.append(("t", "raw", raw + " "))

    def fraction(self, name: str, items: list) -> None:
        f = _el("f")
        _container(f, "num", self.arg())
        _container(f, "den", self.arg())
        items.append(f)

    def binomial(self, name: str, items: list) -> None:
        d = _el("d")
        pr = _el("dPr", d)
        _el("begChr", pr, val="(")
        _el("endChr", pr, val=")")
        e = _el("e", d)
        f = _el("f", e)
        _el("type", _el("fPr", f), val="noBar")
        _container(f, "num", self.arg())
        _container(f, "den", self.arg())
        items.append(d)

    def root(self, name: str, items: list) -> None:
        deg = self.optional_bracket()
        rad = _el("rad")
        pr = _el("radPr", rad)
        if not deg:
            _el("degHide", pr, val="1")
        _container(rad, "deg", deg or [])
        _container(rad, "e", self.arg())
        items.append(rad)

    def left(self, name: str, items: list) -> None:
        beg = self.delimiter()
        inner = self.parse_seq(lambda tok: tok == ("cmd", "right"))
        end = ""
        if self.peek() == ("cmd", "right"):
            self.pos += 1
            end = self.delimiter()
        items.append(_delim(beg, end, [inner]))

    def begin(self, name: str, items: list) -> None:
        self.environment(self.raw_group().strip(), items)

    def text(self, name: str, items: list) -> None:
        """``\\text``, ``\\mathrm``, ``\\mathbf``, ``\\mathbb`` …: their argument as styled text."""
        style = TEXT_CMDS[name]
        if style is None:
            items.extend(self.arg())
            return
        raw = self.raw_group()
        if name == "mathrm" and has_scripts(raw):  # \mathrm{H_2SO_4}: chemistry
            items.extend(_parse(mathrm_latex(raw)))
        elif style == "bb":
            items.append(("t", None, _bb(raw)))
        elif style == "nor":
            items.append(("t", "nor", raw))
        else:
            items.append(("t", style, raw.replace(" ", "")))

    def chemistry(self, name: str, items: list) -> None:
        """``\\ce{…}`` (mhchem): species upright with real subscripts, arrows as symbols."""
        items.extend(_parse(ce_latex(self.raw_group())))

    def bar(self, name: str, items: list) -> None:
        bar = _el("bar")
        _el("pos", _el("barPr", bar), val="top" if name == "overline" else "bot")
        _container(bar, "e", self.arg())
        items.append(bar)

    def accent(self, name: str, items: list) -> None:
        acc = _el("acc")
        _el("chr", _el("accPr", acc), val=ACCENT_CHR[name])
        _container(acc, "e", self.arg())
        items.append(acc)

    def group_char(self, name: str, items: list) -> None:
        chr_, pos = GROUP_CHARS[name]
        g = _el("groupChr")
        pr = _el("groupChrPr", g)
        _el("chr", pr, val=chr_)
        _el("pos", pr, val=pos)
        _el("vertJc", pr, val="bot" if pos == "top" else "top")
        _container(g, "e", self.arg())
        items.append(g)

    def stacked(self, name: str, items: list) -> None:
        top = self.arg()
        body = self.arg()
        el = _el("limUpp" if name != "underset" else "limLow")
        _container(el, "e", body)
        _container(el, "lim", top)
        items.append(el)

    @staticmethod
    def quad(name: str, items: list) -> None:
        items.append(("t", None, "\u2003" if name == "quad" else "\u2003\u2003"))

    def negation(self, name: str, items: list) -> None:
        nxt = self.take()
        negated = {"=": "≠", "in": "∉", "subset": "⊄", "exists": "∄"}
        key = nxt[1] if nxt else ""
        items.append(("t", None, negated.get(key, "̸" + (LATEX_CHAR.get(key, key)))))

    def delimiter(self) -> str:
        tok = self.take()
        if tok is None:
            return ""
        kind, val = tok
        if kind == "ch":
            return "" if val == "." else val
        if kind == "sym":
            return "‖" if val == "|" else val
        return {
            "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈",
            "rceil": "⌉", "vert": "|", "lvert": "|", "rvert": "|", "Vert": "‖",
            "lVert": "‖", "rVert": "‖", "lbrace": "{", "rbrace": "}",
        }.get(val, "")  # fmt: skip

    def limits(self) -> tuple[list | None, list | None]:
        """The ``_{…}`` and ``^{…}`` after an operator, in either order (``\\limits`` skipped)."""
        sub = sup = None
        while True:
            tok = self.peek()
            if tok == ("ch", "_") and sub is None:
                self.pos += 1
                sub = self.arg()
            elif tok == ("ch", "^") and sup is None:
                self.pos += 1
                sup = self.arg()
            elif tok in (("cmd", "limits"), ("cmd", "nolimits")):
                self.pos += 1
            else:
                return sub, sup

    def function(self, name: str, items: list) -> None:
        sub, sup = self.limits()
        name_item = ("t", "p", name)
        if name in LIMIT_FUNCS and sub is not None:
            low = _el("limLow")
            _container(low, "e", [name_item])
            _container(low, "lim", sub)
            fname_items: list = [low]
            if sup is not None:
                fname_items = [_scripted(("g", fname_items), None, sup)]
        elif sub is not None or sup is not None:
            fname_items = [_scripted(name_item, sub, sup)]
        else:
            fname_items = [name_item]
        func = _el("func")
        _container(func, "fName", fname_items)
        _container(func, "e", self.func_arg())
        items.append(func)

    def func_arg(self) -> list:
        """The argument of ``\\sin`` …: a group, a parenthesis, a word or one command."""
        tok = self.peek()
        out: list = []
        if tok is None or tok in _HARD_STOPS:
            return out
        kind, val = tok
        if tok == ("ch", "{"):
            self.pos += 1
            out.append(("g", self.group()))
        elif tok == ("ch", "("):
            self.parenthesis(out)
        elif kind == "ch" and val.isalnum():
            self.word(out)
        elif kind == "cmd" and val not in ("right", "end"):
            self.atom(out)
        while self.peek() in (("ch", "^"), ("ch", "_")) and out:
            self.atom(out)
        return out

    def parenthesis(self, out: list) -> None:
        """From ``(`` to its matching ``)``, both included."""
        depth = 0
        while True:
            tok = self.peek()
            if tok is None or tok in _HARD_STOPS:
                break
            if tok == ("ch", "("):
                depth += 1
            elif tok == ("ch", ")"):
                depth -= 1
            self.atom(out)
            if depth <= 0:
                break

    def word(self, out: list) -> None:
        """Letters and digits up to the first other token."""
        while True:
            tok = self.peek()
            if tok is None or tok[0] != "ch" or not tok[1].isalnum():
                break
            self.pos += 1
            out.append(("t", None, tok[1]))

    def nary(self, name: str, items: list) -> None:
        sub, sup = self.limits()
        body = self.parse_seq(_ends_nary_body)
        nary = _el("nary")
        pr = _el("naryPr", nary)
        _el("chr", pr, val=NARY_CHR[name])
        _el("limLoc", pr, val="undOvr" if name in NARY_UNDOVR else "subSup")
        if not sub:
            _el("subHide", pr, val="1")
        if not sup:
            _el("supHide", pr, val="1")
        _container(nary, "sub", sub or [])
        _container(nary, "sup", sup or [])
        _container(nary, "e", body)
        items.append(nary)

    def environment(self, env: str, items: list) -> None:
        if env == "array" and self.peek() == ("ch", "{"):
            self.raw_group()  # column specification
        matrix = env in MATRIX_NAMES
        rows = self.rows(env, cells=matrix)
        if matrix:
            m = _matrix(rows)
            items.append(_delim(*MATRIX_DELIMS[env], [[m]]) if env in MATRIX_DELIMS else m)
            return
        arr = _el("eqArr")
        for row in rows:
            _container(arr, "e", row[0])
        if env in ("cases", "dcases", "rcases"):
            items.append(_delim("{", "", [[arr]]))
        else:
            items.append(arr)

    def rows(self, env: str, *, cells: bool) -> list[list[list]]:
        def stop(tok):
            if tok in (("sym", "\\"), ("cmd", "end")):
                return True
            return cells and tok == ("ch", "&")

        rows: list[list[list]] = []
        row: list[list] = []
        while True:
            cell = self.parse_seq(stop)
            row.append(cell)
            tok = self.take()
            if tok == ("ch", "&"):
                continue
            if tok == ("sym", "\\"):
                rows.append(row)
                row = []
                continue
            if tok == ("cmd", "end"):
                self.raw_group()
            break
        if row and (len(row) > 1 or row[0]):
            rows.append(row)
        return rows or [[[]]]


def _scripted(base, sub, sup):
    if sub is not None and sup is not None:
        el = _el("sSubSup")
    elif sub is not None:
        el = _el("sSub")
    else:
        el = _el("sSup")
    _container(el, "e", [base])
    if sub is not None:
        _container(el, "sub", sub)
    if sup is not None:
        _container(el, "sup", sup)
    return el


def _delim(beg: str, end: str, parts: list[list]):
    d = _el("d")
    pr = _el("dPr", d)
    _el("begChr", pr, val=beg)
    _el("endChr", pr, val=end)
    for part in parts:
        _container(d, "e", part)
    return d


def _bb(raw: str) -> str:
    reverse = {letter: ch for ch, letter in BLACKBOARD.items()}
    return "".join(reverse.get(c, c) for c in raw.strip())


_COMMANDS = {
    **dict.fromkeys(("frac", "dfrac", "tfrac", "cfrac"), _LatexParser.fraction),
    **dict.fromkeys(("binom", "dbinom", "tbinom"), _LatexParser.binomial),
    "sqrt": _LatexParser.root,
    "left": _LatexParser.left,
    "right": lambda parser, name, items: parser.delimiter(),
    "begin": _LatexParser.begin,
    "end": lambda parser, name, items: parser.raw_group(),
    **dict.fromkeys(TEXT_CMDS, _LatexParser.text),
    "overline": _LatexParser.bar,
    "underline": _LatexParser.bar,
    **dict.fromkeys(ACCENT_CHR, _LatexParser.accent),
    **dict.fromkeys(GROUP_CHARS, _LatexParser.group_char),
    **dict.fromkeys(("overset", "stackrel", "underset"), _LatexParser.stacked),
    "quad": lambda parser, name, items: _LatexParser.quad(name, items),
    "qquad": lambda parser, name, items: _LatexParser.quad(name, items),
    "not": _LatexParser.negation,
    "ce": _LatexParser.chemistry,
}


def _parse(latex: str) -> list:
    """The items of a whole LaTeX string (for rewritten chemistry)."""
    return _LatexParser(latex).parse_seq(lambda tok: False)


def _ends_nary_body(tok) -> bool:
    """A sum's or an integral's body runs up to a relation (``=``, ``<`` …) or a hard stop."""
    if tok in _HARD_STOPS:
        return True
    if tok[0] == "ch" and tok[1] in _RELATIONS:
        return True
    return tok[0] == "cmd" and LATEX_CHAR.get(tok[1]) in _RELATIONS


def _matrix(rows: list[list[list]]):
    m = _el("m")
    ncols = max((len(r) for r in rows), default=1)
    mpr = _el("mPr", m)
    mc = _el("mc", _el("mcs", mpr))
    mcpr = _el("mcPr", mc)
    _el("count", mcpr, val=str(ncols))
    _el("mcJc", mcpr, val="center")
    for row in rows:
        mr = _el("mr", m)
        for cell in row + [[]] * (ncols - len(row)):
            _container(mr, "e", cell)
    return m
