//! The response-code decoder: UnionPay / ISO 8583 field-39 codes as shown on a
//! POS screen or slip (应答码 / 返回码), with meaning, who acts and what to do.
//!
//! The table is data (`data/response-codes.json`, compiled in), mainly from China UnionPay
//! standard Q/CUP 006.6-2015 Appendix A.2, each code with its citation: a code the table does
//! not list is not guessed, and lookups say so.
//!
//! Public API
//! - [`table()`] — the compiled-in table, parsed once.
//! - [`CodeTable::lookup`] → [`Lookup`]: `Found { normalised, entry }`,
//!   `NotInTable { normalised }` (well-formed but unknown), or `Invalid`
//!   (empty or not a code at all).
//! - [`normalise`] — the input clean-up `lookup` applies: trims blanks and
//!   edge punctuation, maps full-width characters (`Ａ０`, `５１`) to ASCII,
//!   upper-cases, and pads a lone digit to two (`5` → `05`: field 39 is two
//!   characters, so a single digit can only be a dropped leading zero).
//!   Up to 8 letters/digits count as a code (terminal-local ids such as
//!   `SDK0022` get an honest "not in our table"); longer than 2 needs a digit,
//!   so a word like `hello` is `Invalid`, not an unknown code.
//! - [`CodeTable::validate`] — unique well-formed codes, both languages,
//!   someone to act on every non-approval, a source on every entry.
//! - [`CodeEntry`] — `code` (display label, e.g. `51` or `A1–A6`), `matches`
//!   (the codes it answers to; defaults to `[code]`), `approved`, `meaning`,
//!   `terminal_display` (the recommended Chinese screen text, when the spec
//!   gives one), `who_acts`, `what_to_do`, `source`, `more_sources`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::text::fold_width;
use super::text::{Bilingual, ChineseFirst, Source};
pub use super::wizard::Party;

/// Longest input still treated as "a code we don't know" rather than garbage:
/// field 39 is 2 characters, but terminals also show local codes and SDK
/// error ids (e.g. `SDK0022`), which deserve an honest "not in our table".
pub const MAX_CODE_LEN: usize = 8;

/// One row of the table. A row may stand for several codes that the source
/// groups together (e.g. `A1–A6`), so no per-code meaning is invented.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeEntry {
    /// How the code is shown to the merchant, e.g. `51` or `D1–DC, F1–F5`.
    pub code: String,
    /// The normalised codes this row answers to; empty means `[code]`.
    #[serde(default)]
    pub matches: Vec<String>,
    /// True for codes that mean the transaction went through (00, 11, 16…).
    #[serde(default)]
    pub approved: bool,
    pub meaning: Bilingual,
    /// Recommended terminal display text from the UnionPay spec, if any.
    #[serde(default)]
    pub terminal_display: Option<String>,
    pub who_acts: Vec<Party>,
    pub what_to_do: Bilingual,
    /// The main citation: the UnionPay standard where it lists the code.
    pub source: Source,
    /// Further material behind a detail of the row that the main source does not give (e.g. a
    /// local screen text), each flagged when no official document confirms it.
    #[serde(default)]
    pub more_sources: Vec<Source>,
}

impl CodeEntry {
    /// Every citation of the row, the main one first.
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        std::iter::once(&self.source).chain(&self.more_sources)
    }

    /// The codes this row answers to.
    pub fn codes(&self) -> Vec<&str> {
        if self.matches.is_empty() {
            vec![self.code.as_str()]
        } else {
            self.matches.iter().map(String::as_str).collect()
        }
    }
}

/// The result of [`CodeTable::lookup`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup<'a> {
    /// `normalised` is what the input was read as (show it: "we read 5 as 05").
    Found {
        normalised: String,
        entry: &'a CodeEntry,
    },
    /// A well-formed code the table does not list: say so, don't guess.
    NotInTable { normalised: String },
    /// Empty, too long, or not letters and digits.
    Invalid,
}

