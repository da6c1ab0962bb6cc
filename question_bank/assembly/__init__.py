"""Exam matrices and assembly: from a ma trận to papers with many versions (mã đề).

* :mod:`.paper` — the plain data a rendered paper is made from (header, versions, items);
  every output (PDF, Word, answer keys, answer sheets) reads only this.
* :mod:`.matrix` — matrix templates (2025 THPT formats, periodic tests) and their checks.
* :mod:`.solver` — parallel forms and single papers with OR-Tools CP-SAT.
* :mod:`.shuffle` — shuffled versions of one paper, and version codes.
"""
