// Diary (issue 6): a whole case with photos survives a reload; hostile text stays text in the
// list, the timeline and the print view; an import interrupted by closing the page leaves the
// database fully before or fully after; the diary works offline; deep links open a case.
import { test, expect, appReady, createCase as createCaseWith, swControls, countRecords } from './fixtures.js';

const HOSTILE_1 = '<script>alert(1)</script>';
const HOSTILE_2 = '"><img src=x onerror=alert(1)>';
// A 1×1 red PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

/** Fails the test on any dialog except the delete confirmations it expects. */
function noAlerts(page) {
  const seen = [];
  page.on('dialog', async (d) => {
    seen.push(`${d.type()}: ${d.message()}`);
    if (d.type() === 'confirm') await d.accept();
    else await d.dismiss();
  });
  return seen;
}

const createCase = (page, title) =>
  createCaseWith(page, title, { '#case-sn': 'SN-778899', '#case-acquirer': '某支付有限公司' });

async function addEvent(page, { at, said, kind = 'call', photo = true }) {
  await page.locator('#add-event').click();
  await page.locator('#event-at').fill(at);
  await page.locator('#event-kind').selectOption(kind);
  await page.locator('#event-person').fill('王经理');
  await page.locator('#event-said').fill(said);
  if (photo) await page.locator('#event-files').setInputFiles({ name: `slip-${at.slice(0, 10)}.png`, mimeType: 'image/png', buffer: PNG });
  await page.locator('#event-save').click();
  await expect(page.locator('#event-form')).toHaveCount(0);
}


test('a case with three events and photos survives a reload; hostile text stays text', async ({ page }) => {
  const dialogs = noAlerts(page);
  const title = `签到失败 ${HOSTILE_1}`;
  const id = await createCase(page, title);
  expect(id).toMatch(/^c-[0-9a-f]+-[0-9a-f]{16}$/);
  await addEvent(page, { at: '2026-03-01T09:00', said: `第一次报修 ${HOSTILE_2}`, kind: 'fault' });
  await addEvent(page, { at: '2026-03-03T10:30', said: '客服答应三天内上门' });
  await addEvent(page, { at: '2026-03-08T16:45', said: `寄出投诉函 ${HOSTILE_1}`, kind: 'letter_sent' });

  await page.reload();
  await appReady(page);
  await expect(page.locator('#case-heading')).toHaveText(title);
  const items = page.locator('#timeline li.event');
  await expect(items).toHaveCount(3);
  // Newest first, then the toggle.
  await expect(items.first()).toContainText('2026-03-08 16:45');
  await page.locator('#toggle-order').click();
  await expect(items.first()).toContainText('2026-03-01 09:00');
  await expect(items.first()).toContainText(HOSTILE_2);
  // Three photos, each a real loaded image (the stored blob).
  const thumbs = page.locator('#timeline img.thumb');
  await expect(thumbs).toHaveCount(3);
  for (const img of await thumbs.all()) {
    await expect.poll(() => img.evaluate((el) => el.complete && el.naturalWidth)).toBe(1);
  }
  // No element was made from user text.
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('main script')).toHaveCount(0);

  // The list shows the hostile title as text.
  await page.goto('diary');
  await appReady(page);
  await expect(page.locator('#case-list .case-title')).toHaveText(title);
  await expect(page.locator('#case-list')).toContainText('3');

  // Search finds an event by its text.
  await page.locator('#search summary').click();
  await page.locator('#search-text').fill('上门');
  await expect(page.locator('#search-results li')).toHaveCount(2); // the case and the event

  // Print view: the summary with hostile text as text, no forms or buttons.
  await page.goto(`diary/${id}`);
  await appReady(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#case-heading')).toBeVisible();
  await expect(page.locator('#case-heading')).toHaveText(title);
  await expect(page.locator('#timeline')).toContainText(HOSTILE_2);
  await expect(page.locator('#evidence-list')).toBeVisible();
  await expect(page.locator('#add-event')).toBeHidden();
  await expect(page.locator('nav.tabs')).toBeHidden();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await page.emulateMedia({ media: 'screen' });
  expect(dialogs, 'no alert ran').toEqual([]);
});

test('deleting an event asks first and can be undone', async ({ page }) => {
  const dialogs = noAlerts(page);
  await createCase(page, '删除测试');
  await addEvent(page, { at: '2026-03-01T09:00', said: '要删除的记录' });
  await page.locator('#timeline .delete-event').click();
  await expect(page.locator('#timeline li.event')).toHaveCount(0);
  expect(dialogs).toHaveLength(1);
  await page.locator('#undo').click();
  await expect(page.locator('#timeline li.event')).toHaveCount(1);
  await expect(page.locator('#timeline img.thumb')).toHaveCount(1);
});

