"""IMS QTI 2.1/2.2 (and 3.0 items): assessment items and content packages, both ways.

Reading: :func:`parse` takes one ``assessmentItem`` XML (with the files it references
in ``files``) or a content package zip (``imsmanifest.xml`` with item resources, or just a
zip of item files). XML goes through :func:`~common.safefiles.parse_xml`, archives
through :class:`~common.safefiles.SafeZip`, and every href through
:func:`~common.safefiles.resolve_member`, so nothing escapes the package.

Writing: :func:`export` writes an IMS CP 1.1 package of QTI 2.1 items.

Conventions of hoclieu packages (the reader understands them back, so export → import
round-trips):

* The stem is an itemBody ``<div class="hl-stem">``; underline/strike/figure, which QTI's
  XHTML subset lacks, travel as ``span``/``div`` with classes ``hl-u``, ``hl-s``,
  ``hl-figure``, ``hl-figcaption``. Math stays LaTeX text.
* Đúng/Sai cluster: one item, each statement a ``<div class="hl-statement">`` followed by a
  single-choice ``choiceInteraction`` (``RESPONSE_a`` …) with the choices ``Đúng``/``Sai``.
  Any item made of several single choiceInteractions whose choices are exactly Đúng/Sai
  (or True/False) reads back as a Đúng/Sai cluster; a statement is the interaction's
  ``prompt`` or else the block just before it.
* Lời giải: ``modalFeedback identifier="SOLUTION"``; general feedback ``identifier="GENERAL"``;
  an option's feedback ``modalFeedback identifier=<choice identifier>``. Hướng dẫn chấm:
  ``rubricBlock view="scorer"`` in the itemBody.
* Everything QTI has no word for (level, part, difficulty, keep_position, tags, category,
  points, group, question type hint) sits in the manifest resource's ``<metadata>`` in a
  ``<hl:question xmlns:hl="urn:x-hoclieu:qti-metadata:1">`` element; tags are also LOM
  keywords. A shared stimulus (:class:`~question_bank.formats.base.ParsedGroup`) is an ``assessmentSection`` of the
  package's ``assessmentTest`` with the stimulus as its ``rubricBlock``.
* Đúng/Sai scoring in the file counts the statements answered right (SCORE 0…N); the 2025
  exam table (1→0,1 … 4→1 điểm) stays hoclieu's business.
* A missing ``<img>`` is an error; a missing ``<object>`` image falls back to the object's
  content with a warning. A single text entry inside a sentence leaves a
  ``<span class="blank">`` gap in the stem.
* Matching: a ``matchInteraction`` whose first ``simpleMatchSet`` holds the premises and the
  second the answers, ``directedPair`` values "premise answer". A premise paired with several
  answers becomes one premise per pair (flagged for review); unused answers become
  distractors (empty premise).

Items of other tools: one with template variables (``templateDeclaration`` or
``templateProcessing``) is refused by name ("câu hỏi có mẫu sinh số (template) chưa được hỗ
trợ"); feedback goes where its outcome condition shows it (:mod:`.feedback`): shown only on a
wrong answer, it is the wrong options' feedback, never the key's.

A broken item does not sink the package: one read whole but with errors (a choice without
``correctResponse`` keeps its options, without a key) is kept at its place in
``ParseResult.rejected``, one that cannot be read (a template item, an unsupported
interaction, a missing or malformed item file) is recorded at its place in
``ParseResult.unbuilt``; the preview page shows both and the teacher saves the rest. Only an
unsafe package (XXE, a zip bomb, a path outside it) or one without any item is refused whole.
"""

from __future__ import annotations

from collections.abc import Mapping

from question_bank.formats.base import ImportRejected, ParsedGroup, ParsedQuestion, ParseResult
from question_bank.formats.qti.package import parse_loose, parse_package, write_package


def parse(data: bytes, *, filename: str, files: Mapping[str, bytes] | None = None) -> ParseResult:
    """Questions from one QTI assessmentItem XML or a QTI content package zip.

    ``files`` carries the files a loose item references (its images), keyed by their path
    relative to the item, e.g. ``{"images/sign.png": b"..."}``. Raises
    :class:`ImportRejected` when the file as a whole is unsafe or holds no item.
    """
    if not data or not data.strip():
        raise ImportRejected(f"Tệp {filename}: tệp rỗng" if filename else "Tệp rỗng")
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return parse_package(data, filename)
    return parse_loose(data, filename, files or {})


def export(
    questions: list[ParsedQuestion], groups: list[ParsedGroup] | None = None, *, title: str = ""
) -> bytes:
    """A QTI 2.1 content package (zip) with one assessmentItem per question.

    The package also holds an ``assessmentTest`` listing the items in order, with a section
    per shared stimulus in ``groups``, and the images under ``images/``. ``title`` is not
    used: a package has no title page.
    """
    return write_package(questions, groups)
