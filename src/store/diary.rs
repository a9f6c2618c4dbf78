//! The diary's storage: cases, events and attachment blobs in IndexedDB, and backups.
//!
//! The one module that reads and writes the `cases`, `events` and `attachments` stores
//! (see [`super::db`] for the schema). Every write that touches more than one record runs in
//! ONE readwrite transaction and waits for its commit, so it happens completely or not at all:
//! an event and its new files, a case and everything under it, a whole backup import.
//!
//! Attachments are stored as JS objects `{id, event_id, case_id, name, mime, size, blob}` where
//! `blob` is a real `Blob` (IndexedDB keeps it natively; no base64 in memory). Base64 only exists
//! inside a backup file ([`crate::domain::backup`]).
//!
//! Rules that a transaction depends on:
//! - read files and blobs (async, not IndexedDB) BEFORE opening the transaction; awaiting any
//!   non-IDB future inside a transaction lets it auto-commit early;
//! - requests are issued back to back and only the commit is awaited (IndexedDB runs them in
//!   order; a failed request aborts the transaction and `commit` reports it).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use indexed_db_futures::KeyRange;
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::db::{self, stores, StoreError};
use crate::domain::backup::{self, AttachmentBlob, BackupError, ExistingIds, ValidatedBackup};
use crate::domain::case::{Case, Event, FieldError, FieldProblem, MAX_ATTACHMENT_BYTES};
use crate::domain::party::Profile;
use crate::domain::text::{Bilingual, Lang};

/// What went wrong in a diary operation; every variant is shown to the user.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DiaryError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("invalid record: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldError>),
    #[error("the backup cannot be imported ({} problems)", .0.len())]
    Backup(Vec<BackupError>),
    #[error("file {name:?} is {size} bytes; at most {max} bytes per file")]
    FileTooLarge { name: String, size: u64, max: u64 },
    #[error("no such record: {0}")]
    NotFound(String),
}

impl From<indexed_db_futures::error::Error> for DiaryError {
    fn from(e: indexed_db_futures::error::Error) -> Self {
        DiaryError::Store(e.into())
    }
}

impl DiaryError {
    /// What the user reads, in both languages: what failed, that nothing changed, what to do.
    pub fn message(&self) -> Bilingual {
        match self {
            DiaryError::Store(e) => e.message(),
            DiaryError::Invalid(errors) => {
                let list = |lang: Lang| {
                    errors
                        .iter()
                        .map(|e| e.message().get(lang).to_owned())
                        .collect::<Vec<_>>()
                        .join("；")
                };
                Bilingual::new(
                    format!("请检查：{}", list(Lang::Zh)),
                    format!("Please check: {}", list(Lang::En)),
                )
            }
            // Plain words for the merchant: what is wrong and what to do, never the parser's text.
            DiaryError::Backup(errors) => backup::refusal_message(errors),
            DiaryError::FileTooLarge { name, size, max } => {
                let mb = |b: u64| format!("{:.1} MB", b as f64 / 1_048_576.0);
                Bilingual::new(
                    format!("文件“{name}”有{}，每个文件最多{}。", mb(*size), mb(*max)),
                    format!(
                        "File “{name}” is {}; each file may be at most {}.",
                        mb(*size),
                        mb(*max)
                    ),
                )
            }
            DiaryError::NotFound(_) => Bilingual::new(
                format!("保存或读取失败，数据未更改：{self}"),
                format!("Could not save or read; nothing was changed: {self}"),
            ),
        }
    }
}

fn js_err(e: JsValue) -> DiaryError {
    if let Some(d) = e.dyn_ref::<web_sys::DomException>() {
        return DiaryError::Store(StoreError::from_dom(&d.name(), d.message()));
    }
    let text = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"));
    DiaryError::Store(StoreError::Operation(text))
}

/// A stored attachment: its metadata and the blob itself (a JS handle, not bytes).
#[derive(Debug, Clone)]
pub struct StoredAttachment {
    pub id: String,
    pub event_id: String,
    pub case_id: String,
    pub name: String,
    pub mime: String,
    pub size: u64,
    pub blob: web_sys::Blob,
}

impl StoredAttachment {
    fn to_js(&self) -> JsValue {
        let o = Object::new();
        let set = |k: &str, v: &JsValue| {
            let _ = Reflect::set(&o, &JsValue::from_str(k), v);
        };
        set("id", &self.id.as_str().into());
        set("event_id", &self.event_id.as_str().into());
        set("case_id", &self.case_id.as_str().into());
        set("name", &self.name.as_str().into());
        set("mime", &self.mime.as_str().into());
        set("size", &JsValue::from_f64(self.size as f64));
        set("blob", &self.blob);
        o.into()
    }

    fn from_js(v: &JsValue) -> Option<StoredAttachment> {
        let s = |k: &str| Reflect::get(v, &JsValue::from_str(k)).ok()?.as_string();
        Some(StoredAttachment {
            id: s("id")?,
            event_id: s("event_id")?,
            case_id: s("case_id").unwrap_or_default(),
            name: s("name").unwrap_or_default(),
            mime: s("mime").unwrap_or_default(),
            size: Reflect::get(v, &"size".into())
                .ok()
                .and_then(|n| n.as_f64())
                .unwrap_or(0.0) as u64,
            blob: Reflect::get(v, &"blob".into()).ok()?.dyn_into().ok()?,
        })
    }