/** A valid backup with `n` events and `files` attachments of `size` bytes each. */
function bigBackup(n, files, size) {
  const cases = [{ id: 'big-case', title: '大批量导入', created_at: '2026-01-01T08:00:00', updated_at: '2026-01-01T08:00:00' }];
  const events = [];
  const attachments = [];
  const data = Buffer.alloc(size, 7).toString('base64');
  for (let i = 0; i < n; i++) {
    const ev = {
      id: `big-ev-${i}`, case_id: 'big-case', at: `2026-02-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00`,
      kind: 'note', said: `第${i}条记录 ${'备注'.repeat(20)}`, attachments: [],
    };
    if (i < files) {
      ev.attachments.push({ id: `big-att-${i}`, name: `f${i}.png`, mime: 'image/png', size });
      attachments.push({ id: `big-att-${i}`, name: `f${i}.png`, mime: 'image/png', size, data_base64: data });
    }
    events.push(ev);
  }
  return Buffer.from(JSON.stringify({ format: 'pos-helper-backup', version: 1, exported_at: '2026-03-01T00:00:00', cases, events, attachments }));
}

test('closing the page in the middle of a large import leaves all or nothing', async ({ context }) => {
  test.setTimeout(120_000);
  const N = 4000;
  const FILES = 40;
  const file = { name: 'big.json', mimeType: 'application/json', buffer: bigBackup(N, FILES, 100_000) };
  for (const delay of [0, 150, 400, 900, 1600]) {
    const page = await context.newPage();
    await page.goto('diary');
    await appReady(page);
    await expect(page.locator('#db-status')).toHaveAttribute('data-db', 'ok');
    await page.locator('#import-file').setInputFiles(file);
    await page.waitForTimeout(delay);
    await page.close({ runBeforeUnload: false });

    const check = await context.newPage();
    await check.goto('diary');
    await appReady(check);
    const counts = await countRecords(check);
    const before = counts.events === 0 && counts.cases === 0 && counts.attachments === 0;
    const after = counts.events === N && counts.cases === 1 && counts.attachments === FILES;
    expect(before || after, `after closing at ${delay} ms: ${JSON.stringify(counts)}`).toBe(true);
    await check.close();
  }
  // And left alone, the import completes and reports.
  const page = await context.newPage();
  await page.goto('diary');
  await appReady(page);
  await page.locator('#import-file').setInputFiles(file);
  await expect(page.locator('#import-report')).toContainText(/导入完成/, { timeout: 60_000 });
  expect(await countRecords(page)).toEqual({ cases: 1, events: N, attachments: FILES });
});

test('a malformed backup is refused with a clear error and changes nothing', async ({ page }) => {
  await createCase(page, '已有案件');
  await page.goto('diary');
  await appReady(page);
  const before = await countRecords(page);
  const broken = bigBackup(10, 1, 10).toString().slice(0, -40);
  await page.locator('#import-file').setInputFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  await expect(page.locator('#diary-notice')).toContainText('未写入任何内容');
  await expect(page.locator('#diary-notice')).toHaveAttribute('role', 'alert');
  expect(await countRecords(page)).toEqual(before);
});

test('the diary works offline after one visit', async ({ page, context }) => {
  await page.goto('diary');
  await appReady(page);
  await swControls(page);
  await context.setOffline(true);
  await page.reload();
  await appReady(page);
  await createCase(page, '离线也能记录');
  await addEvent(page, { at: '2026-04-01T12:00', said: '离线添加', photo: false });
  await expect(page.locator('#timeline li.event')).toHaveCount(1);
  await context.setOffline(false);
});

test('a deep link /diary/<case-id> opens the case @subpath', async ({ page, context }) => {
  const id = await createCase(page, '深链接案件');
  const other = await context.newPage();
  await other.goto(`diary/${id}`);
  await appReady(other);
  await expect(other.locator('#case-heading')).toHaveText('深链接案件');
  // A link back to the list keeps the base path.
  const back = other.getByRole('link', { name: '← 全部案件' });
  expect(new URL(await back.evaluate((a) => a.href)).pathname).toMatch(/\/diary$/);
  // An unknown id says so, as text.
  await other.goto('diary/no-such-case');
  await appReady(other);
  await expect(other.locator('#case-missing')).toBeVisible();
  await expect(other.locator('.deep-link code')).toHaveText('no-such-case');
});
