// Service worker: keeps a complete copy of one build so the app loads and works offline
// after the first visit. scripts/post-build.mjs fills in BUILD_ID and PRECACHE (every file
// of the build) at build time; this file is never edited per release by hand.
const BUILD_ID = '__BUILD_ID__';
const PRECACHE = /*__PRECACHE__*/[];
const CACHE_PREFIX = 'pos-helper-';
const CACHE = CACHE_PREFIX + BUILD_ID;
const SCOPE = self.registration.scope; // the deployment's base URL, ending in '/'
const INDEX = new URL('index.html', SCOPE).href;

self.addEventListener('install', (event) => {
  // cache: 'reload' skips the HTTP cache so the precache holds exactly this build.
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(PRECACHE.map((path) => new Request(new URL(path, SCOPE).href, { cache: 'reload' }))),
    ),
  );
  // No skipWaiting here: a new version waits until the page offers "reload" and the user accepts.
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(CACHE_PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  if (request.mode === 'navigate') {
    // Every route is the same single-page app: answer with the cached index.html.
    event.respondWith(caches.match(INDEX, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
    return;
  }
  event.respondWith(
    caches.match(request, { cacheName: CACHE, ignoreSearch: true }).then((hit) => hit || fetch(request)),
  );
});
