//! Merchant number → MCC → 跳码.

use super::{query_param, replace_query, text, CaseFill, LetterLinks, Reasons, Sources};
use crate::components::add_to_diary::AddToDiary;
use crate::domain::case::EventKind;
use crate::domain::mcc::{MccTable, MccVerdict};
use crate::domain::merchant_no::{merchant_no_from_case, MerchantNumber};
use crate::domain::text::Lang;
use crate::domain::verdict::{dated_fact, letter_query, mcc_finding};
use crate::i18n::*;
use crate::lang::use_lang;
use leptos::prelude::*;

#[component]
pub fn MccCheck() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let table = MccTable::builtin();
    let kinds: Vec<(String, crate::domain::text::Bilingual)> = table
        .business_kinds
        .iter()
        .map(|k| (k.id.clone(), k.name.clone()))
        .collect();
    let initial_no = query_param("no");
    let initial_kind = query_param("business").filter(|b| table.business_kind(b).is_some());
    let number = RwSignal::new(initial_no.clone().unwrap_or_default());
    let business = RwSignal::new(initial_kind.clone().unwrap_or_default());
    let submitted = RwSignal::new(initial_no.map(|n| (n, initial_kind.unwrap_or_default())));
    // The address bar follows the form as it is typed (see the 一清/二清 check).
    Effect::new(move |_| {
        replace_query(&[("no", number.get()), ("business", business.get())]);
    });
    let run = move || submitted.set(Some((number.get_untracked(), business.get_untracked())));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run();
    };
    // A diary case's merchant number fills the field and runs the check.
    let on_pick = Callback::new(move |case| {
        if let Some(no) = merchant_no_from_case(&case) {
            number.set(no);
            run();
        }
    });
    let result = move || {
        let (no, kind) = submitted.get()?;
        let table = MccTable::builtin();
        Some(match MerchantNumber::parse(&no) {
            Err(e) => {
                let m = e.message();
                view! {
                    <p class="warn" role="alert" data-verdict="malformed">{move || text(&m, lang.get())}</p>
                }
                .into_any()
            }
            Ok(n) => {
                let parts = n.explain(&table);
                let (layout, layout_src) = MerchantNumber::layout_note();
                let part_sources = parts.iter().map(|p| p.source.clone()).collect::<Vec<_>>();
                let parts_view = parts
                    .into_iter()
                    .map(|p| {
                        let (label, meaning) = (p.label, p.meaning);
                        view! {
                            <tr>
                                <td>{format!("{}–{}", p.positions.0, p.positions.1)}</td>
                                <td><code>{p.digits}</code></td>
                                <td>
                                    <strong>{move || text(&label, lang.get())}</strong>
                                    <br />
                                    {move || text(&meaning, lang.get())}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view();
                let verdict = (!kind.is_empty()).then(|| {
                    let check = table.check(&kind, &n.mcc);
                    let (cls, code) = match check.verdict {
                        MccVerdict::Matches => ("good", "matches"),
                        MccVerdict::MatchesOnlyIfLarge => ("unclear", "only-if-large"),
                        MccVerdict::Mismatch | MccVerdict::MismatchLowerFee => ("bad", "jump-code"),
                        _ => ("unclear", "unknown"),
                    };
                    let jump = check.verdict.is_possible_jump_code();
                    let bucket_note = check.entry.as_ref().and_then(|e| e.bucket_2016).map(|b| b.label());
                    // What "save to diary" records and what the letter links carry: the finding.
                    let finding = mcc_finding(&table, &n, &kind);
                    let letter_facts = letter_query(&[(
                        "facts",
                        &dated_fact(&finding, crate::platform::today()),
                    )]);
                    let diary_text = Signal::derive(move || finding.get(lang.get()).to_owned());
                    let diary_title = Signal::derive(move || match lang.get() {
                        Lang::Zh => "商户编号与 MCC（跳码）".to_owned(),
                        Lang::En => "Merchant number and MCC (跳码, MCC jumping)".to_owned(),
                    });
                    view! {
                        <div class=format!("verdict {cls}") data-verdict=code>
                            <p><strong>
                                {move || if jump {
                                    td_string!(i18n.get_locale(), check.mcc.jump_code).to_string()
                                } else if code == "matches" {
                                    td_string!(i18n.get_locale(), check.mcc.fits).to_string()
                                } else if code == "only-if-large" {
                                    td_string!(i18n.get_locale(), check.mcc.only_if_large).to_string()
                                } else {
                                    td_string!(i18n.get_locale(), check.mcc.cannot_tell).to_string()
                                }}
                            </strong></p>
                            {bucket_note.map(|b| view! {
                                <p class="note">{t!(i18n, check.mcc.bucket)} " " {move || text(&b, lang.get())}
                                " " <span class="tag unconfirmed">{t!(i18n, check.unconfirmed)}</span></p>
                            })}
                            <Reasons reasons=check.reasons />
                            <LetterLinks kinds=if jump { vec!["acquirer", "pboc", "pcac"] } else { vec![] } query=letter_facts />
                            <AddToDiary kind=EventKind::Note text=diary_text title=diary_title />
                        </div>
                    }
                });
                view! {
                    <table class="parts">
                        <caption>{t!(i18n, check.mcc.parts)}</caption>
                        <thead><tr>
                            <th scope="col">{t!(i18n, check.mcc.pos)}</th>
                            <th scope="col">{t!(i18n, check.mcc.digits)}</th>
                            <th scope="col">{t!(i18n, check.mcc.meaning)}</th>
                        </tr></thead>
                        <tbody>{parts_view}</tbody>
                    </table>
                    <p class="note">{move || text(&layout, lang.get())} " "
                        <span class="tag unconfirmed">{t!(i18n, check.unconfirmed)}</span></p>
                    <Sources sources=[part_sources, vec![layout_src]].concat() />
                    {verdict.map(|v| v.into_any()).unwrap_or_else(|| view! {
                        <p class="warn">{t!(i18n, check.mcc.choose_business)}</p>
                    }.into_any())}
                }
                .into_any()
            }
        })
    };
    view! {
        <p class="lead">{t!(i18n, check.mcc.lead)}</p>
        <CaseFill id="mcc-case" value=merchant_no_from_case on_pick=on_pick />
        <form class="check-form" on:submit=on_submit>
            <label for="mcc-no">{t!(i18n, check.mcc.no_label)}</label>
            <input id="mcc-no" name="no" type="text" inputmode="numeric" autocomplete="off"
                bind:value=number placeholder="105290058130392" />
            <label for="mcc-business">{t!(i18n, check.mcc.business_label)}</label>
            <select id="mcc-business" name="business" bind:value=business>
                <option value="">{t!(i18n, check.mcc.business_choose)}</option>
                {kinds.into_iter().map(|(id, name)| view! {
                    <option value=id>{move || text(&name, lang.get())}</option>
                }).collect_view()}
            </select>
            <button type="submit">{t!(i18n, check.mcc.submit)}</button>
        </form>
        <section class="results" aria-live="polite" aria-label=move || td_string!(i18n.get_locale(), check.results)>
            {result}
        </section>
    }
}
