"""Celery tasks of ``lms``: thin, take ids and paths, call a service, safe to retry."""

from pathlib import Path

from celery import shared_task
from django.contrib.auth import get_user_model

from accounts.models import SchoolYear
from accounts.roster.importer import roster_import


@shared_task(acks_late=True)
def roster_import_task(
    *, kind: str, path: str, actor_id: int, school_year_id: int | None = None
) -> dict:
    """Import a roster file saved under MEDIA_ROOT. All-or-nothing, so a retry after a
    failure cannot double-import; a retry after success reports the rows as existing."""
    actor = get_user_model().objects.get(pk=actor_id)
    school_year = SchoolYear.objects.get(pk=school_year_id) if school_year_id else None
    file_path = Path(path)
    report = roster_import(
        kind=kind,
        data=file_path.read_bytes(),
        filename=file_path.name,
        actor=actor,
        school_year=school_year,
    )
    return {
        "kind": report.kind,
        "rows": report.rows,
        "created": report.created,
        "errors": [str(e) for e in report.errors],
    }
