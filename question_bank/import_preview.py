"""The preview of an import, question by question, and the teacher's choice of what to save.

When a file has been read (:func:`question_bank.tasks.import_preview_task`), every question
is stored in the job's report as the student will see it: sanitised HTML with its pictures
inlined (``data:`` URLs, which the admin's CSP allows), the type, the key, and each doubt
or problem of that question in Vietnamese beside it. A question read whole but rejected for
its errors is shown too, at its position in the file; one the parser could not build at all
is an item with its problems and no content, at the place its parser recorded
(``ParseResult.unbuilt``: Moodle XML, GIFT, Aiken, QTI) or by its number among the others.

On the page the teacher fixes a question in place (:mod:`question_bank.import_fixes`: key,
type, texts; kept in the report under ``fixes`` by position) or leaves it out (every
question with an error must be fixed or left out), and saves the rest: the choice is kept
in the report (``leave_out``) and the save re-reads the whole file, applies the fixes,
drops exactly the questions left out, re-checks everything and writes in one transaction —
or saves nothing.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from question_bank import audit, import_fixes, permissions
from question_bank.convert import blanks_to_json
from question_bank.formats.base import QTYPE_LABELS, ParseResult, QType
from question_bank.formats.docx import wmf
from question_bank.html import clean_html, plain_text
from question_bank.rendering import LETTERS, STATEMENT_LETTERS, _cloze_html

MAX_ITEMS = 2000  # questions rendered on the page; a bigger file shows its counts only
MAX_INLINE_BYTES = 8 * 1024 * 1024  # pictures inlined in the report, all questions together
_ASSET = re.compile(r'src="asset:([^"]+)"')
_SHOWN = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
          ".webp": "image/webp", ".bmp": "image/bmp"}  # fmt: skip
_NUMBER = re.compile(r"(?:Câu|Bài|Dòng|Question)\s+(\d+)", re.I)
NOT_SHOWN_PICTURE = "[ảnh không hiển thị được trên trình duyệt]"


class _Inliner:
    """``src="asset:NAME"`` → a ``data:`` URL, within one budget for the whole report. The
    picture keeps its name (``data-asset``, added after sanitising) for the fix form."""

    def __init__(self, shown: dict[str, str] | None = None):
        self.left = MAX_INLINE_BYTES
        self.shown = shown  # name → data: URL already inlined (re-rendering a fixed item)

    def html(self, value: str, assets: dict[str, bytes]) -> str:
        value = clean_html(value)
        if "asset:" not in value:
            return value
        return _ASSET.sub(lambda m: self._src(m.group(1), assets), value)

    def _src(self, name: str, assets: dict[str, bytes]) -> str:
        if self.shown is not None:
            url = self.shown.get(name)
            if url:
                return f'src="{url}" data-asset="{name}"'
            return f'src="" data-asset="{name}" alt="{NOT_SHOWN_PICTURE}" title="{name}"'
        data = assets.get(name)
        mime = _SHOWN.get(("." + name.rsplit(".", 1)[-1]).lower()) if "." in name else None
        if data is None or mime is None or len(data) > self.left:
            return f'src="" data-asset="{name}" alt="{NOT_SHOWN_PICTURE}" title="{name}"'
        self.left -= len(data)
        return f'src="data:{mime};base64,{base64.b64encode(data).decode()}" data-asset="{name}"'


def _sort_key(ref: str, position: int) -> tuple[int, int]:
    m = _NUMBER.search(ref or "")
    return (int(m.group(1)) if m else 10**9, position)


def _place(items: list[dict], broken: list[dict], unbuilt: Mapping[str, int]) -> list[dict]:
    """The questions in file order, each question that could not be built at the place its
    parser recorded (``ParseResult.unbuilt``: after that many questions read), else after
    the last one before it with the same prefix ("Phần II, ") and a smaller number."""
    ordered = list(items)
    for item in broken:
        if item["ref"] in unbuilt:
            after = unbuilt[item["ref"]]
            at = next(
                (i for i, o in enumerate(ordered) if o.get("position", 0) > after), len(ordered)
            )
            ordered.insert(at, item)
        else:
            _place_by_number(ordered, item)
    return ordered


def _place_by_number(ordered: list[dict], item: dict) -> None:
    """Put an item that could not be built after its neighbour by printed number."""
    m = _NUMBER.search(item["ref"] or "")
    if m is None:
        ordered.append(item)
        return
    prefix, number = item["ref"][: m.start()], int(m.group(1))
    before = after = None
    for i, other in enumerate(ordered):
        o = _NUMBER.search(other["ref"] or "")
        if o is None or other["ref"][: o.start()] != prefix:
            continue
        if int(o.group(1)) < number:
            before = i
        elif after is None:
            after = i
    if before is not None:
        ordered.insert(before + 1, item)
    elif after is not None:
        ordered.insert(after, item)
    else:
        ordered.append(item)


def _review(q) -> list[str]:
    """The question's doubts, and a WMF/EMF picture no browser shows (any format)."""
    review = list(q.needs_review)
    shown = [n for n in q.assets if wmf.is_metafile_name(n)]
    if shown and not any(r in review for r in (wmf.NOT_SHOWN, wmf.NO_CONVERTER)):
        review.append(wmf.NOT_SHOWN)
    return review


