"""Views of the content origin (its own URLconf, ``content.packages.origin.urls``).

They run without sessions, CSRF or authentication (``ContentOriginMiddleware`` answers
the content host before those middleware): the token in the path says who asks, and
``access.grant_for`` re-checks that they may.
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import FileResponse, Http404
from django.shortcuts import render

from content.packages.origin import access, files, headers

LAUNCHER_CACHE = "private, no-cache"
# The runtime: vendored players and our launcher scripts, the only static files here.
RUNTIME_PREFIXES = ("vendor/scorm-again/", "vendor/h5p-standalone/", "content/packages/")
RUNTIME_CACHE = "public, max-age=3600"
RUNTIME_URL = "/__hoclieu__/tinh/"
RUNTIME_SCRIPTS = {
    "scorm12": ["vendor/scorm-again/scorm12.min.js", "content/packages/launcher-scorm.js"],
    "scorm2004": ["vendor/scorm-again/scorm2004.min.js", "content/packages/launcher-scorm.js"],
    "h5p": ["vendor/h5p-standalone/main.bundle.js", "content/packages/launcher-h5p.js"],
}
SCO_MISSING = "Gói không có mục học này."


def package_file(request, token: str, path: str):
    grant = access.grant_for(token)
    relpath = files.clean_path(path)
    if relpath is None:
        raise Http404
    return files.send(request, grant.version, relpath)


def _sco(version, sco_id: str | None) -> dict | None:
    scos = version.structure.get("scos") or []
    if sco_id:
        return next((s for s in scos if s.get("id") == sco_id), None)
    if version.launch:
        match = next((s for s in scos if s.get("href") == version.launch), None)
        return match or {"id": "", "title": "", "href": version.launch}
    return scos[0] if scos else None


def package_href(token: str, href: str) -> str:
    """The content-origin path of a file of the package, its query string kept as written."""
    path, sep, query = href.partition("?")
    return f"/goi/{token}/" + quote(path, safe="/%:@&=+$,;~!*'()") + sep + query


def _launcher(request, *, token: str, kind: str, config: dict):
    context = {
        "config": {
            **config,
            "kind": kind,
            "mainOrigin": headers.origin_of(settings.SITE_ORIGIN),
            "runtime": RUNTIME_URL,
        },
        "title": config.get("title") or "Gói bài giảng",
        "scripts": [RUNTIME_URL + name for name in RUNTIME_SCRIPTS[kind]],
    }
    template = "scorm.html" if kind.startswith("scorm") else "h5p.html"
    response = render(request, f"content/packages/origin/{template}", context)
    return headers.apply(response, cache_control=LAUNCHER_CACHE)


def scorm_launcher(request, token: str):
    grant = access.grant_for(token)
    version = grant.version
    if version.kind not in ("scorm12", "scorm2004"):
        raise Http404
    sco = _sco(version, request.GET.get("sco"))
    if sco is None or not sco.get("href"):
        raise access.Refused(404, SCO_MISSING)
    config = {
        "sco": {"id": sco.get("id", ""), "title": sco.get("title", "")},
        "scoUrl": package_href(token, sco["href"]),
        "title": sco.get("title") or version.structure.get("organisation", ""),
    }
    return _launcher(request, token=token, kind=version.kind, config=config)


def h5p_launcher(request, token: str):
    grant = access.grant_for(token)
    version = grant.version
    if version.kind != "h5p":
        raise Http404
    config = {
        "base": f"/goi/{token}",
        "contentId": f"goi-{version.pk}",
        "title": version.structure.get("title", ""),
        "frameJs": RUNTIME_URL + "vendor/h5p-standalone/frame.bundle.js",
        "frameCss": RUNTIME_URL + "vendor/h5p-standalone/styles/h5p.css",
    }
    return _launcher(request, token=token, kind="h5p", config=config)


def runtime_file(request, path: str):
    """A file of the players (vendored or ours), from the collected static files or the
    source folders: the site's ``/static/`` is not served on the content origin."""
    relpath = files.clean_path(path)
    if relpath is None or not relpath.startswith(RUNTIME_PREFIXES):
        raise Http404
    found = None
    if staticfiles_storage.exists(relpath):
        found = staticfiles_storage.path(relpath)
    else:
        found = finders.find(relpath)
    if not found or not Path(found).is_file():
        raise Http404
    content_type = files.content_type_for(relpath)
    response = FileResponse(open(found, "rb"), content_type=content_type)  # noqa: SIM115
    return headers.apply(response, content_type=content_type, cache_control=RUNTIME_CACHE)
