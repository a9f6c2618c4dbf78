//! A licence list imported by the user (newer than the built-in one), kept in the
//! `licence_lists` object store. At most one list is in use: the record with id [`CURRENT_ID`].
//!
//! Import is all or nothing: the text is validated completely by
//! [`LicenceRegistry::parse_import`] *before* the database is touched, so a bad file changes
//! nothing. Reverting deletes the record, and the app falls back to the built-in list.
//!
//! The built-in list itself is a same-origin file (precached by the service worker):
//! [`fetch_builtin`] reads and parses it.

use chrono::NaiveDate;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::db::{self, stores, StoreError};
use crate::domain::licence::{ImportErrors, LicenceRegistry, RegistryParser};
use crate::domain::text::Bilingual;

/// The key of the list in use.
pub const CURRENT_ID: &str = "current";

/// What is stored: the original text (re-validated on every load) and what the UI shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredList {
    pub id: String,
    /// The list's own as-of date (`YYYY-MM-DD`): from the file, or as the user stated it.
    pub as_of: String,
    /// When it was imported (ISO 8601, local clock).
    pub imported_at: String,
    /// The file name, or "paste".
    pub file_name: String,
    pub rows: u32,
    pub csv: String,
}

impl StoredList {
    /// Parses the stored text back into a registry with the stored as-of date.
    pub fn registry(&self) -> Result<LicenceRegistry, ImportErrors> {
        let as_of = NaiveDate::parse_from_str(&self.as_of, "%Y-%m-%d").ok();
        LicenceRegistry::parse_import(&self.csv, as_of)
    }
}

/// Why an import was not stored.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImportFailure {
    /// The file is not a valid list; nothing was written.
    #[error("{0}")]
    Invalid(ImportErrors),
    /// The list was valid but the database failed; nothing was written.
    #[error("{0}")]
    Store(StoreError),
}

/// Validates `text` and, only if it is valid, stores it as the list in use (replacing any
/// earlier import). Returns what was stored.
pub async fn import(
    db: &Database,
    text: &str,
    file_name: &str,
    stated_as_of: Option<NaiveDate>,
    imported_at: &str,
) -> Result<StoredList, ImportFailure> {
    let registry =
        LicenceRegistry::parse_import(text, stated_as_of).map_err(ImportFailure::Invalid)?;
    let list = StoredList {
        id: CURRENT_ID.to_string(),
        as_of: registry.as_of_text(),
        imported_at: imported_at.to_string(),
        file_name: file_name.to_string(),
        rows: registry.licences.len() as u32,
        csv: text.to_string(),
    };
    db::put(db, stores::LICENCE_LISTS, &list)
        .await
        .map_err(ImportFailure::Store)?;
    Ok(list)
}

/// The imported list in use, if any.
pub async fn load(db: &Database) -> Result<Option<StoredList>, StoreError> {
    db::get::<StoredList>(db, stores::LICENCE_LISTS, CURRENT_ID).await
}

/// Removes the imported list, so the built-in one is used again.
pub async fn revert(db: &Database) -> Result<(), StoreError> {
    let tx = db
        .transaction(stores::LICENCE_LISTS)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let store = tx.object_store(stores::LICENCE_LISTS)?;
    store.delete(CURRENT_ID).await?;
    tx.commit().await?;
    Ok(())
}

/// Why the built-in list could not be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BuiltinListError {
    /// The request failed (offline and not cached, blocked, no window).
    #[error("the list could not be fetched: {0}")]
    Network(String),
    #[error("the server answered HTTP {0}")]
    Http(u16),
    #[error("the response is not text")]
    NotText,
    /// The file was read but is not a valid list.
    #[error("{0}")]
    Invalid(ImportErrors),
}

impl BuiltinListError {
    pub fn message(&self) -> Bilingual {
        match self {
            Self::Network(detail) => Bilingual::new(
                format!("无法下载名单（{detail}）。请检查网络后刷新页面。"),
                format!(
                    "The list could not be downloaded ({detail}). Check the connection and reload the page."
                ),
            ),
            Self::Http(status) => Bilingual::new(
                format!("服务器返回 HTTP {status}。"),
                format!("The server answered HTTP {status}."),
            ),
            Self::NotText => Bilingual::new(
                "服务器返回的不是文本。",
                "The server's answer is not text.",
            ),
            Self::Invalid(errors) => {
                let mut message = Bilingual::new(
                    format!("内置名单有{}处问题，无法使用。", errors.0.len()),
                    format!(
                        "The built-in list has {} problem(s) and cannot be used.",
                        errors.0.len()
                    ),
                );
                if let Some(first) = errors.0.first().map(|e| e.message()) {
                    message.zh.push_str(&first.zh);
                    message.en.push(' ');
                    message.en.push_str(&first.en);
                }
                message
            }
        }
    }
}

/// Fetches the built-in list from `url` (same origin) and parses it in steps of
/// [`ROWS_PER_STEP`] rows, awaiting `between()` after each (the page lets the browser draw).
pub async fn fetch_builtin<F: std::future::Future<Output = ()>>(
    url: &str,
    between: impl Fn() -> F,
) -> Result<LicenceRegistry, BuiltinListError> {
    let text = fetch_text(url).await?;
    let mut parser = RegistryParser::new(&text).map_err(BuiltinListError::Invalid)?;
    drop(text);
    while !parser.step(ROWS_PER_STEP) {
        between().await;
    }
    parser.finish().map_err(BuiltinListError::Invalid)
}

/// Rows read per step of [`fetch_builtin`]: about 15 ms on a slow phone (4× a desktop CPU).
const ROWS_PER_STEP: usize = 40;

pub(super) async fn fetch_text(url: &str) -> Result<String, BuiltinListError> {
    let network = |e: wasm_bindgen::JsValue| {
        BuiltinListError::Network(
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| e.as_string())
                .unwrap_or_else(|| format!("{e:?}")),
        )
    };
    let window =
        web_sys::window().ok_or_else(|| BuiltinListError::Network("no window".to_string()))?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(network)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| BuiltinListError::NotText)?;
    if !response.ok() {
        return Err(BuiltinListError::Http(response.status()));
    }
    let text = JsFuture::from(response.text().map_err(network)?)
        .await
        .map_err(network)?;
    text.as_string().ok_or(BuiltinListError::NotText)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_list_errors_say_what_failed_in_both_languages() {
        let http = BuiltinListError::Http(404).message();
        assert_eq!(http.zh, "服务器返回 HTTP 404。");
        assert_eq!(http.en, "The server answered HTTP 404.");
        let offline = BuiltinListError::Network("Failed to fetch".into()).message();
        assert!(offline.zh.contains("Failed to fetch") && offline.en.contains("Failed to fetch"));
        assert!(BuiltinListError::NotText.message().is_complete());

        let errors = LicenceRegistry::parse("not,a,licence,list").unwrap_err();
        let first = errors.0[0].message();
        let invalid = BuiltinListError::Invalid(errors.clone()).message();
        let n = errors.0.len();
        assert_eq!(
            invalid.zh,
            format!("内置名单有{n}处问题，无法使用。{}", first.zh)
        );
        assert_eq!(
            invalid.en,
            format!(
                "The built-in list has {n} problem(s) and cannot be used. {}",
                first.en
            )
        );
    }
}
