//! `/diary`: the case list (active first, overdue flagged), new case, search, backup.

use super::{backup::BackupPanel, ctx, forms::CaseForm, today};
use crate::components::deadlines::DeadlineList;
use crate::components::deferred::deferred;
use crate::domain::case::{
    chronological, is_overdue, pending_promises, sort_cases, BackupState, Case, Event, EventKind,
    SearchIndex, SearchQuery,
};
use crate::domain::clocks::due_status;
use crate::i18n::*;
use crate::lang::use_lang;
use crate::routing::href;
use chrono::NaiveDate;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::components::A;

/// Cases and all events, loaded once per revision.
#[derive(Clone, Default)]
struct Loaded {
    cases: Vec<Case>,
    events: Vec<Event>,
}

#[component]
pub fn CaseList() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = ctx();
    let lang = use_lang();
    let creating = RwSignal::new(false);
    let data = LocalResource::new(move || {
        ctx.rev.track();
        let db = ctx.db();
        async move {
            let cases = db.cases().await?;
            let events = db.all_events().await?;
            Ok::<_, crate::store::diary::DiaryError>(Loaded { cases, events })
        }
    });
    // A report below the list (an import's) comes back into view once the list has reloaded.
    Effect::new(move || {
        if data.with(|d| matches!(d, Some(Ok(_)))) {
            if let Some(id) = ctx.reveal_after_reload.get_value() {
                ctx.reveal_after_reload.set_value(None);
                crate::components::layout::reveal(id);
            }
        }
    });
    view! {
        <Transition fallback=|| ()>
            {move || data.get().and_then(Result::ok).map(|loaded| view! {
                <DeadlineList cases=loaded.cases events=loaded.events />
            })}
        </Transition>
        <p class="muted small">{t!(i18n, diary.intro)}</p>
        <p class="small no-print" id="diary-profile">
            <A href=href("/me")>{t!(i18n, profile.link)}</A> {t!(i18n, profile.link_sep)} {t!(i18n, profile.link_desc)}
        </p>
        <div class="row no-print">
            <button type="button" class="button primary" id="new-case"
                on:click=move |_| creating.update(|c| *c = !*c)>{t!(i18n, diary.new_case)}</button>
        </div>
        <Show when=move || creating.get()>
            <CaseForm existing=None on_done=Callback::new(move |_| creating.set(false)) />
        </Show>
        <Transition fallback=|| ()>
            {move || data.get().map(|loaded| match loaded {
                Err(e) => Either::Left(view! { <p class="warn" role="alert">{e.message().get(lang.get()).to_owned()}</p> }),
                Ok(loaded) => Either::Right(view! { <ListBody loaded=loaded /> }),
            })}
        </Transition>
        // Below the list and folded: drawn a task later (components::deferred).
        {deferred(|| view! { <BackupPanel case_id=None /> })}
    }
}

