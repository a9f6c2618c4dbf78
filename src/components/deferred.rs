//! Sections drawn one task after the rest of their page, so that building a long page is several
//! short tasks rather than one that blocks taps and scrolling (Total Blocking Time). For what is
//! below the first screen or folded away: it appears a moment later, under what is in view.
//! At start-up the app is shown only once every deferred section has drawn
//! ([`crate::platform::reveal_when_settled`]), so a deep link still opens on the whole page.

use crate::platform;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::cell::RefCell;

/// `section`, drawn in a later task. It runs once, untracked: a signal it reads while building
/// does not redraw it (the views inside it react as usual).
pub fn deferred<V, F>(section: F) -> impl IntoView
where
    V: IntoView + 'static,
    F: FnOnce() -> V + 'static,
{
    let (ready, set_ready) = signal(false);
    let hold = platform::StartHold::new();
    leptos::task::spawn_local(async move {
        platform::next_task().await;
        // The page may have been left meanwhile: then there is nothing to draw.
        let _ = set_ready.try_set(true);
        // Released after the section has drawn: the start looks again only in a later task.
        drop(hold);
    });
    // Browser views are single-threaded; the wrapper only satisfies the view tree's Send bound.
    let section = SendWrapper::new(RefCell::new(Some(section)));
    move || {
        ready
            .get()
            .then(|| section.borrow_mut().take().map(|f| untrack(f)))
            .flatten()
    }
}
