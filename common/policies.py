"""A Wagtail permission policy answered by rules: model permissions of the user's groups
narrowed, per action, to the objects a rule returns.

Every app's admin policy is one of these (``content.policy``, ``question_bank.policy``,
``accounts`` through :class:`RuleModelPermissionPolicy`): the rules themselves stay in
each app's ``permissions``; this only adapts them to Wagtail's interface, so listings,
bulk actions (``id=all``), choosers and per-object checks all agree.
"""

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy


class RulePermissionPolicy(ModelPermissionPolicy):
    """Model permissions of the user's groups ∧ the rule of each action.

    Subclasses answer :meth:`objects_for` (the objects the user may perform ``action`` on,
    as a queryset) and may narrow :meth:`may_add` and :meth:`user_has_permission`."""

    def objects_for(self, user, action: str) -> QuerySet:
        raise NotImplementedError

    def may_add(self, user) -> bool:
        return True

    def user_has_permission(self, user, action):
        if not super().user_has_permission(user, action):
            return False
        return action != "add" or self.may_add(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if instance.pk is None:
            return self.user_has_any_permission(user, actions)
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        allowed = [
            Q(pk__in=self.objects_for(user, action).values("pk"))
            for action in dict.fromkeys(actions)
            if action != "add" and self.user_has_permission(user, action)
        ]
        if not allowed:
            return manager.none()
        return manager.filter(reduce(or_, allowed))


class RuleModelPermissionPolicy(RulePermissionPolicy):
    """Model permissions of the user's groups ∧ a rule of ``accounts.permissions`` per action.

    ``rules`` maps an action ("view", "change", "delete"…) to a function of the user that
    returns the objects it may be performed on; actions without a rule use ``rules["*"]``."""

    def __init__(self, model, *, rules: dict):
        super().__init__(model)
        self.rules = rules

    def objects_for(self, user, action):
        return self.rules.get(action, self.rules["*"])(user)
