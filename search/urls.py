"""The search page, its autocomplete and the health check; under /tim-kiem/."""

from django.urls import path

from search import views

urlpatterns = [
    path("", views.search_page, name="search"),
    path("goi-y/", views.suggest, name="search_suggest"),
    path("tinh-trang/", views.health_view, name="search_health"),
]
