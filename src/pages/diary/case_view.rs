//! `/diary/<case-id>`: case details, deadlines, evidence checklist, timeline with events and
//! attachments, and the printable summary (the same page under `@media print`).

use super::{
    backup::BackupPanel,
    bi, ctx,
    forms::{CaseForm, EventForm},
    today, NoticeAt, Spot,
};
use crate::components::deadlines::DeadlineDownload;
use crate::components::deferred::deferred;
use crate::components::print_button::PrintButton;
use crate::domain::backup::fen_to_yuan;
use crate::domain::case::{
    evidence_status, pending_promises, timeline, BackupState, Case, Event, TimelineOrder,
};
use crate::domain::clocks::{due_status, statutory_clocks};
use crate::domain::party::{AcquirerKind, Acquisition};
use crate::i18n::*;
use crate::lang::use_lang;
use crate::routing::href;
use crate::store::diary::StoredAttachment;
use chrono::NaiveDate;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

#[component]
pub fn CaseView(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = ctx();
    let lang = use_lang();
    let id = StoredValue::new(id);
    let data = LocalResource::new(move || {
        ctx.rev.track();
        let db = ctx.db();
        let id = id.get_value();
        async move { db.case_with_events(&id).await }
    });
    view! {
        <p class="no-print"><A href=href("/diary")>{t!(i18n, diary.back)}</A></p>
        <Transition fallback=|| ()>
            {move || data.get().map(|r| match r {
                Err(e) => Either::Left(view! { <p class="warn" role="alert">{e.message().get(lang.get()).to_owned()}</p> }.into_any()),
                Ok(None) => Either::Left(view! {
                    <p class="warn" role="alert" id="case-missing">{t!(i18n, diary.case_missing)}</p>
                    <p class="deep-link">{t!(i18n, diary.case_id)} " " <code>{id.get_value()}</code></p>
                }.into_any()),
                Ok(Some((case, events))) => Either::Right(view! { <CaseBody case=case events=events /> }),
            })}
        </Transition>
    }
}

