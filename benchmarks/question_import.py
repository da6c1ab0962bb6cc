"""Import 10,000 questions from one Moodle XML file and from one Word .docx file.

For each format, in a fresh subprocess (so peak memory is that import's own): build the
file with our exporter (not timed), then time the parse + validation + duplicate check
(the preview) and the all-or-nothing save (including the search indexing that runs after
the commit, inline here), and report the process's peak resident memory
(ru_maxrss) before, after the preview and after the save. Runs in a throw-away test database
on whatever DATABASE_URL names (SQLite by default). Usage:
    .venv/bin/python benchmarks/question_import.py --questions 10000 [--format moodle_xml]
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def make_questions(n: int):
    """A realistic mix: 2025 parts I/II/III plus the other types, Vietnamese with LaTeX."""
    from question_bank.formats.base import Blank, Choice, ParsedQuestion, QType
    from question_bank.numeric import format_numeric

    rng = random.Random(2025)
    out = []
    for i in range(n):
        a, b = rng.randint(2, 9), rng.randint(1, 20)
        kind = i % 10
        if kind < 5:
            key = rng.randrange(4)
            values = [a * 2 + k for k in range(4)]
            out.append(
                ParsedQuestion(
                    qtype=QType.SINGLE_CHOICE,
                    part=1,
                    level="biet",
                    stem=f"<p>Câu hỏi số {i}: đạo hàm của hàm số \\(y = {a}x^2 + {b}x\\) tại \\(x = 1\\) bằng bao nhiêu?</p>",
                    choices=[Choice(text=str(v), correct=k == key) for k, v in enumerate(values)],
                    solution=f"<p>\\(y' = {2 * a}x + {b}\\), nên \\(y'(1) = {2 * a + b}\\).</p>",
                )
            )
        elif kind < 7:
            truth = [rng.random() < 0.5 for _ in range(4)]
            out.append(
                ParsedQuestion(
                    qtype=QType.TRUE_FALSE,
                    part=2,
                    level="hieu",
                    stem=f"<p>Cho hàm số \\(f(x) = x^3 - {a}x\\) (câu {i}). Xét tính đúng sai của các mệnh đề sau.</p>",
                    choices=[
                        Choice(text=f"Mệnh đề {k + 1} về \\(f'({k})\\)", correct=t)
                        for k, t in enumerate(truth)
                    ],
                )
            )
        elif kind < 9:
            out.append(
                ParsedQuestion(
                    qtype=QType.SHORT_NUMERIC,
                    part=3,
                    level="van_dung",
                    stem=f"<p>Tính \\(\\int_0^1 ({a}x + {b})\\,dx\\) (câu {i}), làm tròn đến hàng phần mười.</p>",
                    numeric_answer=format_numeric(round(a / 2 + b, 1)),
                )
            )
        else:
            out.append(
                ParsedQuestion(
                    qtype=QType.CLOZE if i % 20 == 9 else QType.ESSAY,
                    level="van_dung",
                    stem=(
                        f"<p>Khối lượng mol của H<sub>2</sub>SO<sub>4</sub> là {{{{1}}}} g/mol (câu {i}).</p>"
                        if i % 20 == 9
                        else f"<p>Trình bày lời giải bài toán số {i}.</p>"
                    ),
                    blanks=[Blank(kind="numeric", answers=[Choice(text="98", correct=True)])]
                    if i % 20 == 9
                    else [],
                    marking_guide=""
                    if i % 20 == 9
                    else "<p>Đúng phương pháp: 0,5 điểm; đúng kết quả: 0,5 điểm.</p>",
                )
            )
    return out  # fmt: skip


def run_one(fmt: str, n: int) -> dict:
    import django

    django.setup()
    from benchdb import bench_database

    from config.celery import app as celery_app

    # The search-index task that follows the save runs inline, so "save" includes it.
    celery_app.conf.task_always_eager = True
    with bench_database("question_import"):
        return _run_one(fmt, n)


def _run_one(fmt: str, n: int) -> dict:
    from django.db import connection

    from accounts.models import Role, User
    from question_bank import services
    from question_bank.formats.registry import export
    from question_bank.importing import build_preview, import_commit
    from question_bank.models import Question

    user = User.objects.create_user("gv.bench", role=Role.TEACHER, full_name="GV")
    bank = services.bank_create(owner=user, name="Benchmark")
    data, ext, _ = export(fmt, make_questions(n), [], title="Benchmark")
    filename = f"bench{ext}"
    import gc

    gc.collect()
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    preview, _result = build_preview(filename, data, bank, user)
    t1 = time.perf_counter()
    rss_preview = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if not preview.ok:
        raise SystemExit(f"preview failed: {preview.errors[:5]}")
    del _result
    summary = import_commit(filename, data, bank, user)
    t2 = time.perf_counter()
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if not summary.created == n == Question.objects.count():
        raise SystemExit("not every question was saved")
    return {
        "format": fmt,
        "questions": n,
        "file_mb": round(len(data) / 1048576, 1),
        "preview_s": round(t1 - t0, 2),
        "save_s": round(t2 - t1, 2),
        "total_s": round(t2 - t0, 2),
        "per_second": round(n / (t2 - t0)),
        "rss_before_mb": round(rss0 / 1024),
        "peak_rss_preview_mb": round(rss_preview / 1024),
        "peak_rss_mb": round(rss1 / 1024),
        "database": connection.vendor,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=10000)
    parser.add_argument("--format", choices=["moodle_xml", "docx"], action="append")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    formats = args.format or ["moodle_xml", "docx"]
    if args.child:
        print(json.dumps(run_one(formats[0], args.questions)))
        return
    for fmt in formats:
        out = subprocess.run(  # noqa: S603 - our own script
            [sys.executable, __file__, "--child", "--format", fmt, "--questions", str(args.questions)],
            capture_output=True, text=True, cwd=ROOT, check=False,
        )  # fmt: skip
        if out.returncode != 0:
            print(out.stdout[-2000:], out.stderr[-4000:], file=sys.stderr)
            raise SystemExit(f"benchmark {fmt} failed")
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{r['format']:>10} on {r['database']}: {r['questions']} questions, {r['file_mb']} MB file; "
            f"preview {r['preview_s']} s + save {r['save_s']} s = {r['total_s']} s "
            f"({r['per_second']}/s); peak RSS {r['rss_before_mb']} MB before, "
            f"{r['peak_rss_preview_mb']} MB after preview, {r['peak_rss_mb']} MB after save"
        )


if __name__ == "__main__":
    main()
