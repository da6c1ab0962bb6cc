"""Demo question banks: the generated questions of ``demo_questions`` saved as approved
questions in province-shared subject banks, a few drafts waiting for review, and one
confidential exam-board pool."""

from django.contrib.auth.models import Group

from accounts.models import Role, User
from question_bank.permissions import REVIEWER_GROUP
from curriculum.models import LearningOutcome, Subject, Topic
from question_bank import services
from demo.generator import demo_questions
from common.sharing import SharingScope
from question_bank.models import QuestionBank

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
    topics = {t.code: t for t in Topic.objects.select_related("subject")}
    outcomes = {o.code: o for o in LearningOutcome.objects.select_related("lesson__topic")}
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
    pool = None
    if board is not None:
        pool = services.bank_create(
            owner=board, name=CONFIDENTIAL_NAME, subject=subjects.get("toan"), confidential=True
        )
    groups = {g.key: g for g in bank_data.groups}
    stimuli: dict[tuple[int, str], object] = {}
    approved: dict[int, list] = {}
    submitted: dict[int, list] = {}
    counts: dict[str, int] = {}
    toan_seen = 0
    per_subject_submitted: dict[str, int] = {}
    for item in bank_data.questions:
        bank = banks.get(item.subject)
        if bank is None:
            continue
        if item.subject == "toan" and pool is not None and not item.question.group:
            toan_seen += 1
            if toan_seen % CONFIDENTIAL_EVERY == 0:
                bank = pool
        stimulus = None
        if item.question.group:
            key = (bank.pk, item.question.group)
            if key not in stimuli:
                stimuli[key] = services.stimulus_create(groups[item.question.group], bank=bank)
            stimulus = stimuli[key]
        question = services.question_build(
            item.question,
            bank=bank,
            author=bank.owner,
            stimulus=stimulus,
            topic=topics.get(item.topic),
            outcome=outcomes.get(item.outcome) if item.outcome else None,
            grade=item.grade,
            source="Bộ câu hỏi mẫu hoclieu (sinh tự động, có lời giải)",
        )
        question.licence = "CC-BY-4.0"
        waiting = per_subject_submitted.get(item.subject, 0)
        if bank is not pool and waiting < SUBMITTED_PER_SUBJECT and not item.question.group:
            per_subject_submitted[item.subject] = waiting + 1
            submitted.setdefault(bank.pk, []).append(question)
        else:
            approved.setdefault(bank.pk, []).append(question)
        counts[bank.name] = counts.get(bank.name, 0) + 1
    by_pk = {b.pk: b for b in [*banks.values(), *([pool] if pool else [])]}
    for pk, questions in approved.items():
        services.questions_bulk_save(questions, by_pk[pk].owner, approve=True)
    for pk, questions in submitted.items():
        services.questions_bulk_save(questions, by_pk[pk].owner, submit=True)
    return counts
