//! Small shared views.

pub mod layout;
