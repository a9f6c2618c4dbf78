//! The 15-character 商户编号 printed on a POS slip: 3 acquirer + 4 area + 4 MCC + 4 sequence.
//!
//! The layout is an industry/UnionPay convention, not a published regulation (the claim that
//! 《银行卡收单管理办法》 prescribes it is UNCONFIRMED), so every explanation says so
//! and the parser tolerates the documented exception: letters in the last 4 characters.
//!
//! Public API:
//! - [`MerchantNumber::parse`] — accepts spaces, hyphens and full-width digits; rejects a wrong
//!   length or letters in characters 1–11 with a [`MerchantNoError`] naming what is wrong.
//! - [`MerchantNumber::explain`] — the parts, explained only from cited sources (industry acquirer
//!   codes and worked examples, MCC names via [`super::mcc::MccTable`]).

use serde::Serialize;
use thiserror::Error;

use super::mcc::MccTable;
use super::text::fold_width;
use super::text::{Bilingual, Source};

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
pub enum MerchantNoError {
    #[error("merchant number is empty")]
    Empty,
    #[error("merchant number has {found} characters, expected 15")]
    WrongLength { found: usize },
    #[error("character {position} ({found:?}) must be a digit")]
    NotADigit { position: usize, found: char },
}

impl MerchantNoError {
    pub fn message(&self) -> Bilingual {
        match self {
            Self::Empty => Bilingual::new("请输入签购单上的商户编号。", "Please enter the merchant number from the slip."),
            Self::WrongLength { found } if *found < 15 => Bilingual::new(
                format!("商户编号通常为15位，您输入了{found}位，少了{}位。", 15 - found),
                format!("A merchant number normally has 15 characters; you entered {found}, {} too few.", 15 - found),
            ),
            Self::WrongLength { found } => Bilingual::new(
                format!("商户编号通常为15位，您输入了{found}位，多了{}位。", found - 15),
                format!("A merchant number normally has 15 characters; you entered {found}, {} too many.", found - 15),
            ),
            Self::NotADigit { position, found } => Bilingual::new(
                format!("第{position}位“{found}”应为数字（前11位是收单机构、地区码和 MCC）。"),
                format!("Character {position} (“{found}”) should be a digit (characters 1–11 are acquirer, area and MCC)."),
            ),
        }
    }
}

/// A merchant number split into its four parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MerchantNumber {
    /// The 15 characters, upper-cased, without separators.
    pub full: String,
    /// Characters 1–3: acquirer code.
    pub acquirer_code: String,
    /// Characters 4–7: area code.
    pub area_code: String,
    /// Characters 8–11: merchant category code.
    pub mcc: String,
    /// Characters 12–15: sequence, no business meaning; may contain letters.
    pub sequence: String,
}

/// One explained part, for display next to the digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartExplanation {
    /// 1-based inclusive character range.
    pub positions: (u8, u8),
    pub digits: String,
    pub label: Bilingual,
    pub meaning: Bilingual,
    pub source: Source,
}

/// Every part of the layout rests on industry pages and public code, not on a regulation.
fn layout_source() -> Source {
    Source::unconfirmed("POS 行业网站资料和一个公开的 MCC 查询程序的源代码（商户编号“3+4+4+4”的分段）", "POS industry web pages and the public source code of an MCC lookup bot (the 3+4+4+4 layout of the merchant number)")
}

/// First-3-digit codes listed by one industry page , which says they match the bank
/// codes in personal credit reports. Codes for non-bank acquirers: UNCONFIRMED, so absent.
const ACQUIRER_CODES: &[(&str, &str, &str)] = &[
    ("001", "中国银联", "China UnionPay"),
    ("100", "邮储银行", "Postal Savings Bank of China"),
    ("102", "工商银行", "ICBC"),
    ("103", "农业银行", "Agricultural Bank of China"),
    ("104", "中国银行", "Bank of China"),
    ("105", "建设银行", "China Construction Bank"),
    ("301", "交通银行", "Bank of Communications"),
    ("302", "中信银行", "China CITIC Bank"),
    ("303", "光大银行", "China Everbright Bank"),
    ("304", "华夏银行", "Hua Xia Bank"),
    ("305", "民生银行", "China Minsheng Bank"),
    ("306", "广发银行", "China Guangfa Bank"),
    ("307", "深发展银行", "Shenzhen Development Bank"),
    ("308", "招商银行", "China Merchants Bank"),
    ("309", "兴业银行", "Industrial Bank"),
    ("310", "浦发银行", "SPD Bank"),
];

/// Area codes named in the industry pages' worked examples, the only names we have a source for.
const EXAMPLE_AREAS: &[(&str, &str, &str)] =
    &[("2900", "上海", "Shanghai"), ("2101", "沈阳", "Shenyang")];

