"""Revision runs on the exam engine: its cached versions and attempt states must go between
tests too (ids repeat after a rollback)."""

from tests.lms.exams.conftest import _fresh_exam_caches  # noqa: F401
