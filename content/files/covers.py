"""Drawn covers for library items that have no file, or whose file gave no cover.

A cover reads like a book's: the series or publisher at the top, the title large in the
middle, the kind of resource and the grade at the bottom, on the colour of its subject, so
a shelf of them is told apart at a glance. Text is drawn with the vendored DejaVu Sans
(every Vietnamese letter precomposed), wrapped and shrunk to fit.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from common.vietnamese import nfc
from content.files.pdf import font_path

COVER_SIZE = (360, 480)  # 3:4, the aspect of the library's cover slots
MARGIN = 28
# Subject code → background; close to the colours Vietnamese textbook series use per subject.
SUBJECT_COLOURS = {
    "toan": (21, 87, 160),
    "vat-ly": (112, 48, 160),
    "hoa-hoc": (0, 128, 110),
    "ngu-van": (176, 42, 48),
    "tieng-anh": (214, 110, 20),
    "lich-su": (120, 78, 40),
    "sinh-hoc": (46, 125, 50),
    "dia-li": (0, 119, 170),
}
DEFAULT_COLOUR = (69, 85, 102)  # items of no subject (links, general handbooks)


def subject_colour(code: str | None) -> tuple[int, int, int]:
    return SUBJECT_COLOURS.get(code or "", DEFAULT_COLOUR)


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path()), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            candidate = word
        line = candidate
    return [*lines, line] if line else lines


def _fit(draw, text: str, width: int, height: int, sizes=(52, 44, 38, 34, 30, 26, 23, 20, 18)):
    """The largest font size at which ``text`` wraps into ``width`` × ``height``."""
    for size in sizes:
        font = _font(size)
        lines = _wrap(draw, text, font, width)
        fits = all(draw.textlength(line, font=font) <= width for line in lines)
        if fits and len(lines) * round(size * 1.25) <= height:
            return font, lines, round(size * 1.25)
    font = _font(sizes[-1])
    step = round(sizes[-1] * 1.25)
    return font, _wrap(draw, text, font, width)[: max(1, height // step)], step


def _shade(colour, factor: float) -> tuple[int, int, int]:
    if factor >= 1:
        return tuple(round(c + (255 - c) * (factor - 1)) for c in colour)
    return tuple(round(c * factor) for c in colour)


def draw_cover(
    *,
    title: str,
    series: str = "",
    subject_code: str | None = None,
    footer: str = "",
    size: tuple[int, int] = COVER_SIZE,
) -> bytes:
    """A JPEG cover: ``series`` (series or publisher) on top, ``title`` large, ``footer``
    (kind and grade) at the bottom, on the subject's colour."""
    title, series, footer = (nfc(t or "") for t in (title, series, footer))
    width, height = size
    colour = subject_colour(subject_code)
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    inner = width - 2 * MARGIN
    # A lighter panel behind the title and a darker band for the footer, inside the margins
    # so the corners keep the plain subject colour.
    draw.rectangle((MARGIN // 2, 112, width - MARGIN // 2, height - 104), fill=_shade(colour, 0.78))
    draw.rectangle((MARGIN // 2, height - 88, width - MARGIN // 2, height - 84), fill="white")
    y = MARGIN
    if series:
        font = _font(17)
        for line in _wrap(draw, series.upper(), font, inner)[:3]:
            draw.text((MARGIN, y), line, font=font, fill=_shade(colour, 1.8))
            y += 22
    font, lines, step = _fit(draw, title, inner, height - 112 - 104 - 2 * 20)
    block = len(lines) * step
    y = 112 + (height - 112 - 104 - block) // 2
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill="white", stroke_width=1, stroke_fill="white")
        y += step
    if footer:
        font = _font(16)
        for i, line in enumerate(_wrap(draw, footer.upper(), font, inner)[:2]):
            draw.text((MARGIN, height - 74 + i * 22), line, font=font, fill=(250, 250, 250))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, optimize=True)
    return out.getvalue()


def library_item_cover(item) -> bytes:
    """The drawn cover of a library item (a model instance; only its fields are read).

    A textbook titled "Toán 12 – Cánh Diều" shows "Toán 12" large and its series on top."""
    from content.library_models import ResourceType

    title, series = item.title, ""
    if item.resource_type == ResourceType.TEXTBOOK and " – " in title:
        title, series = title.split(" – ", 1)
        series = "Bộ sách " + series.split(" (")[0]
    top = " · ".join(s for s in (series, item.publisher) if s)
    footer = " · ".join(s for s in (str(item.get_resource_type_display()), item.grade_label) if s)
    code = item.subject.code if item.subject_id else None
    return draw_cover(title=title, series=top, subject_code=code, footer=footer)
