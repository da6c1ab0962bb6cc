"""OAI-PMH 2.0 data provider: ``oai_dc`` records of the e-library for national and
provincial systems to harvest (http://www.openarchives.org/OAI/openarchivesprotocol.html).

One endpoint, ``/oai/``, answers the six verbs over GET and POST. What may be harvested is
decided by :func:`harvestable_items`; items taken down after publication are reported as
deleted records (:func:`withdrawn_items`). Lists are paged with stateless, signed
resumption tokens that continue after the last (datestamp, pk) delivered, so records
changed while a harvest is under way move to its end instead of shifting the pages.

Sets: ``collection:<slug>`` for each collection a librarian opened to harvesting
(``LibraryCollection.oai_set``), ``type:<resource type>`` and ``subject:<subject code>``,
each under its parent set (``collection``, ``type``, ``subject``).
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from email.utils import parseaddr
from functools import partial

from django.conf import settings
from django.core import signing
from django.db.models import Case, DateTimeField, F, Min, Prefetch, Q, QuerySet, When
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from lxml import etree

from common.sharing import SharingScope
from common.vietnamese import nfc
from content.library_models import (
    DCMI_TYPES,
    CollectionEntry,
    LibraryCollection,
    LibraryItem,
    ResourceType,
)
from curriculum.models import Subject, Topic

REPOSITORY_NAME = "Học liệu số – Thư viện điện tử"
DEFAULT_REPOSITORY_ID = "hoclieu.edu.vn"
DEFAULT_PAGE_SIZE = 100
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
# Lower bound reported by Identify while nothing has been published yet.
EMPTY_EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)

NS_OAI = "http://www.openarchives.org/OAI/2.0/"
NS_OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
NS_OAI_ID = "http://www.openarchives.org/OAI/2.0/oai-identifier"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS_XML = "http://www.w3.org/XML/1998/namespace"
METADATA_FORMATS = {"oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", NS_OAI_DC)}

TOKEN_SALT = "content.oai.resumption-token"  # noqa: S105 - a namespace, not a secret
TOKEN_LIFETIME = timedelta(hours=24)

# Lexical rules of the OAI-PMH schema; values outside them are refused as badArgument so
# that every response, errors included, stays valid against the schema.
PREFIX_RE = re.compile(r"[A-Za-z0-9\-_.!~*'()]+")
SET_SPEC_RE = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")
DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
SECONDS_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
EMAIL_RE = re.compile(r"\S+@(\S+\.)+\S+")
URI_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s%]*(%[0-9A-Fa-f]{2}[^\s%]*)*")
DOMAIN_RE = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")
LANG_RE = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
# Characters XML 1.0 cannot carry (control characters pasted from PDFs, lone surrogates).
NON_XML_RE = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

MIME_TYPES = {
    "pdf": "application/pdf",
    "epub": "application/epub+zip",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
PARENT_SETS = {"collection": "Bộ sưu tập", "type": "Loại tài nguyên", "subject": "Môn học"}


# --- What is harvested ---------------------------------------------------------------


def harvestable_items() -> QuerySet[LibraryItem]:
    """Items whose metadata may leave the platform: published (``live``) and shared with
    everyone (scope ``public``).

    Drafts and items waiting for a librarian's approval are not published. Items scoped to
    a school, district or province are visible only inside that area
    (``accounts.permissions.material_scope_q``); the harvesting systems are national and
    provincial catalogues open to anyone, so handing them those records would publish
    what the author kept to the area. This is exactly what a guest may see.
    """
    return LibraryItem.objects.filter(live=True, scope=SharingScope.PUBLIC)


def withdrawn_items() -> QuerySet[LibraryItem]:
    """Public items that were published once and are no longer live (taken down by a
    librarian, or unpublished by the author): OAI deleted records.

    The repository declares ``deletedRecord`` ``transient``: these are reported with
    ``<header status="deleted">`` (no metadata) so harvesters drop their copy, with the
    time of the change (``updated_at``) as datestamp. Items deleted from the database, or
    narrowed from public to an area while live, are not reported, which "transient"
    allows.
    """
    return LibraryItem.objects.filter(
        live=False, first_published_at__isnull=False, scope=SharingScope.PUBLIC
    )


# Live records change when published; withdrawn ones when they were taken down.
DATESTAMP = Case(
    When(live=True, then=Coalesce("last_published_at", "updated_at")),
    default=F("updated_at"),
    output_field=DateTimeField(),
)


def _records() -> QuerySet[LibraryItem]:
    """Everything the repository answers for: harvestable and withdrawn items, annotated
    with ``oai_datestamp``."""
    return (harvestable_items() | withdrawn_items()).annotate(oai_datestamp=DATESTAMP)


def repository_id() -> str:
    return getattr(settings, "OAI_REPOSITORY_ID", DEFAULT_REPOSITORY_ID)


def oai_identifier(item: LibraryItem) -> str:
    # From a setting, not the request's host: identifiers must not change with the name
    # under which a harvester reaches the site.
    return f"oai:{repository_id()}:library/{item.pk}"


def _item_pk(identifier: str) -> int | None:
    match = re.fullmatch(rf"oai:{re.escape(repository_id())}:library/([1-9]\d{{0,17}})", identifier)
    return int(match[1]) if match else None


# --- Errors and arguments -------------------------------------------------------------


class OAIError(Exception):
    """An OAI-PMH error condition; ``code`` is one of the codes of the specification."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    @property
    def bare_request(self) -> bool:
        # The specification: the request element carries no attributes for these two.
        return self.code in ("badVerb", "badArgument")


