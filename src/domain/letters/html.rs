//! The laid-out letter ([`super::layout`]) as HTML: the pieces both renderings share (the
//! closing group, party labels, item numbers) and [`standalone_html`], the letter as a
//! self-contained A4 page for download.
//!
//! The on-screen and printed letter (`components::letter_paper`) and the downloaded file use
//! the same classes and the same grouping, so they look alike:
//! - `.letter-title` (centred), `.letter-salutation`, `.letter-parties` (one `<p>` a line, the
//!   label in `.letter-label` so that a long line hangs under the text after it),
//!   `.letter-para` (2em first-line indent, one `<p>` per line of the paragraph),
//!   `.letter-section` (`.letter-heading`, then `.letter-item` for numbered items, number in
//!   `.letter-num`, and `.letter-para` for the others);
//! - `.letter-closing` holds 此致 (`.letter-zhi`), the salute (`.letter-salute`) and every
//!   following `.letter-signature` (right-aligned), so the signature never leaves its closing;
//! - `.letter-trailer` (附：…) after it.

use super::escape_html;
use super::layout::{is_numbered, layout, Block};

/// A piece of the letter as rendered: a block, or the closing with the signature blocks that
/// follow it (kept together on paper).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Block(&'a Block),
    /// 此致 and its salute lines, then the lines of each signature block.
    Closing {
        first: &'a str,
        salute: &'a [String],
        signatures: Vec<&'a [String]>,
    },
}

/// Groups `blocks` into [`Piece`]s: a [`Block::Closing`] takes every [`Block::Signature`]
/// right after it.
pub fn pieces(blocks: &[Block]) -> Vec<Piece<'_>> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut i = 0;
    while i < blocks.len() {
        if let Block::Closing { first, salute } = &blocks[i] {
            let mut signatures = Vec::new();
            i += 1;
            while let Some(Block::Signature(lines)) = blocks.get(i) {
                signatures.push(lines.as_slice());
                i += 1;
            }
            out.push(Piece::Closing {
                first,
                salute,
                signatures,
            });
        } else {
            out.push(Piece::Block(&blocks[i]));
            i += 1;
        }
    }
    out
}

/// A party line's label (`投诉人：`, `原告（个体工商户）：`) and the rest, when the label is
/// short enough for the rest to hang under it.
pub fn split_label(line: &str) -> Option<(&str, &str)> {
    let at = line.find('：')?;
    let (label, rest) = line.split_at(at + '：'.len_utf8());
    (label.chars().count() <= 10 && !rest.is_empty()).then_some((label, rest))
}

/// A numbered item's number (`1. `, `（3）`) and the rest.
pub fn split_number(line: &str) -> Option<(&str, &str)> {
    if !is_numbered(line) {
        return None;
    }
    let at = if line.starts_with('（') {
        line.find('）')? + '）'.len_utf8()
    } else {
        line.find(". ")? + 2
    };
    let (number, rest) = line.split_at(at);
    (!rest.trim().is_empty()).then_some((number, rest))
}

/// The lines of a paragraph (each its own indented `<p>`).
pub fn para_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// The page-number margin box's content: `第 1 页 共 2 页`.
pub const PAGE_NUMBER_CONTENT: &str = r#""第 " counter(page) " 页 共 " counter(pages) " 页""#;