    /// The bytes (reads the blob; async, so never call inside a transaction).
    pub async fn bytes(&self) -> Result<Vec<u8>, DiaryError> {
        blob_bytes(&self.blob).await
    }
}

/// Reads a blob's bytes.
pub async fn blob_bytes(blob: &web_sys::Blob) -> Result<Vec<u8>, DiaryError> {
    let buffer = JsFuture::from(blob.array_buffer()).await.map_err(js_err)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// A blob of `bytes` with MIME type `mime`.
pub fn bytes_to_blob(bytes: &[u8], mime: &str) -> Result<web_sys::Blob, DiaryError> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(js_err)
}

/// Reads many blobs at once (one `Promise.all`, so the browser reads them in parallel); the
/// bytes come back in the order of `blobs`. Async: never call inside a transaction.
pub async fn blobs_bytes(blobs: &[&web_sys::Blob]) -> Result<Vec<Vec<u8>>, DiaryError> {
    let reads: Array = blobs
        .iter()
        .map(|b| JsValue::from(b.array_buffer()))
        .collect();
    let buffers: Array = JsFuture::from(js_sys::Promise::all(&reads))
        .await
        .map_err(js_err)?
        .unchecked_into();
    Ok(buffers
        .iter()
        .map(|b| Uint8Array::new(&b).to_vec())
        .collect())
}

/// The browser's SubtleCrypto (`crypto.subtle`), or `None` where it does not exist: it is only
/// available in secure contexts (https, localhost), as are service workers. Reached through
/// `Reflect` so web-sys needs no extra features.
fn subtle_crypto() -> Option<Subtle> {
    let window = web_sys::window()?;
    let crypto = Reflect::get(&window, &"crypto".into()).ok()?;
    let subtle = Reflect::get(&crypto, &"subtle".into()).ok()?;
    let digest: js_sys::Function = Reflect::get(&subtle, &"digest".into())
        .ok()?
        .dyn_into()
        .ok()?;
    Some(Subtle { subtle, digest })
}

struct Subtle {
    subtle: JsValue,
    digest: js_sys::Function,
}

impl Subtle {
    /// `crypto.subtle.digest("SHA-256", data)`: a promise of the 32-byte hash.
    fn sha256(&self, data: &JsValue) -> Result<js_sys::Promise, DiaryError> {
        self.digest
            .call2(&self.subtle, &"SHA-256".into(), data)
            .map_err(js_err)?
            .dyn_into()
            .map_err(js_err)
    }
}

fn hex(hash: &JsValue) -> String {
    Uint8Array::new(hash)
        .to_vec()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// SHA-256 of a `BufferSource` (ArrayBuffer or typed array) as 64 lowercase hex digits.
async fn digest_hex(subtle: &Subtle, data: &JsValue) -> Result<String, DiaryError> {
    let hash = JsFuture::from(subtle.sha256(data)?).await.map_err(js_err)?;
    Ok(hex(&hash))
}

/// SHA-256 of `bytes` (hex), computed by the browser; `None` outside a secure context.
/// Async: never call inside a transaction.
pub async fn sha256_hex(bytes: &[u8]) -> Result<Option<String>, DiaryError> {
    let Some(subtle) = subtle_crypto() else {
        return Ok(None);
    };
    Ok(Some(
        digest_hex(&subtle, &Uint8Array::from(bytes).into()).await?,
    ))
}

/// SHA-256 of a blob's bytes (hex), hashed in the browser without copying the bytes into
/// wasm memory; `None` outside a secure context. Async: never call inside a transaction.
pub async fn blob_sha256_hex(blob: &web_sys::Blob) -> Result<Option<String>, DiaryError> {
    let Some(subtle) = subtle_crypto() else {
        return Ok(None);
    };
    let buffer = JsFuture::from(blob.array_buffer()).await.map_err(js_err)?;
    Ok(Some(digest_hex(&subtle, &buffer).await?))
}

/// Records of a `getAll` request, converted to Rust in one go: the browser's native
/// `JSON.stringify` of the whole array, then `serde_json`. Per-record conversion
/// (serde-wasm-bindgen) crosses the JS/wasm boundary once per field and was 2–7× slower than
/// reading the same records from JavaScript. Valid for the diary's records: they hold only
/// strings, safe integers, booleans, arrays, objects and `undefined` (read back as `None`).
fn records_from_js<T: serde::de::DeserializeOwned>(
    values: impl Iterator<Item = JsValue>,
) -> Result<Vec<T>, DiaryError> {
    let array: Array = values.collect();
    let text = js_sys::JSON::stringify(&array).map_err(js_err)?;
    serde_json::from_str(&String::from(text))
        .map_err(|e| DiaryError::Store(StoreError::Operation(format!("stored record: {e}"))))
}

/// One record of a `get` request (`None` when there is none), converted like
/// [`records_from_js`].
fn record_from_js<T: serde::de::DeserializeOwned>(
    value: Option<JsValue>,
) -> Result<Option<T>, DiaryError> {
    match value.filter(|v| !v.is_undefined()) {
        None => Ok(None),
        Some(v) => Ok(records_from_js::<T>(std::iter::once(v))?.pop()),
    }
}

/// Records as plain JS objects, converted in one go (`serde_json`, then the browser's native
/// `JSON.parse`); the write-side twin of [`records_from_js`].
fn records_to_js<T: serde::Serialize>(records: &[T]) -> Result<Array, DiaryError> {
    let text = serde_json::to_string(records)
        .map_err(|e| DiaryError::Store(StoreError::Operation(e.to_string())))?;
    Ok(js_sys::JSON::parse(&text).map_err(js_err)?.unchecked_into())
}

/// From this many events on, the next read of all events is done in chunks (see
/// [`Diary::all_events`]).
const CHUNKED_READ_MIN: usize = 2_000;
/// How many key ranges a large store is read in.
const READ_CHUNKS: usize = 8;

/// Everything a delete removed, kept in memory so "undo" can put it back exactly.
#[derive(Debug, Clone, Default)]
pub struct Removed {
    pub cases: Vec<Case>,
    pub events: Vec<Event>,
    pub attachments: Vec<StoredAttachment>,
}

/// What an import wrote and what it left alone (ids already present).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added_cases: usize,
    pub added_events: usize,
    pub added_attachments: usize,
    pub skipped_cases: usize,
    pub skipped_events: usize,
    pub skipped_attachments: usize,
    /// Files in the backup that no event refers to (left out).
    pub unreferenced_attachments: usize,
    /// The merchant's particulars the backup carries (version 2 files). The diary does not
    /// keep them: the caller stores them (`settings::save_profile`) once this import succeeded.
    pub profile: Option<Profile>,
}

