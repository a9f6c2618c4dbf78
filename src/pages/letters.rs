//! Complaint letters: `/letters` (choose a kind) and `/letters/<kind>` (fill in, check what is
//! missing, edit the final text, then print on A4, copy or download).
//!
//! The rules (what each letter says, which fields it needs, the reply deadline) live in
//! `domain::letters` and `data/letters/*.json`; this page only collects fields and shows results.

use crate::app::{href, use_lang};
use crate::components::coming_next::path_param;
use crate::domain::letters::{self, field_spec, FieldKind, LetterKind, LetterTemplate};
use crate::domain::links::IdParam;
use crate::domain::text::{Bilingual, Lang, Source};
use crate::i18n::*;
use crate::{platform, store};
use leptos::either::{Either, EitherOf3, EitherOf4};
use leptos::prelude::*;
use leptos_router::components::A;

fn kind_from_slug(slug: &str) -> Option<LetterKind> {
    LetterKind::ALL.into_iter().find(|k| k.slug() == slug)
}

#[component]
pub fn LettersPage() -> impl IntoView {
    let kind = path_param("kind");
    move || match kind.get() {
        IdParam::Absent => EitherOf3::A(view! { <LetterIndex /> }),
        IdParam::Valid(slug) => match kind_from_slug(&slug).and_then(letters::template) {
            Some(template) => EitherOf3::B(view! { <LetterEditor template=template /> }),
            None => EitherOf3::C(view! { <UnknownKind /> }),
        },
        IdParam::Invalid => EitherOf3::C(view! { <UnknownKind /> }),
    }
}

#[component]
fn UnknownKind() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="warn" role="alert">{t!(i18n, letters.unknown_kind)}</p>
        <LetterIndex />
    }
}

