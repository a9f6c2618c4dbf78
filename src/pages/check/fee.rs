//! Fee-rate sanity check with a small SVG chart (no chart library, no CDN).
//!
//! Deep-link parameters (all optional; amounts in 元, rates in %):
//! `card=credit|debit|qr`, `rate=0.6`, or `amount=1000&fee=6` (one transaction from the
//! statement), `cap=20` (debit cap per transaction), `addon=3` (per-transaction add-on such as
//! 秒到费), `oneoff=99` (deposit/activation), `yearly=60` (SIM/流量费 per year),
//! `volume=50000` (card volume per month), `count=100` (transactions per month),
//! `promised=0.38` (the rate the agent promised), `category=standard|discounted|exempt`
//! (empty: don't know).

use super::{query_param, replace_query, text, LetterLinks, Sources};
use crate::components::add_to_diary::AddToDiary;
use crate::domain::case::EventKind;
use crate::domain::fees::{
    chart_layout, check_fees, points_text, source_categories, CardType, FeeCheck as Check,
    FeeCheckInput, FeeForm, MerchantCategory, RateInput, Severity, CHART_HEIGHT, CHART_WIDTH,
};
use crate::domain::text::{Lang, Source};
use crate::domain::verdict::{dated_fact, fee_finding, letter_query};
use crate::i18n::*;
use crate::lang::use_lang;
use leptos::prelude::*;

fn form_from_query() -> FeeForm {
    FeeForm::from_fields(|name| query_param(name).unwrap_or_default())
}

fn yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

