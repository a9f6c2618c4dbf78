// Diagnostic wizard and response-code decoder (issue 4). Expected texts are read from the data
// files the app compiles in, so a test fails when the page stops showing the data.
// Tests tagged @subpath also run against the build for /pos-help/.
import { readFileSync } from 'node:fs';
import { test, expect, appReady, noHorizontalOverflow } from './fixtures.js';

const readJson = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const WIZARD = readJson('../data/wizard.json');
const CODES = readJson('../data/response-codes.json');
const CLOCKS = readJson('../data/clocks.json').clocks;
const LETTER_TITLE = (kind) => readJson(`../data/letters/${kind}.json`).title;
const NODES = new Map(WIZARD.nodes.map((n) => [n.id, n]));
const node = (id) => NODES.get(id);
const code = (c) => CODES.codes.find((e) => e.code === c);
const SYMPTOMS = WIZARD.nodes.find((n) => n.id === WIZARD.start).answers.length;
const clock = (id) => CLOCKS.find((c) => c.id === id);
const label = (from, to, lang) => node(from).answers.find((a) => a.next === to).label[lang];

/**
 * Sources on screen are citations a reader can check (issue 16): never a repository path, a file
 * name, a section sign or a bracketed source tag; and on a Chinese page, no English notes.
 */
async function expectCheckableCitations(locator, lang) {
  const text = await locator.innerText();
  expect(text).not.toContain('§');
  expect(text).not.toContain('shared/');
  expect(text).not.toMatch(/\.(md|csv|cs|java|php|rs)\b/);
  expect(text).not.toMatch(/\[[A-Z-]+\]/);
  // A "dir/file" path; standard numbers with a slash (Q/CUP, GB/T) are fine.
  expect(text.replace(/Q\/CUP|GB\/T/g, '')).not.toMatch(/[\w.-]\/[\w.-]/);
  if (lang === 'zh') expect(text).not.toMatch(/[A-Za-z]{3,} [A-Za-z]{3,}/);
}

const PARTY = {
  zh: { agent: '代理商', acquirer: '收单机构', manufacturer: '机具厂商', merchant: '商户（您）', issuing_bank: '发卡行', cardholder: '持卡人' },
  en: { agent: 'Agent', acquirer: 'Acquirer', manufacturer: 'Terminal manufacturer', merchant: 'Merchant (you)', issuing_bank: 'Issuing bank', cardholder: 'Cardholder' },
};

const SIM_WALK = ['start', 'network', 'network-sim', 'network-data-card', 'network-data-card-expired'];

