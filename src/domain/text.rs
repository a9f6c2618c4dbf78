//! Bilingual text and fact sources shared by every domain module.
//!
//! Every fact the app shows a merchant carries a [`Source`]; every piece of
//! prose exists in Chinese and English ([`Bilingual`]).

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
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// True when both languages have non-blank text.
    pub fn is_complete(&self) -> bool {
        !self.zh.trim().is_empty() && !self.en.trim().is_empty()
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

/// Where a fact comes from: a file under `../shared` (and the section or
/// article inside it), plus what the original source is.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Source {
    /// File in `../shared` the fact was carried from, e.g. `domain/fees.md §2`.
    pub shared: String,
    /// The original source as that file cites it, e.g. `实施办法 第四十三条`.
    pub cites: String,
    /// True when the shared file marks the fact UNCONFIRMED: the UI must say so.
    #[serde(default)]
    pub unconfirmed: bool,
}

impl Source {
    pub fn is_complete(&self) -> bool {
        !self.shared.trim().is_empty() && !self.cites.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
