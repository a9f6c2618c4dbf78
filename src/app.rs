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
use leptos_router::path;

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

    view! {
        <Router base=base()>
            <Layout>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/wizard") view=WizardPage />
                    <Route path=path!("/wizard/:step") view=WizardPage />
                    <Route path=path!("/codes") view=CodesPage />
                    <Route path=path!("/codes/:code") view=CodesPage />
                    <Route path=path!("/check") view=CheckPage />
                    <Route path=path!("/check/:sub") view=CheckPage />
                    <Route path=path!("/diary") view=DiaryPage />
                    <Route path=path!("/diary/:case") view=DiaryPage />
                    <Route path=path!("/letters") view=LettersPage />
                    <Route path=path!("/letters/:kind") view=LettersPage />
                    <Route path=path!("/about") view=About />
                    <Route path=path!("/poster") view=PosterPage />
                </Routes>
            </Layout>
        </Router>
    }
}
