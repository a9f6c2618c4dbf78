//! Thin glue to the browser: the document's base path, the query string, the
//! `<html lang>` attribute, and the service-worker events raised by
//! `public/sw-register.js`. No rules live here.

use wasm_bindgen::JsCast;

/// The path of the document's base URL (`<base href>` from Trunk's public URL), e.g. `/` or `/pos-help/`.
pub fn base_path() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_else(|| "/".to_owned())
}

/// One parameter of the current URL's query string.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// Sets `<html lang>` so screen readers and fonts follow the UI language.
pub fn set_html_lang(tag: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", tag);
    }
}

/// Sets the document title.
pub fn set_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(title);
    }
}

/// Calls `on_ready` when `sw-register.js` reports a waiting new version
/// (event `pos:update-ready`, or the flag it set before the app started).
pub fn on_update_ready(on_ready: impl Fn() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let already = js_sys::Reflect::get(&window, &"__posUpdateReady".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    if already {
        on_ready();
    }
    let closure = wasm_bindgen::closure::Closure::<dyn Fn()>::new(on_ready);
    let _ = window
        .add_event_listener_with_callback("pos:update-ready", closure.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    closure.forget();
}

/// Asks `sw-register.js` to activate the waiting version; the page reloads
/// when the new service worker takes control.
pub fn apply_update() {
    if let Some(window) = web_sys::window() {
        if let Ok(event) = web_sys::Event::new("pos:apply-update") {
            let _ = window.dispatch_event(&event);
        }
    }
}

/// Removes the static loading shell from index.html once the app renders.
pub fn remove_shell() {
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("shell"))
    {
        shell.remove();
    }
}
