"""Small LaTeX string helpers shared by the line and template writers."""

from __future__ import annotations

import re

_CTRL_END = re.compile(r"\\[A-Za-z]+$")


def join(parts) -> str:
    """Concatenate LaTeX pieces, separating a control word from a following letter."""
    out: list[str] = []
    for piece in parts:
        if not piece:
            continue
        if out and piece[0].isalpha() and _CTRL_END.search(out[-1]):
            out.append(" ")
        out.append(piece)
    return "".join(out)


def group(latex: str) -> str:
    """A script or argument: bare when it is one letter or digit, else in braces."""
    if len(latex) == 1 and latex.isalnum():
        return latex
    return "{" + latex + "}"
