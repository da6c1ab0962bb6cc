import time

import pytest
from django.test import override_settings

from content.packages.origin import tokens
from content.packages.origin.tokens import TokenExpired, TokenInvalid, launch_token, read_token


def test_a_token_names_its_user_and_version_and_is_url_safe():
    token = launch_token(user_id=7, version_id=42)
    assert read_token(token) == (7, 42)
    assert all(c.isalnum() or c in "-_." for c in token)
    assert "/" not in token and ":" not in token


def test_same_user_and_version_get_the_same_token_within_a_bucket():
    # The files' URLs stay the same, so the browser's cache of them keeps working.
    assert launch_token(user_id=1, version_id=2) == launch_token(user_id=1, version_id=2)
    assert launch_token(user_id=1, version_id=2) != launch_token(user_id=1, version_id=3)
    assert launch_token(user_id=1, version_id=2) != launch_token(user_id=3, version_id=2)


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # signature
        lambda t: "eyJ1Ijo5LCJ2Ijo0Mn0" + t[t.index(".") :],  # payload: another user
        lambda t: t.replace(".", ":"),
        lambda t: "",
        lambda t: "khong-phai-ma",
    ],
)
def test_a_tampered_token_is_invalid(change):
    token = launch_token(user_id=7, version_id=42)
    with pytest.raises(TokenInvalid):
        read_token(change(token))


def test_a_token_signed_for_another_purpose_is_invalid():
    from django.core import signing

    other = signing.TimestampSigner(salt="another.salt", sep=".").sign_object(
        {"u": 7, "v": 42}, compress=False
    )
    with pytest.raises(TokenInvalid):
        read_token(other)


def test_a_token_expires(monkeypatch):
    token = launch_token(user_id=7, version_id=42)
    later = time.time() + tokens.DEFAULT_LIFETIME_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)
    with pytest.raises(TokenExpired):
        read_token(token)
    assert issubclass(TokenExpired, TokenInvalid)


def test_the_lifetime_is_a_setting():
    token = launch_token(user_id=7, version_id=42)
    with (
        override_settings(HOCLIEU_PACKAGE_TOKEN_SECONDS=-tokens.BUCKET_SECONDS - 1),
        pytest.raises(TokenExpired),
    ):
        read_token(token)
    with override_settings(HOCLIEU_PACKAGE_TOKEN_SECONDS=3600):
        assert read_token(token) == (7, 42)
