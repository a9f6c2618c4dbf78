//! Import: reading licence CSV text (the shipped list or a user's) into a [`LicenceRegistry`],
//! with every problem reported by line.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use thiserror::Error;

use super::coverage::parse_coverage;
use super::{
    normalise_name, BusinessType, Licence, LicenceNoError, LicenceNumber, LicenceRegistry, Status,
    ValidUntil,
};
use crate::domain::text::Bilingual;

/// Columns every licence CSV must have (sources/README.md). Extra columns are ignored.
pub const REQUIRED_COLUMNS: [&str; 10] = [
    "name",
    "short_names",
    "licence_no",
    "business_types",
    "coverage",
    "first_issued",
    "valid_until",
    "status",
    "status_date",
    "source",
];

/// One problem in an imported CSV.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
pub enum ImportProblem {
    #[error("the file is empty")]
    EmptyFile,
    #[error("the file has a header but no licence rows")]
    NoRows,
    #[error("header is missing column(s): {}", .0.join(", "))]
    MissingColumns(Vec<String>),
    #[error("row has {found} fields, header has {expected}")]
    FieldCount { found: usize, expected: usize },
    #[error("unreadable CSV: {0}")]
    Malformed(String),
    #[error("column {0} is empty")]
    EmptyField(String),
    #[error("licence number {value:?}: {error}")]
    BadLicenceNo {
        value: String,
        error: LicenceNoError,
    },
    #[error("column {column}: {value:?} is not a date (YYYY-MM-DD)")]
    BadDate { column: String, value: String },
    #[error("valid_until {0:?} is not empty, 长期 or a date")]
    BadValidUntil(String),
    #[error("unknown status {0:?}")]
    UnknownStatus(String),
    #[error("serial {serial:03} already used on line {first_line}")]
    DuplicateSerial { serial: u16, first_line: u64 },
    #[error("status merged but the note names no target licence")]
    MergedWithoutTarget,
    #[error("the list states no as-of date")]
    NoAsOfDate,
}

impl ImportProblem {
    pub fn message(&self) -> Bilingual {
        match self {
            Self::EmptyFile => Bilingual::new("文件是空的。", "The file is empty."),
            Self::NoRows => Bilingual::new(
                "文件只有表头，没有许可证数据。",
                "The file has a header but no licence rows.",
            ),
            Self::MissingColumns(cols) => Bilingual::new(
                format!("表头缺少列：{}。", cols.join("、")),
                format!("The header is missing column(s): {}.", cols.join(", ")),
            ),
            Self::FieldCount { found, expected } => Bilingual::new(
                format!("这一行有{found}列，表头有{expected}列。"),
                format!("This row has {found} fields; the header has {expected}."),
            ),
            Self::Malformed(detail) => Bilingual::new(
                format!("无法读取 CSV：{detail}"),
                format!("Unreadable CSV: {detail}"),
            ),
            Self::EmptyField(col) => Bilingual::new(
                format!("“{col}”列为空。"),
                format!("Column “{col}” is empty."),
            ),
            Self::BadLicenceNo { value, error } => {
                let m = error.message();
                Bilingual::new(
                    format!("许可证编号“{value}”：{}", m.zh),
                    format!("Licence number “{value}”: {}", m.en),
                )
            }
            Self::BadDate { column, value } => Bilingual::new(
                format!("“{column}”列的“{value}”不是日期（应为 YYYY-MM-DD）。"),
                format!("“{value}” in column “{column}” is not a date (YYYY-MM-DD)."),
            ),
            Self::BadValidUntil(value) => Bilingual::new(
                format!("有效期“{value}”应为空、“长期”或日期。"),
                format!("Expiry “{value}” should be empty, 长期 or a date."),
            ),
            Self::UnknownStatus(value) => Bilingual::new(
                format!("未知的状态“{value}”。"),
                format!("Unknown status “{value}”."),
            ),
            Self::DuplicateSerial { serial, first_line } => Bilingual::new(
                format!("序号 {serial:03} 与第{first_line}行重复。"),
                format!("Serial {serial:03} duplicates line {first_line}."),
            ),
            Self::NoAsOfDate => Bilingual::new(
                "名单没有注明日期：请在文件开头加一行“# as_of: YYYY-MM-DD”，或在导入时填写名单日期。",
                "The list states no date: add a first line “# as_of: YYYY-MM-DD”, or enter the list's date when importing.",
            ),
            Self::MergedWithoutTarget => Bilingual::new(
                "状态为“merged”，但备注里没有写并入哪个许可证。",
                "Status is “merged” but the note names no target licence.",
            ),
        }
    }
}

