//! The root: language context, router (with the base path from Trunk's
//! public URL), layout and routes. See `domain::links` for the URL scheme.

use crate::components::layout::Layout;
use crate::domain::links;
use crate::domain::text::Lang;
use crate::i18n::*;
use crate::pages::{
    about::About, check::CheckPage, diary::DiaryPage, home::Home, letters::LettersPage,
    not_found::NotFound, poster::PosterPage, wizard::CodesPage, wizard::WizardPage,
};
use crate::{platform, store};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, LazyRoute};

/// The tools are lazy routes. In the release build their code is cut out of the main
/// WebAssembly module (scripts/build-wasm.mjs) and fetched the first time one of them is shown,
/// so the first page needs only the shell; the service worker precaches every part for offline
/// use. Three parts rather than one per route: each part shares most of its code, and every
/// extra split point multiplies the shared chunks the loader must fetch.
///
/// `fallible`: a part that cannot be fetched (offline before the service worker had it) is an
/// `Err`, shown as [`PartFailed`], not a panic.
#[leptos::wasm_split::wasm_split(
    guide,
    wasm_split_path = ::leptos::wasm_split,
    fallible,
    preload(#[doc(hidden)] preload_guide)
)]
fn guide_pages(page: u8) -> Result<AnyView, PartUnavailable> {
    Ok(match page {
        0 => view! { <WizardPage /> }.into_any(),
        1 => view! { <CodesPage /> }.into_any(),
        2 => view! { <PosterPage /> }.into_any(),
        _ => view! { <About /> }.into_any(),
    })
}

#[leptos::wasm_split::wasm_split(
    check,
    wasm_split_path = ::leptos::wasm_split,
    fallible,
    preload(#[doc(hidden)] preload_check)
)]
fn check_pages() -> Result<AnyView, PartUnavailable> {
    Ok(view! { <CheckPage /> }.into_any())
}

#[leptos::wasm_split::wasm_split(
    records,
    wasm_split_path = ::leptos::wasm_split,
    fallible,
    preload(#[doc(hidden)] preload_records)
)]
fn record_pages(page: u8) -> Result<AnyView, PartUnavailable> {
    Ok(match page {
        0 => view! { <DiaryPage /> }.into_any(),
        _ => view! { <LettersPage /> }.into_any(),
    })
}

/// A part of the app's code could not be fetched.
#[derive(Debug, Clone, Copy)]
pub struct PartUnavailable;

impl From<leptos::wasm_split::SplitLoaderError> for PartUnavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PartUnavailable
    }
}

/// In place of a tool whose code could not be fetched: what happened, that nothing was lost, and
/// a button that reloads this address (the loader retries a failed part from scratch).
#[component]
fn PartFailed() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="part-failed" role="alert" id="part-failed">
            <p class="warn">{t!(i18n, common.part_failed.message)}</p>
            <button type="button" on:click=|_| platform::reload()>
                {t!(i18n, common.part_failed.retry)}
            </button>
        </div>
    }
}

/// Loads the code of the part `pathname` belongs to (nothing for the shell's own pages). The start
/// awaits it for the page it opens on, so a deep link goes from the static shell straight to the
/// page rather than through an empty frame.
pub async fn preload_part(pathname: &str) {
    match links::route_part(base(), pathname) {
        links::RoutePart::Shell => {}
        // A failure is shown by the route itself (PartFailed), which tries once more.
        links::RoutePart::Guide => {
            let _ = preload_guide().await;
        }
        links::RoutePart::Check => {
            let _ = preload_check().await;
        }
        links::RoutePart::Records => {
            let _ = preload_records().await;
        }
    }
}

macro_rules! lazy_route {
    ($route:ident, $load:expr) => {
        #[derive(Debug)]
        struct $route;
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }
            async fn view(_this: Self) -> AnyView {
                $load
                    .await
                    .unwrap_or_else(|PartUnavailable| view! { <PartFailed /> }.into_any())
            }
        }
    };
}
lazy_route!(WizardRoute, guide_pages(0));
lazy_route!(CodesRoute, guide_pages(1));
lazy_route!(PosterRoute, guide_pages(2));
lazy_route!(AboutRoute, guide_pages(3));
lazy_route!(CheckRoute, check_pages());
lazy_route!(DiaryRoute, record_pages(0));
lazy_route!(LettersRoute, record_pages(1));

/// Whether a route is loading (its code is fetched on the first visit to a tool).
#[derive(Clone, Copy)]
pub struct Routing(pub ReadSignal<bool>);

pub fn locale_of(lang: Lang) -> Locale {
    match lang {
        Lang::Zh => Locale::zh,
        Lang::En => Locale::en,
    }
}

pub fn lang_of(locale: Locale) -> Lang {
    match locale {
        Locale::zh => Lang::Zh,
        Locale::en => Lang::En,
    }
}

/// The router base for this page (from Trunk's public URL); fixed for the page's life.
fn base() -> &'static str {
    static BASE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BASE.get_or_init(|| links::router_base(&platform::base_path()))
}

/// An in-app href under the deployment's base path, e.g. `href("/check")`.
pub fn href(path: &str) -> String {
    links::join_base(base(), path)
}

/// The current UI language as a domain [`Lang`], for picking data texts.
pub fn use_lang() -> Signal<Lang> {
    let i18n = use_i18n();
    Signal::derive(move || lang_of(i18n.get_locale()))
}

#[component]
pub fn App() -> impl IntoView {
    let query_lang = platform::query_param("lang");
    let start = links::initial_lang(query_lang.as_deref(), store::settings::load().lang);
    // A sub-context with an explicit initial locale: the main context would
    // follow the browser's languages, but this app is Chinese unless asked.
    let i18n = leptos_i18n::context::init_i18n_subcontext::<Locale>(Some(Signal::stored(
        locale_of(start),
    )));
    provide_context(i18n);
    Effect::new(move || {
        let lang = lang_of(i18n.get_locale());
        platform::set_html_lang(lang.html_lang());
        platform::set_title(td_string!(locale_of(lang), common.app_name));
    });

    // True while the router waits for a route, i.e. for a part's code on its first visit.
    let (routing, set_routing) = signal(false);
    provide_context(Routing(routing));

    view! {
        <Router base=base() set_is_routing=set_routing>
            <Layout>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/wizard") view={Lazy::<WizardRoute>::new()} />
                    <Route path=path!("/wizard/:step") view={Lazy::<WizardRoute>::new()} />
                    <Route path=path!("/codes") view={Lazy::<CodesRoute>::new()} />
                    <Route path=path!("/codes/:code") view={Lazy::<CodesRoute>::new()} />
                    <Route path=path!("/check") view={Lazy::<CheckRoute>::new()} />
                    <Route path=path!("/check/:sub") view={Lazy::<CheckRoute>::new()} />
                    <Route path=path!("/diary") view={Lazy::<DiaryRoute>::new()} />
                    <Route path=path!("/diary/:case") view={Lazy::<DiaryRoute>::new()} />
                    <Route path=path!("/letters") view={Lazy::<LettersRoute>::new()} />
                    <Route path=path!("/letters/:kind") view={Lazy::<LettersRoute>::new()} />
                    <Route path=path!("/about") view={Lazy::<AboutRoute>::new()} />
                    <Route path=path!("/poster") view={Lazy::<PosterRoute>::new()} />
                </Routes>
            </Layout>
        </Router>
    }
}
