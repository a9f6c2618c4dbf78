//! "Share this page": the page's own link (with its query, so a checker result or a wizard
//! step is shared as it is), a copy button and a QR code drawn offline in Rust.

use crate::domain::share::QrMatrix;
use crate::i18n::*;
use crate::platform;
use crate::routing::{href, use_routing};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_url;

/// A QR code as an inline SVG built element by element (never from an HTML string).
#[component]
pub fn QrCode(
    #[prop(into)] text: Signal<String>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let matrix = Memo::new(move |_| QrMatrix::encode(&text.get()).ok());
    move || match matrix.get() {
        Some(m) => Either::Left(view! {
            <svg class="qr" role="img" aria-label=label
                viewBox=format!("0 0 {0} {0}", m.view_size())
                shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
                <rect width=m.view_size() height=m.view_size() fill="#fff" />
                <path d=m.svg_path() fill="#000" />
            </svg>
        }),
        None => Either::Right(view! { <p class="warn">{t!(i18n, reach.share.too_long)}</p> }),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
}

#[component]
pub fn SharePanel() -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let copy_state = RwSignal::new(CopyState::Idle);
    let router_url = use_url();
    let url = RwSignal::new(platform::current_href());
    // Re-read the address whenever the route or its query changes. The router updates its
    // signals before the browser's history entry, so read on the next tick; and a tool whose
    // code is still loading gets its history entry only when it is ready (`Routing` turns false).
    let routing = use_routing();
    Effect::new(move || {
        router_url.track();
        routing.track();
        copy_state.set(CopyState::Idle);
        set_timeout(
            move || url.set(platform::current_href()),
            std::time::Duration::ZERO,
        );
    });
    let copy = move |_| {
        let text = url.get_untracked();
        leptos::task::spawn_local(async move {
            let ok = platform::copy_text(&text).await.is_ok();
            copy_state.set(if ok {
                CopyState::Copied
            } else {
                CopyState::Failed
            });
        });
    };
    let qr_label =
        Signal::derive(move || td_string!(i18n.get_locale(), reach.share.qr_label).to_owned());
    view! {
        <section class="share no-print" aria-label=move || td_string!(i18n.get_locale(), reach.share.title)>
            <button type="button" class="secondary share-toggle" aria-expanded=move || open.get().to_string()
                aria-controls="share-panel" on:click=move |_| open.update(|o| *o = !*o)>
                {move || if open.get() {
                    Either::Left(t!(i18n, reach.share.close))
                } else {
                    Either::Right(t!(i18n, reach.share.open))
                }}
            </button>
            <Show when=move || open.get()>
                <div id="share-panel" class="share-panel">
                    <label for="share-url">{t!(i18n, reach.share.link_label)}</label>
                    <input id="share-url" type="text" readonly prop:value=move || url.get() />
                    <div class="actions">
                        <button type="button" on:click=copy>{t!(i18n, reach.share.copy_link)}</button>
                        <A href=href("/poster")>{t!(i18n, reach.share.poster)}</A>
                    </div>
                    <p role="status" class="status">
                        {move || match copy_state.get() {
                            CopyState::Idle => None,
                            CopyState::Copied => Some(Either::Left(t!(i18n, reach.share.copied))),
                            CopyState::Failed => Some(Either::Right(t!(i18n, reach.share.copy_failed))),
                        }}
                    </p>
                    <QrCode text=url label=qr_label />
                    <p class="muted">{t!(i18n, reach.share.qr_help)}</p>
                </div>
            </Show>
        </section>
    }
}
