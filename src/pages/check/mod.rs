//! Licence & fee checker: four checks behind one sub-navigation.
//!
//! - `/check?q=<name or number>&licence=<number>&province=<省>&city=<市>`: licence lookup
//! - `/check/clearing?payer=<name>&kind=company|person&slip=<acquirer on the slip>`: 一清/二清
//! - `/check/mcc?no=<15 digits>&business=<kind id>`: merchant number → MCC → 跳码
//! - `/check/agent?yes=<rule id>,…&<id>_date=…&<id>_amount=…&<id>_text=…&agent=…&contact=…`:
//!   代理商行为自查 (`domain::agent`)
//! - `/check/fee?card=credit|debit|qr&rate=<%>&amount=<元>&fee=<元>&cap=<元>&addon=<元>&oneoff=<元>&yearly=<元>&volume=<元/month>&count=<n/month>`
//!
//! Deep-link values are only ever put into inputs and shown as text. The pages are thin: the
//! rules live in `domain::{licence, clearing, merchant_no, mcc, fees}`.

mod agent;
mod clearing;
mod fee;
mod licence;
mod mcc;

use std::rc::Rc;

use crate::domain::case::Case;
use crate::domain::ladder::ladder;
use crate::domain::letters::format_date_zh;
use crate::domain::licence::LicenceRegistry;
use crate::domain::links::{clean_query, CheckTab, TabQueries};
use crate::domain::text::{Bilingual, Lang, Source};
use crate::i18n::*;
use crate::lang::use_lang;
use crate::routing::{href, raw_path_param};
use crate::store;
use crate::store::licence_lists::{BuiltinListError, StoredList};
use leptos::either::EitherOf6;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CheckPage() -> impl IntoView {
    let i18n = use_i18n();
    let tab = raw_path_param("sub");
    let sub = Memo::new(move |_| tab.with(|t| CheckTab::from_segment(t.as_deref())));
    provide_context(Lists::load());
    // The tab on screen, and the query it was opened with (a deep link or a sub-nav link).
    Effect::new(move |_| {
        let tab = sub.get();
        let search = web_sys::window().and_then(|w| w.location().search().ok());
        if let (Some(tab), Some(search)) = (tab, search) {
            tab_queries().update(|q| q.set(tab, &search));
        }
    });
    view! {
        <h1>{t!(i18n, check.title)}</h1>
        <SubNav current=sub />
        {move || match sub.get().inspect(|tab| CURRENT_TAB.with(|c| c.set(Some(*tab)))) {
            Some(CheckTab::Licence) => EitherOf6::A(view! { <licence::LicenceCheck /> }),
            Some(CheckTab::Clearing) => EitherOf6::B(view! { <clearing::ClearingCheck /> }),
            Some(CheckTab::Mcc) => EitherOf6::C(view! { <mcc::MccCheck /> }),
            Some(CheckTab::Fee) => EitherOf6::D(view! { <fee::FeeCheck /> }),
            Some(CheckTab::Agent) => EitherOf6::E(view! { <agent::AgentCheckTab /> }),
            None => EitherOf6::F(view! {
                <p class="warn" role="alert">{t!(i18n, check.unknown_sub)}</p>
            }),
        }}
    }
}

thread_local! {
    /// Each tab's last query, kept while the app runs: a tab filled in, left and returned to
    /// comes back filled in, and the sub-navigation's links carry it.
    static TAB_QUERIES: ArcRwSignal<TabQueries> = ArcRwSignal::new(TabQueries::default());
    static CURRENT_TAB: std::cell::Cell<Option<CheckTab>> = const { std::cell::Cell::new(None) };
}

fn tab_queries() -> ArcRwSignal<TabQueries> {
    TAB_QUERIES.with(Clone::clone)
}

