//! Pure domain logic: no web-sys, no leptos, no IndexedDB. Everything here is
//! tested natively with `cargo test`; the views only call it.

pub mod agent;
pub mod backup;
pub mod case;
pub mod clearing;
pub mod clocks;
pub mod codes;
pub mod datasets;
pub mod deadlines;
pub mod fast_time;
pub mod fees;
pub mod ics;
pub mod ladder;
pub mod letters;
pub mod licence;
pub mod links;
pub mod mcc;
pub mod merchant_no;
pub mod party;
pub mod share;
pub mod static_pages;
pub mod text;
pub mod verdict;
pub mod wizard;
