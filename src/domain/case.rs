//! The case diary: a merchant's dispute ([`Case`]) and what happened in it ([`Event`]), with
//! validation, list sorting, timelines, search and the evidence checklist.
//!
//! Pure: ids and "today" come from the caller; nothing here reads the clock or storage.
//!
//! # Public API
//! - Data: [`Case`] ([`Device`], [`Vendor`], [`Acquirer`], [`CaseStatus`]), [`Event`]
//!   ([`EventKind`], [`Channel`]), [`AttachmentMeta`]. All serde, with `snake_case` enum tags.
//! - Validation: [`Case::validate`], [`Event::validate`], [`AttachmentMeta::validate`] →
//!   `Result<(), Vec<FieldError>>`; [`FieldProblem::message`] gives bilingual text. Limits are the
//!   `MAX_*` consts below. HTML or script in text is plain data and is accepted: escaping is the
//!   view's job.
//! - Ordering: [`sort_cases`] (active first, then overdue, then most recently updated),
//!   [`pending_promises`] / [`is_overdue`], [`timeline`] with [`TimelineOrder`].
//! - Search: [`SearchIndex::build`] once, then [`SearchIndex::search`] with a [`SearchQuery`]
//!   (text terms, event kinds, date range); [`search`] does both in one call. Linear in the data.
//! - Evidence: [`evidence_checklist`] (`data/evidence.json`, each item with a [`Source`]),
//!   [`evidence_status`] and [`missing_evidence`] for one case. Tags are the `EVIDENCE_*` consts.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::text::{Bilingual, Source};

/// Ids: caller-made (e.g. UUID strings), printable ASCII so they are safe as storage keys.
pub const MAX_ID_CHARS: usize = 64;
/// Case title.
pub const MAX_TITLE_CHARS: usize = 200;
/// Names, models, serial numbers, ticket numbers, MIME types: one line of text.
pub const MAX_SHORT_CHARS: usize = 200;
/// Free text: what was said, the remedy wanted. About ten pages of Chinese.
pub const MAX_LONG_CHARS: usize = 20_000;
/// Vendor contact lines per case.
pub const MAX_CONTACTS: usize = 20;
/// Attachments on one event.
pub const MAX_ATTACHMENTS_PER_EVENT: usize = 50;
/// Evidence tags on one event or attachment, and length of one tag.
pub const MAX_EVIDENCE_TAGS: usize = 20;
pub const MAX_TAG_CHARS: usize = 40;
/// One attachment (a photo of a contract or a screen recording excerpt).
pub const MAX_ATTACHMENT_BYTES: u64 = 20 * 1024 * 1024;
/// |amount| in 分: 100 亿元 is far beyond any POS dispute, and keeps sums far from overflow.
pub const MAX_AMOUNT_FEN: i64 = 1_000_000_000_000;
/// Dates outside these years are typing mistakes (a POS diary cannot predate card terminals).
pub const MIN_YEAR: i32 = 1990;
pub const MAX_YEAR: i32 = 2100;

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    #[default]
    Open,
    /// Waiting for a reply or a promised action.
    Waiting,
    /// Taken to a regulator, association or court.
    Escalated,
    Resolved,
    Abandoned,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 5] = [
        CaseStatus::Open,
        CaseStatus::Waiting,
        CaseStatus::Escalated,
        CaseStatus::Resolved,
        CaseStatus::Abandoned,
    ];

    /// Still needs the merchant's attention (open, waiting or escalated).
    pub fn is_active(self) -> bool {
        !matches!(self, CaseStatus::Resolved | CaseStatus::Abandoned)
    }

    pub fn label(self) -> Bilingual {
        match self {
            CaseStatus::Open => Bilingual::new("处理中", "open"),
            CaseStatus::Waiting => Bilingual::new("等待答复", "waiting"),
            CaseStatus::Escalated => Bilingual::new("已升级投诉", "escalated"),
            CaseStatus::Resolved => Bilingual::new("已解决", "resolved"),
            CaseStatus::Abandoned => Bilingual::new("已放弃", "abandoned"),
        }
    }
}

/// What an event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Fault,
    Call,
    Message,
    Visit,
    Repair,
    Charge,
    LetterSent,
    ReplyReceived,
    Note,
}

impl EventKind {
    pub const ALL: [EventKind; 9] = [
        EventKind::Fault,
        EventKind::Call,
        EventKind::Message,
        EventKind::Visit,
        EventKind::Repair,
        EventKind::Charge,
        EventKind::LetterSent,
        EventKind::ReplyReceived,
        EventKind::Note,
    ];

    pub fn label(self) -> Bilingual {
        match self {
            EventKind::Fault => Bilingual::new("故障", "fault"),
            EventKind::Call => Bilingual::new("电话", "call"),
            EventKind::Message => Bilingual::new("消息", "message"),
            EventKind::Visit => Bilingual::new("上门/到店", "visit"),
            EventKind::Repair => Bilingual::new("维修", "repair"),
            EventKind::Charge => Bilingual::new("扣费", "charge"),
            EventKind::LetterSent => Bilingual::new("已寄/发函件", "letter sent"),
            EventKind::ReplyReceived => Bilingual::new("收到答复", "reply received"),
            EventKind::Note => Bilingual::new("备注", "note"),
        }
    }

    /// Kinds that answer an earlier promise (see [`pending_promises`]).
    pub fn answers_promise(self) -> bool {
        matches!(self, EventKind::ReplyReceived | EventKind::Repair)
    }
}

/// How the contact happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Phone,
    Wechat,
    Sms,
    Email,
    InPerson,
    Letter,
}

