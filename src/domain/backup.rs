//! The backup file: export, full validation before import, merge planning, and a CSV of events.
//!
//! A backup is one JSON document:
//! `{"format": "pos-helper-backup", "version": 2, "exported_at": "2026-11-23T10:00:00",
//!   "cases": [Case…], "events": [Event…],
//!   "attachments": [{"id", "name", "mime", "size", "data_base64"}…], "profile": {Profile}}`.
//! Cases and events are serialised exactly as [`super::case`] defines them, the optional
//! `profile` (the merchant's own particulars, "我的信息") as [`super::party::Profile`]. Base64
//! exists only inside the file; callers always get bytes.
//!
//! Versions: 1 had no profile; 2 added the optional `profile`. Both are read: a version 1 file
//! imports exactly as it always did (a `profile` in it is ignored like any unknown field).
//!
//! Import is all-or-nothing: [`validate_backup`] checks everything (size, syntax, format,
//! version, types, dates, limits, duplicate ids, references, attachment sizes) and returns either
//! a [`ValidatedBackup`] or every problem found (up to [`MAX_REPORTED_ERRORS`]); the caller writes
//! nothing unless it got `Ok`. Text containing HTML or script is accepted verbatim: it is data,
//! and escaping is the view's job.
//!
//! # Public API
//! - [`export_backup`] → JSON string; [`AttachmentBlob`] carries decoded bytes; the profile is
//!   written only when [`profile_has_content`].
//! - [`validate_backup`] → `Result<ValidatedBackup, Vec<BackupError>>` (with
//!   [`ValidatedBackup::profile`]); [`BackupError::message`] is bilingual.
//! - [`plan_merge`] with [`ExistingIds`] → [`MergePlan`] `{to_add, to_skip}`: records whose id is
//!   already stored are skipped, so importing twice never duplicates.
//! - [`events_to_csv`] → UTF-8 CSV with a BOM (Excel/WPS open Chinese intact), Chinese headers
//!   [`CSV_COLUMNS`] (English names beside them).
//! - Limits: [`MAX_BACKUP_BYTES`], [`MAX_CASES`], [`MAX_EVENTS`], [`MAX_ATTACHMENTS`].

use std::collections::{HashMap, HashSet};

use base64::Engine as _;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::case::{chronological, AttachmentMeta, Case, Event, FieldError};
use super::party::Profile;
use super::text::Bilingual;

pub const BACKUP_FORMAT: &str = "pos-helper-backup";
/// The version [`export_backup`] writes.
pub const BACKUP_VERSION: u64 = 2;
/// The oldest version [`validate_backup`] still reads (version 1: no profile).
pub const MIN_BACKUP_VERSION: u64 = 1;
/// Whole file. Browsers hold the file and its parse in memory at once; 50 MB keeps a phone safe.
pub const MAX_BACKUP_BYTES: usize = 50 * 1024 * 1024;
pub const MAX_CASES: usize = 10_000;
pub const MAX_EVENTS: usize = 200_000;
pub const MAX_ATTACHMENTS: usize = 20_000;
/// Past this many problems the list ends with [`BackupError::TooManyErrors`]: a broken file
/// should produce a readable list, not a million lines.
pub const MAX_REPORTED_ERRORS: usize = 100;

/// An attachment with its bytes (decoded from `data_base64`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentBlob {
    pub id: String,
    pub name: String,
    pub mime: String,
    pub data: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
struct AttachmentEntry {
    id: String,
    name: String,
    mime: String,
    size: u64,
    data_base64: String,
}

#[derive(Serialize)]
struct BackupFile<'a> {
    format: &'static str,
    version: u64,
    exported_at: NaiveDateTime,
    cases: &'a [Case],
    events: &'a [Event],
    attachments: Vec<AttachmentEntry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    profile: Option<&'a Profile>,
}

/// True when the profile holds anything the merchant typed (the kind alone is not content).
pub fn profile_has_content(profile: &Profile) -> bool {
    *profile
        != Profile {
            kind: profile.kind,
            ..Profile::default()
        }
}

/// Which list a record came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Case,
    Event,
    Attachment,
}

impl RecordKind {
    fn label(self) -> Bilingual {
        match self {
            RecordKind::Case => Bilingual::new("案件", "case"),
            RecordKind::Event => Bilingual::new("记录", "event"),
            RecordKind::Attachment => Bilingual::new("附件", "attachment"),
        }
    }
}

/// One reason a backup cannot be imported. `at` names the place, e.g. `events[12]`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    #[error("the file is {actual} bytes; at most {max} can be imported")]
    TooLarge { max: usize, actual: usize },
    #[error("the file is empty")]
    Empty,
    #[error("the file ends too early (line {line}, column {column}): it was probably cut off")]
    Truncated { line: usize, column: usize },
    #[error("not valid JSON at line {line}, column {column}: {detail}")]
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("the file is not a backup of this app (no JSON object at the top)")]
    NotAnObject,
    #[error("missing field {field}")]
    MissingField { field: String },
    #[error("not a backup of this app (format {found:?})")]
    WrongFormat { found: String },
    #[error("backup version {found} is not supported (this app reads versions {MIN_BACKUP_VERSION} to {BACKUP_VERSION})")]
    UnsupportedVersion { found: String },
    #[error("{at}: expected {expected}")]
    WrongType { at: String, expected: &'static str },
    #[error("{at}: {detail}")]
    InvalidRecord { at: String, detail: String },
    #[error("{at}.{field}: invalid date {value:?}")]
    InvalidDate {
        at: String,
        field: String,
        value: String,
    },
    #[error("{at}: {}", .errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    InvalidFields { at: String, errors: Vec<FieldError> },
    #[error("too many {what:?} records: {actual}, at most {max}")]
    TooManyRecords {
        what: RecordKind,
        max: usize,
        actual: usize,
    },
    #[error("{at}: duplicate {what:?} id {id:?}")]
    DuplicateId {
        at: String,
        what: RecordKind,
        id: String,
    },
    #[error("{at}: event belongs to case {case_id:?}, which is not in the backup")]
    EventWithoutCase { at: String, case_id: String },
    #[error("{at}: attachment {attachment_id:?} is referenced but not in the backup")]
    MissingAttachment { at: String, attachment_id: String },
    #[error("{at}: attachment {id:?} declares {declared} bytes but holds {actual}")]
    SizeMismatch {
        at: String,
        id: String,
        declared: u64,
        actual: u64,
    },
    #[error("{at}: attachment data is not valid base64")]
    BadBase64 { at: String },
    #[error("more than {MAX_REPORTED_ERRORS} problems; the rest are not listed")]
    TooManyErrors,
    /// The file's bytes are not the ones the event's `sha256` describes: the backup was
    /// altered or damaged after export. Checked by the storage layer (the browser hashes).
    #[error("{at}: attachment {id:?} has SHA-256 {actual}, but the backup says {expected}: the file was changed or damaged")]
    ChecksumMismatch {
        at: String,
        id: String,
        expected: String,
        actual: String,
    },
    /// The backup carries checksums but this page cannot compute SHA-256 (no `crypto.subtle`
    /// outside https/localhost), so the files cannot be verified.
    #[error("this page cannot verify the backup's checksums (SHA-256 needs https); open the app over https and import again")]
    ChecksumUnavailable,
}

impl BackupError {
    pub fn message(&self) -> Bilingual {
        use BackupError as E;
        let en = self.to_string();
        let zh = match self {
            E::TooLarge { max, actual } => {
                format!("文件有{actual}字节，超过可导入的上限{max}字节")
            }
            E::Empty => "文件是空的".to_owned(),
            E::Truncated { line, column } => {
                format!("文件在第{line}行第{column}列提前结束，可能没有复制或下载完整")
            }
            E::NotJson {
                line,
                column,
                detail,
            } => format!("第{line}行第{column}列不是有效的JSON：{detail}"),
            E::NotAnObject => "这不是本应用的备份文件（顶层不是JSON对象）".to_owned(),
            E::MissingField { field } => format!("缺少字段 {field}"),
            E::WrongFormat { found } => format!("这不是本应用的备份文件（format 为 {found:?}）"),
            E::UnsupportedVersion { found } => format!(
                "不支持备份版本 {found}（本应用读取版本{MIN_BACKUP_VERSION}至{BACKUP_VERSION}）；如果备份来自更新的版本，请先更新应用"
            ),
            E::WrongType { at, expected } => format!("{at}：类型不对，应为{}", zh_type(expected)),
            E::InvalidRecord { at, detail } => format!("{at}：内容无效（{detail}）"),
            E::InvalidDate { at, field, value } => {
                format!("{at}.{field}：日期无效 {value:?}")
            }
            E::InvalidFields { at, errors } => format!(
                "{at}：{}",
                errors
                    .iter()
                    .map(|e| e.message().zh)
                    .collect::<Vec<_>>()
                    .join("；")
            ),
            E::TooManyRecords { what, max, actual } => {
                format!("{}太多：{actual}条，最多{max}条", what.label().zh)
            }
            E::DuplicateId { at, what, id } => {
                format!("{at}：{}编号重复 {id:?}", what.label().zh)
            }
            E::EventWithoutCase { at, case_id } => {
                format!("{at}：所属案件 {case_id:?} 不在备份中")
            }
            E::MissingAttachment { at, attachment_id } => {
                format!("{at}：引用的附件 {attachment_id:?} 不在备份中")
            }
            E::SizeMismatch {
                at,
                id,
                declared,
                actual,
            } => format!("{at}：附件 {id:?} 声明{declared}字节，实际{actual}字节"),
            E::BadBase64 { at } => format!("{at}：附件数据不是有效的base64"),
            E::TooManyErrors => format!("问题超过{MAX_REPORTED_ERRORS}个，其余未列出"),
            E::ChecksumMismatch { at, id, .. } => format!(
                "{at}：附件 {id:?} 的内容与备份记录的SHA-256校验值不符，文件被修改或已损坏"
            ),
            E::ChecksumUnavailable => {
                "本页面无法校验备份中的SHA-256（需要https），请通过https打开应用后再导入".to_owned()
            }
        };
        Bilingual { zh, en }
    }
}

