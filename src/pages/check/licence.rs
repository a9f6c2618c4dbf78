//! Licence lookup and list import.

use std::rc::Rc;

use super::{
    query_param, replace_query, text, use_lists, BuiltIn, LetterLinks, ListInUse, Sources,
};
use crate::components::add_to_diary::AddToDiary;
use crate::components::deferred::deferred;
use crate::domain::case::{Acquirer, EventKind};
use crate::domain::licence::{
    is_offered_province, reference_host, CoverageVerdict, Licence, LicenceRegistry, MatchedField,
    MerchantRegion, PosVerdict, SearchOutcome, Tone, PROVINCES,
};
use crate::domain::links::clearing_check_path;
use crate::domain::party::AcquirerKind;
use crate::domain::text::{Bilingual, Lang};
use crate::domain::verdict::{
    dated_fact, letter_query, licence_finding, licence_not_found_finding,
};
use crate::i18n::*;
use crate::lang::use_lang;
use crate::store;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[component]
pub fn LicenceCheck() -> impl IntoView {
    let i18n = use_i18n();
    let lists = use_lists();
    // `?licence=` wins over `?q=`: both are searched the same way.
    let initial = query_param("licence").or_else(|| query_param("q"));
    let query = RwSignal::new(initial.clone().unwrap_or_default());
    let province = RwSignal::new(
        query_param("province")
            .filter(|p| is_offered_province(p))
            .unwrap_or_default(),
    );
    let city = RwSignal::new(query_param("city").unwrap_or_default());
    let submitted = RwSignal::new(initial);
    // The address bar follows the form as it is typed, so a filled-in check can be shared and
    // the tab comes back filled in.
    Effect::new(move |_| {
        replace_query(&[
            ("q", query.get()),
            ("province", province.get()),
            ("city", city.get()),
        ]);
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(Some(query.get_untracked()));
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
        // Drawn with the results, once the list has loaded: appearing earlier, it would be pushed
        // down by them (a layout shift on a deep link with a query).
        {move || (!matches!(lists.builtin.get(), BuiltIn::Loading)).then(|| deferred(|| view! { <ImportPanel /> }))}
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
            // What "save to diary" records: the search and its result, as a finding.
            let finding = licence_not_found_finding(nf.as_of, &q);
            let letter_facts =
                letter_query(&[("facts", &dated_fact(&finding, crate::platform::today()))]);
            let clearing_href = crate::routing::href(&clearing_check_path(&q));
            let diary_text = Signal::derive(move || finding.get(lang.get()).to_owned());
            let diary_title = {
                let q = q.trim().to_owned();
                Signal::derive(move || match lang.get() {
                    Lang::Zh => format!("收单机构 {q}"),
                    Lang::En => format!("Acquirer {q}"),
                })
            };
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
                    <p class="next-check" data-next="clearing">
                        {t!(i18n, check.licence.try_clearing)} " "
                        <a class="button" href=clearing_href>{t!(i18n, check.licence.try_clearing_link)}</a>
                    </p>
                    {deferred(move || view! {
                        <LetterLinks kinds=vec!["acquirer", "pboc", "pcac"] query=letter_facts />
                        <AddToDiary kind=EventKind::Note text=diary_text title=diary_title />
                    })}
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
    let status_cls = tone_class(licence.status.tone());
    let status_text = note.text.clone();
    let status = licence.status;
    let status_code = format!("{:?}", licence.status).to_lowercase();
    // The plain POS statement.
    let PosVerdict {
        tone: pos_tone,
        text: pos_text,
        mut sources,
        letters,
    } = licence.pos_verdict(registry);
    let pos_cls = tone_class(pos_tone);
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
    let first_issued = licence.first_issued.to_string();
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
        .readable_references()
        .into_iter()
        .map(str::to_owned)
        .collect();
    // A company's own public notice beside its status (e.g. listed, but it stopped trading).
    let notices = licence.notices();
    sources.extend(notices.iter().map(|n| n.source.clone()));
    let notices_view = notices
        .into_iter()
        .map(|n| {
            let t = n.text;
            view! {
                <p class="verdict-line unclear" data-notice=n.date.to_string()>
                    <strong>{t!(i18n, check.licence.notice)}</strong> " " {move || text(&t, lang.get())}
                </p>
            }
        })
        .collect_view();
    // The research notes of the built-in list are in English: shown on English pages only.
    let row_note = licence.note.clone();
    let note_readable = move |l: Lang| {
        row_note
            .clone()
            .filter(|n| l == Lang::En || !n.chars().any(|c| c.is_ascii_alphabetic()))
    };
    let aliases = licence.aliases.join("、");
    let coverage_all = licence.coverage.label();
    let valid_until = licence.valid_until.label();
    let status_date = licence.status_date.map(|d| d.to_string());
    let as_of = registry.as_of_text();
    // What "save to diary" records, and what the letter links carry.
    let name = licence.name.clone();
    let number = licence.number.as_str().to_string();
    let finding = licence_finding(registry, licence);
    let facts = dated_fact(&finding, crate::platform::today());
    let diary_text = Signal::derive(move || finding.get(lang.get()).to_owned());
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
            kind: AcquirerKind::NonBank,
            ..Acquirer::default()
        };
        Signal::derive(move || Some(acquirer.clone()))
    };
    let query = letter_query(&[
        ("acquirer_name", &name),
        ("acquirer_licence_no", &number),
        ("facts", &facts),
    ]);
    view! {
        <li class="hit">
            <details open=open>
                <summary>
                    <span class="hit-name">{licence.name.clone()}</span>
                    " "
                    <code class="licence-no">{licence.number.as_str().to_string()}</code>
                    " "
                    <span class=format!("tag status {status_cls}") data-status=status_code.clone()>
                        {move || text(&status.label(), lang.get())}
                        {status_date.clone().map(|d| format!(" {d}"))}
                    </span>
                </summary>
                {matched_alias.map(|a| view! { <p class="muted">{t!(i18n, check.licence.matched_alias)} " " {a}</p> })}
                <p class=format!("verdict-line {status_cls}")>
                    <strong>{t!(i18n, check.licence.status)}</strong> " " {move || text(&status_text, lang.get())}
                    {merged_link.map(|n| view! { " " <a href=crate::routing::href(&format!("/check?licence={n}"))>{n.clone()}</a> })}
                </p>
                {notices_view}
                <p class=format!("verdict-line pos {pos_cls}") data-pos=pos_cls>
                    <strong>{t!(i18n, check.licence.pos)}</strong> " " {move || text(&pos_text, lang.get())}
                </p>
                {coverage_view}
                // The facts, the sources and the next steps: drawn a task later
                // (components::deferred), below the verdict lines, so one result is two short tasks.
                {deferred(move || view! {
                    <dl class="facts">
                        <dt>{t!(i18n, check.licence.types)}</dt>
                        <dd><ul class="types">{types}</ul></dd>
                        <dt>{t!(i18n, check.licence.coverage)}</dt>
                        <dd>{move || text(&coverage_all, lang.get())}</dd>
                        <dt>{t!(i18n, check.licence.first_issued)}</dt>
                        <dd>{first_issued}</dd>
                        <dt>{t!(i18n, check.licence.valid_until)}</dt>
                        <dd>{move || text(&valid_until, lang.get())}</dd>
                        {(!aliases.is_empty()).then(|| view! {
                            <dt>{t!(i18n, check.licence.aliases)}</dt>
                            <dd>{aliases}</dd>
                        })}
                        <dt>{t!(i18n, check.licence.row_source)}</dt>
                        <dd class="row-source">
                            <ul>{references.into_iter().map(|r| {
                                let host = reference_host(&r).to_owned();
                                view! { <li><a href=r.clone() title=r rel="noopener noreferrer" target="_blank">{host}</a></li> }
                            }).collect_view()}</ul>
                            {move || note_readable(lang.get()).map(|n| view! { <p class="note">{n}</p> })}
                            <p class="note">{t!(i18n, check.licence.as_of)} " " {as_of}</p>
                        </dd>
                    </dl>
                    <Sources sources=sources />
                    <LetterLinks kinds=letters query=query />
                    <AddToDiary kind=EventKind::Note text=diary_text title=diary_title acquirer=diary_acquirer />
                })}
            </details>
        </li>
    }
}

fn tone_class(tone: Tone) -> &'static str {
    match tone {
        Tone::Good => "good",
        Tone::Unclear => "unclear",
        Tone::Bad => "bad",
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
