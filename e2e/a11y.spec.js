// Accessibility (issue 8): axe-core finds no violation on any route in either language, in the
// interactive states that add UI (search results, share panel with QR code, forms with their
// error messages, the undo bar, imports, the in-app note), in the static shell and in the
// printed letter, case, outcome and poster; every control is reached by Tab and Shift+Tab and
// shows a focus ring that contrasts with what it is drawn on and that nothing covers.
//
// axe-core is evaluated into the page through the DevTools protocol (page.evaluate), which the
// page's Content-Security-Policy does not apply to: no inline script is added and the CSP stays
// as strict as in production (the guard fixture still fails a test on any CSP violation).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test, expect, appReady } from './fixtures.js';
import { DEMAND } from './samples.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// The rule set: every WCAG 2.0, 2.1 and 2.2 level A and AA rule, plus Deque's best practices
// (content inside landmarks, one <main>, an h1, heading order, skip link target, …). The best practices
// are not conformance requirements, but they are what screen-reader users navigate by and the
// app meets them, so a regression there should fail too. AAA rules (e.g. enhanced contrast) and
// experimental rules are left out: they are not what the issue asks for.
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Runs axe on the whole document; returns one readable line per failing element. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(AXE_SOURCE);
  }
  const violations = await page.evaluate(async (tags) => {
    // Every rule runs on screen and on the print styles alike (the printed letter and poster
    // carry their own level-1 heading, as the page's <h1> is screen-only).
    const rules = {};
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      rules,
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} [${v.impact}] ${v.help} — ${n.target} — ${n.summary.replace(/\s+/g, ' ')}`),
  );
}

/** Asserts that axe finds nothing on the page as it is now. */
async function expectNoViolations(page, what) {
  // Let the router and any async load (IndexedDB, the licence list) settle first.
  await page.waitForLoadState('networkidle');
  // From the top of the page: scrolled, the sticky tab bar covers whatever passes under it,
  // which axe's target-size rule would report for an arbitrary control at each scroll position.
  // (That the bar never hides the focused control is checked by the keyboard tests.)
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const found = await axeViolations(page);
  expect(found, `axe violations on ${what}`).toEqual([]);
}

/** Opens a route in a language (Chinese is the default, English by ?lang=en). */
async function open(page, path, lang) {
  const url = lang === 'en' ? path + (path.includes('?') ? '&' : '?') + 'lang=en' : path;
  await page.goto(url);
  await appReady(page);
  await expect(page.locator('html')).toHaveAttribute('lang', lang === 'en' ? 'en' : 'zh-CN');
  await expect(page.locator('h1').first()).toBeVisible();
}

// Every route of src/app.rs: each wizard step kind, each check, each letter kind, 404.
const ROUTES = [
  './',
  'wizard',
  'wizard/network', // a question
  'wizard/network-data-card-expired', // an outcome
  'wizard/no-such-step', // an unknown step
  'codes',
  'codes/97', // a decoded code
  'codes/XD', // a code not in the table
  'check',
  'check?q=' + encodeURIComponent('拉卡拉'), // licence search with results
  'check?licence=Z2002511000018', // a licence number with a wrong check digit
  'check?q=' + encodeURIComponent('没有这家公司'), // no match
  'check/clearing',
  'check/clearing?payer=' + encodeURIComponent('张三') + '&kind=person&slip=' + encodeURIComponent('拉卡拉'),
  'check/mcc',
  'check/mcc?no=898210154110002&business=restaurant',
  'check/mcc?no=10529005813039', // malformed number
  'check/fee',
  'check/fee?card=credit&rate=0.38', // with the chart
  'check/fee?card=credit&rate=0.60&volume=50000&yearly=60',
  'check/agent',
  'check/agent?yes=deposit%2Cagent_account%2Cswitch&deposit_amount=abc', // answered, with a field error
  'check/no-such-check',
  'diary', // empty
  'diary/no-such-case',
  'letters',
  'letters/demand-vendor',
  'letters/acquirer',
  'letters/pboc',
  'letters/report-12315',
  'letters/pcac',
  'letters/civil',
  'letters/no-such-letter',
  'me',
  'about',
  'poster',
  'poster?tool=check',
  'no/such/page',
];

for (const lang of ['zh', 'en']) {
  test.describe(`axe, ${lang}`, () => {
    for (const path of ROUTES) {
      test(`no violations on ${path}`, async ({ page }) => {
        await open(page, path, lang);
        await expectNoViolations(page, `${path} (${lang})`);
      });
    }

    test('no violations with the share panel and its QR code open', async ({ page }) => {
      await open(page, 'check?q=' + encodeURIComponent('拉卡拉'), lang);
      await page.locator('.share-toggle').click();
      await expect(page.locator('svg.qr')).toBeVisible();
      await expectNoViolations(page, `share panel (${lang})`);
    });

    test('no violations in the code decoder with its full table open', async ({ page }) => {
      await open(page, 'codes/A0', lang);
      await page.locator('.code-all summary').click();
      await expect(page.locator('.code-list a').first()).toBeVisible();
      await expectNoViolations(page, `code table (${lang})`);
    });

    test('no violations in the diary: forms, error messages, a case, the undo bar, search', async ({ page }) => {
      page.on('dialog', (d) => d.accept());
      await open(page, 'diary', lang);
      await expect(page.locator('#db-status')).toHaveAttribute('data-db', 'ok');
      // The new-case form, then its error for a missing title.
      await page.locator('#new-case').click();
      await expect(page.locator('#case-form')).toBeVisible();
      await expectNoViolations(page, `new case form (${lang})`);
      await page.locator('#case-save').click();
      await expect(page.locator('#case-form [role=alert]')).toBeVisible();
      await expectNoViolations(page, `new case form with an error (${lang})`);
      await page.locator('#case-title').fill('签到失败');
      await page.locator('#case-sn').fill('SN-778899');
      await page.locator('#case-save').click();
      await expect(page.locator('#case-heading')).toHaveText('签到失败');
      await expectNoViolations(page, `an empty case (${lang})`);
      // The event form, an amount it refuses, then a saved event.
      await page.locator('#add-event').click();
      await expect(page.locator('#event-form')).toBeVisible();
      await page.locator('#event-at').fill('2026-03-01T09:00');
      await page.locator('#event-amount').fill('abc');
      await page.locator('#event-save').click();
      await expect(page.locator('#event-error')).toBeVisible();
      await expectNoViolations(page, `event form with an error (${lang})`);
      await page.locator('#event-amount').fill('');
      await page.locator('#event-said').fill('客服答应三天内上门');
      await page.locator('#event-save').click();
      await expect(page.locator('#event-form')).toHaveCount(0);
      await expect(page.locator('#timeline li.event')).toHaveCount(1);
      await expectNoViolations(page, `a case with an event (${lang})`);
      // Delete (confirmed) → the undo bar.
      await page.locator('#timeline .delete-event').click();
      await expect(page.locator('#undo')).toBeVisible();
      await expectNoViolations(page, `the undo bar (${lang})`);
      await page.locator('#undo').click();
      await expect(page.locator('#timeline li.event')).toHaveCount(1);
      // The printed case.
      await page.emulateMedia({ media: 'print' });
      await expectNoViolations(page, `the printed case (${lang})`);
      await page.emulateMedia({ media: 'screen' });
      // The list with the case, and the search open with results.
      await page.locator('nav.tabs a').nth(2).click();
      await expect(page.locator('#case-list li')).toHaveCount(1);
      await expectNoViolations(page, `the case list (${lang})`);
      await page.locator('#search summary').click();
      await page.locator('#search-text').fill('上门');
      await expect(page.locator('#search-results li').first()).toBeVisible();
      await expectNoViolations(page, `diary search with results (${lang})`);
      // A refused backup: the error in the notice bar.
      await page.locator('#import-file').setInputFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from('{"format":') });
      await expect(page.locator('#diary-notice')).toHaveAttribute('role', 'alert');
      await expectNoViolations(page, `refused backup (${lang})`);
    });

    test('no violations in the licence-list import: the form, a refused file, a list in use', async ({ page }) => {
      const header = 'name,short_names,licence_no,business_types,coverage,first_issued,valid_until,status,status_date,source';
      const row = '拉卡拉支付股份有限公司,拉卡拉,Z2002511000017,支付交易处理Ⅰ类,全国,2011-12-22,长期,valid,,src';
      await open(page, 'check?q=' + encodeURIComponent('拉卡拉'), lang);
      await page.locator('details:has(input[type=file]) summary').click();
      const file = page.locator('input[type=file]');
      await expect(file).toBeVisible();
      await expectNoViolations(page, `import form (${lang})`);
      const bad = `# as_of: 2027-01-15\n${header}\n${row.replace('valid', 'vaild')}\n`;
      await file.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await page.locator('details:has(input[type=file]) button').first().click();
      await expect(page.locator('[data-import="rejected"]')).toBeVisible();
      await expectNoViolations(page, `refused import (${lang})`);
      await file.setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(`# as_of: 2027-01-15\n${header}\n${row}\n`) });
      await page.locator('details:has(input[type=file]) button').first().click();
      await expect(page.locator('[data-import="done"]')).toBeVisible();
      await expectNoViolations(page, `imported list in use (${lang})`);
    });

    test('no violations in a filled letter, on screen and printed', async ({ page }) => {
      await open(page, 'letters/demand-vendor', lang);
      await expect(page.locator('#letter-missing li').first()).toBeVisible();
      await page.locator('#field-letter-date').fill('2026-11-23');
      for (const [name, value] of Object.entries(DEMAND)) await page.locator(`#field-${name}`).fill(value);
      await expect(page.locator('#letter-complete')).toBeVisible();
      await expectNoViolations(page, `a filled letter (${lang})`);
      await page.locator('#letter-final-text').fill('我的主题\n\n我自己改写的正文。');
      await expectNoViolations(page, `an edited letter (${lang})`);
      await page.emulateMedia({ media: 'print' });
      await expectNoViolations(page, `the printed letter (${lang})`);
    });

    test('no violations on a printed wizard outcome and the printed poster', async ({ page }) => {
      await open(page, 'wizard/network-data-card-expired', lang);
      await page.emulateMedia({ media: 'print' });
      await expectNoViolations(page, `printed outcome (${lang})`);
      await page.emulateMedia({ media: 'screen' });
      await open(page, 'poster', lang);
      await page.emulateMedia({ media: 'print' });
      await expectNoViolations(page, `printed poster (${lang})`);
    });
  });
}