/// What a merchant reads when a backup is refused: one plain sentence for the main problem
/// (what is wrong and what to do), without parser text, field names or record positions, and
/// the promise that nothing was written. The detailed [`BackupError::message`]s stay for tests
/// and developers.
pub fn refusal_message(errors: &[BackupError]) -> Bilingual {
    use BackupError as E;
    const FROM_EXPORT_ZH: &str = "请选择用“导出备份”保存的 .json 文件。";
    const FROM_EXPORT_EN: &str = "Choose the .json file that “Export backup” saved.";
    let not_ours = || {
        Bilingual::new(
            format!("这个文件不是本站导出的备份文件，或已损坏。{FROM_EXPORT_ZH}"),
            format!(
                "This file is not a backup made by this site, or it is damaged. {FROM_EXPORT_EN}"
            ),
        )
    };
    let in_profile = |at: &str| at == "profile" || at.starts_with("profile.");
    let at_of = |e: &BackupError| -> Option<String> {
        match e {
            E::WrongType { at, .. }
            | E::InvalidRecord { at, .. }
            | E::InvalidDate { at, .. }
            | E::InvalidFields { at, .. } => Some(at.clone()),
            _ => None,
        }
    };
    // The first problem decides the sentence: the checks run from the file's shape inward.
    let main = match errors.first() {
        None => not_ours(),
        Some(E::TooLarge { max, .. }) => {
            let mb = *max as f64 / 1_048_576.0;
            Bilingual::new(
                format!("这个文件太大，本站最多只能导入{mb:.0} MB的备份。请确认选的是本站导出的备份文件。"),
                format!("This file is too large: this site imports backups of at most {mb:.0} MB. Check that you chose a backup made by this site."),
            )
        }
        Some(E::Empty) => Bilingual::new(
            format!("这个文件是空的。{FROM_EXPORT_ZH}"),
            format!("This file is empty. {FROM_EXPORT_EN}"),
        ),
        Some(E::Truncated { .. }) => Bilingual::new(
            "这个文件不完整，可能没有下载或复制完。请找到原来的备份文件，或在原设备上重新“导出备份”。",
            "This file is incomplete: it was probably not fully downloaded or copied. Find the original backup, or export again on the first device.",
        ),
        Some(E::UnsupportedVersion { .. }) => Bilingual::new(
            "这个备份来自更新版本的本站，当前页面还读不了。请刷新页面更新本站后再导入。",
            "This backup comes from a newer version of this site. Reload the page to update it, then import again.",
        ),
        Some(E::ChecksumUnavailable) => Bilingual::new(
            "这个页面无法检查备份里的附件是否完整。请用以 https:// 开头的地址打开本站后再导入。",
            "This page cannot check that the backup's files are intact. Open this site at an address starting with https:// and import again.",
        ),
        Some(E::ChecksumMismatch { .. } | E::SizeMismatch { .. } | E::BadBase64 { .. }) => {
            Bilingual::new(
                format!("备份里的照片或文件已损坏或被改动过。{FROM_EXPORT_ZH}"),
                format!("Photos or files inside this backup are damaged or were changed. {FROM_EXPORT_EN}"),
            )
        }
        Some(E::TooManyRecords { .. }) => Bilingual::new(
            "这个备份里的案件或记录超过本站能保存的数量，无法导入。请确认选的是本站导出的备份文件。",
            "This backup holds more cases or records than this site can keep. Check that you chose a backup made by this site.",
        ),
        Some(e) if at_of(e).is_some_and(|at| in_profile(&at)) => Bilingual::new(
            format!("备份里的“我的信息”部分已损坏或被改动过，所以整个文件都没有导入。{FROM_EXPORT_ZH}"),
            format!("The “My details” part of this backup is damaged or was changed, so none of the file was imported. {FROM_EXPORT_EN}"),
        ),
        Some(
            E::NotJson { .. } | E::NotAnObject | E::MissingField { .. } | E::WrongFormat { .. },
        ) => not_ours(),
        Some(_) => Bilingual::new(
            format!("这个备份文件里有内容不完整或前后矛盾（可能被编辑过或已损坏）。{FROM_EXPORT_ZH}"),
            format!("Parts of this backup are incomplete or contradict each other (it may have been edited or damaged). {FROM_EXPORT_EN}"),
        ),
    };
    Bilingual::new(
        format!("{}未写入任何内容，您的日记没有改动。", main.zh),
        format!("{} Nothing was written; your diary is unchanged.", main.en),
    )
}

fn zh_type(expected: &str) -> &'static str {
    match expected {
        "an array" => "数组",
        "an object" => "对象",
        "an integer" => "整数",
        "a string" => "文本",
        _ => "正确类型",
    }
}

/// A backup that passed every check; safe to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidatedBackup {
    pub exported_at: NaiveDateTime,
    pub cases: Vec<Case>,
    pub events: Vec<Event>,
    /// Only attachments some event refers to.
    pub attachments: Vec<AttachmentBlob>,
    /// Attachments in the file that no event refers to; they are left out (not an error: a
    /// deleted event may leave its file behind).
    pub unreferenced_attachment_ids: Vec<String>,
    /// The merchant's particulars, when the file carries them (version 2 and later). The
    /// caller stores them after the records are written.
    pub profile: Option<Profile>,
}

/// Serialises a backup. Attachment `size` is taken from the bytes, so it cannot disagree. The
/// profile is written when given and not empty ([`profile_has_content`]).
pub fn export_backup(
    exported_at: NaiveDateTime,
    cases: &[Case],
    events: &[Event],
    attachments: &[AttachmentBlob],
    profile: Option<&Profile>,
) -> String {
    let engine = base64::engine::general_purpose::STANDARD;
    let file = BackupFile {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        exported_at,
        cases,
        events,
        attachments: attachments
            .iter()
            .map(|a| AttachmentEntry {
                id: a.id.clone(),
                name: a.name.clone(),
                mime: a.mime.clone(),
                size: a.data.len() as u64,
                data_base64: engine.encode(&a.data),
            })
            .collect(),
        profile: profile.filter(|p| profile_has_content(p)),
    };
    // Plain structs with string keys: serde_json cannot fail on them.
    serde_json::to_string_pretty(&file).expect("backup structs always serialise")
}

/// Collects errors up to [`MAX_REPORTED_ERRORS`].
struct Errors(Vec<BackupError>);

impl Errors {
    fn push(&mut self, error: BackupError) {
        if self.0.len() < MAX_REPORTED_ERRORS {
            self.0.push(error);
        } else if self.0.last() != Some(&BackupError::TooManyErrors) {
            self.0.push(BackupError::TooManyErrors);
        }
    }
}

const CASE_DATE_FIELDS: &[(&str, bool)] = &[
    ("purchase_date", false),
    ("created_at", true),
    ("updated_at", true),
    ("last_exported_at", true),
];
const EVENT_DATE_FIELDS: &[(&str, bool)] = &[("at", true), ("promised_by", false)];
const PROFILE_DATE_FIELDS: &[(&str, bool)] = &[("birth_date", false)];

/// Reports unparsable dates by field name before serde turns them into a generic message.
/// `(field, has_time)`; null and absent values are left to serde (optional fields).
fn check_dates(at: &str, object: &Value, fields: &[(&str, bool)], errors: &mut Errors) -> bool {
    let mut ok = true;
    for (field, has_time) in fields {
        let Some(Value::String(text)) = object.get(*field) else {
            continue;
        };
        let valid = if *has_time {
            text.parse::<NaiveDateTime>().is_ok()
        } else {
            text.parse::<NaiveDate>().is_ok()
        };
        if !valid {
            ok = false;
            errors.push(BackupError::InvalidDate {
                at: at.to_owned(),
                field: (*field).to_owned(),
                value: text.chars().take(40).collect(),
            });
        }
    }
    ok
}

fn take_array(
    root: &mut serde_json::Map<String, Value>,
    field: &str,
    what: RecordKind,
    max: usize,
    required: bool,
    errors: &mut Errors,
) -> Vec<Value> {
    match root.remove(field) {
        Some(Value::Array(items)) if items.len() > max => {
            errors.push(BackupError::TooManyRecords {
                what,
                max,
                actual: items.len(),
            });
            Vec::new()
        }
        Some(Value::Array(items)) => items,
        None if !required => Vec::new(),
        None => {
            errors.push(BackupError::MissingField {
                field: field.to_owned(),
            });
            Vec::new()
        }
        Some(_) => {
            errors.push(BackupError::WrongType {
                at: field.to_owned(),
                expected: "an array",
            });
            Vec::new()
        }
    }
}

fn json_error(e: &serde_json::Error) -> BackupError {
    match e.classify() {
        serde_json::error::Category::Eof => BackupError::Truncated {
            line: e.line(),
            column: e.column(),
        },
        _ => BackupError::NotJson {
            line: e.line(),
            column: e.column(),
            detail: e.to_string(),
        },
    }
}

/// Parses one record: object check, named date errors, serde, then field validation.
fn parse_record<T: serde::de::DeserializeOwned>(
    at: &str,
    value: Value,
    date_fields: &[(&str, bool)],
    validate: impl Fn(&T) -> Result<(), Vec<FieldError>>,
    errors: &mut Errors,
) -> Option<T> {
    if !value.is_object() {
        errors.push(BackupError::WrongType {
            at: at.to_owned(),
            expected: "an object",
        });
        return None;
    }
    if !check_dates(at, &value, date_fields, errors) {
        return None;
    }
    let record: T = match serde_json::from_value(value) {
        Ok(record) => record,
        Err(e) => {
            errors.push(BackupError::InvalidRecord {
                at: at.to_owned(),
                detail: e.to_string(),
            });
            return None;
        }
    };
    if let Err(field_errors) = validate(&record) {
        errors.push(BackupError::InvalidFields {
            at: at.to_owned(),
            errors: field_errors,
        });
        return None;
    }
    Some(record)
}

