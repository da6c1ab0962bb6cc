"""The OAI-PMH protocol itself: namespaces, lexical rules, error conditions, and the check
of a request's verb and arguments (from/until bounds included)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

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


def bad_argument(message: str) -> OAIError:
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
            raise bad_argument(f"Tham số {key} bị lặp.")
        if key not in required | optional and not (resumable and key == "resumptionToken"):
            raise bad_argument(f"Tham số {key} không hợp lệ với {verb}.")
        if not values[0]:
            raise bad_argument(f"Tham số {key} rỗng.")
        args[key] = values[0]
    if "resumptionToken" in args:
        if len(args) > 1:
            raise bad_argument("resumptionToken phải là tham số duy nhất kèm verb.")
    elif missing := sorted(required - args.keys()):
        raise bad_argument(f"Thiếu tham số {', '.join(missing)}.")
    if "metadataPrefix" in args and not PREFIX_RE.fullmatch(args["metadataPrefix"]):
        raise bad_argument("metadataPrefix không hợp lệ.")
    if "set" in args and not SET_SPEC_RE.fullmatch(args["set"]):
        raise bad_argument("set không hợp lệ.")
    return verb, args


def check_prefix(prefix: str) -> None:
    if prefix not in METADATA_FORMATS:
        raise OAIError("cannotDisseminateFormat", f"Không hỗ trợ định dạng {prefix}.")


@dataclass(frozen=True)
class Bound:
    """A from/until argument: its inclusive start and the exclusive end of its unit."""

    start: datetime
    end: datetime | None
    granularity: str


def parse_bound(name: str, value: str) -> Bound:
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
        raise bad_argument(f"{name} phải có dạng YYYY-MM-DD hoặc YYYY-MM-DDThh:mm:ssZ.") from None
    try:
        end = start + unit
    except OverflowError:
        end = None
    return Bound(start, end, granularity)
