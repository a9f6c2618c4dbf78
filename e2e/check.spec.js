// Licence & fee checker (issue 5): licence lookup, import, 一清/二清, merchant number → MCC → 跳码,
// fee-rate bands, offline, deep links (also under /pos-help/ for tests tagged @subpath), English.
import { test, expect, appReady, swControls, noHorizontalOverflow } from './fixtures.js';
import { LICENCES_AS_OF as AS_OF } from './samples.js';

// The list's date as a finding in a diary note or a letter gives it: 2026-10-02 → 2026年10月2日.
const AS_OF_ZH = AS_OF.replace(/^(\d{4})-0?(\d{1,2})-0?(\d{1,2})$/, '$1年$2月$3日');
const LIST_ZH = `中国人民银行公布的已获许可机构（支付机构）名单（截至${AS_OF_ZH}）`;

const HEADER = 'name,short_names,licence_no,business_types,coverage,first_issued,valid_until,status,status_date,source';
const LAKALA_ROW = '拉卡拉支付股份有限公司,拉卡拉,Z2002511000017,支付交易处理Ⅰ类,全国,2011-12-22,长期,valid,,src';

const firstHit = (page) => page.locator('.hits > li').first();

test('searching 拉卡拉 shows its licence number and that it may do POS acquiring @subpath', async ({ page }) => {
  await page.goto('check?q=拉卡拉');
  await appReady(page);
  const hit = firstHit(page);
  await expect(hit.locator('.licence-no')).toHaveText('Z2002511000017');
  await expect(hit.locator('.hit-name')).toHaveText('拉卡拉支付股份有限公司');
  await expect(hit.locator('[data-status]')).toHaveAttribute('data-status', 'valid');
  await expect(hit.locator('[data-pos]')).toHaveAttribute('data-pos', 'good');
  await expect(hit.locator('[data-pos]')).toContainText('可以做银行卡收单');
  // Both the old and the 2024 label of the business type are shown.
  await expect(hit.locator('.types')).toContainText('支付交易处理Ⅰ类');
  await expect(hit.locator('.types')).toContainText('银行卡收单');
  // The dataset's as-of date and the row's source are shown.
  await expect(page.locator('.list-in-use')).toContainText(AS_OF_ZH);
  await expect(page.locator('.list-in-use')).toContainText('中国人民银行 已获许可机构（支付机构）名单');
  await expect(hit.locator('.row-source')).not.toContainText('github');
  // The fitting letter is offered, under the base path.
  // It carries the acquirer's name and licence number for the letter, and the finding as its facts.
  await expect(hit.getByRole('link', { name: '致收单机构' })).toHaveAttribute('href', /letters\/acquirer\?acquirer_name=.+&acquirer_licence_no=Z2002511000017&facts=.+$/);
});

