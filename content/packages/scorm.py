"""SCORM 1.2 and 2004 packages: the manifest at the root, read with the hardened parser.

What is read: the version (``schemaversion``, else the ADL namespace), the default
organisation (its ``default`` attribute, else the first), its items at any depth (a
nested item is one level deeper), each launchable item's resource and launch address
(``xml:base`` of the manifest, the resources and the resource, then the item's
``parameters``), and whether each resource is a SCO or an asset. Every launch file must
be in the archive.

Sequencing (2004): the organisation's ``imsss:controlMode`` ``flow`` and ``choice`` are
read and honoured by the player's table of contents (choice: the student picks any SCO;
flow: "previous/next" between SCOs). Every other sequencing element (rules, limit
conditions, rollup, objectives, randomisation, delivery controls, ``adlnav``
presentation) is recorded in ``structure["sequencing"]["recorded"]`` and not enforced.

AICC and cmi5 packages are recognised and refused by name: hoclieu does not play them.
"""

from __future__ import annotations

from lxml import etree

from common.safefiles import ImportRejected, parse_xml, resolve_member
from content.packages.archive import Archive
from content.packages.errors import PackageRejected
from content.packages.models import Kind

MANIFEST = "imsmanifest.xml"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
EDITIONS = {
    "1.2": (Kind.SCORM12, "1.2"),
    "cam 1.3": (Kind.SCORM2004, "2004 2nd Edition"),
    "2004 2nd edition": (Kind.SCORM2004, "2004 2nd Edition"),
    "2004 3rd edition": (Kind.SCORM2004, "2004 3rd Edition"),
    "2004 4th edition": (Kind.SCORM2004, "2004 4th Edition"),
}
AICC_EXTENSIONS = (".au", ".crs", ".des", ".cst")
# IMS Simple Sequencing defaults (choice on, flow off) when the manifest says nothing.
CONTROL_DEFAULTS = {"choice": True, "flow": False}


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element, name: str) -> list:
    return [c for c in element if _local(c) == name]


def _child(element, name: str):
    found = _children(element, name)
    return found[0] if found else None


def _text(element, name: str) -> str:
    child = _child(element, name) if element is not None else None
    return " ".join((child.text or "").split()) if child is not None else ""


def _attr(element, name: str) -> str:
    """An attribute by local name in any namespace (``adlcp:scormtype``/``scormType``)."""
    wanted = name.lower()
    for key, value in element.attrib.items():
        if etree.QName(key).localname.lower() == wanted:
            return value.strip()
    return ""


def _where(element) -> str:
    line = getattr(element, "sourceline", None)
    return f"{MANIFEST}, dòng {line}" if line else MANIFEST


def refuse_other_formats(archive: Archive) -> None:
    """AICC and cmi5 have their own descriptors at the root; hoclieu does not play them."""
    root_files = [p for p in archive.paths if "/" not in p]
    if "cmi5.xml" in root_files:
        raise PackageRejected(
            "Gói theo chuẩn cmi5 chưa được hỗ trợ (có tệp cmi5.xml ở thư mục gốc): hãy xuất "
            "bài giảng ở dạng SCORM 1.2, SCORM 2004 hoặc H5P"
        )
    aicc = sorted(p for p in root_files if p.lower().endswith(AICC_EXTENSIONS))
    if aicc and not archive.has(MANIFEST):
        raise PackageRejected(
            f"Gói AICC chưa được hỗ trợ (có tệp {', '.join(aicc)} ở thư mục gốc): hãy xuất "
            "bài giảng ở dạng SCORM 1.2, SCORM 2004 hoặc H5P"
        )


