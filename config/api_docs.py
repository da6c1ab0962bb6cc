"""The API explorer at ``/api/v1/docs`` served from our own static files.

django-ninja renders Swagger UI from a CDN unless ``ninja`` is an installed app; the
explorer then stays blank on a school network without internet. ``LocalSwagger`` renders
``templates/ninja/swagger.html``, which loads Swagger UI vendored from npm into
``static/vendor/swagger-ui/`` by ``scripts/install`` and starts it from ``static/js/api-docs.js``
(the site's CSP runs no inline script).
"""

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger, _csrf_needed


class LocalSwagger(Swagger):
    template = "ninja/swagger.html"
    # No badge from the online validator: a third-party request the CSP would refuse.
    default_settings = {**Swagger.default_settings, "validatorUrl": None}

    def render_page(self, request: HttpRequest, api, **kwargs) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        context = {
            # Inside a <script> element: no "</" may close it early.
            "swagger_settings": json.dumps(settings).replace("<", "\\u003c"),
            "api": api,
            "add_csrf": _csrf_needed(api),
        }
        return render(request, self.template, context)
