//! Fee-rate sanity check with a small SVG chart (no chart library, no CDN).
//!
//! Deep-link parameters (all optional; amounts in 元, rates in %):
//! `card=credit|debit|qr`, `rate=0.6`, or `amount=1000&fee=6` (one transaction from the
//! statement), `cap=20` (debit cap per transaction), `addon=3` (per-transaction add-on such as
//! 秒到费), `oneoff=99` (deposit/activation), `yearly=60` (SIM/流量费 per year),
//! `volume=50000` (card volume per month), `count=100` (transactions per month).

use super::{query_param, replace_query, text, LetterLinks, Sources};
use crate::components::add_to_diary::AddToDiary;
use crate::domain::case::EventKind;
use crate::domain::fees::{
    check_fees, CardType, FeeCheck as Check, FeeCheckInput, FeeForm, Severity, CREDIT_COST_FLOOR,
    DEBIT_COST_FLOOR, MARKET_HIGH, MARKET_LOW, QR_DISCLOSED_HIGH, QR_DISCLOSED_LOW,
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
    let submitted = RwSignal::new(any.then_some(initial));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = FeeForm {
            card: card.get_untracked(),
            rate: rate.get_untracked(),
            amount: amount.get_untracked(),
            fee: fee.get_untracked(),
            cap: cap.get_untracked(),
            addon: addon.get_untracked(),
            oneoff: oneoff.get_untracked(),
            yearly: yearly.get_untracked(),
            volume: volume.get_untracked(),
            count: count.get_untracked(),
        };
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
            {field("rate", t!(i18n, check.fee.rate_label).into_any(), rate, "decimal", Some(t!(i18n, check.fee.rate_hint).into_any()))}
            <p class="muted">{t!(i18n, check.fee.or_observed)}</p>
            <div class="row">
                {field("amount", t!(i18n, check.fee.amount_label).into_any(), amount, "decimal", None)}
                {field("fee", t!(i18n, check.fee.fee_label).into_any(), fee, "decimal", None)}
            </div>
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
    let cls = match check.severity {
        Severity::RedFlag => "bad",
        Severity::Warning => "unclear",
        Severity::Info => "info",
        Severity::Ok => "good",
    };
    let headline = check.band.headline();
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
            let c = match f.severity {
                Severity::RedFlag => "bad",
                Severity::Warning => "unclear",
                Severity::Info => "info",
                Severity::Ok => "good",
            };
            view! { <li class=c>{move || text(&t, lang.get())}</li> }
        })
        .collect_view();
    let rate_text = check.rate.percent_text();
    // What "save to diary" records and what the letter links carry: the finding.
    let finding = fee_finding(&input, &check);
    let letter_facts = letter_query(&[("facts", &dated_fact(&finding, crate::platform::today()))]);
    let diary_text = Signal::derive(move || finding.get(lang.get()).to_owned());
    let diary_title = Signal::derive(move || match lang.get() {
        Lang::Zh => "手续费率".to_owned(),
        Lang::En => "Fee rate".to_owned(),
    });
    let all_in = check.all_in_rate.map(|r| r.percent_text());
    let has_volume = input.monthly_volume_fen > 0;
    view! {
        <div class=format!("verdict {cls}") data-verdict=check.band.code()>
            <p class="big">
                {t!(i18n, check.fee.effective)} " " <strong class="rate">{rate_text}</strong>
            </p>
            <p><strong>{move || text(&headline, lang.get())}</strong></p>
            {chart(input.card, check.rate.0, check.all_in_rate.map(|r| r.0))}
            {has_volume.then(|| view! {
                <dl class="facts">
                    <dt>{t!(i18n, check.fee.first_year)}</dt>
                    <dd>{yuan(check.first_year_cost_fen)} " " {t!(i18n, check.fee.yuan)}</dd>
                    <dt>{t!(i18n, check.fee.later_year)}</dt>
                    <dd>{yuan(check.later_year_cost_fen)} " " {t!(i18n, check.fee.yuan)}</dd>
                    {all_in.map(|a| view! { <dt>{t!(i18n, check.fee.all_in)}</dt><dd>{a}</dd> })}
                </dl>
            })}
            <ul class="reasons">{findings}</ul>
            <Sources sources=sources />
            <LetterLinks kinds=letters query=letter_facts />
            <AddToDiary kind=EventKind::Note text=diary_text title=diary_title />
        </div>
    }
    .into_any()
}

