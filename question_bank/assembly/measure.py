"""The printed width of a short piece of question HTML (an option), text and math included.

Vietnamese papers put the four options of a question on one line when each fits a quarter
of it, on two lines when each fits half, else one per line. Counting characters gets this
wrong both ways: ``\\(\\dfrac{1}{2}\\)`` is short although its LaTeX is long, and
``\\(R = \\dfrac{U^2}{P} + 12\\)`` is wide although it has few letters. So the width is
measured with the fonts the paper prints in: text with Tinos (Times New Roman's metrics,
vendored under ``static/vendor/fonts/tinos``), math with KaTeX's own fonts, laid out by a
small model of TeX's inline math (scripts, fractions, roots, spacing around operators and
relations). Both the PDF (as a first guess, which the browser then refines by measuring
the typeset page) and the Word paper (Word has no layout step we can ask) use it.

Widths are in points; when a font file cannot be found the width falls back to an average
character width, so a missing static file never breaks a paper.
"""

from __future__ import annotations

import html as html_lib
import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

from question_bank.html import plain_text

__all__ = [
    "FONT_SUBSETS",
    "latex_width_em",
    "option_width_pt",
    "text_width_pt",
]

# Tinos has Times New Roman's metrics; these subsets cover Vietnamese (unicode ranges as
# published by Fontsource, so the browser fetches only the files a page needs).
FONT_SUBSETS = {
    "latin": "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,"
    "U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
    "latin-ext": "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,"
    "U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,"
    "U+2C60-2C7F,U+A720-A7FF",
    "vietnamese": "U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,"
    "U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB",
}
_UNITS = 1000  # fonts are loaded at 1000 px: a length in px is a width in thousandths of an em
_FALLBACK_EM = 0.5  # an average character when no font file answers
_MATH_BLOCK = re.compile(r"\\\((.+?)\\\)", re.S)
_HTML_BOLD = re.compile(r"<(b|strong)\b[^>]*>(.*?)</\1>", re.S | re.I)


# -- fonts -----------------------------------------------------------------------------------
@lru_cache(maxsize=32)
def _font(static_path: str):
    """A Pillow font from the static files, or None when the file or Pillow is missing."""
    try:
        from PIL import ImageFont
    except ImportError:  # pragma: no cover - Pillow is a dependency (images)
        return None
    path = finders.find(static_path)
    if isinstance(path, list):
        path = path[0] if path else None
    if not path and settings.STATIC_ROOT and (Path(settings.STATIC_ROOT) / static_path).is_file():
        path = Path(settings.STATIC_ROOT) / static_path
    if not path:
        return None
    try:
        return ImageFont.truetype(path, _UNITS)
    except OSError:
        return None


def _ranges(spec: str) -> list[tuple[int, int]]:
    out = []
    for part in spec.split(","):
        low, _, high = part.removeprefix("U+").partition("-")
        out.append((int(low, 16), int(high or low, 16)))
    return out


_SUBSET_RANGES = [(name, _ranges(spec)) for name, spec in FONT_SUBSETS.items()]


def _subset(char: str) -> str | None:
    code = ord(char)
    for name, ranges in _SUBSET_RANGES:
        if any(low <= code <= high for low, high in ranges):
            return name
    return None


def _runs(text: str) -> list[tuple[str | None, str]]:
    """``text`` cut into runs printed from one font subset file."""
    runs: list[tuple[str | None, str]] = []
    for char in text:
        name = _subset(char)
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + char)
        else:
            runs.append((name, char))
    return runs


@lru_cache(maxsize=4096)
def text_width_pt(text: str, *, size_pt: float = 12.0, bold: bool = False) -> float:
    """The width of ``text`` set in Tinos at ``size_pt`` (regular or bold)."""
    weight = 700 if bold else 400
    total = 0.0
    for name, run in _runs(text):
        font = _font(f"vendor/fonts/tinos/tinos-{name}-{weight}-normal.woff2") if name else None
        if font is None:
            total += _FALLBACK_EM * len(run)
        else:
            total += font.getlength(run) / _UNITS
    return total * size_pt


