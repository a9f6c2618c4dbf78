//! Complaint letters: `/letters` (choose a kind) and `/letters/<kind>` (fill in, check what is
//! missing, edit the final text, then print on A4, copy or download).
//!
//! The rules (what each letter says, which fields it needs, the reply deadline) live in
//! `domain::letters` and `data/letters/*.json`; this page only collects fields and shows results.

use crate::components::deferred::deferred;
use crate::components::dossier::DossierPage;
use crate::components::letter_paper::LetterPaper;
use crate::domain::case::{timeline, Case, Event, TimelineOrder};
use crate::domain::letters::{
    self, compose, field_spec, law, FieldKind, LetterKind, LetterTemplate,
};
use crate::domain::links::IdParam;
use crate::domain::party::{Matter, Profile};
use crate::domain::text::{Bilingual, Lang, Source};
use crate::i18n::*;
use crate::lang::use_lang;
use crate::routing::href;
use crate::routing::path_param;
use crate::store::diary::{new_id, now, Diary};
use crate::{platform, store};
use leptos::either::{Either, EitherOf3, EitherOf4};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use std::collections::BTreeSet;
use std::rc::Rc;

/// `/letters/dossier?case=<id>`: the case's printable 证据目录 (not a letter kind).
const DOSSIER_SLUG: &str = "dossier";

