"""The practice page on a cheap phone (issue 19): page weight, requests and the time to the
first question under a throttled network and a 4× slower CPU, in Debian's Chromium.

1. The demo as ``./scripts/demo`` makes it (``config.settings.dev``, ``migrate`` then
   ``seed_demo``) in an SQLite file of its own, ``build/bench_practice_page.sqlite3``
   (``--reuse FILE`` copies an already seeded database instead and migrates the copy).
2. A practice set of 10 Toán 12 questions for the printed student 2710000137
   (:func:`lms.revision.services.practice_create`, as the "Ôn tập" page's button does), then
   ``manage.py runserver --noreload`` on that database.
3. Playwright drives Debian's Chromium (never a downloaded browser) on a phone viewport,
   signed in as the student. Each page is loaded **cold** (a new browser context: empty
   cache, no service worker; only the session cookie) and then **warm** (the same context
   again), with the Chrome DevTools Protocol's ``Network.emulateNetworkConditions`` and
   ``Emulation.setCPUThrottlingRate`` (4×) for each network profile:

   * ``slow-3g``: 400 kbit/s down, 400 kbit/s up, 400 ms latency per request (the base
     numbers of DevTools' "Slow 3G" preset, without its 5× request-latency adjustment);
   * ``lighthouse-slow-4g``: Lighthouse's mobile preset (its "Slow 4G", formerly "Fast 3G"):
     150 ms RTT × 3,75 = 562,5 ms request latency, 1.474,56 kbit/s down, 675 kbit/s up.

   Pages: the practice set (``/thi/<candidate>/lam-bai/``: ready when the first question
   ``article.q`` is visible), the "Ôn tập" home
   (``/on-tap/``) and the offline revision page (``/on-tap/ngoai-tuyen/``: ready when its
   script has opened the device's store). The time is measured in the page
   (``performance.now()`` when a MutationObserver first sees the element; first contentful
   paint from the Paint Timing API).

``runserver`` does not compress: the bytes column is what it sent; the "gzip" column is
what nginx (deploy/nginx.conf: ``gzip_comp_level 5``, types html/css/js/json/svg, at least
1.024 bytes) would send for the same responses, computed here from their bodies (headers
not counted). Usage:
    .venv/bin/python benchmarks/practice_page.py [--reuse db.sqlite3] [--runs 1] [--keep]
"""

import argparse
import gzip
import io
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_FILE = ROOT / "build" / "bench_practice_page.sqlite3"
STUDENT = "2710000137"
PASSWORD = "hoclieu2025"  # noqa: S105 - the demo's published password
PHONE = {"width": 390, "height": 844}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
CPU_SLOWDOWN = 4
PROFILES = {  # kbit/s down, kbit/s up, ms latency per request
    "slow-3g": (400, 400, 400),
    "lighthouse-slow-4g": (1474.56, 675, 562.5),
}
GZIP_TYPES = ("text/html", "text/css", "javascript", "application/json", "image/svg+xml")
GZIP_MIN = 1024
GZIP_LEVEL = 5
# What "ready" means on each page: [name, CSS selector, text it must no longer have].
PAGES = {
    "practice": [["first question", "article.q", None]],
    "home": [["content", "h1", None]],
    "offline": [
        ["content", "[data-action=today]", None],
        ["app ready", "[data-testid=offline-status]", "Đang mở…"],
    ],
}
OBSERVER = """
(() => {
  const specs = %s;
  const ready = (window.__ready = {});
  const check = () => {
    for (const [name, selector, initial] of specs) {
      if (name in ready) continue;
      const el = document.querySelector(selector);
      if (!el || !el.getClientRects().length) continue;
      if (initial !== null && el.textContent.trim() === initial) continue;
      ready[name] = performance.now();
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true, characterData: true,
  });
})();
"""


def show(name: str, value, unit: str = "") -> None:
    print(f"{name}: {value} {unit}".rstrip(), flush=True)


# === 1–2. The demo database, the practice set, the server ==================================
def isolate(media: str) -> dict:
    """The demo's environment (nothing from the caller's services), also for the server."""
    for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL", "SEARCH_BACKEND",
                 "SEARCH_URL", "DATABASE_CONN_MAX_AGE"):  # fmt: skip
        os.environ.pop(name, None)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=f"sqlite:///{DB_FILE}",
        MEDIA_ROOT=f"{media}/media",
        PRIVATE_MEDIA_ROOT=f"{media}/private-media",
        LOG_LEVEL="WARNING",
    )
    return dict(os.environ)


def remove_database() -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{DB_FILE}{suffix}").unlink(missing_ok=True)


