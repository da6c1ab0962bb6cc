"""The OpenSearch/Elasticsearch query of a search, written out here.

modelsearch compiles a query tree into a ``dis_max`` over the all-text field and the
title field, each with every word, variant, tone key and phrase: the engine evaluates the
phrase and tone-key clauses over every matching document of both fields (33 ms against 8 ms
for the words alone, at 300,000 documents). This module asks for the same documents and
spends the cost only where it changes the page:

* **match** (``must``): every folded word (its typo corrections and single-word variants
  as alternatives, one ``match`` each), or most of them when relaxed (a
  ``minimum_should_match``, as :func:`search.query.relaxed_groups` on the other backends);
  quoted phrases as ``match_phrase``;
* **title** (``should``): the words in the title field, so titles that have them rank up;
* **rescore** of the first :data:`RESCORE_WINDOW` hits (relevance only): the accented tone
  keys (exact spelling first) and each pair of adjacent words as a phrase (adjacent words
  first), in the body and, boosted, in the title.

The permission and facet filters stay modelsearch's compilation of the same Django ``Q``
as on every backend.
"""

from __future__ import annotations

from common.vietnamese import tone_key
from search.query import RELAX_COMBINATIONS, ParsedQuery, relaxed_minimum
from search.synonyms import expansions, variants

#: Hits re-scored for tone keys and adjacency (per shard; the index has one).
RESCORE_WINDOW = 100


def _terms(word: str, parsed: ParsedQuery) -> str:
    alternatives = parsed.corrected.get(word) or [word]
    terms = [*alternatives, *(v for a in alternatives for v in variants(a))]
    return " ".join(dict.fromkeys(terms))


def _word_clause(word: str, parsed: ParsedQuery, field: str) -> dict:
    """The word with its alternatives, and the phrases it abbreviates ("bdt" → "bat dang
    thuc" adjacent)."""
    match = {"match": {field: {"query": _terms(word, parsed)}}}
    alternatives = parsed.corrected.get(word) or [word]
    phrases = [p for a in alternatives for p in expansions(a)]
    if not phrases:
        return match
    should = [match, *({"match_phrase": {field: p}} for p in dict.fromkeys(phrases))]
    return {"bool": {"should": should, "minimum_should_match": 1}}


def match_clause(parsed: ParsedQuery, field: str, *, operator: str = "and") -> dict:
    """What a document must match in ``field``: the words (all, or most when
    ``operator="or"``) and the quoted phrases."""
    if parsed.empty:
        return {"match_all": {}}
    # One match per word: its alternatives are OR-ed terms of the same match.
    words = [_word_clause(w, parsed, field) for w in parsed.words]
    must = []
    if len(words) == 1:
        must.append(words[0])
    elif words and operator == "and":
        must.extend(words)
    elif words:
        needed = relaxed_minimum(len(words)) if len(words) <= RELAX_COMBINATIONS else 1
        must.append({"bool": {"should": words, "minimum_should_match": needed}})
    must.extend({"match_phrase": {field: p}} for p in parsed.phrases)
    return must[0] if len(must) == 1 else {"bool": {"must": must}}


def title_clause(parsed: ParsedQuery, field: str, boost: float) -> dict | None:
    """Score for the query words found in the title (any of them; more is better)."""
    terms = [_terms(w, parsed) for w in parsed.all_words()]
    if not terms:
        return None
    return {"match": {field: {"query": " ".join(terms), "boost": boost}}}


def rescore_clause(
    parsed: ParsedQuery, field: str, title_field: str, boost: float, *, operator: str
) -> dict | None:
    """The second pass over the first hits: exact accents and adjacent words."""
    if parsed.corrected or not parsed.words:
        return None
    should = []
    if parsed.accented:
        keys = tone_key(parsed.accented)
        should.append({"match": {field: {"query": keys, "operator": operator}}})
        should.append(
            {"match": {title_field: {"query": keys, "operator": operator, "boost": boost}}}
        )
        if " " in keys:  # the exact spelling, adjacent: "đồng vị", not "động … vị trí"
            should.append({"match_phrase": {field: keys}})
    # Adjacent words as pairs, not the whole query as one phrase: a document with the whole
    # phrase has every pair, one with part of it still ranks up; and for each rescored hit
    # without it, a phrase of many common words makes the engine scan on to the next
    # document that has it (34 of 46 ms for an 8-word query at 300,000 documents).
    sequence = parsed.sequence or parsed.words
    pairs = [" ".join(sequence[i : i + 2]) for i in range(len(sequence) - 1)]
    for pair in dict.fromkeys(pairs):
        should.append({"match_phrase": {field: pair}})
        should.append({"match_phrase": {title_field: {"query": pair, "boost": boost}}})
    if not should:
        return None
    return {
        "window_size": RESCORE_WINDOW,
        "query": {
            "rescore_query": {"bool": {"should": should}},
            "query_weight": 1.0,
            "rescore_query_weight": 1.0,
        },
    }


def search_body(compiler, parsed: ParsedQuery, *, operator: str, relevance: bool) -> dict:
    """The request body for modelsearch's ``compiler`` (its filters and sort) and
    ``parsed``: query, and rescore when ranking by relevance."""
    mapping = compiler.mapping
    boost = max((f.boost for f in compiler.remapped_fields if f.boost), default=1.0)
    all_field = compiler.remapped_fields[0].field_name  # "_all_text": every text field
    title_field = mapping.get_boost_field_name(boost) if boost != 1.0 else all_field
    query: dict = {"must": match_clause(parsed, all_field, operator=operator)}
    if relevance and title_field != all_field:
        title = title_clause(parsed, title_field, boost)
        if title:
            query["should"] = [title]
    query["filter"] = compiler.get_filters()
    body: dict = {"query": {"bool": query}}
    if relevance:
        rescore = rescore_clause(parsed, all_field, title_field, boost, operator=operator)
        if rescore:
            body["rescore"] = rescore
    else:
        sort = compiler.get_sort()
        if sort:
            body["sort"] = sort
    return body