#[derive(Debug, Error)]
pub enum CodeLoadError {
    #[error("response-code JSON does not parse: {0}")]
    Json(#[from] serde_json::Error),
}

/// One problem found by [`CodeTable::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CodeTableError {
    #[error("code {0:?} is not two upper-case letters or digits")]
    InvalidCode(String),
    #[error("code {0:?} appears in more than one row")]
    DuplicateCode(String),
    #[error("code {code:?}: {field} lacks Chinese or English text")]
    MissingTranslation { code: String, field: &'static str },
    #[error("code {0:?} is a decline but names nobody to act")]
    NobodyActs(String),
    #[error("code {0:?} has no source or an incomplete one")]
    MissingSource(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    version: u32,
    /// What the table is and where it comes from, for the decoder page.
    about: Bilingual,
    codes: Vec<CodeEntry>,
}

#[derive(Debug, Clone)]
pub struct CodeTable {
    version: u32,
    about: Bilingual,
    entries: Vec<CodeEntry>,
    /// normalised code → row; on duplicates the first row wins (validate reports it).
    index: HashMap<String, usize>,
}

/// The table's texts: in WebAssembly Chinese only until the English arrive
/// ([`provide_full_json`]); natively the whole file.
static TABLE: ChineseFirst<CodeTable> = ChineseFirst::new();

#[cfg(target_arch = "wasm32")]
const COMPILED: &str = include_str!(concat!(env!("OUT_DIR"), "/zh/response-codes.json"));
#[cfg(not(target_arch = "wasm32"))]
const COMPILED: &str = include_str!("../../data/response-codes.json");

/// The table, parsed on first use (again once, after [`provide_full_json`]).
///
/// `tests::embedded_table_parses_and_validates` proves the data parses (the Chinese-only copy
/// too), so it cannot fail in a tested build.
pub fn table() -> &'static CodeTable {
    TABLE.get(COMPILED, |json| CodeTable::from_json(json).ok())
}

/// Hands over the text of the whole `data/response-codes.json` (both languages), fetched when the
/// UI turns English; [`table`] parses it on its next call.
pub fn provide_full_json(json: String) {
    TABLE.provide_full(json);
}

/// True once [`provide_full_json`] was called.
pub fn has_full_json() -> bool {
    TABLE.has_full()
}

/// Cleans up what a merchant typed into a code, or `None` if it cannot be one.
pub fn normalise(input: &str) -> Option<String> {
    let half: String = input.chars().map(fold_width).collect();
    let core = half.trim_matches(|c: char| c.is_whitespace() || is_edge_punctuation(c));
    let mut code = String::with_capacity(MAX_CODE_LEN);
    for ch in core.chars() {
        if ch.is_whitespace() {
            continue; // "5 1" and "A 0" are typing slips, not different codes
        }
        if !ch.is_ascii_alphanumeric() || code.len() == MAX_CODE_LEN {
            return None;
        }
        code.push(ch.to_ascii_uppercase());
    }
    match code.len() {
        0 => None,
        1 if code.as_bytes()[0].is_ascii_digit() => Some(format!("0{code}")),
        1 | 2 => Some(code),
        // Longer real codes (SDK0022, 4006) carry digits; a plain word does not.
        _ if code.bytes().any(|b| b.is_ascii_digit()) => Some(code),
        _ => None,
    }
}

/// Wrapping people paste around a code: `(51)`, `“A0”`, `51。`. Angle
/// brackets and other symbols are not trimmed, so `<script>` stays garbage;
/// `码:51` is garbage too (letters before the colon).
fn is_edge_punctuation(c: char) -> bool {
    "()[]{}\"'.,;:!?。、，：；“”‘’【】《》「」".contains(c)
}

/// Field 39 codes are exactly two upper-case ASCII letters or digits.
fn is_table_code(code: &str) -> bool {
    code.len() == 2
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

impl CodeTable {
    /// Parses a table. Does not validate: call [`CodeTable::validate`].
    pub fn from_json(json: &str) -> Result<CodeTable, CodeLoadError> {
        let raw: RawTable = serde_json::from_str(json)?;
        let mut index = HashMap::new();
        for (i, entry) in raw.codes.iter().enumerate() {
            for code in entry.codes() {
                index.entry(code.to_owned()).or_insert(i);
            }
        }
        Ok(CodeTable {
            version: raw.version,
            about: raw.about,
            entries: raw.codes,
            index,
        })
    }

    pub fn version(&self) -> u32 {
        self.version
    }

    /// One line on what the table covers, for the decoder page.
    pub fn about(&self) -> &Bilingual {
        &self.about
    }

    pub fn entries(&self) -> &[CodeEntry] {
        &self.entries
    }

    /// Number of distinct codes the table answers to.
    pub fn code_count(&self) -> usize {
        self.index.len()
    }

    /// Looks up what the merchant typed, e.g. `"51"`, `" a0 "`, `"Ａ０"`.
    pub fn lookup(&self, input: &str) -> Lookup<'_> {
        let Some(code) = normalise(input) else {
            return Lookup::Invalid;
        };
        match self.index.get(code.as_str()) {
            Some(&i) => Lookup::Found {
                normalised: code,
                entry: &self.entries[i],
            },
            None => Lookup::NotInTable { normalised: code },
        }
    }

    /// Checks every row and returns every problem found.
    pub fn validate(&self) -> Result<(), Vec<CodeTableError>> {
        let mut errors = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for entry in &self.entries {
            for code in entry.codes() {
                if !is_table_code(code) {
                    errors.push(CodeTableError::InvalidCode(code.to_owned()));
                }
                if !seen.insert(code) {
                    errors.push(CodeTableError::DuplicateCode(code.to_owned()));
                }
            }
            for (field, text) in [
                ("meaning", &entry.meaning),
                ("what_to_do", &entry.what_to_do),
            ] {
                if !text.is_complete() {
                    errors.push(CodeTableError::MissingTranslation {
                        code: entry.code.clone(),
                        field,
                    });
                }
            }
            if !entry.approved && entry.who_acts.is_empty() {
                errors.push(CodeTableError::NobodyActs(entry.code.clone()));
            }
            if !entry.sources().all(Source::is_complete) {
                errors.push(CodeTableError::MissingSource(entry.code.clone()));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn found(input: &str) -> (String, &'static CodeEntry) {
        match table().lookup(input) {
            Lookup::Found { normalised, entry } => (normalised, entry),
            other => panic!("{input:?} should be found, got {other:?}"),
        }
    }

    #[test]
    fn embedded_table_parses_and_validates() {
        let parsed = CodeTable::from_json(include_str!("../../data/response-codes.json"))
            .expect("embedded response-codes.json parses");
        if let Err(errors) = parsed.validate() {
            panic!("embedded response-codes.json is invalid: {errors:#?}");
        }
        assert!(std::ptr::eq(table(), table()));
        assert!(table().about().is_complete());
        assert!(table().code_count() >= 60);
    }

    #[test]
    fn the_chinese_only_copy_is_the_table_without_its_english() {
        let chinese = include_str!(concat!(env!("OUT_DIR"), "/zh/response-codes.json"));
        crate::domain::text::assert_chinese_only_copy(
            include_str!("../../data/response-codes.json"),
            chinese,
        );
        let zh = CodeTable::from_json(chinese).expect("the copy parses");
        assert_eq!(zh.code_count(), table().code_count());
    }

    #[test]
    fn embedded_sources_are_checkable_citations_and_keep_unconfirmed_flags() {
        for entry in table().entries() {
            for source in entry.sources() {
                assert_eq!(
                    source.citation_problems(),
                    Vec::<String>::new(),
                    "{}",
                    entry.code
                );
                // Material that is not an official text says so in plain words.
                if source.zh.contains("行业资料") {
                    assert!(source.unconfirmed, "{}: {}", entry.code, source.zh);
                    assert!(source.en.starts_with("Industry material"), "{}", entry.code);
                }
                for leak in ["公开源代码", "交通银行第39域", "public source code"] {
                    assert!(!source.zh.contains(leak) && !source.en.contains(leak));
                }
            }
            // Further sources are never official texts (those go in `source`) and are flagged.
            assert!(
                entry.more_sources.iter().all(|s| s.unconfirmed),
                "{}",
                entry.code
            );
            // A code the UnionPay standard lists is confirmed; one only older lists or public
            // code give is not.
            let in_standard = entry.source.zh.contains("Q/CUP 006.6-2015");
            assert_eq!(entry.source.unconfirmed, !in_standard, "{}", entry.code);
        }
        // 77–79 are known from one acquirer interface only (UNCONFIRMED generally).
        for code in ["77", "78", "79"] {
            let (_, entry) = found(code);
            assert!(
                entry.source.unconfirmed,
                "{code} must be flagged unconfirmed"
            );
        }
        let (_, entry) = found("51");
        assert!(!entry.source.unconfirmed);
        // 97's meaning is the standard's; the "无此终端" wording of one interface is extra.
        let (_, entry) = found("97");
        assert!(!entry.source.unconfirmed && entry.source.zh.contains("Q/CUP 006.6-2015"));
        assert_eq!(entry.more_sources.len(), 1);
    }

    #[test]
    fn common_codes_decode_with_the_right_party() {
        let (code, entry) = found("51");
        assert_eq!(code, "51");
        assert_eq!(entry.who_acts, vec![Party::Cardholder]);
        assert!(entry.meaning.zh.contains("资金不足"));

        let (_, entry) = found("97");
        assert_eq!(entry.who_acts, vec![Party::Acquirer]);
        assert!(entry.meaning.zh.contains("终端号未登记"));

        let (_, entry) = found("A0");
        assert!(entry.what_to_do.zh.contains("重新签到"));
        assert!(entry.who_acts.contains(&Party::Merchant));

        let (_, entry) = found("00");
        assert!(entry.approved);
    }

    #[test]
    fn input_is_normalised() {
        for (input, expected) in [
            ("51", "51"),
            (" 05 ", "05"),
            ("a0", "A0"),
            ("Ａ０", "A0"),
            ("ａ０", "A0"),
            ("５１", "51"),
            ("\u{3000}97\u{3000}", "97"),
            ("(51)", "51"),
            ("“A0”。", "A0"),
            ("5 1", "51"),
            ("5", "05"),
        ] {
            assert_eq!(normalise(input).as_deref(), Some(expected), "{input:?}");
            assert_eq!(found(input).0, expected, "{input:?}");
        }
    }

    #[test]
    fn grouped_rows_answer_to_each_member_code() {
        let (code, entry) = found("a4");
        assert_eq!(code, "A4");
        assert_eq!(entry.code, "A1–A6");
        let (_, entry) = found("dc");
        assert_eq!(entry.code, "D1–DC, F1–F5");
        let (_, entry) = found("A9");
        assert_eq!(entry.code, "A8 / A9");
    }

    #[test]
    fn unknown_codes_are_not_guessed() {
        // 08, 17, 20 and the local code XD are not in the table.
        for (input, expected) in [
            ("08", "08"),
            ("17", "17"),
            ("xd", "XD"),
            ("SDK0022", "SDK0022"),
        ] {
            assert_eq!(
                table().lookup(input),
                Lookup::NotInTable {
                    normalised: expected.to_owned()
                },
                "{input:?}"
            );
        }
        // A row's display label is not a lookup key.
        assert!(matches!(table().lookup("A1–A6"), Lookup::Invalid));
    }

    #[test]
    fn garbage_is_invalid() {
        for input in [
            "",
            "   ",
            "？",
            "余额不足",
            "5-1",
            "<script>",
            "hello",
            "123456789",
            "码:51",
            "!!!",
        ] {
            assert_eq!(table().lookup(input), Lookup::Invalid, "{input:?}");
        }
    }

    fn entry(code: &str) -> serde_json::Value {
        json!({
            "code": code,
            "meaning": {"zh": "含义", "en": "Meaning"},
            "who_acts": ["cardholder"],
            "what_to_do": {"zh": "换卡", "en": "Other card"},
            "source": {"zh": "中国银联企业标准 Q/CUP 006.6-2015 附录A.2", "en": "Q/CUP 006.6-2015, Appendix A.2"}
        })
    }

    fn parse(codes: Vec<serde_json::Value>) -> CodeTable {
        let doc = json!({"version": 1, "about": {"zh": "表", "en": "Table"}, "codes": codes});
        CodeTable::from_json(&doc.to_string()).expect("test table parses")
    }

    #[test]
    fn validator_rejects_each_kind_of_bad_row() {
        assert_eq!(parse(vec![entry("51"), entry("05")]).validate(), Ok(()));

        let mut no_en = entry("14");
        no_en["what_to_do"]["en"] = json!("");
        let mut nobody = entry("30");
        nobody["who_acts"] = json!([]);
        let mut approved = entry("00");
        approved["who_acts"] = json!([]);
        approved["approved"] = json!(true);
        let mut no_source = entry("61");
        no_source["source"]["en"] = json!(" ");
        let mut grouped = entry("A1–A2");
        grouped["matches"] = json!(["A1", "51"]);

        let errors = parse(vec![
            entry("51"),
            entry("5x"),
            no_en,
            nobody,
            approved,
            no_source,
            grouped,
        ])
        .validate()
        .expect_err("bad rows must be rejected");
        assert!(errors.contains(&CodeTableError::InvalidCode("5x".into())));
        assert!(errors.contains(&CodeTableError::MissingTranslation {
            code: "14".into(),
            field: "what_to_do"
        }));
        assert!(errors.contains(&CodeTableError::NobodyActs("30".into())));
        assert!(!errors.contains(&CodeTableError::NobodyActs("00".into())));
        assert!(errors.contains(&CodeTableError::MissingSource("61".into())));
        assert!(errors.contains(&CodeTableError::DuplicateCode("51".into())));
    }
}
