//! 代理商行为自查: questions about what the agent did; each "yes" shows the rule it breaks with
//! its citation, and the result says who acts. The rules are `domain::agent`; the answers live
//! in the address (`/check/agent?yes=deposit,agent_account&deposit_date=…`).

use super::{replace_query, text, LetterLinks, Sources};
use crate::components::add_to_diary::AddToDiary;
use crate::domain::agent::{book, is_self_regulation, AgentCheck, AgentRule, DetailKey};
use crate::domain::case::EventKind;
use crate::domain::links::{clean_query, clearing_check_path};
use crate::domain::text::Lang;
use crate::domain::verdict::{dated_fact, letter_query};
use crate::i18n::*;
use crate::lang::use_lang;
use crate::routing::href;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The answers in the address this tab was opened with.
fn read_query() -> AgentCheck {
    let query = use_query_map();
    let mut names: Vec<String> = vec!["yes".into(), "agent".into(), "contact".into()];
    for r in &book().rules {
        for d in &r.details {
            names.push(format!("{}_{}", r.id, d.key.name()));
        }
    }
    let pairs: Vec<(String, String)> = query.with_untracked(|m| {
        names
            .into_iter()
            .filter_map(|n| {
                let v = m.get_str(&n).and_then(clean_query)?;
                Some((n, v))
            })
            .collect()
    });
    AgentCheck::from_query(pairs)
}

#[component]
pub fn AgentCheckTab() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = RwSignal::new(read_query());
    // The address follows the answers, so a volunteer can send a filled-in check.
    Effect::new(move |_| {
        let pairs = state.with(AgentCheck::query_pairs);
        let pairs: Vec<(&str, String)> =
            pairs.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        replace_query(&pairs);
    });
    let status = &book().status;
    // Only a change between "nothing ticked" and "something ticked" redraws the result (an
    // open "add to the diary" form must survive typing).
    let empty = Memo::new(move |_| state.with(AgentCheck::is_empty));
    let questions = book()
        .rules
        .iter()
        .map(|rule| view! { <Question rule=rule state=state /> })
        .collect_view();
    view! {
        <p class="lead">{t!(i18n, check.agent.lead)}</p>
        <details class="agent-status">
            <summary>{t!(i18n, check.agent.status_title)}</summary>
            <p>{move || text(status, lang.get())}</p>
        </details>
        <form class="check-form agent-form" on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
            <fieldset>
                <legend>{t!(i18n, check.agent.questions)}</legend>
                <ol class="agent-questions">{questions}</ol>
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, check.agent.agent_legend)}</legend>
                <p class="hint">{t!(i18n, check.agent.agent_hint)}</p>
                <div class="field">
                    <label for="agent-name">{t!(i18n, check.agent.agent_name)}</label>
                    <input id="agent-name" type="text" autocomplete="off"
                        prop:value=move || state.with(|c| c.agent.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); state.update(|c| c.agent = v) } />
                </div>
                <div class="field">
                    <label for="agent-contact">{t!(i18n, check.agent.agent_contact)}</label>
                    <input id="agent-contact" type="text" autocomplete="off"
                        prop:value=move || state.with(|c| c.contact.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); state.update(|c| c.contact = v) } />
                </div>
            </fieldset>
        </form>
        <section class="results agent-result" aria-live="polite" aria-label=move || td_string!(i18n.get_locale(), check.results)>
            <h2>{t!(i18n, check.agent.result_title)}</h2>
            {move || if empty.get() {
                view! { <p class="muted agent-none">{t!(i18n, check.agent.none)}</p> }.into_any()
            } else {
                view! { <Outcome state=state /> }.into_any()
            }}
        </section>
    }
}

