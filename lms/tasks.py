"""Celery finds an app's tasks in its ``tasks`` module: the exam engine's live in a
sub-package."""

from lms.exams.tasks import attempt_grade_task, attempts_close_overdue_task

__all__ = ["attempt_grade_task", "attempts_close_overdue_task"]