def _question_item(q, position: int, inline: _Inliner) -> dict:
    qtype = QType(q.qtype)
    letters = STATEMENT_LETTERS if qtype == QType.TRUE_FALSE else LETTERS
    stem = inline.html(q.stem, q.assets)
    blanks = blanks_to_json(q.blanks)
    if qtype == QType.CLOZE:
        stem = _cloze_html(stem, blanks)
    return {
        "ref": q.ref,
        "position": position,
        "qtype": qtype.value,
        "qtype_label": str(QTYPE_LABELS[qtype]),
        "part": q.part,
        "level": q.level,
        "points": q.points,
        "group": q.group,
        "stem": stem,
        "choices": [
            {
                "label": letters[i] if i < len(letters) else str(i + 1),
                "text": inline.html(c.text, q.assets),
                "match": inline.html(c.match, q.assets),
                "correct": c.correct,
                "feedback": inline.html(c.feedback, q.assets),
            }
            for i, c in enumerate(q.choices)
        ],
        "numeric_answer": q.numeric_answer,
        "blanks": blanks,
        "solution": inline.html(q.solution, q.assets),
        "marking_guide": inline.html(q.marking_guide, q.assets),
        "review": _review(q),
        "problems": [],
        "warnings": [],
        "duplicates": [],
    }


def preview_items(result: ParseResult, duplicates: list[str] = ()) -> dict:
    """Every question of ``result`` (and every question it could not build) for the page."""
    inline = _Inliner()
    # Every question read, the rejected ones too (the teacher may fix them), by position.
    everything = result.in_file_order()
    items = [_question_item(q, i, inline) for i, q in enumerate(everything[:MAX_ITEMS], start=1)]
    by_ref = {}
    for item in items:
        by_ref.setdefault(item["ref"], item)
    broken: dict[str, dict] = {}
    for p in result.problems:
        target = by_ref.get(p.where)
        if target is None and p.severity == "error":
            target = broken.get(p.where)
            if target is None:
                target = broken[p.where] = {"ref": p.where, "position": 0, "broken": True,
                                            "problems": [], "warnings": [], "review": [],
                                            "duplicates": []}  # fmt: skip
        if target is None:
            continue
        target["problems" if p.severity == "error" else "warnings"].append(p.message)
    for line in duplicates:
        ref, _sep, message = line.partition(": ")
        if ref in by_ref:
            by_ref[ref]["duplicates"].append(message)
    ordered = _place(items, list(broken.values()), result.unbuilt)
    groups = {
        g.key: {"title": g.title, "stimulus": inline.html(g.stimulus, g.assets)}
        for g in result.groups
    }
    return {
        "items": ordered,
        "groups": groups,
        "hidden": max(0, len(everything) - MAX_ITEMS),
    }


