"""Wagtail's per-object permission checks for questions, answered by ``lms.permissions``."""

from wagtail.permission_policies import ModelPermissionPolicy

from lms import permissions


class QuestionPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self.user_has_any_permission(user, actions):
            return False
        if not permissions.can_view_question(user, instance):
            return False
        if set(actions) <= {"view"}:
            return True
        if "publish" in actions and permissions.can_review_question(user, instance):
            return True
        return permissions.can_edit_question(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model.objects.none()
        if set(actions) <= {"view"}:
            return permissions.visible_questions(user)
        return permissions.visible_questions(user).filter(bank__in=permissions.editable_banks(user))
