"""Mock exams (thi thử): a full paper in a 2025 format, drawn for one learner on demand.

The paper follows a matrix template (:data:`question_bank.assembly.matrix.TEMPLATES`): its
parts, the count of each cognitive level in each part and the points of a question in each
part. Questions come from the learner's practice pool
(:func:`question_bank.permissions.practice_questions`: approved, live questions of
non-confidential banks shared with the learner's school, district or province) of one
subject and grade, and the CP-SAT solver (:func:`~question_bank.assembly.solver.assemble`)
picks them with a fresh seed each time, so every attempt gets a new form.

Rules, in order:

* A part that the pool cannot fill at all (fewer questions of the part's type than it
  needs) makes the paper impossible: :class:`AssemblyInfeasible` names the part in
  Vietnamese and nothing is written.
* A level cell (``Phần I · Biết``) the pool cannot fill takes what it has; the rest of the
  part is filled from the part's other questions (any level), and the paper's header says
  so (``mock_notes``), so the report can tell the learner the form is not exactly 2025's.
* Questions the learner answered in earlier mocks (``avoid``, worked out by the caller,
  which knows the attempts) are left out of a cell whenever the cell can be filled without
  them; when it cannot, they stay in but count as exposed, so the solver still prefers
  fresh ones. If avoiding them makes the whole form impossible, the form is drawn again
  without avoiding anything.

The paper is a :attr:`Paper.Kind.PRACTICE` paper created by the learner (what
:func:`lms.permissions.can_create_session` lets a learner make a session of); its header's
``mock`` key names the template, which is how a mock paper is told apart.

Reused from :mod:`question_bank.assembly.services` by import (not copied): ``_part_of``,
``_latest_versions``, ``_create_variants`` and :class:`AssemblyOptions`.
"""

import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions as accounts_permissions
from question_bank import audit, permissions
from question_bank.assembly.matrix import PART_NAMES, TEMPLATES, Template
from question_bank.assembly.models import Paper, PaperItem
from question_bank.assembly.services import (
    AssemblyOptions,
    _create_variants,
    _latest_versions,
    _part_of,
)
from question_bank.assembly.solver import (
    AssemblyInfeasible,
    Candidate,
    Cell,
    Shortage,
    assemble,
)

#: The mock exams the platform offers: subject code → template code (issue 19: Toán, Vật lí,
#: Hoá học, Lịch sử, Tiếng Anh).
MOCK_TEMPLATES = {
    "toan": "thpt2025-toan",
    "vat-ly": "thpt2025-khtn",
    "hoa-hoc": "thpt2025-khtn",
    "lich-su": "thpt2025-lich-su",
    "tieng-anh": "thpt2025-tieng-anh",
}
LEVEL_NAMES = {
    "biet": gettext_lazy("Biết"),
    "hieu": gettext_lazy("Hiểu"),
    "van_dung": gettext_lazy("Vận dụng"),
}
#: The version code of a mock paper's only version.
MOCK_CODE = "TT01"
#: Seconds of search the solver may spend on a mock form.
TIME_LIMIT = 3.0


def mock_template(subject) -> Template | None:
    """The template of the subject's mock exam, if the platform offers one."""
    code = MOCK_TEMPLATES.get(subject.code)
    return TEMPLATES[code] if code else None


def _level_name(code: str | None) -> str:
    return str(LEVEL_NAMES.get(code or "", code or _("chưa gắn mức độ")))


def mock_pool(*, user, subject, grade: int):
    """The questions a mock of ``subject`` and ``grade`` may draw for ``user``."""
    return permissions.practice_questions(user).filter(subject=subject, grade=grade)


def _part_shortages(template: Template, have: dict[int, int], label: str) -> list[Shortage]:
    """Parts whose pool holds fewer questions than the part needs (``have``: per part)."""
    shortages = []
    for part, need in sorted(template.counts.items()):
        if have.get(part, 0) < need:
            cell = Cell(
                key=f"p{part}", label=f"{PART_NAMES[part]} · {label}", count=need, candidates=[]
            )
            shortages.append(Shortage(cell=cell, needed=need, available=have.get(part, 0)))
    return shortages


