"""The site's Content-Security-Policy (django-csp), and the admin's looser script rule.

Every script the site runs is ours: KaTeX, pdf.js and epub.js are vendored under
``/static/vendor/``, so no third-party origin appears anywhere. Inline ``<script>`` tags carry
the per-request nonce (``{{ request.csp_nonce }}``); there are no inline event handlers.

Deliberate allowances, each for something named:

- ``style-src 'unsafe-inline'``: KaTeX writes its layout as ``style`` attributes into the
  markup it renders, epub.js styles the book's frame the same way, and Wagtail's admin sets
  inline styles throughout. Styles cannot run code; scripts stay nonce-only.
- ``img-src``/``media-src``/``font-src`` ``data:`` and ``blob:``: KaTeX's and Wagtail's
  inline SVG and fonts, epub.js's book resources (it unpacks the EPUB into blob: URLs).
- ``worker-src 'self' blob:``: pdf.js runs its module worker from /static/; epub.js's
  frame loads the book's pages from blob: URLs.
- ``frame-src``: the video block's privacy-friendly YouTube and Vimeo players, epub.js's
  blob: pages, and the content origin where SCORM/H5P packages will be served.
- The Wagtail admin (``/admin/``) also gets ``script-src 'unsafe-inline'`` and no nonce:
  Wagtail 8 still renders inline ``<script>`` in InlinePanel, MultipleChooserPanel and its
  date/time widgets, from templates and form renderers that have no request to read a nonce
  from. The admin keeps every other directive, so it still loads no third-party script.
"""

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

VIDEO_PLAYERS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")
ADMIN_PREFIX = "/admin/"


def site_directives(*, content_origin: str | None) -> dict:
    frames = [SELF, "blob:", *VIDEO_PLAYERS]
    if content_origin:
        frames.append(content_origin.rstrip("/"))
    return {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "media-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:", "blob:"],
        "connect-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "frame-src": frames,
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
    }


def admin_directives(*, content_origin: str | None) -> dict:
    return {**site_directives(content_origin=content_origin), "script-src": [SELF, UNSAFE_INLINE]}


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with ``HOCLIEU_ADMIN_CSP_DIRECTIVES`` for the Wagtail admin."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            from django.conf import settings

            parts.config = settings.HOCLIEU_ADMIN_CSP_DIRECTIVES
            # A nonce in the policy would switch 'unsafe-inline' off in browsers.
            parts.nonce = None
        return parts