/// The paper styles of the downloaded file: the same as the app's print styles
/// (`style/letters.css`, `@media print`), plus a centred sheet on screen.
const STANDALONE_CSS: &str = r#"@page letter {
  size: A4;
  margin: 22mm 20mm 20mm 24mm;
  @bottom-center {
    content: "第 " counter(page) " 页 共 " counter(pages) " 页";
    font-family: "Songti SC", SimSun, "Noto Serif CJK SC", "Source Han Serif SC", serif;
    font-size: 10pt;
  }
}
html { background: #fff; color: #000; }
body { margin: 0; }
.letter-paper {
  page: letter;
  font-family: "Songti SC", SimSun, "Noto Serif CJK SC", "Source Han Serif SC", serif;
  font-size: 12pt; line-height: 1.75; orphans: 2; widows: 2; overflow-wrap: anywhere;
}
@media print { .letter-paper { text-align: justify; } }
@media screen {
  body { padding: 16px; }
  .letter-paper { max-width: 166mm; margin: 0 auto; }
}
@media screen and (max-width: 520px) {
  .letter-paper .letter-parties > p { display: block; padding-left: 2em; text-indent: -2em; }
}
.letter-paper p { margin: 0; white-space: pre-wrap; }
.letter-paper .letter-title {
  text-align: center; font-size: 18pt; font-weight: 700; line-height: 1.4; margin: 0 0 0.8em;
  break-after: avoid; page-break-after: avoid;
}
.letter-paper .letter-salutation { margin: 0 0 0.2em; }
.letter-paper .letter-parties { margin: 0.3em 0; }
.letter-paper .letter-parties > p { display: flex; break-inside: avoid; page-break-inside: avoid; }
.letter-paper .letter-label { flex: none; }
.letter-paper .letter-label + span { flex: 1 1 0; min-width: 0; }
.letter-paper .letter-para { text-indent: 2em; }
.letter-paper .letter-section { margin: 0.3em 0 0; }
.letter-paper .letter-heading { font-weight: 700; break-after: avoid; page-break-after: avoid; }
.letter-paper .letter-item { display: flex; }
.letter-paper .letter-num { flex: none; min-width: 1.6em; white-space: pre; }
.letter-paper .letter-item > span + span { flex: 1 1 0; min-width: 0; }
.letter-paper .letter-closing {
  margin-top: 0.6em; break-inside: avoid; page-break-inside: avoid;
  break-before: avoid; page-break-before: avoid;
}
.letter-paper .letter-zhi { text-indent: 2em; }
.letter-paper .letter-signature { margin-top: 1.5em; text-align: right; }
.letter-paper .letter-trailer { margin-top: 1.5em; }
"#;

/// The letter `text` laid out ([`layout`]) as a standalone A4 HTML document: no script, loads
/// nothing (a Content-Security-Policy says so), every value escaped; printed, it has the page
/// numbers `第 X 页 共 Y 页` at the bottom of each page.
pub fn standalone_html(text: &str) -> String {
    let blocks = layout(text);
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Title(t) => Some(t.as_str()),
            _ => None,
        })
        .unwrap_or_default();
    let mut body = String::new();
    for piece in pieces(&blocks) {
        match piece {
            Piece::Block(block) => push_block(&mut body, block),
            Piece::Closing {
                first,
                salute,
                signatures,
            } => {
                body.push_str("<div class=\"letter-closing\">\n");
                push_p(&mut body, "letter-zhi", first);
                for line in salute {
                    push_p(&mut body, "letter-salute", line);
                }
                for lines in signatures {
                    push_lines(&mut body, "letter-signature", lines);
                }
                body.push_str("</div>\n");
            }
        }
    }
    format!(
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\n{STANDALONE_CSS}</style>\n</head>\n<body>\n\
         <article class=\"letter-paper\" lang=\"zh-CN\">\n{body}</article>\n</body>\n</html>\n",
        title = escape_html(title),
    )
}

fn push_p(out: &mut String, class: &str, text: &str) {
    out.push_str(&format!("<p class=\"{class}\">{}</p>\n", escape_html(text)));
}

/// `<div class=…>` with one `<p>` a line.
fn push_lines(out: &mut String, class: &str, lines: &[String]) {
    out.push_str(&format!("<div class=\"{class}\">\n"));
    for line in lines {
        out.push_str(&format!("<p>{}</p>\n", escape_html(line)));
    }
    out.push_str("</div>\n");
}