impl Channel {
    pub fn label(self) -> Bilingual {
        match self {
            Channel::Phone => Bilingual::new("电话", "phone"),
            Channel::Wechat => Bilingual::new("微信", "WeChat"),
            Channel::Sms => Bilingual::new("短信", "SMS"),
            Channel::Email => Bilingual::new("电子邮件", "email"),
            Channel::InPerson => Bilingual::new("当面", "in person"),
            Channel::Letter => Bilingual::new("信函", "letter"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Device {
    #[serde(default)]
    pub brand: String,
    #[serde(default)]
    pub model: String,
    /// Serial number (SN) printed on the terminal.
    #[serde(default)]
    pub sn: String,
    /// 终端号 printed on the sales slip.
    #[serde(default)]
    pub terminal_id: String,
}

/// Whoever sold or placed the terminal (often an agent, not the licensed acquirer).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Vendor {
    #[serde(default)]
    pub name: String,
    /// Free-form contact lines: phone numbers, WeChat ids, addresses.
    #[serde(default)]
    pub contacts: Vec<String>,
}

/// The licensed acquirer (收单机构) — the legal respondent (条例 第三十五条; 中支协发〔2024〕108号 第十二条).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Acquirer {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub licence_no: Option<String>,
}

/// One dispute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub device: Device,
    #[serde(default)]
    pub purchase_date: Option<NaiveDate>,
    #[serde(default)]
    pub purchase_channel: String,
    #[serde(default)]
    pub vendor: Vendor,
    #[serde(default)]
    pub acquirer: Acquirer,
    /// 15-digit 商户编号 as printed; kept as text (leading zeros, partial numbers).
    #[serde(default)]
    pub merchant_no: String,
    #[serde(default)]
    pub status: CaseStatus,
    #[serde(default)]
    pub remedy_wanted: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    #[serde(default)]
    pub last_exported_at: Option<NaiveDateTime>,
}

impl Case {
    /// A new, empty, open case: only the id, the title and the time are known yet.
    pub fn new(id: impl Into<String>, title: impl Into<String>, now: NaiveDateTime) -> Case {
        Case {
            id: id.into(),
            title: title.into(),
            device: Device::default(),
            purchase_date: None,
            purchase_channel: String::new(),
            vendor: Vendor::default(),
            acquirer: Acquirer::default(),
            merchant_no: String::new(),
            status: CaseStatus::Open,
            remedy_wanted: String::new(),
            created_at: now,
            updated_at: now,
            last_exported_at: None,
        }
    }
}

/// Metadata of a file kept with an event; the bytes live in storage (and in backups).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentMeta {
    pub id: String,
    pub name: String,
    pub mime: String,
    /// Bytes.
    pub size: u64,
    /// Lower-case hex SHA-256 when the caller computed one (the browser's SubtleCrypto).
    #[serde(default)]
    pub sha256: Option<String>,
    /// Evidence tags (`EVIDENCE_*`) this file satisfies.
    #[serde(default)]
    pub evidence: Vec<String>,
}

/// One thing that happened in a case. Empty fields are left out of the stored record (and of
/// backups): a diary holds thousands of events and most fields are optional, so this keeps every
/// read and export smaller; reading treats a missing field as empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub case_id: String,
    /// When it happened (may be back-dated by the merchant).
    #[serde(with = "super::fast_time::datetime")]
    pub at: NaiveDateTime,
    pub kind: EventKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub counterparty: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub person: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ticket_no: String,
    /// What was said or promised.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub said: String,
    /// The date the counterparty promised to act by (or, for a letter, its reply deadline).
    #[serde(
        default,
        with = "super::fast_time::option_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub promised_by: Option<NaiveDate>,
    /// Money involved, in 分; negative for a refund.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_fen: Option<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<AttachmentMeta>,
    /// Evidence tags (`EVIDENCE_*`) this event satisfies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// Validation

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldProblem {
    #[error("required")]
    Required,
    #[error("too long: {actual} characters, at most {max}")]
    TooLong { max: usize, actual: usize },
    #[error("too many entries: {actual}, at most {max}")]
    TooMany { max: usize, actual: usize },
    #[error("an id may only use printable ASCII without spaces")]
    BadId,
    #[error("year {year} is outside {MIN_YEAR}–{MAX_YEAR}")]
    YearOutOfRange { year: i32 },
    #[error("updated before it was created")]
    UpdatedBeforeCreated,
    #[error("amount out of range")]
    AmountOutOfRange,
    #[error("file too large: {actual} bytes, at most {max}")]
    FileTooLarge { max: u64, actual: u64 },
    #[error("not a SHA-256 hex digest")]
    BadSha256,
    #[error("not a MIME type")]
    BadMime,
    #[error("evidence tags use a–z, 0–9, '-' and '_'")]
    BadTag,
    #[error("duplicate id {0}")]
    DuplicateId(String),
}

impl FieldProblem {
    pub fn message(&self) -> Bilingual {
        match self {
            FieldProblem::Required => Bilingual::new("必填", "required"),
            FieldProblem::TooLong { max, actual } => Bilingual::new(
                format!("太长：{actual}个字符，最多{max}个"),
                format!("too long: {actual} characters, at most {max}"),
            ),
            FieldProblem::TooMany { max, actual } => Bilingual::new(
                format!("条目太多：{actual}条，最多{max}条"),
                format!("too many entries: {actual}, at most {max}"),
            ),
            FieldProblem::BadId => Bilingual::new(
                "编号只能包含不含空格的英文字母、数字和符号",
                "an id may only use printable ASCII without spaces",
            ),
            FieldProblem::YearOutOfRange { year } => Bilingual::new(
                format!("年份{year}不在{MIN_YEAR}–{MAX_YEAR}之间，请检查日期"),
                format!("year {year} is outside {MIN_YEAR}–{MAX_YEAR}; check the date"),
            ),
            FieldProblem::UpdatedBeforeCreated => {
                Bilingual::new("更新时间早于创建时间", "updated before it was created")
            }
            FieldProblem::AmountOutOfRange => Bilingual::new("金额超出范围", "amount out of range"),
            FieldProblem::FileTooLarge { max, actual } => Bilingual::new(
                format!("文件太大：{actual}字节，最多{max}字节"),
                format!("file too large: {actual} bytes, at most {max}"),
            ),
            FieldProblem::BadSha256 => Bilingual::new("校验值格式不对", "not a SHA-256 hex digest"),
            FieldProblem::BadMime => Bilingual::new("文件类型格式不对", "not a MIME type"),
            FieldProblem::BadTag => Bilingual::new(
                "证据标签只能用小写字母、数字、- 和 _",
                "evidence tags use a–z, 0–9, '-' and '_'",
            ),
            FieldProblem::DuplicateId(id) => {
                Bilingual::new(format!("编号重复：{id}"), format!("duplicate id {id}"))
            }
        }
    }
}

