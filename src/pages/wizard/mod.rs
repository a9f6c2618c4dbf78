//! Diagnostic wizard: `/wizard` (the twelve symptom families), `/wizard/<step-id>`
//! (one question or outcome); response-code decoder: `/codes`, `/codes/<code>`.
//!
//! The tree is `domain::wizard::tree()`; this module only shows it. Every
//! answer is a plain link to the next step's URL, so browser Back, bookmarks
//! and advocacy groups' deep links all work the same way. The path taken is
//! kept for the tab's session (`trail`) and shown as a breadcrumb.

mod codes;
mod outcome;
mod trail;

pub use codes::CodesPage;

use crate::domain::links::IdParam;
use crate::domain::text::Lang;
use crate::domain::wizard::{has_full_json, is_valid_step_id, tree, Node, Question};
use crate::i18n::*;
use crate::lang::use_lang;
use crate::routing::{href, raw_path_param};
use leptos::prelude::*;

/// What the `:step` segment of the URL points at.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// `/wizard` or `/wizard/<start-id>`.
    Start,
    /// A known question or outcome.
    Node(String),
    /// Well-formed but not in the tree (an old or mistyped link).
    Unknown(String),
    /// Not an id at all (hostile or garbled): never echoed.
    Invalid,
}

fn step_of(segment: Option<&str>) -> Step {
    let tree = tree();
    match IdParam::from_segment(segment) {
        IdParam::Absent => Step::Start,
        IdParam::Invalid => Step::Invalid,
        IdParam::Valid(id) if id == tree.start_id() => Step::Start,
        IdParam::Valid(id) if is_valid_step_id(&id) && tree.node(&id).is_some() => Step::Node(id),
        IdParam::Valid(id) => Step::Unknown(id),
    }
}

pub(crate) fn step_href(id: &str) -> String {
    if id == tree().start_id() {
        href("/wizard")
    } else {
        href(&format!("/wizard/{id}"))
    }
}

#[component]
pub fn WizardPage() -> impl IntoView {
    let raw_step = raw_path_param("step");
    let step = Memo::new(move |_| raw_step.with(|s| step_of(s.as_deref())));

    // The session's path: cut back on Back, extended by answers, rebuilt for deep links.
    let path = Memo::new(move |previous: Option<&Vec<String>>| {
        let before = previous.cloned().unwrap_or_else(trail::load);
        match step.get() {
            Step::Start => tree().next_trail(&before, tree().start_id()),
            Step::Node(id) => tree().next_trail(&before, &id),
            Step::Unknown(_) | Step::Invalid => before,
        }
    });
    Effect::new(move || path.with(|p| trail::save(p)));

    // After an in-app step change, move focus to the new heading so keyboard and
    // screen-reader users start reading the new step. Not on the page's first
    // load; `/wizard` and `/wizard/<step>` are separate routes, so the page
    // remounts between them and the flag must outlive it.
    Effect::new(move || {
        step.track();
        if trail::first_step_shown() {
            trail::focus_heading();
        }
    });

    // The steps hold the tree's nodes: once its English texts arrive (the first switch to
    // English) the step is drawn again from the full tree.
    let lang = use_lang();
    let full_tree = Memo::new(move |_| {
        lang.track();
        has_full_json()
    });
    move || {
        // Read, not only tracked: a memo computes (and so follows the language) when it is read.
        let _full = full_tree.get();
        match step.get() {
            Step::Start => view! { <StartView /> }.into_any(),
            Step::Node(id) => match tree().node(&id) {
                Some(Node::Question(q)) => {
                    view! { <QuestionView question=q path=path /> }.into_any()
                }
                Some(Node::Outcome(o)) => {
                    view! { <outcome::OutcomeView outcome=o path=path /> }.into_any()
                }
                None => view! { <UnknownStep id=Some(id) /> }.into_any(),
            },
            Step::Unknown(id) => view! { <UnknownStep id=Some(id) /> }.into_any(),
            Step::Invalid => view! { <UnknownStep id=None /> }.into_any(),
        }
    }
}

/// The start: the twelve symptom families as big tap targets.
#[component]
fn StartView() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let start = tree().start().and_then(Node::as_question);
    view! {
        <h1 tabindex="-1">{t!(i18n, wizard.title)}</h1>
        <p class="lead">{t!(i18n, wizard.intro)}</p>
        <p class="wz-shortcut">
            <a href=href("/codes")>{t!(i18n, wizard.codes_shortcut)}</a>
        </p>
        {start.map(|q| {
            view! {
                <h2 id="wz-question">{move || q.title.get(lang.get()).to_owned()}</h2>
                <Answers question=q symptoms=true />
            }
        })}
    }
}

