// Issue 19: 代理商行为自查. A merchant charged a deposit and paid through the agent's account
// answers the questions on a 360×740 phone; sees both rules with their citations (document,
// number, article, self-regulation not law) and the acquirer named as answerable; saves the
// findings (and the agent) to a case; and finds them as facts in the printed PCAC report.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { test, expect, appReady } from './fixtures.js';
import { expectCheckable } from './citations.js';

const ALL = 'deposit,agent_account,withheld,disputes_keys,terminal,online_sale,ad_words,ad_no_acquirer,switch';
const DEPOSIT = '代理商于2026年3月15日收取押金299元';
const ACCOUNT = '结算款经代理商的账户转付（付款方显示为“张三”）';

async function openFolds(page) {
  await page.locator('main details').evaluateAll((els) => els.forEach((d) => { d.open = true; }));
}

test('a deposit and money through the agent: rules, who acts, diary, printed PCAC report', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('check');
  await appReady(page);
  await page.getByRole('navigation', { name: '核查项目' }).getByRole('link', { name: '代理商行为' }).click();
  await expect(page).toHaveURL(/\/check\/agent$/);
  await expect(page.locator('.agent-none')).toBeVisible();

  // The deposit: ticked, then dated and priced; the rule shows right under the question.
  await page.getByLabel('交机器时，代理商向您收了押金吗？').check();
  const deposit = page.locator('[data-breaks="deposit"]');
  await expect(deposit).toContainText('中国支付清算协会《收单外包服务评价管理规范》（中支协发〔2025〕64号）第十五条（二十一）');
  await expect(deposit).toContainText('行业协会自律规则，不是法律');
  await expect(deposit).toContainText('要求退还押金');
  await page.locator('#agent-deposit-date').fill('2026-03-15');
  await page.locator('#agent-deposit-amount').fill('二百');
  // A wrong amount is explained next to the field, and left out of the finding.
  await expect(page.locator('[data-rule="deposit"] .field-error')).toContainText('金额看不懂');
  await page.locator('#agent-deposit-amount').fill('299');
  await expect(page.locator('[data-rule="deposit"] .field-error')).toHaveCount(0);

  // Money through the agent's account (二清).
  await page.getByLabel('钱（结算款）是从代理商或某个个人的账户打给您的吗？').check();
  await page.locator('#agent-agent_account-text').fill('张三');
  const account = page.locator('[data-breaks="agent_account"]');
  await expect(account).toContainText('中国支付清算协会《收单外包服务自律管理办法》（中支协发〔2024〕108号）第十三条');
  await expect(account).toContainText('中国支付清算协会《收单外包服务自律管理办法》（中支协发〔2024〕108号）第二十一条');
  await expect(account).toContainText('二清');
  await expect(account.getByRole('link', { name: '用“一清/二清”核对付款方' })).toHaveAttribute('href', /check\/clearing\?payer=%E5%BC%A0%E4%B8%89&kind=company$/);

  await page.locator('#agent-name').fill('某某信息科技有限公司');
  await page.locator('#agent-contact').fill('13800000000');

  // The outcome: the findings as facts, the acquirer answerable, PCAC, the merchant's steps.
  const outcome = page.locator('[data-verdict="agent-findings"]');
  await expect(outcome.locator('.agent-findings li')).toHaveText([DEPOSIT, ACCOUNT]);
  await expect(outcome.locator('.agent-acquirer')).toContainText('收单机构要为它的代理商负责');
  await expect(outcome.locator('.agent-acquirer')).toContainText('10个工作日内终止与其合作');
  await expect(outcome.locator('.agent-pcac')).toContainText('中国支付清算协会受理');
  await expect(outcome.locator('.agent-step-deposit')).toContainText('要求退还押金');
  await expect(outcome.locator('.ladder .rung[data-step="1"] [data-letter="acquirer"]')).toBeVisible();
  await expect(outcome.locator('[data-letter="pcac"] a')).toHaveAttribute('href', new RegExp(`letters/pcac\\?facts=.*${encodeURIComponent('代理商于2026年3月15日收取押金299元')}`));
  await openFolds(page);
  await expect(outcome).toContainText('中国支付清算协会《收单外包服务自律管理办法》（中支协发〔2024〕108号）第三十二条');
  await expectCheckable(page, 'zh');
  // Nothing unconfirmed is shown here: the 2016 channels are not stated.
  await expect(page.locator('main')).not.toContainText('jubao');

  // The answers live in the address: a volunteer can send the filled-in check.
  await expect(page).toHaveURL(/check\/agent\?yes=deposit%2Cagent_account&deposit_date=2026-03-15&deposit_amount=299&agent_account_text=%E5%BC%A0%E4%B8%89&agent=/);
  const shared = page.url();
  await page.goto(shared);
  await appReady(page);
  await expect(page.getByLabel('交机器时，代理商向您收了押金吗？')).toBeChecked();
  await expect(page.locator('#agent-deposit-amount')).toHaveValue('299');
  await expect(page.locator('#agent-name')).toHaveValue('某某信息科技有限公司');
  await expect(outcome.locator('.agent-findings li')).toHaveText([DEPOSIT, ACCOUNT]);
  // Tap targets: the questions' ticks are at least 44 px tall.
  for (const box of await page.locator('label.agent-yes').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) {
    expect(box).toBeGreaterThanOrEqual(44);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'no horizontal scroll at 360 px').toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath('agent-360.png'), fullPage: true });

  // Add to the diary: the findings as the event's text, the agent as the case's vendor.
  await outcome.getByRole('button', { name: '添加到维权日记' }).click();
  await expect(outcome.locator('.add-to-diary-text')).toHaveValue(`${DEPOSIT}；${ACCOUNT}`);
  await expect(outcome.locator('.add-to-diary-set-vendor')).toBeChecked();
  await expect(outcome.locator('.add-to-diary-form')).toContainText('某某信息科技有限公司（13800000000）');
  await outcome.locator('.add-to-diary-save').click();
  await expect(outcome.locator('.add-to-diary-done')).toBeVisible();
  await outcome.locator('.add-to-diary-link').click();
  await expect(page).toHaveURL(/\/diary\/c/);
  const caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  await expect(page.locator('main')).toContainText(DEPOSIT);
  await expect(page.locator('main')).toContainText('某某信息科技有限公司');

  // The PCAC report from the case states them as facts.
  await page.goto(`letters/pcac?case=${encodeURIComponent(caseId)}`);
  await appReady(page);
  await expect(page.locator('#letter-case')).toHaveValue(caseId);
  await page.locator('#field-acquirer_name').fill('某某支付有限公司');
  await page.emulateMedia({ media: 'print' });
  const path = testInfo.outputPath('pcac-agent.pdf');
  writeFileSync(path, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  await page.emulateMedia({ media: 'screen' });
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path, testInfo.outputPath('pcac-agent')]);
  const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(text).toContain('举报事实');
  expect(text).toContain(`${DEPOSIT}；${ACCOUNT}。`);
  expect(text).toContain('POS机由某某信息科技有限公司');
  for (const bad of ['您', '你', '{{', 'undefined']) expect(text, bad).not.toContain(bad);
});