/// Checks a backup file completely. Nothing should be written unless this returns `Ok`.
pub fn validate_backup(bytes: &[u8]) -> Result<ValidatedBackup, Vec<BackupError>> {
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(vec![BackupError::TooLarge {
            max: MAX_BACKUP_BYTES,
            actual: bytes.len(),
        }]);
    }
    // Windows editors add a BOM when a user opens and re-saves the file.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(vec![BackupError::Empty]);
    }
    let root: Value = serde_json::from_slice(bytes).map_err(|e| vec![json_error(&e)])?;
    let Value::Object(mut root) = root else {
        return Err(vec![BackupError::NotAnObject]);
    };

    // Format and version first: a different file or a newer app gets one clear message.
    match root.get("format") {
        None => {
            return Err(vec![BackupError::MissingField {
                field: "format".into(),
            }])
        }
        Some(Value::String(s)) if s == BACKUP_FORMAT => {}
        Some(other) => {
            return Err(vec![BackupError::WrongFormat {
                found: short_json(other),
            }])
        }
    }
    let version = match root.get("version") {
        None => {
            return Err(vec![BackupError::MissingField {
                field: "version".into(),
            }])
        }
        Some(Value::Number(n))
            if n.as_u64()
                .is_some_and(|v| (MIN_BACKUP_VERSION..=BACKUP_VERSION).contains(&v)) =>
        {
            n.as_u64().unwrap_or(MIN_BACKUP_VERSION)
        }
        Some(other) => {
            return Err(vec![BackupError::UnsupportedVersion {
                found: short_json(other),
            }])
        }
    };

    let mut errors = Errors(Vec::new());
    let exported_at = match root.get("exported_at") {
        Some(Value::String(s)) => match s.parse::<NaiveDateTime>() {
            Ok(at) => Some(at),
            Err(_) => {
                errors.push(BackupError::InvalidDate {
                    at: "backup".into(),
                    field: "exported_at".into(),
                    value: s.chars().take(40).collect(),
                });
                None
            }
        },
        None => {
            errors.push(BackupError::MissingField {
                field: "exported_at".into(),
            });
            None
        }
        Some(_) => {
            errors.push(BackupError::WrongType {
                at: "exported_at".into(),
                expected: "a string",
            });
            None
        }
    };

    let raw_cases = take_array(
        &mut root,
        "cases",
        RecordKind::Case,
        MAX_CASES,
        true,
        &mut errors,
    );
    let raw_events = take_array(
        &mut root,
        "events",
        RecordKind::Event,
        MAX_EVENTS,
        true,
        &mut errors,
    );
    let raw_attachments = take_array(
        &mut root,
        "attachments",
        RecordKind::Attachment,
        MAX_ATTACHMENTS,
        false,
        &mut errors,
    );

    // Version 1 had no profile: whatever a version 1 file holds under that name is ignored, as
    // it always was. `null` is no profile.
    let profile = match root.remove("profile") {
        Some(value) if version >= 2 && !value.is_null() => parse_record(
            "profile",
            value,
            PROFILE_DATE_FIELDS,
            Profile::validate,
            &mut errors,
        ),
        _ => None,
    };

    let mut cases = Vec::with_capacity(raw_cases.len());
    let mut case_ids = HashSet::new();
    for (i, value) in raw_cases.into_iter().enumerate() {
        let at = format!("cases[{i}]");
        if let Some(case) = parse_record(&at, value, CASE_DATE_FIELDS, Case::validate, &mut errors)
        {
            if !case_ids.insert(case.id.clone()) {
                errors.push(BackupError::DuplicateId {
                    at,
                    what: RecordKind::Case,
                    id: case.id.clone(),
                });
            }
            cases.push(case);
        }
    }

    let mut events = Vec::with_capacity(raw_events.len());
    let mut event_ids = HashSet::new();
    for (i, value) in raw_events.into_iter().enumerate() {
        let at = format!("events[{i}]");
        if let Some(event) =
            parse_record(&at, value, EVENT_DATE_FIELDS, Event::validate, &mut errors)
        {
            if !event_ids.insert(event.id.clone()) {
                errors.push(BackupError::DuplicateId {
                    at: at.clone(),
                    what: RecordKind::Event,
                    id: event.id.clone(),
                });
            }
            events.push((at, event));
        }
    }

    let engine = base64::engine::general_purpose::STANDARD;
    let mut blobs: HashMap<String, AttachmentBlob> = HashMap::new();
    let mut blob_order = Vec::new();
    for (i, value) in raw_attachments.into_iter().enumerate() {
        let at = format!("attachments[{i}]");
        let Some(entry) = parse_record(
            &at,
            value,
            &[],
            |e: &AttachmentEntry| {
                AttachmentMeta {
                    id: e.id.clone(),
                    name: e.name.clone(),
                    mime: e.mime.clone(),
                    size: e.size,
                    sha256: None,
                    evidence: vec![],
                }
                .validate()
            },
            &mut errors,
        ) else {
            continue;
        };
        let data = match engine.decode(entry.data_base64.as_bytes()) {
            Ok(data) => data,
            Err(_) => {
                errors.push(BackupError::BadBase64 { at });
                continue;
            }
        };
        if data.len() as u64 != entry.size {
            errors.push(BackupError::SizeMismatch {
                at,
                id: entry.id,
                declared: entry.size,
                actual: data.len() as u64,
            });
            continue;
        }
        if blobs.contains_key(&entry.id) {
            errors.push(BackupError::DuplicateId {
                at,
                what: RecordKind::Attachment,
                id: entry.id,
            });
            continue;
        }
        blob_order.push(entry.id.clone());
        blobs.insert(
            entry.id.clone(),
            AttachmentBlob {
                id: entry.id,
                name: entry.name,
                mime: entry.mime,
                data,
            },
        );
    }

    // References: every event's case and every attachment it names must be in the file.
    let mut referenced = HashSet::new();
    for (at, event) in &events {
        if !case_ids.contains(&event.case_id) {
            errors.push(BackupError::EventWithoutCase {
                at: at.clone(),
                case_id: event.case_id.clone(),
            });
        }
        for meta in &event.attachments {
            referenced.insert(meta.id.as_str());
            match blobs.get(&meta.id) {
                None => errors.push(BackupError::MissingAttachment {
                    at: at.clone(),
                    attachment_id: meta.id.clone(),
                }),
                Some(blob) if blob.data.len() as u64 != meta.size => {
                    errors.push(BackupError::SizeMismatch {
                        at: at.clone(),
                        id: meta.id.clone(),
                        declared: meta.size,
                        actual: blob.data.len() as u64,
                    })
                }
                Some(_) => {}
            }
        }
    }

    if !errors.0.is_empty() {
        return Err(errors.0);
    }
    let Some(exported_at) = exported_at else {
        return Err(vec![BackupError::MissingField {
            field: "exported_at".into(),
        }]);
    };
    let (referenced_ids, unreferenced_attachment_ids): (Vec<String>, Vec<String>) = blob_order
        .into_iter()
        .partition(|id| referenced.contains(id.as_str()));
    let attachments = referenced_ids
        .into_iter()
        .filter_map(|id| blobs.remove(&id))
        .collect();
    Ok(ValidatedBackup {
        exported_at,
        cases,
        events: events.into_iter().map(|(_, e)| e).collect(),
        attachments,
        unreferenced_attachment_ids,
        profile,
    })
}

/// A value as a short string for error messages (a hostile file may put megabytes there).
fn short_json(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text
    }
}

// ---------------------------------------------------------------------------------------------
// Merge

/// Ids already in storage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExistingIds {
    pub cases: HashSet<String>,
    pub events: HashSet<String>,
    pub attachments: HashSet<String>,
}

/// Records of a backup, by reference.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergePart<'a> {
    pub cases: Vec<&'a Case>,
    pub events: Vec<&'a Event>,
    pub attachments: Vec<&'a AttachmentBlob>,
}

/// What an import will write (`to_add`) and what it leaves alone (`to_skip`: same id already
/// stored; the stored record wins, so re-importing a backup changes nothing).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergePlan<'a> {
    pub to_add: MergePart<'a>,
    pub to_skip: MergePart<'a>,
}

pub fn plan_merge<'a>(existing: &ExistingIds, backup: &'a ValidatedBackup) -> MergePlan<'a> {
    let mut plan = MergePlan::default();
    for case in &backup.cases {
        if existing.cases.contains(&case.id) {
            plan.to_skip.cases.push(case);
        } else {
            plan.to_add.cases.push(case);
        }
    }
    for event in &backup.events {
        if existing.events.contains(&event.id) {
            plan.to_skip.events.push(event);
        } else {
            plan.to_add.events.push(event);
        }
    }
    for blob in &backup.attachments {
        if existing.attachments.contains(&blob.id) {
            plan.to_skip.attachments.push(blob);
        } else {
            plan.to_add.attachments.push(blob);
        }
    }
    plan
}

// ---------------------------------------------------------------------------------------------
// CSV

/// CSV columns: the Chinese header written to the file, and its English name.
pub const CSV_COLUMNS: [(&str, &str); 14] = [
    ("案件编号", "case id"),
    ("案件标题", "case title"),
    ("事件编号", "event id"),
    ("时间", "time"),
    ("类型", "kind"),
    ("对方", "counterparty"),
    ("渠道", "channel"),
    ("联系人", "person"),
    ("工单号", "ticket no."),
    ("内容/承诺", "what was said or promised"),
    ("承诺期限", "promised by"),
    ("金额（元）", "amount (yuan)"),
    ("附件", "attachments"),
    ("证据标签", "evidence tags"),
];