/// Test hook for the all-or-nothing guarantee: make the import's write fail after this many
/// requests (by writing a record the store must refuse). `None` in the app.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportFault {
    pub fail_after_records: Option<usize>,
}

/// The local time now, to the second (records keep naive local times, as the merchant sees them).
pub fn now() -> NaiveDateTime {
    let t = chrono::Local::now().naive_local();
    t.with_nanosecond_zero()
}

trait ZeroNanos {
    fn with_nanosecond_zero(self) -> Self;
}
impl ZeroNanos for NaiveDateTime {
    fn with_nanosecond_zero(self) -> Self {
        use chrono::Timelike;
        self.with_nanosecond(0).unwrap_or(self)
    }
}

/// A fresh id: `prefix-<ms since epoch, hex>-<64 random bits, hex>` (lowercase, ≤ 64 chars,
/// valid in `/diary/<id>` URLs). Random from `crypto.getRandomValues` when present.
pub fn new_id(prefix: &str) -> String {
    let ms = js_sys::Date::now() as u64;
    let mut bytes = [0u8; 8];
    let filled = web_sys::window()
        .and_then(|w| Reflect::get(&w, &"crypto".into()).ok())
        .filter(|c| !c.is_undefined())
        .and_then(|crypto| {
            let array = Uint8Array::new_with_length(8);
            let f = Reflect::get(&crypto, &"getRandomValues".into()).ok()?;
            let f: js_sys::Function = f.dyn_into().ok()?;
            f.call1(&crypto, &array).ok()?;
            array.copy_to(&mut bytes);
            Some(())
        })
        .is_some();
    if !filled {
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    format!("{prefix}-{ms:x}-{:016x}", u64::from_le_bytes(bytes))
}

/// The diary over one open database.
pub struct Diary {
    db: Database,
    /// Where the last read of all events cut the key space (see [`Diary::all_events`]).
    event_cuts: std::cell::RefCell<Vec<String>>,
}

impl Diary {
    /// Opens the app's database.
    pub async fn open() -> Result<Diary, DiaryError> {
        Ok(Diary {
            db: db::open().await?,
            event_cuts: Default::default(),
        })
    }

    /// Opens a database by name at the current schema (tests, benchmarks).
    pub async fn open_named(name: &str) -> Result<Diary, DiaryError> {
        Ok(Diary {
            db: db::open_at(name, db::SCHEMA_VERSION).await?,
            event_cuts: Default::default(),
        })
    }

    pub fn database(&self) -> &Database {
        &self.db
    }

    pub fn close(self) {
        self.db.close();
    }

    fn write_tx(&self) -> Result<Transaction<'_>, DiaryError> {
        Ok(self
            .db
            .transaction([stores::CASES, stores::EVENTS, stores::ATTACHMENTS])
            .with_mode(TransactionMode::Readwrite)
            .build()?)
    }

    // ---- reads ----------------------------------------------------------------------------

    pub async fn cases(&self) -> Result<Vec<Case>, DiaryError> {
        self.get_all_records(stores::CASES).await
    }

    /// Every record of a diary store, in key order (one `getAll`, one conversion).
    async fn get_all_records<T: serde::de::DeserializeOwned>(
        &self,
        store_name: &str,
    ) -> Result<Vec<T>, DiaryError> {
        let tx = self.db.transaction(store_name).build()?;
        let store = tx.object_store(store_name)?;
        let values = store.get_all::<JsValue>().primitive()?.await?;
        records_from_js(values.filter_map(Result::ok))
    }

    /// One diary record by key, converted like [`records_from_js`] (one native
    /// `JSON.stringify`, then `serde_json`, instead of a boundary crossing per field).
    async fn get_record<T: serde::de::DeserializeOwned>(
        &self,
        store_name: &str,
        id: &str,
    ) -> Result<Option<T>, DiaryError> {
        let tx = self.db.transaction(store_name).build()?;
        let store = tx.object_store(store_name)?;
        let value: Option<JsValue> = store.get(id).primitive()?.await?;
        record_from_js(value)
    }

    pub async fn case(&self, id: &str) -> Result<Option<Case>, DiaryError> {
        self.get_record(stores::CASES, id).await
    }

    /// Every event, in key order. A large store is read as [`READ_CHUNKS`] key ranges whose
    /// requests are all issued at once: the browser answers them one after another, and each
    /// chunk is converted to Rust while the next one is still being read, which hides most of
    /// the conversion behind the database's own work (see `scripts/bench-diary`). The cut points
    /// come from the previous read (any sorted keys partition the key space, so stale ones only
    /// make the chunks uneven, never wrong); the first read is one request.
    pub async fn all_events(&self) -> Result<Vec<Event>, DiaryError> {
        let bounds: Vec<JsValue> = self
            .event_cuts
            .borrow()
            .iter()
            .map(|k| JsValue::from_str(k))
            .collect();
        let tx = self.db.transaction(stores::EVENTS).build()?;
        let store = tx.object_store(stores::EVENTS)?;
        let events = if bounds.is_empty() {
            let values = store.get_all::<JsValue>().primitive()?.await?;
            records_from_js::<Event>(values.filter_map(Result::ok))?
        } else {
            let mut pending = Vec::with_capacity(bounds.len() + 1);
            for i in 0..=bounds.len() {
                let range: KeyRange<JsValue> =
                    match (i.checked_sub(1).map(|j| &bounds[j]), bounds.get(i)) {
                        (None, Some(hi)) => KeyRange::UpperBound(hi.clone(), true),
                        (Some(lo), Some(hi)) => {
                            KeyRange::Bound(lo.clone(), false, hi.clone(), true)
                        }
                        (Some(lo), None) => KeyRange::LowerBound(lo.clone(), false),
                        (None, None) => unreachable!("bounds is not empty"),
                    };
                pending.push(
                    store
                        .get_all::<JsValue>()
                        .with_query::<JsValue, _>(range)
                        .primitive()?,
                );
            }
            let mut events = Vec::new();
            for request in pending {
                let values = request.await?;
                events.extend(records_from_js::<Event>(values.filter_map(Result::ok))?);
            }
            events
        };
        let n = events.len();
        *self.event_cuts.borrow_mut() = if n >= CHUNKED_READ_MIN {
            (1..READ_CHUNKS)
                .map(|i| events[i * n / READ_CHUNKS].id.clone())
                .collect()
        } else {
            Vec::new()
        };
        Ok(events)
    }

    /// A case's events through the `by_case` index (unordered; see `domain::case::timeline`).
    pub async fn events_of(&self, case_id: &str) -> Result<Vec<Event>, DiaryError> {
        let tx = self.db.transaction(stores::EVENTS).build()?;
        let store = tx.object_store(stores::EVENTS)?;
        let index = store.index(stores::EVENTS_BY_CASE)?;
        let values = index
            .get_all::<JsValue>()
            .with_query(case_id)
            .primitive()?
            .await?;
        records_from_js(values.filter_map(Result::ok))
    }

    /// A case and its events (unordered), read in one transaction with both requests issued
    /// together; `None` when there is no such case (its events, if any, are not returned).
    pub async fn case_with_events(
        &self,
        id: &str,
    ) -> Result<Option<(Case, Vec<Event>)>, DiaryError> {
        let tx = self
            .db
            .transaction([stores::CASES, stores::EVENTS])
            .build()?;
        let cases = tx.object_store(stores::CASES)?;
        let events = tx.object_store(stores::EVENTS)?;
        let case_request = cases.get(id).primitive()?;
        let events_request = events
            .index(stores::EVENTS_BY_CASE)?
            .get_all::<JsValue>()
            .with_query(id)
            .primitive()?;
        let case: Option<JsValue> = case_request.await?;
        let values = events_request.await?;
        let Some(case) = record_from_js::<Case>(case)? else {
            return Ok(None);
        };
        let events = records_from_js(values.filter_map(Result::ok))?;
        Ok(Some((case, events)))
    }

    pub async fn event(&self, id: &str) -> Result<Option<Event>, DiaryError> {
        self.get_record(stores::EVENTS, id).await
    }

    /// One attachment with its blob.
    pub async fn attachment(&self, id: &str) -> Result<Option<StoredAttachment>, DiaryError> {
        let tx = self.db.transaction(stores::ATTACHMENTS).build()?;
        let store = tx.object_store(stores::ATTACHMENTS)?;
        let value: Option<JsValue> = store.get(id).primitive()?.await?;
        Ok(value.as_ref().and_then(StoredAttachment::from_js))
    }

    /// The attachments of one event (index `by_event`).
    pub async fn attachments_of_event(
        &self,
        event_id: &str,
    ) -> Result<Vec<StoredAttachment>, DiaryError> {
        let tx = self.db.transaction(stores::ATTACHMENTS).build()?;
        let store = tx.object_store(stores::ATTACHMENTS)?;
        let index = store.index(stores::ATTACHMENTS_BY_EVENT)?;
        let values = index
            .get_all::<JsValue>()
            .with_query(event_id)
            .primitive()?
            .await?;
        Ok(values
            .filter_map(Result::ok)
            .filter_map(|v| StoredAttachment::from_js(&v))
            .collect())
    }

    /// Every attachment with its blob.
    pub async fn all_attachments(&self) -> Result<Vec<StoredAttachment>, DiaryError> {
        let tx = self.db.transaction(stores::ATTACHMENTS).build()?;
        let store = tx.object_store(stores::ATTACHMENTS)?;
        let values = store.get_all::<JsValue>().primitive()?.await?;
        Ok(values
            .filter_map(Result::ok)
            .filter_map(|v| StoredAttachment::from_js(&v))
            .collect())
    }

    async fn keys(&self, store_name: &str) -> Result<HashSet<String>, DiaryError> {
        let tx = self.db.transaction(store_name).build()?;
        let store = tx.object_store(store_name)?;
        let keys = store.get_all_keys::<JsValue>().primitive()?.await?;
        Ok(records_from_js::<String>(keys.filter_map(Result::ok))?
            .into_iter()
            .collect())
    }

    // ---- writes ---------------------------------------------------------------------------

    /// Creates or replaces a case (validated first).
    pub async fn put_case(&self, case: &Case) -> Result<(), DiaryError> {
        case.validate().map_err(DiaryError::Invalid)?;
        Ok(db::put(&self.db, stores::CASES, case).await?)
    }

    /// Creates or replaces an event, adds `new_files` to it and drops stored files the event no
    /// longer lists, and bumps its case's `updated_at` — all in one transaction. `event`'s
    /// attachment list must already include the new files' metadata.
    pub async fn put_event(
        &self,
        event: &Event,
        new_files: &[StoredAttachment],
    ) -> Result<(), DiaryError> {
        event.validate().map_err(DiaryError::Invalid)?;
        for f in new_files {
            if f.size > MAX_ATTACHMENT_BYTES {
                return Err(DiaryError::FileTooLarge {
                    name: f.name.clone(),
                    size: f.size,
                    max: MAX_ATTACHMENT_BYTES,
                });
            }
        }
        let mut case = self
            .case(&event.case_id)
            .await?
            .ok_or_else(|| DiaryError::NotFound(event.case_id.clone()))?;
        let before = self.attachments_of_event(&event.id).await?;
        case.updated_at = now().max(case.created_at);
        let event = &self.with_checksums(event, new_files).await?;

        let keep: HashSet<&str> = event.attachments.iter().map(|a| a.id.as_str()).collect();
        let tx = self.write_tx()?;
        let cases = tx.object_store(stores::CASES)?;
        let events = tx.object_store(stores::EVENTS)?;
        let atts = tx.object_store(stores::ATTACHMENTS)?;
        drop(events.put(event).serde()?);
        for old in before.iter().filter(|a| !keep.contains(a.id.as_str())) {
            drop(atts.delete(old.id.as_str()).build()?);
        }
        for f in new_files {
            drop(atts.put(f.to_js()).build()?);
        }
        drop(cases.put(&case).serde()?);
        tx.commit().await?;
        Ok(())
    }

    /// Writes a case (new, or changed) and a new event in it together, in ONE transaction over
    /// both stores: both records are kept or neither. Both are validated before anything is
    /// written; the case's `updated_at` becomes now, as for any new event. The event must
    /// belong to `case` and carry no files (files go through [`Diary::put_event`]).
    pub async fn add_case_with_event(&self, case: &Case, event: &Event) -> Result<(), DiaryError> {
        if event.case_id != case.id {
            return Err(DiaryError::NotFound(event.case_id.clone()));
        }
        let mut case = case.clone();
        case.updated_at = now().max(case.created_at);
        let mut problems = Vec::new();
        problems.extend(case.validate().err().unwrap_or_default());
        problems.extend(event.validate().err().unwrap_or_default());
        if !event.attachments.is_empty() {
            problems.push(FieldError {
                field: "attachments".to_owned(),
                problem: FieldProblem::TooMany {
                    max: 0,
                    actual: event.attachments.len(),
                },
            });
        }
        if !problems.is_empty() {
            return Err(DiaryError::Invalid(problems));
        }
        let tx = self
            .db
            .transaction([stores::CASES, stores::EVENTS])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        drop(tx.object_store(stores::CASES)?.put(&case).serde()?);
        drop(tx.object_store(stores::EVENTS)?.put(event).serde()?);
        tx.commit().await?;
        Ok(())
    }

    /// `event` with each file's SHA-256 in its metadata: hashed from the blob for `new_files`,
    /// carried over from the stored event for files it already had (an edit made from a copy
    /// read before the hash existed must not drop it). Reads blobs: call before the transaction.
    async fn with_checksums(
        &self,
        event: &Event,
        new_files: &[StoredAttachment],
    ) -> Result<Event, DiaryError> {
        let mut event = event.clone();
        let stored = self.event(&event.id).await?;
        for meta in event.attachments.iter_mut() {
            if let Some(file) = new_files.iter().find(|f| f.id == meta.id) {
                meta.sha256 = blob_sha256_hex(&file.blob).await?;
            } else if meta.sha256.is_none() {
                meta.sha256 = stored
                    .iter()
                    .flat_map(|e| e.attachments.iter())
                    .find(|m| m.id == meta.id)
                    .and_then(|m| m.sha256.clone());
            }
        }
        Ok(event)
    }

    /// Deletes an event and its files in one transaction; returns them for undo.
    pub async fn delete_event(&self, id: &str) -> Result<Removed, DiaryError> {
        let event = self
            .event(id)
            .await?
            .ok_or_else(|| DiaryError::NotFound(id.to_owned()))?;
        let attachments = self.attachments_of_event(id).await?;
        let case = self.case(&event.case_id).await?;
        let tx = self.write_tx()?;
        let events = tx.object_store(stores::EVENTS)?;
        let atts = tx.object_store(stores::ATTACHMENTS)?;
        drop(events.delete(id).build()?);
        for a in &attachments {
            drop(atts.delete(a.id.as_str()).build()?);
        }
        if let Some(mut case) = case {
            case.updated_at = now().max(case.created_at);
            drop(tx.object_store(stores::CASES)?.put(&case).serde()?);
        }
        tx.commit().await?;
        Ok(Removed {
            cases: vec![],
            events: vec![event],
            attachments,
        })
    }

    /// Deletes a case with all its events and files in one transaction; returns them for undo.
    pub async fn delete_case(&self, id: &str) -> Result<Removed, DiaryError> {
        let case = self
            .case(id)
            .await?
            .ok_or_else(|| DiaryError::NotFound(id.to_owned()))?;
        let events = self.events_of(id).await?;
        let mut attachments = Vec::new();
        for e in &events {
            attachments.extend(self.attachments_of_event(&e.id).await?);
        }
        let tx = self.write_tx()?;
        drop(tx.object_store(stores::CASES)?.delete(id).build()?);
        let ev = tx.object_store(stores::EVENTS)?;
        for e in &events {
            drop(ev.delete(e.id.as_str()).build()?);
        }
        let at = tx.object_store(stores::ATTACHMENTS)?;
        for a in &attachments {
            drop(at.delete(a.id.as_str()).build()?);
        }
        tx.commit().await?;
        Ok(Removed {
            cases: vec![case],
            events,
            attachments,
        })
    }

    /// Puts back what a delete removed (undo), in one transaction.
    pub async fn restore(&self, removed: &Removed) -> Result<(), DiaryError> {
        let tx = self.write_tx()?;
        let cases = tx.object_store(stores::CASES)?;
        let events = tx.object_store(stores::EVENTS)?;
        let atts = tx.object_store(stores::ATTACHMENTS)?;
        for c in &removed.cases {
            drop(cases.put(c).serde()?);
        }
        for e in &removed.events {
            drop(events.put(e).serde()?);
        }
        for a in &removed.attachments {
            drop(atts.put(a.to_js()).build()?);
        }
        tx.commit().await?;
        Ok(())
    }

    /// Removes every case, event and attachment (one transaction).
    pub async fn wipe(&self) -> Result<(), DiaryError> {
        let tx = self.write_tx()?;
        drop(tx.object_store(stores::CASES)?.clear()?);
        drop(tx.object_store(stores::EVENTS)?.clear()?);
        drop(tx.object_store(stores::ATTACHMENTS)?.clear()?);
        tx.commit().await?;
        Ok(())
    }

    // ---- backup ---------------------------------------------------------------------------

    /// Exports one case (`Some(id)`) or everything (`None`) as a backup JSON string, with every
    /// attachment's bytes and, when given and not empty, the merchant's profile; then records the
    /// export time on the exported cases.
    pub async fn export(
        &self,
        case_id: Option<&str>,
        profile: Option<&Profile>,
    ) -> Result<String, DiaryError> {
        match case_id {
            Some(id) => self.export_chosen(Some(&[id]), profile).await,
            None => self.export_chosen(None, profile).await,
        }
    }

    /// Exports the chosen cases (`Some(ids)`, in that order) or everything (`None`), as
    /// [`Self::export`] does.
    pub async fn export_chosen(
        &self,
        case_ids: Option<&[&str]>,
        profile: Option<&Profile>,
    ) -> Result<String, DiaryError> {
        let (mut cases, events) = match case_ids {
            Some(ids) => {
                let (mut cases, mut events) = (Vec::new(), Vec::new());
                for id in ids {
                    let case = self
                        .case(id)
                        .await?
                        .ok_or_else(|| DiaryError::NotFound((*id).to_owned()))?;
                    cases.push(case);
                    events.extend(self.events_of(id).await?);
                }
                (cases, events)
            }
            None => (self.cases().await?, self.all_events().await?),
        };
        let wanted: HashSet<&str> = events
            .iter()
            .flat_map(|e| e.attachments.iter().map(|a| a.id.as_str()))
            .collect();
        let stored = match case_ids {
            Some(_) => {
                let mut all = Vec::new();
                for e in &events {
                    all.extend(self.attachments_of_event(&e.id).await?);
                }
                all
            }
            None => self.all_attachments().await?,
        };
        let stored: Vec<&StoredAttachment> = stored
            .iter()
            .filter(|a| wanted.contains(a.id.as_str()))
            .collect();
        let handles: Vec<&web_sys::Blob> = stored.iter().map(|a| &a.blob).collect();
        let blobs: Vec<AttachmentBlob> = stored
            .iter()
            .zip(blobs_bytes(&handles).await?)
            .map(|(a, data)| AttachmentBlob {
                id: a.id.clone(),
                name: a.name.clone(),
                mime: a.mime.clone(),
                data,
            })
            .collect();
        let at = now();
        let text = backup::export_backup(at, &cases, &events, &blobs, profile);
        // Remember the export on each case (for the "not backed up since" reminder).
        let tx = self
            .db
            .transaction(stores::CASES)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let store = tx.object_store(stores::CASES)?;
        for case in cases.iter_mut() {
            case.last_exported_at = Some(at.max(case.updated_at));
            drop(store.put(&*case).serde()?);
        }
        tx.commit().await?;
        Ok(text)
    }

    /// Validates a backup completely, then writes what is new in ONE transaction. Any
    /// validation problem writes nothing; any write failure aborts the whole transaction.
    pub async fn import(&self, bytes: &[u8]) -> Result<ImportReport, DiaryError> {
        self.import_with(bytes, ImportFault::default()).await
    }

    pub async fn import_with(
        &self,
        bytes: &[u8],
        fault: ImportFault,
    ) -> Result<ImportReport, DiaryError> {
        let backup = backup::validate_backup(bytes).map_err(DiaryError::Backup)?;
        self.import_validated(&backup, fault).await
    }

    pub async fn import_validated(
        &self,
        backup: &ValidatedBackup,
        fault: ImportFault,
    ) -> Result<ImportReport, DiaryError> {
        verify_checksums(backup).await?;
        let existing = ExistingIds {
            cases: self.keys(stores::CASES).await?,
            events: self.keys(stores::EVENTS).await?,
            attachments: self.keys(stores::ATTACHMENTS).await?,
        };
        let plan = backup::plan_merge(&existing, backup);
        // Which event (and case) each attachment belongs to.
        let mut owner: HashMap<&str, (&str, &str)> = HashMap::new();
        for e in &backup.events {
            for a in &e.attachments {
                owner.insert(a.id.as_str(), (e.id.as_str(), e.case_id.as_str()));
            }
        }
        // Blobs are made before the transaction opens (synchronous, but keep it out anyway).
        let mut files = Vec::with_capacity(plan.to_add.attachments.len());
        for blob in &plan.to_add.attachments {
            let (event_id, case_id) = owner.get(blob.id.as_str()).copied().unwrap_or(("", ""));
            files.push(StoredAttachment {
                id: blob.id.clone(),
                event_id: event_id.to_owned(),
                case_id: case_id.to_owned(),
                name: blob.name.clone(),
                mime: blob.mime.clone(),
                size: blob.data.len() as u64,
                blob: bytes_to_blob(&blob.data, &blob.mime)?,
            });
        }

        // Records become JS objects in one conversion each, before the transaction opens.
        // A restored case is backed up by the file it came from.
        let restored: Vec<Case> = plan
            .to_add
            .cases
            .iter()
            .map(|c| c.restored_from(backup.exported_at))
            .collect();
        let new_cases = records_to_js(&restored)?;
        let new_events = records_to_js(&plan.to_add.events)?;

        let tx = self.write_tx()?;
        let cases = tx.object_store(stores::CASES)?;
        let events = tx.object_store(stores::EVENTS)?;
        let atts = tx.object_store(stores::ATTACHMENTS)?;
        let mut written = 0usize;
        let mut fault_hit = false;
        let tick = |written: &mut usize| -> bool {
            *written += 1;
            fault.fail_after_records.is_some_and(|n| *written > n)
        };
        for c in new_cases.iter() {
            if tick(&mut written) {
                fault_hit = true;
                break;
            }
            drop(cases.put(c).build()?);
        }
        if !fault_hit {
            for e in new_events.iter() {
                if tick(&mut written) {
                    fault_hit = true;
                    break;
                }
                drop(events.put(e).build()?);
            }
        }
        if !fault_hit {
            for f in &files {
                if tick(&mut written) {
                    fault_hit = true;
                    break;
                }
                drop(atts.put(f.to_js()).build()?);
            }
        }
        if fault_hit {
            // A record without its key path: the store refuses it. Like any failed request
            // (quota, closed page) the transaction is aborted and nothing is kept.
            let refused = cases.put(JsValue::from(Object::new())).build().err();
            let _ = tx.abort().await;
            return Err(DiaryError::Store(StoreError::Operation(format!(
                "write {written} refused: {}",
                refused.map_or_else(|| "simulated failure".to_owned(), |e| e.to_string())
            ))));
        }
        tx.commit().await?;
        Ok(ImportReport {
            added_cases: plan.to_add.cases.len(),
            added_events: plan.to_add.events.len(),
            added_attachments: plan.to_add.attachments.len(),
            skipped_cases: plan.to_skip.cases.len(),
            skipped_events: plan.to_skip.events.len(),
            skipped_attachments: plan.to_skip.attachments.len(),
            unreferenced_attachments: backup.unreferenced_attachment_ids.len(),
            profile: backup.profile.clone(),
        })
    }

    /// The events of one case (or all) as CSV bytes with a BOM.
    pub async fn events_csv(&self, case_id: Option<&str>) -> Result<Vec<u8>, DiaryError> {
        let (cases, events) = match case_id {
            Some(id) => (
                self.case(id).await?.into_iter().collect::<Vec<_>>(),
                self.events_of(id).await?,
            ),
            None => (self.cases().await?, self.all_events().await?),
        };
        backup::events_to_csv(&cases, &events)
            .map_err(|e| DiaryError::Store(StoreError::Operation(e.to_string())))
    }
}

