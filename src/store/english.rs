//! The English texts of the data sets the WebAssembly compiles in Chinese only (build.rs,
//! `CHINESE_ONLY`): the full files, which scripts/post-build.mjs copies to the build's `data/`,
//! fetched when the UI is or turns English and handed to the domain, which parses them where
//! they are used. A Chinese page never fetches them; the service worker keeps them for offline use.

use crate::domain::{codes, wizard};

/// Each data set: its full file in the build (relative to the document's base URL, so a
/// `/pos-help/` build finds its own), whether the domain has it, and how to hand it over.
type FullFile = (&'static str, fn() -> bool, fn(String));

const FULL_FILES: [FullFile; 2] = [
    (
        "data/wizard.json",
        wizard::has_full_json,
        wizard::provide_full_json,
    ),
    (
        "data/response-codes.json",
        codes::has_full_json,
        codes::provide_full_json,
    ),
];

/// Fetches the full files the domain does not have yet. One that cannot be fetched leaves its
/// texts Chinese under an English UI (`domain::text::Bilingual::get` never shows a blank).
pub async fn load() {
    for (url, has, provide) in FULL_FILES {
        if has() {
            continue;
        }
        if let Ok(text) = super::licence_lists::fetch_text(url).await {
            provide(text);
        }
    }
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
        let fetched: Vec<String> = super::FULL_FILES.iter().map(|f| f.0.to_owned()).collect();
        let expected: Vec<String> = compiled.iter().map(|f| format!("data/{f}")).collect();
        assert_eq!(fetched, expected);
    }
}
