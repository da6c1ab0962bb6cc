"""Assemble K parallel forms of the Toán 2025 format from a 2,000-question bank, two ways.

1. the project's assembler (:func:`question_bank.assembly.solver.assemble`: CP-SAT, one
   form after another, each with a shadow test for the forms still to come);
2. a plain random stratified draw: every form takes its cell counts at random from what
   the earlier forms left.

The bank has the template's cells (part × level) with difficulty values spread as a
real bank's are (each level centred differently, 0.15–0.95). Prints, for both: wall time,
the target difficulty, each form's mean difficulty, and the spread (max − min of the form
means) absolute and as a share of the target; also whether every form meets the matrix
and shares no question with another. Usage:
    .venv/bin/python benchmarks/exam_assembly.py [--forms 24] [--bank 2000] [--seed 1]
"""

import argparse
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

LEVEL_CENTRE = {"biet": 0.35, "hieu": 0.55, "van_dung": 0.75}


def build_bank(size: int, seed: int):
    from question_bank.assembly.matrix import TEMPLATES
    from question_bank.assembly.solver import Candidate, Cell

    template = TEMPLATES["thpt2025-toan"]
    rng = random.Random(seed)
    specs = [(part, level, n) for part, levels in template.levels.items() for level, n in levels]
    per_form = sum(n for _p, _l, n in specs)
    candidates, cells, next_id = {}, [], 1
    for i, (part, level, n) in enumerate(specs):
        # Each cell gets a share of the bank proportional to its count, the rest to the last.
        share = size * n // per_form if i < len(specs) - 1 else size - (next_id - 1)
        ids = []
        for _k in range(share):
            d = min(0.95, max(0.15, rng.gauss(LEVEL_CENTRE[level], 0.15)))
            candidates[next_id] = Candidate(id=next_id, difficulty=round(d, 2))
            ids.append(next_id)
            next_id += 1
        cells.append(
            Cell(key=f"p{part}-{level}", label=f"Phần {part} · {level}", count=n, candidates=ids)
        )
    return candidates, cells, per_form


def random_stratified(candidates, cells, forms: int, seed: int):
    rng = random.Random(seed)
    left = {c.key: rng.sample(c.candidates, len(c.candidates)) for c in cells}
    return [
        [(c.key, left[c.key].pop()) for c in cells for _n in range(c.count)] for _k in range(forms)
    ]


def report(name, forms, seconds, candidates, cells, target):
    per_form = sum(c.count for c in cells)
    means = [sum(candidates[i].difficulty for _k, i in f) / per_form for f in forms]
    spread = max(means) - min(means)
    wanted = Counter({c.key: c.count for c in cells})
    meets = all(Counter(k for k, _i in f) == wanted for f in forms)
    ids = [i for f in forms for _k, i in f]
    print(f"{name}:")
    print(f"  time: {seconds:.2f} s for {len(forms)} forms of {per_form} questions")
    print(f"  target difficulty: {target:.4f}")
    print(f"  form means: min {min(means):.4f}  max {max(means):.4f}")
    print(f"  spread of mean difficulty: {spread:.4f} ({100 * spread / target:.2f}% of target)")
    print(
        f"  every form meets the matrix: {meets}; questions shared between forms: {len(ids) - len(set(ids))}"
    )
    return spread


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--forms", type=int, default=24)
    parser.add_argument("--bank", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    import django

    django.setup()
    from question_bank.assembly.solver import assemble

    candidates, cells, _per_form = build_bank(args.bank, args.seed)
    print(f"bank: {len(candidates)} questions in {len(cells)} cells (Toán 2025: 12 + 4 + 6)")
    started = time.perf_counter()
    result = assemble(candidates, cells, forms=args.forms, seed=args.seed)
    solver_time = time.perf_counter() - started
    target = result.target_difficulty
    solver_spread = report(
        "assembler (CP-SAT, shadow tests)", result.forms, solver_time, candidates, cells, target
    )
    started = time.perf_counter()
    drawn = random_stratified(candidates, cells, args.forms, args.seed)
    random_time = time.perf_counter() - started
    random_spread = report("random stratified draw", drawn, random_time, candidates, cells, target)
    ok = solver_spread <= 0.01 * target and solver_time < 10
    print(
        f"target (spread within 1% of the target, under 10 s): {'met' if ok else 'NOT met'} "
        f"(assembler {solver_spread:.4f} vs random {random_spread:.4f})"
    )


if __name__ == "__main__":
    main()
