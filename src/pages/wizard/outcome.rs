//! One outcome of the wizard: what to try, who is responsible, what to
//! record, the deadlines, the letters and tools that fit, and the sources.
//! Laid out so it prints on A4 for a repair shop or a complaint file.

use super::Breadcrumb;
use crate::components::add_to_diary::AddToDiary;
use crate::components::print_button::PrintButton;
use crate::domain::case::EventKind;
use crate::domain::letters::LetterKind;
use crate::domain::text::Lang;
use crate::domain::text::{Bilingual, Source};
use crate::domain::wizard::{tree, Clock, ClockUnit, DiaryKind, Note, Outcome};
use crate::i18n::*;
use crate::lang::use_lang;
use crate::routing::href;
use leptos::prelude::*;

/// The diary's event kind for an outcome's prefill (the same serde names).
fn event_kind(kind: DiaryKind) -> EventKind {
    match kind {
        DiaryKind::Fault => EventKind::Fault,
        DiaryKind::Call => EventKind::Call,
        DiaryKind::Charge => EventKind::Charge,
        DiaryKind::LetterSent => EventKind::LetterSent,
        DiaryKind::Note => EventKind::Note,
    }
}

/// The diary text for an outcome, in the UI language (the diary is the merchant's own record):
/// the outcome's summary, then where it came from.
fn diary_text(outcome: &Outcome, lang: Lang) -> String {
    let from = match lang {
        Lang::Zh => "（来自故障自查：",
        Lang::En => "(from the diagnostic wizard: ",
    };
    let close = match lang {
        Lang::Zh => "）",
        Lang::En => ")",
    };
    format!(
        "{}\n{from}{}{close}",
        outcome.diary.summary.get(lang),
        outcome.title.get(lang)
    )
}

