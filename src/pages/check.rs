//! Licence & fee checker: `/check?q=…`, `/check/<sub>` (mcc, fee, clearing).

use crate::components::coming_next::{path_param, ComingNext};
use crate::domain::links::clean_query;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CheckPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    // `?q=` is free text (a company name or licence number): cleaned, shown only as text.
    let q = move || query.with(|m| m.get_str("q").and_then(clean_query));
    view! {
        <h1>{t!(i18n, check.title)}</h1>
        <ComingNext target=path_param("sub") />
        {move || q().map(|q| view! { <p class="deep-link">"?q= " <code>{q}</code></p> })}
    }
}
