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
        // Instantiating the part and rendering the page are two tasks, not one long one (TBT).
        pos_helper::platform::next_task().await;
        pos_helper::platform::remove_shell();
        leptos::mount::mount_to(root, pos_helper::app::App).forget();
        // The app is mounted and its handlers attached: what scripts/bench-warm-start measures.
        pos_helper::platform::mark("pos:interactive");
    });
}
