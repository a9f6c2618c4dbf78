// XSS sweep (issue 8): every hostile string of e2e/hostile-strings.js goes into every text field
// of every tool. Each must show as literal text in the view, on paper (the PDF's text) and in
// every export; no dialog opens (the guard fixture fails the test on alert/prompt, and this spec
// also on confirm), no element is injected, no script added, no `javascript:` link appears.
// Deep links with hostile parameters show a clear message or the text as text, never markup.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { test, expect, appReady } from './fixtures.js';
import { HOSTILE, ONE_LINE, INJECTED, asInputValue } from './hostile-strings.js';

// Runs on the root build only (no @subpath tag); one test per tool, each a few dozen seconds.
test.describe.configure({ timeout: 240_000 });

/** Fails the test on any dialog at all (the sweep never deletes, so no confirm either). */
function noDialogs(page) {
  const seen = [];
  page.on('dialog', async (d) => {
    seen.push(`${d.type()}: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  return seen;
}

/** The document's scripts, to compare before and after typing. */
const scriptCount = (page) => page.evaluate(() => document.scripts.length);

/** Nothing was injected anywhere in the document, and no link can run script. */
async function assertClean(page, scripts, what) {
  const found = await page.evaluate((sel) => {
    const bad = [...document.querySelectorAll(sel)].map((e) => e.outerHTML.slice(0, 120));
    for (const a of document.querySelectorAll('a[href], area[href], form[action], iframe, object, embed')) {
      const url = a.getAttribute('href') || a.getAttribute('action') || '';
      if (/^\s*(javascript|data|vbscript):/i.test(url)) bad.push(a.outerHTML.slice(0, 120));
    }
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) if (/^on/i.test(attr.name)) bad.push(`${el.tagName} ${attr.name}`);
    }
    return bad;
  }, INJECTED);
  expect(found, `${what}: injected elements`).toEqual([]);
  expect(await scriptCount(page), `${what}: scripts`).toBe(scripts);
}

/** Whitespace collapsed, as layout and text extraction see it. */
const squash = (s) => s.replace(/\s+/g, ' ').trim();
const flat = (s) => s.replace(/\s+/g, '');
/**
 * No whitespace at all, for PDF text (pdftotext breaks lines where the layout does); runs of
 * hyphens as one (the serif font joins "--" into one dash glyph).
 */
const bare = (s) => s.replace(/\s+/g, '').replace(/-+/g, '-');

/** Characters a PDF's text layer drops: controls, zero-width and direction marks. */
const INVISIBLE = /[\u0000-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
/** A string as the PDF's text should contain it (whitespace and invisible characters gone). */
const onPaper = (s) => bare(s.replace(INVISIBLE, ''));
/**
 * How a string can be found in a PDF's text. pdftotext gives text under an RTL override in
 * visual (reversed) order and may put Extension B characters (another font, another
 * baseline) on a line of their own: for those, every character must be there. Emoji without
 * a glyph in the installed fonts (💳) are left out of the text layer: that string is checked
 * on screen and in the exports only.
 */
const pdfOrdered = (s) => !/[\u202A-\u202E\u2066-\u2069]|[\u{20000}-\u{3FFFF}]|\p{Extended_Pictographic}/u.test(s);
const pdfSafe = (s) => !/\p{Extended_Pictographic}/u.test(s);
function expectOnPaper(printed, text, what) {
  if (pdfOrdered(text)) expect(printed, what).toContain(onPaper(text));
  else for (const ch of new Set(onPaper(text))) expect(printed, `${what}: ${ch}`).toContain(ch);
}

function pdfText(testInfo, pdf, name) {
  const path = testInfo.outputPath(`${name}.pdf`);
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', [path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

async function printedText(page, testInfo, name) {
  await page.emulateMedia({ media: 'print' });
  const text = pdfText(testInfo, await page.pdf({ format: 'A4' }), name);
  await page.emulateMedia({ media: 'screen' });
  // A letter's page numbers (第 N 页 共 M 页) sit between the pages' text: take them out so a
  // string that runs across a page break reads whole.
  return onPaper(text.replace(/第\s*\d+\s*页\s*共\s*\d+\s*页/g, ''));
}

const escapeHtml = (s) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The tags of an HTML file: only the export's own skeleton may be there. */
function tagsOf(html) {
  return [...new Set([...html.matchAll(/<\/?([a-zA-Z!][a-zA-Z0-9-]*)/g)].map((m) => m[1].toLowerCase()))].sort();
}

async function download(page, click) {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') };
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF), as a spreadsheet reads it. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Letters: every field of every kind, the editable final text, paper, copy, .txt and .html.

const LETTER_KINDS = ['demand-vendor', 'acquirer', 'pboc', 'report-12315', 'pcac', 'civil'];

test('letters: hostile text in every field of every kind stays text on screen', async ({ page }, testInfo) => {
  const dialogs = noDialogs(page);
  let total = 0;
  // Two pools, so that the multi-line strings are sure to reach a textarea.
  const slots = { one: 0, multi: 0 };
  const MULTI = [...HOSTILE.filter((h) => /\n/.test(h.text)), ...HOSTILE.filter((h) => !/\n/.test(h.text))];
  const covered = new Set();
  for (const kind of LETTER_KINDS) {
    await page.goto(`letters/${kind}`);
    await appReady(page);
    const scripts = await scriptCount(page);
    // A 起诉状 names both companies only when both are sued.
    if (kind === 'civil') await page.locator('#field-defendant').selectOption('both');
    const fields = await page.locator('[id^="field-"]').evaluateAll((els) =>
      els.filter((e) => e.tagName === 'TEXTAREA' || e.type === 'text').map((e) => ({ id: e.id, multi: e.tagName === 'TEXTAREA' })));
    expect(fields.length, `${kind} has text fields`).toBeGreaterThan(3);
    const typed = [];
    for (const f of fields) {
      const h = f.multi ? MULTI[slots.multi++ % MULTI.length] : ONE_LINE[slots.one++ % ONE_LINE.length];
      covered.add(h.label);
      await page.locator(`#${f.id}`).fill(h.text);
      await expect(page.locator(`#${f.id}`), `${kind} ${f.id} ${h.label}`).toHaveValue(f.multi ? h.text.replace(/\r\n/g, '\n') : asInputValue(h.text));
      typed.push({ ...f, h });
    }
    // Every value is in the letter on screen, literally (placeholders in values stay as typed).
    // The paper puts each line of the letter in its own element, and the requests field is
    // numbered line by line ("1. …；"), so a value is compared line by line, without whitespace
    // and without the numbering and closing punctuation the letter adds to a request.
    const paper = flat(await page.locator('.letter-paper').textContent());
    for (const { id, h } of typed) {
      for (const line of h.text.split(/\r?\n/).map(flat).filter(Boolean)) {
        const core = id === 'field-request' ? line.replace(/^\d+[.、．]?/, '').replace(/[。；，.;,！!]+$/, '') : line;
        expect(paper, `${kind} ${id}: ${h.label}`).toContain(core);
      }
    }
    total += fields.length;
    await assertClean(page, scripts, kind);
  }
  expect(covered.size, 'every hostile string went into some letter field').toBe(HOSTILE.length);
  testInfo.annotations.push({ type: 'text fields', description: `${total} in ${LETTER_KINDS.length} kinds` });
  expect(dialogs).toEqual([]);
});

