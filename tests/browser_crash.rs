//! Browser test (wasm-bindgen-test in headless Chromium) for the crash page the panic hook
//! shows: called directly, without panicking (a panic would end the test instance).
#![cfg(target_arch = "wasm32")]

use pos_helper::platform::{render_crash_page, CRASH_HOME, CRASH_MESSAGE, CRASH_RELOAD};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_crash_page_replaces_everything_with_plain_text_and_two_links() {
    let document = web_sys::window().unwrap().document().unwrap();
    // Stand-in for <body>: the runner's own body must stay (it reports the results).
    let container = document.create_element("div").unwrap();
    container.set_inner_html(
        "<header class=\"topbar\">app</header><main><p>half-rendered</p><img src=\"x\"></main>",
    );
    document.body().unwrap().append_child(&container).unwrap();

    render_crash_page(&document, &container);

    let children = container.children();
    assert_eq!(children.length(), 1, "only the crash page is left");
    let main = children.item(0).unwrap();
    assert_eq!(main.tag_name(), "MAIN");
    assert_eq!(main.id(), "crash");
    assert_eq!(main.get_attribute("role").as_deref(), Some("alert"));
    let text = main.text_content().unwrap();
    assert!(text.starts_with(CRASH_MESSAGE), "{text}");
    assert!(
        CRASH_MESSAGE.contains("出错了，请刷新页面")
            && CRASH_MESSAGE.contains("Something went wrong")
    );
    assert!(text.contains(CRASH_RELOAD) && text.contains(CRASH_HOME));
    // Nothing but the message paragraph, the link paragraph and the two links.
    let all = main.query_selector_all("*").unwrap();
    let tags: Vec<String> = (0..all.length())
        .map(|i| {
            all.item(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .tag_name()
        })
        .collect();
    assert_eq!(tags, ["P", "P", "A", "A"]);
    // The links stay on this origin: this very page, and the base path.
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    let reload: web_sys::HtmlAnchorElement = main
        .query_selector("#crash-reload")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(
        reload.href(),
        web_sys::window().unwrap().location().href().unwrap()
    );
    let home: web_sys::HtmlAnchorElement = main
        .query_selector("#crash-home")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(home.href().starts_with(&origin), "{}", home.href());
    assert!(container.query_selector("img, header").unwrap().is_none());

    // Calling it twice (a second panic) gives the same single page.
    render_crash_page(&document, &container);
    assert_eq!(container.children().length(), 1);
    container.remove();
}
