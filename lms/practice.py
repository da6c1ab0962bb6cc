"""A learner's answer to a bank question embedded in a lesson or e-lecture.

The page shows the question (:mod:`content.practice`); this module turns a posted answer
back into the shape :func:`question_bank.scoring.score` expects, decides when the key and
solution may be shown, and describes the key in words for the result shown after answering.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from content.practice import Embedding, display_order
from question_bank.formats.base import QType
from question_bank.html import plain_text
from question_bank.numeric import NumericAnswerError, parse_numeric

MAX_TEXT = 500


MAX_ESSAY = 10_000


class ResponseInvalid(ValueError):
    """The posted answer does not have the shape of the question type (message in Vietnamese)."""


@dataclass(frozen=True)
class Reveal:
    """Whether an answer's reply carries the key and solution and, when not yet, how many
    more tries until it does (None: it never will, or it does now)."""

    shown: bool
    retry_left: int | None = None


def answer_reveal(
    embedding: Embedding, *, graded: bool, correct: bool, tries: int, solved: bool
) -> Reveal:
    """The page's policy for one answer: the key and solution show after a correct answer
    (this one or an earlier one), after ``embedding.reveal_after`` tries, or at once for an
    ungraded essay (the learner compares with the solution); never when the teacher kept
    them back. ``tries`` counts this answer too."""
    if not embedding.show_solution:
        return Reveal(shown=False)
    if not graded or correct or solved:
        return Reveal(shown=True)
    left = embedding.reveal_after - tries
    return Reveal(shown=True) if left <= 0 else Reveal(shown=False, retry_left=left)


def key_seen_before(
    embedding: Embedding, *, graded: bool, tries_before: int, solved_before: bool
) -> bool:
    """Whether an earlier answer of this learner already brought back the key and solution
    (``tries_before`` answers, ``solved_before`` if one was right): a right answer given
    after that is no proof of learning, and is recorded as not passed."""
    if tries_before <= 0:
        return False
    previous = answer_reveal(
        embedding, graded=graded, correct=False, tries=tries_before, solved=solved_before
    )
    return previous.shown


def wrong_answer_feedback(data: dict, response) -> str:
    """The teacher's feedback (HTML, cleaned when the question was saved) on the options
    the learner chose wrongly, for a single- or multiple-choice ``response`` already
    checked by :func:`check_response`; "" for other types. Never the feedback of a right
    option, nor of true/false statements (knowing a statement was judged wrongly is the
    key), so it helps to try again without giving the answer away."""
    qtype = QType(data["qtype"])
    choices = data.get("choices") or []
    if qtype == QType.SINGLE_CHOICE:
        picked = [response]
    elif qtype == QType.MULTIPLE_RESPONSE:
        picked = list(response)
    else:
        return ""
    return "".join(
        choices[i].get("feedback") or ""
        for i in picked
        if not choices[i]["correct"] and (choices[i].get("feedback") or "").strip()
    )


def _norm(text: str) -> str:
    return " ".join(text.split())


def _match_labels(match_html: str) -> set[str]:
    # The page shows a match as ``striptags``; accept that and the decoded plain text.
    return {_norm(strip_tags(match_html)), _norm(plain_text(match_html))}


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value, *, limit: int, required: bool = True) -> str | None:
    if value is None or value == "":
        if required:
            raise ResponseInvalid(_("Bạn chưa nhập câu trả lời."))
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ResponseInvalid(_("Câu trả lời phải là một đoạn chữ."))
    if len(value) > limit:
        raise ResponseInvalid(_("Câu trả lời dài quá %(limit)d ký tự.") % {"limit": limit})
    if required and not value.strip():
        raise ResponseInvalid(_("Bạn chưa nhập câu trả lời."))
    return value


def _list(value, length: int | None = None) -> list:
    if not isinstance(value, list):
        raise ResponseInvalid(_("Câu trả lời phải là một danh sách."))
    if length is not None and len(value) != length:
        raise ResponseInvalid(
            _("Câu trả lời cần đúng %(n)d mục, nhận được %(got)d.")
            % {"n": length, "got": len(value)}
        )
    return value


def check_response(data: dict, response, *, version_id: int):
    """The posted ``response`` in the shape of :func:`question_bank.scoring.score`.

    Shapes posted by the page: single → option index; multiple → list of indexes;
    true/false → list of true/false/null per statement; numeric, text, essay → string;
    cloze → list of strings (null for empty); matching → list of the chosen answer's text
    (null for none) per premise; ordering → the shown positions in the chosen order.
    Raises :class:`ResponseInvalid` when the shape is wrong or nothing was answered.
    """
    qtype = QType(data["qtype"])
    choices = data.get("choices") or []
    checker = RESPONSE_CHECKERS.get(qtype)
    if checker is None:
        raise ResponseInvalid(_("Dạng câu hỏi này chưa hỗ trợ trả lời trực tuyến."))
    return checker(data, choices, response, version_id=version_id)


def _single_choice(data: dict, choices: list, response, *, version_id: int) -> int:
    if response is None:
        raise ResponseInvalid(_("Hãy chọn một phương án."))
    if not _is_int(response) or not 0 <= response < len(choices):
        raise ResponseInvalid(_("Phương án đã chọn không tồn tại."))
    return response


def _multiple_response(data: dict, choices: list, response, *, version_id: int) -> list[int]:
    picked = _list(response)
    if not picked:
        raise ResponseInvalid(_("Hãy chọn ít nhất một phương án."))
    if not all(_is_int(i) and 0 <= i < len(choices) for i in picked):
        raise ResponseInvalid(_("Phương án đã chọn không tồn tại."))
    if len(set(picked)) != len(picked):
        raise ResponseInvalid(_("Mỗi phương án chỉ được chọn một lần."))
    return sorted(picked)


def _true_false(data: dict, choices: list, response, *, version_id: int) -> list:
    answers = _list(response, len(choices))
    if not all(a is None or isinstance(a, bool) for a in answers):
        raise ResponseInvalid(_("Mỗi mệnh đề chỉ nhận Đúng, Sai hoặc bỏ trống."))
    if all(a is None for a in answers):
        raise ResponseInvalid(_("Hãy chọn Đúng hoặc Sai cho ít nhất một mệnh đề."))
    return answers


def _short_numeric(data: dict, choices: list, response, *, version_id: int) -> str:
    text = _text(response, limit=30).strip()
    try:
        parse_numeric(text)
    except NumericAnswerError as exc:
        raise ResponseInvalid(_("Đáp án số không hợp lệ: %(reason)s.") % {"reason": exc}) from exc
    return text


def _short_text(data: dict, choices: list, response, *, version_id: int) -> str:
    return _text(response, limit=MAX_TEXT)


def _essay(data: dict, choices: list, response, *, version_id: int) -> str:
    return _text(response, limit=MAX_ESSAY)


def _cloze(data: dict, choices: list, response, *, version_id: int) -> list:
    blanks = data.get("blanks") or []
    answers = [_text(a, limit=200, required=False) for a in _list(response, len(blanks))]
    if all(a is None or not a.strip() for a in answers):
        raise ResponseInvalid(_("Hãy điền ít nhất một chỗ trống."))
    return answers


def _matching(data: dict, choices: list, response, *, version_id: int) -> list:
    """Each premise's chosen answer text turned back into the index of its choice."""
    premises = [i for i, c in enumerate(choices) if plain_text(c["text"])]
    picked = _list(response, len(premises))
    labels = [_match_labels(c.get("match") or "") for c in choices]
    indexes = [_match_index(text, choices, labels) for text in picked]
    if all(i is None for i in indexes):
        raise ResponseInvalid(_("Hãy ghép ít nhất một cặp."))
    return indexes


