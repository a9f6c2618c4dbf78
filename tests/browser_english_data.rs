//! The WebAssembly compiles in the wizard tree and the response codes with their Chinese texts
//! only (build.rs `CHINESE_ONLY`): no English until the full files are handed over, as
//! `store::english` does when the UI turns English; then both are English.
use pos_helper::domain::text::Lang;
use pos_helper::domain::{codes, wizard};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn start_title() -> &'static pos_helper::domain::text::Bilingual {
    &wizard::tree()
        .start()
        .and_then(wizard::Node::as_question)
        .expect("the start is a question")
        .title
}

#[wasm_bindgen_test]
fn the_data_is_chinese_only_until_its_full_files_arrive() {
    assert!(!wizard::has_full_json() && !codes::has_full_json());
    let title = start_title();
    assert!(!title.zh.is_empty());
    assert_eq!(title.en, "", "the English of the tree is compiled in");
    assert_eq!(
        title.get(Lang::En),
        title.zh,
        "an English page shows the Chinese, not a blank"
    );
    assert_eq!(
        codes::table().about().en,
        "",
        "the English of the codes is compiled in"
    );

    wizard::provide_full_json(include_str!("../data/wizard.json").to_owned());
    codes::provide_full_json(include_str!("../data/response-codes.json").to_owned());
    assert!(!start_title().en.is_empty());
    assert_ne!(start_title().get(Lang::En), start_title().zh);
    assert!(!codes::table().about().en.is_empty());
}
