"""Real processes for the exam fault tests: a gunicorn server and a Celery worker on the
pytest-django test database, and ways to stop and start PostgreSQL and Redis.

The subprocesses see only committed data: tests using them run with
``django_db(transaction=True)``. They sign nothing themselves: the test signs attempt tokens
with the same ``SECRET_KEY`` it passes to the server.
"""

import contextlib
import http.client
import json
import os
import pwd
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import redis
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def subprocess_env(tmp_path: Path, **extra) -> dict:
    """Production-like settings for a server or worker on the test database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": database_url(),
        "DATABASE_CONN_MAX_AGE": "60",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SEARCH_BACKEND": "database",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private-media"),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("SEARCH_URL", None)
    env.update(extra)
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    """The direct children of a process (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


# --- HTTP ---------------------------------------------------------------------------------
@dataclass
class Reply:
    status: int | None  # None: no HTTP answer (connection refused, reset, timed out)
    body: dict | None
    seconds: float
    error: str = ""


def post(port: int, path: str, body, *, token: str | None = None, timeout: float = 10) -> Reply:
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["X-Exam-Token"] = token
    try:
        conn.request("POST", path, body=json.dumps(body), headers=headers)
        response = conn.getresponse()
        raw = response.read()
        try:
            data = json.loads(raw)
        except ValueError:
            data = None
        return Reply(response.status, data, time.monotonic() - started)
    except (OSError, http.client.HTTPException) as exc:
        return Reply(None, None, time.monotonic() - started, repr(exc))
    finally:
        conn.close()


# --- gunicorn -----------------------------------------------------------------------------
class Server:
    """``gunicorn config.wsgi`` with one sync worker (the master restarts a killed worker)."""

    def __init__(self, tmp_path: Path, **env):
        self.port = _free_port()
        self.log = tmp_path / "gunicorn.log"
        self.env = subprocess_env(tmp_path, **env)
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 90) -> "Server":
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "config.wsgi:application",
                    f"--bind=127.0.0.1:{self.port}",
                    "--workers=1",
                    "--worker-class=sync",
                    "--timeout=60",
                    "--graceful-timeout=2",
                    "--access-logfile=-",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while post(self.port, "/thi/bai/0/nhip/", {}, timeout=5).status != 403:
            assert self.process.poll() is None, self.tail()
            assert time.monotonic() < deadline, "gunicorn did not answer:\n" + self.tail()
            time.sleep(0.2)

    def worker_pid(self) -> int | None:
        pids = children(self.process.pid)
        return pids[0] if pids else None

    def tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)


# --- Celery -------------------------------------------------------------------------------
class Worker:
    """``celery worker`` with a prefork pool of one child (the child does the grading)."""

    def __init__(self, tmp_path: Path, name: str):
        self.hostname = f"{name}-{os.getpid()}@{os.uname().nodename}"
        self.log = tmp_path / f"{name}.log"
        self.env = subprocess_env(tmp_path)
        self.process: subprocess.Popen | None = None

    def start(self, app, *, queues: list[str], timeout: float = 90) -> "Worker":
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                f"--queues={','.join(queues)}",
                f"--hostname={self.hostname}",
                f"--logfile={self.log}",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while not app.control.ping(timeout=1, destination=[self.hostname]):
            assert self.process.poll() is None, self.tail()
            assert time.monotonic() < deadline, "worker did not answer ping:\n" + self.tail()
        return self

    def pool_pids(self) -> list[int]:
        return children(self.process.pid)

    def tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)


# --- PostgreSQL and Redis -----------------------------------------------------------------
class Postgres:
    """The server the tests run on, stopped and started with its own ``pg_ctl``."""

    def __init__(self):
        with connection.cursor() as cursor:
            cursor.execute("SHOW data_directory")
            self.data = Path(cursor.fetchone()[0])
            cursor.execute("SHOW server_version_num")
            major = int(cursor.fetchone()[0]) // 10000
        self.pg_ctl = f"/usr/lib/postgresql/{major}/bin/pg_ctl"
        owner = pwd.getpwuid(self.data.stat().st_uid).pw_name
        self.prefix = (
            ["runuser", "-u", owner, "--"] if os.geteuid() == 0 and owner != "root" else []
        )
        log = self.data.parent / "pg.log"
        self.log = log if log.exists() else self.data / "restart.log"

    def usable(self) -> str | None:
        """Why this test cannot restart the server, or None."""
        if not Path(self.pg_ctl).exists():
            return f"{self.pg_ctl} missing"
        if not self.prefix and os.geteuid() != self.data.stat().st_uid:
            return "the test runs neither as root nor as the owner of the PostgreSQL data"
        return None

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.prefix, self.pg_ctl, "-D", str(self.data), *args],
            check=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            timeout=90,
        )

    def stop(self) -> None:
        self._ctl("-m", "fast", "-w", "-t", "60", "stop")

    def start(self) -> None:
        self._ctl("-l", str(self.log), "-w", "-t", "60", "start")


class Redis:
    """The Redis of the cache and the broker: shut down, then started with the same options
    as scripts/services starts it."""

    def __init__(self, url: str):
        self.url = url
        self.client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
        config = self.client.config_get("*")
        self.options = {
            k: config[k] for k in ("bind", "port", "dir", "pidfile", "logfile", "protected-mode")
        }
        self.host = urlparse(url).hostname

    def stop(self) -> None:
        with contextlib.suppress(redis.ConnectionError):
            self.client.shutdown(nosave=True)
        deadline = time.monotonic() + 30
        while self.answers():
            assert time.monotonic() < deadline, "redis did not stop"
            time.sleep(0.1)

    def answers(self) -> bool:
        try:
            return bool(self.client.ping())
        except redis.ConnectionError:
            return False

    def start(self) -> None:
        o = self.options
        args = ["redis-server", "--bind", o["bind"], "--port", o["port"]]
        args += ["--protected-mode", o["protected-mode"], "--daemonize", "yes"]
        args += ["--dir", o["dir"], "--save", "", "--appendonly", "no"]
        if o["pidfile"]:
            args += ["--pidfile", o["pidfile"]]
        if o["logfile"]:
            args += ["--logfile", o["logfile"]]
        subprocess.run(
            args,
            check=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            start_new_session=True,
            timeout=30,
        )
        deadline = time.monotonic() + 30
        while not self.answers():
            assert time.monotonic() < deadline, "redis did not start again"
            time.sleep(0.1)
