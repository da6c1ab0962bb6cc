"""The library (thư viện điện tử) and feedback/curation endpoints; under /thu-vien/."""

from django.urls import path

from content import views

urlpatterns = [
    path("", views.library_home, name="library_home"),
    path("thong-ke/", views.library_stats, name="library_stats"),
    path("bo-suu-tap/<slug:slug>/", views.library_collection, name="library_collection"),
    path("<int:pk>/", views.library_item, name="library_item"),
    path("<int:pk>/tep/", views.library_file, name="library_file"),
    path("phan-hoi/<str:kind>/<int:pk>/danh-gia/", views.material_rate, name="material_rate"),
    path("phan-hoi/<str:kind>/<int:pk>/nhan-xet/", views.material_comment, name="material_comment"),
    path("phan-hoi/<str:kind>/<int:pk>/go/", views.material_takedown, name="material_takedown"),
    path("nhan-xet/<int:pk>/an/", views.comment_hide, name="comment_hide"),
    path("go/<int:pk>/khoi-phuc/", views.takedown_restore, name="takedown_restore"),
]
