"""Library files: uploads checked by content, PDFs/EPUBs read back, demo files that work.

Every refusal test has a control built the same way that is accepted, so a test fails if
the check stops working and also if the builder produces a file that is broken anyway.
"""

import hashlib
import io
import struct
import unicodedata
import wave
import zipfile
import zlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms, PngImagePlugin

from content.files import (
    DEFAULT_LIMITS,
    UploadRejected,
    clean_upload,
    demo_epub,
    demo_pdf,
    epub_extract,
    pdf_extract,
    pdf_thumbnail,
    sniff_kind,
    validate_library_file,
)
from content.files import pdf as pdf_module

DATA = Path(__file__).parent / "data"
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
MB = 1024 * 1024
TITLE = "Toán 10 — Phương trình bậc hai"
PARAGRAPHS = [
    "Phương trình bậc hai một ẩn có dạng ax² + bx + c = 0, trong đó a ≠ 0.",
    "Biệt thức Δ = b² − 4ac quyết định số nghiệm: Δ > 0 thì có hai nghiệm phân biệt.",
    "Ví dụ: giải phương trình x² − 5x + 6 = 0 được hai nghiệm x = 2 và x = 3.",
]


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def rejected(name: str, data: bytes, **kwargs) -> UploadRejected:
    with pytest.raises(UploadRejected) as caught:
        clean_upload(upload(name, data), **kwargs)
    return caught.value


# --- builders ---------------------------------------------------------------------------

PAGE_OBJECTS = [
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
]
CATALOG = b"<< /Type /Catalog /Pages 2 0 R %s>>"
PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
FILE_ID = hashlib.md5(b"hoclieu-test").digest()  # noqa: S324 - the PDF standard's own MD5


def build_pdf(objects: list[bytes], *, trailer: bytes = b"") -> bytes:
    """A classic PDF with exact xref offsets; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref,
    )
    return bytes(out)


def rc4(key: bytes, data: bytes) -> bytes:
    box, j = list(range(256)), 0
    for i in range(256):
        j = (j + box[i] + key[i % len(key)]) % 256
        box[i], box[j] = box[j], box[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + box[i]) % 256
        box[i], box[j] = box[j], box[i]
        out.append(byte ^ box[(box[i] + box[j]) % 256])
    return bytes(out)


def standard_security(user: bytes, owner: bytes) -> tuple[bytes, bytes]:
    """The /Encrypt dictionary (RC4 40-bit, revision 2) and the file key, as in ISO 32000."""
    padded = (user + PAD)[:32]
    o = rc4(hashlib.md5((owner + PAD)[:32]).digest()[:5], padded)  # noqa: S324
    key = hashlib.md5(padded + o + struct.pack("<i", -44) + FILE_ID).digest()[:5]  # noqa: S324
    u = rc4(key, PAD)
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>" % (
        o.hex().encode(),
        u.hex().encode(),
    )
    return encrypt, key


def object_key(key: bytes, number: int) -> bytes:
    return hashlib.md5(key + number.to_bytes(3, "little") + b"\0\0").digest()[:10]  # noqa: S324


def objstm_pdf(
    catalog_extra: bytes = b"", extra: tuple[bytes, ...] = (), *, owner_only=False, predictor=False
):
    """PDF 1.5 with catalog, page tree and ``extra`` objects (5, 6 …) inside one
    FlateDecode object stream (4) and a cross-reference stream, optionally encrypted with
    an empty user password (what "protected" textbook PDFs do), optionally PNG-predicted."""
    inner = [CATALOG % catalog_extra, PAGE_OBJECTS[0], *extra]
    numbers = [1, 2, *range(5, 5 + len(extra))]
    header, body = b"", b""
    for number, obj in zip(numbers, inner, strict=True):
        header += b"%d %d " % (number, len(body))
        body += obj + b"\n"
    decoded, params = header + body, b""
    if predictor:  # PNG predictor, every 16-byte row filtered "None" (a leading zero byte)
        decoded += b" " * (-len(decoded) % 16)
        decoded = b"".join(b"\0" + decoded[i : i + 16] for i in range(0, len(decoded), 16))
        params = b"/DecodeParms << /Predictor 12 /Columns 16 >> "
    stream = zlib.compress(decoded)
    encrypt_number = max(*numbers, 4) + 1
    xref_number = encrypt_number + 1
    trailer = b""
    if owner_only:
        encrypt, key = standard_security(b"", b"owner")
        stream = rc4(object_key(key, 4), stream)
        trailer = b"/Encrypt %d 0 R /ID [<%s><%s>] " % (
            encrypt_number,
            FILE_ID.hex().encode(),
            FILE_ID.hex().encode(),
        )
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    rows = {0: (0, 0, 65535)}
    rows[3] = (1, len(out), 0)
    out += b"3 0 obj\n%s\nendobj\n" % PAGE_OBJECTS[1]
    rows[4] = (1, len(out), 0)
    out += b"4 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode %s/Length %d >>\n" % (
        len(inner),
        len(header),
        params,
        len(stream),
    )
    out += b"stream\n" + stream + b"\nendstream\nendobj\n"
    if owner_only:
        rows[encrypt_number] = (1, len(out), 0)
        out += b"%d 0 obj\n%s\nendobj\n" % (encrypt_number, encrypt)
    for index, number in enumerate(numbers):
        rows[number] = (2, 4, index)
    rows[xref_number] = (1, len(out), 0)
    table = b"".join(
        struct.pack(">BIH", *rows.get(number, (0, 0, 0))) for number in range(xref_number + 1)
    )
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R %s/Length %d >>\n" % (
        xref_number,
        xref_number + 1,
        trailer,
        len(table),
    )
    out += (
        b"stream\n"
        + table
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % rows[xref_number][1]
    )
    return bytes(out)


def image_bytes(fmt: str, *, mode: str = "RGB", size=(40, 20), **save) -> bytes:
    image = Image.new(mode, size, "red" if mode != "RGBA" else (255, 0, 0, 128))
    out = io.BytesIO()
    image.save(out, fmt, **save)
    return out.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares a size without carrying the pixels: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def zip_bytes(entries: dict[str, bytes], *, first_stored: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(entries.items()):
            stored = first_stored and index == 0
            archive.writestr(name, data, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    return out.getvalue()


def rezip(data: bytes, changes: dict[str, bytes]) -> bytes:
    """The same archive with entries replaced or added, keeping "mimetype" first and stored."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    return zip_bytes({**entries, **changes}, first_stored=True)


