"""URLs of this part of the site; included from config.urls."""

from django.urls import path

from content import oai

urlpatterns = [path("", oai.endpoint, name="oai_pmh")]
