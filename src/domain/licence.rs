//! The PBoC payment-licence registry: parsing, licence-number check digit, name search, status,
//! bank-card acquiring capability and geographic coverage.
//!
//! Facts come from `sources/payment-licences.csv` and its provenance, `sources/README.md`; the app ships them
//! as `public/data/licences.csv` (made by `scripts/gen-licences.py`). The list is only as current
//! as its as-of date, so every "not found" says so and never claims "unlicensed".
//!
//! Public API:
//! - [`LicenceNumber::parse`] / [`check_digit`]: the `Z20 NNN PP 0000 1 C` format, Luhn with `Z` = 35.
//! - [`LicenceRegistry::parse`]: CSV text (the shipped file or a user import) → registry, or
//!   [`ImportErrors`] listing **every** problem with its line number. Never panics.
//! - [`LicenceRegistry::search`]: ranked search over name / former names / short names / number →
//!   [`SearchOutcome`] (hits, or an honest [`NotFound`] with what it can mean).
//! - [`Licence::status_note`], [`Licence::acquiring`], [`Licence::acquiring_coverage`]: verdicts
//!   with bilingual reasons and a [`Source`].
//! - [`normalise_name`]: the folding used for matching (full/half width, spaces, company suffixes,
//!   common traditional characters).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use thiserror::Error;

use super::text::fold_width;
use super::text::{Bilingual, Source};

/// The data set the registry comes from, by name and (when known) as-of date. Its provenance is
/// `sources/README.md`.
fn licence_list(as_of: Option<NaiveDate>) -> Source {
    match as_of {
        Some(d) => Source::new(
            format!(
                "中国人民银行 已获许可机构（支付机构）名单，截至{}年{}月{}日",
                d.year(),
                d.month(),
                d.day()
            ),
            format!(
                "PBoC list of licensed payment institutions (已获许可机构（支付机构）), as of {d}"
            ),
        ),
        None => Source::new(
            "中国人民银行 已获许可机构（支付机构）名单",
            "PBoC list of licensed payment institutions (已获许可机构（支付机构）)",
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Licence number
// ---------------------------------------------------------------------------------------------

/// Why a text is not a well-formed licence number. Messages for the UI: [`LicenceNoError::message`].
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
pub enum LicenceNoError {
    #[error("licence number is empty")]
    Empty,
    #[error("licence number has {found} characters, expected 14")]
    WrongLength { found: usize },
    #[error("licence number must start with Z20")]
    BadPrefix,
    #[error("character {position} ({found:?}) must be a digit")]
    NotADigit { position: usize, found: char },
    #[error("characters 9–13 must be 00001, found {found}")]
    BadFixedPart { found: String },
    #[error("check digit is {found}, expected {expected}: probably a typo")]
    CheckDigit { expected: u8, found: u8 },
}

impl LicenceNoError {
    pub fn message(&self) -> Bilingual {
        match self {
            Self::Empty => Bilingual::new("请输入许可证编号。", "Please enter a licence number."),
            Self::WrongLength { found } => Bilingual::new(
                format!("许可证编号应为14位，您输入了{found}位。"),
                format!("A licence number has 14 characters; you entered {found}."),
            ),
            Self::BadPrefix => Bilingual::new(
                "许可证编号应以 Z20 开头。",
                "A licence number starts with Z20.",
            ),
            Self::NotADigit { position, found } => Bilingual::new(
                format!("第{position}位“{found}”应为数字。"),
                format!("Character {position} (“{found}”) should be a digit."),
            ),
            Self::BadFixedPart { found } => Bilingual::new(
                format!("第9–13位应为 00001，实际为 {found}。"),
                format!("Characters 9–13 should be 00001, not {found}."),
            ),
            Self::CheckDigit { expected, found } => Bilingual::new(
                format!("校验位是{found}，按规则应为{expected}：很可能抄错了某一位。"),
                format!(
                    "The check digit is {found} but should be {expected}: a character was probably mistyped."
                ),
            ),
        }
    }
}

/// A licence number that passed the format and check-digit rule (sources/README.md).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct LicenceNumber(String);

impl LicenceNumber {
    /// Accepts surrounding spaces, lower-case `z` and full-width characters, since users copy the
    /// number from screenshots and scans.
    pub fn parse(text: &str) -> Result<LicenceNumber, LicenceNoError> {
        let cleaned: String = text
            .chars()
            .map(fold_width)
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if cleaned.is_empty() {
            return Err(LicenceNoError::Empty);
        }
        let chars: Vec<char> = cleaned.chars().collect();
        if chars.len() != 14 {
            return Err(LicenceNoError::WrongLength { found: chars.len() });
        }
        if !cleaned.starts_with("Z20") {
            return Err(LicenceNoError::BadPrefix);
        }
        if let Some((i, &c)) = chars
            .iter()
            .enumerate()
            .skip(1)
            .find(|(_, c)| !c.is_ascii_digit())
        {
            return Err(LicenceNoError::NotADigit {
                position: i + 1,
                found: c,
            });
        }
        if &cleaned[8..13] != "00001" {
            return Err(LicenceNoError::BadFixedPart {
                found: cleaned[8..13].to_string(),
            });
        }
        let expected = check_digit(&cleaned[..13]).ok_or(LicenceNoError::BadPrefix)?;
        let found = chars[13] as u8 - b'0';
        if expected != found {
            return Err(LicenceNoError::CheckDigit { expected, found });
        }
        Ok(LicenceNumber(cleaned))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Global issue serial 1–271 (sources/README.md), rising with the first-issue date.
    pub fn serial(&self) -> u16 {
        self.0[3..6].parse().unwrap_or(0)
    }

    /// GB/T 2260 province prefix of where the licensee was registered *when licensed*; it does
    /// not follow later moves (sources/README.md). Names are deliberately not mapped here.
    pub fn registered_province_code(&self) -> &str {
        &self.0[6..8]
    }
}

/// Luhn (mod 10) check digit over the first 13 characters, `Z` counted as 35 (sources/README.md:
/// verified on all 271 numbers; no official specification was found). `None` if the input is not
/// `Z` followed by 12 digits.
pub fn check_digit(first13: &str) -> Option<u8> {
    let bytes = first13.as_bytes();
    if bytes.len() != 13 || bytes[0] != b'Z' || !bytes[1..].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let values = std::iter::once(35u32).chain(bytes[1..].iter().map(|b| u32::from(b - b'0')));
    let values: Vec<u32> = values.collect();
    // Standard Luhn: the rightmost payload character is doubled, then every second one.
    let total: u32 = values
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &v)| {
            let v = if i % 2 == 0 { v * 2 } else { v };
            digit_sum(v)
        })
        .sum();
    Some(((10 - total % 10) % 10) as u8)
}

fn digit_sum(mut v: u32) -> u32 {
    let mut sum = 0;
    while v > 0 {
        sum += v % 10;
        v /= 10;
    }
    sum
}

// ---------------------------------------------------------------------------------------------
// Name normalisation
// ---------------------------------------------------------------------------------------------

/// Traditional → simplified for characters common in payment-company names. Deliberately small:
/// it only has to make a Hong Kong/Taiwan-style spelling of a mainland name match.
#[rustfmt::skip]
const TRAD_TO_SIMP: &[(char, char)] = &[
    ('銀', '银'), ('聯', '联'), ('務', '务'), ('寶', '宝'), ('資', '资'), ('訊', '讯'), ('匯', '汇'), ('滙', '汇'),
    ('彙', '汇'), ('網', '网'), ('電', '电'), ('東', '东'), ('廣', '广'), ('華', '华'), ('費', '费'), ('錢', '钱'),
    ('雲', '云'), ('豐', '丰'), ('財', '财'), ('業', '业'), ('國', '国'), ('際', '际'), ('開', '开'), ('結', '结'),
    ('達', '达'), ('興', '兴'), ('億', '亿'), ('貝', '贝'), ('龍', '龙'), ('門', '门'), ('萬', '万'), ('寧', '宁'),
    ('陽', '阳'), ('點', '点'), ('樂', '乐'), ('隨', '随'), ('創', '创'), ('數', '数'), ('碼', '码'), ('發', '发'),
    ('齊', '齐'), ('魯', '鲁'), ('蘇', '苏'), ('閩', '闽'), ('遼', '辽'), ('聖', '圣'), ('運', '运'), ('實', '实'),
    ('時', '时'), ('現', '现'), ('線', '线'), ('貿', '贸'), ('產', '产'), ('購', '购'), ('暢', '畅'), ('協', '协'),
    ('衛', '卫'), ('鐵', '铁'), ('遠', '远'), ('灣', '湾'), ('區', '区'), ('車', '车'), ('馬', '马'), ('鳥', '鸟'),
    ('長', '长'), ('優', '优'), ('勢', '势'), ('動', '动'), ('連', '连'), ('雙', '双'), ('風', '风'), ('們', '们'),
    ('個', '个'), ('藍', '蓝'), ('綠', '绿'), ('紅', '红'), ('寬', '宽'), ('險', '险'), ('認', '认'), ('證', '证'),
    ('儲', '储'), ('訂', '订'), ('幣', '币'), ('會', '会'), ('員', '员'), ('單', '单'), ('號', '号'), ('與', '与'),
    ('邊', '边'), ('雜', '杂'), ('導', '导'),
];

/// Legal-form suffixes that users leave off; longest first so `股份有限公司` wins over `有限公司`.
const COMPANY_SUFFIXES: &[&str] = &["股份有限公司", "有限责任公司", "有限公司", "股份"];

/// Folds a company name or query for matching: full-width → half-width, drops spaces and
/// punctuation (including brackets, keeping their content), lower-cases Latin letters, maps
/// common traditional characters to simplified, and strips one trailing legal-form suffix.
///
/// `拉卡拉支付股份有限公司` and `拉卡拉 支付` both become `拉卡拉支付`.
pub fn normalise_name(text: &str) -> String {
    let mut folded: String = text
        .chars()
        .map(fold_width)
        .filter(|c| !c.is_whitespace() && !is_name_punctuation(*c))
        .map(|c| {
            TRAD_TO_SIMP
                .iter()
                .find(|(t, _)| *t == c)
                .map_or(c.to_ascii_lowercase(), |(_, s)| *s)
        })
        .collect();
    for suffix in COMPANY_SUFFIXES {
        if folded.len() > suffix.len() {
            if let Some(stripped) = folded.strip_suffix(suffix) {
                folded = stripped.to_string();
                break;
            }
        }
    }
    folded
}

fn is_name_punctuation(c: char) -> bool {
    matches!(
        c,
        '(' | ')'
            | '（'
            | '）'
            | '['
            | ']'
            | '【'
            | '】'
            | '·'
            | '・'
            | '.'
            | ','
            | '，'
            | '、'
            | '-'
            | '—'
            | '_'
            | ':'
            | '：'
            | '"'
            | '\''
            | '“'
            | '”'
            | '《'
            | '》'
    )
}

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

/// Status as of the dataset date (sources/README.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Valid,
    ExpiredListed,
    Cancelled,
    NotRenewed,
    Merged,
    NotListed,
    Revoked,
}

impl Status {
    pub fn parse(text: &str) -> Option<Status> {
        Some(match text.trim() {
            "valid" => Status::Valid,
            "expired_listed" => Status::ExpiredListed,
            "cancelled" => Status::Cancelled,
            "not_renewed" => Status::NotRenewed,
            "merged" => Status::Merged,
            "not_listed" => Status::NotListed,
            "revoked" => Status::Revoked,
            _ => return None,
        })
    }

    /// Still on the PBoC list of licensed institutions at the as-of date.
    pub fn is_listed(self) -> bool {
        matches!(self, Status::Valid | Status::ExpiredListed)
    }

    /// The short status label (the tag next to a licence's name).
    pub fn label(self) -> Bilingual {
        let (zh, en) = match self {
            Status::Valid => ("有效", "valid"),
            Status::ExpiredListed => ("在名单上但已过期", "listed but expired"),
            Status::Cancelled => ("已注销", "cancelled"),
            Status::NotRenewed => ("未续展", "not renewed"),
            Status::Merged => ("已合并", "merged"),
            Status::NotListed => ("已不在最新名单", "missing from the latest list"),
            Status::Revoked => ("已吊销", "revoked"),
        };
        Bilingual::new(zh, en)
    }

    /// How the status reads for a merchant: a valid licence is good; still listed but expired,
    /// or gone without a notice, is unclear; cancelled, not renewed, merged or revoked is bad.
    pub fn tone(self) -> Tone {
        match self {
            Status::Valid => Tone::Good,
            Status::ExpiredListed | Status::NotListed => Tone::Unclear,
            _ => Tone::Bad,
        }
    }

    /// Ordering for search ties: current licences first.
    fn rank(self) -> u8 {
        match self {
            Status::Valid => 0,
            Status::ExpiredListed => 1,
            Status::NotListed => 2,
            _ => 3,
        }
    }
}

/// How a verdict reads for the merchant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    Good,
    Unclear,
    Bad,
}

