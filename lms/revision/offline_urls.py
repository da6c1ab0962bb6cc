"""URLs of offline revision (:mod:`lms.revision.offline_views`); see lms.revision.urls."""

from django.urls import path

from lms.revision import offline_views as views

urlpatterns = [
    path("ngoai-tuyen/", views.offline_page, name="revision_offline"),
    path("goi/hom-nay/", views.pack_today, name="revision_pack_today"),
    path("goi/luyen-tap/", views.pack_practice, name="revision_pack_practice"),
    path("dong-bo/", views.sync, name="revision_sync"),
    path("ma-bao-ve/", views.csrf_token, name="revision_token"),
    path("sw.js", views.service_worker, name="revision_service_worker"),
    path("manifest.webmanifest", views.manifest, name="revision_manifest"),
]
