"""URLs of e-lecture packages on the main site, mounted at ``/hoc/goi/`` (lms.urls)."""

from django.urls import path

from lms.packages import views

urlpatterns = [
    path("<int:version_id>/", views.package_play, name="lms-package-play"),
    path("<int:version_id>/phien/", views.package_session, name="lms-package-session"),
    path("<int:version_id>/cmi/", views.package_cmi, name="lms-package-cmi"),
    path("<int:version_id>/xapi/", views.package_xapi, name="lms-package-xapi"),
    path("<int:version_id>/du-lieu/", views.package_userdata, name="lms-package-userdata"),
    path("<int:version_id>/ket-qua/", views.package_results_view, name="lms-package-results"),
]
