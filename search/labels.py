"""Human labels of the facet values, shared by documents (indexed as text, so "sach giao
khoa" or "bai giang" find their kind) and by the search page."""

import time
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

from common.sharing import Licence
from content.library_models import LibraryCollection, ResourceType
from curriculum.models import Subject
from question_bank.models import QTYPE_CHOICES
from question_bank.scales import CognitiveLevel
from search.models import DocumentKind


def resource_type_labels() -> dict[str, str]:
    labels = {str(k): str(v) for k, v in ResourceType.choices}
    labels.update({str(k): str(v) for k, v in QTYPE_CHOICES})
    labels[DocumentKind.LESSON] = str(DocumentKind.LESSON.label)
    labels[DocumentKind.ELECTURE] = str(DocumentKind.ELECTURE.label)
    return labels


def licence_labels() -> dict[str, str]:
    return {str(k): str(v) for k, v in Licence.choices}


@lru_cache(maxsize=1)
def level_labels() -> dict[str, str]:
    """Cached per process: the cognitive scales change about never."""

    labels: dict[str, str] = {}
    for code, name in CognitiveLevel.objects.order_by("scale_id", "sort_order").values_list(
        "code", "name"
    ):
        labels.setdefault(code, name)
    return labels


def kind_labels() -> dict[str, str]:
    return {str(k): str(v) for k, v in DocumentKind.choices}


def grade_words(grade_min: int | None, grade_max: int | None) -> str:
    if not grade_min:
        return ""
    top = grade_max or grade_min
    return " ".join(f"Lớp {g}" for g in range(grade_min, top + 1))


SORTS = {
    "relevance": _("Liên quan nhất"),
    "newest": _("Mới nhất"),
    "popular": _("Dùng nhiều nhất"),
}


#: Names of subjects and collections, cached per process for a minute (a renamed shelf
#: shows its new name on facets within that time).
NAMES_TTL = 60.0
_names: dict[str, tuple[float, dict[str, str]]] = {}


def _cached_names(key: str, load) -> dict[str, str]:
    now = time.monotonic()
    hit = _names.get(key)
    if hit is None or now - hit[0] > NAMES_TTL:
        hit = _names[key] = (now, {str(pk): name for pk, name in load()})
    return hit[1]


def subject_labels() -> dict[str, str]:
    return _cached_names("subject", lambda: Subject.objects.values_list("pk", "name"))


def collection_labels() -> dict[str, str]:
    return _cached_names("collection", lambda: LibraryCollection.objects.values_list("pk", "name"))


def names_clear() -> None:
    """Forget the cached names (a subject or collection was saved, or a facet value is
    not among them)."""
    _names.clear()
