fn main() {
    // A panic logs to the console and replaces the page with a plain bilingual "reload" message.
    pos_helper::platform::install_panic_hook();
    let Some(root) = leptos::prelude::document()
        .get_element_by_id("app")
        .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
    else {
        return;
    };
    let pathname = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    wasm_bindgen_futures::spawn_local(async move {
        // A deep link to a tool: fetch that tool's code while the static shell says "loading".
        pos_helper::app::preload_part(&pathname).await;
        // An English start: the English texts of the wizard and the response codes (not compiled in).
        let start = pos_helper::app::start_language().await;
        // Instantiating the part and rendering the page are two tasks, not one long one (TBT).
        pos_helper::platform::next_task().await;
        // The app renders hidden, over the static page, in short tasks (the route chooses its page
        // in a task of its own, deferred sections each in theirs); it is shown, and the static page
        // removed, in one frame once all of them have drawn.
        let host = pos_helper::platform::mount_hidden(&root).unwrap_or(root);
        leptos::mount::mount_to(host.clone(), move || {
            leptos::view! { <pos_helper::app::App start=start /> }
        })
        .forget();
        pos_helper::platform::reveal_when_settled(&host).await;
        // The app is shown, its handlers attached: what scripts/bench-warm-start measures (and
        // what public/sw-register.js waits for before it registers the service worker).
        pos_helper::platform::mark("pos:interactive");
    });
}