/// `有效期至` as PBoC lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ValidUntil {
    /// Empty in the data (usual for gone licences).
    Unknown,
    /// `长期`: re-issued under the 2024 regulation.
    LongTerm,
    Date(NaiveDate),
    /// `2024-07-09（过渡期至2025-07-09）`.
    WithTransition {
        until: NaiveDate,
        transition_until: NaiveDate,
    },
}

impl ValidUntil {
    /// `有效期至` as the page shows it.
    pub fn label(&self) -> Bilingual {
        match self {
            ValidUntil::Unknown => Bilingual::new("（名单未列）", "(not listed)"),
            ValidUntil::LongTerm => Bilingual::new("长期", "long-term (长期)"),
            ValidUntil::Date(d) => Bilingual::new(d.to_string(), d.to_string()),
            ValidUntil::WithTransition {
                until,
                transition_until,
            } => Bilingual::new(
                format!("{until}（过渡期至{transition_until}）"),
                format!("{until} (transition until {transition_until})"),
            ),
        }
    }
}

/// Geographic scope of a business type or of the whole licence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Scope {
    /// `全国`.
    Nationwide,
    /// Only these provinces/cities (names folded by [`region_key`]).
    Only(Vec<String>),
    /// `除…以外地区`, optionally `，可以在…开展业务` (allowed despite the exclusion).
    Except {
        excluded: Vec<String>,
        also_allowed: Vec<String>,
    },
    /// `分业务列明` without a bracket on the business type, or text we cannot read.
    Unstated(String),
}

impl Scope {
    /// The scope in words: `全国`, `北京、上海`, `除宁波以外（可在…开展）`.
    pub fn label(&self) -> Bilingual {
        match self {
            Scope::Nationwide => Bilingual::new("全国", "nationwide"),
            Scope::Only(items) => Bilingual::new(items.join("、"), items.join(", ")),
            Scope::Except {
                excluded,
                also_allowed,
            } => {
                let mut b = Bilingual::new(
                    format!("除{}以外", excluded.join("、")),
                    format!("everywhere except {}", excluded.join(", ")),
                );
                if !also_allowed.is_empty() {
                    b.zh.push_str(&format!("（可在{}开展）", also_allowed.join("、")));
                    b.en.push_str(&format!(" (allowed in {})", also_allowed.join(", ")));
                }
                b
            }
            Scope::Unstated(t) => Bilingual::new(
                format!("按业务列明（{t}）"),
                format!("per business type ({t})"),
            ),
        }
    }
}

/// One `business_types` entry, scope text in brackets kept apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BusinessType {
    /// As in the data, e.g. `支付交易处理Ⅰ类（除宁波市以外地区）`.
    pub raw: String,
    /// The category before the bracket, e.g. `支付交易处理Ⅰ类`.
    pub category: String,
    /// The bracket text without the outer brackets, if any.
    pub scope_text: Option<String>,
}

impl BusinessType {
    fn parse(raw: &str) -> BusinessType {
        let raw = raw.trim();
        match raw.find('（') {
            Some(i) if raw.ends_with('）') => BusinessType {
                raw: raw.to_string(),
                category: raw[..i].to_string(),
                scope_text: Some(raw[i + '（'.len_utf8()..raw.len() - '）'.len_utf8()].to_string()),
            },
            _ => BusinessType {
                raw: raw.to_string(),
                category: raw.to_string(),
                scope_text: None,
            },
        }
    }

    /// sources/README.md: `银行卡收单` (pre-换证) or `支付交易处理Ⅰ类` (post-2024 name for it).
    pub fn is_card_acquiring(&self) -> bool {
        self.category == "银行卡收单" || self.category == "支付交易处理Ⅰ类"
    }

    /// The category's label in the other naming (sources/README.md, from the 2024 实施细则): for an
    /// old category its 2024 name, for a 2024 category the old one(s). `None` when not mapped.
    pub fn counterpart(&self) -> Option<&'static str> {
        category_counterpart(&self.category)
    }
}

/// Old ↔ 2024 business-category names (sources/README.md). Scope is unchanged by the renaming.
pub fn category_counterpart(category: &str) -> Option<&'static str> {
    Some(match category.trim() {
        "银行卡收单" => "支付交易处理Ⅰ类",
        "支付交易处理Ⅰ类" => "银行卡收单",
        "互联网支付" => "储值账户运营Ⅰ类",
        "储值账户运营Ⅰ类" => "互联网支付",
        "预付卡发行与受理" | "预付卡受理" => "储值账户运营Ⅱ类",
        "储值账户运营Ⅱ类" => "预付卡发行与受理 / 预付卡受理",
        "移动电话支付" | "固定电话支付" | "数字电视支付" => {
            "支付交易处理Ⅱ类 (储值账户运营Ⅰ类 with 互联网支付)"
        }
        "支付交易处理Ⅱ类" => "移动电话/固定电话/数字电视支付",
        _ => return None,
    })
}

/// One licence row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Licence {
    /// 1-based line in the CSV text, for messages.
    pub line: u64,
    pub name: String,
    /// Former legal names and brand/short names (`short_names`).
    pub aliases: Vec<String>,
    pub number: LicenceNumber,
    pub business_types: Vec<BusinessType>,
    /// The `coverage` column as read.
    pub coverage: Scope,
    pub first_issued: NaiveDate,
    pub valid_until: ValidUntil,
    pub status: Status,
    pub status_date: Option<NaiveDate>,
    /// References (`; `-separated in the data).
    pub references: Vec<String>,
    /// The `| note: …` remark, if any.
    pub note: Option<String>,
    /// For merged licences: the target licence number from the note.
    pub merged_into: Option<LicenceNumber>,
    #[serde(skip)]
    name_key: String,
    #[serde(skip)]
    alias_keys: Vec<String>,
}

/// Bank-card acquiring capability of a licence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Acquiring<'a> {
    /// The business type that grants it, as in the data.
    pub business_type: &'a BusinessType,
    /// Where it may be done: the bracket scope, else the licence's coverage.
    pub scope: Scope,
    /// True only for `valid` licences; `expired_listed` is uncertain, gone licences cannot acquire.
    pub currently_allowed: bool,
    pub explanation: Bilingual,
    pub source: Source,
}

/// The merchant's location, as the UI asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct MerchantRegion {
    /// e.g. `浙江省` or `浙江`.
    pub province: String,
    /// e.g. `宁波市`; needed where a scope names a separately listed city.
    pub city: Option<String>,
}

/// Provinces offered for the coverage check (GB/T 2260 names as PBoC scopes use them).
pub const PROVINCES: &[&str] = &[
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
];

