"""The whole demo: people, then the question bank (and the online exam's paper assembled
from it), then the materials and the library.

Deterministic (seeded), idempotent: running it twice leaves one copy.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from curriculum.loader import curriculum_load_files
from demo.assignments import seed_teaching_term
from demo.exams import seed_exam_paper
from demo.materials import seed_content
from demo.packages import seed_packages
from demo.people import DEMO_PASSWORD, logins, people_exist, seed_people
from demo.questions import seed_question_bank
from demo.revision import seed_revision_history
from demo.surveys import seed_online_periods, seed_surveys


@dataclass
class DemoSummary:
    created: bool
    logins: list[tuple[str, str, str]]


def _no_progress(_step: str) -> None:
    return None


@transaction.atomic
def seed_demo(
    *,
    seed: int = 2025,
    questions: bool = True,
    progress: Callable[[str], None] = _no_progress,
) -> DemoSummary:
    """Create the demo dataset unless it already exists; return the logins to print.
    ``progress`` is told, in one short line, each step as it starts."""
    if people_exist():
        return DemoSummary(created=False, logins=logins())
    progress("Sở, Phòng, trường, lớp, giáo viên và học sinh…")
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    password_hash = make_password(DEMO_PASSWORD)  # hashed once for every demo account
    curriculum_load_files()
    seed_people(rng=rng, password_hash=password_hash)
    if questions:
        progress("Ngân hàng câu hỏi (gần 2.000 câu hỏi có lời giải) và một đề thi thử Toán 12…")
        seed_question_bank(seed=seed)
        seed_exam_paper(seed=seed)
        progress("Lịch sử ôn tập vài tuần của học sinh lớp 12 (bản đồ thành thạo, Ôn lại hôm nay)…")
        seed_revision_history(seed=seed)
    progress("Học liệu, bài giảng điện tử và thư viện điện tử…")
    seed_lessons(seed=seed, questions=questions)  # after the bank: pages embed its questions
    seed_packages()  # a SCORM 1.2 and an H5P package, placed in a grade-12 lesson
    progress(
        "Một học kỳ giao bài, bài làm, chấm bài và sổ điểm HK I của lớp giáo viên gv001.01; "
        "tiết dạy trực tuyến và khảo sát…"
    )
    seed_teaching_term(seed=seed)  # after the lessons and the bank: it gives them
    seed_online_periods(seed=seed)
    seed_surveys(seed=seed)
    return DemoSummary(created=True, logins=logins())


def seed_lessons(*, seed: int = 2025, questions: bool = True):
    """Publish the demo learning materials (hubs, lessons, e-lectures) and the library;
    see :func:`demo.materials.seed_content`. Returns its summary."""
    return seed_content(seed=seed, questions=questions)