def wav_bytes(size: int) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(1)
        sound.setframerate(8000)
        sound.writeframes(b"\x80" * (size - 44))
    return out.getvalue()


DOCX = {
    "[Content_Types].xml": b"<Types/>",
    "word/document.xml": b"<w:document/>",
}


@pytest.fixture(scope="module")
def lesson_pdf() -> bytes:
    return demo_pdf(TITLE, PARAGRAPHS, pages=2)


@pytest.fixture(scope="module")
def book_epub() -> bytes:
    return demo_epub(
        "Ngữ văn 6 — Tập một",
        [
            ("Bài 1. Tôi và các bạn", "Bài học đường đời đầu tiên\nTô Hoài kể chuyện Dế Mèn."),
            ("Bài 2. Gõ cửa trái tim", "Chuyện cổ tích về loài người\nXuân Quỳnh."),
        ],
    )


# --- sniff_kind -------------------------------------------------------------------------

MP4_HEAD = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\0" * 64
M4A_HEAD = b"\x00\x00\x00\x18ftypM4A \x00\x00\x00\x00M4A mp42" + b"\0" * 64
WEBM_HEAD = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm" + b"\0" * 64
OGG_HEAD = b"OggS\x00\x02" + b"\0" * 22 + b"\x01\x13OpusHead\x01\x02" + b"\0" * 32


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda: demo_epub("Sách", [("Một", "Hai")]), "epub"),
        (lambda: image_bytes("PNG"), "image"),
        (lambda: image_bytes("JPEG"), "image"),
        (lambda: image_bytes("GIF"), "image"),
        (lambda: image_bytes("WEBP"), "image"),
        (lambda: MP4_HEAD, "video"),
        (lambda: WEBM_HEAD, "video"),
        (lambda: M4A_HEAD, "audio"),
        (lambda: b"ID3\x04\x00\x00" + b"\0" * 64, "audio"),
        (lambda: b"\xff\xfb\x90\x64" + b"\0" * 64, "audio"),
        (lambda: OGG_HEAD, "audio"),
        (lambda: wav_bytes(1000), "audio"),
        (lambda: zip_bytes(DOCX), "docx"),
        (lambda: zip_bytes({"[Content_Types].xml": b"", "ppt/presentation.xml": b""}), "pptx"),
        (lambda: zip_bytes({"[Content_Types].xml": b"", "xl/workbook.xml": b""}), "xlsx"),
        (
            lambda: zip_bytes(
                {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b""},
                first_stored=True,
            ),
            "odt",
        ),
        (lambda: zip_bytes({"bai-giang.txt": b"xin chao"}), None),
        (lambda: "Văn bản thuần, không phải PDF".encode(), None),
        (lambda: b"MZ\x90\x00" + b"\0" * 64, None),
        (lambda: b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, None),
        (lambda: b"", None),
    ],
)
def test_sniff_kind_reads_the_content(make, kind):
    data = make()
    assert sniff_kind(data[:65536], io.BytesIO(data)) == kind


