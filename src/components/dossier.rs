//! The printable 证据目录 of one diary case (`/letters/dossier?case=<id>`): the 目录 and the
//! chronology, then one page per piece of evidence (a photo with its caption, date and
//! SHA-256, or a description of a file that cannot be printed). Everything on the paper comes
//! from [`dossier`](crate::domain::letters::dossier::dossier); this view loads the case, its
//! files and the merchant's name, and prints.
//!
//! Every value is rendered as text; photos are shown from object URLs of the stored blobs,
//! revoked when the page goes.

use std::collections::BTreeMap;

use crate::components::print_button::PrintButton;
use crate::domain::case::Event;
use crate::domain::letters::dossier::{
    dossier, size_zh, Dossier, EvidenceEntry, CHRONOLOGY_HEADING, COLUMNS, NOT_PRINTABLE, NO_HASH,
};
use crate::domain::letters::format_date_zh;
use crate::i18n::*;
use crate::routing::href;
use crate::store::diary::{blob_sha256_hex, Diary, DiaryError};
use crate::{platform, store};
use leptos::either::EitherOf4;
use leptos::prelude::*;
use leptos_router::components::A;

#[derive(Debug, Clone, PartialEq)]
enum State {
    Loading,
    /// No case named, or no such case.
    NotFound,
    Failed,
    Ready {
        dossier: Dossier,
        /// Attachment id → object URL of its blob (pictures only).
        urls: BTreeMap<String, String>,
    },
}

/// Reads the case, its files (hashing any file whose SHA-256 was not recorded) and builds the
/// dossier.
async fn load(id: &str) -> Result<Option<(Dossier, BTreeMap<String, String>)>, DiaryError> {
    let db = Diary::open().await?;
    let result = async {
        let Some((case, events)) = db.case_with_events(id).await? else {
            return Ok(None);
        };
        let mut urls = BTreeMap::new();
        let mut hashes = BTreeMap::new();
        for event in events.iter().filter(|e| !e.attachments.is_empty()) {
            for file in db.attachments_of_event(&event.id).await? {
                if file.mime.starts_with("image/") {
                    if let Ok(url) = web_sys::Url::create_object_url_with_blob(&file.blob) {
                        urls.insert(file.id.clone(), url);
                    }
                }
                let recorded = event
                    .attachments
                    .iter()
                    .any(|m| m.id == file.id && m.sha256.is_some());
                if !recorded {
                    if let Ok(Some(hash)) = blob_sha256_hex(&file.blob).await {
                        hashes.insert(file.id.clone(), hash);
                    }
                }
            }
        }
        let profile = store::settings::load_profile();
        let refs: Vec<&Event> = events.iter().collect();
        let mut d = dossier(
            &case,
            &refs,
            &profile.signer(),
            profile.pronoun(),
            platform::today(),
        );
        for entry in &mut d.entries {
            if entry.sha256.is_none() {
                entry.sha256 = hashes.get(&entry.attachment_id).cloned();
            }
        }
        Ok(Some((d, urls)))
    }
    .await;
    db.close();
    result
}

/// Ids in `/diary/<id>` are short printable ASCII; anything else in `?case=` is ignored.
fn plausible(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_graphic())
}

#[component]
pub fn DossierPage(case_id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = case_id.filter(|id| plausible(id));
    let state = RwSignal::new(State::Loading);
    match case_id.clone() {
        None => state.set(State::NotFound),
        Some(id) => leptos::task::spawn_local(async move {
            let next = match load(&id).await {
                Ok(Some((dossier, urls))) => State::Ready { dossier, urls },
                Ok(None) => State::NotFound,
                Err(_) => State::Failed,
            };
            // The page was left meanwhile: nothing shows the photos.
            if let Some(State::Ready { urls, .. }) = state.try_set(next) {
                for url in urls.values() {
                    let _ = web_sys::Url::revoke_object_url(url);
                }
            }
        }),
    }
    on_cleanup(move || {
        if let Some(State::Ready { urls, .. }) = state.try_get_untracked() {
            for url in urls.values() {
                let _ = web_sys::Url::revoke_object_url(url);
            }
        }
    });
    let back = case_id.as_ref().map_or_else(
        || href("/diary"),
        |id| {
            href(&format!(
                "/diary/{}",
                String::from(js_sys::encode_uri_component(id))
            ))
        },
    );
    view! {
        <div class="no-print">
            <p><A href=back>{t!(i18n, letters.dossier.back)}</A></p>
            <h1>{t!(i18n, letters.dossier.title)}</h1>
            <p class="muted">{t!(i18n, letters.dossier.help)}</p>
        </div>
        {move || match state.get() {
            State::Loading => EitherOf4::A(view! { <p class="muted" id="dossier-loading">{t!(i18n, letters.dossier.loading)}</p> }),
            State::NotFound => EitherOf4::B(view! { <p class="warn" role="alert" id="dossier-missing">{t!(i18n, letters.dossier.not_found)}</p> }),
            State::Failed => EitherOf4::C(view! { <p class="warn" role="alert" id="dossier-failed">{t!(i18n, letters.dossier.failed)}</p> }),
            State::Ready { dossier, urls } => EitherOf4::D(view! {
                <div class="no-print actions">
                    <PrintButton id="dossier-print">{t!(i18n, letters.dossier.print)}</PrintButton>
                </div>
                <DossierPaper dossier=dossier urls=urls />
            }),
        }}
    }
}