def prepare(reuse: str | None):
    """Seed (or copy and migrate) the demo; a function that starts a new practice set of
    the printed student and returns its page (the exam engine ties an attempt to the first
    browser that opens it, so each cold load gets its own set)."""
    from django.core.management import call_command

    started = time.perf_counter()
    if reuse:
        shutil.copyfile(reuse, DB_FILE)
    call_command("migrate", interactive=False, verbosity=0)
    if not reuse:
        call_command("seed_demo", stdout=io.StringIO())
    how = f"copied from {reuse} and migrated" if reuse else "migrate + seed_demo"
    show("demo database", f"{how} in {time.perf_counter() - started:.0f} s")

    from django.db import connection

    from accounts.models import User
    from curriculum.models import Subject
    from lms.revision import services
    from question_bank.assembly.services import practice_pool

    student = User.objects.get(username=STUDENT)
    toan = Subject.objects.get(code="toan")
    pool = practice_pool(user=student, subject=toan, grade=12).exclude(topic=None)
    topic = toan.topics.get(pk=pool.values_list("topic", flat=True).order_by("topic").first())
    show(
        "practice sets", f"10 Toán 12 questions of «{topic.name}» for {STUDENT}, one per cold load"
    )

    def new_practice() -> str:
        candidate = services.practice_create(
            user=student, subject=toan, grade=12, count=10, topic=topic
        )
        connection.close()  # the server writes to the same SQLite file
        return f"/thi/{candidate.pk}/lam-bai/"

    return new_practice


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/dang-nhap/", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("runserver did not answer within 60 s")


# === 3. Chromium ============================================================================
def sign_in(browser, base: str) -> list:
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", STUDENT)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state("load")
    cookies = context.cookies()
    context.close()
    if not any(c["name"] == "sessionid" for c in cookies):
        raise SystemExit(f"could not sign in as {STUDENT}")
    return cookies


def throttle(cdp, profile: str) -> None:
    down, up, latency = PROFILES[profile]
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": latency,
            "downloadThroughput": down * 1000 / 8,
            "uploadThroughput": up * 1000 / 8,
        },
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})


def gzip_size(body: bytes, content_type: str) -> int:
    if len(body) >= GZIP_MIN and any(t in content_type for t in GZIP_TYPES):
        return len(gzip.compress(body, GZIP_LEVEL))
    return len(body)


def load(page, cdp, url: str, checks: list) -> dict:
    """One navigation: requests, bytes on the wire, gzip estimate, readiness times."""
    from playwright.sync_api import Error as PlaywrightError

    sizes: dict[str, int] = {}
    urls: dict[str, str] = {}
    cached: set[str] = set()
    responses = []

    def sent(event):
        urls[event["requestId"]] = event["request"]["url"]

    def from_cache(event):
        cached.add(event["requestId"])

    def finished(event):
        sizes[event["requestId"]] = event["encodedDataLength"]

    def received(response):
        responses.append(response)

    handlers = {
        "Network.requestWillBeSent": sent,
        "Network.requestServedFromCache": from_cache,
        "Network.loadingFinished": finished,
    }
    for event, handler in handlers.items():
        cdp.on(event, handler)
    page.on("response", received)
    page.goto(url, wait_until="load", timeout=300_000)
    # Polled from here: the page's CSP forbids the string evaluation wait_for_function uses.
    deadline = time.monotonic() + 300
    while page.evaluate("() => Object.keys(window.__ready || {}).length") < len(checks):
        if time.monotonic() > deadline:
            raise SystemExit(f"{url}: not ready after 300 s")
        time.sleep(0.1)
    times = page.evaluate(
        "() => ({ready: window.__ready, fcp: (performance.getEntriesByName("
        "'first-contentful-paint')[0] || {}).startTime || null})"
    )
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", received)
    for event, handler in handlers.items():
        cdp.remove_listener(event, handler)
    from_network = {u for r, u in urls.items() if r not in cached}
    estimate, items = 0, []
    for response in responses:
        if response.url not in from_network or response.from_service_worker:
            continue
        try:
            body = response.body()
        except PlaywrightError:  # a redirect has no body
            body = b""
        packed = gzip_size(body, response.headers.get("content-type", ""))
        estimate += packed
        items.append((response.url.split("/", 3)[-1], len(body), packed))
    return {
        "requests": len(urls),
        "network": len([r for r in urls if r not in cached]),
        "bytes": sum(sizes.values()),
        "gzip": estimate,
        "ready": times["ready"],
        "fcp": times["fcp"],
        "items": items,
    }


