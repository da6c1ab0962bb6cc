"""The XML of records: headers with their sets, and the ``oai_dc`` (Dublin Core) metadata
format of a library item."""

from __future__ import annotations

import mimetypes
import re
from datetime import UTC, datetime

from django.http import HttpRequest
from lxml import etree

from common.vietnamese import nfc
from content.library_models import DCMI_TYPES, LibraryItem
from content.oai.protocol import (
    LANG_RE,
    METADATA_FORMATS,
    NS_DC,
    NS_OAI,
    NS_OAI_DC,
    NS_XML,
    NS_XSI,
    SET_SPEC_RE,
)
from content.oai.records import oai_identifier

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


def xml_text(value) -> str:
    """Text as it goes into the XML: NFC, without characters XML cannot carry."""
    return NON_XML_RE.sub("", nfc(str(value))).strip()


def sub_element(parent, tag: str, text=None, ns: str = NS_OAI, **attrs) -> etree._Element:
    element = etree.SubElement(parent, etree.QName(ns, tag))
    if text is not None:
        element.text = xml_text(text)
    for name, value in attrs.items():
        element.set(name, str(value))
    return element


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _set_specs(item: LibraryItem) -> list[str]:
    specs = []
    if item.resource_type:
        specs.append(f"type:{item.resource_type}")
    if item.subject_id:
        specs.append(f"subject:{item.subject.code}")
    specs += [f"collection:{entry.collection.slug}" for entry in item.oai_entries]
    return [spec for spec in specs if SET_SPEC_RE.fullmatch(spec)]


def write_header(parent, item: LibraryItem) -> None:
    header = sub_element(parent, "header")
    if not item.live:
        header.set("status", "deleted")
    sub_element(header, "identifier", oai_identifier(item))
    sub_element(header, "datestamp", utc_stamp(item.oai_datestamp))
    for spec in _set_specs(item):
        sub_element(header, "setSpec", spec)


def dc_root() -> etree._Element:
    root = etree.Element(
        etree.QName(NS_OAI_DC, "dc"), nsmap={"oai_dc": NS_OAI_DC, "dc": NS_DC, "xsi": NS_XSI}
    )
    root.set(etree.QName(NS_XSI, "schemaLocation"), f"{NS_OAI_DC} {METADATA_FORMATS['oai_dc'][0]}")
    return root


def add_dc(parent, tag: str, value, lang: str = "") -> None:
    text = xml_text(value) if value not in (None, "") else ""
    if text:
        element = sub_element(parent, tag, text, ns=NS_DC)
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
    dc = dc_root()
    lang = item.language
    add_dc(dc, "title", item.title, lang)
    for author in item.author_list:
        add_dc(dc, "creator", author)
    if item.subject_id:
        add_dc(dc, "subject", item.subject.name, "vi")
    for topic in item.topics.all():
        add_dc(dc, "subject", topic.name, "vi")
    if item.grade_min or item.grade_max:
        low, high = item.grade_min or item.grade_max, item.grade_max or item.grade_min
        for grade in range(low, high + 1):
            add_dc(dc, "subject", f"Lớp {grade}", "vi")
    add_dc(dc, "description", item.description, lang)
    add_dc(dc, "publisher", item.publisher)
    add_dc(dc, "date", item.year)
    add_dc(dc, "type", DCMI_TYPES.get(item.resource_type, ""))
    add_dc(dc, "format", _mime_type(item))
    add_dc(dc, "identifier", request.build_absolute_uri(item.get_absolute_url()))
    isbn = re.sub(r"[\s-]", "", item.isbn or "").upper()
    if isbn:
        add_dc(dc, "identifier", f"ISBN:{isbn}")
        add_dc(dc, "identifier", f"urn:isbn:{isbn}")
    add_dc(dc, "language", item.language)
    add_dc(dc, "rights", item.get_licence_display(), "vi")
    add_dc(dc, "rights", item.licence_url)
    return dc


def write_record(parent, item: LibraryItem, request: HttpRequest) -> None:
    record = sub_element(parent, "record")
    write_header(record, item)
    if item.live:
        sub_element(record, "metadata").append(oai_dc(item, request))
