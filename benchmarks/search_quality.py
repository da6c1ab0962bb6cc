"""Search quality (issue 6): nDCG@10 and MRR of judged Vietnamese queries on the demo corpus.

In a throw-away database on whatever DATABASE_URL names (SQLite in memory by default; on
PostgreSQL ``bench_search_quality``, dropped at the end) — or, with ``--backend sqlite``,
in an SQLite file ``build/bench_search_quality.sqlite3`` whatever DATABASE_URL says (the
embedded default, as the demo runs it; deleted at the end):

1. seed the demo (``demo.seed.seed_demo`` with the search signals paused), rebuild every
   search document and index (``search.maintenance.rebuild``, which refreshes the
   planner statistics: ``common.db``); ``--no-analyze`` drops SQLite's statistics
   afterwards, as the demo was before (its searches then take seconds);
2. resolve the judgements of ``benchmarks/data/search_judgements.json`` — demo materials
   keyed by kind and exact title, graded 2 (exactly what was asked) or 1 (relevant) — to
   the search documents the demo student 2710000001 may see; a key that matches none
   stops the run (the corpus changed: update the judgements);
3. run every query through ``search.service.search`` as that student, first page of 10
   results by relevance, and score it:

   * nDCG@10 — gain = the relevance grade (0, 1, 2), discount 1/log2(rank + 1), divided by
     the DCG of the ideal order of the judged items (so 1.0 is reachable for every query);
   * reciprocal rank — 1/rank of the first result judged 1 or 2 within the 10, else 0.

Prints the backend searched (SQLite or PostgreSQL database backend, OpenSearch), the means
overall and per query category, and the worst queries with what came back and what was
missed. Searches the engine named by SEARCH_URL when there is one (``--backend engine``),
in an index of its own (prefix ``bench_hoclieu_``, deleted at the end); otherwise
Wagtail's database backend on the database in use (``--backend database``), or on SQLite
(``--backend sqlite``). CI runs all three and quotes them side by side. Usage:
    .venv/bin/python benchmarks/search_quality.py [--backend auto|database|sqlite|engine]
        [--min-ndcg 0.8] [--worst 10] [--judgements PATH] [--verbose] [--no-analyze]
Exits 1 when the mean nDCG@10 is below ``--min-ndcg``, 2 when a search fails.
"""

import argparse
import json
import logging
import math
import os
import statistics
import sys
import tempfile
import time
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
# The engine index of this run, never the dev (hoclieu_) or the tests' (test_hoclieu_) one.
os.environ["SEARCH_INDEX_PREFIX"] = "bench_hoclieu_"

JUDGEMENTS = ROOT / "benchmarks" / "data" / "search_judgements.json"
SQLITE_FILE = ROOT / "build" / "bench_search_quality.sqlite3"
STUDENT = "2710000001"
K = 10


@dataclass
class Outcome:
    query: dict
    ndcg: float = 0.0
    rr: float = 0.0
    hits: list = field(default_factory=list)  # (document, grade) of the first K results
    missed: list = field(default_factory=list)  # (key, grade) judged but not in the K
    total: int = 0
    relaxed: bool = False
    suggestion: str = ""
    error: str = ""
    ms: float = 0.0


def show(name: str, value, unit: str = "") -> None:
    print(f"{name}: {value} {unit}".rstrip())


def dcg(grades: list[int]) -> float:
    return sum(g / math.log2(rank + 1) for rank, g in enumerate(grades[:K], start=1))


def ndcg(grades: list[int], judged: list[int]) -> float:
    ideal = dcg(sorted(judged, reverse=True))
    return dcg(grades) / ideal if ideal else 0.0


def reciprocal_rank(grades: list[int]) -> float:
    return next((1 / rank for rank, g in enumerate(grades[:K], start=1) if g >= 1), 0.0)


def backend_label(alias: str) -> str:
    from django.db import connection
    from modelsearch.backends import get_search_backend
    from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend

    backend = get_search_backend(alias)
    if isinstance(backend, ElasticsearchBaseSearchBackend):
        name = "OpenSearch" if "opensearch" in type(backend).__module__ else "Elasticsearch"
        try:
            version = backend.es.info()["version"]["number"]
        except Exception:  # the label only
            version = "?"
        return f"{name} {version} ({type(backend).__module__})"
    vendor = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(
        connection.vendor, connection.vendor
    )
    return f"{vendor} database backend ({type(backend).__module__})"


def choose_backend(wanted: str) -> str:
    from django.conf import settings

    if wanted in ("database", "sqlite"):
        return "default"
    has_engine = "engine" in settings.WAGTAILSEARCH_BACKENDS
    if wanted == "engine" and not has_engine:
        raise SystemExit("--backend engine needs SEARCH_URL (an OpenSearch/Elasticsearch server)")
    if wanted == "engine" or (wanted == "auto" and has_engine):
        return "engine"
    return "default"


