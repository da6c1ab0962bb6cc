import unicodedata

import pytest

from curriculum.loader import DATA_DIR, CurriculumError, curriculum_load_files, parse_curriculum
from curriculum.models import CurriculumLesson, LearningOutcome, Subject, Topic

REQUIRED = {
    ("toan", 10),
    ("toan", 11),
    ("toan", 12),
    ("vat-ly", 10),
    ("vat-ly", 11),
    ("vat-ly", 12),
    ("hoa-hoc", 10),
    ("hoa-hoc", 11),
    ("hoa-hoc", 12),
    ("ngu-van", 10),
    ("lich-su", 12),
    ("tieng-anh", 10),
}


@pytest.mark.django_db
def test_shipped_curriculum_loads_every_required_subject_and_grade():
    results = curriculum_load_files()
    assert {(r.subject, r.grade) for r in results} >= REQUIRED
    assert all(r.topics >= 4 and r.lessons >= r.topics and r.outcomes >= r.lessons for r in results)
    lesson = CurriculumLesson.objects.get(code="toan-10-c01-b01")
    assert lesson.name == "Bài 1. Mệnh đề"
    assert lesson.topic.name == "Chương I. Mệnh đề và tập hợp"
    assert lesson.outcomes.count() >= 1
    for text in LearningOutcome.objects.values_list("text", flat=True):
        assert unicodedata.is_normalized("NFC", text)


@pytest.mark.django_db
def test_reloading_is_idempotent_and_updates_in_place():
    curriculum_load_files()
    counts = (Subject.objects.count(), Topic.objects.count(), LearningOutcome.objects.count())
    ids = set(Topic.objects.values_list("pk", flat=True))
    curriculum_load_files()
    assert (
        Subject.objects.count(),
        Topic.objects.count(),
        LearningOutcome.objects.count(),
    ) == counts
    assert set(Topic.objects.values_list("pk", flat=True)) == ids


def test_every_shipped_file_parses():
    for path in DATA_DIR.glob("*.yaml"):
        data = parse_curriculum(path.read_text(encoding="utf-8"), source=path.name)
        assert path.stem == f"{data['subject']['code']}-{data['grade']}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "subject: {code: toan, name: Toán}\ngrade: 13\ntopics: []",
            "grade: lớp phải là số nguyên từ 1 đến 12",
        ),
        (
            "subject: {code: toan, name: Toán}\ngrade: 10\ntopics:\n  - name: C1\n    lessons:\n      - name: ''\n",
            "chương thứ 1 › bài thứ 1 › name: cần một chuỗi văn bản không rỗng",
        ),
        ("subject: {code: Toán, name: Toán}\ngrade: 10\ntopics: []", "chỉ được gồm chữ thường"),
        ("subject: [\n", "YAML không hợp lệ"),
    ],
)
def test_bad_file_names_the_place_in_vietnamese(text, message):
    with pytest.raises(CurriculumError) as exc:
        parse_curriculum(text, source="thu.yaml")
    assert message in str(exc.value) and str(exc.value).startswith("thu.yaml")


@pytest.mark.django_db
def test_a_bad_file_among_good_ones_changes_nothing(tmp_path):
    good = DATA_DIR / "toan-10.yaml"
    bad = tmp_path / "hong.yaml"
    bad.write_text("subject: {code: toan, name: Toán}\ngrade: 11\ntopics: []\n", encoding="utf-8")
    with pytest.raises(CurriculumError):
        curriculum_load_files(paths=[good, bad])
    assert Topic.objects.count() == 0
