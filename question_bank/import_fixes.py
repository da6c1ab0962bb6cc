"""The teacher's fixes on the preview page of an import: a question's key, type and text.

A fix is kept in the job's report (``report["fixes"]``, by the question's position in the
file — printed numbers can repeat) and shown back at once: the question rendered with the
fix, its remaining errors beside it in Vietnamese. The save re-reads the file and applies
the fixes to the questions at the same positions (:func:`apply_fixes`), then re-checks
every question as usual: a fix that resolves a question's problems lets it be saved, one
that does not still saves nothing.

A fix confirms the question as the teacher sees it on the page, so the reader's own doubts
about it (two conflicting marks, options out of order) are replaced by the common rules of
its type (:func:`question_bank.formats.base.validate_question`).

Which fields can be fixed depends on the question's parts: options (single ↔ multiple
response, an unmarked item becomes single choice once a key is chosen), Đúng/Sai statements
(each statement's Đ/S), or an answer (short text ↔ number). Cloze, matching and ordering
questions and questions the reader could not build are fixed in the file or left out.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping

from django.utils.translation import gettext as _
from wagtail import hooks

from question_bank.formats.base import (
    QTYPE_LABELS,
    Choice,
    ParsedQuestion,
    ParseResult,
    Problem,
    QType,
    validate_question,
)
from question_bank.html import clean_html, plain_text, text_to_html

FIX_ACTION = "question_bank.import.fix"
CHOICE, TRUE_FALSE, SHORT = "choice", "true_false", "short"
_SOURCE = re.compile(r'src="[^"]*" data-asset="([^"]+)"(?: alt="[^"]*" title="[^"]*")?')
_PICTURE = re.compile(r'src="(data:[^"]*)" data-asset="([^"]+)"')


@hooks.register("register_log_actions")
def register_fix_action(actions):
    actions.register_action(FIX_ACTION, _("Sửa câu hỏi khi nhập"), _("Đã sửa câu hỏi khi nhập"))


# --- what an item of the preview offers -------------------------------------------------
def fix_kind(item: dict) -> str | None:
    """Which fix form fits the question as the file gave it (None: no fix on the page)."""
    if item.get("broken") or not item.get("position"):
        return None
    qtype, has_choices = item.get("qtype"), bool(item.get("choices"))
    if qtype in (QType.SINGLE_CHOICE, QType.MULTIPLE_RESPONSE) or (
        qtype == QType.ESSAY and has_choices
    ):
        return CHOICE
    if qtype == QType.TRUE_FALSE:
        return TRUE_FALSE
    if qtype == QType.ESSAY and item.get("problems"):
        return None  # what the reader could not read as anything else is fixed in the file
    if qtype in (QType.SHORT_TEXT, QType.SHORT_NUMERIC, QType.ESSAY):
        return SHORT
    return None


def allowed_types(item: dict) -> list[QType]:
    """The types the question's parts fit. An essay stays possible only if the file made
    it one without a doubt: an item the reader could not build is never turned into one."""
    kind = fix_kind(item)
    types = {
        CHOICE: [QType.SINGLE_CHOICE, QType.MULTIPLE_RESPONSE],
        TRUE_FALSE: [QType.TRUE_FALSE],
        SHORT: [QType.SHORT_TEXT, QType.SHORT_NUMERIC],
    }.get(kind, [])
    if types and item.get("qtype") == QType.ESSAY and not item.get("problems"):
        types.append(QType.ESSAY)  # (an essay with options and problems: fix_kind)
    return types


def to_source(value: str) -> str:
    """The HTML of a preview field as it is edited: each inlined picture back to ``asset:``."""
    return _SOURCE.sub(lambda m: f'src="asset:{m.group(1)}"', value or "")


def pictures_of(item: dict) -> dict[str, str]:
    """name → ``data:`` URL of the pictures inlined in an item (to show them in a fix)."""
    texts = [item.get(k, "") for k in ("stem", "solution", "marking_guide")]
    for c in item.get("choices", []):
        texts += [c.get("text", ""), c.get("feedback", ""), c.get("match", "")]
    return {name: url for t in texts for url, name in _PICTURE.findall(t)}


def form_context(item: dict) -> dict | None:
    """What the fix form of an item shows: the current type, key and texts."""
    original = item.get("original") or item
    kind = fix_kind(original)
    if kind is None:
        return None
    answers = (
        [item["numeric_answer"]]
        if item.get("qtype") == QType.SHORT_NUMERIC
        else [plain_text(c["text"]) for c in item.get("choices", []) if c.get("correct")]
    )
    return {
        "kind": kind,
        "types": [(t.value, str(QTYPE_LABELS[t])) for t in allowed_types(original)],
        "qtype": item.get("qtype"),
        "stem": to_source(item.get("stem", "")),
        "solution": to_source(item.get("solution", "")),
        "choices": _form_choices(original, item.get("fix")) if kind != SHORT else [],
        "answers": "\n".join(a for a in answers if a),
        "open": bool(item.get("fix") and item.get("problems")),
    }


def _form_choices(original: dict, fix: dict | None) -> list[dict]:
    """One row per option of the file, by its index there (an option the teacher emptied
    keeps its row, empty), with the fix's text and key where there is a fix."""
    texts = (fix or {}).get("choices")
    key = (fix or {}).get("key")
    return [
        {
            "index": i,
            "label": c["label"],
            "text": texts[i] if texts and i < len(texts) else to_source(c["text"]),
            "correct": c["correct"] if key is None else _key_says(key, i),
        }
        for i, c in enumerate(original.get("choices", []))
    ]


