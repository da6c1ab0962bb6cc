"""Test-only URLs for the library reader: the project's URLs plus a page that embeds it.

``FILES`` holds the bytes served at ``/_test/reader/file.pdf`` and ``/_test/reader/book.epub``;
``POSITIONS`` is what the position endpoint stores, by kind, and ``POSTS`` every POST it took.
The page is ``/_test/reader/?kind=pdf|epub`` (``&anon=1`` without a position URL,
``&missing=1`` pointing at a file that does not exist).
"""

import json

from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template import engines
from django.urls import path, reverse
from django.views.decorators.csrf import ensure_csrf_cookie

from config.urls import urlpatterns as project_urlpatterns

FILES: dict[str, bytes] = {}
POSITIONS: dict[str, dict] = {}
POSTS: list[tuple[str, dict]] = []

PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trình đọc thử</title>
<style>body{font-family:sans-serif;margin:0}main{max-width:960px;margin:0 auto;padding:1rem}</style>
</head><body><main><h1>{{ reader.title }}</h1>
{% include "content/library/reader_embed.html" %}
</main></body></html>"""
CONTENT_TYPES = {"pdf": "application/pdf", "epub": "application/epub+zip"}
FILE_NAMES = {"pdf": "file.pdf", "epub": "book.epub"}


@ensure_csrf_cookie
def reader_page(request):
    kind = request.GET.get("kind", "pdf")
    if kind not in CONTENT_TYPES:
        raise Http404
    file_url = reverse("test_reader_file", args=[FILE_NAMES[kind]])
    if request.GET.get("missing"):
        file_url = reverse("test_reader_file", args=[f"missing.{kind}"])
    reader = {
        "kind": kind,
        "file_url": file_url,
        "title": f"Tài liệu thử ({kind.upper()})",
    }
    # What lms adds for a signed-in reader (content.signals.learner_context); none for anon.
    reading_position = {
        "url": None if request.GET.get("anon") else reverse("test_reader_position", args=[kind]),
        "initial": {},
    }
    template = engines["django"].from_string(PAGE)
    context = {"reader": reader, "reading_position": reading_position}
    return HttpResponse(template.render(context, request))


def reader_file(request, name):
    kind = name.rsplit(".", 1)[-1]
    if name != FILE_NAMES.get(kind) or kind not in FILES:
        raise Http404
    return HttpResponse(FILES[kind], content_type=CONTENT_TYPES[kind])


def reader_position(request, kind):
    if request.method == "POST":
        try:
            data = json.loads(request.body)
        except ValueError:
            return HttpResponseBadRequest()
        POSITIONS[kind] = data
        POSTS.append((kind, data))
        return JsonResponse({"ok": True})
    return JsonResponse(POSITIONS.get(kind, {}))


urlpatterns = [
    path("_test/reader/", reader_page, name="test_reader_page"),
    path("_test/reader/position/<str:kind>", reader_position, name="test_reader_position"),
    path("_test/reader/<str:name>", reader_file, name="test_reader_file"),
    *project_urlpatterns,
]
