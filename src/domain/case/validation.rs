//! Field limits (the `MAX_*` consts) and validation: [`Case::validate`], [`Event::validate`],
//! [`AttachmentMeta::validate`], [`Profile::validate`] → `Result<(), Vec<FieldError>>`; [`FieldProblem::message`] gives
//! bilingual text. HTML or script in text is plain data and is accepted: escaping is the view's job.

use std::collections::HashSet;

use chrono::Datelike;

use super::model::{AttachmentMeta, Case, Event};
use crate::domain::party::{Counterparty, Profile};
use crate::domain::text::Bilingual;

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
/// Earliest birth year a profile may carry (a merchant born before it is a typing mistake).
pub const MIN_BIRTH_YEAR: i32 = 1900;

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
    #[error("birth year {year} is outside {MIN_BIRTH_YEAR}–{MAX_YEAR}")]
    BirthYearOutOfRange { year: i32 },
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
            FieldProblem::BirthYearOutOfRange { year } => Bilingual::new(
                format!("出生年份{year}不在{MIN_BIRTH_YEAR}–{MAX_YEAR}之间，请检查日期"),
                format!("birth year {year} is outside {MIN_BIRTH_YEAR}–{MAX_YEAR}; check the date"),
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

    /// A company a case names: each part is one line of text.
    fn counterparty(&mut self, field: &str, party: &Counterparty) {
        for (part, value) in [
            ("name", &party.name),
            ("credit_code", &party.credit_code),
            ("address", &party.address),
            ("legal_rep", &party.legal_rep),
        ] {
            self.text(&format!("{field}.{part}"), value, MAX_SHORT_CHARS, false);
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
        c.count("vendor.contacts", self.vendor.contacts.len(), MAX_CONTACTS);
        for (i, contact) in self.vendor.contacts.iter().enumerate() {
            c.text(
                &format!("vendor.contacts[{i}]"),
                contact,
                MAX_SHORT_CHARS,
                false,
            );
        }
        c.counterparty("vendor", &self.vendor.as_counterparty());
        c.counterparty("acquirer", &self.acquirer.as_counterparty());
        if let Some(licence) = &self.acquirer.licence_no {
            c.text("acquirer.licence_no", licence, MAX_SHORT_CHARS, false);
        }
        c.counterparty("payer", &self.payer);
        // Each matter at most once (the form and `Matter::parse_list` never repeat one).
        c.count(
            "matters",
            self.matters.len(),
            crate::domain::party::Matter::ALL.len(),
        );
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
}

impl Profile {
    /// The merchant's particulars: every text field is one line ([`MAX_SHORT_CHARS`]); a birth
    /// date must fall in [`MIN_BIRTH_YEAR`]–[`MAX_YEAR`]. Nothing is required: a profile is
    /// filled in bit by bit, and each letter says what it still needs.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut c = Checker::default();
        for (field, value) in [
            ("name", &self.name),
            ("trade_name", &self.trade_name),
            ("credit_code", &self.credit_code),
            ("representative", &self.representative),
            ("representative_title", &self.representative_title),
            ("id_no", &self.id_no),
            ("ethnicity", &self.ethnicity),
            ("occupation", &self.occupation),
            ("phone", &self.phone),
            ("address", &self.address),
        ] {
            c.text(field, value, MAX_SHORT_CHARS, false);
        }
        if let Some(born) = self.birth_date {
            if !(MIN_BIRTH_YEAR..=MAX_YEAR).contains(&born.year()) {
                c.push(
                    "birth_date",
                    FieldProblem::BirthYearOutOfRange { year: born.year() },
                );
            }
        }
        c.finish()
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::tests::{day, dt, sample_case, sample_event};
    use crate::domain::case::{EventKind, EVIDENCE_CONTRACT};

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
    fn counterparty_fields_and_matters_are_limited() {
        use crate::domain::party::{AcquirerKind, Acquisition, Matter};
        let mut c = sample_case("c1");
        c.device.acquired = Some(Acquisition::Placed);
        c.vendor.credit_code = "91440300MA5XXXXXX2".into();
        c.vendor.address = "深圳市某区某路3号".into();
        c.vendor.legal_rep = "李四".into();
        c.acquirer.kind = AcquirerKind::NonBank;
        c.acquirer.address = "上海市某区某路2号".into();
        c.payer.name = "某某科技有限公司".into();
        c.matters = vec![Matter::Fault, Matter::SecondClearing];
        assert_eq!(c.validate(), Ok(()));
        // Chinese counts characters: 200 汉字 is fine, 201 is not.
        c.payer.address = "路".repeat(MAX_SHORT_CHARS);
        assert_eq!(c.validate(), Ok(()));

        let long = "x".repeat(MAX_SHORT_CHARS + 1);
        c.vendor.credit_code = long.clone();
        c.vendor.address = long.clone();
        c.vendor.legal_rep = long.clone();
        c.acquirer.credit_code = long.clone();
        c.acquirer.address = long.clone();
        c.acquirer.legal_rep = long.clone();
        c.payer.name = long.clone();
        c.payer.credit_code = long.clone();
        c.payer.address = long;
        c.matters = [Matter::ALL.as_slice(), &[Matter::Fault]].concat();
        let errors = c.validate().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "vendor.credit_code",
                "vendor.address",
                "vendor.legal_rep",
                "acquirer.credit_code",
                "acquirer.address",
                "acquirer.legal_rep",
                "payer.name",
                "payer.credit_code",
                "payer.address",
                "matters",
            ]
        );
        assert!(errors.iter().take(9).all(|e| e.problem
            == FieldProblem::TooLong {
                max: MAX_SHORT_CHARS,
                actual: MAX_SHORT_CHARS + 1
            }));
    }

    #[test]
    fn profile_validation_limits_text_and_birth_year() {
        use crate::domain::party::{PartyKind, Profile};
        let mut p = Profile {
            kind: PartyKind::SoleTrader,
            name: "张三".into(),
            trade_name: "<b>张三便利店</b>".into(),
            birth_date: Some(day("1950-06-01")),
            ..Profile::default()
        };
        assert_eq!(p.validate(), Ok(()), "born before 1990 is fine");
        assert_eq!(Profile::default().validate(), Ok(()), "nothing is required");
        p.address = "址".repeat(MAX_SHORT_CHARS + 1);
        p.birth_date = Some(day("1850-01-01"));
        let errors = p.validate().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["address", "birth_date"]);
        assert!(errors[1].message().zh.contains("出生年份1850"));
        for e in &errors {
            assert!(e.problem.message().is_complete());
        }
    }
}
