"""Production keeps its database connections, and gunicorn's settings come from the
environment (docker-compose.yml and benchmarks/exam_load.py start the same server)."""

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.config.test_settings import PRODUCTION_ENV

ROOT = Path(__file__).resolve().parents[2]


def _database_settings(**extra) -> dict:
    code = (
        "import django, json; from django.conf import settings; django.setup();"
        "d = settings.DATABASES['default'];"
        "print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and k not in ("DATABASE_CONN_MAX_AGE", "DJANGO_SETTINGS_MODULE")
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **clean,
            **PRODUCTION_ENV,
            **extra,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
        },
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_keeps_database_connections_and_checks_them():
    assert _database_settings() == [60, True]
    assert _database_settings(DATABASE_CONN_MAX_AGE="0") == [0, True]


@pytest.fixture
def gunicorn_env(monkeypatch):
    for name in list(os.environ):
        if name.startswith("GUNICORN_"):
            monkeypatch.delenv(name)
    return monkeypatch


def test_gunicorn_settings_from_the_environment(gunicorn_env):
    defaults = runpy.run_path(str(ROOT / "config" / "gunicorn.py"))
    assert defaults["bind"] == "0.0.0.0:8000"
    assert defaults["worker_class"] == "gthread" and defaults["workers"] >= 2
    gunicorn_env.setenv("GUNICORN_WORKERS", "3")
    gunicorn_env.setenv("GUNICORN_WORKER_CLASS", "sync")
    chosen = runpy.run_path(str(ROOT / "config" / "gunicorn.py"))
    assert (chosen["workers"], chosen["worker_class"]) == (3, "sync")


def test_compose_runs_gunicorn_with_its_settings_behind_nginx():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    web = compose["services"]["web"]
    assert "-c config/gunicorn.py" in web["command"]
    assert web["environment"]["DATABASE_CONN_MAX_AGE"] == "${DATABASE_CONN_MAX_AGE:-60}"
    assert web["environment"]["SECRET_KEY"].startswith("${SECRET_KEY")
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "location /thi/" in nginx
    assert "proxy_buffering on;" in nginx and "proxy_request_buffering on;" in nginx
