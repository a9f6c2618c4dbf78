//! Licence lookup and list import.

use std::rc::Rc;

use super::{query_param, replace_query, text, use_lists, LetterLinks, ListInUse, Sources};
use crate::app::use_lang;
use crate::components::add_to_diary::AddToDiary;
use crate::domain::case::{Acquirer, EventKind};
use crate::domain::licence::{
    CoverageVerdict, Licence, LicenceRegistry, MatchedField, MerchantRegion, Scope, SearchOutcome,
    Status, ValidUntil,
};
use crate::domain::text::{Bilingual, Lang};
use crate::domain::verdict::{letter_query, verdict_summary, CheckKind};
use crate::i18n::*;
use crate::store;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Provinces offered for the coverage check (GB/T 2260 names as PBoC scopes use them).
const PROVINCES: &[&str] = &[
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
];

#[component]
pub fn LicenceCheck() -> impl IntoView {
    let i18n = use_i18n();
    let lists = use_lists();
    // `?licence=` wins over `?q=`: both are searched the same way.
    let initial = query_param("licence").or_else(|| query_param("q"));
    let query = RwSignal::new(initial.clone().unwrap_or_default());
    let province = RwSignal::new(
        query_param("province")
            .filter(|p| PROVINCES.iter().any(|x| p.starts_with(x)))
            .unwrap_or_default(),
    );
    let city = RwSignal::new(query_param("city").unwrap_or_default());
    let submitted = RwSignal::new(initial);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = query.get_untracked();
        replace_query(&[
            ("q", q.clone()),
            ("province", province.get_untracked()),
            ("city", city.get_untracked()),
        ]);
        submitted.set(Some(q));
    };
    let region = move || {
        let p = province.get();
        (!p.is_empty()).then(|| MerchantRegion {
            province: p,
            city: Some(city.get()).filter(|c| !c.trim().is_empty()),
        })
    };
    view! {
        <p class="lead">{t!(i18n, check.licence.lead)}</p>
        <form class="check-form" on:submit=on_submit role="search">
            <label for="licence-q">{t!(i18n, check.licence.query_label)}</label>
            <input
                id="licence-q"
                name="q"
                type="search"
                autocomplete="off"
                bind:value=query
                placeholder=move || td_string!(i18n.get_locale(), check.licence.query_placeholder)
            />
            <div class="row">
                <div>
                    <label for="licence-province">{t!(i18n, check.licence.province_label)}</label>
                    <select id="licence-province" name="province" bind:value=province>
                        <option value="">{t!(i18n, check.licence.province_any)}</option>
                        {PROVINCES.iter().map(|p| view! { <option value=*p>{*p}</option> }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="licence-city">{t!(i18n, check.licence.city_label)}</label>
                    <input id="licence-city" name="city" type="text" bind:value=city />
                </div>
            </div>
            <button type="submit">{t!(i18n, check.licence.search)}</button>
        </form>
        <ListInUse />
        <section class="results" aria-live="polite" aria-label=move || td_string!(i18n.get_locale(), check.results)>
            // What was searched, echoed as text (never as HTML).
            {move || submitted.get().map(|q| view! {
                <p class="deep-link">{t!(i18n, check.licence.searched)} " " <code>{q}</code></p>
            })}
            {move || {
                let q = submitted.get()?;
                let registry = lists.active()?;
                Some(results(registry, q, region()))
            }}
        </section>
        <ImportPanel />
    }
}

fn results(registry: Rc<LicenceRegistry>, q: String, region: Option<MerchantRegion>) -> AnyView {
    let i18n = use_i18n();
    let lang = use_lang();
    match registry.search(&q) {
        SearchOutcome::InvalidLicenceNo(e) => {
            let m = e.message();
            view! {
                <div class="verdict bad" role="alert" data-verdict="invalid-number">
                    <p><strong>{t!(i18n, check.licence.bad_number)}</strong></p>
                    <p>{move || text(&m, lang.get())}</p>
                    <p class="note">{t!(i18n, check.licence.number_rule)}</p>
                </div>
            }
            .into_any()
        }
        SearchOutcome::QueryTooShort => {
            view! { <p class="warn" role="alert">{t!(i18n, check.licence.too_short)}</p> }
                .into_any()
        }
        SearchOutcome::NotFound(nf) => {
            let mut lines = nf.explanations.into_iter();
            let head = lines.next().unwrap_or_default();
            let rest: Vec<Bilingual> = lines.collect();
            view! {
                <div class="verdict unclear" data-verdict="not-found">
                    <p><strong>{move || text(&head, lang.get())}</strong></p>
                    <ul>
                        {rest.into_iter().map(|b| view! { <li>{move || text(&b, lang.get())}</li> }).collect_view()}
                    </ul>
                    <Sources sources=vec![nf.source] />
                </div>
            }
            .into_any()
        }
        SearchOutcome::Found(hits) => {
            let count = hits.len();
            let cards = hits
                .into_iter()
                .enumerate()
                .map(|(i, hit)| {
                    let matched =
                        (hit.matched == MatchedField::Alias).then(|| hit.matched_text.clone());
                    licence_card(&registry, hit.licence, matched, region.clone(), i == 0)
                })
                .collect_view();
            view! {
                <p class="muted">{t!(i18n, check.licence.candidates)} " " {count}</p>
                <ol class="hits">{cards}</ol>
            }
            .into_any()
        }
    }
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Valid => "good",
        Status::ExpiredListed | Status::NotListed => "unclear",
        _ => "bad",
    }
}

