"""Matrices, papers and practice sets: the writes, with their permission checks.

Nothing is written unless the whole assembly succeeds: the solver runs first, and papers,
their pinned items and their versions (mã đề) are created in one transaction.
"""

import secrets
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions as accounts_permissions
from question_bank import audit, permissions
from question_bank.assembly.matrix import TEMPLATES, cell_label, matrix_problems
from question_bank.assembly.models import ExamMatrix, MatrixCell, Paper, PaperItem, PaperVariant
from question_bank.assembly.paper import (
    PART_ESSAY,
    PART_MC,
    PART_SHORT,
    PART_TF,
    AssembledPaper,
    PaperHeader,
    PaperVersion,
    VersionItem,
)
from question_bank.assembly.shuffle import answer_key, parse_codes, permuted, shuffle_layout
from question_bank.assembly.solver import AssemblyInfeasible, Candidate, Cell, assemble
from question_bank.formats.base import QType
from question_bank.models import CognitiveScale, Question, QuestionVersion, Status

#: Which question types can fill a part when the question itself names no part.
PART_QTYPES = {
    PART_MC: [QType.SINGLE_CHOICE],
    PART_TF: [QType.TRUE_FALSE],
    PART_SHORT: [QType.SHORT_NUMERIC],
    PART_ESSAY: [QType.ESSAY],
}


