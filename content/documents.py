"""Wagtail documents: who may open one, and how it is sent.

Documents live in the private storage (``common.storage``), so only a view sends them.
``/documents/<id>/<name>`` (Wagtail's document URL, ``WAGTAILDOCS_SERVE_METHOD =
"serve_view"``) is answered by :func:`document_serve`, mounted ahead of Wagtail's own view in
``config.urls``: it runs the same ``before_serve_document`` hooks (Wagtail's collection
view restrictions, and :func:`document_check`, the school rule of ``accounts.permissions``) and
sends the same ``document_served`` signal, then sends the file through
:func:`common.serving.serve_file`. Wagtail's view cannot do that last part: it takes only an
``HttpResponse`` from a hook (never a streamed file), and its own sending rewrites
Content-Length, so Range requests (video seeking) would break. Because the rule is a hook,
Wagtail's view, if reached another way, refuses the same documents.
"""

from django.http import Http404, HttpResponseBase
from django.shortcuts import get_object_or_404
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served

from accounts import permissions
from common.serving import serve_file


def document_check(document, request) -> None:
    """``before_serve_document`` hook: a 404 (never a hint that it exists) unless allowed."""
    if not permissions.can_view_document(request.user, document):
        raise Http404


def document_serve(request, document_id, document_filename):
    document_model = get_document_model()
    document = get_object_or_404(document_model, id=document_id)
    if document.filename != document_filename:
        raise Http404
    for hook in hooks.get_hooks("before_serve_document"):
        result = hook(document, request)
        if isinstance(result, HttpResponseBase):
            return result
    document_served.send(sender=document_model, instance=document, request=request)
    # Inline only for the types the site renders (PDF, audio, video): serve_file decides.
    return serve_file(
        request, document.file, filename=document.filename, content_type=document.content_type
    )