/// 分 → "12.34" / "-0.05".
pub fn fen_to_yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Spreadsheets run a cell starting with = + - @ as a formula (CSV injection); a leading `'`
/// makes Excel/WPS show it as text. Only free-text cells get this, never numbers.
fn text_cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// All events, oldest first (ties by id), as CSV with a UTF-8 BOM and Chinese headers.
pub fn events_to_csv(cases: &[Case], events: &[Event]) -> Result<Vec<u8>, csv::Error> {
    let titles: HashMap<&str, &str> = cases
        .iter()
        .map(|c| (c.id.as_str(), c.title.as_str()))
        .collect();
    let sorted = chronological(events);

    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        writer.write_record(CSV_COLUMNS.iter().map(|(zh, _)| *zh))?;
        for e in sorted {
            let attachments = e
                .attachments
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join("; ");
            writer.write_record([
                text_cell(&e.case_id),
                text_cell(titles.get(e.case_id.as_str()).copied().unwrap_or("")),
                text_cell(&e.id),
                e.at.format("%Y-%m-%d %H:%M").to_string(),
                e.kind.label().zh,
                text_cell(&e.counterparty),
                e.channel.map(|c| c.label().zh).unwrap_or_default(),
                text_cell(&e.person),
                text_cell(&e.ticket_no),
                text_cell(&e.said),
                e.promised_by
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                e.amount_fen.map(fen_to_yuan).unwrap_or_default(),
                text_cell(&attachments),
                e.evidence.join("; "),
            ])?;
        }
        writer.flush()?;
    }
    Ok(out)
}

// ---- password-protected backups ------------------------------------------------------------

/// The `format` of a password-protected backup (see [`encode_envelope`]).
pub const ENCRYPTED_FORMAT: &str = "pos-helper-encrypted-backup";
/// The envelope version [`encode_envelope`] writes and [`open_backup_file`] reads.
pub const ENCRYPTED_VERSION: u64 = 1;
/// The only cipher of version 1: AES with a 256-bit key in GCM mode, 128-bit tag appended to
/// the ciphertext (as WebCrypto returns it).
pub const CIPHER: &str = "AES-256-GCM";
/// The only key derivation of version 1: PBKDF2 with HMAC-SHA-256 over the password's UTF-8
/// bytes, exactly as typed (no trimming, no normalisation).
pub const KDF: &str = "PBKDF2-SHA-256";
/// Iterations written on export: OWASP's 2023 recommendation for PBKDF2-HMAC-SHA-256.
pub const KDF_ITERATIONS: u32 = 600_000;
/// Fewer iterations than this are refused on import: this app never writes fewer, so such a
/// file was made elsewhere with weaker protection than promised, or its header was edited.
pub const MIN_KDF_ITERATIONS: u32 = KDF_ITERATIONS;
/// More than this are refused too: a file must not be able to freeze the phone for minutes
/// before the password can even be checked.
pub const MAX_KDF_ITERATIONS: u32 = 10_000_000;
pub const SALT_BYTES: usize = 16;
pub const NONCE_BYTES: usize = 12;
pub const TAG_BYTES: usize = 16;
/// Shortest export password, in characters (a Chinese character counts as one).
pub const MIN_PASSWORD_CHARS: usize = 8;
/// Whole encrypted file: the largest importable backup in base64 plus room for the header.
pub const MAX_ENCRYPTED_BYTES: usize = MAX_BACKUP_BYTES.div_ceil(3) * 4 + 4096;

/// The parts of a password-protected backup. `ciphertext` ends with the 16-byte GCM tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub nonce: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

#[derive(Serialize)]
struct EnvelopeFile<'a> {
    format: &'static str,
    version: u64,
    cipher: &'static str,
    kdf: &'static str,
    iterations: u32,
    salt: String,
    nonce: String,
    ciphertext: &'a str,
}

/// The envelope as JSON: the header fields first, then the base64 (standard alphabet, padded)
/// ciphertext. What is encrypted is a whole plain backup file ([`export_backup`]).
pub fn encode_envelope(sealed: &Sealed) -> String {
    let engine = base64::engine::general_purpose::STANDARD;
    let ciphertext = engine.encode(&sealed.ciphertext);
    let file = EnvelopeFile {
        format: ENCRYPTED_FORMAT,
        version: ENCRYPTED_VERSION,
        cipher: CIPHER,
        kdf: KDF,
        iterations: sealed.iterations,
        salt: engine.encode(&sealed.salt),
        nonce: engine.encode(&sealed.nonce),
        ciphertext: &ciphertext,
    };
    serde_json::to_string_pretty(&file).expect("envelope structs always serialise")
}

/// What a chosen file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenedFile<'a> {
    /// Anything that is not a password-protected envelope: [`validate_backup`] judges it.
    Plain(&'a [u8]),
    /// A password-protected backup whose header is sound; ask for the password.
    Encrypted(Sealed),
}

/// Why a password-protected backup cannot be opened. Every message says nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    #[error("the encrypted file is {actual} bytes; at most {max} can be imported")]
    TooLarge { max: usize, actual: usize },
    #[error("the encrypted file is damaged: {detail}")]
    Damaged { detail: String },
    #[error("encrypted backup version {found} is not supported (this app reads version {ENCRYPTED_VERSION})")]
    UnsupportedVersion { found: String },
    #[error("unknown encryption {found} (this app reads {CIPHER} with {KDF})")]
    UnknownAlgorithm { found: String },
    #[error("{found} key-derivation iterations; this app accepts {MIN_KDF_ITERATIONS} to {MAX_KDF_ITERATIONS}")]
    Iterations { found: String },
    /// The GCM tag did not verify: the password differs from the export's, or a byte of the
    /// file changed. AES-GCM cannot tell the two apart, so neither can the message.
    #[error("wrong password, or the file was changed")]
    WrongPasswordOrChanged,
    #[error("no password was entered")]
    NoPassword,
    /// No `crypto.subtle` (a page not on https or localhost).
    #[error("this page cannot decrypt (WebCrypto needs https)")]
    Unavailable,
}

const NOTHING_WRITTEN_ZH: &str = "未写入任何内容，您的日记没有改动。";
const NOTHING_WRITTEN_EN: &str = "Nothing was written; your diary is unchanged.";

impl EnvelopeError {
    /// Plain words for the merchant: what is wrong, what to do, and that nothing was written.
    pub fn message(&self) -> Bilingual {
        use EnvelopeError as E;
        let (zh, en) = match self {
            E::WrongPasswordOrChanged => (
                "密码不对，或文件已被改动。请核对密码（注意大小写）后再试；如果密码没错，请让对方重新发送原文件。",
                "Wrong password, or the file was changed. Check the password (capitals count) and try again; if it is right, ask for the original file again.",
            ),
            E::NoPassword => (
                "请先输入对方告诉您的密码。",
                "Enter the password you were given first.",
            ),
            E::Unavailable => (
                "这个页面无法解密。请用以 https:// 开头的地址打开本站后再导入。",
                "This page cannot decrypt. Open this site at an address starting with https:// and import again.",
            ),
            E::UnsupportedVersion { .. } | E::UnknownAlgorithm { .. } => (
                "这个加密备份来自更新版本的本站，或用了本站不认识的加密方式，当前页面打不开。请刷新页面更新本站后再试。",
                "This encrypted backup comes from a newer version of this site, or uses encryption this site does not know. Reload the page to update it, then try again.",
            ),
            E::Iterations { .. } => (
                "这个加密备份的保护强度不是本站设置的，可能被改动过或由其他工具制作。请让对方用本站重新导出。",
                "This encrypted backup's protection settings are not the ones this site uses: it may have been changed or made by another tool. Ask for it to be exported from this site again.",
            ),
            E::TooLarge { .. } | E::Damaged { .. } => (
                "这个加密备份文件不完整或已损坏。请让对方重新发送原文件。",
                "This encrypted backup is incomplete or damaged. Ask for the original file again.",
            ),
        };
        if matches!(self, E::NoPassword) {
            return Bilingual::new(zh, en);
        }
        Bilingual::new(
            format!("{zh}{NOTHING_WRITTEN_ZH}"),
            format!("{en} {NOTHING_WRITTEN_EN}"),
        )
    }
}

/// An export password that is too short gets this message; `None` when it is long enough.
/// Empty means "no password" and is the caller's business.
pub fn password_too_short(password: &str) -> Option<Bilingual> {
    (password.chars().count() < MIN_PASSWORD_CHARS).then(|| {
        Bilingual::new(
            format!("密码至少要{MIN_PASSWORD_CHARS}个字符，文件还没有导出。"),
            format!("The password needs at least {MIN_PASSWORD_CHARS} characters; nothing was exported yet."),
        )
    })
}

