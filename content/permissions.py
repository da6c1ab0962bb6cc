"""Who may see and change learning materials: lesson and e-lecture pages, library items,
takedowns and the curriculum coverage report.

Views, the Wagtail admin, the API, files, OAI-PMH and search all ask these functions.
A material's sharing area is matched against the user's area
(:func:`accounts.permissions.material_scope_q`).
"""

from django.apps import apps
from django.db.models import Q, QuerySet

from accounts.models import Department, Role
from accounts.permissions import (
    CURATOR_ROLES,
    STAFF_ROLES,
    can_access_admin,
    curated_area_q,
    is_active,
    material_scope_q,
    user_area,
    visible_schools,
)


def is_curator(user) -> bool:
    return is_active(user) and (user.is_superuser or user.role in CURATOR_ROLES)


def visible_library_items(user):
    """Published library items the user may find, read and download (lists, API, OAI)."""
    from content.models import LibraryItem

    return LibraryItem.objects.filter(Q(live=True) & material_scope_q(user))


def curatable_library_items(user):
    from content.models import LibraryItem

    return LibraryItem.objects.filter(curated_area_q(user))


def editable_library_items(user):
    """Items the user may edit in the admin: their own, and those they curate."""
    from content.models import LibraryItem

    if not is_active(user) or not can_access_admin(user):
        return LibraryItem.objects.none()
    return LibraryItem.objects.filter(Q(created_by=user) | curated_area_q(user))


def choosable_library_items(user):
    """Items the user may pick (for a shelf, a link): the published ones of their sharing
    area and those they edit (their own drafts, the drafts of the area they curate)."""
    from content.models import LibraryItem

    if not can_access_admin(user):
        return LibraryItem.objects.none()
    return LibraryItem.objects.filter(
        Q(pk__in=visible_library_items(user).values("pk"))
        | Q(pk__in=editable_library_items(user).values("pk"))
    )


def can_view_library_item(user, item) -> bool:
    if visible_library_items(user).filter(pk=item.pk).exists():
        return True
    return editable_library_items(user).filter(pk=item.pk).exists()


def can_curate(user, obj) -> bool:
    """May take down, restore, hide comments and see statistics of ``obj``.

    Only materials (they carry a sharing area) are curated; hub pages and anything else
    are left to superusers."""
    if not is_active(user):
        return False
    if not hasattr(obj, "scope") or not hasattr(obj, "school_id"):
        return bool(user.is_superuser)
    return type(obj)._default_manager.filter(curated_area_q(user), pk=obj.pk).exists()


def visible_material_pages(user, model):
    """Live lesson/e-lecture pages (``model``) the user may open and find."""
    return model.objects.live().filter(material_scope_q(user))


def can_view_material_page(user, page) -> bool:
    """Published and in the user's area, or the author's own, or curated by the user."""
    model = type(page)
    if visible_material_pages(user, model).filter(pk=page.pk).exists():
        return True
    if is_active(user) and page.owner_id == user.pk:
        return True
    return can_curate(user, page)


def can_rate(user) -> bool:
    """Students and staff rate and comment; anonymous visitors don't."""
    return is_active(user)


# --- Curriculum coverage report -------------------------------------------------------
# Superusers see any department; department admins, school admins and librarians see
# their own department's figures (read-only: the report changes nothing and offers no
# choice of department). Everyone else is refused.
COVERAGE_ROLES = frozenset({Role.DEPARTMENT_ADMIN, Role.SCHOOL_ADMIN, Role.LIBRARIAN})


def can_view_coverage(user) -> bool:
    return is_active(user) and (user.is_superuser or user.role in COVERAGE_ROLES)


def coverage_departments(user) -> QuerySet:
    """Departments whose coverage the user may see."""
    if not can_view_coverage(user):
        return Department.objects.none()
    if user.is_superuser:
        return Department.objects.all()
    _school_id, district_id, department_id = user_area(user)
    if department_id is None and district_id is not None:
        # A Phòng admin may be recorded with the district office only.
        return Department.objects.filter(district_offices__pk=district_id)
    if department_id is None:
        return Department.objects.none()
    return Department.objects.filter(pk=department_id)


# --- Lessons and e-lectures in the Wagtail admin ---------------------------------------
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


def can_work_on_page(user, page) -> bool:
    """May ``user`` edit, delete, copy, move, publish or unpublish ``page`` in the admin?

    Lessons and e-lectures: their owner and the curators of their area. Hub pages:
    department admins. Superusers: everything. Group page permissions are still needed
    on top of this; this only narrows them to the user's area.
    """
    if not is_active(user):
        return False
    if user.is_superuser:
        return True
    model = page.specific_class
    if model is None:
        return False
    if issubclass(model, tuple(material_page_models())):
        return page.owner_id == user.pk or can_curate(user, page.specific_deferred)
    if issubclass(model, _hub_page_models()):
        return user.role in HUB_EDITOR_ROLES
    return False


