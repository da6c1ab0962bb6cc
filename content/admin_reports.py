"""Site history (``/admin/reports/site-history/``) narrowed per object.

Wagtail shows every log entry of a model (snippets, images, documents…) to anyone with
a permission on that model, titles included: a curator saw other schools' library items.
Here the entries of those models are kept only for objects the user may act on (the
rule of the bulk actions, ``content.bulk_guard.actable_instances``); page entries are
already narrowed by the page policy (``explorable_instances``)."""

from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.models import ModelLogEntry

from content.bulk_guard import actable_instances


def _superuser_entries_q(user, entries) -> Q:
    """Superusers see every entry but those of objects hidden even from them (an exam
    board's confidential pool and its questions): existing objects they may not act on."""
    hidden = []
    for content_type_id in entries.values_list("content_type_id", flat=True).distinct():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        allowed = actable_instances(user, model).values("pk")
        ids = (
            model._default_manager.exclude(pk__in=allowed)
            .annotate(pk_text=Cast("pk", output_field=CharField()))
            .values("pk_text")
        )
        hidden.append(Q(content_type_id=content_type_id, object_id__in=ids))
    return ~reduce(or_, hidden) if hidden else Q()


def model_log_entries_q(user, entries) -> Q:
    """A filter on ``ModelLogEntry`` rows: those of objects ``user`` may act on."""
    if user.is_superuser:
        return _superuser_entries_q(user, entries)
    parts = []
    for content_type_id in entries.values_list("content_type_id", flat=True).distinct():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        ids = actable_instances(user, model).annotate(pk_text=Cast("pk", output_field=CharField()))
        parts.append(Q(content_type_id=content_type_id, object_id__in=ids.values("pk_text")))
    return reduce(or_, parts) if parts else Q(pk__in=[])


class NarrowedLogEntriesView(LogEntriesView):
    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if queryset.model is ModelLogEntry:
            queryset = queryset.filter(model_log_entries_q(self.request.user, queryset))
        return queryset


site_history = NarrowedLogEntriesView.as_view()
site_history_results = NarrowedLogEntriesView.as_view(results_only=True)