#[component]
fn SubNav(current: Memo<Option<CheckTab>>) -> impl IntoView {
    let i18n = use_i18n();
    let queries = tab_queries();
    let link = move |sub: CheckTab, label: AnyView| {
        let queries = queries.clone();
        view! {
            <a
                href=move || href(&queries.with(|q| q.path(sub)))
                aria-current=move || (current.get() == Some(sub)).then_some("page")
            >
                {label}
            </a>
        }
    };
    view! {
        <nav class="check-nav" aria-label=move || td_string!(i18n.get_locale(), check.nav.label)>
            {link(CheckTab::Licence, t!(i18n, check.nav.licence).into_any())}
            {link(CheckTab::Clearing, t!(i18n, check.nav.clearing).into_any())}
            {link(CheckTab::Mcc, t!(i18n, check.nav.mcc).into_any())}
            {link(CheckTab::Fee, t!(i18n, check.nav.fee).into_any())}
            {link(CheckTab::Agent, t!(i18n, check.nav.agent).into_any())}
        </nav>
    }
}

// ---------------------------------------------------------------------------------------------
// The licence list in use: the built-in one, or the user's import from IndexedDB.
// ---------------------------------------------------------------------------------------------

/// The built-in list, fetched (same origin, precached by the service worker) and parsed once.
#[derive(Clone)]
pub enum BuiltIn {
    Loading,
    Ready(Rc<LicenceRegistry>),
    Failed(BuiltinListError),
}

/// Shared by the four checks (context).
#[derive(Clone, Copy)]
pub struct Lists {
    pub builtin: ReadSignal<BuiltIn, LocalStorage>,
    /// The user's import in use, if any (with its parsed registry).
    pub imported: ReadSignal<Option<(StoredList, Rc<LicenceRegistry>)>, LocalStorage>,
    pub set_imported: WriteSignal<Option<(StoredList, Rc<LicenceRegistry>)>, LocalStorage>,
    /// Whether IndexedDB could be read (imports need it).
    pub store_ok: ReadSignal<Option<bool>, LocalStorage>,
}

thread_local! {
    static BUILTIN: std::cell::RefCell<Option<Rc<LicenceRegistry>>> = const { std::cell::RefCell::new(None) };
}

impl Lists {
    fn load() -> Lists {
        let cached = BUILTIN.with(|b| b.borrow().clone());
        let (builtin, set_builtin) = signal_local(match &cached {
            Some(r) => BuiltIn::Ready(r.clone()),
            None => BuiltIn::Loading,
        });
        let (imported, set_imported) = signal_local(None);
        let (store_ok, set_store_ok) = signal_local(None);
        if cached.is_none() {
            leptos::task::spawn_local(async move {
                let state = match store::licence_lists::fetch_builtin(
                    &href("/data/licences.csv"),
                    crate::platform::next_task,
                )
                .await
                {
                    Ok(r) => {
                        let r = Rc::new(r);
                        BUILTIN.with(|b| *b.borrow_mut() = Some(r.clone()));
                        BuiltIn::Ready(r)
                    }
                    Err(e) => BuiltIn::Failed(e),
                };
                // Parsing the list and drawing what depends on it are two tasks, not one long one.
                crate::platform::next_task().await;
                let _ = set_builtin.try_set(state);
            });
        }
        leptos::task::spawn_local(async move {
            // Opening the database is a task of its own, not part of the page's first drawing.
            crate::platform::next_task().await;
            let loaded = match store::db::open().await {
                Ok(db) => {
                    let list = store::licence_lists::load(&db).await;
                    db.close();
                    list.ok()
                }
                Err(_) => None,
            };
            set_store_ok.set(Some(loaded.is_some()));
            // A stored list that no longer parses is ignored (the built-in one is used).
            let parsed = loaded
                .flatten()
                .and_then(|l| l.registry().ok().map(|r| (l, Rc::new(r))));
            set_imported.set(parsed);
        });
        Lists {
            builtin,
            imported,
            set_imported,
            store_ok,
        }
    }

    /// The registry in use: the import if there is one, else the built-in list.
    pub fn active(&self) -> Option<Rc<LicenceRegistry>> {
        if let Some((_, r)) = self.imported.get() {
            return Some(r);
        }
        match self.builtin.get() {
            BuiltIn::Ready(r) => Some(r),
            _ => None,
        }
    }
}

pub fn use_lists() -> Lists {
    use_context::<Lists>().expect("Lists context is provided by CheckPage")
}

