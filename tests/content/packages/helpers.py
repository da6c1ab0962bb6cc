"""Package test data: the shared fixtures (read in place, never copied) and zips built here."""

import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

FIXTURES = Path(settings.BASE_DIR).parent / "shared" / "fixtures"


def fixture(kind: str, name: str) -> SimpleUploadedFile:
    path = FIXTURES / kind / name
    return SimpleUploadedFile(name, path.read_bytes(), content_type="application/zip")


def make_zip(files: dict[str, bytes | str], name: str = "goi.zip") -> SimpleUploadedFile:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(path, data.encode() if isinstance(data, str) else data)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/zip")


SCORM12_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="vn.hoclieu.test" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Phương trình bậc hai</title>
      <item identifier="bai1" identifierref="r1"><title>Bài 1. Định nghĩa</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="{href}">
      <file href="{href}"/>
    </resource>
  </resources>
</manifest>"""

SCORM2004_MULTI = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="vn.hoclieu.multi" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="khoa">
    <organization identifier="khac"><title>Tổ chức khác</title>
      <item identifier="x" identifierref="r1"><title>Không dùng</title></item>
    </organization>
    <organization identifier="khoa"><title>Hàm số bậc hai</title>
      <item identifier="chuong1"><title>Chương 1</title>
        <item identifier="sco1" identifierref="r1" parameters="?trang=1"><title>Đồ thị</title></item>
        <item identifier="sco2" identifierref="r2"><title>Bảng biến thiên</title>
          <imsss:sequencing><imsss:limitConditions attemptLimit="2"/></imsss:sequencing>
        </item>
      </item>
      <item identifier="tailieu" identifierref="r3"><title>Tài liệu đọc thêm</title></item>
      <imsss:sequencing><imsss:controlMode choice="false" flow="true"/></imsss:sequencing>
    </organization>
  </organizations>
  <resources xml:base="noidung/">
    <resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="do-thi.html?v=2"/>
    <resource identifier="r2" type="webcontent" adlcp:scormType="sco" xml:base="bbt/" href="index.html"/>
    <resource identifier="r3" type="webcontent" adlcp:scormType="asset" href="doc-them.pdf"/>
  </resources>
</manifest>"""


def scorm12(href="index.html", extra: dict | None = None, name="bai-giang.zip"):
    files = {"imsmanifest.xml": SCORM12_MANIFEST.format(href=href), "index.html": "<p>Xin chào</p>"}
    files.update(extra or {})
    return make_zip(files, name)


def scorm2004_multi(name="ham-so.zip"):
    return make_zip(
        {
            "imsmanifest.xml": SCORM2004_MULTI,
            "noidung/do-thi.html": "<p>Đồ thị</p>",
            "noidung/bbt/index.html": "<p>Bảng biến thiên</p>",
            "noidung/doc-them.pdf": b"%PDF-1.4",
        },
        name,
    )


def h5p_files(**changes) -> dict:
    import json

    library = {
        "title": "Thẻ chào",
        "machineName": "H5P.TheChao",
        "majorVersion": 1,
        "minorVersion": 2,
        "patchVersion": 3,
        "runnable": 1,
        "coreApi": {"majorVersion": 1, "minorVersion": 24},
        "preloadedJs": [{"path": "the-chao.js"}],
        "preloadedCss": [{"path": "the-chao.css"}],
    }
    manifest = {
        "title": "Chào các em",
        "mainLibrary": "H5P.TheChao",
        "language": "vi",
        "embedTypes": ["div"],
        "preloadedDependencies": [
            {"machineName": "H5P.TheChao", "majorVersion": "1", "minorVersion": "2"}
        ],
    }
    files = {
        "h5p.json": json.dumps(manifest),
        "content/content.json": json.dumps({"greeting": "Xin chào"}),
        "content/images/anh.png": b"\x89PNG\r\n\x1a\n",
        "H5P.TheChao-1.2/library.json": json.dumps(library),
        "H5P.TheChao-1.2/the-chao.js": "H5P.TheChao = function () {};",
        "H5P.TheChao-1.2/the-chao.css": ".h5p-the-chao {}",
    }
    files.update(changes)
    return {k: v for k, v in files.items() if v is not None}


def h5p(name="the-chao.h5p", **changes):
    return make_zip(h5p_files(**changes), name)
