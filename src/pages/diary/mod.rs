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

use crate::app::use_lang;
use crate::components::coming_next::path_param;
use crate::domain::case::FieldError;
use crate::domain::links::IdParam;
use crate::domain::text::Lang;
use crate::i18n::*;
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

fn field_errors(errors: &[FieldError], lang: Lang) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message().get(lang)))
        .collect::<Vec<_>>()
        .join("；")
}

/// A failed operation, in the user's language.
pub(crate) fn error_text(e: &DiaryError, lang: Lang) -> String {
    let (zh, en) = (
        "保存或读取失败，数据未更改：",
        "Could not save or read; nothing was changed: ",
    );
    let lead = if lang == Lang::Zh { zh } else { en };
    match e {
        DiaryError::Invalid(errors) => format!(
            "{}{}",
            if lang == Lang::Zh {
                "请检查："
            } else {
                "Please check: "
            },
            field_errors(errors, lang)
        ),
        DiaryError::Backup(errors) => {
            let head = if lang == Lang::Zh {
                "备份文件无法导入，未写入任何内容："
            } else {
                "The backup cannot be imported; nothing was written: "
            };
            let list: Vec<String> = errors
                .iter()
                .take(10)
                .map(|e| e.message().get(lang).to_owned())
                .collect();
            let more = errors.len().saturating_sub(10);
            let tail = if more > 0 {
                if lang == Lang::Zh {
                    format!("（另有{more}个问题）")
                } else {
                    format!(" (and {more} more)")
                }
            } else {
                String::new()
            };
            format!("{head}{}{tail}", list.join("；"))
        }
        DiaryError::FileTooLarge { name, size, max } => {
            let mb = |b: u64| format!("{:.1} MB", b as f64 / 1_048_576.0);
            if lang == Lang::Zh {
                format!("文件“{name}”有{}，每个文件最多{}。", mb(*size), mb(*max))
            } else {
                format!(
                    "File “{name}” is {}; each file may be at most {}.",
                    mb(*size),
                    mb(*max)
                )
            }
        }
        DiaryError::Store(StoreError::QuotaExceeded(_)) => if lang == Lang::Zh {
            "存储空间不足，浏览器拒绝写入，数据未更改。请删除不需要的附件，或导出备份后清理手机空间，再试一次。"
        } else {
            "Storage is full: the browser refused the write and nothing was changed. Delete attachments you do not need, or export a backup and free space on the device, then try again."
        }
        .to_owned(),
        other => format!("{lead}{other}"),
    }
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
                Err(e) => ctx.fail(error_text(&e, l)),
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
