//! A dismissible note for WeChat / QQ / Alipay / DingTalk in-app browsers and for browsers
//! without service workers: what may not work there and how to open the page in the phone's
//! own browser. It never blocks use.

use crate::domain::share::{detect_in_app, InAppBrowser};
use crate::i18n::*;
use crate::{platform, store};
use leptos::prelude::*;

#[component]
pub fn InAppNote() -> impl IntoView {
    let i18n = use_i18n();
    let in_app = detect_in_app(&platform::user_agent());
    let no_offline = !platform::service_workers_supported();
    let dismissed = RwSignal::new(store::settings::load().in_app_note_dismissed);
    let show = move || (in_app.is_some() || no_offline) && !dismissed.get();
    let app_name = move || {
        in_app.map(|b: InAppBrowser| match i18n.get_locale() {
            Locale::zh => b.name_zh(),
            Locale::en => b.name_en(),
        })
    };
    let dismiss = move |_| {
        dismissed.set(true);
        // If it cannot be saved, the note simply comes back on the next visit.
        let _ = store::settings::save_in_app_note_dismissed();
    };
    view! {
        <Show when=show>
            // A labelled complementary landmark (not role=note, which would leave its text
            // outside every landmark).
            <aside class="in-app-note no-print" id="in-app-note"
                aria-label=move || td_string!(i18n.get_locale(), reach.inapp.label)>
                {move || app_name().map(|app| view! {
                    <p><strong>{t!(i18n, reach.inapp.title, app = app)}</strong></p>
                    <p>{t!(i18n, reach.inapp.limits)}</p>
                    <p>{t!(i18n, reach.inapp.how)}</p>
                })}
                {no_offline.then(|| view! { <p>{t!(i18n, reach.inapp.no_sw)}</p> })}
                <button type="button" class="secondary" on:click=dismiss>{t!(i18n, reach.inapp.dismiss)}</button>
            </aside>
        </Show>
    }
}
