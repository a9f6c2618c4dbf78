//! Bilingual text and fact sources shared by every domain module.
//!
//! Every fact the app shows a merchant carries a [`Source`]: a citation in both languages that a
//! person can look up; every piece of prose exists in Chinese and English ([`Bilingual`]).

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The two UI languages. Chinese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Parses a language tag as it may appear in `?lang=` or in storage.
    /// Accepts `zh`, `zh-CN`, `zh-Hans`, `en`, `en-US`… case-insensitively.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The value for `<html lang>`.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// A text in both UI languages. Data files spell it `{"zh": "…", "en": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Bilingual {
    pub zh: String,
    pub en: String,
}

impl Bilingual {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Bilingual {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        pick(&self.zh, &self.en, lang)
    }

    /// True when both languages have non-blank text.
    pub fn is_complete(&self) -> bool {
        !self.zh.trim().is_empty() && !self.en.trim().is_empty()
    }
}

/// The text in `lang`; the Chinese where the English is empty (a data set whose English has not
/// arrived, see [`ChineseFirst`]), so a page never shows a blank.
fn pick<'a>(zh: &'a str, en: &'a str, lang: Lang) -> &'a str {
    match lang {
        Lang::En if !en.is_empty() => en,
        _ => zh,
    }
}

/// A data set the WebAssembly compiles in with its Chinese texts only (build.rs empties the
/// English); the full file, fetched when the UI turns English, is handed over with
/// [`ChineseFirst::provide_full`] and parsed on the next [`ChineseFirst::get`]. Native builds
/// compile in the full file and never need it.
///
/// `provide_full` only stores the text, so the code that fetches it (the main module) does not
/// pull the data set's parser out of the part that uses it.
pub struct ChineseFirst<T> {
    compiled: OnceLock<T>,
    full_text: OnceLock<String>,
    /// `None` when the full text did not parse: the compiled set is used.
    full: OnceLock<Option<T>>,
}

impl<T> ChineseFirst<T> {
    pub const fn new() -> Self {
        ChineseFirst {
            compiled: OnceLock::new(),
            full_text: OnceLock::new(),
            full: OnceLock::new(),
        }
    }

    /// Hands over the full file's text; the first call wins.
    pub fn provide_full(&self, text: String) {
        let _ = self.full_text.set(text);
    }

    /// True once the full file's text has been handed over.
    pub fn has_full(&self) -> bool {
        self.full_text.get().is_some()
    }

    /// The full set if its text was handed over and parses, else the compiled one.
    pub fn get(&self, compiled: &str, parse: impl Fn(&str) -> Option<T>) -> &T {
        if let Some(text) = self.full_text.get() {
            if let Some(full) = self.full.get_or_init(|| parse(text)) {
                return full;
            }
        }
        self.compiled.get_or_init(|| {
            parse(compiled).expect("compiled-in data parses (checked by the tests)")
        })
    }
}

impl<T> Default for ChineseFirst<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Full-width ASCII forms (U+FF01–U+FF5E, which Chinese input methods type easily: ＡＢＣ１２３)
/// and the ideographic space map to their ASCII counterparts; every other character is kept.
/// The one width fold used by every parser and search of user input.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Where a fact comes from, as a citation a person can check without this repository: a law or
/// document by name, number and article; a standard by name and number; a data set by name and
/// as-of date. `zh` is shown on Chinese pages and `en` on English ones (the English may keep the
/// Chinese document name, with a gloss). Data files spell it
/// `{"zh": "…", "en": "…", "unconfirmed": false}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Source {
    pub zh: String,
    pub en: String,
    /// True when no official document confirms the fact (only industry pages, public code, or the
    /// research marks it UNCONFIRMED): the UI says so in plain words and keeps it out of verdicts.
    #[serde(default)]
    pub unconfirmed: bool,
}

impl Source {
    /// A citation of an official document.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Source {
            zh: zh.into(),
            en: en.into(),
            unconfirmed: false,
        }
    }

    /// A citation that no official document confirms.
    pub fn unconfirmed(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Source {
            unconfirmed: true,
            ..Source::new(zh, en)
        }
    }

    /// The citation in the UI language.
    pub fn get(&self, lang: Lang) -> &str {
        pick(&self.zh, &self.en, lang)
    }

    /// True when both languages have a citation.
    pub fn is_complete(&self) -> bool {
        !self.zh.trim().is_empty() && !self.en.trim().is_empty()
    }

    /// Why this citation is not one a person can check: missing text, a repository path, a file
    /// name, a section sign, a bracketed source tag, a link, or (in `zh`) English words. Empty
    /// when it is fine. Every domain module's tests run this over all of its sources.
    pub fn citation_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (lang, text) in [("zh", &self.zh), ("en", &self.en)] {
            if text.trim().is_empty() {
                problems.push(format!("{lang}: empty"));
                continue;
            }
            let lower = text.to_lowercase();
            for bad in [
                "§",
                "shared",
                "github",
                "http",
                "www.",
                "unconfirmed",
                "../",
            ] {
                if lower.contains(bad) {
                    problems.push(format!("{lang}: contains {bad:?}: {text}"));
                }
            }
            if let Some(tag) = bracket_tag(text) {
                problems.push(format!("{lang}: bracketed source tag {tag:?}: {text}"));
            }
            if let Some(path) = slash_path(text) {
                problems.push(format!("{lang}: path {path:?}: {text}"));
            }
            if let Some(file) = file_name(text) {
                problems.push(format!("{lang}: file name {file:?}: {text}"));
            }
        }
        for word in ascii_words(&self.zh) {
            if !ZH_ASCII_ALLOWED.contains(&word) {
                problems.push(format!(
                    "zh: English {word:?} on a Chinese page: {}",
                    self.zh
                ));
            }
        }
        problems
    }
}

