"""Reading the JSON object a page posts to an lms endpoint."""

import json

from django.utils.translation import gettext as _


class BadRequest(Exception):
    """The request cannot be read (400); the message says why, in Vietnamese."""


def json_object(request) -> dict:
    """The request's body as a JSON object (``{}`` when empty), or :class:`BadRequest`."""
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest(_("Dữ liệu gửi lên không phải JSON hợp lệ.")) from exc
    if not isinstance(body, dict):
        raise BadRequest(_("Dữ liệu gửi lên phải là một đối tượng JSON."))
    return body
