//! Small shared views.

pub mod coming_next;
pub mod in_app;
pub mod layout;
pub mod share;
