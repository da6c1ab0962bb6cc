"""Signed launch tokens: who may fetch which package version's files from the content origin.

The content origin has no cookies (it is another site to the browser, and a package frame
must never carry the student's session), so each file request carries a token in its path:
``{CONTENT_ORIGIN}/goi/<token>/<file>``. The token is ``django.core.signing`` over the user
and the version, with its own salt, URL-safe (base64url and ``.``), and expires after
``HOCLIEU_PACKAGE_TOKEN_SECONDS``.

Its timestamp is rounded down to ``BUCKET_SECONDS``, so the same student opening the same
version again within that window gets the same token, hence the same file URLs, and the
browser's cache of the package's (immutable) files keeps working across page loads. The
lifetime counts from the rounded time, so a token lives between ``lifetime - BUCKET`` and
``lifetime`` seconds.

Serving re-checks the permission (``content.packages.origin.access``): a token is no more
than a signed claim of who asked, never a permission of its own.
"""

import time

from django.conf import settings
from django.core import signing

SALT = "content.packages.origin.launch"
BUCKET_SECONDS = 15 * 60
# Four hours: a morning or afternoon shift of school (five periods) from a tab opened in
# the first, and a long e-lecture with its videos paused and resumed. A copied link dies
# the same day; the player page mints a fresh token on each load.
DEFAULT_LIFETIME_SECONDS = 4 * 60 * 60


class TokenInvalid(Exception):
    """Not a token of ours: malformed, tampered with, or signed with another key or salt."""


class TokenExpired(TokenInvalid):
    """A genuine token whose lifetime has passed (the page must be reloaded)."""


class _BucketSigner(signing.TimestampSigner):
    def timestamp(self):
        now = int(time.time())
        return signing.b62_encode(now - now % BUCKET_SECONDS)


def _signer() -> _BucketSigner:
    # "." separates the parts: it is URL-safe and not in base64url's alphabet.
    return _BucketSigner(salt=SALT, sep=".")


def lifetime_seconds() -> int:
    return int(getattr(settings, "HOCLIEU_PACKAGE_TOKEN_SECONDS", DEFAULT_LIFETIME_SECONDS))


def launch_token(*, user_id: int, version_id: int) -> str:
    """A token letting ``user_id`` fetch the files of package version ``version_id``."""
    return _signer().sign_object({"u": int(user_id), "v": int(version_id)}, compress=False)


def read_token(token: str) -> tuple[int, int]:
    """``(user_id, version_id)`` of a token; raises :class:`TokenExpired` or :class:`TokenInvalid`."""
    try:
        payload = _signer().unsign_object(token, max_age=lifetime_seconds())
    except signing.SignatureExpired as exc:
        raise TokenExpired from exc
    except (signing.BadSignature, ValueError, UnicodeDecodeError) as exc:
        raise TokenInvalid from exc
    try:
        return int(payload["u"]), int(payload["v"])
    except (KeyError, TypeError, ValueError) as exc:
        raise TokenInvalid from exc
