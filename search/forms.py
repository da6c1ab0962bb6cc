"""The search parameters of the page and of the API, validated into ``SearchParams``.

One form for both doors, so ``/tim-kiem/`` and ``/api/v1/search/`` accept exactly the same
query string. A filter with a bad value (``grade=99``, ``kind=abc``) is reported as a form
error and left out of the search; ``page`` and ``sort`` are forgiving (``page=abc`` is the
first page, an unknown sort is "relevance"), as people edit those in the address bar.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from search.labels import SORTS, level_labels, licence_labels, resource_type_labels
from search.models import DocumentKind
from search.query import MAX_QUERY_LENGTH
from search.service import GRADES, MAX_PAGE, SearchParams

#: Names of the filters, in the order the page lists them, with their headings.
FILTER_LABELS = {
    "kind": _("Loại"),
    "subject": _("Môn học"),
    "grade": _("Lớp"),
    "resource_type": _("Dạng"),
    "level": _("Mức độ"),
    "collection": _("Bộ sưu tập"),
    "licence": _("Giấy phép"),
}
#: Filters that take several values (repeated in the query string).
MULTI = ("kind", "subject", "resource_type", "level", "licence")
#: Ids are database integers; anything larger is not an id (and would overflow SQLite).
MAX_ID = 2**31 - 1
#: Filters that take one value.
SINGLE = ("grade", "collection")


class MultipleIntegerField(forms.Field):
    """Repeated positive integers (``subject=3&subject=7``), as a sorted list without repeats."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": _("Mã phải là số nguyên dương.")}

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        out = set()
        for raw in value:
            raw = str(raw).strip()
            if not raw:
                continue
            if not raw.isdigit() or not 1 <= int(raw) <= MAX_ID:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            out.add(int(raw))
        return sorted(out)


class MultipleChoiceFilter(forms.MultipleChoiceField):
    """Repeated values from a list; empty ones (``kind=``) mean no filter, not an error."""

    def to_python(self, value):
        return [v for v in super().to_python(value) if v.strip()]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Từ khoá"),
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH}),
    )
    kind = MultipleChoiceFilter(
        label=FILTER_LABELS["kind"], required=False, choices=DocumentKind.choices
    )
    subject = MultipleIntegerField(label=FILTER_LABELS["subject"], required=False)
    grade = forms.TypedChoiceField(
        label=FILTER_LABELS["grade"],
        required=False,
        choices=[("", "")] + [(str(g), str(g)) for g in GRADES],
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Lớp phải là một số từ 1 đến 12.")},
    )
    resource_type = MultipleChoiceFilter(label=FILTER_LABELS["resource_type"], required=False)
    level = MultipleChoiceFilter(label=FILTER_LABELS["level"], required=False)
    collection = forms.IntegerField(
        label=FILTER_LABELS["collection"],
        required=False,
        min_value=1,
        max_value=MAX_ID,
        error_messages={
            "invalid": _("Mã bộ sưu tập phải là số nguyên dương."),
            "min_value": _("Mã bộ sưu tập phải là số nguyên dương."),
            "max_value": _("Mã bộ sưu tập phải là số nguyên dương."),
        },
    )
    licence = MultipleChoiceFilter(label=FILTER_LABELS["licence"], required=False)
    sort = forms.CharField(label=_("Sắp xếp"), required=False)
    page = forms.CharField(label=_("Trang"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource_type"].choices = sorted(resource_type_labels().items())
        self.fields["level"].choices = sorted(level_labels().items())
        self.fields["licence"].choices = sorted(licence_labels().items())
        invalid = _("Giá trị “%(value)s” không có trong danh sách.")
        for name in ("kind", "resource_type", "level", "licence"):
            self.fields[name].error_messages["invalid_choice"] = invalid

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data.get("q", "").split())[:MAX_QUERY_LENGTH]

    def clean_sort(self) -> str:
        value = self.cleaned_data.get("sort") or "relevance"
        return value if value in SORTS else "relevance"

    def clean_page(self) -> int:
        try:
            page = int(str(self.cleaned_data.get("page") or "1").strip())
        except ValueError:
            return 1
        return min(max(page, 1), MAX_PAGE)

    # --- What the views use ---------------------------------------------------------
    def params(self) -> SearchParams:
        """The valid part of the query as ``SearchParams`` (call after ``is_valid()``)."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        data = self.cleaned_data
        return SearchParams(
            q=data.get("q", ""),
            kind=list(data.get("kind") or []),
            subject=list(data.get("subject") or []),
            grade=data.get("grade"),
            resource_type=list(data.get("resource_type") or []),
            level=list(data.get("level") or []),
            collection=data.get("collection"),
            licence=list(data.get("licence") or []),
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
        ).clean()

    def error_list(self) -> list[str]:
        """Every error as one readable line, "Lớp: Lớp phải là …"."""
        lines = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            for message in errors:
                lines.append(f"{label}: {message}" if label else str(message))
        return lines

    def has_criteria(self) -> bool:
        """Whether the visitor asked for anything (a query or a filter)."""
        return any(self.data.get(name) for name in ("q", *FILTER_LABELS))
