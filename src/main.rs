fn main() {
    console_error_panic_hook::set_once();
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