# --- reading a fix from the form --------------------------------------------------------
def fix_from_post(item: dict, data: Mapping) -> tuple[dict, list[str]]:
    """The fix the form describes (every field the form shows: the teacher confirms the
    question as it stands) and the form's own errors, in Vietnamese."""
    original = item.get("original") or item
    kind = fix_kind(original)
    errors: list[str] = []
    qtype = data.get("qtype") or original.get("qtype")
    if qtype not in {t.value for t in allowed_types(original)}:
        errors.append(_("dạng câu hỏi đã chọn không dùng được cho câu này"))
        qtype = original.get("qtype")
    fix: dict = {"ref": original["ref"], "qtype": qtype}
    # Texts are kept only where they differ from the file's (sanitised both sides).
    for name in ("stem", "solution"):
        value = clean_html(data.get(name, ""))
        if name in data and value != clean_html(to_source(original.get(name, ""))):
            fix[name] = value
    count = len(original.get("choices", []))
    if kind in (CHOICE, TRUE_FALSE):
        texts = [clean_html(data.get(f"choice_{i}", "")) for i in range(count)]
        before = [clean_html(to_source(c["text"])) for c in original.get("choices", [])]
        if any(f"choice_{i}" in data for i in range(count)) and texts != before:
            fix["choices"] = texts
        if kind == CHOICE:
            chosen = set(_getlist(data, "key"))
            fix["key"] = [i for i in range(count) if str(i) in chosen]
        else:
            fix["key"] = [data.get(f"tf_{i}") == "d" for i in range(count)]
    elif kind == SHORT:
        lines = [s.strip() for s in (data.get("answers") or "").splitlines()]
        fix["answers"] = [s for s in lines if s]
    return fix, errors


def fix_checked(item: dict, data: Mapping) -> tuple[dict, ParsedQuestion, list[str]]:
    """The fix the form describes, the question it makes of the item and that question's
    errors (the form's, then the common rules of its type), in Vietnamese."""
    original = item.get("original") or item
    fix, errors = fix_from_post(original, data)
    fixed = apply_fix(question_from_item(original), fix)
    errors += [e for e in validate_question(fixed) if e not in errors]
    return fix, fixed, errors


def _getlist(data: Mapping, name: str) -> list[str]:
    getlist = getattr(data, "getlist", None)
    if getlist is not None:
        return getlist(name)
    value = data.get(name, [])
    return value if isinstance(value, list) else [value]


# --- applying a fix -------------------------------------------------------------------
def _has_content(html: str) -> bool:
    return bool(plain_text(html).strip()) or "<img" in html


