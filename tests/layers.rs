//! The crate's modules import in one direction (README, "Architecture"):
//!
//! domain ← store ← platform ← lang, routing ← components ← pages ← app ← main
//!
//! A module may name only modules of its own layer or of layers to its left. `domain` is pure:
//! no browser, no Leptos, no IndexedDB. This test reads the sources, so a new import that breaks
//! the order fails here rather than in a reader's head.

use std::path::{Path, PathBuf};

/// Layers from the bottom up, each with the top-level modules (`crate::<name>`) it holds.
const LAYERS: &[(&str, &[&str])] = &[
    ("domain", &["domain"]),
    ("store", &["store"]),
    ("platform", &["platform"]),
    ("lang, routing", &["lang", "routing", "i18n"]),
    ("components", &["components"]),
    ("pages", &["pages"]),
    ("app", &["app"]),
];

/// Crates a pure domain module must not use.
const NOT_IN_DOMAIN: &[&str] = &[
    "leptos",
    "web_sys",
    "wasm_bindgen",
    "js_sys",
    "indexed_db_futures",
    "gloo_storage",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The layer of a source file: `src/<module>/…` or `src/<module>.rs`.
fn layer_of(relative: &Path) -> Option<usize> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    let module = first.strip_suffix(".rs").unwrap_or(first);
    LAYERS
        .iter()
        .position(|(_, modules)| modules.contains(&module))
}

/// Every `crate::<module>` a file names, with its line number.
fn crate_references(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `crate::{a, b}` names several modules at once.
            if name.is_empty() && after.starts_with('{') {
                let group = &after[1..after.find('}').unwrap_or(after.len())];
                for part in group.split(',') {
                    let part = part.trim().split("::").next().unwrap_or("").trim();
                    if !part.is_empty() {
                        found.push((n + 1, part.to_owned()));
                    }
                }
            } else if !name.is_empty() {
                found.push((n + 1, name));
            }
            rest = after;
        }
    }
    found
}

#[test]
fn modules_import_only_from_their_own_layer_or_below() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let Some(layer) = layer_of(relative) else {
            continue; // lib.rs and main.rs sit on top
        };
        checked += 1;
        let text = std::fs::read_to_string(file).unwrap();
        for (line, module) in crate_references(&text) {
            match LAYERS
                .iter()
                .position(|(_, modules)| modules.contains(&module.as_str()))
            {
                Some(target) if target <= layer => {}
                Some(target) => problems.push(format!(
                    "src/{}:{line}: {} imports crate::{module} ({})",
                    relative.display(),
                    LAYERS[layer].0,
                    LAYERS[target].0
                )),
                None => problems.push(format!(
                    "src/{}:{line}: crate::{module} is in no layer (add it to LAYERS and the README)",
                    relative.display()
                )),
            }
        }
        if LAYERS[layer].0 == "domain" {
            for (n, l) in text.lines().enumerate() {
                for krate in NOT_IN_DOMAIN {
                    if l.trim_start().starts_with(&format!("use {krate}"))
                        || l.contains(&format!("{krate}::"))
                    {
                        problems.push(format!(
                            "src/{}:{}: domain uses {krate}",
                            relative.display(),
                            n + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(checked > 40, "only {checked} files checked: did src/ move?");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_reference_finder_sees_plain_and_grouped_imports() {
    let text = "use crate::app::href;\nuse crate::{lang::use_lang, routing};\n// crate::pages in a comment\nlet x = crate::store::db::open();";
    let names: Vec<String> = crate_references(text).into_iter().map(|(_, m)| m).collect();
    assert_eq!(names, ["app", "lang", "routing", "store"]);
}