/// Checks every attachment of a validated backup against the SHA-256 its event records (when
/// it records one), hashing in the browser; any mismatch refuses the whole import.
async fn verify_checksums(backup: &ValidatedBackup) -> Result<(), DiaryError> {
    let mut expected: HashMap<&str, (String, &str)> = HashMap::new();
    for (i, e) in backup.events.iter().enumerate() {
        for (j, a) in e.attachments.iter().enumerate() {
            if let Some(hash) = &a.sha256 {
                expected.insert(
                    a.id.as_str(),
                    (format!("events[{i}].attachments[{j}]"), hash),
                );
            }
        }
    }
    if expected.is_empty() {
        return Ok(());
    }
    let Some(subtle) = subtle_crypto() else {
        return Err(DiaryError::Backup(vec![BackupError::ChecksumUnavailable]));
    };
    let checked: Vec<(&AttachmentBlob, &(String, &str))> = backup
        .attachments
        .iter()
        .filter_map(|b| Some((b, expected.get(b.id.as_str())?)))
        .collect();
    // All digests at once: the browser hashes them in parallel.
    let digests = Array::new();
    for (blob, _) in &checked {
        let promise = subtle.sha256(&Uint8Array::from(&blob.data[..]).into())?;
        digests.push(&promise);
    }
    let digests: Array = JsFuture::from(js_sys::Promise::all(&digests))
        .await
        .map_err(js_err)?
        .unchecked_into();
    let mut problems = Vec::new();
    for ((blob, (at, want)), digest) in checked.iter().zip(digests.iter()) {
        let actual = hex(&digest);
        if actual != *want {
            problems.push(BackupError::ChecksumMismatch {
                at: at.clone(),
                id: blob.id.clone(),
                expected: (*want).to_owned(),
                actual,
            });
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(DiaryError::Backup(problems))
    }
}

/// Browser storage: asks for persistence and reports usage. All best effort.
pub mod quota {
    use super::*;

    fn storage_manager() -> Option<JsValue> {
        let nav = web_sys::window()?.navigator();
        let s = Reflect::get(&nav, &"storage".into()).ok()?;
        (!s.is_undefined()).then_some(s)
    }

    async fn call(method: &str) -> Option<JsValue> {
        let s = storage_manager()?;
        let f: js_sys::Function = Reflect::get(&s, &method.into()).ok()?.dyn_into().ok()?;
        let p: js_sys::Promise = f.call0(&s).ok()?.dyn_into().ok()?;
        JsFuture::from(p).await.ok()
    }

    /// Whether storage is already persistent (`navigator.storage.persisted()`).
    pub async fn persisted() -> Option<bool> {
        call("persisted").await?.as_bool()
    }

    /// Asks the browser to keep this site's data (`navigator.storage.persist()`).
    pub async fn persist() -> Option<bool> {
        call("persist").await?.as_bool()
    }

    /// `(used, available)` bytes from `navigator.storage.estimate()`.
    pub async fn estimate() -> Option<(f64, f64)> {
        let e = call("estimate").await?;
        let usage = Reflect::get(&e, &"usage".into()).ok()?.as_f64()?;
        let quota = Reflect::get(&e, &"quota".into()).ok()?.as_f64()?;
        Some((usage, quota))
    }
}
