from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content.models import Subject, Topic


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
