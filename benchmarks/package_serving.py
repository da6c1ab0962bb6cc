"""Serving package files (issue 20): small files from the content origin, with its token
check, beside plain static file servers serving the same files in the same run.

1. A throw-away SQLite database (tables made from the models, as a test database without
   migrations) and private storage in a temporary folder; a teacher uploads a SCORM 1.2
   package of ``--files`` files of 2–20 KB (images, scripts, pages) through
   ``package_upload`` and publishes it; a student's launch token is made for it.
2. Servers, one after another, each on its own port:

   * the content origin: ``gunicorn -c config/gunicorn.py config.wsgi:application``
     (``config.settings.dev`` with DEBUG off, ``--workers`` processes × 4 threads) asked
     for ``/goi/<token>/<path>`` with the content origin's Host: the token's signature and
     expiry checked at every request, the student's permission re-checked through the
     cache, the file read from the private storage with the origin's headers (CSP, ETag,
     nosniff…);
   * Python's ``http.server`` (``ThreadingHTTPServer``, HTTP/1.1 keep-alive, Nagle off:
     it writes headers and body apart) on the extracted folder;
   * nginx (if installed: Debian's ``nginx``) on the same folder, ``--workers`` workers.

3. ``--clients`` concurrent clients (asyncio, raw HTTP/1.1 with keep-alive, in this process)
   ask for the package's files in a shuffled loop for ``--seconds`` after a one-second
   warm-up; every answer must be a 200 with the file's length.

Prints requests/s and p50/p95/p99 latency in ms for each server (the client shares the
machine's cores with the server: the numbers compare servers, they are not a capacity).
Printed, not a gate. Usage:
    .venv/bin/python benchmarks/package_serving.py [--size ci|full] [--files N]
        [--clients C] [--seconds S] [--workers W]
"""

import argparse
import asyncio
import http.client
import math
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = {"ci": {"files": 500, "clients": 8, "seconds": 3}, "full": {"files": 500, "clients": 32, "seconds": 15}}  # fmt: skip
MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="vn.hoclieu.bench.serving" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>Bài giảng</title>
    <item identifier="i" identifierref="r"><title>Bài 1</title></item>
  </organization></organizations>
  <resources><resource identifier="r" type="webcontent" adlcp:scormtype="sco" href="index.html">
    <file href="index.html"/></resource></resources>
</manifest>"""
STATIC_SERVER = """
import functools, http.server, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes
    def log_message(self, *args):
        pass
handler = functools.partial(Handler, directory=sys.argv[2])
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), handler).serve_forever()
"""
NGINX_CONF = """
{user}
worker_processes {workers};
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  client_body_temp_path {tmp}/nginx-body;
  proxy_temp_path {tmp}/nginx-proxy;
  fastcgi_temp_path {tmp}/nginx-fastcgi;
  uwsgi_temp_path {tmp}/nginx-uwsgi;
  scgi_temp_path {tmp}/nginx-scgi;
  types {{ text/html html; application/javascript js; image/jpeg jpg; text/css css; }}
  server {{ listen 127.0.0.1:{port}; root {root}; }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


# === 1. The database, the package, the token ===============================================
def isolate(tmp: Path, port: int) -> dict:
    for name in list(os.environ):
        if name.startswith(("CELERY_", "CACHE_", "SEARCH_", "DATABASE_", "DJANGO_", "GUNICORN_")):
            os.environ.pop(name)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DEBUG="0",
        DATABASE_URL=f"sqlite:///{tmp}/bench.db",
        MEDIA_ROOT=f"{tmp}/media",
        PRIVATE_MEDIA_ROOT=f"{tmp}/private-media",
        CONTENT_ORIGIN=f"http://localhost:{port}",
        SITE_ORIGIN=f"http://127.0.0.1:{port}",
        LOG_LEVEL="WARNING",
    )
    return dict(os.environ)


def package_files(count: int, seed: int = 20) -> dict[str, bytes]:
    rng = random.Random(seed)
    files = {"imsmanifest.xml": MANIFEST.encode(), "index.html": b"<!doctype html><title>B</title>"}
    for n in range(count - 2):
        folder, ext = ("scripts", "js") if n % 5 == 0 else ("images", "jpg")
        files[f"{folder}/{n // 100:02d}/f{n:04d}.{ext}"] = rng.randbytes(rng.randint(2048, 20480))
    return files


def prepare(tmp: Path, count: int) -> tuple[str, Path, dict[str, int]]:
    """The package uploaded and published; (token, extracted folder, {path: size})."""
    import io
    import zipfile

    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from wagtail.models import Collection

    from content.packages.origin.tokens import launch_token
    from content.packages.services import package_publish, package_upload
    from tests.lms.packages.helpers import make_world

    connection.settings_dict["TEST"] = {"NAME": str(tmp / "bench.db"), "MIGRATE": False}
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    Collection.add_root(name="Root")  # made by Wagtail's migrations, which are not run
    world = make_world()
    files = package_files(count)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for path, data in files.items():
            archive.writestr(path, data)
    upload = SimpleUploadedFile("bai-giang.zip", out.getvalue(), content_type="application/zip")
    version = package_upload(user=world.teacher, uploaded_file=upload, title="Bài giảng")
    package_publish(user=world.teacher, package=version.package)
    token = launch_token(user_id=world.student.pk, version_id=version.pk)
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / version.storage_prefix
    connection.close()
    sizes = {p: len(d) for p, d in files.items() if p.endswith((".js", ".jpg"))}
    return token, folder, sizes


