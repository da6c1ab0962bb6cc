"""QTI content (its XHTML subset, MathML, images) ↔ hoclieu HTML, both ways."""

from __future__ import annotations

import base64
import binascii
import html as html_lib
import re
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

from lxml import etree
from lxml import html as lxml_html

from common.safefiles import resolve_member
from question_bank.formats.qti.files import PackWriter, clean_href, is_image, safe_asset_name
from question_bank.formats.qti.mathml import math_html
from question_bank.formats.qti.spec import qti_el
from question_bank.html import clean_html

_SPACE = re.compile(r"\s+")
BLOCK_TAGS = {
    "p", "div", "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr",
    "td", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr", "dl", "dt", "dd",
    "figure", "figcaption", "address", "colgroup", "col",
}  # fmt: skip
_BLOCK_SPACE = re.compile(r"\s*(</?(?:" + "|".join(sorted(BLOCK_TAGS | {"br"})) + r")\b[^>]*>)\s*")
_HTML_TAGS = BLOCK_TAGS | {
    "span", "br", "b", "strong", "i", "em", "u", "s", "sub", "sup", "small", "big", "img",
    "code", "a", "abbr", "acronym", "cite", "q", "kbd", "samp", "var", "tt", "dfn",
}  # fmt: skip
_VOID = {"br", "hr", "img", "col"}
_KEEP_ATTRS = {
    "td": ("colspan", "rowspan", "align"),
    "th": ("colspan", "rowspan", "align", "scope"),
    "a": ("href",),
    "col": ("span",),
    "ol": ("start", "type"),
}
_KEEP_CLASSES = {"math-inline", "math-display", "chem", "blank", "stimulus", "table-wrap"}
_CLASS_TAGS = {"hl-u": "u", "hl-s": "s", "hl-figure": "figure", "hl-figcaption": "figcaption"}
_DROP = {
    "feedbackInline", "feedbackBlock", "templateInline", "templateBlock", "printedVariable",
    "stylesheet", "modalFeedback", "responseDeclaration", "outcomeDeclaration",
    "apipAccessibility", "accessibilityInfo", "param", "annotation", "annotation-xml",
}  # fmt: skip
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".tif", ".tiff", ".svg"}
# Attributes QTI's XHTML subset allows and hoclieu HTML uses (img is handled on its own).
_QTI_ATTRS = {
    "td": ("colspan", "rowspan", "align", "scope"),
    "th": ("colspan", "rowspan", "align", "scope"),
    "a": ("href",),
    "col": ("span",),
}


def join_html(parts: Iterable[str]) -> str:
    return "".join(p for p in parts if p)


def _size_attrs(el: etree._Element) -> dict[str, str]:
    """An image's width and height, when they are plain numbers or percentages."""
    return {
        k: el.get(k) for k in ("width", "height") if re.fullmatch(r"\d+%?", el.get(k, "") or "")
    }


# -- QTI → hoclieu -----------------------------------------------------------------------------


