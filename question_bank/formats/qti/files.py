"""Files inside a package: finding a member by its href, naming images, the files being written."""

from __future__ import annotations

import io
import re
import unicodedata  # NFKD (to drop the accents of a file name), not the NFC of common.vietnamese
from collections.abc import Iterable
from pathlib import PurePosixPath
from urllib.parse import unquote

from PIL import Image


def clean_href(href: str) -> str:
    """An href as a member path: unquoted, forward slashes."""
    return unquote(href.strip()).replace("\\", "/")


def norm_name(name: str) -> str:
    name = name.replace("\\", "/")
    while name.startswith("./"):
        name = name[2:]
    return name


def name_table(names: Iterable[str]) -> dict[str, str]:
    """Normalised member name → the name as stored."""
    return {norm_name(n): n for n in names}


def lookup(table: dict[str, str], path: str) -> str | None:
    """The stored name for ``path``, matched exactly or else ignoring case."""
    if path in table:
        return table[path]
    folded = path.casefold()
    return next((orig for norm, orig in table.items() if norm.casefold() == folded), None)


def is_image(data: bytes) -> bool:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception:
        return False
    return True


def safe_asset_name(name: str) -> str:
    """An ASCII file name usable in a zip path and in ``src="asset:NAME"``."""
    name = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    name = name.encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "image"
    return name[-80:]


class PackWriter:
    """The files of the package being written; an image used twice is stored once."""

    def __init__(self):
        self.files: dict[str, bytes] = {}

    def image(self, name: str, data: bytes) -> str:
        safe = safe_asset_name(name)
        stem, suffix = PurePosixPath(safe).stem, PurePosixPath(safe).suffix
        path, n = f"images/{safe}", 1
        while path in self.files and self.files[path] != data:
            n += 1
            path = f"images/{stem}-{n}{suffix}"
        self.files[path] = data
        return path
