"""The admin's user forms: Wagtail's, plus the fields of ours that an administrator keeps
by hand (a student's parent email, which new work and returned marks are emailed to)."""

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

#: Model fields added to Wagtail's user forms (their labels are the models' Vietnamese).
EXTRA_FIELDS = frozenset({"parent_email"})


class HoclieuUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | EXTRA_FIELDS


class HoclieuUserEditForm(UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | EXTRA_FIELDS


class UserViewSet(WagtailUserViewSet):
    create_template_name = "accounts/admin/user_create.html"
    edit_template_name = "accounts/admin/user_edit.html"

    def get_form_class(self, for_update=False):
        return HoclieuUserEditForm if for_update else HoclieuUserCreationForm
