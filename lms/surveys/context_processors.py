"""How many surveys wait for the signed-in user (the home page's link). Lazy: no query
unless a template uses it."""

from django.utils.functional import SimpleLazyObject

from lms.permissions import surveys_to_answer


def surveys(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"surveys_waiting": SimpleLazyObject(lambda: surveys_to_answer(user).count())}
