"""URLs: see lms.revision.urls."""

urlpatterns = []
