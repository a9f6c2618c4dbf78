//! The evidence checklist: [`evidence_checklist`] (`data/evidence.json`, each item with a
//! [`Source`]), [`evidence_status`] and [`missing_evidence`] for one case. Tags are the
//! `EVIDENCE_*` consts.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::model::{Case, Event};
use crate::domain::text::{Bilingual, Source};

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

const EVIDENCE_JSON: &str = include_str!("../../../data/evidence.json");

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
mod tests {
    use super::*;
    use crate::domain::case::tests::{sample_case, sample_event};
    use crate::domain::case::{AttachmentMeta, EventKind};

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
