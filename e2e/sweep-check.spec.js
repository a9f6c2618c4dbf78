// Issue 16: every kind of checker result, in both languages, opened from its deep link, with
// every fold of the result opened, cites only what a person can check: no repository path, file
// name, section sign or bracketed tag, and no untranslated English on a Chinese page.
import { test, expect, appReady } from './fixtures.js';
import { expectCheckable } from './citations.js';

const enc = encodeURIComponent;

// [what, deep link, the result it must show]
const RESULTS = [
  ['licence found', `check?q=${enc('拉卡拉')}`, '.hits > li [data-status="valid"]'],
  ['licence listed, stopped trading', 'check?licence=Z2012831000019', '[data-notice]'],
  // Its row's references include a research remark in English: never shown as a source.
  ['licence with an English research remark', 'check?licence=Z2002211000010', '.hits > li [data-status]'],
  ['licence cancelled', 'check?licence=Z2003731000019', '[data-status="cancelled"]'],
  ['licence not renewed', 'check?licence=Z2003431000012', '[data-status="notrenewed"]'],
  ['licence merged', 'check?licence=Z2001731000013', '[data-status="merged"]'],
  ['licence missing from the latest list', 'check?licence=Z2000611000010', '[data-status="notlisted"]'],
  ['licence not found', `check?q=${enc('收钱吧')}`, '[data-verdict="not-found"]'],
  ['licence number malformed', 'check?licence=Z2002511000018', '[data-verdict="invalid-number"]'],
  ['licence outside the region', `check?q=Z2001444000011&province=${enc('浙江')}`, '[data-coverage="notcovered"]'],
  ['clearing direct', `check/clearing?payer=${enc('拉卡拉支付股份有限公司')}&kind=company&slip=${enc('拉卡拉')}`, '[data-verdict="direct"]'],
  ['clearing second (person)', `check/clearing?payer=${enc('张三')}&kind=person&slip=${enc('拉卡拉')}`, '[data-verdict="second"]'],
  ['clearing second (unknown company)', `check/clearing?payer=${enc('某某信息科技有限公司')}&kind=company`, '[data-verdict="second"]'],
  ['clearing cannot tell', `check/clearing?payer=${enc('中国建设银行')}&kind=company`, '[data-verdict="unclear"]'],
  ['mcc fits', 'check/mcc?no=105290058120392&business=restaurant', '[data-verdict="matches"]'],
  ['mcc 跳码', 'check/mcc?no=898210154110002&business=restaurant', '[data-verdict="jump-code"]'],
  ['mcc not in the table', 'check/mcc?no=105290000010392&business=restaurant', '[data-verdict="unknown"]'],
  ['mcc without a business', 'check/mcc?no=898210154110002', '.parts'],
  ['mcc malformed', 'check/mcc?no=10529005813039', '[data-verdict="malformed"]'],
  ['fee above the cost implied by the caps', 'check/fee?card=credit&rate=0.6', '[data-verdict="above-floor"]'],
  ['fee one transaction', 'check/fee?card=credit&amount=1000&fee=10', '[data-verdict="above-floor"]'],
  ['fee above the promised rate', 'check/fee?card=credit&rate=1&promised=0.6', '[data-verdict="above-promised"]'],
  ['fee in a lower-fee category', 'check/fee?card=credit&rate=0.38&category=discounted', '[data-verdict="lower-fee-category"]'],
  ['fee all in (0.38% + 3 元 + 299 元)', 'check/fee?card=credit&rate=0.38&addon=3&oneoff=299&volume=50000&count=100', 'main .results [data-verdict]'],
  ['fee below the floor', 'check/fee?card=credit&rate=0.38', '[data-verdict="below-floor"]'],
  ['fee with add-on and yearly costs', 'check/fee?card=debit&amount=5000&fee=20&cap=20&addon=3&oneoff=99&yearly=60&volume=50000&count=100', 'main .results [data-verdict]'],
  ['fee QR', 'check/fee?card=qr&rate=1.2', 'main .results [data-verdict]'],
  ['agent conduct, every question ticked', `check/agent?yes=${enc('deposit,agent_account,withheld,disputes_keys,terminal,online_sale,ad_words,ad_no_acquirer,switch')}&deposit_amount=299`, '[data-verdict="agent-findings"]'],
  ['agent conduct, nothing ticked', 'check/agent', '.agent-none'],
];

for (const [what, path, shows] of RESULTS) {
  test(`${what}: checkable in Chinese and English`, async ({ page }) => {
    for (const lang of ['zh', 'en']) {
      const url = `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
      await page.goto(url);
      await appReady(page);
      await expect(page.locator(shows).first(), url).toBeVisible();
      // Every fold of the result: the other hits, the sources.
      await page.locator('main .results details').evaluateAll((els) => els.forEach((d) => { d.open = true; }));
      await expectCheckable(page, lang, url);
    }
  });
}
