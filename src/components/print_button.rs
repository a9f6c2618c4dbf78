//! A print button that says so when the browser cannot print (some in-app browsers have no
//! working `print()`), pointing to the alternatives instead of silently doing nothing.

use crate::i18n::*;
use crate::platform;
use leptos::prelude::*;

#[component]
pub fn PrintButton(
    children: Children,
    #[prop(optional, into)] id: Option<String>,
    #[prop(optional, into)] class: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let failed = RwSignal::new(false);
    view! {
        <button type="button" id=id class=class on:click=move |_| failed.set(!platform::print())>
            {children()}
        </button>
        <Show when=move || failed.get()>
            <p class="warn no-print" role="alert">{t!(i18n, common.print_unavailable)}</p>
        </Show>
    }
}
