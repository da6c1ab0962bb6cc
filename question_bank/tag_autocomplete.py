"""The admin's tag autocomplete, narrowed to the tags the user may see.

Wagtail's ``/admin/tag-autocomplete/`` suggests every tag whose name starts with the term,
so tags used only in a confidential pool or another school's private bank reached any
staff member. Wagtail has no hook for it, so ``config.urls`` routes its two URLs here,
before Wagtail's admin URLs. Taggit's ``Tag`` is the only tag model of the project and
only questions use it; the rule is ``question_bank.permissions.question_tags``.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, JsonResponse
from django.views.decorators.cache import never_cache
from taggit.models import Tag
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT

from question_bank import permissions


@never_cache
@require_admin_access
def autocomplete(request, app_name=None, model_name=None):
    if app_name and model_name:
        try:
            content_type = ContentType.objects.get_by_natural_key(app_name, model_name)
        except ContentType.DoesNotExist as exc:
            raise Http404 from exc
        if content_type.model_class() is not Tag:
            raise Http404
    term = request.GET.get("term", "")
    if not term:
        return JsonResponse([], safe=False)
    names = (
        permissions.question_tags(request.user)
        .filter(name__istartswith=term)
        .order_by("name")
        .values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT]
    )
    return JsonResponse(list(names), safe=False)
