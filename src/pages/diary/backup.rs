//! Backup: export one case or everything (JSON with files, CSV with BOM), import with a
//! report, persistent storage and usage.
//!
//! The merchant's profile ("我的信息", `store::settings`) goes into the whole-diary backup only:
//! a one-case file is what a merchant hands to a helper, and importing it must not replace the
//! helper's own details. Importing a backup that carries a profile restores it once the records
//! are written.

use super::{bi, ctx, reveal, NoticeAt, Spot};
use crate::domain::text::Bilingual;
use crate::i18n::*;
use crate::lang::use_lang;
use crate::store::diary::{blob_bytes, bytes_to_blob, quota};
use crate::store::settings;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Offers `bytes` as a download named `name`.
fn download(bytes: &[u8], mime: &str, name: &str) -> Result<(), String> {
    let blob = bytes_to_blob(bytes, mime).map_err(|e| e.to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoke later: the download starts asynchronously.
    let revoke = url.clone();
    leptos::task::spawn_local(async move {
        gloo_timeout(60_000).await;
        let _ = web_sys::Url::revoke_object_url(&revoke);
    });
    Ok(())
}

async fn gloo_timeout(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

fn stamp() -> String {
    crate::store::diary::now().format("%Y%m%d-%H%M").to_string()
}

fn mb(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1_048_576.0)
}

#[component]
pub fn BackupPanel(case_id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = ctx();
    let lang = use_lang();
    let busy = RwSignal::new(false);
    let report = RwSignal::new(None::<Bilingual>);
    let case_id = StoredValue::new(case_id);
    let whole = case_id.with_value(Option::is_none);

    let export_json = move |_| {
        let db = ctx.db();
        let id = case_id.get_value();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let profile = id.is_none().then(settings::load_profile);
            let result = db.export(id.as_deref(), profile.as_ref()).await;
            busy.set(false);
            match result {
                Ok(text) => {
                    let name = match &id {
                        Some(id) => format!("pos-diary-{id}-{}.json", stamp()),
                        None => format!("pos-diary-all-{}.json", stamp()),
                    };
                    match download(text.as_bytes(), "application/json", &name) {
                        Ok(()) => {
                            ctx.say(Spot::Export, bi!(diary.exported));
                            ctx.changed();
                        }
                        Err(e) => ctx.fail(Spot::Export, download_failed(&e)),
                    }
                }
                Err(e) => ctx.fail(Spot::Export, e.message()),
            }
        });
    };
    let export_csv = move |_| {
        let db = ctx.db();
        let id = case_id.get_value();
        leptos::task::spawn_local(async move {
            match db.events_csv(id.as_deref()).await {
                Ok(bytes) => {
                    if let Err(e) = download(
                        &bytes,
                        "text/csv;charset=utf-8",
                        &format!("pos-diary-events-{}.csv", stamp()),
                    ) {
                        ctx.fail(Spot::Export, download_failed(&e));
                    } else {
                        ctx.say(Spot::Export, bi!(diary.exported_csv));
                    }
                }
                Err(e) => ctx.fail(Spot::Export, e.message()),
            }
        });
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let db = ctx.db();
        busy.set(true);
        ctx.notice.set(None);
        report.set(Some(bi!(diary.importing)));
        reveal("import-report");
        leptos::task::spawn_local(async move {
            let result = match blob_bytes(&file).await {
                Ok(bytes) => db.import(&bytes).await,
                Err(e) => Err(e),
            };
            busy.set(false);
            match result {
                Ok(r) => {
                    // The records are in; now the profile, if the file carries one.
                    let (note_zh, note_en) = match r.profile.as_ref().map(settings::save_profile) {
                        None => (String::new(), String::new()),
                        Some(Ok(())) => ("“我的信息”也已从备份恢复。".to_owned(), " Your details were restored from the backup too.".to_owned()),
                        Some(Err(_)) => ("但“我的信息”没能保存（本机存储不可用或已满），请打开“我的信息”页面重新填写。".to_owned(),
                            " But your details could not be saved (this browser's storage is unavailable or full); enter them again on the My details page.".to_owned()),
                    };
                    let zh = format!(
                        "导入完成：新增案件{}、记录{}、附件{}；已存在而跳过：案件{}、记录{}、附件{}。{note_zh}",
                        r.added_cases, r.added_events, r.added_attachments,
                        r.skipped_cases, r.skipped_events, r.skipped_attachments
                    );
                    let en = format!(
                        "Import done: added {} cases, {} events, {} files; already here, skipped: {} cases, {} events, {} files.{note_en}",
                        r.added_cases, r.added_events, r.added_attachments,
                        r.skipped_cases, r.skipped_events, r.skipped_attachments
                    );
                    report.set(Some(Bilingual::new(zh, en)));
                    // Again once the list above has reloaded (it grows by the new cases).
                    ctx.reveal_after_reload.set_value(Some("import-report"));
                    ctx.changed();
                    reveal("import-report");
                }
                Err(e) => {
                    report.set(None);
                    ctx.fail(Spot::Import, e.message());
                }
            }
        });
    };

    let storage = LocalResource::new(move || {
        ctx.rev.track();
        async move { (quota::persisted().await, quota::estimate().await) }
    });
    let ask_persist = move |_| {
        leptos::task::spawn_local(async move {
            let granted = quota::persist().await.unwrap_or(false);
            if granted {
                ctx.say(Spot::Storage, bi!(diary.persist_granted));
            } else {
                ctx.fail(Spot::Storage, bi!(diary.persist_denied));
            }
            ctx.changed();
        });
    };

    // Safari and every iPhone/iPad browser may clear the site's data after 7 days unvisited.
    let seven_days =
        crate::domain::share::may_clear_after_seven_days(&crate::platform::user_agent());
    view! {
        <section class="backup card no-print" id="backup">
            <h2>{if whole { t!(i18n, diary.backup_all).into_any() } else { t!(i18n, diary.backup_case).into_any() }}</h2>
            <p class="small muted">{t!(i18n, diary.backup_why)}</p>
            {seven_days.then(|| view! { <p class="small warn" id="seven-day-warning">{t!(i18n, diary.seven_days)}</p> })}
            <div class="row">
                <button type="button" class="button" id=if whole { "export-all" } else { "export-case" }
                    disabled=move || busy.get() on:click=export_json>{t!(i18n, diary.export_json)}</button>
                <button type="button" class="button" id=if whole { "export-csv-all" } else { "export-csv-case" }
                    on:click=export_csv>{t!(i18n, diary.export_csv)}</button>
            </div>
            <NoticeAt spot=Spot::Export />
            {whole.then(|| view! {
                <label class="field"><span>{t!(i18n, diary.import)}</span>
                    <input type="file" id="import-file" accept="application/json,.json" on:change=import disabled=move || busy.get() /></label>
                <div aria-live="polite" class="import-spot">
                    {move || report.get().map(|r| view! { <p class="ok" role="status" id="import-report">{move || r.get(lang.get()).to_owned()}</p> })}
                </div>
                <NoticeAt spot=Spot::Import />
                <p class="small muted">{t!(i18n, diary.import_rules)}</p>
                <Transition fallback=|| ()>
                    {move || storage.get().map(|(persisted, estimate)| view! {
                        <p class="small" id="storage-info">
                            {estimate.map(|(used, _quota)| view! {
                                <span id="storage-used">{t!(i18n, diary.storage_used)} " " {mb(used)} {t!(i18n, diary.storage_used_end)}</span> " "
                            })}
                            {match persisted {
                                Some(true) => t!(i18n, diary.persisted).into_any(),
                                _ => view! {
                                    {t!(i18n, diary.not_persisted)} " "
                                    <button type="button" class="link-button" id="persist" on:click=ask_persist>{t!(i18n, diary.ask_persist)}</button>
                                }.into_any(),
                            }}
                        </p>
                    })}
                </Transition>
                <NoticeAt spot=Spot::Storage />
            })}
        </section>
    }
}

/// The browser refused to start a download.
fn download_failed(_detail: &str) -> Bilingual {
    Bilingual::new(
        "浏览器没有开始下载，数据未更改。请换用手机自带的浏览器再试。",
        "The browser did not start the download; nothing was changed. Try again in your phone's own browser.",
    )
}