/** Clicks the answers from the start page along `steps`, checking each heading on the way. */
async function walk(page, steps, lang) {
  for (let i = 1; i < steps.length; i += 1) {
    await page.getByRole('link', { name: label(steps[i - 1], steps[i], lang), exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/wizard/${steps[i]}(\\?|$)`));
    await expect(page.locator('h1')).toHaveText(node(steps[i]).title[lang]);
  }
}

test('a merchant with no network walks to "SIM data card expired" and gets the party and a letter', async ({ page, baseURL }) => {
  await page.goto('wizard');
  await appReady(page);
  await expect(page.locator('h1')).toHaveText('故障自查向导');
  // The symptom families are the start page's answers.
  await expect(page.locator('.wz-symptoms .wz-answer')).toHaveCount(SYMPTOMS);
  await walk(page, SIM_WALK, 'zh');

  const outcome = node('network-data-card-expired');
  const responsible = page.locator('section').filter({ has: page.getByRole('heading', { name: '如果还不行，谁负责' }) });
  for (const party of outcome.responsible) {
    await expect(responsible.getByRole('listitem').filter({ hasText: PARTY.zh[party] })).toHaveCount(1);
  }
  await expect(page.locator('.wz-outcome')).toContainText(outcome.self_fix[0].zh);
  await expect(page.locator('.wz-outcome')).toContainText(outcome.record[0].zh);
  const letter = page.getByRole('link', { name: LETTER_TITLE('demand-vendor').zh });
  await expect(letter).toHaveAttribute('href', new URL('letters/demand-vendor', baseURL).pathname);
  await expect(page.getByRole('link', { name: LETTER_TITLE('acquirer').zh })).toBeVisible();
  await expect(page.getByRole('link', { name: '核对手续费率' })).toHaveAttribute('href', new URL('check/fee', baseURL).pathname);
  // Sources: each citation as the data gives it, in Chinese, checkable without the repository.
  for (const source of outcome.sources) {
    await expect(page.locator('.wz-sources')).toContainText(source.zh);
  }
  await expect(page.locator('.wz-sources')).toContainText('《非银行支付机构监督管理条例实施细则》');
  await expectCheckableCitations(page.locator('.wz-sources'), 'zh');
  // The prefilled diary entry is shown, with the button that adds it to the diary.
  await expect(page.locator('.wz-diary-entry')).toContainText(outcome.diary.summary.zh);
  await expect(page.getByRole('button', { name: '添加到维权日记' })).toBeEnabled();
  await expect(page.getByRole('button', { name: '打印 / 存为 PDF' })).toBeVisible();

  // The path taken is shown, with what was answered, and links back.
  const path = page.getByRole('navigation', { name: '您走过的步骤' });
  await expect(path.getByRole('listitem')).toHaveCount(SIM_WALK.length);
  await expect(path).toContainText(label('network-sim', 'network-data-card', 'zh'));
  await path.getByRole('link', { name: label('start', 'network', 'zh') }).click();
  await expect(page.locator('h1')).toHaveText(node('network').title.zh);
  await expect(path.getByRole('listitem')).toHaveCount(2);

  // The letter link opens the letters page under the base path.
  await page.goBack();
  await expect(page.locator('h1')).toHaveText(outcome.title.zh);
  await letter.click();
  await expect(page).toHaveURL(new URL('letters/demand-vendor', baseURL).href);
});

test('browser Back returns to the previous step, Forward goes again, restart goes to the start', async ({ page }) => {
  await page.goto('wizard');
  await appReady(page);
  await walk(page, ['start', 'network', 'network-sim'], 'zh');
  await page.goBack();
  await expect(page).toHaveURL(/\/wizard\/network$/);
  await expect(page.locator('h1')).toHaveText(node('network').title.zh);
  await page.goBack();
  await expect(page.locator('h1')).toHaveText('故障自查向导');
  await page.goForward();
  await expect(page.locator('h1')).toHaveText(node('network').title.zh);
  await page.getByRole('link', { name: '重新开始' }).click();
  await expect(page).toHaveURL(/\/wizard$/);
  await expect(page.locator('.wz-symptoms .wz-answer')).toHaveCount(SYMPTOMS);
});

test('a deep link opens an outcome directly, with its path, deadlines and sources @subpath', async ({ page, baseURL }) => {
  const outcome = node('escalate-pboc');
  await page.goto('wizard/escalate-pboc');
  await appReady(page);
  await expect(page.locator('h1')).toHaveText(outcome.title.zh);
  // The breadcrumb of a deep link is the shortest path from the start.
  const path = page.getByRole('navigation', { name: '您走过的步骤' });
  await expect(path.getByRole('listitem')).toHaveCount(4);
  await expect(path.getByRole('link', { name: '开始' })).toHaveAttribute('href', new URL('wizard', baseURL).pathname);
  await expect(path).toContainText(label('start', 'escalate', 'zh'));
  // Clocks with their amounts and sources.
  const clocks = page.locator('.wz-clock');
  await expect(clocks).toHaveCount(outcome.clocks.length);
  await expect(clocks.first()).toContainText('7 个工作日');
  await expect(clocks.first()).toContainText(clock(outcome.clocks[0].clock).label.zh);
  await expect(clocks.first()).toContainText('《中国人民银行金融消费者权益保护实施办法》');
  await expect(clocks.first()).toContainText('第四十三条');
  await expectCheckableCitations(page.locator('.wz-outcome'), 'zh');
  await expect(page.getByRole('link', { name: LETTER_TITLE('pboc').zh })).toHaveAttribute('href', new URL('letters/pboc', baseURL).pathname);

  // A flagged fact says so in plain words.
  await page.goto('wizard/power-fixed');
  await appReady(page);
  await expect(page.locator('h1')).toHaveText(node('power-fixed').title.zh);
  await expect(page.locator('.wz-sources .tag')).toHaveText(['未经官方文件确认']);
  await expectCheckableCitations(page.locator('.wz-sources'), 'zh');
});

test('an outcome prints without navigation, breadcrumb or buttons', async ({ page }) => {
  await page.goto('wizard/network-data-card-expired');
  await appReady(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('h1')).toBeVisible();
  await expect(page.locator('.wz-sources')).toBeVisible();
  for (const selector of ['.topbar', '.tabs', '.footer', '.wz-path', '.wz-actions', '.wz-diary button']) {
    await expect(page.locator(selector).first(), selector).toBeHidden();
  }
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.length).toBeGreaterThan(1000);
});

test('the code decoder explains 97 and A0 and says so honestly for an unknown code', async ({ page }) => {
  await page.goto('codes');
  await appReady(page);
  const input = page.getByLabel('应答码', { exact: true });
  const result = page.locator('#code-result');

  await input.fill('97');
  await expect(result.locator('h2')).toContainText(code('97').meaning.zh);
  await expect(result).toContainText(code('97').terminal_display);
  await expect(result).toContainText(code('97').what_to_do.zh);
  await expect(result.getByRole('listitem')).toHaveText([PARTY.zh.acquirer]);
  await expect(result).toContainText(code('97').source.zh);
  await expect(result).toContainText('Q/CUP 006.6-2015');
  // Both citations (the standard and the flagged industry table), and no English gloss.
  await expectCheckableCitations(result, 'zh');

  // Lower case and full-width are read as the code.
  await input.fill('ａ０');
  await expect(result.locator('.code-read')).toHaveText('A0');
  await expect(result.locator('h2')).toContainText(code('A0').meaning.zh);
  await expect(result).toContainText(code('A0').what_to_do.zh);

  await input.fill('xd');
  await expect(result.locator('[data-result="not-in-table"]')).toBeVisible();
  await expect(result).toContainText('我们的代码表里没有这个代码');
  await expect(result.locator('.code-typed')).toHaveText('xd');
  await expect(result.locator('.code-read')).toHaveText('XD');

  await input.fill('<b>hi</b>');
  await expect(result.locator('[data-result="invalid"]')).toBeVisible();
  await expect(result.locator('.code-typed')).toHaveText('<b>hi</b>');
  expect(await page.locator('main b').count()).toBe(0);

  // A grouped row answers for each of its codes.
  await input.fill('A4');
  await expect(result).toContainText(code('A1–A6').meaning.zh);
});

test('a deep link to a code opens it decoded @subpath', async ({ page }) => {
  await page.goto('codes/A0');
  await appReady(page);
  await expect(page.getByLabel('应答码', { exact: true })).toHaveValue('A0');
  await expect(page.locator('#code-result h2')).toContainText(code('A0').meaning.zh);
  // The full table links to each code on the same page.
  await page.locator('.code-all summary').click();
  await page.locator('.code-list a', { hasText: code('51').meaning.zh }).click();
  await expect(page).toHaveURL(/\/codes\/51$/);
  await expect(page.locator('#code-result h2')).toContainText(code('51').meaning.zh);
});

test('the "declined with a code" branch hands over to the decoder', async ({ page }) => {
  await page.goto('wizard');
  await appReady(page);
  await walk(page, ['start', 'declined', 'declined-decode'], 'zh');
  await page.locator('.wz-outcome').getByRole('link', { name: '应答码查询' }).click();
  await expect(page).toHaveURL(/\/codes$/);
  await expect(page.locator('h1')).toHaveText('应答码查询');
});

test('the walk and the decoder work in English', async ({ page }) => {
  await page.goto('wizard?lang=en');
  await appReady(page);
  await expect(page.locator('h1')).toHaveText('Diagnostic wizard');
  await walk(page, SIM_WALK, 'en');
  const outcome = node('network-data-card-expired');
  const responsible = page.locator('section').filter({ has: page.getByRole('heading', { name: 'If that fails, who is responsible' }) });
  await expect(responsible.getByRole('listitem')).toHaveText(outcome.responsible.map((p) => PARTY.en[p]));
  await expect(page.getByRole('link', { name: LETTER_TITLE('demand-vendor').en })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Your steps so far' })).toContainText(label('network', 'network-sim', 'en'));

  await page.goto('codes/97?lang=en');
  await appReady(page);
  await expect(page.locator('#code-result h2')).toContainText(code('97').meaning.en);
  await expect(page.locator('#code-result')).toContainText(code('97').what_to_do.en);
  await page.getByLabel('Response code', { exact: true }).fill('Q9');
  await expect(page.locator('#code-result')).toContainText('This code is not in our table');
});

test('every symptom family leads to a complete outcome in both languages', async ({ page }) => {
  const start = node('start');
  expect(start.answers).toHaveLength(SYMPTOMS);
  for (const lang of ['zh', 'en']) {
    await page.goto(`wizard?lang=${lang}`);
    await appReady(page);
    for (const first of start.answers) {
      // Follow the last answer of each question until an outcome.
      const steps = ['start', first.next];
      while (node(steps.at(-1)).type === 'question') steps.push(node(steps.at(-1)).answers.at(-1).next);
      await walk(page, steps, lang);
      const outcome = node(steps.at(-1));
      await expect(page.locator('.wz-parties li')).toHaveText(outcome.responsible.map((p) => PARTY[lang][p]));
      await expect(page.locator('.wz-sources li')).toHaveCount(outcome.sources.length);
      await expect(page.locator('.wz-outcome ol li').first()).toHaveText(outcome.self_fix[0][lang]);
      await page.getByRole('link', { name: lang === 'zh' ? '重新开始' : 'Start again' }).click();
      await expect(page.locator('.wz-symptoms .wz-answer')).toHaveCount(SYMPTOMS);
    }
  }
});

test('keyboard: an answer is reachable, Enter follows it and focus moves to the new heading', async ({ page }) => {
  await page.goto('wizard');
  await appReady(page);
  // The page's first load leaves focus alone.
  await expect(page.locator('h1')).not.toBeFocused();
  const family = page.getByRole('link', { name: label('start', 'network', 'zh'), exact: true });
  await family.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText(node('network').title.zh);
  await expect(page.locator('h1')).toBeFocused();
  const answer = page.getByRole('link', { name: label('network', 'network-wifi', 'zh'), exact: true });
  await answer.focus();
  await expect(answer).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText(node('network-wifi').title.zh);
  await expect(page.locator('h1')).toBeFocused();
});

test('no horizontal overflow at 360 px on the start, a question, outcomes and the decoder', async ({ page }, testInfo) => {
  for (const path of ['wizard', 'wizard/network-sim', 'wizard/network-data-card-expired', 'wizard/escalate-pboc', 'wizard/agent-gone-find-acquirer', 'codes/A4', 'codes/xd']) {
    await page.goto(path);
    await appReady(page);
    await expect(page.locator('h1')).toBeVisible();
    await noHorizontalOverflow(page, path);
    await page.screenshot({ path: testInfo.outputPath(`${path.replace('/', '-')}-360.png`), fullPage: true });
  }
  await page.locator('.code-all summary').click();
  await noHorizontalOverflow(page, 'codes with the full table open');
  // Tap targets: every answer is at least 48 px high.
  await page.goto('wizard');
  await appReady(page);
  for (const box of await page.locator('.wz-answer').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) {
    expect(box).toBeGreaterThanOrEqual(48);
  }
});

test('a hostile or unknown step id shows a message as text, a link to the start, and no dialog', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    d.dismiss();
  });
  await page.goto('wizard/' + encodeURIComponent('<img src=x onerror=alert(1)>'));
  await appReady(page);
  await expect(page.getByRole('alert')).toHaveText('链接里的参数无效，已忽略。');
  await expect(page.getByRole('link', { name: '从第一步开始' })).toBeVisible();
  expect(await page.locator('main img, main script').count()).toBe(0);

  await page.goto('wizard/no-such-step');
  await appReady(page);
  await expect(page.getByRole('alert')).toContainText('没有这个步骤');
  await expect(page.getByRole('alert').locator('code')).toHaveText('no-such-step');
  await page.getByRole('link', { name: '从第一步开始' }).click();
  await expect(page.locator('.wz-symptoms .wz-answer')).toHaveCount(SYMPTOMS);

  await page.goto('codes/' + encodeURIComponent('"><script>alert(1)</script>'));
  await appReady(page);
  await expect(page.locator('[data-result="invalid"]')).toBeVisible();
  expect(await page.locator('main script').count()).toBe(0);
  expect(dialogs).toBe(0);
});

test('"add to diary" on an outcome creates the event in a new case', async ({ page }) => {
  const outcome = node('network-data-card-expired');
  await page.goto('wizard/network-data-card-expired');
  await appReady(page);
  await page.getByRole('button', { name: '添加到维权日记' }).click();
  await expect(page.locator('.add-to-diary-case')).toHaveValue('');
  await expect(page.locator('.add-to-diary-title')).toHaveValue(outcome.title.zh);
  expect(await page.locator('.add-to-diary-text').inputValue()).toContain(outcome.diary.summary.zh);
  await page.locator('.add-to-diary-save').click();
  await expect(page.locator('.add-to-diary-done')).toContainText('已保存到维权日记');
  await page.locator('.add-to-diary-link').click();
  await expect(page.locator('#case-heading')).toHaveText(outcome.title.zh);
  await expect(page.locator('#timeline li')).toHaveCount(1);
  await expect(page.locator('#timeline')).toContainText(outcome.diary.summary.zh);
  await expect(page.locator('#timeline')).toContainText('故障');
});
