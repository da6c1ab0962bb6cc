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