impl MerchantNumber {
    pub fn parse(text: &str) -> Result<MerchantNumber, MerchantNoError> {
        let chars: Vec<char> = text
            .chars()
            .map(fold_width)
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '－' | '_'))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if chars.is_empty() {
            return Err(MerchantNoError::Empty);
        }
        // Characters 1–11 carry meaning and must be digits; industry pages report letters only in the
        // sequence part, so those are accepted.
        if let Some((i, &c)) = chars
            .iter()
            .take(11)
            .enumerate()
            .find(|(_, c)| !c.is_ascii_digit())
        {
            return Err(MerchantNoError::NotADigit {
                position: i + 1,
                found: c,
            });
        }
        if chars.len() != 15 {
            return Err(MerchantNoError::WrongLength { found: chars.len() });
        }
        if let Some((i, &c)) = chars
            .iter()
            .enumerate()
            .skip(11)
            .find(|(_, c)| !c.is_ascii_alphanumeric())
        {
            return Err(MerchantNoError::NotADigit {
                position: i + 1,
                found: c,
            });
        }
        let full: String = chars.iter().collect();
        Ok(MerchantNumber {
            acquirer_code: full[0..3].to_string(),
            area_code: full[3..7].to_string(),
            mcc: full[7..11].to_string(),
            sequence: full[11..15].to_string(),
            full,
        })
    }

    /// True when the sequence part has letters (documented by industry pages, harmless).
    pub fn sequence_has_letters(&self) -> bool {
        !self.sequence.bytes().all(|b| b.is_ascii_digit())
    }

    /// Explains each part from the cited sources only.
    pub fn explain(&self, mcc_table: &MccTable) -> Vec<PartExplanation> {
        let acquirer = ACQUIRER_CODES
            .iter()
            .find(|(code, _, _)| *code == self.acquirer_code);
        let acquirer_meaning = match acquirer {
            Some((_, zh, en)) => Bilingual::new(
                format!("收单机构代码：{}（行业网页列出的代码）。", zh),
                format!("Acquirer code: {} (as listed by an industry page).", en),
            ),
            None => Bilingual::new(
                "收单机构代码：不在我们的列表里（非银行收单机构的代码未经核实）。请以签购单上印的收单机构名称为准。",
                "Acquirer code: not in our list (codes of non-bank acquirers are unconfirmed). Rely on the acquirer name printed on the slip.",
            ),
        };
        let area = EXAMPLE_AREAS
            .iter()
            .find(|(code, _, _)| *code == self.area_code);
        let area_meaning = match area {
            Some((_, zh, en)) => Bilingual::new(
                format!("地区码：{zh}（行业网页的示例）。与您所在城市不符即“跳地区码”的迹象。"),
                format!("Area code: {en} (an industry page's example). A city other than yours is a sign of 跳地区码."),
            ),
            None => Bilingual::new(
                "地区码（城市级）。把它与您信得过的本地签购单比较：不同城市即“跳地区码”的迹象。",
                "Area code (city level). Compare it with a slip you trust from your own city: a different city is a sign of 跳地区码.",
            ),
        };
        let mcc_meaning = match mcc_table.lookup(&self.mcc).and_then(|e| e.name.as_ref()) {
            Some(name) => Bilingual::new(
                format!("商户类别码 MCC：{}。应与您的主营业务一致。", name.zh),
                format!(
                    "Merchant category code (MCC): {}. It should match your main business.",
                    name.en
                ),
            ),
            None => Bilingual::new(
                "商户类别码 MCC：不在我们的表里。",
                "Merchant category code (MCC): not in our table.",
            ),
        };
        let sequence_meaning = if self.sequence_has_letters() {
            Bilingual::new(
                "顺序号，无业务含义；含字母也属正常。",
                "Sequence number with no business meaning; letters here are normal.",
            )
        } else {
            Bilingual::new(
                "顺序号，无业务含义。",
                "Sequence number with no business meaning.",
            )
        };
        vec![
            PartExplanation {
                positions: (1, 3),
                digits: self.acquirer_code.clone(),
                label: Bilingual::new("收单机构", "Acquirer"),
                meaning: acquirer_meaning,
                source: Source::unconfirmed("POS 行业网站资料（商户编号前3位的机构代码表）", "POS industry web pages (the table of first-3-digit acquirer codes)"),
            },
            PartExplanation {
                positions: (4, 7),
                digits: self.area_code.clone(),
                label: Bilingual::new("地区码", "Area code"),
                meaning: area_meaning,
                source: layout_source(),
            },
            PartExplanation {
                positions: (8, 11),
                digits: self.mcc.clone(),
                label: Bilingual::new("MCC", "MCC"),
                meaning: mcc_meaning,
                source: layout_source(),
            },
            PartExplanation {
                positions: (12, 15),
                digits: self.sequence.clone(),
                label: Bilingual::new("顺序号", "Sequence"),
                meaning: sequence_meaning,
                source: Source::unconfirmed("POS 行业网站资料（后4位为顺序号，可含字母）", "POS industry web pages (the last 4 characters are a sequence number and may contain letters)"),
            },
        ]
    }

    /// The layout itself is convention, not regulation (UNCONFIRMED).
    pub fn layout_note() -> (Bilingual, Source) {
        (
            Bilingual::new(
                "15位商户编号的“3+4+4+4”结构是行业/银联惯例，并非已核实的法规要求，个别收单机构的编号可能不符合。",
                "The 3+4+4+4 layout is an industry/UnionPay convention, not a verified legal requirement; some acquirers' numbers do not follow it.",
            ),
            Source::unconfirmed("POS 行业网站资料；没有找到规定这一结构的法规", "POS industry web pages; no regulation prescribing this layout was found"),
        )
    }
}

