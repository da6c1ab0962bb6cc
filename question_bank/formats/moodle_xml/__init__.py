"""Moodle XML: :func:`parse` reads a question-bank export, :func:`export` writes one.

Mapping (Moodle type → :class:`~question_bank.formats.base.QType`):

* ``multichoice`` → SINGLE_CHOICE (``single=true``; the 100 % answer is correct, other
  fractions kept as partial credit) or MULTIPLE_RESPONSE (every positive fraction is correct);
  ``shuffleanswers=0`` → ``keep_option_order``.
* ``truefalse`` → TRUE_FALSE with **one** statement: the question text is the stem and
  ``choices == [Choice(text="", correct=<"true" is the right answer>)]``. Moodle keeps one
  feedback per answer; when they differ they are joined in ``Choice.feedback``.
* ``shortanswer`` → SHORT_TEXT (the answers with a positive fraction; 0 % answers are left
  out, with a warning naming them unless it is the ``*`` catch-all),
  ``numerical`` → SHORT_NUMERIC (decimal comma), ``essay`` → ESSAY (``graderinfo`` →
  ``marking_guide``), ``matching`` → MATCHING (empty sub-question = distractor answer),
  ``ordering`` (plugin) → ORDERING, ``multianswer`` (Cloze), ``ddwtos`` and ``gapselect`` →
  CLOZE, ``description`` → skipped with a warning (or a :class:`ParsedGroup`, see below);
  ``calculated*``, ``random`` and other types → an error naming the type.

Every question also carries ``name``, ``defaultgrade`` → ``points``, ``idnumber`` →
``source_id``, ``generalfeedback`` → ``general_feedback``, ``<tags>`` → ``tags``, the
current category path (without ``$course$``/``top``) → ``category``; ``ref`` is
``Câu N (“name”)`` counting every non-category ``<question>``. A question with errors (grades
Moodle refuses, fractions that do not add up, :func:`validate_question` rules …) gives one
error :class:`Problem` with all its reasons and is kept out of ``questions`` in
``ParseResult.rejected``, at its place, so the preview shows it (a multichoice without a
100 % answer gets its key there); one of a type hoclieu does not read is recorded at its
place (``ParseResult.unbuilt``). Either way the rest of the file can be saved once the
teacher leaves it out; only an unsafe or non-Moodle file is refused whole.

On export, a Đúng/Sai gap is a plain ``MULTICHOICE`` drop-down (not ``MULTICHOICE_S``) so
that "Đúng" always comes before "Sai"; the importer reads any MULTICHOICE variant. A wrong
MULTIPLE_RESPONSE option without a fraction is written as −100 %, which is how hoclieu
scores it (ticking every box earns nothing).

What Moodle has no field for travels as tags named ``hoclieu:…`` (removed from
``ParsedQuestion.tags`` on import):

=================================  ===========================================================
``hoclieu:true_false``             a ``multianswer`` that is a Đúng/Sai cluster: each statement
                                   is ``<div>a) … {n:MULTICHOICE:=Đúng~Sai}</div>`` after the
                                   marker ``<!--hoclieu:statements-->``
``hoclieu:level:hieu``             ``level`` (one of ``LEVEL_CODES``)
``hoclieu:part:3``                 ``part``
``hoclieu:difficulty:0.4``         ``difficulty``
``hoclieu:keep_position``          ``keep_position``
``hoclieu:keep_option_order``      ``keep_option_order`` for types without ``shuffleanswers``
``hoclieu:no_shuffle_statements``  ``shuffle_statements = False``
``hoclieu:fixed:3``                ``choices[2].fixed`` (1-based)
``hoclieu:group:g1``               ``group``; the stimulus is a ``description`` question tagged
``hoclieu:stimulus:g1``            …which becomes ``ParsedGroup("g1")`` instead of being skipped
``hoclieu:solution-in-feedback``   ``generalfeedback`` = general feedback,
                                   ``<!--hoclieu:solution-->``, solution (the part before the
                                   marker may be empty)
=================================  ===========================================================

Files: ``<file name="x.png" path="/" encoding="base64">`` inside a text field become
``assets["x.png"]`` and ``@@PLUGINFILE@@/x.png`` becomes ``asset:x.png`` (and back on export).

Modules: ``reader`` (:func:`parse`), ``writer`` (:func:`export`), ``cloze`` (the Cloze codes
both ways) and ``shared`` (categories, text formats, ``hoclieu:*`` tags and grades, which
the GIFT parser uses too).
"""

from question_bank.formats.moodle_xml.reader import parse
from question_bank.formats.moodle_xml.shared import FORMAT
from question_bank.formats.moodle_xml.writer import export

__all__ = ["FORMAT", "export", "parse"]
