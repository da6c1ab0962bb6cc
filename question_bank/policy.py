"""Wagtail's permission checks for the question bank's models, answered by ``accounts.permissions``.

Each policy keeps the model permissions of the role groups (what Wagtail's own views need)
and narrows them per object by the rules: ``instances_user_has_any_permission_for`` returns
exactly the objects the user may act on, so listings, bulk actions (``id=all``), choosers
and the per-object checks all agree. They are registered before the viewsets
(``question_bank.apps`` for questions, the top of ``question_bank.wagtail_hooks`` for the
rest), which would otherwise create Wagtail's fallback of model permissions only.
"""

from common.policies import RulePermissionPolicy
from question_bank import permissions


class QuestionPermissionPolicy(RulePermissionPolicy):
    """Questions: seen by the bank rule; edited, deleted, locked by the members of their
    bank; published (approved) by reviewers of the subject group who see them."""

    def objects_for(self, user, action):
        if action == "view":
            return permissions.visible_questions(user)
        if action == "publish":
            return permissions.reviewable_questions(user)
        return permissions.editable_questions(user)

    def may_add(self, user):
        return permissions.has_editable_bank(user)


class QuestionBankPermissionPolicy(RulePermissionPolicy):
    """Banks: seen by their sharing scope; created by question staff (a confidential pool
    by the exam board: checked by the form and ``services.bank_place``); their settings
    changed and the bank deleted by the owner only (members work inside it)."""

    def objects_for(self, user, action):
        if action == "view":
            return permissions.visible_banks(user)
        return permissions.manageable_banks(user)

    def may_add(self, user):
        return permissions.can_create_bank(user)


class StimulusPermissionPolicy(RulePermissionPolicy):
    """Shared stimuli: seen with their bank; created, edited and deleted only in the banks
    the user edits (never in a confidential pool the user is not a member of)."""

    def objects_for(self, user, action):
        if action == "view":
            return permissions.visible_stimuli(user)
        return permissions.editable_stimuli(user)

    def may_add(self, user):
        return permissions.has_editable_bank(user)


class ExamMatrixPermissionPolicy(RulePermissionPolicy):
    """Exam matrices: their creator only, for every action."""

    def objects_for(self, user, action):
        return permissions.visible_matrices(user)

    def may_add(self, user):
        return permissions.can_assemble(user)


class PaperPermissionPolicy(RulePermissionPolicy):
    """Papers (their pages are ``assembly.views``, not snippets): the papers a user sees
    (``visible_papers``) for every action, so that the site history lists the audit-log
    entries of those papers only, never a confidential paper's title."""

    def objects_for(self, user, action):
        return permissions.visible_papers(user)


class ReferenceDataPermissionPolicy(RulePermissionPolicy):
    """Cognitive scales and true/false score tables: read by every admin user who may
    view them, kept by superusers and department admins."""

    def objects_for(self, user, action):
        if action == "view" or permissions.can_edit_reference_data(user):
            return self.model._default_manager.all()
        return self.model._default_manager.none()

    def may_add(self, user):
        return permissions.can_edit_reference_data(user)
