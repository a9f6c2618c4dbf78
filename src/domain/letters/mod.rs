//! Letter templates (`data/letters/<kind>.json`), the articles they cite
//! (`data/letters/law.json`, [`law`]), filling them ([`compose`]) and laying the text out on A4
//! ([`layout`]).
//!
//! Templates are data: who to send to, when to use and not to use (bilingual), the Chinese
//! subject and paragraphs with `{{placeholder}}` fields, an explanation, required and optional
//! fields, enclosures, the reply clock (an id in [`super::clocks`]), whom the letter is about
//! ([`RespondentRule`]), the role the sender signs as, and the ids of the articles it may cite.
//! Each template carries a "not legal advice" disclaimer.
//!
//! # Public API
//! - [`LetterKind`], [`LetterTemplate`], [`templates`], [`template`].
//! - [`known_fields`] / [`field_spec`]: every field a template may use, with bilingual labels and
//!   whether the merchant fills it (text, date, days, a choice) or the app generates it.
//! - [`fields_from_case`], [`fields_from_query`]: what a diary case or a link already knows.
//! - [`render`]`(template, profile, fields, today, events)` → [`Rendered`]; see [`compose`].
//!   Dates are written `2026年11月23日` ([`format_date_zh`]).
//! - [`letter_sent_event`]: the diary event for a sent letter, with the clocks it starts.
//! - [`layout::layout`]: the text as A4 blocks; [`escape_html`] for the downloaded page.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub mod compose;
pub mod docx;
pub mod dossier;
pub mod html;
pub mod law;
pub mod layout;

pub use compose::{render, render_numbered, Rendered, RespondentRule};

use super::case::Event;
use super::text::{Bilingual, Source};

const TEMPLATE_FILES: [&str; 6] = [
    include_str!("../../../data/letters/demand-vendor.json"),
    include_str!("../../../data/letters/acquirer.json"),
    include_str!("../../../data/letters/pboc.json"),
    include_str!("../../../data/letters/report-12315.json"),
    include_str!("../../../data/letters/pcac.json"),
    include_str!("../../../data/letters/civil.json"),
];

const FIELDS_JSON: &str = include_str!("../../../data/letters/fields.json");

/// Which letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LetterKind {
    /// 催告函 to the vendor / agent.
    DemandVendor,
    /// Complaint to the licensed acquirer.
    Acquirer,
    /// Complaint to the PBoC branch.
    Pboc,
    /// 举报 to market regulation (12315).
    #[serde(rename = "report-12315")]
    Report12315,
    /// Report to the Payments & Clearing Association of China.
    Pcac,
    /// Civil statement of claim (small claims).
    Civil,
}

impl LetterKind {
    pub const ALL: [LetterKind; 6] = [
        LetterKind::DemandVendor,
        LetterKind::Acquirer,
        LetterKind::Pboc,
        LetterKind::Report12315,
        LetterKind::Pcac,
        LetterKind::Civil,
    ];

    /// The file stem under `data/letters/` and the URL slug.
    pub fn slug(self) -> &'static str {
        match self {
            LetterKind::DemandVendor => "demand-vendor",
            LetterKind::Acquirer => "acquirer",
            LetterKind::Pboc => "pboc",
            LetterKind::Report12315 => "report-12315",
            LetterKind::Pcac => "pcac",
            LetterKind::Civil => "civil",
        }
    }

    /// The kind whose [`slug`](Self::slug) this is (a `/letters/<slug>` address, a wizard
    /// outcome's letter list).
    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.slug() == slug)
    }

    /// The template's title ("致收单机构的投诉函"), from a table build.rs reads out of the
    /// templates: for pages that link to a letter without needing the template itself.
    pub fn title(self) -> Bilingual {
        let (_, zh, en) = LETTER_TITLES
            .iter()
            .find(|(kind, _, _)| *kind == self.slug())
            .copied()
            .unwrap_or((self.slug(), self.slug(), self.slug()));
        Bilingual::new(zh, en)
    }
}

include!(concat!(env!("OUT_DIR"), "/letter_titles.rs"));

/// How the reply deadline is found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ReplyRule {
    /// A statutory clock counted from the letter's date (receipt is later: the UI says so).
    Statutory {
        clock: String,
    },
    /// A statutory clock that runs from an event the merchant cannot date (e.g. the regulator's
    /// decision): shown, not computed.
    StatutoryNotComputable {
        clock: String,
    },
    /// No legal period applies; the merchant sets one in calendar days in `days_field`.
    MerchantSet {
        days_field: String,
    },
    None,
}

