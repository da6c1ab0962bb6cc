"""Names shared by the reader and the writer: OOXML namespaces and tags, run formatting bits.

The formatting of a run is an ``int`` of bits (:data:`B`, :data:`I`, :data:`U`, :data:`RED`,
:data:`SUB`, :data:`SUP`, :data:`STRIKE`), so lines compare and merge formats cheaply.
"""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
M = "{" + M_NS + "}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
DML = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WPD = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
VML = "{urn:schemas-microsoft-com:vml}"
OFFICE = "{urn:schemas-microsoft-com:office:office}"
MCE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

W_P, W_R, W_T, W_TBL, W_TR, W_TC = (W + t for t in ("p", "r", "t", "tbl", "tr", "tc"))
W_PPR, W_RPR, W_TCPR = W + "pPr", W + "rPr", W + "tcPr"
W_SDT, W_SDTCONTENT = W + "sdt", W + "sdtContent"
M_OMATH, M_OMATHPARA = M + "oMath", M + "oMathPara"
MC_ALT, MC_CHOICE, MC_FALLBACK = MCE + "AlternateContent", MCE + "Choice", MCE + "Fallback"
INLINE_CONTAINERS = {
    W + t
    for t in ("hyperlink", "ins", "smartTag", "customXml", "fldSimple", "moveTo", "dir", "bdo")
}
BLOCK_CONTAINERS = {W + t for t in ("customXml", "ins", "moveTo")}

# Run formatting as bits.
B, I, U, RED, SUB, SUP, STRIKE = 1, 2, 4, 8, 16, 32, 64  # noqa: E741 - run formatting bits
BLUE = 128  # a blue run: a key mark in some mixing tools' files (never rendered)
RENDER = B | I | U | SUB | SUP | STRIKE
FORMAT_TAGS = ((B, "b"), (I, "i"), (U, "u"), (STRIKE, "s"), (SUB, "sub"), (SUP, "sup"))
OBJ = "\ufffc"  # one character standing for an image or an equation in a line's text
# A zero-width space at the start of a paragraph says "plain content": the exporter puts it
# before text that would otherwise read as a marker (a stem line starting "A. …").
ZWSP = "\u200b"
