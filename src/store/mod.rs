//! Storage, and nothing else: the app's IndexedDB database (versioned schema
//! and migrations), its settings in LocalStorage, and the data files of the build it fetches
//! (the built-in licence list; the English texts of the data sets compiled in Chinese only).

pub mod crypto;
pub mod db;
pub mod diary;
pub mod english;
pub mod licence_lists;
pub mod settings;
