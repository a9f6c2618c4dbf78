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
use crate::i18n::*;
use crate::lang::use_lang;
use crate::routing::path_param;
use crate::store::db::StoreError;
use crate::store::diary::{Diary, DiaryError, Removed};
use chrono::NaiveDate;
use leptos::either::EitherOf3;
use leptos::prelude::*;

/// A message in the notice bar; `undo` shows the undo button for the last delete.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Notice {
    pub text: String,
    pub error: bool,
    pub undo: bool,
}

/// Shared by the diary views: the open database, a revision counter that every successful
/// write bumps (views reload on it), the notice bar, and what the last delete removed.
#[derive(Clone, Copy)]
pub(crate) struct Ctx {
    pub diary: StoredValue<Rc<Diary>, LocalStorage>,
    pub rev: RwSignal<u64>,
    pub notice: RwSignal<Option<Notice>>,
    pub undo: StoredValue<Option<Removed>, LocalStorage>,
}

impl Ctx {
    pub fn db(&self) -> Rc<Diary> {
        self.diary.get_value()
    }
    pub fn changed(&self) {
        self.rev.update(|r| *r += 1);
    }
    pub fn say(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            text: text.into(),
            error: false,
            undo: false,
        }));
    }
    /// After a delete: keep what was removed for "undo", offer it, and reload the views.
    pub fn removed(&self, removed: Removed, text: impl Into<String>) {
        self.undo.set_value(Some(removed));
        self.notice.set(Some(Notice {
            text: text.into(),
            error: false,
            undo: true,
        }));
        self.changed();
    }
    pub fn fail(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            text: text.into(),
            error: true,
            undo: false,
        }));
    }
}

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
        <NoticeBar />
        {move || match target.get() {
            IdParam::Absent => EitherOf3::A(view! { <list::CaseList /> }),
            IdParam::Valid(id) => EitherOf3::B(view! { <case_view::CaseView id=id /> }),
            IdParam::Invalid => EitherOf3::C(view! {
                <p class="warn" role="alert">{t!(i18n, diary.bad_id)}</p>
            }),
        }}
    }
}

#[component]
fn NoticeBar() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = ctx();
    let lang = use_lang();
    let undo = move |_| {
        let Some(removed) = ctx.undo.get_value() else {
            return;
        };
        let db = ctx.db();
        let l = lang.get_untracked();
        leptos::task::spawn_local(async move {
            match db.restore(&removed).await {
                Ok(()) => {
                    ctx.undo.set_value(None);
                    ctx.say(td_string!(i18n.get_locale_untracked(), diary.undone));
                    ctx.changed();
                }
                Err(e) => ctx.fail(e.message().get(l).to_owned()),
            }
        });
    };
    view! {
        {move || ctx.notice.get().map(|n| view! {
            <div class=if n.error { "notice error no-print" } else { "notice no-print" }
                role=if n.error { "alert" } else { "status" } id="diary-notice">
                <span>{n.text.clone()}</span>
                {n.undo.then(|| view! {
                    <button type="button" class="link-button" id="undo" on:click=undo>{t!(i18n, diary.undo)}</button>
                })}
                <button type="button" class="link-button" aria-label=move || td_string!(i18n.get_locale(), diary.dismiss)
                    on:click=move |_| ctx.notice.set(None)>"×"</button>
            </div>
        })}
    }
}
