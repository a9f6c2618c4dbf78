//! The UI language for views: between the generated i18n `Locale` and the domain's [`Lang`],
//! which picks the language of texts loaded from data files.

use crate::domain::text::Lang;
use crate::i18n::*;
use leptos::prelude::*;

pub fn locale_of(lang: Lang) -> Locale {
    match lang {
        Lang::Zh => Locale::zh,
        Lang::En => Locale::en,
    }
}

pub fn lang_of(locale: Locale) -> Lang {
    match locale {
        Locale::zh => Lang::Zh,
        Locale::en => Lang::En,
    }
}

/// The current UI language as a domain [`Lang`], for picking data texts.
pub fn use_lang() -> Signal<Lang> {
    let i18n = use_i18n();
    Signal::derive(move || lang_of(i18n.get_locale()))
}