fn push_block(out: &mut String, block: &Block) {
    match block {
        Block::Title(t) => out.push_str(&format!(
            "<p class=\"letter-title\" role=\"heading\" aria-level=\"1\">{}</p>\n",
            escape_html(t)
        )),
        Block::Salutation(t) => push_p(out, "letter-salutation", t),
        Block::Parties(lines) => {
            out.push_str("<div class=\"letter-parties\">\n");
            for line in lines {
                match split_label(line) {
                    Some((label, rest)) => out.push_str(&format!(
                        "<p><span class=\"letter-label\">{}</span><span>{}</span></p>\n",
                        escape_html(label),
                        escape_html(rest)
                    )),
                    None => out.push_str(&format!("<p>{}</p>\n", escape_html(line))),
                }
            }
            out.push_str("</div>\n");
        }
        Block::Para(t) => {
            for line in para_lines(t) {
                push_p(out, "letter-para", line);
            }
        }
        Block::Section { heading, items } => {
            out.push_str("<div class=\"letter-section\">\n");
            push_p(out, "letter-heading", heading);
            for item in items {
                push_item(out, item);
            }
            out.push_str("</div>\n");
        }
        Block::Closing { first, salute } => {
            // Only reached through `pieces`, which groups it; kept for completeness.
            out.push_str("<div class=\"letter-closing\">\n");
            push_p(out, "letter-zhi", first);
            for line in salute {
                push_p(out, "letter-salute", line);
            }
            out.push_str("</div>\n");
        }
        Block::Signature(lines) => push_lines(out, "letter-signature", lines),
        Block::Trailer(lines) => push_lines(out, "letter-trailer", lines),
    }
}

