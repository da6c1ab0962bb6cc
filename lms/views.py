"""Learner endpoints: answer a question embedded in a page, log e-lecture progress.

Thin views: parse the JSON, ask :mod:`lms.permissions`, mark with
:func:`question_bank.scoring.score`, log with :func:`lms.services.learning_event_record`.
A page the user may not open, or a question version that page does not embed, answers
404, so nobody can probe the bank or other schools' materials through these endpoints.
A page embeds what its published content holds; its author and curators, previewing a
draft, may also try the draft's questions that they may choose themselves (so a question
planted in a draft by someone who could not see it answers nobody). The key and solution
come back only as the block's policy says (:func:`lms.practice.answer_reveal`),
counting tries from the learner's answered events, or for anonymous visitors in their
session; until then a wrong answer brings a hint (the feedback of the option chosen, or a
reminder to look again at the part just studied). An answer given after the key was shown
to this learner is recorded with ``passed: false`` (issue 16: progress stays honest), and
section and e-lecture completions record whether their checkpoints were passed
(:func:`lms.selectors.electure_progress`). Both are CSRF protected: the page's script sends
``X-CSRFToken``.
"""

import json
from decimal import Decimal

from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page

from content.models import ELecturePage, LessonPage
from content.permissions import can_view_material_page
from content.practice import Embedding
from content.views import library_item_or_404
from lms.json_requests import BadRequest, json_object
from lms.models import EventKind, LearningEvent
from lms.permissions import answerable_questions, can_keep_records
from lms.practice import (
    ResponseInvalid,
    answer_key_text,
    answer_reveal,
    check_response,
    key_seen_before,
    score_text,
    wrong_answer_feedback,
)
from lms.selectors import electure_progress, reading_position
from lms.services import learning_event_record, reading_position_save
from question_bank.formats.base import QType
from question_bank.models import QuestionVersion
from question_bank.scoring import score

ELECTURE_EVENTS = frozenset(
    {EventKind.SECTION_STARTED, EventKind.SECTION_COMPLETED, EventKind.COMPLETED}
)
#: An anonymous visitor's tries, in the session: "page:question" → [tries, solved].
SESSION_TRIES = "practice_tries"
#: The session keeps the tries of this many questions at most (the oldest are dropped).
SESSION_TRIES_KEPT = 200
#: Data schema of answered events: 2 adds ``key_seen`` (the key had been shown to the
#: learner before this answer) and ``passed`` (right, or an essay, and not after the key);
#: and of section/e-lecture completions: 2 adds ``passed``, ``checkpoints`` and
#: ``checkpoints_passed``. Readers treat schema 1 as :func:`lms.selectors.electure_progress`
#: says.
EVENT_DATA_SCHEMA = 2


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _bad_request(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400)


def _material_page(user, page_id: int, models: tuple):
    """The specific page if it is one of ``models`` and the user may open it, else 404."""
    page = Page.objects.filter(pk=page_id).first()
    page = page.specific if page is not None else None
    if not isinstance(page, models) or not can_view_material_page(user, page):
        raise Http404
    return page


def _tries_before(request, *, page, kind: str, version) -> tuple[int, bool]:
    """(How many times the requester answered this question in this page before; whether
    any of those answers was right). Signed-in learners: from their append-only answered
    events, so a new session or device goes on counting. Anonymous visitors: from their
    session; a visitor who drops the cookie starts again at zero, which only delays the
    reveal, as any visitor may answer wrongly on purpose."""
    if request.user.is_authenticated:
        counts = LearningEvent.objects.filter(
            user=request.user,
            page=page,
            kind=kind,
            question_version__question_id=version.question_id,
        ).aggregate(tries=Count("pk"), solved=Count("pk", filter=Q(score=1)))
        return counts["tries"], counts["solved"] > 0
    count, solved = (request.session.get(SESSION_TRIES) or {}).get(
        f"{page.pk}:{version.question_id}", (0, False)
    )
    return count, bool(solved)


def _remember_anonymous_try(request, *, page, version, correct: bool) -> None:
    if request.user.is_authenticated:
        return
    tries = dict(request.session.get(SESSION_TRIES) or {})
    key = f"{page.pk}:{version.question_id}"
    count, solved = tries.pop(key, (0, False))
    tries[key] = [count + 1, bool(solved or correct)]
    request.session[SESSION_TRIES] = dict(list(tries.items())[-SESSION_TRIES_KEPT:])


def _hint_html(version, response, *, page, correct: bool, graded: bool, shown: bool) -> str:
    """What helps after a wrong (or partly right) answer: the teacher's feedback on the
    options chosen; else, while the key is still held back, a reminder to look again."""
    if correct or not graded:
        return ""
    feedback = wrong_answer_feedback(version.data, response)
    if feedback or shown:
        return feedback
    if isinstance(page, ELecturePage):
        return format_html("<p>{}</p>", _("Chưa đúng, hãy xem lại phần vừa học."))
    return format_html("<p>{}</p>", _("Chưa đúng, hãy xem lại bài học."))


def _where(page, embedding: Embedding, section) -> tuple[str, int | None]:
    """(Event kind, section) of an answer through ``page``; 404 when the page does not
    embed the question there; :class:`BadRequest` without a section in an e-lecture."""
    if isinstance(page, ELecturePage):
        if not _is_int(section):
            raise BadRequest(_("Thiếu số thứ tự phần của câu hỏi dừng."))
        if section not in embedding.sections:
            raise Http404
        return EventKind.CHECKPOINT_ANSWERED, section
    if not embedding.practice:
        raise Http404
    return EventKind.QUESTION_ANSWERED, None


