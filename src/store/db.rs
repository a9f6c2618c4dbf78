//! The app's IndexedDB database over `indexed_db_futures`.
//!
//! The schema is versioned: [`UPGRADES`]`[n]` takes a database from version
//! `n` to `n + 1`, and opening runs every step between the stored version and
//! [`SCHEMA_VERSION`] in order, inside the browser's single upgrade
//! transaction (all or nothing). A later feature adds a step at the end and
//! bumps [`SCHEMA_VERSION`]; earlier steps are never edited, so a database
//! written by any earlier version opens with its data intact.
//!
//! Records are serde structs stored as plain JS objects; each keeps an `id`
//! (or `key` for [`stores::META`]) as its key path. Record-shape changes that
//! need no new store or index are handled by `#[serde(default)]` on read.

use crate::domain::text::Bilingual;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyPath;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The database name (one per origin; sub-path deployments on one origin share it).
pub const DB_NAME: &str = "pos-helper";

/// Store and index names. Never rename one: add a migration step instead.
pub mod stores {
    /// Key-value app metadata (`{key, value}`), e.g. when the last backup was made.
    pub const META: &str = "meta";
    /// Dispute cases (`id`).
    pub const CASES: &str = "cases";
    /// Dated events of a case (`id`, index [`EVENTS_BY_CASE`] on `case_id`).
    pub const EVENTS: &str = "events";
    pub const EVENTS_BY_CASE: &str = "by_case";
    /// Attachment blobs of events (`id`, index [`ATTACHMENTS_BY_EVENT`] on `event_id`).
    pub const ATTACHMENTS: &str = "attachments";
    pub const ATTACHMENTS_BY_EVENT: &str = "by_event";
    /// Licence lists imported by the user, newer than the built-in one (`id`).
    pub const LICENCE_LISTS: &str = "licence_lists";
}

type UpgradeStep = fn(&Database) -> indexed_db_futures::Result<()>;

/// `UPGRADES[n]` migrates version `n` → `n + 1`. Append only.
pub const UPGRADES: &[UpgradeStep] = &[v0_to_v1, v1_to_v2];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = UPGRADES.len() as u32;

/// v1: metadata, cases and their events.
fn v0_to_v1(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(stores::META)
        .with_key_path(KeyPath::from("key"))
        .build()?;
    db.create_object_store(stores::CASES)
        .with_key_path(KeyPath::from("id"))
        .build()?;
    let events = db
        .create_object_store(stores::EVENTS)
        .with_key_path(KeyPath::from("id"))
        .build()?;
    events
        .create_index(stores::EVENTS_BY_CASE, KeyPath::from("case_id"))
        .build()?;
    Ok(())
}

/// v2: attachment blobs (kept apart from events so listing a timeline never
/// loads photos) and user-imported licence lists.
fn v1_to_v2(db: &Database) -> indexed_db_futures::Result<()> {
    let attachments = db
        .create_object_store(stores::ATTACHMENTS)
        .with_key_path(KeyPath::from("id"))
        .build()?;
    attachments
        .create_index(stores::ATTACHMENTS_BY_EVENT, KeyPath::from("event_id"))
        .build()?;
    db.create_object_store(stores::LICENCE_LISTS)
        .with_key_path(KeyPath::from("id"))
        .build()?;
    Ok(())
}

/// Why the database could not be used. Shown to the user as "diary unavailable".
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoreError {
    #[error("IndexedDB is not available in this browser")]
    Unavailable,
    #[error("could not open the database: {0}")]
    Open(String),
    /// The stored database was written by a newer build of the app (a higher schema version).
    #[error("the database was written by a newer version of the app")]
    NewerVersion,
    /// The browser refused the write for lack of space (`QuotaExceededError`).
    #[error("storage is full: {0}")]
    QuotaExceeded(String),
    #[error("database operation failed: {0}")]
    Operation(String),
}

impl StoreError {
    /// What the user reads, in both languages. A full store says what to do; any other failure
    /// says that nothing was changed and keeps the browser's words as detail.
    pub fn message(&self) -> Bilingual {
        match self {
            StoreError::QuotaExceeded(_) => Bilingual::new(
                "存储空间不足，浏览器拒绝写入，数据未更改。请删除不需要的附件，或导出备份后清理手机空间，再试一次。",
                "Storage is full: the browser refused the write and nothing was changed. Delete attachments you do not need, or export a backup and free space on the device, then try again.",
            ),
            other => Bilingual::new(
                format!("保存或读取失败，数据未更改：{other}"),
                format!("Could not save or read; nothing was changed: {other}"),
            ),
        }
    }

    /// Classifies a DOM exception by its name (the browser's message is kept as detail).
    pub fn from_dom(name: &str, message: String) -> StoreError {
        match name {
            "QuotaExceededError" => StoreError::QuotaExceeded(message),
            "VersionError" => StoreError::NewerVersion,
            _ => StoreError::Operation(message),
        }
    }
}

/// The DOM exception inside an `indexed_db_futures` error, if there is one.
fn dom_exception(e: &indexed_db_futures::error::Error) -> Option<web_sys::DomException> {
    match e {
        indexed_db_futures::error::Error::DomException(d) => {
            let js: &wasm_bindgen::JsValue = d.as_ref();
            wasm_bindgen::JsCast::dyn_ref::<web_sys::DomException>(js).cloned()
        }
        _ => None,
    }
}

impl From<indexed_db_futures::error::Error> for StoreError {
    fn from(e: indexed_db_futures::error::Error) -> Self {
        match dom_exception(&e) {
            Some(d) => StoreError::from_dom(&d.name(), e.to_string()),
            None => StoreError::Operation(e.to_string()),
        }
    }
}

