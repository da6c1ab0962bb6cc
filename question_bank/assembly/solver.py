"""Automated test assembly with OR-Tools CP-SAT: one paper or K parallel forms.

The model (one boolean per candidate question × cell × form):

* every form takes exactly ``cell.count`` questions in every matrix cell;
* a question sits in at most one cell of a form, and in at most ``max_forms_per_item``
  forms (1 = forms share nothing); with ``max_overlap`` > 0 two forms may share at most that
  many questions;
* near-duplicates (same ``enemy`` key) never meet on one form;
* the objective first makes every form's total difficulty (and, when every candidate has
  it, item information) as close as possible to the target, then prefers questions used in
  fewer papers, then follows a seeded random order so different seeds give different papers.

The search runs on one worker with a deterministic time budget, so the same input and seed
always give the same forms. Infeasibility that can be seen from counts alone (a cell with
fewer candidates than it needs) is reported per cell before the solver runs.
"""

import random
import time
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from ortools.sat.python import cp_model

SCALE = 1000  # difficulty 0–1 as integer thousandths for CP-SAT


@dataclass(frozen=True)
class Candidate:
    id: int
    difficulty: float | None = None
    information: float | None = None
    exposure: int = 0  # papers that already used this question
    enemy: str = ""  # near-duplicates share a key (normalised-text fingerprint)


@dataclass
class Cell:
    key: str
    label: str  # "Phần I · Hàm số · Biết", shown in errors and the spec table
    count: int
    candidates: list[int]  # Candidate ids that may fill this cell


@dataclass
class Shortage:
    cell: Cell
    needed: int
    available: int

    @property
    def missing(self) -> int:
        return self.needed - self.available

    def message(self) -> str:
        return _(
            "%(cell)s: cần %(needed)d câu đã duyệt, ngân hàng chỉ có %(available)d "
            "(thiếu %(missing)d)."
        ) % {
            "cell": self.cell.label,
            "needed": self.needed,
            "available": self.available,
            "missing": self.missing,
        }


class AssemblyInfeasible(Exception):
    """The bank cannot satisfy the matrix; ``shortages`` names the cells when counts tell."""

    def __init__(self, message: str, shortages: list[Shortage] | None = None):
        super().__init__(message)
        self.shortages = shortages or []

    @property
    def messages(self) -> list[str]:
        return [s.message() for s in self.shortages] or [str(self)]


@dataclass
class FormsResult:
    forms: list[list[tuple[str, int]]]  # per form: (cell key, candidate id) in cell order
    target_difficulty: float
    mean_difficulty: list[float]
    status: str
    wall_time: float
    stats: dict = field(default_factory=dict)

    @property
    def spread(self) -> float:
        return max(self.mean_difficulty) - min(self.mean_difficulty)