test('typing the name the way people do still finds it; the sub-navigation is keyboard reachable', async ({ page }) => {
  await page.goto('check');
  await appReady(page);
  await page.getByLabel('公司名称、品牌简称或许可证编号').fill('拉卡拉　支付 有限公司');
  await page.getByLabel('公司名称、品牌简称或许可证编号').press('Enter');
  await expect(firstHit(page).locator('.licence-no')).toHaveText('Z2002511000017');
  // The address now carries the query, so the result can be shared.
  await expect(page).toHaveURL(/check\?q=/);
  const nav = page.getByRole('navigation', { name: '核查项目' });
  await expect(nav.getByRole('link', { name: '查牌照' })).toHaveAttribute('aria-current', 'page');
  await nav.getByRole('link', { name: '费率' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/check\/fee$/);
  await expect(page.getByLabel('费率（%）')).toBeVisible();
});

test('a licence number with a wrong check digit says so', async ({ page }) => {
  await page.goto('check?licence=Z2002511000018');
  await appReady(page);
  const alert = page.locator('[data-verdict="invalid-number"]');
  await expect(alert).toContainText('校验位');
  await expect(alert).toContainText('应为7');
  await expect(page.locator('.hits')).toHaveCount(0);
});

test('a cancelled licence shows as cancelled with its date, and cannot acquire', async ({ page }) => {
  await page.goto('check?licence=Z2003731000019');
  await appReady(page);
  const hit = firstHit(page);
  await expect(hit.locator('.hit-name')).toHaveText('上海畅购企业服务有限公司');
  await expect(hit.locator('[data-status]')).toHaveAttribute('data-status', 'cancelled');
  await expect(hit.locator('[data-status]')).toContainText('已注销 2016-01-05');
  await expect(hit).toContainText('许可证已注销（2016-01-05）');
  await expect(hit.locator('[data-pos]')).toHaveAttribute('data-pos', 'bad');
});

test('no match is "not found in the list as of <its date>", never "unlicensed"', async ({ page }) => {
  await page.goto('check?q=收钱吧');
  await appReady(page);
  const nf = page.locator('[data-verdict="not-found"]');
  await expect(nf).toContainText(`截至${AS_OF}的许可证名单中没有找到“收钱吧”`);
  await expect(nf).toContainText('不等于“无牌”');
  await expect(nf).not.toContainText('无牌机构');
  // It can be saved to the diary as a finding with the list and its date (issue 15).
  await nf.getByRole('button', { name: '添加到维权日记' }).click();
  await expect(nf.locator('.add-to-diary-text')).toHaveValue(`经查询${LIST_ZH}，未查到与“收钱吧”相符的机构`);
  await expect(nf.locator('.add-to-diary-title')).toHaveValue('收单机构 收钱吧');
});

test('coverage: a licence limited to one province says so for a merchant elsewhere', async ({ page }) => {
  await page.goto('check?q=Z2001444000011&province=浙江');
  await appReady(page);
  const hit = firstHit(page);
  await expect(hit.locator('[data-coverage]')).toHaveAttribute('data-coverage', 'notcovered');
});

test('a 15-digit number with MCC 5411 for a restaurant flags 跳码 @subpath', async ({ page }) => {
  await page.goto('check/mcc?no=898210154110002&business=restaurant');
  await appReady(page);
  await expect(page.locator('.parts')).toContainText('5411');
  const verdict = page.locator('[data-verdict="jump-code"]');
  await expect(verdict).toContainText('可能跳码');
  await expect(verdict).toContainText('大型仓储式超级市场');
  await expect(verdict.locator('.reasons + .sources')).toContainText('《行业风险信息共享管理办法》');
  await expect(verdict.locator('.reasons + .sources')).toContainText('未经官方文件确认');
  await expect(verdict.locator('.reasons + .sources')).not.toContainText('.md');
  // The letter link carries the verdict into the letter's facts (issue 7: fields from checker results).
  await verdict.getByRole('link', { name: '向人民银行投诉' }).click();
  await expect(page).toHaveURL(/letters\/pboc\?facts=/);
  // Facts, not advice (issue 15): the dated finding, with no advice and no 跳码 accusation.
  await expect(page.locator('#field-facts')).toHaveValue(
    /^\d{4}年\d{1,2}月\d{1,2}日，商户编号898210154110002第8至11位（按行业惯例的编号结构推断，未经官方文件确认）的商户类别码（MCC）为5411（大型仓储式超级市场），实际经营类别为“餐馆、饭店”，二者不一致。$/,
  );
});

test('the MCC check rejects malformed numbers and works from the form', async ({ page }) => {
  await page.goto('check/mcc');
  await appReady(page);
  await page.getByLabel('签购单上的商户编号（15位）').fill('10529005813039');
  await page.getByRole('button', { name: '核查' }).click();
  await expect(page.locator('[data-verdict="malformed"]')).toContainText('少了1位');
  await page.getByLabel('签购单上的商户编号（15位）').fill('1052900S8130392');
  await page.getByRole('button', { name: '核查' }).click();
  await expect(page.locator('[data-verdict="malformed"]')).toContainText('第8位');
  await page.getByLabel('签购单上的商户编号（15位）').fill('105290058120392');
  await page.getByLabel('您实际经营的是').selectOption('restaurant');
  await page.getByRole('button', { name: '核查' }).click();
  await expect(page.locator('[data-verdict="matches"]')).toBeVisible();
});

test('0.38% on a credit swipe is flagged below the floor @subpath', async ({ page }) => {
  await page.goto('check/fee?card=credit&rate=0.38');
  await appReady(page);
  const verdict = page.locator('[data-verdict="below-floor"]');
  await expect(verdict).toContainText('低于按监管上限推算的成本');
  await expect(verdict.locator('.rate')).toHaveText('0.38%');
  await expect(verdict.locator('svg .floor-line')).toHaveCount(1);
  await expect(verdict.locator('.reasons + .sources')).toContainText('发改价格〔2016〕557号');
  await expect(verdict.locator('.reasons + .sources')).not.toContainText('§');
});

test('0.60% is above the cost from the caps, and the chart places it inside the reference band', async ({ page }) => {
  await page.goto('check/fee?card=credit&rate=0.60&volume=50000&yearly=60');
  await appReady(page);
  const verdict = page.locator('[data-verdict="above-floor"]');
  await expect(verdict).toContainText('法律没有规定固定费率');
  const band = await verdict.locator('svg .zone-market').boundingBox();
  const dot = await verdict.locator('svg .marker-dot').boundingBox();
  expect(dot.x + dot.width / 2).toBeGreaterThan(band.x);
  expect(dot.x + dot.width / 2).toBeLessThan(band.x + band.width);
  // 0.6% of 600 000 元 a year + 60 元 = 3660 元.
  await expect(verdict.locator('.facts')).toContainText('3660.00');
});

test('a fee computed from amount and deducted fee, entered in the form', async ({ page }) => {
  await page.goto('check/fee');
  await appReady(page);
  await page.getByLabel('交易金额（元）').fill('1000');
  await page.getByLabel('实际扣除的手续费（元）').fill('10');
  await page.getByLabel('代理商承诺的费率（%，可不填）').fill('0.6');
  await page.getByRole('button', { name: '计算' }).click();
  await expect(page.locator('[data-verdict="above-promised"]')).toContainText('高出 0.40 个百分点');
  await expect(page.locator('[data-verdict="above-promised"]')).toContainText('30个自然日');
  await expect(page).toHaveURL(/amount=1000/);
});

test('二清: a settlement paid by a private person is a warning with what it means', async ({ page }) => {
  await page.goto('check/clearing?payer=张三&kind=person&slip=拉卡拉');
  await appReady(page);
  const verdict = page.locator('[data-verdict="second"]');
  await expect(verdict).toContainText('二清警示');
  await expect(verdict).toContainText('截留');
  await expect(verdict.getByRole('link', { name: '向人民银行投诉' })).toBeVisible();
  await page.goto('check/clearing?payer=拉卡拉支付股份有限公司&kind=company&slip=拉卡拉');
  await appReady(page);
  await expect(page.locator('[data-verdict="direct"]')).toContainText('一清');
});

test('a bad import changes nothing; a good one is used with its date; revert goes back', async ({ page }) => {
  await page.goto('check?q=拉卡拉');
  await appReady(page);
  await expect(page.locator('.list-in-use')).toHaveAttribute('data-list', 'builtin');
  await page.getByText('导入更新的许可证名单').click();
  const bad = `# as_of: 2027-01-15\n${HEADER}\n${LAKALA_ROW.replace('Z2002511000017', 'Z2002511000018')}\n${LAKALA_ROW.replace('valid', 'vaild')}\n`;
  await page.getByLabel('CSV 文件').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.getByRole('button', { name: '校验并导入' }).click();
  const rejected = page.locator('[data-import="rejected"]');
  await expect(rejected).toContainText('第3行');
  await expect(rejected).toContainText('第4行');
  await expect(rejected).toContainText('现有名单保持不变');
  await expect(page.locator('.list-in-use')).toHaveAttribute('data-list', 'builtin');
  await expect(page.locator('.list-in-use')).toContainText(AS_OF_ZH);
  // Still the built-in list after a reload: nothing was stored.
  await page.reload();
  await appReady(page);
  await expect(page.locator('.list-in-use')).toHaveAttribute('data-list', 'builtin');
  await expect(page.locator('.hits > li')).not.toHaveCount(0);

  // A good list is stored and used, with its own date.
  await page.getByText('导入更新的许可证名单').click();
  const good = `# as_of: 2027-01-15\n${HEADER}\n${LAKALA_ROW}\n`;
  await page.getByLabel('CSV 文件').setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.getByRole('button', { name: '校验并导入' }).click();
  await expect(page.locator('[data-import="done"]')).toContainText('2027-01-15');
  await page.reload();
  await appReady(page);
  await expect(page.locator('.list-in-use')).toHaveAttribute('data-list', 'imported');
  await expect(page.locator('.list-in-use')).toContainText('2027年1月15日');
  await page.getByText('导入更新的许可证名单').click();
  await page.getByRole('button', { name: '改回内置名单' }).click();
  await expect(page.locator('[data-import="reverted"]')).toBeVisible();
  await expect(page.locator('.list-in-use')).toHaveAttribute('data-list', 'builtin');
  await page.reload();
  await appReady(page);
  await expect(page.locator('.list-in-use')).toHaveAttribute('data-list', 'builtin');
});

test('all four checks work offline after one visit, from their deep links @subpath', async ({ page, context }) => {
  await page.goto('check');
  await appReady(page);
  await swControls(page);
  await context.setOffline(true);
  try {
    await page.goto('check?q=拉卡拉');
    await appReady(page);
    await expect(firstHit(page).locator('.licence-no')).toHaveText('Z2002511000017');
    await page.goto('check/mcc?no=898210154110002&business=restaurant');
    await appReady(page);
    await expect(page.locator('[data-verdict="jump-code"]')).toBeVisible();
    await page.goto('check/fee?card=credit&rate=0.38');
    await appReady(page);
    await expect(page.locator('[data-verdict="below-floor"]')).toBeVisible();
    await page.goto('check/clearing?payer=张三&kind=person');
    await appReady(page);
    await expect(page.locator('[data-verdict="second"]')).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
});

test('English works on every check', async ({ page }) => {
  await page.goto('check?q=拉卡拉&lang=en');
  await appReady(page);
  await expect(page.locator('h1')).toHaveText('Licence & fee checker');
  await expect(firstHit(page).locator('[data-pos]')).toContainText('May do bank-card acquiring');
  await expect(firstHit(page).locator('[data-status]')).toContainText('valid');
  await page.goto('check?q=收钱吧&lang=en');
  await appReady(page);
  await expect(page.locator('[data-verdict="not-found"]')).toContainText(`was not found in the licence list as of ${AS_OF}`);
  await page.goto('check/mcc?no=898210154110002&business=restaurant&lang=en');
  await appReady(page);
  await expect(page.locator('[data-verdict="jump-code"]')).toContainText('Possible 跳码');
  await page.goto('check/fee?card=credit&rate=0.38&lang=en');
  await appReady(page);
  await expect(page.locator('[data-verdict="below-floor"]')).toContainText('Below the cost implied by the regulated caps');
  await page.goto('check/clearing?payer=张三&kind=person&lang=en');
  await appReady(page);
  await expect(page.locator('[data-verdict="second"]')).toContainText('二清 warning');
});

test('hostile deep-link text stays text', async ({ page }) => {
  await page.goto('check?q=<img src=x onerror=alert(1)>');
  await appReady(page);
  await expect(page.getByLabel('公司名称、品牌简称或许可证编号')).toHaveValue(/<img/);
  await expect(page.locator('main img')).toHaveCount(0);
});

test('no horizontal overflow at 360 px on the checks with results', async ({ page }) => {
  for (const path of [
    'check?q=支付&province=浙江',
    'check/mcc?no=898210154110002&business=restaurant',
    'check/fee?card=debit&amount=5000&fee=20&cap=20&addon=3&oneoff=99&yearly=60&volume=50000&count=100',
    'check/clearing?payer=某某科技有限公司',
  ]) {
    await page.goto(path);
    await appReady(page);
    await expect(page.locator('main .results')).not.toBeEmpty();
    await page.locator('details').evaluateAll((els) => els.forEach((d) => { d.open = true; }));
    await noHorizontalOverflow(page, path);
  }
});

test('a licence verdict saved to the diary appears in the case with its acquirer; its letter link prefills the acquirer', async ({ page }) => {
  await page.goto('check?q=拉卡拉');
  await appReady(page);
  const hit = firstHit(page);
  await expect(hit.locator('.licence-no')).toHaveText('Z2002511000017');
  await hit.getByRole('button', { name: '添加到维权日记' }).click();
  await expect(hit.locator('.add-to-diary-case')).toHaveValue('');
  await expect(hit.locator('.add-to-diary-title')).toHaveValue('收单机构 拉卡拉支付股份有限公司');
  // The note is the finding: a neutral statement naming the list and its date (issue 15).
  const text = await hit.locator('.add-to-diary-text').inputValue();
  expect(text).toContain(`经查询${LIST_ZH}，“拉卡拉支付股份有限公司”持有支付业务许可证（编号Z2002511000017`);
  expect(text).not.toMatch(/您|请|结果：|查询内容：/);
  expect(text).not.toMatch(/。$/);
  await expect(hit.locator('.add-to-diary-set-acquirer')).toBeChecked();
  await hit.locator('.add-to-diary-save').click();
  await expect(hit.locator('.add-to-diary-done')).toContainText('已保存到维权日记');
  await hit.locator('.add-to-diary-link').click();
  await expect(page.locator('#case-heading')).toHaveText('收单机构 拉卡拉支付股份有限公司');
  await expect(page.locator('#case-view')).toContainText('Z2002511000017');
  await expect(page.locator('#timeline li')).toHaveCount(1);
  await expect(page.locator('#timeline')).toContainText(LIST_ZH);

  await page.goto('check?q=拉卡拉');
  await appReady(page);
  await firstHit(page).getByRole('link', { name: '致收单机构' }).click();
  await expect(page.locator('#field-acquirer_name')).toHaveValue('拉卡拉支付股份有限公司');
  // The complaint names the licence it rests on (被投诉人's 支付业务许可证编号).
  await expect(page.locator('#field-acquirer_licence_no')).toHaveValue('Z2002511000017');
  await expect(page.locator('#field-facts')).toHaveValue(/^\d{4}年\d{1,2}月\d{1,2}日，经查询/);
  const facts = await page.locator('#field-facts').inputValue();
  expect(facts).toContain(`经查询${LIST_ZH}，“拉卡拉支付股份有限公司”持有支付业务许可证（编号Z2002511000017`);
  expect(facts).toMatch(/。$/);
});
