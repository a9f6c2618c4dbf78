// Hostile strings for the XSS sweep (issue 8): each must show as literal text in every view,
// on paper and in every export, and must never open a dialog, inject an element or become a link.
// Every `alert(…)` carries a distinct number, so a dialog that does open says which string ran.

const LONG = '长'.repeat(2_000) + 'x'.repeat(7_990) + '<b>END</b>'; // 10,000 characters

/** @type {{label: string, text: string}[]} */
export const HOSTILE = [
  { label: 'script tag', text: '<script>alert(1)</script>' },
  { label: 'img onerror', text: '"><img src=x onerror=alert(2)>' },
  { label: 'svg onload', text: "'><svg onload=alert(3)>" },
  { label: 'javascript: URL', text: 'javascript:alert(4)' },
  { label: 'javascript: URL, mixed case and spaces', text: ' JaVaScRiPt:alert(5)//' },
  { label: 'data: URL', text: 'data:text/html,<script>alert(6)</script>' },
  { label: 'textarea breaker', text: '</textarea><script>alert(7)</script>' },
  { label: 'title/style breaker', text: '</title></style><img src=x onerror=alert(8)>' },
  { label: 'iframe srcdoc', text: '<iframe srcdoc="<script>alert(9)</script>"></iframe>' },
  { label: 'attribute breaker, double quote', text: '" onmouseover="alert(10)" x="' },
  { label: "attribute breaker, single quote", text: "' onfocus='alert(11)' autofocus '" },
  { label: 'template marker', text: '{{common.app_name}}' },
  { label: 'letter placeholder', text: '{{merchant_name}} {{reply_deadline}}' },
  { label: 'JS template literal', text: '${alert(12)}' },
  { label: 'Angular-style expression', text: "{{constructor.constructor('alert(13)')()}}" },
  { label: 'RTL override', text: '\u202Eexe.txt\u202C 名单 abc' },
  { label: 'zero-width characters', text: 'a\u200Bb\u200Cc\u200Dd\uFEFFe' },
  { label: '10,000 characters', text: LONG },
  { label: 'emoji with ZWJ sequences', text: '👨‍👩‍👧‍👦 🏳️‍🌈 👍🏽 💳' },
  { label: 'CJK Extension B', text: '𠀀𪚥𠮷 𡃁' },
  { label: 'control characters', text: 'a\u0001b\u0007c\u001Bd\u007Fe' },
  { label: 'CSV injection HYPERLINK', text: '=HYPERLINK("http://example.invalid","点我")' },
  { label: 'CSV injection formula', text: '=1+1' },
  { label: 'CSV injection plus/at', text: '+cmd|\' /C calc\'!A0 @SUM(1)' },
  { label: 'JSON breaker', text: '"},{"id":"x","title":"pwned' },
  { label: 'HTML entities', text: '&lt;script&gt;alert(14)&lt;/script&gt; &amp; &#60;b&#62;' },
  { label: 'backslashes and quotes', text: 'C:\\temp\\"x"\\n\'y\'' },
  { label: 'SQL-ish', text: "'; DROP TABLE cases; --" },
  { label: 'event handler in style', text: '<div style="background:url(javascript:alert(15))">x</div>' },
  { label: 'markdown link', text: '[点我](javascript:alert(16))' },
  { label: 'comment and CDATA', text: '<!-- x --><![CDATA[<script>alert(17)</script>]]>' },
  { label: 'full-width markup', text: '＜script＞alert(18)＜/script＞' },
  { label: 'newlines and tabs', text: '第一行\n\t<b>第二行</b>\r\n第三行' },
  { label: 'prototype keys', text: '__proto__ constructor toString' },
];

/** The strings for one-line fields (input type=text): newlines dropped by the browser. */
export const ONE_LINE = HOSTILE.filter((h) => !/[\r\n]/.test(h.text));

/** What the page shows for `text` in a one-line input: browsers strip CR/LF from input values. */
export const asInputValue = (text) => text.replace(/[\r\n]/g, '');

/** Element selectors no user text may ever produce. */
export const INJECTED = 'img[src="x"], svg[onload], iframe, [onerror], [onmouseover], [onfocus], a[href^="javascript:" i], a[href^="data:" i]';