/// Whether `text` (e.g. from a deep link) names one of [`PROVINCES`]: `浙江` or `浙江省`.
pub fn is_offered_province(text: &str) -> bool {
    PROVINCES.iter().any(|p| text.starts_with(p))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverageVerdict {
    Covered,
    NotCovered,
    Unclear,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoverageCheck {
    pub verdict: CoverageVerdict,
    pub reason: Bilingual,
    pub source: Source,
}

/// Status explanation for the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusNote {
    pub status: Status,
    pub date: Option<NaiveDate>,
    pub text: Bilingual,
    pub source: Source,
}

impl Licence {
    /// What the status means, with the date and (for merges) the target.
    pub fn status_note(&self, registry: &LicenceRegistry) -> StatusNote {
        let as_of = registry.as_of_text();
        let date_zh = self
            .status_date
            .map(|d| format!("（{d}）"))
            .unwrap_or_default();
        let date_en = self
            .status_date
            .map(|d| format!(" on {d}"))
            .unwrap_or_default();
        let text = match self.status {
            Status::Valid => Bilingual::new(
                format!("截至{as_of}，在人民银行已获许可机构名单上，许可证有效。"),
                format!("On the PBoC list of licensed institutions as of {as_of}; licence valid."),
            ),
            Status::ExpiredListed => Bilingual::new(
                format!("截至{as_of}仍在名单上，但所列有效期已过：续展/换证可能仍在审查或已中止。许可状态不确定，请谨慎。"),
                format!("Still listed as of {as_of}, but the listed expiry date has passed: renewal is pending or suspended. Licence status uncertain — be careful."),
            ),
            Status::Cancelled => Bilingual::new(
                format!("许可证已注销{date_zh}。"),
                format!("Licence cancelled{date_en}."),
            ),
            Status::NotRenewed => Bilingual::new(
                format!("许可证未获续展（或未申请续展）后注销{date_zh}。"),
                format!("Licence not renewed (or no renewal applied for), then cancelled{date_en}."),
            ),
            Status::Merged => {
                let target = self.merged_into.as_ref().map(|n| {
                    let name = registry.by_number(n.as_str()).map(|l| l.name.as_str()).unwrap_or("");
                    (n.as_str().to_string(), name.to_string())
                });
                match target {
                    Some((no, name)) => Bilingual::new(
                        format!("业务已并入 {name}（{no}），本许可证注销{date_zh}。"),
                        format!("Business merged into {name} ({no}); this licence was cancelled{date_en}."),
                    ),
                    None => Bilingual::new(
                        format!("业务已并入其他持牌机构，本许可证注销{date_zh}。"),
                        format!("Business merged into another licensee; this licence was cancelled{date_en}."),
                    ),
                }
            }
            Status::NotListed => Bilingual::new(
                format!("2022-11-29 的名单上有，{as_of} 的名单上没有，但未找到注销公告：几乎可以肯定已注销，但未经确认。"),
                format!("On the 2022-11-29 list but not on the {as_of} list, and no cancellation notice was found: almost certainly cancelled, but not confirmed."),
            ),
            Status::Revoked => Bilingual::new(
                format!("许可证被吊销{date_zh}。"),
                format!("Licence revoked{date_en}."),
            ),
        };
        StatusNote {
            status: self.status,
            date: self.status_date,
            text,
            source: Source::new("中国人民银行 已获许可机构（支付机构）名单，以及每条记录所列的注销、续展公告和新闻报道", "PBoC list of licensed payment institutions (已获许可机构（支付机构）), and the cancellation and renewal notices and news reports listed for each row"),
        }
    }

    /// Bank-card acquiring capability, if the business types include it (sources/README.md).
    pub fn acquiring(&self) -> Option<Acquiring<'_>> {
        let business_type = self.business_types.iter().find(|b| b.is_card_acquiring())?;
        let scope = match &business_type.scope_text {
            Some(text) => parse_scope(text),
            None => self.coverage.clone(),
        };
        let currently_allowed = self.status == Status::Valid;
        let explanation = match self.status {
            Status::Valid => Bilingual::new(
                format!("可以做银行卡收单（业务类型“{}”）。", business_type.raw),
                format!("May do bank-card acquiring (business type “{}”).", business_type.raw),
            ),
            Status::ExpiredListed => Bilingual::new(
                format!("业务类型含“{}”，但许可证有效期已过、续展未决：收单资格不确定。", business_type.raw),
                format!("Business types include “{}”, but the licence has passed its expiry with renewal undecided: acquiring status uncertain.", business_type.raw),
            ),
            _ => Bilingual::new(
                format!("曾有收单业务（“{}”），但许可证已不在名单上，不能再做收单。", business_type.raw),
                format!("Once had acquiring (“{}”), but the licence is no longer listed, so it cannot acquire now.", business_type.raw),
            ),
        };
        Some(Acquiring {
            business_type,
            scope,
            currently_allowed,
            explanation,
            source: Source::new("中国人民银行 已获许可机构（支付机构）名单；《非银行支付机构监督管理条例实施细则》（中国人民银行令〔2024〕第4号）第五十五条（原“银行卡收单”业务即“支付交易处理Ⅰ类”）", "PBoC list of licensed payment institutions (已获许可机构（支付机构）); Implementing Rules of the Regulations on Non-bank Payment Institutions 《非银行支付机构监督管理条例实施细则》 (PBoC Order〔2024〕No. 4), Art. 55 (the former 银行卡收单 business is now 支付交易处理Ⅰ类)"),
        })
    }

    /// Whether the acquiring scope covers the merchant's region. `None` if the licence has no
    /// acquiring business type at all.
    pub fn acquiring_coverage(&self, region: &MerchantRegion) -> Option<CoverageCheck> {
        let acquiring = self.acquiring()?;
        Some(check_scope(
            &acquiring.scope,
            region,
            &acquiring.business_type.raw,
        ))
    }
}

/// May this company be the acquirer behind a POS terminal? The plain statement for the merchant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PosVerdict {
    pub tone: Tone,
    pub text: Bilingual,
    pub sources: Vec<Source>,
    /// Letters that fit, as `/letters/<kind>` kinds.
    pub letters: Vec<&'static str>,
}