def _bad(message: str) -> OAIError:
    return OAIError("badArgument", message)


LIST_ARGS = (frozenset({"metadataPrefix"}), frozenset({"from", "until", "set"}), True)
# verb: (required arguments, optional arguments, accepts an exclusive resumptionToken)
VERBS = {
    "Identify": (frozenset(), frozenset(), False),
    "ListMetadataFormats": (frozenset(), frozenset({"identifier"}), False),
    "ListSets": (frozenset(), frozenset(), True),
    "GetRecord": (frozenset({"identifier", "metadataPrefix"}), frozenset(), False),
    "ListIdentifiers": LIST_ARGS,
    "ListRecords": LIST_ARGS,
}


def check_request(params) -> tuple[str, dict[str, str]]:
    """The verb and arguments of a request (a QueryDict), or badVerb/badArgument."""
    verbs = params.getlist("verb")
    if len(verbs) != 1 or verbs[0] not in VERBS:
        message = "Thiếu tham số verb." if not verbs else "verb không hợp lệ hoặc bị lặp."
        raise OAIError("badVerb", message)
    verb = verbs[0]
    required, optional, resumable = VERBS[verb]
    args = {}
    for key in params:
        if key == "verb":
            continue
        values = params.getlist(key)
        if len(values) > 1:
            raise _bad(f"Tham số {key} bị lặp.")
        if key not in required | optional and not (resumable and key == "resumptionToken"):
            raise _bad(f"Tham số {key} không hợp lệ với {verb}.")
        if not values[0]:
            raise _bad(f"Tham số {key} rỗng.")
        args[key] = values[0]
    if "resumptionToken" in args:
        if len(args) > 1:
            raise _bad("resumptionToken phải là tham số duy nhất kèm verb.")
    elif missing := sorted(required - args.keys()):
        raise _bad(f"Thiếu tham số {', '.join(missing)}.")
    if "metadataPrefix" in args and not PREFIX_RE.fullmatch(args["metadataPrefix"]):
        raise _bad("metadataPrefix không hợp lệ.")
    if "set" in args and not SET_SPEC_RE.fullmatch(args["set"]):
        raise _bad("set không hợp lệ.")
    return verb, args


def _check_prefix(prefix: str) -> None:
    if prefix not in METADATA_FORMATS:
        raise OAIError("cannotDisseminateFormat", f"Không hỗ trợ định dạng {prefix}.")


@dataclass(frozen=True)
class Bound:
    """A from/until argument: its inclusive start and the exclusive end of its unit."""

    start: datetime
    end: datetime | None
    granularity: str


def _parse_bound(name: str, value: str) -> Bound:
    try:
        if DAY_RE.fullmatch(value):
            start = datetime.combine(date.fromisoformat(value), time.min, tzinfo=UTC)
            granularity, unit = "day", timedelta(days=1)
        elif SECONDS_RE.fullmatch(value):
            start = datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
            granularity, unit = "seconds", timedelta(seconds=1)
        else:
            raise ValueError(value)
    except ValueError:
        raise _bad(f"{name} phải có dạng YYYY-MM-DD hoặc YYYY-MM-DDThh:mm:ssZ.") from None
    try:
        end = start + unit
    except OverflowError:
        end = None
    return Bound(start, end, granularity)


