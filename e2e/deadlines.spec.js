// Deadlines across cases (issue 18): the overdue / due today / due soon list on the home page and
// at the top of the diary, and the calendar files (RFC 5545) for all cases and for one case,
// parsed here: events, all-day dates, the two alarms, and a working-day clock counted exactly
// across 国庆 2026. "Today" is fixed with Playwright's clock, in China's time zone.
import { readFileSync } from 'node:fs';
import { test, expect, appReady } from './fixtures.js';

test.use({ timezoneId: 'Asia/Shanghai' });

const at = (iso) => new Date(`${iso}+08:00`);

/** A version-1 backup: one case per deadline group, and one whose clock runs into 2027. */
function seed() {
  const c = (id, title) => ({ id, title, status: 'open', created_at: '2026-09-01T08:00:00', updated_at: '2026-09-01T08:00:00' });
  const ev = (id, case_id, when, kind, said, promised_by) => ({ id, case_id, at: when, kind, said, counterparty: '代理商客服', attachments: [], ...(promised_by ? { promised_by } : {}) });
  const cases = [c('dl-late', '押金不退'), c('dl-now', '机器坏了没人修'), c('dl-soon', '费率被调高'), c('dl-2027', '年底投诉')];
  const events = [
    ev('e1', 'dl-late', '2026-09-01T09:00:00', 'fault', '机器无法开机'),
    ev('e2', 'dl-late', '2026-09-20T10:00:00', 'call', '答应10月9日前退押金', '2026-10-09'),
    ev('e3', 'dl-now', '2026-09-22T10:00:00', 'message', '答应10月12日上门', '2026-10-12'),
    ev('e4', 'dl-soon', '2026-09-10T10:00:00', 'charge', '多扣手续费'),
    ev('e5', 'dl-2027', '2026-12-28T10:00:00', 'letter_sent',
      '《投诉书》\n人民银行分支机构登记、决定是否受理并转办投诉：2027年1月6日\n\n正文', '2027-01-06'),
  ];
  return Buffer.from(JSON.stringify({ format: 'pos-helper-backup', version: 1, exported_at: '2026-09-28T09:00:00', cases, events, attachments: [] }));
}

/** iCalendar text → VEVENTs, each a map of property name (with parameters) → values. */
function parseIcs(text) {
  expect(text.startsWith('BEGIN:VCALENDAR\r\n'), 'starts with BEGIN:VCALENDAR and CRLF').toBe(true);
  for (const physical of text.split('\r\n')) {
    expect(Buffer.byteLength(physical, 'utf8'), physical).toBeLessThanOrEqual(75);
  }
  expect(text.replace(/\r\n/g, '').includes('\n'), 'no bare LF').toBe(false);
  const lines = text.replace(/\r\n /g, '').split('\r\n').filter(Boolean);
  const events = [];
  let event = null;
  let alarm = null;
  for (const line of lines) {
    const i = line.indexOf(':');
    const [name, value] = [line.slice(0, i), line.slice(i + 1)];
    if (line === 'BEGIN:VEVENT') event = { props: {}, alarms: [] };
    else if (line === 'END:VEVENT') { events.push(event); event = null; }
    else if (line === 'BEGIN:VALARM') alarm = {};
    else if (line === 'END:VALARM') { event.alarms.push(alarm); alarm = null; }
    else if (alarm) alarm[name] = value;
    else if (event) event.props[name] = value;
  }
  expect(lines.at(-1)).toBe('END:VCALENDAR');
  return events;
}

