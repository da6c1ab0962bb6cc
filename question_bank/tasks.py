"""Celery tasks: read an uploaded question file for its preview, then save it on confirmation.

Both take the ImportJob id; the job row carries state, progress and the report the
preview page shows, so a large file never blocks a web request.
"""

import logging

from celery import shared_task
from django.core.cache import cache

from question_bank import import_reading
from question_bank.import_jobs import ImportJob
from question_bank.import_preview import preview_items
from question_bank.importing import (
    ImportBlocked,
    Preview,
    build_preview,
    import_commit,
    import_job_files_delete,
)

logger = logging.getLogger(__name__)


def progress_key(job_id: int) -> str:
    return f"question-import-progress:{job_id}"


def _read(job: ImportJob) -> tuple[bytes, dict[str, bytes]]:
    with job.upload.open("rb") as fh:
        data = fh.read()
    files = {}
    storage = job.upload.storage
    for entry in job.extra_files or []:
        with storage.open(entry["path"], "rb") as fh:
            files[entry["name"]] = fh.read()
    return data, files


@shared_task(acks_late=True)
def import_preview_task(job_id: int) -> dict:
    job = ImportJob.objects.select_related("bank", "created_by").get(pk=job_id)
    if not job.upload:
        return {"state": job.state}  # already rejected, its files deleted
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.PARSING)
    result = None
    try:
        data, files = _read(job)
        preview, result = build_preview(
            job.filename,
            data,
            job.bank,
            job.created_by,
            files=files,
            reading_key=import_reading.job_key(job),
        )
    except Exception:
        # A file no parser survives is rejected like any other, not left half-read on disk.
        logger.exception("Question import %s: the file could not be read", job.pk)
        preview = Preview(
            filename=job.filename, format="", errors=[f"Tệp {job.filename}: không đọc được tệp"]
        )
    report = preview.as_dict()
    if result is not None:
        # Each question as the student will see it, its doubts beside it (import_preview).
        report.update(preview_items(result, preview.duplicates))
    # A file with good questions waits for the teacher even when some have errors: they
    # may leave those out on the preview page (the save re-checks everything).
    readable = preview.ok or (result is not None and preview.total > 0)
    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportJob.State.PREVIEW if readable else ImportJob.State.REJECTED,
        format=preview.format,
        total=preview.total,
        report=report,
    )
    if not readable:
        import_job_files_delete(job=job)
    return report


@shared_task(acks_late=True)
def import_commit_task(job_id: int) -> dict:
    job = ImportJob.objects.select_related("bank", "created_by", "default_topic").get(pk=job_id)
    if job.state not in (ImportJob.State.PREVIEW, ImportJob.State.SAVING):
        return {"state": job.state}
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.SAVING, progress=0)
    data, files = _read(job)

    def progress(done: int, total: int) -> None:
        # The import runs in one transaction; progress goes through the shared cache so the
        # preview page (another connection) sees it before the commit.
        cache.set(progress_key(job.pk), [done, total], timeout=3600)

    report = dict(job.report)
    try:
        summary = import_commit(
            job.filename,
            data,
            job.bank,
            job.created_by,
            files=files,
            submit_for_review=job.submit_for_review,
            topic=job.default_topic,
            progress=progress,
            import_job=job,
            leave_out=report.get("leave_out") or (),
            fixes=report.get("fixes") or {},
            reading_key=import_reading.job_key(job),
        )
    except ImportBlocked as exc:
        report["commit_errors"] = exc.problems
        ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.FAILED, report=report)
        import_job_files_delete(job=job)
        return report
    report["created"] = summary.created
    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportJob.State.DONE, report=report, progress=summary.created
    )
    return report


@shared_task(acks_late=True)
def index_questions_task(question_ids: list[int]) -> int:
    """Add freshly imported questions to every auto-updated search backend, in chunks."""
    from wagtail.search.backends import get_search_backends

    from question_bank.models import Question

    done = 0
    for start in range(0, len(question_ids), 500):
        chunk = list(
            Question.objects.filter(pk__in=question_ids[start : start + 500]).prefetch_related(
                "choices"
            )
        )
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(Question, chunk)
        done += len(chunk)
    return done


def render_progress_key(paper_id: int) -> str:
    return f"paper-render-progress:{paper_id}"


@shared_task(acks_late=True)
def render_paper_task(paper_id: int) -> dict:
    """Render every file of a paper into one ZIP stored on the paper; safe to retry."""
    from django.core.files.base import ContentFile

    from question_bank.assembly.models import Paper
    from question_bank.assembly.outputs import bundle_name, paper_bundle
    from question_bank.assembly.services import paper_assembled

    paper = Paper.objects.get(pk=paper_id)
    Paper.objects.filter(pk=paper.pk).update(
        render_state=Paper.RenderState.RUNNING, render_error=""
    )

    def progress(done: int, total: int) -> None:
        cache.set(render_progress_key(paper.pk), [done, total], timeout=3600)

    try:
        data = paper_bundle(paper_assembled(paper), progress=progress)
    except Exception as exc:
        Paper.objects.filter(pk=paper.pk).update(
            render_state=Paper.RenderState.FAILED, render_error=str(exc)[:2000]
        )
        raise
    old = paper.output.name if paper.output else ""
    paper.output.save(bundle_name(paper.title), ContentFile(data), save=False)
    paper.render_state = Paper.RenderState.DONE
    paper.save(update_fields=["output", "render_state"])
    if old and old != paper.output.name:
        paper.output.storage.delete(old)
    return {"paper": paper.pk, "bytes": len(data)}