# === 2. Servers ============================================================================
class Server:
    def __init__(self, name: str, argv: list[str], port: int, env: dict, cwd: Path):
        self.name, self.port = name, port
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(  # noqa: S603
            argv, cwd=cwd, env=env, stdout=self.log, stderr=self.log, start_new_session=True
        )

    def wait(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} stopped at start:\n{self.tail()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not listen within 60 s:\n{self.tail()}")

    def tail(self) -> str:
        self.log.seek(0)
        return "\n".join(self.log.read().decode(errors="replace").splitlines()[-20:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


def gunicorn(env: dict, port: int, workers: int) -> Server:
    bin_dir = ROOT / ".venv" / "bin"
    exe = str(bin_dir / "gunicorn") if (bin_dir / "gunicorn").exists() else "gunicorn"
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers)}
    argv = [exe, "-c", "config/gunicorn.py", "config.wsgi:application"]
    return Server("content origin (gunicorn)", argv, port, env, ROOT)


def python_static(folder: Path, port: int) -> Server:
    argv = [sys.executable, "-c", STATIC_SERVER, str(port), str(folder)]
    return Server("http.server", argv, port, dict(os.environ), ROOT)


def nginx_static(folder: Path, port: int, tmp: Path, workers: int) -> Server | None:
    exe = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not exe:
        return None
    conf = tmp / "nginx.conf"
    user = "user root;" if os.geteuid() == 0 else ""
    conf.write_text(NGINX_CONF.format(user=user, workers=workers, tmp=tmp, port=port, root=folder))
    argv = [exe, "-p", str(tmp), "-c", str(conf), "-g", "daemon off;"]
    return Server("nginx", argv, port, dict(os.environ), tmp)


# === 3. The clients ========================================================================
async def _client(port, host, paths, sizes, prefix, until, warm_until, latencies, errors):
    reader = writer = None
    i = random.randrange(len(paths))
    while time.perf_counter() < until:
        path = paths[i % len(paths)]
        i += 1
        if writer is None:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        started = time.perf_counter()
        writer.write(f"GET {prefix}{path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        fields = {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in lines[1:] if h)}
        body = await reader.readexactly(int(fields.get("content-length", "0")))
        if started >= warm_until:
            latencies.append(time.perf_counter() - started)
        if not lines[0].startswith("HTTP/1.1 200") or len(body) != sizes[path]:
            errors.append(f"{lines[0]} {path} ({len(body)} bytes)")
        if fields.get("connection", "").lower() == "close":
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def _load(port, host, prefix, sizes, clients, seconds) -> tuple[list[float], list[str]]:
    paths = list(sizes)
    random.Random(1).shuffle(paths)
    latencies, errors = [], []
    warm_until = time.perf_counter() + 1
    until = warm_until + seconds
    await asyncio.gather(*(
        _client(port, host, paths, sizes, prefix, until, warm_until, latencies, errors)
        for _ in range(clients)
    ))  # fmt: skip
    return latencies, errors


def ready(server: Server, host: str, url: str) -> None:
    """Wait for a real answer: gunicorn listens before its workers have loaded Django."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            connection.request("GET", url, headers={"Host": host})
            status = connection.getresponse().status
            connection.close()
            if status == 200:
                return
            raise RuntimeError(f"{server.name} answered {status} for {url}:\n{server.tail()}")
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{server.name} did not answer within 60 s:\n{server.tail()}")


def measure(server: Server, *, host: str, prefix: str, sizes, clients, seconds) -> dict:
    server.wait()
    ready(server, host, prefix + next(iter(sizes)))
    try:
        latencies, errors = asyncio.run(_load(server.port, host, prefix, sizes, clients, seconds))
    finally:
        server.stop()
    if errors:
        raise SystemExit(f"{server.name}: {len(errors)} bad answers, e.g. {errors[:3]}")
    return {
        "name": server.name,
        "rps": len(latencies) / seconds,
        "p50": 1000 * pct(latencies, 50),
        "p95": 1000 * pct(latencies, 95),
        "p99": 1000 * pct(latencies, 99),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--files", type=int)
    parser.add_argument("--clients", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    size = SIZES[args.size]
    count = args.files or size["files"]
    clients, seconds = args.clients or size["clients"], args.seconds or size["seconds"]
    with tempfile.TemporaryDirectory(prefix="bench-serving-") as name:
        tmp = Path(name)
        tmp.chmod(0o755)
        origin_port = free_port()
        env = isolate(tmp, origin_port)
        started = time.perf_counter()
        token, folder, sizes = prepare(tmp, count)
        total = sum(sizes.values())
        print(
            f"package: {len(sizes)} files of 2–20 KB ({total / 1024 / 1024:.1f} MB) served to "
            f"{clients} concurrent keep-alive clients for {seconds:g} s each "
            f"(set up in {time.perf_counter() - started:.1f} s)",
            flush=True,
        )
        runs = [
            measure(
                gunicorn(env, origin_port, args.workers),
                host=f"localhost:{origin_port}",
                prefix=f"/goi/{token}/",
                sizes=sizes,
                clients=clients,
                seconds=seconds,
            )
        ]
        statics = [python_static(folder, free_port())]
        server = nginx_static(folder, free_port(), tmp, args.workers)
        statics += [server] if server else []
        for server in statics:
            runs.append(
                measure(server, host=f"127.0.0.1:{server.port}", prefix="/", sizes=sizes,
                        clients=clients, seconds=seconds)
            )  # fmt: skip
    print(f"{'server':<30} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for run in runs:
        print(
            f"{run['name']:<30} {run['rps']:>8.0f} {run['p50']:>8.2f} {run['p95']:>8.2f} "
            f"{run['p99']:>8.2f}"
        )
    if len(runs) < 3:
        print("nginx: not installed (apt-get install nginx-light), not measured")
    return 0


if __name__ == "__main__":
    sys.exit(main())