# -- math ------------------------------------------------------------------------------------
_KATEX = "vendor/katex/fonts/KaTeX_{}.ttf"
_SCRIPT = 0.7  # KaTeX's script size against its text size
_THIN, _MED, _THICK = 3 / 18, 4 / 18, 5 / 18  # TeX's \, \: \; in em
_NULL_DELIMITER = 0.12  # each side of a fraction
_SCRIPT_SPACE = 0.05

# Commands typeset as one symbol: (character, font, kind). Kinds follow TeX's atom classes.
_GREEK = ["alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta",
          "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "varpi", "rho", "varrho",
          "sigma", "varsigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega"]  # fmt: skip
_CAPITAL_GREEK = ["Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi",
                  "Omega"]  # fmt: skip
_SYMBOLS: dict[str, tuple[str, str, str]] = {
    **{
        name: (char, "Math-Italic", "ord")
        for name, char in zip(_GREEK, "αβγδϵεζηθϑικλμνξπϖρϱσςτυϕφχψω", strict=True)
    },
    **{
        name: (char, "Main-Regular", "ord")
        for name, char in zip(_CAPITAL_GREEK, "ΓΔΘΛΞΠΣΥΦΨΩ", strict=True)
    },
    "infty": ("∞", "Main-Regular", "ord"),
    "emptyset": ("∅", "Main-Regular", "ord"),
    "varnothing": ("∅", "AMS-Regular", "ord"),
    "partial": ("∂", "Main-Regular", "ord"),
    "nabla": ("∇", "Main-Regular", "ord"),
    "forall": ("∀", "Main-Regular", "ord"),
    "exists": ("∃", "Main-Regular", "ord"),
    "angle": ("∠", "Main-Regular", "ord"),
    "triangle": ("△", "Main-Regular", "ord"),
    "perp": ("⊥", "Main-Regular", "rel"),
    "parallel": ("∥", "Main-Regular", "rel"),
    "prime": ("′", "Main-Regular", "ord"),
    "circ": ("∘", "Main-Regular", "bin"),
    "degree": ("°", "Main-Regular", "ord"),
    "ldots": ("…", "Main-Regular", "inner"),
    "cdots": ("⋯", "Main-Regular", "inner"),
    "dots": ("…", "Main-Regular", "inner"),
    "cdot": ("⋅", "Main-Regular", "bin"),
    "times": ("×", "Main-Regular", "bin"),
    "div": ("÷", "Main-Regular", "bin"),
    "pm": ("±", "Main-Regular", "bin"),
    "mp": ("∓", "Main-Regular", "bin"),
    "cup": ("∪", "Main-Regular", "bin"),
    "cap": ("∩", "Main-Regular", "bin"),
    "setminus": ("∖", "Main-Regular", "bin"),
    "le": ("≤", "Main-Regular", "rel"),
    "leq": ("≤", "Main-Regular", "rel"),
    "leqslant": ("⩽", "AMS-Regular", "rel"),
    "ge": ("≥", "Main-Regular", "rel"),
    "geq": ("≥", "Main-Regular", "rel"),
    "geqslant": ("⩾", "AMS-Regular", "rel"),
    "ne": ("≠", "Main-Regular", "rel"),
    "neq": ("≠", "Main-Regular", "rel"),
    "approx": ("≈", "Main-Regular", "rel"),
    "equiv": ("≡", "Main-Regular", "rel"),
    "sim": ("∼", "Main-Regular", "rel"),
    "in": ("∈", "Main-Regular", "rel"),
    "notin": ("∉", "Main-Regular", "rel"),
    "subset": ("⊂", "Main-Regular", "rel"),
    "subseteq": ("⊆", "Main-Regular", "rel"),
    "to": ("→", "Main-Regular", "rel"),
    "rightarrow": ("→", "Main-Regular", "rel"),
    "leftarrow": ("←", "Main-Regular", "rel"),
    "Rightarrow": ("⇒", "Main-Regular", "rel"),
    "Leftrightarrow": ("⇔", "Main-Regular", "rel"),
    "rightleftharpoons": ("⇌", "AMS-Regular", "rel"),
    "mid": ("∣", "Main-Regular", "rel"),
    "int": ("∫", "Size1-Regular", "op"),
    "oint": ("∮", "Size1-Regular", "op"),
    "sum": ("∑", "Size1-Regular", "op"),
    "prod": ("∏", "Size1-Regular", "op"),
    "lbrace": ("{", "Main-Regular", "open"),
    "rbrace": ("}", "Main-Regular", "close"),
    "{": ("{", "Main-Regular", "open"),
    "}": ("}", "Main-Regular", "close"),
    "langle": ("⟨", "Main-Regular", "open"),
    "rangle": ("⟩", "Main-Regular", "close"),
    "lvert": ("∣", "Main-Regular", "open"),
    "rvert": ("∣", "Main-Regular", "close"),
    "vert": ("∣", "Main-Regular", "ord"),
    "|": ("∥", "Main-Regular", "ord"),
    "%": ("%", "Main-Regular", "ord"),
    "#": ("#", "Main-Regular", "ord"),
    "&": ("&", "Main-Regular", "ord"),
    "_": ("_", "Main-Regular", "ord"),
}
_OPERATOR_NAMES = {"sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh",
                   "cosh", "tanh", "log", "ln", "lg", "exp", "lim", "max", "min", "sup", "inf",
                   "det", "gcd", "deg", "dim", "ker", "arg"}  # fmt: skip
