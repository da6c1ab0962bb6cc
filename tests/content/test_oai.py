"""The OAI-PMH 2.0 data provider (``content.oai``).

Every response is validated against the OAI-PMH schema, with the ``oai_dc`` records
checked strictly against the Dublin Core schemas (``tests/content/data/oai``).
"""

import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone
from lxml import etree

from accounts.models import Role
from content import oai
from content.curation import library_item_publish, takedown
from content.models import CollectionEntry, LibraryCollection, LibraryItem
from content.oai import tokens
from content.permissions import visible_library_items
from curriculum.models import Subject, Topic
from tests.accounts.factories import make_school, make_user
from tests.content.library_helpers import make_item as make_item_through_services

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "data" / "oai" / "harvest.xsd")))
NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "id": "http://www.openarchives.org/OAI/2.0/oai-identifier",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
BASE_URL = "http://testserver/oai/"
T0 = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)


pytestmark = pytest.mark.django_db


# --- helpers ----------------------------------------------------------------------------


def checked(response) -> etree._Element:
    """The parsed response, after checking it is schema-valid UTF-8 XML."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = etree.fromstring(response.content)
    SCHEMA.assertValid(root)
    assert unicodedata.is_normalized("NFC", response.content.decode("utf-8"))
    return root


def harvest(client, query) -> etree._Element:
    """GET the base URL with ``query`` (a dict or a list of pairs, repeats allowed)."""
    return checked(client.get("/oai/?" + urlencode(query)))


def identifiers(root) -> list[str]:
    return root.xpath("//oai:header/oai:identifier/text()", namespaces=NS)


def error_codes(root) -> list[str]:
    return [error.get("code") for error in root.findall("oai:error", NS)]


def token_of(root) -> etree._Element | None:
    return root.find(".//oai:resumptionToken", NS)


def oai_id(item) -> str:
    return f"oai:hoclieu.edu.vn:library/{item.pk}"


def make_item(title="Tài liệu ôn tập", *, at=T0, **fields) -> LibraryItem:
    """A library item written with the ORM: published and public unless told otherwise."""
    values = {
        "resource_type": "document",
        "external_url": "https://example.edu.vn/tai-lieu",
        "scope": "public",
        "live": True,
        "first_published_at": at,
        "last_published_at": at,
    }
    values.update(fields)
    return LibraryItem.objects.create(title=title, **values)


def list_all(client, verb, **args) -> tuple[list[etree._Element], list[str]]:
    """Follow the resumption tokens to the end: the pages and the identifiers seen."""
    pages = [harvest(client, {"verb": verb, "metadataPrefix": "oai_dc", **args})]
    while (token := token_of(pages[-1])) is not None and token.text:
        pages.append(harvest(client, {"verb": verb, "resumptionToken": token.text}))
        request = pages[-1].find("oai:request", NS)
        assert dict(request.attrib) == {"verb": verb, "resumptionToken": token.text}
    return pages, [identifier for page in pages for identifier in identifiers(page)]


@pytest.fixture
def catalogue():
    """Seven harvestable items a day apart (the third published half a second after the
    hour), and items that must never be harvested."""
    public = [
        make_item(
            f"Tài liệu số {n + 1}", at=T0 + timedelta(days=n, microseconds=500_000 * (n == 2))
        )
        for n in range(7)
    ]
    hidden = [
        make_item("Sổ tay của trường", scope="school"),
        make_item("Tài liệu của phòng", scope="district"),
        make_item("Tài liệu của Sở", scope="province"),
        make_item(
            "Bản nháp chưa duyệt", live=False, first_published_at=None, last_published_at=None
        ),
    ]
    return {"public": public, "hidden": hidden}


# --- routing, methods, Identify ---------------------------------------------------------


def test_base_url_is_mounted_at_oai():
    assert reverse("oai_pmh") == "/oai/"
    assert resolve("/oai/").func is oai.endpoint


def test_post_with_a_form_body_needs_no_csrf_token_and_other_methods_are_refused(catalogue):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/oai/",
        urlencode({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}),
        content_type="application/x-www-form-urlencoded",
    )
    root = checked(response)
    assert identifiers(root) == [oai_id(item) for item in catalogue["public"]]
    assert root.find("oai:request", NS).attrib == {
        "verb": "ListIdentifiers",
        "metadataPrefix": "oai_dc",
    }
    assert client.put("/oai/?verb=Identify").status_code == 405


def test_identify(client, settings, catalogue):
    settings.OAI_ADMIN_EMAIL = "thuvien@so-gddt.edu.vn"
    root = harvest(client, {"verb": "Identify"})
    identify = root.find("oai:Identify", NS)

    def text(tag):
        return identify.findtext(f"oai:{tag}", namespaces=NS)

    assert root.find("oai:request", NS).attrib == {"verb": "Identify"}
    assert root.findtext("oai:request", namespaces=NS) == BASE_URL
    assert text("repositoryName") == "Học liệu số – Thư viện điện tử"
    assert text("baseURL") == BASE_URL
    assert text("protocolVersion") == "2.0"
    assert [e.text for e in identify.findall("oai:adminEmail", NS)] == ["thuvien@so-gddt.edu.vn"]
    assert text("earliestDatestamp") == "2024-03-01T08:00:00Z"
    assert text("deletedRecord") == "transient"
    assert text("granularity") == "YYYY-MM-DDThh:mm:ssZ"
    described = identify.find("oai:description/id:oai-identifier", NS)
    assert described.findtext("id:repositoryIdentifier", namespaces=NS) == "hoclieu.edu.vn"
    assert (
        described.findtext("id:sampleIdentifier", namespaces=NS) == "oai:hoclieu.edu.vn:library/1"
    )


def test_identify_of_an_empty_repository_with_the_default_sender_as_admin(client, settings):
    settings.OAI_ADMIN_EMAIL = ""
    settings.DEFAULT_FROM_EMAIL = "Thư viện điện tử <thuvien@hoclieu.edu.vn>"
    identify = harvest(client, {"verb": "Identify"}).find("oai:Identify", NS)
    assert identify.findtext("oai:adminEmail", namespaces=NS) == "thuvien@hoclieu.edu.vn"
    assert identify.findtext("oai:earliestDatestamp", namespaces=NS) == "1970-01-01T00:00:00Z"


def test_repository_identifier_comes_from_settings(client, settings, catalogue):
    settings.OAI_REPOSITORY_ID = "thuvien.so-gddt.edu.vn"
    root = harvest(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    first = catalogue["public"][0]
    assert identifiers(root)[0] == f"oai:thuvien.so-gddt.edu.vn:library/{first.pk}"
    record = harvest(
        client,
        {
            "verb": "GetRecord",
            "metadataPrefix": "oai_dc",
            "identifier": f"oai:thuvien.so-gddt.edu.vn:library/{first.pk}",
        },
    )
    assert identifiers(record) == [f"oai:thuvien.so-gddt.edu.vn:library/{first.pk}"]


# --- ListMetadataFormats, ListSets -------------------------------------------------------


def test_list_metadata_formats(client, catalogue):
    expected = [
        (
            "oai_dc",
            "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
            "http://www.openarchives.org/OAI/2.0/oai_dc/",
        )
    ]
    for query in (
        {"verb": "ListMetadataFormats"},
        {"verb": "ListMetadataFormats", "identifier": oai_id(catalogue["public"][0])},
    ):
        root = harvest(client, query)
        formats = [
            tuple(
                f.findtext(f"oai:{tag}", namespaces=NS)
                for tag in ("metadataPrefix", "schema", "metadataNamespace")
            )
            for f in root.findall("oai:ListMetadataFormats/oai:metadataFormat", NS)
        ]
        assert formats == expected
    school_item = catalogue["hidden"][0]
    root = harvest(client, {"verb": "ListMetadataFormats", "identifier": oai_id(school_item)})
    assert error_codes(root) == ["idDoesNotExist"]


def test_list_sets_has_harvestable_collections_types_and_subjects(client):
    Subject.objects.create(code="ngu-van", name="Ngữ văn")
    LibraryCollection.objects.create(
        name="Tủ sách Ngữ văn 10",
        slug="tu-sach-ngu-van-10",
        description="Các tác phẩm trong chương trình Ngữ văn lớp 10.",
    )
    LibraryCollection.objects.create(name="Kệ nội bộ", slug="ke-noi-bo", oai_set=False)

    root = harvest(client, {"verb": "ListSets"})

    sets = {
        s.findtext("oai:setSpec", namespaces=NS): s.findtext("oai:setName", namespaces=NS)
        for s in root.findall("oai:ListSets/oai:set", NS)
    }
    assert sets["collection:tu-sach-ngu-van-10"] == "Tủ sách Ngữ văn 10"
    assert "collection:ke-noi-bo" not in sets
    assert sets["subject:ngu-van"] == "Ngữ văn"
    assert sets["type:textbook"] == "Sách giáo khoa điện tử"
    assert sets["type:video"] == "Video"
    assert {"collection", "type", "subject"} <= sets.keys()
    description = root.xpath(
        "//oai:set[oai:setSpec='collection:tu-sach-ngu-van-10']"
        "/oai:setDescription/oai_dc:dc/dc:description/text()",
        namespaces=NS,
    )
    assert description == ["Các tác phẩm trong chương trình Ngữ văn lớp 10."]
    assert token_of(root) is None


# --- ListRecords / ListIdentifiers: paging and what is harvested --------------------------


def test_list_records_pages_through_signed_resumption_tokens(client, settings, catalogue):
    settings.OAI_PAGE_SIZE = 3
    started = timezone.now()

    pages, seen = list_all(client, "ListRecords")

    assert [len(p.findall("oai:ListRecords/oai:record", NS)) for p in pages] == [3, 3, 1]
    tokens = [token_of(page) for page in pages]
    assert [t.get("cursor") for t in tokens] == ["0", "3", "6"]
    assert [t.get("completeListSize") for t in tokens] == ["7", "7", "7"]
    for token in tokens[:2]:
        expires = datetime.fromisoformat(token.get("expirationDate"))  # "...Z": UTC
        assert timedelta(hours=23, minutes=59) < expires - started <= timedelta(hours=24, seconds=5)
    # the last page ends the list with an empty token
    assert tokens[2].text is None and tokens[2].get("expirationDate") is None
    # every harvestable item exactly once, in datestamp order, each with its metadata
    assert seen == [oai_id(item) for item in catalogue["public"]]
    for page in pages:
        for record in page.findall("oai:ListRecords/oai:record", NS):
            assert record.find("oai:metadata/oai_dc:dc", NS) is not None


def test_list_identifiers_pages_the_same_way(client, settings, catalogue):
    settings.OAI_PAGE_SIZE = 3
    pages, seen = list_all(client, "ListIdentifiers")
    assert [len(p.findall("oai:ListIdentifiers/oai:header", NS)) for p in pages] == [3, 3, 1]
    assert seen == [oai_id(item) for item in catalogue["public"]]
    assert pages[0].find(".//oai:metadata", NS) is None


def test_a_complete_list_in_one_response_has_no_resumption_token(client, catalogue):
    root = harvest(client, {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    assert len(identifiers(root)) == 7
    assert token_of(root) is None


def test_records_changed_during_a_harvest_are_not_skipped(client, settings, catalogue):
    settings.OAI_PAGE_SIZE = 3
    items = catalogue["public"]
    first = harvest(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    # While the harvester works, an item of the first page is published again (it moves to
    # the end of the list) and a new item is published.
    LibraryItem.objects.filter(pk=items[0].pk).update(last_published_at=T0 + timedelta(days=30))
    added = make_item("Tài liệu mới xuất bản", at=T0 + timedelta(days=31))

    token = token_of(first).text
    rest = []
    while token:
        page = harvest(client, {"verb": "ListIdentifiers", "resumptionToken": token})
        rest += identifiers(page)
        token = token_of(page).text

    # An offset would now skip items[3]; continuing after the last (datestamp, pk) does not.
    assert rest == [oai_id(item) for item in items[3:]] + [oai_id(items[0]), oai_id(added)]
    assert set(identifiers(first) + rest) == {oai_id(item) for item in [*items, added]}


def test_items_of_an_area_and_unpublished_drafts_are_never_harvested(client, catalogue):
    wanted = {oai_id(item) for item in catalogue["public"]}
    for verb in ("ListIdentifiers", "ListRecords"):
        root = harvest(client, {"verb": verb, "metadataPrefix": "oai_dc"})
        assert set(identifiers(root)) == wanted
    for hidden in catalogue["hidden"]:
        root = harvest(
            client, {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": oai_id(hidden)}
        )
        assert error_codes(root) == ["idDoesNotExist"]
    # the rule is the same as for guests of the site
    assert set(oai.harvestable_items()) == set(visible_library_items(AnonymousUser()))


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        ({"from": "2024-03-02", "until": "2024-03-04"}, [1, 2, 3]),
        ({"from": "2024-03-03", "until": "2024-03-03"}, [2]),
        ({"from": "2024-03-07"}, [6]),
        ({"until": "2024-03-01"}, [0]),
        ({"from": "2024-03-03T08:00:00Z", "until": "2024-03-05T08:00:00Z"}, [2, 3, 4]),
        # the third item, published at 08:00:00.5, has the datestamp 08:00:00Z
        ({"until": "2024-03-03T08:00:00Z"}, [0, 1, 2]),
        ({"from": "2024-03-03T08:00:01Z"}, [3, 4, 5, 6]),
        ({"from": "2024-03-01T08:00:00Z", "until": "2024-03-01T08:00:00Z"}, [0]),
    ],
)
def test_from_and_until_are_inclusive_at_either_granularity(client, catalogue, bounds, expected):
    for verb in ("ListIdentifiers", "ListRecords"):
        root = harvest(client, {"verb": verb, "metadataPrefix": "oai_dc", **bounds})
        assert identifiers(root) == [oai_id(catalogue["public"][n]) for n in expected]
        assert root.find("oai:request", NS).attrib == {
            "verb": verb,
            "metadataPrefix": "oai_dc",
            **bounds,
        }


def test_set_filtering_and_set_membership_in_headers(client, catalogue):
    maths = Subject.objects.create(code="toan", name="Toán")
    a, b, c = catalogue["public"][:3]
    LibraryItem.objects.filter(pk__in=[a.pk, b.pk]).update(subject=maths)
    LibraryItem.objects.filter(pk=c.pk).update(resource_type="video")
    shelf = LibraryCollection.objects.create(name="Kệ sách Toán", slug="ke-sach-toan")
    internal = LibraryCollection.objects.create(name="Kệ nội bộ", slug="ke-noi-bo", oai_set=False)
    CollectionEntry.objects.create(collection=shelf, item=b)
    CollectionEntry.objects.create(collection=shelf, item=catalogue["hidden"][0])
    CollectionEntry.objects.create(collection=internal, item=c)

    cases = {
        "subject:toan": [a, b],
        "subject": [a, b],
        "type:video": [c],
        "type": catalogue["public"],
        "collection:ke-sach-toan": [b],
        "collection": [b],
    }
    for spec, expected in cases.items():
        root = harvest(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": spec})
        assert identifiers(root) == [oai_id(item) for item in expected], spec
    root = harvest(
        client, {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "collection:ke-noi-bo"}
    )
    assert error_codes(root) == ["noRecordsMatch"]

    root = harvest(
        client, {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": oai_id(b)}
    )
    specs = root.xpath("//oai:header/oai:setSpec/text()", namespaces=NS)
    assert specs == ["type:document", "subject:toan", "collection:ke-sach-toan"]


# --- GetRecord and the oai_dc record ------------------------------------------------------


def test_get_record_carries_the_dublin_core_of_the_item(client):
    maths = Subject.objects.create(code="toan", name="Toán")
    functions = Topic.objects.create(
        subject=maths, grade=10, code="toan-10-ham-so", name="Hàm số và đồ thị"
    )
    title = "Toán 10 – Tập một: Đại số và Xác suất thống kê"
    description = "Sách giáo khoa lớp mười, bộ Kết nối tri thức với cuộc sống."
    book = make_item(
        title,
        authors="Hà Huy Khoái\nCung Thế Anh\n\n",
        publisher="Nhà xuất bản Giáo dục Việt Nam",
        year=2022,
        isbn="978-604-0-00000-2",
        resource_type="textbook",
        language="vi",
        # typed on a keyboard that sends decomposed diacritics
        description=unicodedata.normalize("NFD", description),
        subject=maths,
        grade_min=10,
        grade_max=11,
        licence="CC-BY-4.0",
        file_kind="pdf",
    )
    book.topics.set([functions])
    book.save()

    response = client.get(
        "/oai/?"
        + urlencode({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": oai_id(book)})
    )
    root = checked(response)

    assert title.encode("utf-8") in response.content  # UTF-8 text, not character references
    assert root.find("oai:request", NS).attrib == {
        "verb": "GetRecord",
        "metadataPrefix": "oai_dc",
        "identifier": oai_id(book),
    }
    header = root.find("oai:GetRecord/oai:record/oai:header", NS)
    assert header.get("status") is None
    assert header.findtext("oai:identifier", namespaces=NS) == oai_id(book)
    assert header.findtext("oai:datestamp", namespaces=NS) == "2024-03-01T08:00:00Z"
    dc = root.find("oai:GetRecord/oai:record/oai:metadata/oai_dc:dc", NS)

    def values(tag):
        return [element.text for element in dc.findall(f"dc:{tag}", NS)]

    assert values("title") == [title]
    assert dc.find("dc:title", NS).get(XML_LANG) == "vi"
    assert values("creator") == ["Hà Huy Khoái", "Cung Thế Anh"]
    assert values("subject") == ["Toán", "Hàm số và đồ thị", "Lớp 10", "Lớp 11"]
    assert values("description") == [description]
    assert values("publisher") == ["Nhà xuất bản Giáo dục Việt Nam"]
    assert values("date") == ["2022"]
    assert values("type") == ["Text"]
    assert values("format") == ["application/pdf"]
    assert values("identifier") == [
        "http://testserver" + reverse("library_item", args=[book.pk]),
        "ISBN:9786040000002",
        "urn:isbn:9786040000002",
    ]
    assert values("language") == ["vi"]
    assert values("rights") == ["CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"]


def test_minimal_record_and_epub_format(client):
    item = make_item("Truyện Kiều", file_kind="epub", licence="read-only", language="vi")
    root = harvest(
        client, {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": oai_id(item)}
    )
    dc = root.find(".//oai_dc:dc", NS)
    assert [e.text for e in dc.findall("dc:format", NS)] == ["application/epub+zip"]
    assert [e.text for e in dc.findall("dc:rights", NS)] == [
        "Có bản quyền – chỉ đọc trực tuyến, không tải về"
    ]
    assert dc.find("dc:creator", NS) is None and dc.find("dc:date", NS) is None


# --- deleted records ---------------------------------------------------------------------


def test_an_item_taken_down_is_a_deleted_record_within_the_range_of_its_change(client, catalogue):
    gone = make_item("Tài liệu vi phạm bản quyền", at=T0)
    taken_down_at = datetime(2024, 3, 11, 9, 30, tzinfo=UTC)
    LibraryItem.objects.filter(pk=gone.pk).update(live=False, updated_at=taken_down_at)

    root = harvest(
        client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2024-03-11"}
    )
    header = root.find("oai:ListIdentifiers/oai:header", NS)
    assert identifiers(root) == [oai_id(gone)]
    assert header.get("status") == "deleted"
    assert header.findtext("oai:datestamp", namespaces=NS) == "2024-03-11T09:30:00Z"

    root = harvest(
        client, {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-03-11"}
    )
    record = root.find("oai:ListRecords/oai:record", NS)
    assert record.find("oai:header", NS).get("status") == "deleted"
    assert record.find("oai:metadata", NS) is None

    root = harvest(
        client, {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": oai_id(gone)}
    )
    assert root.find(".//oai:header", NS).get("status") == "deleted"
    assert root.find(".//oai:metadata", NS) is None

    root = harvest(
        client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": "2024-03-10"}
    )
    assert oai_id(gone) not in identifiers(root)


def test_takedown_through_the_curation_service_is_reported_as_deleted(client):
    librarian = make_user(role=Role.LIBRARIAN, school=make_school())
    book = make_item_through_services(librarian, title="Sách tham khảo Hóa học 11", scope="public")
    draft = make_item_through_services(librarian, title="Bản nháp", scope="public")
    library_item_publish(item=book, user=librarian)
    query = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}

    assert identifiers(harvest(client, query)) == [oai_id(book)]
    assert harvest(client, query).find(".//oai:header", NS).get("status") is None

    book.refresh_from_db()
    takedown(obj=book, user=librarian, reason="Vi phạm bản quyền")

    root = harvest(client, query)
    assert identifiers(root) == [oai_id(book)]
    assert root.find(".//oai:header", NS).get("status") == "deleted"
    assert oai_id(draft) not in identifiers(root)


# --- errors -------------------------------------------------------------------------------

LIST = [("verb", "ListRecords"), ("metadataPrefix", "oai_dc")]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ([], "badVerb"),
        ([("verb", "ListThings")], "badVerb"),
        ([("verb", "Identify"), ("verb", "Identify")], "badVerb"),
        ([("verb", "Identify"), ("metadataPrefix", "oai_dc")], "badArgument"),
        ([("verb", "ListRecords")], "badArgument"),
        ([("verb", "GetRecord"), ("metadataPrefix", "oai_dc")], "badArgument"),
        ([*LIST, ("metadataPrefix", "oai_dc")], "badArgument"),
        ([*LIST, ("from", "2024-13-01")], "badArgument"),
        ([*LIST, ("from", "2024-03-01T08:00:00")], "badArgument"),
        ([*LIST, ("until", "01/03/2024")], "badArgument"),
        ([*LIST, ("from", "2024-03-05"), ("until", "2024-03-01")], "badArgument"),
        ([*LIST, ("from", "2024-03-01"), ("until", "2024-03-05T00:00:00Z")], "badArgument"),
        ([*LIST, ("set", "")], "badArgument"),
        ([*LIST, ("set", "môn học")], "badArgument"),
        ([*LIST, ("resumptionToken", "abc")], "badArgument"),
        ([("verb", "ListSets"), ("set", "type")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "marc21")], "cannotDisseminateFormat"),
        (
            [
                ("verb", "GetRecord"),
                ("metadataPrefix", "marc21"),
                ("identifier", "oai:hoclieu.edu.vn:library/1"),
            ],
            "cannotDisseminateFormat",
        ),
        (
            [
                ("verb", "GetRecord"),
                ("metadataPrefix", "oai_dc"),
                ("identifier", "oai:hoclieu.edu.vn:library/999999"),
            ],
            "idDoesNotExist",
        ),
        (
            [("verb", "GetRecord"), ("metadataPrefix", "oai_dc"), ("identifier", "không phải %%")],
            "idDoesNotExist",
        ),
        (
            [("verb", "ListMetadataFormats"), ("identifier", "oai:other.edu.vn:library/1")],
            "idDoesNotExist",
        ),
        ([*LIST, ("until", "2000-01-01")], "noRecordsMatch"),
        ([*LIST, ("set", "collection:khong-co")], "noRecordsMatch"),
        ([*LIST, ("set", "type:podcast")], "noRecordsMatch"),
        ([("verb", "ListRecords"), ("resumptionToken", "rac-khong-hop-le")], "badResumptionToken"),
        ([("verb", "ListSets"), ("resumptionToken", "bat-ky")], "badResumptionToken"),
    ],
)
def test_error_conditions(client, catalogue, query, code):
    root = harvest(client, query)

    assert error_codes(root) == [code]
    assert [child.tag.split("}")[1] for child in root] == ["responseDate", "request", "error"]
    request = root.find("oai:request", NS)
    assert request.text == BASE_URL
    if code in ("badVerb", "badArgument"):
        assert dict(request.attrib) == {}  # as the specification requires
    else:
        assert request.get("verb") == dict(query)["verb"]


def test_tampered_expired_and_foreign_resumption_tokens_are_refused(
    client, settings, monkeypatch, catalogue
):
    settings.OAI_PAGE_SIZE = 3
    token = token_of(harvest(client, {"verb": "ListRecords", "metadataPrefix": "oai_dc"})).text
    other = token_of(harvest(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})).text
    tampered = token[:8] + ("A" if token[8] != "A" else "B") + token[9:]
    for verb, bad in [
        ("ListRecords", tampered),
        ("ListRecords", other),
        ("ListIdentifiers", token),
    ]:
        root = harvest(client, {"verb": verb, "resumptionToken": bad})
        assert error_codes(root) == ["badResumptionToken"]
        assert root.find("oai:request", NS).attrib == {"verb": verb, "resumptionToken": bad}
    # the genuine token still works, until it expires
    assert len(identifiers(harvest(client, {"verb": "ListRecords", "resumptionToken": token}))) == 3
    monkeypatch.setattr(tokens, "TOKEN_LIFETIME", timedelta(seconds=-1))
    root = harvest(client, {"verb": "ListRecords", "resumptionToken": token})
    assert error_codes(root) == ["badResumptionToken"]


# --- efficiency ----------------------------------------------------------------------------


def test_a_page_of_100_records_takes_a_fixed_number_of_queries(
    client, settings, django_assert_max_num_queries
):
    settings.OAI_PAGE_SIZE = 100
    maths = Subject.objects.create(code="toan", name="Toán")
    topics = [
        Topic.objects.create(subject=maths, grade=10, code=f"toan-10-{n}", name=f"Chủ đề {n}")
        for n in range(2)
    ]
    shelf = LibraryCollection.objects.create(name="Kệ sách Toán", slug="ke-sach-toan")
    items = LibraryItem.objects.bulk_create(
        LibraryItem(
            title=f"Tài liệu Toán số {n}",
            authors="Nguyễn Văn An\nTrần Thị Bình",
            resource_type="document",
            external_url="https://example.edu.vn/tai-lieu",
            scope="public",
            live=True,
            subject=maths,
            first_published_at=T0 + timedelta(minutes=n),
            last_published_at=T0 + timedelta(minutes=n),
        )
        for n in range(120)
    )
    LibraryItem.topics.through.objects.bulk_create(
        LibraryItem.topics.through(libraryitem_id=item.pk, topic_id=topic.pk)
        for item in items
        for topic in topics
    )
    CollectionEntry.objects.bulk_create(
        CollectionEntry(collection=shelf, item=item) for item in items
    )

    # a count, the page, its topics and its collections
    with django_assert_max_num_queries(4):
        root = harvest(client, {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    records = root.findall("oai:ListRecords/oai:record", NS)
    assert len(records) == 100
    assert token_of(root).get("completeListSize") == "120"
    assert records[0].xpath(".//dc:subject/text()", namespaces=NS) == [
        "Toán",
        "Chủ đề 0",
        "Chủ đề 1",
    ]
    assert records[0].xpath(".//oai:setSpec/text()", namespaces=NS)[-1] == "collection:ke-sach-toan"

    with django_assert_max_num_queries(3):
        root = harvest(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    assert len(identifiers(root)) == 100

    with django_assert_max_num_queries(3):
        root = harvest(
            client,
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": oai_id(items[0])},
        )
    assert len(root.xpath("//dc:subject", namespaces=NS)) == 3
