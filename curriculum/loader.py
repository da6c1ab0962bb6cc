"""Load the GDPT 2018 curriculum from YAML files (format documented in the README).

One file holds one subject in one grade. Codes are derived from positions
(``toan-10-c01-b02-y1``) so re-loading an edited file updates rows in place; a file with
any error changes nothing and says where the error is, in Vietnamese.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction
from django.utils.text import slugify

from common.vietnamese import nfc
from curriculum.models import CurriculumLesson, LearningOutcome, Subject, Topic

DATA_DIR = Path(__file__).resolve().parent / "data"
SUBJECT_ORDER = [
    "toan",
    "ngu-van",
    "tieng-anh",
    "vat-ly",
    "hoa-hoc",
    "sinh-hoc",
    "lich-su",
    "dia-ly",
]


class CurriculumError(ValueError):
    """A curriculum file is malformed; the message names the file and the place."""


@dataclass
class LoadResult:
    subject: str
    grade: int
    topics: int
    lessons: int
    outcomes: int


def _text(value, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CurriculumError(f"{where}: cần một chuỗi văn bản không rỗng.")
    return nfc(value).strip()


def _list(value, where: str) -> list:
    if not isinstance(value, list) or not value:
        raise CurriculumError(f"{where}: cần một danh sách có ít nhất một mục.")
    return value


def parse_curriculum(text: str, *, source: str) -> dict:
    """Check the structure of one file and return it normalised (NFC, stripped)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CurriculumError(f"{source}: YAML không hợp lệ: {exc}") from exc
    if not isinstance(data, dict):
        raise CurriculumError(f"{source}: tệp phải là một bảng (mapping) YAML.")
    subject = data.get("subject")
    if not isinstance(subject, dict):
        raise CurriculumError(f"{source}: thiếu mục 'subject'.")
    code = _text(subject.get("code"), f"{source} › subject.code")
    if slugify(code) != code:
        raise CurriculumError(
            f"{source} › subject.code: '{code}' chỉ được gồm chữ thường, số và '-'."
        )
    grade = data.get("grade")
    if not isinstance(grade, int) or not 1 <= grade <= 12:
        raise CurriculumError(f"{source} › grade: lớp phải là số nguyên từ 1 đến 12.")
    parsed = {
        "subject": {
            "code": code,
            "name": _text(subject.get("name"), f"{source} › subject.name"),
            "name_en": nfc(subject.get("name_en") or "").strip(),
        },
        "grade": grade,
        "textbook": nfc(data.get("textbook") or "").strip(),
        "topics": [],
    }
    for t, topic in enumerate(_list(data.get("topics"), f"{source} › topics"), start=1):
        where = f"{source} › chương thứ {t}"
        if not isinstance(topic, dict):
            raise CurriculumError(f"{where}: cần các khoá 'name' và 'lessons'.")
        lessons = []
        for b, lesson in enumerate(_list(topic.get("lessons"), f"{where} › lessons"), start=1):
            lwhere = f"{where} › bài thứ {b}"
            if not isinstance(lesson, dict):
                raise CurriculumError(f"{lwhere}: cần các khoá 'name' và 'outcomes'.")
            outcomes = [
                _text(o, f"{lwhere} › yêu cầu thứ {y}")
                for y, o in enumerate(lesson.get("outcomes") or [], start=1)
            ]
            lessons.append(
                {"name": _text(lesson.get("name"), f"{lwhere} › name"), "outcomes": outcomes}
            )
        parsed["topics"].append(
            {"name": _text(topic.get("name"), f"{where} › name"), "lessons": lessons}
        )
    return parsed


@transaction.atomic
def curriculum_load(*, data: dict) -> LoadResult:
    """Create or update one subject-grade of the curriculum from parsed data."""
    info = data["subject"]
    order = (
        SUBJECT_ORDER.index(info["code"]) if info["code"] in SUBJECT_ORDER else len(SUBJECT_ORDER)
    )
    subject, _ = Subject.objects.update_or_create(
        code=info["code"],
        defaults={"name": info["name"], "name_en": info["name_en"], "sort_order": order},
    )
    grade = data["grade"]
    prefix = f"{subject.code}-{grade}"
    counts = LoadResult(subject.code, grade, 0, 0, 0)
    kept_topics = []
    for t, topic_data in enumerate(data["topics"], start=1):
        topic, _ = Topic.objects.update_or_create(
            code=f"{prefix}-c{t:02d}",
            defaults={
                "subject": subject,
                "grade": grade,
                "name": topic_data["name"],
                "textbook": data["textbook"],
                "sort_order": t,
            },
        )
        kept_topics.append(topic.pk)
        counts.topics += 1
        kept_lessons = []
        for b, lesson_data in enumerate(topic_data["lessons"], start=1):
            lesson, _ = CurriculumLesson.objects.update_or_create(
                code=f"{topic.code}-b{b:02d}",
                defaults={"topic": topic, "name": lesson_data["name"], "sort_order": b},
            )
            kept_lessons.append(lesson.pk)
            counts.lessons += 1
            for y, text in enumerate(lesson_data["outcomes"], start=1):
                LearningOutcome.objects.update_or_create(
                    code=f"{lesson.code}-y{y}",
                    defaults={"lesson": lesson, "text": text, "sort_order": y},
                )
                counts.outcomes += 1
            lesson.outcomes.exclude(
                code__in=[f"{lesson.code}-y{y}" for y in range(1, len(lesson_data["outcomes"]) + 1)]
            ).delete()
        topic.lessons.exclude(pk__in=kept_lessons).delete()
    Topic.objects.filter(subject=subject, grade=grade).exclude(pk__in=kept_topics).delete()
    return counts


def curriculum_load_files(*, paths: list[Path] | None = None) -> list[LoadResult]:
    """Parse every file first, then load them all in one transaction."""
    paths = paths or sorted(DATA_DIR.glob("*.yaml"))
    parsed = [parse_curriculum(p.read_text(encoding="utf-8"), source=p.name) for p in paths]
    with transaction.atomic():
        return [curriculum_load(data=d) for d in parsed]
