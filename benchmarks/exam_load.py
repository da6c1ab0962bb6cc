"""Online exam under load: N candidates of one session saving answers against a
production-like stack, and the invariant that no acknowledged answer is lost.

Needs the real services (``eval "$(scripts/services env)"``: PostgreSQL and Redis). Creates
the database ``bench_exam_load`` on the services' server (dropped at the end) with a paper of
4 versions and one session of N candidates, each checked in with an attempt in progress
(rows bulk-created, tokens from lms.exams.saving.attempt_token), starts gunicorn on
``config.settings.production`` (persistent database connections, config/gunicorn.py) and a
Celery worker that grades submissions, then simulates the candidates in this process
(asyncio, benchmarks/exam_load_client.py):

- start: every candidate's first save and heartbeat fall within the start window (60 s);
- steady: each candidate saves 1–3 changed answers every ``--interval`` s on average
  (randomised ±50 %), and beats a heartbeat every ``--heartbeat`` s (0: none);
- submit: every candidate submits (with its unsent answers) in the last ``--submit-window`` s.

``--faults`` kills one gunicorn worker with SIGKILL twice during the steady phase (the
master starts another) and drops ``--drop`` of the steady saves' connections mid-request
(half-way through the body, or right after sending it). At the end, for every (attempt,
slot) the database's seq must be at least the highest acknowledged one, and equal seq means
equal response; anything else is a lost answer (exit status 1). Then the ceiling: the same
upsert statement (lms.exams.saving._UPSERT) through pgbench, 8 clients, prepared.

Usage:
    .venv/bin/python benchmarks/exam_load.py --candidates 2000 --seconds 60
    .venv/bin/python benchmarks/exam_load.py --candidates 20000 --seconds 240 --faults
"""

import argparse
import asyncio
import logging
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def _args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=60, help="the exam's simulated length")
    parser.add_argument("--start-window", type=float, default=None, help="default min(60, ⅓)")
    parser.add_argument("--submit-window", type=float, default=10)
    parser.add_argument("--interval", type=float, default=30, help="mean seconds between saves")
    parser.add_argument(
        "--heartbeat",
        type=float,
        default=45,
        help="seconds of silence before a beat (exam.js); 0: none",
    )
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="gthread")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--connections", type=int, default=64, help="requests in flight")
    parser.add_argument("--conn-max-age", type=int, default=60)
    parser.add_argument("--faults", action="store_true")
    parser.add_argument("--drop", type=float, default=0.02, help="share dropped (--faults)")
    parser.add_argument("--no-celery", action="store_true", help="no grading worker")
    parser.add_argument("--ceiling-seconds", type=int, default=15, help="0: no pgbench")
    parser.add_argument("--grade-wait", type=float, default=20, help="seconds for grading")
    args = parser.parse_args()
    if args.start_window is None:
        args.start_window = min(60.0, args.seconds / 3)
    if args.seconds < args.start_window + args.submit_window:
        parser.error("--seconds must cover the start and submit windows")
    return args


def _ms(value) -> str:
    return "–" if value is None else f"{value * 1000:,.0f} ms"


def _faults(stack, plan, log: list):
    async def inject(load) -> None:
        steady = plan.submit_from - plan.start_window
        for share in (1 / 3, 2 / 3):
            await asyncio.sleep(max(0.0, plan.start_window + steady * share - load.now()))
            pid = stack.kill_worker()
            log.append(f"{load.now():5.1f} s: kill -9 gunicorn worker {pid}")

    return inject


def _lost(session, acked: dict) -> tuple[int, int]:
    """(lost, checked): acknowledged answers the database does not hold."""
    from lms.exams.models import AttemptAnswer

    stored = {
        (a, s): (seq, response)
        for a, s, seq, response in AttemptAnswer.objects.filter(
            attempt__candidate__session=session
        ).values_list("attempt_id", "slot", "seq", "response")
    }
    lost = 0
    for key, (seq, response) in acked.items():
        held = stored.get(key)
        if held is None or held[0] < seq or (held[0] == seq and held[1] != response):
            lost += 1
    return lost, len(acked)


def _graded(session, wait: float) -> tuple[int, int]:
    from lms.exams.models import Attempt, AttemptResult

    submitted = Attempt.objects.filter(candidate__session=session, state="submitted").count()
    until = time.monotonic() + wait
    while True:
        graded = AttemptResult.objects.filter(attempt__candidate__session=session).count()
        if graded >= submitted or time.monotonic() > until:
            return graded, submitted
        time.sleep(1)


