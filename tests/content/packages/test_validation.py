"""What the validator reads from real and hand-built packages, and why it refuses others."""

import json

import pytest

from content.packages.errors import PackageRejected
from content.packages.services import package_check
from tests.content.packages.helpers import (
    fixture,
    h5p,
    h5p_files,
    make_zip,
    scorm12,
    scorm2004_multi,
)


def check(upload):
    return package_check(uploaded_file=upload)[1]


def refusal(upload) -> list[str]:
    with pytest.raises(PackageRejected) as caught:
        package_check(uploaded_file=upload)
    return caught.value.messages


# --- the shared fixtures ------------------------------------------------------------------
def test_scorm12_fixture_is_one_sco():
    info = check(fixture("scorm", "singlesco_scorm12.zip"))
    assert (info["kind"], info["edition"]) == ("scorm12", "1.2")
    assert info["launch"] == "shared/launchpage.html"
    assert info["structure"]["organisation"] == "Golf Explained - CP Single SCO"
    assert [(s["id"], s["title"], s["scorm_type"]) for s in info["structure"]["scos"]] == [
        ("item_1", "Golf Explained", "sco")
    ]


def test_scorm2004_golf_fixture_version_scos_and_sequencing():
    info = check(fixture("scorm", "RuntimeBasicCalls_SCORM20043rdEdition.zip"))
    assert (info["kind"], info["edition"]) == ("scorm2004", "2004 3rd Edition")
    structure = info["structure"]
    assert structure["organisation"] == "Golf Explained - Run-time Basic Calls"
    assert structure["scos"] == [
        {
            "id": "item_1",
            "title": "Golf Explained",
            "href": "shared/launchpage.html",
            "resource": "resource_1",
            "level": 0,
            "scorm_type": "sco",
        }
    ]
    sequencing = structure["sequencing"]
    assert (sequencing["choice"], sequencing["flow"]) == (True, True)
    assert any(r.startswith("deliveryControls (item_1") for r in sequencing["recorded"])


def test_h5p_dragtext_fixture_main_library_and_dependencies():
    info = check(fixture("h5p", "H5P.DragText.h5p"))
    structure = info["structure"]
    assert info["kind"] == "h5p"
    assert info["edition"] == "1.19"  # the highest coreApi a library needs
    assert structure["title"] == "Drag the Words"
    assert structure["main_library"] == "H5P.DragText 1.8"
    assert structure["embed_types"] == ["div"]
    for needed in ("H5P.Question 1.4", "H5P.JoubelUI 1.3", "jQuery.ui 1.10", "FontAwesome 4.5"):
        assert needed in structure["preloaded"]
    # dependencies load before what needs them
    assert structure["preloaded"].index("H5P.Question 1.4") < structure["preloaded"].index(
        "H5P.DragText 1.8"
    )
    assert "H5P.DragText 1.8.8" in structure["libraries"]


def test_h5p_greetingcard_fixture():
    info = check(fixture("h5p", "greetingcard.h5p"))
    assert info["structure"]["main_library"] == "H5P.GreetingCard1 1.0"
    assert info["structure"]["preloaded"] == ["H5P.GreetingCard1 1.0"]


@pytest.mark.parametrize(
    ("kind", "name", "reason"),
    [
        ("scorm", "badscorm.zip", "Gói thiếu tệp imsmanifest.xml ở thư mục gốc (tệp nằm trong thư mục con “badscorm/”"),
        ("scorm", "invalid.zip", "Gói thiếu tệp imsmanifest.xml ở thư mục gốc"),
        ("h5p", "broken-h5p-json.h5p", "Tệp h5p.json không phải JSON hợp lệ (dòng 16"),
        ("h5p", "invalid-library-json.h5p", "Tệp H5P.GreetingCard-1.0/library.json thiếu hoặc sai trường majorVersion"),
        ("h5p", "corrupt_archive.h5p", "Tệp “corrupt_archive.h5p” không phải gói ZIP hợp lệ"),
    ],
)  # fmt: skip
def test_invalid_fixtures_are_refused_with_their_reason(kind, name, reason):
    messages = refusal(fixture(kind, name))
    assert messages[0].startswith(reason), messages


# --- SCORM built here ---------------------------------------------------------------------
def test_scorm2004_multi_sco_default_organisation_nesting_base_and_parameters():
    info = check(scorm2004_multi())
    structure = info["structure"]
    assert (info["kind"], info["edition"]) == ("scorm2004", "2004 4th Edition")
    assert structure["organisation"] == "Hàm số bậc hai"  # the default, not the first
    assert [(s["id"], s["href"], s["level"], s["scorm_type"]) for s in structure["scos"]] == [
        ("sco1", "noidung/do-thi.html?v=2&trang=1", 1, "sco"),
        ("sco2", "noidung/bbt/index.html", 1, "sco"),
        ("tailieu", "noidung/doc-them.pdf", 0, "asset"),
    ]
    assert structure["toc"][0] == {
        "id": "chuong1",
        "title": "Chương 1",
        "level": 0,
        "launchable": False,
    }
    assert info["launch"] == "noidung/do-thi.html?v=2&trang=1"
    sequencing = structure["sequencing"]
    assert (sequencing["choice"], sequencing["flow"]) == (False, True)
    assert sequencing["recorded"] == ["limitConditions (sco2, dòng 15)"]


