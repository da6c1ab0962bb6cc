"""Roles mapped to Django/Wagtail groups and their permissions.

The rules themselves live in :mod:`accounts.permissions`; groups carry only what Wagtail's own
admin needs (admin access, page, image and document permissions, snippet permissions).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from accounts.models import Role
from accounts.signals import role_groups_ready

ROLE_GROUP_NAMES = {
    Role.TEACHER: "Giáo viên",
    Role.LIBRARIAN: "Thủ thư",
    Role.EXAM_BOARD: "Hội đồng thi",
    Role.SCHOOL_ADMIN: "Quản trị trường",
    Role.DEPARTMENT_ADMIN: "Quản trị Sở/Phòng",
}

# Image and document permissions are granted at the root collection because a role group
# is shared by every school; the policies of content.policy narrow them to the collections
# of the user's school or area (accounts.permissions.editable_collections, each school has its
# own collection from accounts.services.school_create) and, for choosing, the shared root.
_MEDIA = ["add", "change", "choose"]
# Page permissions at the root of the tree, narrowed to the user's area by the admin hooks
# of content.wagtail_hooks (content.permissions.can_work_on_page). Teachers only add: Wagtail
# then lets them edit and delete their own pages (owner), never a colleague's. Curators
# keep "publish" because approving a page in the curation workflow publishes it as the
# approver and Wagtail requires the approver's publish permission (so do the takedown and
# restore services); the hooks allow it only on pages of the area they curate.
ROLE_PAGE_PERMISSIONS = {
    Role.TEACHER: ["add"],
    Role.LIBRARIAN: ["add", "change", "publish"],
    Role.EXAM_BOARD: [],
    Role.SCHOOL_ADMIN: ["add", "change", "publish"],
    Role.DEPARTMENT_ADMIN: ["add", "change", "publish", "lock", "unlock"],
}
# Question bank: authors create and edit (never publish: approval goes through the review
# workflow of the subject group, whose group is set up by question_bank.review).
QUESTION_AUTHOR = [
    f"question_bank.{action}_{model}"
    for model in ("question", "questionbank", "stimulus")
    for action in ("add", "change", "view", "delete")
]
QUESTION_VIEWER = ["question_bank.view_question", "question_bank.view_questionbank"]
PAPER_AUTHOR = [
    f"question_bank.{action}_{model}"
    for model in ("exammatrix", "paper")
    for action in ("add", "change", "view", "delete")
]
# Library: teachers add and submit items (no publish: approval goes through the curation
# workflow, content.curation); curators approve, publish and keep the collections.
LIBRARY_AUTHOR = [f"content.{a}_libraryitem" for a in ("add", "change", "view")]
LIBRARY_CURATOR = [
    *LIBRARY_AUTHOR,
    "content.publish_libraryitem",
    "content.delete_libraryitem",
    "content.view_takedown",
    *(f"content.{a}_librarycollection" for a in ("add", "change", "view", "delete")),
]
ROLE_MODEL_PERMISSIONS = {
    Role.TEACHER: ["curriculum.view_topic", *QUESTION_AUTHOR, *PAPER_AUTHOR, *LIBRARY_AUTHOR],
    Role.LIBRARIAN: ["curriculum.view_topic", "curriculum.view_subject", *LIBRARY_CURATOR],
    Role.EXAM_BOARD: ["curriculum.view_topic", *QUESTION_AUTHOR, *PAPER_AUTHOR],
    Role.SCHOOL_ADMIN: [
        "curriculum.view_topic",
        "accounts.view_schoolclass",
        "accounts.view_school",
        *QUESTION_VIEWER,
        *LIBRARY_CURATOR,
    ],
    Role.DEPARTMENT_ADMIN: [
        *QUESTION_VIEWER,
        "curriculum.add_topic",
        "curriculum.change_topic",
        "curriculum.view_topic",
        "curriculum.add_subject",
        "curriculum.change_subject",
        "curriculum.view_subject",
        "accounts.view_school",
        "accounts.view_schoolclass",
        "accounts.view_department",
        "accounts.view_districtoffice",
        *LIBRARY_CURATOR,
    ],
}


def _permission(label: str) -> Permission:
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_role_groups() -> dict[str, Group]:
    """Create or update one group per staff role. Idempotent; run after migrations."""
    from wagtail.models import (
        Collection,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
    )

    access_admin = _permission("wagtailadmin.access_admin")
    root_pages = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    groups = {}
    for role, name in ROLE_GROUP_NAMES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin, *(_permission(p) for p in ROLE_MODEL_PERMISSIONS[role]))
        if root_pages is not None:
            page_permissions = [
                _permission(f"wagtailcore.{codename}_page")
                for codename in ROLE_PAGE_PERMISSIONS[role]
            ]
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_pages, permission=permission
                )
            # A permission a role no longer has at the root is taken back.
            GroupPagePermission.objects.filter(group=group, page=root_pages).exclude(
                permission__in=page_permissions
            ).delete()
        if root_collection is not None and role != Role.EXAM_BOARD:
            for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
                for action in _MEDIA:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=_permission(f"{app_label}.{action}_{model}"),
                    )
        groups[role] = group
    role_groups_ready.send(sender=None, groups=groups)
    return groups


def sync_user_groups(user) -> None:
    """Make ``user``'s role groups match ``user.role`` (students belong to none)."""
    role_groups = Group.objects.filter(name__in=ROLE_GROUP_NAMES.values())
    user.groups.remove(*role_groups.exclude(name=ROLE_GROUP_NAMES.get(user.role)))
    if user.role in ROLE_GROUP_NAMES:
        user.groups.add(Group.objects.get(name=ROLE_GROUP_NAMES[user.role]))
