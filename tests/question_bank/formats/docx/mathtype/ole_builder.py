"""A minimal OLE compound-file writer (olefile only reads): one "Equation Native" stream,
laid out as Word's ``oleObject*.bin`` keeps a MathType equation.

Version 3 file, 512-byte sectors: the header, one FAT sector, one directory sector, then the
stream's sectors. The stream is padded to 4096 bytes so it lives in regular sectors (no mini
stream); the EQNOLEFILEHDR says how many of its bytes are the equation.
"""

from __future__ import annotations

import struct

SECTOR = 512
FREE, END_OF_CHAIN, FAT_SECT, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _dir_entry(name: str, kind: int, *, child=NO_STREAM, start=END_OF_CHAIN, size=0) -> bytes:
    raw = (name + "\x00").encode("utf-16-le") if name else b""
    entry = raw.ljust(64, b"\x00")
    entry += struct.pack("<HBB", len(raw), kind, 1)
    entry += struct.pack("<III", NO_STREAM, NO_STREAM, child)
    entry += b"\x00" * 16 + struct.pack("<I", 0) + b"\x00" * 16
    entry += struct.pack("<II", start, size) + struct.pack("<I", 0)
    return entry


def ole_file(stream: bytes, name: str = "Equation Native") -> bytes:
    """An OLE compound file holding ``stream`` under ``name``."""
    stream = stream.ljust(max(4096, len(stream)), b"\x00")
    data = stream.ljust(-(-len(stream) // SECTOR) * SECTOR, b"\x00")
    n_data = len(data) // SECTOR
    if 2 + n_data > SECTOR // 4:
        raise ValueError("stream too large for this small writer")
    fat = [FAT_SECT, END_OF_CHAIN] + [2 + i + 1 for i in range(n_data - 1)] + [END_OF_CHAIN]
    fat += [FREE] * (SECTOR // 4 - len(fat))
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END_OF_CHAIN, 0, END_OF_CHAIN, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", FREE) * 108
    directory = _dir_entry("Root Entry", 5, child=1)
    directory += _dir_entry(name, 2, start=2, size=len(stream))
    directory += _dir_entry("", 0) * 2
    return header + struct.pack("<128I", *fat) + directory + data