fn scope_text(scope: &Scope) -> Bilingual {
    match scope {
        Scope::Nationwide => Bilingual::new("全国", "nationwide"),
        Scope::Only(items) => Bilingual::new(items.join("、"), items.join(", ")),
        Scope::Except {
            excluded,
            also_allowed,
        } => {
            let mut b = Bilingual::new(
                format!("除{}以外", excluded.join("、")),
                format!("everywhere except {}", excluded.join(", ")),
            );
            if !also_allowed.is_empty() {
                b.zh.push_str(&format!("（可在{}开展）", also_allowed.join("、")));
                b.en.push_str(&format!(" (allowed in {})", also_allowed.join(", ")));
            }
            b
        }
        Scope::Unstated(t) => Bilingual::new(
            format!("按业务列明（{t}）"),
            format!("per business type ({t})"),
        ),
    }
}

fn valid_until_text(v: &ValidUntil) -> Bilingual {
    match v {
        ValidUntil::Unknown => Bilingual::new("（名单未列）", "(not listed)"),
        ValidUntil::LongTerm => Bilingual::new("长期", "long-term (长期)"),
        ValidUntil::Date(d) => Bilingual::new(d.to_string(), d.to_string()),
        ValidUntil::WithTransition {
            until,
            transition_until,
        } => Bilingual::new(
            format!("{until}（过渡期至{transition_until}）"),
            format!("{until} (transition until {transition_until})"),
        ),
    }
}