#[component]
fn CaseBody(case: Case, events: Vec<Event>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = ctx();
    let lang = use_lang();
    let navigate = use_navigate();
    let editing = RwSignal::new(false);
    let adding = RwSignal::new(false);
    let editing_event = RwSignal::new(None::<String>);
    let order = RwSignal::new(TimelineOrder::NewestFirst);
    let day = today();
    let backup_case_id = case.id.clone();
    let status = case.status;
    let case_sv = StoredValue::new(case.clone());
    let events_sv = StoredValue::new(events.clone());
    let pending = pending_promises(&events)
        .get(case.id.as_str())
        .map(|p| p.due);
    let case_deadlines =
        crate::domain::deadlines::case_deadlines(std::slice::from_ref(&case), &events);
    let backup = case.backup_state();
    let evidence = evidence_status(&case, &events);
    // The articles the checklist rests on, each once, in checklist order.
    let mut evidence_basis: Vec<crate::domain::text::Source> = Vec::new();
    for status in &evidence {
        if !evidence_basis.contains(&status.item.source) {
            evidence_basis.push(status.item.source.clone());
        }
    }

    let delete_case = move |_| {
        let msg = td_string!(i18n.get_locale_untracked(), diary.confirm_delete_case);
        if !confirm(msg) {
            return;
        }
        let db = ctx.db();
        let id = case_sv.with_value(|c| c.id.clone());
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match db.delete_case(&id).await {
                Ok(removed) => {
                    ctx.removed(Spot::Top, removed, bi!(diary.deleted));
                    navigate(&href("/diary"), super::forms::full_href());
                }
                Err(e) => ctx.fail(Spot::Case, e.message()),
            }
        });
    };

    view! {
        <article class="case" id="case-view" data-case=case.id.clone()>
            <h2 id="case-heading">{case.title.clone()}</h2>
            <p class="case-meta small">
                <span class="tag">{move || status.label().get(lang.get()).to_owned()}</span>
                " " {t!(i18n, diary.updated)} " " {case.updated_at.format("%Y-%m-%d %H:%M").to_string()}
            </p>
            {match backup {
                BackupState::NeverExported => Some(view! { <p class="notice no-print" id="export-reminder" data-state="never">{t!(i18n, diary.never_exported_reminder)}</p> }.into_any()),
                BackupState::ChangedSinceExport => Some(view! { <p class="notice no-print" id="export-reminder" data-state="changed">{t!(i18n, diary.export_reminder)}</p> }.into_any()),
                BackupState::BackedUp => None,
            }}
            <div class="row no-print">
                <button type="button" class="button" id="edit-case" on:click=move |_| editing.update(|e| *e = !*e)>{t!(i18n, diary.edit_case)}</button>
                <PrintButton class="button" id="print-case">{t!(i18n, diary.print)}</PrintButton>
                <button type="button" class="button danger" id="delete-case" on:click=delete_case>{t!(i18n, diary.delete_case)}</button>
            </div>
            <NoticeAt spot=Spot::Case />
            <Show when=move || editing.get()>
                <CaseForm existing=Some(case_sv.get_value()) on_done=Callback::new(move |_| editing.set(false)) />
            </Show>
            <CaseDetails case=case.clone() />

            <section class="deadlines">
                <h3>{t!(i18n, diary.deadlines)}</h3>
                {match pending {
                    Some(due) if status.is_active() => Either::Left(view! {
                        <p id="promise-due" class:danger=due_status(day, due).is_overdue()>
                            {t!(i18n, diary.promised_by)} " " {due.to_string()} " — "
                            {move || due_status(day, due).label().get(lang.get()).to_owned()}</p>
                    }),
                    _ => Either::Right(view! { <p class="muted small">{t!(i18n, diary.no_promise)}</p> }),
                }}
                <ClockCalculator events=events.clone() />
                {(!case_deadlines.is_empty()).then(|| view! {
                    <DeadlineDownload deadlines=case_deadlines case_id=Some(case.id.clone()) />
                })}
            </section>

            <section class="case-letters no-print" id="case-letters">
                <h3>{t!(i18n, diary.letters)}</h3>
                <p class="small muted">{t!(i18n, diary.letters_help)}</p>
                <ul class="plain">
                    {crate::domain::letters::templates().iter().map(|t| {
                        let link = href(&format!(
                            "/letters/{}?case={}",
                            t.kind.slug(),
                            String::from(js_sys::encode_uri_component(&case.id))
                        ));
                        view! { <li><A href=link>{move || t.title.get(lang.get()).to_owned()}</A></li> }
                    }).collect_view()}
                    <li><A href=href(&format!("/letters/dossier?case={}", String::from(js_sys::encode_uri_component(&case.id))))>{t!(i18n, diary.dossier_link)}</A></li>
                </ul>
            </section>

            <section class="evidence">
                <h3>{t!(i18n, diary.evidence)}</h3>
                <ul class="checklist" id="evidence-list">
                    {evidence.into_iter().map(|s| {
                        let present = s.present;
                        let label = s.item.label.clone();
                        let optional = !s.item.always_needed;
                        view! {
                            <li class:present=present class:missing=!present>
                                <span aria-hidden="true">{if present { "☑ " } else { "☐ " }}</span>
                                <span class="sr-only">{if present { t!(i18n, diary.present).into_any() } else { t!(i18n, diary.missing).into_any() }}</span>
                                {move || label.get(lang.get()).to_owned()}
                                {optional.then(|| view! { <span class="small muted">" (" {t!(i18n, diary.if_applicable)} ")"</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <p class="small muted">{t!(i18n, diary.evidence_source)}</p>
                <details class="sources small" id="evidence-basis">
                    <summary>{t!(i18n, diary.evidence_basis)}</summary>
                    <ul>{evidence_basis.into_iter().map(|source| view! {
                        <li><cite>{move || source.get(lang.get()).to_owned()}</cite></li>
                    }).collect_view()}</ul>
                </details>
            </section>

            <section class="timeline">
                <h3>{t!(i18n, diary.timeline)}</h3>
                <div class="row no-print">
                    <button type="button" class="button primary" id="add-event" on:click=move |_| adding.update(|a| *a = !*a)>{t!(i18n, diary.add_event)}</button>
                    <button type="button" class="button" id="toggle-order" on:click=move |_| order.update(|o| *o = match o {
                        TimelineOrder::NewestFirst => TimelineOrder::OldestFirst,
                        TimelineOrder::OldestFirst => TimelineOrder::NewestFirst,
                    })>{move || match order.get() {
                        TimelineOrder::NewestFirst => t!(i18n, diary.newest_first).into_any(),
                        TimelineOrder::OldestFirst => t!(i18n, diary.oldest_first).into_any(),
                    }}</button>
                </div>
                <NoticeAt spot=Spot::Timeline />
                <Show when=move || adding.get()>
                    <EventForm case_id=case_sv.with_value(|c| c.id.clone()) existing=None on_done=Callback::new(move |_| adding.set(false)) />
                </Show>
                <ol class="events" id="timeline">
                    {move || {
                        let o = order.get();
                        events_sv.with_value(|evs| {
                            let id = case_sv.with_value(|c| c.id.clone());
                            timeline(evs, &id, o).into_iter().cloned().map(|e| view! {
                                <EventItem event=e editing=editing_event />
                            }).collect_view()
                        })
                    }}
                </ol>
            </section>
            <p class="print-only small">{t!(i18n, diary.print_footer)} " " {day.to_string()}</p>
            <div class="no-print">{deferred(move || view! { <BackupPanel case_id=Some(backup_case_id) /> })}</div>
        </article>
    }
}

fn confirm(msg: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(msg).ok())
        .unwrap_or(false)
}

#[component]
fn CaseDetails(case: Case) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    // Label and value of every filled detail, in the form's order; empty ones are left out.
    let mut rows: Vec<(AnyView, AnyView)> = Vec::new();
    // "收单机构 · 住所" for the company details kept in the form's collapsed part.
    let of = |who: AnyView, what: AnyView| view! { {who} " · " {what} }.into_any();
    text(
        &mut rows,
        t!(i18n, diary.f_brand).into_any(),
        case.device.brand.clone(),
    );
    text(
        &mut rows,
        t!(i18n, diary.f_model).into_any(),
        case.device.model.clone(),
    );
    text(
        &mut rows,
        t!(i18n, diary.f_sn).into_any(),
        case.device.sn.clone(),
    );
    text(
        &mut rows,
        t!(i18n, diary.f_terminal).into_any(),
        case.device.terminal_id.clone(),
    );
    text(
        &mut rows,
        t!(i18n, diary.f_purchase_date).into_any(),
        case.purchase_date
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    text(
        &mut rows,
        t!(i18n, diary.f_purchase_channel).into_any(),
        case.purchase_channel.clone(),
    );
    if let Some(acquired) = case.device.acquired {
        let value = match acquired {
            Acquisition::Bought => t!(i18n, diary.acquired_bought).into_any(),
            Acquisition::Placed => t!(i18n, diary.acquired_placed).into_any(),
        };
        rows.push((t!(i18n, diary.f_acquired).into_any(), value));
    }
    text(
        &mut rows,
        t!(i18n, diary.f_vendor).into_any(),
        case.vendor.name.clone(),
    );
    text(
        &mut rows,
        t!(i18n, diary.f_contacts).into_any(),
        case.vendor.contacts.join("；"),
    );
    for (what, value) in [
        (
            t!(i18n, diary.f_credit_code).into_any(),
            &case.vendor.credit_code,
        ),
        (t!(i18n, diary.f_address).into_any(), &case.vendor.address),
        (
            t!(i18n, diary.f_legal_rep).into_any(),
            &case.vendor.legal_rep,
        ),
    ] {
        text(
            &mut rows,
            of(t!(i18n, diary.f_vendor_details).into_any(), what),
            value.clone(),
        );
    }
    text(
        &mut rows,
        t!(i18n, diary.f_acquirer).into_any(),
        case.acquirer.name.clone(),
    );
    text(
        &mut rows,
        t!(i18n, diary.f_licence).into_any(),
        case.acquirer.licence_no.clone().unwrap_or_default(),
    );
    match case.acquirer.kind {
        AcquirerKind::Unknown => {}
        AcquirerKind::NonBank => rows.push((
            t!(i18n, diary.f_acquirer_kind).into_any(),
            t!(i18n, diary.acquirer_kind_non_bank).into_any(),
        )),
        AcquirerKind::Bank => rows.push((
            t!(i18n, diary.f_acquirer_kind).into_any(),
            t!(i18n, diary.acquirer_kind_bank).into_any(),
        )),
    }
    for (what, value) in [
        (
            t!(i18n, diary.f_credit_code).into_any(),
            &case.acquirer.credit_code,
        ),
        (t!(i18n, diary.f_address).into_any(), &case.acquirer.address),
        (
            t!(i18n, diary.f_legal_rep).into_any(),
            &case.acquirer.legal_rep,
        ),
    ] {
        text(
            &mut rows,
            of(t!(i18n, diary.f_acquirer_details).into_any(), what),
            value.clone(),
        );
    }
    text(
        &mut rows,
        t!(i18n, diary.f_payer).into_any(),
        case.payer.name.clone(),
    );
    for (what, value) in [
        (
            t!(i18n, diary.f_credit_code).into_any(),
            &case.payer.credit_code,
        ),
        (t!(i18n, diary.f_address).into_any(), &case.payer.address),
        (
            t!(i18n, diary.f_legal_rep).into_any(),
            &case.payer.legal_rep,
        ),
    ] {
        text(
            &mut rows,
            of(t!(i18n, diary.f_payer_details).into_any(), what),
            value.clone(),
        );
    }
    text(
        &mut rows,
        t!(i18n, diary.f_merchant_no).into_any(),
        case.merchant_no.clone(),
    );
    text(
        &mut rows,
        t!(i18n, diary.f_remedy).into_any(),
        case.remedy_wanted.clone(),
    );
    if !case.matters.is_empty() {
        let matters = case.matters.clone();
        rows.push((
            t!(i18n, diary.matters).into_any(),
            (move || {
                let l = lang.get();
                matters
                    .iter()
                    .map(|m| m.label().get(l).to_owned())
                    .collect::<Vec<_>>()
                    .join("；")
            })
            .into_any(),
        ));
    }
    view! {
        <dl class="details" id="case-details">
            {rows.into_iter().map(|(k, v)| view! {
                <div><dt>{k}</dt><dd>{v}</dd></div>
            }).collect_view()}
        </dl>
    }
}

/// A detail row with the merchant's text, left out when empty.
fn text(rows: &mut Vec<(AnyView, AnyView)>, label: AnyView, value: String) {
    if !value.trim().is_empty() {
        rows.push((label, value.into_any()));
    }
}

/// Statutory clocks from data/clocks.json: pick one and the day it started.
#[component]
fn ClockCalculator(events: Vec<Event>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let clocks = statutory_clocks();
    let clock_id = RwSignal::new(clocks.first().map(|c| c.id.clone()).unwrap_or_default());
    // Default start: the latest letter sent, else the latest event, else today.
    let default_start = events
        .iter()
        .filter(|e| e.kind == crate::domain::case::EventKind::LetterSent)
        .map(|e| e.at.date())
        .max()
        .or_else(|| events.iter().map(|e| e.at.date()).max())
        .unwrap_or_else(today);
    let start = RwSignal::new(default_start.to_string());
    let day = today();
    view! {
        <details class="clocks no-print-open" id="clocks">
            <summary>{t!(i18n, diary.clocks)}</summary>
            <p class="small muted">{t!(i18n, diary.not_advice)}</p>
            <label class="field"><span>{t!(i18n, diary.clock)}</span>
                <select id="clock-select" on:change=move |ev| clock_id.set(event_target_value(&ev))>
                    {clocks.iter().map(|c| {
                        let id = c.id.clone();
                        let label = c.label.clone();
                        let period = c.period_label();
                        view! { <option value=id>{move || format!("{} — {}", label.get(lang.get()), period.get(lang.get()))}</option> }
                    }).collect_view()}
                </select></label>
            <label class="field"><span>{t!(i18n, diary.clock_start)}</span>
                <input type="date" id="clock-start" prop:value=move || start.get()
                    on:input=move |ev| start.set(event_target_value(&ev)) /></label>
            {move || {
                let l = lang.get();
                let clock = clocks.iter().find(|c| c.id == clock_id.get())?;
                let from = NaiveDate::parse_from_str(&start.get(), "%Y-%m-%d").ok()?;
                let due = clock.due_from(from);
                let status = due_status(day, due.date);
                Some(view! {
                    <div class="clock-result" id="clock-result">
                        <p><strong>{due.date.to_string()}</strong> " — " <span class:danger=status.is_overdue()>{status.label().get(l).to_owned()}</span></p>
                        <p class="small">{clock.who_acts.get(l).to_owned()} " · " {clock.counted_from.get(l).to_owned()}</p>
                        {due.caveat().map(|c| view! { <p class="warn small" id="clock-unconfirmed">{c.get(l).to_owned()}</p> })}
                        {clock.start_rule_assumed.then(|| view! { <p class="small muted">{clock.note.get(l).to_owned()}</p> })}
                        {clock.source.unconfirmed.then(|| view! { <p class="warn small">{t!(i18n, diary.source_unconfirmed)}</p> })}
                        <p class="small muted">{t!(i18n, diary.source)} " " <cite>{clock.source.get(l).to_owned()}</cite></p>
                    </div>
                })
            }}
        </details>
    }
}

#[component]
fn EventItem(event: Event, editing: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = ctx();
    let lang = use_lang();
    let day = today();
    let ev = StoredValue::new(event.clone());
    let id = event.id.clone();
    let id2 = id.clone();
    let is_editing = move || editing.get().as_deref() == Some(id.as_str());
    let delete = move |_| {
        if !confirm(td_string!(
            i18n.get_locale_untracked(),
            diary.confirm_delete_event
        )) {
            return;
        }
        let db = ctx.db();
        let id = id2.clone();
        leptos::task::spawn_local(async move {
            match db.delete_event(&id).await {
                Ok(removed) => ctx.removed(Spot::Timeline, removed, bi!(diary.deleted)),
                Err(e) => ctx.fail(Spot::Timeline, e.message()),
            }
        });
    };
    let kind = event.kind;
    let channel = event.distinct_channel();
    let has_files = !event.attachments.is_empty();
    let eid = event.id.clone();
    view! {
        <li class="event" data-event=event.id.clone()>
            <Show when=is_editing.clone() fallback=move || {
                let e = ev.get_value();
                let eid = eid.clone();
                view! {
                    <div class="event-head">
                        <time>{e.at.format("%Y-%m-%d %H:%M").to_string()}</time>
                        " " <span class="tag">{move || kind.label().get(lang.get()).to_owned()}</span>
                        {channel.map(|c| view! { " " <span class="small muted">{move || c.label().get(lang.get()).to_owned()}</span> })}
                    </div>
                    {(!e.counterparty.is_empty() || !e.person.is_empty()).then(|| view! {
                        <div class="small">{e.counterparty.clone()} {(!e.person.is_empty()).then_some(" · ")} {e.person.clone()}</div>
                    })}
                    {(!e.ticket_no.is_empty()).then(|| view! { <div class="small">{t!(i18n, diary.f_ticket)} ": " {e.ticket_no.clone()}</div> })}
                    {(!e.said.is_empty()).then(|| view! { <p class="said">{e.said_head().to_owned()}</p> })}
                    {e.letter_body().map(|body| view! {
                        <details class="letter-text no-print">
                            <summary>{t!(i18n, diary.letter_text)}</summary>
                            <p class="said">{body.to_owned()}</p>
                        </details>
                    })}
                    {e.promised_by.map(|d| view! {
                        // A sent letter's date is the clock it started, not a promise.
                        <div class="small">
                            {move || if kind == crate::domain::case::EventKind::LetterSent {
                                td_string!(i18n.get_locale(), diary.their_deadline).to_string()
                            } else {
                                td_string!(i18n.get_locale(), diary.promised_by).to_string()
                            }}
                            " " {d.to_string()} " · "
                            {move || due_status(day, d).label().get(lang.get()).to_owned()}</div>
                    })}
                    {e.amount_fen.map(|f| view! { <div class="small">{t!(i18n, diary.f_amount)} ": ¥" {fen_to_yuan(f)}</div> })}
                    {has_files.then(|| view! { <Attachments event_id=eid.clone() /> })}
                    <div class="row no-print">
                        <button type="button" class="link-button edit-event" on:click={
                            let eid = eid.clone();
                            move |_| editing.set(Some(eid.clone()))
                        }>{t!(i18n, diary.edit)}</button>
                        <button type="button" class="link-button danger delete-event" on:click=delete.clone()>{t!(i18n, diary.delete)}</button>
                    </div>
                }
            }>
                <EventForm case_id=ev.with_value(|e| e.case_id.clone()) existing=Some(ev.get_value())
                    on_done=Callback::new(move |_| editing.set(None)) />
            </Show>
        </li>
    }
}

/// Files of one event. Images show as thumbnails: the stored image itself, scaled by CSS
/// (`object-fit: cover`, lazy-loaded); no separate thumbnail is generated or stored.
#[component]
fn Attachments(event_id: String) -> impl IntoView {
    let ctx = ctx();
    let i18n = use_i18n();
    let id = StoredValue::new(event_id);
    let files = LocalResource::new(move || {
        ctx.rev.track();
        let db = ctx.db();
        let id = id.get_value();
        async move { db.attachments_of_event(&id).await }
    });
    view! {
        <Transition fallback=|| ()>
            {move || files.get().map(|r| match r {
                Err(_) => Either::Left(view! { <p class="warn small">{t!(i18n, diary.files_unreadable)}</p> }),
                Ok(list) => Either::Right(view! {
                    <ul class="files">{list.into_iter().map(|a| view! { <FileLink file=a /> }).collect_view()}</ul>
                }),
            })}
        </Transition>
    }
}

#[component]
fn FileLink(file: StoredAttachment) -> impl IntoView {
    let url = web_sys::Url::create_object_url_with_blob(&file.blob).unwrap_or_default();
    let revoke = url.clone();
    on_cleanup(move || {
        let _ = web_sys::Url::revoke_object_url(&revoke);
    });
    let is_image = file.mime.starts_with("image/");
    let kb = file.size.div_ceil(1024);
    let name = file.name.clone();
    view! {
        <li class="file">
            <a href=url.clone() target="_blank" rel="noopener" download=name.clone()>
                {is_image.then(|| view! { <img class="thumb" src=url.clone() alt=name.clone() loading="lazy" /> })}
                <span class="small">{name.clone()} " (" {kb} " KB)"</span>
            </a>
        </li>
    }
}
