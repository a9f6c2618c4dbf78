//! The root: language context, router (with the base path from Trunk's public URL), layout,
//! the routes and the split points. The routes come from the one route table,
//! `domain::links::ROUTES`; this module only gives each page its view.

use crate::components::add_to_diary::{PanelArgs, PanelLoader};
use crate::components::deadlines::HomeDeadlinesLoader;
use crate::components::late_view::LateFuture;
use crate::components::layout::Layout;
use crate::domain::links::{self, GuidePage, Page, RecordsPage, Route};
use crate::domain::text::Lang;
use crate::i18n::*;
use crate::lang::{lang_of, locale_of};
use crate::pages::{
    about::About, check::CheckPage, diary::DiaryPage, home::Home, letters::LettersPage,
    not_found::NotFound, poster::PosterPage, profile::ProfilePage, wizard::CodesPage,
    wizard::WizardPage,
};
use crate::routing::{base, Routing};
use crate::{platform, store};
use leptos::children::ToChildren;
use leptos::prelude::*;
use leptos::tachys::view::iterators::StaticVec;
use leptos_router::components::{RouteChildren, Router, Routes, RoutesProps};
use leptos_router::{
    ChooseView, NestedRoute, OptionalParamSegment, PossibleRouteMatch, StaticSegment,
};
use std::sync::Arc;

