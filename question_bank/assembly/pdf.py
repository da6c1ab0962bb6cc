"""HTML → PDF with headless Chromium (Playwright), entirely offline.

The paper templates link their static files by URL (``{% static %}``), as a browser would
load them from the site. Before printing, every static and media URL in the HTML is
replaced by the ``file://`` URL of the file on this machine (found with Django's
staticfiles finders, else under ``STATIC_ROOT``/``MEDIA_ROOT``), the page is written to a
temporary directory and opened from there: printing never needs the network or a
running web server. No database access happens here.
"""

from __future__ import annotations

import asyncio
import html as html_lib
import re
import shutil
import tempfile
import threading
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

__all__ = ["ChromiumMissing", "html_to_pdf", "localise_urls"]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Page margins; the paper CSS declares the same in ``@page`` (the footer sits in the bottom one).
MARGINS = {"top": "15mm", "bottom": "17mm", "left": "18mm", "right": "15mm"}
TIMEOUT_MS = 60_000
_URL_ATTR = re.compile(r"""(?P<pre>\b(?:href|src)\s*=\s*)(?P<q>["'])(?P<url>[^"']*)(?P=q)""")
_CSS_URL = re.compile(r"""url\(\s*(?P<q>["']?)(?P<url>[^"')]+)(?P=q)\s*\)""")


class ChromiumMissing(RuntimeError):
    """No Chromium (or no Playwright) to print with."""


def _chromium_path() -> str:
    path = getattr(settings, "CHROMIUM_PATH", None) or shutil.which("chromium")
    if not path or not Path(path).exists():
        raise ChromiumMissing(
            "Không tìm thấy trình duyệt Chromium để in PDF; hãy cài gói 'chromium' hoặc đặt "
            "CHROMIUM_PATH. (Chromium not found: install the 'chromium' package or set "
            "settings.CHROMIUM_PATH.)"
        )
    return path


def _local_file(url: str) -> Path | None:
    """The file on disk behind a static or media URL, or None."""
    url = html_lib.unescape(url).split("#", 1)[0].split("?", 1)[0]
    static_url, media_url = settings.STATIC_URL or "/static/", settings.MEDIA_URL or "/media/"
    if url.startswith(static_url):
        rel = url[len(static_url) :]
        found = finders.find(rel)
        if isinstance(found, list):  # find(all=True) style answers, defensive
            found = found[0] if found else None
        if found:
            return Path(found)
        if settings.STATIC_ROOT and (Path(settings.STATIC_ROOT) / rel).is_file():
            return Path(settings.STATIC_ROOT) / rel
        return None
    if url.startswith(media_url) and settings.MEDIA_ROOT:
        path = (Path(settings.MEDIA_ROOT) / url[len(media_url) :]).resolve()
        # Only files inside MEDIA_ROOT: an URL with ".." must not reach the rest of the disk.
        if path.is_file() and path.is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
            return path
    return None


def localise_urls(html: str) -> str:
    """Static/media URLs in ``href``/``src`` attributes and CSS ``url()`` → ``file://`` URLs."""

    def attr(match: re.Match) -> str:
        path = _local_file(match.group("url"))
        if path is None:
            return match.group(0)
        q = match.group("q")
        return f"{match.group('pre')}{q}{html_lib.escape(path.as_uri())}{q}"

    def css(match: re.Match) -> str:
        path = _local_file(match.group("url"))
        return f'url("{path.as_uri()}")' if path is not None else match.group(0)

    return _CSS_URL.sub(css, _URL_ATTR.sub(attr, html))


def _footer(label: str, page_numbers: bool) -> str:
    parts = []
    if page_numbers:
        parts.append('Trang <span class="pageNumber"></span>/<span class="totalPages"></span>')
    if label:
        parts.append(html_lib.escape(label))
    # Chromium's footer has its own tiny default style: font and size must be set here.
    return (
        '<div style="width:100%;font-size:9pt;text-align:center;'
        "font-family:'Times New Roman','Liberation Serif','DejaVu Serif',serif;\">"
        + " – ".join(parts)
        + "</div>"
    )


def _print_many(jobs: list[tuple[str, str, bool]]) -> list[bytes]:
    """Print several pages with one Chromium: starting the browser is most of the cost."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is a dependency
        raise ChromiumMissing(
            "Thiếu thư viện Playwright để in PDF. (Playwright is not installed.)"
        ) from exc
    executable = _chromium_path()
    with tempfile.TemporaryDirectory(prefix="hoclieu-pdf-") as tmp:
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=executable, args=CHROMIUM_ARGS, headless=True
                )
                try:
                    out = []
                    for n, (html, footer_label, page_numbers) in enumerate(jobs):
                        page_path = Path(tmp) / f"page-{n}.html"
                        page_path.write_text(localise_urls(html), encoding="utf-8")
                        page = browser.new_page()
                        page.set_default_timeout(TIMEOUT_MS)
                        page.goto(page_path.as_uri(), wait_until="load")
                        # paper.js sets data-math-done once KaTeX has typeset (or is absent)
                        # and the options are laid out by their measured width.
                        page.wait_for_function(
                            "() => !document.querySelector('script[data-math]')"
                            " || document.body.dataset.mathDone === '1'"
                        )
                        page.evaluate("() => document.fonts.ready.then(() => true)")
                        out.append(
                            page.pdf(
                                format="A4",
                                print_background=True,
                                display_header_footer=True,
                                header_template="<span></span>",
                                footer_template=_footer(footer_label, page_numbers),
                                margin=MARGINS,
                                prefer_css_page_size=True,
                            )
                        )
                        page.close()
                    return out
                finally:
                    browser.close()
        except PlaywrightError as exc:
            raise RuntimeError(
                f"In PDF bằng Chromium thất bại. (Printing with Chromium failed: {exc})"
            ) from exc


def html_to_pdf(html: str, *, footer_label: str = "", page_numbers: bool = True) -> bytes:
    """Print a full HTML page (a paper, marking guide or answer sheet) to A4 PDF bytes.

    The footer reads "Trang x/y – ``footer_label``" (without the page numbers when
    ``page_numbers`` is false). Raises :class:`ChromiumMissing` (a ``RuntimeError``) when
    there is no Chromium to print with.
    """
    return html_to_pdfs([(html, footer_label, page_numbers)])[0]


def html_to_pdfs(jobs: list[tuple[str, str, bool]]) -> list[bytes]:
    """Like :func:`html_to_pdf` for many pages ``(html, footer_label, page_numbers)``, printed
    by one Chromium."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _print_many(jobs)
    # Playwright's sync API refuses to run inside an event loop (async views, Channels…):
    # print from a worker thread, which has no loop.
    result: dict = {}

    def work() -> None:
        try:
            result["pdfs"] = _print_many(jobs)
        except BaseException as exc:  # re-raised in the caller's thread
            result["error"] = exc

    thread = threading.Thread(target=work, name="html-to-pdfs")
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["pdfs"]
