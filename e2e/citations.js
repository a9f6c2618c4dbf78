// What a merchant may never read as a "source": a repository path, a file name, a section sign,
// a bracketed source tag, or (on a Chinese page) a run of untranslated English. Issue 16.
import { expect } from './fixtures.js';

// Words that legitimately stay Latin on a Chinese page (codes, brands, units, acronyms).
const ALLOWED_LATIN = new Set([
  'POS', 'MCC', 'SIM', 'APP', 'App', 'PDF', 'QR', 'ID', 'IC', 'T', 'D', 'A4', 'WPS', 'Word',
  'WiFi', 'Wi-Fi', 'NFC', 'USB', 'UnionPay', 'PBoC', 'PCAC', 'MB', 'KB', 'GB', 'HTTP', 'English',
]);

/**
 * The offending snippets in `text`. `lang` is 'zh' or 'en'.
 * @returns {string[]}
 */
export function uncheckable(text, lang) {
  const found = [];
  const rules = [
    // repository paths and file names: shared/domain/…, src/…, fees.md, RepInfo.cs, licences.csv
    /\b(?:shared|src|data|domain|public|locales)\/[\w./-]+/g,
    /\b[\w-]+\.(?:md|csv|json|rs|cs|js|ts|toml|ftl|py|java|kt|go)\b/g,
    /§\s*\d*/g,
    // bracketed source tags: [HOTEL], [UNCONFIRMED], 【SRC-3】
    /\[[A-Z][A-Z0-9_ -]{1,30}\]/g,
    /【[A-Z][A-Z0-9_ -]{1,30}】/g,
    /\bUNCONFIRMED\b/g,
  ];
  for (const re of rules) for (const m of text.matchAll(re)) found.push(m[0]);
  if (lang === 'zh') {
    // Three or more Latin words in a row (allowing punctuation between) is an untranslated note.
    for (const m of text.matchAll(/[A-Za-z][A-Za-z'’-]+(?:[ ,;:/]+[A-Za-z][A-Za-z'’-]+){2,}/g)) {
      const words = m[0].split(/[ ,;:/]+/).filter((w) => !ALLOWED_LATIN.has(w));
      if (words.length >= 3) found.push(m[0]);
    }
  }
  return found;
}

/** Fails the test when the page's main text (header and language switch excluded) has any. */
export async function expectCheckable(page, lang, where = page.url()) {
  const text = await page.locator('main').innerText();
  expect(uncheckable(text, lang), `uncheckable source text on ${where}`).toEqual([]);
}
