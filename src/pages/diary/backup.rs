//! Backup: export one case or everything (JSON with files, CSV with BOM), import with a
//! report, persistent storage and usage.
//!
//! The merchant's profile ("我的信息", `store::settings`) goes into the whole-diary backup only:
//! a one-case file is what a merchant hands to a helper, and importing it must not replace the
//! helper's own details. Importing a backup that carries a profile restores it once the records
//! are written.
//!
//! Any JSON export can carry a password (`store::crypto`: PBKDF2-SHA-256 and AES-256-GCM; the
//! envelope is `domain::backup`). The password is read from its field when a button is pressed
//! and the field is emptied afterwards: it is never kept in a signal, storage, the address or a
//! log. Importing a protected file asks for the password next to the file control, decrypts,
//! then runs the same all-or-nothing import as a plain file.

use super::{bi, ctx, reveal, NoticeAt, Spot};
use crate::domain::backup::{open_backup_file, password_too_short, OpenedFile, Sealed};
use crate::domain::text::Bilingual;
use crate::i18n::*;
use crate::lang::use_lang;
use crate::store::crypto;
use crate::store::diary::{blob_bytes, bytes_to_blob, quota, DiaryError, ImportReport};
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

    let export_password = NodeRef::<leptos::html::Input>::new();
    // Whole diary (`None` with the profile), this case, or the cases ticked below.
    let chosen = RwSignal::new(Vec::<String>::new());
    let export_json = move |ids: Option<Vec<String>>| {
        let password = export_password
            .get_untracked()
            .map(|el| el.value())
            .unwrap_or_default();
        if !password.is_empty() {
            if let Some(problem) = password_too_short(&password) {
                ctx.fail(Spot::Export, problem);
                return;
            }
        }
        let db = ctx.db();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let profile = ids.is_none().then(settings::load_profile);
            let refs: Option<Vec<&str>> = ids
                .as_ref()
                .map(|ids| ids.iter().map(String::as_str).collect());
            let result = db.export_chosen(refs.as_deref(), profile.as_ref()).await;
            let stem = match ids.as_deref() {
                Some([id]) => format!("pos-diary-{id}-{}", stamp()),
                Some(ids) => format!("pos-diary-{}-cases-{}", ids.len(), stamp()),
                None => format!("pos-diary-all-{}", stamp()),
            };
            let sealed = match (result, password.is_empty()) {
                (Err(e), _) => Err(e.message()),
                (Ok(text), true) => Ok((text, format!("{stem}.json"))),
                (Ok(text), false) => crypto::seal(&password, text.as_bytes())
                    .await
                    .map(|envelope| (envelope, format!("{stem}-encrypted.json")))
                    .map_err(|e| e.message()),
            };
            drop(password);
            busy.set(false);
            match sealed {
                Ok((text, name)) => match download(text.as_bytes(), "application/json", &name) {
                    Ok(()) => {
                        let locked = name.ends_with("-encrypted.json");
                        if let Some(el) = export_password.get_untracked() {
                            el.set_value("");
                        }
                        let said = if locked {
                            bi!(diary.exported_locked)
                        } else {
                            bi!(diary.exported)
                        };
                        ctx.say(Spot::Export, said);
                        ctx.changed();
                    }
                    Err(e) => ctx.fail(Spot::Export, download_failed(&e)),
                },
                Err(message) => ctx.fail(Spot::Export, message),
            }
        });
    };
    let export_this = move |_| export_json(case_id.get_value().map(|id| vec![id]));
    let export_ticked = move |_| {
        let ids = chosen.get_untracked();
        if ids.is_empty() {
            ctx.fail(Spot::Export, bi!(diary.export_none_chosen));
        } else {
            export_json(Some(ids));
        }
    };
    let all_cases = LocalResource::new(move || {
        ctx.rev.track();
        let db = ctx.db();
        async move {
            if whole {
                db.cases().await.unwrap_or_default()
            } else {
                Vec::new()
            }
        }
    });
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
    // The report of a finished import, or the refusal.
    let finish_import = move |result: Result<ImportReport, DiaryError>| match result {
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
    };
    // A password-protected file waiting for its password (its header already checked).
    let locked = StoredValue::new(None::<Sealed>);
    let asking = RwSignal::new(false);
    let import_password = NodeRef::<leptos::html::Input>::new();
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let db = ctx.db();
        busy.set(true);
        asking.set(false);
        locked.set_value(None);
        ctx.notice.set(None);
        report.set(Some(bi!(diary.importing)));
        reveal("import-report");
        leptos::task::spawn_local(async move {
            let bytes = match blob_bytes(&file).await {
                Ok(bytes) => bytes,
                Err(e) => {
                    busy.set(false);
                    return finish_import(Err(e));
                }
            };
            match open_backup_file(&bytes) {
                Ok(OpenedFile::Plain(plain)) => {
                    let result = db.import(plain).await;
                    busy.set(false);
                    finish_import(result);
                }
                Ok(OpenedFile::Encrypted(sealed)) => {
                    busy.set(false);
                    report.set(None);
                    locked.set_value(Some(sealed));
                    asking.set(true);
                    reveal("import-locked");
                    crate::components::layout::after_paint(move || {
                        if let Some(el) = import_password.get_untracked() {
                            let _ = el.focus();
                        }
                    });
                }
                Err(e) => {
                    busy.set(false);
                    report.set(None);
                    ctx.fail(Spot::Import, e.message());
                }
            }
        });
    };
    let unlock = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(el) = import_password.get_untracked() else {
            return;
        };
        let password = el.value();
        el.set_value("");
        let Some(sealed) = locked.get_value() else {
            return;
        };
        let db = ctx.db();
        busy.set(true);
        ctx.notice.set(None);
        report.set(Some(bi!(diary.decrypting)));
        leptos::task::spawn_local(async move {
            let opened = crypto::open(&password, &sealed).await;
            drop(password);
            match opened {
                Ok(plain) => {
                    asking.set(false);
                    locked.set_value(None);
                    report.set(Some(bi!(diary.importing)));
                    let result = db.import(&plain).await;
                    busy.set(false);
                    finish_import(result);
                }
                Err(e) => {
                    busy.set(false);
                    report.set(None);
                    ctx.fail(Spot::Import, e.message());
                    if let Some(el) = import_password.get_untracked() {
                        let _ = el.focus();
                    }
                }
            }
        });
    };
    let cancel_unlock = move |_| {
        asking.set(false);
        locked.set_value(None);
        ctx.notice.set(None);
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
            <label class="field"><span>{t!(i18n, diary.export_password)}</span>
                <input type="password" id="export-password" autocomplete="new-password" minlength="8"
                    node_ref=export_password aria-describedby="export-password-hint" /></label>
            <p class="small muted" id="export-password-hint">{t!(i18n, diary.export_password_hint)}</p>
            <div class="row">
                <button type="button" class="button" id=if whole { "export-all" } else { "export-case" }
                    disabled=move || busy.get() on:click=export_this>{t!(i18n, diary.export_json)}</button>
                <button type="button" class="button" id=if whole { "export-csv-all" } else { "export-csv-case" }
                    on:click=export_csv>{t!(i18n, diary.export_csv)}</button>
            </div>
            {whole.then(|| view! {
                <Transition fallback=|| ()>
                    {move || all_cases.get().filter(|cases| !cases.is_empty()).map(|cases| view! {
                        <details class="export-some" id="export-some">
                            <summary>{t!(i18n, diary.export_some)}</summary>
                            <p class="small muted">{t!(i18n, diary.export_some_hint)}</p>
                            <fieldset class="export-cases">
                                {cases.into_iter().map(|case| {
                                    let id = case.id.clone();
                                    let on = id.clone();
                                    view! {
                                        <label class="check"><input type="checkbox" class="export-pick" value=id.clone()
                                            prop:checked=move || chosen.with(|v| v.contains(&on))
                                            on:change=move |ev| {
                                                let tick = event_target_checked(&ev);
                                                chosen.update(|v| { v.retain(|x| *x != id); if tick { v.push(id.clone()) } });
                                            } />
                                            " " {case.title.clone()}</label>
                                    }
                                }).collect_view()}
                            </fieldset>
                            <button type="button" class="button" id="export-chosen"
                                disabled=move || busy.get() on:click=export_ticked>{t!(i18n, diary.export_chosen)}</button>
                        </details>
                    })}
                </Transition>
            })}
            <NoticeAt spot=Spot::Export />
            {whole.then(|| view! {
                <label class="field"><span>{t!(i18n, diary.import)}</span>
                    <input type="file" id="import-file" accept="application/json,.json" on:change=import disabled=move || busy.get() /></label>
                <Show when=move || asking.get()>
                    <form class="import-locked" id="import-locked" on:submit=unlock>
                        <p class="small" id="import-locked-why">{t!(i18n, diary.import_locked)}</p>
                        <label class="field"><span>{t!(i18n, diary.import_password)}</span>
                            <input type="password" id="import-password" autocomplete="current-password"
                                node_ref=import_password aria-describedby="import-locked-why" /></label>
                        <div class="row">
                            <button type="submit" class="button" id="import-unlock" disabled=move || busy.get()>{t!(i18n, diary.import_unlock)}</button>
                            <button type="button" class="button secondary" id="import-cancel" on:click=cancel_unlock>{t!(i18n, diary.import_cancel)}</button>
                        </div>
                    </form>
                </Show>
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