/// A horizontal scale from 0 % to at least 1 %: the cost floor, the market band and the
/// merchant's rate (and all-in rate) as markers. Text labels are real text, so it reads in
/// both languages and at any zoom.
fn chart(card: CardType, rate: u32, all_in: Option<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let (floor, band) = match card {
        CardType::Credit => (Some(CREDIT_COST_FLOOR.0), (MARKET_LOW.0, MARKET_HIGH.0)),
        CardType::Debit => (Some(DEBIT_COST_FLOOR.0), (MARKET_LOW.0, MARKET_HIGH.0)),
        CardType::QrOrContactless => (None, (QR_DISCLOSED_LOW.0, QR_DISCLOSED_HIGH.0)),
    };
    let max = [10_000u32, rate, all_in.unwrap_or(0), band.1]
        .into_iter()
        .max()
        .unwrap_or(10_000)
        .saturating_mul(11)
        / 10;
    let (left, width) = (10.0f64, 300.0f64);
    let x = move |v: u32| left + width * f64::from(v) / f64::from(max);
    let ticks: Vec<u32> = (0..=max / 2_000).map(|i| i * 2_000).collect();
    let pct = |v: u32| {
        let s = format!("{:.2}", f64::from(v) / 10_000.0);
        format!("{}%", s.trim_end_matches('0').trim_end_matches('.'))
    };
    view! {
        <figure class="fee-chart">
            <svg viewBox="0 0 320 96" role="img" aria-labelledby="fee-chart-cap" width="320" height="96">
                {floor.map(|f| view! {
                    <rect class="zone-floor" x=left y="30" width=x(f) - left height="24" />
                    <line class="floor-line" x1=x(f) x2=x(f) y1="22" y2="60" />
                    <text class="lbl" x=x(f) y="16" text-anchor="end">{pct(f)}</text>
                })}
                <rect class="zone-market" x=x(band.0) y="30" width=x(band.1) - x(band.0) height="24" />
                <line class="axis" x1=left x2=left + width y1="54" y2="54" />
                {ticks.into_iter().map(|t| view! {
                    <line class="tick" x1=x(t) x2=x(t) y1="54" y2="58" />
                    <text class="lbl" x=x(t) y="70" text-anchor="middle">{pct(t)}</text>
                }).collect_view()}
                {all_in.filter(|a| *a != rate).map(|a| view! {
                    <line class="marker-all-in" x1=x(a) x2=x(a) y1="26" y2="58" />
                })}
                <line class="marker" x1=x(rate) x2=x(rate) y1="24" y2="60" />
                <circle class="marker-dot" cx=x(rate) cy="42" r="5" />
                <text class="lbl strong" x=x(rate).min(290.0) y="90" text-anchor="middle">{pct(rate)}</text>
            </svg>
            <figcaption id="fee-chart-cap">
                <span class="key key-rate"></span> {t!(i18n, check.fee.chart_rate)}
                {floor.is_some().then(|| view! { " " <span class="key key-floor"></span> {t!(i18n, check.fee.chart_floor)} })}
                " " <span class="key key-market"></span>
                {if card == CardType::QrOrContactless {
                    t!(i18n, check.fee.chart_qr).into_any()
                } else {
                    t!(i18n, check.fee.chart_market).into_any()
                }}
                {all_in.filter(|a| *a != rate).map(|_| view! { " " <span class="key key-all-in"></span> {t!(i18n, check.fee.chart_all_in)} })}
            </figcaption>
        </figure>
    }
}
