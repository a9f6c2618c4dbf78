use crate::i18n::*;
use crate::routing::href;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, common.not_found.title)}</h1>
        <p>{t!(i18n, common.not_found.text)}</p>
        <p><A href=href("/")>{t!(i18n, common.not_found.go_home)}</A></p>
    }
}
