//! How a letter's plain text is laid out on A4: [`layout`] reads the text (generated or edited
//! by the merchant) into [`Block`]s that follow the conventions of a formal Chinese letter:
//! the title centred, the 称谓 flush left, body paragraphs with a two-character first-line
//! indent, numbered sections, 此致 / 敬礼 (or the court), the 落款 and date right-aligned, and
//! anything after them (附：…) flush left.
//!
//! The text is the one source: the printed page, the downloaded HTML and the copied text all
//! come from it, so an edit shows everywhere. Conventions the generator writes (and an edit
//! keeps unless it removes them):
//! - paragraphs are separated by a blank line; the first paragraph is the title;
//! - a one-line paragraph ending in `：` right after the title is the 称谓;
//! - a paragraph whose lines start with a party label (`投诉人：`, `被告：`…) is a party block;
//! - a paragraph whose first line is a short heading ending in `：` followed by more lines is a
//!   section (numbered items `1. …` get a hanging indent);
//! - a paragraph starting with `此致` is the closing; its other lines are the salute
//!   (`敬礼`, or the court);
//! - after the closing, paragraphs are the signature block, until one starting with `附：`.

/// One laid-out piece of a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The title, centred.
    Title(String),
    /// The 称谓 ("某某支付有限公司："), flush left.
    Salutation(String),
    /// Party particulars (投诉人/被投诉人, 原告/被告…), one line each, flush left.
    Parties(Vec<String>),
    /// A body paragraph with a two-character first-line indent. May hold line breaks.
    Para(String),
    /// A heading line (flush left, bold) and its items (numbered ones hang).
    Section { heading: String, items: Vec<String> },
    /// 此致 (indented two characters) and the salute lines (flush left): 敬礼 or the court.
    Closing { first: String, salute: Vec<String> },
    /// 落款, contact and date lines, right-aligned.
    Signature(Vec<String>),
    /// After the signature (附：本起诉状副本N份), flush left.
    Trailer(Vec<String>),
}

/// Labels that open a party line.
pub const PARTY_LABELS: &[&str] = &[
    "投诉人",
    "被投诉人",
    "被投诉机构",
    "举报人",
    "被举报人",
    "被举报机构",
    "催告人",
    "原告",
    "被告",
    "经营者",
    "法定代表人",
    "委托代理人",
    "相关代理商",
    "相关方",
];

fn is_party_line(line: &str) -> bool {
    PARTY_LABELS.iter().any(|label| {
        line.strip_prefix(label)
            .is_some_and(|rest| rest.starts_with('：') || rest.starts_with('（'))
    })
}

/// A numbered item: `1. `, `12. `, `（3）`.
pub fn is_numbered(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    (digits > 0 && line[digits..].starts_with(". ")) || line.starts_with('（')
}

fn is_heading(line: &str) -> bool {
    line.ends_with('：') && line.chars().count() <= 24 && !line.contains('。')
}

