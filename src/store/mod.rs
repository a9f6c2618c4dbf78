//! Storage, and nothing else: the app's IndexedDB database (versioned schema
//! and migrations) and its settings in LocalStorage.

pub mod crypto;
pub mod db;
pub mod diary;
pub mod licence_lists;
pub mod settings;