/// The tools load lazily (see [`PageView`]). In the release build their code is cut out of the main
/// WebAssembly module (scripts/build-wasm.mjs) and fetched the first time one of them is shown,
/// so the first page needs only the shell; the service worker precaches every part for offline
/// use. Three parts rather than one per route: each part shares most of its code, and every
/// extra split point multiplies the shared chunks the loader must fetch. (Measured 2026-11-28:
/// the diary and the letters as two parts made a letter's deep link 170 KB lighter but doubled
/// the files a deep link fetches, 7–8 to 14–16, and each one costs main-thread time; Lighthouse
/// performance fell by 6–16 points on the landing pages, so they stay one part.)
///
/// `fallible`: a part that cannot be fetched (offline before the service worker had it) is an
/// `Err`, shown as [`PartFailed`], not a panic.
#[leptos::wasm_split::wasm_split(
    guide,
    wasm_split_path = ::leptos::wasm_split,
    fallible,
    preload(#[doc(hidden)] preload_guide)
)]
fn guide_pages(page: GuidePage) -> Result<AnyView, PartUnavailable> {
    Ok(match page {
        GuidePage::Wizard => view! { <WizardPage /> }.into_any(),
        GuidePage::Codes => view! { <CodesPage /> }.into_any(),
        GuidePage::Poster => view! { <PosterPage /> }.into_any(),
        GuidePage::About => view! { <About /> }.into_any(),
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
fn record_pages(page: RecordsPage) -> Result<AnyView, PartUnavailable> {
    Ok(match page {
        RecordsPage::Diary => view! { <DiaryPage /> }.into_any(),
        RecordsPage::Letters => view! { <LettersPage /> }.into_any(),
        RecordsPage::Profile => view! { <ProfilePage /> }.into_any(),
    })
}

/// The Word writer, a part of its own: no address opens it, the letters page fetches it when the
/// merchant asks for a .docx (through [`crate::pages::letters::DocxWriter`], provided by [`App`]).
#[leptos::wasm_split::wasm_split(docx, wasm_split_path = ::leptos::wasm_split, fallible)]
fn docx_part(text: String) -> Result<Vec<u8>, PartUnavailable> {
    crate::domain::letters::docx::letter_docx_bytes(&text).map_err(|_| PartUnavailable)
}

fn write_docx(text: String) -> crate::pages::letters::DocxFuture {
    Box::pin(async move { docx_part(text).await.ok() })
}

/// The "添加到维权日记" panel, in the diary's part: wizard outcomes and check results draw only its
/// button, and the first tap fetches the part (through
/// [`crate::components::add_to_diary::PanelLoader`], provided by [`App`]).
#[leptos::wasm_split::wasm_split(records, wasm_split_path = ::leptos::wasm_split, fallible)]
fn diary_panel_part(owner: Owner, args: PanelArgs) -> Result<AnyView, PartUnavailable> {
    Ok(crate::components::add_to_diary::panel(&owner, args))
}

fn load_diary_panel(owner: Owner, args: PanelArgs) -> LateFuture {
    Box::pin(async move { diary_panel_part(owner, args).await.ok() })
}

/// The home page's deadline list, in the diary's part: the home page (main module) asks for it
/// only when the merchant keeps a diary on this device (see [`crate::components::deadlines`]).
#[leptos::wasm_split::wasm_split(records, wasm_split_path = ::leptos::wasm_split, fallible)]
fn home_deadlines_part(owner: Owner) -> Result<AnyView, PartUnavailable> {
    Ok(crate::components::deadlines::home_deadlines_view(&owner))
}

fn load_home_deadlines(owner: Owner) -> LateFuture {
    Box::pin(async move { home_deadlines_part(owner).await.ok() })
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

/// What a route shows: home from the main module, a tool from its lazily loaded part. One type for
/// every row of the route table, so the router is a plain list of identical routes.
#[derive(Debug, Clone, Copy)]
struct PageView(Page);

impl ChooseView for PageView {
    async fn choose(self) -> AnyView {
        // The page draws in a task of its own, after the frame (layout, top bar) has: two
        // shorter tasks instead of one long one. The start waits for it (platform::StartHold).
        let _hold = platform::StartHold::new();
        platform::next_task().await;
        let loaded = match self.0 {
            Page::Home => return view! { <Home /> }.into_any(),
            Page::Guide(page) => guide_pages(page).await,
            Page::Check => check_pages().await,
            Page::Records(page) => record_pages(page).await,
        };
        loaded.unwrap_or_else(|PartUnavailable| view! { <PartFailed /> }.into_any())
    }

    async fn preload(&self) {}
}

/// A route's path: `/<segment>`, plus `/<segment>/<param>` when the row has a parameter.
type RoutePath = Arc<dyn PossibleRouteMatch + Send + Sync>;

fn route_path(route: &Route) -> RoutePath {
    let segment = StaticSegment(route.segment);
    match route.param {
        Some(param) => Arc::new((segment, OptionalParamSegment(param))),
        None => Arc::new(segment),
    }
}

/// The router's routes: one per row of the route table, "not found" for any other path.
fn routes() -> impl IntoView {
    let table: Vec<_> = links::ROUTES
        .iter()
        .map(|route| NestedRoute::new(route_path(route), PageView(route.page)))
        .collect();
    let table = StaticVec::from(table);
    Routes(
        RoutesProps::builder()
            .fallback(|| view! { <NotFound /> })
            .children(RouteChildren::to_children(move || table))
            .build(),
    )
}

/// The language the app starts in (`?lang=`, else the choice stored on this device, else Chinese),
/// ready to show: an English start first fetches the English texts of the data sets compiled in
/// Chinese only (store::english), so its first frame is English throughout. `main` awaits it
/// before mounting [`App`] with it.
pub async fn start_language() -> Lang {
    let query_lang = platform::query_param("lang");
    let start = links::initial_lang(query_lang.as_deref(), store::settings::load().lang);
    if start == Lang::En {
        store::english::load().await;
    }
    start
}

/// The app in its start language (from [`start_language`]).
#[component]
pub fn App(start: Lang) -> impl IntoView {
    // A sub-context with an explicit initial locale: the main context would
    // follow the browser's languages, but this app is Chinese unless asked.
    let i18n = leptos_i18n::context::init_i18n_subcontext::<Locale>(Some(Signal::stored(
        locale_of(start),
    )));
    provide_context(i18n);
    // A page the build wrote for its address keeps its own title until the language changes.
    let keep_title = std::cell::Cell::new(platform::has_page_title());
    Effect::new(move || {
        let lang = lang_of(i18n.get_locale());
        platform::set_html_lang(lang.html_lang());
        if !keep_title.replace(false) {
            platform::set_title(td_string!(locale_of(lang), common.app_name));
        }
    });

    // True while the router waits for a route, i.e. for a part's code on its first visit.
    let (routing, set_routing) = signal(false);
    provide_context(Routing(routing));
    provide_context(crate::pages::letters::DocxWriter(write_docx));
    provide_context(PanelLoader(load_diary_panel));
    provide_context(HomeDeadlinesLoader(load_home_deadlines));

    view! {
        <Router base=base() set_is_routing=set_routing>
            <Layout>
                {routes()}
            </Layout>
        </Router>
    }
}
