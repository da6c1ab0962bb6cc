"""The headers of every answer of the content origin: its own strict policy.

Package code is untrusted and often old (authoring tools write inline scripts, ``eval``
and ``javascript:`` links), so inside its own origin it may run inline code; what it may
not do is reach anything else:

* ``connect-src 'self'`` and every other fetch directive ``'self' data: blob:``: no
  request leaves the content origin (no exfiltration, no third-party trackers or CDNs);
* ``frame-ancestors`` the main site (and the content origin, whose launcher frames the
  SCO): no other site can frame a student's package;
* ``form-action 'self'``, ``object-src 'none'``; ``base-uri`` stays open, as packages set
  ``<base>`` to their own folder;
* ``Referrer-Policy: no-referrer``: the token is in every URL and must not leak through a
  link the package opens;
* ``X-Content-Type-Options: nosniff`` with the type from the file's extension;
* ``Access-Control-Allow-Origin: *`` without credentials: h5p-standalone reads the
  package's JSON with ``fetch``, and no cookie exists here to be sent anyway.

SVG files get a ``sandbox`` policy besides: opened as a page, their scripts never run.
"""

from django.conf import settings

SVG_POLICY = (
    "sandbox; default-src 'self' data:; script-src 'none'; style-src 'self' 'unsafe-inline'"
)


def origin_of(url: str) -> str:
    return url.rstrip("/")


def content_policy() -> str:
    site = origin_of(settings.SITE_ORIGIN)
    everything_here = "'self' data: blob: 'unsafe-inline' 'unsafe-eval'"
    return "; ".join(
        [
            f"default-src {everything_here}",
            "connect-src 'self' data: blob:",
            "object-src 'none'",
            f"frame-ancestors 'self' {site}",
            "form-action 'self'",
        ]
    )


def apply(response, *, content_type: str | None = None, cache_control: str | None = None):
    """Add the content origin's headers to ``response`` (an SVG's stricter policy too)."""
    main_type = (content_type or response.get("Content-Type", "")).split(";", 1)[0].strip()
    response["Content-Security-Policy"] = content_policy()
    if main_type == "image/svg+xml":
        # Two policies: a resource must satisfy both, so the sandbox one wins.
        response["Content-Security-Policy"] = content_policy() + ", " + SVG_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    if cache_control:
        response["Cache-Control"] = cache_control
    return response