impl Licence {
    /// The POS statement: from the acquiring business type and the status. Without acquiring,
    /// or once the licence cannot acquire any more, the letters are a PBoC complaint and a
    /// 12315 report; while it may acquire, a letter to the acquirer.
    pub fn pos_verdict(&self, registry: &LicenceRegistry) -> PosVerdict {
        let note = self.status_note(registry);
        match self.acquiring() {
            None => PosVerdict {
                tone: Tone::Bad,
                text: if self.status.is_listed() {
                    Bilingual::new(
                        "这家公司有支付许可证，但业务类型里没有银行卡收单（银行卡收单/支付交易处理Ⅰ类）：它不能作为 POS 机的收单机构。",
                        "This company holds a payment licence, but not for bank-card acquiring (银行卡收单 / 支付交易处理Ⅰ类): it may not be the acquirer behind a POS terminal.",
                    )
                } else {
                    Bilingual::new(
                        "这家公司没有银行卡收单业务，许可证也已不在名单上：不能作为 POS 机的收单机构。",
                        "This company has no bank-card acquiring and its licence is no longer listed: it may not be the acquirer behind a POS terminal.",
                    )
                },
                sources: vec![note.source],
                letters: vec!["pboc", "report-12315"],
            },
            Some(a) => PosVerdict {
                tone: if a.currently_allowed {
                    Tone::Good
                } else if self.status == Status::ExpiredListed {
                    Tone::Unclear
                } else {
                    Tone::Bad
                },
                text: a.explanation,
                sources: vec![a.source, note.source],
                letters: if a.currently_allowed {
                    vec!["acquirer"]
                } else {
                    vec!["pboc", "report-12315"]
                },
            },
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Scope parsing and coverage
// ---------------------------------------------------------------------------------------------

/// Folds a province/city name for comparison: `浙江省`, `浙江` → `浙江`; `宁夏回族自治区` → `宁夏`.
pub fn region_key(name: &str) -> String {
    let name: String = name
        .chars()
        .map(fold_width)
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut key = name
        .trim_start_matches("仅限于")
        .trim_end_matches('内')
        .to_string();
    for suffix in [
        "特别行政区",
        "维吾尔自治区",
        "壮族自治区",
        "回族自治区",
        "自治区",
        "地区",
        "省",
        "市",
    ] {
        if key.chars().count() > 2 || suffix == "省" || suffix == "市" {
            if let Some(stripped) = key.strip_suffix(suffix) {
                if stripped.chars().count() >= 2 {
                    key = stripped.to_string();
                    break;
                }
            }
        }
    }
    key
}

/// Splits on a separator at bracket depth 0, so `山东（含青岛）、四川` gives two items.
fn split_top_level(text: &str, separator: char) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            _ => {}
        }
        if c == separator && depth == 0 {
            items.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    items.push(current);
    items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Region items, expanding `山东（含青岛）` into `山东` and `青岛`.
fn region_items(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for item in split_top_level(text, '、') {
        match item.find('（') {
            Some(i) => {
                keys.push(region_key(&item[..i]));
                let inner = item[i..].trim_start_matches('（').trim_end_matches('）');
                for extra in inner.trim_start_matches('含').split('、') {
                    keys.push(region_key(extra));
                }
            }
            None => keys.push(region_key(&item)),
        }
    }
    keys
}

/// Parses bracket scope text such as `全国`, `北京市`, `仅限于广东省内`,
/// `除宁波市以外地区`, `除广东省、山西省以外地区，可以在深圳市开展业务`.
pub fn parse_scope(text: &str) -> Scope {
    let text = text.trim();
    if text == "全国" {
        return Scope::Nationwide;
    }
    if let Some(rest) = text.strip_prefix('除') {
        let Some(end) = rest.find("以外") else {
            return Scope::Unstated(text.to_string());
        };
        let excluded = region_items(&rest[..end]);
        let tail = &rest[end..];
        let also_allowed = match (tail.find("可以在"), tail.find("开展业务")) {
            (Some(a), Some(b)) if a < b => region_items(&tail[a + "可以在".len()..b]),
            _ => Vec::new(),
        };
        return Scope::Except {
            excluded,
            also_allowed,
        };
    }
    let items = region_items(text);
    if items.is_empty() {
        Scope::Unstated(text.to_string())
    } else {
        Scope::Only(items)
    }
}

fn parse_coverage(text: &str) -> Scope {
    match text.trim() {
        "全国" => Scope::Nationwide,
        "分业务列明" => Scope::Unstated("分业务列明".to_string()),
        other => Scope::Only(
            other
                .split('|')
                .map(region_key)
                .filter(|s| !s.is_empty())
                .collect(),
        ),
    }
}

/// Cities that PBoC scopes name separately from their province (seen in this dataset as
/// `宁波市`, `青岛市`, `深圳市`). Administrative geography, not a fact from the licence data: used only to
/// answer "unclear — tell us your city" instead of guessing.
const SEPARATELY_NAMED_CITIES: &[(&str, &str)] = &[
    ("宁波", "浙江"),
    ("青岛", "山东"),
    ("深圳", "广东"),
    ("大连", "辽宁"),
    ("厦门", "福建"),
];

fn cities_in_province(province: &str) -> impl Iterator<Item = &'static str> + '_ {
    SEPARATELY_NAMED_CITIES
        .iter()
        .filter(move |(_, p)| *p == province)
        .map(|(c, _)| *c)
}

fn check_scope(scope: &Scope, region: &MerchantRegion, business_type: &str) -> CoverageCheck {
    let province = region_key(&region.province);
    let city = region
        .city
        .as_deref()
        .map(region_key)
        .filter(|c| !c.is_empty());
    let here = |item: &String| *item == province || city.as_deref() == Some(item.as_str());
    let place_zh = match &city {
        Some(c) => format!("{province}{c}"),
        None => province.clone(),
    };
    let src = Source::new("中国人民银行 已获许可机构（支付机构）名单所列的业务类型和业务覆盖范围", "PBoC list of licensed payment institutions (已获许可机构（支付机构）): business types and coverage as listed");
    let check = |verdict, zh: String, en: String| CoverageCheck {
        verdict,
        reason: Bilingual::new(zh, en),
        source: src.clone(),
    };
    match scope {
        Scope::Nationwide => check(
            CoverageVerdict::Covered,
            format!("收单范围为全国（{business_type}）。"),
            format!("Acquiring scope is nationwide ({business_type})."),
        ),
        Scope::Only(items) => {
            if items.iter().any(here) {
                check(
                    CoverageVerdict::Covered,
                    format!("收单范围包含{place_zh}：{}。", items.join("、")),
                    format!("Acquiring scope includes {place_zh}: {}.", items.join(", ")),
                )
            } else if city.is_none()
                && items
                    .iter()
                    .any(|i| cities_in_province(&province).any(|c| c == i))
            {
                check(
                    CoverageVerdict::Unclear,
                    format!(
                        "收单范围只列了个别城市（{}），请选择您所在的城市。",
                        items.join("、")
                    ),
                    format!(
                        "The scope names single cities ({}); please choose your city.",
                        items.join(", ")
                    ),
                )
            } else {
                check(
                    CoverageVerdict::NotCovered,
                    format!("收单范围仅限 {}，不含{place_zh}。", items.join("、")),
                    format!(
                        "Acquiring scope is limited to {}, which does not include {place_zh}.",
                        items.join(", ")
                    ),
                )
            }
        }
        Scope::Except {
            excluded,
            also_allowed,
        } => {
            if also_allowed.iter().any(here) {
                check(
                    CoverageVerdict::Covered,
                    format!("“{business_type}”明确允许在{place_zh}开展业务。"),
                    format!("“{business_type}” explicitly allows business in {place_zh}."),
                )
            } else if excluded.iter().any(here) {
                check(
                    CoverageVerdict::NotCovered,
                    format!("“{business_type}”把{place_zh}排除在收单范围之外。"),
                    format!("“{business_type}” excludes {place_zh} from its acquiring scope."),
                )
            } else if city.is_none()
                && excluded
                    .iter()
                    .chain(also_allowed.iter())
                    .any(|i| cities_in_province(&province).any(|c| c == i))
            {
                check(
                    CoverageVerdict::Unclear,
                    format!("“{business_type}”对您省内的个别城市另有规定，请选择您所在的城市。"),
                    format!("“{business_type}” treats a city in your province separately; please choose your city."),
                )
            } else {
                check(
                    CoverageVerdict::Covered,
                    format!("“{business_type}”未排除{place_zh}。"),
                    format!("“{business_type}” does not exclude {place_zh}."),
                )
            }
        }
        Scope::Unstated(text) => check(
            CoverageVerdict::Unclear,
            format!("名单未写明收单业务的地域范围（{text}）。"),
            format!("The list does not state the acquiring scope ({text})."),
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

/// Columns every licence CSV must have (sources/README.md). Extra columns are ignored.
pub const REQUIRED_COLUMNS: [&str; 10] = [
    "name",
    "short_names",
    "licence_no",
    "business_types",
    "coverage",
    "first_issued",
    "valid_until",
    "status",
    "status_date",
    "source",
];

/// One problem in an imported CSV.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
pub enum ImportProblem {
    #[error("the file is empty")]
    EmptyFile,
    #[error("the file has a header but no licence rows")]
    NoRows,
    #[error("header is missing column(s): {}", .0.join(", "))]
    MissingColumns(Vec<String>),
    #[error("row has {found} fields, header has {expected}")]
    FieldCount { found: usize, expected: usize },
    #[error("unreadable CSV: {0}")]
    Malformed(String),
    #[error("column {0} is empty")]
    EmptyField(String),
    #[error("licence number {value:?}: {error}")]
    BadLicenceNo {
        value: String,
        error: LicenceNoError,
    },
    #[error("column {column}: {value:?} is not a date (YYYY-MM-DD)")]
    BadDate { column: String, value: String },
    #[error("valid_until {0:?} is not empty, 长期 or a date")]
    BadValidUntil(String),
    #[error("unknown status {0:?}")]
    UnknownStatus(String),
    #[error("serial {serial:03} already used on line {first_line}")]
    DuplicateSerial { serial: u16, first_line: u64 },
    #[error("status merged but the note names no target licence")]
    MergedWithoutTarget,
    #[error("the list states no as-of date")]
    NoAsOfDate,
}

impl ImportProblem {
    pub fn message(&self) -> Bilingual {
        match self {
            Self::EmptyFile => Bilingual::new("文件是空的。", "The file is empty."),
            Self::NoRows => Bilingual::new(
                "文件只有表头，没有许可证数据。",
                "The file has a header but no licence rows.",
            ),
            Self::MissingColumns(cols) => Bilingual::new(
                format!("表头缺少列：{}。", cols.join("、")),
                format!("The header is missing column(s): {}.", cols.join(", ")),
            ),
            Self::FieldCount { found, expected } => Bilingual::new(
                format!("这一行有{found}列，表头有{expected}列。"),
                format!("This row has {found} fields; the header has {expected}."),
            ),
            Self::Malformed(detail) => Bilingual::new(
                format!("无法读取 CSV：{detail}"),
                format!("Unreadable CSV: {detail}"),
            ),
            Self::EmptyField(col) => Bilingual::new(
                format!("“{col}”列为空。"),
                format!("Column “{col}” is empty."),
            ),
            Self::BadLicenceNo { value, error } => {
                let m = error.message();
                Bilingual::new(
                    format!("许可证编号“{value}”：{}", m.zh),
                    format!("Licence number “{value}”: {}", m.en),
                )
            }
            Self::BadDate { column, value } => Bilingual::new(
                format!("“{column}”列的“{value}”不是日期（应为 YYYY-MM-DD）。"),
                format!("“{value}” in column “{column}” is not a date (YYYY-MM-DD)."),
            ),
            Self::BadValidUntil(value) => Bilingual::new(
                format!("有效期“{value}”应为空、“长期”或日期。"),
                format!("Expiry “{value}” should be empty, 长期 or a date."),
            ),
            Self::UnknownStatus(value) => Bilingual::new(
                format!("未知的状态“{value}”。"),
                format!("Unknown status “{value}”."),
            ),
            Self::DuplicateSerial { serial, first_line } => Bilingual::new(
                format!("序号 {serial:03} 与第{first_line}行重复。"),
                format!("Serial {serial:03} duplicates line {first_line}."),
            ),
            Self::NoAsOfDate => Bilingual::new(
                "名单没有注明日期：请在文件开头加一行“# as_of: YYYY-MM-DD”，或在导入时填写名单日期。",
                "The list states no date: add a first line “# as_of: YYYY-MM-DD”, or enter the list's date when importing.",
            ),
            Self::MergedWithoutTarget => Bilingual::new(
                "状态为“merged”，但备注里没有写并入哪个许可证。",
                "Status is “merged” but the note names no target licence.",
            ),
        }
    }
}

/// A problem with its 1-based line number in the text (`None` for whole-file problems).
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
#[error("{}{problem}", .line.map(|l| format!("line {l}: ")).unwrap_or_default())]
pub struct ImportError {
    pub line: Option<u64>,
    pub problem: ImportProblem,
}

impl ImportError {
    pub fn message(&self) -> Bilingual {
        let m = self.problem.message();
        match self.line {
            Some(l) => Bilingual::new(format!("第{l}行：{}", m.zh), format!("Line {l}: {}", m.en)),
            None => m,
        }
    }
}

/// Every problem found in an import, in line order.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
#[error("{} problem(s) in the licence list", .0.len())]
pub struct ImportErrors(pub Vec<ImportError>);

impl ImportErrors {
    pub fn message(&self) -> Bilingual {
        Bilingual::new(
            format!("许可证名单有{}处问题，未导入。", self.0.len()),
            format!(
                "The licence list has {} problem(s) and was not imported.",
                self.0.len()
            ),
        )
    }
}

/// The parsed list with its as-of date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LicenceRegistry {
    /// From the `# as_of: YYYY-MM-DD` line; `None` for an import without one.
    pub as_of: Option<NaiveDate>,
    /// The rest of that comment line (`source: …`), if any.
    pub provenance: Option<String>,
    pub licences: Vec<Licence>,
}

fn parse_date(column: &str, value: &str) -> Result<NaiveDate, ImportProblem> {
    let value = value.trim();
    // Strict shape first: chrono alone would accept `2011-5-3`.
    let shaped = value.len() == 10
        && value.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    shaped
        .then(|| NaiveDate::parse_from_str(value, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| ImportProblem::BadDate {
            column: column.to_string(),
            value: value.to_string(),
        })
}

fn parse_valid_until(value: &str) -> Result<ValidUntil, ImportProblem> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(ValidUntil::Unknown);
    }
    if value == "长期" {
        return Ok(ValidUntil::LongTerm);
    }
    let bad = || ImportProblem::BadValidUntil(value.to_string());
    if let Some((date, rest)) = value.split_once("（过渡期至") {
        let until = parse_date("valid_until", date).map_err(|_| bad())?;
        let transition = rest.strip_suffix('）').ok_or_else(bad)?;
        let transition_until = parse_date("valid_until", transition).map_err(|_| bad())?;
        return Ok(ValidUntil::WithTransition {
            until,
            transition_until,
        });
    }
    parse_date("valid_until", value)
        .map(ValidUntil::Date)
        .map_err(|_| bad())
}

/// Reads `# as_of: 2026-10-02; source: …` from the leading comment lines.
fn read_header_comment(text: &str) -> (Option<NaiveDate>, Option<String>) {
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        let body = line.trim_start_matches('#').trim();
        if let Some(rest) = body.strip_prefix("as_of:") {
            let rest = rest.trim();
            let (date, provenance) = rest.split_once(';').unwrap_or((rest, ""));
            let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok();
            let provenance = Some(provenance.trim().to_string()).filter(|p| !p.is_empty());
            return (date, provenance);
        }
    }
    (None, None)
}

impl LicenceRegistry {
    /// Parses licence CSV text: the shipped `public/data/licences.csv` or a user-imported list in
    /// the source format. Returns all problems, each with its line number; never panics. Text in
    /// fields (including anything that looks like HTML) is kept verbatim as data.
    pub fn parse(text: &str) -> Result<LicenceRegistry, ImportErrors> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let whole = |problem| {
            ImportErrors(vec![ImportError {
                line: None,
                problem,
            }])
        };
        if text
            .lines()
            .all(|l| l.trim().is_empty() || l.starts_with('#'))
        {
            return Err(whole(ImportProblem::EmptyFile));
        }
        let (as_of, provenance) = read_header_comment(text);
        let mut reader = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => return Err(whole(ImportProblem::Malformed(e.to_string()))),
        };
        let index: HashMap<&str, usize> = headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim(), i))
            .collect();
        let missing: Vec<String> = REQUIRED_COLUMNS
            .iter()
            .filter(|c| !index.contains_key(**c))
            .map(|c| c.to_string())
            .collect();
        if !missing.is_empty() {
            return Err(whole(ImportProblem::MissingColumns(missing)));
        }
        let col = |name: &str| index[name];

