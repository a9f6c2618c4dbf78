// Shared fixtures: every test's page is watched for requests that leave 127.0.0.1,
// Content-Security-Policy violations, uncaught errors and alert/prompt dialogs (the app never
// opens one: a dialog means some text ran as script); any of them fails the test.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  guard: [
    async ({ context }, use) => {
      const offOrigin = [];
      const problems = [];
      context.on('request', (request) => {
        const url = new URL(request.url());
        if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && url.hostname !== '127.0.0.1') {
          offOrigin.push(request.url());
        }
      });
      // CSP violations are reported as DOM events; collect them from every page and frame.
      await context.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      // A static host answers a deep link with 404.html and status 404: that is the app
      // loading, and Chromium logs it as a console error. Any other 404 is a real problem.
      const documents404 = new Set();
      context.on('response', (response) => {
        if (response.status() === 404 && response.request().resourceType() === 'document') {
          documents404.add(response.url());
        }
      });
      const watch = (page) => {
        page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
        // The app asks confirm() before deleting; a test that expects one answers it with its
        // own listener. alert() and prompt() are never legitimate.
        page.on('dialog', async (dialog) => {
          if (dialog.type() !== 'confirm') problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
          else if (page.listenerCount('dialog') > 1) return;
          await dialog.dismiss().catch(() => {});
        });
        page.on('console', (msg) => {
          if (msg.type() !== 'error') return;
          if (/status of 404/.test(msg.text()) && documents404.has(msg.location().url)) return;
          problems.push(`console error: ${msg.text()} (${msg.location().url})`);
        });
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      const guard = { offOrigin, problems, allowConsoleErrors: [] };
      await use(guard);
      for (const page of context.pages()) {
        if (page.isClosed()) continue;
        const violations = await page.evaluate(() => window.__cspViolations || []).catch(() => []);
        expect(violations, 'CSP violations').toEqual([]);
      }
      expect(offOrigin, 'requests that left 127.0.0.1').toEqual([]);
      const unexpected = problems.filter((p) => !guard.allowConsoleErrors.some((re) => re.test(p)));
      expect(unexpected, 'page errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Waits until the Leptos app has replaced the static shell. */
export async function appReady(page) {
  // Normally well under a second; a loaded 2-core CI machine can take several seconds to
  // compile the wasm, so allow more than the default 10 s for the start itself.
  await expect(page.locator('#shell')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator('header.topbar .lang-switch')).toBeVisible();
}

/** Waits until a service worker controls the page (the first visit installs it). */
export async function swControls(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

/** Fails when the page scrolls sideways (the layout must fit 360 px phones). */
export async function noHorizontalOverflow(page, what = page.url()) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${what} overflows`).toBeLessThanOrEqual(clientWidth);
}

/** Counts diary records in the app's IndexedDB from inside the page (raw IndexedDB, no app code). */
export async function countRecords(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('pos-helper');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const names = ['cases', 'events', 'attachments'].filter((n) => db.objectStoreNames.contains(n));
      if (names.length < 3) { db.close(); resolve({ cases: 0, events: 0, attachments: 0 }); return; }
      const tx = db.transaction(names);
      const out = {};
      for (const n of names) tx.objectStore(n).count().onsuccess = (e) => { out[n] = e.target.result; };
      tx.oncomplete = () => { db.close(); resolve(out); };
    };
  }));
}

/** Creates a case from the diary's form and opens it; `fields` fills more of the form by
 *  selector (e.g. `{ '#case-sn': 'SN-1' }`). Returns the new case's id. */
export async function createCase(page, title, fields = {}) {
  await page.goto('diary');
  await appReady(page);
  await expect(page.locator('#db-status')).toHaveAttribute('data-db', 'ok');
  await page.locator('#new-case').click();
  await page.locator('#case-title').fill(title);
  for (const [selector, value] of Object.entries(fields)) await page.locator(selector).fill(value);
  await page.locator('#case-save').click();
  await expect(page.locator('#case-heading')).toHaveText(title);
  return page.url().split('/diary/')[1];
}