test('every rule, ticked from a deep link, is checkable in Chinese and English; the unconfirmed one says so', async ({ page }) => {
  for (const lang of ['zh', 'en']) {
    const url = `check/agent?yes=${encodeURIComponent(ALL)}&switch_text=95000&lang=${lang}`;
    await page.goto(url);
    await appReady(page);
    await expect(page.locator('[data-breaks]')).toHaveCount(ALL.split(',').length);
    await expect(page.locator('.agent-findings li')).toHaveCount(ALL.split(',').length);
    await openFolds(page);
    await expectCheckable(page, lang, url);
    // 切机: the document's number and date are unconfirmed, and the page never presents it as settled.
    const sw = page.locator('[data-breaks="switch"]');
    await expect(sw.locator('.tag.unconfirmed')).toHaveCount(1);
    await expect(sw.locator('.agent-not-settled')).toBeVisible();
    if (lang === 'zh') {
      await expect(sw).toContainText('文件编号和发布日期未经官方文件确认');
      await expect(page.locator('[data-breaks="deposit"] .tag.unconfirmed')).toHaveCount(0);
      await expect(page.locator('main')).not.toContainText('你');
    } else {
      await expect(sw).toContainText('not confirmed by an official document');
      await expect(page.locator('[data-breaks="deposit"]')).toContainText('self-regulation, not law');
      await expect(page.locator('.agent-acquirer')).toContainText('The acquirer answers for its agent');
    }
  }
});
