"""What a learner may do with a material: which questions they may answer through a page,
and whose records they keep. Built on the rules of the materials (:mod:`content.permissions`)
and of the bank (:mod:`question_bank.permissions`); every learner endpoint asks these."""

from content.permissions import can_work_on_page, visible_material_pages
from content.practice import Embedding, page_embeddings
from question_bank.permissions import choosable_questions


def answerable_questions(user, page) -> dict[int, Embedding]:
    """Question id → embedding, for the questions ``user`` may answer through ``page`` (which
    the user may view): those of its published content, if the user sees it published;
    for its author and curators also the latest draft's questions they may choose
    themselves (preview), under the draft's policy."""
    found: dict[int, Embedding] = {}
    if page.live and visible_material_pages(user, type(page)).filter(pk=page.pk).exists():
        found = page_embeddings(page)  # a live page's row holds its published content
    if not can_work_on_page(user, page):
        return found
    draft = page_embeddings(page.get_latest_revision_as_object())
    own = set(choosable_questions(user).filter(pk__in=list(draft)).values_list("pk", flat=True))
    found.update({qid: e for qid, e in draft.items() if qid in own or qid in found})
    return found


def can_keep_records(user) -> bool:
    """Learning events and reading positions are kept for signed-in learners only (an
    anonymous visitor's tries live in their session, their position in their browser)."""
    return bool(user and user.is_authenticated)
