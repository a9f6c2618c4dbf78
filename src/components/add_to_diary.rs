//! "Add to diary": the one way the wizard and the checker write into the dispute diary.
//!
//! Given an event kind and a prefilled text (and optionally the acquirer to record on the
//! case), the merchant picks an existing case (active ones first) or creates a new one (title
//! prefilled), can edit the text, and saves. The case and the event are written together by
//! `store::diary` (`Diary::add_case_with_event`, one transaction); the result
//! links to `/diary/<case-id>`. A failed write says so and keeps what was typed; a browser
//! without IndexedDB gets a clear message instead of the form.
//!
//! The panel's code (the form, the case model and the diary store) is in the diary's part,
//! `records`, fetched on the first tap of the button (usually from the service worker, which
//! keeps every part once the app has loaded): a wizard outcome or a check result draws only the
//! button, so a deep link to the guide or the checker does not carry the diary. Measured
//! 2026-11-28: guide links 380.3 → 325.0 KB brotli, check links 463.3 → 438.4 KB, diary and
//! letters links 623.8 → 628.6 KB, eight files each as before. A part of its own for the panel
//! cut the guide links to 330.1 KB but made the deep links fetch 12–15 files instead of 8,
//! which is what costs start-up time.
//!
//! The result appears where the form was, is scrolled into view and announced (a live region
//! that is always in the page). The save button is disabled while saving, and a saved form is
//! gone: a double tap writes one event, and saving again takes a deliberate "add another".

use std::rc::Rc;

use crate::components::late_view::{LateFuture, LateView};
use crate::components::layout::{after_settle, scroll_into_view};
use crate::domain::case::{Acquirer, Case, Event, EventKind, Vendor};
use crate::domain::text::Bilingual;
use crate::i18n::*;
use crate::lang::use_lang;
use crate::routing::href;
use crate::store::diary::{new_id, now, Diary, DiaryError};
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_router::components::A;

/// The `<select>` value for "create a new case".
const NEW_CASE: &str = "";

#[derive(Clone, Copy, PartialEq, Eq)]
enum DbState {
    Closed,
    Opening,
    Ready,
    /// Saved: the form is gone, the result and a link to the case are shown.
    Done,
    Unavailable,
}

/// Cases for the picker: active first, then the most recently updated.
fn sorted_cases(mut cases: Vec<Case>) -> Vec<Case> {
    crate::domain::case::sort_for_picker(&mut cases);
    cases
}

/// Writes `text` as a `kind` event into case `target` (or a new case titled `title`), setting
/// the case's acquirer when `acquirer` is given, in one store call (both or neither). Returns
/// the case id.
async fn save(
    db: &Diary,
    target: Option<String>,
    title: String,
    kind: EventKind,
    text: String,
    acquirer: Option<Acquirer>,
    vendor: Option<Vendor>,
) -> Result<String, DiaryError> {
    let stamp = now();
    let mut case = match target {
        Some(id) => {
            let mut case = db
                .case(&id)
                .await?
                .ok_or_else(|| DiaryError::NotFound(id.clone()))?;
            if let Some(acquirer) = acquirer {
                case.acquirer = acquirer;
            }
            case
        }
        None => Case {
            acquirer: acquirer.unwrap_or_default(),
            ..Case::new(new_id("c"), title.trim(), stamp)
        },
    };
    if let Some(vendor) = vendor {
        crate::domain::agent::merge_vendor(&mut case.vendor, &vendor);
    }
    let event = Event {
        id: new_id("e"),
        case_id: case.id.clone(),
        at: stamp,
        kind,
        counterparty: String::new(),
        channel: None,
        person: String::new(),
        ticket_no: String::new(),
        said: text.trim().to_owned(),
        promised_by: None,
        amount_fen: None,
        attachments: vec![],
        evidence: vec![],
    };
    db.add_case_with_event(&case, &event).await?;
    Ok(case.id)
}

/// What the panel is given: see [`AddToDiary`].
#[derive(Clone, Copy)]
pub struct PanelArgs {
    kind: EventKind,
    text: Signal<String>,
    title: Signal<String>,
    acquirer: Option<Signal<Option<Acquirer>>>,
    vendor: Option<Signal<Option<Vendor>>>,
}

