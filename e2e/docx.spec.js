// Issue 18, part 4: a letter downloads as a Word file. The test opens the .docx (a zip read
// here with node's zlib and its central directory) and reads word/document.xml: the title
// centred and bold, body paragraphs with a first-line indent, numbered items hanging, the
// closing and the 落款 right-aligned, the evidence under the dossier's numbers, and a footer
// with the PAGE and NUMPAGES fields.
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { test, expect, appReady } from './fixtures.js';
import { CASE_ID, evidence, enterProfile, restoreCase } from './dossier-case.js';

/** The files of a zip archive: name → Buffer (stored or deflated entries). */
function unzip(buf) {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataAt, dataAt + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

/** The `<w:p>` elements of a part, each as its XML and its text. */
function paragraphs(xml) {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    xml: p,
    text: [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
  }));
}

test('a letter downloads as a .docx laid out like the printed letter', async ({ page }, testInfo) => {
  await enterProfile(page);
  await restoreCase(page);
  await page.goto(`letters/civil?case=${CASE_ID}`);
  await appReady(page);
  await expect(page.locator('#letter-case')).toHaveValue(CASE_ID);
  await page.locator('#field-letter-date').fill('2026-11-27');
  await page.locator('#field-court_name').fill('深圳市福田区人民法院');
  await expect(page.locator('#letter-complete')).toBeVisible();

  const button = page.locator('#letter-download-docx');
  await expect(button).toHaveText('下载 Word 文件（.docx）');
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe('civil-2026-11-27.docx');
  const path = testInfo.outputPath('civil.docx');
  await download.saveAs(path);
  await expect(page.locator('#letter-action-status')).toBeEmpty();

  const files = unzip(readFileSync(path));
  for (const part of ['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']) expect(files.has(part), part).toBe(true);
  const xml = files.get('word/document.xml').toString('utf8');
  const ps = paragraphs(xml);
  const find = (start) => {
    const p = ps.find((x) => x.text.startsWith(start));
    expect(p, `a paragraph starting ${start}`).toBeTruthy();
    return p;
  };
  // The title: first, centred, bold.
  expect(ps[0].text).toBe('民事起诉状');
  expect(ps[0].xml).toContain('<w:jc w:val="center" />');
  expect(ps[0].xml).toContain('<w:b />');
  // A party line hangs under its label; a body paragraph has a two-character first-line indent.
  expect(find('原告：').xml).toMatch(/w:hanging="\d+"/);
  expect(find('原告认为').xml).toContain('w:firstLine="480"');
  // Numbered requests and evidence hang under their text; the evidence carries the dossier's numbers.
  expect(find('1.退还押金299元').xml).toMatch(/w:hanging="\d+"/);
  for (const item of evidence()) expect(ps.some((p) => p.text.startsWith(`${item.number}.${item.name}（`)), `证据${item.number}`).toBe(true);
  // 此致 indented, the court flush left, the 落款 and its date right-aligned and kept together.
  expect(find('此致').xml).toContain('w:firstLine="480"');
  expect(find('深圳市福田区人民法院').xml).not.toContain('<w:jc ');
  expect(find('具状人：张三便利店').xml).toContain('<w:jc w:val="right" />');
  expect(find('2026年11月27日').xml).toContain('<w:jc w:val="right" />');
  expect(find('此致').xml).toContain('<w:keepNext');
  expect(find('附：本起诉状副本').xml).not.toContain('<w:jc ');
  // A4 and the footer with the page number.
  expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
  expect(xml).toContain('<w:footerReference');
  const footerName = [...files.keys()].find((n) => /^word\/footer\d*\.xml$/.test(n));
  const footer = files.get(footerName).toString('utf8');
  expect(footer).toContain('<w:instrText>PAGE</w:instrText>');
  expect(footer).toContain('NUMPAGES');
  expect(footer).toContain('<w:jc w:val="center" />');
  expect(paragraphs(footer)[0].text).toMatch(/^第 1 页 共 \d+ 页$/);
  // Nothing of the app in the merchant's document.
  for (const bad of ['您', '【待填', '{{', 'undefined']) expect(xml, bad).not.toContain(bad);
});
