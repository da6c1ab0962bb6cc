"""Ratings, comments and counters of materials: services and the template context.

Every function takes exactly one target, a page or a library item. Counters are updated
with ``F()`` expressions so concurrent views never lose an increment.
"""

from django.db import transaction
from django.db.models import Avg, Count, F
from django.utils.translation import gettext as _

from common.vietnamese import nfc
from content import signals
from content.feedback_models import Comment, Rating

MAX_COMMENT = 2000


def _target(page=None, item=None) -> dict:
    if (page is None) == (item is None):
        raise ValueError("exactly one of page or item")
    return {"page": page} if page is not None else {"library_item": item}


@transaction.atomic
def rating_set(*, user, stars: int, page=None, item=None) -> Rating:
    if not isinstance(stars, int) or not 1 <= stars <= 5:
        raise ValueError(_("Đánh giá phải từ 1 đến 5 sao."))
    rating, _created = Rating.objects.update_or_create(
        user=user, **_target(page, item), defaults={"stars": stars}
    )
    return rating


def comment_add(*, user, body: str, page=None, item=None) -> Comment:
    body = nfc(body).strip()
    if not body:
        raise ValueError(_("Nhận xét không được để trống."))
    if len(body) > MAX_COMMENT:
        raise ValueError(
            _("Nhận xét dài %(n)d ký tự, tối đa %(max)d.") % {"n": len(body), "max": MAX_COMMENT}
        )
    return Comment.objects.create(user=user, body=body, **_target(page, item))


def comment_hide(*, comment: Comment, hidden: bool = True) -> None:
    comment.hidden = hidden
    comment.save(update_fields=["hidden"])


def material_viewed(*, user, page=None, item=None) -> None:
    """Count a view and tell the learning records (``lms`` logs it for a signed-in learner)."""
    target = page if page is not None else item
    type(target)._default_manager.filter(pk=target.pk).update(view_count=F("view_count") + 1)
    signals.material_viewed.send(sender=type(target), user=user, page=page, item=item)


def material_downloaded(*, user, item) -> None:
    type(item)._default_manager.filter(pk=item.pk).update(download_count=F("download_count") + 1)
    signals.material_downloaded.send(sender=type(item), user=user, item=item)


def rating_summary(*, page=None, item=None) -> dict:
    agg = Rating.objects.filter(**_target(page, item)).aggregate(avg=Avg("stars"), n=Count("pk"))
    return {"average": round(agg["avg"], 1) if agg["avg"] else None, "count": agg["n"]}


def feedback_context(request, *, page=None, item=None) -> dict:
    """Ratings, the user's own rating and the visible comments, for the material page."""
    from content.permissions import can_curate, can_rate

    if (page if page is not None else item).pk is None:
        return {"feedback_target": None}  # an unsaved material, previewed in the admin
    user = request.user
    target = _target(page, item)
    comments = Comment.objects.filter(**target).select_related("user")
    curator = (
        can_curate(user, page if page is not None else item) if user.is_authenticated else False
    )
    if not curator:
        comments = comments.filter(hidden=False)
    mine = None
    if user.is_authenticated:
        mine = Rating.objects.filter(user=user, **target).values_list("stars", flat=True).first()
    return {
        "rating": rating_summary(page=page, item=item),
        "my_rating": mine,
        "comments": comments[:50],
        "can_rate": can_rate(user),
        "is_curator": curator,
        "feedback_target": ("page", page.pk) if page is not None else ("item", item.pk),
    }
