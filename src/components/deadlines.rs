//! The merchant's deadlines across cases (overdue / due today / due soon) and their download as
//! a calendar file. The rules are `domain::deadlines` and `domain::ics`; this is the view.
//!
//! The diary shows [`DeadlineList`] above its case list. The home page is in the main module,
//! which must stay small, so it carries only [`HomeDeadlines`]: a few lines that look for the
//! diary's database and, only when it exists, load the list from the records part (the diary's
//! code, fetched lazily) through the split point in `app.rs`. A visitor with no diary loads nothing.

use crate::components::late_view::{LateFuture, LateView};
use crate::domain::case::{Case, Event};
use crate::domain::clocks::due_status;
use crate::domain::deadlines::{case_deadlines, group, CaseDeadline, SOON_DAYS};
use crate::domain::ics;
use crate::i18n::*;
use crate::lang::use_lang;
use crate::routing::href;
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Overdue, due today and due soon, each deadline with its case, date, status, citation and
/// caveat; a button that downloads every deadline as a calendar file.
#[component]
pub fn DeadlineList(cases: Vec<Case>, events: Vec<Event>) -> impl IntoView {
    let i18n = use_i18n();
    let day = today();
    let all = case_deadlines(&cases, &events);
    let groups = group(&all, day);
    let empty = groups.is_empty();
    let section = |id: &'static str, title: AnyView, items: Vec<&CaseDeadline>| {
        (!items.is_empty()).then(|| {
            let n = items.len();
            let items: Vec<CaseDeadline> = items.into_iter().cloned().collect();
            view! {
                <h3 class="dl-group" data-group=id>{title} " (" {n} ")"</h3>
                <ul class="dl-items" id=format!("dl-{id}")>
                    {items.into_iter().map(|d| view! { <DeadlineItem deadline=d day=day /> }).collect_view()}
                </ul>
            }
        })
    };
    let overdue = section(
        "overdue",
        t!(i18n, diary.dl_overdue).into_any(),
        groups.overdue,
    );
    let due_today = section("today", t!(i18n, diary.dl_today).into_any(), groups.today);
    let soon = section("soon", t!(i18n, diary.dl_soon).into_any(), groups.soon);
    let has_any = !all.is_empty();
    view! {
        <section class="deadline-list" id="deadlines" aria-labelledby="deadlines-title">
            <h2 id="deadlines-title">{t!(i18n, diary.dl_title)}</h2>
            {overdue}
            {due_today}
            {soon}
            {empty.then(|| view! {
                <p class="muted small" id="deadlines-none">{t!(i18n, diary.dl_none, days = move || SOON_DAYS)}</p>
            })}
            {has_any.then(|| view! { <DeadlineDownload deadlines=all case_id=None /> })}
            <p class="small muted">{t!(i18n, diary.not_advice)}</p>
        </section>
    }
}

#[component]
fn DeadlineItem(deadline: CaseDeadline, day: chrono::NaiveDate) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let status = due_status(day, deadline.due.date);
    let link = href(&format!("/diary/{}", deadline.case_id));
    let d = deadline.clone();
    view! {
        <li class="dl-item" data-case=deadline.case_id.clone() data-date=deadline.due.date.to_string()>
            <A href=link attr:class="dl-case">{deadline.case_title.clone()}</A>
            <div>
                {move || d.what.get(lang.get()).to_owned()} " "
                <strong>{deadline.due.date.to_string()}</strong> " · "
                <span class:danger=status.is_overdue()>{move || status.label().get(lang.get()).to_owned()}</span>
            </div>
            <div class="small muted">{let x = deadline.detail.clone(); move || x.get(lang.get()).to_owned()}</div>
            {deadline.due.caveat().map(|c| view! { <p class="warn small dl-unconfirmed">{move || c.get(lang.get()).to_owned()}</p> })}
            {deadline.source.clone().map(|s| {
                let unconfirmed = s.unconfirmed;
                view! {
                    <div class="small muted">{t!(i18n, diary.source)} " " <cite>{move || s.get(lang.get()).to_owned()}</cite></div>
                    {unconfirmed.then(|| view! { <p class="warn small">{t!(i18n, diary.source_unconfirmed)}</p> })}
                }
            })}
        </li>
    }
}