_SPACES = {",": _THIN, ":": _MED, ">": _MED, ";": _THICK, "!": -_THIN, " ": 0.25,
           "quad": 1.0, "qquad": 2.0, "enspace": 0.5, "thinspace": _THIN}  # fmt: skip
_TEXT_COMMANDS = {"text", "textrm", "textit", "textbf", "mbox", "textnormal"}
_UPRIGHT_COMMANDS = {"mathrm", "mathbf", "operatorname", "mathsf", "mathtt", "rm", "bf"}
_ACCENTS = {"vec", "hat", "bar", "tilde", "dot", "ddot", "widehat", "widetilde", "check"}
_WIDE_ACCENTS = {"overline", "underline", "overrightarrow", "overleftarrow", "overbrace",
                 "underbrace"}  # fmt: skip
_IGNORED = {"displaystyle", "textstyle", "scriptstyle", "limits", "nolimits", "left", "right",
            "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "color", "mathstrut",
            "strut", "boldsymbol", "bm", "mathit", "mathnormal"}  # fmt: skip
_CHAR_KINDS = {
    "+": "bin",
    "-": "bin",
    "*": "bin",
    "=": "rel",
    "<": "rel",
    ">": "rel",
    ":": "rel",
    ",": "punct",
    ";": "punct",
    "(": "open",
    "[": "open",
    ")": "close",
    "]": "close",
    "!": "close",
    "?": "close",
}
_CHAR_GLYPH = {"-": "−", "*": "∗", "'": "′"}
#: Space between neighbouring atoms (TeX's table, text style); script styles keep only thin ones.
_SPACING = {
    ("ord", "op"): _THIN,
    ("op", "ord"): _THIN,
    ("op", "op"): _THIN,
    ("close", "op"): _THIN,
    ("inner", "op"): _THIN,
    ("ord", "inner"): _THIN,
    ("inner", "ord"): _THIN,
    ("punct", "ord"): _THIN,
    ("punct", "op"): _THIN,
    ("punct", "open"): _THIN,
    ("punct", "close"): _THIN,
    ("punct", "punct"): _THIN,
    ("punct", "inner"): _THIN,
    ("punct", "rel"): _THIN,
}
for _left in ("ord", "op", "close", "inner"):
    _SPACING[(_left, "bin")] = _MED
    _SPACING[(_left, "rel")] = _THICK