/// Splits `text` into blocks (see the module docs for the conventions).
pub fn layout(text: &str) -> Vec<Block> {
    let normalized = text.replace("\r\n", "\n");
    let paragraphs: Vec<Vec<&str>> = normalized
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim_end)
                .filter(|l| !l.trim().is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|lines| !lines.is_empty())
        .collect();
    let mut blocks = Vec::with_capacity(paragraphs.len());
    let mut after_closing = false;
    for (i, lines) in paragraphs.iter().enumerate() {
        let first = lines[0].trim();
        let owned = || {
            lines
                .iter()
                .map(|l| l.trim().to_owned())
                .collect::<Vec<_>>()
        };
        if i == 0 {
            blocks.push(Block::Title(
                lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(""),
            ));
            continue;
        }
        if after_closing {
            if first.starts_with("附：") || first.starts_with("附:") {
                blocks.push(Block::Trailer(owned()));
            } else {
                blocks.push(Block::Signature(owned()));
            }
            continue;
        }
        if first == "此致" {
            blocks.push(Block::Closing {
                first: first.to_owned(),
                salute: owned().split_off(1),
            });
            after_closing = true;
            continue;
        }
        if i == 1 && lines.len() == 1 && first.ends_with('：') && !is_party_line(first) {
            blocks.push(Block::Salutation(first.to_owned()));
            continue;
        }
        if lines.iter().all(|l| is_party_line(l.trim())) {
            blocks.push(Block::Parties(owned()));
            continue;
        }
        if lines.len() > 1 && is_heading(first) {
            let mut items = owned();
            let heading = items.remove(0);
            blocks.push(Block::Section { heading, items });
            continue;
        }
        blocks.push(Block::Para(
            lines
                .iter()
                .map(|l| l.trim())
                .collect::<Vec<_>>()
                .join("\n"),
        ));
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMPLAINT: &str = "关于POS收单服务问题的投诉\n\n某某支付有限公司：\n\n投诉人：张三便利店，联系电话：138\n被投诉人：某某支付有限公司\n\n本店是贵公司的特约商户。\n\n事实和理由：\n1. 2026年11月2日，终端显示97。\n2. 2026年11月3日，致电客服。\n\n附件：\n1. 签购单\n\n此致\n敬礼\n\n投诉人：张三便利店（经营者：张三）\n2026年11月27日\n";

    #[test]
    fn a_complaint_lays_out_by_convention() {
        let blocks = layout(COMPLAINT);
        assert_eq!(blocks[0], Block::Title("关于POS收单服务问题的投诉".into()));
        assert_eq!(blocks[1], Block::Salutation("某某支付有限公司：".into()));
        assert!(matches!(&blocks[2], Block::Parties(l) if l.len() == 2));
        assert_eq!(blocks[3], Block::Para("本店是贵公司的特约商户。".into()));
        assert!(
            matches!(&blocks[4], Block::Section { heading, items } if heading == "事实和理由：" && items.len() == 2)
        );
        assert!(matches!(&blocks[5], Block::Section { heading, .. } if heading == "附件："));
        assert_eq!(
            blocks[6],
            Block::Closing {
                first: "此致".into(),
                salute: vec!["敬礼".into()]
            }
        );
        assert!(matches!(&blocks[7], Block::Signature(l) if l.len() == 2));
        assert_eq!(blocks.len(), 8);
    }

    #[test]
    fn a_pleading_has_parties_court_and_trailer() {
        let text = "民事起诉状\n\n原告：张三便利店（个体工商户）\n经营者：张三，男\n\n被告：某某科技有限公司，住所：某地。\n\n诉讼请求：\n1. 判令被告退还押金299元；\n2. 本案诉讼费用由被告承担。\n\n此致\n某某区人民法院\n\n具状人：张三便利店（经营者：张三）（签名/盖章）\n2026年11月27日\n\n附：本起诉状副本1份";
        let blocks = layout(text);
        assert!(
            matches!(&blocks[1], Block::Parties(l) if l.len() == 2),
            "{blocks:?}"
        );
        assert!(matches!(&blocks[2], Block::Parties(_)));
        assert!(matches!(&blocks[3], Block::Section { items, .. } if items.len() == 2));
        assert!(
            matches!(&blocks[4], Block::Closing { salute, .. } if salute == &["某某区人民法院"])
        );
        assert!(matches!(&blocks[5], Block::Signature(_)));
        assert_eq!(
            blocks[6],
            Block::Trailer(vec!["附：本起诉状副本1份".into()])
        );
    }

    #[test]
    fn edited_text_without_conventions_is_still_a_letter() {
        let blocks = layout("标题\r\n\r\n正文第一段。\n第二行。\n\n\n\n正文第二段。");
        assert_eq!(
            blocks,
            vec![
                Block::Title("标题".into()),
                Block::Para("正文第一段。\n第二行。".into()),
                Block::Para("正文第二段。".into()),
            ]
        );
        assert!(layout("").is_empty());
        assert!(is_numbered("12. 某事") && is_numbered("（3）某事") && !is_numbered("2026年"));
    }
}