/// A problem with its 1-based line number in the text (`None` for whole-file problems).
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
#[error("{}{problem}", .line.map(|l| format!("line {l}: ")).unwrap_or_default())]
pub struct ImportError {
    pub line: Option<u64>,
    pub problem: ImportProblem,
}

impl ImportError {
    pub fn message(&self) -> Bilingual {
        let m = self.problem.message();
        match self.line {
            Some(l) => Bilingual::new(format!("第{l}行：{}", m.zh), format!("Line {l}: {}", m.en)),
            None => m,
        }
    }
}

/// Every problem found in an import, in line order.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
#[error("{} problem(s) in the licence list", .0.len())]
pub struct ImportErrors(pub Vec<ImportError>);

impl ImportErrors {
    pub fn message(&self) -> Bilingual {
        Bilingual::new(
            format!("许可证名单有{}处问题，未导入。", self.0.len()),
            format!(
                "The licence list has {} problem(s) and was not imported.",
                self.0.len()
            ),
        )
    }
}

fn parse_date(column: &str, value: &str) -> Result<NaiveDate, ImportProblem> {
    let value = value.trim();
    // Strict shape first: chrono alone would accept `2011-5-3`.
    let shaped = value.len() == 10
        && value.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    shaped
        .then(|| NaiveDate::parse_from_str(value, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| ImportProblem::BadDate {
            column: column.to_string(),
            value: value.to_string(),
        })
}

fn parse_valid_until(value: &str) -> Result<ValidUntil, ImportProblem> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(ValidUntil::Unknown);
    }
    if value == "长期" {
        return Ok(ValidUntil::LongTerm);
    }
    let bad = || ImportProblem::BadValidUntil(value.to_string());
    if let Some((date, rest)) = value.split_once("（过渡期至") {
        let until = parse_date("valid_until", date).map_err(|_| bad())?;
        let transition = rest.strip_suffix('）').ok_or_else(bad)?;
        let transition_until = parse_date("valid_until", transition).map_err(|_| bad())?;
        return Ok(ValidUntil::WithTransition {
            until,
            transition_until,
        });
    }
    parse_date("valid_until", value)
        .map(ValidUntil::Date)
        .map_err(|_| bad())
}

/// Reads `# as_of: 2026-10-02; source: …` from the leading comment lines.
fn read_header_comment(text: &str) -> (Option<NaiveDate>, Option<String>) {
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        let body = line.trim_start_matches('#').trim();
        if let Some(rest) = body.strip_prefix("as_of:") {
            let rest = rest.trim();
            let (date, provenance) = rest.split_once(';').unwrap_or((rest, ""));
            let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok();
            let provenance = Some(provenance.trim().to_string()).filter(|p| !p.is_empty());
            return (date, provenance);
        }
    }
    (None, None)
}

/// The licence list read a few rows at a time: [`LicenceRegistry::parse`] in steps, so a caller
/// on a page can let the browser draw between them (the shipped list is about 270 rows).
pub struct RegistryParser {
    reader: csv::Reader<std::io::Cursor<Vec<u8>>>,
    /// The header's field count: every row must have as many.
    width: usize,
    index: HashMap<String, usize>,
    record: csv::StringRecord,
    as_of: Option<NaiveDate>,
    provenance: Option<String>,
    errors: Vec<ImportError>,
    licences: Vec<Licence>,
    serial_lines: HashMap<u16, u64>,
    done: bool,
}

