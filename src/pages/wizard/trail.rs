//! Browser glue for the wizard: the session's path in `sessionStorage` (so a
//! reload keeps the breadcrumb, and a new tab starts fresh) and focus moves.
//! The rules for the path live in `domain::wizard::WizardTree::next_trail`.

use wasm_bindgen::JsCast;

const KEY: &str = "pos-helper.wizard.trail.v1";
/// More steps than any real walk: a stored value longer than this is ignored.
const MAX_STEPS: usize = 32;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The stored path, or empty (none stored, storage blocked, or garbled).
pub fn load() -> Vec<String> {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|json| serde_json::from_str::<Vec<String>>(&json).ok())
        .filter(|steps| steps.len() <= MAX_STEPS)
        .unwrap_or_default()
}

/// Keeps the path for this tab. Not fatal when storage is unavailable: the
/// breadcrumb then falls back to the shortest path after a reload.
pub fn save(steps: &[String]) {
    if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(steps)) {
        let _ = storage.set_item(KEY, &json);
    }
}

/// False the first time it is called in this page's life, true afterwards.
pub fn first_step_shown() -> bool {
    use std::sync::atomic::{AtomicBool, Ordering};
    static SHOWN: AtomicBool = AtomicBool::new(false);
    SHOWN.swap(true, Ordering::Relaxed)
}

/// Focuses the page heading once the new step has rendered.
pub fn focus_heading() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let focus = wasm_bindgen::closure::Closure::once_into_js(|| {
        if let Some(heading) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("#main h1").ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = heading.focus();
        }
    });
    let _ = window.request_animation_frame(focus.unchecked_ref());
}
