"""A version (mã đề) as the exam page receives it, and the pinned data grading reads.

:func:`variant_items` gives the version's questions in print order with their pinned,
permuted snapshots (immutable: a paper pins its question versions and a variant's layout
never changes), memoised per process and in the shared cache. :func:`public_items` strips
everything a candidate must not receive before results are released: which option is
right, feedback, solutions, marking guides, numeric answers and the answers of blanks.
Ordering items are shown in :func:`content.practice.display_order` (the same order the
answer check maps back from); matching answers are offered as a sorted list of their texts.
"""

from decimal import Decimal

from common.cache import cache_delete, cache_get, cache_set
from content.practice import display_order
from question_bank.assembly.models import PaperItem, PaperVariant
from question_bank.assembly.paper import PART_SHORT
from question_bank.assembly.shuffle import permuted
from question_bank.formats.base import QType
from question_bank.html import plain_text
from question_bank.rendering import LETTERS, STATEMENT_LETTERS, _cloze_html

_LOCAL: dict[int, list[dict]] = {}
_LOCAL_MAX = 256
#: Part III answers are written in four boxes on the 2025 answer sheet.
SHORT_ANSWER_CHARS = 4


def _build(variant: PaperVariant) -> list[dict]:
    items = {
        it.position: it
        for it in PaperItem.objects.filter(paper_id=variant.paper_id).select_related("version")
    }
    numbers: dict[int, int] = {}
    out = []
    for slot, entry in enumerate(variant.layout):
        item = items[entry["item"]]
        numbers[item.part] = numbers.get(item.part, 0) + 1
        out.append(
            {
                "slot": slot,
                "part": item.part,
                "number": numbers[item.part],
                "position": item.position,
                "question_id": item.version.question_id,
                "version_id": item.version_id,
                "points": str(item.points if item.points is not None else Decimal(1)),
                "order": entry["order"],
                "data": permuted(item.version.data, entry["order"]),
            }
        )
    return out


def variant_items(variant_id: int) -> list[dict]:
    """The version's questions in print order: slot, part, number, points (a decimal
    string), the pinned ``version_id`` and the permuted snapshot ``data``."""
    found = _LOCAL.get(variant_id)
    if found is not None:
        return found
    key = f"exam:variant:{variant_id}:v1"
    found = cache_get(key)
    if found is None:
        found = _build(PaperVariant.objects.get(pk=variant_id))
        cache_set(key, found, 24 * 3600)
    if len(_LOCAL) >= _LOCAL_MAX:
        _LOCAL.clear()
    _LOCAL[variant_id] = found
    return found


def forget_variant(variant_id: int) -> None:
    _LOCAL.pop(variant_id, None)
    cache_delete(f"exam:variant:{variant_id}:v1")


def _choices(data: dict, qtype: QType) -> list[dict]:
    letters = STATEMENT_LETTERS if qtype == QType.TRUE_FALSE else LETTERS
    return [
        {"label": letters[i] if i < len(letters) else str(i + 1), "text": c["text"]}
        for i, c in enumerate(data.get("choices") or [])
    ]


def _public(item: dict) -> dict:
    data = item["data"]
    qtype = QType(data["qtype"])
    out = {
        "slot": item["slot"],
        "part": item["part"],
        "number": item["number"],
        "points": item["points"],
        "qtype": qtype.value,
        "stem": data["stem"],
        "stimulus": data.get("stimulus") or "",
        "stimulus_id": data.get("stimulus_id"),
    }
    if qtype in (QType.SINGLE_CHOICE, QType.MULTIPLE_RESPONSE, QType.TRUE_FALSE):
        out["choices"] = _choices(data, qtype)
    elif qtype == QType.MATCHING:
        choices = data.get("choices") or []
        out["premises"] = [c["text"] for c in choices if plain_text(c["text"])]
        out["matches"] = sorted({plain_text(c["match"]) for c in choices if c.get("match")})
    elif qtype == QType.ORDERING:
        choices = data.get("choices") or []
        out["items"] = [choices[i]["text"] for i in display_order(item["version_id"], len(choices))]
    elif qtype == QType.CLOZE:
        out["stem"] = _cloze_html(data["stem"], data.get("blanks") or [])
        out["blanks"] = len(data.get("blanks") or [])
    elif qtype == QType.SHORT_NUMERIC and item["part"] == PART_SHORT:
        out["max_chars"] = SHORT_ANSWER_CHARS
    return out


def public_items(variant_id: int) -> list[dict]:
    """What the exam page may receive of a version: no key, no solution, no feedback."""
    return [_public(item) for item in variant_items(variant_id)]