/// One line naming the list in use as a data set with its as-of date.
#[component]
pub fn ListInUse() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let lists = use_lists();
    move || {
        if let Some((list, r)) = lists.imported.get() {
            // The merchant's own file: its date as the file states it (or as entered).
            let as_of = r.as_of;
            let stated = list.as_of.clone();
            view! {
                <p class="list-in-use" data-list="imported">
                    {t!(i18n, check.list.imported)} " "
                    <strong>{move || match (lang.get(), as_of) {
                        (Lang::Zh, Some(d)) => format_date_zh(d),
                        _ => stated.clone(),
                    }}</strong>
                </p>
            }
            .into_any()
        } else {
            match lists.builtin.get() {
                BuiltIn::Ready(r) => {
                    let citation = r.list_citation();
                    view! {
                        <p class="list-in-use" data-list="builtin">
                            {t!(i18n, check.list.builtin)} " "
                            <cite>{move || citation.get(lang.get()).to_owned()}</cite>
                        </p>
                    }
                    .into_any()
                }
                // While the list loads, the line it will show (same text, same height: nothing
                // below it moves when it arrives). The date is the data set's, compiled in.
                BuiltIn::Loading => {
                    let citation = crate::domain::licence::builtin_list_citation();
                    view! {
                        <p class="list-in-use" data-list="loading">
                            {t!(i18n, check.list.builtin)} " "
                            <cite>{move || citation.get(lang.get()).to_owned()}</cite>
                        </p>
                    }
                    .into_any()
                }
                BuiltIn::Failed(e) => {
                    let message = e.message();
                    view! {
                        <p class="warn" role="alert">{t!(i18n, check.list.failed)} " " {move || text(&message, lang.get())}</p>
                    }
                    .into_any()
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Shared bits
// ---------------------------------------------------------------------------------------------

/// A query parameter of the current URL, cleaned (see `links::clean_query`).
pub fn query_param(name: &'static str) -> Option<String> {
    let query = use_query_map();
    query.with_untracked(|m| m.get_str(name).and_then(clean_query))
}

/// Rewrites the address bar's query (without navigating) so the current check can be shared,
/// and keeps it as the tab's last query (the sub-navigation links carry it).
pub fn replace_query(pairs: &[(&str, String)]) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(current) = window.location().href() else {
        return;
    };
    let Ok(url) = web_sys::Url::new(&current) else {
        return;
    };
    let lang = url.search_params().get("lang");
    url.set_search("");
    for (k, v) in pairs {
        if !v.trim().is_empty() {
            url.search_params().append(k, v.trim());
        }
    }
    if let Some(tab) = CURRENT_TAB.with(|c| c.get()) {
        let search = url.search();
        tab_queries().update(|q| q.set(tab, &search));
    }
    if let Some(lang) = lang {
        url.search_params().append("lang", &lang);
    }
    // Unchanged (as when a deep link's form is first drawn): no history call.
    let next = url.href();
    if next == current {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&next));
    }
}

pub fn text(b: &Bilingual, lang: Lang) -> String {
    b.get(lang).to_string()
}

/// The sources of a verdict, each cited in the UI language; unconfirmed ones say so.
#[component]
pub fn Sources(sources: Vec<Source>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let mut sources: Vec<Source> = sources.into_iter().filter(|s| s.is_complete()).collect();
    sources.dedup();
    (!sources.is_empty()).then(|| {
        view! {
            <details class="sources">
                <summary>{t!(i18n, check.sources)}</summary>
                <ul>
                    {sources
                        .into_iter()
                        .map(|s| {
                                    let unconfirmed = s.unconfirmed;
                            view! {
                                <li>
                                    <cite>{move || s.get(lang.get()).to_owned()}</cite>
                                    {unconfirmed.then(|| view! {
                                        " " <span class="tag unconfirmed">{t!(i18n, check.unconfirmed)}</span>
                                    })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </details>
        }
    })
}

/// The letters that fit a verdict, as a ladder: which to send first and why (see
/// `domain::ladder`), each step with its letter links and the articles it rests on.
#[component]
pub fn LetterLinks(
    kinds: Vec<&'static str>,
    /// `?name=value…` with letter fields the verdict knows (see `domain::verdict::letter_query`).
    #[prop(optional)]
    query: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let rungs = ladder(&kinds);
    (!rungs.is_empty()).then(|| {
        let sources: Vec<Source> = rungs.iter().flat_map(|r| r.sources()).collect();
        let steps = rungs
            .into_iter()
            .map(|rung| {
                let title = rung.title.clone();
                let channels = rung
                    .channels
                    .into_iter()
                    .map(|c| {
                        let k = c.letter.slug();
                        let label = move || match k {
                            "demand-vendor" => td_string!(i18n.get_locale(), check.letters.demand_vendor),
                            "acquirer" => td_string!(i18n.get_locale(), check.letters.acquirer),
                            "pboc" => td_string!(i18n.get_locale(), check.letters.pboc),
                            "report-12315" => td_string!(i18n.get_locale(), check.letters.report_12315),
                            "pcac" => td_string!(i18n.get_locale(), check.letters.pcac),
                            _ => td_string!(i18n.get_locale(), check.letters.civil),
                        };
                        let when = c.when;
                        view! {
                            <li data-letter=k>
                                <p class="why">{move || text(&when, lang.get())}</p>
                                <a class="button secondary" href=href(&format!("/letters/{k}{query}"))>{label}</a>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <li class="rung" data-step=rung.step>
                        <strong>{move || text(&title, lang.get())}</strong>
                        <ul class="channels">{channels}</ul>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="letter-links">
                <p><strong>{t!(i18n, check.letters.lead)}</strong></p>
                <ol class="ladder">{steps}</ol>
                <Sources sources=sources />
            </div>
        }
    })
}

/// "从日记中的案件填入": the diary's cases that hold what this check needs (`value`), each shown
/// with that value; choosing one hands the case to `on_pick`. Nothing is shown when no stored
/// case has it (or the diary cannot be opened).
#[component]
pub fn CaseFill(
    /// The `<select>`'s id.
    id: &'static str,
    /// What a case gives this check, if anything (e.g. its merchant number).
    value: fn(&Case) -> Option<String>,
    on_pick: Callback<Case>,
) -> impl IntoView {
    let i18n = use_i18n();
    let cases = RwSignal::new(Vec::<Case>::new());
    leptos::task::spawn_local(async move {
        if let Ok(diary) = store::diary::Diary::open().await {
            if let Ok(mut list) = diary.cases().await {
                crate::domain::case::sort_for_picker(&mut list);
                list.retain(|c| value(c).is_some());
                let _ = cases.try_set(list);
            }
            diary.close();
        }
    });
    let on_change = move |ev: leptos::ev::Event| {
        let chosen = event_target_value(&ev);
        let case = cases.with_untracked(|cs| cs.iter().find(|c| c.id == chosen).cloned());
        if let Some(case) = case {
            on_pick.run(case);
        }
    };
    move || {
        (!cases.with(Vec::is_empty)).then(|| {
            let options = cases
                .get()
                .into_iter()
                .map(|c| {
                    let label = format!("{}：{}", c.title, value(&c).unwrap_or_default());
                    view! { <option value=c.id.clone()>{label}</option> }
                })
                .collect_view();
            view! {
                <div class="field case-fill">
                    <label for=id>{t!(i18n, check.from_case.label)}</label>
                    <select id=id on:change=on_change>
                        <option value="">{t!(i18n, check.from_case.choose)}</option>
                        {options}
                    </select>
                </div>
            }
        })
    }
}

/// Bilingual reasons with their sources, in reading order.
#[component]
pub fn Reasons(reasons: Vec<(Bilingual, Source)>) -> impl IntoView {
    let lang = use_lang();
    let sources: Vec<Source> = reasons.iter().map(|(_, s)| s.clone()).collect();
    view! {
        <ul class="reasons">
            {reasons
                .into_iter()
                .map(|(t, _)| view! { <li>{move || text(&t, lang.get())}</li> })
                .collect_view()}
        </ul>
        <Sources sources=sources />
    }
}
