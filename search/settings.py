"""Search backend configuration, built from the environment by ``config.settings``.

Pure functions with no model imports, so settings can call them before apps load.
"""

from importlib.metadata import PackageNotFoundError, version

from django.core.exceptions import ImproperlyConfigured

#: Name of the PostgreSQL text search configuration created by ``search`` migrations:
#: ``simple`` plus the ``unaccent`` dictionary, so "hoc" and "học" share a lexeme.
POSTGRES_SEARCH_CONFIG = "hoclieu_vi"

SEARCH_ENGINES = ("opensearch2", "opensearch3", "elasticsearch8", "elasticsearch9")
SEARCH_BACKEND_CHOICES = ("database", *SEARCH_ENGINES)

#: Vietnamese analysis for OpenSearch/Elasticsearch. Every text field uses it unless the
#: mapping names another analyzer: lowercase, then ASCII folding that keeps the original
#: token too, so "học" indexes as both "học" and "hoc" (đ folds to d). Queries go through
#: the same analyzer, so an accented query scores its exact form higher.
VIETNAMESE_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "filter": {
                "vi_folding": {"type": "asciifolding", "preserve_original": True},
            },
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "char_filter": [],
                    "filter": ["lowercase", "vi_folding"],
                },
            },
        },
    }
}


def search_backends(
    *, backend: str, url: str | None, database_vendor: str, index_prefix: str = "hoclieu_"
) -> dict:
    """Return ``WAGTAILSEARCH_BACKENDS`` for the chosen backend.

    ``backend`` is ``database`` (Wagtail's database backend on whatever database Django
    uses) or one of :data:`SEARCH_ENGINES`, which then needs ``url``.
    """
    if backend not in SEARCH_BACKEND_CHOICES:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={backend!r} is not one of {', '.join(SEARCH_BACKEND_CHOICES)}."
        )
    if backend == "database":
        config: dict = {"BACKEND": "wagtail.search.backends.database"}
        if database_vendor == "postgresql":
            config["SEARCH_CONFIG"] = POSTGRES_SEARCH_CONFIG
        return {"default": config}
    if not url:
        raise ImproperlyConfigured(f"SEARCH_BACKEND={backend} needs SEARCH_URL.")
    return {"default": engine_backend(backend=backend, url=url, index_prefix=index_prefix)}


def backend_module(backend: str) -> str:
    """The Wagtail backend module for an engine.

    Wagtail's OpenSearch modules are named after the *client* major version, and the
    opensearch-py 3 client serves both OpenSearch 2 and 3 servers; so either engine name
    uses the module matching the installed client. Elasticsearch clients only talk to
    their own server generation, so those names are taken as they are.
    """
    if backend.startswith("opensearch"):
        try:
            major = int(version("opensearch-py").split(".")[0])
        except PackageNotFoundError:
            major = int(backend[-1])
        return f"wagtail.search.backends.opensearch{min(max(major, 2), 3)}"
    return f"wagtail.search.backends.{backend}"


def engine_backend(*, backend: str, url: str, index_prefix: str) -> dict:
    """One OpenSearch/Elasticsearch backend entry with the Vietnamese analysis."""
    return {
        "BACKEND": backend_module(backend),
        "URLS": [url],
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": 10,
        "ATOMIC_REBUILD": True,
        "INDEX_SETTINGS": VIETNAMESE_INDEX_SETTINGS,
    }
