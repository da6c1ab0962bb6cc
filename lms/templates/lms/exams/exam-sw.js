// The exam page's service worker (scope /thi/). Network first: the take page and its static
// files are kept in the cache each time they load, and served from it only when the network
// is gone, so a reload without a connection still opens the page; its unsent answers wait
// in IndexedDB (exam-outbox.js). JSON endpoints (POST) never go through the cache.
const CACHE = "hoclieu-exam-v1";
const STATIC = {{ static_urls|safe }};

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(STATIC)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

function keep(request) {
  if (request.method !== "GET") return false;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return false;
  return (
    /^\/thi\/\d+\/lam-bai\/$/.test(url.pathname) ||
    url.pathname.startsWith("/static/") ||
    url.pathname.startsWith("/media/")
  );
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (!keep(request)) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() =>
        caches.match(request, { ignoreVary: true }).then((found) => found || Response.error()),
      ),
  );
});

self.addEventListener("message", (event) => {
  // The page asks to keep its own address (its first load came before this worker).
  if (event.data && event.data.keep) {
    caches.open(CACHE).then((cache) => cache.add(event.data.keep)).catch(() => {});
  }
});