/// Latin-letter words a Chinese citation may contain: standard and code names a reader looks up
/// as they are (Q/CUP 006.6-2015, GB/T 2260, ISO 8583, 附录A.2, MCC, POS, 力POS), nothing else.
pub const ZH_ASCII_ALLOWED: &[&str] = &["Q", "CUP", "GB", "T", "ISO", "A", "MCC", "POS"];

/// Runs of ASCII letters in `text`.
fn ascii_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
}

/// `[QCUP]`-style tags: ASCII square brackets around anything.
fn bracket_tag(text: &str) -> Option<&str> {
    let open = text.find('[')?;
    let close = text[open..].find(']').map(|i| open + i + 1);
    Some(close.map_or(&text[open..], |end| &text[open..end]))
}

fn path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')
}

/// A `dir/file` path: a slash with path characters on both sides. Standard numbers that contain
/// a slash (`Q/CUP`, `GB/T`) are allowed.
fn slash_path(text: &str) -> Option<String> {
    for (i, _) in text.match_indices('/') {
        let before = text[..i].chars().next_back();
        let after = text[i + 1..].chars().next();
        if !(before.is_some_and(path_char) && after.is_some_and(path_char)) {
            continue;
        }
        let start = text[..i]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| path_char(c))
            .last()
            .map_or(i, |(j, _)| j);
        let end = text[i + 1..]
            .char_indices()
            .find(|&(_, c)| !path_char(c))
            .map_or(text.len(), |(j, _)| i + 1 + j);
        let token = &text[start..end];
        if !(token.starts_with("Q/CUP") || token.starts_with("GB/T")) {
            return Some(token.to_owned());
        }
    }
    None
}

/// A file name such as `RepInfo.cs` or `mcc_codes.csv`: a dot between a name character and a
/// known file extension.
fn file_name(text: &str) -> Option<String> {
    const EXTENSIONS: &[&str] = &[
        "md", "csv", "cs", "java", "php", "rs", "json", "txt", "html", "htm", "py", "js", "ts",
        "svn", "jsp", "h", "xml", "pdf",
    ];
    for (i, _) in text.match_indices('.') {
        let before = text[..i].chars().next_back();
        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let ext: String = text[i + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        if EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) {
            return Some(format!("…{}", &text[i..i + 1 + ext.len()]));
        }
    }
    None
}