/// A problem with a named field (`device.sn`, `attachments[2].name`, …).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct FieldError {
    pub field: String,
    pub problem: FieldProblem,
}

impl FieldError {
    /// "字段 device.sn：太长…" / "device.sn: too long…".
    pub fn message(&self) -> Bilingual {
        let m = self.problem.message();
        Bilingual::new(
            format!("{}：{}", self.field, m.zh),
            format!("{}: {}", self.field, m.en),
        )
    }
}

/// Collects field errors; one place for the checks so case, event and backup agree.
#[derive(Default)]
struct Checker {
    errors: Vec<FieldError>,
    prefix: String,
}

impl Checker {
    fn push(&mut self, field: &str, problem: FieldProblem) {
        self.errors.push(FieldError {
            field: format!("{}{field}", self.prefix),
            problem,
        });
    }

    fn id(&mut self, field: &str, value: &str) {
        if value.is_empty() {
            self.push(field, FieldProblem::Required);
        } else if value.len() > MAX_ID_CHARS {
            self.push(
                field,
                FieldProblem::TooLong {
                    max: MAX_ID_CHARS,
                    actual: value.chars().count(),
                },
            );
        } else if !value.bytes().all(|b| b.is_ascii_graphic()) {
            self.push(field, FieldProblem::BadId);
        }
    }

    fn text(&mut self, field: &str, value: &str, max: usize, required: bool) {
        if required && value.trim().is_empty() {
            self.push(field, FieldProblem::Required);
        }
        // Byte length bounds char count from above: skip counting for the common short case.
        if value.len() > max {
            let actual = value.chars().count();
            if actual > max {
                self.push(field, FieldProblem::TooLong { max, actual });
            }
        }
    }

    fn count(&mut self, field: &str, actual: usize, max: usize) {
        if actual > max {
            self.push(field, FieldProblem::TooMany { max, actual });
        }
    }

    fn year(&mut self, field: &str, year: i32) {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            self.push(field, FieldProblem::YearOutOfRange { year });
        }
    }

    fn tags(&mut self, field: &str, tags: &[String]) {
        self.count(field, tags.len(), MAX_EVIDENCE_TAGS);
        for (i, tag) in tags.iter().enumerate() {
            let ok = !tag.is_empty()
                && tag.len() <= MAX_TAG_CHARS
                && tag.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'
                });
            if !ok {
                self.push(&format!("{field}[{i}]"), FieldProblem::BadTag);
            }
        }
    }

    fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}

impl Case {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut c = Checker::default();
        c.id("id", &self.id);
        c.text("title", &self.title, MAX_TITLE_CHARS, true);
        c.text("device.brand", &self.device.brand, MAX_SHORT_CHARS, false);
        c.text("device.model", &self.device.model, MAX_SHORT_CHARS, false);
        c.text("device.sn", &self.device.sn, MAX_SHORT_CHARS, false);
        c.text(
            "device.terminal_id",
            &self.device.terminal_id,
            MAX_SHORT_CHARS,
            false,
        );
        c.text(
            "purchase_channel",
            &self.purchase_channel,
            MAX_SHORT_CHARS,
            false,
        );
        c.text("vendor.name", &self.vendor.name, MAX_SHORT_CHARS, false);
        c.count("vendor.contacts", self.vendor.contacts.len(), MAX_CONTACTS);
        for (i, contact) in self.vendor.contacts.iter().enumerate() {
            c.text(
                &format!("vendor.contacts[{i}]"),
                contact,
                MAX_SHORT_CHARS,
                false,
            );
        }
        c.text("acquirer.name", &self.acquirer.name, MAX_SHORT_CHARS, false);
        if let Some(licence) = &self.acquirer.licence_no {
            c.text("acquirer.licence_no", licence, MAX_SHORT_CHARS, false);
        }
        c.text("merchant_no", &self.merchant_no, MAX_SHORT_CHARS, false);
        c.text("remedy_wanted", &self.remedy_wanted, MAX_LONG_CHARS, false);
        if let Some(date) = self.purchase_date {
            c.year("purchase_date", date.year());
        }
        c.year("created_at", self.created_at.year());
        c.year("updated_at", self.updated_at.year());
        if let Some(at) = self.last_exported_at {
            c.year("last_exported_at", at.year());
        }
        if self.updated_at < self.created_at {
            c.push("updated_at", FieldProblem::UpdatedBeforeCreated);
        }
        c.finish()
    }

    /// Text the search matches against (title, device, vendor, acquirer, merchant no, remedy).
    fn search_text(&self) -> String {
        let mut parts: Vec<&str> = vec![
            &self.title,
            &self.device.brand,
            &self.device.model,
            &self.device.sn,
            &self.device.terminal_id,
            &self.purchase_channel,
            &self.vendor.name,
            &self.acquirer.name,
            &self.merchant_no,
            &self.remedy_wanted,
        ];
        parts.extend(self.vendor.contacts.iter().map(String::as_str));
        if let Some(licence) = &self.acquirer.licence_no {
            parts.push(licence);
        }
        normalize(&parts.join("\n"))
    }
}

