"""The content origin's URLconf: package files, launchers and the players, nothing else.

``ContentOriginMiddleware`` resolves requests to the content host against this module
only, so no page, API or file of the main site answers there, and these patterns are not
in the main site's URLconf (the main host answers them 404).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import path, reverse

from content.packages.origin import views

urlpatterns = [
    path("__hoclieu__/tinh/<path:path>", views.runtime_file, name="package-runtime"),
    path("goi/<str:token>/__hoclieu__/scorm/", views.scorm_launcher, name="package-scorm"),
    path("goi/<str:token>/__hoclieu__/h5p/", views.h5p_launcher, name="package-h5p"),
    path("goi/<str:token>/<path:path>", views.package_file, name="package-file"),
]


def launcher_url(*, token: str, version, sco: str | None = None) -> str:
    """The absolute URL (on ``CONTENT_ORIGIN``) of the launcher page for ``version``.

    SCORM: ``sco`` is the item identifier of the SCO to launch (default: the version's
    launch file); H5P has one content and no ``sco``.
    """
    origin = settings.CONTENT_ORIGIN.rstrip("/")
    if version.kind == "h5p":
        return origin + reverse("package-h5p", urlconf=__name__, args=[token])
    url = origin + reverse("package-scorm", urlconf=__name__, args=[token])
    return url + ("?" + urlencode({"sco": sco}) if sco else "")


def file_url(*, token: str, path: str) -> str:
    """The absolute URL of the file ``path`` (relative to the package's root)."""
    return settings.CONTENT_ORIGIN.rstrip("/") + views.package_href(token, path)
