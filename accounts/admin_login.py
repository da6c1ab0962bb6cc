"""Wagtail's sign-in form with every label in Vietnamese.

Wagtail's ``LoginForm`` declares ``password`` without a label, so Django derives the English
"Password" from the field name, which no catalogue can translate.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class AdminLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Mật khẩu")
