"""Sign-in is throttled per account and per address on both login pages (issue 15, finding 11).

Axes is switched off in the test settings (``client.login`` has no request); every test here
switches it back on, so what runs is the production configuration.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory, override_settings

from accounts.models import Role
from tests.accounts.factories import make_school, make_user

pytestmark = [pytest.mark.django_db]
axes_on = override_settings(AXES_ENABLED=True)

PASSWORD = "mat-khau-thu"
LOGIN_PAGES = ["/dang-nhap/", "/admin/login/"]
UNLOCK_URL = "/admin/dang-nhap-bi-khoa/"


def _sign_in(client, url, username, password, address="10.0.0.1"):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=address, follow=False
    )


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@axes_on
@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_twenty_wrong_passwords_lock_the_account_with_a_vietnamese_page(client, url):
    teacher = make_user(role=Role.TEACHER, school=make_school())
    for _ in range(20):
        response = _sign_in(client, url, teacher.username, "sai-mat-khau")
        assert not _signed_in(client)

    response = _sign_in(client, url, teacher.username, PASSWORD)

    assert not _signed_in(client)
    assert response.status_code == 429
    text = response.content.decode()
    assert "Tạm khoá đăng nhập" in text
    assert "15 phút" in text
    assert '<html lang="vi">' in text
    # The site's layout, not a bare English 403.
    assert 'class="site-header"' in text
    assert "Account locked" not in text


@axes_on
def test_the_account_lock_holds_from_any_address(client):
    teacher = make_user(role=Role.TEACHER, school=make_school())
    for n in range(10):
        _sign_in(client, "/dang-nhap/", teacher.username, "sai", address=f"10.1.0.{n}")

    _sign_in(client, "/admin/login/", teacher.username, PASSWORD, address="10.9.9.9")

    assert not _signed_in(client)


@axes_on
def test_a_few_typos_do_not_lock_and_a_success_clears_them(client):
    teacher = make_user(role=Role.TEACHER, school=make_school())
    for _ in range(9):
        _sign_in(client, "/dang-nhap/", teacher.username, "sai")
    _sign_in(client, "/dang-nhap/", teacher.username, PASSWORD)
    assert _signed_in(client)
    client.logout()
    for _ in range(9):
        _sign_in(client, "/dang-nhap/", teacher.username, "sai")
    _sign_in(client, "/dang-nhap/", teacher.username, PASSWORD)
    assert _signed_in(client)


@axes_on
def test_one_address_spraying_many_accounts_is_locked(client):
    school = make_school()
    victim = make_user(role=Role.STUDENT, school=school)
    # Fewer than the account limit for each name, 50 in all from one address.
    for n in range(50):
        _sign_in(client, "/dang-nhap/", f"hocsinh{n // 5}", "sai", address="10.2.0.1")

    _sign_in(client, "/dang-nhap/", victim.username, PASSWORD, address="10.2.0.1")
    assert not _signed_in(client)
    # Another address is not locked.
    _sign_in(client, "/dang-nhap/", victim.username, PASSWORD, address="10.2.0.2")
    assert _signed_in(client)


@axes_on
def test_signing_in_to_one_account_does_not_clear_guesses_at_another(client):
    school = make_school()
    attacker = make_user(role=Role.STUDENT, school=school)
    victim = make_user(role=Role.TEACHER, school=school)
    for _ in range(9):
        _sign_in(client, "/dang-nhap/", victim.username, "sai")
    _sign_in(client, "/dang-nhap/", attacker.username, PASSWORD)
    assert _signed_in(client)
    client.logout()

    _sign_in(client, "/dang-nhap/", victim.username, "sai")
    _sign_in(client, "/dang-nhap/", victim.username, PASSWORD)

    assert not _signed_in(client)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "172.18.0.5"),
        (1, "203.0.113.9", "203.0.113.9"),
        # The client forged the left part; nginx appended the address it saw.
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (1, "", "172.18.0.5"),
    ],
)
def test_the_client_address_is_read_through_the_trusted_proxies(proxies, forwarded, expected):
    from accounts.signin import client_address

    request = RequestFactory().get("/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(HOCLIEU_TRUSTED_PROXY_COUNT=proxies):
        assert client_address(request) == expected


def _lock(client, user, address="10.3.0.1"):
    for _ in range(12):
        _sign_in(client, "/dang-nhap/", user.username, "sai", address=address)


@axes_on
def test_a_school_admin_unlocks_their_schools_account(client):
    school = make_school()
    teacher = make_user(role=Role.TEACHER, school=school)
    admin = make_user(role=Role.SCHOOL_ADMIN, school=school)
    _lock(client, teacher)

    client.force_login(admin)
    listing = client.get(UNLOCK_URL)
    assert listing.status_code == 200
    assert teacher.username in listing.content.decode()
    response = client.post(UNLOCK_URL, {"username": teacher.username})
    assert response.status_code == 302
    client.logout()

    _sign_in(client, "/dang-nhap/", teacher.username, PASSWORD, address="10.3.0.1")
    assert _signed_in(client)


@axes_on
def test_unlocking_is_limited_to_the_people_one_manages(client):
    teacher = make_user(role=Role.TEACHER, school=make_school())
    other_admin = make_user(role=Role.SCHOOL_ADMIN, school=make_school())
    colleague = make_user(role=Role.TEACHER, school=teacher.school)
    _lock(client, teacher)

    client.force_login(other_admin)
    assert teacher.username not in client.get(UNLOCK_URL).content.decode()
    assert client.post(UNLOCK_URL, {"username": teacher.username}).status_code == 404
    client.force_login(colleague)
    assert client.get(UNLOCK_URL).status_code in (302, 403)
    assert client.post(UNLOCK_URL, {"username": teacher.username}).status_code in (302, 403)
    client.logout()

    _sign_in(client, "/dang-nhap/", teacher.username, PASSWORD, address="10.3.0.1")
    assert not _signed_in(client)


@axes_on
def test_a_superuser_clears_a_locked_address(client):
    from accounts.models import User

    root = User.objects.create_superuser("root", "root@example.edu.vn", "mat-khau-goc-123")
    student = make_user(role=Role.STUDENT, school=make_school())
    for n in range(50):
        _sign_in(client, "/dang-nhap/", f"khong-co-{n // 5}", "sai", address="10.4.0.1")

    client.force_login(root)
    assert "10.4.0.1" in client.get(UNLOCK_URL).content.decode()
    client.post(UNLOCK_URL, {"ip_address": "10.4.0.1"})
    client.logout()

    _sign_in(client, "/dang-nhap/", student.username, PASSWORD, address="10.4.0.1")
    assert _signed_in(client)


@override_settings(HOCLIEU_ALLOW_DEMO_SEED=False)
def test_the_demo_seed_is_refused_where_it_is_not_allowed():
    with pytest.raises(CommandError, match="Không tạo dữ liệu mẫu"):
        call_command("seed_demo")


def test_production_settings_refuse_the_demo_seed(tmp_path):
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "hoclieu.example.edu.vn",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CELERY_BROKER_URL": "redis://127.0.0.1:1/0",
        "CONTENT_ORIGIN": "https://noidung.example.edu.vn",
        # An operator cannot switch it back on from the environment.
        "HOCLIEU_ALLOW_DEMO_SEED": "1",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Không tạo dữ liệu mẫu" in result.stderr
    assert not (tmp_path / "db.sqlite3").exists() or (tmp_path / "db.sqlite3").stat().st_size == 0


def test_signing_out_of_the_site_goes_home(client):
    """Finding 13: POST /dang-xuat/ was a 500 (no registration/logged_out.html)."""
    client.force_login(make_user(role=Role.STUDENT, school=make_school()))

    response = client.post("/dang-xuat/")

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not _signed_in(client)
