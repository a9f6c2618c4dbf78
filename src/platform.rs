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

/// True on a page the build wrote for its address: it carries its own title and Open Graph title
/// (index.html has neither; a canonical link is written only when the build knows its origin).
pub fn has_page_title() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[property='og:title']").ok().flatten())
        .is_some()
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

/// Resolves in a later task (`setTimeout(…, 0)`): lets the browser paint and handle input between
/// two pieces of start-up work, so neither is one long task that blocks the main thread.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

thread_local! {
    /// Drawing still to come: a route choosing its page, a
    /// [`crate::components::deferred::deferred`] section not drawn yet (at the start, and again
    /// whenever a view with one redraws). The start waits for it before the app replaces the
    /// static page; a message waits for it before it is scrolled into view ([`settled`]).
    static START_PENDING: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Holds the start while it lives: the app renders hidden (see [`mount_hidden`]) in several short
/// tasks rather than one long one, and [`reveal_when_settled`] shows it only when no hold is left.
pub struct StartHold(());

impl StartHold {
    pub fn new() -> Self {
        START_PENDING.with(|p| p.set(p.get() + 1));
        StartHold(())
    }
}

impl Default for StartHold {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for StartHold {
    fn drop(&mut self) {
        START_PENDING.with(|p| p.set(p.get().saturating_sub(1)));
    }
}

/// How many tasks [`settled`] waits at most for a deferred section.
pub const SETTLE_MAX_TASKS: usize = 100;

/// Waits a task at a time until `ready()` holds and no [`StartHold`] is left, at most
/// `max_tasks` tasks (so a section that never draws cannot hold anything forever).
async fn until_drawn(max_tasks: usize, ready: impl Fn() -> bool) {
    for _ in 0..max_tasks {
        if ready() && START_PENDING.with(std::cell::Cell::get) == 0 {
            return;
        }
        next_task().await;
    }
}

/// Resolves once every deferred section has drawn (no [`StartHold`] is left), or after
/// [`SETTLE_MAX_TASKS`] tasks. A message brought into view after a write waits for it: a section
/// drawn later below the message can otherwise move the page under it (the browser keeps the
/// part near the bottom of the screen in place and the message slides out of view).
pub async fn settled() {
    until_drawn(SETTLE_MAX_TASKS, || true).await;
}

/// A hidden box in `root` for the app to render into while the static page stays in view: laid
/// over the static page at the same place (style/main.css `.app-booting`), so showing it moves
/// nothing.
pub fn mount_hidden(root: &web_sys::HtmlElement) -> Option<web_sys::HtmlElement> {
    let document = web_sys::window()?.document()?;
    let host = document.create_element("div").ok()?;
    host.set_class_name("app-booting");
    root.append_child(&host).ok()?;
    wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(host).ok()
}

/// Waits, a task at a time, until the page has been chosen and every deferred section drawn
/// (at most ~2 s of tasks, so a section that never draws cannot keep the static page forever);
/// then removes the static shell and shows `host` in the same task.
pub async fn reveal_when_settled(host: &web_sys::HtmlElement) {
    // At least one task after mounting: the frame and the page are drawn in separate tasks.
    next_task().await;
    let routed = || {
        host.query_selector(".route-view > *")
            .ok()
            .flatten()
            .is_some()
    };
    until_drawn(500, routed).await;
    remove_shell();
    host.set_class_name("");
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

/// Offers `content` as a file download (a Blob URL on a temporary link).
pub fn download(filename: &str, mime: &str, content: &str) -> Result<(), String> {
    download_bytes(filename, mime, content.as_bytes())
}

/// Offers `bytes` (UTF-8 text, a .docx) as a file download.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|e| format!("{e:?}"))?;
    download_blob(filename, &blob)
}

fn download_blob(filename: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|e| format!("{e:?}"))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| "not an anchor")?;
    link.set_href(&url);
    link.set_download(filename);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Copies plain text to the clipboard. Resolves to an error where the browser refuses
/// (no permission, insecure context, in-app browsers).
pub async fn copy_text(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let clipboard = window.navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|e| format!("{e:?}"))
}

/// Opens the browser's print dialog. Returns false where printing is unavailable.
pub fn print() -> bool {
    web_sys::window().is_some_and(|w| w.print().is_ok())
}

/// Today's date on the device's clock and time zone.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The address in the location bar (with the base path and the query), for sharing.
pub fn current_href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// The absolute URL of an in-app path under this deployment, e.g. for a poster's QR code.
pub fn absolute_url(path_under_base: &str) -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}{path_under_base}")
}

/// The browser's user agent, for recognising in-app browsers.
pub fn user_agent() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default()
}

/// Whether this browser supports service workers (offline use).
pub fn service_workers_supported() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"serviceWorker".into()).ok())
        .is_some_and(|sw| !sw.is_undefined() && !sw.is_null())
}

/// Reloads the page (after another tab changed the database).
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// A `performance.mark` (for benchmarks reading the Performance timeline).
pub fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
    }
}

/// The plain-text message shown when the app has crashed (a panic ends the WebAssembly
/// instance: nothing on the page works any more). Both languages, since the language setting
/// may be what broke.
pub const CRASH_MESSAGE: &str = "出错了，请刷新页面 / Something went wrong — reload";
/// The text of the reload link on the crash page.
pub const CRASH_RELOAD: &str = "刷新页面 / Reload";
/// The text of the link to the home page on the crash page.
pub const CRASH_HOME: &str = "返回首页 / Home";

/// Installs the panic hook: log the panic to the console (`console_error_panic_hook`), then
/// replace the page with [`show_crash_page`]. Called first thing in `main`.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_page();
    }));
}

/// Replaces everything in `<body>` with [`render_crash_page`]. Never panics itself; does
/// nothing without a document. Data in IndexedDB is unaffected: every write there is one
/// transaction, so a crash leaves it fully before or fully after the write.
pub fn show_crash_page() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(body) = document.body() {
        render_crash_page(&document, &body);
    }
}

/// Replaces the children of `into` with a fixed bilingual message and two plain links (reload
/// this address, or go to the home page). Built with `textContent` and attributes only, so
/// nothing — not the URL, not the panic message — is ever parsed as HTML; the panic details
/// stay in the console. Never panics.
pub fn render_crash_page(document: &web_sys::Document, into: &web_sys::Element) {
    let element = |tag: &str, text: &str| -> Option<web_sys::Element> {
        let el = document.create_element(tag).ok()?;
        el.set_text_content(Some(text));
        Some(el)
    };
    let (Some(main), Some(message), Some(links), Some(reload), Some(home)) = (
        document.create_element("main").ok(),
        element("p", CRASH_MESSAGE),
        document.create_element("p").ok(),
        element("a", CRASH_RELOAD),
        element("a", CRASH_HOME),
    ) else {
        return;
    };
    let _ = main.set_attribute("id", "crash");
    let _ = main.set_attribute("class", "page crash");
    let _ = main.set_attribute("role", "alert");
    let _ = message.set_attribute("class", "warn");
    // location.href is this page's own http(s) address; base_path() is a path on this origin.
    let _ = reload.set_attribute("href", &current_href());
    let _ = reload.set_attribute("id", "crash-reload");
    let _ = home.set_attribute("href", &base_path());
    let _ = home.set_attribute("id", "crash-home");
    let _ = links.append_child(&reload);
    let _ = links.append_child(&document.create_text_node(" · "));
    let _ = links.append_child(&home);
    let _ = main.append_child(&message);
    let _ = main.append_child(&links);
    into.set_text_content(None);
    let _ = into.append_child(&main);
}