fn licence_card(
    registry: &LicenceRegistry,
    licence: &Licence,
    matched_alias: Option<String>,
    region: Option<MerchantRegion>,
    open: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let note = licence.status_note(registry);
    let status_cls = status_class(licence.status);
    let status_text = note.text.clone();
    let status = licence.status;
    let status_code = format!("{:?}", licence.status).to_lowercase();
    // The plain POS statement.
    let (pos_cls, pos_text, mut sources, letters) = match licence.acquiring() {
        None => (
            "bad",
            if licence.status.is_listed() {
                Bilingual::new(
                    "这家公司有支付许可证，但业务类型里没有银行卡收单（银行卡收单/支付交易处理Ⅰ类）：它不能作为 POS 机的收单机构。",
                    "This company holds a payment licence, but not for bank-card acquiring (银行卡收单 / 支付交易处理Ⅰ类): it may not be the acquirer behind a POS terminal.",
                )
            } else {
                Bilingual::new(
                    "这家公司没有银行卡收单业务，许可证也已不在名单上：不能作为 POS 机的收单机构。",
                    "This company has no bank-card acquiring and its licence is no longer listed: it may not be the acquirer behind a POS terminal.",
                )
            },
            vec![note.source.clone()],
            vec!["pboc", "report-12315"],
        ),
        Some(a) => {
            let cls = if a.currently_allowed {
                "good"
            } else if licence.status == Status::ExpiredListed {
                "unclear"
            } else {
                "bad"
            };
            let letters = if a.currently_allowed {
                vec!["acquirer"]
            } else {
                vec!["pboc", "report-12315"]
            };
            (
                cls,
                a.explanation.clone(),
                vec![a.source.clone(), note.source.clone()],
                letters,
            )
        }
    };
    let coverage = region.as_ref().and_then(|r| licence.acquiring_coverage(r));
    if let Some(c) = &coverage {
        sources.push(c.source.clone());
    }
    let coverage_view = coverage.map(|c| {
        let cls = match c.verdict {
            CoverageVerdict::Covered => "good",
            CoverageVerdict::NotCovered => "bad",
            CoverageVerdict::Unclear => "unclear",
        };
        let verdict = format!("{:?}", c.verdict).to_lowercase();
        view! {
            <p class=format!("verdict-line {cls}") data-coverage=verdict>
                <strong>{t!(i18n, check.licence.coverage_here)}</strong> " " {move || text(&c.reason, lang.get())}
            </p>
        }
    });
    let types = licence
        .business_types
        .iter()
        .map(|b| {
            let counterpart = b.counterpart().unwrap_or("—").to_string();
            let acquiring = b.is_card_acquiring();
            view! {
                <li class:acquiring=acquiring>
                    {b.raw.clone()}
                    <span class="muted">" ↔ " {counterpart}</span>
                </li>
            }
        })
        .collect_view();
    let merged_link = licence.merged_into.as_ref().map(|n| n.as_str().to_string());
    // A row's references as a reader can follow them: news pages and notices, not the code
    // repositories the list was copied from (the list itself is cited as a data set above).
    let references: Vec<String> = licence
        .references
        .iter()
        .filter(|r| !r.to_ascii_lowercase().contains("github.com"))
        .cloned()
        .collect();
    // The research notes of the built-in list are in English: shown on English pages only.
    let row_note = licence.note.clone();
    let note_readable = move |l: Lang| {
        row_note
            .clone()
            .filter(|n| l == Lang::En || !n.chars().any(|c| c.is_ascii_alphabetic()))
    };
    let aliases = licence.aliases.join("、");
    let coverage_all = scope_text(&licence.coverage);
    let valid_until = valid_until_text(&licence.valid_until);
    let status_date = licence.status_date.map(|d| d.to_string());
    let as_of = registry.as_of_text();
    // What "save to diary" records, and what the letter links carry.
    let name = licence.name.clone();
    let number = licence.number.as_str().to_string();
    let diary_text = {
        let (name, number, as_of) = (name.clone(), number.clone(), as_of.clone());
        let (status_text, pos_text) = (status_text.clone(), pos_text.clone());
        let status_date = licence.status_date;
        Signal::derive(move || {
            let l = lang.get();
            let status = match status_date {
                Some(d) => format!("{} {d}", status_label(status, l)),
                None => status_label(status, l).to_owned(),
            };
            verdict_summary(
                l,
                CheckKind::Licence,
                crate::platform::today(),
                &format!("{name}（{number}）"),
                &[status, text(&status_text, l), text(&pos_text, l)],
                Some(&as_of),
            )
        })
    };
    let diary_title = {
        let name = name.clone();
        Signal::derive(move || match lang.get() {
            Lang::Zh => format!("收单机构 {name}"),
            Lang::En => format!("Acquirer {name}"),
        })
    };
    let diary_acquirer = {
        let acquirer = Acquirer {
            name: name.clone(),
            licence_no: Some(number.clone()),
        };
        Signal::derive(move || Some(acquirer.clone()))
    };
    let query = letter_query(&[("acquirer_name", &name), ("acquirer_licence_no", &number)]);
    view! {
        <li class="hit">
            <details open=open>
                <summary>
                    <span class="hit-name">{licence.name.clone()}</span>
                    " "
                    <code class="licence-no">{licence.number.as_str().to_string()}</code>
                    " "
                    <span class=format!("tag status {status_cls}") data-status=status_code.clone()>
                        {move || status_label(status, lang.get())}
                        {status_date.clone().map(|d| format!(" {d}"))}
                    </span>
                </summary>
                {matched_alias.map(|a| view! { <p class="muted">{t!(i18n, check.licence.matched_alias)} " " {a}</p> })}
                <p class=format!("verdict-line {status_cls}")>
                    <strong>{t!(i18n, check.licence.status)}</strong> " " {move || text(&status_text, lang.get())}
                    {merged_link.map(|n| view! { " " <a href=crate::app::href(&format!("/check?licence={n}"))>{n.clone()}</a> })}
                </p>
                <p class=format!("verdict-line pos {pos_cls}") data-pos=pos_cls>
                    <strong>{t!(i18n, check.licence.pos)}</strong> " " {move || text(&pos_text, lang.get())}
                </p>
                {coverage_view}
                <dl class="facts">
                    <dt>{t!(i18n, check.licence.types)}</dt>
                    <dd><ul class="types">{types}</ul></dd>
                    <dt>{t!(i18n, check.licence.coverage)}</dt>
                    <dd>{move || text(&coverage_all, lang.get())}</dd>
                    <dt>{t!(i18n, check.licence.first_issued)}</dt>
                    <dd>{licence.first_issued.to_string()}</dd>
                    <dt>{t!(i18n, check.licence.valid_until)}</dt>
                    <dd>{move || text(&valid_until, lang.get())}</dd>
                    {(!aliases.is_empty()).then(|| view! {
                        <dt>{t!(i18n, check.licence.aliases)}</dt>
                        <dd>{aliases}</dd>
                    })}
                    <dt>{t!(i18n, check.licence.row_source)}</dt>
                    <dd class="row-source">
                        <ul>{references.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                        {move || note_readable(lang.get()).map(|n| view! { <p class="note">{n}</p> })}
                        <p class="note">{t!(i18n, check.licence.as_of)} " " {as_of}</p>
                    </dd>
                </dl>
                <Sources sources=sources />
                <LetterLinks kinds=letters query=query />
                <AddToDiary kind=EventKind::Note text=diary_text title=diary_title acquirer=diary_acquirer />
            </details>
        </li>
    }
}

fn status_label(status: Status, lang: Lang) -> &'static str {
    let (zh, en) = match status {
        Status::Valid => ("有效", "valid"),
        Status::ExpiredListed => ("在名单上但已过期", "listed but expired"),
        Status::Cancelled => ("已注销", "cancelled"),
        Status::NotRenewed => ("未续展", "not renewed"),
        Status::Merged => ("已合并", "merged"),
        Status::NotListed => ("已不在最新名单", "missing from the latest list"),
        Status::Revoked => ("已吊销", "revoked"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

#[derive(Clone)]
enum ImportState {
    Idle,
    Working,
    Done(String),
    Rejected(Vec<Bilingual>, Bilingual),
    Failed(String),
    Reverted,
}

#[component]
fn ImportPanel() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let lists = use_lists();
    let state = RwSignal::new(ImportState::Idle);
    let paste = RwSignal::new(String::new());
    let as_of = RwSignal::new(String::new());
    let file_ref = NodeRef::<leptos::html::Input>::new();

    let run_import = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let file = file_ref
            .get_untracked()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        let pasted = paste.get_untracked();
        let stated =
            chrono::NaiveDate::parse_from_str(as_of.get_untracked().trim(), "%Y-%m-%d").ok();
        state.set(ImportState::Working);
        leptos::task::spawn_local(async move {
            // Read the file first: awaiting it inside an IndexedDB transaction would end it.
            let (text, name) = match file {
                Some(f) => match JsFuture::from(f.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                {
                    Some(t) => (t, f.name()),
                    None => {
                        state.set(ImportState::Failed("file could not be read".into()));
                        return;
                    }
                },
                None if !pasted.trim().is_empty() => (pasted, "paste".to_string()),
                None => {
                    state.set(ImportState::Failed(
                        td_string!(i18n.get_locale_untracked(), check.import.nothing).to_string(),
                    ));
                    return;
                }
            };
            // Validate fully before the database is opened: a bad file changes nothing.
            if let Err(errors) = LicenceRegistry::parse_import(&text, stated) {
                let lines = errors.0.iter().take(50).map(|e| e.message()).collect();
                state.set(ImportState::Rejected(lines, errors.message()));
                return;
            }
            let db = match store::db::open().await {
                Ok(db) => db,
                Err(e) => {
                    state.set(ImportState::Failed(e.to_string()));
                    return;
                }
            };
            let now = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string();
            let result = store::licence_lists::import(&db, &text, &name, stated, &now).await;
            db.close();
            match result {
                Ok(list) => match list.registry() {
                    Ok(r) => {
                        let as_of = list.as_of.clone();
                        lists.set_imported.set(Some((list, Rc::new(r))));
                        state.set(ImportState::Done(as_of));
                    }
                    Err(e) => state.set(ImportState::Failed(e.to_string())),
                },
                Err(store::licence_lists::ImportFailure::Invalid(errors)) => {
                    let lines = errors.0.iter().take(50).map(|e| e.message()).collect();
                    state.set(ImportState::Rejected(lines, errors.message()));
                }
                Err(e) => state.set(ImportState::Failed(e.to_string())),
            }
        });
    };
    let revert = move |_| {
        state.set(ImportState::Working);
        leptos::task::spawn_local(async move {
            let result = match store::db::open().await {
                Ok(db) => {
                    let r = store::licence_lists::revert(&db).await;
                    db.close();
                    r
                }
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => {
                    lists.set_imported.set(None);
                    state.set(ImportState::Reverted);
                }
                Err(e) => state.set(ImportState::Failed(e.to_string())),
            }
        });
    };
    view! {
        <details class="import">
            <summary>{t!(i18n, check.import.title)}</summary>
            <p>{t!(i18n, check.import.lead)}</p>
            <form class="check-form" on:submit=run_import>
                <label for="import-file">{t!(i18n, check.import.file_label)}</label>
                <input id="import-file" type="file" accept=".csv,text/csv,text/plain" node_ref=file_ref />
                <label for="import-paste">{t!(i18n, check.import.paste_label)}</label>
                <textarea id="import-paste" rows="4" bind:value=paste></textarea>
                <label for="import-as-of">{t!(i18n, check.import.as_of_label)}</label>
                <input id="import-as-of" type="date" bind:value=as_of />
                <button type="submit">{t!(i18n, check.import.submit)}</button>
            </form>
            <Show when=move || lists.imported.get().is_some()>
                <p>
                    <button type="button" class="secondary" on:click=revert>
                        {t!(i18n, check.import.revert)}
                    </button>
                </p>
            </Show>
            <div class="import-result" aria-live="polite">
                {move || match state.get() {
                    ImportState::Idle => None,
                    ImportState::Working => Some(view! { <p role="status">{t!(i18n, check.import.working)}</p> }.into_any()),
                    ImportState::Done(as_of) => Some(view! {
                        <p class="verdict-line good" role="status" data-import="done">{t!(i18n, check.import.done)} " " <strong>{as_of}</strong></p>
                    }.into_any()),
                    ImportState::Reverted => Some(view! {
                        <p class="verdict-line good" role="status" data-import="reverted">{t!(i18n, check.import.reverted)}</p>
                    }.into_any()),
                    ImportState::Failed(e) => Some(view! {
                        <p class="warn" role="alert" data-import="failed">{t!(i18n, check.import.failed)} " " {e}</p>
                    }.into_any()),
                    ImportState::Rejected(lines, head) => Some(view! {
                        <div class="warn" role="alert" data-import="rejected">
                            <p><strong>{move || text(&head, lang.get())}</strong> " " {t!(i18n, check.import.unchanged)}</p>
                            <ul class="import-errors">
                                {lines.into_iter().map(|l| view! { <li>{move || text(&l, lang.get())}</li> }).collect_view()}
                            </ul>
                        </div>
                    }.into_any()),
                }}
            </div>
        </details>
    }
}
