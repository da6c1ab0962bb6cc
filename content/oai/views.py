"""The OAI-PMH endpoint: one URL answering the six verbs over GET and POST."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from lxml import etree

from content.oai.metadata import sub_element, utc_stamp
from content.oai.protocol import NS_OAI, NS_XSI, URI_RE, OAIError, check_request
from content.oai.verbs import HANDLERS


def _echo(request_element, verb: str, args: dict) -> None:
    """The request's arguments as attributes of ``<request>`` (an identifier only when it
    is a URI, which the schema's ``identifierType`` requires)."""
    request_element.set("verb", verb)
    for name, value in args.items():
        if name != "identifier" or URI_RE.fullmatch(value):
            request_element.set(name, value)


@csrf_exempt  # harvesters POST without a session or CSRF token; nothing is changed
@require_http_methods(["GET", "POST"])
def endpoint(request: HttpRequest) -> HttpResponse:
    """The OAI-PMH base URL. Arguments come from the query string (GET) or an
    ``application/x-www-form-urlencoded`` body (POST)."""
    params = request.POST if request.method == "POST" else request.GET
    base_url = request.build_absolute_uri(request.path)
    root = etree.Element(etree.QName(NS_OAI, "OAI-PMH"), nsmap={None: NS_OAI, "xsi": NS_XSI})
    root.set(etree.QName(NS_XSI, "schemaLocation"), f"{NS_OAI} {NS_OAI}OAI-PMH.xsd")
    sub_element(root, "responseDate", utc_stamp(timezone.now()))
    request_element = sub_element(root, "request", base_url)
    # Metadata and set names are Vietnamese whatever language the harvester asks for.
    with translation.override("vi"):
        try:
            verb, args = check_request(params)
            _echo(request_element, verb, args)
            root.append(HANDLERS[verb](request, args))
        except OAIError as error:
            if error.bare_request:
                request_element.attrib.clear()
            sub_element(root, "error", error.message, code=error.code)
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return HttpResponse(body, content_type="text/xml; charset=utf-8")