/// The dossier as it goes on A4.
#[component]
fn DossierPaper(dossier: Dossier, urls: BTreeMap<String, String>) -> impl IntoView {
    let header = dossier
        .header
        .iter()
        .map(|l| view! { <p>{l.clone()}</p> })
        .collect_view();
    let rows = dossier
        .entries
        .iter()
        .map(|e| {
            view! {
                <tr>
                    <td class="num">{e.number}</td>
                    <td>{e.name.clone()}</td>
                    <td>{e.source.clone()}</td>
                    <td>{e.proves.clone()}</td>
                    <td class="num">{e.page}</td>
                </tr>
            }
        })
        .collect_view();
    let heads = COLUMNS
        .iter()
        .map(|c| view! { <th scope="col">{*c}</th> })
        .collect_view();
    let chronology = dossier
        .chronology
        .iter()
        .map(|l| view! { <p class="dossier-line">{l.clone()}</p> })
        .collect_view();
    let signature = dossier
        .signature
        .iter()
        .map(|l| view! { <p>{l.clone()}</p> })
        .collect_view();
    let pages = dossier
        .entries
        .iter()
        .map(|e| evidence_page(e, urls.get(&e.attachment_id).cloned()))
        .collect_view();
    view! {
        <article class="dossier-paper" lang="zh-CN" id="dossier">
            <section class="dossier-index">
                {leptos::html::p()
                    .class("dossier-title")
                    .attr("role", "heading")
                    .attr("aria-level", "1")
                    .child(dossier.title.clone())}
                <div class="dossier-header">{header}</div>
                <table class="dossier-table" id="dossier-table">
                    <thead><tr>{heads}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <p class="dossier-note">{dossier.page_note.clone()}</p>
                <h2 class="dossier-heading">{CHRONOLOGY_HEADING}</h2>
                <div class="dossier-chronology" id="dossier-chronology">{chronology}</div>
                <div class="dossier-signature">{signature}</div>
            </section>
            {pages}
        </article>
    }
}

/// One evidence page: its number and page, the photo (or what the file is), the caption.
fn evidence_page(e: &EvidenceEntry, url: Option<String>) -> impl IntoView {
    let picture = match url {
        Some(url) if e.is_image() => view! {
            <figure class="dossier-photo"><img src=url alt=e.name.clone() /></figure>
        }
        .into_any(),
        _ => view! { <p class="dossier-file">{NOT_PRINTABLE}</p> }.into_any(),
    };
    let sha = e.sha256.clone().unwrap_or_else(|| NO_HASH.to_owned());
    view! {
        <section class="dossier-page" id=format!("evidence-{}", e.number)>
            <p class="dossier-page-head"><span>{e.label()}</span><span>{format!("第{}页", e.page)}</span></p>
            {picture}
            <div class="dossier-caption">
                <p><span class="letter-label">"证据名称："</span>{e.name.clone()}</p>
                <p><span class="letter-label">"形成日期："</span>{format_date_zh(e.date)}</p>
                <p><span class="letter-label">"证据来源："</span>{e.source.clone()}</p>
                <p><span class="letter-label">"证明内容："</span>{e.proves.clone()}</p>
                <p><span class="letter-label">"文件："</span>{format!("{}，{}", e.file_kind(), size_zh(e.size))}</p>
                <p class="dossier-sha"><span class="letter-label">"SHA-256："</span><code>{sha}</code></p>
            </div>
        </section>
    }
}