#[component]
pub fn FeeCheck() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let initial = form_from_query();
    let any = initial.has_rate_input();
    let card = RwSignal::new(if initial.card.is_empty() {
        "credit".to_string()
    } else {
        initial.card.clone()
    });
    let rate = RwSignal::new(initial.rate.clone());
    let amount = RwSignal::new(initial.amount.clone());
    let fee = RwSignal::new(initial.fee.clone());
    let cap = RwSignal::new(initial.cap.clone());
    let addon = RwSignal::new(initial.addon.clone());
    let oneoff = RwSignal::new(initial.oneoff.clone());
    let yearly = RwSignal::new(initial.yearly.clone());
    let volume = RwSignal::new(initial.volume.clone());
    let count = RwSignal::new(initial.count.clone());
    let promised = RwSignal::new(initial.promised.clone());
    let category = RwSignal::new(initial.category.clone());
    let submitted = RwSignal::new(any.then_some(initial));
    let form = move || FeeForm {
        card: card.get(),
        rate: rate.get(),
        amount: amount.get(),
        fee: fee.get(),
        cap: cap.get(),
        addon: addon.get(),
        oneoff: oneoff.get(),
        yearly: yearly.get(),
        volume: volume.get(),
        count: count.get(),
        promised: promised.get(),
        category: category.get(),
    };
    // What is typed lives in the address (and survives switching tabs) before it is checked.
    Effect::new(move || replace_query(&form().pairs()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = untrack(form);
        replace_query(&f.pairs());
        submitted.set(Some(f));
    };
    let result = move || {
        let form = submitted.get()?;
        Some(match form.to_input() {
            Err(errors) => view! {
                <div class="warn" role="alert" data-verdict="input-error">
                    <ul>{errors.into_iter().map(|e| view! { <li>{move || text(&e, lang.get())}</li> }).collect_view()}</ul>
                </div>
            }
            .into_any(),
            Ok(input) => match check_fees(&input) {
                Err(e) => {
                    let m = e.message();
                    view! { <p class="warn" role="alert" data-verdict="input-error">{move || text(&m, lang.get())}</p> }.into_any()
                }
                Ok(check) => verdict(input, check),
            },
        })
    };
    let field = move |id: &'static str,
                      label: AnyView,
                      sig: RwSignal<String>,
                      mode: &'static str,
                      hint: Option<AnyView>| {
        view! {
            <div class="field">
                <label for=format!("fee-{id}")>{label}</label>
                <input id=format!("fee-{id}") name=id type="text" inputmode=mode autocomplete="off" bind:value=sig />
                {hint.map(|h| view! { <span class="hint">{h}</span> })}
            </div>
        }
    };
    view! {
        <p class="lead">{t!(i18n, check.fee.lead)}</p>
        <form class="check-form" on:submit=on_submit>
            <fieldset>
                <legend>{t!(i18n, check.fee.card_legend)}</legend>
                <label class="choice"><input type="radio" name="card" value="credit"
                    prop:checked=move || card.get() == "credit" on:change=move |_| card.set("credit".into()) />
                    {t!(i18n, check.fee.credit)}</label>
                <label class="choice"><input type="radio" name="card" value="debit"
                    prop:checked=move || card.get() == "debit" on:change=move |_| card.set("debit".into()) />
                    {t!(i18n, check.fee.debit)}</label>
                <label class="choice"><input type="radio" name="card" value="qr"
                    prop:checked=move || card.get() == "qr" on:change=move |_| card.set("qr".into()) />
                    {t!(i18n, check.fee.qr)}</label>
            </fieldset>
            <fieldset class="category">
                <legend>{t!(i18n, check.fee.category_legend)}</legend>
                {MerchantCategory::ALL.into_iter().map(|c| {
                    let label = c.label();
                    view! {
                        <label class="choice"><input type="radio" name="category" value=c.code()
                            prop:checked=move || MerchantCategory::from_code(&category.get()) == Some(c)
                            on:change=move |_| category.set(c.code().into()) />
                            {move || text(&label, lang.get())}</label>
                    }
                }).collect_view()}
                <p class="hint">
                    {t!(i18n, check.fee.category_hint)} " "
                    {move || {
                        let c = MerchantCategory::from_code(&category.get()).unwrap_or_default();
                        text(&c.meaning(), lang.get())
                    }}
                    " " {t!(i18n, check.fee.basis)} <cite>{move || source_categories().get(lang.get()).to_owned()}</cite>
                </p>
            </fieldset>
            {field("rate", t!(i18n, check.fee.rate_label).into_any(), rate, "decimal", Some(t!(i18n, check.fee.rate_hint).into_any()))}
            <p class="muted">{t!(i18n, check.fee.or_observed)}</p>
            <div class="row">
                {field("amount", t!(i18n, check.fee.amount_label).into_any(), amount, "decimal", None)}
                {field("fee", t!(i18n, check.fee.fee_label).into_any(), fee, "decimal", None)}
            </div>
            {field("promised", t!(i18n, check.fee.promised_label).into_any(), promised, "decimal", Some(t!(i18n, check.fee.promised_hint).into_any()))}
            <details class="extras" open=any_extra(&[cap, addon, oneoff, yearly, volume, count])>
                <summary>{t!(i18n, check.fee.extras)}</summary>
                {field("cap", t!(i18n, check.fee.cap_label).into_any(), cap, "decimal", None)}
                {field("addon", t!(i18n, check.fee.addon_label).into_any(), addon, "decimal", None)}
                {field("oneoff", t!(i18n, check.fee.oneoff_label).into_any(), oneoff, "decimal", None)}
                {field("yearly", t!(i18n, check.fee.yearly_label).into_any(), yearly, "decimal", None)}
                {field("volume", t!(i18n, check.fee.volume_label).into_any(), volume, "decimal", None)}
                {field("count", t!(i18n, check.fee.count_label).into_any(), count, "numeric", None)}
            </details>
            <button type="submit">{t!(i18n, check.fee.submit)}</button>
        </form>
        <section class="results" aria-live="polite" aria-label=move || td_string!(i18n.get_locale(), check.results)>
            {result}
        </section>
    }
}

fn any_extra(signals: &[RwSignal<String>]) -> bool {
    signals.iter().any(|s| !s.get_untracked().trim().is_empty())
}

