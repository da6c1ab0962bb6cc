"""Question HTML on the way in: NFC text, a short allow-list of tags, no scripts or handlers.

Every HTML field of a question passes through :func:`clean_html` whatever its source
(admin form, Word, Moodle, QTI), so the bank only ever stores safe markup.
"""

import html as html_lib
import re

import nh3

from common.vietnamese import fold, nfc

ALLOWED_TAGS = {
    "p", "br", "div", "span", "b", "strong", "i", "em", "u", "s", "sub", "sup", "small",
    "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
    "colgroup", "col", "img", "blockquote", "pre", "code", "h3", "h4", "h5", "h6", "hr",
    "figure", "figcaption", "a",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "img": {"src", "alt", "width", "height", "title"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "a": {"href", "title"},
    "ol": {"start", "type"},
}
ALLOWED_CLASSES = {
    "span": {"math-inline", "math-display", "chem", "blank", "needs-review"},
    "div": {"math-display", "stimulus", "table-wrap"},
}
# ``asset:`` is the importers' placeholder for an image carried with the question.
URL_SCHEMES = {"http", "https", "mailto", "asset"}
CLEAN_CONTENT_TAGS = {"script", "style", "iframe", "object", "embed", "noscript", "template"}


def clean_html(value: str | None) -> str:
    """Sanitise an HTML fragment and normalise its text to NFC."""
    if not value:
        return ""
    value = nfc(str(value))
    cleaned = nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return cleaned.strip()


def text_to_html(text: str) -> str:
    """Plain text (Aiken, GIFT [plain], spreadsheet cells) to an escaped HTML fragment."""
    text = nfc(text or "").strip()
    return "<br>".join(html_lib.escape(line, quote=False) for line in text.split("\n"))


_INLINE_TAG = re.compile(r"</?(?:sub|sup|b|strong|i|em|u|s|small|span|a|code)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain_text(value: str | None) -> str:
    """Visible text of an HTML fragment (tags dropped, entities decoded, spaces collapsed).

    Inline tags vanish without a space (H<sub>2</sub>O → H2O); block tags become a space.
    """
    if not value:
        return ""
    text = _TAG.sub(" ", _INLINE_TAG.sub("", str(value)))
    text = html_lib.unescape(text)
    return _SPACE.sub(" ", nfc(text)).strip()


_NON_WORD = re.compile(r"[^\w\\^{}+\-*/=<>()]+")


def fingerprint(stem: str, choice_texts) -> str:
    """Same value for questions that differ only in accents, case, spacing or option order."""
    import hashlib

    parts = [normalise_for_duplicates(stem)]
    parts += sorted(normalise_for_duplicates(text) for text in choice_texts)
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def normalise_for_duplicates(value: str | None) -> str:
    """Text compared to find near-duplicates: no tags, no accents, no case or punctuation noise."""
    text = fold(plain_text(value))
    return _SPACE.sub(" ", _NON_WORD.sub(" ", text)).strip()