/// Tells a password-protected backup from anything else, and checks its header completely
/// (format, version, cipher, KDF, iteration range, salt and nonce lengths, base64) before any
/// password is asked for. A file is taken for an envelope when its `format` is
/// [`ENCRYPTED_FORMAT`]; everything else is [`OpenedFile::Plain`], left to
/// [`validate_backup`] (a plain backup never pays for a second parse: the marker must appear in
/// the first 512 bytes, where every envelope this app writes has it).
pub fn open_backup_file(bytes: &[u8]) -> Result<OpenedFile<'_>, EnvelopeError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &body[..body.len().min(512)];
    let marker = format!("\"{ENCRYPTED_FORMAT}\"");
    if !head.windows(marker.len()).any(|w| w == marker.as_bytes()) {
        return Ok(OpenedFile::Plain(bytes));
    }
    if bytes.len() > MAX_ENCRYPTED_BYTES {
        return Err(EnvelopeError::TooLarge {
            max: MAX_ENCRYPTED_BYTES,
            actual: bytes.len(),
        });
    }
    let damaged = |detail: &str| EnvelopeError::Damaged {
        detail: detail.to_owned(),
    };
    let root: Value = serde_json::from_slice(body).map_err(|e| damaged(&e.to_string()))?;
    let Value::Object(root) = root else {
        return Ok(OpenedFile::Plain(bytes));
    };
    if root.get("format").and_then(Value::as_str) != Some(ENCRYPTED_FORMAT) {
        return Ok(OpenedFile::Plain(bytes));
    }
    match root.get("version") {
        Some(Value::Number(n)) if n.as_u64() == Some(ENCRYPTED_VERSION) => {}
        None => return Err(damaged("missing version")),
        Some(other) => {
            return Err(EnvelopeError::UnsupportedVersion {
                found: short_json(other),
            })
        }
    }
    for (field, want) in [("cipher", CIPHER), ("kdf", KDF)] {
        match root.get(field) {
            Some(Value::String(s)) if s == want => {}
            None => return Err(damaged(&format!("missing {field}"))),
            Some(other) => {
                return Err(EnvelopeError::UnknownAlgorithm {
                    found: short_json(other),
                })
            }
        }
    }
    let iterations = match root.get("iterations") {
        None => return Err(damaged("missing iterations")),
        Some(Value::Number(n)) => match n.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) if (MIN_KDF_ITERATIONS..=MAX_KDF_ITERATIONS).contains(&n) => n,
            _ => {
                return Err(EnvelopeError::Iterations {
                    found: n.to_string(),
                })
            }
        },
        Some(other) => {
            return Err(EnvelopeError::Iterations {
                found: short_json(other),
            })
        }
    };
    let engine = base64::engine::general_purpose::STANDARD;
    let bytes_of = |field: &str| -> Result<Vec<u8>, EnvelopeError> {
        let text = root
            .get(field)
            .and_then(Value::as_str)
            .ok_or_else(|| damaged(&format!("{field} is missing or not text")))?;
        engine
            .decode(text)
            .map_err(|_| damaged(&format!("{field} is not base64")))
    };
    let salt = bytes_of("salt")?;
    let nonce = bytes_of("nonce")?;
    let ciphertext = bytes_of("ciphertext")?;
    if salt.len() < SALT_BYTES {
        return Err(damaged("salt is shorter than 16 bytes"));
    }
    if nonce.len() != NONCE_BYTES {
        return Err(damaged("nonce is not 12 bytes"));
    }
    if ciphertext.len() < TAG_BYTES {
        return Err(damaged("ciphertext is shorter than the tag"));
    }
    Ok(OpenedFile::Encrypted(Sealed {
        iterations,
        salt,
        nonce,
        ciphertext,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::case::tests::{dt, sample_case, sample_event};
    use super::super::case::{EventKind, FieldProblem, MAX_LONG_CHARS};
    use super::*;
    use serde_json::json;

    fn blob(id: &str, data: &[u8]) -> AttachmentBlob {
        AttachmentBlob {
            id: id.into(),
            name: format!("{id}.jpg"),
            mime: "image/jpeg".into(),
            data: data.to_vec(),
        }
    }

    fn fixture() -> (Vec<Case>, Vec<Event>, Vec<AttachmentBlob>) {
        let cases = vec![sample_case("c1"), sample_case("c2")];
        let mut e1 = sample_event("e1", "c1", "2026-11-02 10:00", EventKind::Call);
        e1.attachments.push(AttachmentMeta {
            id: "a1".into(),
            name: "合同.jpg".into(),
            mime: "image/jpeg".into(),
            size: 5,
            sha256: None,
            evidence: vec!["contract".into()],
        });
        let mut e2 = sample_event("e2", "c1", "2026-11-03 10:00", EventKind::Charge);
        e2.amount_fen = Some(-29900);
        e2.said = "=HYPERLINK(\"x\")".into();
        let e3 = sample_event("e3", "c2", "2026-11-04 10:00", EventKind::Note);
        (cases, vec![e1, e2, e3], vec![blob("a1", b"hello")])
    }

    fn valid_text() -> String {
        let (cases, events, blobs) = fixture();
        export_backup(dt("2026-11-23 10:00"), &cases, &events, &blobs, None)
    }

    fn shop_profile() -> Profile {
        super::super::party::tests::shop()
    }

    fn text_with_profile() -> String {
        let (cases, events, blobs) = fixture();
        let profile = shop_profile();
        export_backup(
            dt("2026-11-23 10:00"),
            &cases,
            &events,
            &blobs,
            Some(&profile),
        )
    }

    /// A version 2 file with its profile replaced by `f`.
    fn with_profile(f: impl FnOnce(&mut Value)) -> Vec<u8> {
        let mut v: Value = serde_json::from_str(&text_with_profile()).unwrap();
        f(&mut v["profile"]);
        serde_json::to_vec(&v).unwrap()
    }

    fn valid_value() -> Value {
        serde_json::from_str(&valid_text()).unwrap()
    }

    fn with(f: impl FnOnce(&mut Value)) -> Vec<u8> {
        let mut v = valid_value();
        f(&mut v);
        serde_json::to_vec(&v).unwrap()
    }

    #[test]
    fn export_then_validate_round_trips() {
        let (cases, events, blobs) = fixture();
        let backup = validate_backup(valid_text().as_bytes()).unwrap();
        assert_eq!(backup.cases, cases);
        assert_eq!(backup.events, events);
        assert_eq!(backup.attachments, blobs);
        assert_eq!(backup.exported_at, dt("2026-11-23 10:00"));
        let v = valid_value();
        assert_eq!(v["format"], "pos-helper-backup");
        assert_eq!(v["version"], 2);
        assert!(v.get("profile").is_none(), "no profile given, none written");
        assert_eq!(backup.profile, None);
        assert_eq!(v["attachments"][0]["data_base64"], "aGVsbG8=");
        assert_eq!(v["attachments"][0]["size"], 5);
    }

    #[test]
    fn unreferenced_attachments_are_dropped_not_fatal() {
        let bytes = with(|v| {
            v["attachments"]
                .as_array_mut()
                .unwrap()
                .push(json!({"id": "orphan", "name": "x.png", "mime": "image/png", "size": 1, "data_base64": "AA=="}))
        });
        let backup = validate_backup(&bytes).unwrap();
        assert_eq!(backup.unreferenced_attachment_ids, ["orphan"]);
        assert_eq!(backup.attachments.len(), 1);
    }

    #[test]
    fn merge_never_duplicates() {
        let backup = validate_backup(valid_text().as_bytes()).unwrap();
        let plan = plan_merge(&ExistingIds::default(), &backup);
        assert_eq!(
            (
                plan.to_add.cases.len(),
                plan.to_add.events.len(),
                plan.to_add.attachments.len()
            ),
            (2, 3, 1)
        );
        assert!(plan.to_skip.cases.is_empty());
        // After importing everything, a second import skips everything.
        let existing = ExistingIds {
            cases: backup.cases.iter().map(|c| c.id.clone()).collect(),
            events: backup.events.iter().map(|e| e.id.clone()).collect(),
            attachments: backup.attachments.iter().map(|a| a.id.clone()).collect(),
        };
        let plan = plan_merge(&existing, &backup);
        assert_eq!(plan.to_add, MergePart::default());
        assert_eq!(plan.to_skip.events.len(), 3);
        // Partial overlap.
        let existing = ExistingIds {
            cases: ["c1".to_owned()].into(),
            ..ExistingIds::default()
        };
        let plan = plan_merge(&existing, &backup);
        assert_eq!(plan.to_add.cases.len(), 1);
        assert_eq!(plan.to_skip.cases[0].id, "c1");
    }

    #[test]
    fn csv_has_bom_chinese_headers_and_defuses_formulas() {
        let (cases, events, _) = fixture();
        let bytes = events_to_csv(&cases, &events).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        assert_eq!(&headers[0], "案件编号");
        assert_eq!(headers.len(), CSV_COLUMNS.len());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(&rows[0][1], "POS机无法刷卡");
        assert_eq!(&rows[0][4], "电话");
        assert_eq!(&rows[0][12], "合同.jpg");
        assert_eq!(&rows[1][9], "'=HYPERLINK(\"x\")");
        assert_eq!(&rows[1][11], "-299.00"); // numbers are not prefixed
        assert_eq!(fen_to_yuan(5), "0.05");
        assert_eq!(fen_to_yuan(i64::MIN), "-92233720368547758.08");
    }

    fn first_error(bytes: &[u8]) -> BackupError {
        let errors = validate_backup(bytes).expect_err("must be rejected");
        for e in &errors {
            let m = e.message();
            assert!(m.is_complete(), "{e:?}");
        }
        errors.into_iter().next().unwrap()
    }

    /// 50+ malformed or hostile files, each with a clear error (or, for HTML, accepted).
    #[test]
    fn hostile_corpus() {
        type Check = fn(&BackupError) -> bool;
        let mut corpus: Vec<(String, Vec<u8>, Check)> = Vec::new();
        let mut add = |name: &str, bytes: Vec<u8>, check: Check| {
            corpus.push((name.to_owned(), bytes, check));
        };

        // Truncated at many offsets.
        let text = valid_text();
        let len = text.len();
        let mut cuts: Vec<usize> = (1..20).map(|k| len * k / 20).collect();
        cuts.extend([1, 2, 10, len - 1, len - 2]);
        for cut in cuts {
            let mut cut = cut;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            add(
                &format!("truncated at {cut}"),
                text.as_bytes()[..cut].to_vec(),
                |e| matches!(e, BackupError::Truncated { .. }),
            );
        }
        add(
            "cut inside a UTF-8 char",
            {
                let i = text.find('合').unwrap() + 1;
                text.as_bytes()[..i].to_vec()
            },
            |e| {
                matches!(
                    e,
                    BackupError::Truncated { .. } | BackupError::NotJson { .. }
                )
            },
        );

        add("empty", vec![], |e| *e == BackupError::Empty);
        add("whitespace", b"  \n ".to_vec(), |e| {
            *e == BackupError::Empty
        });
        add("not json", b"hello".to_vec(), |e| {
            matches!(e, BackupError::NotJson { .. })
        });
        add("binary", vec![0xff, 0xfe, 0x00, 0x01], |e| {
            matches!(e, BackupError::NotJson { .. })
        });
        add("array", b"[]".to_vec(), |e| *e == BackupError::NotAnObject);
        add("null", b"null".to_vec(), |e| *e == BackupError::NotAnObject);
        add("number", b"42".to_vec(), |e| *e == BackupError::NotAnObject);
        add(
            "deep nesting",
            {
                let mut s = "[".repeat(10_000);
                s.push_str(&"]".repeat(10_000));
                s.into_bytes()
            },
            |e| matches!(e, BackupError::NotJson { .. }),
        );
        add(
            "trailing garbage",
            {
                let mut b = valid_text().into_bytes();
                b.extend_from_slice(b"}x");
                b
            },
            |e| matches!(e, BackupError::NotJson { .. }),
        );
        add(
            "no format",
            with(|v| {
                v.as_object_mut().unwrap().remove("format");
            }),
            |e| matches!(e, BackupError::MissingField { field } if field == "format"),
        );
        add(
            "other format",
            with(|v| v["format"] = json!("other-app")),
            |e| matches!(e, BackupError::WrongFormat { .. }),
        );
        add("format as number", with(|v| v["format"] = json!(1)), |e| {
            matches!(e, BackupError::WrongFormat { .. })
        });
        add(
            "no version",
            with(|v| {
                v.as_object_mut().unwrap().remove("version");
            }),
            |e| matches!(e, BackupError::MissingField { field } if field == "version"),
        );
        for version in [
            json!(3),
            json!(0),
            json!(-1),
            json!(1.5),
            json!("1"),
            json!(null),
            json!(u64::MAX),
        ] {
            add(
                &format!("version {version}"),
                with(|v| v["version"] = version),
                |e| matches!(e, BackupError::UnsupportedVersion { .. }),
            );
        }
        add(
            "no exported_at",
            with(|v| {
                v.as_object_mut().unwrap().remove("exported_at");
            }),
            |e| matches!(e, BackupError::MissingField { field } if field == "exported_at"),
        );
        add(
            "exported_at garbage",
            with(|v| v["exported_at"] = json!("yesterday")),
            |e| matches!(e, BackupError::InvalidDate { field, .. } if field == "exported_at"),
        );
        add(
            "exported_at number",
            with(|v| v["exported_at"] = json!(1700000000)),
            |e| matches!(e, BackupError::WrongType { .. }),
        );
        add(
            "no cases",
            with(|v| {
                v.as_object_mut().unwrap().remove("cases");
            }),
            |e| matches!(e, BackupError::MissingField { field } if field == "cases"),
        );
        add(
            "cases not array",
            with(|v| v["cases"] = json!({"a": 1})),
            |e| matches!(e, BackupError::WrongType { at, .. } if at == "cases"),
        );
        add(
            "events string",
            with(|v| v["events"] = json!("[]")),
            |e| matches!(e, BackupError::WrongType { at, .. } if at == "events"),
        );
        add(
            "case is a string",
            with(|v| v["cases"][0] = json!("c1")),
            |e| matches!(e, BackupError::WrongType { at, .. } if at == "cases[0]"),
        );
        add(
            "case id number",
            with(|v| v["cases"][0]["id"] = json!(7)),
            |e| matches!(e, BackupError::InvalidRecord { at, .. } if at == "cases[0]"),
        );
        add(
            "case missing title",
            with(|v| {
                v["cases"][1].as_object_mut().unwrap().remove("title");
            }),
            |e| matches!(e, BackupError::InvalidRecord { at, .. } if at == "cases[1]"),
        );
        add(
            "unknown status",
            with(|v| v["cases"][0]["status"] = json!("closed")),
            |e| matches!(e, BackupError::InvalidRecord { .. }),
        );
        add(
            "unknown event kind",
            with(|v| v["events"][0]["kind"] = json!("hack")),
            |e| matches!(e, BackupError::InvalidRecord { at, .. } if at == "events[0]"),
        );
        add(
            "amount as string",
            with(|v| v["events"][1]["amount_fen"] = json!("100")),
            |e| matches!(e, BackupError::InvalidRecord { .. }),
        );
        add(
            "amount as float",
            with(|v| v["events"][1]["amount_fen"] = json!(1.5)),
            |e| matches!(e, BackupError::InvalidRecord { .. }),
        );
        add(
            "amount huge",
            with(|v| v["events"][1]["amount_fen"] = json!(i64::MAX)),
            |e| matches!(e, BackupError::InvalidFields { .. }),
        );
        add(
            "attachments list in event is object",
            with(|v| v["events"][0]["attachments"] = json!({})),
            |e| matches!(e, BackupError::InvalidRecord { .. }),
        );
        add(
            "feb 30",
            with(|v| v["cases"][0]["purchase_date"] = json!("2026-02-30")),
            |e| matches!(e, BackupError::InvalidDate { field, .. } if field == "purchase_date"),
        );
        add(
            "month 13",
            with(|v| v["events"][0]["at"] = json!("2026-13-01T10:00:00")),
            |e| matches!(e, BackupError::InvalidDate { field, .. } if field == "at"),
        );
        add(
            "date words",
            with(|v| v["events"][0]["promised_by"] = json!("next week")),
            |e| matches!(e, BackupError::InvalidDate { field, .. } if field == "promised_by"),
        );
        add(
            "date as number",
            with(|v| v["cases"][0]["created_at"] = json!(20261101)),
            |e| matches!(e, BackupError::InvalidRecord { .. }),
        );
        add(
            "year 9999",
            with(|v| v["cases"][0]["updated_at"] = json!("9999-01-01T00:00:00")),
            |e| matches!(e, BackupError::InvalidFields { .. }),
        );
        add(
            "huge title",
            with(|v| v["cases"][0]["title"] = json!("x".repeat(1_000_000))),
            |e| {
                matches!(e, BackupError::InvalidFields { errors, .. }
                if matches!(errors[0].problem, FieldProblem::TooLong { .. }))
            },
        );
        add(
            "20 MB said",
            with(|v| v["events"][0]["said"] = json!("说".repeat(7 * 1024 * 1024))),
            |e| {
                matches!(e, BackupError::InvalidFields { errors, .. }
                if errors[0].field == "said")
            },
        );
        add(
            "said one over limit",
            with(|v| v["events"][0]["said"] = json!("a".repeat(MAX_LONG_CHARS + 1))),
            |e| matches!(e, BackupError::InvalidFields { .. }),
        );
        add(
            "id with spaces",
            with(|v| v["cases"][0]["id"] = json!("a b")),
            |e| matches!(e, BackupError::InvalidFields { .. }),
        );
        add(
            "duplicate case id",
            with(|v| v["cases"][1]["id"] = json!("c1")),
            |e| {
                matches!(
                    e,
                    BackupError::DuplicateId {
                        what: RecordKind::Case,
                        ..
                    }
                )
            },
        );
        add(
            "duplicate event id",
            with(|v| v["events"][2]["id"] = json!("e1")),
            |e| {
                matches!(
                    e,
                    BackupError::DuplicateId {
                        what: RecordKind::Event,
                        ..
                    }
                )
            },
        );
        add(
            "duplicate attachment id",
            with(|v| {
                let copy = v["attachments"][0].clone();
                v["attachments"].as_array_mut().unwrap().push(copy);
            }),
            |e| {
                matches!(
                    e,
                    BackupError::DuplicateId {
                        what: RecordKind::Attachment,
                        ..
                    }
                )
            },
        );
        add(
            "event for missing case",
            with(|v| v["events"][2]["case_id"] = json!("nope")),
            |e| matches!(e, BackupError::EventWithoutCase { case_id, .. } if case_id == "nope"),
        );
        add(
            "attachment missing",
            with(|v| v["attachments"] = json!([])),
            |e| matches!(e, BackupError::MissingAttachment { .. }),
        );
        add(
            "attachment size mismatch",
            with(|v| v["attachments"][0]["size"] = json!(6)),
            |e| {
                matches!(
                    e,
                    BackupError::SizeMismatch {
                        declared: 6,
                        actual: 5,
                        ..
                    }
                )
            },
        );
        add(
            "meta size mismatch",
            with(|v| v["events"][0]["attachments"][0]["size"] = json!(50)),
            |e| matches!(e, BackupError::SizeMismatch { declared: 50, .. }),
        );
        add(
            "bad base64",
            with(|v| v["attachments"][0]["data_base64"] = json!("%%%")),
            |e| matches!(e, BackupError::BadBase64 { .. }),
        );
        add(
            "attachment size negative",
            with(|v| v["attachments"][0]["size"] = json!(-1)),
            |e| matches!(e, BackupError::InvalidRecord { .. }),
        );
        add(
            "attachment bad mime",
            with(|v| v["attachments"][0]["mime"] = json!("<b>")),
            |e| matches!(e, BackupError::InvalidFields { .. }),
        );
        add(
            "too many cases",
            with(|v| v["cases"] = json!(vec![0; MAX_CASES + 1])),
            |e| {
                matches!(
                    e,
                    BackupError::TooManyRecords {
                        what: RecordKind::Case,
                        ..
                    }
                )
            },
        );
        add("over 50 MB", vec![b' '; MAX_BACKUP_BYTES + 1], |e| {
            matches!(e, BackupError::TooLarge { .. })
        });
        add(
            "many broken events",
            with(|v| v["events"] = json!(vec!["x"; 500])),
            |e| matches!(e, BackupError::WrongType { .. }),
        );

        assert!(corpus.len() >= 50, "corpus has {}", corpus.len());
        for (name, bytes, check) in &corpus {
            let error = first_error(bytes);
            assert!(check(&error), "{name}: unexpected {error:?}");
        }
    }

    #[test]
    fn error_list_is_capped() {
        let bytes = with(|v| v["events"] = json!(vec!["x"; 500]));
        let errors = validate_backup(&bytes).unwrap_err();
        assert_eq!(errors.len(), MAX_REPORTED_ERRORS + 1);
        assert_eq!(errors.last(), Some(&BackupError::TooManyErrors));
    }

    #[test]
    fn all_problems_are_reported_together() {
        let bytes = with(|v| {
            v["cases"][1]["id"] = json!("c1");
            v["events"][0]["at"] = json!("bad");
            v["attachments"][0]["data_base64"] = json!("!!");
        });
        let errors = validate_backup(&bytes).unwrap_err();
        assert!(errors.len() >= 3, "{errors:?}");
    }

    #[test]
    fn html_and_odd_text_are_accepted_verbatim() {
        let evil = "<script>alert('x')</script><img src=x onerror=alert(1)>&amp;\"'\u{0}\u{202E}";
        let bytes = with(|v| {
            v["cases"][0]["title"] = json!(evil);
            v["events"][0]["said"] = json!(evil);
            v["events"][0]["person"] = json!("{{name}}");
        });
        let backup = validate_backup(&bytes).unwrap();
        assert_eq!(backup.cases[0].title, evil);
        assert_eq!(backup.events[0].said, evil);
        assert_eq!(backup.events[0].person, "{{name}}");
    }

    #[test]
    fn bom_and_unknown_fields_are_tolerated() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(with(|v| v["future_field"] = json!({"x": 1})));
        assert!(validate_backup(&bytes).is_ok());
    }

    #[test]
    fn messages_are_bilingual() {
        let e = BackupError::UnsupportedVersion { found: "3".into() };
        let m = e.message();
        assert!(m.zh.contains("更新应用"));
        assert!(m.zh.contains("版本1至2"));
        assert!(m.en.contains("version 3"));
    }

    #[test]
    fn profile_round_trips_in_version_2() {
        let text = text_with_profile();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["version"], 2);
        assert_eq!(v["profile"]["kind"], "sole_trader");
        assert_eq!(v["profile"]["trade_name"], "张三便利店");
        assert_eq!(v["profile"]["birth_date"], "1990-01-01");
        let backup = validate_backup(text.as_bytes()).unwrap();
        assert_eq!(backup.profile, Some(shop_profile()));
        let (cases, events, _) = fixture();
        assert_eq!((backup.cases, backup.events), (cases, events));
    }

    #[test]
    fn an_empty_profile_is_not_written() {
        let (cases, events, blobs) = fixture();
        let mut empty = Profile::default();
        assert!(!profile_has_content(&empty));
        empty.kind = super::super::party::PartyKind::Organisation;
        assert!(
            !profile_has_content(&empty),
            "the kind alone is not content"
        );
        let text = export_backup(
            dt("2026-11-23 10:00"),
            &cases,
            &events,
            &blobs,
            Some(&empty),
        );
        let v: Value = serde_json::from_str(&text).unwrap();
        assert!(v.get("profile").is_none());
        empty.phone = "1".into();
        assert!(profile_has_content(&empty));
    }

    #[test]
    fn version_1_files_still_import_as_before() {
        // A file as version 1 of the app wrote it: no profile.
        let v1 = with(|v| v["version"] = json!(1));
        let backup = validate_backup(&v1).unwrap();
        let (cases, events, blobs) = fixture();
        assert_eq!(backup.cases, cases);
        assert_eq!(backup.events, events);
        assert_eq!(backup.attachments, blobs);
        assert_eq!(backup.profile, None);
        // Version 1 never had a profile: something under that name is ignored, even if bad.
        let mut v: Value = serde_json::from_str(&text_with_profile()).unwrap();
        v["version"] = json!(1);
        let backup = validate_backup(v.to_string().as_bytes()).unwrap();
        assert_eq!(backup.profile, None);
        v["profile"] = json!("not a profile");
        assert_eq!(
            validate_backup(v.to_string().as_bytes()).unwrap().profile,
            None
        );
        // Version 2 with no profile, or a null one, imports without one.
        let v2 = with(|v| v["profile"] = Value::Null);
        assert_eq!(validate_backup(&v2).unwrap().profile, None);
        assert_eq!(
            validate_backup(valid_text().as_bytes()).unwrap().profile,
            None
        );
    }

    #[test]
    fn a_bad_profile_refuses_the_whole_file() {
        type Check = fn(&BackupError) -> bool;
        let cases: Vec<(&str, Vec<u8>, Check)> = vec![
            (
                "profile is a string",
                with_profile(|p| *p = json!("张三")),
                |e| matches!(e, BackupError::WrongType { at, expected: "an object" } if at == "profile"),
            ),
            (
                "profile is an array",
                with_profile(|p| *p = json!([])),
                |e| matches!(e, BackupError::WrongType { at, .. } if at == "profile"),
            ),
            (
                "unknown kind",
                with_profile(|p| p["kind"] = json!("robot")),
                |e| matches!(e, BackupError::InvalidRecord { at, .. } if at == "profile"),
            ),
            (
                "name is a number",
                with_profile(|p| p["name"] = json!(7)),
                |e| matches!(e, BackupError::InvalidRecord { at, .. } if at == "profile"),
            ),
            (
                "gender unknown",
                with_profile(|p| p["gender"] = json!("x")),
                |e| matches!(e, BackupError::InvalidRecord { at, .. } if at == "profile"),
            ),
            (
                "birth date not a date",
                with_profile(|p| p["birth_date"] = json!("1990-02-30")),
                |e| matches!(e, BackupError::InvalidDate { at, field, .. } if at == "profile" && field == "birth_date"),
            ),
            (
                "birth year out of range",
                with_profile(|p| p["birth_date"] = json!("1066-10-14")),
                |e| matches!(e, BackupError::InvalidFields { at, errors } if at == "profile" && errors[0].field == "birth_date"),
            ),
            (
                "address too long",
                with_profile(|p| p["address"] = json!("址".repeat(201))),
                |e| matches!(e, BackupError::InvalidFields { at, errors } if at == "profile" && errors[0].field == "address"),
            ),
        ];
        for (name, bytes, check) in &cases {
            let errors = validate_backup(bytes).expect_err(name);
            assert_eq!(errors.len(), 1, "{name}: {errors:?}");
            assert!(check(&errors[0]), "{name}: unexpected {:?}", errors[0]);
            let m = errors[0].message();
            assert!(m.is_complete(), "{name}");
            assert!(m.zh.starts_with("profile"), "{name}: {}", m.zh);
            assert!(m.en.starts_with("profile"), "{name}: {}", m.en);
        }
        // Text that looks like markup is data, as everywhere else.
        let bytes = with_profile(|p| p["trade_name"] = json!("<img src=x onerror=alert(1)>"));
        let backup = validate_backup(&bytes).unwrap();
        assert_eq!(
            backup.profile.unwrap().trade_name,
            "<img src=x onerror=alert(1)>"
        );
    }

    /// The refusal a merchant reads for `bytes`, which must be refused.
    fn refusal(bytes: &[u8]) -> Bilingual {
        refusal_message(&validate_backup(bytes).expect_err("refused"))
    }

    /// No parser text, field names, record positions or English on the Chinese side.
    fn assert_plain(m: &Bilingual) {
        for bad in [
            "JSON", "format", "line", "column", "expected", "events[", "cases[", "profile", "字段",
            "第1行", "SHA", "base64", "你",
        ] {
            assert!(!m.zh.contains(bad), "{bad:?} in {:?}", m.zh);
        }
        for bad in [
            "expected value",
            "events[",
            "format ",
            "missing field",
            "column",
        ] {
            assert!(!m.en.contains(bad), "{bad:?} in {:?}", m.en);
        }
        assert!(m.zh.contains("未写入任何内容"), "{}", m.zh);
        assert!(m.en.contains("Nothing was written"), "{}", m.en);
    }

    #[test]
    fn refusals_are_plain_words_with_what_to_do() {
        // Not JSON at all, and JSON without the backup's fields: the tester's two messages.
        for bytes in [
            &b"hello"[..],
            b"{\"a\": 1}",
            b"[1, 2]",
            b"{\"format\": \"something-else\", \"version\": 2}",
        ] {
            let m = refusal(bytes);
            assert_plain(&m);
            assert!(
                m.zh.contains("这个文件不是本站导出的备份文件，或已损坏。请选择用“导出备份”保存的 .json 文件。"),
                "{}",
                m.zh
            );
            assert!(m.en.contains("not a backup made by this site"), "{}", m.en);
        }
        let m = refusal(b"");
        assert_plain(&m);
        assert!(m.zh.contains("空的"));
        let cut = valid_text();
        let m = refusal(&cut.as_bytes()[..cut.len() - 40]);
        assert_plain(&m);
        assert!(m.zh.contains("不完整"), "{}", m.zh);
        let m = refusal(&with(|v| v["version"] = json!(99)));
        assert_plain(&m);
        assert!(m.zh.contains("刷新页面"), "{}", m.zh);
        // A record that contradicts itself: no position, no field name.
        let m = refusal(&with(|v| v["events"][0]["case_id"] = json!("nowhere")));
        assert_plain(&m);
        assert!(m.zh.contains("不完整或前后矛盾"), "{}", m.zh);
        // A broken profile is named in words, not by its key.
        let m = refusal(&with_profile(|p| p["kind"] = json!("robot")));
        assert_plain(&m);
        assert!(m.zh.contains("“我的信息”"), "{}", m.zh);
        let m = refusal_message(&[BackupError::ChecksumUnavailable]);
        assert_plain(&m);
        assert!(m.zh.contains("https://"));
    }
}

