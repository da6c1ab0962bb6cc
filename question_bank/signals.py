"""Receivers of ``question_bank``: what invalidates the cached bank ids of its permission
rules (a bank, its members, a user's role or school, a school's district, a group)."""

from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save

from accounts.models import School, User
from question_bank.models import QuestionBank
from question_bank.permissions import bank_ids_changed


def connect() -> None:
    # Banks (scope, area, confidential, owner), their members, a user's role or school,
    # a school's district, the reviewers' group: each changes who sees which bank.
    for model in (QuestionBank, User, School, Group):
        post_save.connect(bank_ids_changed, sender=model, dispatch_uid=f"bank-ids-{model.__name__}")
        post_delete.connect(
            bank_ids_changed, sender=model, dispatch_uid=f"bank-ids-d-{model.__name__}"
        )
    for through in (QuestionBank.members.through, User.groups.through):
        m2m_changed.connect(
            bank_ids_changed, sender=through, dispatch_uid=f"bank-ids-m-{through.__name__}"
        )
