//! Placeholder body for a tool that is not built yet. It echoes the validated
//! deep-link target (as text) so advocacy groups' links already resolve.

use crate::domain::links::IdParam;
use crate::i18n::*;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ComingNext(#[prop(into)] target: Signal<IdParam>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p><span class="tag">{t!(i18n, common.coming.badge)}</span></p>
        <p>{t!(i18n, common.coming.text)}</p>
        {move || match target.get() {
            IdParam::Absent => None,
            IdParam::Valid(id) => Some(Either::Left(view! {
                <p class="deep-link">{t!(i18n, common.coming.deep_link)} " " <code>{id}</code></p>
            })),
            IdParam::Invalid => Some(Either::Right(view! {
                <p class="warn" role="alert">{t!(i18n, common.coming.bad_param)}</p>
            })),
        }}
    }
}

/// A path parameter of the current route, validated as an id.
pub fn path_param(name: &'static str) -> Signal<IdParam> {
    let params = use_params_map();
    Signal::derive(move || params.with(|p| IdParam::from_segment(p.get_str(name))))
}
