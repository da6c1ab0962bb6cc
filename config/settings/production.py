"""Production: every secret and address comes from the environment; refuses to start without."""

from urllib.parse import urlsplit

from config.csp import admin_directives, site_directives
from config.env import env_bool, env_int, env_list, env_required, env_str

from .base import *

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [env_required("ALLOWED_HOSTS")]
env_required("DATABASE_URL")
# Persistent database connections: opening a PostgreSQL connection costs more than a whole
# exam autosave (benchmarks/exam_load.py), so each worker thread keeps its connection for
# DATABASE_CONN_MAX_AGE seconds (0: one per request, as in development), checked before
# reuse so a restarted database costs one failed check, not a failed request.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
env_required("CELERY_BROKER_URL")
CONTENT_ORIGIN = env_required("CONTENT_ORIGIN")
# The content origin's host is served by the same application (its own URLconf).
ALLOWED_HOSTS = [*ALLOWED_HOSTS, urlsplit(CONTENT_ORIGIN).hostname]
# The main site's origin (frames packages, talks to their launcher): SITE_ORIGIN, or
# https:// and the first of ALLOWED_HOSTS.
SITE_ORIGIN = env_str("SITE_ORIGIN") or f"https://{ALLOWED_HOSTS[0]}"
CONTENT_SECURITY_POLICY = {"DIRECTIVES": site_directives(content_origin=CONTENT_ORIGIN)}
HOCLIEU_ADMIN_CSP_DIRECTIVES = admin_directives(content_origin=CONTENT_ORIGIN)
# Never the demo accounts and their published password, whatever the environment says.
HOCLIEU_ALLOW_DEMO_SEED = False
# nginx (docker-compose.yml) appends the client's address to X-Forwarded-For.
HOCLIEU_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
