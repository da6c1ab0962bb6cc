"""Turn what a user typed into a modelsearch query that behaves the Vietnamese way."""

from modelsearch.query import Or, PlainText

from search.vietnamese import fold, has_marks, nfc, tone_key


def vietnamese_query(text: str, *, operator: str = "and") -> PlainText | Or:
    """Build the query for ``text``.

    Unaccented input matches through the folded companion text. Accented input matches
    either its exact tone keys or the folded form; documents matching both (the exact
    spelling) rank above other accent variants on every backend, since each backend
    scores a document higher when it matches more of the query's terms.
    """
    text = nfc(text).strip()
    folded = fold(text)
    if not has_marks(text):
        return PlainText(folded, operator=operator)
    return Or([PlainText(tone_key(text), operator=operator), PlainText(folded, operator=operator)])