class HtmlReader:
    """Turns QTI content (XHTML subset, MathML, images) into hoclieu HTML."""

    def __init__(
        self,
        path: str,
        fetch: Callable[[str], bytes | None],
        assets: dict[str, bytes],
    ):
        self.path = path
        self.fetch = fetch
        self.assets = assets
        self.by_path: dict[str, str] = {}
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.review: list[str] = []
        self.replace: dict[etree._Element, str] = {}
        self._pre = 0

    def html(self, fragment: str) -> str:
        fragment = _BLOCK_SPACE.sub(r"\1", fragment).strip()
        return clean_html(fragment)

    def content(self, el: etree._Element) -> str:
        return self.html(self.children(el))

    def children(self, el: etree._Element) -> str:
        parts = [self._text(el.text)]
        for child in el:
            if isinstance(child.tag, str):
                parts.append(self.element(child))
            parts.append(self._text(child.tail))
        return "".join(parts)

    def _text(self, text: str | None) -> str:
        if not text:
            return ""
        if not self._pre:
            text = _SPACE.sub(" ", text)
        return html_lib.escape(text, quote=False)

    def element(self, el: etree._Element) -> str:
        if el in self.replace:
            return self.replace[el]
        tag = el.tag
        if tag in _DROP:
            if tag == "printedVariable":
                self._note("câu có biến mẫu (printedVariable) — giá trị không được nhập")
            return ""
        if tag == "math":
            return math_html(el)
        if tag == "img":
            return self.image(el.get("src", ""), el.get("alt", ""), el)
        if tag == "object":
            return self._object(el)
        return self._markup(el, self._inner(el))

    def _inner(self, el: etree._Element) -> str:
        """The element's content; whitespace inside ``<pre>`` is kept as it is."""
        if el.tag == "pre":
            self._pre += 1
        try:
            return self.children(el)
        finally:
            if el.tag == "pre":
                self._pre -= 1

    def _markup(self, el: etree._Element, inner: str) -> str:
        """The element around ``inner`` as hoclieu HTML (or just ``inner`` when it has no say)."""
        tag = el.tag
        classes = set((el.get("class") or "").split())
        for cls, html_tag in _CLASS_TAGS.items():
            if cls in classes:
                return f"<{html_tag}>{inner}</{html_tag}>"
        if tag in ("div", "span") and classes & {"hl-stem", "hl-statement"}:
            return inner
        if tag not in _HTML_TAGS:
            return inner
        attrs = "".join(
            f' {name}="{html_lib.escape(el.get(name, ""))}"'
            for name in _KEEP_ATTRS.get(tag, ())
            if el.get(name)
        )
        if tag in ("span", "div") and classes & _KEEP_CLASSES:
            attrs += f' class="{" ".join(sorted(classes & _KEEP_CLASSES))}"'
        if tag in _VOID:
            return f"<{tag}{attrs}>"
        return f"<{tag}{attrs}>{inner}</{tag}>"

    def _object(self, el: etree._Element) -> str:
        data = el.get("data", "")
        kind = (el.get("type") or "").lower()
        suffix = PurePosixPath(data.split("?")[0]).suffix.lower()
        if kind.startswith("image/") or (not kind and suffix in _IMAGE_SUFFIXES):
            alt = " ".join("".join(el.itertext()).split())[:200]
            return self.image(data, alt, el, fallback=el)
        self._note(f"bỏ qua đối tượng nhúng “{data}” ({kind or 'không rõ loại'})")
        return self.children(el)

    def image(
        self,
        src: str,
        alt: str,
        el: etree._Element | None = None,
        fallback: etree._Element | None = None,
    ) -> str:
        """An ``<img src="asset:NAME">`` for the image at ``src`` (relative to this file).

        ``fallback``: an ``<object>`` whose content stands in when the image is missing.
        """
        src = src.strip()
        fallback_html = self.children(fallback).strip() if fallback is not None else ""
        size = ""
        if el is not None:
            size = "".join(f' {k}="{html_lib.escape(v)}"' for k, v in _size_attrs(el).items())
        if src.lower().startswith("data:"):
            name, data = self._data_uri(src)
        else:
            name, data = self._member(src, fallback_html)
        if data is None:
            return fallback_html
        if not is_image(data):
            what = "ảnh SVG chưa được hỗ trợ" if name.lower().endswith(".svg") else None
            self.errors.append(what or f"tệp “{name}” không phải là ảnh hợp lệ")
            return ""
        asset = self._asset_name(name, data)
        return f'<img src="asset:{asset}" alt="{html_lib.escape(alt)}"{size}>'

    def _member(self, src: str, fallback_html: str) -> tuple[str, bytes | None]:
        """The image file ``src`` names in the package; (name, None) after a warning or error."""
        if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I) or src.startswith("//"):
            if fallback_html:
                self.warnings.append(f"ảnh “{src}” nằm ngoài gói — dùng nội dung thay thế")
            else:
                self.errors.append(f"ảnh “{src}” nằm ngoài gói, không tải về được")
            return src, None
        name = resolve_member(self.path, clean_href(src))
        data = self.fetch(name)
        if data is None:
            if fallback_html:
                self.warnings.append(f"thiếu tệp ảnh “{name}” — dùng nội dung thay thế")
            else:
                self.errors.append(f"thiếu tệp ảnh “{name}”")
        return name, data

    def _data_uri(self, src: str) -> tuple[str, bytes | None]:
        m = re.match(r"^data:image/([a-z0-9.+-]+);base64,(.*)$", src, re.I | re.S)
        if not m:
            self.errors.append("ảnh nhúng (data:) không đọc được")
            return "", None
        try:
            data = base64.b64decode(re.sub(r"\s+", "", m.group(2)), validate=True)
        except (binascii.Error, ValueError):
            self.errors.append("ảnh nhúng (data:) không đọc được")
            return "", None
        ext = {"jpeg": "jpg", "svg+xml": "svg"}.get(m.group(1).lower(), m.group(1).lower())
        return f"image.{ext}", data

    def _asset_name(self, path: str, data: bytes) -> str:
        if path in self.by_path and self.assets.get(self.by_path[path]) == data:
            return self.by_path[path]
        name = safe_asset_name(PurePosixPath(path).name)
        stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix
        n = 1
        while name in self.assets and self.assets[name] != data:
            n += 1
            name = f"{stem}-{n}{suffix}"
        self.assets[name] = data
        self.by_path[path] = name
        return name

    def _note(self, reason: str) -> None:
        if reason not in self.review:
            self.review.append(reason)


