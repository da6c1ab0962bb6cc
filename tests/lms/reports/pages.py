"""Reading a report page back as a user (or a screen reader) would: the rows of its table
and the numbers its SVG chart names in each bar's title."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
#: "<series> – <label>: <value><unit>" (lms.reports.charts.bar_chart).
_BAR = re.compile(r"^(?P<series>.+?) – (?P<label>.+): (?P<value>[^:]+?)(?: %)?$")


class _Table(HTMLParser):
    def __init__(self, testid: str):
        super().__init__()
        self.testid, self.inside, self.depth = testid, False, 0
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        if tag == "table" and dict(attrs).get("data-testid") == self.testid:
            self.inside = True
        if not self.inside:
            return
        if tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            (self.headers.extend if self._in_head else self.rows.append)(self._row)
            self._row = None
        elif tag == "thead":
            self._in_head = False
        elif tag == "table":
            self.inside = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def report_table(html: str, testid: str = "report-table") -> tuple[list[str], list[list[str]]]:
    """(headers, rows) of the page's report table, cells as the page prints them."""
    parser = _Table(testid)
    parser.feed(html)
    assert parser.headers, "no report table on the page"
    return parser.headers, parser.rows


def chart_bars(html: str) -> dict[tuple[str, str], str]:
    """(series, label) → the value the chart's bar names, for every bar of the page's
    charts (one SVG per report page)."""
    svgs = _SVG.findall(html)
    assert svgs, "no SVG chart on the page"
    bars = {}
    for svg in svgs:
        for title in _TITLE.findall(svg):
            found = _BAR.match(unescape(title))
            if found:
                bars[(found["series"], found["label"])] = found["value"]
    return bars