        let mut errors = Vec::new();
        let mut licences = Vec::new();
        let mut serial_lines: HashMap<u16, u64> = HashMap::new();
        let mut record = csv::StringRecord::new();
        loop {
            let line_before = reader.position().line();
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    errors.push(ImportError {
                        line: Some(line_before),
                        problem: ImportProblem::Malformed(e.to_string()),
                    });
                    continue;
                }
            }
            let line = record.position().map_or(line_before, |p| p.line());
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if record.len() != headers.len() {
                errors.push(ImportError {
                    line: Some(line),
                    problem: ImportProblem::FieldCount {
                        found: record.len(),
                        expected: headers.len(),
                    },
                });
                continue;
            }
            let field = |name: &str| record.get(col(name)).unwrap_or("").trim();
            let mut row_errors = Vec::new();
            let mut push = |p| {
                row_errors.push(ImportError {
                    line: Some(line),
                    problem: p,
                })
            };

            for required in [
                "name",
                "licence_no",
                "business_types",
                "coverage",
                "first_issued",
                "status",
                "source",
            ] {
                if field(required).is_empty() {
                    push(ImportProblem::EmptyField(required.to_string()));
                }
            }
            let number = match LicenceNumber::parse(field("licence_no")) {
                Ok(n) => Some(n),
                Err(error) if !field("licence_no").is_empty() => {
                    push(ImportProblem::BadLicenceNo {
                        value: field("licence_no").to_string(),
                        error,
                    });
                    None
                }
                Err(_) => None,
            };
            if let Some(n) = &number {
                match serial_lines.get(&n.serial()) {
                    Some(&first_line) => push(ImportProblem::DuplicateSerial {
                        serial: n.serial(),
                        first_line,
                    }),
                    None => {
                        serial_lines.insert(n.serial(), line);
                    }
                }
            }
            let first_issued = match field("first_issued") {
                "" => None,
                v => parse_date("first_issued", v).map_err(&mut push).ok(),
            };
            let status_date = match field("status_date") {
                "" => None,
                v => parse_date("status_date", v).map_err(&mut push).ok(),
            };
            let valid_until = parse_valid_until(field("valid_until"))
                .map_err(&mut push)
                .ok();
            let status = match (field("status"), Status::parse(field("status"))) {
                ("", _) => None,
                (_, Some(s)) => Some(s),
                (v, None) => {
                    push(ImportProblem::UnknownStatus(v.to_string()));
                    None
                }
            };
            let (refs, note) = match field("source").split_once("| note:") {
                Some((r, n)) => (r, Some(n.trim().to_string()).filter(|n| !n.is_empty())),
                None => (field("source"), None),
            };
            let merged_into = note.as_deref().and_then(merge_target);
            if status == Some(Status::Merged) && merged_into.is_none() {
                push(ImportProblem::MergedWithoutTarget);
            }
            if !row_errors.is_empty() {
                errors.extend(row_errors);
                continue;
            }
            let (Some(number), Some(first_issued), Some(valid_until), Some(status)) =
                (number, first_issued, valid_until, status)
            else {
                continue;
            };
            let name = field("name").to_string();
            let aliases: Vec<String> = field("short_names")
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            licences.push(Licence {
                line,
                name_key: normalise_name(&name),
                alias_keys: aliases.iter().map(|a| normalise_name(a)).collect(),
                name,
                aliases,
                number,
                business_types: field("business_types")
                    .split('|')
                    .filter(|s| !s.trim().is_empty())
                    .map(BusinessType::parse)
                    .collect(),
                coverage: parse_coverage(field("coverage")),
                first_issued,
                valid_until,
                status,
                status_date,
                references: refs
                    .split("; ")
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect(),
                note,
                merged_into,
            });
        }
        if errors.is_empty() && licences.is_empty() {
            return Err(whole(ImportProblem::NoRows));
        }
        if !errors.is_empty() {
            return Err(ImportErrors(errors));
        }
        licences.sort_by_key(|l| l.number.serial());
        Ok(LicenceRegistry {
            as_of,
            provenance,
            licences,
        })
    }

    /// Validates a user import: every rule of [`LicenceRegistry::parse`], plus an as-of date,
    /// from the file's `# as_of:` line or else `stated_as_of` (what the user entered). The file's
    /// own date wins, because it travels with the data.
    pub fn parse_import(
        text: &str,
        stated_as_of: Option<NaiveDate>,
    ) -> Result<LicenceRegistry, ImportErrors> {
        let mut registry = LicenceRegistry::parse(text)?;
        if registry.as_of.is_none() {
            registry.as_of = stated_as_of;
        }
        if registry.as_of.is_none() {
            return Err(ImportErrors(vec![ImportError {
                line: None,
                problem: ImportProblem::NoAsOfDate,
            }]));
        }
        Ok(registry)
    }

    /// The as-of date as text, or `?` when an import did not state one.
    pub fn as_of_text(&self) -> String {
        self.as_of
            .map_or_else(|| "?".to_string(), |d| d.to_string())
    }

    pub fn by_number(&self, number: &str) -> Option<&Licence> {
        let number = LicenceNumber::parse(number).ok()?;
        self.licences.iter().find(|l| l.number == number)
    }
}

fn merge_target(note: &str) -> Option<LicenceNumber> {
    let start = note.find("merged into ")? + "merged into ".len();
    note.get(start..start + 14)
        .and_then(|n| LicenceNumber::parse(n).ok())
}

// ---------------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------------

/// Which field a hit matched on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedField {
    LicenceNumber,
    Name,
    /// A former legal name or a brand/short name from `short_names`.
    Alias,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchHit<'a> {
    pub licence: &'a Licence,
    pub matched: MatchedField,
    /// The name or alias that matched, as in the data.
    pub matched_text: String,
    /// Higher is better; only meaningful for ordering.
    pub score: u8,
}

/// An honest "nothing matched": the list is a snapshot, so absence is not proof of anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotFound {
    pub as_of: Option<NaiveDate>,
    /// Headline plus the possible meanings, most specific first.
    pub explanations: Vec<Bilingual>,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum SearchOutcome<'a> {
    Found(Vec<SearchHit<'a>>),
    NotFound(NotFound),
    /// The query looks like a licence number but fails the format or check digit.
    InvalidLicenceNo(LicenceNoError),
    /// Fewer than 2 characters after normalisation: would match almost everything.
    QueryTooShort,
}

/// Most hits a search returns.
pub const MAX_HITS: usize = 10;

