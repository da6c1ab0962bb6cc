"""Reading untrusted XML and zip files: entity attacks, network, path traversal, zip bombs."""

import io
import socket
import stat
import struct
import time
import zipfile

import pytest
from lxml import etree

from common.safefiles import MAX_ZIP_ENTRIES, SafeZip, parse_xml, resolve_member
from question_bank.formats import qti
from question_bank.formats.base import ImportRejected

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
PASSWD = "/etc/passwd"


def passwd_marker() -> str:
    """A string from /etc/passwd that must never show up in a parsed result or message."""
    with open(PASSWD, encoding="utf-8", errors="replace") as fh:
        return fh.readline().split(":")[0] + ":x:"


def item_with_doctype(doctype: str, body: str = "&xxe;") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n'
        f'<assessmentItem xmlns="{QTI}" identifier="x" title="x" adaptive="false" '
        f'timeDependent="false"><itemBody><p>{body}</p></itemBody></assessmentItem>'
    ).encode()


def make_zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return out.getvalue()


# -- XML ---------------------------------------------------------------------------------------

XXE = f'<!DOCTYPE assessmentItem [<!ENTITY xxe SYSTEM "file://{PASSWD}">]>'
BILLION_LAUGHS = (
    '<!DOCTYPE assessmentItem [\n<!ENTITY lol0 "lol">\n'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 9))
    + f'<!ENTITY xxe "{"&lol8;" * 10}">\n]>'
)  # &xxe; would expand to 10^9 "lol"
EXTERNAL_DTD_WITH_ENTITY = (
    '<!DOCTYPE assessmentItem SYSTEM "http://127.0.0.1:9/x.dtd" '
    '[<!ENTITY xxe SYSTEM "http://127.0.0.1:9/secret">]>'
)
PARAMETER_ENTITY = (
    f'<!DOCTYPE assessmentItem [<!ENTITY % file SYSTEM "file://{PASSWD}">'
    '<!ENTITY % dtd SYSTEM "http://127.0.0.1:9/evil.dtd"> %dtd; %file;]>'
)


@pytest.mark.parametrize(
    "doctype",
    [XXE, BILLION_LAUGHS, EXTERNAL_DTD_WITH_ENTITY, PARAMETER_ENTITY],
    ids=["xxe", "billion-laughs", "external-dtd-with-entity", "parameter-entities"],
)
def test_entity_attacks_are_rejected_in_vietnamese(doctype):
    data = item_with_doctype(doctype)
    marker = passwd_marker()

    with pytest.raises(ImportRejected) as direct:
        parse_xml(data, name="q.xml")
    with pytest.raises(ImportRejected) as through_qti:
        qti.parse(data, filename="q.xml")
    with pytest.raises(ImportRejected) as in_package:
        qti.parse(make_zip({"q.xml": data}), filename="goi.zip")

    for exc in (direct, through_qti, in_package):
        message = str(exc.value)
        assert "bị từ chối" in message
        assert marker not in message


def test_billion_laughs_fixture_really_nests_entities():
    assert BILLION_LAUGHS.count("<!ENTITY") == 10
    assert '<!ENTITY xxe "&lol8;&lol8;' in BILLION_LAUGHS
    assert '<!ENTITY lol1 "&lol0;&lol0;' in BILLION_LAUGHS


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_entity_attack_in_another_encoding_is_still_rejected(encoding):
    # The byte-level DOCTYPE check does not see UTF-16; the parser's own refusal still holds.
    text = item_with_doctype(XXE).decode().replace("UTF-8", encoding.upper())
    marker = passwd_marker()

    with pytest.raises(ImportRejected) as exc:
        parse_xml(text.encode(encoding))

    assert marker not in str(exc.value)


def test_entity_declared_after_a_long_comment_is_still_rejected():
    # The quick byte check only looks at the first 64 KB; the parser-level refusal covers the rest.
    padding = "<!--" + "x" * 70_000 + "-->"
    data = item_with_doctype(XXE).replace(b"<!DOCTYPE", padding.encode() + b"\n<!DOCTYPE", 1)
    marker = passwd_marker()

    with pytest.raises(ImportRejected) as exc:
        qti.parse(data, filename="q.xml")

    assert marker not in str(exc.value)