impl RegistryParser {
    /// Checks the file as a whole (not empty, every required column present).
    pub fn new(text: &str) -> Result<RegistryParser, ImportErrors> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let whole = |problem| {
            ImportErrors(vec![ImportError {
                line: None,
                problem,
            }])
        };
        if text
            .lines()
            .all(|l| l.trim().is_empty() || l.starts_with('#'))
        {
            return Err(whole(ImportProblem::EmptyFile));
        }
        let (as_of, provenance) = read_header_comment(text);
        let mut reader = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .flexible(true)
            .from_reader(std::io::Cursor::new(text.as_bytes().to_vec()));
        let headers = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => return Err(whole(ImportProblem::Malformed(e.to_string()))),
        };
        let index: HashMap<String, usize> = headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim().to_string(), i))
            .collect();
        let missing: Vec<String> = REQUIRED_COLUMNS
            .iter()
            .filter(|c| !index.contains_key(**c))
            .map(|c| c.to_string())
            .collect();
        if !missing.is_empty() {
            return Err(whole(ImportProblem::MissingColumns(missing)));
        }
        Ok(RegistryParser {
            reader,
            width: headers.len(),
            index,
            record: csv::StringRecord::new(),
            as_of,
            provenance,
            errors: Vec::new(),
            licences: Vec::new(),
            serial_lines: HashMap::new(),
            done: false,
        })
    }

    /// Reads up to `rows` more records; true once the file has been read to its end.
    pub fn step(&mut self, rows: usize) -> bool {
        let RegistryParser {
            reader,
            width,
            index,
            record,
            errors,
            licences,
            serial_lines,
            done,
            ..
        } = self;
        let col = |name: &str| index[name];
        for _ in 0..rows {
            if *done {
                break;
            }
            let line_before = reader.position().line();
            match reader.read_record(record) {
                Ok(false) => {
                    *done = true;
                    break;
                }
                Ok(true) => {}
                Err(e) => {
                    errors.push(ImportError {
                        line: Some(line_before),
                        problem: ImportProblem::Malformed(e.to_string()),
                    });
                    continue;
                }
            }
            let record = &*record;
            let line = record.position().map_or(line_before, |p| p.line());
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if record.len() != *width {
                errors.push(ImportError {
                    line: Some(line),
                    problem: ImportProblem::FieldCount {
                        found: record.len(),
                        expected: *width,
                    },
                });
                continue;
            }
            let field = |name: &str| record.get(col(name)).unwrap_or("").trim();
            let mut row_errors = Vec::new();
            let mut push = |p| {
                row_errors.push(ImportError {
                    line: Some(line),
                    problem: p,
                })
            };

            for required in [
                "name",
                "licence_no",
                "business_types",
                "coverage",
                "first_issued",
                "status",
                "source",
            ] {
                if field(required).is_empty() {
                    push(ImportProblem::EmptyField(required.to_string()));
                }
            }
            let number = match LicenceNumber::parse(field("licence_no")) {
                Ok(n) => Some(n),
                Err(error) if !field("licence_no").is_empty() => {
                    push(ImportProblem::BadLicenceNo {
                        value: field("licence_no").to_string(),
                        error,
                    });
                    None
                }
                Err(_) => None,
            };
            if let Some(n) = &number {
                match serial_lines.get(&n.serial()) {
                    Some(&first_line) => push(ImportProblem::DuplicateSerial {
                        serial: n.serial(),
                        first_line,
                    }),
                    None => {
                        serial_lines.insert(n.serial(), line);
                    }
                }
            }
            let first_issued = match field("first_issued") {
                "" => None,
                v => parse_date("first_issued", v).map_err(&mut push).ok(),
            };
            let status_date = match field("status_date") {
                "" => None,
                v => parse_date("status_date", v).map_err(&mut push).ok(),
            };
            let valid_until = parse_valid_until(field("valid_until"))
                .map_err(&mut push)
                .ok();
            let status = match (field("status"), Status::parse(field("status"))) {
                ("", _) => None,
                (_, Some(s)) => Some(s),
                (v, None) => {
                    push(ImportProblem::UnknownStatus(v.to_string()));
                    None
                }
            };
            let (refs, note) = match field("source").split_once("| note:") {
                Some((r, n)) => (r, Some(n.trim().to_string()).filter(|n| !n.is_empty())),
                None => (field("source"), None),
            };
            let merged_into = note.as_deref().and_then(merge_target);
            if status == Some(Status::Merged) && merged_into.is_none() {
                push(ImportProblem::MergedWithoutTarget);
            }
            if !row_errors.is_empty() {
                errors.extend(row_errors);
                continue;
            }
            let (Some(number), Some(first_issued), Some(valid_until), Some(status)) =
                (number, first_issued, valid_until, status)
            else {
                continue;
            };
            let name = field("name").to_string();
            let aliases: Vec<String> = field("short_names")
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            licences.push(Licence {
                line,
                name_key: normalise_name(&name),
                alias_keys: aliases.iter().map(|a| normalise_name(a)).collect(),
                name,
                aliases,
                number,
                business_types: field("business_types")
                    .split('|')
                    .filter(|s| !s.trim().is_empty())
                    .map(BusinessType::parse)
                    .collect(),
                coverage: parse_coverage(field("coverage")),
                first_issued,
                valid_until,
                status,
                status_date,
                references: refs
                    .split("; ")
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect(),
                note,
                merged_into,
            });
        }
        *done
    }

    /// The registry, or every problem found, each with its line.
    pub fn finish(mut self) -> Result<LicenceRegistry, ImportErrors> {
        while !self.step(usize::MAX) {}
        if self.errors.is_empty() && self.licences.is_empty() {
            return Err(ImportErrors(vec![ImportError {
                line: None,
                problem: ImportProblem::NoRows,
            }]));
        }
        if !self.errors.is_empty() {
            return Err(ImportErrors(self.errors));
        }
        self.licences.sort_by_key(|l| l.number.serial());
        Ok(LicenceRegistry {
            as_of: self.as_of,
            provenance: self.provenance,
            licences: self.licences,
        })
    }
}