/// The six kinds, each with when to use it and when not.
#[component]
fn LetterIndex() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let cards = move || {
        let lang = lang.get();
        letters::templates()
            .iter()
            .map(|t| {
                view! {
                    <li class="card letter-card">
                        <h2>
                            <A href=href(&format!("/letters/{}", t.kind.slug()))>
                                {t.title.get(lang).to_owned()}
                            </A>
                        </h2>
                        <p><strong>{t!(i18n, letters.when_to_use)} "："</strong>{t.when_to_use.get(lang).to_owned()}</p>
                        <p class="muted"><strong>{t!(i18n, letters.when_not_to_use)} "："</strong>{t.when_not_to_use.get(lang).to_owned()}</p>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <h1>{t!(i18n, letters.title)}</h1>
        <p>{t!(i18n, letters.intro)}</p>
        <p class="note">{t!(i18n, letters.not_advice)}</p>
        <ul class="cards">{cards}</ul>
    }
}

/// The fields a template asks for, in its order: required first, then optional.
fn form_fields(template: &'static LetterTemplate) -> Vec<(&'static str, bool)> {
    let required = template.required_fields.iter().map(|n| (n.as_str(), true));
    let optional = template.optional_fields.iter().map(|n| (n.as_str(), false));
    required
        .chain(optional)
        .filter(|(name, _)| field_spec(name).is_some_and(|s| s.kind != FieldKind::Generated))
        .collect()
}

fn field_label(name: &str, lang: Lang) -> String {
    field_spec(name).map_or_else(
        || name.to_owned(),
        |s| match lang {
            Lang::Zh => s.zh.to_owned(),
            Lang::En => s.en.to_owned(),
        },
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ActionStatus {
    None,
    Copied,
    CopyFailed,
    DownloadFailed,
    PrintUnavailable,
}

#[component]
fn LetterEditor(template: &'static LetterTemplate) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let slug = template.kind.slug();

    // The merchant's fields, kept as a local draft so a reload loses nothing.
    let fields = RwSignal::new(store::settings::load_letter_draft(slug));
    let (draft_saved, set_draft_saved) = signal(true);
    Effect::new(move || {
        let saved = fields.with(|f| store::settings::save_letter_draft(slug, f).is_ok());
        set_draft_saved.set(saved);
    });
    let letter_date = RwSignal::new(platform::today());
    let rendered =
        Memo::new(move |_| fields.with(|f| letters::render(template, f, letter_date.get(), &[])));
    // `None` follows the generated text; `Some` is the merchant's own edit of it.
    let edited = RwSignal::new(None::<String>);
    let final_text = Memo::new(move |_| {
        edited
            .get()
            .unwrap_or_else(|| rendered.with(|r| r.text.clone()))
    });
    let status = RwSignal::new(ActionStatus::None);

    let inputs = form_fields(template)
        .into_iter()
        .map(|(name, required)| {
            let id = format!("field-{name}");
            let kind = field_spec(name).map_or(FieldKind::Text, |s| s.kind);
            let value = move || fields.with(|f| f.get(name).cloned().unwrap_or_default());
            let set = move |v: String| {
                fields.update(|f| {
                    if v.trim().is_empty() {
                        f.remove(name);
                    } else {
                        f.insert(name.to_owned(), v);
                    }
                })
            };
            let control = match kind {
                FieldKind::LongText => EitherOf4::A(view! {
                    <textarea id=id.clone() rows="4" prop:value=value
                        on:input=move |ev| set(event_target_value(&ev))></textarea>
                }),
                FieldKind::Date => EitherOf4::B(view! {
                    <input id=id.clone() type="date" prop:value=value
                        on:input=move |ev| set(event_target_value(&ev)) />
                }),
                FieldKind::Days => EitherOf4::C(view! {
                    <input id=id.clone() type="number" min="1" max="365" inputmode="numeric"
                        prop:value=value on:input=move |ev| set(event_target_value(&ev)) />
                }),
                _ => EitherOf4::D(view! {
                    <input id=id.clone() type="text" autocomplete="off" prop:value=value
                        on:input=move |ev| set(event_target_value(&ev)) />
                }),
            };
            view! {
                <div class="field">
                    <label for=id>
                        {move || field_label(name, lang.get())}
                        {required.then(|| view! { " " <span class="req">{t!(i18n, letters.required)}</span> })}
                    </label>
                    {control}
                </div>
            }
        })
        .collect_view();

    let missing = move || {
        let lang = lang.get();
        rendered.with(|r| {
            r.missing_required
                .iter()
                .map(|name| view! { <li>{field_label(name, lang)}</li> })
                .collect_view()
        })
    };
    let all_filled = move || rendered.with(|r| r.missing_required.is_empty());
    let deadline =
        move || rendered.with(|r| r.reply_deadline.map(|d| letters::format_date_zh(d.date)));
    let caveats = move || {
        let lang = lang.get();
        rendered.with(|r| {
            r.caveats
                .iter()
                .map(|c| view! { <li>{c.get(lang).to_owned()}</li> })
                .collect_view()
        })
    };

    let filename =
        move |ext: &str| format!("{slug}-{}.{ext}", letter_date.get().format("%Y-%m-%d"));
    let download_txt = move |_| {
        let text = final_text.get_untracked();
        let ok = platform::download(&filename("txt"), "text/plain;charset=utf-8", &text).is_ok();
        status.set(if ok {
            ActionStatus::None
        } else {
            ActionStatus::DownloadFailed
        });
    };
    let download_html = move |_| {
        let html = letters::to_standalone_html(&final_text.get_untracked());
        let ok = platform::download(&filename("html"), "text/html;charset=utf-8", &html).is_ok();
        status.set(if ok {
            ActionStatus::None
        } else {
            ActionStatus::DownloadFailed
        });
    };
    let copy = move |_| {
        let text = final_text.get_untracked();
        leptos::task::spawn_local(async move {
            let ok = platform::copy_text(&text).await.is_ok();
            status.set(if ok {
                ActionStatus::Copied
            } else {
                ActionStatus::CopyFailed
            });
        });
    };
    let print = move |_| {
        if !platform::print() {
            status.set(ActionStatus::PrintUnavailable);
        }
    };
    let status_text = move || match status.get() {
        ActionStatus::None => None,
        ActionStatus::Copied => Some(td_string!(i18n.get_locale(), letters.copied)),
        ActionStatus::CopyFailed => Some(td_string!(i18n.get_locale(), letters.copy_failed)),
        ActionStatus::DownloadFailed => {
            Some(td_string!(i18n.get_locale(), letters.download_failed))
        }
        ActionStatus::PrintUnavailable => {
            Some(td_string!(i18n.get_locale(), letters.print_unavailable))
        }
    };

    view! {
        <div class="no-print">
            <p><A href=href("/letters")>{t!(i18n, letters.back_to_list)}</A></p>
            <h1>{move || template.title.get(lang.get()).to_owned()}</h1>
            <p class="note" role="note">{move || template.disclaimer.get(lang.get()).to_owned()}</p>
            <Guidance template=template />
            <section class="letter-form">
                <h2>{t!(i18n, letters.fields)}</h2>
                <div class="field">
                    <label for="field-letter-date">{t!(i18n, letters.letter_date)}</label>
                    <input id="field-letter-date" type="date"
                        prop:value=move || letter_date.get().format("%Y-%m-%d").to_string()
                        on:input=move |ev| {
                            if let Ok(date) = chrono::NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d") {
                                letter_date.set(date);
                            }
                        } />
                </div>
                {inputs}
                <p class="muted">
                    {move || if draft_saved.get() {
                        Either::Left(view! { <span>{t!(i18n, letters.draft_saved)}</span> })
                    } else {
                        Either::Right(view! { <span class="warn" role="alert">{t!(i18n, letters.draft_failed)}</span> })
                    }}
                </p>
            </section>
            <section class="letter-status" aria-live="polite">
                {move || if all_filled() {
                    Either::Left(view! { <p class="ok" id="letter-complete">{t!(i18n, letters.complete)}</p> })
                } else {
                    Either::Right(view! {
                        <div class="warn" id="letter-missing">
                            <p>{t!(i18n, letters.missing)}</p>
                            <ul>{missing}</ul>
                        </div>
                    })
                }}
                {move || deadline().map(|d| view! {
                    <p id="letter-deadline"><strong>{t!(i18n, letters.reply_deadline)} "："</strong>{d}</p>
                })}
                <Show when=move || rendered.with(|r| !r.caveats.is_empty())>
                    <h3>{t!(i18n, letters.caveats)}</h3>
                    <ul class="caveats">{caveats}</ul>
                </Show>
            </section>
            <section class="letter-text">
                <label for="letter-final-text"><h2>{t!(i18n, letters.final_text)}</h2></label>
                <p class="muted">{t!(i18n, letters.final_text_help)}</p>
                <textarea id="letter-final-text" rows="16" prop:value=move || final_text.get()
                    on:input=move |ev| edited.set(Some(event_target_value(&ev)))></textarea>
                <p class="muted">
                    {t!(i18n, letters.char_count)}
                    <span id="letter-char-count">{move || final_text.with(|t| t.chars().count())}</span>
                </p>
                <Show when=move || edited.with(Option::is_some)>
                    <button type="button" class="secondary" on:click=move |_| edited.set(None)>
                        {t!(i18n, letters.reset_text)}
                    </button>
                </Show>
            </section>
            <div class="actions">
                <button type="button" on:click=print>{t!(i18n, letters.print)}</button>
                <button type="button" on:click=copy>{t!(i18n, letters.copy)}</button>
                <button type="button" class="secondary" on:click=download_txt>{t!(i18n, letters.download_txt)}</button>
                <button type="button" class="secondary" on:click=download_html>{t!(i18n, letters.download_html)}</button>
            </div>
            <p class="status" role="status" id="letter-action-status">{status_text}</p>
            <h2>{t!(i18n, letters.preview)}</h2>
        </div>
        <LetterPaper text=final_text />
    }
}

/// Recipient, when to use / not, what the letter does, cited rules with their sources, notes,
/// enclosures. Screen only.
#[component]
fn Guidance(template: &'static LetterTemplate) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let text = move |b: &'static Bilingual| move || b.get(lang.get()).to_owned();
    let citations = move || {
        let lang = lang.get();
        template
            .citations
            .iter()
            .map(|c| {
                view! {
                    <li>
                        <strong>{c.law.clone()}</strong> "：" {c.summary.get(lang).to_owned()}
                        <SourceLine source=&c.source />
                    </li>
                }
            })
            .collect_view()
    };
    let notes = move || {
        let lang = lang.get();
        template
            .notes
            .iter()
            .map(|n| view! { <li>{n.text.get(lang).to_owned()} <SourceLine source=&n.source /></li> })
            .collect_view()
    };
    let enclosures = move || {
        let lang = lang.get();
        template
            .enclosures
            .iter()
            .map(|e| view! { <li>{e.get(lang).to_owned()}</li> })
            .collect_view()
    };
    view! {
        <dl class="guidance">
            <dt>{t!(i18n, letters.recipient)}</dt>
            <dd>{text(&template.recipient)}</dd>
            <dt>{t!(i18n, letters.when_to_use)}</dt>
            <dd>{text(&template.when_to_use)}</dd>
            <dt>{t!(i18n, letters.when_not_to_use)}</dt>
            <dd>{text(&template.when_not_to_use)}</dd>
            <dt>{t!(i18n, letters.explanation)}</dt>
            <dd>{text(&template.explanation)}</dd>
        </dl>
        <details class="citations">
            <summary>{t!(i18n, letters.citations)}</summary>
            <ul>{citations}</ul>
        </details>
        <Show when=move || !template.notes.is_empty()>
            <h3>{t!(i18n, letters.notes)}</h3>
            <ul class="notes">{notes}</ul>
        </Show>
        <h3>{t!(i18n, letters.enclosures)}</h3>
        <ul>{enclosures}</ul>
    }
}

/// "Source: shared file — what it cites", with an "unconfirmed" tag where flagged.
#[component]
fn SourceLine(source: &'static Source) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="source">
            " (" {t!(i18n, letters.source)} "：" {source.cites.clone()} " — shared/" {source.shared.clone()} ")"
            {source.unconfirmed.then(|| view! { " " <span class="tag">{t!(i18n, letters.unconfirmed)}</span> })}
        </span>
    }
}

/// The letter as it goes on paper: subject, paragraphs, signature and seal lines. The print
/// stylesheet shows only this. Every value is rendered as text.
#[component]
fn LetterPaper(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let parts = move || {
        text.with(|t| {
            let mut lines = t.trim().splitn(2, '\n');
            let subject = lines.next().unwrap_or_default().trim().to_owned();
            let paragraphs: Vec<String> = lines
                .next()
                .unwrap_or_default()
                .split("\n\n")
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect();
            (subject, paragraphs)
        })
    };
    view! {
        <article class="letter-paper" lang="zh-CN">
            <h2 class="letter-subject">{move || parts().0}</h2>
            {move || parts().1.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
            <p class="letter-signature">
                {td_string!(Locale::zh, letters.signature)} "：＿＿＿＿＿＿＿＿＿＿ "
                {td_string!(Locale::zh, letters.seal)}
            </p>
        </article>
    }
}
