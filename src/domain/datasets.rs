//! The datasets the app's facts rest on, with source and as-of date, shown on
//! the About page. Data: `data/datasets.json`.

use super::text::{Bilingual, Source};
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Debug, Clone, Deserialize)]
pub struct Dataset {
    pub id: String,
    pub name: Bilingual,
    /// As PBoC / the source dates it: an ISO date or a year range.
    pub as_of: String,
    pub source: Source,
    pub note: Bilingual,
}

#[derive(Debug, Deserialize)]
struct DatasetsFile {
    datasets: Vec<Dataset>,
}

const DATASETS_JSON: &str = include_str!("../../data/datasets.json");

/// All datasets, parsed once. The file is compiled in and checked by tests,
/// so a parse failure is a build defect, not a user error.
pub fn datasets() -> &'static [Dataset] {
    static PARSED: OnceLock<Vec<Dataset>> = OnceLock::new();
    PARSED.get_or_init(|| {
        serde_json::from_str::<DatasetsFile>(DATASETS_JSON)
            .map(|f| f.datasets)
            .unwrap_or_default()
    })
}

/// The as-of date of the built-in licence list (`licences` dataset).
pub fn licences_as_of() -> Option<&'static str> {
    datasets()
        .iter()
        .find(|d| d.id == "licences")
        .map(|d| d.as_of.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_in_file_parses_and_every_entry_is_complete() {
        let parsed: DatasetsFile = serde_json::from_str(DATASETS_JSON).expect("datasets.json");
        assert!(parsed.datasets.len() >= 5);
        for d in &parsed.datasets {
            assert!(d.name.is_complete(), "{} name", d.id);
            assert!(d.note.is_complete(), "{} note", d.id);
            assert!(d.source.is_complete(), "{} source", d.id);
            assert!(!d.as_of.trim().is_empty(), "{} as_of", d.id);
        }
        assert_eq!(datasets().len(), parsed.datasets.len());
    }

    #[test]
    fn shared_files_named_as_sources_exist() {
        // Each dataset names files under ../shared; they must exist (CI has ../shared beside the repo).
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
        if !shared.exists() {
            panic!("../shared is missing: it must sit beside the repository");
        }
        for d in datasets() {
            for file in d.source.shared.split(';').map(str::trim) {
                assert!(
                    shared.join(file).exists(),
                    "{}: {file} not in ../shared",
                    d.id
                );
            }
        }
    }

    #[test]
    fn licence_list_as_of_matches_shared_sources() {
        assert_eq!(licences_as_of(), Some("2026-10-02"));
        let sources = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/data/payment-licences.SOURCES.md"),
        )
        .expect("SOURCES.md");
        assert!(sources.contains("2026-10-02"));
    }
}