fn verdict(input: FeeCheckInput, check: Check) -> AnyView {
    let i18n = use_i18n();
    let lang = use_lang();
    let class_of = |s: Severity| match s {
        Severity::RedFlag => "bad",
        Severity::Warning => "unclear",
        Severity::Info => "info",
        Severity::Ok => "good",
    };
    let cls = class_of(check.severity);
    let headline = check.headline();
    let letters = check.letter_kinds();
    let sources: Vec<Source> = check
        .findings
        .iter()
        .flat_map(|f| f.sources.clone())
        .collect();
    let findings = check
        .findings
        .iter()
        .map(|f| {
            let t = f.text.clone();
            let c = class_of(f.severity);
            view! { <li class=c>{move || text(&t, lang.get())}</li> }
        })
        .collect_view();
    // What "save to diary" records and what the letter links carry: the finding.
    let finding = fee_finding(&input, &check);
    let letter_facts = letter_query(&[("facts", &dated_fact(&finding, crate::platform::today()))]);
    let diary_text = Signal::derive(move || finding.get(lang.get()).to_owned());
    let diary_title = Signal::derive(move || match lang.get() {
        Lang::Zh => "手续费率".to_owned(),
        Lang::En => "Fee rate".to_owned(),
    });
    let headline_text = check.headline_text();
    let all_in = check.all_in_rate.is_some();
    let observed = matches!(input.rate, RateInput::Observed { .. });
    let label = if all_in {
        t!(i18n, check.fee.all_in_headline).into_any()
    } else if observed {
        t!(i18n, check.fee.observed_rate).into_any()
    } else {
        t!(i18n, check.fee.effective).into_any()
    };
    let nominal = (all_in && check.headline_rate != check.rate).then(|| {
        let r = check.rate.percent_text();
        view! { <p class="nominal">{t!(i18n, check.fee.nominal)} " " <span class="nominal-rate">{r}</span></p> }
    });
    let breakdown = check.breakdown.map(|b| {
        let row = |label: AnyView, fen: u64, cls: &'static str| {
            (fen > 0).then(|| view! { <dt>{label}</dt><dd class=cls>{yuan(fen)} " " {t!(i18n, check.fee.yuan)}</dd> })
        };
        view! {
            <h2 class="breakdown-title">{t!(i18n, check.fee.breakdown)}</h2>
            <dl class="facts breakdown">
                {row(t!(i18n, check.fee.part_rate).into_any(), b.rate_fen, "part-rate")}
                {row(t!(i18n, check.fee.part_addons).into_any(), b.addons_fen, "part-addons")}
                {row(t!(i18n, check.fee.part_yearly).into_any(), b.yearly_fen, "part-yearly")}
                {row(t!(i18n, check.fee.part_oneoff).into_any(), b.one_off_fen, "part-oneoff")}
                <dt>{t!(i18n, check.fee.first_year)}</dt>
                <dd class="first-year"><strong>{yuan(check.first_year_cost_fen)} " " {t!(i18n, check.fee.yuan)}</strong></dd>
                <dt>{t!(i18n, check.fee.later_year)}</dt>
                <dd class="later-year">{yuan(check.later_year_cost_fen)} " " {t!(i18n, check.fee.yuan)}</dd>
            </dl>
        }
    });
    let promise = check.promise.map(|p| {
        let (promised, charged) = (p.promised.percent_text(), headline_text.clone());
        let money = p.gap_fen.filter(|g| *g > 0).map(|g| {
            let what = if p.per_year {
                t!(i18n, check.fee.more_first_year).into_any()
            } else {
                t!(i18n, check.fee.more_this_one).into_any()
            };
            view! { <dt>{what}</dt><dd class="gap-yuan">{yuan(g.unsigned_abs())} " " {t!(i18n, check.fee.yuan)}</dd> }
        });
        view! {
            <dl class="facts promise">
                <dt>{t!(i18n, check.fee.promise)}</dt>
                <dd>{t!(i18n, check.fee.promised_vs)} " " {promised} " → " {t!(i18n, check.fee.charged)} " " {charged}</dd>
                {(p.points > 0).then(|| view! {
                    <dt>{t!(i18n, check.fee.points_more)}</dt>
                    <dd class="gap-points">{points_text(p.points)}</dd>
                })}
                {money}
            </dl>
        }
    });
    view! {
        <div class=format!("verdict {cls}") data-verdict=check.code()>
            <p class="big">
                {label} " " <strong class="rate">{headline_text}</strong>
            </p>
            {nominal}
            <p class="headline"><strong>{move || text(&headline, lang.get())}</strong></p>
            {promise}
            {breakdown}
            {(!all_in).then(|| view! { <p class="note">{t!(i18n, check.fee.no_volume)}</p> })}
            {chart(input.card, &check)}
            <ul class="reasons">{findings}</ul>
            <Sources sources=sources />
            <LetterLinks kinds=letters query=letter_facts />
            <AddToDiary kind=EventKind::Note text=diary_text title=diary_title />
        </div>
    }
    .into_any()
}

