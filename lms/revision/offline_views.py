"""Offline revision's doors (thin views over :mod:`lms.revision.offline`).

* ``revision_offline`` — the page (``/on-tap/ngoai-tuyen/``): packs on the device, the two
  download buttons, the player and the sync line (lms/static/lms/revision-offline.js).
* ``revision_pack_today`` / ``revision_pack_practice`` (POST, JSON) — make a pack of the
  signed-in learner and return it with its keys.
* ``revision_sync`` (POST, JSON) — the phone's answers; one result per answer.
* ``revision_token`` (GET) — a fresh CSRF token, for a sync after a long time offline.
* ``revision_service_worker`` (``/on-tap/sw.js``, scope ``/on-tap/``) and
  ``revision_manifest`` (``/on-tap/manifest.webmanifest``) — the installable app.

The JSON doors answer 401 (JSON, not a redirect to the sign-in page) without a session, so
the phone keeps its answers and says why; every refusal carries a Vietnamese reason.
"""

import json
from functools import cache, wraps
from pathlib import Path

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from curriculum.models import Subject, Topic
from lms.revision import offline, selectors
from lms.revision.models import RevisionPack

#: Static files the offline page needs, cached by the service worker.
OFFLINE_STATIC = (
    "lms/exam.css",
    "lms/revision-offline.css",
    "lms/revision-offline.js",
    "lms/revision-mark.js",
    "lms/exam-widgets.js",
    "vendor/katex/katex.min.css",
    "vendor/katex/katex.min.js",
    "vendor/katex/contrib/auto-render.min.js",
    # The fonts almost every formula uses; the others are kept when first drawn online.
    "vendor/katex/fonts/KaTeX_Main-Regular.woff2",
    "vendor/katex/fonts/KaTeX_Math-Italic.woff2",
    "vendor/katex/fonts/KaTeX_Size1-Regular.woff2",
    "vendor/katex/fonts/KaTeX_Size2-Regular.woff2",
    "lms/icons/revision-192.png",
)
WORKER_FILE = Path(__file__).resolve().parent.parent / "static" / "lms" / "revision-sw.js"
SCOPE = "/on-tap/"
MAX_BODY = 512 * 1024


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def json_login_required(view):
    """Like ``login_required``, but a 401 with a reason instead of a redirect."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return _error(_("Phiên đăng nhập đã hết. Hãy đăng nhập lại."), 401)
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            return _error(str(exc) or _("Bạn không có quyền làm việc này."), 403)

    return wrapper


def _body(request) -> dict:
    if len(request.body) > MAX_BODY:
        raise offline.PackRefused(_("Dữ liệu gửi lên quá lớn."), 400)
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError) as exc:
        raise offline.PackRefused(_("Dữ liệu gửi lên không phải JSON hợp lệ."), 400) from exc
    if not isinstance(data, dict):
        raise offline.PackRefused(_("Dữ liệu gửi lên phải là một đối tượng JSON."), 400)
    return data


# --- The page, the worker and the manifest --------------------------------------------------
def _subjects(user) -> list[dict]:
    """The subjects, grades and topics the learner can download practice of."""
    rows = (
        offline.offline_pool(user)
        .values_list("subject_id", "grade", "topic_id")
        .distinct()
        .order_by()
    )
    grouped: dict[tuple[int, int], set] = {}
    for subject_id, grade, topic_id in rows:
        if subject_id and grade:
            grouped.setdefault((subject_id, grade), set()).add(topic_id)
    subjects = Subject.objects.in_bulk({s for s, _g in grouped})
    topic_ids = {t for topics in grouped.values() for t in topics if t}
    topics = Topic.objects.filter(pk__in=topic_ids).order_by("sort_order", "name")
    out = []
    for (subject_id, grade), ids in grouped.items():
        subject = subjects[subject_id]
        out.append(
            {
                "id": subject_id,
                "grade": grade,
                "name": subject.name,
                "order": (subject.sort_order, subject.name, grade),
                "topics": [{"id": t.pk, "name": t.name} for t in topics if t.pk in ids],
            }
        )
    out.sort(key=lambda s: s.pop("order"))
    return out


@never_cache
@require_GET
def offline_page(request):
    """The offline revision page; without a session, the sign-in page (as other pages)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    subjects = _subjects(request.user)
    bootstrap = {
        "user": request.user.pk,
        "csrf": get_token(request),
        "subjects": subjects,
        "urls": {
            "today": reverse("revision_pack_today"),
            "practice": reverse("revision_pack_practice"),
            "sync": reverse("revision_sync"),
            "token": reverse("revision_token"),
            "worker": reverse("revision_service_worker"),
            "scope": SCOPE,
        },
    }
    context = {
        "bootstrap": bootstrap,
        "subjects": subjects,
        "counts": offline.PACK_COUNTS,
        "due": selectors.due_count(request.user),
        "home_url": reverse("revision_home"),
    }
    response = render(request, "lms/revision/offline.html", context)
    response["Cache-Control"] = "private, no-cache"
    return response


