"""Tiny valid Windows metafiles built from the published format ([MS-WMF]): a placeable
header, the standard header and a few records that paint a filled rectangle."""

from __future__ import annotations

import struct


def wmf(width: int = 200, height: int = 100, color: int = 0x0000FF) -> bytes:
    records = []

    def record(function: int, fmt: str, *params) -> None:
        body = struct.pack("<" + fmt, *params)
        records.append(struct.pack("<IH", (6 + len(body)) // 2, function) + body)

    record(0x0103, "h", 8)  # META_SETMAPMODE: MM_ANISOTROPIC
    record(0x020B, "hh", 0, 0)  # META_SETWINDOWORG (y, x)
    record(0x020C, "hh", height, width)  # META_SETWINDOWEXT (y, x)
    record(0x02FC, "HIH", 0, color, 0)  # META_CREATEBRUSHINDIRECT: solid, COLORREF
    record(0x012D, "h", 0)  # META_SELECTOBJECT
    record(0x041B, "hhhh", height - 10, width - 10, 10, 10)  # META_RECTANGLE (b, r, t, l)
    records.append(struct.pack("<IH", 3, 0))  # META_EOF
    body = b"".join(records)
    header = struct.pack(
        "<HHHIHIH", 1, 9, 0x0300, (18 + len(body)) // 2, 1, max(map(len, records)) // 2, 0
    )
    placeable = struct.pack("<IHhhhhHI", 0x9AC6CDD7, 0, 0, 0, width, height, 1440, 0)
    checksum = 0
    for (word,) in struct.iter_unpack("<H", placeable):
        checksum ^= word
    return placeable + struct.pack("<H", checksum) + header + body


def emf(width: int = 200, height: int = 100, color: int = 0x0000FF) -> bytes:
    """A tiny valid EMF ([MS-EMF]): header, a solid brush, a rectangle, end of file."""
    body = [
        struct.pack("<IIIII", 39, 24, 1, 0, color) + struct.pack("<I", 0),  # CREATEBRUSHINDIRECT
        struct.pack("<III", 37, 12, 1),  # EMR_SELECTOBJECT
        struct.pack("<II4i", 43, 24, 10, 10, width - 10, height - 10),  # EMR_RECTANGLE
        struct.pack("<IIIII", 14, 20, 0, 16, 20),  # EMR_EOF
    ]
    size = 88 + sum(map(len, body))
    header = struct.pack(
        "<II4i4iIIIIHHIIIiiii",
        1, 88,  # EMR_HEADER, its size
        0, 0, width, height,  # bounds (device units)
        0, 0, width * 26, height * 26,  # frame (0,01 mm)
        0x464D4520, 0x10000, size, 1 + len(body), 2, 0,  # " EMF", version, bytes, records
        0, 0, 0,  # description, palette
        1024, 768, 270, 203,  # reference device: pixels, millimetres
    )  # fmt: skip
    return header + b"".join(body)