def drop_engine_index() -> None:
    """Delete this run's engine index (the alias and the index behind it)."""
    from django.conf import settings
    from modelsearch.backends import get_search_backend

    from search.models import SearchDocument

    if "engine" not in settings.WAGTAILSEARCH_BACKENDS:
        return
    index = get_search_backend("engine").get_index_for_model(SearchDocument)
    if not index.name.startswith("bench_"):
        return  # never touch an index this script did not make
    try:
        if index.is_alias():
            for behind in index.aliased_indices():
                behind.delete()
        index.delete()
    except Exception as exc:  # clean-up must not hide the results
        print(f"warning: could not delete engine index {index.name}: {exc!r}")


def seed(*, analyze: bool) -> None:
    from django.db.models import Count

    from demo.seed import seed_demo
    from search.maintenance import rebuild
    from search.models import SearchDocument
    from search.signals import paused

    started = time.perf_counter()
    # The eager Celery tasks of the seed log every item (and kombu warns about its broker).
    logging.disable(logging.WARNING)
    try:
        with paused():
            seed_demo()
    finally:
        logging.disable(logging.NOTSET)
    show("seed time", f"{time.perf_counter() - started:.1f}", "s")
    report = rebuild()
    kinds = dict(SearchDocument.objects.order_by().values_list("kind").annotate(n=Count("pk")))
    show("search documents", ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())))
    show("vocabulary", report["words"], "words")
    show("rebuild time", report["seconds"], "s")
    if not analyze:
        from common.db import statistics_drop

        statistics_drop()
        show("planner statistics", "dropped (--no-analyze)")


def load_judgements(path: Path, student) -> tuple[list[dict], dict[tuple[str, str], int]]:
    """The queries, and the visible search document of every judged (kind, title)."""
    from search.models import SearchDocument
    from search.permissions import search_document_q

    data = json.loads(path.read_text(encoding="utf-8"))
    queries = data["queries"]
    keys = {(r["kind"], r["title"]) for q in queries for r in q["relevant"]}
    visible = SearchDocument.objects.filter(search_document_q(student))
    found: dict[tuple[str, str], list[int]] = {}
    for pk, kind, title in visible.filter(title__in={t for _k, t in keys}).values_list(
        "pk", "kind", "title"
    ):
        found.setdefault((kind, title), []).append(pk)
    problems = [
        f"  {kind} {title!r}: {len(found.get((kind, title), []))} visible documents"
        for kind, title in sorted(keys)
        if len(found.get((kind, title), [])) != 1
    ]
    if problems:
        raise SystemExit(
            "judged items that do not match exactly one document the student sees "
            "(the demo corpus changed; update the judgements):\n" + "\n".join(problems)
        )
    ids = {q["id"] for q in queries}
    if len(ids) != len(queries):
        raise SystemExit("query ids in the judgements are not unique")
    return queries, {key: pks[0] for key, pks in found.items()}


def run_query(student, query: dict, doc_of: dict, alias: str) -> Outcome:
    from search.service import SearchParams, search

    text = query["q"]
    if query.get("nfd"):
        text = unicodedata.normalize("NFD", text)
    judged = {doc_of[(r["kind"], r["title"])]: r["relevance"] for r in query["relevant"]}
    keys = {doc_of[(r["kind"], r["title"])]: (r["kind"], r["title"]) for r in query["relevant"]}
    started = time.perf_counter()
    response = search(student, SearchParams(q=text, per_page=K), backend=alias)
    out = Outcome(query=query, ms=(time.perf_counter() - started) * 1000)
    out.error, out.total = response.error, response.total
    out.relaxed, out.suggestion = response.relaxed, response.suggestion
    out.hits = [(h.document, judged.get(h.document.pk, 0)) for h in response.hits[:K]]
    grades = [g for _d, g in out.hits]
    out.ndcg = ndcg(grades, list(judged.values()))
    out.rr = reciprocal_rank(grades)
    shown = {d.pk for d, _g in out.hits}
    out.missed = sorted(
        ((keys[pk], g) for pk, g in judged.items() if pk not in shown), key=lambda x: -x[1]
    )
    return out


