"""Issue 21, acceptance 4: no question is ever saved as an essay unless it was one.

Over every shared fixture this importer reads (Moodle XML, GIFT, Aiken, QTI 2.1) and every
Word file the Word-import tests build (recorded while those tests run, docx_recorder.py),
each item the pipeline reads — the ones it would save and the ones it rejects — is checked:
an item with options and a marked key is never an essay, an essay's text never shows
options with their key, and in the structured formats an essay is one only where the
source says so.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from question_bank.formats.base import ImportRejected, ParsedQuestion, QType
from question_bank.html import plain_text
from question_bank.importing import parse_checked
from tests.question_bank.formats.fixtures import fixture_path

ROOT = Path(__file__).resolve().parents[3]
WORD_TESTS = ["tests/question_bank/formats/docx", "tests/question_bank/formats/test_docx.py"]
# The recording run uses the embedded database and no outside service, whatever this one uses.
SERVICE_VARIABLES = (
    "DATABASE_URL",
    "SEARCH_BACKEND",
    "SEARCH_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "HOCLIEU_REQUIRE_SERVICES",
    "PYTEST_ADDOPTS",
)
# Options A. … B. … in an essay's text, and a sign that one of them is the key.
OPTIONS = re.compile(r"(?<![\w])A\s*[.)]\s*\S.*?(?<![\w])B\s*[.)]\s*\S", re.S)
KEY_SIGN = re.compile(
    r"\[<\s*Ans|Đáp án\s*[:：]?\s*[A-H]\b|Chọn\s+(?:đáp án\s+)?[A-H]\b"
    r"|<(?:u|b|strong)>\s*\*?[A-H]\s*[.)]?\s*</(?:u|b|strong)>|(?<![\w*])\*[A-H]\s*[.)]",
    re.I,
)


def items(result) -> list[ParsedQuestion]:
    """Every question read: what would be saved and what was rejected."""
    return result.in_file_order()


def keyed_options(q: ParsedQuestion) -> bool:
    return len(q.choices) >= 2 and any(c.correct for c in q.choices)


def hides_options_and_key(q: ParsedQuestion) -> bool:
    html = " ".join([q.stem, q.solution, q.marking_guide, q.general_feedback])
    marks = html + " " + plain_text(html)  # underlined letters in the HTML, [<Ans=…>] in the text
    return bool(OPTIONS.search(plain_text(q.stem))) and bool(KEY_SIGN.search(marks))


def check(q: ParsedQuestion, where: str) -> None:
    label = f"{where}: {q.ref or q.name}"
    if keyed_options(q):
        assert q.qtype != QType.ESSAY, f"{label}: options with a key read as an essay"
    if q.qtype == QType.ESSAY:
        assert not hides_options_and_key(q), f"{label}: an essay showing options and a key"


# --- the shared fixtures ---------------------------------------------------------------
def _read(path: Path, files: dict[str, bytes] | None = None):
    try:
        return parse_checked(path.name, path.read_bytes(), files=files)
    except ImportRejected:
        return None


def _moodle_essays(path: Path) -> set[str]:
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    return {
        "".join(q.xpath("./name/text/text()")).strip()
        for q in tree.iter("question")
        if q.get("type") == "essay"
    }


def _gift_essays(text: str) -> set[str]:
    return {m.group(1).strip() for m in re.finditer(r"::(.+?)::[^{]*\{\s*\}", text)}


def fixture_results():
    moodle, qti = fixture_path("moodle"), fixture_path("qti21")
    if not moodle.is_dir() or not qti.is_dir():
        pytest.skip(f"the shared fixtures are not at {moodle.parent}")
    for path in sorted(moodle.glob("*.xml")):
        yield path, _read(path), _moodle_essays(path)
    for path in sorted(moodle.glob("*.txt")):
        essays = _gift_essays(path.read_text("utf-8")) if "gift" in path.name else set()
        yield path, _read(path), essays
    images = {f"images/{p.name}": p.read_bytes() for p in (qti / "images").iterdir()}
    for path in sorted(qti.glob("*.xml")):
        essay = b"extendedTextInteraction" in path.read_bytes()
        result = _read(path, images)
        yield path, result, {q.name for q in items(result)} if essay and result else set()


def test_no_fixture_item_with_options_and_a_key_is_an_essay():
    seen = keyed = 0
    formats = set()
    for path, result, essays in fixture_results():
        assert result is not None, f"{path.name} was refused"
        formats.add(result.format)
        for q in items(result):
            check(q, path.name)
            if q.qtype == QType.ESSAY:
                assert q.name in essays, f"{path.name}: {q.name} is an essay, the source is not"
            seen += 1
            keyed += keyed_options(q)
    assert formats == {"moodle_xml", "gift", "aiken", "qti"}
    assert seen >= 20 and keyed >= 8, (seen, keyed)


# --- every Word file the tests build ---------------------------------------------------
@pytest.fixture(scope="module")
def word_files(tmp_path_factory) -> list[Path]:
    """Runs the Word-import tests once with the recorder: each .docx they build, once."""
    folder = tmp_path_factory.mktemp("docx-from-tests")
    env = {k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES}
    env["HOCLIEU_DOCX_RECORD"] = str(folder)
    command = [
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
        "-p", "tests.question_bank.import_edit.docx_recorder",
        "-m", "not browser and not office and not postgres and not celery and not search",
        *WORD_TESTS,
    ]  # fmt: skip
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    files = sorted(folder.glob("*.docx"))
    assert len(files) >= 40, run.stdout[-3000:] + run.stderr[-3000:]
    return files


def test_no_item_of_a_test_built_word_file_with_options_and_a_key_is_an_essay(word_files):
    seen = keyed = essays = 0
    for path in word_files:
        result = _read(path)
        if result is None:
            continue  # a refused file (a renamed .doc, a broken zip) has no item
        for q in items(result):
            check(q, path.name)
            seen += 1
            keyed += keyed_options(q)
            essays += q.qtype == QType.ESSAY
    assert seen >= 150 and keyed >= 100 and essays >= 3, (seen, keyed, essays)


def test_the_checks_catch_an_essay_hiding_options_and_a_key():
    hidden = ParsedQuestion(
        qtype=QType.ESSAY, stem="<p>Tính 1 + 1.</p><p>A. 1 <u>B</u>. 2 C. 3</p>", ref="Câu 1"
    )
    with pytest.raises(AssertionError, match="showing options and a key"):
        check(hidden, "x.docx")
    ans = ParsedQuestion(qtype=QType.ESSAY, stem="Chọn: A. một B. hai [&lt;Ans=A&gt;]", ref="Câu 2")
    with pytest.raises(AssertionError):
        check(ans, "x.docx")
    plain = ParsedQuestion(qtype=QType.ESSAY, stem="So sánh các cách: A. đun B. lọc C. chưng cất")
    check(plain, "x.docx")  # options without a key: an essay may name them
