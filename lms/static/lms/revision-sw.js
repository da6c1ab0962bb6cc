// The offline revision page's service worker, served by lms.revision.offline_views at
// /on-tap/sw.js (scope /on-tap/), which puts two constants before this text:
//   OFFLINE_PAGE   the page's address (/on-tap/ngoai-tuyen/)
//   OFFLINE_STATIC the page's static files (its scripts, CSS, KaTeX and a few KaTeX fonts)
// Network first: the page and its static files are kept in the cache each time they load
// and served from it only when the network is gone, so the page opens without a
// connection; its packs and unsent answers live in IndexedDB (revision-offline.js).
// Nothing else is kept: no other page of the site, never a JSON endpoint (packs are POSTs,
// and a GET other than the page, static files and question images is not touched).
const CACHE = "hoclieu-revision-v1";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(OFFLINE_STATIC))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("hoclieu-revision-") && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

function keep(request) {
  if (request.method !== "GET") return false;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return false;
  if (url.pathname === OFFLINE_PAGE) return true;
  // /static/lms/ too: the page's modules import each other by their plain names, which
  // are not the hashed names of OFFLINE_STATIC in production.
  return (
    OFFLINE_STATIC.includes(url.pathname) ||
    url.pathname.startsWith("/static/lms/") ||
    url.pathname.startsWith("/static/vendor/katex/") ||
    url.pathname.startsWith("/media/question_images/")
  );
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (!keep(request)) return;
  const url = new URL(request.url);
  // The page is one entry whatever its query string.
  const key = url.pathname === OFFLINE_PAGE ? OFFLINE_PAGE : request;
  event.respondWith(
    fetch(request)
      .then((response) => {
        // Only a real page: a redirect to the sign-in page is never kept as this page.
        if (response.ok && !response.redirected) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(key, copy));
        }
        return response;
      })
      .catch(() =>
        caches.match(key, { ignoreVary: true }).then((found) => found || Response.error()),
      ),
  );
});

self.addEventListener("message", (event) => {
  // The page asks to keep its own address (its first load came before this worker) and
  // the images of a pack it just downloaded.
  const urls = (event.data && event.data.keep) || [];
  const list = Array.isArray(urls) ? urls : [urls];
  caches
    .open(CACHE)
    .then((cache) =>
      Promise.all(
        list
          .filter((u) => keep(new Request(u)))
          .map((u) => {
            const path = new URL(u, self.location.origin).pathname;
            const key = path === OFFLINE_PAGE ? OFFLINE_PAGE : u;
            return fetch(u, { credentials: "same-origin" }).then((response) => {
              if (response.ok && !response.redirected) return cache.put(key, response);
              return undefined;
            });
          }),
      ),
    )
    .catch(() => {});
});
