import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ImproperlyConfigured

from search.settings import VIETNAMESE_INDEX_SETTINGS, search_backends

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 60 + "-production-secret-for-check-deploy-only",
    "ALLOWED_HOSTS": "hoclieu.ninhbinh.edu.vn",
    "DATABASE_URL": "postgres://hoclieu:pw@db:5432/hoclieu",
    "CELERY_BROKER_URL": "redis://redis:6379/0",
    "CONTENT_ORIGIN": "https://noidung.hoclieu.ninhbinh.edu.vn",
    "SEARCH_BACKEND": "elasticsearch9",
    "SEARCH_URL": "http://search:9200",
}


def _manage(*args, env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and k != "DJANGO_SETTINGS_MODULE"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_check_deploy_prints_no_warnings():
    result = _manage(
        "check", "--deploy", "--settings=config.settings.production", env=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "CONTENT_ORIGIN"]
)
def test_production_refuses_to_start_without_required_variables(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _manage("check", "--settings=config.settings.production", env=env)
    assert result.returncode != 0
    assert f"Thiếu biến môi trường {missing}" in result.stderr


def test_search_backend_choice_from_environment():
    assert search_backends(backend="database", url=None, database_vendor="sqlite") == {
        "default": {"BACKEND": "wagtail.search.backends.database"}
    }
    pg = search_backends(backend="database", url=None, database_vendor="postgresql")
    assert pg["default"]["SEARCH_CONFIG"] == "hoclieu_vi"
    for name in ("opensearch2", "opensearch3"):
        conf = search_backends(backend=name, url="http://os:9200", database_vendor="postgresql")[
            "default"
        ]
        assert (
            conf["BACKEND"] == "wagtail.search.backends.opensearch3"
        )  # the installed client is 3.x
        assert conf["INDEX_SETTINGS"] is VIETNAMESE_INDEX_SETTINGS
    for name in ("elasticsearch8", "elasticsearch9"):
        conf = search_backends(backend=name, url="http://es:9200", database_vendor="sqlite")[
            "default"
        ]
        assert conf["BACKEND"] == f"wagtail.search.backends.{name}" and conf["URLS"] == [
            "http://es:9200"
        ]
    with pytest.raises(ImproperlyConfigured):
        search_backends(backend="solr", url="http://x", database_vendor="sqlite")
    with pytest.raises(ImproperlyConfigured):
        search_backends(backend="opensearch2", url=None, database_vendor="sqlite")


def test_embedded_defaults_when_nothing_is_set():
    code = (
        "import django, json; from django.conf import settings; django.setup();"
        "print(json.dumps([settings.DATABASES['default']['ENGINE'],"
        " settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND'],"
        " settings.CELERY_TASK_ALWAYS_EAGER, settings.TASKS['default']['BACKEND']]))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings.dev"},
    )
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load(result.stdout) == [
        "django.db.backends.sqlite3",
        "wagtail.search.backends.database",
        True,
        "django_tasks.backends.immediate.ImmediateBackend",
    ]


def test_docker_compose_describes_the_production_stack():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert {"web", "worker", "beat", "db", "redis", "search", "opensearch"} <= set(
        compose["services"]
    )
    assert compose["services"]["db"]["image"] == "postgres:15"
    assert "elasticsearch" in compose["services"]["search"]["image"]
    assert "gunicorn" in compose["services"]["web"]["command"]