class MatrixInvalid(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class AssemblyOptions:
    forms: int = 1  # parallel forms (different questions)
    versions: int = 1  # shuffled versions (mã đề) per form
    codes: str = ""  # "034-036", "111,222,333"; empty: 0101, 0102… (form, version)
    seed: int | None = None
    school_id: int | None = None
    avoid_recent: int = 0  # skip questions used in the school's last N exams
    max_overlap: int = 0  # questions two forms may share
    shuffle_questions: bool = True
    shuffle_options: bool = True
    shuffle_statements: bool = True
    time_limit: float = 8.0


def matrix_create_from_template(
    *, user, template: str, subject, grade: int, title: str = "", banks=None
) -> ExamMatrix:
    """A matrix (with its cells) from one of the official templates, owned by ``user``."""
    if not permissions.can_assemble(user):
        raise PermissionDenied(_("Bạn không được ghép đề."))
    if banks and permissions.visible_banks(user).filter(
        pk__in=[b.pk for b in banks]
    ).count() != len({b.pk for b in banks}):
        raise PermissionDenied(_("Ma trận chỉ lấy câu hỏi từ ngân hàng bạn được xem."))
    spec = TEMPLATES[template]
    scale = CognitiveScale.objects.filter(is_default=True).first() or CognitiveScale.objects.first()
    levels = {lv.code: lv for lv in scale.levels.all()}
    with transaction.atomic():
        matrix = ExamMatrix(
            title=title or f"{spec.name} – {subject.name} {grade}",
            template=spec.code,
            subject=subject,
            grade=grade,
            duration_minutes=spec.duration,
            expected_counts={str(p): n for p, n in spec.counts.items()},
            scale=scale,
            created_by=user,
            **{ExamMatrix.POINT_FIELDS[p]: value for p, value in spec.points.items()},
        )
        matrix.save()
        if banks:
            matrix.banks.set(banks)
        order = 0
        for part, level_counts in spec.levels.items():
            for code, count in level_counts:
                MatrixCell.objects.create(
                    matrix=matrix, part=part, level=levels.get(code), count=count, sort_order=order
                )
                order += 1
        audit.log_entry(matrix, "wagtail.create", user=user)
    return matrix


def matrix_delete(*, user, matrix: ExamMatrix) -> None:
    """Delete a matrix: its creator only (papers keep their pinned questions)."""
    if not permissions.can_edit_matrix(user, matrix):
        raise PermissionDenied(_("Chỉ người tạo được xoá ma trận này."))
    with transaction.atomic():
        audit.log_entry(matrix, "wagtail.delete", user=user)
        matrix.delete()


def _cell_questions(matrix: ExamMatrix, user, cell: MatrixCell):
    qs = permissions.visible_questions(user).filter(
        status=Status.APPROVED, live=True, subject_id=matrix.subject_id, grade=matrix.grade
    )
    bank_ids = list(matrix.banks.values_list("pk", flat=True))
    if bank_ids:
        qs = qs.filter(bank__in=bank_ids)
    part_rule = Q(part=cell.part) | Q(part__isnull=True, qtype__in=PART_QTYPES[cell.part])
    if cell.part == PART_ESSAY:
        part_rule = Q(qtype=QType.ESSAY)
    qs = qs.filter(part_rule)
    if cell.level_id:
        qs = qs.filter(level_id=cell.level_id)
    if cell.topic_id:
        qs = qs.filter(topic_id=cell.topic_id)
    if cell.outcome_id:
        qs = qs.filter(outcome_id=cell.outcome_id)
    return qs


def _before(as_of):
    return Q(created_at__lt=as_of) if as_of else Q()


def recent_exam_questions(*, school_id: int | None, last: int, as_of=None) -> set[int]:
    """Questions used in the school's last ``last`` exam papers (parallel forms count once)."""
    if not school_id or last <= 0:
        return set()
    recent = list(
        Paper.objects.filter(_before(as_of), school_id=school_id, kind=Paper.Kind.EXAM)
        .order_by("-created_at", "-pk")
        .values_list("pk", "form_set")
    )
    picked, sets = [], set()
    for pk, form_set in recent:
        key = form_set or f"paper-{pk}"
        if key not in sets:
            if len(sets) == last:
                continue
            sets.add(key)
        picked.append(pk)
    return set(
        PaperItem.objects.filter(paper__in=picked).values_list("version__question_id", flat=True)
    )


def solver_inputs(matrix: ExamMatrix, user, *, exclude: set[int] = frozenset(), as_of=None):
    """The solver's cells and candidates for a matrix, from what ``user`` may use.

    ``as_of`` replays an earlier assembly: only versions approved and papers made before
    that moment count, so a stored paper can be regenerated identically from its seed.
    """
    approved_then = (
        set(
            QuestionVersion.objects.filter(created_at__lte=as_of).values_list(
                "question_id", flat=True
            )
        )
        if as_of
        else None
    )
    cells: list[Cell] = []
    ids: set[int] = set()
    for cell in matrix.cells.select_related("topic", "outcome", "level").order_by(
        "sort_order", "pk"
    ):
        if not cell.count:
            continue
        found = [
            pk
            for pk in _cell_questions(matrix, user, cell).values_list("pk", flat=True)
            if pk not in exclude and (approved_then is None or pk in approved_then)
        ]
        cells.append(Cell(key=cell.key, label=cell_label(cell), count=cell.count, candidates=found))
        ids.update(found)
    exposure = dict(
        PaperItem.objects.filter(
            Q(paper__created_at__lt=as_of) if as_of else Q(), version__question_id__in=ids
        )
        .values_list("version__question_id")
        .annotate(n=Count("paper", distinct=True))
    )
    candidates = {
        row["pk"]: Candidate(
            id=row["pk"],
            difficulty=row["difficulty"],
            exposure=exposure.get(row["pk"], 0),
            enemy=row["fingerprint"] or "",
        )
        for row in Question.objects.filter(pk__in=ids).values("pk", "difficulty", "fingerprint")
    }
    return candidates, cells


def latest_versions(question_ids, as_of=None) -> dict[int, QuestionVersion]:
    """The latest approved version of each question (as of a moment, when given)."""
    return _latest_versions(question_ids, as_of)


def _latest_versions(question_ids, as_of=None) -> dict[int, QuestionVersion]:
    latest = (
        QuestionVersion.objects.filter(
            Q(created_at__lte=as_of) if as_of else Q(), question_id__in=question_ids
        )
        .values("question_id")
        .annotate(n=Max("number"))
    )
    wanted = Q(pk__in=[])
    for row in latest:
        wanted |= Q(question_id=row["question_id"], number=row["n"])
    return {v.question_id: v for v in QuestionVersion.objects.filter(wanted)}


def _codes_for(options: AssemblyOptions) -> list[list[str]]:
    if options.forms == 1:
        return [parse_codes(options.codes, options.versions)]
    total = options.forms * options.versions
    if options.codes.strip():
        flat = parse_codes(options.codes, total)
        return [
            flat[k * options.versions : (k + 1) * options.versions] for k in range(options.forms)
        ]
    return [
        [f"{k:02d}{v:02d}" for v in range(1, options.versions + 1)]
        for k in range(1, options.forms + 1)
    ]


def _paper_options(options: AssemblyOptions, result) -> dict:
    """What a paper keeps of its assembly, to regenerate it (``papers_regenerate``)."""
    return {
        "forms": options.forms,
        "versions": options.versions,
        "codes": options.codes,
        "avoid_recent": options.avoid_recent,
        "max_overlap": options.max_overlap,
        "shuffle_questions": options.shuffle_questions,
        "shuffle_options": options.shuffle_options,
        "shuffle_statements": options.shuffle_statements,
        "target_difficulty": result.target_difficulty,
    }


def _solve(*, user, matrix: ExamMatrix, options: AssemblyOptions, seed: int, as_of):
    """The solver's forms and the approved version of each question they use."""
    exclude = recent_exam_questions(
        school_id=options.school_id, last=options.avoid_recent, as_of=as_of
    )
    candidates, cells = solver_inputs(matrix, user, exclude=exclude, as_of=as_of)
    result = assemble(
        candidates,
        cells,
        forms=options.forms,
        seed=seed,
        target_difficulty=matrix.target_difficulty,
        max_overlap=options.max_overlap,
        time_limit=options.time_limit,
    )
    versions = _latest_versions({i for form in result.forms for _key, i in form}, as_of)
    missing = [i for form in result.forms for _key, i in form if i not in versions]
    if missing:
        raise AssemblyInfeasible(
            _("Câu hỏi %(ids)s đã duyệt nhưng chưa có phiên bản; hãy duyệt lại.")
            % {"ids": ", ".join(map(str, sorted(set(missing))))}
        )
    return result, versions


def _paper_items(paper: Paper, form, cell_info: dict, versions: dict) -> list[PaperItem]:
    """The paper's pinned questions, part by part in the solver's order."""
    ordered = sorted(enumerate(form), key=lambda pair: (cell_info[pair[1][0]].part, pair[0]))
    items = []
    for position, (_n, (key, qid)) in enumerate(ordered, 1):
        cell = cell_info[key]
        items.append(
            PaperItem(
                paper=paper,
                version=versions[qid],
                position=position,
                part=cell.part,
                cell=key,
                points=cell.points_each(),
            )
        )
    PaperItem.objects.bulk_create(items)
    return items


def papers_assemble(
    *, user, matrix: ExamMatrix, options: AssemblyOptions, header=None, as_of=None
) -> list[Paper]:
    """Assemble ``options.forms`` papers for the matrix, each with its shuffled versions.

    Raises :class:`MatrixInvalid` or :class:`AssemblyInfeasible` (with the short cells) and
    writes nothing in that case. Each paper is logged (``question_bank.paper.assemble``).
    """
    if not permissions.can_edit_matrix(user, matrix):
        raise PermissionDenied(_("Bạn không được ghép đề từ ma trận này."))
    problems = matrix_problems(matrix)
    if problems:
        raise MatrixInvalid(problems)
    codes = _codes_for(options)
    seed = options.seed if options.seed is not None else secrets.randbelow(2**31)
    result, versions = _solve(user=user, matrix=matrix, options=options, seed=seed, as_of=as_of)
    cell_info = {c.key: c for c in matrix.cells.all()}
    base_header = {
        "subject": matrix.subject.name,
        "duration_minutes": matrix.duration_minutes,
        **(header or {}),
    }
    form_set = uuid.uuid4().hex if options.forms > 1 else ""
    papers = []
    with transaction.atomic():
        for k, form in enumerate(result.forms):
            paper = Paper.objects.create(
                title=matrix.title if options.forms == 1 else f"{matrix.title} – đề {k + 1}",
                kind=Paper.Kind.EXAM,
                matrix=matrix,
                school_id=options.school_id,
                created_by=user,
                seed=seed,
                confidential=matrix.confidential,
                form_set=form_set,
                form_number=k + 1,
                header=base_header,
                options={
                    **_paper_options(options, result),
                    "mean_difficulty": result.mean_difficulty[k],
                },
            )
            items = _paper_items(paper, form, cell_info, versions)
            _create_variants(paper, items, codes[k], seed + k, options)
            papers.append(paper)
        audit.log_entries(
            papers, "question_bank.paper.assemble", user=user, data={"matrix": matrix.pk}
        )
    return papers


def papers_regenerate(*, user, paper: Paper) -> list[Paper]:
    """The same papers again from a stored paper's matrix, seed and options."""
    if paper.matrix is None or not permissions.can_view_paper(user, paper):
        raise PermissionDenied(_("Bạn không được tạo lại đề này."))
    opts = paper.options or {}
    fields = AssemblyOptions.__dataclass_fields__
    options = AssemblyOptions(
        **{k: v for k, v in opts.items() if k in fields},
        seed=paper.seed,
        school_id=paper.school_id,
    )
    return papers_assemble(
        user=user, matrix=paper.matrix, options=options, header=paper.header, as_of=paper.created_at
    )


def _create_variants(paper, items, codes, seed, options: AssemblyOptions) -> None:
    source = [{"position": it.position, "part": it.part, "data": it.version.data} for it in items]
    PaperVariant.objects.bulk_create(
        PaperVariant(
            paper=paper,
            code=code,
            position=n,
            layout=shuffle_layout(
                source,
                seed=seed,
                code=code,
                shuffle_questions=options.shuffle_questions,
                shuffle_options=options.shuffle_options,
                shuffle_statements=options.shuffle_statements,
            ),
        )
        for n, code in enumerate(codes)
    )


def _practice_pool(*, user, subject, grade: int, topic, outcome, level, qtypes):
    """The practice candidates (approved questions of non-confidential banks ``user`` sees)
    and the label of the set."""
    qs = practice_pool(
        user=user,
        subject=subject,
        grade=grade,
        topic=topic,
        outcome=outcome,
        level=level,
        qtypes=qtypes,
    )
    bits = [subject.name, str(grade)]
    if topic is not None:
        bits.append(topic.name)
    if level is not None:
        bits.append(level.name)
    return list(qs.values("pk", "difficulty", "fingerprint", "part", "qtype")), " · ".join(bits)


def practice_pool(*, user, subject, grade: int, topic=None, outcome=None, level=None, qtypes=None):
    """The questions a practice set for ``user`` may draw (approved, live, of
    non-confidential banks shared with them: ``permissions.practice_questions``), narrowed
    to a subject and grade and, when given, a topic, a learning outcome, a level and types."""
    qs = permissions.practice_questions(user).filter(subject=subject, grade=grade)
    if topic is not None:
        qs = qs.filter(topic=topic)
    if outcome is not None:
        qs = qs.filter(outcome=outcome)
    if level is not None:
        qs = qs.filter(level=level)
    if qtypes:
        qs = qs.filter(qtype__in=qtypes)
    return qs


def practice_set_create(
    *,
    user,
    subject,
    grade: int,
    count: int,
    topic=None,
    outcome=None,
    level=None,
    qtypes: list[str] | None = None,
    seed: int | None = None,
    title: str = "",
) -> Paper:
    """A practice set from approved questions of non-confidential banks the user can see."""
    if not accounts_permissions.is_active(user):
        raise PermissionDenied(_("Hãy đăng nhập để tạo bài luyện tập."))
    rows, label = _practice_pool(
        user=user,
        subject=subject,
        grade=grade,
        topic=topic,
        outcome=outcome,
        level=level,
        qtypes=qtypes,
    )
    cell = Cell(key="practice", label=label, count=count, candidates=[r["pk"] for r in rows])
    candidates = {
        r["pk"]: Candidate(id=r["pk"], difficulty=r["difficulty"], enemy=r["fingerprint"] or "")
        for r in rows
    }
    seed = seed if seed is not None else secrets.randbelow(2**31)
    result = assemble(candidates, [cell], forms=1, seed=seed, time_limit=2.0)
    chosen = [qid for _key, qid in result.forms[0]]
    return practice_paper_create(
        user=user,
        question_ids=chosen,
        subject=subject,
        title=title or _("Luyện tập: %(label)s") % {"label": label},
        seed=seed,
    )


def points_2025(subject_code: str) -> dict[int, Decimal]:
    """Points per question by part as the 2025 graduation paper of the subject gives them
    (Toán: 0,25 / 1 / 0,5; Vật lí, Hoá học, Sinh học: 0,25 / 1 / 0,25; Lịch sử, Tiếng Anh…:
    0,25 / 1), so practice feedback speaks in real exam points; 1 for other parts."""
    code = subject_code or ""
    for template in TEMPLATES.values():
        if template.code.startswith("thpt2025") and code in template.subjects:
            return dict(template.points)
    return {PART_MC: Decimal("0.25"), PART_TF: Decimal(1), PART_SHORT: Decimal("0.5")}


def practice_paper_create(
    *, user, question_ids: list[int], subject, title: str, seed: int | None = None, header=None
) -> Paper:
    """A practice paper of exactly these questions (their latest approved versions), in
    part order and otherwise in the given order, for ``user`` to take. Every question must
    be one ``user`` may practise (``permissions.practice_questions``); ``header`` adds marks
    to the paper's header (``{"revision": "review"}`` for a day's review queue)."""
    if not accounts_permissions.is_active(user):
        raise PermissionDenied(_("Hãy đăng nhập để tạo bài luyện tập."))
    rows = {
        r["pk"]: r
        for r in permissions.practice_questions(user)
        .filter(pk__in=question_ids)
        .values("pk", "part", "qtype")
    }
    if len(rows) != len(set(question_ids)):
        raise PermissionDenied(_("Bài luyện tập chỉ gồm câu hỏi bạn được luyện."))
    versions = _latest_versions(list(rows))
    part_of = {pk: _part_of(row) for pk, row in rows.items()}
    points = points_2025(getattr(subject, "code", ""))
    seed = seed if seed is not None else secrets.randbelow(2**31)
    with transaction.atomic():
        paper = Paper.objects.create(
            title=title,
            kind=Paper.Kind.PRACTICE,
            created_by=user,
            seed=seed,
            school_id=user.school_id,
            header={
                "subject": subject.name,
                "exam_title": "BÀI LUYỆN TẬP",
                "official": False,
                **(header or {}),
            },
        )
        items = [
            PaperItem(
                paper=paper,
                version=versions[qid],
                position=n,
                part=part_of[qid],
                points=points.get(part_of[qid], Decimal(1)),
            )
            for n, qid in enumerate(sorted(question_ids, key=part_of.get), 1)  # stable
            if qid in versions
        ]
        PaperItem.objects.bulk_create(items)
        _create_variants(paper, items, ["LT01"], seed, AssemblyOptions(shuffle_questions=False))
        audit.log_entry(paper, "question_bank.paper.practice", user=user)
    return paper


def _part_of(row) -> int:
    if row["part"]:
        return row["part"]
    for part, qtypes in PART_QTYPES.items():
        if row["qtype"] in qtypes:
            return part
    return PART_ESSAY


@transaction.atomic
def paper_release(*, user, paper: Paper) -> Paper:
    """Release a (confidential) paper to its school: its author only."""
    if not permissions.can_release_paper(user, paper):
        raise PermissionDenied(_("Chỉ người tạo được công bố đề này."))
    paper.released_at = timezone.now()
    paper.save(update_fields=["released_at"])
    audit.log_entry(paper, "question_bank.paper.release", user=user)
    return paper


def paper_assembled(paper: Paper) -> AssembledPaper:
    """The renderers' view of a stored paper: its versions with pinned, permuted questions."""
    items = {it.position: it for it in paper.items.select_related("version")}
    fields = PaperHeader.__dataclass_fields__
    header = PaperHeader(**{k: v for k, v in (paper.header or {}).items() if k in fields})
    versions = []
    for variant in paper.variants.all():
        numbers: dict[int, int] = {}
        out = []
        for entry in variant.layout:
            item = items[entry["item"]]
            data = permuted(item.version.data, entry["order"])
            numbers[item.part] = numbers.get(item.part, 0) + 1
            out.append(
                VersionItem(
                    part=item.part,
                    number=numbers[item.part],
                    question_id=item.version.question_id,
                    version_id=item.version_id,
                    data=data,
                    choice_order=entry["order"],
                    points=float(item.points or 0),
                    key=answer_key(data, item.part),
                )
            )
        versions.append(PaperVersion(code=variant.code, items=out))
    total = sum((it.points or Decimal(0) for it in items.values()), Decimal(0))
    return AssembledPaper(
        title=paper.title, header=header, versions=versions, total_points=float(total)
    )