/// A horizontal scale from 0 % to at least 1 %: the cost implied by the caps, a reference range
/// (hedged) and the merchant's rate, all-in rate and promised rate as markers. The geometry is
/// computed (and tested) in `domain::fees::chart_layout`; text labels are real text.
fn chart(card: CardType, check: &Check) -> impl IntoView {
    let i18n = use_i18n();
    let layout = chart_layout(card, check);
    let (band_from, band_to) = layout.band;
    let has_floor = layout.floor_x.is_some();
    let has_all_in = layout.all_in_x.is_some();
    let has_promised = layout.promised_x.is_some();
    view! {
        <figure class="fee-chart">
            <svg viewBox=format!("0 0 {CHART_WIDTH} {CHART_HEIGHT}") role="img" aria-labelledby="fee-chart-cap"
                width=CHART_WIDTH height=CHART_HEIGHT>
                {layout.floor_x.map(|f| view! {
                    <rect class="zone-floor" x="14" y="30" width=(f - 14.0).max(0.0) height="24" />
                    <line class="floor-line" x1=f x2=f y1="22" y2="60" />
                })}
                <rect class="zone-market" x=band_from y="30" width=(band_to - band_from).max(0.0) height="24" />
                <line class="axis" x1="14" x2="306" y1="54" y2="54" />
                {layout.ticks.into_iter().map(|(tx, l)| view! {
                    <line class="tick" x1=tx x2=tx y1="54" y2="58" />
                    <text class=l.class x=l.x y=l.y text-anchor="middle">{l.text}</text>
                }).collect_view()}
                {layout.promised_x.map(|p| view! {
                    <line class="marker-promised" x1=p x2=p y1="22" y2="58" />
                })}
                {layout.all_in_x.map(|a| view! {
                    <line class="marker-all-in" x1=a x2=a y1="26" y2="84" />
                })}
                <line class="marker" x1=layout.rate_x x2=layout.rate_x y1="24" y2="60" />
                <circle class="marker-dot" cx=layout.rate_x cy="42" r="5" />
                {layout.labels.into_iter().map(|l| view! {
                    <text class=l.class x=l.x y=l.y text-anchor="middle">{l.text}</text>
                }).collect_view()}
            </svg>
            <figcaption id="fee-chart-cap">
                <span class="key key-rate"></span> {t!(i18n, check.fee.chart_rate)}
                {has_all_in.then(|| view! { " " <span class="key key-all-in"></span> {t!(i18n, check.fee.chart_all_in)} })}
                {has_promised.then(|| view! { " " <span class="key key-promised"></span> {t!(i18n, check.fee.chart_promised)} })}
                {has_floor.then(|| view! { " " <span class="key key-floor"></span> {t!(i18n, check.fee.chart_floor)} })}
                " " <span class="key key-market"></span>
                {if card == CardType::QrOrContactless {
                    t!(i18n, check.fee.chart_qr).into_any()
                } else {
                    t!(i18n, check.fee.chart_market).into_any()
                }}
            </figcaption>
        </figure>
    }
}
