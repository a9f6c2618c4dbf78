//! The datasets the app's facts rest on, with source and as-of date, shown on
//! the About page. Data: `data/datasets.json`; the source files themselves are in `sources/`.

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

/// What the files in `sources/` say, for tests in every module: expected counts and dates are
/// read from the data, so refreshing a source file never means editing a test.
#[cfg(test)]
pub(crate) mod source_files {
    /// The provenance of the source data, with the table of as-of dates.
    pub const PROVENANCE: &str = include_str!("../../sources/README.md");
    pub const LICENCES_CSV: &str = include_str!("../../sources/payment-licences.csv");
    /// Written by `scripts/gen-licences.py` from the source CSV (an independent count in Python).
    pub const LICENCES_META: &str = include_str!("../../public/data/licences.meta.json");

    /// The as-of date `sources/README.md` gives for `file`, e.g. `payment-licences.csv`.
    pub fn as_of(file: &str) -> String {
        let row_start = format!("| `{file}` |");
        let row = PROVENANCE
            .lines()
            .find(|l| l.starts_with(&row_start))
            .unwrap_or_else(|| panic!("sources/README.md has no row for {file}"));
        row.split('|')
            .map(str::trim)
            .nth(3)
            .expect("as-of column")
            .to_owned()
    }

    /// Data rows of a CSV (records, not lines: quoted fields may hold line breaks).
    pub fn csv_records(text: &str) -> usize {
        let mut in_quotes = false;
        let mut records = 0;
        let mut line_has_text = false;
        for c in text.chars() {
            match c {
                '"' => in_quotes = !in_quotes,
                '\n' if !in_quotes => {
                    records += usize::from(line_has_text);
                    line_has_text = false;
                    continue;
                }
                _ => {}
            }
            line_has_text = true;
        }
        records + usize::from(line_has_text) - 1
    }

    pub fn licence_rows() -> usize {
        csv_records(LICENCES_CSV)
    }

    /// A number from `licences.meta.json`, e.g. `["acquiring", "valid"]`.
    pub fn meta_count(path: &[&str]) -> usize {
        let meta: serde_json::Value = serde_json::from_str(LICENCES_META).expect("meta.json");
        let value = path.iter().fold(&meta, |v, key| &v[*key]);
        value.as_u64().expect("a count") as usize
    }
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
            assert_eq!(
                d.source.citation_problems(),
                Vec::<String>::new(),
                "{}",
                d.id
            );
            assert!(!d.as_of.trim().is_empty(), "{} as_of", d.id);
        }
        assert_eq!(datasets().len(), parsed.datasets.len());
    }

    /// The About page names each data set with its as-of date, as `sources/README.md` gives it.
    #[test]
    fn licence_list_as_of_matches_the_source_files() {
        let as_of = source_files::as_of("payment-licences.csv");
        assert_eq!(licences_as_of(), Some(as_of.as_str()));
        let date = chrono::NaiveDate::parse_from_str(&as_of, "%Y-%m-%d").expect("ISO date");
        use chrono::Datelike;
        let licences = datasets().iter().find(|d| d.id == "licences").unwrap();
        let zh_date = format!("{}年{}月{}日", date.year(), date.month(), date.day());
        assert!(
            licences.source.zh.contains(&zh_date),
            "{}",
            licences.source.zh
        );
        assert!(
            licences.source.en.contains(&as_of),
            "{}",
            licences.source.en
        );
        // The generated list carries the same date in its first line.
        assert!(include_str!("../../public/data/licences.csv")
            .starts_with(&format!("# as_of: {as_of};")));
        assert_eq!(
            source_files::meta_count(&["rows"]),
            source_files::licence_rows()
        );
    }

    #[test]
    fn holidays_as_of_is_the_newest_notice() {
        let as_of = source_files::as_of("cn-holidays.csv");
        let holidays = datasets().iter().find(|d| d.id == "holidays").unwrap();
        let date = chrono::NaiveDate::parse_from_str(&as_of, "%Y-%m-%d").expect("ISO date");
        use chrono::Datelike;
        let zh_date = format!("{}年{}月{}日", date.year(), date.month(), date.day());
        assert!(
            holidays.source.zh.contains(&zh_date),
            "{}",
            holidays.source.zh
        );
    }

    #[test]
    fn csv_records_counts_records_not_lines() {
        assert_eq!(source_files::csv_records("a,b\n1,2\n\"x\ny\",3\n"), 2);
        assert_eq!(source_files::csv_records("a,b\n1,2"), 1);
    }
}
