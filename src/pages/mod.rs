//! One module per page. Pages are thin: they read the URL and signals, call
//! `domain`, and render.

pub mod about;
pub mod check;
pub mod diary;
pub mod home;
pub mod letters;
pub mod not_found;
pub mod poster;
pub mod profile;
pub mod wizard;