def test_scorm_version_from_namespace_when_schemaversion_is_missing():
    manifest = (
        '<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" '
        'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"><organizations default="o">'
        '<organization identifier="o"><title>T</title><item identifier="i" identifierref="r">'
        "<title>Mục</title></item></organization></organizations><resources>"
        '<resource identifier="r" adlcp:scormType="sco" href="a.html"/></resources></manifest>'
    )
    info = check(make_zip({"imsmanifest.xml": manifest, "a.html": "a"}))
    assert (info["kind"], info["edition"]) == ("scorm2004", "2004")


def test_missing_launch_file_is_named():
    messages = refusal(scorm12(href="bai/khong-co.html"))
    assert messages == [
        "imsmanifest.xml, dòng 13: gói thiếu tệp khởi chạy “bai/khong-co.html” của mục "
        "“Bài 1. Định nghĩa”"
    ]


def test_launch_outside_the_package_is_refused():
    messages = refusal(scorm12(href="../../etc/passwd"))
    assert "ra ngoài gói" in messages[0]


def test_malformed_manifest_names_the_line():
    messages = refusal(make_zip({"imsmanifest.xml": "<manifest>\n<organizations>\n</manifest>"}))
    assert messages[0].startswith("Tệp imsmanifest.xml: XML không hợp lệ ở dòng 3")


def test_manifest_with_entities_is_refused():
    xxe = '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><manifest/>'
    assert "ENTITY" in refusal(make_zip({"imsmanifest.xml": xxe}))[0]


def test_aicc_is_refused_by_name():
    upload = make_zip({"khoahoc.au": "x", "khoahoc.crs": "x", "khoahoc.des": "x", "a.html": "a"})
    assert refusal(upload)[0].startswith("Gói AICC chưa được hỗ trợ")


def test_cmi5_is_refused_by_name():
    upload = make_zip({"cmi5.xml": "<courseStructure/>", "index.html": "a"})
    assert refusal(upload)[0].startswith("Gói theo chuẩn cmi5 chưa được hỗ trợ")


def test_path_traversal_member_is_refused():
    upload = make_zip({"imsmanifest.xml": "<manifest/>", "../../thoat.html": "x"})
    assert "ra ngoài thư mục giải nén" in refusal(upload)[0]


def test_too_many_entries_is_refused(settings):
    settings.HOCLIEU_PACKAGE_LIMITS = {"entries": 3}
    upload = scorm12(extra={f"anh/{i}.png": b"x" for i in range(5)})
    assert "vượt giới hạn 3" in refusal(upload)[0]


# --- H5P built here -----------------------------------------------------------------------
def test_built_h5p_is_valid():
    info = check(h5p())
    assert info["structure"]["main_library"] == "H5P.TheChao 1.2"
    assert info["edition"] == "1.24"


def test_h5p_missing_preloaded_js_is_named():
    messages = refusal(h5p(**{"H5P.TheChao-1.2/the-chao.js": None}))
    assert messages == ["Thư viện H5P.TheChao 1.2 thiếu tệp the-chao.js"]


@pytest.mark.parametrize("path", ["content/tan-cong.php", "content/trang.html", "H5P.TheChao-1.2/chay.py", "content/cai-dat.exe", "content/ma.js"])  # fmt: skip
def test_h5p_disallowed_extension_is_named(path):
    messages = refusal(h5p(**{path: "x"}))
    assert len(messages) == 1
    assert messages[0].startswith(f"Tệp {path} có kiểu không được phép")


def test_h5p_js_allowed_in_libraries_and_svg_allowed():
    info = check(h5p(**{"H5P.TheChao-1.2/them.js": "x", "content/hinh.svg": "<svg/>"}))
    assert info["kind"] == "h5p"


def test_h5p_missing_dependency_and_newer_core_api():
    files = h5p_files()
    library = json.loads(files["H5P.TheChao-1.2/library.json"])
    library["coreApi"] = {"majorVersion": 1, "minorVersion": 28}
    library["preloadedDependencies"] = [
        {"machineName": "H5P.Question", "majorVersion": 1, "minorVersion": 4}
    ]
    files["H5P.TheChao-1.2/library.json"] = json.dumps(library)
    messages = refusal(make_zip(files, "the-chao.h5p"))
    assert "Thư viện H5P.TheChao 1.2 cần H5P core API 1.28, hoclieu hỗ trợ đến 1.27" in messages
    assert (
        "Gói thiếu thư viện H5P.Question 1.4 (cần cho H5P.TheChao 1.2): "
        "không có thư mục H5P.Question-1.4/" in messages
    )


def test_h5p_content_json_must_be_json():
    messages = refusal(h5p(**{"content/content.json": "{sai"}))
    assert messages[0].startswith("Tệp content/content.json không phải JSON hợp lệ")


def test_h5p_without_h5p_json():
    messages = refusal(h5p(**{"h5p.json": None}))
    assert messages == ["Gói H5P thiếu tệp h5p.json ở thư mục gốc"]