for _right in ("ord", "op", "open", "inner"):
    _SPACING[("bin", _right)] = _MED
    _SPACING[("rel", _right)] = _THICK
_SCRIPT_KEEPS = {k for k, v in _SPACING.items() if v == _THIN and "punct" not in k}
_TOKEN = re.compile(r"\\[a-zA-Z]+\*?|\\.|\s+|.", re.S)


@lru_cache(maxsize=2048)
def _glyphs_em(text: str, font: str) -> float:
    loaded = _font(_KATEX.format(font))
    if loaded is None:
        return _FALLBACK_EM * len(text)
    return loaded.getlength(text) / _UNITS


def _text_em(text: str) -> float:
    """\\text{…} inside math: Latin in KaTeX's roman font, the rest (Vietnamese) in Tinos."""
    width = 0.0
    for char in text:
        if _font(_KATEX.format("Main-Regular")) is not None and ord(char) < 0x250:
            width += _glyphs_em(char, "Main-Regular")
        else:
            width += text_width_pt(char, size_pt=1.0)
    return width


class _Math:
    """A width model of KaTeX's inline math: atoms with TeX's classes and the spaces between.

    It reads the LaTeX of one formula, keeps no tree, and errs on the wide side where it
    must guess (an unknown command counts as one wide symbol).
    """

    def __init__(self, latex: str):
        self.tokens = [t for t in _TOKEN.findall(latex) if t]
        self.pos = 0

    # -- reading ---------------------------------------------------------------------------------
    def peek(self) -> str | None:
        while self.pos < len(self.tokens) and self.tokens[self.pos].isspace():
            self.pos += 1
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str | None:
        tok = self.peek()
        if tok is not None:
            self.pos += 1
        return tok

    def raw_group(self) -> str:
        """The source of the next ``{…}`` group (or the next tok) without reading it."""
        if self.peek() != "{":
            return self.take() or ""
        self.take()
        depth, out = 1, []
        while self.pos < len(self.tokens):
            tok = self.tokens[self.pos]
            self.pos += 1
            if tok == "{":
                depth += 1
            elif tok == "}":
                depth -= 1
                if depth == 0:
                    break
            out.append(tok)
        return "".join(out)

    def optional(self) -> str:
        if self.peek() != "[":
            return ""
        self.take()
        out = []
        while (tok := self.take()) not in (None, "]"):
            out.append(tok)
        return "".join(out)

    # -- widths ----------------------------------------------------------------------------------
    def arg(self, scale: float, display: bool, upright: bool = False) -> float:
        return _Math(self.raw_group()).width(scale, display, upright)

    def width(self, scale: float = 1.0, display: bool = False, upright: bool = False) -> float:
        """The width in em of what is left to read, at ``scale`` (1, 0.7, 0.5)."""
        total, previous = 0.0, None
        while (atom := self.atom(scale, display, upright)) is not None:
            width, kind = atom
            if kind == "style":
                display = True
                continue
            if kind == "space":
                total += width
                continue
            if kind == "bin" and previous in (None, "bin", "rel", "open", "punct"):
                kind = "ord"  # a unary minus: no space around it
            if previous is not None:
                space = _SPACING.get((previous, kind), 0.0)
                if scale == 1.0 or (previous, kind) in _SCRIPT_KEEPS:
                    total += space * scale
            if kind == "op" and self.peek() == "\\limits":
                self.take()  # limits under the operator: the wider of the two
                total += max(width, self.scripts(scale, display))
            else:
                total += width + self.scripts(scale, display)
            previous = kind
        return total

    def scripts(self, scale: float, display: bool) -> float:
        """Superscript and subscript after an atom: the wider of the two."""
        sup = sub = 0.0
        while self.peek() in ("^", "_", "'"):
            tok = self.take()
            if tok == "'":
                sup = max(sup, _glyphs_em("′", "Main-Regular") * scale * _SCRIPT)
                continue
            width = self.arg(max(0.5, scale * _SCRIPT), False) + _SCRIPT_SPACE * scale
            if tok == "^":
                sup = max(sup, width)
            else:
                sub = max(sub, width)
        return max(sup, sub)

    def atom(self, scale: float, display: bool, upright: bool) -> tuple[float, str] | None:
        tok = self.take()
        if tok is None or tok == "}":
            return None
        if tok == "{":
            self.pos -= 1
            return self.arg(scale, display, upright), "ord"
        if tok.startswith("\\"):
            return self.command(tok[1:], scale, display, upright)
        if tok in "^_":  # a script with no base
            self.pos -= 1
            return 0.0, "ord"
        if tok == "~":
            return _SPACES[" "] * 1.3 * scale, "space"
        if tok == "&":
            return 1.0 * scale, "ord"
        if not tok.isascii():
            return _text_em(tok) * scale, "ord"
        italic = tok.isalpha() and not upright  # letters are variables: math italic
        font = "Math-Italic" if italic else "Main-Regular"
        return _glyphs_em(_CHAR_GLYPH.get(tok, tok), font) * scale, _CHAR_KINDS.get(tok, "ord")

    def command(self, name: str, scale: float, display: bool, upright: bool):
        """Width and kind of ``\\name`` with the arguments it reads: the first group of
        :data:`_COMMANDS` naming it decides; an unknown command is one wide symbol."""
        for names, handler in _COMMANDS:
            if name in names:
                return handler(self, name, scale, display, upright)
        return 0.8 * scale, "ord"

    # One handler per group of commands, each (name, scale, display, upright) → (width, kind).
    def _space(self, name, scale, display, upright):
        return _SPACES[name] * scale, "space"

    def _style(self, name, scale, display, upright):
        return 0.0, "style"

    def _ignored(self, name, scale, display, upright):
        if name == "color":
            self.raw_group()
        return 0.0, "space"

    def _fraction(self, name, scale, display, upright):
        inner = scale if name in ("dfrac", "cfrac", "dbinom") or display else scale * _SCRIPT
        inner = max(inner, 0.5)
        numerator = self.arg(inner, False)
        denominator = self.arg(inner, False)
        extra = 0.8 * scale if "binom" in name else 0.0
        return max(numerator, denominator) + 2 * _NULL_DELIMITER * scale + extra, "ord"

    def _sqrt(self, name, scale, display, upright):
        index = self.optional()
        body = self.arg(scale, display)
        index_w = _Math(index).width(0.5) if index else 0.0
        return body + 0.85 * scale + max(0.0, index_w - 0.3 * scale), "ord"

    def _text(self, name, scale, display, upright):
        return _text_em(self.raw_group()) * scale, "ord"

    def _upright(self, name, scale, display, upright):
        return self.arg(scale, display, upright=True), "op" if name == "operatorname" else "ord"

    def _blackboard(self, name, scale, display, upright):
        letters = self.raw_group()
        return _glyphs_em(letters, "AMS-Regular") * scale, "ord"

    def _chemistry(self, name, scale, display, upright):
        return _ce_em(self.raw_group()) * scale, "ord"

    def _accent(self, name, scale, display, upright):
        return self.arg(scale, display, upright), "ord"

    def _wide_accent(self, name, scale, display, upright):
        return self.arg(scale, display, upright) + 0.1 * scale, "ord"

    def _operator_name(self, name, scale, display, upright):
        return _glyphs_em(name, "Main-Regular") * scale, "op"

    def _begin(self, name, scale, display, upright):
        return self.environment(self.raw_group(), scale), "ord"

    def _symbol(self, name, scale, display, upright):
        char, font, kind = _SYMBOLS[name]
        width = _glyphs_em(char, font)
        if kind == "op" and display:
            width *= 1.4  # display-size operators
        return width * scale, kind

    def environment(self, name: str, scale: float) -> float:
        """A matrix or cases block: its widest row, cells side by side, plus the brackets."""
        body, depth = [], 1
        while (tok := self.take()) is not None:
            if tok == "\\begin":
                depth += 1
            elif tok == "\\end":
                depth -= 1
                if depth == 0:
                    self.raw_group()
                    break
            body.append(tok)
        rows = "".join(body).split("\\\\")
        widest = max((_Math(row.replace("&", r"\quad ")).width(scale) for row in rows), default=0)
        return widest + 1.0 * scale