/// The panel, drawn open (as if its button had just been tapped); cancelling it shows its own
/// button again.
#[component]
fn Panel(args: PanelArgs) -> impl IntoView {
    let PanelArgs {
        kind,
        text,
        title,
        acquirer,
        vendor,
    } = args;
    let i18n = use_i18n();
    let lang = use_lang();
    let state = RwSignal::new(DbState::Closed);
    let diary = StoredValue::new_local(None::<Rc<Diary>>);
    let cases = RwSignal::new(Vec::<Case>::new());
    let target = RwSignal::new(NEW_CASE.to_owned());
    let title_in = RwSignal::new(String::new());
    let text_in = RwSignal::new(String::new());
    let set_acquirer = RwSignal::new(true);
    let set_vendor = RwSignal::new(true);
    let busy = RwSignal::new(false);
    // Ok(case id) after a save; Err(message) when it failed.
    let result = RwSignal::new(None::<Result<String, Bilingual>>);
    let live = NodeRef::<leptos::html::Div>::new();
    let show_result = move || {
        after_settle(move || {
            if let Some(el) = live.get_untracked() {
                scroll_into_view(&el);
            }
        })
    };
    let offered = move || acquirer.and_then(|a| a.get());
    let offered_vendor = move || vendor.and_then(|v| v.get());

    let open = move || {
        title_in.set(title.get_untracked());
        text_in.set(text.get_untracked());
        set_acquirer.set(true);
        set_vendor.set(true);
        result.set(None);
        if diary.with_value(Option::is_some) {
            state.set(DbState::Ready);
            return;
        }
        state.set(DbState::Opening);
        leptos::task::spawn_local(async move {
            let db = match Diary::open().await {
                Ok(db) => Rc::new(db),
                Err(_) => {
                    state.set(DbState::Unavailable);
                    return;
                }
            };
            match db.cases().await {
                Ok(list) => {
                    let list = sorted_cases(list);
                    // Default to the most pressing active case; otherwise a new case.
                    let first_active = list
                        .iter()
                        .find(|c| c.status.is_active())
                        .map(|c| c.id.clone());
                    target.set(first_active.unwrap_or_default());
                    cases.set(list);
                }
                Err(e) => {
                    result.set(Some(Err(e.message())));
                    show_result();
                }
            }
            diary.set_value(Some(db));
            state.set(DbState::Ready);
        });
    };

    // The panel is fetched by a tap on the button: it opens at once.
    open();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(db) = diary.get_value() else { return };
        // One save per form: a second tap while saving, or after it saved, does nothing.
        if busy.get_untracked() || state.get_untracked() != DbState::Ready {
            return;
        }
        let chosen = target.get_untracked();
        let chosen = (chosen != NEW_CASE).then_some(chosen);
        let acquirer = if set_acquirer.get_untracked() {
            acquirer.and_then(|a| a.get_untracked())
        } else {
            None
        };
        let vendor = if set_vendor.get_untracked() {
            vendor.and_then(|v| v.get_untracked())
        } else {
            None
        };
        let (title, text) = (title_in.get_untracked(), text_in.get_untracked());
        busy.set(true);
        result.set(None);
        leptos::task::spawn_local(async move {
            let outcome = save(&db, chosen, title, kind, text, acquirer, vendor).await;
            if outcome.is_ok() {
                state.set(DbState::Done);
            }
            busy.set(false);
            result.set(Some(outcome.map_err(|e| e.message())));
            show_result();
            if let Ok(list) = db.cases().await {
                cases.set(sorted_cases(list));
            }
        });
    };

    let options = move || {
        let l = lang.get();
        let chosen = target.get();
        cases.with(|cases| {
            cases
                .iter()
                .map(|c| {
                    let label = format!("{}（{}）", c.title, c.status.label().get(l));
                    view! { <option value=c.id.clone() selected=chosen == c.id>{label}</option> }
                })
                .collect_view()
        })
    };

    let form = move || {
        view! {
            <form class="add-to-diary-form" on:submit=submit>
                <label class="field"><span>{t!(i18n, diary.add.case)}</span>
                    <select class="add-to-diary-case" on:change=move |ev| target.set(event_target_value(&ev))>
                        <option value=NEW_CASE selected=move || target.get() == NEW_CASE>{t!(i18n, diary.add.new_case)}</option>
                        {options}
                    </select>
                </label>
                <Show when=move || target.get() == NEW_CASE>
                    <label class="field"><span>{t!(i18n, diary.add.title)}</span>
                        <input type="text" class="add-to-diary-title" prop:value=move || title_in.get()
                            on:input=move |ev| title_in.set(event_target_value(&ev)) />
                    </label>
                </Show>
                <label class="field"><span>{t!(i18n, diary.add.text)}</span>
                    <textarea class="add-to-diary-text" rows="5" prop:value=move || text_in.get()
                        on:input=move |ev| text_in.set(event_target_value(&ev))></textarea>
                </label>
                {move || offered().map(|a| {
                    let label = match &a.licence_no {
                        Some(no) => format!("{}（{}）", a.name, no),
                        None => a.name.clone(),
                    };
                    view! {
                        <label class="check">
                            <input type="checkbox" class="add-to-diary-set-acquirer" prop:checked=move || set_acquirer.get()
                                on:change=move |ev| set_acquirer.set(event_target_checked(&ev)) />
                            " " {t!(i18n, diary.add.set_acquirer)} " " <strong>{label}</strong>
                        </label>
                    }
                })}
                {move || offered_vendor().map(|v| {
                    let label = match v.contacts.first() {
                        Some(c) => format!("{}（{}）", v.name, c),
                        None => v.name.clone(),
                    };
                    view! {
                        <label class="check">
                            <input type="checkbox" class="add-to-diary-set-vendor" prop:checked=move || set_vendor.get()
                                on:change=move |ev| set_vendor.set(event_target_checked(&ev)) />
                            " " {t!(i18n, diary.add.set_vendor)} " " <strong>{label}</strong>
                        </label>
                    }
                })}
                <p class="row">
                    <button type="submit" class="button primary add-to-diary-save" disabled=move || busy.get()
                        aria-busy=move || busy.get().then_some("true")>
                        {move || if busy.get() { t!(i18n, diary.add.saving).into_any() } else { t!(i18n, diary.add.save).into_any() }}
                    </button>
                    <button type="button" class="button" on:click=move |_| state.set(DbState::Closed)>
                        {t!(i18n, diary.cancel)}
                    </button>
                </p>
            </form>
        }
    };

    view! {
        <div class="add-to-diary no-print">
            <Show when=move || state.get() == DbState::Closed>
                <button type="button" class="button add-to-diary-open" on:click=move |_| open()>
                    {t!(i18n, diary.add.open)}
                </button>
            </Show>
            {move || match state.get() {
                DbState::Closed | DbState::Done => None,
                DbState::Opening => Some(EitherOf3::A(view! { <p class="muted">"…"</p> })),
                DbState::Unavailable => Some(EitherOf3::B(view! {
                    <p class="warn add-to-diary-unavailable" role="alert">{t!(i18n, diary.add.unavailable)}</p>
                })),
                DbState::Ready => Some(EitherOf3::C(form())),
            }}
            <div class="add-to-diary-result" aria-live="polite" node_ref=live>
            {move || result.get().map(|r| match r {
                Ok(id) => view! {
                    <p class="ok add-to-diary-done" role="status">
                        {t!(i18n, diary.add.saved)} " "
                        <A href=href(&format!("/diary/{}", String::from(js_sys::encode_uri_component(&id))))
                            attr:class="add-to-diary-link">{t!(i18n, diary.add.open_case)}</A>
                    </p>
                    <p class="row">
                        <button type="button" class="button add-to-diary-another" on:click=move |_| open()>
                            {t!(i18n, diary.add.another)}
                        </button>
                    </p>
                }.into_any(),
                Err(e) => view! { <p class="warn add-to-diary-error" role="alert">{move || e.get(lang.get()).to_owned()}</p> }.into_any(),
            })}
            </div>
        </div>
    }
}

