//! A letter as a Word file (.docx), from the same laid-out letter as the printed page
//! ([`layout`] grouped into [`pieces`]), so Word or WPS shows what the paper shows:
//! - A4, the letter's margins (22 mm top, 20 mm right and bottom, 24 mm left);
//! - 宋体 12 pt at 1.75 lines; the title centred, bold, 18 pt;
//! - body paragraphs with a two-character first-line indent; a party line and a numbered item
//!   hang under the text after their label or number;
//! - 此致 indented two characters, the salute flush left, the 落款 right-aligned, all kept on
//!   one page with the lines before them;
//! - a footer with the page number: `第 {PAGE} 页 共 {NUMPAGES} 页`, centred.
//!
//! Text is inserted as text (the writer escapes it).

use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, LineSpacingType, NumPages, PageMargin, PageNum,
    Paragraph, Run, RunFonts, SpecialIndentType,
};

use super::html::{para_lines, pieces, split_label, split_number, Piece};
use super::layout::{layout, Block};

/// One character of 12 pt text, in twentieths of a point.
const CHAR: i32 = 240;
/// 12 pt in half-points.
const BODY_SIZE: usize = 24;
/// 18 pt in half-points.
const TITLE_SIZE: usize = 36;
/// 1.75 lines (240 = single).
const LINE: i32 = 420;

/// Millimetres to twentieths of a point.
fn mm(v: f64) -> i32 {
    (v * 1440.0 / 25.4).round() as i32
}

fn run(text: &str) -> Run {
    Run::new().add_text(text)
}

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text))
}

/// A body line: two characters' first-line indent.
fn indented(text: &str) -> Paragraph {
    para(text).indent(
        None,
        Some(SpecialIndentType::FirstLine(2 * CHAR)),
        None,
        None,
    )
}

/// A line whose wrapped lines hang under the text after `head` (a label or a number), which
/// a tab separates from the rest.
fn hanging(head: &str, rest: &str) -> Paragraph {
    let width = head.trim_end().chars().count().max(2) as i32;
    let width = (width * CHAR).min(10 * CHAR);
    Paragraph::new()
        .add_run(run(head.trim_end()).add_tab())
        .add_run(run(rest))
        .indent(
            Some(width),
            Some(SpecialIndentType::Hanging(width)),
            None,
            None,
        )
}

/// The paragraphs of one laid-out piece.
fn piece_paragraphs(piece: &Piece<'_>) -> Vec<Paragraph> {
    match piece {
        Piece::Block(block) => block_paragraphs(block),
        Piece::Closing {
            first,
            salute,
            signatures,
        } => {
            let mut out = vec![indented(first)];
            out.extend(salute.iter().map(|l| para(l)));
            for (i, lines) in signatures.iter().enumerate() {
                for (j, line) in lines.iter().enumerate() {
                    let mut p = para(line).align(AlignmentType::Right);
                    if i == 0 && j == 0 {
                        p = p.line_spacing(
                            LineSpacing::new()
                                .line_rule(LineSpacingType::Auto)
                                .line(LINE)
                                .before(2 * CHAR as u32),
                        );
                    }
                    out.push(p);
                }
            }
            // The closing group stays on one page, and with the line before it.
            let n = out.len();
            out.into_iter()
                .enumerate()
                .map(|(i, p)| p.keep_lines(true).keep_next(i + 1 < n))
                .collect()
        }
    }
}

fn block_paragraphs(block: &Block) -> Vec<Paragraph> {
    match block {
        Block::Title(title) => vec![Paragraph::new()
            .add_run(run(title).bold().size(TITLE_SIZE))
            .align(AlignmentType::Center)
            .keep_next(true)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(LINE)
                    .after(CHAR as u32),
            )],
        Block::Salutation(line) => vec![para(line)],
        Block::Parties(lines) => lines
            .iter()
            .map(|line| match split_label(line) {
                Some((label, rest)) => hanging(label, rest).keep_lines(true),
                None => para(line),
            })
            .collect(),
        Block::Para(text) => para_lines(text).map(indented).collect(),
        Block::Section { heading, items } => {
            let mut out = vec![Paragraph::new()
                .add_run(run(heading).bold())
                .keep_next(true)];
            out.extend(items.iter().map(|item| match split_number(item) {
                Some((number, rest)) => hanging(number, rest),
                None => indented(item),
            }));
            out
        }
        Block::Closing { first, salute } => piece_paragraphs(&Piece::Closing {
            first,
            salute,
            signatures: vec![],
        }),
        Block::Signature(lines) => lines
            .iter()
            .map(|l| para(l).align(AlignmentType::Right))
            .collect(),
        Block::Trailer(lines) => lines.iter().map(|l| para(l)).collect(),
    }
}

/// The footer: `第 N 页 共 M 页`, centred.
fn footer() -> Footer {
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(run("第 ").size(20))
            .add_page_num(PageNum::new())
            .add_run(run(" 页 共 ").size(20))
            .add_num_pages(NumPages::new())
            .add_run(run(" 页").size(20)),
    )
}