/// Test helper: `chinese` is `full` with every English text of a text or citation emptied, and
/// nothing else changed (what build.rs compiles into the WebAssembly).
#[cfg(test)]
pub(crate) fn assert_chinese_only_copy(full: &str, chinese: &str) {
    use serde_json::Value;
    fn walk(full: &Value, zh: &Value, at: &str, emptied: &mut usize) {
        match (full, zh) {
            (Value::Object(f), Value::Object(z)) => {
                assert_eq!(
                    f.keys().collect::<Vec<_>>(),
                    z.keys().collect::<Vec<_>>(),
                    "{at}"
                );
                let text = matches!(
                    (f.get("zh"), f.get("en")),
                    (Some(Value::String(_)), Some(Value::String(_)))
                );
                for (key, value) in f {
                    if text && key == "en" {
                        assert_eq!(z[key], Value::String(String::new()), "{at}.en");
                        *emptied += 1;
                    } else {
                        walk(value, &z[key], &format!("{at}.{key}"), emptied);
                    }
                }
            }
            (Value::Array(f), Value::Array(z)) => {
                assert_eq!(f.len(), z.len(), "{at}");
                for (i, (a, b)) in f.iter().zip(z).enumerate() {
                    walk(a, b, &format!("{at}[{i}]"), emptied);
                }
            }
            _ => assert_eq!(full, zh, "{at}"),
        }
    }
    assert!(
        chinese.len() < full.len() * 3 / 4,
        "the copy is not smaller"
    );
    let full: Value = serde_json::from_str(full).expect("full file parses");
    let zh: Value = serde_json::from_str(chinese).expect("Chinese-only copy parses");
    let mut emptied = 0;
    walk(&full, &zh, "$", &mut emptied);
    assert!(emptied > 10, "only {emptied} English texts emptied");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_first_uses_the_full_set_once_handed_over() {
        let set: ChineseFirst<Bilingual> = ChineseFirst::new();
        let parse = |json: &str| serde_json::from_str::<Bilingual>(json).ok();
        let compiled = r#"{"zh":"您好","en":""}"#;
        assert_eq!(
            set.get(compiled, parse).get(Lang::En),
            "您好",
            "no blank before the English"
        );
        assert!(!set.has_full());
        set.provide_full(r#"{"zh":"您好","en":"Hello"}"#.to_owned());
        assert!(set.has_full());
        assert_eq!(set.get(compiled, parse).get(Lang::En), "Hello");
        assert_eq!(set.get(compiled, parse).get(Lang::Zh), "您好");
        // The first text handed over wins.
        set.provide_full(r#"{"zh":"x","en":"y"}"#.to_owned());
        assert_eq!(set.get(compiled, parse).get(Lang::En), "Hello");

        let broken: ChineseFirst<Bilingual> = ChineseFirst::new();
        broken.provide_full("not json".to_owned());
        assert_eq!(
            broken.get(compiled, parse).get(Lang::Zh),
            "您好",
            "falls back to the compiled set"
        );
    }

    #[test]
    fn an_empty_english_text_shows_the_chinese() {
        assert_eq!(Bilingual::new("您好", "").get(Lang::En), "您好");
        assert_eq!(Bilingual::new("您好", "Hello").get(Lang::En), "Hello");
        assert_eq!(
            Source::new("《支付机构监督管理条例》", "").get(Lang::En),
            "《支付机构监督管理条例》"
        );
        assert!(
            !Bilingual::new("您好", "").is_complete(),
            "validation still sees the gap"
        );
    }

    #[test]
    fn lang_parse_accepts_tags_and_rejects_others() {
        assert_eq!(Lang::parse("zh"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("EN_us"), Some(Lang::En));
        assert_eq!(Lang::parse(" en "), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::parse(""), None);
        assert_eq!(Lang::parse("<script>"), None);
    }

    #[test]
    fn fold_width_maps_full_width_ascii_and_ideographic_space_only() {
        let folded: String = "ＡＢｃ１２３！\u{3000}～拉卡拉，"
            .chars()
            .map(fold_width)
            .collect();
        assert_eq!(folded, "ABc123! ~拉卡拉,");
        assert_eq!(fold_width('\u{FF00}'), '\u{FF00}');
        assert_eq!(fold_width('\u{FF5F}'), '\u{FF5F}');
    }

    #[test]
    fn bilingual_picks_language_and_checks_completeness() {
        let t = Bilingual::new("你好", "Hello");
        assert_eq!(t.get(Lang::Zh), "你好");
        assert_eq!(t.get(Lang::En), "Hello");
        assert!(t.is_complete());
        assert!(!Bilingual::new("你好", " ").is_complete());
    }

    #[test]
    fn a_checkable_citation_has_no_problems() {
        let ok = Source::new(
            "中国银联企业标准 Q/CUP 006.6-2015《中国银联银行卡交换系统技术规范（国际卷）第6部分 附录》附录A.2 应答码97",
            "China UnionPay standard Q/CUP 006.6-2015, Appendix A.2, code 97",
        );
        assert_eq!(ok.citation_problems(), Vec::<String>::new());
        let licences = Source::new(
            "中国人民银行 已获许可机构（支付机构）名单，截至2026年10月2日",
            "PBoC list of licensed payment institutions, as of 2026-10-02",
        );
        assert!(licences.citation_problems().is_empty());
        assert_eq!(licences.get(Lang::En), licences.en);
        assert!(!licences.unconfirmed && Source::unconfirmed("a", "b").unconfirmed);
    }

    #[test]
    fn paths_file_names_tags_and_english_on_chinese_pages_are_problems() {
        let bad = |zh: &str, en: &str| Source::new(zh, en).citation_problems();
        assert!(!bad("来源见 shared/domain/response-codes.md §1 (97)", "x").is_empty());
        assert!(!bad("《条例》第二条", "[HOTEL] radtek/hotel RepInfo.cs").is_empty());
        assert!(!bad("《条例》第二条", "see mcc_codes.csv").is_empty());
        assert!(!bad("《条例》第二条", "src/provider/lipos").is_empty());
        assert!(!bad("《条例》第二条", "https://www.example.com/x").is_empty());
        assert!(!bad("银发〔2021〕259号: acquirer closes the terminal", "x").is_empty());
        assert!(!bad("《条例》第二条", " ").is_empty());
        assert!(!bad("MccTransfer.java", "x").is_empty());
        // Standard numbers with a slash and allowed code names are fine.
        assert!(bad("国家标准 GB/T 2260；ISO 8583:1987；MCC；POS", "GB/T 2260").is_empty());
    }
}
