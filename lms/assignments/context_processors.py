"""What every page may show a signed-in student: their next work ("Việc cần làm" on the home
page) and how many notifications they have not read. Lazy: no query unless a template
uses it (the home page and the header do)."""

from django.utils.functional import SimpleLazyObject

from accounts.models import Role
from lms.assignments import selectors
from lms.permissions import own_notifications

#: How many pieces of work the home page shows before "Xem tất cả".
HOME_TODO = 5


def learner(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    context = {
        "unread_notifications": SimpleLazyObject(
            lambda: own_notifications(user).filter(read_at__isnull=True).count()
        )
    }
    if user.role == Role.STUDENT:
        context["todo_enabled"] = True
        context["todo_items"] = SimpleLazyObject(lambda: selectors.todo(user=user)[0][:HOME_TODO])
    return context