def missing_manifest_message(archive: Archive) -> str:
    nested = sorted(p for p in archive.paths if p.rsplit("/", 1)[-1] == MANIFEST)
    message = "Gói thiếu tệp imsmanifest.xml ở thư mục gốc"
    if nested:
        folder = nested[0].rsplit("/", 1)[0]
        return (
            f"{message} (tệp nằm trong thư mục con “{folder}/”: hãy nén nội dung bên trong "
            "thư mục, không nén cả thư mục)"
        )
    return f"{message}: đây không phải gói SCORM (gói H5P cần tệp h5p.json ở thư mục gốc)"


def _version(root) -> tuple[str, str]:
    metadata = _child(root, "metadata")
    declared = _text(metadata, "schemaversion").lower() if metadata is not None else ""
    if declared in EDITIONS:
        return EDITIONS[declared]
    namespaces = {str(v).rstrip("/") for el in root.iter() for v in el.nsmap.values()}
    if any(v.endswith("adlcp_v1p3") for v in namespaces):
        return Kind.SCORM2004, "2004"
    if any(v.endswith("adlcp_rootv1p2") for v in namespaces):
        return Kind.SCORM12, "1.2"
    if declared.startswith(("2004", "cam")) or any(v.endswith("imscp_v1p1") for v in namespaces):
        return Kind.SCORM2004, "2004"
    return Kind.SCORM12, "1.2"


def _base(*elements) -> str:
    base = ""
    for element in elements:
        if element is not None and element.get(XML_BASE):
            base += element.get(XML_BASE).strip()
            if base and not base.endswith("/"):
                base += "/"
    return base


def _with_parameters(href: str, parameters: str) -> str:
    """SCORM CAM rules for joining an item's ``parameters`` to its resource's href."""
    parameters = parameters.strip()
    if not parameters:
        return href
    if parameters.startswith("#"):
        return href if "#" in href else href + parameters
    parameters = parameters.lstrip("?&")
    return f"{href}{'&' if '?' in href else '?'}{parameters}"


class _Reader:
    """Walks one manifest, collecting the table of contents and every problem found."""

    def __init__(self, archive: Archive, root):
        self.archive = archive
        self.root = root
        self.errors: list[str] = []
        resources = _child(root, "resources")
        self.resources_base = _base(root, resources)
        self.resources = {}
        for resource in _children(resources, "resource") if resources is not None else []:
            self.resources[resource.get("identifier", "")] = resource
        self.toc: list[dict] = []
        self.scos: list[dict] = []

    def launch_of(self, item, resource) -> str | None:
        href = (resource.get("href") or "").strip()
        title = _text(item, "title") or item.get("identifier", "")
        if not href:
            self.errors.append(
                f"{_where(resource)}: tài nguyên “{resource.get('identifier')}” của mục "
                f"“{title}” không có thuộc tính href (tệp khởi chạy)"
            )
            return None
        full = self.resources_base + _base(resource) + href
        if "://" in full or full.startswith("//"):
            self.errors.append(
                f"{_where(resource)}: mục “{title}” mở địa chỉ ngoài gói ({full}) — "
                "chỉ chạy được tệp nằm trong gói"
            )
            return None
        try:
            path = resolve_member("", full)
        except ImportRejected:
            self.errors.append(
                f"{_where(resource)}: tệp khởi chạy “{full}” của mục “{title}” ra ngoài gói"
            )
            return None
        if not self.archive.has(path):
            self.errors.append(
                f"{_where(resource)}: gói thiếu tệp khởi chạy “{path}” của mục “{title}”"
            )
            return None
        rest = full[len(full.split("?", 1)[0].split("#", 1)[0]) :]
        return _with_parameters(path + rest, item.get("parameters") or "")

    def walk(self, parent, level: int) -> None:
        for item in _children(parent, "item"):
            identifier = item.get("identifier", "")
            title = _text(item, "title") or identifier
            ref = (item.get("identifierref") or "").strip()
            entry = {"id": identifier, "title": title, "level": level, "launchable": bool(ref)}
            if item.get("isvisible", "true").strip().lower() == "false":
                entry["hidden"] = True
            self.toc.append(entry)
            if ref:
                self._add_sco(item, ref, entry)
            self.walk(item, level + 1)

    def _add_sco(self, item, ref: str, entry: dict) -> None:
        resource = self.resources.get(ref)
        if resource is None:
            self.errors.append(
                f"{_where(item)}: mục “{entry['title']}” trỏ tới tài nguyên “{ref}” "
                f"không có trong {MANIFEST}"
            )
            return
        href = self.launch_of(item, resource)
        if href is None:
            return
        scorm_type = _attr(resource, "scormtype").lower() or "asset"
        self.scos.append(
            {
                "id": entry["id"],
                "title": entry["title"],
                "href": href,
                "resource": ref,
                "level": entry["level"],
                "scorm_type": "sco" if scorm_type == "sco" else "asset",
            }
        )


