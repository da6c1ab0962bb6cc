"""The six verbs: each takes the request and its checked arguments and returns the element
that goes into the response (:data:`HANDLERS`)."""

from __future__ import annotations

from email.utils import parseaddr
from functools import partial

from django.conf import settings
from django.db.models import Min, Q
from django.http import HttpRequest
from lxml import etree

from content.library_models import LibraryCollection, ResourceType
from content.oai import tokens
from content.oai.metadata import (
    add_dc,
    dc_root,
    sub_element,
    utc_stamp,
    write_header,
    write_record,
    xml_text,
)
from content.oai.protocol import (
    DOMAIN_RE,
    EMAIL_RE,
    EMPTY_EARLIEST,
    GRANULARITY,
    METADATA_FORMATS,
    NS_OAI,
    NS_OAI_ID,
    NS_XSI,
    REPOSITORY_NAME,
    SET_SPEC_RE,
    OAIError,
    check_prefix,
)
from content.oai.records import (
    find_record,
    in_set,
    oai_records,
    page_size,
    repository_id,
    with_relations,
)
from curriculum.models import Subject

PARENT_SETS = {"collection": "Bộ sưu tập", "type": "Loại tài nguyên", "subject": "Môn học"}


def _admin_emails() -> list[str]:
    configured = getattr(settings, "OAI_ADMIN_EMAIL", None) or getattr(
        settings, "DEFAULT_FROM_EMAIL", ""
    )
    if isinstance(configured, str):
        configured = [configured]
    emails = [parseaddr(value)[1] for value in configured]
    emails = [email for email in emails if EMAIL_RE.fullmatch(email)]
    # Django's unconfigured default (webmaster@localhost) is not a valid adminEmail.
    return emails or [f"thuvien@{repository_id()}"]


def identify(request: HttpRequest, args: dict) -> etree._Element:
    element = etree.Element(etree.QName(NS_OAI, "Identify"))
    earliest = oai_records().aggregate(earliest=Min("oai_datestamp"))["earliest"]
    sub_element(element, "repositoryName", REPOSITORY_NAME)
    sub_element(element, "baseURL", request.build_absolute_uri(request.path))
    sub_element(element, "protocolVersion", "2.0")
    for email in _admin_emails():
        sub_element(element, "adminEmail", email)
    sub_element(element, "earliestDatestamp", utc_stamp(earliest or EMPTY_EARLIEST))
    sub_element(element, "deletedRecord", "transient")
    sub_element(element, "granularity", GRANULARITY)
    if DOMAIN_RE.fullmatch(repository_id()):
        described = etree.SubElement(
            sub_element(element, "description"),
            etree.QName(NS_OAI_ID, "oai-identifier"),
            nsmap={None: NS_OAI_ID, "xsi": NS_XSI},
        )
        described.set(
            etree.QName(NS_XSI, "schemaLocation"),
            f"{NS_OAI_ID} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd",
        )
        sub_element(described, "scheme", "oai", ns=NS_OAI_ID)
        sub_element(described, "repositoryIdentifier", repository_id(), ns=NS_OAI_ID)
        sub_element(described, "delimiter", ":", ns=NS_OAI_ID)
        sub_element(described, "sampleIdentifier", f"oai:{repository_id()}:library/1", ns=NS_OAI_ID)
    return element


def list_metadata_formats(request: HttpRequest, args: dict) -> etree._Element:
    if "identifier" in args:
        find_record(args["identifier"])  # every record is available in every format
    element = etree.Element(etree.QName(NS_OAI, "ListMetadataFormats"))
    for prefix, (schema, namespace) in METADATA_FORMATS.items():
        fmt = sub_element(element, "metadataFormat")
        sub_element(fmt, "metadataPrefix", prefix)
        sub_element(fmt, "schema", schema)
        sub_element(fmt, "metadataNamespace", namespace)
    return element


def list_sets(request: HttpRequest, args: dict) -> etree._Element:
    if "resumptionToken" in args:  # the list of sets always fits one response
        raise OAIError("badResumptionToken", "resumptionToken không hợp lệ.")
    sets: list[tuple[str, str, str]] = [(spec, name, "") for spec, name in PARENT_SETS.items()]
    sets += [(f"type:{value}", str(label), "") for value, label in ResourceType.choices]
    sets += [
        (f"subject:{code}", name, "")
        for code, name in Subject.objects.order_by("sort_order", "name").values_list("code", "name")
    ]
    sets += [
        (f"collection:{c.slug}", c.name, c.description)
        for c in LibraryCollection.objects.filter(oai_set=True).order_by("sort_order", "slug")
    ]
    element = etree.Element(etree.QName(NS_OAI, "ListSets"))
    for spec, name, description in sets:
        if not SET_SPEC_RE.fullmatch(spec):
            continue
        set_element = sub_element(element, "set")
        sub_element(set_element, "setSpec", spec)
        sub_element(set_element, "setName", name)
        if xml_text(description):
            dc = dc_root()
            add_dc(dc, "description", description, "vi")
            sub_element(set_element, "setDescription").append(dc)
    return element


def get_record(request: HttpRequest, args: dict) -> etree._Element:
    check_prefix(args["metadataPrefix"])
    item = find_record(args["identifier"], with_relations(oai_records(), metadata=True))
    element = etree.Element(etree.QName(NS_OAI, "GetRecord"))
    write_record(element, item, request)
    return element


def list_items(request: HttpRequest, args: dict, *, verb: str) -> etree._Element:
    """ListIdentifiers and ListRecords: one page, and a token for the next if any."""
    if "resumptionToken" in args:
        query = tokens.load_token(args["resumptionToken"], verb)
    else:
        query = tokens.ListQuery(
            verb=verb,
            prefix=args["metadataPrefix"],
            set_spec=args.get("set", ""),
            from_=args.get("from", ""),
            until=args.get("until", ""),
        )
    check_prefix(query.prefix)
    start, end = query.bounds()
    items = oai_records()
    if start:
        items = items.filter(oai_datestamp__gte=start.start)
    if end and end.end:
        items = items.filter(oai_datestamp__lt=end.end)
    if query.set_spec:
        items = in_set(items, query.set_spec)
    complete = items.count()
    page = items
    if query.after:
        stamp, pk = query.after
        page = page.filter(Q(oai_datestamp__gt=stamp) | Q(oai_datestamp=stamp, pk__gt=pk))
    size = page_size()
    metadata = verb == "ListRecords"
    found = list(
        with_relations(page, metadata=metadata).order_by("oai_datestamp", "pk")[: size + 1]
    )
    if not found:
        raise OAIError("noRecordsMatch", "Không có bản ghi nào khớp yêu cầu.")
    more, found = len(found) > size, found[:size]
    element = etree.Element(etree.QName(NS_OAI, verb))
    for item in found:
        if metadata:
            write_record(element, item, request)
        else:
            write_header(element, item)
    if more or query.cursor:
        # The list may have changed since the first page; never report it shorter than
        # what has been delivered.
        attrs = {
            "completeListSize": max(complete, query.cursor + len(found)),
            "cursor": query.cursor,
        }
        if more:
            next_cursor = query.cursor + len(found)
            attrs["expirationDate"] = utc_stamp(tokens.expires_at())
            sub_element(
                element,
                "resumptionToken",
                tokens.dump_token(query, found[-1], next_cursor),
                **attrs,
            )
        else:
            sub_element(element, "resumptionToken", **attrs)
    return element


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": partial(list_items, verb="ListIdentifiers"),
    "ListRecords": partial(list_items, verb="ListRecords"),
}
