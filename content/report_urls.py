"""URLs of this part of the site; included from config.urls."""

from django.urls import path

from content import report_views

urlpatterns = [
    path("do-phu-chuong-trinh/", report_views.coverage_report, name="coverage_report"),
    path("do-phu-chuong-trinh.xlsx", report_views.coverage_xlsx, name="coverage_xlsx"),
]
