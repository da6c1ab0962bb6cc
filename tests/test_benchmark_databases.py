"""Benchmarks run beside the test suite on the same PostgreSQL server: each creates and
drops its own database, and never touches pytest's ``test_<name>`` one."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parent.parent


def _databases() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database")
        return {row[0] for row in cursor.fetchall()}


def test_question_import_benchmark_leaves_no_database_behind():
    # Given the test database in use and the databases of the server
    before = _databases()
    assert connection.settings_dict["NAME"] in before

    # When the question-import benchmark runs against the same server
    run = subprocess.run(
        [
            sys.executable,
            "benchmarks/question_import.py",
            "--questions",
            "20",
            "--format",
            "moodle_xml",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    # Then it ran on PostgreSQL, and the server has the same databases as before
    assert run.returncode == 0, run.stderr[-2000:]
    assert "on postgresql" in run.stdout
    assert _databases() == before