def item_context(item: dict, groups: dict, shown_groups: set) -> dict:
    """Context for ``question_bank/includes/question.html`` (the student's view, key shown)
    from one stored item; the HTML was sanitised when the item was built."""
    choices = [
        {
            **c,
            "text": mark_safe(c["text"]),  # noqa: S308 - clean_html in preview_items
            "match": mark_safe(c["match"]),  # noqa: S308
            "feedback": mark_safe(c["feedback"]),  # noqa: S308
        }
        for c in item.get("choices", [])
    ]
    group = groups.get(item.get("group") or "")
    stimulus = ""
    if group and item["group"] not in shown_groups:
        shown_groups.add(item["group"])
        stimulus = mark_safe(group["stimulus"])  # noqa: S308
    qtype = item.get("qtype", "")
    return {
        "item": item,
        "q": {"pk": f"import-{item.get('position')}", "points": item.get("points")},
        "qtype": qtype,
        "qtype_label": item.get("qtype_label", ""),
        "stimulus": stimulus,
        "stem": mark_safe(item.get("stem", "")),  # noqa: S308
        "items": choices,
        "premises": [c for c in choices if plain_text(c["text"])],
        "matches": sorted({c["match"] for c in choices if c["match"]}, key=str)
        if qtype == QType.MATCHING
        else [],
        "show_key": True,
        "solution": mark_safe(item.get("solution", "")),  # noqa: S308
        "marking_guide": mark_safe(item.get("marking_guide", "")),  # noqa: S308
        "numeric_answer": item.get("numeric_answer", ""),
        "accepted": [c for c in choices if c["correct"]],
        "blanks": item.get("blanks", []),
        "doubtful": bool(item.get("broken") or item.get("problems") or item.get("review")),
        "fix": import_fixes.form_context(item),
    }


def unresolved(report: dict, leave_out: set[str]) -> list[str]:
    """The questions with an error that are not left out: a save would save nothing. An
    error of the whole file (no question named) cannot be left out."""
    refs = {it["ref"] for it in report.get("items", []) if it.get("problems")}
    return sorted(refs - (leave_out - {""}), key=lambda r: _sort_key(r, 0))


def import_job_leave_out(*, user, job, refs) -> list[str]:
    """Record which questions of a previewed job the teacher leaves out; returns the
    problems that still stop the save (then nothing is recorded)."""
    if not permissions.can_use_import_job(user, job):
        raise PermissionDenied(_("Bạn không được xác nhận lượt nhập này."))
    report = dict(job.report or {})
    known = {it["ref"] for it in report.get("items", [])}
    chosen = sorted({r for r in refs if r in known}, key=lambda r: _sort_key(r, 0))
    left = unresolved(report, set(chosen))
    if left:
        return [
            _("%(ref)s còn lỗi: hãy bỏ qua câu này hoặc sửa tệp rồi tải lên lại.") % {"ref": r}
            if r
            else _("Tệp có lỗi chung (không thuộc câu nào): hãy sửa tệp rồi tải lên lại.")
            for r in left
        ]
    saved = report.get("total", 0) - len([r for r in chosen if r in _good_refs(report)])
    if saved <= 0:
        return [_("Bạn đã bỏ qua mọi câu hỏi: không có câu nào để lưu.")]
    report["leave_out"] = chosen
    type(job).objects.filter(pk=job.pk).update(report=report)
    job.report = report
    audit.log_entry(
        job.bank,
        "question_bank.import.leave_out",
        user=user,
        data={"job": job.pk, "leave_out": chosen},
    )
    return []


def _good_refs(report: dict) -> set[str]:
    """The questions counted in ``report["total"]``: built without an error, or fixed."""
    return {
        it["ref"]
        for it in report.get("items", [])
        if not it.get("broken") and not it.get("problems")
    }


# --- fixing a question on the page (import_fixes) ---------------------------------------
class ImportFixRefused(ValueError):
    """The fix cannot be made (the job is no longer previewed, no such question); Vietnamese."""