impl LicenceRegistry {
    /// Ranked search: exact number; then exact, prefix, substring matches on the full name before
    /// aliases; a query that *contains* a name (a whole slip line such as
    /// `收单机构：拉卡拉支付股份有限公司`) also matches. Ties: listed licences first, then serial.
    pub fn search(&self, query: &str) -> SearchOutcome<'_> {
        let compact: String = query
            .chars()
            .map(fold_width)
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let looks_like_number =
            compact.starts_with("Z2") && compact.chars().skip(1).all(|c| c.is_ascii_digit());
        if looks_like_number && compact.len() >= 14 {
            return match LicenceNumber::parse(&compact) {
                Err(e) => SearchOutcome::InvalidLicenceNo(e),
                Ok(n) => match self.licences.iter().find(|l| l.number == n) {
                    Some(l) => SearchOutcome::Found(vec![SearchHit {
                        licence: l,
                        matched: MatchedField::LicenceNumber,
                        matched_text: l.number.as_str().to_string(),
                        score: 100,
                    }]),
                    None => SearchOutcome::NotFound(self.not_found(query)),
                },
            };
        }
        if looks_like_number && compact.len() >= 6 {
            let hits: Vec<SearchHit> = self
                .licences
                .iter()
                .filter(|l| l.number.as_str().starts_with(&compact))
                .map(|l| SearchHit {
                    licence: l,
                    matched: MatchedField::LicenceNumber,
                    matched_text: l.number.as_str().to_string(),
                    score: 80,
                })
                .take(MAX_HITS)
                .collect();
            return if hits.is_empty() {
                SearchOutcome::NotFound(self.not_found(query))
            } else {
                SearchOutcome::Found(hits)
            };
        }
        let key = normalise_name(query);
        if key.chars().count() < 2 {
            return SearchOutcome::QueryTooShort;
        }
        let mut hits: Vec<SearchHit> = self
            .licences
            .iter()
            .filter_map(|l| score(l, &key))
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(a.licence.status.rank().cmp(&b.licence.status.rank()))
                .then(a.licence.number.serial().cmp(&b.licence.number.serial()))
        });
        hits.truncate(MAX_HITS);
        if hits.is_empty() {
            SearchOutcome::NotFound(self.not_found(query))
        } else {
            SearchOutcome::Found(hits)
        }
    }

    fn not_found(&self, query: &str) -> NotFound {
        let as_of = self.as_of_text();
        let mut explanations = vec![Bilingual::new(
            format!("截至{as_of}的许可证名单中没有找到“{query}”。这不等于“无牌”，可能是："),
            format!("“{query}” was not found in the licence list as of {as_of}. That does not mean “unlicensed”; it may be:"),
        )];
        if query.contains("收钱吧") {
            explanations.push(Bilingual::new(
                "收钱吧不是持牌机构名称，它通过哪家持牌收单机构清算无法从现有资料核实。请看签购单上印的“收单机构”。",
                "收钱吧 is not a licence holder name; which licensed acquirer it routes through could not be verified. Look for the “收单机构” (acquirer) printed on the slip.",
            ));
        }
        if query.contains("银行") {
            explanations.push(Bilingual::new(
                "本名单只收录非银行支付机构；银行（如建设银行）做收单不在这份名单里。",
                "This list covers only non-bank payment institutions; a bank acting as acquirer (e.g. 建设银行) is not in it.",
            ));
        }
        explanations.extend([
            Bilingual::new(
                "代理商、服务商或聚合品牌名（不是持牌机构的法定名称）：请按签购单或微信/支付宝账单上的“收单机构”名称查。",
                "A reseller, agent or aggregator brand rather than the licensee's legal name: search for the “收单机构” name on the slip or the WeChat/Alipay receipt.",
            ),
            Bilingual::new("名称或编号抄写有误：请核对后再查。", "A typo in the name or number: check and search again."),
            Bilingual::new(
                format!("{as_of}之后新发或变更的许可证：本名单不含此后的变化。"),
                format!("A licence issued or renamed after {as_of}: later changes are not in this list."),
            ),
            Bilingual::new(
                "本名单只收录非银行支付机构，银行不在其中。",
                "The list covers non-bank payment institutions only; banks are not in it.",
            ),
        ]);
        NotFound {
            as_of: self.as_of,
            explanations,
            source: licence_list(self.as_of),
        }
    }
}