#[component]
pub fn OutcomeView(outcome: &'static Outcome, path: Memo<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let list = move |items: &'static [Bilingual]| {
        move || {
            let lang = lang.get();
            items
                .iter()
                .map(|text| view! { <li>{text.get(lang).to_owned()}</li> })
                .collect_view()
        }
    };
    let parties = move || {
        let lang = lang.get();
        outcome
            .responsible
            .iter()
            .map(|party| view! { <li>{party.name(lang)}</li> })
            .collect_view()
    };
    let clocks = (!outcome.clocks.is_empty()).then(|| {
        view! {
            <section class="wz-section wz-clocks" aria-labelledby="wz-clocks">
                <h2 id="wz-clocks">{t!(i18n, wizard.outcome.clocks)}</h2>
                <ul>
                    {outcome
                        .clocks
                        .iter()
                        .map(|clock| view! { <ClockItem clock=clock /> })
                        .collect_view()}
                </ul>
                <p class="note">{t!(i18n, wizard.outcome.clocks_note)}</p>
            </section>
        }
    });
    let letters = (!outcome.letters.is_empty()).then(|| {
        let links = move || {
            let lang = lang.get();
            outcome
                .letters
                .iter()
                .map(|slug| {
                    let title = LetterKind::from_slug(slug)
                        .map(|kind| kind.title().get(lang).to_owned())
                        .unwrap_or_else(|| slug.clone());
                    view! {
                        <li><a class="wz-link" href=href(&format!("/letters/{slug}"))>{title}</a></li>
                    }
                })
                .collect_view()
        };
        view! {
            <section class="wz-section" aria-labelledby="wz-letters">
                <h2 id="wz-letters">{t!(i18n, wizard.outcome.letters)}</h2>
                <ul class="wz-links">{links}</ul>
            </section>
        }
    });
    let notes: Vec<&'static Note> = outcome
        .notes
        .iter()
        .filter_map(|id| tree().note(id))
        .collect();
    // The diary is linked by the diary prefill below, not as a bare tool; a tool a note links
    // already is not listed twice.
    let tools: Vec<&'static str> = outcome
        .tools
        .iter()
        .map(String::as_str)
        .filter(|tool| *tool != "diary")
        .filter(|tool| !notes.iter().any(|n| n.tools.iter().any(|t| t == tool)))
        .collect();
    let tools = (!tools.is_empty()).then(|| {
        view! {
            <section class="wz-section no-print" aria-labelledby="wz-tools">
                <h2 id="wz-tools">{t!(i18n, wizard.outcome.tools)}</h2>
                <ul class="wz-links">
                    {tools
                        .into_iter()
                        .map(|tool| {
                            view! {
                                <li><a class="wz-link" href=href(&format!("/{tool}"))><ToolName tool=tool /></a></li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    });
    let sources = move || {
        outcome
            .sources
            .iter()
            .map(|source| view! { <li><SourceText source=source /></li> })
            .collect_view()
    };
    view! {
        <Breadcrumb path=path />
        <article class="wz-outcome" aria-labelledby="wz-outcome-title">
            <p class="wz-kicker">{t!(i18n, wizard.outcome.kicker)}</p>
            <h1 id="wz-outcome-title" tabindex="-1">{move || outcome.title.get(lang.get()).to_owned()}</h1>
            {outcome
                .sources
                .iter()
                .any(|s| s.unconfirmed)
                .then(|| {
                    view! {
                        <p class="wz-unconfirmed">
                            <span class="tag">{t!(i18n, wizard.unconfirmed)}</span>
                            " "
                            {t!(i18n, wizard.outcome.unconfirmed_note)}
                        </p>
                    }
                })}
            <section class="wz-section" aria-labelledby="wz-self-fix">
                <h2 id="wz-self-fix">{t!(i18n, wizard.outcome.self_fix)}</h2>
                <ol>{list(&outcome.self_fix)}</ol>
            </section>
            <section class="wz-section wz-responsible" aria-labelledby="wz-responsible">
                <h2 id="wz-responsible">{t!(i18n, wizard.outcome.responsible)}</h2>
                <ul class="wz-parties">{parties}</ul>
            </section>
            {notes.into_iter().map(|note| view! { <NoteView note=note /> }).collect_view()}
            <section class="wz-section" aria-labelledby="wz-record">
                <h2 id="wz-record">{t!(i18n, wizard.outcome.record)}</h2>
                <ul>{list(&outcome.record)}</ul>
            </section>
            {clocks}
            {letters}
            {tools}
            <section class="wz-section wz-diary" aria-labelledby="wz-diary">
                <h2 id="wz-diary">{t!(i18n, wizard.outcome.diary)}</h2>
                <p class="wz-diary-entry">
                    <span class="tag"><DiaryKindName kind=outcome.diary.kind /></span>
                    " "
                    <span>{move || outcome.diary.summary.get(lang.get()).to_owned()}</span>
                </p>
                <AddToDiary
                    kind=event_kind(outcome.diary.kind)
                    text=Signal::derive(move || diary_text(outcome, lang.get()))
                    title=Signal::derive(move || outcome.title.get(lang.get()).to_owned()) />
            </section>
            <section class="wz-section wz-sources" aria-labelledby="wz-sources">
                <h2 id="wz-sources">{t!(i18n, wizard.outcome.sources)}</h2>
                <ul>{sources}</ul>
                <p class="note">{t!(i18n, common.footer.not_advice)}</p>
            </section>
        </article>
        <p class="wz-actions no-print">
            <PrintButton>{t!(i18n, wizard.outcome.print)}</PrintButton>
            <a class="button button-quiet" href=href("/wizard")>{t!(i18n, wizard.restart)}</a>
        </p>
    }
}

#[component]
fn ClockItem(clock: &'static Clock) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let statutory = clock.statutory();
    let unit = match statutory.unit {
        ClockUnit::Days => t!(i18n, wizard.unit.days).into_any(),
        ClockUnit::WorkingDays => t!(i18n, wizard.unit.working_days).into_any(),
        ClockUnit::Months => t!(i18n, wizard.unit.months).into_any(),
        ClockUnit::Years => t!(i18n, wizard.unit.years).into_any(),
    };
    view! {
        <li class="wz-clock" data-clock=statutory.id.clone()>
            <strong class="wz-clock-amount">{statutory.amount} " " {unit}</strong>
            " — "
            {move || statutory.label.get(lang.get()).to_owned()}
            <br />
            <small class="wz-clock-from">
                {t!(i18n, wizard.outcome.counted_from)} ": "
                {move || statutory.counted_from.get(lang.get()).to_owned()}
            </small>
            <br />
            <small class="wz-source-inline"><SourceText source=clock.source() /></small>
        </li>
    }
}

/// A shared note (e.g. how to find the acquirer), written once in the tree's data.
#[component]
fn NoteView(note: &'static Note) -> impl IntoView {
    let lang = use_lang();
    let heading = format!("wz-note-{}", note.id);
    let labelled_by = heading.clone();
    let items = move || {
        let lang = lang.get();
        note.items
            .iter()
            .map(|item| view! { <li>{item.get(lang).to_owned()}</li> })
            .collect_view()
    };
    let tools = note
        .tools
        .iter()
        .map(|tool| {
            view! {
                <li><a class="wz-link" href=href(&format!("/{tool}"))><ToolName tool=tool.as_str() /></a></li>
            }
        })
        .collect_view();
    let sources = note
        .sources
        .iter()
        .map(|source| view! { <li><SourceText source=source /></li> })
        .collect_view();
    view! {
        <section class="wz-section wz-note" data-note=note.id.clone() aria-labelledby=labelled_by>
            <h2 id=heading>{move || note.title.get(lang.get()).to_owned()}</h2>
            <ul>{items}</ul>
            <ul class="wz-links no-print">{tools}</ul>
            <ul class="wz-source-inline">{sources}</ul>
        </section>
    }
}

/// "来源: <citation in the UI language>", plus "未经官方文件确认" when flagged.
#[component]
pub fn SourceText(source: &'static Source) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    view! {
        <span class="wz-source">
            {t!(i18n, wizard.source_label)} ": "
            <cite>{move || source.get(lang.get()).to_owned()}</cite>
            {source.unconfirmed.then(|| view! { " " <span class="tag">{t!(i18n, wizard.unconfirmed)}</span> })}
        </span>
    }
}

#[component]
fn ToolName(tool: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    match tool {
        "check" => t!(i18n, wizard.tool.check).into_any(),
        "check/mcc" => t!(i18n, wizard.tool.check_mcc).into_any(),
        "check/fee" => t!(i18n, wizard.tool.check_fee).into_any(),
        "check/clearing" => t!(i18n, wizard.tool.check_clearing).into_any(),
        "codes" => t!(i18n, wizard.tool.codes).into_any(),
        "diary" => t!(i18n, wizard.tool.diary).into_any(),
        // Any other route the tree may name (validated by `links::is_tool_link`): show its path.
        other => other.to_owned().into_any(),
    }
}

#[component]
fn DiaryKindName(kind: DiaryKind) -> impl IntoView {
    let i18n = use_i18n();
    match kind {
        DiaryKind::Fault => t!(i18n, wizard.diary_kind.fault).into_any(),
        DiaryKind::Call => t!(i18n, wizard.diary_kind.call).into_any(),
        DiaryKind::Charge => t!(i18n, wizard.diary_kind.charge).into_any(),
        DiaryKind::LetterSent => t!(i18n, wizard.diary_kind.letter_sent).into_any(),
        DiaryKind::Note => t!(i18n, wizard.diary_kind.note).into_any(),
    }
}