def import_job_fix(
    *, user, job, position: int, data: Mapping, reset: bool = False, leave_out=None
) -> dict:
    """Fix the question at ``position`` of a previewed job as the form ``data`` says (or,
    with ``reset``, take it back as the file gives it): the fix is kept in the report and
    the question shown with it. Returns the new item; its ``problems`` are the errors left
    after the fix (empty: it will be saved). ``leave_out``: the questions ticked "Bỏ qua"
    on the page meanwhile, kept so that the page shows them again (the save checks them)."""
    if not permissions.can_use_import_job(user, job):
        raise PermissionDenied(_("Bạn không được sửa lượt nhập này."))
    if job.state != job.State.PREVIEW:
        raise ImportFixRefused(_("Lượt nhập này không còn ở bước xem trước nên không sửa được."))
    report = dict(job.report or {})
    items = list(report.get("items") or [])
    index = next(
        (
            i
            for i, it in enumerate(items)
            if it.get("position") == position and not it.get("broken")
        ),
        None,
    )
    if index is None:
        raise ImportFixRefused(_("Không tìm thấy câu hỏi thứ %(n)s trong tệp.") % {"n": position})
    current = items[index]
    original = current.get("original") or current
    if import_fixes.fix_kind(original) is None:
        raise ImportFixRefused(
            _("%(ref)s: dạng câu này không sửa được trên trang, hãy sửa tệp hoặc bỏ qua câu này.")
            % {"ref": original["ref"]}
        )
    fixes = dict(report.get("fixes") or {})
    if reset:
        new, fix = original, None
        fixes.pop(str(position), None)
    else:
        fix, fixed, errors = import_fixes.fix_checked(original, data)
        new = _fixed_item(original, fixed, fix, errors)
        fixes[str(position)] = fix
    _retally(report, current, new)
    items[index] = new
    report.update(items=items, fixes=fixes)
    if leave_out is not None:
        known = {it["ref"] for it in items}
        report["leave_out"] = sorted({r for r in leave_out if r in known}, key=_sort_key_ref)
    type(job).objects.filter(pk=job.pk).update(report=report)
    job.report = report
    audit.log_entry(
        job.bank,
        import_fixes.FIX_ACTION,
        user=user,
        data={
            "job": job.pk,
            "position": position,
            "where": original["ref"],
            "fix": import_fixes.describe(fix) if fix else None,
            "errors": new.get("problems", []),
        },
    )
    return new


def _sort_key_ref(ref: str) -> tuple[int, int]:
    return _sort_key(ref, 0)


def _fixed_item(original: dict, q, fix: dict, errors: list[str]) -> dict:
    """The item of a fixed question: rendered again (its pictures as they were shown), the
    file's problems kept as resolved, the fix's own errors beside it."""
    item = _question_item(
        q, original["position"], _Inliner(shown=import_fixes.pictures_of(original))
    )
    for key in ("ref", "part", "level", "points", "group", "review", "warnings", "duplicates"):
        item[key] = original.get(key)
    item.update(problems=errors, resolved=original.get("problems", []), fix=fix, original=original)
    return item


def _retally(report: dict, old: dict, new: dict) -> None:
    """The counts of questions that will be saved, and the file's errors, after a fix."""
    counts = dict(report.get("counts") or {})
    total = report.get("total", 0)
    for item, sign in ((old, -1), (new, 1)):
        if not item.get("problems"):
            total += sign
            counts[item["qtype"]] = counts.get(item["qtype"], 0) + sign
    counts = {k: v for k, v in counts.items() if v > 0}
    report.update(
        total=total,
        counts=counts,
        counts_labelled=[(str(QTYPE_LABELS[QType(k)]), v) for k, v in sorted(counts.items())],
    )
    ref = old["ref"]
    before = [f"{ref}: {m}" for m in old.get("problems", [])]
    errors = list(report.get("errors") or [])
    at = next((i for i, e in enumerate(errors) if e in before), len(errors))
    errors = [e for e in errors if e not in before]
    errors[at:at] = [f"{ref}: {m}" for m in new.get("problems", [])]
    report["errors"] = errors
