//! The four tool pages. Each reads and validates its deep-link parameter;
//! their own issues fill them in.

use crate::domain::links::{clean_query, IdParam};
use crate::i18n::*;
use crate::store::db;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Placeholder body for a tool that is not built yet, echoing (as text) the
/// validated deep-link target so advocacy groups' links already resolve.
#[component]
fn ComingNext(#[prop(into)] target: Signal<IdParam>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p><span class="tag">{t!(i18n, coming.badge)}</span></p>
        <p>{t!(i18n, coming.text)}</p>
        {move || match target.get() {
            IdParam::Absent => None,
            IdParam::Valid(id) => Some(Either::Left(view! {
                <p class="deep-link">{t!(i18n, coming.deep_link)} " " <code>{id}</code></p>
            })),
            IdParam::Invalid => Some(Either::Right(view! {
                <p class="warn" role="alert">{t!(i18n, coming.bad_param)}</p>
            })),
        }}
    }
}

fn path_param(name: &'static str) -> Signal<IdParam> {
    let params = use_params_map();
    Signal::derive(move || params.with(|p| IdParam::from_segment(p.get_str(name))))
}

#[component]
pub fn WizardPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, wizard.title)}</h1>
        <ComingNext target=path_param("step") />
    }
}

#[component]
pub fn CheckPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let sub = path_param("sub");
    // `?q=` is free text (a company name or licence number): cleaned, shown only as text.
    let q = move || query.with(|m| m.get_str("q").and_then(clean_query));
    view! {
        <h1>{t!(i18n, check.title)}</h1>
        <ComingNext target=sub />
        {move || q().map(|q| view! { <p class="deep-link">"?q= " <code>{q}</code></p> })}
    }
}

#[component]
pub fn DiaryPage() -> impl IntoView {
    let i18n = use_i18n();
    // Opening the database here proves the storage layer works (or says plainly that it doesn't).
    let status = LocalResource::new(|| async { db::open().await.map(|db| db.close()) });
    view! {
        <h1>{t!(i18n, diary.title)}</h1>
        <Suspense fallback=|| ()>
            {move || status.get().map(|result| match result {
                Ok(()) => Either::Left(view! {
                    <p class="ok" id="db-status" data-db="ok">{t!(i18n, diary.available)}</p>
                }),
                Err(_) => Either::Right(view! {
                    <p class="warn" id="db-status" data-db="unavailable" role="alert">{t!(i18n, diary.unavailable)}</p>
                }),
            })}
        </Suspense>
        <ComingNext target=path_param("case") />
    }
}

#[component]
pub fn LettersPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, letters.title)}</h1>
        <ComingNext target=path_param("kind") />
    }
}
