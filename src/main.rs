fn main() {
    // A panic logs to the console and replaces the page with a plain bilingual "reload" message.
    pos_helper::platform::install_panic_hook();
    let Some(root) = leptos::prelude::document()
        .get_element_by_id("app")
        .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
    else {
        return;
    };
    pos_helper::platform::remove_shell();
    leptos::mount::mount_to(root, pos_helper::app::App).forget();
    // The app is mounted and its handlers attached: what scripts/bench-warm-start measures.
    pos_helper::platform::mark("pos:interactive");
}