#[component]
fn QuestionView(question: &'static Question, path: Memo<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let checks = move || {
        let lang = lang.get();
        (!question.checks.is_empty()).then(|| {
            view! {
                <section class="wz-checks" aria-labelledby="wz-checks-title">
                    <h2 id="wz-checks-title">{t!(i18n, wizard.checks_title)}</h2>
                    <ul>
                        {question
                            .checks
                            .iter()
                            .map(|c| view! { <li>{c.get(lang).to_owned()}</li> })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    };
    view! {
        <Breadcrumb path=path />
        <p class="wz-kicker">{t!(i18n, wizard.title)}</p>
        <h1 id="wz-question" tabindex="-1">{move || question.title.get(lang.get()).to_owned()}</h1>
        <p class="wz-help">{move || question.help.get(lang.get()).to_owned()}</p>
        {checks}
        <h2 class="wz-answers-title">{t!(i18n, wizard.answers_title)}</h2>
        <Answers question=question symptoms=false />
        <p class="wz-restart no-print">
            <a class="button button-quiet" href=href("/wizard")>{t!(i18n, wizard.restart)}</a>
        </p>
    }
}

/// The answers of a question, each a link to the next step.
#[component]
fn Answers(question: &'static Question, symptoms: bool) -> impl IntoView {
    let lang = use_lang();
    let class = if symptoms {
        "wz-answers wz-symptoms"
    } else {
        "wz-answers"
    };
    view! {
        <ul class=class aria-labelledby="wz-question">
            {move || {
                let lang = lang.get();
                question
                    .answers
                    .iter()
                    .map(|a| {
                        view! {
                            <li>
                                <a class="wz-answer" href=step_href(&a.next)>
                                    {a.label.get(lang).to_owned()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

/// The path taken: "start › answer › answer", each a link back to that step.
#[component]
fn Breadcrumb(path: Memo<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let items = move || {
        let lang: Lang = lang.get();
        let steps = path.get();
        let last = steps.len().saturating_sub(1);
        let mut items = Vec::with_capacity(steps.len());
        for (i, id) in steps.iter().enumerate() {
            let label = if i == 0 {
                None
            } else {
                tree()
                    .answer_label(&steps[i - 1], id)
                    .map(|l| l.get(lang).to_owned())
            };
            let text = match label {
                Some(text) => text.into_any(),
                None => t!(i18n, wizard.path_start).into_any(),
            };
            let item = if i == last {
                view! { <li><span aria-current="step">{text}</span></li> }.into_any()
            } else {
                view! { <li><a href=step_href(id)>{text}</a></li> }.into_any()
            };
            items.push(item);
        }
        items
    };
    view! {
        <nav class="wz-path" aria-label=move || td_string!(i18n.get_locale(), wizard.path_label)>
            <ol>{items}</ol>
        </nav>
    }
}

/// An unknown (`Some(id)`, shown as text) or malformed (`None`) step id.
#[component]
fn UnknownStep(id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let message = match id {
        Some(id) => view! {
            <p class="warn deep-link" role="alert">
                {t!(i18n, wizard.unknown_step)} " " <code>{id}</code>
            </p>
            <p>{t!(i18n, wizard.unknown_hint)}</p>
        }
        .into_any(),
        None => view! {
            <p class="warn" role="alert">{t!(i18n, common.bad_param)}</p>
        }
        .into_any(),
    };
    view! {
        <h1 tabindex="-1">{t!(i18n, wizard.title)}</h1>
        {message}
        <p>
            <a class="button" href=href("/wizard")>{t!(i18n, wizard.go_start)}</a>
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_segments_map_to_steps() {
        assert_eq!(step_of(None), Step::Start);
        assert_eq!(step_of(Some("start")), Step::Start);
        assert_eq!(step_of(Some("network")), Step::Node("network".into()));
        assert_eq!(
            step_of(Some("no-network")),
            Step::Unknown("no-network".into())
        );
        assert_eq!(step_of(Some("a--b")), Step::Unknown("a--b".into()));
        assert_eq!(step_of(Some("<img src=x onerror=alert(1)>")), Step::Invalid);
        assert_eq!(step_of(Some("Network")), Step::Invalid);
    }
}