def check_supply(cells: list[Cell], *, forms: int, max_forms_per_item: int = 1) -> list[Shortage]:
    """Cells whose candidates cannot fill ``forms`` forms, even before any other rule."""
    shortages = []
    for cell in cells:
        distinct = len(set(cell.candidates))
        # Each question can serve at most ``max_forms_per_item`` forms and once per form.
        needed_distinct = max(cell.count, -(-cell.count * forms // max(1, max_forms_per_item)))
        if distinct < needed_distinct:
            shortages.append(Shortage(cell=cell, needed=needed_distinct, available=distinct))
    return shortages


def assemble(
    candidates: dict[int, Candidate],
    cells: list[Cell],
    *,
    forms: int = 1,
    seed: int = 0,
    target_difficulty: float | None = None,
    max_forms_per_item: int = 1,
    max_overlap: int = 0,
    time_limit: float = 8.0,
    tolerance: float = 0.001,
    pool_slack: float = 0.5,
) -> FormsResult:
    """Choose questions for ``forms`` forms; raise :class:`AssemblyInfeasible` if impossible.

    Forms are built one after another, each by a CP-SAT model that also holds a *shadow
    test*: the questions left for the remaining forms, which must still meet the matrix
    (cell counts times the forms to go) at the target difficulty. So an early form never
    takes what a later one needs — the sequential method with shadow tests of van der
    Linden's automated test assembly. ``tolerance`` is the deviation of a form's mean from
    the target (as a share of the target) at which a step stops searching.
    """
    started = time.monotonic()
    cells, max_forms_per_item = _check_matrix(
        cells, forms=forms, max_forms_per_item=max_forms_per_item, max_overlap=max_overlap
    )
    plan = _plan(
        candidates,
        cells,
        forms=forms,
        seed=seed,
        pool_slack=pool_slack,
        max_forms_per_item=max_forms_per_item,
        max_overlap=max_overlap,
    )
    if target_difficulty is None:
        # The bank's own level for this matrix: the count-weighted mean of each cell's pool
        # (as kept by the plan, so the forms and the shadow tests can all reach it).
        target_difficulty = plan.pool_total(plan.difficulty) / plan.per_form
    use_information = all(candidates[i].information is not None for i in plan.all_ids)
    target_total = round(target_difficulty * SCALE * plan.per_form)
    info_target = (
        round(plan.pool_total(lambda i: candidates[i].information) * SCALE)
        if use_information
        else 0
    )
    chosen_forms, steps = _assemble_forms(
        plan,
        forms=forms,
        seed=seed,
        time_limit=time_limit,
        target_total=target_total,
        info_target=info_target if use_information and forms > 1 else None,
        stop_at=int(tolerance * target_total),
    )
    means = [sum(plan.difficulty(i) for _key, i in f) / plan.per_form for f in chosen_forms]
    return FormsResult(
        forms=chosen_forms,
        target_difficulty=target_difficulty,
        mean_difficulty=means,
        status="OPTIMAL" if all(s == "OPTIMAL" for s in steps) else "FEASIBLE",
        wall_time=time.monotonic() - started,
        stats={"steps": steps, "candidates": len(plan.all_ids)},
    )


def _check_matrix(
    cells: list[Cell], *, forms: int, max_forms_per_item: int, max_overlap: int
) -> tuple[list[Cell], int]:
    """The cells that ask for questions, and the per-question form limit in force; raise
    :class:`AssemblyInfeasible` when the request or the counts alone make it impossible."""
    if forms < 1:
        raise AssemblyInfeasible(_("Số đề phải ít nhất là 1."))
    cells = [c for c in cells if c.count > 0]
    if not cells:
        raise AssemblyInfeasible(_("Ma trận chưa có ô nào có số câu."))
    if max_overlap > 0:
        max_forms_per_item = max(max_forms_per_item, forms)
    shortages = check_supply(cells, forms=forms, max_forms_per_item=max_forms_per_item)
    if shortages:
        raise AssemblyInfeasible(_("Ngân hàng không đủ câu hỏi cho ma trận."), shortages=shortages)
    return cells, max_forms_per_item


@dataclass
class _Plan:
    """What every form of one assembly shares: the cells, the candidates each cell keeps,
    and the order of preference among equally balanced choices."""

    candidates: dict[int, Candidate]
    cells: list[Cell]
    pools: list[list[int]]  # per cell, its kept candidate ids, most preferred first
    all_ids: list[int]
    preference: dict[int, int]  # lower is preferred
    pref_scale: int
    max_forms_per_item: int
    max_overlap: int

    @property
    def per_form(self) -> int:
        return sum(c.count for c in self.cells)

    def difficulty(self, i: int) -> float:
        d = self.candidates[i].difficulty
        return 0.5 if d is None else d

    def pool_total(self, value) -> float:
        """Σ over cells of the cell's count times the mean ``value`` of its pool."""
        return sum(
            c.count * sum(value(i) for i in p) / len(p)
            for c, p in zip(self.cells, self.pools, strict=True)
        )


def _plan(
    candidates: dict[int, Candidate],
    cells: list[Cell],
    *,
    forms: int,
    seed: int,
    pool_slack: float,
    max_forms_per_item: int,
    max_overlap: int,
) -> _Plan:
    rng = random.Random(seed)  # noqa: S311 - reproducible order, not secrets
    all_ids = sorted({i for c in cells for i in c.candidates})
    rank = {i: r for r, i in enumerate(rng.sample(all_ids, len(all_ids)))}
    pools = [list(dict.fromkeys(c.candidates)) for c in cells]
    # Preference among equally balanced choices: fewer past papers, then the seeded order.
    preference = {i: candidates[i].exposure * len(all_ids) + rank[i] for i in all_ids}
    # Each cell keeps its most preferred candidates, with room to balance: a smaller model.
    pools = [
        sorted(p, key=preference.get)[
            : max(c.count * forms + 8, int(c.count * forms * (1 + pool_slack)))
        ]
        for c, p in zip(cells, pools, strict=True)
    ]
    return _Plan(
        candidates=candidates,
        cells=cells,
        pools=pools,
        all_ids=all_ids,
        preference=preference,
        pref_scale=max(preference.values()) + 1,
        max_forms_per_item=max_forms_per_item,
        max_overlap=max_overlap,
    )


@dataclass
class _Step:
    """One form to build: what earlier forms used, and its targets and budget."""

    uses: dict[int, int]  # forms each question already sits in
    previous: list[set[int]]  # the questions of each earlier form
    remaining: int  # forms still to come after this one
    target_total: int
    info_target: int | None
    seed: int
    time_limit: float
    stop_at: int


def _assemble_forms(
    plan: _Plan,
    *,
    forms: int,
    seed: int,
    time_limit: float,
    target_total: int,
    info_target: int | None,
    stop_at: int,
) -> tuple[list[list[tuple[str, int]]], list[str]]:
    """The forms one after another, and the solver status of each step."""
    uses: dict[int, int] = {}
    chosen_forms: list[list[tuple[str, int]]] = []
    steps = []
    for k in range(forms):
        step = _Step(
            uses=uses,
            previous=[{i for _key, i in f} for f in chosen_forms],
            remaining=forms - k - 1,
            target_total=target_total,
            info_target=info_target,
            seed=seed + k,
            time_limit=time_limit / forms,
            stop_at=stop_at,
        )
        result = _assemble_one(plan, step)
        if result is None:
            raise AssemblyInfeasible(
                _(
                    "Không ghép được %(forms)d đề thoả mãn ma trận với các ràng buộc đã chọn "
                    "(trùng lặp giữa các đề, câu gần giống nhau, câu đã dùng gần đây); "
                    "dừng ở đề thứ %(form)d. Hãy giảm số đề hoặc nới ràng buộc."
                )
                % {"forms": forms, "form": k + 1}
            )
        form, status = result
        steps.append(status)
        for _key, i in form:
            uses[i] = uses.get(i, 0) + 1
        chosen_forms.append(form)
    return chosen_forms, steps


# (cell index, question id) → its variable: ``x`` for the form, ``z`` for the shadow test.
Vars = dict[tuple[int, int], cp_model.IntVar]


def _assemble_one(plan: _Plan, step: _Step) -> tuple[list[tuple[str, int]], str] | None:
    """One form (``x``) and, when forms remain, the shadow test for all of them (``z``).

    The model is built in a fixed order (variables, constraints, objective, hints), which
    with the seed and the deterministic budget makes the result reproducible."""
    model = cp_model.CpModel()
    x, z = _variables(model, plan, step)
    in_form = _add_item_limits(model, plan, step, x, z)
    _add_cell_counts(model, plan, step, x, z)
    _add_overlap_limits(model, plan, step, x)
    _add_enemies(model, plan, in_form)
    dev_x, dev_z = _add_objective(model, plan, step, x, z, in_form)
    _add_hints(model, plan, step, x, z)
    solver = _solver(step)
    status = solver.solve(model, _StopWhenClose(dev_x, dev_z, step))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    form = []
    for ci, cell in enumerate(plan.cells):
        picked = [i for i in plan.pools[ci] if (ci, i) in x and solver.value(x[ci, i])]
        form.extend((cell.key, i) for i in sorted(picked, key=plan.preference.get))
    return form, solver.status_name(status)


def _variables(model: cp_model.CpModel, plan: _Plan, step: _Step) -> tuple[Vars, Vars]:
    x: Vars = {}
    z: Vars = {}
    for ci, pool in enumerate(plan.pools):
        for i in pool:
            left = plan.max_forms_per_item - step.uses.get(i, 0)
            if left <= 0:
                continue
            x[ci, i] = model.new_bool_var(f"x{ci}_{i}")
            if step.remaining:
                # Capacity left for the forms still to come, after this one.
                z[ci, i] = model.new_int_var(0, min(left, step.remaining), f"z{ci}_{i}")
    return x, z


def _by_item(variables: Vars) -> dict[int, list]:
    by_item: dict[int, list] = {}
    for (_ci, i), var in variables.items():
        by_item.setdefault(i, []).append(var)
    return by_item


def _add_item_limits(
    model: cp_model.CpModel, plan: _Plan, step: _Step, x: Vars, z: Vars
) -> dict[int, list]:
    """A question sits in at most one cell of the form, and in no more forms (this one and
    the shadow's) than it has left. Returns the form's variables by question."""
    in_form = _by_item(x)
    in_shadow = _by_item(z)
    for i, vars_ in in_form.items():
        if len(vars_) > 1:
            model.add_at_most_one(vars_)
        if i in in_shadow:
            left = plan.max_forms_per_item - step.uses.get(i, 0)
            model.add(sum(vars_) + sum(in_shadow[i]) <= left)
    return in_form


def _add_cell_counts(model: cp_model.CpModel, plan: _Plan, step: _Step, x: Vars, z: Vars):
    for ci, cell in enumerate(plan.cells):
        model.add(sum(v for (c, _i), v in x.items() if c == ci) == cell.count)
        if step.remaining:
            model.add(sum(v for (c, _i), v in z.items() if c == ci) == cell.count * step.remaining)


def _add_overlap_limits(model: cp_model.CpModel, plan: _Plan, step: _Step, x: Vars):
    for form in step.previous:
        if plan.max_overlap or plan.max_forms_per_item > 1:
            model.add(sum(v for (_c, i), v in x.items() if i in form) <= plan.max_overlap)


def _add_enemies(model: cp_model.CpModel, plan: _Plan, in_form: dict[int, list]):
    """Near-duplicates (same ``enemy`` key) never meet on one form."""
    enemies: dict[str, list[int]] = {}
    for i in in_form:
        if plan.candidates[i].enemy:
            enemies.setdefault(plan.candidates[i].enemy, []).append(i)
    for group in enemies.values():
        if len(group) > 1:
            model.add_at_most_one([v for i in group for v in in_form[i]])


def _add_objective(
    model: cp_model.CpModel, plan: _Plan, step: _Step, x: Vars, z: Vars, in_form: dict
):
    """Minimise the deviations from the targets first, then the preference order. Returns
    the deviation variables of the form and of the shadow test (``None`` without one)."""
    remaining = step.remaining
    objective = []
    limit = SCALE * plan.per_form * (remaining + 1)

    def deviation(expr, target, weight, name):
        dev = model.new_int_var(0, limit, name)
        model.add(dev >= expr - target)
        model.add(dev >= target - expr)
        objective.append(weight * dev)
        return dev

    d = {i: round(plan.difficulty(i) * SCALE) for i in in_form}
    # A form counts ``remaining`` times as much as the shadow, whose total spans that many.
    weight = max(1, remaining) * 4
    dev_x = deviation(sum(d[i] * v for (_c, i), v in x.items()), step.target_total, weight, "dx")
    dev_z = None
    if remaining:
        dev_z = deviation(
            sum(d[i] * v for (_c, i), v in z.items()), step.target_total * remaining, 1, "dz"
        )
    if step.info_target is not None:
        info = {i: round(plan.candidates[i].information * SCALE) for i in in_form}
        deviation(sum(info[i] * v for (_c, i), v in x.items()), step.info_target, weight, "ix")
    objective_scale = plan.pref_scale * plan.per_form * (remaining + 1)
    model.minimize(
        objective_scale * sum(objective) + sum(plan.preference[i] * v for (_c, i), v in x.items())
    )
    return dev_x, dev_z


def _add_hints(model: cp_model.CpModel, plan: _Plan, step: _Step, x: Vars, z: Vars):
    """Start from the most preferred questions: the solver only has to rebalance."""
    remaining = step.remaining
    for ci, cell in enumerate(plan.cells):
        ordered = sorted((i for c, i in x if c == ci), key=plan.preference.get)
        for n, i in enumerate(ordered):
            model.add_hint(x[ci, i], n < cell.count)
            if remaining:
                model.add_hint(z[ci, i], int(cell.count <= n < cell.count * (remaining + 1)))


def _solver(step: _Step) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.num_workers = 1  # one worker + a deterministic budget: reproducible
    solver.parameters.random_seed = step.seed % (2**31)
    solver.parameters.max_presolve_iterations = 1
    solver.parameters.max_deterministic_time = max(step.time_limit, 1.0)
    solver.parameters.max_time_in_seconds = max(step.time_limit, 1.0) * 10
    return solver


class _StopWhenClose(cp_model.CpSolverSolutionCallback):
    """Stops the search at the first solution whose form (and shadow test) lie within
    ``stop_at`` of the target."""

    def __init__(self, dev_x, dev_z, step: _Step):
        super().__init__()
        self.dev_x, self.dev_z = dev_x, dev_z
        self.stop_at, self.remaining = step.stop_at, step.remaining

    def on_solution_callback(self):
        good = self.value(self.dev_x) <= self.stop_at
        if self.dev_z is not None:
            good = good and self.value(self.dev_z) <= self.stop_at * self.remaining
        if good:
            self.stop_search()
