"""Shuffled versions (mã đề) of one paper, their codes and their answer keys.

Questions are shuffled within their part (and questions sharing a stimulus stay together,
in their order); a question marked "keep position" stays where it is. Options are
shuffled unless the question keeps their order, and an option marked ``fixed`` ("Cả A và
B đều đúng") keeps its place. Đúng/Sai statements are shuffled only when both the paper
and the question allow it. Everything follows one seeded generator per version, so a
paper regenerates identically.
"""

import random
import re

from django.utils.translation import gettext as _

from question_bank.assembly.paper import PART_MC, PART_SHORT, PART_TF
from question_bank.formats.base import QType

LETTERS = "ABCDEFGH"
MAX_VERSIONS = 99


class CodeError(ValueError):
    pass


def parse_codes(spec: str, count: int | None = None) -> list[str]:
    """Version codes from what the board typed.

    Empty: ``0101``, ``0102``… (``count`` of them). ``034-036`` is a range keeping the zero
    padding; ``111,222,333`` (or spaces/semicolons) a list; both can mix.
    """
    spec = (spec or "").strip()
    if not spec:
        return _default_codes(count)
    codes: list[str] = []
    for token in re.split(r"[,;\s]+", spec):
        if token:
            codes.extend(_token_codes(token))
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise CodeError(_("Mã đề bị trùng: %(codes)s.") % {"codes": ", ".join(duplicates)})
    if len(codes) > MAX_VERSIONS:
        raise CodeError(_("Tối đa %(max)d mã đề.") % {"max": MAX_VERSIONS})
    if count and len(codes) != count:
        raise CodeError(
            _("Đã nhập %(given)d mã đề nhưng cần %(count)d.")
            % {"given": len(codes), "count": count}
        )
    return codes


def _default_codes(count: int | None) -> list[str]:
    """``0101``, ``0102``… when the board typed no codes, only how many."""
    if not count:
        raise CodeError(_("Hãy nhập số mã đề hoặc danh sách mã đề."))
    if count > MAX_VERSIONS:
        raise CodeError(_("Tối đa %(max)d mã đề.") % {"max": MAX_VERSIONS})
    return [f"01{n:02d}" for n in range(1, count + 1)]


def _token_codes(token: str) -> list[str]:
    """The codes one typed token stands for: a range (``034-036``) or a single code."""
    if m := re.fullmatch(r"(\d+)\s*[-–]\s*(\d+)", token):
        first, last = m.group(1), m.group(2)
        if int(last) < int(first):
            raise CodeError(
                _("Khoảng mã đề “%(token)s” ngược (số đầu lớn hơn số cuối).") % {"token": token}
            )
        if int(last) - int(first) >= MAX_VERSIONS:
            raise CodeError(_("Tối đa %(max)d mã đề.") % {"max": MAX_VERSIONS})
        width = len(first)
        return [str(n).zfill(width) for n in range(int(first), int(last) + 1)]
    if re.fullmatch(r"[0-9A-Za-z]{1,12}", token):
        return [token]
    raise CodeError(
        _("Mã đề “%(token)s” không hợp lệ: chỉ dùng chữ số/chữ cái, tối đa 12 ký tự.")
        % {"token": token}
    )


def version_seed(seed: int, code: str) -> int:
    return seed * 1_000_003 + sum((i + 1) * ord(ch) for i, ch in enumerate(code))


def _order_choices(data: dict, rng: random.Random, *, shuffle_statements: bool) -> list[int]:
    n = len(data.get("choices") or [])
    order = list(range(n))
    qtype = data.get("qtype")
    if qtype == QType.TRUE_FALSE:
        if not (shuffle_statements and data.get("shuffle_statements", True)):
            return order
    elif qtype not in (QType.SINGLE_CHOICE, QType.MULTIPLE_RESPONSE):
        return order
    if data.get("keep_option_order"):
        return order
    fixed = {i for i, c in enumerate(data["choices"]) if c.get("fixed")}
    movable = [i for i in order if i not in fixed]
    shuffled = movable[:]
    rng.shuffle(shuffled)
    it = iter(shuffled)
    return [i if i in fixed else next(it) for i in order]


def _order_items(items: list[dict], rng: random.Random) -> list[dict]:
    """Shuffle blocks (a lone question, or questions sharing a stimulus) within a part."""
    blocks: list[list[dict]] = []
    by_stimulus: dict[int, list[dict]] = {}
    for item in items:
        stimulus = item["data"].get("stimulus_id")
        if stimulus:
            if stimulus not in by_stimulus:
                by_stimulus[stimulus] = []
                blocks.append(by_stimulus[stimulus])
            by_stimulus[stimulus].append(item)
        else:
            blocks.append([item])
    pinned = {i for i, b in enumerate(blocks) if any(it["data"].get("keep_position") for it in b)}
    movable = [b for i, b in enumerate(blocks) if i not in pinned]
    rng.shuffle(movable)
    it = iter(movable)
    ordered = [blocks[i] if i in pinned else next(it) for i in range(len(blocks))]
    return [item for block in ordered for item in block]


def shuffle_layout(
    items: list[dict],
    *,
    seed: int,
    code: str,
    shuffle_questions: bool = True,
    shuffle_options: bool = True,
    shuffle_statements: bool = True,
) -> list[dict]:
    """One version's layout: ``[{"item": position, "order": [...]}, …]`` in print order.

    ``items`` are ``{"position", "part", "data"}`` dicts in the source paper's order.
    """
    rng = random.Random(version_seed(seed, code))  # noqa: S311 - reproducible shuffles, not secrets
    layout = []
    for part in sorted({i["part"] for i in items}):
        in_part = [i for i in items if i["part"] == part]
        if shuffle_questions:
            in_part = _order_items(in_part, rng)
        for item in in_part:
            order = (
                _order_choices(item["data"], rng, shuffle_statements=shuffle_statements)
                if shuffle_options
                else list(range(len(item["data"].get("choices") or [])))
            )
            layout.append({"item": item["position"], "order": order})
    return layout


def permuted(data: dict, order: list[int]) -> dict:
    """The snapshot with its choices in print order (for renderers and keys)."""
    if not order:
        return data
    out = dict(data)
    out["choices"] = [data["choices"][i] for i in order]
    return out


def decimal_comma(text: str) -> str:
    return (text or "").strip().replace("−", "-").replace(".", ",")


def answer_key(data: dict, part: int) -> str:
    """What the key prints for a question already in print order."""
    choices = data.get("choices") or []
    if part == PART_MC or data.get("qtype") == QType.SINGLE_CHOICE:
        letters = [LETTERS[i] for i, c in enumerate(choices) if c.get("correct")]
        return "".join(letters)
    if part == PART_TF or data.get("qtype") == QType.TRUE_FALSE:
        return "".join("Đ" if c.get("correct") else "S" for c in choices)
    if part == PART_SHORT or data.get("qtype") == QType.SHORT_NUMERIC:
        if data.get("numeric_answer"):
            return decimal_comma(data["numeric_answer"])
        accepted = [c["text"] for c in choices if c.get("correct")]
        return decimal_comma(accepted[0]) if accepted else ""
    return ""