def measure_page(browser, cookies, url: str, checks: list, profile: str) -> dict:
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="vi-VN")
    context.add_cookies(cookies)
    context.add_init_script(OBSERVER % json.dumps(checks))
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        throttle(cdp, profile)
        cold = load(page, cdp, url, checks)
        warm = load(page, cdp, url, checks)
    finally:
        context.close()
    return {"cold": cold, "warm": warm}


def row(page: str, profile: str, when: str, runs: list[dict], checks: list) -> str:
    def med(key):
        return statistics.median(r[key] for r in runs)

    ready = " ".join(
        f"{statistics.median(r['ready'][name] for r in runs) / 1000:7.2f}" for name, *_ in checks
    )
    paints = [r["fcp"] for r in runs if r["fcp"] is not None]
    fcp = f"{statistics.median(paints) / 1000:6.2f}" if paints else f"{'–':>6}"
    # what nginx's gzip would take off the transfer time at the profile's bandwidth
    saved = (med("bytes") - med("gzip")) * 8 / (PROFILES[profile][0] * 1000)
    return (
        f"  {page:9} {profile:19} {when:5} {med('requests'):5.0f} {med('network'):4.0f} "
        f"{med('bytes') / 1024:8.1f} {med('gzip') / 1024:8.1f} {max(0.0, saved):7.2f} "
        f"{fcp}  {ready}"
    )


def run_browser(base: str, new_practice, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    urls = {"practice": new_practice, "home": lambda: "/on-tap/", "offline": lambda: "/on-tap/ngoai-tuyen/"}  # fmt: skip
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), headless=True, args=CHROMIUM_ARGS
        )
        show("browser", f"Chromium {browser.version} (Debian), {PHONE['width']}×{PHONE['height']}")
        cookies = sign_in(browser, base)
        print(
            f"\n  {'page':9} {'profile':19} {'load':5} {'reqs':>5} {'net':>4} {'KB sent':>8} "
            f"{'KB gzip':>8} {'−s gzip':>7} {'FCP s':>6}  ready (s, from navigation start)"
        )
        for page, checks in PAGES.items():
            for profile in PROFILES:
                results = [
                    measure_page(browser, cookies, base + urls[page](), checks, profile)
                    for _ in range(runs)
                ]
                for when in ("cold", "warm"):
                    print(row(page, profile, when, [r[when] for r in results], checks), flush=True)
            print(f"  {'':9} ready = {', '.join(name for name, *_ in checks)}")
            if page == "practice":
                print(f"  {'':9} its responses (cold), KB as sent and gzipped:")
                for path, raw, packed in sorted(results[0]["cold"]["items"], key=lambda i: -i[1]):
                    print(f"  {'':11} {raw / 1024:7.1f} {packed / 1024:7.1f}  /{path[:70]}")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reuse", help="copy this seeded SQLite database instead of seeding")
    parser.add_argument("--runs", type=int, default=1, help="cold+warm runs per page (median)")
    parser.add_argument("--keep", action="store_true", help=f"leave {DB_FILE.name} behind")
    args = parser.parse_args()
    if not shutil.which("chromium"):
        raise SystemExit("practice_page needs Debian's chromium (apt-get install chromium)")

    media = tempfile.TemporaryDirectory(prefix="hoclieu-bench-practice-")
    env = isolate(media.name)
    DB_FILE.parent.mkdir(exist_ok=True)
    remove_database()
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    import django

    django.setup()
    from django.db import connection

    started = time.perf_counter()
    server = None
    try:
        new_practice = prepare(args.reuse)
        connection.close()
        port = free_port()
        server = start_server(env, port)
        show("server", f"manage.py runserver (DEBUG, no compression) on 127.0.0.1:{port}")
        show("CPU", f"{CPU_SLOWDOWN}× slowdown (Emulation.setCPUThrottlingRate)")
        for name, (down, up, latency) in PROFILES.items():
            show(
                f"network {name}", f"{down:g} kbit/s down, {up:g} kbit/s up, {latency:g} ms latency"
            )
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        run_browser(f"http://127.0.0.1:{port}", new_practice, args.runs)
        print(
            "\n  reqs: requests the page made; net: of them, not served by the HTTP cache; KB "
            "sent: bytes on the wire from runserver (uncompressed); KB gzip: the responses that "
            "came from the network as nginx would gzip them (bodies only); −s gzip: the seconds "
            "of transfer gzip would save at the profile's bandwidth; warm: the second "
            "load in the same browser (HTTP cache, service worker)"
        )
        show("total time", f"{time.perf_counter() - started:.0f}", "s")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        connection.close()
        if not args.keep:
            remove_database()
        media.cleanup()


if __name__ == "__main__":
    main()
