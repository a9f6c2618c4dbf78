//! Small shared views.

pub mod coming_next;
pub mod layout;