def report(outcomes: list[Outcome], worst: int, verbose: bool) -> float:
    def means(items: list[Outcome]) -> tuple[float, float]:
        return statistics.mean(o.ndcg for o in items), statistics.mean(o.rr for o in items)

    overall_ndcg, overall_mrr = means(outcomes)
    show("queries", len(outcomes))
    show("nDCG@10", f"{overall_ndcg:.3f}")
    show("MRR@10", f"{overall_mrr:.3f}")
    show("queries with nDCG@10 = 1", sum(1 for o in outcomes if o.ndcg >= 0.9995))
    show("queries with no relevant result in 10", sum(1 for o in outcomes if o.rr == 0))
    times = sorted(o.ms for o in outcomes)
    show("search p50", f"{times[len(times) // 2]:.0f}", "ms")
    show("search max", f"{times[-1]:.0f}", "ms")
    print()
    print(f"{'category':<14} {'n':>3} {'nDCG@10':>8} {'MRR@10':>7}")
    categories: dict[str, list[Outcome]] = {}
    for o in outcomes:
        categories.setdefault(o.query["category"], []).append(o)
    for name, items in categories.items():
        n, r = means(items)
        print(f"{name:<14} {len(items):>3} {n:>8.3f} {r:>7.3f}")

    ranked = sorted(outcomes, key=lambda o: (o.ndcg, o.rr, o.query["id"]))
    chosen = ranked if verbose else ranked[:worst]
    print()
    print("all queries, worst first:" if verbose else f"{len(chosen)} worst queries:")
    for o in chosen:
        q = o.query
        flags = []
        if o.query.get("nfd"):
            flags.append("NFD")
        if o.relaxed:
            flags.append("relaxed to OR")
        if o.suggestion:
            flags.append(f"suggestion {o.suggestion!r}")
        if o.error:
            flags.append(f"ERROR {o.error[:60]}")
        print(
            f"\n[{q['category']}] {q['id']}: {q['q']!r}  nDCG@10 {o.ndcg:.3f}  RR {o.rr:.3f}  "
            f"{o.total} found" + (f"  ({', '.join(flags)})" if flags else "")
        )
        for rank, (doc, grade) in enumerate(o.hits, start=1):
            mark = {2: "**", 1: "* "}.get(grade, "  ")
            print(f"  {rank:>2} {mark} {doc.kind:<8} {doc.title}")
        if not o.hits:
            print("     (no results)")
        for (kind, title), grade in o.missed:
            print(f"  missed {grade}: {kind:<8} {title}")
    return overall_ndcg


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--backend", choices=["auto", "database", "sqlite", "engine"], default="auto"
    )
    parser.add_argument("--min-ndcg", type=float, default=None)
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    parser.add_argument("--verbose", action="store_true", help="print every query")
    parser.add_argument(
        "--no-analyze",
        action="store_true",
        help="drop SQLite's planner statistics after the rebuild",
    )
    args = parser.parse_args()
    if args.backend == "sqlite":
        # The embedded default, whatever the environment names: an SQLite file under build/.
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_FILE}"
        SQLITE_FILE.parent.mkdir(exist_ok=True)

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import (
        override_settings,
        setup_test_environment,
        teardown_test_environment,
    )

    from accounts.models import User
    from search.service import ENGINE_ERRORS

    setup_test_environment()
    logging.getLogger("opensearch").setLevel(logging.ERROR)  # a line per request
    logging.getLogger("elastic_transport").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    from benchdb import use_bench_name

    alias = choose_backend(args.backend)
    # A database of its own: the tests' test_<name> may be in use by a pytest run.
    use_bench_name("search_quality")
    if args.backend == "sqlite":
        connection.settings_dict.setdefault("TEST", {})["NAME"] = str(SQLITE_FILE)
    creation = connection.creation
    old_name = creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    media = tempfile.TemporaryDirectory(prefix="hoclieu-bench-media-")
    isolated = override_settings(
        MEDIA_ROOT=f"{media.name}/media",
        PRIVATE_MEDIA_ROOT=f"{media.name}/private-media",
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    )
    isolated.enable()
    started = time.perf_counter()
    failed = False
    try:
        show("database", connection.vendor)
        show("search backend", backend_label(alias))
        seed(analyze=not args.no_analyze)
        student = User.objects.get(username=STUDENT)
        queries, doc_of = load_judgements(args.judgements, student)
        show("judged items", len(doc_of), f"documents in {len(queries)} queries")
        outcomes = []
        for query in queries:
            try:
                outcomes.append(run_query(student, query, doc_of, alias))
            except ENGINE_ERRORS as exc:
                outcomes.append(Outcome(query=query, error=repr(exc)))
        failed = any(o.error for o in outcomes)
        print()
        overall = report(outcomes, args.worst, args.verbose)
        print()
        show("total time", f"{time.perf_counter() - started:.1f}", "s")
    finally:
        drop_engine_index()
        isolated.disable()
        media.cleanup()
        creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    if failed:
        print("some searches failed (see ERROR above)")
        sys.exit(2)
    if args.min_ndcg is not None and overall < args.min_ndcg:
        print(f"nDCG@10 {overall:.3f} is below --min-ndcg {args.min_ndcg}")
        sys.exit(1)


if __name__ == "__main__":
    main()