async function downloadText(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

test('deadlines: three groups on the diary and the home page; calendar files for all and for one case', async ({ page }) => {
  test.setTimeout(90_000);
  // 1. On Monday 2026-09-28: restore the seeded diary, then record a PBoC complaint as sent.
  await page.clock.setFixedTime(at('2026-09-28T10:00:00'));
  await page.goto('diary');
  await appReady(page);
  await expect(page.locator('#db-status')).toHaveAttribute('data-db', 'ok');
  await page.locator('#import-file').setInputFiles({ name: 'seed.json', mimeType: 'application/json', buffer: seed() });
  await expect(page.locator('#import-report')).toContainText('导入完成');

  await page.goto('letters/pboc?case=dl-soon');
  await appReady(page);
  await expect(page.locator('#letter-case')).toHaveValue('dl-soon');
  await page.locator('#field-letter-date').fill('2026-09-28');
  await page.locator('#letter-mark-sent').click();
  // 7 working days after 09-28 across 国庆 2026 (10-01..07 off, Saturday 10-10 a working day):
  // 09-29, 09-30, 10-08, 10-09, 10-10, 10-12, 10-13. Monday–Friday alone would give 10-07.
  await expect(page.locator('#letter-sent-status')).toContainText('2026年10月13日');

  // 2. On Monday 2026-10-12 the diary shows the three groups at the top.
  await page.clock.setFixedTime(at('2026-10-12T09:00:00'));
  await page.goto('diary');
  await appReady(page);
  const list = page.locator('#deadlines');
  await expect(list.locator('h2')).toHaveText('需要您留意的期限');
  await expect(list.locator('.dl-group')).toHaveText(['已逾期 (1)', '今天要办 (1)', '即将到期 (1)']);
  await expect(page.locator('#dl-overdue .dl-item')).toHaveAttribute('data-case', 'dl-late');
  await expect(page.locator('#dl-overdue')).toContainText('已逾期3天');
  await expect(page.locator('#dl-today .dl-item')).toHaveAttribute('data-case', 'dl-now');
  await expect(page.locator('#dl-today')).toContainText('今天到期');
  const soon = page.locator('#dl-soon .dl-item');
  await expect(soon).toHaveAttribute('data-case', 'dl-soon');
  await expect(soon).toHaveAttribute('data-date', '2026-10-13');
  await expect(soon).toContainText('明天到期');
  await expect(soon).toContainText('《中国人民银行金融消费者权益保护实施办法》');
  // The list is above the case list.
  const listBox = await list.boundingBox();
  const casesBox = await page.locator('#case-list').boundingBox();
  expect(listBox.y).toBeLessThan(casesBox.y);

  // 3. All deadlines as one calendar file.
  const all = await downloadText(page, '#dl-download-all');
  expect(all.name).toBe('期限-20261012.ics');
  await expect(page.locator('#deadlines .dl-download-status')).toContainText('日历文件已下载');
  const events = parseIcs(all.text);
  // Per case: its pending date and the limitation period.
  expect(events).toHaveLength(4 * 2);
  const byUid = Object.fromEntries(events.map((e) => [e.props.UID, e]));
  const clockUid = Object.keys(byUid).find((uid) => uid.startsWith('dl-soon.clock.'));
  expect(clockUid, Object.keys(byUid).join(' ')).toBeTruthy();
  const pboc = byUid[clockUid];
  expect(pboc.props['DTSTART;VALUE=DATE']).toBe('20261013');
  expect(pboc.props['DTEND;VALUE=DATE']).toBe('20261014');
  expect(pboc.props.SUMMARY).toBe('人民银行分支机构登记、决定是否受理并转办投诉：费率被调高');
  expect(pboc.props.DESCRIPTION).toContain('第四十三条');
  expect(pboc.props.DESCRIPTION).not.toContain('未经确认');
  expect(byUid['dl-late.promise.e2@pos-helper'].props['DTSTART;VALUE=DATE']).toBe('20261009');
  expect(byUid['dl-now.promise.e3@pos-helper'].props['DTSTART;VALUE=DATE']).toBe('20261012');
  expect(byUid['dl-late.limitation.e1@pos-helper'].props['DTSTART;VALUE=DATE']).toBe('20290901');
  // A working-day clock that runs into 2027 (no published schedule yet) says so.
  const estimated = byUid['dl-2027.clock.e5@pos-helper'];
  expect(estimated.props['DTSTART;VALUE=DATE']).toBe('20270106');
  expect(estimated.props.DESCRIPTION).toContain('未经确认');
  for (const e of events) {
    expect(e.props.DTSTAMP).toMatch(/^\d{8}T\d{6}Z$/);
    expect(e.alarms.map((a) => a.TRIGGER)).toEqual(['-P1D', 'PT9H']);
    expect(e.alarms.every((a) => a.ACTION === 'DISPLAY' && a.DESCRIPTION)).toBe(true);
  }

  // 4. The home page shows the same three groups (the diary's code is loaded only because a
  //    diary exists on this device).
  await page.goto('./');
  await appReady(page);
  const home = page.locator('#home-deadlines');
  await expect(home.locator('.dl-group')).toHaveText(['已逾期 (1)', '今天要办 (1)', '即将到期 (1)']);
  await expect(home.locator('#dl-soon .dl-item')).toHaveAttribute('data-date', '2026-10-13');
  await home.locator('#dl-today a.dl-case').click();
  await expect(page.locator('#case-heading')).toHaveText('机器坏了没人修');

  // 5. One case's file, from the case page.
  await page.goto('diary/dl-soon');
  await appReady(page);
  const one = await downloadText(page, '#dl-download-case');
  expect(one.name).toBe('期限-dl-soon-20261012.ics');
  await expect(page.locator('.dl-download-status')).toContainText('日历文件已下载');
  const mine = parseIcs(one.text);
  expect(mine.map((e) => e.props.UID.split('.')[0])).toEqual(['dl-soon', 'dl-soon']);
  expect(mine.map((e) => e.props['DTSTART;VALUE=DATE'])).toEqual(['20261013', '20290910']);
});

test('deadlines in English, and nothing due says so', async ({ page }) => {
  await page.clock.setFixedTime(at('2026-10-12T09:00:00'));
  await page.goto('diary?lang=en');
  await appReady(page);
  await expect(page.locator('#db-status')).toHaveAttribute('data-db', 'ok');
  await page.locator('#import-file').setInputFiles({ name: 'seed.json', mimeType: 'application/json', buffer: seed() });
  await expect(page.locator('#import-report')).toBeVisible();
  await expect(page.locator('#deadlines .dl-group')).toHaveText(['Overdue (1)', 'Due today (1)']);
  await expect(page.locator('#dl-overdue')).toContainText('overdue by 3 days');
  const all = await downloadText(page, '#dl-download-all');
  expect(all.name).toBe('deadlines-20261012.ics');
  expect(all.text).toContain('X-WR-CALNAME:Dispute deadlines');

  // Months before any of these dates nothing is due or overdue, and the list says so.
  await page.clock.setFixedTime(at('2026-01-01T09:00:00'));
  await page.goto('diary?lang=en');
  await appReady(page);
  await expect(page.locator('#deadlines-none')).toContainText('Nothing is due in the next 7 days');
});