/// Downloads `deadlines` as a calendar file; the result is said right under the button.
#[component]
pub fn DeadlineDownload(deadlines: Vec<CaseDeadline>, case_id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let result = RwSignal::new(None::<bool>);
    let single = case_id.is_some();
    let deadlines = StoredValue::new(deadlines);
    let case_id = StoredValue::new(case_id);
    let id = if single {
        "dl-download-case"
    } else {
        "dl-download-all"
    };
    let download = move |_| {
        let l = lang.get_untracked();
        let stamp = chrono::Utc::now().naive_utc();
        let text = deadlines.with_value(|d| ics::calendar(d, stamp, l));
        let name = case_id.with_value(|c| ics::file_name(c.as_deref(), today(), l));
        let ok = crate::platform::download(&name, "text/calendar;charset=utf-8", &text).is_ok();
        result.set(Some(ok));
    };
    view! {
        <div class="dl-download no-print">
            <button type="button" class="button" id=id on:click=download>
                {if single { t!(i18n, diary.dl_download_case).into_any() } else { t!(i18n, diary.dl_download_all).into_any() }}
            </button>
            <p class="small muted">{t!(i18n, diary.dl_download_help)}</p>
            <div aria-live="polite">
                {move || result.get().map(|ok| if ok {
                    view! { <p class="notice small dl-download-status" role="status">{t!(i18n, diary.dl_downloaded)}</p> }.into_any()
                } else {
                    view! { <p class="warn small dl-download-status" role="alert">{t!(i18n, diary.dl_download_failed)}</p> }.into_any()
                })}
            </div>
        </div>
    }
}

/// The home page's list, from the records part: opens the diary and shows [`DeadlineList`] when
/// there is at least one case; nothing otherwise (and nothing when the diary cannot be read: the
/// diary page itself says why).
#[component]
fn HomeDeadlinesLoaded() -> impl IntoView {
    let i18n = use_i18n();
    let data = LocalResource::new(|| async {
        let db = crate::store::diary::Diary::open().await.ok()?;
        let cases = db.cases().await.ok()?;
        let events = db.all_events().await.ok()?;
        db.close();
        (!cases.is_empty()).then_some((cases, events))
    });
    view! {
        <Transition fallback=|| ()>
            {move || data.get().flatten().map(|(cases, events)| view! {
                <div class="home-deadlines" id="home-deadlines">
                    <DeadlineList cases=cases events=events />
                    <p><A href=href("/diary")>{t!(i18n, diary.dl_open_diary)}</A></p>
                </div>
            })}
        </Transition>
    }
}

/// The home page's list, built under the home page's `owner` (the part is called from a task,
/// outside any owner, and the view needs the page's contexts). Called from the split point in
/// `app.rs`, which puts it in the records part with the diary.
pub fn home_deadlines_view(owner: &Owner) -> AnyView {
    owner.with(|| view! { <HomeDeadlinesLoaded /> }.into_any())
}

/// Loads the records part and builds the home page's list. The app provides it (its split
/// points all sit in `app.rs`; see [`crate::components::add_to_diary::PanelLoader`]).
#[derive(Clone, Copy)]
pub struct HomeDeadlinesLoader(pub fn(Owner) -> LateFuture);

/// Whether the app's database exists, without opening (and so creating) it. `indexedDB.databases()`
/// is missing in older browsers: then the list is not shown on the home page (the diary has it).
async fn diary_database_exists() -> bool {
    use js_sys::{Array, Function, Promise, Reflect};
    let Some(factory) = web_sys::window().and_then(|w| Reflect::get(&w, &"indexedDB".into()).ok())
    else {
        return false;
    };
    let Some(list) = Reflect::get(&factory, &"databases".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|f| f.call0(&factory).ok())
        .and_then(|p| p.dyn_into::<Promise>().ok())
    else {
        return false;
    };
    let Ok(list) = wasm_bindgen_futures::JsFuture::from(list).await else {
        return false;
    };
    Array::from(&list).iter().any(|db| {
        Reflect::get(&db, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .as_deref()
            == Some(crate::store::db::DB_NAME)
    })
}

/// On the home page: the deadline list when the merchant keeps a diary on this device. The
/// diary's code is loaded only then, after the page is shown.
#[component]
pub fn HomeDeadlines() -> impl IntoView {
    let late = LateView::new();
    let owner = Owner::current();
    let loader = use_context::<HomeDeadlinesLoader>();
    leptos::task::spawn_local(async move {
        let (Some(owner), Some(HomeDeadlinesLoader(load))) = (owner, loader) else {
            return;
        };
        if diary_database_exists().await {
            // A part that cannot be fetched shows no list here; the diary shows it once its part
            // is there.
            if let Some(view) = load(owner).await {
                late.put(view);
            }
        }
    });
    // Runs again only when the view arrives: it is taken out once and mounted.
    move || late.is_ready().then(|| late.take()).flatten()
}