/// A sourced caveat shown with the template (e.g. unconfirmed contact details).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub text: Bilingual,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterTemplate {
    pub kind: LetterKind,
    pub title: Bilingual,
    /// Who to send it to and how.
    pub recipient: Bilingual,
    pub when_to_use: Bilingual,
    pub when_not_to_use: Bilingual,
    /// What the letter does, in both languages (the letter itself is Chinese).
    pub explanation: Bilingual,
    pub subject: String,
    pub paragraphs: Vec<String>,
    pub required_fields: Vec<String>,
    pub optional_fields: Vec<String>,
    pub enclosures: Vec<Bilingual>,
    pub reply: ReplyRule,
    /// Whom the letter is about.
    pub respondent: RespondentRule,
    /// The role the sender signs as (催告人, 投诉人, 举报人, 具状人).
    pub signer_role: String,
    /// Ids in `data/letters/law.json` this letter may cite, in citing order; which ones it
    /// does cite depends on the case (see [`compose::chosen_articles`]).
    pub articles: Vec<String>,
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Not legal advice.
    pub disclaimer: Bilingual,
}

/// Who provides a field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// One line typed by the merchant.
    Text,
    /// Several lines typed by the merchant.
    LongText,
    /// An ISO date `YYYY-MM-DD`, rendered in Chinese style.
    Date,
    /// A whole number of days (1–365).
    Days,
    /// One of the spec's `options`.
    Choice,
    /// Filled by [`render`] itself.
    Generated,
}

/// One placeholder: its name in templates, its label, and who fills it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSpec {
    pub name: String,
    pub label: Bilingual,
    pub kind: FieldKind,
    /// The values a `choice` field takes.
    #[serde(default)]
    pub options: Vec<FieldOption>,
}

/// One value of a `choice` field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldOption {
    pub value: String,
    pub label: Bilingual,
}

/// Every placeholder a template may use (`data/letters/fields.json`, checked by tests).
pub fn known_fields() -> &'static [FieldSpec] {
    static FIELDS: OnceLock<Vec<FieldSpec>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        #[derive(Deserialize)]
        struct File {
            fields: Vec<FieldSpec>,
        }
        serde_json::from_str::<File>(FIELDS_JSON)
            .expect("data/letters/fields.json checked by tests")
            .fields
    })
}

pub fn field_spec(name: &str) -> Option<&'static FieldSpec> {
    known_fields().iter().find(|s| s.name == name)
}

/// All templates (parsed once; their validity is a unit test).
pub fn templates() -> &'static [LetterTemplate] {
    static TEMPLATES: OnceLock<Vec<LetterTemplate>> = OnceLock::new();
    TEMPLATES.get_or_init(|| {
        TEMPLATE_FILES
            .iter()
            .map(|text| serde_json::from_str(text).expect("data/letters/*.json checked by tests"))
            .collect()
    })
}

pub fn template(kind: LetterKind) -> Option<&'static LetterTemplate> {
    templates().iter().find(|t| t.kind == kind)
}

/// `2026年11月23日` — the one date style used in letters.
pub fn format_date_zh(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// Placeholder names in order of appearance (`{{name}}`; anything else is literal text).
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        names.push(&after[..end]);
        rest = &after[end + 2..];
    }
    names
}

/// The letter fields a diary case already knows, so the merchant does not type them again.
/// Only non-empty values are returned; the merchant can edit every one of them afterwards.
pub fn fields_from_case(case: &super::case::Case) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    let mut put = |name: &str, value: &str| {
        let value = value.trim();
        if !value.is_empty() {
            fields.insert(name.to_owned(), value.to_owned());
        }
    };
    let model = [case.device.brand.trim(), case.device.model.trim()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    put("device_model", &model);
    put("device_sn", &case.device.sn);
    put("terminal_id", &case.device.terminal_id);
    put("merchant_no", &case.merchant_no);
    put("vendor_name", &case.vendor.name);
    put("acquirer_name", &case.acquirer.name);
    put(
        "acquirer_licence_no",
        case.acquirer.licence_no.as_deref().unwrap_or_default(),
    );
    put("request", &case.remedy_wanted);
    put("vendor_credit_code", &case.vendor.credit_code);
    put("vendor_address", &case.vendor.address);
    put("vendor_legal_rep", &case.vendor.legal_rep);
    put("acquirer_credit_code", &case.acquirer.credit_code);
    put("acquirer_address", &case.acquirer.address);
    put("acquirer_legal_rep", &case.acquirer.legal_rep);
    match case.acquirer.effective_kind() {
        super::party::AcquirerKind::Bank => put("acquirer_kind", "bank"),
        super::party::AcquirerKind::NonBank => put("acquirer_kind", "non_bank"),
        super::party::AcquirerKind::Unknown => {}
    }
    match case.device.acquired {
        Some(super::party::Acquisition::Bought) => put("acquired", "bought"),
        Some(super::party::Acquisition::Placed) => put("acquired", "placed"),
        None => {}
    }
    put("matters", &super::party::Matter::list_code(&case.matters));
    if let Some(date) = case.purchase_date {
        put("purchase_date", &date.format("%Y-%m-%d").to_string());
    }
    fields
}