impl From<indexed_db_futures::error::OpenDbError> for StoreError {
    fn from(e: indexed_db_futures::error::OpenDbError) -> Self {
        if let indexed_db_futures::error::OpenDbError::Base(base) = &e {
            if let Some(d) = dom_exception(base) {
                if d.name() == "VersionError" {
                    return StoreError::NewerVersion;
                }
            }
        }
        StoreError::Open(e.to_string())
    }
}

/// What another tab did to the database, for the page to tell the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbNotice {
    /// Opening waits: another tab still holds the database open at an older version.
    Blocked,
    /// Another tab (a newer build) upgraded the database, or the browser closed it; this page's
    /// connection was closed so the other tab is not held up. Reloading gets the new version.
    ClosedElsewhere,
    /// A blocked open went through after all (the other tab closed).
    Unblocked,
}

type NoticeListener = std::rc::Rc<dyn Fn(DbNotice)>;

thread_local! {
    static NOTICE_LISTENERS: std::cell::RefCell<Vec<NoticeListener>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Calls `listener` whenever a [`DbNotice`] happens (for the page's lifetime).
pub fn on_notice(listener: impl Fn(DbNotice) + 'static) {
    NOTICE_LISTENERS.with(|l| l.borrow_mut().push(std::rc::Rc::new(listener)));
}

fn notify(notice: DbNotice) {
    let listeners = NOTICE_LISTENERS.with(|l| l.borrow().clone());
    for listener in listeners {
        listener(notice);
    }
}

/// Closes `db` as soon as another tab asks to upgrade it (`versionchange`), so that tab's
/// upgrade never hangs on this one, and says so through [`on_notice`].
fn close_on_version_change(db: &Database) {
    let Ok(mut changes) = db.version_changes() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        if changes.recv().await.is_some() {
            changes.db().clone().close();
            notify(DbNotice::ClosedElsewhere);
        }
    });
}

/// Opens the app database at the current schema version.
pub async fn open() -> Result<Database, StoreError> {
    open_at(DB_NAME, SCHEMA_VERSION).await
}

/// Opens `name` at `version` (≤ [`SCHEMA_VERSION`]), running the upgrade
/// steps from the stored version. Tests use a lower version to write
/// fixtures of an older schema.
pub async fn open_at(name: &str, version: u32) -> Result<Database, StoreError> {
    if version == 0 || version > SCHEMA_VERSION {
        return Err(StoreError::Open(format!(
            "schema version {version} is not in 1..={SCHEMA_VERSION}"
        )));
    }
    if !indexed_db_available() {
        return Err(StoreError::Unavailable);
    }
    let blocked = std::rc::Rc::new(std::cell::Cell::new(false));
    let was_blocked = blocked.clone();
    let db = Database::open(name)
        .with_version(version)
        .with_on_blocked(move |_| {
            blocked.set(true);
            notify(DbNotice::Blocked);
            Ok(())
        })
        .with_on_upgrade_needed(move |event, db| {
            // Versions are whole numbers we chose; the f64 is exact.
            let from = event.old_version() as u32;
            let to = event.new_version().map_or(version, |v| v as u32);
            for step in UPGRADES.iter().take(to as usize).skip(from as usize) {
                step(&db)?;
            }
            Ok(())
        })
        .await?;
    close_on_version_change(&db);
    if was_blocked.get() {
        notify(DbNotice::Unblocked);
    }
    Ok(db)
}

/// Whether `indexedDB` exists at all (it is missing in some locked-down webviews;
/// accessing it can also throw in sandboxed frames).
pub fn indexed_db_available() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"indexedDB".into()).ok())
        .is_some_and(|idb| !idb.is_undefined() && !idb.is_null())
}

/// A metadata record: a key and any JSON-like value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetaRecord<T> {
    pub key: String,
    pub value: T,
}

/// Writes one record (upsert by its key path) in its own transaction and
/// waits for the commit.
pub async fn put<T: Serialize>(db: &Database, store: &str, record: &T) -> Result<(), StoreError> {
    let tx = db
        .transaction(store)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let object_store = tx.object_store(store)?;
    object_store.put(record).serde()?.await?;
    tx.commit().await?;
    Ok(())
}

/// Reads one record by key.
pub async fn get<T: DeserializeOwned>(
    db: &Database,
    store: &str,
    key: &str,
) -> Result<Option<T>, StoreError> {
    let tx = db.transaction(store).build()?;
    let object_store = tx.object_store(store)?;
    let value: Option<T> = object_store.get(key).serde()?.await?;
    Ok(value)
}

/// Reads every record of a store, in key order.
pub async fn get_all<T: DeserializeOwned>(
    db: &Database,
    store: &str,
) -> Result<Vec<T>, StoreError> {
    let tx = db.transaction(store).build()?;
    let object_store = tx.object_store(store)?;
    let values = object_store.get_all().serde()?.await?;
    values
        .collect::<Result<Vec<T>, _>>()
        .map_err(|e| StoreError::Operation(e.to_string()))
}

/// Stores a metadata value under `key`.
pub async fn put_meta<T: Serialize>(db: &Database, key: &str, value: T) -> Result<(), StoreError> {
    put(
        db,
        stores::META,
        &MetaRecord {
            key: key.to_owned(),
            value,
        },
    )
    .await
}

/// Reads the metadata value under `key`.
pub async fn get_meta<T: DeserializeOwned>(
    db: &Database,
    key: &str,
) -> Result<Option<T>, StoreError> {
    Ok(get::<MetaRecord<T>>(db, stores::META, key)
        .await?
        .map(|r| r.value))
}

/// The names of the object stores in an open database (for tests and diagnostics).
pub fn store_names(db: &Database) -> Vec<String> {
    db.object_store_names().collect()
}