def test_external_dtd_is_never_fetched():
    """A DOCTYPE pointing at a server: parsing neither connects nor expands an entity."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.setblocking(False)
    port = server.getsockname()[1]
    try:
        for url in (f"http://127.0.0.1:{port}/x.dtd", "http://127.0.0.1:9/x.dtd"):
            data = item_with_doctype(f'<!DOCTYPE assessmentItem SYSTEM "{url}">', body="&ext;")
            started = time.monotonic()
            try:
                tree = parse_xml(data)
            except ImportRejected as exc:
                assert "bị từ chối" in str(exc)
            else:
                # Accepted: the entity stays an unexpanded reference.
                assert b"&ext;" in etree.tostring(tree)
            assert time.monotonic() - started < 1.0
        with pytest.raises(BlockingIOError):
            server.accept()  # nobody knocked
    finally:
        server.close()


def test_plain_xml_parses():
    tree = parse_xml('<?xml version="1.0"?><a><b>Tiếng Việt &amp; &#x1EA1;</b></a>'.encode())

    assert tree.getroot().findtext("b") == "Tiếng Việt & ạ"


def test_malformed_xml_is_rejected_with_the_line():
    with pytest.raises(ImportRejected, match="XML không hợp lệ ở dòng 2"):
        parse_xml(b"<a>\n<b></a>", name="x.xml")


# -- zip: names and links ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["../evil.xml", "/abs.xml", "..\\win.xml", "C:/evil.xml", "a/../../b.xml"]
)
def test_zip_entries_escaping_the_folder_are_rejected(name):
    data = make_zip({"imsmanifest.xml": b"<manifest/>", name: b"<x/>"})
    assert name in zipfile.ZipFile(io.BytesIO(data)).namelist()  # stored as written

    with pytest.raises(ImportRejected, match="ra ngoài thư mục giải nén"):
        SafeZip(data)
    with pytest.raises(ImportRejected, match="ra ngoài thư mục giải nén"):
        qti.parse(data, filename="goi.zip")


def test_symlink_entry_is_rejected():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        info = zipfile.ZipInfo("images/link.png")
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")

    with pytest.raises(ImportRejected, match="symlink"):
        SafeZip(out.getvalue())
    with pytest.raises(ImportRejected, match="symlink"):
        qti.parse(out.getvalue(), filename="goi.zip")


def test_not_a_zip_is_rejected():
    with pytest.raises(ImportRejected, match="không phải tệp nén zip hợp lệ"):
        SafeZip(b"this is not a zip")
    with pytest.raises(ImportRejected, match="không phải tệp nén zip hợp lệ"):
        qti.parse(b"PK\x03\x04 but then garbage", filename="goi.zip")


def test_encrypted_entry_is_rejected():
    data = bytearray(make_zip({"a.xml": b"<a/>"}))
    central = data.rfind(b"PK\x01\x02")
    flags = struct.unpack_from("<H", data, central + 8)[0]
    struct.pack_into("<H", data, central + 8, flags | 0x1)

    with pytest.raises(ImportRejected, match="mã hoá"):
        SafeZip(bytes(data))


# -- zip: sizes ----------------------------------------------------------------------------------


def zeros_zip(name: str, size: int) -> bytes:
    """One entry of ``size`` zero bytes, written in chunks (small in memory)."""
    out = io.BytesIO()
    chunk = bytes(1 << 20)
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf,
        zf.open(name, "w", force_zip64=True) as fh,
    ):
        for _ in range(size // len(chunk)):
            fh.write(chunk)
    return out.getvalue()


def test_zip_bomb_is_rejected_before_reading():
    data = zeros_zip("imsmanifest.xml", 300 * 1024 * 1024)
    assert len(data) < 1024 * 1024

    with pytest.raises(ImportRejected, match="zip bomb"):
        SafeZip(data)
    with pytest.raises(ImportRejected, match="zip bomb"):
        qti.parse(data, filename="goi.zip")


def test_high_ratio_entry_is_rejected_before_reading():
    data = zeros_zip("q.xml", 20 * 1024 * 1024)

    with pytest.raises(ImportRejected, match="tỉ lệ nén bất thường"):
        SafeZip(data)


def test_too_many_entries_are_rejected():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        for i in range(MAX_ZIP_ENTRIES + 1000):
            zf.writestr(f"f{i}.txt", b"")

    with pytest.raises(ImportRejected, match="vượt giới hạn"):
        SafeZip(out.getvalue())
    with pytest.raises(ImportRejected, match="vượt giới hạn"):
        qti.parse(out.getvalue(), filename="goi.zip")


def lying_zip() -> bytes:
    """A zip whose central directory says imsmanifest.xml is 10 bytes; it expands to 100 000."""
    data = bytearray(make_zip({"imsmanifest.xml": b"<manifest>" + b" " * 99_979 + b"</manifest>"}))
    central = data.rfind(b"PK\x01\x02")
    assert struct.unpack_from("<I", data, central + 24)[0] == 100_000
    struct.pack_into("<I", data, central + 24, 10)
    return bytes(data)


def test_entry_lying_about_its_size_is_rejected_on_read():
    archive = SafeZip(lying_zip())  # the header looks harmless

    with pytest.raises(ImportRejected, match=r"imsmanifest\.xml.*khai báo sai kích thước"):
        archive.read("imsmanifest.xml")
    with pytest.raises(ImportRejected):
        qti.parse(lying_zip(), filename="goi.zip")


def test_safe_zip_reads_normal_entries():
    archive = SafeZip(make_zip({"a/b.xml": b"<b/>", "dir/": b""}))

    assert archive.namelist() == ["a/b.xml"]
    assert "a/b.xml" in archive
    assert archive.read("a/b.xml") == b"<b/>"
    with pytest.raises(KeyError):
        archive.read("nope")


# -- resolve_member ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "href", "expected"),
    [
        ("items/q1.xml", "images/a.png", "items/images/a.png"),
        ("items/q1.xml", "../images/a.png", "images/a.png"),
        ("items/q1.xml", "./a.png#frag", "items/a.png"),
        ("items/q1.xml", "/images/a.png", "images/a.png"),
        ("", "a.png?x=1", "a.png"),
    ],
)
def test_resolve_member_stays_in_the_package(base, href, expected):
    assert resolve_member(base, href) == expected


@pytest.mark.parametrize(
    ("base", "href"), [("q.xml", "../a.png"), ("items/q.xml", "../../etc/passwd")]
)
def test_resolve_member_refuses_to_leave_the_package(base, href):
    with pytest.raises(ImportRejected, match="ra ngoài gói"):
        resolve_member(base, href)