def test_sniff_kind_of_a_real_pdf(lesson_pdf):
    assert sniff_kind(lesson_pdf[:1024], io.BytesIO(lesson_pdf)) == "pdf"


# --- clean_upload: types and names ------------------------------------------------------


def test_a_real_pdf_is_accepted_unchanged(lesson_pdf):
    clean = clean_upload(upload("bai-giang.pdf", lesson_pdf), allowed={"pdf"})

    assert (clean.kind, clean.mime, clean.extension) == ("pdf", "application/pdf", "pdf")
    assert clean.content.name == "bai-giang.pdf"
    assert clean.content.read() == lesson_pdf
    assert clean.size == len(lesson_pdf)


def test_a_zip_renamed_pdf_is_refused():
    error = rejected("bai-giang.pdf", zip_bytes({"a.txt": b"x"}))

    assert error.code == "wrong_type"
    assert str(error) == 'Tệp "bai-giang.pdf" không phải PDF thật (nội dung là tệp ZIP).'


def test_a_png_renamed_pdf_is_refused_where_only_pdfs_go():
    error = rejected("bai-giang.pdf", image_bytes("PNG"), allowed={"pdf", "epub"})

    assert str(error) == 'Tệp "bai-giang.pdf" không phải PDF thật (nội dung là ảnh PNG).'


def test_a_png_renamed_pdf_is_kept_as_an_image_with_the_right_extension():
    clean = clean_upload(
        upload("bai-giang.pdf", image_bytes("PNG", mode="RGBA")), allowed={"pdf", "image"}
    )

    assert (clean.kind, clean.mime, clean.content.name) == ("image", "image/png", "bai-giang.png")
    assert Image.open(clean.content).format == "PNG"


def test_a_kind_not_allowed_here_is_refused():
    error = rejected("clip.mp4", MP4_HEAD, allowed={"pdf", "epub"})

    assert error.code == "not_allowed"
    assert str(error) == 'Tệp "clip.mp4" là video MP4 — ở đây chỉ nhận: EPUB, PDF.'


def test_unknown_content_is_refused():
    error = rejected("ghi-chu.txt", "Ghi chú của cô giáo".encode())

    assert error.code == "unsupported"
    assert str(error) == (
        'Tệp "ghi-chu.txt" có định dạng không được hỗ trợ (nội dung là văn bản thuần).'
    )


def test_video_is_passed_on_unread_under_its_real_extension():
    clean = clean_upload(upload("quay-man-hinh.bin", MP4_HEAD), allowed={"video"})

    assert (clean.kind, clean.mime, clean.content.name) == (
        "video",
        "video/mp4",
        "quay-man-hinh.mp4",
    )
    assert clean.size == len(MP4_HEAD)


def test_office_group_admits_docx_but_not_macros():
    clean = clean_upload(upload("giao-an.docx", zip_bytes(DOCX)), allowed={"office"})
    assert clean.kind == "docx"

    error = rejected(
        "giao-an.docx", zip_bytes({**DOCX, "word/vbaProject.bin": b"\0"}), allowed={"office"}
    )
    assert str(error) == 'Tệp "giao-an.docx" chứa macro — bị từ chối vì lý do an toàn.'


# --- size limits ------------------------------------------------------------------------


