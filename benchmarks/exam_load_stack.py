"""The exam load benchmark's world and stack: one session of N candidates with attempts in
progress (rows bulk-created; the paper and the session through the services), a gunicorn
server on production settings, CPU accounting from /proc, and the pgbench ceiling.

Used by benchmarks/exam_load.py (run that file, not this one).
"""

import datetime as dt
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
#: Redis database of the benchmark's cache and Celery queue (flushed before and after), so
#: cached attempt states of other runs (ids repeat between databases) never answer ours.
REDIS_DB = 13


def redis_url(base: str | None) -> str:
    parts = urlsplit(base or "redis://127.0.0.1:6379/0")
    return urlunsplit((parts.scheme, parts.netloc, f"/{REDIS_DB}", "", ""))


def flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


@dataclass
class Seat:
    """What one simulated candidate needs: its attempt, token and question kinds by slot."""

    attempt: int
    token: str
    kinds: list[tuple[str, int]]  # (qtype, choices or statements) per slot


def _kinds(items: list[dict]) -> list[tuple[str, int]]:
    return [(i["data"]["qtype"], len(i["data"].get("choices") or [])) for i in items]


def build_world(candidates: int, *, server_secret: str, minutes: int) -> tuple[object, list[Seat]]:
    """A paper with 4 versions, a session of ``candidates`` students in rooms of 24, each
    checked in with an attempt in progress on its own device; their tokens signed with the
    server's key. Returns (session, seats)."""
    from django.test import override_settings
    from django.utils import timezone

    from accounts.models import Role, User
    from lms.exams import services
    from lms.exams.delivery import variant_items
    from lms.exams.models import Attempt, AttemptEvent, Candidate
    from lms.exams.saving import attempt_token
    from tests.accounts.factories import make_school, make_user
    from tests.lms.exams.factories import make_exam_paper

    school = make_school()
    board = make_user(role=Role.EXAM_BOARD, school=school)
    paper = make_exam_paper(board, versions=4)
    User.objects.bulk_create(
        (
            User(
                username=f"27{n:08d}",
                student_id=f"27{n:08d}",
                full_name=f"Nguyễn Thị Thí Sinh {n}",
                last_name="Nguyễn",
                first_name=f"Sinh {n:06d}",
                role=Role.STUDENT,
                school=school,
                password="!benchmark",  # noqa: S106 - an unusable password
            )
            for n in range(1, candidates + 1)
        ),
        batch_size=2000,
    )
    now = timezone.now()
    window = services.SessionWindow(
        opens_at=now - dt.timedelta(minutes=5),
        last_entry_at=now + dt.timedelta(minutes=minutes),
        closes_at=now + dt.timedelta(minutes=2 * minutes),
        duration_minutes=minutes,
    )
    session = services.session_create(
        user=board,
        paper=paper,
        title="Thi thử tải",
        window=window,
        students=list(User.objects.filter(role=Role.STUDENT, school=school)),
        room_size=24,
    )
    Candidate.objects.filter(session=session).update(checked_in_at=now, present=True)
    people = list(Candidate.objects.filter(session=session).order_by("pk"))
    deadline = now + dt.timedelta(minutes=minutes)
    Attempt.objects.bulk_create(
        (
            Attempt(candidate=c, started_at=now, deadline=deadline, device=f"may-{c.pk}")
            for c in people
        ),
        batch_size=2000,
    )
    attempts = list(Attempt.objects.filter(candidate__session=session).order_by("pk"))
    AttemptEvent.objects.bulk_create(
        (
            AttemptEvent(candidate_id=a.candidate_id, attempt=a, kind=kind, device=a.device)
            for a in attempts
            for kind in (AttemptEvent.Kind.CHECK_IN, AttemptEvent.Kind.START)
        ),
        batch_size=4000,
    )
    variant_of = {c.pk: c.variant_id for c in people}
    kinds = {v: _kinds(variant_items(v)) for v in set(variant_of.values())}
    with override_settings(SECRET_KEY=server_secret):
        seats = [Seat(a.pk, attempt_token(a), kinds[variant_of[a.candidate_id]]) for a in attempts]
    return session, seats


