//! Dispute diary: `/diary` (case list, search, backup) and `/diary/<case-id>` (one case).
//!
//! Storage is `store::diary`; rules are `domain::{case, clocks, backup}`. Every piece of user
//! text is rendered as a text node (never HTML). A failed write shows the error in the notice
//! bar (`role=alert`) and the form keeps what was typed.

mod backup;
mod case_view;
mod forms;
mod list;

use std::rc::Rc;

use crate::domain::links::IdParam;
use crate::domain::text::Bilingual;
use crate::i18n::*;
use crate::lang::use_lang;
use crate::routing::path_param;
use crate::store::db::StoreError;
use crate::store::diary::{Diary, DiaryError, Removed};
use chrono::NaiveDate;
use leptos::either::EitherOf3;
use leptos::prelude::*;

/// Both languages of one i18n key, so a message stored now reads right after a language switch.
macro_rules! bi {
    ($($key:tt)+) => {
        $crate::domain::text::Bilingual::new(
            td_string!($crate::i18n::Locale::zh, $($key)+).to_string(),
            td_string!($crate::i18n::Locale::en, $($key)+).to_string(),
        )
    };
}
pub(crate) use bi;

/// Where a message appears: next to the control whose action it reports, so it is in view
/// where the merchant's finger is. Only one message shows at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    /// The top of the page (after a delete that left the case page).
    Top,
    /// Under the case's edit/print/delete buttons.
    Case,
    /// Above the timeline (event saved or deleted).
    Timeline,
    /// Under the export buttons.
    Export,
    /// Under the import control.
    Import,
    /// Under the storage line (persistent storage asked).
    Storage,
}

/// A message; `undo` shows the undo button for the last delete. The text is kept in both
/// languages and shown in the current one.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Notice {
    pub text: Bilingual,
    pub error: bool,
    pub undo: bool,
    pub spot: Spot,
}

/// Shared by the diary views: the open database, a revision counter that every successful
/// write bumps (views reload on it), the message, and what the last delete removed.
#[derive(Clone, Copy)]
pub(crate) struct Ctx {
    pub diary: StoredValue<Rc<Diary>, LocalStorage>,
    pub rev: RwSignal<u64>,
    pub notice: RwSignal<Option<Notice>>,
    pub undo: StoredValue<Option<Removed>, LocalStorage>,
    /// An element to bring into view again once the case list has reloaded (it may grow above it).
    pub reveal_after_reload: StoredValue<Option<&'static str>, LocalStorage>,
}

impl Ctx {
    pub fn db(&self) -> Rc<Diary> {
        self.diary.get_value()
    }
    pub fn changed(&self) {
        self.rev.update(|r| *r += 1);
    }
    fn show(&self, notice: Notice) {
        self.notice.set(Some(notice));
    }
    pub fn say(&self, spot: Spot, text: Bilingual) {
        self.show(Notice {
            text,
            error: false,
            undo: false,
            spot,
        });
    }
    /// After a delete: keep what was removed for "undo", offer it, and reload the views.
    pub fn removed(&self, spot: Spot, removed: Removed, text: Bilingual) {
        self.undo.set_value(Some(removed));
        self.show(Notice {
            text,
            error: false,
            undo: true,
            spot,
        });
        self.changed();
    }
    pub fn fail(&self, spot: Spot, text: Bilingual) {
        self.show(Notice {
            text,
            error: true,
            undo: false,
            spot,
        });
    }
}

pub(crate) use crate::components::layout::reveal;

pub(crate) fn ctx() -> Ctx {
    expect_context::<Ctx>()
}

pub(crate) fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

#[component]
pub fn DiaryPage() -> impl IntoView {
    let i18n = use_i18n();
    let target = path_param("case");
    let opened = LocalResource::new(|| async { Diary::open().await.map(Rc::new) });
    view! {
        <div class="diary">
            <h1 class="no-print-title">{t!(i18n, diary.title)}</h1>
            <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
                {move || opened.get().map(|result| match result {
                    Ok(diary) => EitherOf3::A(view! {
                        <p class="muted small no-print" id="db-status" data-db="ok">{t!(i18n, diary.available)}</p>
                        <DiaryApp diary=diary target=target />
                    }),
                    Err(DiaryError::Store(StoreError::NewerVersion)) => EitherOf3::B(view! {
                        <p class="warn" id="db-status" data-db="newer" role="alert">{t!(i18n, diary.newer_version)}</p>
                    }),
                    Err(_) => EitherOf3::C(view! {
                        <p class="warn" id="db-status" data-db="unavailable" role="alert">{t!(i18n, diary.unavailable)}</p>
                    }),
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn DiaryApp(diary: Rc<Diary>, target: Signal<IdParam>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = Ctx {
        diary: StoredValue::new_local(diary),
        rev: RwSignal::new(0),
        notice: RwSignal::new(None),
        undo: StoredValue::new_local(None),
        reveal_after_reload: StoredValue::new_local(None),
    };
    provide_context(ctx);
    // Leaving a case clears its messages.
    Effect::new(move |prev: Option<IdParam>| {
        let now = target.get();
        if prev.is_some_and(|p| p != now) {
            ctx.notice.set(None);
        }
        now
    });
    view! {
        <NoticeAt spot=Spot::Top />
        {move || match target.get() {
            IdParam::Absent => EitherOf3::A(view! { <list::CaseList /> }),
            IdParam::Valid(id) => EitherOf3::B(view! { <case_view::CaseView id=id /> }),
            IdParam::Invalid => EitherOf3::C(view! {
                <p class="warn" role="alert">{t!(i18n, diary.bad_id)}</p>
            }),
        }}
    }
}

/// The message, when it belongs at `spot`. The wrapper is always in the page and is a live
/// region, so screen readers announce what appears in it.
#[component]
pub(crate) fn NoticeAt(spot: Spot) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = ctx();
    let lang = use_lang();
    let undo = move |_| {
        let Some(removed) = ctx.undo.get_value() else {
            return;
        };
        let db = ctx.db();
        leptos::task::spawn_local(async move {
            match db.restore(&removed).await {
                Ok(()) => {
                    ctx.undo.set_value(None);
                    ctx.say(spot, bi!(diary.undone));
                    ctx.changed();
                }
                Err(e) => ctx.fail(spot, e.message()),
            }
        });
    };
    // Each time the message is drawn (also when the view under it reloads), bring it into view.
    let shown = NodeRef::<leptos::html::Div>::new();
    Effect::new(move || {
        if let Some(el) = shown.get() {
            crate::components::layout::after_settle(move || {
                crate::components::layout::scroll_into_view(&el)
            });
        }
    });
    view! {
        <div class="notice-spot no-print" aria-live="polite" data-spot=format!("{spot:?}").to_lowercase()>
        {move || ctx.notice.get().filter(|n| n.spot == spot).map(|n| view! {
            <div class=if n.error { "notice error" } else { "notice" }
                role=if n.error { "alert" } else { "status" } id="diary-notice" node_ref=shown>
                <span>{move || n.text.get(lang.get()).to_owned()}</span>
                {n.undo.then(|| view! {
                    <button type="button" class="link-button" id="undo" on:click=undo>{t!(i18n, diary.undo)}</button>
                })}
                <button type="button" class="link-button dismiss" aria-label=move || td_string!(i18n.get_locale(), diary.dismiss)
                    on:click=move |_| ctx.notice.set(None)>"×"</button>
            </div>
        })}
        </div>
    }
}
