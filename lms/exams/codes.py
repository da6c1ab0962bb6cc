"""Rotating access codes of exam rooms (the code the invigilator reads out).

A code is six digits derived (HMAC-SHA256, like a TOTP) from the room's secret and the
current window of :data:`WINDOW_SECONDS`; the code of the previous window is still accepted,
so a candidate who typed it just before it rotated is not turned away.
"""

import hashlib
import hmac
import secrets
import time

WINDOW_SECONDS = 600


def new_secret() -> str:
    return secrets.token_hex(20)


def _code(secret: str, window: int) -> str:
    digest = hmac.new(secret.encode(), str(window).encode(), hashlib.sha256).digest()
    return f"{int.from_bytes(digest[:8], 'big') % 1_000_000:06d}"


def access_code(secret: str, *, at: float | None = None) -> str:
    """The room's code now (or at the epoch second ``at``)."""
    return _code(secret, int((time.time() if at is None else at) // WINDOW_SECONDS))


def seconds_left(*, at: float | None = None) -> int:
    """Seconds until the code rotates."""
    now = time.time() if at is None else at
    return int(WINDOW_SECONDS - now % WINDOW_SECONDS)


def code_accepted(secret: str, typed: str, *, at: float | None = None) -> bool:
    typed = "".join(ch for ch in str(typed or "") if ch.isdigit())
    if len(typed) != 6:
        return False
    window = int((time.time() if at is None else at) // WINDOW_SECONDS)
    return any(hmac.compare_digest(_code(secret, w), typed) for w in (window, window - 1))