/// The Word document of the letter `text` (not yet zipped).
pub fn letter_docx(text: &str) -> Docx {
    let blocks = layout(text);
    let mut doc = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(mm(22.0))
                .right(mm(20.0))
                .bottom(mm(20.0))
                .left(mm(24.0))
                .header(mm(12.0))
                .footer(mm(10.0)),
        )
        .default_fonts(
            RunFonts::new()
                .east_asia("宋体")
                .ascii("Times New Roman")
                .hi_ansi("Times New Roman"),
        )
        .default_size(BODY_SIZE)
        .default_line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Auto)
                .line(LINE),
        )
        .footer(footer());
    for piece in pieces(&blocks) {
        for p in piece_paragraphs(&piece) {
            doc = doc.add_paragraph(p);
        }
    }
    doc
}

/// The letter `text` as the bytes of a .docx file.
pub fn letter_docx_bytes(text: &str) -> Result<Vec<u8>, String> {
    let mut out = std::io::Cursor::new(Vec::new());
    letter_docx(text)
        .build()
        .pack(&mut out)
        .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

/// The MIME type of a .docx file.
pub const DOCX_MIME: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

#[cfg(test)]
mod tests {
    use super::*;

    const CIVIL: &str = "民事起诉状\n\n原告：张三便利店（个体工商户），住所：深圳市南山区某路1号\n经营者：张三，男\n\n被告：某某科技有限公司，住所：某地。\n\n诉讼请求：\n1. 判令被告退还押金299元；\n2. 本案诉讼费用由被告承担。\n\n事实与理由：\n原告于2025年3月1日办理POS机一台。\n\n此致\n某某区人民法院\n\n具状人：张三便利店（经营者：张三）（签名/盖章）\n2026年11月27日\n\n附：本起诉状副本1份 <&> \"x\"\n";

    /// The XML of the document part, built as the file would hold it.
    fn document_xml(text: &str) -> String {
        let xml = letter_docx(text).build();
        String::from_utf8(xml.document).expect("utf-8")
    }

    /// The `<w:p>…</w:p>` holding `needle`.
    fn paragraph_with<'a>(xml: &'a str, needle: &str) -> &'a str {
        let at = xml
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} not in the document"));
        let start = xml[..at]
            .rfind("<w:p>")
            .or_else(|| xml[..at].rfind("<w:p "))
            .unwrap();
        let end = at + xml[at..].find("</w:p>").unwrap();
        &xml[start..end]
    }

    #[test]
    fn the_document_follows_the_printed_layout() {
        let xml = document_xml(CIVIL);
        let title = paragraph_with(&xml, "民事起诉状");
        assert!(title.contains(r#"<w:jc w:val="center" />"#), "{title}");
        assert!(title.contains("<w:b />"), "{title}");
        let body = paragraph_with(&xml, "原告于2025年3月1日");
        assert!(body.contains(r#"w:firstLine="480""#), "{body}");
        let item = paragraph_with(&xml, "判令被告退还押金");
        assert!(item.contains(r#"w:hanging="#), "{item}");
        let zhi = paragraph_with(&xml, "此致");
        assert!(zhi.contains(r#"w:firstLine="480""#), "{zhi}");
        assert!(zhi.contains("keepNext"), "{zhi}");
        let court = paragraph_with(&xml, "某某区人民法院");
        assert!(
            !court.contains(r#"w:jc"#),
            "the salute is flush left: {court}"
        );
        let signer = paragraph_with(&xml, "具状人：");
        assert!(signer.contains(r#"<w:jc w:val="right" />"#), "{signer}");
        let date = paragraph_with(&xml, "2026年11月27日");
        assert!(date.contains(r#"<w:jc w:val="right" />"#), "{date}");
        // Text is escaped, never markup.
        assert!(xml.contains("&lt;&amp;&gt;"), "escaped");
        // A4 with the letter's margins.
        assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "A4");
        assert!(xml.contains(&format!(r#"w:left="{}""#, mm(24.0))));
    }

    #[test]
    fn the_footer_numbers_the_pages() {
        let built = letter_docx(CIVIL).build();
        let footers: Vec<String> = built
            .footers
            .iter()
            .map(|f| String::from_utf8(f.clone()).unwrap())
            .collect();
        let footer = footers
            .iter()
            .find(|f| f.contains("PAGE"))
            .expect("a PAGE field");
        assert!(
            footer.contains("<w:instrText>PAGE</w:instrText>"),
            "{footer}"
        );
        assert!(footer.contains("NUMPAGES"), "{footer}");
        assert!(footer.contains(r#"<w:jc w:val="center" />"#), "{footer}");
        assert!(footer.contains("第 ") && footer.contains(" 页 共 "));
        let doc = String::from_utf8(built.document).unwrap();
        assert!(
            doc.contains("footerReference"),
            "the section uses the footer"
        );
    }

    #[test]
    fn the_file_is_a_zip_with_the_document_part() {
        let bytes = letter_docx_bytes(CIVIL).expect("packs");
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        let names = String::from_utf8_lossy(&bytes);
        for part in [
            "[Content_Types].xml",
            "word/document.xml",
            "word/footer1.xml",
        ] {
            assert!(names.contains(part), "{part}");
        }
        // Stored uncompressed: the text is in the file as UTF-8.
        assert!(names.contains("民事起诉状"));
    }
}