/// One question: the tick, then (when ticked) its details and the rule it breaks.
#[component]
fn Question(rule: &'static AgentRule, state: RwSignal<AgentCheck>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let id = rule.id.as_str();
    let ticked = Memo::new(move |_| state.with(|c| c.has(id)));
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        state.update(|c| {
            if on {
                c.yes.entry(id.to_owned()).or_default();
            } else {
                c.yes.remove(id);
            }
        });
    };
    let details = move || {
        rule.details
            .iter()
            .map(|d| {
                let key = d.key;
                let input_id = format!("agent-{id}-{}", key.name());
                let value = move || {
                    state.with(|c| {
                        c.yes.get(id).map_or_else(String::new, |a| match key {
                            DetailKey::Date => a.date.clone(),
                            DetailKey::Amount => a.amount.clone(),
                            DetailKey::Text => a.text.clone(),
                        })
                    })
                };
                let on_input = move |ev: leptos::ev::Event| {
                    let v = event_target_value(&ev);
                    state.update(|c| {
                        if let Some(a) = c.yes.get_mut(id) {
                            match key {
                                DetailKey::Date => a.date = v,
                                DetailKey::Amount => a.amount = v,
                                DetailKey::Text => a.text = v,
                            }
                        }
                    });
                };
                let problem = move || {
                    state.with(|c| {
                        let a = c.yes.get(id)?;
                        match key {
                            DetailKey::Date => a.date().err(),
                            DetailKey::Amount => a.amount().err(),
                            DetailKey::Text => None,
                        }
                    })
                };
                let (kind, mode) = match key {
                    DetailKey::Date => ("date", None),
                    DetailKey::Amount => ("text", Some("decimal")),
                    DetailKey::Text => ("text", None),
                };
                let label = d.label.clone();
                view! {
                    <div class="field agent-detail">
                        <label for=input_id.clone()>{move || text(&label, lang.get())}</label>
                        <input id=input_id type=kind inputmode=mode autocomplete="off" data-detail=key.name()
                            prop:value=value on:input=on_input />
                        {move || problem().map(|p| view! {
                            <p class="warn field-error" role="alert">{text(&p.message(), lang.get())}</p>
                        })}
                    </div>
                }
            })
            .collect_view()
    };
    let citations = rule.citations();
    let settled = rule.settled();
    let rule_box = move || {
        let citations = citations.clone();
        view! {
            <div class="agent-rule" data-breaks=id>
                <p><strong>{t!(i18n, check.agent.breaks)}</strong> " " {move || text(&rule.rule, lang.get())}</p>
                <ul class="agent-citations">
                    {citations.into_iter().map(|s| {
                        let self_reg = is_self_regulation(&s);
                        let unconfirmed = s.unconfirmed;
                        view! {
                            <li>
                                <cite>{move || s.get(lang.get()).to_owned()}</cite>
                                {self_reg.then(|| view! { " " <span class="tag self-regulation">{t!(i18n, check.agent.self_regulation)}</span> })}
                                {unconfirmed.then(|| view! { " " <span class="tag unconfirmed">{t!(i18n, check.unconfirmed)}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {(!settled).then(|| view! { <p class="warn agent-not-settled">{t!(i18n, check.agent.not_settled)}</p> })}
                <p><strong>{t!(i18n, check.agent.meaning)}</strong> " " {move || text(&rule.meaning, lang.get())}</p>
                {(id == "agent_account").then(|| {
                    let path = move || {
                        let payer = state.with(|c| c.yes.get(id).and_then(|a| a.text()).unwrap_or_default());
                        href(&clearing_check_path(&payer))
                    };
                    view! { <p><a class="button secondary" href=path>{t!(i18n, check.agent.clearing_link)}</a></p> }
                })}
            </div>
        }
    };
    view! {
        <li class="agent-q" data-rule=id>
            <label class="check agent-yes">
                <input type="checkbox" name=id prop:checked=move || ticked.get() on:change=toggle />
                <span>{move || text(&rule.question, lang.get())}</span>
            </label>
            <Show when=move || ticked.get()>
                {details}
                {rule_box.clone()}
            </Show>
        </li>
    }
}

/// Who acts, the merchant's steps, the letters and "add to the diary".
#[component]
fn Outcome(state: RwSignal<AgentCheck>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let outcome = &book().outcome;
    let findings = move || {
        state.with(|c| {
            c.findings()
                .into_iter()
                .map(|f| view! { <li>{text(&f, lang.get())}</li> })
                .collect_view()
        })
    };
    let deposit = Memo::new(move |_| state.with(|c| c.has("deposit")));
    let statement = Memo::new(move |_| state.with(AgentCheck::statement));
    let facts = move || {
        statement.get().map_or_else(String::new, |s| {
            letter_query(&[("facts", &dated_fact(&s, crate::platform::today()))])
        })
    };
    let diary_text = Signal::derive(move || {
        statement
            .get()
            .map(|s| text(&s, lang.get()))
            .unwrap_or_default()
    });
    let diary_title = Signal::derive(move || match lang.get() {
        Lang::Zh => "代理商行为自查".to_owned(),
        Lang::En => "Agent conduct check".to_owned(),
    });
    let vendor = Signal::derive(move || state.with(AgentCheck::vendor));
    view! {
        <div class="verdict bad agent-outcome" data-verdict="agent-findings">
            <p><strong>{t!(i18n, check.agent.findings)}</strong></p>
            <ul class="agent-findings">{findings}</ul>
            <h3>{t!(i18n, check.agent.who_acts)}</h3>
            <p class="agent-acquirer"><strong>{t!(i18n, check.agent.acquirer_label)}</strong> " " {move || text(&outcome.acquirer, lang.get())}</p>
            <Sources sources=outcome.acquirer_sources() />
            <p class="agent-pcac"><strong>{t!(i18n, check.agent.pcac_label)}</strong> " " {move || text(&outcome.pcac, lang.get())}</p>
            <Sources sources=outcome.pcac_sources() />
            <p><strong>{t!(i18n, check.agent.your_steps)}</strong></p>
            <ul class="agent-steps">
                <li>{t!(i18n, check.agent.step_acquirer)}</li>
                <li>{t!(i18n, check.agent.step_pcac)}</li>
                <Show when=move || deposit.get()>
                    <li class="agent-step-deposit">{t!(i18n, check.agent.step_deposit)} " "
                        <a href=move || href(&format!("/letters/demand-vendor{}", facts()))>{t!(i18n, check.agent.deposit_letter)}</a>
                    </li>
                </Show>
            </ul>
            {move || view! { <LetterLinks kinds=vec!["acquirer", "pcac"] query=facts() /> }}
            <AddToDiary kind=EventKind::Note text=diary_text title=diary_title vendor=vendor />
        </div>
    }
}
