"""Settings shared by every environment. All machine-specific values come from ``config.env``."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from config.csp import admin_directives, site_directives
from config.env import env_bool, env_int, env_list, env_str
from search.settings import search_backends

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me")  # overridden in production
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "accounts",
    "curriculum",
    "question_bank",
    "content",
    "lms",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.users_app.UsersConfig",  # wagtail.users with our user forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_fennel",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Requests to CONTENT_ORIGIN's host are answered here by the package content origin
    # alone: no session, CSRF, authentication or page of the site below this line.
    "content.packages.origin.middleware.ContentOriginMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: static files (pdf.js's worker among them) carry no page policy.
    "config.csp.SiteCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Accounts with an initial (printed) password go to /doi-mat-khau/ first.
    "accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signed-in students who open /admin/ go home with a Vietnamese message.
    "accounts.middleware.AdminHomeRedirectMiddleware",
    # Page views by id and site-wide reports of the admin ask accounts.permissions first.
    "content.admin_guard.AdminDoorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a lockout into accounts.signin's page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "lms.assignments.context_processors.learner",
                "lms.surveys.context_processors.surveys",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# Database: SQLite file by default, PostgreSQL (or anything dj-database-url reads) from DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DATABASE_VENDOR = "postgresql" if "postgresql" in DATABASES["default"]["ENGINE"] else "sqlite"
if DATABASE_VENDOR == "postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "/dang-nhap/"
LOGIN_REDIRECT_URL = "/"
# The site's own logout (POST /dang-xuat/) goes home; Wagtail's goes to the admin login.
LOGOUT_REDIRECT_URL = "/"

# Sign-in throttling (django-axes; counting and the lockout page in accounts.signin). Axes'
# backend comes first so a locked account or address is refused before any password check,
# on the site's login page and Wagtail's alike.
AUTHENTICATION_BACKENDS = [
    # Axes' check (it never signs anyone in; ModelBackend below checks the password). This
    # variant also has ModelBackend's get_user, so a session naming the first backend works.
    "axes.backends.AxesBackend",
    # ModelBackend that also takes a student's mã định danh as the username.
    "accounts.backends.UsernameOrStudentIdBackend",
]
# Axes counts failures against the account, whichever of its names was typed.
AXES_USERNAME_CALLABLE = "accounts.signin.attempted_username"
AXES_HANDLER = "accounts.signin.SignInAttemptHandler"
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
# An account is locked after this many failures from anywhere…
AXES_FAILURE_LIMIT = env_int("SIGNIN_ACCOUNT_FAILURE_LIMIT", 10)
# …an address after this many for any accounts (a school signs in from one NAT address).
HOCLIEU_SIGNIN_ADDRESS_FAILURE_LIMIT = env_int("SIGNIN_ADDRESS_FAILURE_LIMIT", 50)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SIGNIN_LOCKOUT_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.signin.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.signin.client_address"
# No start-up banner on every manage.py command (lockouts are still logged).
AXES_VERBOSE = False
# Failures are kept (for the limits and the admin's unlock page); a history of every
# successful sign-in, with address and browser, of every pupil is not.
AXES_DISABLE_ACCESS_LOG = True
# Reverse proxies in front of the application that append to X-Forwarded-For (production:
# nginx). 0 reads the socket's address.
HOCLIEU_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# The demo seed (shared demo password) runs only where a settings module allows it.
HOCLIEU_ALLOW_DEMO_SEED = False

# Django's default first; initial passwords of login slips (accounts.hashers explains the
# cost) are re-hashed with it at their first successful sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "accounts.hashers.InitialPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first, English available.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Uploaded files. MEDIA_ROOT is public: served by path (nginx in production, Django in
# DEBUG) and holds only image renditions, library covers and question images, each under a
# name with a random part. Everything a permission protects (library files, paper
# bundles, import uploads, Wagtail documents and original images) is in the private root,
# the default storage, outside MEDIA_ROOT; views check the permission and send it through
# common.serving, or hand it to nginx with X-Accel-Redirect when
# PRIVATE_MEDIA_ACCEL_REDIRECT names nginx's internal location (e.g. "/_protected/").
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
PRIVATE_MEDIA_ACCEL_REDIRECT = env_str("PRIVATE_MEDIA_ACCEL_REDIRECT", "")
STORAGES = {
    "default": {"BACKEND": "common.storage.PrivateStorage"},
    "public": {"BACKEND": "common.storage.PublicMediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Untrusted package content (SCORM/H5P) is served from its own origin (content.packages.
# origin): another host, not only another port, since browsers' cookies ignore ports. The
# demo site is http://127.0.0.1:8000, its content origin http://localhost:8001 (scripts/demo
# starts both). SITE_ORIGIN is the main site's origin: the only page allowed to frame the
# packages and to talk to their launcher.
CONTENT_ORIGIN = env_str("CONTENT_ORIGIN", "http://localhost:8001")
SITE_ORIGIN = env_str("SITE_ORIGIN", "http://127.0.0.1:8000")
if urlsplit(CONTENT_ORIGIN).hostname not in ALLOWED_HOSTS:
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, urlsplit(CONTENT_ORIGIN).hostname]
# A launch token lives this long (content.packages.origin.tokens says why); the content
# origin re-checks the student's permission under one token at most this often.
HOCLIEU_PACKAGE_TOKEN_SECONDS = env_int("PACKAGE_TOKEN_SECONDS", 4 * 60 * 60)
HOCLIEU_PACKAGE_ACCESS_CACHE_SECONDS = 60

# Content-Security-Policy of every page (config.csp explains each allowance). A settings
# module that changes CONTENT_ORIGIN builds both again.
CONTENT_SECURITY_POLICY = {"DIRECTIVES": site_directives(content_origin=CONTENT_ORIGIN)}
HOCLIEU_ADMIN_CSP_DIRECTIVES = admin_directives(content_origin=CONTENT_ORIGIN)

# Search: database backend by default; SEARCH_BACKEND=opensearch2|opensearch3|
# elasticsearch8|elasticsearch9 with SEARCH_URL for a real engine.
SEARCH_BACKEND = env_str("SEARCH_BACKEND", "database")
SEARCH_URL = env_str("SEARCH_URL")
WAGTAILSEARCH_BACKENDS = search_backends(
    backend=SEARCH_BACKEND,
    url=SEARCH_URL,
    database_vendor=DATABASE_VENDOR,
    index_prefix=env_str("SEARCH_INDEX_PREFIX", "hoclieu_"),
)

# Tasks: inline unless a broker is configured. Wagtail's django-tasks (search index
# updates and others) go through django-tasks-fennel onto the same Celery workers.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_RESULT_EXTENDED = True
# django-tasks put their jobs on the "default" queue; ours go there too, so one worker serves both.
# Shared cache: Redis when there is one (progress of long imports is read by other
# processes while the import's transaction is still open), local memory otherwise.
CACHE_URL = env_str("CACHE_URL", CELERY_BROKER_URL)
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            # A Redis that is down must cost a second, not a hung request (common.cache).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Celery beat: exam attempts whose deadline and grace period passed are submitted from
# their last saved answers (candidates whose device died are never left unsubmitted).
CELERY_BEAT_SCHEDULE = {
    "exams-close-overdue": {"task": "lms.exams.close_overdue", "schedule": 30.0},
}
if CELERY_BROKER_URL:
    TASKS = {"default": {"BACKEND": "config.tasks.CeleryTaskBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Revision (lms.revision): at most this many outcomes in a day's review queue; a question
# answered in the last N days is not drawn again unless the outcome has no other; FSRS
# spreads due dates a little (fuzzing) so a day's reviews do not come back all together.
REVISION_DAILY_CAP = 30
REVISION_NO_REPEAT_DAYS = 7
REVISION_FSRS_FUZZING = True

# Wagtail
WAGTAIL_SITE_NAME = "Học liệu số"
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.admin_login.AdminLoginForm"  # labels in Vietnamese
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Documents include uploaded videos (lesson and e-lecture video blocks) and audio.
WAGTAILDOCS_EXTENSIONS = [
    *["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"],
    *["mp4", "m4v", "webm", "ogv", "mp3", "m4a", "ogg"],
]
# Documents are private files: their URL is always the serve view's (content.documents
# answers it after the before_serve_document hooks, the accounts.permissions rule included).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Originals stay private (default storage); only renditions are public by path.
WAGTAILIMAGES_RENDITION_STORAGE = "public"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: no third-party origin in the policy, no e-mail hashes sent out.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Wagtail logs every publish at INFO; the demo seed publishes hundreds of items.
    "loggers": {"django_tasks": {"level": "WARNING"}, "wagtail": {"level": "WARNING"}},
}
