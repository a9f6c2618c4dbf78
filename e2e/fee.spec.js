// Fee check (issue 16): the headline is what the merchant pays all in, the promise is compared,
// the category decides whether a low rate is a warning, and the chart stays readable.
import { test, expect, appReady } from './fixtures.js';
import { expectCheckable } from './citations.js';

// The reported case: 0.38%, a 3 元 秒到费 on every swipe, a 299 元 deposit, 50,000 元 and 100
// swipes a month. 2280 + 3600 + 299 = 6179 元 on 600,000 元 = 1.03%.
const SCENARIO = 'check/fee?card=credit&rate=0.38&addon=3&oneoff=299&volume=50000&count=100';

test('the reported case leads with the all-in 1.03%, with its parts and totals (zh)', async ({ page }) => {
  await page.goto(SCENARIO);
  await appReady(page);
  const verdict = page.locator('[data-verdict]');
  await expect(verdict).toHaveAttribute('data-verdict', 'above-floor');
  await expect(verdict.locator('.big')).toContainText('综合费率（含全部费用）');
  await expect(verdict.locator('.big .rate')).toHaveText('1.03%');
  await expect(verdict.locator('.nominal-rate')).toHaveText('0.38%');
  await expect(verdict).not.toContainText('监管成本底线');
  await expect(verdict.locator('.headline')).toHaveText('不低于按监管上限推算的成本（费率由市场决定，法律没有规定固定费率）');
  await expect(verdict.locator('.part-rate')).toContainText('2280.00');
  await expect(verdict.locator('.part-addons')).toContainText('3600.00');
  await expect(verdict.locator('.part-oneoff')).toContainText('299.00');
  await expect(verdict.locator('.first-year')).toContainText('6179.00');
  await expect(verdict.locator('.later-year')).toContainText('5880.00');
  // The agent platform's range is hedged, never a verdict.
  await expect(verdict.locator('.reasons')).toContainText('一个代理商平台设定的区间是 0.51%–0.72%，未经官方文件确认');
  await expectCheckable(page, 'zh');
  // The diary note carries the totals.
  await verdict.getByRole('button', { name: '添加到维权日记' }).click();
  const note = await verdict.locator('.add-to-diary-text').inputValue();
  expect(note).toContain('第一年各项费用合计6179.00元');
  expect(note).toContain('折合综合费率1.03%');
});

test('the reported case in English leads with 1.03% too', async ({ page }) => {
  await page.goto(`${SCENARIO}&lang=en`);
  await appReady(page);
  const verdict = page.locator('[data-verdict]');
  await expect(verdict.locator('.big')).toContainText('All-in rate');
  await expect(verdict.locator('.big .rate')).toHaveText('1.03%');
  await expect(verdict.locator('.headline')).toContainText('the cost implied by the regulated caps');
  await expectCheckable(page, 'en');
});

test('a promised rate shows the gap in points and 元 a year, and the letters that fit', async ({ page }) => {
  await page.goto(`${SCENARIO}&promised=0.38`);
  await appReady(page);
  const verdict = page.locator('[data-verdict="above-promised"]');
  await expect(verdict.locator('.headline')).toHaveText('比代理商承诺的 0.38% 高出 0.65 个百分点');
  await expect(verdict.locator('.gap-points')).toHaveText('0.65');
  await expect(verdict.locator('.gap-yuan')).toContainText('3899.00');
  await expect(verdict.getByRole('link', { name: '向人民银行投诉' })).toBeVisible();
  await expect(page.getByLabel('代理商承诺的费率（%，可不填）')).toHaveValue('0.38');
  await expectCheckable(page, 'zh');
});

test('one transaction, 6.80 元 on 1,000 元, is not called normal; with a promise it is compared', async ({ page }) => {
  await page.goto('check/fee');
  await appReady(page);
  await page.getByLabel('交易金额（元）').fill('1000');
  await page.getByLabel('实际扣除的手续费（元）').fill('6.80');
  await page.getByRole('button', { name: '计算' }).click();
  const verdict = page.locator('[data-verdict]');
  await expect(verdict.locator('.rate')).toHaveText('0.68%');
  await expect(verdict).not.toContainText('正常');
  await expect(verdict).toContainText('含全部费用的综合费率');
  await page.getByLabel('代理商承诺的费率（%，可不填）').fill('0.6');
  await page.getByRole('button', { name: '计算' }).click();
  await expect(page.locator('[data-verdict="above-promised"]')).toContainText('这一笔多扣 0.80 元');
  await expect(page).toHaveURL(/promised=0\.6/);
});

test('a discounted merchant at 0.38% is not a below-cost red flag; the category is explained', async ({ page }) => {
  await page.goto('check/fee?card=credit&rate=0.38&category=discounted');
  await appReady(page);
  await expect(page.locator('[data-verdict="lower-fee-category"]')).toContainText('这不算危险信号');
  await expect(page.locator('fieldset.category .hint')).toContainText('超市、大型仓储式卖场');
  await expect(page.locator('fieldset.category .hint')).toContainText('银发〔2021〕169号');
  await page.goto('check/fee?card=credit&rate=0.38&category=standard');
  await appReady(page);
  await expect(page.locator('[data-verdict="below-floor"]')).toContainText('低于按监管上限推算的成本');
});

test('chart labels do not overlap at 3.38% with all-in and promise markers', async ({ page }) => {
  await page.goto('check/fee?card=credit&rate=3.38&addon=3&volume=50000&count=100&promised=0.38');
  await appReady(page);
  const boxes = await page.locator('.fee-chart svg text').evaluateAll((els) =>
    els.map((e) => { const r = e.getBoundingClientRect(); return { t: e.textContent, x: r.x, y: r.y, w: r.width, h: r.height }; }));
  expect(boxes.length).toBeGreaterThan(4);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]; const b = boxes[j];
      const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
      expect(overlap, `${a.t} overlaps ${b.t}`).toBe(false);
    }
  }
});

test('MCC: a supermarket coded 5411 is told that 5411 is for large warehouse stores', async ({ page }) => {
  await page.goto('check/mcc?no=898210154110002&business=supermarket');
  await appReady(page);
  const verdict = page.locator('[data-verdict="only-if-large"]');
  await expect(verdict).toContainText('只有大型仓储式超市才应是5411');
  await expect(verdict).toContainText('未经官方文件确认');
  await expectCheckable(page, 'zh');
});