# Command groups in order of precedence (``displaystyle`` is also in ``_IGNORED``).
_COMMANDS = (
    (_SPACES, _Math._space),
    ({"displaystyle"}, _Math._style),
    (_IGNORED, _Math._ignored),
    ({"frac", "dfrac", "tfrac", "cfrac", "binom", "dbinom"}, _Math._fraction),
    ({"sqrt"}, _Math._sqrt),
    (_TEXT_COMMANDS, _Math._text),
    (_UPRIGHT_COMMANDS, _Math._upright),
    ({"mathbb"}, _Math._blackboard),
    ({"ce", "pu"}, _Math._chemistry),
    (_ACCENTS, _Math._accent),
    (_WIDE_ACCENTS, _Math._wide_accent),
    (_OPERATOR_NAMES, _Math._operator_name),
    ({"begin"}, _Math._begin),
    (_SYMBOLS, _Math._symbol),
)


_CE_PART = re.compile(r"<=>|<->|->|<-|\^\{[^{}]*\}|\^[0-9]*[+-]|\d+|[A-Za-z()\[\]·.*]+|\s+|.")


def _ce_em(body: str) -> float:
    """mhchem's \\ce{…}: upright element symbols, digits after them as subscripts, arrows."""
    width, started = 0.0, False
    for part in _CE_PART.findall(body):
        if part.isspace():  # the spaces around + and arrows are the operators' own
            started = False
        elif part in ("->", "<-", "<=>", "<->"):
            width += 2.0 + 2 * _THICK
            started = False
        elif part.isdigit():
            width += _glyphs_em(part, "Main-Regular") * (_SCRIPT if started else 1.0)
        elif part.startswith("^"):
            width += _glyphs_em(part[1:].strip("{}"), "Main-Regular") * _SCRIPT
        elif part in ("+", "="):
            width += _glyphs_em(part, "Main-Regular") + 2 * _MED
            started = False
        else:
            width += _glyphs_em(part, "Main-Regular")
            started = True
    return width