# --- The list query and its resumption token -------------------------------------------


@dataclass(frozen=True)
class ListQuery:
    """A ListIdentifiers/ListRecords request, and where its next page starts."""

    verb: str
    prefix: str
    set_spec: str = ""
    from_: str = ""
    until: str = ""
    after: tuple[datetime, int] | None = None  # (datestamp, pk) of the last record sent
    cursor: int = 0

    def bounds(self) -> tuple[Bound | None, Bound | None]:
        start = _parse_bound("from", self.from_) if self.from_ else None
        end = _parse_bound("until", self.until) if self.until else None
        if start and end:
            if start.granularity != end.granularity:
                raise _bad("from và until phải cùng độ chi tiết (ngày hoặc giây).")
            if start.start > end.start:
                raise _bad("from phải không muộn hơn until.")
        return start, end


def _dump_token(query: ListQuery, last: LibraryItem, cursor: int) -> str:
    payload = {
        "v": query.verb,
        "p": query.prefix,
        "s": query.set_spec,
        "f": query.from_,
        "u": query.until,
        "d": last.oai_datestamp.isoformat(),
        "k": last.pk,
        "c": cursor,
    }
    return signing.dumps(payload, salt=TOKEN_SALT, compress=True)


def _load_token(token: str, verb: str) -> ListQuery:
    """The query a token continues; badResumptionToken if it is expired, garbled,
    tampered with, or was issued for another verb."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_LIFETIME)
        query = ListQuery(
            verb=data["v"],
            prefix=data["p"],
            set_spec=data["s"],
            from_=data["f"],
            until=data["u"],
            after=(datetime.fromisoformat(data["d"]), int(data["k"])),
            cursor=int(data["c"]),
        )
    except signing.SignatureExpired:
        raise OAIError("badResumptionToken", "resumptionToken đã hết hạn.") from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise OAIError("badResumptionToken", "resumptionToken không hợp lệ.") from None
    if query.verb != verb:
        raise OAIError("badResumptionToken", "resumptionToken không thuộc verb này.")
    return query


def _in_set(items: QuerySet[LibraryItem], spec: str) -> QuerySet[LibraryItem]:
    kind, _, value = spec.partition(":")
    if kind == "type":
        return items.filter(resource_type=value) if value else items.exclude(resource_type="")
    if kind == "subject":
        return items.filter(subject__code=value) if value else items.filter(subject__isnull=False)
    if kind == "collection":
        entries = CollectionEntry.objects.filter(collection__oai_set=True)
        if value:
            entries = entries.filter(collection__slug=value)
        return items.filter(pk__in=entries.values("item_id"))
    return items.none()


def _page_size() -> int:
    return max(1, int(getattr(settings, "OAI_PAGE_SIZE", DEFAULT_PAGE_SIZE)))


# --- XML ------------------------------------------------------------------------------


def _text(value) -> str:
    """Text as it goes into the XML: NFC, without characters XML cannot carry."""
    return NON_XML_RE.sub("", nfc(str(value))).strip()


def _sub(parent, tag: str, text=None, ns: str = NS_OAI, **attrs) -> etree._Element:
    element = etree.SubElement(parent, etree.QName(ns, tag))
    if text is not None:
        element.text = _text(text)
    for name, value in attrs.items():
        element.set(name, str(value))
    return element


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _set_specs(item: LibraryItem) -> list[str]:
    specs = []
    if item.resource_type:
        specs.append(f"type:{item.resource_type}")
    if item.subject_id:
        specs.append(f"subject:{item.subject.code}")
    specs += [f"collection:{entry.collection.slug}" for entry in item.oai_entries]
    return [spec for spec in specs if SET_SPEC_RE.fullmatch(spec)]


def _header(parent, item: LibraryItem) -> None:
    header = _sub(parent, "header")
    if not item.live:
        header.set("status", "deleted")
    _sub(header, "identifier", oai_identifier(item))
    _sub(header, "datestamp", _stamp(item.oai_datestamp))
    for spec in _set_specs(item):
        _sub(header, "setSpec", spec)


def _dc_root() -> etree._Element:
    root = etree.Element(
        etree.QName(NS_OAI_DC, "dc"), nsmap={"oai_dc": NS_OAI_DC, "dc": NS_DC, "xsi": NS_XSI}
    )
    root.set(etree.QName(NS_XSI, "schemaLocation"), f"{NS_OAI_DC} {METADATA_FORMATS['oai_dc'][0]}")
    return root


def _dc(parent, tag: str, value, lang: str = "") -> None:
    text = _text(value) if value not in (None, "") else ""
    if text:
        element = _sub(parent, tag, text, ns=NS_DC)
        if lang and LANG_RE.fullmatch(lang):
            element.set(etree.QName(NS_XML, "lang"), lang)


def _mime_type(item: LibraryItem) -> str:
    if item.file_kind in MIME_TYPES:
        return MIME_TYPES[item.file_kind]
    # Images, audio and video are stored under the extension of their real type.
    return (mimetypes.guess_type(item.file.name)[0] or "") if item.file else ""


def oai_dc(item: LibraryItem, request: HttpRequest) -> etree._Element:
    """The ``oai_dc:dc`` element of a live item (which needs ``subject``, ``topics`` and
    nothing else loaded)."""
    dc = _dc_root()
    lang = item.language
    _dc(dc, "title", item.title, lang)
    for author in item.author_list:
        _dc(dc, "creator", author)
    if item.subject_id:
        _dc(dc, "subject", item.subject.name, "vi")
    for topic in item.topics.all():
        _dc(dc, "subject", topic.name, "vi")
    if item.grade_min or item.grade_max:
        low, high = item.grade_min or item.grade_max, item.grade_max or item.grade_min
        for grade in range(low, high + 1):
            _dc(dc, "subject", f"Lớp {grade}", "vi")
    _dc(dc, "description", item.description, lang)
    _dc(dc, "publisher", item.publisher)
    _dc(dc, "date", item.year)
    _dc(dc, "type", DCMI_TYPES.get(item.resource_type, ""))
    _dc(dc, "format", _mime_type(item))
    _dc(dc, "identifier", request.build_absolute_uri(item.get_absolute_url()))
    isbn = re.sub(r"[\s-]", "", item.isbn or "").upper()
    if isbn:
        _dc(dc, "identifier", f"ISBN:{isbn}")
        _dc(dc, "identifier", f"urn:isbn:{isbn}")
    _dc(dc, "language", item.language)
    _dc(dc, "rights", item.get_licence_display(), "vi")
    _dc(dc, "rights", item.licence_url)
    return dc


def _record(parent, item: LibraryItem, request: HttpRequest) -> None:
    record = _sub(parent, "record")
    _header(record, item)
    if item.live:
        _sub(record, "metadata").append(oai_dc(item, request))


def _with_relations(items: QuerySet[LibraryItem], *, metadata: bool) -> QuerySet[LibraryItem]:
    """Everything a page of headers (and records) reads, in a fixed number of queries."""
    entries = CollectionEntry.objects.filter(collection__oai_set=True).select_related("collection")
    items = items.select_related("subject").prefetch_related(
        Prefetch("entries", queryset=entries.order_by("collection__slug"), to_attr="oai_entries")
    )
    if metadata:
        items = items.prefetch_related(
            Prefetch("topics", queryset=Topic.objects.order_by("grade", "sort_order", "pk"))
        )
    return items


# --- Verbs ----------------------------------------------------------------------------


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
    earliest = _records().aggregate(earliest=Min("oai_datestamp"))["earliest"]
    _sub(element, "repositoryName", REPOSITORY_NAME)
    _sub(element, "baseURL", request.build_absolute_uri(request.path))
    _sub(element, "protocolVersion", "2.0")
    for email in _admin_emails():
        _sub(element, "adminEmail", email)
    _sub(element, "earliestDatestamp", _stamp(earliest or EMPTY_EARLIEST))
    _sub(element, "deletedRecord", "transient")
    _sub(element, "granularity", GRANULARITY)
    if DOMAIN_RE.fullmatch(repository_id()):
        described = etree.SubElement(
            _sub(element, "description"),
            etree.QName(NS_OAI_ID, "oai-identifier"),
            nsmap={None: NS_OAI_ID, "xsi": NS_XSI},
        )
        described.set(
            etree.QName(NS_XSI, "schemaLocation"),
            f"{NS_OAI_ID} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd",
        )
        _sub(described, "scheme", "oai", ns=NS_OAI_ID)
        _sub(described, "repositoryIdentifier", repository_id(), ns=NS_OAI_ID)
        _sub(described, "delimiter", ":", ns=NS_OAI_ID)
        _sub(described, "sampleIdentifier", f"oai:{repository_id()}:library/1", ns=NS_OAI_ID)
    return element


def _find(identifier: str, items: QuerySet[LibraryItem] | None = None) -> LibraryItem:
    pk = _item_pk(identifier)
    if items is None:
        items = _records()
    item = None if pk is None else items.filter(pk=pk).first()
    if item is None:
        raise OAIError("idDoesNotExist", f"Không có bản ghi {identifier}.")
    return item


def list_metadata_formats(request: HttpRequest, args: dict) -> etree._Element:
    if "identifier" in args:
        _find(args["identifier"])  # every record is available in every format
    element = etree.Element(etree.QName(NS_OAI, "ListMetadataFormats"))
    for prefix, (schema, namespace) in METADATA_FORMATS.items():
        fmt = _sub(element, "metadataFormat")
        _sub(fmt, "metadataPrefix", prefix)
        _sub(fmt, "schema", schema)
        _sub(fmt, "metadataNamespace", namespace)
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
        set_element = _sub(element, "set")
        _sub(set_element, "setSpec", spec)
        _sub(set_element, "setName", name)
        if _text(description):
            dc = _dc_root()
            _dc(dc, "description", description, "vi")
            _sub(set_element, "setDescription").append(dc)
    return element


def get_record(request: HttpRequest, args: dict) -> etree._Element:
    _check_prefix(args["metadataPrefix"])
    item = _find(args["identifier"], _with_relations(_records(), metadata=True))
    element = etree.Element(etree.QName(NS_OAI, "GetRecord"))
    _record(element, item, request)
    return element


def list_items(request: HttpRequest, args: dict, *, verb: str) -> etree._Element:
    """ListIdentifiers and ListRecords: one page, and a token for the next if any."""
    if "resumptionToken" in args:
        query = _load_token(args["resumptionToken"], verb)
    else:
        query = ListQuery(
            verb=verb,
            prefix=args["metadataPrefix"],
            set_spec=args.get("set", ""),
            from_=args.get("from", ""),
            until=args.get("until", ""),
        )
    _check_prefix(query.prefix)
    start, end = query.bounds()
    items = _records()
    if start:
        items = items.filter(oai_datestamp__gte=start.start)
    if end and end.end:
        items = items.filter(oai_datestamp__lt=end.end)
    if query.set_spec:
        items = _in_set(items, query.set_spec)
    complete = items.count()
    page = items
    if query.after:
        stamp, pk = query.after
        page = page.filter(Q(oai_datestamp__gt=stamp) | Q(oai_datestamp=stamp, pk__gt=pk))
    size = _page_size()
    metadata = verb == "ListRecords"
    found = list(
        _with_relations(page, metadata=metadata).order_by("oai_datestamp", "pk")[: size + 1]
    )
    if not found:
        raise OAIError("noRecordsMatch", "Không có bản ghi nào khớp yêu cầu.")
    more, found = len(found) > size, found[:size]
    element = etree.Element(etree.QName(NS_OAI, verb))
    for item in found:
        if metadata:
            _record(element, item, request)
        else:
            _header(element, item)
    if more or query.cursor:
        # The list may have changed since the first page; never report it shorter than
        # what has been delivered.
        attrs = {
            "completeListSize": max(complete, query.cursor + len(found)),
            "cursor": query.cursor,
        }
        if more:
            next_cursor = query.cursor + len(found)
            attrs["expirationDate"] = _stamp(timezone.now() + TOKEN_LIFETIME)
            _sub(element, "resumptionToken", _dump_token(query, found[-1], next_cursor), **attrs)
        else:
            _sub(element, "resumptionToken", **attrs)
    return element


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": partial(list_items, verb="ListIdentifiers"),
    "ListRecords": partial(list_items, verb="ListRecords"),
}


# --- The endpoint ---------------------------------------------------------------------


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
    _sub(root, "responseDate", _stamp(timezone.now()))
    request_element = _sub(root, "request", base_url)
    # Metadata and set names are Vietnamese whatever language the harvester asks for.
    with translation.override("vi"):
        try:
            verb, args = check_request(params)
            _echo(request_element, verb, args)
            root.append(HANDLERS[verb](request, args))
        except OAIError as error:
            if error.bare_request:
                request_element.attrib.clear()
            _sub(root, "error", error.message, code=error.code)
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return HttpResponse(body, content_type="text/xml; charset=utf-8")