impl AttachmentMeta {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut c = Checker::default();
        self.check(&mut c);
        c.finish()
    }

    fn check(&self, c: &mut Checker) {
        c.id("id", &self.id);
        c.text("name", &self.name, MAX_SHORT_CHARS, true);
        let mime_ok = self.mime.len() <= MAX_SHORT_CHARS
            && self.mime.bytes().all(|b| b.is_ascii_graphic())
            && self
                .mime
                .split_once('/')
                .is_some_and(|(t, s)| !t.is_empty() && !s.is_empty());
        if !mime_ok {
            c.push("mime", FieldProblem::BadMime);
        }
        if self.size > MAX_ATTACHMENT_BYTES {
            c.push(
                "size",
                FieldProblem::FileTooLarge {
                    max: MAX_ATTACHMENT_BYTES,
                    actual: self.size,
                },
            );
        }
        if let Some(hash) = &self.sha256 {
            let ok = hash.len() == 64
                && hash
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            if !ok {
                c.push("sha256", FieldProblem::BadSha256);
            }
        }
        c.tags("evidence", &self.evidence);
    }
}

impl Event {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut c = Checker::default();
        c.id("id", &self.id);
        c.id("case_id", &self.case_id);
        c.year("at", self.at.year());
        c.text("counterparty", &self.counterparty, MAX_SHORT_CHARS, false);
        c.text("person", &self.person, MAX_SHORT_CHARS, false);
        c.text("ticket_no", &self.ticket_no, MAX_SHORT_CHARS, false);
        c.text("said", &self.said, MAX_LONG_CHARS, false);
        if let Some(date) = self.promised_by {
            c.year("promised_by", date.year());
        }
        if let Some(fen) = self.amount_fen {
            if fen.checked_abs().is_none_or(|a| a > MAX_AMOUNT_FEN) {
                c.push("amount_fen", FieldProblem::AmountOutOfRange);
            }
        }
        c.count(
            "attachments",
            self.attachments.len(),
            MAX_ATTACHMENTS_PER_EVENT,
        );
        let mut seen = HashSet::new();
        for (i, attachment) in self.attachments.iter().enumerate() {
            let mut inner = Checker {
                prefix: format!("attachments[{i}]."),
                ..Checker::default()
            };
            attachment.check(&mut inner);
            c.errors.append(&mut inner.errors);
            if !seen.insert(attachment.id.as_str()) {
                c.push(
                    &format!("attachments[{i}].id"),
                    FieldProblem::DuplicateId(attachment.id.clone()),
                );
            }
        }
        c.tags("evidence", &self.evidence);
        c.finish()
    }

    fn search_text(&self) -> String {
        let mut parts: Vec<&str> = vec![
            &self.counterparty,
            &self.person,
            &self.ticket_no,
            &self.said,
        ];
        parts.extend(self.attachments.iter().map(|a| a.name.as_str()));
        normalize(&parts.join("\n"))
    }
}

// ---------------------------------------------------------------------------------------------
// Promises, overdue flags and ordering

/// The latest promise in a case that no later reply or repair has answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingPromise<'a> {
    pub event: &'a Event,
    pub due: NaiveDate,
}

/// Per case id, its pending promise. A promise counts as answered once a later event of a kind
/// that [`EventKind::answers_promise`] (reply received, repair) exists; the app cannot know
/// more, and the merchant can always resolve the case. One pass over `events`.
pub fn pending_promises(events: &[Event]) -> HashMap<&str, PendingPromise<'_>> {
    let mut latest_promise: HashMap<&str, &Event> = HashMap::new();
    let mut latest_answer: HashMap<&str, NaiveDateTime> = HashMap::new();
    for event in events {
        if event.promised_by.is_some() {
            let slot = latest_promise.entry(&event.case_id).or_insert(event);
            if (event.at, &event.id) > (slot.at, &slot.id) {
                *slot = event;
            }
        }
        if event.kind.answers_promise() {
            let slot = latest_answer.entry(&event.case_id).or_insert(event.at);
            *slot = (*slot).max(event.at);
        }
    }
    latest_promise
        .into_iter()
        .filter(|(case_id, promise)| {
            latest_answer
                .get(case_id)
                .is_none_or(|answered| *answered <= promise.at)
        })
        .filter_map(|(case_id, event)| {
            event
                .promised_by
                .map(|due| (case_id, PendingPromise { event, due }))
        })
        .collect()
}

/// An active case whose pending promise is past due on `today`.
pub fn is_overdue(
    case: &Case,
    pending: &HashMap<&str, PendingPromise<'_>>,
    today: NaiveDate,
) -> bool {
    case.status.is_active() && pending.get(case.id.as_str()).is_some_and(|p| p.due < today)
}

/// Order for a case picker (letters, "add to diary"): active cases first, then the most recently
/// updated; ties by id.
pub fn sort_for_picker(cases: &mut [Case]) {
    cases.sort_by(|a, b| {
        b.status
            .is_active()
            .cmp(&a.status.is_active())
            .then(b.updated_at.cmp(&a.updated_at))
            .then(a.id.cmp(&b.id))
    });
}

/// Case list order: active cases first, within them overdue ones first, then most recently
/// updated; ties by id so the order is stable across renders.
pub fn sort_cases(cases: &mut [Case], events: &[Event], today: NaiveDate) {
    let pending = pending_promises(events);
    let overdue: HashSet<String> = cases
        .iter()
        .filter(|c| is_overdue(c, &pending, today))
        .map(|c| c.id.clone())
        .collect();
    cases.sort_by(|a, b| {
        b.status
            .is_active()
            .cmp(&a.status.is_active())
            .then_with(|| overdue.contains(&b.id).cmp(&overdue.contains(&a.id)))
            .then_with(|| b.updated_at.cmp(&a.updated_at))
            .then_with(|| a.id.cmp(&b.id))
    });
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimelineOrder {
    #[default]
    NewestFirst,
    OldestFirst,
}

/// A case's events by `at` (ties by id, so back-dated entries land where they belong).
pub fn timeline<'a>(events: &'a [Event], case_id: &str, order: TimelineOrder) -> Vec<&'a Event> {
    let mut list: Vec<&Event> = events.iter().filter(|e| e.case_id == case_id).collect();
    list.sort_by(|a, b| {
        let oldest_first = a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id));
        match order {
            TimelineOrder::OldestFirst => oldest_first,
            TimelineOrder::NewestFirst => oldest_first.reverse(),
        }
    });
    list
}

