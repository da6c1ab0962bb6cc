"""The curriculum in the Wagtail admin: subjects and the topic tree (lessons and learning
outcomes edited inline in their topic). Everyone with the admin reads it; changing it asks
:mod:`curriculum.permissions`."""

from django.utils.translation import gettext_lazy as _
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from common.policies import RuleModelPermissionPolicy
from curriculum import permissions
from curriculum.models import Subject, Topic


class CurriculumPermissionPolicy(RuleModelPermissionPolicy):
    """Model permissions of the user's groups ∧ :func:`curriculum.permissions.can_edit_curriculum`
    for every change (reading needs only the model permission)."""

    def __init__(self, model):
        super().__init__(
            model,
            rules={
                "view": lambda user: model._default_manager.all(),
                "*": lambda user: permissions.editable_curriculum(user, model),
            },
        )

    def may_add(self, user) -> bool:
        return permissions.can_edit_curriculum(user)


# Registered before the viewsets, which would otherwise create Wagtail's fallback.
for _model in (Subject, Topic):
    register_permission_policy(_model, CurriculumPermissionPolicy(_model))


class SubjectViewSet(SnippetViewSet):
    model = Subject
    icon = "folder-open-inverse"
    list_display = ["name", "code", "name_en"]


class TopicViewSet(SnippetViewSet):
    """The curriculum tree: each topic edits its lessons and their outcomes inline."""

    model = Topic
    icon = "list-ul"
    list_display = ["name", "subject", "grade", "textbook"]
    list_filter = ["subject", "grade"]
    search_fields = ["name"]
    ordering = ["subject__sort_order", "grade", "sort_order"]


class CurriculumGroup(SnippetViewSetGroup):
    menu_label = _("Chương trình GDPT 2018")
    menu_icon = "doc-full"
    menu_order = 200
    items = (SubjectViewSet, TopicViewSet)


register_snippet(CurriculumGroup)