test('letters: the edited final text with every hostile string prints, copies and downloads as text', async ({ page, context }, testInfo) => {
  const dialogs = noDialogs(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('letters/demand-vendor');
  await appReady(page);
  const scripts = await scriptCount(page);
  const subject = '主题 <script>alert(99)</script>';
  const body = HOSTILE.map((h) => h.text.replace(/\r\n/g, '\n').trim()).join('\n\n');
  await page.locator('#letter-final-text').fill(`${subject}\n${body}`);

  // On screen.
  // Each line of the letter is its own element on paper: compare without whitespace.
  const paper = flat(await page.locator('.letter-paper').textContent());
  for (const h of HOSTILE) expect(paper, h.label).toContain(flat(h.text));
  expect(paper).toContain(flat(subject));
  await assertClean(page, scripts, 'letter paper');

  // On paper: the PDF's text.
  const printed = await printedText(page, testInfo, 'letter');
  for (const h of HOSTILE.filter((x) => pdfSafe(x.text))) expectOnPaper(printed, h.text, `PDF: ${h.label}`);
  expect(printed).toContain(onPaper(subject));

  // Copy: the clipboard gets the plain text.
  await page.getByRole('button', { name: '复制全文' }).click();
  await expect(page.locator('#letter-action-status')).not.toBeEmpty();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  for (const h of HOSTILE) expect(clip, `clipboard: ${h.label}`).toContain(h.text.replace(/\r\n/g, '\n').trim());

  // .txt: byte for byte the text.
  const txt = await download(page, () => page.getByRole('button', { name: '下载 .txt' }).click());
  for (const h of HOSTILE) expect(txt.text, `.txt: ${h.label}`).toContain(h.text.replace(/\r\n/g, '\n').trim());

  // .html: every string escaped, only the skeleton's own tags, nothing that runs or loads.
  const html = await download(page, () => page.getByRole('button', { name: '下载 .html' }).click());
  // Each line of the letter is its own element in the page: every line, escaped.
  for (const h of HOSTILE) {
    for (const line of h.text.replace(/\r\n/g, '\n').split('\n').map((l) => l.trim()).filter(Boolean)) {
      expect(html.text, `.html: ${h.label}`).toContain(escapeHtml(line));
    }
  }
  const skeleton = ['!doctype', 'article', 'body', 'div', 'head', 'html', 'meta', 'p', 'span', 'style', 'title'];
  for (const tag of tagsOf(html.text)) expect(skeleton, `tag <${tag}>`).toContain(tag);
  expect(tagsOf(html.text)).toContain('article');
  // Inside the skeleton's own tags: no event handler, no script URL.
  for (const tag of html.text.match(/<[^>]*>/g)) expect(tag).not.toMatch(/\son\w+=|javascript:|<(script|img|svg|iframe)/i);
  expect(html.text).toContain("default-src 'none'");
  // Opened as a page, the downloaded letter shows the strings as text and runs nothing.
  const view = await context.newPage();
  noDialogs(view);
  await view.setContent(html.text);
  const shown = flat(await view.locator('body').textContent());
  for (const h of HOSTILE) expect(shown, `opened .html: ${h.label}`).toContain(flat(h.text));
  expect(await view.locator(INJECTED + ', script').count()).toBe(0);
  await view.close();
  expect(dialogs).toEqual([]);
});

test('letters: hostile deep-link fields and case ids are filtered, never markup', async ({ page }) => {
  const dialogs = noDialogs(page);
  for (const h of HOSTILE.filter((_, i) => i % 3 === 0)) {
    const q = new URLSearchParams({
      acquirer_name: h.text, facts: h.text, reply_within_days: h.text, purchase_date: h.text,
      letter_date: h.text, case: h.text, [h.text.slice(0, 40)]: h.text,
    });
    await page.goto(`letters/demand-vendor?${q}`);
    await appReady(page);
    const scripts = await scriptCount(page);
    // Not a number of days, not a date, not a case id: the fields stay empty and say so.
    await expect(page.locator('#field-reply_within_days')).toHaveValue('');
    await expect(page.locator('#field-purchase_date')).toHaveValue('');
    await expect(page.locator('#letter-missing')).toBeVisible();
    // A long text is kept (control characters dropped, cut at 2,000 characters), as text.
    const facts = await page.locator('#field-facts').inputValue();
    expect(h.text.replace(/[\u0000-\u0009\u000B-\u001F\u007F]/g, '')).toContain(facts.slice(0, 200));
    await assertClean(page, scripts, `letters ?… ${h.label}`);
  }
  await page.goto(`letters/${encodeURIComponent('<svg onload=alert(1)>')}`);
  await appReady(page);
  await expect(page.getByRole('alert')).toHaveText('没有这种信。请从下面的列表中选择。');
  expect(dialogs).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Diary: every case field and event field, search, print, JSON and CSV exports.

const CASE_SHORT = ['case-title', 'case-brand', 'case-model', 'case-sn', 'case-terminal', 'case-purchase-channel',
  'case-vendor', 'case-acquirer', 'case-licence', 'case-merchant-no'];
const CASE_LONG = ['case-remedy', 'case-contacts'];
const EVENT_SHORT = ['event-counterparty', 'event-person', 'event-ticket'];
const EVENT_LONG = ['event-said'];
const SHORT_POOL = ONE_LINE.filter((h) => h.text.length <= 200);
// The strings only a textarea can take come first, so they are sure to be used.
const LONG_POOL = [...HOSTILE.filter((h) => h.text.length > 200 || /\n/.test(h.text)),
  ...HOSTILE.filter((h) => !(h.text.length > 200 || /\n/.test(h.text)))];

/** What the case page shows for a value saved from a one-line field or a textarea. */
const savedAs = (text) => text.replace(/\r\n/g, '\n').trim();
const contactsAs = (text) => text.replace(/\r\n/g, '\n').split('\n').map((l) => l.trim()).filter(Boolean).join('；');

test('diary: hostile text in every case and event field stays text in the views, print and exports', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const dialogs = noDialogs(page);
  await page.goto('diary');
  await appReady(page);
  await expect(page.locator('#db-status')).toHaveAttribute('data-db', 'ok');

  // A one-line field refuses the 10,000-character string with a clear message.
  await page.locator('#new-case').click();
  const long = HOSTILE.find((h) => h.text.length >= 10_000);
  await page.locator('#case-title').fill(long.text);
  await page.locator('#case-save').click();
  await expect(page.locator('#case-form [role="alert"]')).toContainText('太长');
  await page.goto('diary');
  await appReady(page);

  const saved = []; // { id, fields: {fieldId: text}, event: {...} }
  const covered = new Set();
  let s = 0;
  let l = 0;
  for (let k = 0; k < 4; k++) {
    await page.locator('#new-case').click();
    const fields = {};
    for (const id of CASE_SHORT) fields[id] = SHORT_POOL[s++ % SHORT_POOL.length];
    for (const id of CASE_LONG) fields[id] = LONG_POOL[l++ % LONG_POOL.length];
    for (const [id, h] of Object.entries(fields)) {
      covered.add(h.label);
      await page.locator(`#${id}`).fill(h.text);
    }
    await page.locator('#case-save').click();
    await expect(page.locator('#case-heading')).toHaveText(savedAs(fields['case-title'].text));
    const id = decodeURIComponent(page.url().split('/diary/')[1]);

    // One event with every text field hostile, a hostile amount first, and a hostile file name.
    const event = {};
    for (const f of EVENT_SHORT) event[f] = SHORT_POOL[s++ % SHORT_POOL.length];
    for (const f of EVENT_LONG) event[f] = LONG_POOL[l++ % LONG_POOL.length];
    await page.locator('#add-event').click();
    await page.locator('#event-at').fill(`2026-03-0${k + 1}T09:00`);
    for (const [f, h] of Object.entries(event)) {
      covered.add(h.label);
      await page.locator(`#${f}`).fill(h.text);
    }
    const amount = ONE_LINE[(k * 7 + 3) % ONE_LINE.length];
    await page.locator('#event-amount').fill(amount.text);
    await page.locator('#event-save').click();
    await expect(page.locator('#event-error')).toContainText('金额请写数字');
    await page.locator('#event-amount').fill('-12.50');
    const fileName = `${['<img src=x onerror=alert(20)>', '"><svg onload=alert(21)>', "javascript:alert(22)", '&lt;b&gt;'][k]}.png`;
    await page.locator('#event-files').setInputFiles({ name: fileName, mimeType: 'image/png', buffer: Buffer.from([137, 80, 78, 71]) });
    await page.locator('#event-save').click();
    await expect(page.locator('#event-form')).toHaveCount(0);
    saved.push({ id, fields, event, fileName });
    await page.goto('diary');
    await appReady(page);
  }
  expect(covered.size, 'every hostile string went into some diary field').toBe(HOSTILE.length);

  // The list: every title as text.
  const scripts = await scriptCount(page);
  const list = squash(await page.locator('#case-list').textContent());
  for (const c of saved) expect(list).toContain(squash(savedAs(c.fields['case-title'].text)));
  await assertClean(page, scripts, 'case list');

  // Each case page after a reload (read back from IndexedDB): heading, details, timeline.
  for (const c of saved) {
    await page.goto(`diary/${c.id}`);
    await appReady(page);
    await expect(page.locator('#case-heading')).toHaveText(savedAs(c.fields['case-title'].text));
    const details = squash(await page.locator('#case-details').textContent());
    for (const [id, h] of Object.entries(c.fields)) {
      if (id === 'case-title') continue;
      const shown = id === 'case-contacts' ? contactsAs(h.text) : savedAs(h.text);
      expect(details, `${id}: ${h.label}`).toContain(squash(shown));
    }
    const timeline = squash(await page.locator('#timeline').textContent());
    for (const [f, h] of Object.entries(c.event)) expect(timeline, `${f}: ${h.label}`).toContain(squash(savedAs(h.text)));
    expect(timeline).toContain(squash(c.fileName));
    await expect(page.locator('#timeline .file a')).toHaveAttribute('download', c.fileName);
    await expect(page.locator('#timeline .file a')).toHaveAttribute('href', /^blob:/);
    await assertClean(page, await scriptCount(page), `case ${c.id}`);

    // The printable summary: its PDF text has every string the fonts can show.
    const printed = await printedText(page, testInfo, `case-${c.id}`);
    const printable = [c.fields['case-title'], ...Object.values(c.event)].concat(
      Object.entries(c.fields).filter(([id]) => id !== 'case-title' && id !== 'case-contacts').map(([, h]) => h));
    for (const h of printable.filter((x) => pdfSafe(x.text))) expectOnPaper(printed, savedAs(h.text), `PDF: ${h.label}`);
    if (pdfSafe(c.fields['case-contacts'].text)) expectOnPaper(printed, contactsAs(c.fields['case-contacts'].text), 'PDF: contacts');
  }

  // Search: hostile queries are text; a title's own text finds its case.
  await page.goto('diary');
  await appReady(page);
  await page.locator('#search summary').click();
  for (const h of ONE_LINE) {
    await page.locator('#search-text').fill(h.text);
    await expect(page.locator('#search-text')).toHaveValue(asInputValue(h.text));
  }
  const probe = saved[1].fields['case-title'];
  await page.locator('#search-text').fill(probe.text);
  await expect(page.locator('#search-results')).toContainText(savedAs(probe.text));
  await assertClean(page, await scriptCount(page), 'search');

  // JSON backup: every value round-trips exactly.
  const json = await download(page, () => page.locator('#export-all').click());
  const backup = JSON.parse(json.text);
  for (const c of saved) {
    const bc = backup.cases.find((x) => x.id === c.id);
    expect(bc.title).toBe(savedAs(c.fields['case-title'].text));
    expect(bc.device.sn).toBe(savedAs(c.fields['case-sn'].text));
    expect(bc.remedy_wanted).toBe(savedAs(c.fields['case-remedy'].text));
    expect(bc.vendor.contacts.join('；')).toBe(contactsAs(c.fields['case-contacts'].text));
    const be = backup.events.find((x) => x.case_id === c.id);
    expect(be.said).toBe(savedAs(c.event['event-said'].text));
    expect(be.person).toBe(savedAs(c.event['event-person'].text));
    expect(be.attachments[0].name).toBe(c.fileName);
  }

  // CSV: quoted so every cell reads back whole; cells that a spreadsheet would run as a
  // formula start with an apostrophe.
  const csv = await download(page, () => page.locator('#export-csv-all').click());
  const rows = parseCsv(csv.text.replace(/^\uFEFF/, ''));
  const header = rows[0];
  const col = (name) => header.indexOf(name);
  expect(rows.length - 1).toBe(saved.length);
  for (const row of rows.slice(1)) {
    expect(row.length).toBe(header.length);
    // A negative amount is a number, not a formula; anything else may not start like one.
    for (const cell of row.filter((c) => !/^-?\d+(\.\d+)?$/.test(c))) expect(cell, 'no formula cells').not.toMatch(/^[=+\-@\t\r]/);
  }
  for (const c of saved) {
    const row = rows.find((r) => r.includes(c.id));
    expect(row, c.id).toBeTruthy();
    for (const h of Object.values(c.event)) {
      const want = savedAs(h.text);
      const cell = /^[=+\-@\t\r]/.test(want) ? `'${want}` : want;
      expect(row, `CSV: ${h.label}`).toContain(cell);
    }
    const title = savedAs(c.fields['case-title'].text);
    expect(row[col('案件标题')], 'CSV: title').toBe(/^[=+\-@]/.test(title) ? `'${title}` : title);
    expect(row[col('附件')], 'CSV: file name').toBe(c.fileName);
  }
  expect(dialogs).toEqual([]);
});

test('diary: hostile case ids in the address show a message, never markup', async ({ page }) => {
  const dialogs = noDialogs(page);
  for (const h of HOSTILE.filter((_, i) => i % 4 === 1)) {
    await page.goto(`diary/${encodeURIComponent(h.text.slice(0, 300))}`);
    await appReady(page);
    await expect(page.getByRole('alert').first()).toBeVisible();
    await assertClean(page, await scriptCount(page), `diary/${h.label}`);
  }
  expect(dialogs).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Checker: licence search, city, list import, 一清/二清, merchant number, fee inputs, add to diary.

test('checker: hostile text in every field shows as text or a clear message', async ({ page }) => {
  const dialogs = noDialogs(page);
  await page.goto('check');
  await appReady(page);
  const scripts = await scriptCount(page);
  const search = page.getByLabel('公司名称、品牌简称或许可证编号');
  for (const h of ONE_LINE) {
    await search.fill(h.text);
    await search.press('Enter');
    await expect(search, h.label).toHaveValue(asInputValue(h.text));
    await expect(page.locator('main .results')).not.toBeEmpty();
  }
  await page.locator('#licence-city').fill(ONE_LINE[1].text);
  await search.fill('拉卡拉');
  await search.press('Enter');
  await expect(page.locator('#licence-city')).toHaveValue(ONE_LINE[1].text);
  await expect(page.locator('.hits > li').first().locator('.licence-no')).toHaveText('Z2002511000017');
  await assertClean(page, scripts, 'licence search');

  // Import: a list whose names, aliases and sources are hostile is used as text…
  const rows = ONE_LINE.filter((h) => h.text.length < 500).slice(0, 12);
  const csvCell = (s) => `"${s.replace(/"/g, '""')}"`;
  const lines = ['# as_of: 2026-11-01', 'name,short_names,licence_no,business_types,coverage,first_issued,valid_until,status,status_date,source',
    ...rows.map((h, i) => {
      const serial = String(10 + i).padStart(3, '0');
      const first13 = `Z20${serial}1100001`;
      return [csvCell(`${h.text} 支付有限公司`), csvCell(`别名${i}|${h.text}`), first13 + checkDigit(first13), '支付交易处理Ⅰ类', '全国', '2011-12-22', '长期', 'valid', '', csvCell(h.text)].join(',');
    })];
  await page.locator('details.import summary').click();
  await page.locator('#import-paste').fill(lines.join('\n'));
  await page.getByRole('button', { name: '校验并导入' }).click();
  await expect(page.locator('[data-import="done"]')).toBeVisible();
  for (const h of rows.slice(0, 6)) {
    await search.fill(`别名${rows.indexOf(h)}`);
    await search.press('Enter');
    const hit = page.locator('.hits > li').first();
    await expect(hit.locator('.hit-name'), h.label).toHaveText(`${h.text} 支付有限公司`.trim());
    // An imported row's free-text source is not shown (only web addresses, named by their
    // site, are); the row names the list and its date.
    await expect(hit.locator('.row-source')).toContainText('名单截至');
    await assertClean(page, scripts, `imported ${h.label}`);
  }
  // …and a hostile paste is refused with line numbers, as text.
  await page.locator('#import-paste').fill(HOSTILE.map((h) => h.text).join('\n'));
  await page.getByRole('button', { name: '校验并导入' }).click();
  await expect(page.locator('[data-import="rejected"]')).toBeVisible();
  await assertClean(page, scripts, 'rejected import');

  // 一清/二清: payer and slip names.
  await page.goto('check/clearing');
  await appReady(page);
  for (const [i, h] of ONE_LINE.entries()) {
    await page.locator('#clearing-payer').fill(h.text);
    await page.locator('#clearing-slip').fill(ONE_LINE[(i + 5) % ONE_LINE.length].text);
    await page.getByRole('button', { name: '判断' }).click();
    await expect(page.locator('#clearing-payer')).toHaveValue(asInputValue(h.text));
    await expect(page.locator('main [data-verdict]').first()).toBeVisible();
  }
  await assertClean(page, await scriptCount(page), 'clearing');

  // Merchant number: every string is refused with a clear message.
  await page.goto('check/mcc');
  await appReady(page);
  for (const h of ONE_LINE) {
    await page.getByLabel('签购单上的商户编号（15位）').fill(h.text);
    await page.getByRole('button', { name: '核查' }).click();
    await expect(page.locator('[data-verdict="malformed"]'), h.label).toBeVisible();
  }
  await assertClean(page, await scriptCount(page), 'mcc');

  // Fee inputs: all nine text fields at once; each is refused with its own message.
  await page.goto('check/fee');
  await appReady(page);
  const feeIds = ['rate', 'amount', 'fee', 'cap', 'addon', 'oneoff', 'yearly', 'volume', 'count'];
  await page.locator('details.extras').evaluate((d) => { d.open = true; });
  for (let round = 0; round < Math.ceil(ONE_LINE.length / feeIds.length); round++) {
    for (const [i, id] of feeIds.entries()) {
      await page.locator(`#fee-${id}`).fill(ONE_LINE[(round * feeIds.length + i) % ONE_LINE.length].text);
    }
    await page.getByRole('button', { name: '计算' }).click();
    const errors = page.locator('[data-verdict="input-error"]');
    await expect(errors).toBeVisible();
    await expect(errors.locator('li')).toHaveCount(feeIds.length); // one message per field
    // The link now carries the inputs; opening it gives the same refusal.
    await page.reload();
    await appReady(page);
    await expect(page.locator('[data-verdict="input-error"]')).toBeVisible();
    await page.locator('details.extras').evaluate((d) => { d.open = true; });
  }
  await assertClean(page, await scriptCount(page), 'fee');

  // Add to diary from a hit of the imported list (still in use): hostile title and text.
  await page.goto(`check?q=${encodeURIComponent('别名0')}`);
  await appReady(page);
  const hit = page.locator('.hits > li').first();
  await expect(hit.locator('.hit-name')).toHaveText(`${rows[0].text} 支付有限公司`);
  await hit.getByRole('button', { name: '添加到维权日记' }).click();
  await hit.locator('.add-to-diary-title').fill(ONE_LINE[0].text + ONE_LINE[1].text);
  await hit.locator('.add-to-diary-text').fill(HOSTILE.map((h) => h.text).filter((t) => t.length < 500).join('\n'));
  await hit.locator('.add-to-diary-save').click();
  await expect(hit.locator('.add-to-diary-done')).toBeVisible();
  await hit.locator('.add-to-diary-link').click();
  await expect(page.locator('#case-heading')).toHaveText(ONE_LINE[0].text + ONE_LINE[1].text);
  await expect(page.locator('#timeline')).toContainText(squash(HOSTILE[2].text));
  await assertClean(page, await scriptCount(page), 'add to diary');
  expect(dialogs).toEqual([]);
});

/** Luhn with Z counted as 35, the licence number's check digit (domain/licence/number.rs). */
function checkDigit(first13) {
  const values = [35, ...first13.slice(1).split('').map(Number)];
  const digitSum = (v) => String(v).split('').reduce((a, d) => a + Number(d), 0);
  const total = values.reverse().reduce((sum, v, i) => sum + digitSum(i % 2 === 0 ? v * 2 : v), 0);
  return (10 - (total % 10)) % 10;
}

// ---------------------------------------------------------------------------------------------
// Wizard and code decoder; deep links of every route that takes a parameter.

test('codes: hostile text in the decoder is shown as text', async ({ page }) => {
  const dialogs = noDialogs(page);
  await page.goto('codes');
  await appReady(page);
  const scripts = await scriptCount(page);
  const input = page.locator('#code-input');
  const max = Number(await input.getAttribute('maxlength'));
  for (const h of ONE_LINE) {
    await input.fill(h.text);
    const value = await input.inputValue();
    expect(asInputValue(h.text).startsWith(value) || [...asInputValue(h.text)].slice(0, max).join('') === value, h.label).toBe(true);
    await expect(page.locator('#code-result [data-result], #code-result .muted').first()).toBeVisible();
    const typed = page.locator('#code-result .code-typed');
    if (await typed.count()) expect(await typed.textContent()).toBe(value);
  }
  await assertClean(page, scripts, 'codes');
  expect(dialogs).toEqual([]);
});

test('deep links: hostile path and query parameters of every route render a message or text', async ({ page }) => {
  test.setTimeout(480_000); // 91 addresses, each waited to network idle
  const dialogs = noDialogs(page);
  const enc = encodeURIComponent;
  for (const h of HOSTILE.filter((_, i) => i % 2 === 0)) {
    const t = h.text.slice(0, 600);
    const routes = [
      [`wizard/${enc(t)}`, () => expect(page.getByRole('alert').first()).toBeVisible()],
      [`codes/${enc(t)}`, () => expect(page.locator('#code-result [data-result]').first()).toBeVisible()],
      [`check/${enc(t)}`, () => expect(page.getByRole('alert').first()).toBeVisible()],
      [`check?q=${enc(t)}&province=${enc(t)}&city=${enc(t)}`, () => expect(page.locator('main .results')).not.toBeEmpty()],
      [`check?licence=${enc(t)}`, () => expect(page.locator('main .results')).not.toBeEmpty()],
      [`check/clearing?payer=${enc(t)}&kind=${enc(t)}&slip=${enc(t)}`, () => expect(page.locator('main [data-verdict]').first()).toBeVisible()],
      [`check/mcc?no=${enc(t)}&business=${enc(t)}`, () => expect(page.locator('[data-verdict="malformed"]')).toBeVisible()],
      [`check/fee?card=${enc(t)}&rate=${enc(t)}&amount=${enc(t)}&count=${enc(t)}`, () => expect(page.locator('[data-verdict="input-error"]')).toBeVisible()],
      [`diary/${enc(t)}`, () => expect(page.getByRole('alert').first()).toBeVisible()],
      [`letters/${enc(t)}`, () => expect(page.getByRole('alert').first()).toBeVisible()],
      [`letters/pboc?case=${enc(t)}&facts=${enc(t)}`, () => expect(page.locator('#field-facts')).toBeVisible()],
      [`poster?tool=${enc(t)}`, () => expect(page.locator('main h1')).toBeVisible()],
      [`about?lang=${enc(t)}`, () => expect(page.locator('main h1')).toBeVisible()],
    ];
    for (const [path, shows] of routes) {
      await page.goto(path);
      await appReady(page);
      await shows();
      await assertClean(page, await scriptCount(page), `${path.split(/[/?]/)[0]}: ${h.label}`);
      // The text is never rendered as markup: if it shows at all, it shows as the literal text.
      if (/[<>]/.test(t)) expect(await page.locator('main').innerHTML()).not.toContain(t);
      // Let any code still loading in the background finish before the next address: leaving
      // the page aborts its fetch, and the split loader logs that as a console error, which is
      // the test's haste and not the app's (a failed part shows its own message and retry).
      await page.waitForLoadState('networkidle');
    }
  }
  expect(dialogs).toEqual([]);
});
