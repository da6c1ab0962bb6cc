"""The plain Vietnamese query of the admin's and the API's list filters.

Every app filters its lists by a typed text the same way (without the typo correction
and query understanding of the site's search, which live in ``search``): accented words
match their tone keys, unaccented ones the folded text.
"""

from modelsearch.query import Or, PlainText

from common.vietnamese import fold, has_marks, nfc, tone_key


def vietnamese_query(text: str, *, operator: str = "and"):
    """The query for ``text`` without typo correction (used by the admin and API lists)."""
    text = nfc(text).strip()
    folded = fold(text)
    if not has_marks(text):
        return PlainText(folded, operator=operator)
    return Or([PlainText(tone_key(text), operator=operator), PlainText(folded, operator=operator)])