def _organisation(root):
    organizations = _child(root, "organizations")
    if organizations is None:
        return None
    found = _children(organizations, "organization")
    default = (organizations.get("default") or "").strip()
    for organisation in found:
        if organisation.get("identifier") == default:
            return organisation
    return found[0] if found else None


def _sequencing(organisation, kind: str) -> dict:
    if kind == Kind.SCORM12:
        # SCORM 1.2 has no sequencing: the student picks any SCO and goes on in order.
        return {"flow": True, "choice": True, "recorded": []}
    control = dict(CONTROL_DEFAULTS)
    for sequencing in _children(organisation, "sequencing"):
        mode = _child(sequencing, "controlMode")
        if mode is not None:
            for key in control:
                value = mode.get(key)
                if value is not None:
                    control[key] = value.strip().lower() in ("true", "1")
    recorded = []
    for element in organisation.iter():
        name = _local(element)
        namespace = (etree.QName(element).namespace or "") if name else ""
        parent = element.getparent()
        if name == "controlMode" and parent is not None and parent.getparent() is organisation:
            continue  # the organisation's flow/choice, read above
        if name in ("sequencing", "") or not (
            namespace.endswith("imsss") or "adlseq" in namespace or "adlnav" in namespace
        ):
            continue
        owner = element.getparent()
        while owner is not None and _local(owner) not in ("item", "organization"):
            owner = owner.getparent()
        where = owner.get("identifier", "") if owner is not None else ""
        recorded.append(f"{name} ({where}, dòng {element.sourceline})")
    return {**control, "recorded": recorded, "enforced": ["flow", "choice"]}


def read_scorm(archive: Archive) -> dict:
    """Validate a SCORM package; returns ``kind``, ``edition``, ``launch`` and ``structure``."""
    try:
        tree = parse_xml(archive.read(MANIFEST), name=MANIFEST)
    except ImportRejected as exc:
        raise PackageRejected(str(exc)) from exc
    root = tree.getroot()
    if _local(root) != "manifest":
        raise PackageRejected(
            f"{_where(root)}: phần tử gốc là <{_local(root)}>, không phải <manifest> của SCORM"
        )
    kind, edition = _version(root)
    organisation = _organisation(root)
    if organisation is None:
        raise PackageRejected(
            f"{MANIFEST}: gói không có tổ chức bài học (<organization>) nào để học sinh mở"
        )
    reader = _Reader(archive, root)
    reader.walk(organisation, 0)
    if not reader.scos and not reader.errors:
        reader.errors.append(
            f"{_where(organisation)}: tổ chức “{_text(organisation, 'title')}” không có mục "
            "nào mở được (mục có identifierref)"
        )
    if reader.errors:
        raise PackageRejected(reader.errors)
    return {
        "kind": kind,
        "edition": edition,
        "launch": reader.scos[0]["href"],
        "structure": {
            "organisation": _text(organisation, "title"),
            "organisation_id": organisation.get("identifier", ""),
            "scos": reader.scos,
            "toc": reader.toc,
            "sequencing": _sequencing(organisation, kind),
        },
    }