fn push_item(out: &mut String, item: &str) {
    match split_number(item) {
        Some((number, rest)) => out.push_str(&format!(
            "<p class=\"letter-item\"><span class=\"letter-num\">{}</span><span>{}</span></p>\n",
            escape_html(number),
            escape_html(rest)
        )),
        None => push_p(out, "letter-para", item),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMPLAINT: &str = "关于POS收单服务问题的投诉\n\n某某支付有限公司：\n\n投诉人：张三便利店，联系电话：138\n被投诉人：某某支付有限公司\n\n本店是贵公司的特约商户。\n\n事实和理由：\n1. 2026年11月2日，终端显示97。\n2. 2026年11月3日，致电客服。\n说明。\n\n此致\n敬礼\n\n投诉人（签名）：\n2026年11月27日\n\n附：材料1份\n";

    #[test]
    fn the_document_has_every_class_and_the_closing_group() {
        let html = standalone_html(COMPLAINT);
        for class in [
            "letter-paper",
            "letter-title",
            "letter-salutation",
            "letter-parties",
            "letter-label",
            "letter-para",
            "letter-section",
            "letter-heading",
            "letter-item",
            "letter-num",
            "letter-closing",
            "letter-zhi",
            "letter-salute",
            "letter-signature",
            "letter-trailer",
        ] {
            assert!(
                html.contains(&format!("class=\"{class}\"")),
                "{class} in {html}"
            );
        }
        let closing = html.find("<div class=\"letter-closing\">").unwrap();
        let zhi = html.find("<p class=\"letter-zhi\">此致</p>").unwrap();
        let salute = html.find("<p class=\"letter-salute\">敬礼</p>").unwrap();
        let signature = html.find("<div class=\"letter-signature\">").unwrap();
        let trailer = html.find("<div class=\"letter-trailer\">").unwrap();
        assert!(closing < zhi && zhi < salute && salute < signature && signature < trailer);
        // The signature is inside the closing group, the trailer after it.
        let group_end = html[closing..].find("</div>\n</div>").unwrap() + closing;
        assert!(signature < group_end && group_end < trailer, "{html}");
        assert!(html.contains("<span class=\"letter-num\">1. </span><span>2026年11月2日"));
        assert!(html.contains("<span class=\"letter-label\">投诉人：</span><span>张三便利店"));
        assert!(html.contains("<p class=\"letter-para\">说明。</p>"));
        assert!(html.contains("<title>关于POS收单服务问题的投诉</title>"));
    }

    #[test]
    fn the_document_is_a4_with_page_numbers_and_no_loading() {
        let html = standalone_html(COMPLAINT);
        assert!(html.contains("default-src 'none'; style-src 'unsafe-inline'"));
        assert!(html.contains("size: A4"));
        assert!(html.contains("@bottom-center"));
        assert!(html.contains(&format!("content: {PAGE_NUMBER_CONTENT};")));
        assert!(html.contains("counter(pages)"));
        assert!(html.contains("page: letter"));
        assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("href="));
    }

    #[test]
    fn the_app_prints_the_same_page_numbers() {
        let css = include_str!("../../../style/print.css");
        assert!(css.contains(&format!("content: {PAGE_NUMBER_CONTENT};")));
        assert!(css.contains("margin: 22mm 20mm 20mm 24mm;"));
    }

    #[test]
    fn script_is_escaped_in_every_block() {
        let x = "<script>alert(1)</script>";
        let text = format!(
            "{x}标题\n\n{x}：\n\n投诉人：{x}\n被投诉人：{x}\n\n{x}正文\n第二行{x}\n\n事实<script>：\n1. {x}\n{x}\n\n此致\n{x}\n\n{x}\n\n附：{x}"
        );
        let blocks = layout(&text);
        assert!(blocks.iter().any(|b| matches!(b, Block::Salutation(_))));
        assert!(blocks.iter().any(|b| matches!(b, Block::Parties(_))));
        assert!(blocks.iter().any(|b| matches!(b, Block::Section { .. })));
        assert!(blocks.iter().any(|b| matches!(b, Block::Signature(_))));
        assert!(blocks.iter().any(|b| matches!(b, Block::Trailer(_))));
        let html = standalone_html(&text);
        assert!(!html.contains("<script"), "{html}");
        assert_eq!(html.matches("&lt;script&gt;").count(), 13, "{html}");
        assert!(html.contains("<p class=\"letter-heading\">事实&lt;script&gt;：</p>"));
        assert_eq!(
            html.matches("&lt;script&gt;alert(1)&lt;/script&gt;")
                .count(),
            // The title twice (<title> and the page), then one in each line but the heading.
            12
        );
        let quotes = standalone_html("a\"b'&\n\n<b>c</b>");
        assert!(quotes.contains("<title>a&quot;b&#39;&amp;</title>"));
        assert!(quotes.contains("&lt;b&gt;c&lt;/b&gt;"));
    }

    #[test]
    fn pieces_group_the_closing_with_its_signatures() {
        let blocks = layout(
            "标题\n\n正文。\n\n此致\n某某区人民法院\n\n具状人：\n\n2026年11月27日\n\n附：副本1份",
        );
        let pieces = pieces(&blocks);
        assert_eq!(pieces.len(), 4, "{pieces:?}");
        match &pieces[2] {
            Piece::Closing {
                first,
                salute,
                signatures,
            } => {
                assert_eq!(*first, "此致");
                assert_eq!(*salute, ["某某区人民法院"]);
                assert_eq!(
                    signatures,
                    &vec![
                        &["具状人：".to_owned()][..],
                        &["2026年11月27日".to_owned()][..]
                    ]
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(pieces[3], Piece::Block(Block::Trailer(_))));
    }

    #[test]
    fn labels_and_numbers_split() {
        assert_eq!(split_label("投诉人：张三"), Some(("投诉人：", "张三")));
        assert_eq!(
            split_label("原告（个体工商户）：张三"),
            Some(("原告（个体工商户）：", "张三"))
        );
        assert_eq!(split_label("投诉人："), None);
        assert_eq!(split_label("没有冒号"), None);
        assert_eq!(split_number("1. 某事"), Some(("1. ", "某事")));
        assert_eq!(split_number("12. 某事"), Some(("12. ", "某事")));
        assert_eq!(split_number("（3）某事"), Some(("（3）", "某事")));
        assert_eq!(split_number("2026年"), None);
        assert_eq!(split_number("1. "), None);
    }
}
