//! Small shared views.

pub mod add_to_diary;
pub mod deadlines;
pub mod deferred;
pub mod dossier;
pub mod in_app;
pub mod late_view;
pub mod layout;
pub mod letter_paper;
pub mod print_button;
pub mod share;
