"""The vocabulary of the per-app permissions tables (``tests/<app>/test_permissions_table.py``).

Each app's table checks every role against every door of the app (page, admin, API, file,
export, search) and says what the role meets there, as one of the outcomes below. The
roles and the objects they must not see come from :mod:`tests.security.world`; each app
adds the objects its roles may see, built through the services.

A door names an object by a *marker*, a token in its title or text: a successful answer
that contains the marker (as it is, or as JSON writes it with ``\\u`` escapes: the admin's
choosers answer JSON) served the object, one that does not left it out.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

#: The answer contains the object (or, for a door without an object, the door opened).
ALLOWED = "ALLOWED"
#: The door opened but the object is not in the answer (a list without it).
HIDDEN = "HIDDEN"
#: Refused: 403, or sent away (a redirect that is not to a sign-in page).
DENIED = "DENIED"
#: 404: the object is not there for this role (nobody can probe which objects exist).
NOT_FOUND = "NOT_FOUND"
#: Asked to sign in: a redirect to a sign-in page, or the API's 401.
LOGIN = "LOGIN"

#: The columns of every table, in this order.
ROLES = (
    "student",
    "teacher",
    "librarian",
    "exam_board",
    "school_admin",
    "department_admin",
    "anonymous",
)

_SIGN_IN_PATHS = ("/dang-nhap/", "/admin/login/")


@dataclass(frozen=True)
class Door:
    """A request: ``url`` is a template filled with the world's object ids
    (``"/lop/{class_a}/"``) or a function of the world's objects; ``marker`` is the text
    that shows the object was served (``None``: the door has no object)."""

    url: str | Callable[[dict], str]
    marker: str | None = None
    method: str = "GET"
    body: Callable[[dict], dict] | None = None

    def path(self, objects: dict) -> str:
        if callable(self.url):
            return self.url(objects)
        ids = {name: getattr(obj, "pk", obj) for name, obj in objects.items()}
        return self.url.format(**ids)


def _content(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _contains(content: bytes, marker: str) -> bool:
    content = content.lower()
    marker = marker.lower()
    escaped = json.dumps(marker)[1:-1]
    return marker.encode() in content or escaped.encode() in content


def outcome(response, marker: str | None) -> str:
    """What the role met, from the answer (see the constants above)."""
    status = response.status_code
    if status == 401:
        return LOGIN
    if status in (301, 302, 303, 307, 308):
        location = response.get("Location", "")
        return LOGIN if any(p in location for p in _SIGN_IN_PATHS) else DENIED
    if status == 403:
        return DENIED
    if status == 404:
        return NOT_FOUND
    if 200 <= status < 300:
        if marker is None or _contains(_content(response), marker):
            return ALLOWED
        return HIDDEN
    return f"HTTP {status}"


def knock(users: dict, objects: dict, role: str, door: Door) -> str:
    """Request ``door`` as ``role`` (signed in as ``users[role]``) and say what it met."""
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(users[role])
    path = door.path(objects)
    if door.method == "POST":
        body = door.body(objects) if door.body else {}
        response = client.post(path, body, content_type="application/json")
    else:
        response = client.get(path)
    return outcome(response, door.marker)


def rows(table: dict[str, tuple[str, ...]]) -> list:
    """The (role, door, expected) rows of a table written one door a line, one column a
    role (in the order of :data:`ROLES`)."""
    return [
        pytest.param(role, door, expected, id=f"{door}-{role}")
        for door, outcomes in table.items()
        for role, expected in zip(ROLES, outcomes, strict=True)
    ]


__all__ = [
    "ALLOWED",
    "DENIED",
    "HIDDEN",
    "LOGIN",
    "NOT_FOUND",
    "ROLES",
    "Door",
    "knock",
    "outcome",
    "rows",
]
