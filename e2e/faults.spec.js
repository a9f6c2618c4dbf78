// Faults (issue 8): IndexedDB missing or failing to open, storage full in the middle of an
// import, and two tabs where one upgrades the database. Each time the user gets a clear
// message, nothing is half-written, and the other tools keep working.
import { test, expect, appReady, countRecords } from './fixtures.js';


/** A valid backup with one case and `n` events. */
function backup(n, caseId = 'c-0000000000-00000000000000aa') {
  const cases = [{ id: caseId, title: '导入的案件', created_at: '2026-03-01T08:00:00', updated_at: '2026-03-01T08:00:00' }];
  const events = Array.from({ length: n }, (_, i) => ({
    id: `e-${String(i).padStart(10, '0')}-${caseId.slice(-16)}`,
    case_id: caseId,
    at: '2026-03-01T09:00:00',
    kind: 'call',
    said: `第${i}次联系`,
  }));
  const text = JSON.stringify({ format: 'pos-helper-backup', version: 1, exported_at: '2026-03-02T00:00:00', cases, events, attachments: [] });
  return { name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(text) };
}

/** The other tools work: the wizard starts and the licence search answers. */
async function otherToolsWork(page) {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '故障自查' }).click();
  await expect(page.locator('h1')).toHaveText('故障自查向导');
  await page.goto('check?q=拉卡拉');
  await appReady(page);
  await expect(page.locator('.hits > li').first().locator('.licence-no')).toHaveText('Z2002511000017');
}

test('when opening IndexedDB fails (private mode, disabled storage) the diary says so and the rest works', async ({ page, guard }) => {
  await page.addInitScript(() => {
    // Every open request fails the way a browser with storage disabled fails it.
    IDBFactory.prototype.open = function () {
      const req = new EventTarget();
      const error = new DOMException('storage disabled (simulated)', 'UnknownError');
      Object.defineProperties(req, { error: { value: error }, result: { get() { throw error; } }, readyState: { value: 'done' } });
      setTimeout(() => {
        const e = new Event('error', { cancelable: true });
        if (typeof req.onerror === 'function') req.onerror(e);
        req.dispatchEvent(e);
      }, 0);
      return req;
    };
  });
  await page.goto('diary');
  await appReady(page);
  await expect(page.locator('#db-status')).toHaveAttribute('data-db', 'unavailable');
  await expect(page.getByRole('alert').first()).toContainText('维权日记暂不可用');
  // The letters page offers diary cases; without a database it still opens and fills by hand.
  await page.goto('letters/demand');
  await appReady(page);
  await expect(page.locator('h1')).toBeVisible();
  await otherToolsWork(page);
});

test('storage full in the middle of an import: a clear message, nothing written, then it works', async ({ page }) => {
  await page.addInitScript(() => {
    // Simulated quota: while armed, the 51st put in a page fails as a full disk makes it fail.
    let puts = 0;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.__quotaArmed && ++puts > 50) {
        throw new DOMException('Quota exceeded (simulated)', 'QuotaExceededError');
      }
      return put.apply(this, args);
    };
  });
  await page.goto('diary');
  await appReady(page);
  await expect(page.locator('#db-status')).toHaveAttribute('data-db', 'ok');
  // Something already in the diary, which must survive untouched.
  await page.locator('#import-file').setInputFiles(backup(5, 'c-0000000000-00000000000000bb'));
  await expect(page.locator('#import-report')).toContainText(/导入完成/);
  const before = await countRecords(page);
  expect(before).toEqual({ cases: 1, events: 5, attachments: 0 });

  await page.evaluate(() => { window.__quotaArmed = true; });
  await page.locator('#import-file').setInputFiles(backup(300));
  const notice = page.locator('#diary-notice');
  await expect(notice).toHaveAttribute('role', 'alert');
  await expect(notice).toContainText('存储空间不足');
  await expect(notice).toContainText('数据未更改');
  expect(await countRecords(page)).toEqual(before);
  // The diary itself still reads and lists.
  await expect(page.locator('#case-list')).toContainText('导入的案件');

  // Space freed: the same file imports in full.
  await page.evaluate(() => { window.__quotaArmed = false; });
  await page.locator('#import-file').setInputFiles(backup(300));
  await expect(page.locator('#import-report')).toContainText(/导入完成/);
  expect(await countRecords(page)).toEqual({ cases: 2, events: 305, attachments: 0 });
  await otherToolsWork(page);
});

test('two tabs: an upgrade in one closes the other\'s connection instead of hanging, and it says so', async ({ context }) => {
  const a = await context.newPage();
  await a.goto('diary');
  await appReady(a);
  await expect(a.locator('#db-status')).toHaveAttribute('data-db', 'ok');
  await expect(a.locator('#db-notice')).toHaveCount(0);

  // Tab B plays a newer build: it opens the database one schema version up.
  const b = await context.newPage();
  await b.goto('about');
  await appReady(b);
  const outcome = await b.evaluate(() => new Promise((resolve) => {
    const probe = indexedDB.open('pos-helper');
    probe.onsuccess = () => {
      const next = probe.result.version + 1;
      probe.result.close();
      const req = indexedDB.open('pos-helper', next);
      const timer = setTimeout(() => resolve('hung'), 8000);
      req.onblocked = () => resolve('blocked');
      req.onsuccess = () => { clearTimeout(timer); req.result.close(); resolve('upgraded'); };
      req.onerror = () => { clearTimeout(timer); resolve(`error ${req.error}`); };
    };
  }));
  expect(outcome).toBe('upgraded');

  const bar = a.locator('#db-notice');
  await expect(bar).toHaveAttribute('data-notice', 'closed');
  await expect(bar).toContainText('请刷新本页');
  // This (older) build, reloaded, meets a newer database: a clear message, not "unavailable".
  await Promise.all([a.waitForEvent('load'), bar.getByRole('button', { name: '刷新本页' }).click()]);
  await appReady(a);
  await expect(a.locator('#db-status')).toHaveAttribute('data-db', 'newer');
  await expect(a.getByRole('alert').first()).toContainText('更新版本');
});

test('two tabs: an old tab that holds the database makes the upgrade wait, with a message, then it opens', async ({ context }) => {
  // The old tab: the v1 schema, opened by code that never lets go on versionchange.
  const old = await context.newPage();
  await old.goto('about');
  await appReady(old);
  await old.evaluate(() => new Promise((resolve, reject) => {
    indexedDB.deleteDatabase('pos-helper').onsuccess = () => {
      const req = indexedDB.open('pos-helper', 1);
      req.onupgradeneeded = () => {
        const db = req.result;
        db.createObjectStore('meta', { keyPath: 'key' });
        db.createObjectStore('cases', { keyPath: 'id' });
        db.createObjectStore('events', { keyPath: 'id' }).createIndex('by_case', 'case_id');
      };
      req.onsuccess = () => { window.__held = req.result; resolve(); };
      req.onerror = () => reject(req.error);
    };
  }));

  const page = await context.newPage();
  await page.goto('diary');
  await appReady(page);
  const bar = page.locator('#db-notice');
  await expect(bar).toHaveAttribute('data-notice', 'blocked');
  await expect(bar).toContainText('请关闭其他标签页');
  await expect(page.locator('#db-status')).toHaveCount(0);

  await old.evaluate(() => window.__held.close());
  await expect(page.locator('#db-status')).toHaveAttribute('data-db', 'ok');
  await expect(bar).toHaveCount(0);
  await expect(page.locator('#new-case')).toBeVisible();
});