#[component]
fn ListBody(loaded: Loaded) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let day = today();
    let mut cases = loaded.cases.clone();
    sort_cases(&mut cases, &loaded.events, day);
    let pending = pending_promises(&loaded.events);
    let rows: Vec<_> = cases
        .iter()
        .map(|c| {
            let overdue = is_overdue(c, &pending, day);
            let due = pending.get(c.id.as_str()).map(|p| p.due);
            let count = loaded.events.iter().filter(|e| e.case_id == c.id).count();
            (c.clone(), overdue, due, count, c.backup_state())
        })
        .collect();
    let empty = rows.is_empty();
    let loaded = StoredValue::new(loaded);
    view! {
        <Search loaded=loaded />
        <h2>{t!(i18n, diary.cases)}</h2>
        {empty.then(|| view! { <p class="muted" id="no-cases">{t!(i18n, diary.no_cases)}</p> })}
        <ul class="case-list" id="case-list">
            {rows.into_iter().map(|(c, overdue, due, count, backup)| {
                let link = href(&format!("/diary/{}", c.id));
                let status = c.status;
                view! {
                    <li class="case-card" class:overdue=overdue class:closed=!status.is_active() data-case=c.id.clone()>
                        <A href=link attr:class="case-title">{c.title.clone()}</A>
                        <div class="case-meta small">
                            <span class="tag">{move || status.label().get(lang.get()).to_owned()}</span>
                            {overdue.then(|| view! { <span class="tag danger">{t!(i18n, diary.overdue_flag)}</span> })}
                            {due.filter(|_| status.is_active()).map(|d| view! {
                                <span>{t!(i18n, diary.promised_by)} " " {d.to_string()} " · "
                                {move || due_status(day, d).label().get(lang.get()).to_owned()}</span>
                            })}
                            <span>{count} " " {t!(i18n, diary.events_count)}</span>
                            {match backup {
                                BackupState::NeverExported => Some(view! { <span class="tag warn-tag backup-tag">{t!(i18n, diary.never_exported)}</span> }.into_any()),
                                BackupState::ChangedSinceExport => Some(view! { <span class="tag warn-tag backup-tag">{t!(i18n, diary.not_backed_up)}</span> }.into_any()),
                                BackupState::BackedUp => None,
                            }}
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn Search(loaded: StoredValue<Loaded>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let text = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let index = StoredValue::new(loaded.with_value(|l| SearchIndex::build(&l.cases, &l.events)));
    let active = move || {
        !text.get().trim().is_empty()
            || !kind.get().is_empty()
            || !from.get().is_empty()
            || !to.get().is_empty()
    };
    let query = move || SearchQuery {
        text: text.get(),
        kinds: EventKind::ALL
            .into_iter()
            .filter(|k| {
                serde_json::to_value(k)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    == Some(kind.get())
            })
            .collect(),
        from: NaiveDate::parse_from_str(&from.get(), "%Y-%m-%d").ok(),
        to: NaiveDate::parse_from_str(&to.get(), "%Y-%m-%d").ok(),
    };
    let results = move || {
        let q = query();
        loaded.with_value(|l| {
            index.with_value(|idx| {
                let r = idx.search(&l.cases, &l.events, &q);
                let title_of = |id: &str| {
                    l.cases
                        .iter()
                        .find(|c| c.id == id)
                        .map(|c| c.title.clone())
                        .unwrap_or_default()
                };
                let cases: Vec<(String, String)> = r
                    .cases
                    .iter()
                    .map(|c| (c.id.clone(), c.title.clone()))
                    .collect();
                // Newest first (the timeline's order, ties by id).
                let events: Vec<(Event, String)> = chronological(r.events)
                    .into_iter()
                    .rev()
                    .take(200)
                    .map(|e| (e.clone(), title_of(&e.case_id)))
                    .collect();
                (cases, events)
            })
        })
    };
    view! {
        <details class="search no-print" id="search">
            <summary>{t!(i18n, diary.search)}</summary>
            <div class="grid">
                <label class="field"><span>{t!(i18n, diary.search_text)}</span>
                    <input type="search" id="search-text" prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{t!(i18n, diary.kind)}</span>
                    <select id="search-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, diary.any_kind)}</option>
                        {EventKind::ALL.into_iter().map(|k| {
                            let v = serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                            view! { <option value=v>{move || k.label().get(lang.get()).to_owned()}</option> }
                        }).collect_view()}
                    </select></label>
                <label class="field"><span>{t!(i18n, diary.date_from)}</span>
                    <input type="date" id="search-from" on:input=move |ev| from.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{t!(i18n, diary.date_to)}</span>
                    <input type="date" id="search-to" on:input=move |ev| to.set(event_target_value(&ev)) /></label>
            </div>
            <Show when=active>
                {move || {
                    let (cases, events) = results();
                    let n = cases.len() + events.len();
                    view! {
                        <p class="small" id="search-count">{t!(i18n, diary.results)} " " {n}</p>
                        <ul class="search-results" id="search-results">
                            {cases.into_iter().map(|(id, title)| view! {
                                <li><A href=href(&format!("/diary/{id}"))>{title}</A></li>
                            }).collect_view()}
                            {events.into_iter().map(|(e, title)| view! {
                                <li><A href=href(&format!("/diary/{}", e.case_id))>{title}</A>
                                    <span class="small muted">" · " {e.at.format("%Y-%m-%d %H:%M").to_string()} " · "
                                    {let k = e.kind; move || k.label().get(lang.get()).to_owned()}</span>
                                    <div class="small">{e.said.chars().take(120).collect::<String>()}</div>
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                }}
            </Show>
        </details>
    }
}