impl LicenceRegistry {
    /// Parses licence CSV text: the shipped `public/data/licences.csv` or a user-imported list in
    /// the source format. Returns all problems, each with its line number; never panics. Text in
    /// fields (including anything that looks like HTML) is kept verbatim as data.
    /// [`RegistryParser`] does the same in steps.
    pub fn parse(text: &str) -> Result<LicenceRegistry, ImportErrors> {
        RegistryParser::new(text)?.finish()
    }

    /// Validates a user import: every rule of [`LicenceRegistry::parse`], plus an as-of date,
    /// from the file's `# as_of:` line or else `stated_as_of` (what the user entered). The file's
    /// own date wins, because it travels with the data.
    pub fn parse_import(
        text: &str,
        stated_as_of: Option<NaiveDate>,
    ) -> Result<LicenceRegistry, ImportErrors> {
        let mut registry = LicenceRegistry::parse(text)?;
        if registry.as_of.is_none() {
            registry.as_of = stated_as_of;
        }
        if registry.as_of.is_none() {
            return Err(ImportErrors(vec![ImportError {
                line: None,
                problem: ImportProblem::NoAsOfDate,
            }]));
        }
        Ok(registry)
    }
}

fn merge_target(note: &str) -> Option<LicenceNumber> {
    let start = note.find("merged into ")? + "merged into ".len();
    note.get(start..start + 14)
        .and_then(|n| LicenceNumber::parse(n).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::datasets::source_files;
    use crate::domain::licence::test_support::*;
    use crate::domain::licence::{check_digit, SearchOutcome};

    /// Counts and dates come from `sources/`, so a refreshed list needs no test edit.
    #[test]
    fn shipped_list_has_every_source_row_all_passing_the_check_digit() {
        let reg = registry();
        let rows = source_files::licence_rows();
        assert!(rows >= 271, "the PBoC has issued at least 271 licences");
        assert_eq!(reg.licences.len(), rows);
        assert_eq!(reg.as_of, source_as_of());
        let serials: Vec<u16> = reg.licences.iter().map(|l| l.number.serial()).collect();
        assert_eq!(serials, (1..=rows as u16).collect::<Vec<u16>>());
        for l in &reg.licences {
            let n = l.number.as_str();
            assert_eq!(check_digit(&n[..13]), Some(n.as_bytes()[13] - b'0'), "{n}");
        }
    }

    /// Read in steps (as the page does, drawing between them), a list gives what one pass gives:
    /// the same registry, or the same problems on the same lines.
    #[test]
    fn reading_in_steps_gives_what_one_pass_gives() {
        let stepwise = |text: &str, rows: usize| {
            let mut parser = RegistryParser::new(text)?;
            let mut steps = 1;
            while !parser.step(rows) {
                steps += 1;
            }
            parser.finish().map(|r| (r, steps))
        };
        let shipped = SHIPPED;
        let (registry, steps) = stepwise(shipped, 40).unwrap();
        assert_eq!(registry, LicenceRegistry::parse(shipped).unwrap());
        assert_eq!(steps, registry.licences.len() / 40 + 1, "40 rows a step");
        let (one_by_one, _) = stepwise(shipped, 1).unwrap();
        assert_eq!(one_by_one, registry);

        let bad = format!(
            "{HEADER}\n{GOOD_ROW}\n缺列,x,Z2002511000017\n{GOOD_ROW}\n坏日期,,Z2000133000019,支付交易处理Ⅰ类,全国,2011-5-3,长期,valid,,src"
        );
        let whole = LicenceRegistry::parse(&bad).unwrap_err();
        assert_eq!(whole.0.len(), 3, "{whole:?}");
        assert_eq!(stepwise(&bad, 1).unwrap_err(), whole);
        assert_eq!(stepwise(&bad, 2).unwrap_err(), whole);
    }

    #[test]
    fn import_accepts_a_minimal_list_without_as_of() {
        let reg = import(GOOD_ROW).unwrap();
        assert_eq!(reg.as_of, None);
        assert_eq!(reg.licences[0].line, 2);
        let SearchOutcome::NotFound(nf) = reg.search("某某支付") else {
            panic!()
        };
        assert!(nf.explanations[0].zh.contains("截至?"));
    }

    #[test]
    fn import_reports_every_problem_with_its_line() {
        let body = [
            GOOD_ROW,
            "缺列,x,Z2002511000017,支付交易处理Ⅰ类,全国",
            "坏编号,,Z2002511000016,支付交易处理Ⅰ类,全国,2011-12-22,长期,valid,,src",
            "坏日期,,Z2000133000019,支付交易处理Ⅰ类,全国,2011-5-3,长期,valid,2020-02-30,src",
            "重复,,Z2002511000017,支付交易处理Ⅰ类,全国,2011-12-22,长期,valid,,src",
            "状态,,Z2000231000010,支付交易处理Ⅰ类,全国,2011-05-03,2026-13-01,gone,,",
        ]
        .join("\n");
        let errors = import(&body).unwrap_err().0;
        let got: Vec<(Option<u64>, &ImportProblem)> =
            errors.iter().map(|e| (e.line, &e.problem)).collect();
        assert_eq!(
            got[0],
            (
                Some(3),
                &ImportProblem::FieldCount {
                    found: 5,
                    expected: 10
                }
            )
        );
        assert!(matches!(
            got[1],
            (
                Some(4),
                ImportProblem::BadLicenceNo {
                    error: LicenceNoError::CheckDigit { .. },
                    ..
                }
            )
        ));
        assert!(
            matches!(got[2], (Some(5), ImportProblem::BadDate { column, .. }) if column == "first_issued")
        );
        assert!(
            matches!(got[3], (Some(5), ImportProblem::BadDate { column, .. }) if column == "status_date")
        );
        assert_eq!(
            got[4],
            (
                Some(6),
                &ImportProblem::DuplicateSerial {
                    serial: 25,
                    first_line: 2
                }
            )
        );
        assert_eq!(
            got[5],
            (Some(7), &ImportProblem::EmptyField("source".into()))
        );
        assert!(matches!(got[6], (Some(7), ImportProblem::BadValidUntil(_))));
        assert_eq!(
            got[7],
            (Some(7), &ImportProblem::UnknownStatus("gone".into()))
        );
        assert_eq!(errors.len(), 8);
        assert!(errors.iter().all(|e| e.message().is_complete()));
        assert!(errors[0].message().zh.starts_with("第3行"));
    }

    #[test]
    fn import_rejects_empty_and_headerless_files() {
        let whole = |r: Result<LicenceRegistry, ImportErrors>| r.unwrap_err().0[0].problem.clone();
        assert_eq!(whole(LicenceRegistry::parse("")), ImportProblem::EmptyFile);
        assert_eq!(
            whole(LicenceRegistry::parse("  \n\n")),
            ImportProblem::EmptyFile
        );
        assert_eq!(
            whole(LicenceRegistry::parse("# as_of: 2026-10-02\n")),
            ImportProblem::EmptyFile
        );
        assert_eq!(whole(LicenceRegistry::parse(HEADER)), ImportProblem::NoRows);
        assert_eq!(
            whole(LicenceRegistry::parse("name,licence_no\nA,Z2002511000017")),
            ImportProblem::MissingColumns(vec![
                "short_names".into(),
                "business_types".into(),
                "coverage".into(),
                "first_issued".into(),
                "valid_until".into(),
                "status".into(),
                "status_date".into(),
                "source".into(),
            ])
        );
        assert!(matches!(
            whole(LicenceRegistry::parse("\u{0}\u{ff}garbage")),
            ImportProblem::MissingColumns(_)
        ));
    }

    #[test]
    fn html_in_names_is_kept_as_plain_text() {
        let row = "\"<script>alert(1)</script>支付有限公司\",<b>x</b>,Z2002511000017,支付交易处理Ⅰ类,全国,2011-12-22,长期,valid,,src";
        let reg = import(row).unwrap();
        assert_eq!(
            reg.licences[0].name,
            "<script>alert(1)</script>支付有限公司"
        );
        assert_eq!(reg.licences[0].aliases, vec!["<b>x</b>".to_string()]);
    }

    #[test]
    fn user_import_needs_an_as_of_date_from_file_or_user() {
        let body = format!("{HEADER}\n{GOOD_ROW}");
        let errors = LicenceRegistry::parse_import(&body, None).unwrap_err().0;
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].problem, ImportProblem::NoAsOfDate);
        assert!(errors[0].message().zh.contains("as_of"));
        let stated = NaiveDate::from_ymd_opt(2027, 1, 15);
        let reg = LicenceRegistry::parse_import(&body, stated).unwrap();
        assert_eq!(reg.as_of_text(), "2027-01-15");
        // The file's own date wins over what the user typed.
        let dated = format!("# as_of: 2027-03-01; source: test\n{body}");
        let reg = LicenceRegistry::parse_import(&dated, stated).unwrap();
        assert_eq!(reg.as_of_text(), "2027-03-01");
        // A bad row is still rejected, whatever date is given.
        let bad = format!(
            "{HEADER}\n{}",
            GOOD_ROW.replace("Z2002511000017", "Z2002511000018")
        );
        let errors = LicenceRegistry::parse_import(&bad, stated).unwrap_err().0;
        assert_eq!(errors[0].line, Some(2));
        assert!(matches!(
            errors[0].problem,
            ImportProblem::BadLicenceNo {
                error: LicenceNoError::CheckDigit { .. },
                ..
            }
        ));
    }

    #[test]
    fn merged_row_without_target_is_rejected() {
        let row = "甲,,Z2002511000017,支付交易处理Ⅰ类,全国,2011-12-22,,merged,,src | note: merged somewhere";
        let errors = import(row).unwrap_err().0;
        assert_eq!(errors[0].problem, ImportProblem::MergedWithoutTarget);
    }
}