#[component]
pub fn LettersPage() -> impl IntoView {
    let kind = path_param("kind");
    let query = use_query_map();
    move || match kind.get() {
        IdParam::Absent => EitherOf4::A(view! { <LetterIndex /> }),
        IdParam::Valid(slug) if slug == DOSSIER_SLUG => {
            let case_id = query.with_untracked(|q| q.get("case"));
            EitherOf4::D(view! { <DossierPage case_id=case_id /> })
        }
        IdParam::Valid(slug) => match LetterKind::from_slug(&slug).and_then(letters::template) {
            Some(template) => EitherOf4::B(view! { <LetterEditor template=template /> }),
            None => EitherOf4::C(view! { <UnknownKind /> }),
        },
        IdParam::Invalid => EitherOf4::C(view! { <UnknownKind /> }),
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
    field_spec(name).map_or_else(|| name.to_owned(), |s| s.label.get(lang).to_owned())
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

    // The merchant's fields, kept as a local draft so a reload loses nothing. Known fields
    // carried in the link (e.g. from a checker verdict) take precedence over the draft.
    let query = use_query_map();
    let (query_fields, query_case) = query.with_untracked(|q| {
        (
            letters::fields_from_query(q),
            q.get("case").filter(|id| is_plausible_id(id)),
        )
    });
    let mut initial = store::settings::load_letter_draft(slug);
    initial.extend(query_fields);
    let fields = RwSignal::new(initial);
    let (draft_saved, set_draft_saved) = signal(true);
    Effect::new(move || {
        let saved = fields.with(|f| store::settings::save_letter_draft(slug, f).is_ok());
        set_draft_saved.set(saved);
    });
    let letter_date = RwSignal::new(platform::today());
    let profile = RwSignal::new(store::settings::load_profile());
    let source = CaseSource::new(fields, query_case);
    let rendered = Memo::new(move |_| {
        let excluded = source.excluded.get();
        source.events.with(|events| {
            let included: Vec<&Event> = events
                .iter()
                .filter(|e| !excluded.contains(&e.id))
                .collect();
            // The evidence keeps the case's 证据目录 numbers whatever is left out.
            let all: Vec<&Event> = events.iter().collect();
            fields.with(|f| {
                profile.with(|p| {
                    letters::render_numbered(
                        template,
                        &p.with_overrides(f),
                        f,
                        letter_date.get(),
                        &included,
                        &all,
                    )
                })
            })
        })
    });
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
                FieldKind::Choice => EitherOf4::D(Either::Left(view! {
                    <select id=id.clone() on:change=move |ev| set(event_target_value(&ev))>
                        <option value="" selected=move || value().is_empty()>{t!(i18n, letters.choose)}</option>
                        {field_spec(name).map(|s| s.options.iter().map(|o| {
                            let v = o.value.clone();
                            let v2 = o.value.clone();
                            view! {
                                <option value=v selected=move || value() == v2>
                                    {move || o.label.get(lang.get()).to_owned()}
                                </option>
                            }
                        }).collect_view())}
                    </select>
                })),
                _ => EitherOf4::D(Either::Right(view! {
                    <input id=id.clone() type="text" autocomplete="off" prop:value=value
                        on:input=move |ev| set(event_target_value(&ev)) />
                })),
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
                .map(|name| {
                    let label = missing_label(name, profile.with(|p| p.kind), lang);
                    view! { <li>{label}</li> }
                })
                .collect_view()
        })
    };
    let all_filled = move || rendered.with(|r| r.missing_required.is_empty());
    let deadline = move || {
        rendered.with(|r| {
            r.deadline.as_ref().map(|(d, label)| {
                (
                    label.get(lang.get()).to_owned(),
                    letters::format_date_zh(d.date),
                )
            })
        })
    };
    let later_clocks = move || {
        let lang = lang.get();
        rendered.with(|r| {
            r.later_clocks
                .iter()
                .map(|c| view! { <li>{c.get(lang).to_owned()}</li> })
                .collect_view()
        })
    };
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
        let html = letters::html::standalone_html(&final_text.get_untracked());
        let ok = platform::download(&filename("html"), "text/html;charset=utf-8", &html).is_ok();
        status.set(if ok {
            ActionStatus::None
        } else {
            ActionStatus::DownloadFailed
        });
    };
    let docx_writer = use_context::<DocxWriter>();
    let download_docx = move |_| {
        let text = final_text.get_untracked();
        let Some(DocxWriter(write)) = docx_writer else {
            status.set(ActionStatus::DownloadFailed);
            return;
        };
        leptos::task::spawn_local(async move {
            let ok = write(text).await.is_some_and(|bytes| {
                platform::download_bytes(&filename("docx"), letters::docx::DOCX_MIME, &bytes)
                    .is_ok()
            });
            status.set(if ok {
                ActionStatus::None
            } else {
                ActionStatus::DownloadFailed
            });
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
            // The rest of this long page is drawn in three later tasks (components::deferred).
            {deferred(move || view! {
                <SenderBox profile=profile missing=Signal::derive(move || rendered.with(|r| r.missing_required.clone())) />
                <CasePicker source=source />
                <MattersBox fields=fields />
                <ArticlesBox template=template fields=fields profile=profile />
            })}
            {deferred(move || view! {
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
                {move || deadline().map(|(label, d)| view! {
                    <p id="letter-deadline"><strong>{label} "："</strong>{d}</p>
                })}
                <Show when=move || rendered.with(|r| !r.later_clocks.is_empty())>
                    <h3>{t!(i18n, letters.later_clocks)}</h3>
                    <ul id="letter-later-clocks">{later_clocks}</ul>
                </Show>
                <Show when=move || rendered.with(|r| !r.caveats.is_empty())>
                    <h3>{t!(i18n, letters.caveats)}</h3>
                    <ul class="caveats">{caveats}</ul>
                </Show>
            </section>
            })}
            {deferred(move || view! {
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
                <button type="button" class="secondary" id="letter-download-docx" on:click=download_docx>{t!(i18n, letters.download_docx)}</button>
            </div>
            <p class="status" role="status" id="letter-action-status">{status_text}</p>
            <MarkSent source=source kind=template.kind fields=fields final_text=final_text rendered=rendered />
            <h2>{t!(i18n, letters.preview)}</h2>
            })}
        </div>
        {deferred(move || view! { <LetterPaper text=final_text /> })}
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
            .articles
            .iter()
            .filter_map(|id| law::article(id))
            .map(|c| {
                view! {
                    <li>
                        <cite><strong>{c.source.get(lang).to_owned()}</strong></cite> "：" {c.summary.get(lang).to_owned()}
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
            <h2>{t!(i18n, letters.notes)}</h2>
            <ul class="notes">{notes}</ul>
        </Show>
        <h2>{t!(i18n, letters.enclosures)}</h2>
        <ul>{enclosures}</ul>
    }
}

/// "(来源：<citation in the UI language>)", with "未经官方文件确认" where flagged.
#[component]
fn SourceLine(source: &'static Source) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    view! {
        <span class="source">
            " (" {t!(i18n, letters.source)} "：" <cite>{move || source.get(lang.get()).to_owned()}</cite> ")"
            {source.unconfirmed.then(|| view! { " " <span class="tag">{t!(i18n, letters.unconfirmed)}</span> })}
        </span>
    }
}

/// A missing value's label: a profile field (`profile:<field>`), or a letter field.
fn missing_label(name: &str, kind: crate::domain::party::PartyKind, lang: Lang) -> String {
    if let Some(field) = name.strip_prefix("profile:") {
        let label = Profile::field_label(field, kind).get(lang).to_owned();
        return match lang {
            Lang::Zh => format!("我的信息：{label}"),
            Lang::En => format!("My details: {label}"),
        };
    }
    match name {
        "facts" => td_string!(crate::lang::locale_of(lang), letters.facts_label).to_owned(),
        "respondent" => {
            td_string!(crate::lang::locale_of(lang), letters.respondent_label).to_owned()
        }
        _ => field_label(name, lang),
    }
}

/// Who sends the letter: the profile (我的信息) in one line, a link to edit it, and what it lacks.
#[component]
fn SenderBox(profile: RwSignal<Profile>, missing: Signal<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let summary = move || {
        profile.with(|p| {
            let name = p.signer();
            (!name.is_empty()).then(|| format!("{}（{}）", name, p.kind.label().get(lang.get())))
        })
    };
    let lacking = move || {
        let l = lang.get();
        let kind = profile.with(|p| p.kind);
        missing.with(|m| {
            m.iter()
                .filter(|n| n.starts_with("profile:"))
                .map(|n| view! { <li>{missing_label(n, kind, l)}</li> })
                .collect_view()
        })
    };
    let any_lacking = move || missing.with(|m| m.iter().any(|n| n.starts_with("profile:")));
    view! {
        <section class="letter-sender card" id="letter-sender">
            <h2>{t!(i18n, letters.sender_title)}</h2>
            {move || match summary() {
                Some(s) => Either::Left(view! { <p id="letter-sender-name">{s}</p> }),
                None => Either::Right(view! { <p class="muted">{t!(i18n, letters.sender_none)}</p> }),
            }}
            <Show when=any_lacking>
                <div class="warn" id="letter-sender-missing">
                    <p>{t!(i18n, letters.sender_missing)}</p>
                    <ul>{lacking}</ul>
                </div>
            </Show>
            <p><A href=href("/me")>{t!(i18n, letters.sender_edit)}</A></p>
        </section>
    }
}

/// What the case is about (field `matters`): decides the articles.
#[component]
fn MattersBox(fields: RwSignal<std::collections::BTreeMap<String, String>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let items = Matter::ALL
        .into_iter()
        .map(|m| {
            let checked = move || fields.with(|f| compose::matters(f).contains(&m));
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                fields.update(|f| {
                    let mut list = compose::matters(f);
                    list.retain(|x| *x != m);
                    if on {
                        list.push(m);
                    }
                    list.sort();
                    if list.is_empty() {
                        f.remove("matters");
                    } else {
                        f.insert("matters".to_owned(), Matter::list_code(&list));
                    }
                });
            };
            view! {
                <li><label class="check">
                    <input type="checkbox" class="letter-matter" value=m.code() prop:checked=checked on:change=toggle />
                    " " {move || m.label().get(lang.get()).to_owned()}
                </label></li>
            }
        })
        .collect_view();
    view! {
        <section class="letter-matters card" id="letter-matters">
            <h2>{t!(i18n, letters.matters_title)}</h2>
            <p class="muted small">{t!(i18n, letters.matters_help)}</p>
            <ul class="plain checks">{items}</ul>
        </section>
    }
}

/// The articles the letter cites: the defaults for the case's matters and the respondent,
/// which the merchant can change (field `articles`).
#[component]
fn ArticlesBox(
    template: &'static LetterTemplate,
    fields: RwSignal<std::collections::BTreeMap<String, String>>,
    profile: RwSignal<Profile>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    // Read by the list and by its empty state: computed once per change.
    let candidates = Memo::new(move |_| {
        let sender = profile.with(|p| p.kind);
        fields.with(|f| {
            let respondents = compose::respondents(template, f);
            let chosen: Vec<String> = compose::chosen_articles(template, f, sender)
                .iter()
                .map(|a| a.id.clone())
                .collect();
            compose::candidate_articles(template, &respondents, sender)
                .into_iter()
                .map(|a| (a, chosen.contains(&a.id)))
                .collect::<Vec<_>>()
        })
    });
    let items = move || {
        let l = lang.get();
        let sender = profile.with_untracked(|p| p.kind);
        candidates
            .get()
            .into_iter()
            .map(|(a, on)| {
                let id = a.id.clone();
                let toggle = move |ev: leptos::ev::Event| {
                    let checked = event_target_checked(&ev);
                    let id = id.clone();
                    fields.update(|f| {
                        let mut list: Vec<String> = compose::chosen_articles(template, f, sender)
                            .iter()
                            .map(|a| a.id.clone())
                            .collect();
                        list.retain(|x| *x != id);
                        if checked {
                            list.push(id);
                        }
                        f.insert("articles".to_owned(), list.join(","));
                    });
                };
                view! {
                    <li><label class="check">
                        <input type="checkbox" class="letter-article" value=a.id.clone() prop:checked=on on:change=toggle />
                        " " <cite>{a.source.get(l).to_owned()}</cite> "：" {a.summary.get(l).to_owned()}
                    </label></li>
                }
            })
            .collect_view()
    };
    let customised = move || fields.with(|f| f.contains_key("articles"));
    view! {
        <section class="letter-articles card" id="letter-articles">
            <h2>{t!(i18n, letters.articles_title)}</h2>
            <p class="muted small">{t!(i18n, letters.articles_help)}</p>
            <Show when=move || candidates.with(|c| !c.is_empty()) fallback=move || view! { <p class="muted">{t!(i18n, letters.articles_none)}</p> }>
                <ul class="plain checks">{items}</ul>
            </Show>
            <Show when=customised>
                <button type="button" class="secondary" on:click=move |_| fields.update(|f| { f.remove("articles"); })>
                    {t!(i18n, letters.articles_reset)}
                </button>
            </Show>
        </section>
    }
}

/// Saves `bytes` as a file named `filename` (a link with `download`, clicked).
/// Writes a letter's text as a .docx file (`None` if it could not). The app provides it: the Word
/// writer (docx-rs with its XML and zip code, ~180 KB brotli) is a lazy part of its own, fetched
/// the first time a merchant asks for a .docx, and its split point sits with the others in app.rs.
#[derive(Clone, Copy)]
pub struct DocxWriter(pub fn(String) -> DocxFuture);

/// The .docx bytes, once the writer's part is loaded and has run.
pub type DocxFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Option<Vec<u8>>>>>;

/// Ids in `/diary/<id>` are short printable ASCII; anything else in `?case=` is ignored.
fn is_plausible_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_graphic())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DbState {
    Opening,
    Ready,
    Unavailable,
}

/// The diary case a letter is filled from: the open diary, the case list, the chosen case with
/// its events, and which events the merchant left out of the letter (all are in by default).
#[derive(Clone, Copy)]
struct CaseSource {
    diary: StoredValue<Option<Rc<Diary>>, LocalStorage>,
    state: RwSignal<DbState>,
    cases: RwSignal<Vec<Case>>,
    chosen: RwSignal<Option<String>>,
    case: RwSignal<Option<Case>>,
    events: RwSignal<Vec<Event>>,
    excluded: RwSignal<BTreeSet<String>>,
    /// A failure while reading the diary, in the UI language.
    error: RwSignal<Option<String>>,
    fields: RwSignal<std::collections::BTreeMap<String, String>>,
    lang: Signal<Lang>,
}

impl CaseSource {
    fn new(
        fields: RwSignal<std::collections::BTreeMap<String, String>>,
        initial: Option<String>,
    ) -> Self {
        let source = CaseSource {
            diary: StoredValue::new_local(None),
            state: RwSignal::new(DbState::Opening),
            cases: RwSignal::new(vec![]),
            chosen: RwSignal::new(initial.clone()),
            case: RwSignal::new(None),
            events: RwSignal::new(vec![]),
            excluded: RwSignal::new(BTreeSet::new()),
            error: RwSignal::new(None),
            fields,
            lang: use_lang(),
        };
        leptos::task::spawn_local(async move {
            match Diary::open().await {
                Ok(diary) => {
                    source.diary.set_value(Some(Rc::new(diary)));
                    source.state.set(DbState::Ready);
                    source.reload_cases().await;
                    if let Some(id) = initial {
                        source.load(id, true).await;
                    }
                }
                Err(_) => source.state.set(DbState::Unavailable),
            }
        });
        source
    }

    // The methods below run after awaits: by then the merchant may have left the page and its
    // signals are disposed, so they read with `try_` and give up quietly.
    fn lang(&self) -> Lang {
        self.lang.try_get_untracked().unwrap_or_default()
    }

    async fn reload_cases(self) {
        let Some(db) = self.diary.try_get_value().flatten() else {
            return;
        };
        match db.cases().await {
            Ok(mut cases) => {
                crate::domain::case::sort_for_picker(&mut cases);
                self.cases.set(cases);
            }
            Err(e) => self
                .error
                .set(Some(e.message().get(self.lang()).to_owned())),
        }
    }

    /// Loads case `id` and its events; `fill` copies what the case knows into the fields.
    async fn load(self, id: String, fill: bool) {
        let Some(db) = self.diary.try_get_value().flatten() else {
            return;
        };
        let result = async {
            let found = db.case_with_events(&id).await?;
            let (case, events) = match found {
                Some((case, events)) => (Some(case), events),
                None => (None, vec![]),
            };
            Ok::<_, crate::store::diary::DiaryError>((case, events))
        }
        .await;
        let Some(chosen) = self.chosen.try_get_untracked() else {
            return; // the page is gone
        };
        if chosen.as_deref() != Some(id.as_str()) {
            return; // the merchant chose another case meanwhile
        }
        match result {
            Ok((case, events)) => {
                if fill {
                    if let Some(case) = &case {
                        let known = letters::fields_from_case(case);
                        self.fields.update(|f| f.extend(known));
                    }
                    self.excluded.set(BTreeSet::new());
                }
                self.error.set(None);
                self.case.set(case);
                self.events.set(events);
            }
            Err(e) => self
                .error
                .set(Some(e.message().get(self.lang()).to_owned())),
        }
    }

    fn choose(self, id: Option<String>) {
        self.chosen.set(id.clone());
        self.case.set(None);
        self.events.set(vec![]);
        self.excluded.set(BTreeSet::new());
        if let Some(id) = id {
            leptos::task::spawn_local(self.load(id, true));
        }
    }
}

/// "Fill from a case": choose a diary case, then tick the events for the timeline paragraph.
#[component]
fn CasePicker(source: CaseSource) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let options = move || {
        let chosen = source.chosen.get();
        let l = lang.get();
        source.cases.with(|cases| {
            cases
                .iter()
                .map(|c| {
                    let selected = chosen.as_deref() == Some(c.id.as_str());
                    let label = format!("{}（{}）", c.title, c.status.label().get(l));
                    view! { <option value=c.id.clone() selected=selected>{label}</option> }
                })
                .collect_view()
        })
    };
    let events = move || {
        let l = lang.get();
        source.events.with(|events| {
            let id = source.chosen.get().unwrap_or_default();
            timeline(events, &id, TimelineOrder::OldestFirst)
                .into_iter()
                .map(|e| {
                    let eid = e.id.clone();
                    let eid2 = e.id.clone();
                    let checked = move || source.excluded.with(|t| !t.contains(&eid));
                    let toggle = move |ev: leptos::ev::Event| {
                        let on = event_target_checked(&ev);
                        let eid = eid2.clone();
                        source.excluded.update(|t| {
                            if on {
                                t.remove(&eid);
                            } else {
                                t.insert(eid);
                            }
                        });
                    };
                    let said: String = e.said.chars().take(80).collect();
                    view! {
                        <li>
                            <label>
                                <input type="checkbox" class="letter-event" value=e.id.clone()
                                    prop:checked=checked on:change=toggle />
                                " " {e.at.format("%Y-%m-%d").to_string()} " "
                                <span class="tag">{e.kind.label().get(l).to_owned()}</span> " "
                                {said}
                            </label>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let on_choose = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        source.choose((!v.is_empty()).then_some(v));
    };
    view! {
        <section class="letter-case card" id="letter-case-section">
            <h2>{t!(i18n, letters.from_case)}</h2>
            {move || match source.state.get() {
                DbState::Opening => EitherOf3::A(view! { <p class="muted">"…"</p> }),
                DbState::Unavailable => EitherOf3::B(view! {
                    <p class="warn" role="alert" id="letter-case-unavailable">{t!(i18n, letters.diary_unavailable)}</p>
                }),
                DbState::Ready => EitherOf3::C(view! {
                    <div class="field">
                        <label for="letter-case">{t!(i18n, letters.choose_case)}</label>
                        <select id="letter-case" on:change=on_choose>
                            <option value="" selected=move || source.chosen.get().is_none()>{t!(i18n, letters.no_case)}</option>
                            {options}
                        </select>
                    </div>
                    <Show when=move || source.cases.with(Vec::is_empty)>
                        <p class="muted">{t!(i18n, letters.no_cases)} " "
                            <A href=href("/diary")>{t!(i18n, letters.open_diary)}</A></p>
                    </Show>
                }),
            }}
            {move || source.error.get().map(|e| view! { <p class="warn" role="alert">{e}</p> })}
            {move || {
                let id = source.chosen.get()?;
                let missing = source.case.with(Option::is_none);
                Some(view! {
                    <p class="muted small">
                        {t!(i18n, letters.case_filled)} " "
                        <A href=href(&format!("/diary/{id}"))>{t!(i18n, letters.open_case)}</A>
                    </p>
                    <Show when=move || missing && source.state.get() == DbState::Ready && source.error.get().is_none()>
                        <p class="muted small" id="letter-case-loading">{t!(i18n, letters.case_loading)}</p>
                    </Show>
                })
            }}
            <Show when=move || source.events.with(|e| !e.is_empty())>
                <h3>{t!(i18n, letters.events_title)}</h3>
                <p class="muted small">{t!(i18n, letters.events_help)}</p>
                <ul class="letter-events plain" id="letter-events">{events}</ul>
            </Show>
        </section>
    }
}

/// "Mark as sent": records a `letter_sent` event with the final text and the reply deadline
/// in the chosen case, which starts the diary's reply clock.
#[component]
fn MarkSent(
    source: CaseSource,
    kind: LetterKind,
    fields: RwSignal<std::collections::BTreeMap<String, String>>,
    final_text: Memo<String>,
    rendered: Memo<letters::Rendered>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let busy = RwSignal::new(false);
    // Ok((case id, deadline)) after a write; Err(message) when it failed.
    let result = RwSignal::new(None::<Result<(String, Option<chrono::NaiveDate>), String>>);
    let mark = move |_| {
        let (Some(case_id), Some(db)) = (source.chosen.get_untracked(), source.diary.get_value())
        else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        let event = fields.with_untracked(|f| {
            rendered.with_untracked(|r| {
                letters::letter_sent_event(
                    new_id("e"),
                    case_id.clone(),
                    now(),
                    kind,
                    &final_text.get_untracked(),
                    f,
                    r,
                )
            })
        });
        let due = event.promised_by;
        busy.set(true);
        let l = lang.get_untracked();
        leptos::task::spawn_local(async move {
            let outcome = db.put_event(&event, &[]).await;
            busy.set(false);
            match outcome {
                Ok(()) => {
                    result.set(Some(Ok((case_id.clone(), due))));
                    source.load(case_id, false).await;
                }
                Err(e) => result.set(Some(Err(e.message().get(l).to_owned()))),
            }
        });
    };
    let has_case = move || source.case.with(Option::is_some);
    view! {
        <section class="letter-sent" id="letter-sent-section">
            <h2>{t!(i18n, letters.mark_sent_title)}</h2>
            <p class="muted small">{t!(i18n, letters.mark_sent_help)}</p>
            <button type="button" id="letter-mark-sent" disabled=move || !has_case() || busy.get() on:click=mark>
                {t!(i18n, letters.mark_sent)}
            </button>
            <Show when=move || !has_case()>
                <p class="muted small" id="letter-mark-sent-needs-case">{t!(i18n, letters.mark_sent_needs_case)}</p>
            </Show>
            {move || result.get().map(|r| match r {
                Ok((id, due)) => Either::Left(view! {
                    <p class="ok" role="status" id="letter-sent-status">
                        {t!(i18n, letters.marked_sent)} " "
                        {due.map(|d| view! { {t!(i18n, letters.reply_deadline)} "：" {letters::format_date_zh(d)} "。 " })}
                        <A href=href(&format!("/diary/{id}"))>{t!(i18n, letters.open_case)}</A>
                    </p>
                }),
                Err(e) => Either::Right(view! { <p class="warn" role="alert" id="letter-sent-status">{e}</p> }),
            })}
        </section>
    }
}
