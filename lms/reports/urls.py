"""URLs of the reports, mounted at ``/hoc/bao-cao/`` (lms.urls)."""

from django.urls import path

from lms.reports import views

urlpatterns = [
    path("", views.reports_home, name="reports_home"),
    path("truc-tuyen/", views.online_share, name="report_online_share"),
    path("truc-tuyen.xlsx", views.online_share, {"export": True}, name="report_online_share_xlsx"),
    path("hoat-dong/", views.active_people, name="report_active"),
    path("hoat-dong.xlsx", views.active_people, {"export": True}, name="report_active_xlsx"),
    path("hoc-lieu/", views.materials_use, name="report_materials"),
    path("hoc-lieu.xlsx", views.materials_use, {"export": True}, name="report_materials_xlsx"),
    path("tiet-truc-tuyen/", views.online_periods, name="report_online_periods"),
    path("lop/<int:class_id>/", views.class_progress, name="report_class_progress"),
]