fn score<'a>(licence: &'a Licence, key: &str) -> Option<SearchHit<'a>> {
    let hit = |matched, text: &str, score| SearchHit {
        licence,
        matched,
        matched_text: text.to_string(),
        score,
    };
    let name = &licence.name_key;
    let mut best: Option<SearchHit> = None;
    let mut consider = |candidate: SearchHit<'a>| {
        if best.as_ref().is_none_or(|b| candidate.score > b.score) {
            best = Some(candidate);
        }
    };
    if name == key {
        consider(hit(MatchedField::Name, &licence.name, 100));
    } else if name.starts_with(key) {
        consider(hit(MatchedField::Name, &licence.name, 80));
    } else if name.contains(key) {
        consider(hit(MatchedField::Name, &licence.name, 60));
    } else if name.chars().count() >= 2 && key.contains(name.as_str()) {
        consider(hit(MatchedField::Name, &licence.name, 55));
    }
    for (alias, alias_key) in licence.aliases.iter().zip(&licence.alias_keys) {
        if alias_key.is_empty() {
            continue;
        }
        if alias_key == key {
            consider(hit(MatchedField::Alias, alias, 90));
        } else if alias_key.starts_with(key) {
            consider(hit(MatchedField::Alias, alias, 70));
        } else if alias_key.contains(key) {
            consider(hit(MatchedField::Alias, alias, 50));
        } else if alias_key.chars().count() >= 2 && key.contains(alias_key.as_str()) {
            consider(hit(MatchedField::Alias, alias, 45));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::datasets::source_files;

    const SHIPPED: &str = include_str!("../../public/data/licences.csv");
    const HEADER: &str = "name,short_names,licence_no,business_types,coverage,first_issued,valid_until,status,status_date,source";

    fn registry() -> LicenceRegistry {
        LicenceRegistry::parse(SHIPPED).expect("shipped list parses")
    }

    fn hits(outcome: SearchOutcome<'_>) -> Vec<SearchHit<'_>> {
        match outcome {
            SearchOutcome::Found(h) => h,
            other => panic!("expected hits, got {other:?}"),
        }
    }

    fn source_as_of() -> Option<NaiveDate> {
        NaiveDate::parse_from_str(&source_files::as_of("payment-licences.csv"), "%Y-%m-%d").ok()
    }

    /// Counts and dates come from `sources/`, so a refreshed list needs no test edit.
    #[test]
    fn shipped_list_has_every_source_row_all_passing_the_check_digit() {
        let reg = registry();
        let rows = source_files::licence_rows();
        assert!(rows >= 271, "the PBoC has issued at least 271 licences");
        assert_eq!(reg.licences.len(), rows);
        assert_eq!(reg.as_of, source_as_of());
        let serials: Vec<u16> = reg.licences.iter().map(|l| l.number.serial()).collect();
        assert_eq!(serials, (1..=rows as u16).collect::<Vec<u16>>());
        for l in &reg.licences {
            let n = l.number.as_str();
            assert_eq!(check_digit(&n[..13]), Some(n.as_bytes()[13] - b'0'), "{n}");
        }
    }

    /// Every verdict's source names the data set or the article, never a file or repository.
    #[test]
    fn every_licence_verdict_cites_a_checkable_source() {
        let reg = registry();
        let region = MerchantRegion {
            province: "浙江省".into(),
            city: Some("杭州市".into()),
        };
        for l in &reg.licences {
            assert_eq!(
                l.status_note(&reg).source.citation_problems(),
                Vec::<String>::new()
            );
            if let Some(acquiring) = l.acquiring() {
                assert_eq!(acquiring.source.citation_problems(), Vec::<String>::new());
                let coverage = l.acquiring_coverage(&region).unwrap();
                assert_eq!(coverage.source.citation_problems(), Vec::<String>::new());
            }
        }
    }

    #[test]
    fn every_single_digit_change_is_caught() {
        // Luhn catches every single-digit substitution; check it on every 10th number.
        for l in registry().licences.iter().step_by(10) {
            let n = l.number.as_str();
            for pos in 3..14 {
                for d in b'0'..=b'9' {
                    if n.as_bytes()[pos] == d {
                        continue;
                    }
                    let mut bad = n.as_bytes().to_vec();
                    bad[pos] = d;
                    let bad = String::from_utf8(bad).unwrap();
                    assert!(LicenceNumber::parse(&bad).is_err(), "{bad} accepted");
                }
            }
        }
    }

    #[test]
    fn licence_number_errors_are_specific() {
        assert_eq!(LicenceNumber::parse(""), Err(LicenceNoError::Empty));
        assert_eq!(
            LicenceNumber::parse("Z200251100001"),
            Err(LicenceNoError::WrongLength { found: 13 })
        );
        assert_eq!(
            LicenceNumber::parse("X2002511000017"),
            Err(LicenceNoError::BadPrefix)
        );
        assert_eq!(
            LicenceNumber::parse("Z2002511A00017"),
            Err(LicenceNoError::NotADigit {
                position: 9,
                found: 'A'
            })
        );
        assert_eq!(
            LicenceNumber::parse("Z2002511000016"),
            Err(LicenceNoError::CheckDigit {
                expected: 7,
                found: 6
            })
        );
        // Full-width and lower case, as copied from a scan.
        let n = LicenceNumber::parse(" ｚ２００２５１１０００ 017 ").unwrap();
        assert_eq!(n.as_str(), "Z2002511000017");
        assert_eq!(n.serial(), 25);
        assert_eq!(n.registered_province_code(), "11");
        assert!(LicenceNoError::CheckDigit {
            expected: 7,
            found: 6
        }
        .message()
        .is_complete());
    }

    #[test]
    fn name_normalisation_folds_width_spaces_suffixes_and_traditional() {
        assert_eq!(normalise_name("拉卡拉支付股份有限公司"), "拉卡拉支付");
        assert_eq!(normalise_name(" 拉卡拉　支付 "), "拉卡拉支付");
        assert_eq!(normalise_name("银联商务有限责任公司"), "银联商务");
        assert_eq!(normalise_name("银联商务股份"), "银联商务");
        assert_eq!(normalise_name("銀聯商務有限公司"), "银联商务");
        assert_eq!(
            normalise_name("网银在线（北京）支付科技有限公司"),
            "网银在线北京支付科技"
        );
        assert_eq!(
            normalise_name("网银在线(北京)支付科技"),
            "网银在线北京支付科技"
        );
        assert_eq!(normalise_name("ＡＢＣ Pay"), "abcpay");
        // A suffix alone is not stripped to nothing.
        assert_eq!(normalise_name("有限公司"), "有限公司");
    }

    #[test]
    fn lakala_is_found_first_with_number_and_acquiring() {
        let reg = registry();
        let found = hits(reg.search("拉卡拉"));
        let top = found[0].licence;
        assert_eq!(top.name, "拉卡拉支付股份有限公司");
        assert_eq!(top.number.as_str(), "Z2002511000017");
        assert_eq!(top.status, Status::Valid);
        let acq = top.acquiring().expect("acquiring");
        assert!(acq.currently_allowed);
        assert_eq!(acq.business_type.raw, "支付交易处理Ⅰ类（除宁波市以外地区）");
        // The whole slip line also finds it.
        let slip = hits(reg.search("收单机构：拉卡拉支付股份有限公司"));
        assert_eq!(slip[0].licence.number.as_str(), "Z2002511000017");
        // And the number.
        let by_no = hits(reg.search("z2002511000017"));
        assert_eq!(by_no[0].matched, MatchedField::LicenceNumber);
    }

    #[test]
    fn former_name_and_brand_aliases_match() {
        let reg = registry();
        let found = hits(reg.search("北京拉卡拉网络技术有限公司"));
        assert_eq!(found[0].licence.number.as_str(), "Z2002511000017");
        assert_eq!(found[0].matched, MatchedField::Alias);
        let wx = hits(reg.search("微信支付"));
        assert_eq!(wx[0].licence.name, "财付通支付科技有限公司");
    }

    #[test]
    fn cancelled_licence_shows_cancelled_with_date() {
        let reg = registry();
        let found = hits(reg.search("北京银联商务有限公司"));
        let l = found[0].licence;
        assert_eq!(l.number.as_str(), "Z2001611000018");
        let note = l.status_note(&reg);
        assert_eq!(note.status, Status::Cancelled);
        assert_eq!(note.date, NaiveDate::from_ymd_opt(2024, 11, 11));
        assert!(note.text.zh.contains("已注销") && note.text.zh.contains("2024-11-11"));
        let acq = l.acquiring().expect("had acquiring");
        assert!(!acq.currently_allowed);
    }

    #[test]
    fn merged_licence_names_its_target() {
        let reg = registry();
        let l = reg.by_number("Z2001731000013").unwrap();
        assert_eq!(l.status, Status::Merged);
        let note = l.status_note(&reg);
        assert!(note.text.zh.contains("Z2010131000010"), "{}", note.text.zh);
        assert!(note.text.zh.contains("杉德支付网络服务发展有限公司"));
    }

    #[test]
    fn acquiring_counts_match_the_generator() {
        let reg = registry();
        let acq = |pred: fn(Status) -> bool| {
            reg.licences
                .iter()
                .filter(|l| l.acquiring().is_some() && pred(l.status))
                .count()
        };
        // scripts/gen-licences.py counts the same from the source CSV, in Python.
        let meta = |key| source_files::meta_count(&["acquiring", key]);
        assert_eq!(acq(|s| s == Status::Valid), meta("valid"));
        assert_eq!(acq(Status::is_listed), meta("listed"));
        assert_eq!(acq(|_| true), meta("ever"));
    }

    #[test]
    fn coverage_reads_scope_brackets() {
        let reg = registry();
        let lakala = reg.by_number("Z2002511000017").unwrap();
        let region = |p: &str, c: Option<&str>| MerchantRegion {
            province: p.into(),
            city: c.map(Into::into),
        };
        let v = |l: &Licence, r| l.acquiring_coverage(&r).unwrap().verdict;
        assert_eq!(
            v(lakala, region("浙江省", Some("杭州市"))),
            CoverageVerdict::Covered
        );
        assert_eq!(
            v(lakala, region("浙江省", Some("宁波市"))),
            CoverageVerdict::NotCovered
        );
        assert_eq!(v(lakala, region("浙江", None)), CoverageVerdict::Unclear);
        // 除…浙江省以外地区，可以在宁波市开展业务
        let z7 = reg.by_number("Z2000711000019").unwrap();
        assert_eq!(
            v(z7, region("浙江省", Some("宁波市"))),
            CoverageVerdict::Covered
        );
        assert_eq!(
            v(z7, region("浙江省", Some("杭州市"))),
            CoverageVerdict::NotCovered
        );
        assert_eq!(v(z7, region("四川省", None)), CoverageVerdict::Covered);
        // 深圳市 is excluded, so a Guangdong merchant must say which city.
        assert_eq!(v(z7, region("广东省", None)), CoverageVerdict::Unclear);
        // 银行卡收单（天津、山东（含青岛）、四川、北京、云南、青海、深圳）
        let nested = reg.by_number("Z2010231000019").unwrap();
        assert_eq!(
            v(nested, region("山东省", Some("青岛市"))),
            CoverageVerdict::Covered
        );
        assert_eq!(
            v(nested, region("广东省", Some("深圳市"))),
            CoverageVerdict::Covered
        );
        assert_eq!(
            v(nested, region("广东省", Some("广州市"))),
            CoverageVerdict::NotCovered
        );
        assert_eq!(v(nested, region("广东省", None)), CoverageVerdict::Unclear);
        // Old-style 银行卡收单（仅限于广东省内）
        assert_eq!(
            parse_scope("仅限于广东省内"),
            Scope::Only(vec!["广东".into()])
        );
        assert_eq!(
            parse_scope("除宁夏回族自治区、吉林省以外地区"),
            Scope::Except {
                excluded: vec!["宁夏".into(), "吉林".into()],
                also_allowed: vec![]
            }
        );
        // No acquiring at all → None.
        let non_acq = reg
            .licences
            .iter()
            .find(|l| l.acquiring().is_none())
            .unwrap();
        assert!(non_acq.acquiring_coverage(&region("北京", None)).is_none());
    }

    #[test]
    fn unknown_name_is_not_found_as_of_date_never_unlicensed() {
        let reg = registry();
        let SearchOutcome::NotFound(nf) = reg.search("收钱吧") else {
            panic!("收钱吧 must not match")
        };
        assert_eq!(nf.as_of, source_as_of());
        assert!(nf.explanations[0]
            .zh
            .contains(&source_files::as_of("payment-licences.csv")));
        assert_eq!(nf.source.citation_problems(), Vec::<String>::new());
        assert!(nf.explanations[0].zh.contains("不等于“无牌”"));
        assert!(nf.explanations[1].zh.contains("收钱吧不是持牌机构"));
        assert!(nf.explanations.iter().all(Bilingual::is_complete));
        assert!(matches!(
            reg.search("Z2002511000016"),
            SearchOutcome::InvalidLicenceNo(_)
        ));
        assert!(matches!(reg.search("拉"), SearchOutcome::QueryTooShort));
    }

    fn import(body: &str) -> Result<LicenceRegistry, ImportErrors> {
        LicenceRegistry::parse(&format!("{HEADER}\n{body}"))
    }

    const GOOD_ROW: &str = "拉卡拉支付股份有限公司,拉卡拉,Z2002511000017,支付交易处理Ⅰ类,全国,2011-12-22,长期,valid,,src";

    #[test]
    fn import_accepts_a_minimal_list_without_as_of() {
        let reg = import(GOOD_ROW).unwrap();
        assert_eq!(reg.as_of, None);
        assert_eq!(reg.licences[0].line, 2);
        let SearchOutcome::NotFound(nf) = reg.search("某某支付") else {
            panic!()
        };
        assert!(nf.explanations[0].zh.contains("截至?"));
    }

    #[test]
    fn import_reports_every_problem_with_its_line() {
        let body = [
            GOOD_ROW,
            "缺列,x,Z2002511000017,支付交易处理Ⅰ类,全国",
            "坏编号,,Z2002511000016,支付交易处理Ⅰ类,全国,2011-12-22,长期,valid,,src",
            "坏日期,,Z2000133000019,支付交易处理Ⅰ类,全国,2011-5-3,长期,valid,2020-02-30,src",
            "重复,,Z2002511000017,支付交易处理Ⅰ类,全国,2011-12-22,长期,valid,,src",
            "状态,,Z2000231000010,支付交易处理Ⅰ类,全国,2011-05-03,2026-13-01,gone,,",
        ]
        .join("\n");
        let errors = import(&body).unwrap_err().0;
        let got: Vec<(Option<u64>, &ImportProblem)> =
            errors.iter().map(|e| (e.line, &e.problem)).collect();
        assert_eq!(
            got[0],
            (
                Some(3),
                &ImportProblem::FieldCount {
                    found: 5,
                    expected: 10
                }
            )
        );
        assert!(matches!(
            got[1],
            (
                Some(4),
                ImportProblem::BadLicenceNo {
                    error: LicenceNoError::CheckDigit { .. },
                    ..
                }
            )
        ));
        assert!(
            matches!(got[2], (Some(5), ImportProblem::BadDate { column, .. }) if column == "first_issued")
        );
        assert!(
            matches!(got[3], (Some(5), ImportProblem::BadDate { column, .. }) if column == "status_date")
        );
        assert_eq!(
            got[4],
            (
                Some(6),
                &ImportProblem::DuplicateSerial {
                    serial: 25,
                    first_line: 2
                }
            )
        );
        assert_eq!(
            got[5],
            (Some(7), &ImportProblem::EmptyField("source".into()))
        );
        assert!(matches!(got[6], (Some(7), ImportProblem::BadValidUntil(_))));
        assert_eq!(
            got[7],
            (Some(7), &ImportProblem::UnknownStatus("gone".into()))
        );
        assert_eq!(errors.len(), 8);
        assert!(errors.iter().all(|e| e.message().is_complete()));
        assert!(errors[0].message().zh.starts_with("第3行"));
    }

    #[test]
    fn import_rejects_empty_and_headerless_files() {
        let whole = |r: Result<LicenceRegistry, ImportErrors>| r.unwrap_err().0[0].problem.clone();
        assert_eq!(whole(LicenceRegistry::parse("")), ImportProblem::EmptyFile);
        assert_eq!(
            whole(LicenceRegistry::parse("  \n\n")),
            ImportProblem::EmptyFile
        );
        assert_eq!(
            whole(LicenceRegistry::parse("# as_of: 2026-10-02\n")),
            ImportProblem::EmptyFile
        );
        assert_eq!(whole(LicenceRegistry::parse(HEADER)), ImportProblem::NoRows);
        assert_eq!(
            whole(LicenceRegistry::parse("name,licence_no\nA,Z2002511000017")),
            ImportProblem::MissingColumns(vec![
                "short_names".into(),
                "business_types".into(),
                "coverage".into(),
                "first_issued".into(),
                "valid_until".into(),
                "status".into(),
                "status_date".into(),
                "source".into(),
            ])
        );
        assert!(matches!(
            whole(LicenceRegistry::parse("\u{0}\u{ff}garbage")),
            ImportProblem::MissingColumns(_)
        ));
    }

    #[test]
    fn html_in_names_is_kept_as_plain_text() {
        let row = "\"<script>alert(1)</script>支付有限公司\",<b>x</b>,Z2002511000017,支付交易处理Ⅰ类,全国,2011-12-22,长期,valid,,src";
        let reg = import(row).unwrap();
        assert_eq!(
            reg.licences[0].name,
            "<script>alert(1)</script>支付有限公司"
        );
        assert_eq!(reg.licences[0].aliases, vec!["<b>x</b>".to_string()]);
    }

    #[test]
    fn user_import_needs_an_as_of_date_from_file_or_user() {
        let body = format!("{HEADER}\n{GOOD_ROW}");
        let errors = LicenceRegistry::parse_import(&body, None).unwrap_err().0;
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].problem, ImportProblem::NoAsOfDate);
        assert!(errors[0].message().zh.contains("as_of"));
        let stated = NaiveDate::from_ymd_opt(2027, 1, 15);
        let reg = LicenceRegistry::parse_import(&body, stated).unwrap();
        assert_eq!(reg.as_of_text(), "2027-01-15");
        // The file's own date wins over what the user typed.
        let dated = format!("# as_of: 2027-03-01; source: test\n{body}");
        let reg = LicenceRegistry::parse_import(&dated, stated).unwrap();
        assert_eq!(reg.as_of_text(), "2027-03-01");
        // A bad row is still rejected, whatever date is given.
        let bad = format!(
            "{HEADER}\n{}",
            GOOD_ROW.replace("Z2002511000017", "Z2002511000018")
        );
        let errors = LicenceRegistry::parse_import(&bad, stated).unwrap_err().0;
        assert_eq!(errors[0].line, Some(2));
        assert!(matches!(
            errors[0].problem,
            ImportProblem::BadLicenceNo {
                error: LicenceNoError::CheckDigit { .. },
                ..
            }
        ));
    }

    #[test]
    fn old_and_2024_category_names_map_both_ways() {
        assert_eq!(category_counterpart("银行卡收单"), Some("支付交易处理Ⅰ类"));
        assert_eq!(category_counterpart("支付交易处理Ⅰ类"), Some("银行卡收单"));
        assert_eq!(category_counterpart("预付卡受理"), Some("储值账户运营Ⅱ类"));
        assert_eq!(category_counterpart("互联网支付"), Some("储值账户运营Ⅰ类"));
        assert_eq!(category_counterpart("跨境人民币"), None);
        // Every category in the shipped list is one we can label in the other naming.
        for l in &registry().licences {
            for b in &l.business_types {
                assert!(
                    b.counterpart().is_some(),
                    "{} has no counterpart",
                    b.category
                );
            }
        }
    }

    #[test]
    fn merged_row_without_target_is_rejected() {
        let row = "甲,,Z2002511000017,支付交易处理Ⅰ类,全国,2011-12-22,,merged,,src | note: merged somewhere";
        let errors = import(row).unwrap_err().0;
        assert_eq!(errors[0].problem, ImportProblem::MergedWithoutTarget);
    }
}