/// The 商户编号 a diary case holds (as typed there), for the MCC check; `None` when it has none.
pub fn merchant_no_from_case(case: &super::case::Case) -> Option<String> {
    let no = case.merchant_no.trim();
    (!no.is_empty()).then(|| no.to_owned())
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_case_gives_its_merchant_number_as_typed() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let mut case = crate::domain::case::Case::new("c1", "跳码", now);
        assert_eq!(merchant_no_from_case(&case), None);
        case.merchant_no = " 898210154110002 ".into();
        assert_eq!(
            merchant_no_from_case(&case).as_deref(),
            Some("898210154110002")
        );
        assert!(MerchantNumber::parse(&merchant_no_from_case(&case).unwrap()).is_ok());
    }
    use super::*;

    #[test]
    fn parses_the_worked_example() {
        let n = MerchantNumber::parse("105290058130392").unwrap();
        assert_eq!(
            (n.acquirer_code.as_str(), n.area_code.as_str()),
            ("105", "2900")
        );
        assert_eq!((n.mcc.as_str(), n.sequence.as_str()), ("5813", "0392"));
        let parts = n.explain(&MccTable::builtin());
        assert!(parts[0].meaning.zh.contains("建设银行"));
        assert!(parts[1].meaning.zh.contains("上海"));
        assert!(parts[2].meaning.zh.contains("饮酒场所"));
        assert!(parts
            .iter()
            .all(|p| p.meaning.is_complete() && p.source.citation_problems().is_empty()));
    }

    #[test]
    fn accepts_spaces_hyphens_and_full_width() {
        let want = MerchantNumber::parse("898210154110002").unwrap();
        assert_eq!(MerchantNumber::parse(" 898 2101 5411 0002 ").unwrap(), want);
        assert_eq!(MerchantNumber::parse("898-2101-5411-0002").unwrap(), want);
        assert_eq!(
            MerchantNumber::parse("８９８２１０１５４１１０００２").unwrap(),
            want
        );
        assert_eq!(
            MerchantNumber::parse("898\u{3000}2101\u{3000}5411\u{3000}0002").unwrap(),
            want
        );
        let parts = want.explain(&MccTable::builtin());
        assert!(
            parts[0].source.unconfirmed,
            "898 is not in the acquirer list"
        );
    }

    #[test]
    fn rejects_wrong_length_and_letters_saying_which() {
        assert_eq!(MerchantNumber::parse(""), Err(MerchantNoError::Empty));
        assert_eq!(MerchantNumber::parse("  "), Err(MerchantNoError::Empty));
        assert_eq!(
            MerchantNumber::parse("10529005813039"),
            Err(MerchantNoError::WrongLength { found: 14 })
        );
        assert_eq!(
            MerchantNumber::parse("1052900581303921"),
            Err(MerchantNoError::WrongLength { found: 16 })
        );
        assert_eq!(
            MerchantNumber::parse("1052900S8130392"),
            Err(MerchantNoError::NotADigit {
                position: 8,
                found: 'S'
            })
        );
        assert_eq!(
            MerchantNumber::parse("l05290058130392"),
            Err(MerchantNoError::NotADigit {
                position: 1,
                found: 'L'
            })
        );
        let short = MerchantNoError::WrongLength { found: 14 }.message();
        assert!(short.zh.contains("少了1位") && short.en.contains("1 too few"));
        assert!(MerchantNoError::WrongLength { found: 16 }
            .message()
            .en
            .contains("1 too many"));
        assert!(MerchantNoError::NotADigit {
            position: 8,
            found: 'S'
        }
        .message()
        .zh
        .contains("第8位"));
    }

    #[test]
    fn letters_in_the_sequence_are_accepted() {
        let n = MerchantNumber::parse("10529005813a3b2").unwrap();
        assert_eq!(n.sequence, "A3B2");
        assert!(n.sequence_has_letters());
        assert!(MerchantNumber::layout_note().1.unconfirmed);
        assert_eq!(
            MerchantNumber::layout_note().1.citation_problems(),
            Vec::<String>::new()
        );
    }
}
