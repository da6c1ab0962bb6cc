"""Test-only URLs: the project's plus ``/_test/goi-parent/``, a main-origin page that frames
a package launcher and answers its bridge like lms/static/lms/package-player.js would.

``PAGE["html"]`` is the page the test wants served (no site CSP: the stand-in runs an
inline script, which the site's nonce policy would refuse).
"""

from csp.decorators import csp_exempt
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns

PAGE = {"html": ""}


@csp_exempt()
def parent_page(request):
    return HttpResponse(PAGE["html"])


urlpatterns = [path("_test/goi-parent/", parent_page), *project_urlpatterns]