/// Longest value a query-string prefill may carry (longer values are cut, not refused).
pub const MAX_QUERY_VALUE_CHARS: usize = 2_000;

/// Letter fields carried in a link (e.g. a checker verdict's `?acquirer_name=…`): only names in
/// [`known_fields`] that the merchant fills (never the generated ones), trimmed, non-empty,
/// without control characters (newlines kept for long texts), cut at
/// [`MAX_QUERY_VALUE_CHARS`]. Values stay plain text; the page never interprets them.
pub fn fields_from_query<I, K, V>(pairs: I) -> BTreeMap<String, String>
where
    I: IntoIterator<Item = (K, V)>,
    K: AsRef<str>,
    V: AsRef<str>,
{
    let mut fields = BTreeMap::new();
    for (name, value) in pairs {
        if name.as_ref() == "matters" {
            let list = super::party::Matter::parse_list(value.as_ref());
            if !list.is_empty() {
                fields.insert("matters".to_owned(), super::party::Matter::list_code(&list));
            }
            continue;
        }
        let Some(spec) = field_spec(name.as_ref()) else {
            continue;
        };
        if spec.kind == FieldKind::Generated {
            continue;
        }
        let keep_newlines = spec.kind == FieldKind::LongText;
        let cleaned: String = value
            .as_ref()
            .chars()
            .filter(|c| !c.is_control() || (keep_newlines && *c == '\n'))
            .take(MAX_QUERY_VALUE_CHARS)
            .collect();
        let cleaned = cleaned.trim();
        let valid = match spec.kind {
            FieldKind::Date => NaiveDate::parse_from_str(cleaned, "%Y-%m-%d").is_ok(),
            FieldKind::Days => cleaned.parse::<u32>().is_ok_and(|d| (1..=365).contains(&d)),
            FieldKind::Choice => spec.options.iter().any(|o| o.value == cleaned),
            _ => true,
        };
        if !cleaned.is_empty() && valid {
            fields.insert(spec.name.to_owned(), cleaned.to_owned());
        }
    }
    fields
}

/// The field naming the letter's addressee, or the fixed addressee of kinds that have one.
pub fn recipient_of(kind: LetterKind, fields: &BTreeMap<String, String>) -> Option<String> {
    let field = |name: &str| {
        fields
            .get(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    match kind {
        LetterKind::DemandVendor => field("vendor_name"),
        LetterKind::Acquirer => field("acquirer_name"),
        LetterKind::Pboc => field("pboc_branch"),
        LetterKind::Civil => field("court_name"),
        LetterKind::Pcac => Some("中国支付清算协会".to_owned()),
        LetterKind::Report12315 => Some("市场监督管理部门（12315 举报）".to_owned()),
    }
}

/// The diary event that records a sent letter: kind `letter_sent`; its text starts with the
/// letter's title and the clocks it starts, each named for what it is (a reply deadline the
/// merchant set, or the recipient's acceptance clock, and the clocks that cannot be dated yet),
/// then the letter's text (cut to the diary's limit, with a note that it was cut). The addressee
/// is the counterparty and the first dated clock is `promised_by`, so the diary's due/overdue
/// display runs it.
pub fn letter_sent_event(
    id: String,
    case_id: String,
    at: chrono::NaiveDateTime,
    kind: LetterKind,
    final_text: &str,
    fields: &BTreeMap<String, String>,
    rendered: &Rendered,
) -> Event {
    use super::case::{EventKind, MAX_LONG_CHARS, MAX_SHORT_CHARS};
    const CUT: &str = "\n……（全文过长，已截断；请保留打印件）";
    let text = final_text.trim();
    let title = text.lines().next().unwrap_or_default().trim();
    let mut head = vec![format!(
        "《{}》",
        title.trim_start_matches('《').trim_end_matches('》')
    )];
    if let Some((deadline, label)) = &rendered.deadline {
        head.push(format!("{}：{}", label.zh, format_date_zh(deadline.date)));
    }
    head.extend(rendered.later_clocks.iter().map(|c| c.zh.clone()));
    let full = format!("{}\n\n{text}", head.join("\n"));
    let said = if full.chars().count() > MAX_LONG_CHARS {
        let keep = MAX_LONG_CHARS - CUT.chars().count();
        let mut s: String = full.chars().take(keep).collect();
        s.push_str(CUT);
        s
    } else {
        full
    };
    let counterparty: String = recipient_of(kind, fields)
        .unwrap_or_default()
        .chars()
        .take(MAX_SHORT_CHARS)
        .collect();
    Event {
        id,
        case_id,
        at,
        kind: EventKind::LetterSent,
        counterparty,
        channel: None,
        person: String::new(),
        ticket_no: String::new(),
        said,
        promised_by: rendered.deadline.as_ref().map(|(d, _)| d.date),
        amount_fen: None,
        attachments: vec![],
        evidence: vec![],
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests;
