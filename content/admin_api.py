"""The admin API's images and documents (``/admin/api/main/documents/``, ``/images/``),
narrowed to what the user may choose or change (the collection rule of
``content.policy.SchoolCollectionPermissionPolicy``): Wagtail's own endpoints list every
title to anyone who reaches the admin, the exam board included."""

from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry


class _PolicyNarrowedMixin:
    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        allowed = policy.instances_user_has_any_permission_for(
            self.request.user, ["choose", "change"]
        )
        return super().get_queryset().filter(pk__in=allowed.values("pk"))


class NarrowedDocumentsAdminAPIViewSet(_PolicyNarrowedMixin, DocumentsAdminAPIViewSet):
    pass


class NarrowedImagesAdminAPIViewSet(_PolicyNarrowedMixin, ImagesAdminAPIViewSet):
    pass
