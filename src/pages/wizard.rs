//! Diagnostic wizard: `/wizard`, `/wizard/<step-id>`; response-code decoder: `/codes`.

use crate::components::coming_next::{path_param, ComingNext};
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn WizardPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, wizard.title)}</h1>
        <ComingNext target=path_param("step") />
    }
}

/// Response-code decoder: `/codes`, `/codes/<code>`.
#[component]
pub fn CodesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, wizard.codes_title)}</h1>
        <ComingNext target=path_param("code") />
    }
}
