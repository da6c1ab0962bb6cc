"""Human labels of the facet values, shared by documents (indexed as text, so "sach giao
khoa" or "bai giang" find their kind) and by the search page."""

from functools import lru_cache

from django.utils.translation import gettext_lazy as _

from search.models import DocumentKind


def resource_type_labels() -> dict[str, str]:
    from content.library_models import ResourceType
    from question_bank.models import QTYPE_CHOICES

    labels = {str(k): str(v) for k, v in ResourceType.choices}
    labels.update({str(k): str(v) for k, v in QTYPE_CHOICES})
    labels[DocumentKind.LESSON] = str(DocumentKind.LESSON.label)
    labels[DocumentKind.ELECTURE] = str(DocumentKind.ELECTURE.label)
    return labels


def licence_labels() -> dict[str, str]:
    from content.sharing import Licence as MaterialLicence
    from question_bank.models import Licence as QuestionLicence

    labels = {str(k): str(v) for k, v in QuestionLicence.choices}
    labels.update({str(k): str(v) for k, v in MaterialLicence.choices})
    return labels


@lru_cache(maxsize=1)
def level_labels() -> dict[str, str]:
    """Cached per process: the cognitive scales change about never."""
    from question_bank.models import CognitiveLevel

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