@require_POST
def question_check(request, version_id: int):
    """Mark an answer to a question embedded in a lesson (practice) or e-lecture
    (checkpoint). Body: ``{"response", "page", "section", "checkpoint"}``."""
    try:
        body = json_object(request)
    except BadRequest as exc:
        return _bad_request(str(exc))
    if not _is_int(body.get("page")):
        return _bad_request(_("Thiếu mã trang chứa câu hỏi."))
    page = _material_page(request.user, body["page"], (LessonPage, ELecturePage))
    version = get_object_or_404(QuestionVersion, pk=version_id)
    embedding = answerable_questions(request.user, page).get(version.question_id)
    if embedding is None:
        raise Http404
    try:
        kind, section = _where(page, embedding, body.get("section"))
        response = check_response(version.data, body.get("response"), version_id=version.pk)
    except (BadRequest, ResponseInvalid) as exc:
        return _bad_request(str(exc))
    fraction = score(version.data, response)
    graded = version.data["qtype"] != QType.ESSAY
    correct = graded and fraction == 1
    tries, solved = _tries_before(request, page=page, kind=kind, version=version)
    key_seen = key_seen_before(embedding, graded=graded, tries_before=tries, solved_before=solved)
    passed = (correct or not graded) and not key_seen
    learning_event_record(
        user=request.user,
        kind=kind,
        page=page,
        section=section,
        question_version=version,
        score=fraction.quantize(Decimal("0.0001")) if graded else None,
        data={
            "schema_version": EVENT_DATA_SCHEMA,
            "response": response,
            "key_seen": key_seen,
            "passed": passed,
        },
    )
    _remember_anonymous_try(request, page=page, version=version, correct=correct)
    reveal = answer_reveal(
        embedding, graded=graded, correct=correct, tries=tries + 1, solved=solved
    )
    progress = electure_progress(user=request.user, page=page) if section is not None else None
    return JsonResponse(
        {
            "correct": correct,
            "graded": graded,
            "score": score_text(fraction),
            "key": answer_key_text(version.data) if reveal.shown else "",
            "solution_html": (version.data.get("solution") or "") if reveal.shown else "",
            # Tries left before the key shows; null when it shows now or never will.
            "retry_left": reveal.retry_left,
            "hint_html": _hint_html(
                version, response, page=page, correct=correct, graded=graded, shown=reveal.shown
            ),
            # The key had been shown before this answer: a right answer is not a pass.
            "key_seen": key_seen,
            "passed": passed,
            # The learner's e-lecture progress (signed in, checkpoints only), else null.
            "progress": progress.as_dict() if progress is not None else None,
        }
    )


@require_POST
def electure_event(request, page_id: int):
    """Log a learner's progress in an e-lecture. Body: ``{"kind", "section"}``; 204."""
    page = _material_page(request.user, page_id, (ELecturePage,))
    try:
        body = json_object(request)
    except BadRequest as exc:
        return _bad_request(str(exc))
    kind, section = body.get("kind"), body.get("section")
    if kind not in ELECTURE_EVENTS:
        return _bad_request(_("Loại sự kiện không hợp lệ."))
    optional = kind == EventKind.COMPLETED and section is None
    if not optional and (not _is_int(section) or not 0 <= section < len(page.sections)):
        return _bad_request(_("Số thứ tự phần không hợp lệ."))
    # Anonymous visitors may watch public e-lectures; their progress stays in the browser.
    learning_event_record(
        user=request.user,
        kind=kind,
        page=page,
        section=section,
        data=_completion_data(request.user, page=page, kind=kind, section=section),
    )
    return HttpResponse(status=204)


def _completion_data(user, *, page, kind: str, section) -> dict | None:
    """What a completion records beside its kind: whether the section's (or, for the whole
    e-lecture, every) checkpoint was passed honestly, from the server's own records (the
    browser only says that the learner went on)."""
    if kind == EventKind.SECTION_STARTED:
        return None
    progress = electure_progress(user=user, page=page)
    if progress is None:
        return None
    done = progress.sections[section] if kind == EventKind.SECTION_COMPLETED else progress
    return {
        "schema_version": EVENT_DATA_SCHEMA,
        "passed": done.all_passed,
        "checkpoints": done.checkpoints,
        "checkpoints_passed": done.passed,
    }


@require_http_methods(["GET", "POST"])
def library_position(request, pk):
    """The reader's last position for this user: GET it, POST ``{"page": n}`` or ``{"cfi": …}``."""
    if not can_keep_records(request.user):
        return JsonResponse({}, status=403)
    item = library_item_or_404(request, pk)
    if request.method == "GET":
        return JsonResponse(reading_position(request.user, item))
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return JsonResponse({"error": _("Dữ liệu vị trí đọc không hợp lệ.")}, status=400)
    page = data.get("page")
    cfi = data.get("cfi") or ""
    if page is not None and (not isinstance(page, int) or page < 1):
        return JsonResponse({"error": _("Số trang phải là số nguyên dương.")}, status=400)
    if not isinstance(cfi, str) or (page is None and not cfi):
        return JsonResponse({"error": _("Cần số trang hoặc vị trí CFI.")}, status=400)
    if item.page_count and page and page > item.page_count:
        page = item.page_count
    reading_position_save(user=request.user, item=item, page=page, cfi=cfi)
    return HttpResponse(status=204)