def can_create_page(user, page_class) -> bool:
    """Anyone with Wagtail's "add" permission creates materials (owning them); hub pages
    are made by superusers and department admins only."""
    if not is_active(user):
        return False
    if user.is_superuser or issubclass(page_class, tuple(material_page_models())):
        return True
    return user.role in HUB_EDITOR_ROLES


def can_curate_page(user, page) -> bool:
    """May ``user`` publish or unpublish ``page`` (curators of its area; hubs as above)?"""
    if not is_active(user):
        return False
    if user.is_superuser:
        return True
    model = page.specific_class
    if model is not None and issubclass(model, tuple(material_page_models())):
        return can_curate(user, page.specific_deferred)
    return can_work_on_page(user, page)


def workable_pages_q(user) -> Q:
    """Pages the admin explorer lists for ``user`` (a filter on ``wagtailcore.Page``):
    every hub page, and the materials the user may work on (``can_work_on_page``)."""
    if is_active(user) and user.is_superuser:
        return Q()
    from django.contrib.contenttypes.models import ContentType

    models = material_page_models()
    material_types = [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]
    rule = ~Q(content_type_id__in=material_types)
    if not is_active(user):
        return rule
    rule |= Q(owner=user)
    area = curated_area_q(user)
    for model in models:
        rule |= Q(pk__in=model.objects.filter(area).values("pk"))
    return rule


def choosable_pages_q(user) -> Q:
    """Pages ``user`` may pick in the page chooser (to link to): those of the explorer and
    the published materials of the user's sharing area."""
    rule = workable_pages_q(user)
    for model in material_page_models():
        rule |= Q(pk__in=visible_material_pages(user, model).values("pk"))
    return rule


def curatable_takedowns(user):
    """Takedown records of the materials ``user`` curates (library items and pages)."""
    from content.models import Takedown

    if is_active(user) and user.is_superuser:
        return Takedown.objects.all()
    area = curated_area_q(user)
    rule = Q(library_item__in=curatable_library_items(user).values("pk"))
    for model in material_page_models():
        rule |= Q(page_id__in=model.objects.filter(area).values("pk"))
    return Takedown.objects.filter(rule)


# --- Library collections (shelves) ------------------------------------------------------
# Collections are province-wide shelves: curators keep them; only superusers and department
# admins delete one.
COLLECTION_DELETER_ROLES = frozenset({Role.DEPARTMENT_ADMIN})


def can_keep_collections(user) -> bool:
    """May add, change and view library collections: curators."""
    return is_curator(user)


def can_delete_collection(user, collection=None) -> bool:
    """May delete ``collection`` (any collection when none is given): superusers and
    department admins, who curate."""
    return is_curator(user) and (user.is_superuser or user.role in COLLECTION_DELETER_ROLES)


# --- E-lecture packages (SCORM/H5P) -----------------------------------------------------
# A package is seen by its owner, by the staff of its school (department admins: of the
# schools of their area), and by everyone signed in once it is published. Teachers,
# librarians and admins upload; the owner and the curators of its school change, publish
# and re-upload it. The admin list and chooser, the block and the player all ask these.
PACKAGE_UPLOADER_ROLES = frozenset(
    {Role.TEACHER, Role.LIBRARIAN, Role.SCHOOL_ADMIN, Role.DEPARTMENT_ADMIN}
)
PACKAGE_CURATOR_ROLES = frozenset({Role.LIBRARIAN, Role.SCHOOL_ADMIN, Role.DEPARTMENT_ADMIN})


def _package_model():
    from content.packages.models import ElearningPackage

    return ElearningPackage


def packages_visible_to(user) -> QuerySet:
    """Packages ``user`` may see and play."""
    from content.packages.models import Status

    packages = _package_model().objects.all()
    if not is_active(user):
        return packages.none()
    if user.is_superuser:
        return packages
    rule = Q(owner=user) | Q(status=Status.PUBLISHED)
    if user.role in STAFF_ROLES:
        rule |= Q(school__in=visible_schools(user))
    return packages.filter(rule)


def can_view_package(user, package) -> bool:
    return packages_visible_to(user).filter(pk=package.pk).exists()


def can_upload_package(user) -> bool:
    return is_active(user) and (user.is_superuser or user.role in PACKAGE_UPLOADER_ROLES)


def editable_packages(user) -> QuerySet:
    """Packages ``user`` may re-upload, publish and edit: their own (while they may still
    upload) and those of the schools they curate."""
    packages = _package_model().objects.all()
    if not can_upload_package(user):
        return packages.none()
    if user.is_superuser:
        return packages
    rule = Q(owner=user)
    if user.role in PACKAGE_CURATOR_ROLES:
        rule |= Q(school__in=visible_schools(user))
    return packages.filter(rule)


def can_edit_package(user, package) -> bool:
    return editable_packages(user).filter(pk=package.pk).exists()


def choosable_packages(user) -> QuerySet:
    """Packages staff may put in a lesson, an e-lecture or the library: those they see."""
    if not can_access_admin(user):
        return _package_model().objects.none()
    return packages_visible_to(user)
