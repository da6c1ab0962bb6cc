"""Online exams and practice on the same engine (issue 18).

Modules: ``models`` (tables), ``codes`` (rotating access codes), ``versions`` (who gets which
mã đề), ``delivery`` (a version as the page receives it: never a key before release),
``services`` (sessions, check-in, attempts, invigilation: keyword-only, permission-checked,
logged), ``saving`` (the autosave hot path), ``grading`` (exactly-once grading, marking,
regrading), ``results`` (results table, exports, release), ``tasks`` (Celery), views and
templates for candidates, invigilators and the exam board.
"""
