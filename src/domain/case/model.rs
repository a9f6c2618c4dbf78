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

    /// Whether the case is in a backup file the merchant holds: never exported, changed since
    /// the last export, or backed up.
    pub fn backup_state(&self) -> BackupState {
        match self.last_exported_at {
            None => BackupState::NeverExported,
            Some(at) if at < self.updated_at => BackupState::ChangedSinceExport,
            Some(_) => BackupState::BackedUp,
        }
    }

    /// The case as written when it is restored from a backup exported at `exported_at`: the
    /// file it came from is its backup, so it counts as backed up at that moment.
    pub fn restored_from(&self, exported_at: NaiveDateTime) -> Case {
        let at = [
            Some(exported_at),
            Some(self.updated_at),
            self.last_exported_at,
        ]
        .into_iter()
        .flatten()
        .max();
        Case {
            last_exported_at: at,
            ..self.clone()
        }
    }
}

impl Event {
    /// What the timeline shows of the event's text. A sent letter's text starts with its title
    /// and the clocks it started ("《催告函》\n要求对方答复的截止日：2026年12月7日…"), then a blank
    /// line and the letter itself: the head is shown, the letter is not (it has its own
    /// printout). Every other text is shown whole.
    pub fn said_head(&self) -> &str {
        if self.kind == EventKind::LetterSent && self.said.starts_with('《') {
            self.said
                .split_once("\n\n")
                .map_or(self.said.as_str(), |(head, _)| head)
                .trim_end()
        } else {
            &self.said
        }
    }

    /// A sent letter's full text, when [`Event::said_head`] left it out.
    pub fn letter_body(&self) -> Option<&str> {
        let head = self.said_head();
        let rest = self.said[head.len()..].trim();
        (!rest.is_empty()).then_some(rest)
    }

    /// The channel worth showing beside the kind: none when it only repeats it (a phone call
    /// "by phone", a letter "by letter").
    pub fn distinct_channel(&self) -> Option<Channel> {
        let channel = self.channel?;
        let same = matches!(
            (self.kind, channel),
            (EventKind::Call, Channel::Phone)
                | (EventKind::Visit, Channel::InPerson)
                | (EventKind::LetterSent, Channel::Letter)
        ) || self.kind.label() == channel.label();
        (!same).then_some(channel)
    }
}

/// See [`Case::backup_state`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupState {
    NeverExported,
    ChangedSinceExport,
    BackedUp,
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

    #[test]
    fn backup_state_never_changed_or_backed_up() {
        let t = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        let mut case = Case::new("c1", "t", t("2026-11-01 09:00"));
        assert_eq!(case.backup_state(), BackupState::NeverExported);
        case.last_exported_at = Some(t("2026-11-01 10:00"));
        assert_eq!(case.backup_state(), BackupState::BackedUp);
        case.updated_at = t("2026-11-02 09:00");
        assert_eq!(case.backup_state(), BackupState::ChangedSinceExport);
        // Restored from a file exported later than the last change: backed up by that file.
        let restored = case.restored_from(t("2026-11-03 08:00"));
        assert_eq!(restored.last_exported_at, Some(t("2026-11-03 08:00")));
        assert_eq!(restored.backup_state(), BackupState::BackedUp);
        let never = Case::new("c2", "t", t("2026-11-01 09:00"));
        assert_eq!(
            never.restored_from(t("2026-11-01 09:30")).backup_state(),
            BackupState::BackedUp
        );
        assert_eq!(
            Case {
                last_exported_at: None,
                ..restored.clone()
            }
            .backup_state(),
            BackupState::NeverExported
        );
    }

    #[test]
    fn a_sent_letter_shows_its_title_and_clocks_not_its_text() {
        let mut e = sample_event("e1", "c1", "2026-11-27 10:00", EventKind::LetterSent);
        e.said = "《催告函》\n要求对方答复的截止日：2026年12月7日\n投诉受理期限：收到投诉后开始计算\n\n催告函\n\n某代理公司：\n本店于……".into();
        assert_eq!(
            e.said_head(),
            "《催告函》\n要求对方答复的截止日：2026年12月7日\n投诉受理期限：收到投诉后开始计算"
        );
        assert!(e
            .letter_body()
            .unwrap()
            .starts_with("催告函\n\n某代理公司："));
        // Only the title when the letter started no clock.
        e.said = "《投诉信》\n\n正文".into();
        assert_eq!(e.said_head(), "《投诉信》");
        // Other events (and a letter note the merchant typed by hand) are shown whole.
        e.said = "寄出挂号信\n\n单号123".into();
        assert_eq!(e.said_head(), e.said);
        assert_eq!(e.letter_body(), None);
        let mut call = sample_event("e2", "c1", "2026-11-27 10:00", EventKind::Call);
        call.said = "答应\n\n三天内上门".into();
        assert_eq!(call.said_head(), call.said);
    }

    #[test]
    fn the_channel_is_shown_only_when_it_adds_something() {
        let mut e = sample_event("e1", "c1", "2026-11-27 10:00", EventKind::Call);
        e.channel = Some(Channel::Phone);
        assert_eq!(e.distinct_channel(), None, "电话 电话");
        e.channel = Some(Channel::Wechat);
        assert_eq!(e.distinct_channel(), Some(Channel::Wechat), "a WeChat call");
        e.kind = EventKind::LetterSent;
        e.channel = Some(Channel::Letter);
        assert_eq!(e.distinct_channel(), None);
        e.channel = Some(Channel::Email);
        assert_eq!(e.distinct_channel(), Some(Channel::Email));
        e.kind = EventKind::Visit;
        e.channel = Some(Channel::InPerson);
        assert_eq!(e.distinct_channel(), None);
        e.channel = None;
        assert_eq!(e.distinct_channel(), None);
    }
}
