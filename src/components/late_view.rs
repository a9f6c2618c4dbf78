//! A view that arrives later, from a part fetched on demand (the home page's deadline list, the
//! "添加到维权日记" panel): kept until it is drawn, then taken out and mounted once.

use leptos::prelude::*;

/// A view being fetched: `None` when its part could not be.
pub type LateFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Option<AnyView>>>>;

#[derive(Clone, Copy)]
pub struct LateView {
    ready: RwSignal<bool>,
    slot: StoredValue<Option<AnyView>, LocalStorage>,
}

impl LateView {
    pub fn new() -> Self {
        Self {
            ready: RwSignal::new(false),
            slot: StoredValue::new_local(None),
        }
    }

    /// Keeps `view` and marks it ready. Nothing happens when the owner is gone (the page was
    /// left while the part loaded): there is nothing to show it in.
    pub fn put(self, view: AnyView) {
        if self.slot.try_update_value(|v| *v = Some(view)).is_some() {
            let _ = self.ready.try_set(true);
        }
    }

    /// Whether the view has arrived (tracked: a closure that reads it runs again when it does).
    pub fn is_ready(self) -> bool {
        self.ready.get()
    }

    /// The view, the first time it is asked for once it has arrived.
    pub fn take(self) -> Option<AnyView> {
        self.slot.try_update_value(Option::take).flatten()
    }
}

impl Default for LateView {
    fn default() -> Self {
        Self::new()
    }
}
