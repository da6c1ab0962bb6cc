r"""Chemistry in LaTeX → the plain LaTeX :mod:`.omml_write` builds Word equations from.

KaTeX typesets ``\ce{…}`` (mhchem) and ``\mathrm{H_2SO_4}``; a Word equation needs upright
element symbols with real subscripts and superscripts, so both are rewritten to
``\mathrm{H}_{2}\mathrm{SO}_{4}`` before they are built.
"""

from __future__ import annotations

import re

_SCRIPT = re.compile(r"([_^])(\{[^{}]*\}|[^{}])|([^_^]+)")
_CE_ARROWS = [("<=>", "⇌"), ("<->", "↔"), ("->", "→"), ("<-", "←")]
_CE_TOKEN = re.compile(r"\^\{[^{}]*\}|\^[0-9]*[+-]|\d+|[A-Za-z()\[\]·.*]+|.")
_CE_KEPT = ("+", "⇌", "↔", "→", "←", "=")


def has_scripts(text: str) -> bool:
    """Does the body of a ``\\mathrm{…}`` carry scripts (``H_2SO_4``)?"""
    return "_" in text or "^" in text


def mathrm_latex(body: str) -> str:
    r"""The body of ``\mathrm{H_2SO_4}`` as ``\mathrm{H}_{2}\mathrm{SO}_{4}``."""
    out: list[str] = []
    for m in _SCRIPT.finditer(body):
        if m.group(3) is not None:
            out.append(r"\mathrm{" + m.group(3) + "}")
        else:
            out.append(("{}" if not out else "") + m.group(1) + "{" + m.group(2).strip("{}") + "}")
    return "".join(out)


def _formula(token: str) -> str:
    r"""One mhchem species (2H2O, SO4^2-, Fe^{3+}, (NH4)2SO4) as \mathrm with scripts."""
    out, started = [], False
    charge = re.match(r"^(.*?[A-Za-z)\]])(\d*[+-])$", token) if "^" not in token else None
    if charge:  # mhchem reads a trailing charge as a superscript: OH- , Cu2+
        token = f"{charge.group(1)}^{charge.group(2)}"
    for part in _CE_TOKEN.findall(token):
        if part.isdigit():
            out.append(("_{" + part + "}") if started else part)  # leading digits: coefficient
        elif part.startswith("^"):
            out.append("^{" + part[1:].strip("{}") + "}")
        else:
            out.append(r"\mathrm{" + part + "}")
            started = True
    return "".join(out) or "{}"


def ce_latex(body: str) -> str:
    r"""The body of ``\ce{2H2 + O2 -> 2H2O}`` as plain LaTeX (species, ``+``, arrows)."""
    for arrow, symbol in _CE_ARROWS:
        body = body.replace(arrow, f" {symbol} ")
    return r"\;".join(w if w in _CE_KEPT else _formula(w) for w in body.split())
