"""The main site's side of a package: the player page, the session a player starts with,
the endpoints the parent-side bridge (``lms/static/lms/package-player.js``) posts what the
run-time committed to, and the teacher's results.

Thin views: parse, ask :mod:`lms.permissions`, call :mod:`lms.packages.services`. A version
that does not exist answers 404; one the user may not play 403, at every door (JSON doors
answer JSON; an anonymous request to them 401). The POSTs are CSRF protected (the script
sends ``X-CSRFToken``); the learner is the session's user, never a field of the payload.

Staff who open a package (preview) play it like a learner: their state is kept, so a
teacher's preview resumes too, but the results page lists students only, and the player
page says so.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role
from accounts.signin import client_address
from content.packages.models import PackageVersion
from content.packages.origin.tokens import launch_token
from content.packages.origin.urls import launcher_url
from lms.json_requests import BadRequest, json_object
from lms.packages import services
from lms.packages.cmi import CMIInvalid
from lms.packages.models import SELF_REPORTED
from lms.packages.selectors import attempt_states, package_progress, package_results
from lms.permissions import can_play_package, can_view_package_results, package_result_learners


def _version(version_id: int) -> PackageVersion:
    version = PackageVersion.objects.select_related("package").filter(pk=version_id).first()
    if version is None:
        raise Http404
    return version


def _playable(request, version_id: int) -> PackageVersion:
    version = _version(version_id)
    if not can_play_package(request.user, version):
        raise PermissionDenied(_("Bạn không có quyền học gói này."))
    return version


def _json_door(view):
    """JSON errors for the bridge: 401 anonymous, 403 refused, 404, 400 with the reason."""

    def wrapped(request, version_id: int):
        if not request.user.is_authenticated:
            return JsonResponse({"error": _("Cần đăng nhập để học gói này.")}, status=401)
        try:
            return view(request, _playable(request, version_id))
        except Http404:
            return JsonResponse({"error": _("Không tìm thấy gói.")}, status=404)
        except PermissionDenied as exc:
            return JsonResponse({"error": str(exc) or _("Không có quyền.")}, status=403)
        except (BadRequest, CMIInvalid) as exc:
            return JsonResponse({"ok": False, "error": str(exc)}, status=400)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _is_preview(user) -> bool:
    return user.is_superuser or user.role != Role.STUDENT


def _scos(version) -> list[dict]:
    if version.kind == "h5p":
        return [{"id": "", "title": version.package.title, "level": 0}]
    return [
        {"id": str(s["id"]), "title": s.get("title") or str(s["id"]), "level": s.get("level", 0)}
        for s in version.scos
        if isinstance(s, dict) and s.get("id")
    ]


def _chosen_sco(request, version, states_order: list[str]) -> str:
    """The SCO asked for (``?sco=``), else the one the learner last worked in, else the first."""
    if version.kind == "h5p":
        return ""
    ids = services.sco_ids(version)
    asked = request.GET.get("sco")
    if asked is not None:
        if asked not in ids:
            raise BadRequest(_("Gói này không có SCO “%(sco)s”.") % {"sco": asked[:80]})
        return asked
    recent = next((s for s in states_order if s in ids), None)
    return recent or (ids[0] if ids else "")


def _status(user, version) -> dict:
    return package_progress(user, [version.pk])[version.pk].as_json()


@require_GET
@never_cache
@_json_door
def package_session(request, version):
    """What the player starts with: the launcher's URL on the content origin (a fresh
    token), the table of contents, the stored state of each SCO, the endpoints."""
    recent = list(
        version.attempts.filter(user=request.user)
        .order_by("-updated_at")
        .values_list("sco", flat=True)
    )
    sco = _chosen_sco(request, version, recent)
    services.session_open(user=request.user, version=version, sco=sco)
    states = attempt_states(request.user, version)
    token = launch_token(user_id=request.user.pk, version_id=version.pk)
    progress = package_progress(request.user, [version.pk])[version.pk]
    return JsonResponse(
        {
            "title": version.package.title,
            "kind": version.kind,
            "edition": version.edition,
            "sco": sco,
            "launch_url": launcher_url(token=token, version=version, sco=sco or None),
            "scos": _scos(version),
            "state": states.get(sco, {}),
            "states": states,
            "status": progress.as_json(),
            "preview": _is_preview(request.user),
            "csrf": get_token(request),
            "urls": {
                "session": reverse("lms-package-session", args=[version.pk]),
                "commit": reverse("lms-package-cmi", args=[version.pk]),
                "xapi": reverse("lms-package-xapi", args=[version.pk]),
                "userdata": reverse("lms-package-userdata", args=[version.pk]),
            },
        }
    )


@require_POST
@_json_door
def package_cmi(request, version):
    """A SCORM commit ``{sco, cmi, final}`` → ``{ok, status}``, or 400 naming the limit."""
    body = json_object(request)
    services.cmi_commit(
        user=request.user,
        version=version,
        sco=body.get("sco"),
        cmi=body.get("cmi"),
        final=bool(body.get("final")),
        ip=client_address(request),
    )
    return JsonResponse({"ok": True, "status": _status(request.user, version)})


@require_POST
@_json_door
def package_xapi(request, version):
    """An H5P xAPI statement ``{statement}`` → ``{ok, status}``."""
    body = json_object(request)
    services.xapi_record(
        user=request.user,
        version=version,
        statement=body.get("statement"),
        ip=client_address(request),
    )
    return JsonResponse({"ok": True, "status": _status(request.user, version)})


@require_POST
@_json_door
def package_userdata(request, version):
    """H5P user data ``{key, data}`` (a content's resume state) → ``{ok, status}``."""
    body = json_object(request)
    services.userdata_save(
        user=request.user,
        version=version,
        key=body.get("key"),
        data=body.get("data"),
        ip=client_address(request),
    )
    return JsonResponse({"ok": True, "status": _status(request.user, version)})


@require_GET
@login_required
def package_play(request, version_id: int):
    """The player page: the package in a sandboxed frame on the content origin."""
    version = _playable(request, version_id)
    progress = package_progress(request.user, [version.pk])[version.pk]
    context = {
        "version": version,
        "package": version.package,
        "progress": progress,
        "preview": _is_preview(request.user),
        "session_url": reverse("lms-package-session", args=[version.pk]),
        "results_url": (
            reverse("lms-package-results", args=[version.pk])
            if can_view_package_results(request.user, version.package)
            else ""
        ),
        "self_reported": SELF_REPORTED,
    }
    return render(request, "lms/packages/play.html", context)


@require_GET
@login_required
def package_results_view(request, version_id: int):
    """Teachers: each student's completion, self-reported score, time and last activity."""
    version = _version(version_id)
    if not can_view_package_results(request.user, version.package):
        raise PermissionDenied(_("Chỉ người tải gói lên và cán bộ của trường xem được kết quả."))
    learners = package_result_learners(request.user, version.package)
    context = {
        "version": version,
        "package": version.package,
        "rows": package_results(version, learners),
        "play_url": reverse("lms-package-play", args=[version.pk]),
        "self_reported": SELF_REPORTED,
    }
    return render(request, "lms/packages/results.html", context)
