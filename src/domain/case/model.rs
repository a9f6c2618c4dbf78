//! The diary's data: [`Case`] ([`Device`], [`Vendor`], [`Acquirer`], [`CaseStatus`]), [`Event`]
//! ([`EventKind`], [`Channel`]) and [`AttachmentMeta`]. All serde, with `snake_case` enum tags.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::party::{AcquirerKind, Acquisition, Counterparty, Matter};
use crate::domain::text::Bilingual;

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

    /// Kinds that answer an earlier promise (see [`pending_promises`](super::pending_promises)).
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
    /// Bought (购买) or placed by sign-up (办理); `None` until the merchant says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acquired: Option<Acquisition>,
}

/// Whoever sold or placed the terminal (often an agent, not the licensed acquirer).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Vendor {
    #[serde(default)]
    pub name: String,
    /// Free-form contact lines: phone numbers, WeChat ids, addresses.
    #[serde(default)]
    pub contacts: Vec<String>,
    /// 统一社会信用代码, if known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub credit_code: String,
    /// Registered address (住所), for letters and a 起诉状.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    /// 法定代表人, for a 起诉状.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub legal_rep: String,
}

impl Vendor {
    pub fn as_counterparty(&self) -> Counterparty {
        Counterparty {
            name: self.name.clone(),
            credit_code: self.credit_code.clone(),
            address: self.address.clone(),
            legal_rep: self.legal_rep.clone(),
        }
    }
}

/// The licensed acquirer (收单机构) — the legal respondent (条例 第三十五条; 中支协发〔2024〕108号 第十二条).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Acquirer {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub licence_no: Option<String>,
    /// Bank or non-bank, when the merchant knows (a bank is not bound by the non-bank 条例).
    #[serde(default, skip_serializing_if = "is_unknown")]
    pub kind: AcquirerKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub credit_code: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub legal_rep: String,
}

fn is_unknown(kind: &AcquirerKind) -> bool {
    *kind == AcquirerKind::Unknown
}

impl Acquirer {
    pub fn as_counterparty(&self) -> Counterparty {
        Counterparty {
            name: self.name.clone(),
            credit_code: self.credit_code.clone(),
            address: self.address.clone(),
            legal_rep: self.legal_rep.clone(),
        }
    }

    /// The kind the merchant set, or the one the name and licence number suggest.
    pub fn effective_kind(&self) -> AcquirerKind {
        match self.kind {
            AcquirerKind::Unknown => AcquirerKind::guess(&self.name, self.licence_no.as_deref()),
            kind => kind,
        }
    }
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
    /// The payer shown on the settlement statement (a company other than the acquirer is 二清).
    #[serde(default, skip_serializing_if = "Counterparty::is_empty")]
    pub payer: Counterparty,
    /// What the case is about; decides which articles a letter cites.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matters: Vec<Matter>,
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
            payer: Counterparty::default(),
            matters: Vec::new(),
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
    #[serde(with = "crate::domain::fast_time::datetime")]
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
        with = "crate::domain::fast_time::option_date",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::tests::sample_event;

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
}