# -- hoclieu → QTI -----------------------------------------------------------------------------


class XhtmlWriter:
    """hoclieu HTML → QTI's XHTML subset, images into the package."""

    def __init__(
        self,
        pack: PackWriter,
        assets: dict[str, bytes],
        blanks: Callable[[etree._Element, int], etree._Element] | None = None,
    ):
        self.pack = pack
        self.assets = assets
        self.blanks = blanks
        self.images: list[str] = []

    def into(self, parent: etree._Element, html: str) -> list[str]:
        if html and html.strip():
            self._copy(lxml_html.fragment_fromstring(html, create_parent="div"), parent)
        return self.images

    def _copy(self, src: etree._Element, dst: etree._Element) -> None:
        self._text(dst, src.text)
        for child in src:
            if isinstance(child.tag, str):
                self._element(child, dst)
            self._text(dst, child.tail)

    def _text(self, dst: etree._Element, text: str | None) -> None:
        if not text:
            return
        pieces = re.split(r"\{\{(\d+)\}\}", text) if self.blanks else [text]
        for i, piece in enumerate(pieces):
            if i % 2:
                self.blanks(dst, int(piece))
            elif piece:
                if len(dst):
                    dst[-1].tail = (dst[-1].tail or "") + piece
                else:
                    dst.text = (dst.text or "") + piece

    def _element(self, src: etree._Element, dst: etree._Element) -> None:
        tag, classes, attrs = self._translate(src)
        for name in _QTI_ATTRS.get(tag, ()):
            if src.get(name):
                attrs[name] = src.get(name)
        el = qti_el(tag, dst, **attrs)
        if classes:
            el.set("class", " ".join(classes))
        if tag not in _VOID:
            self._copy(src, el)

    def _translate(self, src: etree._Element) -> tuple[str, list[str], dict[str, str]]:
        """The QTI tag, classes and attributes for a hoclieu element."""
        tag = src.tag.lower()
        classes = (src.get("class") or "").split()
        if tag in ("u", "ins"):
            return "span", ["hl-u"], {}
        if tag in ("s", "strike", "del"):
            return "span", ["hl-s"], {}
        if tag in ("figure", "figcaption"):
            return "div", [f"hl-{tag}"], {}
        if tag in ("h1", "h2"):
            return "h3", classes, {}
        if tag == "img":
            return tag, classes, self._image(src)
        if tag not in _HTML_TAGS - {"u", "s", "figure", "figcaption"}:
            block = any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in src.iter())
            return ("div" if block else "span"), classes, {}
        return tag, classes, {}

    def _image(self, src: etree._Element) -> dict[str, str]:
        """An image's attributes, its ``asset:`` file copied into the package."""
        src_attr = src.get("src", "")
        if src_attr.startswith("asset:"):
            name = src_attr[len("asset:") :]
            data = self.assets.get(name)
            path = (
                self.pack.image(name, data)
                if data is not None
                else f"images/{safe_asset_name(name)}"
            )
            self.images.append(path)
            src_attr = path
        return {"src": src_attr, "alt": src.get("alt", ""), **_size_attrs(src)}
