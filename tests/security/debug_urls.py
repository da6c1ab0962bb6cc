"""The project's URLs plus the whole public media root served by path, as DEBUG serves it
and as a web server that aliases MEDIA_ROOT would: what is reachable by a media path."""

import re

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from config import urls

urlpatterns = [
    re_path(
        "^" + re.escape(settings.MEDIA_URL.lstrip("/")) + r"(?P<path>.*)$",
        serve,
        {"document_root": settings.MEDIA_ROOT},
    ),
    *urls.urlpatterns,
]
