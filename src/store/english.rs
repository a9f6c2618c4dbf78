//! The English texts of the data sets the WebAssembly compiles in Chinese only (build.rs,
//! `CHINESE_ONLY`): the full files, which scripts/post-build.mjs copies to the build's `data/`,
//! fetched when the UI is or turns English and handed to the domain, which parses them where
//! they are used. A Chinese page never fetches them; the service worker keeps them for offline use.

use crate::domain::{codes, wizard};

/// Fetches what is missing of the full data files (relative to the document's base URL, so a
/// `/pos-help/` build finds its own). False if one could not be fetched: its texts then stay
/// Chinese under an English UI (`domain::text::Bilingual::get` never shows a blank).
pub async fn load() -> bool {
    let mut complete = true;
    if !wizard::has_full_json() {
        match super::licence_lists::fetch_text("data/wizard.json").await {
            Ok(text) => wizard::provide_full_json(text),
            Err(_) => complete = false,
        }
    }
    if !codes::has_full_json() {
        match super::licence_lists::fetch_text("data/response-codes.json").await {
            Ok(text) => codes::provide_full_json(text),
            Err(_) => complete = false,
        }
    }
    complete
}

#[cfg(test)]
mod tests {
    /// The data files in `line` of `text`: the quoted `….json` names on the line that starts so.
    fn listed(text: &str, line: &str) -> Vec<String> {
        let line = text
            .lines()
            .find(|l| l.starts_with(line))
            .unwrap_or_else(|| panic!("no line starting {line:?}"));
        line.split(['"', '\''])
            .filter(|part| part.ends_with(".json"))
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn the_build_compiles_in_chinese_only_what_it_copies_and_this_module_fetches() {
        let compiled = listed(include_str!("../../build.rs"), "const CHINESE_ONLY");
        let copied = listed(
            include_str!("../../scripts/post-build.mjs"),
            "const FETCHED_WHEN_ENGLISH",
        );
        assert_eq!(compiled, ["wizard.json", "response-codes.json"]);
        assert_eq!(copied, compiled);
        let this = include_str!("english.rs");
        for file in &compiled {
            assert!(
                this.contains(&format!("(\"data/{file}\")")),
                "{file} is not fetched"
            );
        }
    }
}
