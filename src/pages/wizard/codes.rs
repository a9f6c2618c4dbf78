//! Response-code decoder: `/codes`, `/codes/<code>` (e.g. `/codes/A0`).
//!
//! The merchant types what the screen or slip shows; the answer updates as
//! they type. What they typed is only ever shown as text, together with what
//! it was read as after normalising (`ａ０` → `A0`, `5` → `05`).

use super::outcome::SourceText;
use crate::components::deferred::deferred;
use crate::domain::codes::{table, CodeEntry, Lookup};
use crate::domain::text::Lang;
use crate::i18n::*;
use crate::lang::use_lang;
use crate::routing::{href, raw_path_param};
use leptos::prelude::*;

/// Longest input kept: far beyond any code, short enough to show back safely.
const MAX_INPUT_CHARS: usize = 32;

fn capped(raw: &str) -> String {
    raw.chars().take(MAX_INPUT_CHARS).collect()
}

#[component]
pub fn CodesPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let code = raw_path_param("code");
    let from_url = move || code.with(|c| c.as_deref().map(capped));
    let (input, set_input) = signal(from_url().unwrap_or_default());
    // A link to another code on this page (the list below) changes only the parameter.
    Effect::new(move |previous: Option<Option<String>>| {
        let code = from_url();
        if previous.is_some() {
            if let Some(code) = code.clone() {
                set_input.set(code);
            }
        }
        code
    });

    let result = move || {
        let lang = lang.get();
        let raw = input.get();
        if raw.trim().is_empty() {
            return view! { <p class="muted">{t!(i18n, wizard.codes.empty)}</p> }.into_any();
        }
        match table().lookup(&raw) {
            Lookup::Found { normalised, entry } => {
                view! { <CodeResult normalised=normalised entry=entry lang=lang /> }.into_any()
            }
            Lookup::NotInTable { normalised } => view! {
                <div class="code-result code-unknown" data-result="not-in-table">
                    <h2>{t!(i18n, wizard.codes.not_in_table_title)}</h2>
                    <p>
                        {t!(i18n, wizard.codes.you_typed)} " " <code class="code-typed">{raw.clone()}</code>
                        " · " {t!(i18n, wizard.codes.read_as)} " " <code class="code-read">{normalised}</code>
                    </p>
                    <p>{t!(i18n, wizard.codes.not_in_table_text)}</p>
                </div>
            }
            .into_any(),
            Lookup::Invalid => view! {
                <div class="code-result code-invalid" data-result="invalid">
                    <p class="warn">
                        {t!(i18n, wizard.codes.invalid)} " "
                        <code class="code-typed">{raw.clone()}</code>
                    </p>
                    <p>{t!(i18n, wizard.codes.invalid_hint)}</p>
                </div>
            }
            .into_any(),
        }
    };

    let all_codes = move || {
        let lang = lang.get();
        table()
            .entries()
            .iter()
            .map(|entry| {
                let first = entry
                    .codes()
                    .first()
                    .map(|c| (*c).to_owned())
                    .unwrap_or_default();
                view! {
                    <li>
                        <a href=href(&format!("/codes/{first}"))>
                            <code>{entry.code.clone()}</code>
                            " "
                            {entry.meaning.get(lang).to_owned()}
                        </a>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <h1>{t!(i18n, wizard.codes_title)}</h1>
        <p>{t!(i18n, wizard.codes.intro)}</p>
        <div class="code-form" role="search">
            <label for="code-input">{t!(i18n, wizard.codes.input_label)}</label>
            <input
                id="code-input"
                class="code-input"
                type="text"
                inputmode="text"
                autocapitalize="characters"
                autocomplete="off"
                spellcheck="false"
                enterkeyhint="search"
                maxlength=MAX_INPUT_CHARS.to_string()
                aria-describedby="code-input-hint"
                placeholder=move || td_string!(i18n.get_locale(), wizard.codes.placeholder)
                prop:value=input
                on:input=move |ev| set_input.set(capped(&event_target_value(&ev)))
            />
            <p class="note" id="code-input-hint">{t!(i18n, wizard.codes.input_hint)}</p>
        </div>
        <div id="code-result" aria-live="polite">{result}</div>
        <details class="code-all">
            <summary>{t!(i18n, wizard.codes.all_codes)} " (" {table().code_count()} ")"</summary>
            <p class="note">{move || table().about().get(lang.get()).to_owned()}</p>
            // Folded away: the rows of every code are drawn a task later (components::deferred).
            <ul class="code-list">{deferred(move || all_codes)}</ul>
        </details>
        <p class="no-print">
            <a href=href("/wizard")>{t!(i18n, wizard.codes.back_to_wizard)}</a>
        </p>
    }
}

#[component]
fn CodeResult(normalised: String, entry: &'static CodeEntry, lang: Lang) -> impl IntoView {
    let i18n = use_i18n();
    let other = match lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    };
    let parties = entry
        .who_acts
        .iter()
        .map(|party| view! { <li>{party.name(lang)}</li> })
        .collect_view();
    view! {
        <article class="code-result" data-result="found" aria-labelledby="code-result-title">
            <h2 id="code-result-title">
                <code class="code-read">{normalised}</code>
                " "
                {entry.meaning.get(lang).to_owned()}
            </h2>
            {entry.approved.then(|| view! { <p class="ok code-approved">{t!(i18n, wizard.codes.approved)}</p> })}
            <dl class="code-facts">
                // The Chinese meaning helps on an English page (it is what the screen shows); an
                // English gloss on a Chinese page would only be untranslated text.
                {(lang == Lang::En).then(|| view! {
                    <dt>{t!(i18n, wizard.codes.meaning_other)}</dt>
                    <dd lang=other.html_lang()>{entry.meaning.get(other).to_owned()}</dd>
                })}
                {entry.terminal_display.clone().map(|text| view! {
                    <dt>{t!(i18n, wizard.codes.terminal_display)}</dt>
                    <dd lang="zh-CN">"“" {text} "”"</dd>
                })}
                {(!entry.who_acts.is_empty()).then(|| view! {
                    <dt>{t!(i18n, wizard.codes.who_acts)}</dt>
                    <dd><ul class="wz-parties">{parties}</ul></dd>
                })}
                <dt>{t!(i18n, wizard.codes.what_to_do)}</dt>
                <dd>{entry.what_to_do.get(lang).to_owned()}</dd>
                {(entry.code != entry.codes().first().copied().unwrap_or_default()).then(|| view! {
                    <dt>{t!(i18n, wizard.codes.row)}</dt>
                    <dd><code>{entry.code.clone()}</code></dd>
                })}
            </dl>
            {entry
                .sources()
                .map(|source| view! { <p class="wz-source-inline"><SourceText source=source /></p> })
                .collect_view()}
        </article>
    }
}