#[cfg(test)]
mod envelope_tests {
    use super::*;
    use serde_json::json;

    fn sealed() -> Sealed {
        Sealed {
            iterations: KDF_ITERATIONS,
            salt: (0..16).collect(),
            nonce: (100..112).collect(),
            ciphertext: b"not really encrypted, but 16+ bytes".to_vec(),
        }
    }

    fn envelope_with(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
        let mut v: Value = serde_json::from_str(&encode_envelope(&sealed())).unwrap();
        edit(&mut v);
        serde_json::to_vec_pretty(&v).unwrap()
    }

    fn opened(bytes: &[u8]) -> Result<OpenedFile<'_>, EnvelopeError> {
        open_backup_file(bytes)
    }

    #[test]
    fn the_header_names_format_version_and_algorithms() {
        let text = encode_envelope(&sealed());
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["format"], "pos-helper-encrypted-backup");
        assert_eq!(v["version"], 1);
        assert_eq!(v["cipher"], "AES-256-GCM");
        assert_eq!(v["kdf"], "PBKDF2-SHA-256");
        assert_eq!(v["iterations"], 600_000);
        assert_eq!(v["salt"], "AAECAwQFBgcICQoLDA0ODw==");
        assert_eq!(v["nonce"].as_str().unwrap().len(), 16);
        // The header comes first, so detection never needs more than the file's start.
        assert!(text.find("ciphertext").unwrap() > text.find("nonce").unwrap());
        assert!(text[..512.min(text.len())].contains("\"pos-helper-encrypted-backup\""));
    }

    #[test]
    fn an_envelope_round_trips_and_a_bom_is_tolerated() {
        let text = encode_envelope(&sealed());
        assert_eq!(opened(text.as_bytes()), Ok(OpenedFile::Encrypted(sealed())));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(text.as_bytes());
        assert_eq!(opened(&bom), Ok(OpenedFile::Encrypted(sealed())));
        // Another tool's field order and spacing are fine too.
        let compact = envelope_with(|_| {});
        assert_eq!(opened(&compact), Ok(OpenedFile::Encrypted(sealed())));
    }

    #[test]
    fn plain_backups_and_other_files_are_left_to_the_backup_check() {
        let plain = export_backup(
            NaiveDateTime::parse_from_str("2026-11-23 10:00", "%Y-%m-%d %H:%M").unwrap(),
            &[],
            &[],
            &[],
            None,
        );
        for bytes in [plain.as_bytes(), b"", b"hello", b"[1]", b"{\"a\": 1}"] {
            assert_eq!(opened(bytes), Ok(OpenedFile::Plain(bytes)));
        }
        // The marker inside a plain backup's text (far from the start) does not make it one.
        let mut v: Value = serde_json::from_str(&plain).unwrap();
        v["note"] = json!(format!("{}\"{ENCRYPTED_FORMAT}\"", " ".repeat(600)));
        let text = serde_json::to_string_pretty(&v).unwrap();
        assert_eq!(
            opened(text.as_bytes()),
            Ok(OpenedFile::Plain(text.as_bytes()))
        );
        // The marker early but as another field's value: still the plain check's business.
        let odd = br#"{"title": "pos-helper-encrypted-backup", "format": "pos-helper-backup"}"#;
        assert_eq!(opened(odd), Ok(OpenedFile::Plain(odd)));
    }

    #[test]
    fn unknown_versions_and_algorithms_are_refused_by_name() {
        type Check = fn(&EnvelopeError) -> bool;
        let cases: Vec<(&str, Vec<u8>, Check)> = vec![
            (
                "version 2",
                envelope_with(|v| v["version"] = json!(2)),
                |e| matches!(e, EnvelopeError::UnsupportedVersion { found } if found == "2"),
            ),
            (
                "version as text",
                envelope_with(|v| v["version"] = json!("1")),
                |e| matches!(e, EnvelopeError::UnsupportedVersion { .. }),
            ),
            (
                "no version",
                envelope_with(|v| v["version"].take().as_null().unwrap_or(())),
                |e| matches!(e, EnvelopeError::UnsupportedVersion { .. }),
            ),
            (
                "cipher CBC",
                envelope_with(|v| v["cipher"] = json!("AES-256-CBC")),
                |e| matches!(e, EnvelopeError::UnknownAlgorithm { found } if found.contains("CBC")),
            ),
            (
                "kdf scrypt",
                envelope_with(|v| v["kdf"] = json!("scrypt")),
                |e| matches!(e, EnvelopeError::UnknownAlgorithm { .. }),
            ),
            (
                "kdf SHA-1",
                envelope_with(|v| v["kdf"] = json!("PBKDF2-SHA-1")),
                |e| matches!(e, EnvelopeError::UnknownAlgorithm { .. }),
            ),
            (
                "no cipher",
                envelope_with(|v| {
                    v.as_object_mut().unwrap().remove("cipher");
                }),
                |e| matches!(e, EnvelopeError::Damaged { .. }),
            ),
        ];
        for (name, bytes, check) in &cases {
            let e = opened(bytes).expect_err(name);
            assert!(check(&e), "{name}: {e:?}");
        }
    }

    #[test]
    fn iterations_below_the_floor_or_above_the_cap_are_refused() {
        for (n, ok) in [
            (json!(599_999), false),
            (json!(1000), false),
            (json!(0), false),
            (json!(-600_000), false),
            (json!(600_000.5), false),
            (json!("600000"), false),
            (json!(10_000_001), false),
            (json!(u64::MAX), false),
            (json!(600_000), true),
            (json!(1_000_000), true),
            (json!(10_000_000), true),
        ] {
            let bytes = envelope_with(|v| v["iterations"] = n.clone());
            match opened(&bytes) {
                Ok(OpenedFile::Encrypted(s)) => {
                    assert!(ok, "{n} accepted");
                    assert_eq!(json!(s.iterations), n);
                }
                Err(EnvelopeError::Iterations { .. }) => assert!(!ok, "{n} refused"),
                other => panic!("{n}: {other:?}"),
            }
        }
        let missing = envelope_with(|v| {
            v.as_object_mut().unwrap().remove("iterations");
        });
        assert!(matches!(
            opened(&missing),
            Err(EnvelopeError::Damaged { .. })
        ));
    }

    #[test]
    fn a_damaged_header_or_body_is_refused_before_any_password() {
        let cut = encode_envelope(&sealed());
        let cases = [
            cut.as_bytes()[..cut.len() - 10].to_vec(),
            envelope_with(|v| v["salt"] = json!("AAEC")),
            envelope_with(|v| v["salt"] = json!(16)),
            envelope_with(|v| v["nonce"] = json!("AAECAwQFBgcICQoL AA")),
            envelope_with(|v| v["nonce"] = json!("AAECAwQFBgcICQ==")),
            envelope_with(|v| v["ciphertext"] = json!("%%%")),
            envelope_with(|v| v["ciphertext"] = json!("AAECAwQFBgcICQoLDA0O")),
            envelope_with(|v| {
                v.as_object_mut().unwrap().remove("ciphertext");
            }),
        ];
        for (i, bytes) in cases.iter().enumerate() {
            let e = opened(bytes).expect_err(&i.to_string());
            assert!(matches!(e, EnvelopeError::Damaged { .. }), "{i}: {e:?}");
        }
        let huge = {
            let mut b = cut.clone().into_bytes();
            b.resize(MAX_ENCRYPTED_BYTES + 1, b' ');
            b
        };
        assert!(matches!(opened(&huge), Err(EnvelopeError::TooLarge { .. })));
        // The largest importable backup fits once encrypted.
        let largest_ciphertext = MAX_BACKUP_BYTES + TAG_BYTES;
        assert!(largest_ciphertext.div_ceil(3) * 4 + 400 < MAX_ENCRYPTED_BYTES);
    }

    #[test]
    fn messages_are_plain_and_say_nothing_was_written() {
        let all = [
            EnvelopeError::TooLarge { max: 1, actual: 2 },
            EnvelopeError::Damaged {
                detail: "EOF while parsing".into(),
            },
            EnvelopeError::UnsupportedVersion { found: "2".into() },
            EnvelopeError::UnknownAlgorithm {
                found: "\"scrypt\"".into(),
            },
            EnvelopeError::Iterations {
                found: "1000".into(),
            },
            EnvelopeError::WrongPasswordOrChanged,
            EnvelopeError::Unavailable,
        ];
        for e in &all {
            let m = e.message();
            assert!(m.is_complete());
            assert!(m.zh.contains("未写入任何内容"), "{}", m.zh);
            assert!(m.en.contains("Nothing was written"), "{}", m.en);
            for bad in [
                "EOF", "scrypt", "1000", "JSON", "base64", "PBKDF2", "GCM", "你",
            ] {
                assert!(!m.zh.contains(bad), "{bad} in {}", m.zh);
                assert!(!m.en.contains(bad) || bad == "你", "{bad} in {}", m.en);
            }
        }
        let m = EnvelopeError::WrongPasswordOrChanged.message();
        assert!(m.zh.starts_with("密码不对，或文件已被改动。"), "{}", m.zh);
        assert!(EnvelopeError::NoPassword.message().zh.contains("密码"));
    }

    #[test]
    fn export_passwords_need_eight_characters() {
        assert!(password_too_short("1234567").is_some());
        assert!(password_too_short("12345678").is_none());
        // Characters, not bytes: seven Chinese characters are 21 bytes but still too short.
        assert!(password_too_short("张三李四王五赵").is_some());
        assert!(password_too_short("张三李四王五赵六").is_none());
        let m = password_too_short("").unwrap();
        assert!(m.zh.contains("8个字符") && m.en.contains("8 characters"));
    }
}