// ---------------------------------------------------------------------------------------------
// Search

/// Lower-case, full-width ASCII folded to half-width (Chinese IMEs often type ＡＢＣ１２３),
/// ideographic space to space. Applied to both the data and the query.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        let folded = super::text::fold_width(ch);
        if folded.is_ascii() {
            out.push(folded.to_ascii_lowercase());
        } else {
            out.extend(folded.to_lowercase());
        }
    }
    out
}

/// What to look for. Empty `text`, empty `kinds` and open date bounds match everything.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SearchQuery {
    /// Whitespace-separated terms; all must occur (AND).
    pub text: String,
    /// Event kinds to include; empty = all.
    pub kinds: Vec<EventKind>,
    /// Inclusive bounds on the event's date.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl SearchQuery {
    fn filters_events(&self) -> bool {
        !self.kinds.is_empty() || self.from.is_some() || self.to.is_some()
    }
}

/// Matches, in input order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResults<'a> {
    /// Cases whose own text matches (only when the query has no kind/date filter), or that own
    /// a matching event.
    pub cases: Vec<&'a Case>,
    pub events: Vec<&'a Event>,
}

/// Pre-normalised text of cases and events, built once per data change.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    case_text: Vec<String>,
    event_text: Vec<String>,
}

impl SearchIndex {
    pub fn build(cases: &[Case], events: &[Event]) -> Self {
        SearchIndex {
            case_text: cases.iter().map(Case::search_text).collect(),
            event_text: events.iter().map(Event::search_text).collect(),
        }
    }

    /// Searches the slices the index was built from (same order, same length; if they differ,
    /// items without index text are matched as if their text were empty).
    pub fn search<'a>(
        &self,
        cases: &'a [Case],
        events: &'a [Event],
        query: &SearchQuery,
    ) -> SearchResults<'a> {
        let needle = normalize(&query.text);
        let terms: Vec<&str> = needle.split_whitespace().collect();
        let matches = |hay: Option<&String>| {
            let hay = hay.map(String::as_str).unwrap_or("");
            terms.iter().all(|t| hay.contains(t))
        };
        let mut hit_case_ids: HashSet<&str> = HashSet::new();
        let mut hit_events = Vec::new();
        for (i, event) in events.iter().enumerate() {
            if !query.kinds.is_empty() && !query.kinds.contains(&event.kind) {
                continue;
            }
            let date = event.at.date();
            if query.from.is_some_and(|f| date < f) || query.to.is_some_and(|t| date > t) {
                continue;
            }
            if matches(self.event_text.get(i)) {
                hit_events.push(event);
                hit_case_ids.insert(&event.case_id);
            }
        }
        let case_text_counts = !query.filters_events();
        let hit_cases = cases
            .iter()
            .enumerate()
            .filter(|(i, case)| {
                hit_case_ids.contains(case.id.as_str())
                    || (case_text_counts && matches(self.case_text.get(*i)))
            })
            .map(|(_, case)| case)
            .collect();
        SearchResults {
            cases: hit_cases,
            events: hit_events,
        }
    }
}

/// Builds an index and searches once (for one-off searches; keep a [`SearchIndex`] for typing).
pub fn search<'a>(
    cases: &'a [Case],
    events: &'a [Event],
    query: &SearchQuery,
) -> SearchResults<'a> {
    SearchIndex::build(cases, events).search(cases, events, query)
}

// ---------------------------------------------------------------------------------------------
// Evidence checklist (data/evidence.json)

pub const EVIDENCE_IDENTITY: &str = "identity";
pub const EVIDENCE_RESPONDENT: &str = "respondent";
pub const EVIDENCE_REQUEST: &str = "request";
pub const EVIDENCE_FACTS: &str = "facts";
pub const EVIDENCE_CONTRACT: &str = "contract";
pub const EVIDENCE_FEE_TABLE: &str = "fee_table";
pub const EVIDENCE_SALES_SLIP: &str = "sales_slip";
pub const EVIDENCE_SETTLEMENT: &str = "settlement_statement";
pub const EVIDENCE_CHAT: &str = "chat_records";
pub const EVIDENCE_RECEIPTS: &str = "payment_receipts";
pub const EVIDENCE_FIRST_COMPLAINT: &str = "first_complaint";
pub const EVIDENCE_POWER_OF_ATTORNEY: &str = "power_of_attorney";

/// How the app can tell an item is there besides an explicit tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AutoCheck {
    /// Only a tag on an event or attachment counts.
    TagOnly,
    /// `acquirer.name` is filled in.
    AcquirerNamed,
    /// `remedy_wanted` is filled in.
    RemedyStated,
    /// The case has at least one dated event.
    HasEvents,
    /// An event records a ticket number (a complaint lodged with someone, with a reference).
    HasTicketNo,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceItem {
    /// The tag events/attachments carry, e.g. `contract`.
    pub tag: String,
    pub label: Bilingual,
    /// False for items needed only in some situations (e.g. acting through an agent).
    pub always_needed: bool,
    pub auto: AutoCheck,
    pub source: Source,
}

const EVIDENCE_JSON: &str = include_str!("../../data/evidence.json");

#[derive(Deserialize)]
struct EvidenceFile {
    items: Vec<EvidenceItem>,
}

/// What a complaint should contain and the evidence to keep (`data/evidence.json`), each item
/// citing the articles behind it. The file is compiled in and checked by tests, so a parse
/// failure is a build defect; it yields an empty list rather than a panic.
pub fn evidence_checklist() -> Vec<EvidenceItem> {
    static PARSED: std::sync::OnceLock<Vec<EvidenceItem>> = std::sync::OnceLock::new();
    PARSED
        .get_or_init(|| {
            serde_json::from_str::<EvidenceFile>(EVIDENCE_JSON)
                .map(|f| f.items)
                .unwrap_or_default()
        })
        .clone()
}

