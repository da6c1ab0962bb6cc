"""Demo question banks: the generated questions of :mod:`demo.generator` saved as approved
questions in province-shared subject banks, a few drafts waiting for review, and one
confidential exam-board pool."""

from django.contrib.auth.models import Group

from accounts.models import Role, User
from common.sharing import SharingScope
from curriculum.models import LearningOutcome, Subject, Topic
from demo.generator import DemoQuestion, demo_questions
from question_bank import services
from question_bank.models import QuestionBank
from question_bank.permissions import REVIEWER_GROUP

BANK_NAMES = {
    "toan": "Ngân hàng câu hỏi Toán THPT",
    "vat-ly": "Ngân hàng câu hỏi Vật lí THPT",
    "hoa-hoc": "Ngân hàng câu hỏi Hoá học THPT",
    "tieng-anh": "Ngân hàng câu hỏi Tiếng Anh THPT",
    "lich-su": "Ngân hàng câu hỏi Lịch sử THPT",
}
CONFIDENTIAL_NAME = "Kho đề thi thử tốt nghiệp THPT 2026 (bảo mật)"
SUBMITTED_PER_SUBJECT = 6  # left waiting for the subject group, to show the review workflow
CONFIDENTIAL_EVERY = 25  # every 25th Toán question goes to the exam board's pool
SOURCE = "Bộ câu hỏi mẫu hoclieu (sinh tự động, có lời giải)"


def seed_question_bank(*, seed: int = 2025) -> dict[str, int]:
    """Create the demo banks once; returns how many questions each bank received."""
    if QuestionBank.objects.filter(name__in=BANK_NAMES.values()).exists():
        return {}
    teachers = list(
        User.objects.filter(role=Role.TEACHER, school__isnull=False).order_by("pk")[:12]
    )
    board = User.objects.filter(role=Role.EXAM_BOARD).order_by("pk").first()
    if not teachers:
        return {}
    reviewers = Group.objects.get(name=REVIEWER_GROUP)
    for leader in teachers[:3]:
        leader.groups.add(reviewers)
    bank_data = demo_questions(seed=seed)
    banks = _banks(teachers)
    pool = None
    if board is not None:
        pool = services.bank_create(
            owner=board,
            name=CONFIDENTIAL_NAME,
            subject=Subject.objects.filter(code="toan").first(),
            confidential=True,
        )
    filler = _Filler(banks, pool, groups={g.key: g for g in bank_data.groups})
    for item in bank_data.questions:
        filler.add(item)
    by_pk = {b.pk: b for b in [*banks.values(), *([pool] if pool else [])]}
    for pk, questions in filler.approved.items():
        services.questions_bulk_save(questions=questions, user=by_pk[pk].owner, approve=True)
    for pk, questions in filler.submitted.items():
        services.questions_bulk_save(questions=questions, user=by_pk[pk].owner, submit=True)
    return filler.counts


def _banks(teachers: list[User]) -> dict[str, QuestionBank]:
    """One province-shared bank per subject, owned by a teacher, four others members."""
    subjects = {s.code: s for s in Subject.objects.all()}
    banks: dict[str, QuestionBank] = {}
    for i, (code, name) in enumerate(BANK_NAMES.items()):
        owner = teachers[i % len(teachers)]
        banks[code] = services.bank_create(
            owner=owner,
            name=name,
            subject=subjects.get(code),
            scope=SharingScope.PROVINCE,
            members=[t for t in teachers if t != owner][:4],
            description="Câu hỏi mẫu theo chương trình GDPT 2018, định dạng thi từ năm 2025.",
        )
    return banks


class _Filler:
    """Sorts the generated questions into banks: every :data:`CONFIDENTIAL_EVERY`-th
    ungrouped Toán question into the exam board's pool, the first
    :data:`SUBMITTED_PER_SUBJECT` ungrouped ones of each subject left submitted, the rest
    approved; the questions of a group share one stimulus per bank."""

    def __init__(self, banks: dict, pool, *, groups: dict):
        self.banks, self.pool, self.groups = banks, pool, groups
        self.topics = {t.code: t for t in Topic.objects.select_related("subject")}
        self.outcomes = {o.code: o for o in LearningOutcome.objects.select_related("lesson__topic")}
        self.stimuli: dict[tuple[int, str], object] = {}
        self.approved: dict[int, list] = {}
        self.submitted: dict[int, list] = {}
        self.counts: dict[str, int] = {}
        self.toan_seen = 0
        self.per_subject_submitted: dict[str, int] = {}

    def add(self, item: DemoQuestion) -> None:
        bank = self._bank(item)
        if bank is None:
            return
        question = services.question_build(
            parsed=item.question,
            bank=bank,
            author=bank.owner,
            stimulus=self._stimulus(item, bank),
            topic=self.topics.get(item.topic),
            outcome=self.outcomes.get(item.outcome) if item.outcome else None,
            grade=item.grade,
            source=SOURCE,
        )
        question.licence = "CC-BY-4.0"
        waiting = self.per_subject_submitted.get(item.subject, 0)
        if bank is not self.pool and waiting < SUBMITTED_PER_SUBJECT and not item.question.group:
            self.per_subject_submitted[item.subject] = waiting + 1
            self.submitted.setdefault(bank.pk, []).append(question)
        else:
            self.approved.setdefault(bank.pk, []).append(question)
        self.counts[bank.name] = self.counts.get(bank.name, 0) + 1

    def _bank(self, item: DemoQuestion) -> QuestionBank | None:
        bank = self.banks.get(item.subject)
        if bank is None:
            return None
        if item.subject == "toan" and self.pool is not None and not item.question.group:
            self.toan_seen += 1
            if self.toan_seen % CONFIDENTIAL_EVERY == 0:
                return self.pool
        return bank

    def _stimulus(self, item: DemoQuestion, bank: QuestionBank):
        if not item.question.group:
            return None
        key = (bank.pk, item.question.group)
        if key not in self.stimuli:
            self.stimuli[key] = services.stimulus_create(
                group=self.groups[item.question.group], bank=bank
            )
        return self.stimuli[key]