def database_url(settings_dict: dict) -> str:
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{settings_dict['NAME']}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(*, db_url: str, redis: str, secret: str, port: int, opts) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "GUNICORN_", "SEARCH_", "DATABASE_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secret,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=db_url,
        DATABASE_CONN_MAX_AGE=str(opts.conn_max_age),
        CELERY_BROKER_URL=redis,
        CACHE_URL=redis,
        CONTENT_ORIGIN="http://127.0.0.1:9",
        SEARCH_BACKEND="database",
        # Plain HTTP on the loopback (TLS ends at the proxy in production).
        SECURE_SSL_REDIRECT="0",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS=str(opts.workers),
        GUNICORN_WORKER_CLASS=opts.worker_class,
        GUNICORN_THREADS=str(opts.threads),
    )
    return env


class Stack:
    """gunicorn (and optionally a Celery worker) started and stopped by their own pids."""

    def __init__(self, env: dict, *, celery: bool):
        self.env, self.celery = env, celery
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        self.server = None
        self.worker = None

    def start(self, port: int) -> None:
        bin_dir = ROOT / ".venv" / "bin"
        gunicorn = str(bin_dir / "gunicorn") if (bin_dir / "gunicorn").exists() else "gunicorn"
        self.server = subprocess.Popen(  # noqa: S603
            [gunicorn, "-c", "config/gunicorn.py", "config.wsgi:application"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=self.log,
        )
        if self.celery:
            celery = str(bin_dir / "celery") if (bin_dir / "celery").exists() else "celery"
            self.worker = subprocess.Popen(  # noqa: S603
                [celery, "-A", "config", "worker", "--concurrency=1", "--loglevel=WARNING"],
                cwd=ROOT,
                env=self.env,
                stdout=self.log,
                stderr=self.log,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start:\n{self.log_tail()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not listen within 60 s:\n{self.log_tail()}")

    def workers(self) -> list[int]:
        return children(self.server.pid) if self.server else []

    def kill_worker(self) -> int | None:
        pids = self.workers()
        if not pids:
            return None
        os.kill(pids[0], signal.SIGKILL)
        return pids[0]

    def stop(self) -> None:
        for proc in (self.worker, self.server):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in (self.worker, self.server):
            if proc is None:
                continue
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.log.close()

    def log_tail(self, lines: int = 30) -> str:
        self.log.seek(0)
        return "\n".join(self.log.read().decode(errors="replace").splitlines()[-lines:])


def _stat(pid: int) -> tuple[int, str, float] | None:
    """(parent pid, command name, CPU seconds) of a process, from /proc; the seconds include
    its children that ended (PostgreSQL's backends, gunicorn's killed or recycled workers)."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = raw[raw.index("(") + 1 : raw.rindex(")")]
    fields = raw[raw.rindex(")") + 2 :].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return int(fields[1]), name, sum(int(v) for v in fields[11:15]) / ticks


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat and stat[0] == pid:
                found.append(int(entry.name))
    return sorted(found)


class CpuMeter:
    """CPU seconds spent by the load generator, the web server, PostgreSQL and Redis
    between :meth:`start` and :meth:`stop` (processes that died meanwhile are missed)."""

    def __init__(self, stack: Stack):
        self.stack = stack

    def _sample(self) -> dict[str, float]:
        times = os.times()
        cpu = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
        idle = (int(cpu[3]) + int(cpu[4])) / os.sysconf("SC_CLK_TCK")
        total = sum(int(v) for v in cpu[:8]) / os.sysconf("SC_CLK_TCK")
        out = {"machine busy": total - idle, "load generator": times.user + times.system}
        out["gunicorn"] = 0.0
        out.update(postgres=0.0, redis=0.0, celery=0.0)
        web = {self.stack.server.pid, *self.stack.workers()} if self.stack.server else set()
        worker = self.stack.worker.pid if self.stack.worker else None
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            pid = int(entry.name)
            stat = _stat(pid)
            if stat is None:
                continue
            if pid in web:
                out["gunicorn"] += stat[2]
            elif pid == worker or stat[0] == worker:
                out["celery"] += stat[2]
            elif stat[1].startswith(("postgres", "postmaster")):
                out["postgres"] += stat[2]
            elif stat[1].startswith("redis"):
                out["redis"] += stat[2]
        return out

    def start(self) -> None:
        self.began, self.t0 = self._sample(), time.monotonic()

    def stop(self) -> dict[str, float]:
        end, wall = self._sample(), time.monotonic() - self.t0
        used = {k: max(0.0, end[k] - self.began.get(k, 0.0)) for k in end}
        used["wall"] = wall
        return used


# --- The ceiling: our upsert through pgbench --------------------------------------------
def pgbench_path() -> str | None:
    found = shutil.which("pgbench")
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pgbench"), reverse=True)
    return str(candidates[0]) if candidates else None


def _fill(text: str, values: list[str]) -> str:
    for value in values:
        text = text.replace("%s", value, 1)
    return text


def _upsert_script(rows: int, *, with_log: bool) -> str:
    """The save's SQL (lms.exams.saving, text unchanged) with ``rows`` answers of a random
    attempt, each newer than what is stored: the upsert alone, or, ``with_log``, the whole
    save statement (answer log and upsert in one statement, as the server sends it)."""
    from lms.exams.saving import _ROW_POSTGRESQL, _SAVE_POSTGRESQL, _UPSERT_SQLITE

    seq = "(extract(epoch from clock_timestamp()) * 1000000)::bigint"
    answer = "'\"Đáp án tải thử\"'"
    lines = ["\\set a random(:amin, :amax)", "\\set s random(0, 4)"]
    if with_log:
        row = [
            _fill(_ROW_POSTGRESQL, [":a", f"(:s + {n}) % 5", answer, "false", seq])
            for n in range(rows)
        ]
        sql = _fill(
            _SAVE_POSTGRESQL.format(values=", ".join(row)),
            ["'may'", "'127.0.0.1'", "now()", "now()", ":a"],
        )
    else:
        row = [
            _fill(
                "(%s, %s, %s, %s, %s, %s)", [":a", f"(:s + {n}) % 5", answer, "false", seq, "now()"]
            )
            for n in range(rows)
        ]
        sql = _UPSERT_SQLITE.format(values=", ".join(row))
    return "\n".join([*lines, sql + ";"]) + "\n"


def pgbench_ceiling(
    settings_dict: dict, attempts: tuple[int, int], *, rows: int, with_log: bool, seconds: int
) -> float | None:
    """Transactions per second of the save's statement(s), 8 clients, prepared."""
    binary = pgbench_path()
    if binary is None:
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write(_upsert_script(rows, with_log=with_log))
    env = {**os.environ, "PGPASSWORD": settings_dict["PASSWORD"] or ""}
    try:
        result = subprocess.run(  # noqa: S603
            [
                binary,
                "-n",
                "-M",
                "prepared",
                "-c",
                "8",
                "-j",
                "2",
                "-T",
                str(seconds),
                "-D",
                f"amin={attempts[0]}",
                "-D",
                f"amax={attempts[1]}",
                "-f",
                script.name,
                "-h",
                settings_dict["HOST"] or "127.0.0.1",
                "-p",
                str(settings_dict["PORT"] or 5432),
                "-U",
                settings_dict["USER"] or "postgres",
                settings_dict["NAME"],
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        )
    finally:
        os.unlink(script.name)
    found = re.search(r"tps = ([\d.]+)", result.stdout)
    if result.returncode != 0 or not found:
        print(f"pgbench failed: {result.stderr.strip()[-400:]}")
        return None
    return float(found.group(1))


def new_secret() -> str:
    return secrets.token_urlsafe(48)
