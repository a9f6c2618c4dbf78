//! The case diary: a merchant's dispute ([`Case`]) and what happened in it ([`Event`]), with
//! validation, list sorting, timelines, search and the evidence checklist.
//!
//! Pure: ids and "today" come from the caller; nothing here reads the clock or storage.
//!
//! # Layout
//! One file per concern; everything is re-exported here, so callers use `domain::case::X`.
//! - `model.rs` — the data: [`Case`] ([`Device`], [`Vendor`], [`Acquirer`], [`CaseStatus`]),
//!   [`Event`] ([`EventKind`], [`Channel`]), [`AttachmentMeta`].
//! - `validation.rs` — the `MAX_*` field limits, [`FieldError`] / [`FieldProblem`] and the
//!   `validate` methods.
//! - `ordering.rs` — promises and overdue flags, [`sort_cases`], [`sort_for_picker`], [`chronological`] (the
//!   one order of events), [`timeline`].
//! - `search.rs` — [`normalize`], [`SearchQuery`], [`SearchIndex`], [`search`].
//! - `evidence.rs` — the `EVIDENCE_*` tags and the checklist from `data/evidence.json`.
//!
//! Each file carries its own tests; the fixtures they share (and that `backup` and `letters`
//! tests use) are in `tests` here.
//!
//! # Public API
//! - Data: [`Case`] ([`Device`], [`Vendor`], [`Acquirer`], [`CaseStatus`]), [`Event`]
//!   ([`EventKind`], [`Channel`]), [`AttachmentMeta`]. All serde, with `snake_case` enum tags.
//! - Validation: [`Case::validate`], [`Event::validate`], [`AttachmentMeta::validate`] →
//!   `Result<(), Vec<FieldError>>`; [`FieldProblem::message`] gives bilingual text. Limits are the
//!   `MAX_*` consts. HTML or script in text is plain data and is accepted: escaping is the
//!   view's job.
//! - Ordering: [`sort_cases`] (active first, then overdue, then most recently updated),
//!   [`pending_promises`] / [`is_overdue`], [`timeline`] with [`TimelineOrder`].
//! - Search: [`SearchIndex::build`] once, then [`SearchIndex::search`] with a [`SearchQuery`]
//!   (text terms, event kinds, date range); [`search`] does both in one call. Linear in the data.
//! - Evidence: [`evidence_checklist`] (`data/evidence.json`, each item with a
//!   [`Source`](crate::domain::text::Source)),
//!   [`evidence_status`] and [`missing_evidence`] for one case. Tags are the `EVIDENCE_*` consts.

mod evidence;
mod model;
mod ordering;
mod search;
mod validation;

pub use evidence::{
    evidence_checklist, evidence_status, missing_evidence, AutoCheck, EvidenceItem, EvidenceStatus,
    EVIDENCE_CHAT, EVIDENCE_CONTRACT, EVIDENCE_FACTS, EVIDENCE_FEE_TABLE, EVIDENCE_FIRST_COMPLAINT,
    EVIDENCE_IDENTITY, EVIDENCE_POWER_OF_ATTORNEY, EVIDENCE_RECEIPTS, EVIDENCE_REQUEST,
    EVIDENCE_RESPONDENT, EVIDENCE_SALES_SLIP, EVIDENCE_SETTLEMENT,
};
pub use model::{
    Acquirer, AttachmentMeta, BackupState, Case, CaseStatus, Channel, Device, Event, EventKind,
    Vendor,
};
pub use ordering::{
    chronological, is_overdue, pending_promises, sort_cases, sort_for_picker, timeline,
    PendingPromise, TimelineOrder,
};
pub use search::{normalize, search, SearchIndex, SearchQuery, SearchResults};
pub use validation::{
    FieldError, FieldProblem, MAX_AMOUNT_FEN, MAX_ATTACHMENTS_PER_EVENT, MAX_ATTACHMENT_BYTES,
    MAX_CONTACTS, MAX_EVIDENCE_TAGS, MAX_ID_CHARS, MAX_LONG_CHARS, MAX_SHORT_CHARS, MAX_TAG_CHARS,
    MAX_TITLE_CHARS, MAX_YEAR, MIN_BIRTH_YEAR, MIN_YEAR,
};

/// Fixtures shared by the tests of every file here and by other domain modules' tests.
#[cfg(test)]
pub(crate) mod tests {
    use chrono::{NaiveDate, NaiveDateTime};

    use super::*;

    pub(crate) fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    pub(crate) fn day(s: &str) -> NaiveDate {
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
                ..Default::default()
            },
            purchase_date: Some(day("2025-03-01")),
            purchase_channel: "业务员上门".to_owned(),
            vendor: Vendor {
                name: "某代理公司".to_owned(),
                contacts: vec!["138-0000-0000".to_owned()],
                ..Default::default()
            },
            acquirer: Acquirer {
                name: "某支付有限公司".to_owned(),
                licence_no: Some("Z2000000000000".to_owned()),
                ..Default::default()
            },
            merchant_no: "123456789012345".to_owned(),
            status: CaseStatus::Open,
            remedy_wanted: "退还押金299元".to_owned(),
            payer: Default::default(),
            matters: vec![],
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
}
