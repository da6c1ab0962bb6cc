"""What a new user meets after ``./scripts/demo`` (issue 16, "Demo and first steps"): a short
seed report that ends with the logins, and every printed login signs in.

The seed runs once, through the management command ``scripts/demo`` runs, with the console
e-mail backend of the dev settings and INFO logging (what ``./scripts/demo`` shows). It runs
with real commits (a transactional test) so the tasks queued after commit run as in the demo.
"""

import logging
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from accounts.models import Role, User
from demo.people import ADMIN_URL, DEMO_PASSWORD, SITE_SIGN_IN_URL, demo_logins

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

#: Lines that must never reach the seed's output: e-mail headers and task logs.
NOISE = ("Subject:", "Content-Type", "MIME-Version", "Task ", "succeeded in", "Hello ")


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@override_settings(EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
def test_the_seed_prints_a_short_report_ending_with_logins_that_all_sign_in(capsys, caplog):
    caplog.set_level(logging.INFO)
    out, err = StringIO(), StringIO()

    call_command("seed_demo", stdout=out, stderr=err)

    echoed = capsys.readouterr()
    logged = [record.getMessage() for record in caplog.records]
    report = out.getvalue().rstrip("\n").splitlines()
    everything = "\n".join([out.getvalue(), err.getvalue(), echoed.out, echoed.err, *logged])
    for noise in NOISE:
        assert noise not in everything, noise
    assert logged == []
    assert len(everything.splitlines()) < 60
    assert any(line.startswith("[1/6]") for line in report)
    assert any("Thư thông báo:" in line for line in report)  # counted, kept in a file

    # The report ends with the logins: every role, its password and where it signs in.
    logins = demo_logins()
    roles = {Role.DEPARTMENT_ADMIN, Role.SCHOOL_ADMIN, Role.TEACHER, Role.LIBRARIAN}
    roles |= {Role.EXAM_BOARD, Role.STUDENT}
    assert {User.objects.get(username=row.username).role for row in logins} >= roles
    tail = report[-len(logins) :]
    for line, row in zip(tail, logins, strict=True):
        assert row.username in line and DEMO_PASSWORD in line and row.sign_in_url in line
    header = "\n".join(report[-len(logins) - 4 : -len(logins)])
    assert SITE_SIGN_IN_URL in header and ADMIN_URL in header
    assert "Đăng nhập tại http://127.0.0.1:8000/admin/ (Login at /admin/)" not in everything

    # Every printed login signs in through the site's sign-in form.
    for row in logins:
        client = Client()
        response = client.post(
            SITE_SIGN_IN_URL,
            {"username": row.username, "password": row.password},
            follow=True,
        )
        assert response.status_code == 200
        assert _signed_in(client), row.username
        assert response.context["user"].username == row.username
        user = User.objects.get(username=row.username)
        admin = client.get(ADMIN_URL)
        if user.role == Role.STUDENT and not user.is_superuser:
            assert row.sign_in_url == SITE_SIGN_IN_URL
            assert admin.status_code == 302 and admin["Location"] == "/"
        else:
            assert row.sign_in_url == ADMIN_URL
            assert admin.status_code == 200, row.username