/// The panel, built under `owner` (the button's: the part is called from a task, outside any
/// owner, and the panel needs the page's contexts and goes when the button does). Called from
/// the split point in `app.rs`, which puts it in the diary's part.
pub fn panel(owner: &Owner, args: PanelArgs) -> AnyView {
    owner.with(|| view! { <Panel args=args /> }.into_any())
}

/// Loads the panel's part and builds the panel (`None` when the part could not be fetched). The
/// app provides it: the split point sits with the others in `app.rs`, where only the app reaches
/// it. (A split point that a part's own code can reach stays in every binary that links the
/// library, and the browser tests' unsplit modules then import a placeholder nothing answers.)
#[derive(Clone, Copy)]
pub struct PanelLoader(pub fn(Owner, PanelArgs) -> LateFuture);

/// A button that opens the "add to diary" panel. `text` and `title` are read when the panel
/// opens (the merchant can edit both); `acquirer`, when it holds a value, is offered as the
/// case's acquirer (name and licence number), ticked by default; `vendor` likewise offers the
/// agent's name and contacts (added to what the case already has).
#[component]
pub fn AddToDiary(
    kind: EventKind,
    #[prop(into)] text: Signal<String>,
    #[prop(into)] title: Signal<String>,
    #[prop(optional, into)] acquirer: Option<Signal<Option<Acquirer>>>,
    #[prop(optional, into)] vendor: Option<Signal<Option<Vendor>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let args = PanelArgs {
        kind,
        text,
        title,
        acquirer,
        vendor,
    };
    let owner = Owner::current();
    let loader = use_context::<PanelLoader>();
    let loading = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let late = LateView::new();
    let load = move |_| {
        let (Some(owner), Some(PanelLoader(load_panel))) = (owner.clone(), loader) else {
            failed.set(true);
            return;
        };
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        failed.set(false);
        leptos::task::spawn_local(async move {
            match load_panel(owner, args).await {
                Some(view) => late.put(view),
                None => {
                    let _ = failed.try_set(true);
                    let _ = loading.try_set(false);
                }
            }
        });
    };
    // Runs again only when `ready` turns true: the panel is taken out once and mounted.
    move || {
        if late.is_ready() {
            return late.take();
        }
        let load = load.clone();
        Some(
            view! {
                <div class="add-to-diary no-print">
                    <button type="button" class="button add-to-diary-open" on:click=load
                        disabled=move || loading.get() aria-busy=move || loading.get().then_some("true")>
                        {t!(i18n, diary.add.open)}
                    </button>
                    {move || failed.get().then(|| view! {
                        <p class="warn add-to-diary-part-failed" role="alert">{t!(i18n, diary.add.part_failed)}</p>
                    })}
                </div>
            }
            .into_any(),
        )
    }
}
