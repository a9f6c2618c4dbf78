//! One module per page. Pages are thin: they read the URL and signals, call
//! `domain`, and render.

pub mod about;
pub mod home;
pub mod not_found;
pub mod tools;
