"""Every bulk action of the admin acts on, and shows, only what the user may act on.

Wagtail's bulk actions (``/admin/bulk/<app>/<model>/<action>/?id=…``) load the objects by
id, then list those the user may not act on under "without permission", with their
titles. Here every registered action class (pages, snippets, images, documents, users,
our question actions) gets :class:`NarrowedBulkActionMixin` when the registry is read:
the objects are first narrowed in the database to what the model's permission policy
lets the user see or change, then to those ``check_perm`` accepts; nothing else is listed
or counted, and ``id=all`` means "all I may act on". An id outside the rule is a 404, as
if it did not exist.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.shortcuts import get_list_or_404
from wagtail.admin.views.bulk_action.registry import BulkActionRegistry, bulk_action_registry
from wagtail.models import Page
from wagtail.permissions import policy_registry

from content import permissions

#: The policy actions whose instances a user may see in a bulk action's list; each is
#: asked separately (a policy's "any of" may mean something narrower for mixed lists).
POLICY_ACTIONS = ("view", "change", "delete", "publish", "choose")


def actable_instances(user, model):
    """The objects of ``model`` a bulk action may show ``user`` (before ``check_perm``)."""
    if issubclass(model, Page):
        return model._default_manager.filter(permissions.workable_pages_q(user))
    policy = policy_registry.get_by_type(model)
    parts = [
        Q(pk__in=policy.instances_user_has_any_permission_for(user, [action]).values("pk"))
        for action in POLICY_ACTIONS
    ]
    return model._default_manager.filter(reduce(or_, parts))


class NarrowedBulkActionMixin:
    """Put before a bulk action class: narrows its objects to what the user may act on."""

    def get_queryset(self, model, object_ids):
        # An instance method in place of Wagtail's classmethod: the rule needs the user.
        allowed = actable_instances(self.request.user, model).values("pk")
        return get_list_or_404(
            model._default_manager.filter(pk__in=object_ids).filter(pk__in=allowed)
        )

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        # Objects the user may see but not act on are neither listed nor counted.
        return objects, {**extra, "items_with_no_access": []}


def narrowed(action_class: type) -> type:
    if issubclass(action_class, NarrowedBulkActionMixin):
        return action_class
    return type(
        action_class.__name__,
        (NarrowedBulkActionMixin, action_class),
        {"__module__": action_class.__module__, "__doc__": action_class.__doc__},
    )


class NarrowingBulkActionRegistry(BulkActionRegistry):
    """Wagtail's registry, but every action class it hands out is :func:`narrowed`."""

    def _scan_for_bulk_actions(self):
        if self.has_scanned_for_bulk_actions:
            return
        super()._scan_for_bulk_actions()
        for models in self.actions.values():
            for actions in models.values():
                for action_type, action_class in actions.items():
                    actions[action_type] = narrowed(action_class)


def install() -> None:
    """Make Wagtail's one registry (imported by its dispatcher and listings) narrow.

    Wagtail offers no hook around the registry, so its class is swapped for the subclass
    above before it is first read (``ContentConfig.ready``); nothing else changes.
    """
    if not isinstance(bulk_action_registry, NarrowingBulkActionRegistry):
        bulk_action_registry.__class__ = NarrowingBulkActionRegistry
