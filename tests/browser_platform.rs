//! Browser test (wasm-bindgen-test in headless Chromium) for `platform::settled`: a message
//! brought into view after a write waits for the sections its view deferred, or a section drawn
//! later below it moves the page and the message slides out of view (e2e `feedback.spec`).
#![cfg(target_arch = "wasm32")]

use pos_helper::platform::{next_task, settled, StartHold, SETTLE_MAX_TASKS};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn spawn_settled() -> Rc<Cell<bool>> {
    let done = Rc::new(Cell::new(false));
    let flag = done.clone();
    wasm_bindgen_futures::spawn_local(async move {
        settled().await;
        flag.set(true);
    });
    done
}

#[wasm_bindgen_test]
async fn settled_waits_until_every_deferred_section_has_drawn() {
    let first = StartHold::new();
    let second = StartHold::new();
    let done = spawn_settled();
    for _ in 0..5 {
        next_task().await;
    }
    assert!(!done.get(), "two sections still to draw");
    drop(first);
    for _ in 0..3 {
        next_task().await;
    }
    assert!(!done.get(), "one section still to draw");
    drop(second);
    for _ in 0..3 {
        next_task().await;
    }
    assert!(done.get(), "nothing left to draw");
}

#[wasm_bindgen_test]
async fn settled_gives_up_on_a_section_that_never_draws() {
    let stuck = StartHold::new();
    let done = spawn_settled();
    for _ in 0..SETTLE_MAX_TASKS + 2 {
        next_task().await;
    }
    assert!(
        done.get(),
        "a message is still shown when a section never draws"
    );
    drop(stuck);
}
