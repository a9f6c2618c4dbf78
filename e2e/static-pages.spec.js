// Every shared link is a real page (issue 17): the build writes one HTML file per address known at
// build time, so a static host answers 200 with the page's own title, description and main text,
// readable before (and without) any WebAssembly; sitemap.xml lists them under the public URL.
import { readFileSync } from 'node:fs';
import { test, expect, appReady } from './fixtures.js';

const wizard = JSON.parse(readFileSync(new URL('../data/wizard.json', import.meta.url), 'utf8'));
const letterCivil = JSON.parse(readFileSync(new URL('../data/letters/civil.json', import.meta.url), 'utf8'));
const codes = JSON.parse(readFileSync(new URL('../data/response-codes.json', import.meta.url), 'utf8'));
const node = (id) => wizard.nodes.find((n) => n.id === id);
const code97 = codes.codes.find((e) => e.code === '97');

// Deep links people share, with the page's own name as the build must title it.
const DEEP = [
  { path: 'wizard/network', name: node('network').title.zh, heading: 'main h1' },
  // The decoder keeps its own heading; the code's result is the next heading, as in the app.
  { path: 'codes/97', name: `应答码 97：${code97.meaning.zh}`, heading: 'main h2', shown: code97.meaning.zh },
  { path: 'letters/civil', name: letterCivil.title.zh, heading: 'main h1' },
];

test('@subpath every listed route answers 200 from the static host', async ({ request, baseURL }) => {
  for (const path of ['', 'wizard', 'wizard/network', 'codes', 'codes/97', 'check', 'check/clearing', 'check/mcc', 'check/fee', 'diary', 'letters', 'letters/acquirer', 'letters/civil', 'me', 'about', 'poster']) {
    const res = await request.get(`${baseURL}${path}`, { maxRedirects: 0 });
    expect(res.status(), `/${path}`).toBe(200);
    expect(res.headers()['content-type']).toContain('text/html');
  }
  // A query keeps the page of its path; an unknown address is still the app's 404 page.
  expect((await request.get(`${baseURL}check?q=%E6%8B%89%E5%8D%A1%E6%8B%89`)).status()).toBe(200);
  expect((await request.get(`${baseURL}wizard/no-such-step`)).status()).toBe(404);
});

test('@subpath sitemap.xml lists every page under the public URL, and each answers 200', async ({ request, baseURL }) => {
  const base = new URL(baseURL).pathname;
  const xml = await (await request.get(`${baseURL}sitemap.xml`)).text();
  const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  // Home, the tools and tabs, every step, every code row's codes, every letter kind…
  expect(locs.length).toBeGreaterThan(wizard.nodes.length + 20);
  for (const loc of locs) expect(loc.startsWith(base), loc).toBe(true);
  for (const want of ['wizard/network', 'codes/97', 'letters/civil', 'check/fee', 'poster']) {
    expect(locs).toContain(`${base}${want}`);
  }
  for (const n of wizard.nodes) expect(locs).toContain(`${base}wizard/${n.id}`);
  for (const loc of locs) {
    expect((await request.get(new URL(loc, baseURL).href, { maxRedirects: 0 })).status(), loc).toBe(200);
  }
  const robots = await (await request.get(`${baseURL}robots.txt`)).text();
  expect(robots).toMatch(/^User-agent: \*$/m);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  for (const { path, name, heading } of DEEP) {
    test(`/${path} shows its own title, preview and main text`, async ({ page }) => {
      const res = await page.goto(`./${path}`);
      expect(res.status()).toBe(200);
      await expect(page).toHaveTitle(`${name} · POS 商户自助站`);
      await expect(page.locator(heading).first()).toHaveText(name);
      await expect(page.locator('main')).toBeVisible();
      const og = await page.locator('meta[property="og:title"]').getAttribute('content');
      expect(og).toBe(name);
      const description = await page.locator('meta[name="description"]').getAttribute('content');
      expect(description.length).toBeGreaterThan(10);
      expect(await page.locator('meta[property="og:description"]').getAttribute('content')).toBe(description);
      // This build has no SITE_ORIGIN, so it writes no canonical link or og:url: a relative one
      // is invalid (scripts/build --origin writes absolute ones).
      await expect(page.locator('link[rel="canonical"], meta[property="og:url"]')).toHaveCount(0);
      // Not the home page's text, and not the deep-link loading line.
      await expect(page.locator('main')).not.toContainText('四个工具');
    });
  }
});

test.describe('with JavaScript', () => {
  for (const { path, name, shown } of DEEP) {
    test(`/${path}: the app takes over with no layout shift and keeps the page's title`, async ({ page }) => {
      await page.addInitScript(() => {
        window.__cls = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`./${path}`);
      await appReady(page);
      await expect(page.locator('main')).toContainText(shown ?? name);
      await page.waitForTimeout(500);
      const cls = await page.evaluate(() => window.__cls);
      console.log(`${path}: CLS ${cls.toFixed(4)}`);
      expect(cls, 'cumulative layout shift').toBeLessThanOrEqual(0.05);
      await expect(page).toHaveTitle(`${name} · POS 商户自助站`);
    });
  }
});

// The app renders hidden over the static page, in short tasks, and is shown in one step once the
// page and its deferred sections have all drawn (platform::reveal_when_settled): at the moment
// the static page goes, nothing is still hidden and nothing is still missing.
test.describe('the app replaces the static page in one step', () => {
  for (const { path, ready, complete, count } of [
    // The letter editor draws its forms, text and preview in later tasks.
    { path: 'letters/acquirer', ready: '#letter-final-text', complete: '.letter-paper', count: 1 },
    // The rows of the folded code list (one per code) are drawn a task after the result.
    { path: 'codes/97', ready: '#code-result [data-result="found"]', complete: '.code-list li', count: codes.codes.length },
  ]) {
    test(`/${path}: when the static page goes, the whole page is there and shown`, async ({ page }) => {
      await page.addInitScript(([readySel, completeSel]) => {
        let sawShell = false;
        new MutationObserver((_, observer) => {
          if (document.getElementById('shell')) sawShell = true;
          else if (sawShell) {
            window.__atReveal = {
              hidden: document.querySelectorAll('.app-booting').length,
              ready: document.querySelectorAll(readySel).length,
              complete: document.querySelectorAll(completeSel).length,
            };
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      }, [ready, complete]);
      await page.goto(path);
      await appReady(page);
      const atReveal = await page.evaluate(() => window.__atReveal);
      expect(atReveal.hidden, 'the app box is no longer hidden').toBe(0);
      expect(atReveal.ready, `${ready} is drawn`).toBeGreaterThan(0);
      expect(atReveal.complete, `${complete} (a deferred section) is drawn`).toBe(count);
      await expect(page.locator('.app-booting')).toHaveCount(0);
    });
  }
});
