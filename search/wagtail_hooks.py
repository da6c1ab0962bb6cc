"""The search vocabulary in the admin: librarians and department admins extend the list of
abbreviations (``search.Abbreviation``) that searches expand (``search.synonyms``)."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from search import permissions
from search.models import Abbreviation


class SearchVocabularyPermissionPolicy(BasePermissionPolicy):
    """Every action on the vocabulary by the rule ``can_edit_search_vocabulary``, not by
    model permissions of the role groups."""

    def user_has_permission(self, user, action):
        return permissions.can_edit_search_vocabulary(user)

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(
            is_active=True, role__in=permissions.SEARCH_VOCABULARY_ROLES
        ) | get_user_model().objects.filter(is_active=True, is_superuser=True)


# Before the viewset, which would otherwise create Wagtail's model-permission fallback.
register_permission_policy(Abbreviation, SearchVocabularyPermissionPolicy(Abbreviation))


class AbbreviationViewSet(SnippetViewSet):
    model = Abbreviation
    icon = "openquote"
    menu_label = _("Từ viết tắt")
    list_display = ["abbreviation", "expansions", "subject", "updated_at"]
    list_filter = ["subject"]
    search_fields = ["abbreviation", "key", "expansions"]
    ordering = ["key"]
    panels = [FieldPanel("abbreviation"), FieldPanel("expansions"), FieldPanel("subject")]


class SearchGroup(SnippetViewSetGroup):
    menu_label = _("Tìm kiếm")
    menu_icon = "search"
    menu_order = 260
    items = (AbbreviationViewSet,)


register_snippet(SearchGroup)