def mock_problems(*, user, subject, grade: int, template: Template) -> list[str]:
    """Why the pool cannot make a mock of ``template`` (Vietnamese), empty when it can as far
    as counts tell: one grouped query, cheap enough for a list of subjects."""
    have: dict[int, int] = {}
    rows = (
        mock_pool(user=user, subject=subject, grade=grade)
        .values("part", "qtype")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        part = _part_of(row)
        have[part] = have.get(part, 0) + row["n"]
    label = _("%(subject)s lớp %(grade)d") % {"subject": subject.name, "grade": grade}
    return [s.message() for s in _part_shortages(template, have, label)]


@dataclass
class MockPlan:
    """The solver's input for one mock form, and the notes for the paper's header."""

    cells: list[Cell] = field(default_factory=list)
    candidates: dict[int, Candidate] = field(default_factory=dict)
    parts: dict[str, int] = field(default_factory=dict)  # cell key → part
    notes: list[str] = field(default_factory=list)


def _ids(rows: list[dict], avoid: set[int], count: int) -> list[int]:
    """The cell's candidates: the fresh ones when they are enough, else all of them."""
    fresh = [r["pk"] for r in rows if r["pk"] not in avoid]
    return fresh if len(fresh) >= count else [r["pk"] for r in rows]


def _plan_part(plan: MockPlan, part: int, levels, rows: list[dict], avoid: set[int]) -> None:
    short = 0
    for code, count in levels:
        level_rows = [r for r in rows if r["level__code"] == code]
        take = min(count, len(level_rows))
        if take < count:
            short += count - take
            plan.notes.append(
                _(
                    "%(part)s: ngân hàng chỉ có %(have)d/%(need)d câu mức %(level)s; "
                    "%(missing)d câu được lấy ở mức độ khác."
                )
                % {
                    "part": PART_NAMES[part],
                    "have": take,
                    "need": count,
                    "level": _level_name(code),
                    "missing": count - take,
                }
            )
        if take:
            key = f"p{part}-{code}"
            plan.parts[key] = part
            plan.cells.append(
                Cell(
                    key=key,
                    label=f"{PART_NAMES[part]} · {_level_name(code)}",
                    count=take,
                    candidates=_ids(level_rows, avoid, take),
                )
            )
    if short:
        key = f"p{part}-khac"
        plan.parts[key] = part
        plan.cells.append(
            Cell(
                key=key,
                label=_("%(part)s · mức độ khác") % {"part": PART_NAMES[part]},
                count=short,
                candidates=_ids(rows, avoid, sum(n for _code, n in levels)),
            )
        )


def mock_plan(rows: list[dict], template: Template, *, label: str, avoid=frozenset()) -> MockPlan:
    """The cells of a mock form from the pool's ``rows`` (``pk``, ``part``, ``qtype``,
    ``level__code``, ``difficulty``, ``fingerprint``). Raises :class:`AssemblyInfeasible`
    naming every part the pool cannot fill."""
    avoid = set(avoid)
    by_part: dict[int, list[dict]] = {}
    for row in rows:
        by_part.setdefault(_part_of(row), []).append(row)
    shortages = _part_shortages(template, {p: len(r) for p, r in by_part.items()}, label)
    if shortages:
        raise AssemblyInfeasible(
            _("Ngân hàng chưa đủ câu hỏi cho đề thi thử %(subject)s.") % {"subject": label},
            shortages=shortages,
        )
    plan = MockPlan()
    for part, levels in sorted(template.levels.items()):
        _plan_part(plan, part, levels, by_part[part], avoid)
    plan.candidates = {
        r["pk"]: Candidate(
            id=r["pk"],
            difficulty=r["difficulty"],
            exposure=1 if r["pk"] in avoid else 0,
            enemy=r["fingerprint"] or "",
        )
        for part_rows in by_part.values()
        for r in part_rows
    }
    return plan


def _solve(rows, template: Template, *, label: str, avoid, seed: int):
    """(plan, chosen (cell key, question id) pairs): avoiding ``avoid`` when possible."""
    plan = mock_plan(rows, template, label=label, avoid=avoid)
    try:
        result = assemble(plan.candidates, plan.cells, seed=seed, time_limit=TIME_LIMIT)
    except AssemblyInfeasible:
        if not avoid:
            raise
        plan = mock_plan(rows, template, label=label)
        result = assemble(plan.candidates, plan.cells, seed=seed, time_limit=TIME_LIMIT)
    return plan, result.forms[0]


def mock_paper_create(
    *, user, subject, grade: int, template: str, avoid=frozenset(), seed: int | None = None
) -> Paper:
    """A fresh mock paper of ``template`` for ``user`` (see the module's rules). Raises
    :class:`AssemblyInfeasible` (Vietnamese reasons) and writes nothing when it cannot."""
    if not accounts_permissions.is_active(user):
        raise PermissionDenied(_("Hãy đăng nhập để làm đề thi thử."))
    spec = TEMPLATES[template]
    if spec.subjects and subject.code not in spec.subjects:
        raise AssemblyInfeasible(
            _("Định dạng “%(template)s” không dành cho môn %(subject)s.")
            % {"template": spec.name, "subject": subject.name}
        )
    label = _("%(subject)s lớp %(grade)d") % {"subject": subject.name, "grade": grade}
    rows = list(
        mock_pool(user=user, subject=subject, grade=grade).values(
            "pk", "part", "qtype", "level__code", "difficulty", "fingerprint"
        )
    )
    seed = seed if seed is not None else secrets.randbelow(2**31)
    plan, chosen = _solve(rows, spec, label=label, avoid=avoid, seed=seed)
    versions = _latest_versions({qid for _key, qid in chosen})
    missing = sorted({qid for _key, qid in chosen if qid not in versions})
    if missing:
        raise AssemblyInfeasible(
            _("Câu hỏi %(ids)s đã duyệt nhưng chưa có phiên bản; hãy duyệt lại.")
            % {"ids": ", ".join(map(str, missing))}
        )
    with transaction.atomic():
        paper = Paper.objects.create(
            title=_("Thi thử %(label)s") % {"label": label},
            kind=Paper.Kind.PRACTICE,
            created_by=user,
            seed=seed,
            school_id=user.school_id,
            header={
                "subject": subject.name,
                "exam_title": "ĐỀ THI THỬ TỐT NGHIỆP THPT",
                "official": False,
                "duration_minutes": spec.duration,
                "mock": spec.code,
                "mock_grade": grade,
                "mock_notes": plan.notes,
            },
            options={"template": spec.code, "avoided": len(set(avoid))},
        )
        items = _mock_items(paper, chosen, plan, versions, spec)
        # One version; questions stay in the matrix's order (easier levels first, as the
        # official papers are), options and statements are shuffled.
        _create_variants(paper, items, [MOCK_CODE], seed, AssemblyOptions(shuffle_questions=False))
        audit.log_entry(paper, "question_bank.paper.practice", user=user, data={"mock": spec.code})
    return paper


def _mock_items(paper: Paper, chosen, plan: MockPlan, versions, spec: Template):
    """The paper's pinned items, part by part, in the cells' order."""
    order = {cell.key: n for n, cell in enumerate(plan.cells)}
    ranked = sorted(enumerate(chosen), key=lambda p: (plan.parts[p[1][0]], order[p[1][0]], p[0]))
    items = []
    for position, (_n, (key, qid)) in enumerate(ranked, 1):
        part = plan.parts[key]
        items.append(
            PaperItem(
                paper=paper,
                version=versions[qid],
                position=position,
                part=part,
                cell=key,
                points=Decimal(spec.points[part]),
            )
        )
    PaperItem.objects.bulk_create(items)
    return items
