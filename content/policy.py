"""Area limits of learning materials in the Wagtail admin: who may work on which lesson
and e-lecture page, which library items a user may change, publish or delete, which
questions an editor may embed, and which takedown records a curator sees.

The rules themselves are in :mod:`accounts.permissions`; the permission policies and the page
permission tester here adapt them to Wagtail's interfaces, as ``question_bank.policy``
does.
"""

from wagtail.models import PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from accounts import permissions as accounts_permissions
from common.policies import RulePermissionPolicy
from content import permissions


class LibraryItemPermissionPolicy(RulePermissionPolicy):
    """Model permissions of the role groups, narrowed per item by ``accounts.permissions``:
    authors and the curators of the item's area change it (an author's edit of a
    published item stays a draft revision until a curator approves it); only curators of
    its area publish, unpublish or delete it."""

    CURATOR_ACTIONS = frozenset({"publish", "unpublish", "delete", "lock", "unlock"})

    def objects_for(self, user, action):
        if action in self.CURATOR_ACTIONS:
            return permissions.curatable_library_items(user)
        return permissions.editable_library_items(user)


class TakedownPermissionPolicy(RulePermissionPolicy):
    """Takedown records are written by the takedown and restore services only
    (``content.curation``): in the admin they are a read-only log, each record seen by the
    curators of its material (``content.permissions.curatable_takedowns``), whoever asks."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def objects_for(self, user, action):
        return permissions.curatable_takedowns(user)


class LibraryCollectionPermissionPolicy(ModelPermissionPolicy):
    """Collections are province-wide shelves: curators keep them; only superusers and
    department admins delete one (``content.permissions.can_delete_collection``)."""

    def user_has_permission(self, user, action):
        if action == "delete":
            allowed = permissions.can_delete_collection(user)
        else:
            allowed = permissions.can_keep_collections(user)
        return allowed and super().user_has_permission(user, action)


class AreaPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, but the pages the admin shows a user (explorer, page search,
    the admin API behind the explorer menu, site history) are narrowed to
    ``workable_pages_q``: no titles of other schools' drafts."""

    def explorable_instances(self, user):
        return super().explorable_instances(user).filter(permissions.workable_pages_q(user))


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
            self._works_on_cache = permissions.can_work_on_page(self.user, self.page)
        return self._works_on_cache

    def _curates(self) -> bool:
        if not hasattr(self, "_curates_cache"):
            self._curates_cache = permissions.can_curate_page(self.user, self.page)
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


class SchoolCollectionPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's policy for images and documents, with the role groups' collection
    permissions (granted at the root by ``accounts.roles``) narrowed to the collections of
    the user's school or area (``accounts.permissions.editable_collections``); choosing also
    takes the shared root collection (``choosable_collections``). So a teacher edits,
    replaces, deletes, lists and uploads only in their school's collection."""

    @staticmethod
    def _allowed(user, actions):
        if set(actions) & {"choose"}:
            return accounts_permissions.choosable_collections(user)
        return accounts_permissions.editable_collections(user)

    def _check_perm(self, user, actions, collection=None):
        if not super()._check_perm(user, actions, collection=collection):
            return False
        if collection is None or user.is_superuser:
            return True
        return self._allowed(user, actions).filter(pk=collection.pk).exists()

    def _collections_with_perm(self, user, actions):
        collections = super()._collections_with_perm(user, actions)
        return collections.filter(pk__in=self._allowed(user, actions).values("pk"))


def media_permission_policy(model, auth_model):
    return SchoolCollectionPermissionPolicy(
        model, auth_model=auth_model, owner_field_name="uploaded_by_user"
    )
