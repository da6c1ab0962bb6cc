"""Sign-in throttling: how django-axes counts failures, finds the client and answers a lockout.

Both login pages (the site's ``/dang-nhap/`` and Wagtail's ``/admin/login/``) authenticate
through ``axes.backends.AxesBackend``, so one counter guards both. The settings name this
module (``AXES_HANDLER``, ``AXES_CLIENT_IP_CALLABLE``, ``AXES_LOCKOUT_CALLABLE``).

Two limits, one per door an attacker would use:

- per account: ``AXES_FAILURE_LIMIT`` failures for a username, from any address, lock that
  account (password guessing spread over many addresses);
- per address: ``HOCLIEU_SIGNIN_ADDRESS_FAILURE_LIMIT`` failures from one address, for any
  usernames, lock the address (one machine spraying many accounts). It is higher than the
  account limit because a whole school signs in from one NAT address.

Axes compares one number with one limit, so :meth:`SignInAttemptHandler.get_failures` shifts
the address count so that it reaches ``AXES_FAILURE_LIMIT`` exactly when the address reaches
its own limit.
"""

from __future__ import annotations

import logging

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from accounts.backends import account_for_login

logger = logging.getLogger(__name__)


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class SignInAttemptHandler(AxesDatabaseHandler):
    """Axes' database handler with separate account and address limits."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        attempts = AccessAttempt.objects.all()
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        username = get_client_username(request, credentials)
        account = _failures(attempts.filter(username=username)) if username else 0
        address = _failures(attempts.filter(ip_address=request.axes_ip_address))
        headroom = settings.HOCLIEU_SIGNIN_ADDRESS_FAILURE_LIMIT - settings.AXES_FAILURE_LIMIT
        return max(account, address - headroom)

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """A successful sign-in clears that account's own failures only.

        Axes' default clears every attempt matching any lockout parameter, the address's
        included: anyone holding one account could then sign in to it between guesses and
        wipe the failures counted against the account they are guessing from that address.
        """
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def attempted_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The account a sign-in attempt is counted against (``AXES_USERNAME_CALLABLE``).

    A student may sign in with the username or the mã định danh
    (``accounts.backends``); both count against the same account's username, so typing
    one and then the other does not double the guesses allowed. A name that is no account
    is counted as typed.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        typed = credentials.get(field)
    else:
        typed = getattr(request, "data", request.POST).get(field)
    user = account_for_login(typed)
    return user.get_username() if user is not None else typed


def client_address(request: HttpRequest) -> str | None:
    """The client's address, read through ``HOCLIEU_TRUSTED_PROXY_COUNT`` reverse proxies.

    Each trusted proxy appends the address it received the request from to
    ``X-Forwarded-For`` (nginx: ``$proxy_add_x_forwarded_for``), so with N proxies the client
    is the N-th entry from the right; anything further left was sent by the client and can
    be forged. With no proxy (runserver, tests) the socket's address is the client's.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.HOCLIEU_TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < count:
        # A request that did not pass through every proxy (a health check from inside the
        # network): its socket address is the best we know.
        return remote
    return forwarded[-count]


def lockout_response(
    request: HttpRequest, original_response=None, credentials: dict | None = None
) -> HttpResponse:
    """A Vietnamese page on the site's layout (status 429), for both login pages."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    return TemplateResponse(
        request,
        "registration/locked_out.html",
        {"cool_off_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    ).render()


def locked_sign_in_summary(*, user) -> dict:
    """The failures ``user`` may clear, by account and (superusers) by address, newest first."""
    from accounts.permissions import unlockable_sign_in_attempts

    attempts = unlockable_sign_in_attempts(user)
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    accounts = (
        attempts.values("username")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .order_by("-last")
    )
    addresses = []
    if user.is_superuser:
        addresses = (
            attempts.values("ip_address")
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .order_by("-last")
        )
    return {
        "accounts": [
            {**row, "locked": row["failures"] >= settings.AXES_FAILURE_LIMIT} for row in accounts
        ],
        "addresses": [
            {**row, "locked": row["failures"] >= settings.HOCLIEU_SIGNIN_ADDRESS_FAILURE_LIMIT}
            for row in addresses
        ],
    }


def sign_in_unlock(*, user, username: str | None = None, ip_address: str | None = None) -> int:
    """Clear the failed sign-ins of an account or an address that ``user`` may clear.

    Raises ``PermissionDenied`` for a user who may unlock nothing and ``Http404`` when none
    of the named failures are theirs to clear (an unknown name and a foreign one look alike).
    """
    from accounts.permissions import can_unlock_sign_in, unlockable_sign_in_attempts

    if not can_unlock_sign_in(user):
        raise PermissionDenied
    attempts = unlockable_sign_in_attempts(user)
    if username:
        attempts = attempts.filter(username=username)
    elif ip_address and user.is_superuser:
        attempts = attempts.filter(ip_address=ip_address)
    else:
        raise Http404
    count, _ = attempts.delete()
    if not count:
        raise Http404
    logger.info(
        "Sign-in unlocked by %s: username=%r ip_address=%r (%d records)",
        user.get_username(),
        username,
        ip_address,
        count,
    )
    return count
