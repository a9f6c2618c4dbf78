//! A licence list imported by the user (newer than the built-in one), kept in the
//! `licence_lists` object store. At most one list is in use: the record with id [`CURRENT_ID`].
//!
//! Import is all or nothing: the text is validated completely by
//! [`LicenceRegistry::parse_import`] *before* the database is touched, so a bad file changes
//! nothing. Reverting deletes the record, and the app falls back to the built-in list.

use chrono::NaiveDate;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};

use super::db::{self, stores, StoreError};
use crate::domain::licence::{ImportErrors, LicenceRegistry};

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
