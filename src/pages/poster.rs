//! A printable A4 poster for advocacy groups: headline, one paragraph in Chinese, the QR code
//! of the home page (or of one tool) and the address as text. `/poster?tool=wizard|check|diary|letters`.

use crate::components::share::QrCode;
use crate::i18n::*;
use crate::platform;
use crate::routing::href;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The tools a poster may point to; anything else in `?tool=` means the home page.
const TOOLS: [&str; 4] = ["wizard", "check", "diary", "letters"];

#[component]
pub fn PosterPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let tool = Memo::new(move |_| {
        query.with(|q| {
            q.get_str("tool")
                .and_then(|t| TOOLS.iter().find(|known| **known == t).copied())
        })
    });
    let target = Signal::derive(move || {
        platform::absolute_url(&href(
            &tool.get().map_or("/".to_owned(), |t| format!("/{t}")),
        ))
    });
    let navigate = use_navigate();
    let choose = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let path = if TOOLS.contains(&value.as_str()) {
            format!("/poster?tool={value}")
        } else {
            "/poster".to_owned()
        };
        navigate(&href(&path), Default::default());
    };
    let tool_label = move |t: &str| match t {
        "wizard" => td_string!(i18n.get_locale(), common.nav.wizard),
        "check" => td_string!(i18n.get_locale(), common.nav.check),
        "diary" => td_string!(i18n.get_locale(), common.nav.diary),
        _ => td_string!(i18n.get_locale(), common.nav.letters),
    };
    let qr_label = Signal::derive(move || target.get());
    // Some in-app browsers have no print(): say so and point to the alternatives.
    let print_failed = RwSignal::new(false);
    view! {
        <div class="no-print">
            <h1>{t!(i18n, reach.poster.title)}</h1>
            <p>{t!(i18n, reach.poster.intro)}</p>
            <div class="field">
                <label for="poster-target">{t!(i18n, reach.poster.target)}</label>
                <select id="poster-target" on:change=choose>
                    <option value="" selected=move || tool.get().is_none()>{t!(i18n, reach.poster.target_home)}</option>
                    {TOOLS.iter().map(|t| view! {
                        <option value=*t selected=move || tool.get() == Some(*t)>{move || tool_label(t)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="actions">
                <button type="button" on:click=move |_| print_failed.set(!platform::print())>
                    {t!(i18n, reach.poster.print)}
                </button>
            </div>
            <Show when=move || print_failed.get()>
                <p class="warn" role="alert">{t!(i18n, reach.poster.print_unavailable)}</p>
            </Show>
        </div>
        // The poster itself is Chinese whatever the UI language: it is for Chinese merchants.
        <article class="poster" lang="zh-CN">
            // The printed sheet's level-1 heading (the page's <h1> above is screen-only).
            {leptos::html::p()
                .class("poster-headline")
                .attr("role", "heading")
                .attr("aria-level", "1")
                .child(td_string!(Locale::zh, reach.poster.headline))}
            <p class="poster-body">{td_string!(Locale::zh, reach.poster.body)}</p>
            <div class="poster-qr"><QrCode text=target label=qr_label /></div>
            <p class="poster-url">
                {td_string!(Locale::zh, reach.poster.url_label)} "： " <span id="poster-url">{move || target.get()}</span>
            </p>
        </article>
    }
}
