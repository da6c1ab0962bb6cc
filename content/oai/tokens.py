"""Resumption tokens: stateless and signed, they carry a ListIdentifiers/ListRecords query
and the (datestamp, pk) of the last record delivered, so the next page continues after it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core import signing
from django.utils import timezone

from content.library_models import LibraryItem
from content.oai.protocol import Bound, OAIError, bad_argument, parse_bound

TOKEN_SALT = "content.oai.resumption-token"  # noqa: S105 - a namespace, not a secret
TOKEN_LIFETIME = timedelta(hours=24)


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
        start = parse_bound("from", self.from_) if self.from_ else None
        end = parse_bound("until", self.until) if self.until else None
        if start and end:
            if start.granularity != end.granularity:
                raise bad_argument("from và until phải cùng độ chi tiết (ngày hoặc giây).")
            if start.start > end.start:
                raise bad_argument("from phải không muộn hơn until.")
        return start, end


def dump_token(query: ListQuery, last: LibraryItem, cursor: int) -> str:
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


def load_token(token: str, verb: str) -> ListQuery:
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


def expires_at() -> datetime:
    """When a token issued now stops being accepted."""
    return timezone.now() + TOKEN_LIFETIME
