"""The benchmarks' own throw-away database.

Each benchmark creates a database named ``bench_<name>`` (never the dev database, nor
``test_<name>`` that pytest creates and drops) and drops it when it ends, also on
failure. On SQLite the database is in memory, as Django's test databases are.
"""

from contextlib import contextmanager


def use_bench_name(name: str) -> None:
    """Name the database that ``create_test_db`` makes ``bench_<name>`` (not on SQLite)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        connection.settings_dict.setdefault("TEST", {})["NAME"] = f"bench_{name}"


@contextmanager
def bench_database(name: str):
    """Create the benchmark's database, switch the connection to it, drop it at the end."""
    from django.db import connection

    use_bench_name(name)
    creation = connection.creation
    old_name = creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield connection.settings_dict["NAME"]
    finally:
        creation.destroy_test_db(old_name, verbosity=0)