def apply_fix(q: ParsedQuestion, fix: dict) -> ParsedQuestion:
    """A copy of ``q`` with the teacher's fix (HTML sanitised); ``q`` is left as it was."""
    fixed = copy.copy(q)
    fixed.needs_review = list(q.needs_review)
    fixed.qtype = QType(fix.get("qtype") or q.qtype)
    if "stem" in fix:
        fixed.stem = clean_html(fix["stem"])
    if "solution" in fix:
        fixed.solution = clean_html(fix["solution"])
    if fixed.qtype in (QType.SHORT_TEXT, QType.SHORT_NUMERIC, QType.ESSAY):
        answers = fix.get("answers")
        same = [plain_text(c.text) for c in q.correct_choices] or [q.numeric_answer]
        if fixed.qtype == q.qtype and (answers is None or answers == same):
            return fixed  # the answers as the file gave them, formatting included
        answers = answers or []
        fixed.choices, fixed.numeric_answer = [], ""
        if fixed.qtype == QType.SHORT_TEXT:
            fixed.choices = [Choice(text=text_to_html(a), correct=True) for a in answers]
        elif fixed.qtype == QType.SHORT_NUMERIC:
            fixed.numeric_answer = answers[0] if answers else ""
        return fixed
    texts = fix.get("choices") or [c.text for c in q.choices]
    key = fix.get("key")
    choices = []
    for i, (old, text) in enumerate(zip(q.choices, texts, strict=False)):
        if not _has_content(text):
            continue  # an option the teacher emptied is removed
        correct = old.correct if key is None else _key_says(key, i)
        choices.append(
            Choice(
                text=clean_html(text),
                correct=correct,
                feedback=old.feedback,
                fixed=old.fixed,
                match=old.match,
                ident=old.ident,
            )
        )
    fixed.choices = choices
    return fixed


def _key_says(key: list, i: int) -> bool:
    if key and isinstance(key[0], bool):
        return i < len(key) and key[i]  # Đúng/Sai: one value per statement
    return i in key


def question_from_item(item: dict) -> ParsedQuestion:
    """The question an item of the preview shows, enough to check a fix before the save
    (its pictures by name only: the save re-reads them from the file)."""
    return ParsedQuestion(
        qtype=QType(item["qtype"]),
        stem=to_source(item.get("stem", "")),
        choices=[
            Choice(text=to_source(c["text"]), correct=c["correct"], match=c.get("match", ""))
            for c in item.get("choices", [])
        ],
        numeric_answer=item.get("numeric_answer", ""),
        solution=to_source(item.get("solution", "")),
        part=item.get("part"),
        ref=item.get("ref", ""),
        assets=dict.fromkeys(pictures_of(item), b""),
    )


def apply_fixes(
    result: ParseResult, fixes: Mapping[str, dict], check: Callable[[ParsedQuestion], list[str]]
) -> list[dict]:
    """Apply the stored fixes (by position) to a freshly read file; each fixed question is
    checked again with ``check`` and goes into ``result.questions`` only without errors.
    Returns what was fixed, for the audit entry."""
    if not fixes:
        return []
    ordered = result.in_file_order()
    good = {id(q) for q in result.questions}
    ok = [id(q) in good for q in ordered]
    done = []
    for key in sorted(fixes, key=int):
        fix, position = fixes[key], int(key)
        if not 1 <= position <= len(ordered) or ordered[position - 1].ref != fix.get("ref"):
            result.problems.append(Problem(fix.get("ref", ""), _moved(position)))
            continue
        q = ordered[position - 1]
        resolved = [
            p.message for p in result.problems if p.where == q.ref and p.severity == "error"
        ]
        result.problems = [
            p for p in result.problems if not (p.where == q.ref and p.severity == "error")
        ]
        fixed = apply_fix(q, fix)
        errors = check(fixed)
        result.problems += [Problem(q.ref, e) for e in errors]
        ordered[position - 1], ok[position - 1] = fixed, not errors
        done.append({"position": position, "where": q.ref, **describe(fix), "resolved": resolved})
    result.questions = [q for q, fine in zip(ordered, ok, strict=True) if fine]
    result.rejected = [
        (i, q) for i, (q, fine) in enumerate(zip(ordered, ok, strict=True)) if not fine
    ]
    return done


def _moved(position: int) -> str:
    return _(
        "không còn thấy câu này ở vị trí thứ %(n)s trong tệp: sửa đổi không áp dụng được, "
        "hãy sửa lại trên trang xem trước"
    ) % {"n": position}


def describe(fix: dict) -> dict:
    """A fix as the audit log keeps it: the type, the key and which texts were changed."""
    out = {"qtype": fix.get("qtype")}
    for name in ("key", "answers"):
        if name in fix:
            out[name] = fix[name]
    out["texts"] = [name for name in ("stem", "choices", "solution") if name in fix]
    return out