def _rate(times: list[float], begin: float, end: float) -> float:
    """Requests answered (200) per second between ``begin`` and ``end``."""
    return sum(1 for t in times if begin <= t < end) / max(end - begin, 1e-9)


def _cpu_rows(cpu: dict | None, r) -> list[tuple[str, str]]:
    """Where the CPU went: the machine is shared, so what others used is shown too."""
    if not cpu:
        return []
    cores = os.cpu_count() or 1
    parts = ["load generator", "gunicorn", "postgres", "redis", "celery"]
    ours = sum(cpu[k] for k in parts)
    served = sum(n for (kind, status), n in r.statuses.items() if status == 200) or 1
    used = ", ".join(f"{k} {cpu[k]:.0f}" for k in parts)
    return [
        (
            "CPU seconds",
            f"{cpu['wall'] * cores:.0f} available ({cores} cores × {cpu['wall']:.0f} s): "
            f"busy {cpu['machine busy']:.0f} = {used}, other processes "
            f"{max(0.0, cpu['machine busy'] - ours):.0f}",
        ),
        (
            "CPU per answered request",
            ", ".join(f"{k} {1000 * cpu[k] / served:.2f} ms" for k in parts[:3]),
        ),
    ]


def _report(args, plan, load, wall, cpu, lost, checked, ceiling, graded, fault_log):
    from exam_load_client import percentile

    r = load.results
    lat = r.latencies
    saves_steady = lat[("save", "steady")]
    steady_s = plan.submit_from - plan.start_window
    sustained = _rate(r.done_at["save"], plan.start_window, plan.submit_from)
    answered = _rate(
        [t for kind, times in r.done_at.items() for t in times], plan.start_window, plan.submit_from
    )
    start_all = lat[("save", "start")] + lat[("heartbeat", "start")]
    rows = [
        ("candidates", f"{args.candidates:,}"),
        (
            "server",
            f"gunicorn {args.worker_class} ×{args.workers}"
            + (f" ×{args.threads} threads" if args.worker_class == "gthread" else "")
            + f", CONN_MAX_AGE={args.conn_max_age}",
        ),
        (
            "duration",
            f"{plan.seconds:.0f} s (start {plan.start_window:.0f} s, "
            f"steady {steady_s:.0f} s, submit {plan.submit_window:.0f} s); wall {wall:.0f} s",
        ),
        (
            "save every / heartbeat",
            f"{plan.interval:.0f} s / " + (f"{plan.heartbeat:.0f} s" if plan.heartbeat else "none"),
        ),
        (
            "saves sent (answers)",
            f"{sum(v for (k, _s), v in r.statuses.items() if k == 'save') + r.dropped:,} "
            f"({r.answers_sent:,}; acknowledged {r.answers_acked:,})",
        ),
        ("offered save rate", f"{args.candidates / plan.interval:,.0f}/s"),
        ("saves/s sustained (steady)", f"{sustained:,.0f}/s answered"),
        (
            "requests/s (steady, all)",
            f"{answered:,.0f}/s answered",
        ),
        (
            "save latency p50/p95/p99",
            " / ".join(_ms(percentile(saves_steady, p)) for p in (50, 95, 99)),
        ),
        (
            "start burst p99 (save+beat)",
            f"{_ms(percentile(start_all, 99))} ({len(start_all):,} requests)",
        ),
        ("heartbeat p99 (steady)", _ms(percentile(lat[("heartbeat", "steady")], 99))),
        (
            "submit p50/p99",
            " / ".join(_ms(percentile(lat[("submit", "submit")], p)) for p in (50, 99)),
        ),
        (
            "errors",
            ", ".join(
                f"{k} {s}: {n}"
                for (k, s), n in sorted(r.statuses.items(), key=str)
                if n and s != 200
            )
            or "none",
        ),
        ("dropped on purpose", f"{r.dropped:,}" if args.faults else "–"),
        ("resent after a connection reset", f"{load.http.reconnects:,} (same seq: harmless)"),
        ("graded by Celery", f"{graded[0]:,}/{graded[1]:,} submitted" if graded else "–"),
        ("lost answers", f"{lost} (of {checked:,} acknowledged (attempt, question) pairs)"),
    ]
    rows += _cpu_rows(cpu, r)
    for label, (tps, what) in ceiling.items():
        share = f" → our saves/s sustained is {100 * sustained / tps:.1f} % of it" if tps else ""
        rows.append(
            (label, f"{tps:,.0f}/s {what}{share}" if tps else "pgbench failed or not installed")
        )
    width = max(len(k) for k, _v in rows)
    print()
    for label, value in rows:
        print(f"{label.ljust(width)}  {value}")
    for line in fault_log:
        print(f"fault: {line}")
    print(f"lost answers: {lost}")