def _match_index(text, choices: list, labels: list[set[str]]) -> int | None:
    """The choice whose match the page showed as ``text``; None when left empty."""
    if text is None or text == "":
        return None
    if not isinstance(text, str):
        raise ResponseInvalid(_("Vế ghép phải là một đoạn chữ."))
    found = next(
        (i for i, c in enumerate(choices) if c.get("match") and _norm(text) in labels[i]),
        None,
    )
    if found is None:
        raise ResponseInvalid(_("Vế ghép đã chọn không tồn tại."))
    return found


def _ordering(data: dict, choices: list, response, *, version_id: int) -> list[int]:
    """The shown positions mapped back to the items' own order (the page shuffles them by
    ``version_id``)."""
    shown = _list(response, len(choices))
    if sorted(p for p in shown if _is_int(p)) != list(range(len(choices))):
        raise ResponseInvalid(_("Thứ tự gửi lên phải gồm mỗi mục đúng một lần."))
    order = display_order(version_id, len(choices))
    return [order[p] for p in shown]


# One check per type answered on the page: (snapshot, its choices, posted response) → the
# response as scoring expects it.
RESPONSE_CHECKERS = {
    QType.SINGLE_CHOICE: _single_choice,
    QType.MULTIPLE_RESPONSE: _multiple_response,
    QType.TRUE_FALSE: _true_false,
    QType.SHORT_NUMERIC: _short_numeric,
    QType.SHORT_TEXT: _short_text,
    QType.ESSAY: _essay,
    QType.CLOZE: _cloze,
    QType.MATCHING: _matching,
    QType.ORDERING: _ordering,
}


def answer_key_text(data: dict) -> str:
    """The correct answer in words (LaTeX delimiters kept, for KaTeX in the page)."""
    qtype = QType(data["qtype"])
    choices = data.get("choices") or []
    letters = "abcdefgh" if qtype == QType.TRUE_FALSE else "ABCDEFGH"

    def label(i: int) -> str:
        return letters[i] if i < len(letters) else str(i + 1)

    if qtype in (QType.SINGLE_CHOICE, QType.MULTIPLE_RESPONSE):
        return ", ".join(
            f"{label(i)}. {plain_text(c['text'])}" for i, c in enumerate(choices) if c["correct"]
        )
    if qtype == QType.TRUE_FALSE:
        return "; ".join(
            f"{label(i)}) {_('Đúng') if c['correct'] else _('Sai')}" for i, c in enumerate(choices)
        )
    if qtype == QType.SHORT_NUMERIC:
        return data.get("numeric_answer") or ""
    if qtype == QType.SHORT_TEXT:
        return " / ".join(plain_text(c["text"]) for c in choices if c["correct"])
    if qtype == QType.CLOZE:
        return "; ".join(
            f"({n}) "
            + " / ".join(plain_text(a["text"]) for a in blank.get("answers", []) if a["correct"])
            for n, blank in enumerate(data.get("blanks") or [], start=1)
        )
    if qtype == QType.MATCHING:
        return "; ".join(
            f"{plain_text(c['text'])} → {plain_text(c['match'])}"
            for c in choices
            if plain_text(c["text"])
        )
    if qtype == QType.ORDERING:
        return " → ".join(plain_text(c["text"]) for c in choices)
    return ""


def score_text(value: Decimal) -> str:
    """A score shown to people, in the active language: "1", "0,25" (vi), "0.25" (en), "0"."""
    text = f"{value.quantize(Decimal('0.0001')).normalize():f}"
    return number_format(Decimal(text), use_l10n=True)
