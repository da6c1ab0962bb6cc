"""QTI's vocabulary (namespaces, interaction names, resource types) and the XML basics every
part of the package uses: namespace-free reading, element builders, number attributes."""

from __future__ import annotations

import re

from lxml import etree

from question_bank.formats.base import QType

QTI21_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
IMSCP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
LOM_NS = "http://ltsc.ieee.org/xsd/LOM"
QTIMD_NS = "http://www.imsglobal.org/xsd/imsqti_metadata_v2p1"
HL_NS = "urn:x-hoclieu:qti-metadata:1"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"

TEMPLATE_MATCH_CORRECT = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"
TEMPLATE_MAP_RESPONSE = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/map_response"

ITEM_RESOURCE_TYPES = ("imsqti_item_xmlv2p1", "imsqti_item_xmlv2p2", "imsqti_item_xmlv3p0")
TEST_RESOURCE_TYPES = ("imsqti_test_xmlv2p1", "imsqti_test_xmlv2p2", "imsqti_test_xmlv3p0")

# Read from any namespace (QTI 2.1, 2.2; QTI 3.0 names are turned into these by normalise).
SUPPORTED = {
    "choiceInteraction", "orderInteraction", "matchInteraction", "associateInteraction",
    "gapMatchInteraction", "textEntryInteraction", "inlineChoiceInteraction",
    "extendedTextInteraction",
}  # fmt: skip
INLINE = {"textEntryInteraction", "inlineChoiceInteraction"}
INTERACTIONS = SUPPORTED | {
    "hottextInteraction", "hotspotInteraction", "selectPointInteraction",
    "graphicOrderInteraction", "graphicAssociateInteraction", "graphicGapMatchInteraction",
    "positionObjectInteraction", "sliderInteraction", "drawingInteraction", "uploadInteraction",
    "mediaInteraction", "customInteraction", "portableCustomInteraction", "endAttemptInteraction",
}  # fmt: skip
SOLUTION_IDS = {"SOLUTION", "solution", "LOIGIAI", "loi_giai"}
CHOICE_TYPES = {QType.SINGLE_CHOICE, QType.MULTIPLE_RESPONSE, QType.TRUE_FALSE}
# An identifier hoclieu may write as it is (else it makes one up).
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


# -- reading -----------------------------------------------------------------------------------


def normalise(root: etree._Element) -> None:
    """Drop namespaces in place, turning QTI 3 ``qti-choice-interaction`` into ``choiceInteraction``."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        local = etree.QName(el).localname
        if local.startswith("qti-"):
            local = _camel(local[4:])
            for name in list(el.attrib):
                if "-" in name and not name.startswith("data-"):
                    el.set(_camel(name), el.attrib.pop(name))
        el.tag = local
        for name in list(el.attrib):
            if name.startswith("{"):
                value = el.attrib.pop(name)
                if name.startswith(f"{{{XML_NS}}}") or name.startswith(f"{{{XSI_NS}}}"):
                    continue
                el.set(etree.QName(name).localname, value)
    etree.cleanup_namespaces(root)


def _camel(name: str) -> str:
    head, *rest = name.split("-")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if local(c) == name]


def descendants(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el.iter() if local(c) == name]


def views(el: etree._Element) -> set[str]:
    """Who a rubricBlock is for (candidate, scorer, …)."""
    return set((el.get("view") or "candidate").split())


def as_float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def as_int(value: str | None) -> int | None:
    number = as_float(value)
    return int(number) if number is not None and number.is_integer() else None


# -- writing -----------------------------------------------------------------------------------


def qti_el(
    tag: str, parent: etree._Element | None, text: str | None = None, **attrs: object
) -> etree._Element:
    """A QTI 2.1 element (a root with the namespace declarations when ``parent`` is None)."""
    values = {k: str(v) for k, v in attrs.items() if v is not None}
    if parent is None:
        el = etree.Element(f"{{{QTI21_NS}}}{tag}", values, nsmap={None: QTI21_NS, "xsi": XSI_NS})
    else:
        el = etree.SubElement(parent, f"{{{QTI21_NS}}}{tag}", values)
    if text is not None:
        el.text = text
    return el


def cp_el(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    """An IMS content-packaging element."""
    return etree.SubElement(parent, f"{{{IMSCP_NS}}}{tag}", attrs)


def xml_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
