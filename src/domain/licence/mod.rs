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
//!   with bilingual reasons and a [`Source`](crate::domain::text::Source).
//! - [`normalise_name`]: the folding used for matching (full/half width, spaces, company suffixes,
//!   common traditional characters).
//!
//! What lives where (everything is re-exported here, so `domain::licence::X` is the path to use):
//! - this module: the records shared by all of them: [`Licence`], [`BusinessType`] and
//!   [`category_counterpart`] (old ↔ 2024 category names), [`LicenceRegistry`] with
//!   [`LicenceRegistry::as_of_text`] and [`LicenceRegistry::by_number`].
//! - `number`: [`LicenceNumber`], [`LicenceNoError`], [`check_digit`].
//! - `names`: [`normalise_name`] and its traditional → simplified table and legal-form suffixes.
//! - `status`: [`Status`], [`Tone`], [`ValidUntil`], [`StatusNote`] ([`Licence::status_note`]),
//!   [`Acquiring`] ([`Licence::acquiring`]) and [`PosVerdict`] ([`Licence::pos_verdict`]).
//! - `coverage`: [`Scope`], [`MerchantRegion`], [`PROVINCES`], [`region_key`], [`parse_scope`],
//!   [`CoverageCheck`] ([`Licence::acquiring_coverage`]).
//! - `import`: [`LicenceRegistry::parse`] / [`LicenceRegistry::parse_import`], [`RegistryParser`]
//!   (the same, a few rows at a time), [`REQUIRED_COLUMNS`], [`ImportProblem`], [`ImportError`],
//!   [`ImportErrors`].
//! - `search`: [`LicenceRegistry::search`], [`SearchOutcome`], [`SearchHit`], [`NotFound`],
//!   [`MAX_HITS`].

mod coverage;
mod import;
mod names;
mod notices;
mod number;
mod search;
mod status;

pub use coverage::{
    is_offered_province, parse_scope, region_key, CoverageCheck, CoverageVerdict, MerchantRegion,
    Scope, PROVINCES,
};
pub use import::{ImportError, ImportErrors, ImportProblem, RegistryParser, REQUIRED_COLUMNS};
pub use names::normalise_name;
pub use notices::Notice;
pub use number::{check_digit, LicenceNoError, LicenceNumber};
pub use search::{
    builtin_list_citation, MatchedField, NotFound, SearchHit, SearchOutcome, MAX_HITS,
};
pub use status::{Acquiring, PosVerdict, Status, StatusNote, Tone, ValidUntil};

use chrono::NaiveDate;
use serde::Serialize;

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

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

impl Licence {
    /// The row's references a reader can follow: web pages (news, notices), not the code
    /// repositories the list was copied from nor the research's own remarks in English.
    pub fn readable_references(&self) -> Vec<&str> {
        self.references
            .iter()
            .map(|r| r.trim())
            .filter(|r| r.starts_with("http://") || r.starts_with("https://"))
            .filter(|r| !r.to_ascii_lowercase().contains("github.com"))
            .collect()
    }
}

/// The host of a reference URL, the short text a link to it shows:
/// `https://www.163.com/dy/article/…` → `www.163.com`.
pub fn reference_host(url: &str) -> &str {
    let rest = url
        .trim()
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
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

impl LicenceRegistry {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::licence::test_support::*;

    #[test]
    fn readable_references_are_web_pages_only() {
        let reg = registry();
        let mut seen = 0;
        for l in &reg.licences {
            for r in l.readable_references() {
                seen += 1;
                assert!(r.starts_with("http"), "{r}");
                assert!(!r.contains(' '), "{r}");
                assert!(!r.to_ascii_lowercase().contains("github"), "{r}");
            }
        }
        assert!(seen > 10);
        assert_eq!(
            reference_host("https://www.163.com/dy/article/KL17EIF805199NHJ.html"),
            "www.163.com"
        );
        assert_eq!(
            reference_host("http://gubaposthk.eastmoney.com/news,cjpl,1560806196.html"),
            "gubaposthk.eastmoney.com"
        );
        assert_eq!(reference_host("https://i56r.com?x=1"), "i56r.com");
        // A remark in English ("… alias: ecstore plugin text …") is not a reference to show.
        let jd = reg
            .licences
            .iter()
            .find(|l| l.references.iter().any(|r| r.contains("ecstore")))
            .expect("a row with a remark as reference");
        assert!(jd
            .readable_references()
            .iter()
            .all(|r| !r.contains("ecstore")));
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
}

#[cfg(test)]
mod test_support {
    use super::*;

    use crate::domain::datasets::source_files;

    pub(super) const SHIPPED: &str = include_str!("../../../public/data/licences.csv");
    pub(super) const HEADER: &str = "name,short_names,licence_no,business_types,coverage,first_issued,valid_until,status,status_date,source";

    pub(super) fn registry() -> LicenceRegistry {
        LicenceRegistry::parse(SHIPPED).expect("shipped list parses")
    }

    pub(super) fn hits(outcome: SearchOutcome<'_>) -> Vec<SearchHit<'_>> {
        match outcome {
            SearchOutcome::Found(h) => h,
            other => panic!("expected hits, got {other:?}"),
        }
    }

    pub(super) fn source_as_of() -> Option<NaiveDate> {
        NaiveDate::parse_from_str(&source_files::as_of("payment-licences.csv"), "%Y-%m-%d").ok()
    }

    pub(super) fn import(body: &str) -> Result<LicenceRegistry, ImportErrors> {
        LicenceRegistry::parse(&format!("{HEADER}\n{body}"))
    }

    pub(super) const GOOD_ROW: &str = "拉卡拉支付股份有限公司,拉卡拉,Z2002511000017,支付交易处理Ⅰ类,全国,2011-12-22,长期,valid,,src";
}