@lru_cache(maxsize=2048)
def latex_width_em(latex: str) -> float:
    """The typeset width of inline LaTeX in em of the math font (KaTeX's model)."""
    return _Math(latex).width()


# -- options ---------------------------------------------------------------------------------
def option_width_pt(
    html: str, *, size_pt: float = 12.0, math_scale: float = 1.08, label: str = ""
) -> float:
    """The width of an option printed on one line: its optional bold ``label``, text and math.

    ``math_scale`` is the size of math against the text (the paper's CSS sets KaTeX to
    1.08em; Word sets equations in the text's size).
    """
    width = text_width_pt(label, size_pt=size_pt, bold=True) if label else 0.0
    pos = 0
    source = html or ""
    for match in _MATH_BLOCK.finditer(source):
        width += _html_text_pt(source[pos : match.start()], size_pt)
        width += latex_width_em(html_lib.unescape(match.group(1))) * size_pt * math_scale
        pos = match.end()
    return width + _html_text_pt(source[pos:], size_pt)


def _html_text_pt(fragment: str, size_pt: float) -> float:
    if not fragment:
        return 0.0
    bold = "".join(plain_text(m.group(2)) for m in _HTML_BOLD.finditer(fragment))
    rest = plain_text(_HTML_BOLD.sub(" ", fragment))
    # plain_text collapses spaces at the edges: a space between text and math stays one.
    edges = (fragment[:1].isspace() or fragment.startswith("&nbsp;")) + fragment[-1:].isspace()
    space = text_width_pt(" ", size_pt=size_pt)
    return (
        text_width_pt(rest, size_pt=size_pt)
        + text_width_pt(bold, size_pt=size_pt, bold=True)
        + space * edges
    )
