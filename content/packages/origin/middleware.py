"""Host routing: requests to ``CONTENT_ORIGIN``'s host get the content origin, nothing else.

Registered right after Django's ``SecurityMiddleware`` (HTTPS redirect and HSTS hold for
the content host too) and before everything else: a request to the content host is
resolved against ``content.packages.origin.urls`` only and answered here, so it never
reaches sessions, CSRF, authentication, messages, the site's CSP or Wagtail. No cookie is
ever read or set on the content origin, and no URL of the main site answers there.

The host is compared with ``CONTENT_ORIGIN``'s ``host[:port]`` as written in the Host
header (a default port dropped), read at each request so tests can override the setting.
"""

from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.urls import Resolver404, resolve
from django.utils.html import escape

from content.packages.origin import headers
from content.packages.origin.access import Refused

URLCONF = "content.packages.origin.urls"
NOT_FOUND = "Không tìm thấy tệp này trong gói."
DEFAULT_PORTS = {"http": "80", "https": "443"}


@lru_cache(maxsize=8)
def content_host(origin: str) -> str:
    """``host[:port]`` of an origin, lower-case, without the scheme's default port."""
    parts = urlsplit(origin)
    host = (parts.hostname or "").lower()
    if parts.port and str(parts.port) != DEFAULT_PORTS.get(parts.scheme):
        return f"{host}:{parts.port}"
    return host


def _request_host(request) -> str:
    host = request.META.get("HTTP_HOST", "").lower()
    scheme = "https" if request.is_secure() else "http"
    default = ":" + DEFAULT_PORTS[scheme]
    return host[: -len(default)] if host.endswith(default) else host


def is_content_request(request) -> bool:
    origin = getattr(settings, "CONTENT_ORIGIN", "")
    return bool(origin) and _request_host(request) == content_host(origin)


#: A refusal shows inside the player's frame, often on a phone: a small page that fits it.
REFUSAL_PAGE = (
    '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>Không mở được gói bài giảng</title></head>"
    '<body style="font:16px/1.5 system-ui,sans-serif;margin:1rem;color:#24292f">'
    "<p>{message}</p></body></html>"
)


def refusal(status: int, message: str) -> HttpResponse:
    page = REFUSAL_PAGE.format(message=escape(message))
    response = HttpResponse(page, status=status, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return headers.apply(response)


def answer(request) -> HttpResponse:
    """The content origin's answer to ``request`` (its views, or a Vietnamese refusal)."""
    if request.method not in ("GET", "HEAD"):
        return headers.apply(HttpResponseNotAllowed(["GET", "HEAD"]))
    request.urlconf = URLCONF
    try:
        match = resolve(request.path_info, urlconf=URLCONF)
        return match.func(request, *match.args, **match.kwargs)
    except (Resolver404, Http404):
        return refusal(404, NOT_FOUND)
    except Refused as refused:
        return refusal(refused.status, refused.message)


class ContentOriginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_content_request(request):
            return answer(request)
        return self.get_response(request)
