"""Learner endpoints: answer a question embedded in a page, log e-lecture progress.

Thin views: parse the JSON, ask :mod:`lms.permissions`, mark with
:func:`question_bank.scoring.score`, log with :func:`lms.services.learning_event_record`.
A page the user may not open, or a question version that page does not embed, answers
404, so nobody can probe the bank or other schools' materials through these endpoints.
Both are CSRF protected: the page's script sends ``X-CSRFToken``.
"""

import json
from decimal import Decimal

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from content.models import ELecturePage, LessonPage
from content.practice import (
    ResponseInvalid,
    answer_key_text,
    check_response,
    page_embeddings,
    score_text,
)
from lms.models import EventKind
from lms.permissions import can_view_material_page
from lms.services import learning_event_record
from question_bank.formats.base import QType
from question_bank.models import QuestionVersion
from question_bank.scoring import score

ELECTURE_EVENTS = frozenset(
    {EventKind.SECTION_STARTED, EventKind.SECTION_COMPLETED, EventKind.COMPLETED}
)


class _BadRequest(Exception):
    pass


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _json_body(request) -> dict:
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError) as exc:
        raise _BadRequest(_("Dữ liệu gửi lên không phải JSON hợp lệ.")) from exc
    if not isinstance(body, dict):
        raise _BadRequest(_("Dữ liệu gửi lên phải là một đối tượng JSON."))
    return body


def _bad_request(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400)


def _material_page(user, page_id: int, models: tuple):
    """The specific page if it is one of ``models`` and the user may open it, else 404."""
    page = Page.objects.filter(pk=page_id).first()
    page = page.specific if page is not None else None
    if not isinstance(page, models) or not can_view_material_page(user, page):
        raise Http404
    return page


@require_POST
def question_check(request, version_id: int):
    """Mark an answer to a question embedded in a lesson (practice) or e-lecture
    (checkpoint). Body: ``{"response", "page", "section", "checkpoint"}``."""
    try:
        body = _json_body(request)
    except _BadRequest as exc:
        return _bad_request(str(exc))
    if not _is_int(body.get("page")):
        return _bad_request(_("Thiếu mã trang chứa câu hỏi."))
    page = _material_page(request.user, body["page"], (LessonPage, ELecturePage))
    version = get_object_or_404(QuestionVersion, pk=version_id)
    embedding = page_embeddings(page).get(version.question_id)
    if embedding is None:
        raise Http404
    section = body.get("section")
    if isinstance(page, ELecturePage):
        if not _is_int(section):
            return _bad_request(_("Thiếu số thứ tự phần của câu hỏi dừng."))
        if section not in embedding.sections:
            raise Http404
        kind, show_solution = EventKind.CHECKPOINT_ANSWERED, True
    else:
        if not embedding.practice:
            raise Http404
        section = None
        kind, show_solution = EventKind.QUESTION_ANSWERED, embedding.show_solution
    try:
        response = check_response(version.data, body.get("response"), version_id=version.pk)
    except ResponseInvalid as exc:
        return _bad_request(str(exc))
    fraction = score(version.data, response)
    graded = version.data["qtype"] != QType.ESSAY
    learning_event_record(
        user=request.user,
        kind=kind,
        page=page,
        section=section,
        question_version=version,
        score=fraction.quantize(Decimal("0.0001")) if graded else None,
        data={"response": response},
    )
    return JsonResponse(
        {
            "correct": graded and fraction == 1,
            "graded": graded,
            "score": score_text(fraction),
            # A teacher may keep the answer back so students can try again.
            "key": answer_key_text(version.data) if show_solution else "",
            "solution_html": (version.data.get("solution") or "") if show_solution else "",
        }
    )


@require_POST
def electure_event(request, page_id: int):
    """Log a learner's progress in an e-lecture. Body: ``{"kind", "section"}``; 204."""
    page = _material_page(request.user, page_id, (ELecturePage,))
    try:
        body = _json_body(request)
    except _BadRequest as exc:
        return _bad_request(str(exc))
    kind, section = body.get("kind"), body.get("section")
    if kind not in ELECTURE_EVENTS:
        return _bad_request(_("Loại sự kiện không hợp lệ."))
    optional = kind == EventKind.COMPLETED and section is None
    if not optional and (not _is_int(section) or not 0 <= section < len(page.sections)):
        return _bad_request(_("Số thứ tự phần không hợp lệ."))
    # Anonymous visitors may watch public e-lectures; their progress stays in the browser.
    learning_event_record(user=request.user, kind=kind, page=page, section=section)
    return HttpResponse(status=204)
