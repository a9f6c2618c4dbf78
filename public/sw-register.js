// Registers the service worker and tells the app when a new version is waiting.
// The app shows "new version — reload"; accepting dispatches `pos:apply-update`, the waiting
// worker takes over, and the page reloads once, onto the new build.
(function () {
  'use strict';
  // The static shell in index.html is the home page. On a deep link (e.g. /wizard/network)
  // that text would mislead until the app starts, so show only a loading line there.
  var shell = document.getElementById('shell-main');
  var basePath = new URL(document.baseURI).pathname;
  // A page written for its address at build time (data-route) already shows its own text.
  if (shell && !shell.hasAttribute('data-route') && location.pathname !== basePath && location.pathname + '/' !== basePath) {
    shell.classList.add('shell-deep-link');
  }
})();

(function () {
  'use strict';
  if (!('serviceWorker' in navigator)) return;
  var container = navigator.serviceWorker;
  var waiting = null;
  var updateRequested = false;

  function announce(worker) {
    waiting = worker;
    window.__posUpdateReady = true;
    window.dispatchEvent(new Event('pos:update-ready'));
  }

  window.addEventListener('pos:apply-update', function () {
    if (!waiting) return;
    updateRequested = true;
    waiting.postMessage({ type: 'SKIP_WAITING' });
  });

  container.addEventListener('controllerchange', function () {
    // The first install takes control without a reload (clients.claim); only the update
    // the user accepted reloads, once, onto the new build.
    if (!updateRequested) return;
    updateRequested = false;
    window.location.reload();
  });

  function register() {
    var base = document.baseURI;
    container
      .register(new URL('sw.js', base).href, { scope: new URL('./', base).href })
      .then(function (registration) {
        if (registration.waiting && container.controller) announce(registration.waiting);
        registration.addEventListener('updatefound', function () {
          var installing = registration.installing;
          if (!installing) return;
          installing.addEventListener('statechange', function () {
            if (installing.state === 'installed' && container.controller) announce(installing);
          });
        });
        // A page left open for days still learns about new releases.
        document.addEventListener('visibilitychange', function () {
          if (document.visibilityState === 'visible') registration.update().catch(function () {});
        });
      })
      .catch(function (err) {
        window.__posSwError = String(err);
      });
  }

  // Registered once the app has started (its `pos:interactive` mark): installing the worker
  // precaches every file of the build, and on a slow line that must not compete with the code
  // of the page being opened. If the app never marks its start, ten seconds after load.
  var registered = false;
  function registerOnce() {
    if (registered) return;
    registered = true;
    register();
  }
  try {
    new PerformanceObserver(function (list) {
      if (list.getEntriesByName('pos:interactive').length) registerOnce();
    }).observe({ type: 'mark', buffered: true });
  } catch (e) {
    // No PerformanceObserver for marks: the timer below registers.
  }
  function later() {
    setTimeout(registerOnce, 10000);
  }
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later);
})();
