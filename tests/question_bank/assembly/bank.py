"""A Toán 12 bank of approved questions for assembly tests, saved through the bulk service."""

import random

from django.db import transaction

from curriculum.models import Subject
from question_bank import services
from question_bank.formats.base import Choice, ParsedQuestion, QType
from tests.question_bank.factories import make_bank

LEVELS = {1: ("biet", "hieu"), 2: ("hieu", "van_dung"), 3: ("hieu", "van_dung")}


def _parsed(part: int, level: str, n: int, rng: random.Random) -> ParsedQuestion:
    difficulty = round(rng.uniform(0.15, 0.95), 2)
    if part == 1:
        key = rng.randrange(4)
        return ParsedQuestion(
            qtype=QType.SINGLE_CHOICE,
            stem=f"<p>Câu hỏi số {n}: giá trị của \\(x^2 + {n}\\) khi \\(x = 1\\) là</p>",
            choices=[Choice(text=str(n + 1 + (i - key)), correct=i == key) for i in range(4)],
            level=level,
            part=1,
            difficulty=difficulty,
        )
    if part == 2:
        return ParsedQuestion(
            qtype=QType.TRUE_FALSE,
            stem=f"<p>Cho hàm số \\(f(x) = x^3 - {n}x\\). Xét tính đúng sai của các mệnh đề.</p>",
            choices=[
                Choice(text=f"<p>Mệnh đề {s} của câu {n}.</p>", correct=rng.random() < 0.5)
                for s in "abcd"
            ],
            level=level,
            part=2,
            difficulty=difficulty,
        )
    return ParsedQuestion(
        qtype=QType.SHORT_NUMERIC,
        stem=f"<p>Tính giá trị biểu thức số {n} (làm tròn đến hàng phần mười).</p>",
        numeric_answer=f"{n % 97},{n % 10}" if n % 3 else str(-(n % 50)),
        level=level,
        part=3,
        difficulty=difficulty,
    )


def toan_bank(owner, counts: dict[tuple[int, str], int], *, seed: int = 1, **bank_kwargs):
    """``counts[(part, level)]`` approved Toán 12 questions with difficulty values."""
    rng = random.Random(seed)
    subject, _ = Subject.objects.get_or_create(code="toan", defaults={"name": "Toán"})
    bank = make_bank(owner, subject=subject, **bank_kwargs)
    lookup = services.Lookup(bank)
    built = []
    n = 0
    for (part, level), count in counts.items():
        for _i in range(count):
            n += 1
            built.append(
                services.question_build(
                    parsed=_parsed(part, level, n, rng),
                    bank=bank,
                    author=owner,
                    lookup=lookup,
                    subject=subject,
                    grade=12,
                )
            )
    with transaction.atomic():
        services.questions_bulk_save(questions=built, user=owner, approve=True, index=False)
    return bank, subject