@cache
def _worker_text() -> str:
    return WORKER_FILE.read_text(encoding="utf-8")


@require_GET
def service_worker(request):
    """The page's service worker, with the page's address and its static files."""
    head = (
        f"const OFFLINE_PAGE = {json.dumps(reverse('revision_offline'))};\n"
        f"const OFFLINE_STATIC = {json.dumps([static(p) for p in OFFLINE_STATIC])};\n"
    )
    response = HttpResponse(head + _worker_text(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = SCOPE
    return response


@require_GET
def manifest(request):
    """The web app manifest: "Ôn tập – Học liệu số", opening on the offline page."""
    body = {
        "name": "Ôn tập – Học liệu số",
        "short_name": "Ôn tập",
        "description": _("Ôn tập trên điện thoại, cả khi không có mạng."),
        "lang": "vi",
        "start_url": reverse("revision_offline"),
        "scope": SCOPE,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5394",
        "icons": [
            {"src": static(f"lms/icons/revision-{n}.png"), "sizes": f"{n}x{n}", "type": "image/png"}
            for n in (192, 512)
        ],
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/manifest+json"
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response


# --- JSON doors -------------------------------------------------------------------------------
@never_cache
@require_GET
@json_login_required
def csrf_token(request):
    """A fresh CSRF token (and cookie) for a phone whose token went stale while offline."""
    return JsonResponse({"csrf": get_token(request)})


def _pack_response(pack: RevisionPack) -> JsonResponse:
    response = JsonResponse(offline.pack_payload(pack), json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@json_login_required
def pack_today(request):
    """Today's review queue as a pack (409 when nothing is due)."""
    try:
        with transaction.atomic():
            pack = offline.pack_review_create(user=request.user)
    except offline.PackRefused as refused:
        return _error(refused.message, refused.status)
    return _pack_response(pack)


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _practice_args(data: dict) -> dict:
    subject_id, grade, count = (
        _int(data.get("subject")),
        _int(data.get("grade")),
        _int(data.get("count")),
    )
    if subject_id is None or grade is None or count is None:
        raise offline.PackRefused(_("Hãy chọn môn, lớp và số câu."), 400)
    subject = Subject.objects.filter(pk=subject_id).first()
    if subject is None:
        raise offline.PackRefused(_("Không tìm thấy môn học này."), 404)
    topic = None
    if data.get("topic") is not None:
        topic_id = _int(data.get("topic"))
        topic = Topic.objects.filter(pk=topic_id, subject=subject, grade=grade).first()
        if topic is None:
            raise offline.PackRefused(_("Chương/chủ đề này không thuộc môn và lớp đã chọn."), 404)
    return {"subject": subject, "grade": grade, "count": count, "topic": topic}


@require_POST
@json_login_required
def pack_practice(request):
    """A practice set (``{"subject", "grade", "topic", "count"}``) as a pack."""
    try:
        args = _practice_args(_body(request))
        with transaction.atomic():
            pack = offline.pack_practice_create(user=request.user, **args)
    except offline.PackRefused as refused:
        return _error(refused.message, refused.status)
    return _pack_response(pack)


@require_POST
@json_login_required
def sync(request):
    """The phone's answers (``{"answers": [...]}``, at most ``MAX_SYNC``): 200 with one
    result per answer; 400 when the body itself is not of that shape."""
    try:
        data = _body(request)
    except offline.PackRefused as refused:
        return _error(refused.message, refused.status)
    answers = data.get("answers")
    if not isinstance(answers, list):
        return _error(_("Cần một danh sách câu trả lời (answers)."), 400)
    if len(answers) > offline.MAX_SYNC:
        return _error(_("Mỗi lần đồng bộ tối đa %(n)d câu trả lời.") % {"n": offline.MAX_SYNC}, 400)
    results = offline.answers_sync(user=request.user, answers=answers)
    return JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False})