def main() -> int:
    args = _args()
    from exam_load_stack import redis_url

    redis = redis_url(os.environ.get("CACHE_URL") or os.environ.get("CELERY_BROKER_URL"))
    # The setup's cache is the server's: the versions it caches are the server's too.
    os.environ["CACHE_URL"] = redis

    import django

    django.setup()
    from benchdb import bench_database
    from django.db import connection
    from exam_load_client import Http, Load, Plan
    from exam_load_stack import (
        CpuMeter,
        Stack,
        build_world,
        database_url,
        flush_redis,
        free_port,
        new_secret,
        server_env,
    )

    if connection.vendor != "postgresql":
        print('exam_load needs PostgreSQL: eval "$(scripts/services env)" first.')
        return 2
    flush_redis(redis)
    with bench_database("exam_load"):
        started = time.perf_counter()
        secret = new_secret()
        minutes = max(45, int(args.seconds / 60) + 30)
        logging.disable(logging.INFO)  # the services' and eager tasks' log lines
        session, seats = build_world(args.candidates, server_secret=secret, minutes=minutes)
        logging.disable(logging.NOTSET)
        print(
            f"setup: {len(seats):,} candidates with attempts in {time.perf_counter() - started:.1f} s"
        )
        port = free_port()
        env = server_env(
            db_url=database_url(connection.settings_dict),
            redis=redis,
            secret=secret,
            port=port,
            opts=args,
        )
        stack = Stack(env, celery=not args.no_celery)
        plan = Plan(
            seconds=args.seconds,
            start_window=args.start_window,
            submit_window=args.submit_window,
            interval=args.interval,
            heartbeat=args.heartbeat,
            drop=args.drop if args.faults else 0.0,
        )
        fault_log: list[str] = []
        cpu = None
        try:
            stack.start(port)
            asyncio.run(_warm(port, seats))
            meter = CpuMeter(stack)
            meter.start()
            load = Load(seats, plan, Http(port, args.connections))
            faults = _faults(stack, plan, fault_log) if args.faults else None
            wall = asyncio.run(load.run(faults))
            cpu = meter.stop()
            graded = None if args.no_celery else _graded(session, wait=args.grade_wait)
        finally:
            stack.stop()
            flush_redis(redis)
        lost, checked = _lost(session, load.results.acked)
        ceiling = _ceilings(connection.settings_dict, seats, args.ceiling_seconds)
        _report(args, plan, load, wall, cpu, lost, checked, ceiling, graded, fault_log)
    return 1 if lost else 0


def _ceilings(settings_dict: dict, seats, seconds: int) -> dict:
    """The save's upsert (2 rows: 1–3 answers a save) through pgbench, alone and with the
    answer log in one transaction as the save writes them (0 seconds: skipped)."""
    from exam_load_stack import pgbench_ceiling

    if seconds <= 0:
        return {}
    attempts = seats[0].attempt, seats[-1].attempt
    found = {}
    for with_log, label in (
        (False, "ceiling: upsert (2 rows)"),
        (True, "ceiling: save transaction"),
    ):
        tps = pgbench_ceiling(settings_dict, attempts, rows=2, with_log=with_log, seconds=seconds)
        what = "(pgbench, 8 clients, prepared" + (", upsert + answer log)" if with_log else ")")
        found[label] = (tps, what)
    return found


async def _warm(port: int, seats) -> None:
    """Every worker (thread) has imported the views and opened its connection."""
    from exam_load_client import Http

    http = Http(port, 16)
    await asyncio.gather(
        *(http.post(f"/thi/bai/{s.attempt}/nhip/", s.token, {}) for s in seats[:64])
    )
    for _reader, writer in http.idle:
        writer.close()


if __name__ == "__main__":
    sys.exit(main())
