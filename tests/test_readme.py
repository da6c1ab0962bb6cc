"""The README's facts, checked mechanically (issue 16): both language parts say the same
thing about requirements and signing in, in the same order, what is planned stays in the
roadmap, and every subject the README gives the demo exists in the demo's data files."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
VI, _, EN = README.partition("\n## English\n")

#: The English part's section for each Vietnamese section, in the Vietnamese order.
SECTIONS = {
    "Hai lệnh": "Two commands",
    "Chạy với dịch vụ thật": "Real services",
    "Cấu hình (biến môi trường)": "Configuration",
    "Tìm kiếm tiếng Việt": "Vietnamese search",
    "Chương trình GDPT 2018": "GDPT 2018 curriculum",
    "Nhập danh sách trường, lớp, giáo viên, học sinh": "Roster import",
    "Ngân hàng câu hỏi": "Question bank",
    "Ma trận đề và ghép đề": "Exam matrices and assembly",
    "Thi trực tuyến": "Online exams",
    "Ôn tập trực tuyến": "Online revision",
    "Học liệu, bài giảng điện tử và thư viện điện tử": "Learning materials, e-lectures and e-library",
    "Gói bài giảng (SCORM, H5P)": "E-lecture packages (SCORM, H5P)",
    "Giao bài, chấm bài, sổ điểm và báo cáo": "Assignments, marking, gradebook and reports",
    "Kiến trúc": "Architecture",
    "Lộ trình": "Roadmap",
}
#: School subjects by their Vietnamese and English names.
SUBJECTS = {
    "Toán": "Mathematics",
    "Vật lí": "Physics",
    "Hoá học": "Chemistry",
    "Sinh học": "Biology",
    "Ngữ văn": "Literature",
    "Lịch sử": "History",
    "Địa lí": "Geography",
    "Tiếng Anh": "English",
    "Tin học": "Computer science",
}
#: Features that do not exist yet: named only in the roadmap, or next to a pointer to it.
PLANNED = {
    "vi": ("tài khoản phụ huynh",),
    "en": ("parent accounts",),
}
ABSENT = {"vi": ("chưa có", "không có"), "en": ("no ", "not ")}


def _chunks(text: str) -> list[str]:
    """Paragraphs, list items and table rows: a claim and its qualifier stay together."""
    return [c for c in re.split(r"\n\s*\n|\n(?=\s*- |\|)", text) if c.strip()]


def _headings(text: str, level: str) -> list[str]:
    return re.findall(rf"^{level} (.+)$", text, flags=re.M)


def _section(text: str, level: str, title: str) -> str:
    match = re.search(
        rf"^{level} {re.escape(title)}\n(.*?)(?=^#{{1,{len(level)}}} |\Z)", text, re.M | re.S
    )
    assert match, title
    return match.group(1)


def _demo_subjects() -> set[str]:
    names = set()
    for path in (ROOT / "curriculum" / "data").glob("*.yaml"):
        names.add(yaml.safe_load(path.read_text(encoding="utf-8"))["subject"]["name"])
    return names


def test_both_parts_state_the_same_requirements():
    for part in (VI, EN):
        assert "Python 3.11" in part
        assert "Node.js/npm" in part
        assert "KaTeX" in part and "pdf.js" in part  # what npm is needed for
    install = (ROOT / "scripts" / "install").read_text()
    assert "npm ci" in install  # npm is really needed the first time


def test_both_parts_name_the_sign_in_page_and_the_roles_of_the_admin():
    for part, student in ((VI, "học sinh"), (EN, "student")):
        assert "/dang-nhap/" in part
        assert "/admin/" in part
        sign_in = next(p for p in part.split("\n\n") if "/dang-nhap/" in p)
        assert student in sign_in.lower() and "/admin/" in sign_in


def test_the_english_part_follows_the_vietnamese_order():
    assert _headings(VI, "##") == list(SECTIONS)
    assert _headings(EN, "###") == list(SECTIONS.values())


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_planned_features_are_only_promised_in_the_roadmap(lang):
    text, level, roadmap = (VI, "##", "Lộ trình") if lang == "vi" else (EN, "###", "Roadmap")
    plans = _section(text, level, roadmap)
    assert all(feature.lower() in plans.lower() for feature in PLANNED[lang])
    outside = text.replace(plans, "")
    for line in _chunks(outside):
        for feature in PLANNED[lang]:
            if feature.lower() in line.lower():
                assert roadmap.lower() in line.lower() or "lộ-trình" in line, line


def test_every_subject_given_to_the_demo_exists_in_the_demo_data():
    seeded = _demo_subjects()
    for part, lang, marker in (
        (VI, "vi", "Môn có dữ liệu mẫu:"),
        (EN, "en", "Subjects with demo data:"),
    ):
        claim = part.split(marker, 1)[1].split(".", 1)[0]
        named = {vi for vi, en in SUBJECTS.items() if (vi if lang == "vi" else en) in claim}
        assert named == seeded, lang
    # A subject the README names but the demo lacks is said to be missing, wherever it is named.
    for vi, en in SUBJECTS.items():
        if vi in seeded:
            continue
        for lang, part, name in (("vi", VI, vi), ("en", EN, en)):
            for line in _chunks(part):
                if name in line:
                    in_roadmap = line in _section(
                        part,
                        "##" if lang == "vi" else "###",
                        "Lộ trình" if lang == "vi" else "Roadmap",
                    )
                    said_missing = any(word in line for word in ABSENT[lang])
                    assert in_roadmap or said_missing, line


def test_the_demo_banks_are_subjects_of_the_demo():
    from demo.questions import BANK_NAMES

    seeded = _demo_subjects()
    for name in BANK_NAMES.values():
        assert any(subject in name for subject in seeded), name
    assert "Sinh học" not in " ".join(BANK_NAMES.values())
