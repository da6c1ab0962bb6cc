"""Area limits of learning materials in the Wagtail admin: who may work on which lesson
and e-lecture page, which library items a user may change, publish or delete, which
questions an editor may embed, and which takedown records a curator sees.

The rule functions below belong in :mod:`lms.permissions` (they only combine its rules);
they live here until they are moved. The permission policies and the page permission
tester adapt those rules to Wagtail's interfaces, as ``question_bank.policy`` does.
"""

from django.apps import apps
from django.db.models import Q
from wagtail.models import PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from lms import permissions
from lms.models import Role

# Hub pages (home, subject, grade) are the site's skeleton, kept by hubs_sync: only
# superusers and department admins edit them.
HUB_EDITOR_ROLES = frozenset({Role.DEPARTMENT_ADMIN})


def material_page_models() -> list[type]:
    """The concrete page models of learning materials (lessons, e-lectures)."""
    from content.models import MaterialPage

    return [m for m in apps.get_models() if issubclass(m, MaterialPage)]


def _hub_page_models() -> tuple[type, ...]:
    from content.models import GradePage, HomePage, SubjectPage

    return (HomePage, SubjectPage, GradePage)


# belongs in lms.permissions
def can_work_on_page(user, page) -> bool:
    """May ``user`` edit, delete, copy, move, publish or unpublish ``page`` in the admin?

    Lessons and e-lectures: their owner and the curators of their area. Hub pages:
    department admins. Superusers: everything. Group page permissions are still needed
    on top of this; this only narrows them to the user's area.
    """
    if not permissions.is_active(user):
        return False
    if user.is_superuser:
        return True
    model = page.specific_class
    if model is None:
        return False
    if issubclass(model, tuple(material_page_models())):
        return page.owner_id == user.pk or permissions.can_curate(user, page.specific_deferred)
    if issubclass(model, _hub_page_models()):
        return user.role in HUB_EDITOR_ROLES
    return False


# belongs in lms.permissions
def can_create_page(user, page_class) -> bool:
    """Anyone with Wagtail's "add" permission creates materials (owning them); hub pages
    are made by superusers and department admins only."""
    if not permissions.is_active(user):
        return False
    if user.is_superuser or issubclass(page_class, tuple(material_page_models())):
        return True
    return user.role in HUB_EDITOR_ROLES


# belongs in lms.permissions
def can_curate_page(user, page) -> bool:
    """May ``user`` publish or unpublish ``page`` (curators of its area; hubs as above)?"""
    if not permissions.is_active(user):
        return False
    if user.is_superuser:
        return True
    model = page.specific_class
    if model is not None and issubclass(model, tuple(material_page_models())):
        return permissions.can_curate(user, page.specific_deferred)
    return can_work_on_page(user, page)


# belongs in lms.permissions
def workable_pages_q(user) -> Q:
    """Pages the admin explorer lists for ``user`` (a filter on ``wagtailcore.Page``):
    every hub page, and the materials the user may work on (``can_work_on_page``)."""
    if permissions.is_active(user) and user.is_superuser:
        return Q()
    from django.contrib.contenttypes.models import ContentType

    models = material_page_models()
    material_types = [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]
    rule = ~Q(content_type_id__in=material_types)
    if not permissions.is_active(user):
        return rule
    rule |= Q(owner=user)
    area = permissions.curated_area_q(user)
    for model in models:
        rule |= Q(pk__in=model.objects.filter(area).values("pk"))
    return rule


# belongs in lms.permissions
def choosable_pages_q(user) -> Q:
    """Pages ``user`` may pick in the page chooser (to link to): those of the explorer and
    the published materials of the user's sharing area."""
    rule = workable_pages_q(user)
    for model in material_page_models():
        rule |= Q(pk__in=permissions.visible_material_pages(user, model).values("pk"))
    return rule


# belongs in lms.permissions
def choosable_questions(user):
    """Questions an editor may embed in a lesson or e-lecture: approved (live) ones the
    user can see, never from a confidential exam-board pool, whoever the user is."""
    from question_bank.models import QuestionBank

    # A plain id list keeps the filter usable by every search backend (the chooser searches).
    confidential = list(QuestionBank.objects.filter(confidential=True).values_list("pk", flat=True))
    return permissions.visible_questions(user).filter(live=True).exclude(bank__in=confidential)


# belongs in lms.permissions
def curatable_takedowns(user):
    """Takedown records of the materials ``user`` curates (library items and pages)."""
    from content.models import Takedown

    if permissions.is_active(user) and user.is_superuser:
        return Takedown.objects.all()
    area = permissions.curated_area_q(user)
    rule = Q(library_item__in=permissions.curatable_library_items(user).values("pk"))
    for model in material_page_models():
        rule |= Q(page_id__in=model.objects.filter(area).values("pk"))
    return Takedown.objects.filter(rule)


class LibraryItemPermissionPolicy(ModelPermissionPolicy):
    """Model permissions of the role groups, narrowed per item by ``lms.permissions``:
    authors and the curators of the item's area change it (an author's edit of a
    published item stays a draft revision until a curator approves it); only curators of
    its area publish, unpublish or delete it."""

    CURATOR_ACTIONS = frozenset({"publish", "unpublish", "delete", "lock", "unlock"})

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        actions = [a for a in actions if self.user_has_permission(user, a)]
        if not actions:
            return self.model.objects.none()
        if any(a not in self.CURATOR_ACTIONS for a in actions):
            return permissions.editable_library_items(user)
        return permissions.curatable_library_items(user)


class LibraryCollectionPermissionPolicy(ModelPermissionPolicy):
    """Collections are province-wide shelves: curators keep them; only superusers and
    department admins delete one."""

    def user_has_permission(self, user, action):
        if not permissions.is_curator(user):
            return False
        if action == "delete" and not (user.is_superuser or user.role == Role.DEPARTMENT_ADMIN):
            return False
        return super().user_has_permission(user, action)


class AreaPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, but the pages the admin shows a user (explorer, page search,
    the admin API behind the explorer menu, site history) are narrowed to
    ``workable_pages_q``: no titles of other schools' drafts."""

    def explorable_instances(self, user):
        return super().explorable_instances(user).filter(workable_pages_q(user))


class MaterialPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions narrowed to the user's area (``can_work_on_page``).

    Wagtail's own views without a hook (preview, view draft, revisions, history, privacy,
    unscheduling, locking) ask the page's tester, so this closes them too once
    ``MaterialPage.permissions_for_user`` returns it. Publishing is then granted to the
    curators of the page's area whatever their group page permissions, so that workflow
    approval (which publishes as the approver) and takedowns keep working without a
    site-wide "publish" permission.
    """

    def _works_on(self) -> bool:
        if not hasattr(self, "_works_on_cache"):
            self._works_on_cache = can_work_on_page(self.user, self.page)
        return self._works_on_cache

    def _curates(self) -> bool:
        if not hasattr(self, "_curates_cache"):
            self._curates_cache = can_curate_page(self.user, self.page)
        return self._curates_cache

    def can_edit(self):
        return super().can_edit() and self._works_on()

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk=ignore_bulk) and self._works_on()

    # can_copy and can_move follow can_edit and can_delete.
    def can_lock(self):
        return super().can_lock() and self._works_on()

    def can_unlock(self):
        return super().can_unlock() and self._works_on()

    def can_publish(self):
        return self.user.is_active and not self.page_is_root and self._curates()

    def can_unpublish(self):
        return self.page.live and not self.page_locked() and self.can_publish()

    def can_view_revisions(self):
        return super().can_view_revisions() and (self.can_edit() or self.can_publish())
