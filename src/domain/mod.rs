//! Pure domain logic: no web-sys, no leptos, no IndexedDB. Everything here is
//! tested natively with `cargo test`; the views only call it.

pub mod datasets;
pub mod links;
pub mod text;
