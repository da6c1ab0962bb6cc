"""Error answers: styled Vietnamese pages for the site, ``{"detail": "…"}`` JSON for the API.

Django's handlers (``handler400/403/404/500`` in ``config.urls``) render the templates
``400.html``…``500.html`` for pages and answer JSON under ``/api/``, where a 404 of an unknown
path or a 500 re-raised by django-ninja (it leaves those to Django outside DEBUG) reaches
them. ``install_api_error_handlers`` gives the API's own errors the same Vietnamese detail.
The Wagtail admin keeps its own behaviour: it turns a ``PermissionDenied`` into a redirect to
the dashboard with a message, before these handlers see it.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

API_PREFIX = "/api/"


def detail_message(status: int) -> str:
    """The Vietnamese sentence the API answers for an HTTP error status."""
    messages = {
        400: _("Yêu cầu không hợp lệ."),
        401: _("Bạn cần đăng nhập để dùng chức năng này."),
        403: _("Bạn không có quyền thực hiện thao tác này."),
        404: _("Không tìm thấy nội dung yêu cầu."),
        405: _("Phương thức này không được hỗ trợ ở địa chỉ này."),
        422: _("Dữ liệu gửi lên không hợp lệ."),
        429: _("Bạn gửi quá nhiều yêu cầu; hãy thử lại sau ít phút."),
        500: _("Hệ thống đang gặp sự cố; hãy thử lại sau."),
    }
    return messages.get(status) or (messages[500] if status >= 500 else messages[400])


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def _json(status: int, **extra) -> JsonResponse:
    return JsonResponse({"detail": detail_message(status), **extra}, status=status)


# --- Django's handlers (config.urls) ---------------------------------------------------------
@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _json(400)
    return defaults.bad_request(request, exception)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _json(403)
    return defaults.permission_denied(request, exception)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _json(404)
    return defaults.page_not_found(request, exception)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return _json(500)
    return defaults.server_error(request)


# --- django-ninja ----------------------------------------------------------------------------
def install_api_error_handlers(api: NinjaAPI) -> None:
    """Answer every API error as ``{"detail": "<Vietnamese sentence>"}``; a validation error
    keeps pydantic's list of problems under ``errors`` (each with its ``loc``)."""

    def not_found(request, exc):
        return api.create_response(request, {"detail": detail_message(404)}, status=404)

    def denied(request, exc):
        return api.create_response(request, {"detail": detail_message(403)}, status=403)

    def unauthenticated(request, exc):
        return api.create_response(request, {"detail": detail_message(401)}, status=401)

    def http_error(request, exc: HttpError):
        # ninja's own errors carry English words ("Forbidden", "Too many requests.").
        return api.create_response(
            request, {"detail": detail_message(exc.status_code)}, status=exc.status_code
        )

    def invalid(request, exc: ValidationError):
        return api.create_response(
            request, {"detail": detail_message(422), "errors": exc.errors}, status=422
        )

    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, denied)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(ValidationError, invalid)
