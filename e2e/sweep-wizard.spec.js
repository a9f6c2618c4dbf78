// The sweep of issue 16: every wizard node (questions and outcomes) and every response code, in
// Chinese and in English, shows what the data says and nothing a merchant could not check as a
// source (no repository path, file name, section sign, bracketed tag or untranslated English on a
// Chinese page). The lists come from the data files at test time, so a new node or code is swept
// without touching this file.
//
// One page per language and kind: the first visit loads the app, every further step is an in-app
// navigation (a link click the router handles), so the whole sweep takes well under a minute per
// test instead of a fresh boot per node.
import { readFileSync } from 'node:fs';
import { test, expect, appReady } from './fixtures.js';
import { expectCheckable } from './citations.js';

const readJson = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const WIZARD = readJson('../data/wizard.json');
const CODES = readJson('../data/response-codes.json').codes;
const START_TITLE = { zh: '故障自查向导', en: 'Diagnostic wizard' };
const FIND_ACQUIRER = WIZARD.notes.find((n) => n.id === 'find-acquirer');

test.describe.configure({ mode: 'parallel' });

/** Follows an in-app link to `path` (relative to the base URL) the way a click on an answer does. */
async function go(page, baseURL, path) {
  await page.evaluate((href) => {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = 'sweep';
    document.querySelector('main').append(a);
    a.click();
    a.remove();
  }, new URL(path, baseURL).href);
}

/** Loads the app once and marks the window, so a full reload later is noticed. */
async function boot(page, path, lang) {
  await page.goto(`${path}?lang=${lang}`);
  await appReady(page);
  await page.evaluate(() => {
    window.__sweepBoot = true;
  });
}

async function stillSameBoot(page) {
  expect(await page.evaluate(() => window.__sweepBoot === true), 'navigation stayed in the app').toBe(true);
}

for (const lang of ['zh', 'en']) {
  test(`every wizard node shows its data with checkable sources (${lang})`, async ({ page, baseURL }) => {
    test.setTimeout(150_000);
    await boot(page, 'wizard', lang);
    let visited = 0;
    for (const node of WIZARD.nodes) {
      const isStart = node.id === WIZARD.start;
      await go(page, baseURL, isStart ? 'wizard' : `wizard/${node.id}`);
      await expect(page).toHaveURL(new RegExp(isStart ? '/wizard$' : `/wizard/${node.id}$`));
      await expect(page.locator('main h1'), node.id).toHaveText(isStart ? START_TITLE[lang] : node.title[lang]);
      if (node.type === 'question') {
        await expect(page.locator('main .wz-answer'), node.id).toHaveText(node.answers.map((a) => a.label[lang]));
      } else {
        const outcome = page.locator('.wz-outcome');
        await expect(outcome.locator('.wz-sources li'), node.id).toHaveCount(node.sources.length);
        await expect(outcome.locator('.wz-clock'), node.id).toHaveCount((node.clocks || []).length);
        for (const [i, clock] of (node.clocks || []).entries()) {
          await expect(outcome.locator('.wz-clock').nth(i)).toHaveAttribute('data-clock', clock.clock);
        }
        // Whoever is sent to the acquirer is told how to find it, with the licence checker.
        const note = outcome.locator('.wz-note[data-note="find-acquirer"]');
        if ((node.notes || []).includes('find-acquirer')) {
          await expect(note.locator('h2'), node.id).toHaveText(FIND_ACQUIRER.title[lang]);
          await expect(note.locator('li').first()).toHaveText(FIND_ACQUIRER.items[0][lang]);
          await expect(note.locator('a.wz-link')).toHaveAttribute('href', new URL('check', baseURL).pathname);
        } else {
          await expect(note, node.id).toHaveCount(0);
        }
      }
      await expectCheckable(page, lang, `/wizard/${node.id} (${lang})`);
      visited += 1;
    }
    expect(visited).toBe(WIZARD.nodes.length);
    await stillSameBoot(page);
  });

  test(`every response code shows its data with checkable sources (${lang})`, async ({ page, baseURL }) => {
    test.setTimeout(150_000);
    await boot(page, 'codes', lang);
    let visited = 0;
    for (const entry of CODES) {
      const first = (entry.matches && entry.matches.length ? entry.matches : [entry.code])[0];
      await go(page, baseURL, `codes/${first}`);
      await expect(page).toHaveURL(new RegExp(`/codes/${first}$`));
      const result = page.locator('#code-result');
      await expect(result.locator('h2'), entry.code).toContainText(entry.meaning[lang]);
      await expect(result, entry.code).toContainText(entry.what_to_do[lang]);
      await expect(result.locator('.wz-source-inline'), entry.code).toHaveCount(1 + (entry.more_sources || []).length);
      // A Chinese page carries no English gloss; an English page shows the Chinese meaning.
      if (lang === 'zh') await expect(result, entry.code).not.toContainText(entry.meaning.en);
      else await expect(result, entry.code).toContainText(entry.meaning.zh);
      await expectCheckable(page, lang, `/codes/${first} (${lang})`);
      visited += 1;
    }
    expect(visited).toBe(CODES.length);
    await stillSameBoot(page);
  });
}