/// One checklist line for a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceStatus {
    pub item: EvidenceItem,
    pub present: bool,
}

/// The checklist for `case`, using `events` (any case's; filtered here) and their attachments.
pub fn evidence_status(case: &Case, events: &[Event]) -> Vec<EvidenceStatus> {
    let own: Vec<&Event> = events.iter().filter(|e| e.case_id == case.id).collect();
    let mut tags: HashSet<&str> = HashSet::new();
    for event in &own {
        tags.extend(event.evidence.iter().map(String::as_str));
        for attachment in &event.attachments {
            tags.extend(attachment.evidence.iter().map(String::as_str));
        }
    }
    evidence_checklist()
        .into_iter()
        .map(|item| {
            let auto = match item.auto {
                AutoCheck::TagOnly => false,
                AutoCheck::AcquirerNamed => !case.acquirer.name.trim().is_empty(),
                AutoCheck::RemedyStated => !case.remedy_wanted.trim().is_empty(),
                AutoCheck::HasEvents => !own.is_empty(),
                AutoCheck::HasTicketNo => own.iter().any(|e| !e.ticket_no.trim().is_empty()),
            };
            let present = auto || tags.contains(item.tag.as_str());
            EvidenceStatus { item, present }
        })
        .collect()
}

/// The always-needed items still missing for `case`.
pub fn missing_evidence(case: &Case, events: &[Event]) -> Vec<EvidenceItem> {
    evidence_status(case, events)
        .into_iter()
        .filter(|s| !s.present && s.item.always_needed)
        .map(|s| s.item)
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    #[test]
    fn a_new_case_is_open_empty_and_valid() {
        let at = NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap();
        let case = Case::new("c-1", "签到失败", at);
        assert_eq!(case.status, CaseStatus::Open);
        assert_eq!((case.created_at, case.updated_at), (at, at));
        assert!(case.device.sn.is_empty() && case.last_exported_at.is_none());
        assert!(case.validate().is_ok());
        assert!(
            Case::new("c-2", " ", at).validate().is_err(),
            "a blank title is refused"
        );
    }

    use super::*;

    pub(crate) fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    pub(crate) fn sample_case(id: &str) -> Case {
        Case {
            id: id.to_owned(),
            title: "POS机无法刷卡".to_owned(),
            device: Device {
                brand: "某品牌".to_owned(),
                model: "X1".to_owned(),
                sn: "SN123".to_owned(),
                terminal_id: "12345678".to_owned(),
            },
            purchase_date: Some(day("2025-03-01")),
            purchase_channel: "业务员上门".to_owned(),
            vendor: Vendor {
                name: "某代理公司".to_owned(),
                contacts: vec!["138-0000-0000".to_owned()],
            },
            acquirer: Acquirer {
                name: "某支付有限公司".to_owned(),
                licence_no: Some("Z2000000000000".to_owned()),
            },
            merchant_no: "123456789012345".to_owned(),
            status: CaseStatus::Open,
            remedy_wanted: "退还押金299元".to_owned(),
            created_at: dt("2026-11-01 09:00"),
            updated_at: dt("2026-11-02 09:00"),
            last_exported_at: None,
        }
    }

    pub(crate) fn sample_event(id: &str, case_id: &str, at: &str, kind: EventKind) -> Event {
        Event {
            id: id.to_owned(),
            case_id: case_id.to_owned(),
            at: dt(at),
            kind,
            counterparty: "代理商客服".to_owned(),
            channel: Some(Channel::Phone),
            person: "王经理".to_owned(),
            ticket_no: String::new(),
            said: "答应三天内上门维修".to_owned(),
            promised_by: None,
            amount_fen: None,
            attachments: vec![],
            evidence: vec![],
        }
    }

    #[test]
    fn valid_case_and_event_pass() {
        assert_eq!(sample_case("c1").validate(), Ok(()));
        let mut e = sample_event("e1", "c1", "2026-11-02 10:00", EventKind::Call);
        e.attachments.push(AttachmentMeta {
            id: "a1".into(),
            name: "合同.jpg".into(),
            mime: "image/jpeg".into(),
            size: 1000,
            sha256: Some("a".repeat(64)),
            evidence: vec![EVIDENCE_CONTRACT.into()],
        });
        assert_eq!(e.validate(), Ok(()));
    }

    #[test]
    fn html_is_plain_data() {
        let mut c = sample_case("c1");
        c.title = "<script>alert(1)</script>".into();
        assert_eq!(c.validate(), Ok(()));
    }

    #[test]
    fn validation_names_fields_and_limits() {
        let mut c = sample_case("bad id");
        c.title = " ".into();
        c.device.sn = "x".repeat(MAX_SHORT_CHARS + 1);
        c.vendor.contacts = vec!["a".into(); MAX_CONTACTS + 1];
        c.purchase_date = Some(day("1900-01-01"));
        c.updated_at = dt("2026-10-01 00:00");
        let errors = c.validate().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "id",
                "title",
                "device.sn",
                "vendor.contacts",
                "purchase_date",
                "updated_at"
            ]
        );
        assert_eq!(errors[0].problem, FieldProblem::BadId);
        assert_eq!(
            errors[2].problem,
            FieldProblem::TooLong {
                max: MAX_SHORT_CHARS,
                actual: MAX_SHORT_CHARS + 1
            }
        );
        assert!(errors[2].message().zh.contains("device.sn：太长"));
        // Chinese counts characters, not bytes: 200 汉字 (600 bytes) is fine.
        let mut ok = sample_case("c2");
        ok.title = "汉".repeat(MAX_TITLE_CHARS);
        assert_eq!(ok.validate(), Ok(()));
    }

    #[test]
    fn event_validation_checks_attachments_amounts_and_tags() {
        let mut e = sample_event("e1", "", "2026-11-02 10:00", EventKind::Charge);
        e.amount_fen = Some(i64::MIN);
        let meta = AttachmentMeta {
            id: "a1".into(),
            name: "".into(),
            mime: "jpeg".into(),
            size: MAX_ATTACHMENT_BYTES + 1,
            sha256: Some("XYZ".into()),
            evidence: vec!["Bad Tag".into()],
        };
        e.attachments = vec![meta.clone(), meta];
        e.evidence = vec!["ok_tag".into(), "".into()];
        let errors = e.validate().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"case_id"));
        assert!(fields.contains(&"amount_fen"));
        assert!(fields.contains(&"attachments[0].name"));
        assert!(fields.contains(&"attachments[0].mime"));
        assert!(fields.contains(&"attachments[0].size"));
        assert!(fields.contains(&"attachments[0].sha256"));
        assert!(fields.contains(&"attachments[0].evidence[0]"));
        assert!(fields.contains(&"attachments[1].id"));
        assert!(fields.contains(&"evidence[1]"));
        assert!(!fields.contains(&"evidence[0]"));
        for err in &errors {
            assert!(err.problem.message().is_complete());
        }
    }

    #[test]
    fn serde_uses_snake_case_tags() {
        let e = sample_event("e1", "c1", "2026-11-02 10:00", EventKind::LetterSent);
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["kind"], "letter_sent");
        assert_eq!(json["channel"], "phone");
        assert_eq!(json["at"], "2026-11-02T10:00:00");
        let back: Event = serde_json::from_value(json).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn picker_sorts_active_then_recent_then_id() {
        let mut done = sample_case("done");
        done.status = CaseStatus::Abandoned;
        done.updated_at = dt("2026-11-22 00:00");
        let mut old = sample_case("old");
        old.updated_at = dt("2026-01-01 00:00");
        let mut b = sample_case("b");
        b.updated_at = dt("2026-11-20 00:00");
        let mut a = sample_case("a");
        a.updated_at = dt("2026-11-20 00:00");
        let mut cases = vec![done, old, b, a];
        sort_for_picker(&mut cases);
        let ids: Vec<&str> = cases.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "old", "done"]);
    }

    #[test]
    fn cases_sort_active_then_overdue_then_recent() {
        let today = day("2026-11-23");
        let mut resolved = sample_case("resolved");
        resolved.status = CaseStatus::Resolved;
        resolved.updated_at = dt("2026-11-22 00:00");
        let mut recent = sample_case("recent");
        recent.updated_at = dt("2026-11-20 00:00");
        let mut overdue = sample_case("overdue");
        overdue.updated_at = dt("2026-11-03 00:00");
        let mut kept = sample_case("kept");
        kept.status = CaseStatus::Waiting;
        kept.updated_at = dt("2026-11-04 00:00");
        let mut promise = sample_event("p1", "overdue", "2026-11-10 10:00", EventKind::Call);
        promise.promised_by = Some(day("2026-11-13"));
        let mut kept_promise = sample_event("p2", "kept", "2026-11-10 10:00", EventKind::Call);
        kept_promise.promised_by = Some(day("2026-11-13"));
        let answer = sample_event("r2", "kept", "2026-11-12 10:00", EventKind::Repair);
        let events = vec![promise, kept_promise, answer];
        let mut cases = vec![resolved, recent, kept, overdue];
        sort_cases(&mut cases, &events, today);
        let ids: Vec<&str> = cases.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["overdue", "recent", "kept", "resolved"]);
        let pending = pending_promises(&events);
        assert!(pending.contains_key("overdue") && !pending.contains_key("kept"));
        // Not overdue on the due date itself.
        assert!(!is_overdue(&cases[0], &pending, day("2026-11-13")));
    }

    #[test]
    fn timeline_orders_back_dated_entries() {
        let events = vec![
            sample_event("b", "c1", "2026-11-05 10:00", EventKind::Call),
            sample_event("x", "other", "2026-11-01 10:00", EventKind::Call),
            sample_event("a", "c1", "2026-11-01 10:00", EventKind::Fault), // back-dated
            sample_event("c", "c1", "2026-11-05 10:00", EventKind::Note),
        ];
        let oldest: Vec<&str> = timeline(&events, "c1", TimelineOrder::OldestFirst)
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(oldest, ["a", "b", "c"]);
        let newest: Vec<&str> = timeline(&events, "c1", TimelineOrder::NewestFirst)
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(newest, ["c", "b", "a"]);
    }

    #[test]
    fn search_matches_terms_kinds_and_dates() {
        let cases = vec![sample_case("c1"), {
            let mut c = sample_case("c2");
            c.title = "押金不退".into();
            c.acquirer.name = "ＡＢＣ支付".into(); // full-width
            c
        }];
        let mut e1 = sample_event("e1", "c1", "2026-11-02 10:00", EventKind::Call);
        e1.ticket_no = "TK-778".into();
        let mut e2 = sample_event("e2", "c2", "2026-11-10 10:00", EventKind::Charge);
        e2.said = "扣了流量费68元".into();
        let events = vec![e1, e2];
        let q = |text: &str| SearchQuery {
            text: text.into(),
            ..SearchQuery::default()
        };
        let r = search(&cases, &events, &q("tk-778"));
        assert_eq!(r.events.len(), 1);
        assert_eq!(r.cases[0].id, "c1");
        let r = search(&cases, &events, &q("abc 押金"));
        assert_eq!(r.cases.len(), 1);
        assert_eq!(r.cases[0].id, "c2");
        assert!(r.events.is_empty());
        let r = search(&cases, &events, &q("流量费　６８")); // ideographic space, full-width 68
        assert_eq!(r.events[0].id, "e2");
        let r = search(
            &cases,
            &events,
            &SearchQuery {
                kinds: vec![EventKind::Charge],
                ..SearchQuery::default()
            },
        );
        assert_eq!(r.events.len(), 1);
        assert_eq!(r.cases.len(), 1);
        let r = search(
            &cases,
            &events,
            &SearchQuery {
                from: Some(day("2026-11-03")),
                to: Some(day("2026-11-10")),
                ..SearchQuery::default()
            },
        );
        assert_eq!(r.events.iter().map(|e| &e.id).collect::<Vec<_>>(), ["e2"]);
        let r = search(&cases, &events, &q(""));
        assert_eq!((r.cases.len(), r.events.len()), (2, 2));
    }

    fn many_events(n: usize) -> (Vec<Case>, Vec<Event>) {
        let cases: Vec<Case> = (0..100).map(|i| sample_case(&format!("c{i}"))).collect();
        let events = (0..n)
            .map(|i| {
                let mut e = sample_event(
                    &format!("e{i}"),
                    &format!("c{}", i % 100),
                    "2026-11-02 10:00",
                    EventKind::ALL[i % 9],
                );
                e.said =
                    format!("第{i}次联系，对方答应尽快处理，工单 T{i:06}，还是没有人来修机器。");
                e
            })
            .collect();
        (cases, events)
    }

    #[test]
    fn search_10k_events_is_linear_and_correct() {
        let (cases, events) = many_events(10_000);
        let index = SearchIndex::build(&cases, &events);
        let r = index.search(
            &cases,
            &events,
            &SearchQuery {
                text: "t009999".into(),
                ..SearchQuery::default()
            },
        );
        assert_eq!(r.events.len(), 1);
        assert_eq!(r.events[0].id, "e9999");
    }

    /// Timing check, run on demand: `cargo test --release -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn bench_search_10k_events() {
        let (cases, events) = many_events(10_000);
        let index = SearchIndex::build(&cases, &events);
        let query = SearchQuery {
            text: "答应 t00500".into(),
            kinds: vec![EventKind::Call, EventKind::Note],
            ..SearchQuery::default()
        };
        let start = std::time::Instant::now();
        let rounds = 20;
        for _ in 0..rounds {
            std::hint::black_box(index.search(&cases, &events, &query));
        }
        let per_query = start.elapsed() / rounds;
        println!("search over 10,000 events: {per_query:?} per query");
        assert!(per_query.as_millis() < 30);
    }

    /// `data/evidence.json` parses, cites a checkable source for every item, and has exactly the
    /// tags the diary stores (the `EVIDENCE_*` consts), each once.
    #[test]
    fn evidence_checklist_file_is_sourced_and_has_exactly_the_known_tags() {
        let parsed: EvidenceFile =
            serde_json::from_str(EVIDENCE_JSON).expect("data/evidence.json parses");
        let list = evidence_checklist();
        assert_eq!(list, parsed.items);
        let mut tags = HashSet::new();
        for item in &list {
            assert!(tags.insert(item.tag.as_str()), "{} twice", item.tag);
            assert!(item.label.is_complete(), "{}", item.tag);
            assert_eq!(
                item.source.citation_problems(),
                Vec::<String>::new(),
                "{}",
                item.tag
            );
            assert!(
                !item.source.unconfirmed,
                "{}: the checklist rests on articles",
                item.tag
            );
        }
        let known: HashSet<&str> = [
            EVIDENCE_IDENTITY,
            EVIDENCE_RESPONDENT,
            EVIDENCE_REQUEST,
            EVIDENCE_FACTS,
            EVIDENCE_CONTRACT,
            EVIDENCE_FEE_TABLE,
            EVIDENCE_SALES_SLIP,
            EVIDENCE_SETTLEMENT,
            EVIDENCE_CHAT,
            EVIDENCE_RECEIPTS,
            EVIDENCE_FIRST_COMPLAINT,
            EVIDENCE_POWER_OF_ATTORNEY,
        ]
        .into();
        assert_eq!(tags, known);
        // Only the power of attorney is situational.
        let situational: Vec<&str> = list
            .iter()
            .filter(|i| !i.always_needed)
            .map(|i| i.tag.as_str())
            .collect();
        assert_eq!(situational, [EVIDENCE_POWER_OF_ATTORNEY]);
    }

    #[test]
    fn missing_evidence_follows_tags_and_case_fields() {
        let mut case = sample_case("c1");
        case.remedy_wanted.clear();
        let missing: Vec<String> = missing_evidence(&case, &[])
            .into_iter()
            .map(|i| i.tag)
            .collect();
        assert!(missing.contains(&EVIDENCE_REQUEST.to_owned()));
        assert!(missing.contains(&EVIDENCE_FACTS.to_owned()));
        assert!(!missing.contains(&EVIDENCE_RESPONDENT.to_owned())); // acquirer named
        assert!(!missing.contains(&EVIDENCE_POWER_OF_ATTORNEY.to_owned())); // situational
        let mut e = sample_event("e1", "c1", "2026-11-02 10:00", EventKind::Call);
        e.ticket_no = "T1".into();
        e.evidence = vec![EVIDENCE_CHAT.into()];
        e.attachments.push(AttachmentMeta {
            id: "a1".into(),
            name: "合同.pdf".into(),
            mime: "application/pdf".into(),
            size: 10,
            sha256: None,
            evidence: vec![EVIDENCE_CONTRACT.into()],
        });
        let other_case = {
            let mut o = sample_event("e2", "c9", "2026-11-02 10:00", EventKind::Note);
            o.evidence = vec![EVIDENCE_FEE_TABLE.into()];
            o
        };
        let missing: Vec<String> = missing_evidence(&case, &[e, other_case])
            .into_iter()
            .map(|i| i.tag)
            .collect();
        for present in [
            EVIDENCE_FACTS,
            EVIDENCE_FIRST_COMPLAINT,
            EVIDENCE_CHAT,
            EVIDENCE_CONTRACT,
        ] {
            assert!(!missing.contains(&present.to_owned()), "{present}");
        }
        assert!(missing.contains(&EVIDENCE_FEE_TABLE.to_owned())); // another case's tag
        assert!(missing.contains(&EVIDENCE_IDENTITY.to_owned()));
    }
}
