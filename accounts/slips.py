"""Login slips: one PDF of a class's initial passwords, several slips to an A4 page.

Printed in the request that issued the passwords (they are never stored in clear), with
the machine's fonts (DejaVu/Liberation carry Vietnamese) and the text kept as text, so the
slips can be searched and read back.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.template.loader import render_to_string

from accounts.credentials import IssuedCredential
from common.pdf import html_page_to_pdf


def _slip(credential: IssuedCredential) -> dict:
    user = credential.user
    school_class = credential.school_class
    school = school_class.school if school_class else user.school
    return {
        "school": school.name if school else "",
        "class_name": school_class.name if school_class else "",
        "school_year": str(school_class.school_year) if school_class else "",
        "full_name": user.full_name or user.get_username(),
        "login": credential.login,
        "password": credential.password,
    }


def login_slips_html(*, credentials: Sequence[IssuedCredential], login_url: str) -> str:
    return render_to_string(
        "accounts/login_slips.html",
        {"slips": [_slip(c) for c in credentials], "login_url": login_url},
    )


def login_slips_pdf(*, credentials: Sequence[IssuedCredential], login_url: str) -> bytes:
    """The slips of ``credentials`` (in their order), ``login_url`` printed on each."""
    return html_page_to_pdf(login_slips_html(credentials=credentials, login_url=login_url))