def test_a_file_over_its_limit_is_refused_with_its_size(settings):
    settings.HOCLIEU_UPLOAD_LIMITS = {"audio": 1 * MB}
    sound = wav_bytes(3 * MB // 2)

    error = rejected("bai-hat.wav", sound)

    assert error.code == "too_big"
    assert str(error) == ('Tệp "bai-hat.wav" nặng 1,5 MB, vượt giới hạn 1 MB cho âm thanh.')


def test_limits_fall_back_to_the_defaults(settings, lesson_pdf):
    settings.HOCLIEU_UPLOAD_LIMITS = {"audio": 1 * MB}
    assert clean_upload(upload("bai-hat.wav", wav_bytes(MB // 2))).kind == "audio"
    assert clean_upload(upload("bai-giang.pdf", lesson_pdf)).kind == "pdf"

    del settings.HOCLIEU_UPLOAD_LIMITS
    assert clean_upload(upload("bai-hat.wav", wav_bytes(3 * MB // 2))).kind == "audio"
    assert DEFAULT_LIMITS["video"] == 2 * 1024 * MB


# --- PDFs with active content, damage or a password ---------------------------------------


@pytest.mark.parametrize("fixture", ["clean.pdf", "openaction-javascript.pdf"])
def test_fixture_pdfs_are_well_formed(fixture):
    # So that the refusals below are for the script, not for a broken file.
    with pdfium.PdfDocument((DATA / fixture).read_bytes()) as document:
        assert len(document) == 1


def test_the_clean_fixture_is_accepted():
    assert clean_upload(upload("sach.pdf", (DATA / "clean.pdf").read_bytes())).kind == "pdf"


def test_a_pdf_with_an_openaction_script_is_refused():
    error = rejected("de-thi.pdf", (DATA / "openaction-javascript.pdf").read_bytes())

    assert error.code == "pdf_active_content"
    assert str(error) == (
        'Tệp "de-thi.pdf" chứa JavaScript hoặc hành động tự chạy (/JS, /JavaScript) — '
        "bị từ chối vì lý do an toàn."
    )


def test_a_script_is_reported_even_when_the_pdf_is_also_broken():
    no_pages = b"<< /Type /Pages /Kids [] /Count 0 >>"
    broken = build_pdf([CATALOG % b"", no_pages])
    scripted = build_pdf([CATALOG % b"/OpenAction << /S /JavaScript /JS (x) >> ", no_pages])

    assert rejected("hong.pdf", broken).code == "pdf_broken"
    assert rejected("hong.pdf", scripted).code == "pdf_active_content"


def test_a_script_with_hex_escaped_names_is_refused():
    data = (DATA / "obfuscated-javascript.pdf").read_bytes()
    assert b"/JavaScript" not in data

    error = rejected("de-thi.pdf", data)

    assert "(/JS, /JavaScript)" in str(error)


@pytest.mark.parametrize(
    ("extra", "found"),
    [
        (b"/AA << /O << /S /Launch /F (calc.exe) >> >> ", "/AA, /Launch"),
        (b"/AcroForm << /XFA 5 0 R >> ", "/XFA"),
    ],
)
def test_auto_actions_and_xfa_are_refused(extra, found):
    error = rejected("mau-don.pdf", build_pdf([CATALOG % extra, *PAGE_OBJECTS]))

    assert f"({found})" in str(error)


def test_a_script_inside_a_compressed_object_stream_is_refused():
    hidden = objstm_pdf(b"/OpenAction 5 0 R ", (b"<< /S /JavaScript /JS (app.alert(1)) >>",))
    assert b"JavaScript" not in hidden
    assert clean_upload(upload("sach.pdf", objstm_pdf())).kind == "pdf"

    error = rejected("sach.pdf", hidden)

    assert "(/JS, /JavaScript)" in str(error)


def test_an_object_stream_that_cannot_be_decoded_is_refused():
    predicted = objstm_pdf(predictor=True)
    with pdfium.PdfDocument(predicted) as document:  # PDFium reads it; the scan cannot
        assert len(document) == 1

    error = rejected("sach.pdf", predicted)

    assert error.code == "pdf_unscannable"
    assert str(error) == (
        'Tệp "sach.pdf" có luồng đối tượng nén theo cách không kiểm tra được — '
        "bị từ chối vì lý do an toàn."
    )


def test_a_permissions_only_pdf_is_scanned_after_decryption():
    plain = objstm_pdf(owner_only=True)
    hidden = objstm_pdf(
        b"/OpenAction 5 0 R ", (b"<< /S /JavaScript /JS (app.alert(1)) >>",), owner_only=True
    )
    with pdfium.PdfDocument(hidden) as document:  # opens without a password: truly encrypted
        assert pdfium.raw.FPDF_GetSecurityHandlerRevision(document.raw) == 2

    assert clean_upload(upload("sach.pdf", plain)).kind == "pdf"
    assert "(/JS, /JavaScript)" in str(rejected("sach.pdf", hidden))


def test_a_pdf_with_a_password_is_refused():
    encrypt, _key = standard_security(b"secret", b"owner")
    ids = FILE_ID.hex().encode()
    data = build_pdf(
        [CATALOG % b"", *PAGE_OBJECTS, encrypt],
        trailer=b"/Encrypt 4 0 R /ID [<%s><%s>] " % (ids, ids),
    )
    with pdfium.PdfDocument(data, password="secret") as document:
        assert len(document) == 1

    error = rejected("tai-lieu.pdf", data)

    assert error.code == "pdf_encrypted"
    assert str(error) == (
        'Tệp "tai-lieu.pdf" là PDF có mật khẩu — hãy gỡ mật khẩu rồi tải lên lại.'
    )


def test_a_broken_pdf_is_refused():
    error = rejected("hong.pdf", b"%PDF-1.7\n" + b"\x00rubbish" * 100)

    assert error.code == "pdf_broken"
    assert str(error) == 'Tệp "hong.pdf" là PDF bị hỏng, không đọc được.'


# --- images -------------------------------------------------------------------------------


def rotated_photo_with_gps() -> bytes:
    """A 40×20 JPEG, left half red, stored sideways with EXIF Orientation 6 and a GPS tag."""
    image = Image.new("RGB", (40, 20), "blue")
    image.paste("red", (0, 0, 20, 20))
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: rotate 90° clockwise to display
    exif[0x010F] = "Máy ảnh"
    exif.get_ifd(0x8825)[2] = (21.0, 1.0, 42.0)  # GPSLatitude: Hà Nội
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, icc_profile=SRGB)
    return out.getvalue()


def test_a_photo_comes_out_upright_without_exif_gps_or_icc():
    photo = rotated_photo_with_gps()
    assert Image.open(io.BytesIO(photo)).getexif().get_ifd(0x8825)  # the input has GPS

    clean = clean_upload(upload("anh-lop.jpeg", photo))

    image = Image.open(clean.content)
    assert (clean.mime, clean.content.name, image.format) == ("image/jpeg", "anh-lop.jpg", "JPEG")
    assert image.size == (20, 40)
    red, blue = image.getpixel((10, 5)), image.getpixel((10, 35))
    assert red[0] > 200 and red[2] < 60
    assert blue[2] > 200 and blue[0] < 60
    assert not image.getexif()
    assert "exif" not in image.info and "icc_profile" not in image.info
    assert b"Exif" not in clean.content.read()


def test_transparency_stays_png_and_opaque_images_become_jpeg():
    png = clean_upload(upload("hinh.png", image_bytes("PNG", mode="RGBA")))
    jpeg = clean_upload(upload("hinh.png", image_bytes("PNG")))

    assert Image.open(png.content).mode == "RGBA"
    assert (jpeg.extension, Image.open(jpeg.content).format) == ("jpg", "JPEG")


def test_png_text_exif_and_icc_chunks_are_dropped():
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "Chụp tại Hà Nội")
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh"
    data = image_bytes("PNG", mode="RGBA", pnginfo=text, exif=exif, icc_profile=SRGB)
    assert {"Comment", "exif", "icc_profile"} <= Image.open(io.BytesIO(data)).info.keys()

    clean = clean_upload(upload("hinh.png", data))

    image = Image.open(clean.content)
    assert image.format == "PNG"
    assert not {"Comment", "exif", "icc_profile"} & image.info.keys()


def test_a_truncated_jpeg_is_refused():
    photo = image_bytes("JPEG", size=(400, 300), quality=95)

    error = rejected("anh.jpg", photo[: len(photo) // 2])

    assert error.code == "image_broken"
    assert str(error) == 'Ảnh "anh.jpg" bị hỏng hoặc không đầy đủ, không đọc được.'


@pytest.mark.parametrize("size", [(8000, 6000), (100_000, 100_000)])
def test_a_decompression_bomb_is_refused_before_decoding(size):
    bomb = png_header(*size)
    assert len(bomb) < 200

    error = rejected("bom.png", bomb)

    assert error.code == "image_bomb"
    assert str(error) == (
        'Ảnh "bom.png" quá lớn (hơn 40 megapixel) — nghi ngờ "bom giải nén", bị từ chối.'
    )


# --- EPUB -----------------------------------------------------------------------------------


def test_a_demo_epub_is_valid(book_epub):
    with zipfile.ZipFile(io.BytesIO(book_epub)) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert archive.read("mimetype") == b"application/epub+zip"
        assert "OEBPS/nav.xhtml" in archive.namelist()

    clean = clean_upload(upload("ngu-van-6.epub", book_epub), allowed={"epub"})
    assert (clean.kind, clean.mime) == ("epub", "application/epub+zip")


@pytest.mark.parametrize(
    "markup",
    [
        b"<script>alert(1)</script>",
        b'<img src="a.png" onerror="alert(1)"/>',
        b'<a href="javascript:alert(1)">x</a>',
    ],
)
def test_an_epub_with_scripts_is_refused(book_epub, markup):
    page = b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Bai 1</p>%s</body></html>'
    book = rezip(book_epub, {"OEBPS/chuong-1.xhtml": page % markup})
    assert clean_upload(upload("sach.epub", rezip(book_epub, {"OEBPS/chuong-1.xhtml": page % b""})))

    error = rejected("sach.epub", book)

    assert error.code == "epub_script"
    assert str(error) == (
        'Tệp "sach.epub" chứa mã script (trong OEBPS/chuong-1.xhtml) — bị từ chối vì lý do an toàn.'
    )


ENCRYPTION = b"""<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
  xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
  <enc:EncryptedData><enc:EncryptionMethod Algorithm="%s"/>
    <enc:CipherData><enc:CipherReference URI="%s"/></enc:CipherData></enc:EncryptedData>
</encryption>"""


def test_an_epub_with_drm_is_refused_but_obfuscated_fonts_are_fine(book_epub):
    fonts = ENCRYPTION % (b"http://www.idpf.org/2008/embedding", b"OEBPS/fonts/a.otf")
    drm = ENCRYPTION % (b"http://www.w3.org/2001/04/xmlenc#aes128-cbc", b"OEBPS/chuong-1.xhtml")

    assert clean_upload(upload("a.epub", rezip(book_epub, {"META-INF/encryption.xml": fonts})))
    error = rejected("sach.epub", rezip(book_epub, {"META-INF/encryption.xml": drm}))

    assert error.code == "epub_encrypted"
    assert str(error) == 'Tệp "sach.epub" là sách EPUB có khoá bản quyền (DRM), không đọc được.'


def test_an_epub_escaping_its_folder_is_refused(book_epub):
    error = rejected("sach.epub", rezip(book_epub, {"../../etc/cron.d/x": b"x"}))

    assert error.code == "zip_unsafe"
    assert str(error) == (
        'Tệp "sach.epub" không an toàn để giải nén: mục “../../etc/cron.d/x” có đường dẫn '
        "ra ngoài thư mục giải nén — bị từ chối."
    )


# --- validate_library_file ------------------------------------------------------------------


def test_the_validator_accepts_good_files_and_refuses_mismatched_names(lesson_pdf):
    validate_library_file(upload("bai-giang.pdf", lesson_pdf))
    validate_library_file(upload("hinh.png", image_bytes("PNG")))

    with pytest.raises(UploadRejected) as caught:
        validate_library_file(upload("bai-giang.pdf", image_bytes("PNG")))
    assert str(caught.value) == 'Tệp "bai-giang.pdf" không phải PDF thật (nội dung là ảnh PNG).'

    photo = image_bytes("JPEG", size=(400, 300))
    with pytest.raises(UploadRejected, match="bị hỏng"):
        validate_library_file(upload("anh.jpg", photo[:-200]))


# --- processing -----------------------------------------------------------------------------


def test_pdf_extract_reads_the_vietnamese_text_back(lesson_pdf, tmp_path):
    path = tmp_path / "bai-giang.pdf"
    path.write_bytes(lesson_pdf)

    for source in (lesson_pdf, path, str(path), io.BytesIO(lesson_pdf)):
        info = pdf_extract(source)
        assert info.page_count == 2
        assert info.title == TITLE
        assert info.pages[0].startswith(f"{TITLE}\nPhương trình bậc hai một ẩn có dạng")
        assert "Trang 1" in info.pages[0] and "Trang 2" in info.pages[1]
        assert "x = 2 và x = 3" in info.pages[1]
        assert "Phương trình bậc hai" in info.text
        assert unicodedata.is_normalized("NFC", info.text)


def test_demo_pdf_wraps_long_text_onto_more_pages():
    long_text = ["Học sinh đọc kĩ đề bài trước khi làm. " * 40] * 4

    info = pdf_extract(demo_pdf("Ôn tập", long_text, pages=1))

    assert info.page_count > 1
    assert all(page.startswith("Ôn tập\n") for page in info.pages)
    longest = max(len(line) for page in info.pages for line in page.split("\n"))
    assert longest < 100  # wrapped to the page, not one line running off it


def test_demo_pdf_prefers_the_vendored_font_and_needs_one(monkeypatch, settings, tmp_path):
    settings.BASE_DIR = tmp_path
    vendored = tmp_path / "static/vendor/fonts/dejavu/DejaVuSans.ttf"
    vendored.parent.mkdir(parents=True)
    vendored.write_bytes(pdf_module.font_path().read_bytes())
    assert pdf_module.font_path() == vendored

    vendored.unlink()
    monkeypatch.setattr(pdf_module, "SYSTEM_FONTS", ())
    with pytest.raises(FileNotFoundError, match=r"static/vendor/fonts/dejavu/DejaVuSans\.ttf"):
        demo_pdf("Tiêu đề", ["Nội dung"])


def test_pdf_thumbnail_is_a_jpeg_of_the_first_page(lesson_pdf):
    image = Image.open(io.BytesIO(pdf_thumbnail(lesson_pdf, width=240)))

    assert (image.format, image.width) == ("JPEG", 240)
    assert image.height == round(240 * 842 / 595)
    darkest, _lightest = image.convert("L").getextrema()
    assert darkest < 100  # the title is drawn, not a blank page


def test_pdf_extract_refuses_what_it_cannot_read():
    with pytest.raises(UploadRejected, match="PDF bị hỏng"):
        pdf_extract(b"%PDF-1.7\nnot really")


def test_epub_extract_reads_metadata_text_and_cover(book_epub):
    cover = image_bytes("PNG")
    with zipfile.ZipFile(io.BytesIO(book_epub)) as archive:
        opf = archive.read("OEBPS/content.opf").replace(
            b'properties="nav"/>',
            b'properties="nav"/><item id="bia" href="anh%20bia.png" media-type="image/png"'
            b' properties="cover-image"/>',
        )
    book = rezip(book_epub, {"OEBPS/content.opf": opf, "OEBPS/anh bia.png": cover})

    info = epub_extract(io.BytesIO(book))

    assert (info.title, info.creator, info.language) == ("Ngữ văn 6 — Tập một", "Hoclieu", "vi")
    assert info.documents == [
        "Bài 1. Tôi và các bạn\nBài học đường đời đầu tiên\nTô Hoài kể chuyện Dế Mèn.",
        "Bài 2. Gõ cửa trái tim\nChuyện cổ tích về loài người\nXuân Quỳnh.",
    ]
    assert info.text.startswith("Bài 1. Tôi và các bạn")
    assert (info.cover, info.cover_mime) == (cover, "image/png")


def test_epub_extract_reads_epub2_html_with_named_entities(book_epub):
    legacy = (
        b'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title>'
        b"<style>p{}</style></head><body><p>M\xe1\xbb\x99t&nbsp;hai</p><p>ba</p></body></html>"
    )

    info = epub_extract(rezip(book_epub, {"OEBPS/chuong-2.xhtml": legacy}))

    assert info.documents[1] == "Một hai\nba"
