"""gunicorn's settings (``gunicorn -c config/gunicorn.py config.wsgi:application``), read
from the environment so docker-compose.yml and benchmarks/exam_load.py start the same server.

nginx sits in front (deploy/nginx.conf) and buffers whole requests and responses, so a slow
phone never holds a worker; the workers only ever talk to nginx over keep-alive connections.
Each thread keeps its PostgreSQL connection (DATABASE_CONN_MAX_AGE in production settings).
"""

import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# About one process per core, a few threads each: a save spends part of its time waiting
# for PostgreSQL's commit and Redis, which threads overlap.
workers = _int("GUNICORN_WORKERS", 4)
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = _int("GUNICORN_THREADS", 4)
# Longer than nginx's upstream keepalive_timeout, so nginx closes an idle connection first
# and never sends a request down one gunicorn is closing.
keepalive = _int("GUNICORN_KEEPALIVE", 75)
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
backlog = _int("GUNICORN_BACKLOG", 2048)
# A worker is replaced after this many requests (0: never), spread so they do not all
# restart at once.
max_requests = _int("GUNICORN_MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"


def post_worker_init(worker) -> None:
    """Move the ~300,000 objects Django, Wagtail and our modules keep for the process's
    life out of the garbage collector's view once the application is loaded, so a full
    collection in the middle of a request (tens of ms: benchmarks/revision_queue.py
    measures it) walks only what requests made. The same as Instagram's gc.freeze()."""
    import gc

    gc.collect()
    gc.freeze()