const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160117 MMWEBSDK/20240301 MMWEBID/6521 ' +
  'MicroMessenger/8.0.49.2600(0x28003133) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

test.describe('axe, in WeChat', () => {
  test.use({ userAgent: WECHAT_UA });
  for (const lang of ['zh', 'en']) {
    test(`no violations with the in-app browser note (${lang})`, async ({ page }) => {
      await open(page, 'check', lang);
      await expect(page.locator('#in-app-note')).toBeVisible();
      await expectNoViolations(page, `in-app note (${lang})`);
    });
  }
});

test('no violations where the browser cannot print and says so', async ({ page }) => {
  await page.addInitScript(() => {
    window.print = undefined;
  });
  for (const lang of ['zh', 'en']) {
    await open(page, 'wizard/network-data-card-expired', lang);
    await page.locator('.wz-actions button, .print-button button, button').filter({ hasText: /打印|Print/ }).first().click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoViolations(page, `outcome, print unavailable (${lang})`);
    await open(page, 'letters/pboc', lang);
    await page.locator('.actions button').first().click();
    await expect(page.locator('#letter-action-status')).not.toBeEmpty();
    await expectNoViolations(page, `letter, print unavailable (${lang})`);
  }
});

// The static shell from index.html, painted before the WebAssembly arrives (and all a visitor
// without it gets): the wasm is blocked, so the shell stays. No service worker, which would
// fetch the wasm behind page.route's back.
test.describe('axe, static shell', () => {
  test.use({ serviceWorkers: 'block' });
  for (const path of ['./', 'wizard/network']) {
    test(`no violations in the shell on ${path}`, async ({ page, guard }) => {
      guard.allowConsoleErrors.push(/_bg\.wasm/, /pageerror: Failed to fetch/);
      await page.route(/_bg\.wasm$/, (route) => route.abort());
      await page.goto(path);
      await expect(page.locator('#shell')).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await expectNoViolations(page, `static shell on ${path}`);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Keyboard: every visible control is reached by Tab, and shows where the focus is.
// ---------------------------------------------------------------------------------------------

const KEYBOARD_ROUTES = [
  './',
  'wizard',
  'wizard/network',
  'wizard/network-data-card-expired',
  'codes/97',
  'check?q=' + encodeURIComponent('拉卡拉'),
  'check/clearing',
  'check/mcc?no=898210154110002&business=restaurant',
  'check/fee?card=credit&rate=0.60',
  'check/agent?yes=deposit%2Cagent_account&deposit_amount=299',
  'diary',
  'letters',
  'letters/demand-vendor',
  'me',
  'about',
  'poster',
  'no/such/page',
];

/**
 * Numbers every control a keyboard user must reach (visible, enabled, not taken out of the tab
 * order; a radio group is one stop, as in every browser), then presses Tab until the focus has
 * gone round the page, recording after each press which control has the focus, whether it
 * matches :focus-visible with an outline or box-shadow, and whether it is on screen and not
 * covered by anything else (the sticky tab bar, say).
 */
async function tabWalk(page, key = 'Tab') {
  const expected = await page.evaluate(() => {
    const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
    const list = [];
    const radioGroups = new Map();
    for (const el of document.querySelectorAll(selector)) {
      if (el.closest('[inert]') || el.disabled || el.getAttribute('tabindex') === '-1') continue;
      if (el.matches('input[type=hidden]')) continue;
      // Content of a closed <details> and display:none / visibility:hidden elements are not
      // rendered and cannot be focused.
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      if (el.matches('input[type=radio]') && el.name) {
        const key = `${el.form ? 'f' : 'd'}:${el.name}`;
        if (!radioGroups.has(key)) {
          radioGroups.set(key, list.length);
          list.push(`radio group "${el.name}"`);
        }
        el.dataset.kb = String(radioGroups.get(key));
        continue;
      }
      el.dataset.kb = String(list.length);
      const name = (el.textContent || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40);
      list.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${name}"`);
    }
    return list;
  });
  // Start from the top of the document, as after a page load (Shift+Tab: from the bottom).
  await page.evaluate((back) => {
    document.activeElement?.blur();
    window.scrollTo(0, back ? document.documentElement.scrollHeight : 0);
  }, key !== 'Tab');
  const seen = [];
  for (let i = 0; i < 2 * expected.length + 5; i += 1) {
    await page.keyboard.press(key);
    seen.push(
      await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
        const shadow = s.boxShadow && s.boxShadow !== 'none';
        // The middle of the part inside the viewport of one of the element's boxes (an inline
        // link may wrap over two lines) must be the element itself, not something covering it.
        let visible = false;
        let covered = '';
        for (const r of el.getClientRects()) {
          const left = Math.max(r.left, 0);
          const right = Math.min(r.right, innerWidth);
          const top = Math.max(r.top, 0);
          const bottom = Math.min(r.bottom, innerHeight);
          if (!(right > left && bottom > top)) continue;
          const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
          if (hit && (el === hit || el.contains(hit))) {
            visible = true;
            break;
          }
          if (hit) covered = ` under ${hit.tagName.toLowerCase()}.${hit.className}`;
        }
        // The ring must change the pixels it is drawn on by at least 3:1 (WCAG 2.2 focus
        // appearance), e.g. not blue on the red top bar: the colour under the middle of the
        // ring, right of the element (or left, at the viewport's edge), against the ring's.
        let ringContrast = null;
        if (outline) {
          const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
          const lum = ([r, g, b]) => {
            const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
            return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
          };
          const r = el.getBoundingClientRect();
          const gap = parseFloat(s.outlineOffset) + parseFloat(s.outlineWidth) / 2;
          const y = Math.min(Math.max((r.top + r.bottom) / 2, 1), innerHeight - 1);
          const x = r.right + gap < innerWidth ? r.right + gap : Math.max(r.left - gap, 1);
          let behind = document.elementsFromPoint(x, y).find((e) => e !== el && !el.contains(e));
          let bg = [255, 255, 255];
          for (; behind; behind = behind.parentElement) {
            const c = rgb(getComputedStyle(behind).backgroundColor);
            if (c.length === 3 || (c.length === 4 && c[3] > 0)) {
              bg = c.slice(0, 3);
              break;
            }
          }
          const [a, b] = [lum(rgb(s.outlineColor)), lum(bg)];
          ringContrast = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }
        return {
          ringContrast,
          kb: el.dataset.kb ?? null,
          what: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className} "${el.textContent.trim().slice(0, 30)}"${covered}`,
          focusVisible: el.matches(':focus-visible'),
          indicator: (outline && ringContrast >= 3) || shadow,
          visible,
        };
      }),
    );
  }
  return { expected, seen: seen.filter(Boolean) };
}

test.describe('keyboard', () => {
  for (const [lang, path] of ['zh', 'en'].flatMap((l) => KEYBOARD_ROUTES.map((p) => [l, p]))) {
    test(`every control on ${path} (${lang}) is reached by Tab and shows a visible focus`, async ({ page }) => {
      await open(page, path, lang);
      await page.waitForLoadState('networkidle');
      const { expected, seen } = await tabWalk(page);
      expect(expected.length, 'controls found').toBeGreaterThan(5);
      const reached = new Set(seen.map((s) => s.kb).filter((k) => k !== null));
      const missed = expected.filter((_, i) => !reached.has(String(i)));
      expect(missed, `controls on ${path} that Tab never reaches`).toEqual([]);
      // Nothing outside the list took the focus (e.g. a scrolling container or a stray tabindex).
      const strays = [...new Set(seen.filter((s) => s.kb === null).map((s) => s.what))];
      expect(strays, `elements on ${path} that take focus but are not controls`).toEqual([]);
      const noIndicator = seen
        .filter((s) => !(s.indicator && s.visible))
        .map((s) => `${s.what} focus-visible=${s.focusVisible} indicator=${s.indicator} ring-contrast=${s.ringContrast?.toFixed(2)} visible=${s.visible}`);
      expect([...new Set(noIndicator)], `focused controls on ${path} without a visible focus indicator`).toEqual([]);
      // Backwards, the browser scrolls each control in from the top, where the sticky tab bar is.
      const back = await tabWalk(page, 'Shift+Tab');
      const backReached = new Set(back.seen.map((s) => s.kb).filter((k) => k !== null));
      expect(expected.filter((_, i) => !backReached.has(String(i))), `controls on ${path} that Shift+Tab never reaches`).toEqual([]);
      const hidden = back.seen.filter((s) => !(s.indicator && s.visible)).map((s) => s.what);
      expect([...new Set(hidden)], `controls on ${path} hidden or without focus indicator on Shift+Tab`).toEqual([]);
    });
  }

  test('every control of a diary case and of the list with it is reached by Tab and shows a visible focus', async ({ page }) => {
    await open(page, 'diary', 'zh');
    await expect(page.locator('#db-status')).toHaveAttribute('data-db', 'ok');
    await page.locator('#new-case').click();
    await page.locator('#case-title').fill('签到失败');
    await page.locator('#case-save').click();
    await expect(page.locator('#case-heading')).toHaveText('签到失败');
    await page.locator('#add-event').click();
    await page.locator('#event-at').fill('2026-03-01T09:00');
    await page.locator('#event-said').fill('客服答应三天内上门');
    await page.locator('#event-save').click();
    await expect(page.locator('#timeline li.event')).toHaveCount(1);
    for (const where of ['case', 'list']) {
      if (where === 'list') {
        await page.locator('nav.tabs a').nth(2).click();
        await expect(page.locator('#case-list li')).toHaveCount(1);
      }
      await page.waitForLoadState('networkidle');
      const { expected, seen } = await tabWalk(page);
      const reached = new Set(seen.map((s) => s.kb).filter((k) => k !== null));
      expect(expected.filter((_, i) => !reached.has(String(i))), `controls of the ${where} that Tab never reaches`).toEqual([]);
      const bad = seen.filter((s) => s.kb === null || !(s.indicator && s.visible)).map((s) => s.what);
      expect([...new Set(bad)], `focus stops of the ${where} that are not controls or show no focus`).toEqual([]);
    }
  });

  test('the skip link is the first stop and moves the focus to the main content', async ({ page }) => {
    await open(page, 'check?q=' + encodeURIComponent('拉卡拉'), 'zh');
    await page.keyboard.press('Tab');
    const skip = page.locator('a.skip-link');
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('main#main')).toBeFocused();
    // The next Tab continues inside the main content, past the header and navigation.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement.closest('main'))).toBe(true);
  });
});
