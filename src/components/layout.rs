//! Page frame: skip link, top bar with navigation and language switch, the
//! "new version" bar, and the footer with the not-legal-advice note.

use crate::components::in_app::InAppNote;
use crate::components::share::SharePanel;
use crate::domain::text::Lang;
use crate::i18n::*;
use crate::lang::{lang_of, locale_of};
use crate::routing::{href, use_routing};
use crate::{platform, store};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        // With <base href> a bare "#main" would resolve to the base URL and navigate away,
        // so the skip link moves focus itself.
        <a class="skip-link" href="#main" on:click=skip_to_main>{t!(i18n, common.skip_to_content)}</a>
        <header class="topbar">
            <A href=href("/") exact=true>
                <span class="brand">{t!(i18n, common.app_name)}</span>
            </A>
            <LangSwitch />
        </header>
        <nav class="tabs" aria-label=move || td_string!(i18n.get_locale(), common.nav.label)>
            <A href=href("/wizard")>{t!(i18n, common.nav.wizard)}</A>
            <A href=href("/check")>{t!(i18n, common.nav.check)}</A>
            <A href=href("/diary")>{t!(i18n, common.nav.diary)}</A>
            <A href=href("/letters")>{t!(i18n, common.nav.letters)}</A>
        </nav>
        <UpdateBar />
        <DbNoticeBar />
        <InAppNote />
        <main id="main" class="page" tabindex="-1">
            <RouteLoading />
            // At least a screen tall (style/main.css): the share panel and the footer start below
            // the fold, so a page that draws more once its data has loaded moves nothing in view.
            <div class="route-view">{children()}</div>
            <SharePanel />
        </main>
        <footer class="footer">
            <span>{t!(i18n, common.footer.not_advice)}</span>
            " · "
            <span>{t!(i18n, common.footer.local_only)}</span>
            " · "
            <A href=href("/about")>{t!(i18n, common.footer.about)}</A>
        </footer>
    }
}

/// "Loading…" while a tool's code is fetched on its first visit (shown after a short delay by the
/// stylesheet, so a quick switch does not flash it).
#[component]
fn RouteLoading() -> impl IntoView {
    let i18n = use_i18n();
    let routing = use_routing();
    move || {
        routing.get().then(|| {
            view! { <p class="route-loading muted" role="status">{t!(i18n, common.loading)}</p> }
        })
    }
}

fn skip_to_main(event: leptos::ev::MouseEvent) {
    event.prevent_default();
    if let Some(main) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
    {
        let _ = main.focus();
    }
}

/// One button that switches to the other language and remembers the choice.
#[component]
fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let switch = move |_| {
        let next = match lang_of(i18n.get_locale_untracked()) {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        };
        let apply = move || {
            i18n.set_locale(locale_of(next));
            // Not fatal if it fails (private mode): the switch still works for this visit.
            let _ = store::settings::save_lang(next);
            drop_lang_query();
        };
        match next {
            // The English texts of the data sets come first (from the service worker once it has
            // them), so no page shows Chinese data texts under an English UI.
            Lang::En => leptos::task::spawn_local(async move {
                store::english::load().await;
                apply();
            }),
            Lang::Zh => apply(),
        }
    };
    view! {
        <button
            type="button"
            class="lang-switch"
            on:click=switch
            aria-label=move || td_string!(i18n.get_locale(), common.lang.switch_to_other_aria)
        >
            {t!(i18n, common.lang.switch_to_other)}
        </button>
    }
}

/// After an explicit switch, a `?lang=` in the address would override the
/// choice on reload; remove it from the address without navigating.
fn drop_lang_query() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(href) = window.location().href() else {
        return;
    };
    let Ok(url) = web_sys::Url::new(&href) else {
        return;
    };
    if url.search_params().get("lang").is_none() {
        return;
    }
    url.search_params().delete("lang");
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url.href()));
    }
}

/// Shown when another tab holds up or takes over the database (see `store::db::DbNotice`).
#[component]
fn DbNoticeBar() -> impl IntoView {
    use crate::store::db::{self, DbNotice};
    let i18n = use_i18n();
    let (notice, set_notice) = signal(None::<DbNotice>);
    db::on_notice(move |n| set_notice.set((n != DbNotice::Unblocked).then_some(n)));
    view! {
        {move || notice.get().map(|n| view! {
            <div class="update-bar" id="db-notice" role="alert" data-notice=match n {
                DbNotice::Blocked => "blocked",
                _ => "closed",
            }>
                <span>{match n {
                    DbNotice::Blocked => t_string!(i18n, common.db.blocked),
                    _ => t_string!(i18n, common.db.closed_elsewhere),
                }}</span>
                <button type="button" on:click=|_| platform::reload()>
                    {t!(i18n, common.db.reload)}
                </button>
            </div>
        })}
    }
}

/// Shown when a new build has been downloaded and is waiting to take over.
#[component]
fn UpdateBar() -> impl IntoView {
    let i18n = use_i18n();
    let (ready, set_ready) = signal(false);
    platform::on_update_ready(move || set_ready.set(true));
    view! {
        <Show when=move || ready.get()>
            <div class="update-bar" role="status">
                <span>{t!(i18n, common.update.available)}</span>
                <button type="button" on:click=|_| platform::apply_update()>
                    {t!(i18n, common.update.reload)}
                </button>
            </div>
        </Show>
    }
}

/// Scrolls `el` into view by the least movement ("nearest"), so a message the merchant's
/// action produced is on screen; one already in view does not move the page.
pub fn scroll_into_view(el: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"block".into(), &"nearest".into());
    if let Some(f) = js_sys::Reflect::get(el, &"scrollIntoView".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = f.call1(el, &opts);
    }
}

/// After the view has drawn it (and any section it deferred), scrolls the element `id` into view.
pub fn reveal(id: &'static str) {
    after_settle(move || {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
        {
            scroll_into_view(&el);
        }
    });
}

/// Runs `f` once the current update and every section it deferred have been drawn
/// ([`platform::settled`]), for scrolling a result into view where it will stay.
pub fn after_settle(f: impl FnOnce() + 'static) {
    leptos::task::spawn_local(async move {
        platform::settled().await;
        after_paint(f);
    });
}

/// Runs `f` once the current update has been drawn.
pub fn after_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || request_animation_frame(f));
}
