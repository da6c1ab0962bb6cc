from django.conf import settings
from django.conf.urls.static import static
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from ninja import NinjaAPI
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as accounts_views
from accounts.api import router as accounts_router
from common.serving import serve_public_media
from config.api_docs import LocalSwagger
from config.errors import install_api_error_handlers
from content.api import router as content_router
from content.documents import document_serve
from lms import views as lms_views
from question_bank import tag_autocomplete as question_tags
from question_bank.api import router as question_router
from search.api import router as search_router

api = NinjaAPI(title="hoclieu API", version="1", urls_namespace="api-v1", docs=LocalSwagger())
install_api_error_handlers(api)
api.add_router("/lms/", accounts_router)  # /api/v1/lms/ kept: the public API path
api.add_router("/question-bank/", question_router)
api.add_router("/library/", content_router)
api.add_router("/search/", search_router)

# Styled Vietnamese pages for the site, JSON under /api/ (config.errors).
handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"

urlpatterns = [
    # First: the exam page's autosave is the busiest URL of an exam day.
    path("thi/", include("lms.exams.urls")),
    # Ahead of Wagtail's own: tags suggested only from what the user may see.
    path("admin/tag-autocomplete/", question_tags.autocomplete),
    path("admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/", question_tags.autocomplete),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document URL, answered after the same hooks by our view (content.documents).
    re_path(r"^documents/(\d+)/(.*)$", document_serve, name="document_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("lop/", accounts_views.class_list, name="class_list"),
    path("lop/<int:pk>/", accounts_views.class_roster, name="class_roster"),
    path("lop/<int:pk>/cap-mat-khau/", accounts_views.class_credentials, name="class_credentials"),
    path(
        "lop/<int:pk>/hoc-sinh/<int:student_pk>/dat-lai-mat-khau/",
        accounts_views.student_password_reset,
        name="student_password_reset",
    ),
    path("doi-mat-khau/", accounts_views.PasswordChangeView.as_view(), name="password_change"),
    path("truong/<int:pk>/nguoi-dung/", accounts_views.school_people, name="school_people"),
    path("nhap-danh-sach/", accounts_views.roster_upload, name="roster_upload"),
    path("thu-vien/<int:pk>/vi-tri-doc/", lms_views.library_position, name="library_position"),
    path("thu-vien/", include("content.library_urls")),
    path("bao-cao/", include("content.report_urls")),
    path("oai/", include("content.oai_urls")),
    path("hoc/", include("lms.urls")),
    path("on-tap/", include("lms.revision.urls")),
    path("tim-kiem/", include("search.urls")),
]

if settings.DEBUG:
    # Development only (nginx serves it in production): the public media root, whose files
    # go out with the same safe headers as every upload. Private files are not under it;
    # they are sent by the views that check permission.
    urlpatterns += static(settings.MEDIA_URL, view=serve_public_media)

urlpatterns.append(path("", include(wagtail_urls)))
