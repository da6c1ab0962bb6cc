"""A self-contained HTML page → PDF with headless Chromium (Playwright), offline.

For pages that carry their own styles and use the machine's fonts (login slips): no static
files, no scripts to wait for. Page size and margins come from the page's CSS ``@page``.
The papers of the question bank print with their own module
(``question_bank.assembly.pdf``: static files made local, KaTeX, footers).
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import threading
from pathlib import Path

from django.conf import settings

__all__ = ["ChromiumMissing", "html_page_to_pdf"]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 60_000


class ChromiumMissing(RuntimeError):
    """No Chromium (or no Playwright) to print with."""


def _chromium_path() -> str:
    path = getattr(settings, "CHROMIUM_PATH", None) or shutil.which("chromium")
    if not path or not Path(path).exists():
        raise ChromiumMissing(
            "Không tìm thấy trình duyệt Chromium để in PDF; hãy cài gói 'chromium' hoặc đặt "
            "CHROMIUM_PATH."
        )
    return path


def _print(html: str) -> bytes:
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is a dependency
        raise ChromiumMissing("Thiếu thư viện Playwright để in PDF.") from exc
    executable = _chromium_path()
    try:
        return _print_with(sync_playwright, executable, html)
    except PlaywrightError as exc:
        raise RuntimeError(f"In PDF bằng Chromium thất bại: {exc}") from exc


def _print_with(sync_playwright, executable: str, html: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="hoclieu-pdf-") as tmp:
        page_path = Path(tmp) / "page.html"
        page_path.write_text(html, encoding="utf-8")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=executable, args=CHROMIUM_ARGS, headless=True
            )
            try:
                page = browser.new_page()
                page.set_default_timeout(TIMEOUT_MS)
                # Offline: the page is a local file and may fetch nothing else.
                page.route("http*://**", lambda route: route.abort())
                page.goto(page_path.as_uri(), wait_until="load")
                page.evaluate("() => document.fonts.ready.then(() => true)")
                return page.pdf(print_background=True, prefer_css_page_size=True)
            finally:
                browser.close()


def html_page_to_pdf(html: str) -> bytes:
    """Print a complete HTML document to PDF bytes. Raises :class:`ChromiumMissing` when
    there is no Chromium and ``RuntimeError`` when printing fails."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _print(html)
    # Playwright's sync API refuses to run inside an event loop (an async view): print
    # from a worker thread, which has none.
    result: dict = {}

    def work() -> None:
        try:
            result["pdf"] = _print(html)
        except BaseException as exc:  # re-raised in the caller's thread
            result["error"] = exc

    thread = threading.Thread(target=work, name="html-page-to-pdf")
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["pdf"]
