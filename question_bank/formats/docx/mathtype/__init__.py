"""MathType and Equation Editor 3.0 objects in Word files → LaTeX.

Word stores such an equation as an OLE object (``w:object`` with ``o:OLEObject
ProgID="Equation.DSMT4"`` or ``"Equation.3"``) whose ``word/embeddings/oleObject*.bin`` holds
the equation in MathType's published binary format, MTEF, next to a WMF preview picture.

* :mod:`.ole` takes the MTEF bytes out of the OLE container (with :mod:`olefile`);
* :mod:`.mtef` / :mod:`.mtef3` read MTEF 5 (MathType 4+) and MTEF 3 (Equation Editor 3.0)
  into a small tree;
* :mod:`.latex` / :mod:`.templates` write that tree as LaTeX for KaTeX.

Every failure is a :class:`MathTypeError` with a Vietnamese message; the docx reader then
keeps the preview picture and marks the question for review.
"""

from __future__ import annotations

from question_bank.formats.docx.mathtype.errors import (
    MathTypeError,
    MtefError,
    OleError,
    Unconvertible,
)
from question_bank.formats.docx.mathtype.latex import equation_to_latex
from question_bank.formats.docx.mathtype.mtef import Equation, Reader5
from question_bank.formats.docx.mathtype.mtef3 import Reader3
from question_bank.formats.docx.mathtype.ole import MAX_OLE_BYTES, is_equation_progid, read_mtef

__all__ = [
    "MAX_OLE_BYTES",
    "MathTypeError",
    "MtefError",
    "OleError",
    "Unconvertible",
    "is_equation_progid",
    "mtef_to_latex",
    "ole_to_latex",
    "parse_mtef",
]


def parse_mtef(mtef: bytes) -> Equation:
    """The equation tree of an MTEF stream (version 3 or 5)."""
    version = mtef[0] if mtef else 0
    if version == 5:
        return Reader5(mtef).equation()
    if version == 3:
        return Reader3(mtef).equation()
    if not mtef:
        raise MtefError("Luồng công thức rỗng")
    raise MtefError(f"Công thức dùng định dạng MTEF phiên bản {version}, chưa được hỗ trợ")


def mtef_to_latex(mtef: bytes) -> str:
    """LaTeX (without delimiters) for an MTEF stream."""
    return equation_to_latex(parse_mtef(mtef))


def ole_to_latex(data: bytes) -> str:
    """LaTeX (without delimiters) for the bytes of an ``oleObject*.bin``."""
    return mtef_to_latex(read_mtef(data))