#[cfg(test)]
mod verdict_tests {
    use super::*;

    fn shipped() -> LicenceRegistry {
        LicenceRegistry::parse(include_str!("../../public/data/licences.csv"))
            .expect("shipped list parses")
    }

    fn first<'a>(
        reg: &'a LicenceRegistry,
        what: &str,
        pick: impl Fn(&Licence) -> bool,
    ) -> &'a Licence {
        reg.licences
            .iter()
            .find(|l| pick(l))
            .unwrap_or_else(|| panic!("the shipped list has {what}"))
    }

    #[test]
    fn provinces_are_the_31_province_level_names() {
        assert_eq!(PROVINCES.len(), 31);
        let unique: std::collections::HashSet<&&str> = PROVINCES.iter().collect();
        assert_eq!(unique.len(), 31);
        assert!(is_offered_province("浙江"));
        assert!(is_offered_province("浙江省"));
        assert!(is_offered_province("内蒙古自治区"));
        assert!(!is_offered_province("宁波"));
        assert!(!is_offered_province("香港"));
        assert!(!is_offered_province(""));
    }

    #[test]
    fn every_status_has_its_own_label_and_tone() {
        let all = [
            Status::Valid,
            Status::ExpiredListed,
            Status::Cancelled,
            Status::NotRenewed,
            Status::Merged,
            Status::NotListed,
            Status::Revoked,
        ];
        let labels: std::collections::HashSet<String> = all.iter().map(|s| s.label().zh).collect();
        assert_eq!(labels.len(), all.len());
        assert!(all.iter().all(|s| s.label().is_complete()));
        assert_eq!(Status::Valid.label(), Bilingual::new("有效", "valid"));
        assert_eq!(
            Status::NotListed.label(),
            Bilingual::new("已不在最新名单", "missing from the latest list")
        );
        let tones: Vec<Tone> = all.iter().map(|s| s.tone()).collect();
        use Tone::*;
        assert_eq!(tones, [Good, Unclear, Bad, Bad, Bad, Unclear, Bad]);
    }

    #[test]
    fn valid_until_reads_as_listed() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            ValidUntil::Unknown.label(),
            Bilingual::new("（名单未列）", "(not listed)")
        );
        assert_eq!(
            ValidUntil::LongTerm.label(),
            Bilingual::new("长期", "long-term (长期)")
        );
        assert_eq!(
            ValidUntil::Date(d("2026-05-03")).label(),
            Bilingual::new("2026-05-03", "2026-05-03")
        );
        assert_eq!(
            ValidUntil::WithTransition {
                until: d("2024-07-09"),
                transition_until: d("2025-07-09")
            }
            .label(),
            Bilingual::new(
                "2024-07-09（过渡期至2025-07-09）",
                "2024-07-09 (transition until 2025-07-09)"
            )
        );
    }

    #[test]
    fn scope_reads_in_words() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            Scope::Nationwide.label(),
            Bilingual::new("全国", "nationwide")
        );
        assert_eq!(
            Scope::Only(names(&["北京", "上海"])).label(),
            Bilingual::new("北京、上海", "北京, 上海")
        );
        assert_eq!(
            Scope::Except {
                excluded: names(&["宁波"]),
                also_allowed: vec![]
            }
            .label(),
            Bilingual::new("除宁波以外", "everywhere except 宁波")
        );
        assert_eq!(
            Scope::Except {
                excluded: names(&["浙江", "宁波"]),
                also_allowed: names(&["杭州"])
            }
            .label(),
            Bilingual::new(
                "除浙江、宁波以外（可在杭州开展）",
                "everywhere except 浙江, 宁波 (allowed in 杭州)"
            )
        );
        assert_eq!(
            Scope::Unstated("分业务列明".into()).label(),
            Bilingual::new("按业务列明（分业务列明）", "per business type (分业务列明)")
        );
    }

    #[test]
    fn a_valid_acquirer_may_run_the_pos() {
        let reg = shipped();
        let l = first(&reg, "a valid acquirer", |l| {
            l.status == Status::Valid && l.acquiring().is_some()
        });
        let v = l.pos_verdict(&reg);
        assert_eq!(v.tone, Tone::Good);
        assert_eq!(v.text, l.acquiring().unwrap().explanation);
        assert_eq!(v.letters, ["acquirer"]);
        assert_eq!(
            v.sources,
            [l.acquiring().unwrap().source, l.status_note(&reg).source]
        );
    }

    #[test]
    fn an_expired_acquirer_is_unclear_and_a_gone_one_is_bad() {
        let reg = shipped();
        let expired = first(&reg, "an expired acquirer", |l| {
            l.status == Status::ExpiredListed && l.acquiring().is_some()
        });
        let v = expired.pos_verdict(&reg);
        assert_eq!(v.tone, Tone::Unclear);
        assert_eq!(v.letters, ["pboc", "report-12315"]);
        let gone = first(&reg, "a cancelled acquirer", |l| {
            l.status == Status::Cancelled && l.acquiring().is_some()
        });
        let v = gone.pos_verdict(&reg);
        assert_eq!(v.tone, Tone::Bad);
        assert_eq!(v.text, gone.acquiring().unwrap().explanation);
        assert_eq!(v.letters, ["pboc", "report-12315"]);
    }

    #[test]
    fn a_licence_without_acquiring_may_not_run_a_pos() {
        let reg = shipped();
        let listed = first(&reg, "a listed licence without acquiring", |l| {
            l.status.is_listed() && l.acquiring().is_none()
        });
        let v = listed.pos_verdict(&reg);
        assert_eq!(v.tone, Tone::Bad);
        assert!(
            v.text
                .zh
                .starts_with("这家公司有支付许可证，但业务类型里没有银行卡收单"),
            "{}",
            v.text.zh
        );
        assert!(v
            .text
            .en
            .ends_with("it may not be the acquirer behind a POS terminal."));
        assert_eq!(v.sources, [listed.status_note(&reg).source]);
        assert_eq!(v.letters, ["pboc", "report-12315"]);
        let gone = first(&reg, "a gone licence without acquiring", |l| {
            !l.status.is_listed() && l.acquiring().is_none()
        });
        let v = gone.pos_verdict(&reg);
        assert_eq!(v.tone, Tone::Bad);
        assert_eq!(
            v.text.zh,
            "这家公司没有银行卡收单业务，许可证也已不在名单上：不能作为 POS 机的收单机构。"
        );
    }
}
