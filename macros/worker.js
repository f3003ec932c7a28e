// The service worker (macros/worker.py writes sw.js: the precache list, then this). Workbox is
// loaded from this site's vendored copy only, never a CDN.
/* global workbox */
importScripts.apply(self, self.PB_WORKBOX);

// A new build's worker waits until the user accepts 「有新版本，刷新」 (sw-update.js), so a page
// never mixes files of two builds; the page reloads as soon as the new worker controls it.
self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});
// The first install takes over at once: the page in hand already works when the signal goes.
workbox.core.clientsClaim();
// Every page, script, style and the search index from the cache, whatever the network does;
// `?h=` (search highlight) and other parameters do not make a page a different file.
workbox.precaching.cleanupOutdatedCaches();
workbox.precaching.precacheAndRoute(self.PB_PRECACHE, {
  ignoreURLParametersMatching: [/.*/],
  directoryIndex: "index.html",
  cleanURLs: false,
});
