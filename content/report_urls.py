"""URLs of this part of the site; included from config.urls."""

urlpatterns = []
