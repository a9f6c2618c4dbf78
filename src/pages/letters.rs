//! Complaint letters: `/letters`, `/letters/<kind>`.

use crate::components::coming_next::{path_param, ComingNext};
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn LettersPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, letters.title)}</h1>
        <ComingNext target=path_param("kind") />
    }
}
