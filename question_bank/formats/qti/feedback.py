"""Where an item's feedback goes, as QTI shows it.

QTI shows a ``modalFeedback``/``feedbackBlock``/``feedbackInline`` when its outcome
(``outcomeIdentifier``, usually FEEDBACK) holds its ``identifier`` (``showHide="show"``) or
does not (``"hide"``). The outcome is set by the responseProcessing: to the response itself
(``<variable identifier="RESPONSE"/>``, so a feedback named after an option is that option's),
or to values like ``correct``/``incorrect`` in the branches of a condition that matches the
response against the key. So:

* a feedback named after an option and shown: that option's feedback;
* one named after an option and *hidden* when that option is chosen: the other options'
  (a single-choice item's "wrong, the answer is B" hidden on B is never glued to B);
* one shown only on a right answer: the right options' feedback; only on a wrong answer: the
  wrong options' feedback (general feedback for items without options, with a note);
* anything else, general feedback.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from question_bank.formats.base import Choice, QType

RIGHT, WRONG = "right", "wrong"
_BRANCHES = ("responseIf", "responseElseIf", "responseElse")


@dataclass
class Branches:
    """The outcome values the responseProcessing sets on a right and on a wrong answer."""

    right: dict[str, set[str]] = field(default_factory=dict)
    wrong: dict[str, set[str]] = field(default_factory=dict)

    def when(self, outcome: str, value: str) -> str | None:
        """RIGHT or WRONG if ``value`` of ``outcome`` is set only on that kind of answer."""
        on_right = value in self.right.get(outcome, ())
        on_wrong = value in self.wrong.get(outcome, ())
        if on_right != on_wrong:
            return RIGHT if on_right else WRONG
        return None


def _is_match_correct(expr: etree._Element) -> bool:
    return expr.tag == "match" and any(c.tag == "correct" for c in expr)


def _kind(branch: etree._Element, previous: str | None) -> str | None:
    """RIGHT/WRONG for a branch whose condition compares the response with the key."""
    if branch.tag == "responseElse":
        return {RIGHT: WRONG, WRONG: RIGHT}.get(previous or "")
    expr = next((c for c in branch if isinstance(c.tag, str)), None)
    if expr is None:
        return None
    if _is_match_correct(expr):
        return RIGHT
    if expr.tag == "not" and len(expr) and _is_match_correct(expr[0]):
        return WRONG
    if expr.tag == "isNull":
        return WRONG  # nothing answered
    return None


def branches(root: etree._Element) -> Branches:
    out = Branches()
    processing = root.find("responseProcessing")
    if processing is None:
        return out
    for condition in processing.iter("responseCondition"):
        previous = None
        for branch in condition:
            if branch.tag not in _BRANCHES:
                continue
            kind = _kind(branch, previous)
            previous = kind if branch.tag == "responseIf" else previous
            if kind is None:
                continue
            target = out.right if kind == RIGHT else out.wrong
            for setter in branch.findall("setOutcomeValue"):
                value = setter.find("baseValue")
                if value is not None and (value.text or "").strip():
                    target.setdefault(setter.get("identifier", ""), set()).add(value.text.strip())
    return out


@dataclass
class Feedback:
    ident: str
    text: str
    title: str = ""
    show: bool = True  # showHide="show"
    outcome: str = "FEEDBACK"

    @classmethod
    def of(cls, el: etree._Element, text: str) -> Feedback:
        return cls(
            ident=el.get("identifier", ""),
            text=text,
            title=el.get("title", ""),
            show=el.get("showHide", "show") != "hide",
            outcome=el.get("outcomeIdentifier", "FEEDBACK"),
        )


def targets(
    fb: Feedback, qtype: QType, choices: list[Choice], rules: Branches
) -> list[Choice] | None:
    """The options whose feedback ``fb`` is, or None for general feedback."""
    options = qtype in (QType.SINGLE_CHOICE, QType.MULTIPLE_RESPONSE)
    named = [c for c in choices if c.ident and c.ident == fb.ident]
    if named and qtype in (QType.SINGLE_CHOICE, QType.MULTIPLE_RESPONSE, QType.TRUE_FALSE):
        if fb.show:
            return named
        return [c for c in choices if c not in named] if qtype == QType.SINGLE_CHOICE else None
    when = rules.when(fb.outcome, fb.ident)
    if when is not None and not fb.show:
        when = RIGHT if when == WRONG else WRONG
    if when is None or not options:
        return None
    return [c for c in choices if c.correct == (when == RIGHT)] or None


def wrong_only(fb: Feedback, rules: Branches) -> bool:
    when = rules.when(fb.outcome, fb.ident)
    return (when == WRONG and fb.show) or (when == RIGHT and not fb.show)
