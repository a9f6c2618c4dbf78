//! 一清 / 二清: who paid the settlement, and which acquirer is on the slip.

use super::{query_param, replace_query, use_lists, CaseFill, LetterLinks, ListInUse, Reasons};
use crate::components::add_to_diary::AddToDiary;
use crate::domain::case::EventKind;
use crate::domain::clearing::{
    decide_clearing, prefill_from_case, ClearingInput, ClearingOutcome, PayerKind,
};
use crate::domain::text::Lang;
use crate::domain::verdict::{clearing_finding, dated_fact, letter_query};
use crate::i18n::*;
use crate::lang::use_lang;
use leptos::prelude::*;

#[component]
pub fn ClearingCheck() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let lists = use_lists();
    let initial_payer = query_param("payer");
    let payer = RwSignal::new(initial_payer.clone().unwrap_or_default());
    let person = RwSignal::new(query_param("kind").as_deref() == Some("person"));
    let slip = RwSignal::new(query_param("slip").unwrap_or_default());
    let submitted =
        RwSignal::new(initial_payer.map(|p| (p, person.get_untracked(), slip.get_untracked())));
    // The address bar follows the form as it is typed, so a filled-in check can be shared and
    // the tab comes back filled in.
    Effect::new(move |_| {
        let (p, k, s) = (payer.get(), person.get(), slip.get());
        let kind = match (k, p.trim().is_empty()) {
            (true, _) => "person",
            (false, false) => "company",
            (false, true) => "",
        };
        replace_query(&[("payer", p), ("kind", kind.to_string()), ("slip", s)]);
    });
    let run = move || {
        submitted.set(Some((
            payer.get_untracked(),
            person.get_untracked(),
            slip.get_untracked(),
        )));
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run();
    };
    // A diary case's payer and slip acquirer fill the form and run the check.
    let on_pick = Callback::new(move |case| {
        if let Some(fill) = prefill_from_case(&case) {
            payer.set(fill.payer);
            person.set(fill.kind == PayerKind::Person);
            slip.set(fill.slip);
            run();
        }
    });
    let result = move || {
        let (p, k, s) = submitted.get()?;
        let registry = lists.active()?;
        let input = ClearingInput {
            payer_name: p,
            payer_kind: if k {
                PayerKind::Person
            } else {
                PayerKind::Company
            },
            slip_acquirer: Some(s).filter(|s| !s.trim().is_empty()),
        };
        let decision = decide_clearing(&registry, &input);
        // What "save to diary" records and what the letter links carry: the finding.
        let finding = clearing_finding(&registry, &input);
        let letter_facts =
            letter_query(&[("facts", &dated_fact(&finding, crate::platform::today()))]);
        let diary_text = Signal::derive(move || finding.get(lang.get()).to_owned());
        let (cls, code, letters) = match decision.outcome {
            ClearingOutcome::DirectClearing => ("good", "direct", vec![]),
            ClearingOutcome::SecondClearingWarning => {
                ("bad", "second", vec!["acquirer", "pboc", "pcac"])
            }
            ClearingOutcome::CannotTell => ("unclear", "unclear", vec!["acquirer"]),
        };
        let diary_title = Signal::derive(move || match lang.get() {
            Lang::Zh => "结算款来源（一清/二清）".to_owned(),
            Lang::En => "Who pays my settlement: direct (一清) or agent (二清)".to_owned(),
        });
        Some(view! {
            <div class=format!("verdict {cls}") data-verdict=code>
                <p><strong>{move || match code {
                    "direct" => td_string!(i18n.get_locale(), check.clearing.direct).to_string(),
                    "second" => td_string!(i18n.get_locale(), check.clearing.second).to_string(),
                    _ => td_string!(i18n.get_locale(), check.clearing.unclear).to_string(),
                }}</strong></p>
                <Reasons reasons=decision.reasons />
                <LetterLinks kinds=letters query=letter_facts />
                <AddToDiary kind=EventKind::Note text=diary_text title=diary_title />
            </div>
        })
    };
    view! {
        <p class="lead">{t!(i18n, check.clearing.lead)}</p>
        <CaseFill id="clearing-case" value=|c| prefill_from_case(c).map(|f| f.payer) on_pick=on_pick />
        <form class="check-form" on:submit=on_submit>
            <label for="clearing-payer">{t!(i18n, check.clearing.payer_label)}</label>
            <input id="clearing-payer" name="payer" type="text" autocomplete="off" bind:value=payer />
            <fieldset>
                <legend>{t!(i18n, check.clearing.kind_legend)}</legend>
                <label class="choice"><input type="radio" name="kind" value="company"
                    prop:checked=move || !person.get() on:change=move |_| person.set(false) />
                    {t!(i18n, check.clearing.company)}</label>
                <label class="choice"><input type="radio" name="kind" value="person"
                    prop:checked=move || person.get() on:change=move |_| person.set(true) />
                    {t!(i18n, check.clearing.person)}</label>
            </fieldset>
            <label for="clearing-slip">{t!(i18n, check.clearing.slip_label)}</label>
            <input id="clearing-slip" name="slip" type="text" autocomplete="off" bind:value=slip />
            <button type="submit">{t!(i18n, check.clearing.submit)}</button>
        </form>
        <ListInUse />
        <section class="results" aria-live="polite" aria-label=move || td_string!(i18n.get_locale(), check.results)>
            {result}
        </section>
    }
}
