//! User settings in LocalStorage (gloo-storage). Small, synchronous, and
//! never fatal: if LocalStorage is unavailable the app runs on defaults.

use crate::domain::text::Lang;
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

/// LocalStorage key. Versioned so a future incompatible shape can migrate.
pub const KEY: &str = "pos-helper.settings.v1";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The language the user chose; `None` until they choose one.
    pub lang: Option<Lang>,
    /// The user closed the "you are inside WeChat/QQ/…" note.
    pub in_app_note_dismissed: bool,
}

/// Whether LocalStorage can be used. gloo-storage panics when `localStorage`
/// throws (some private modes, sandboxed frames), so ask first.
pub fn available() -> bool {
    web_sys::window().is_some_and(|w| matches!(w.local_storage(), Ok(Some(_))))
}

/// The stored settings, or defaults when absent, unreadable or unavailable.
pub fn load() -> Settings {
    if !available() {
        return Settings::default();
    }
    LocalStorage::get(KEY).unwrap_or_default()
}

/// Stores the settings. Fails when LocalStorage is unavailable or full.
pub fn save(settings: &Settings) -> Result<(), String> {
    if !available() {
        return Err("localStorage unavailable".into());
    }
    LocalStorage::set(KEY, settings).map_err(|e| e.to_string())
}

/// Stores the language choice, keeping the other settings.
pub fn save_lang(lang: Lang) -> Result<(), String> {
    let mut settings = load();
    settings.lang = Some(lang);
    save(&settings)
}

/// Remembers that the in-app-browser note was dismissed.
pub fn save_in_app_note_dismissed() -> Result<(), String> {
    let mut settings = load();
    settings.in_app_note_dismissed = true;
    save(&settings)
}

/// LocalStorage key of a letter's draft fields (one per letter kind).
fn draft_key(kind: &str) -> String {
    format!("pos-helper.letter-draft.v1.{kind}")
}

/// The merchant's unsent letter fields for `kind`, so nothing typed is lost on reload.
pub fn load_letter_draft(kind: &str) -> std::collections::BTreeMap<String, String> {
    if !available() {
        return Default::default();
    }
    LocalStorage::get(draft_key(kind)).unwrap_or_default()
}

/// Keeps the draft; fails (and the page says so) when LocalStorage is unavailable or full.
pub fn save_letter_draft(
    kind: &str,
    fields: &std::collections::BTreeMap<String, String>,
) -> Result<(), String> {
    if !available() {
        return Err("localStorage unavailable".into());
    }
    LocalStorage::set(draft_key(kind), fields).map_err(|e| e.to_string())
}

/// LocalStorage key of the merchant's own particulars ("我的信息"). Kept on this device only
/// (and in whole-diary backups); letters fill them in.
pub const PROFILE_KEY: &str = "pos-helper.profile.v1";

/// The merchant's profile, or an empty one when absent, unreadable or unavailable.
pub fn load_profile() -> crate::domain::party::Profile {
    if !available() {
        return Default::default();
    }
    LocalStorage::get(PROFILE_KEY).unwrap_or_default()
}

/// Stores the profile. Fails when LocalStorage is unavailable or full.
pub fn save_profile(profile: &crate::domain::party::Profile) -> Result<(), String> {
    if !available() {
        return Err("localStorage unavailable".into());
    }
    LocalStorage::set(PROFILE_KEY, profile).map_err(|e| e.to_string())
}
