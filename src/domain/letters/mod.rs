//! Letter templates (`data/letters/<kind>.json`) and rendering them into plain text.
//!
//! Templates are data: who to send to, when to use and not to use (bilingual), the Chinese
//! subject and paragraphs with `{{placeholder}}` fields, an explanation, required and optional
//! fields, enclosures, the reply clock (an id in [`super::clocks`]), and every cited article with
//! its [`Source`]. Each template carries a "not legal advice" disclaimer.
//!
//! # Public API
//! - [`LetterKind`], [`LetterTemplate`], [`templates`], [`template`].
//! - [`known_fields`] / [`field_spec`]: every field a template may use, with bilingual labels and
//!   whether the merchant fills it or the app generates it (`letter_date`, `reply_deadline`,
//!   `timeline`).
//! - [`render`]`(template, fields, today, ticked_events)` → [`Rendered`] `{subject, text,
//!   missing_required, reply_deadline, caveats}`. Rules:
//!   - a missing **required** field is listed in `missing_required` and shown in the text as
//!     `【待填：label】`, never silently blank;
//!   - a paragraph using a missing **optional** field is left out whole (optional facts sit in
//!     their own paragraphs, so nothing reads half-filled);
//!   - field values are inserted verbatim in one pass (a value containing `{{x}}` stays text);
//!   - dates are written in formal Chinese style, `2026年11月23日` ([`format_date_zh`]); a
//!     field whose name ends in `_date` is converted from ISO `YYYY-MM-DD`;
//!   - the reply deadline is computed from the letter's date (`today`) with the template's clock,
//!     or from the merchant's `reply_within_days`; an unconfirmed date says so.
//! - [`timeline_paragraph`]: the ticked events as numbered Chinese lines, oldest first.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub mod html;
pub mod layout;

use super::case::Event;
use super::clocks::{self, Deadline};
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
}

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

/// One law or rule the template relies on: the article (its citation, shown as the heading) and
/// what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    pub summary: Bilingual,
    pub source: Source,
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
    pub citations: Vec<Citation>,
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
    /// Filled by [`render`] itself.
    Generated,
}

/// One placeholder: its name in templates, its label, and who fills it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSpec {
    pub name: String,
    pub label: Bilingual,
    pub kind: FieldKind,
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

/// The result of filling a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    /// The filled paragraphs, in order (for the printed layout); `text` joins them.
    pub body: Vec<String>,
    /// The whole letter as plain text (subject, body, enclosures).
    pub text: String,
    /// Required fields left empty, in the order `required_fields` declares them.
    pub missing_required: Vec<String>,
    pub reply_deadline: Option<Deadline>,
    /// Things the merchant must read before sending (unconfirmed dates, counting assumptions).
    pub caveats: Vec<Bilingual>,
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
            _ => true,
        };
        if !cleaned.is_empty() && valid {
            fields.insert(spec.name.to_owned(), cleaned.to_owned());
        }
    }
    fields
}

/// The letterhead printed above the subject: who writes and to whom.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Letterhead {
    /// Sender lines (name, phone, address), only those filled.
    pub sender: Vec<String>,
    /// The addressee; `None` when the field that names it is still empty.
    pub recipient: Option<String>,
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
        LetterKind::Report12315 => Some("市场监督管理部门（12315）".to_owned()),
    }
}

pub fn letterhead(kind: LetterKind, fields: &BTreeMap<String, String>) -> Letterhead {
    let sender = [
        ("merchant_name", "寄件人"),
        ("merchant_phone", "电话"),
        ("merchant_address", "地址"),
    ]
    .iter()
    .filter_map(|(name, label)| {
        let value = fields.get(*name)?.trim();
        (!value.is_empty()).then(|| format!("{label}：{value}"))
    })
    .collect();
    Letterhead {
        sender,
        recipient: recipient_of(kind, fields),
    }
}

/// The diary event that records a sent letter: kind `letter_sent`, the letter's final text
/// (cut to the diary's limit, with a note that it was cut), the addressee as counterparty, and
/// the reply deadline as `promised_by` so the diary's due/overdue display runs the reply clock.
pub fn letter_sent_event(
    id: String,
    case_id: String,
    at: chrono::NaiveDateTime,
    kind: LetterKind,
    final_text: &str,
    fields: &BTreeMap<String, String>,
    reply_deadline: Option<NaiveDate>,
) -> Event {
    use super::case::{EventKind, MAX_LONG_CHARS, MAX_SHORT_CHARS};
    const CUT: &str = "\n……（全文过长，已截断；请保留打印件）";
    let text = final_text.trim();
    let said = if text.chars().count() > MAX_LONG_CHARS {
        let keep = MAX_LONG_CHARS - CUT.chars().count();
        let mut s: String = text.chars().take(keep).collect();
        s.push_str(CUT);
        s
    } else {
        text.to_owned()
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
        promised_by: reply_deadline,
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

/// The letter as a standalone A4 HTML page for download: the first line is the subject,
/// blank lines separate paragraphs. Everything the merchant typed is escaped: the file
/// contains no script and loads nothing.
pub fn to_standalone_html(final_text: &str) -> String {
    let mut lines = final_text.trim().splitn(2, '\n');
    let subject = lines.next().unwrap_or_default().trim();
    let body = lines.next().unwrap_or_default();
    let paragraphs: String = body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>\n", escape_html(p)))
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{title}</title>\n<style>\n\
         @page {{ size: A4; margin: 18mm 16mm; }}\n\
         body {{ font-family: \"Songti SC\", SimSun, \"Noto Serif CJK SC\", serif; font-size: 12pt; line-height: 1.8; max-width: 178mm; margin: 0 auto; }}\n\
         h1 {{ font-size: 16pt; text-align: center; }}\n\
         p {{ white-space: pre-line; break-inside: avoid; margin: 0 0 0.8em; }}\n\
         </style>\n</head>\n<body>\n<h1>{title}</h1>\n{paragraphs}</body>\n</html>\n",
        title = escape_html(subject),
    )
}

/// The ticked events as numbered lines, oldest first.
pub fn timeline_paragraph(events: &[&Event]) -> String {
    let mut sorted: Vec<&Event> = events.to_vec();
    sorted.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    sorted
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut line = format!("{}. {}", i + 1, format_date_zh(e.at.date()));
            line.push('，');
            line.push_str(&e.kind.label().zh);
            if let Some(channel) = e.channel {
                line.push_str(&format!("（{}）", channel.label().zh));
            }
            let who = match (e.counterparty.trim(), e.person.trim()) {
                ("", "") => String::new(),
                (c, "") => c.to_owned(),
                ("", p) => p.to_owned(),
                (c, p) => format!("{c}{p}"),
            };
            if !who.is_empty() {
                line.push_str(&format!("，对方：{who}"));
            }
            if !e.ticket_no.trim().is_empty() {
                line.push_str(&format!("，工单号{}", e.ticket_no.trim()));
            }
            if !e.said.trim().is_empty() {
                line.push_str(&format!("：{}", e.said.trim()));
            }
            if let Some(due) = e.promised_by {
                line.push_str(&format!("；承诺于{}前处理", format_date_zh(due)));
            }
            if let Some(fen) = e.amount_fen {
                line.push_str(&format!("；金额{}元", super::backup::fen_to_yuan(fen)));
            }
            line.push('。');
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn reply_deadline(
    template: &LetterTemplate,
    fields: &BTreeMap<String, String>,
    today: NaiveDate,
    caveats: &mut Vec<Bilingual>,
) -> Option<Deadline> {
    match &template.reply {
        ReplyRule::Statutory { clock } => {
            let clock = clocks::clock(clock)?;
            let deadline = clock.due_from(today);
            caveats.push(Bilingual::new(
                format!(
                    "答复截止日按{}从落款日期起算（实际从对方收到之日起算，可能更晚）。",
                    clock.period_label().zh
                ),
                format!(
                    "The reply deadline counts {} from the letter's date (the law counts from receipt, which may be later).",
                    clock.period_label().en
                ),
            ));
            if clock.source.unconfirmed {
                caveats.push(Bilingual::new(
                    "该期限的依据未经确认。",
                    "The basis of this period is unconfirmed.",
                ));
            }
            Some(deadline)
        }
        ReplyRule::MerchantSet { days_field } => {
            let days: u32 = fields.get(days_field)?.trim().parse().ok()?;
            (1..=365)
                .contains(&days)
                .then(|| clocks::add_calendar_days(today, days))
        }
        ReplyRule::StatutoryNotComputable { .. } | ReplyRule::None => None,
    }
}

/// Fills `template` with `fields` (name → value; blank counts as missing), dated `today`, with
/// a timeline of `ticked` events.
pub fn render(
    template: &LetterTemplate,
    fields: &BTreeMap<String, String>,
    today: NaiveDate,
    ticked: &[&Event],
) -> Rendered {
    let mut caveats = Vec::new();
    let deadline = reply_deadline(template, fields, today, &mut caveats);
    if let Some(caveat) = deadline.and_then(|d| d.caveat()) {
        caveats.push(caveat);
    }

    let mut values: BTreeMap<&str, String> = BTreeMap::new();
    for (name, value) in fields {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let shown = match field_spec(name).map(|s| s.kind) {
            Some(FieldKind::Date) => NaiveDate::parse_from_str(value, "%Y-%m-%d")
                .map(format_date_zh)
                .unwrap_or_else(|_| value.to_owned()),
            _ => value.to_owned(),
        };
        values.insert(name.as_str(), shown);
    }
    values.insert("letter_date", format_date_zh(today));
    if let Some(d) = deadline {
        values.insert("reply_deadline", format_date_zh(d.date));
    }
    if !ticked.is_empty() {
        values.insert("timeline", timeline_paragraph(ticked));
    }

    let mut missing_required = Vec::new();
    let is_required = |name: &str| template.required_fields.iter().any(|r| r == name);
    let mut fill = |text: &str| -> Option<String> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find("}}") else {
                rest = &rest[start..];
                break;
            };
            let name = &after[..end];
            match values.get(name) {
                Some(value) => out.push_str(value),
                None if is_required(name) || name == "reply_deadline" => {
                    if is_required(name) && !missing_required.iter().any(|m| m == name) {
                        missing_required.push(name.to_owned());
                    }
                    let label = field_spec(name).map_or(name, |s| s.label.zh.as_str());
                    out.push_str(&format!("【待填：{label}】"));
                }
                // An optional (or generated) value is missing: drop the paragraph.
                None => return None,
            }
            rest = &after[end + 2..];
        }
        out.push_str(rest);
        Some(out)
    };

    let subject = fill(&template.subject).unwrap_or_default();
    let body: Vec<String> = template.paragraphs.iter().filter_map(|p| fill(p)).collect();
    // Report in the order the template declares them (the form's order), not text order.
    missing_required.sort_by_key(|name| {
        template
            .required_fields
            .iter()
            .position(|r| r == name)
            .unwrap_or(usize::MAX)
    });
    let mut text = format!("{subject}\n\n{}", body.join("\n\n"));
    if !template.enclosures.is_empty() {
        text.push_str("\n\n附件：");
        for (i, enclosure) in template.enclosures.iter().enumerate() {
            text.push_str(&format!("\n{}. {}", i + 1, enclosure.zh));
        }
    }
    text.push('\n');
    Rendered {
        subject,
        body,
        text,
        missing_required,
        reply_deadline: deadline,
        caveats,
    }
}

#[cfg(test)]
mod tests {
    use super::super::case::tests::sample_event;
    use super::super::case::EventKind;
    use super::*;
    use std::collections::HashSet;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn full_fields() -> BTreeMap<String, String> {
        known_fields()
            .iter()
            .filter(|s| s.kind != FieldKind::Generated)
            .map(|s| {
                let value = match s.kind {
                    FieldKind::Date => "2025-03-01".to_owned(),
                    FieldKind::Days => "10".to_owned(),
                    _ => format!("<{}>", s.name),
                };
                (s.name.clone(), value)
            })
            .collect()
    }

    #[test]
    fn field_list_is_complete_unique_and_used() {
        let fields = known_fields();
        let mut names = HashSet::new();
        for spec in fields {
            assert!(
                names.insert(spec.name.as_str()),
                "{} listed twice",
                spec.name
            );
            assert!(
                spec.label.is_complete(),
                "{}: label in both languages",
                spec.name
            );
            assert!(
                !spec.name.is_empty()
                    && spec
                        .name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{}: a placeholder name",
                spec.name
            );
        }
        // Every field is used by some template (no dead entries).
        for spec in fields {
            let used = templates().iter().any(|t| {
                t.required_fields.contains(&spec.name)
                    || t.optional_fields.contains(&spec.name)
                    || t.paragraphs
                        .iter()
                        .any(|p| p.contains(&format!("{{{}}}", spec.name)))
                    || t.subject.contains(&format!("{{{}}}", spec.name))
            });
            assert!(used, "{} is used by no template", spec.name);
        }
    }

    #[test]
    fn query_prefill_keeps_only_known_merchant_fields_as_text() {
        let pairs = [
            ("acquirer_name", "  拉卡拉支付股份有限公司 "),
            ("acquirer_licence_no", "Z2002511000017"),
            ("timeline", "forged timeline"),
            ("reply_deadline", "2020-01-01"),
            ("letter_date", "2020-01-01"),
            ("evil", "<script>alert(1)</script>"),
            ("merchant_name", "<img src=x onerror=alert(1)>\u{0}\u{7}"),
            ("purchase_date", "yesterday"),
            ("reply_within_days", "999"),
            ("facts", "第一行\n第二行"),
            ("merchant_phone", "   "),
        ];
        let fields = fields_from_query(pairs);
        let keys: Vec<&str> = fields.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "acquirer_licence_no",
                "acquirer_name",
                "facts",
                "merchant_name"
            ]
        );
        assert_eq!(fields["acquirer_name"], "拉卡拉支付股份有限公司");
        assert_eq!(fields["merchant_name"], "<img src=x onerror=alert(1)>");
        assert_eq!(fields["facts"], "第一行\n第二行");
        let long = "字".repeat(MAX_QUERY_VALUE_CHARS + 10);
        let fields = fields_from_query([("facts", long.as_str())]);
        assert_eq!(fields["facts"].chars().count(), MAX_QUERY_VALUE_CHARS);
        let fields =
            fields_from_query([("purchase_date", "2025-03-01"), ("reply_within_days", "10")]);
        assert_eq!(fields.len(), 2);
    }

    #[test]
    fn letterhead_names_sender_and_each_kinds_recipient() {
        let mut fields = full_fields();
        let head = letterhead(LetterKind::DemandVendor, &fields);
        assert_eq!(
            head.sender,
            [
                "寄件人：<merchant_name>",
                "电话：<merchant_phone>",
                "地址：<merchant_address>"
            ]
        );
        assert_eq!(head.recipient.as_deref(), Some("<vendor_name>"));
        assert_eq!(
            recipient_of(LetterKind::Acquirer, &fields).as_deref(),
            Some("<acquirer_name>")
        );
        assert_eq!(
            recipient_of(LetterKind::Pboc, &fields).as_deref(),
            Some("<pboc_branch>")
        );
        assert_eq!(
            recipient_of(LetterKind::Civil, &fields).as_deref(),
            Some("<court_name>")
        );
        fields.remove("vendor_name");
        fields.remove("merchant_phone");
        let head = letterhead(LetterKind::DemandVendor, &fields);
        assert_eq!(head.recipient, None);
        assert_eq!(head.sender.len(), 2);
        assert!(recipient_of(LetterKind::Pcac, &BTreeMap::new()).is_some());
    }

    #[test]
    fn letter_sent_event_records_text_recipient_and_reply_clock() {
        let fields = full_fields();
        let at = d(2026, 11, 23).and_hms_opt(10, 0, 0).unwrap();
        let e = letter_sent_event(
            "e-1".into(),
            "c-1".into(),
            at,
            LetterKind::DemandVendor,
            "  主题\n\n正文  ",
            &fields,
            Some(d(2026, 12, 3)),
        );
        assert_eq!(e.kind, EventKind::LetterSent);
        assert_eq!(e.said, "主题\n\n正文");
        assert_eq!(e.counterparty, "<vendor_name>");
        assert_eq!(e.promised_by, Some(d(2026, 12, 3)));
        assert!(e.validate().is_ok());
        let huge = "信".repeat(super::super::case::MAX_LONG_CHARS + 5);
        let e = letter_sent_event(
            "e-2".into(),
            "c-1".into(),
            at,
            LetterKind::Pcac,
            &huge,
            &fields,
            None,
        );
        assert!(e.validate().is_ok());
        assert!(e.said.ends_with("已截断；请保留打印件）"));
        assert_eq!(e.promised_by, None);
    }

    #[test]
    fn standalone_html_escapes_everything_typed() {
        let hostile =
            "主题<script>alert(1)</script>\n\n\"><img src=x onerror=alert(1)>\n第二行\n\n& 'x'";
        let html = to_standalone_html(hostile);
        assert!(!html.contains("<script>"));
        assert!(!html.contains("<img"));
        assert!(html.contains("<title>主题&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
        assert!(html.contains("<p>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\n第二行</p>"));
        assert!(html.contains("<p>&amp; &#39;x&#39;</p>"));
        assert!(html.contains("default-src 'none'"));
        assert_eq!(html.matches("<p>").count(), 2);
    }

    #[test]
    fn fields_from_case_fill_known_fields_only() {
        use super::super::case::{Acquirer, Case, Device, Vendor};
        let at = d(2026, 11, 1).and_hms_opt(9, 0, 0).unwrap();
        let case = Case {
            id: "c1".into(),
            title: "签到失败".into(),
            device: Device {
                brand: "新大陆".into(),
                model: "ME31".into(),
                sn: "SN123".into(),
                terminal_id: " ".into(),
                ..Default::default()
            },
            purchase_date: Some(d(2025, 3, 1)),
            purchase_channel: String::new(),
            vendor: Vendor {
                name: "某代理商".into(),
                contacts: vec![],
                ..Default::default()
            },
            acquirer: Acquirer {
                name: "拉卡拉支付股份有限公司".into(),
                licence_no: Some("Z2002511000017".into()),
                ..Default::default()
            },
            merchant_no: "898210154110002".into(),
            status: Default::default(),
            remedy_wanted: "修好或换机".into(),
            payer: Default::default(),
            matters: vec![],
            created_at: at,
            updated_at: at,
            last_exported_at: None,
        };
        let fields = fields_from_case(&case);
        assert_eq!(fields["device_model"], "新大陆 ME31");
        assert_eq!(fields["device_sn"], "SN123");
        assert_eq!(fields["purchase_date"], "2025-03-01");
        assert_eq!(fields["acquirer_licence_no"], "Z2002511000017");
        assert_eq!(fields["request"], "修好或换机");
        assert!(
            !fields.contains_key("terminal_id"),
            "blank values are left out"
        );
        for name in fields.keys() {
            assert!(field_spec(name).is_some(), "{name} is a known field");
        }
        // The mapped fields render into the letter as dates and text.
        let t = template(LetterKind::DemandVendor).unwrap();
        let r = render(t, &fields, d(2026, 11, 23), &[]);
        assert!(r.text.contains("2025年3月1日"));
        assert!(r.text.contains("SN123"));
        assert!(r.body.iter().any(|p| p.contains("某代理商")));
        assert_eq!(r.text.matches("SN123").count(), 1);
    }

    #[test]
    fn all_six_templates_load_with_sources_and_disclaimer() {
        let list = templates();
        assert_eq!(list.len(), 6);
        for kind in LetterKind::ALL {
            let t = template(kind).unwrap_or_else(|| panic!("{kind:?}"));
            assert_eq!(serde_json::to_value(kind).unwrap(), t.kind.slug());
            for text in [
                &t.title,
                &t.recipient,
                &t.when_to_use,
                &t.when_not_to_use,
                &t.explanation,
                &t.disclaimer,
            ] {
                assert!(text.is_complete(), "{kind:?}");
            }
            assert!(t.disclaimer.zh.contains("不构成法律意见"));
            assert!(!t.citations.is_empty(), "{kind:?}");
            for c in &t.citations {
                assert!(c.summary.is_complete(), "{kind:?} {}", c.source.zh);
                assert_eq!(
                    c.source.citation_problems(),
                    Vec::<String>::new(),
                    "{kind:?}"
                );
                assert!(
                    !c.source.unconfirmed,
                    "{kind:?}: a letter cites confirmed law only"
                );
            }
            for n in &t.notes {
                assert!(n.text.is_complete());
                assert_eq!(n.source.citation_problems(), Vec::<String>::new());
            }
            match &t.reply {
                ReplyRule::Statutory { clock } | ReplyRule::StatutoryNotComputable { clock } => {
                    assert!(
                        clocks::clock(clock).is_some(),
                        "{kind:?}: unknown clock {clock}"
                    );
                }
                ReplyRule::MerchantSet { days_field } => {
                    assert!(t.required_fields.contains(days_field));
                }
                ReplyRule::None => {}
            }
        }
    }

    #[test]
    fn every_placeholder_is_known_and_declared() {
        for t in templates() {
            let required: HashSet<&str> = t.required_fields.iter().map(String::as_str).collect();
            let optional: HashSet<&str> = t.optional_fields.iter().map(String::as_str).collect();
            assert!(required.is_disjoint(&optional), "{:?}", t.kind);
            let mut used = HashSet::new();
            for text in std::iter::once(&t.subject).chain(&t.paragraphs) {
                for name in placeholders(text) {
                    let spec = field_spec(name)
                        .unwrap_or_else(|| panic!("{:?}: unknown placeholder {name}", t.kind));
                    assert!(
                        spec.kind == FieldKind::Generated
                            || required.contains(name)
                            || optional.contains(name),
                        "{:?}: {name} is neither required nor optional",
                        t.kind
                    );
                    used.insert(name);
                }
            }
            for name in required.iter().chain(&optional) {
                assert!(
                    field_spec(name).is_some(),
                    "{:?}: unknown field {name}",
                    t.kind
                );
                assert!(
                    used.contains(name),
                    "{:?}: {name} declared but unused",
                    t.kind
                );
            }
            assert!(used.contains("letter_date"), "{:?} is undated", t.kind);
        }
    }

    #[test]
    fn every_template_renders_full_and_minimal() {
        let today = d(2026, 11, 23);
        let full = full_fields();
        let event = sample_event("e1", "c1", "2026-11-02 10:00", EventKind::Call);
        for t in templates() {
            let r = render(t, &full, today, &[&event]);
            assert!(
                r.missing_required.is_empty(),
                "{:?}: {:?}",
                t.kind,
                r.missing_required
            );
            assert!(!r.text.contains("{{"), "{:?}", t.kind);
            assert!(!r.text.contains("【待填"), "{:?}", t.kind);
            assert!(r.text.contains("2026年11月23日"));
            for name in &t.optional_fields {
                let spec = field_spec(name).unwrap();
                if spec.kind == FieldKind::Text {
                    assert!(
                        r.text.contains(&format!("<{name}>")),
                        "{:?}: {name}",
                        t.kind
                    );
                }
            }
            if t.paragraphs.iter().any(|p| p.contains("{{timeline}}")) {
                assert!(r.text.contains("1. 2026年11月2日，电话"), "{:?}", t.kind);
            }

            // Minimal: only the required fields.
            let minimal: BTreeMap<String, String> = full
                .iter()
                .filter(|(k, _)| t.required_fields.contains(k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let r = render(t, &minimal, today, &[]);
            assert!(r.missing_required.is_empty(), "{:?}", t.kind);
            assert!(
                !r.text.contains("{{") && !r.text.contains("【待填"),
                "{:?}",
                t.kind
            );
            for name in &t.optional_fields {
                assert!(!r.text.contains(&format!("<{name}>")));
            }
        }
    }

    #[test]
    fn missing_required_fields_are_listed_and_marked() {
        let t = template(LetterKind::Pboc).unwrap();
        let mut fields = full_fields();
        fields.remove("merchant_id_no");
        fields.insert("facts".into(), "   ".into()); // blank counts as missing
        let r = render(t, &fields, d(2026, 11, 23), &[]);
        assert_eq!(r.missing_required, ["merchant_id_no", "facts"]);
        assert!(r.text.contains("【待填：身份证件号码】"));
        assert!(r.text.contains("【待填：事实和理由】"));
        // With nothing at all, every required field is reported once.
        let r = render(t, &BTreeMap::new(), d(2026, 11, 23), &[]);
        assert_eq!(r.missing_required, t.required_fields);
    }

    #[test]
    fn dates_are_formal_chinese() {
        assert_eq!(format_date_zh(d(2026, 11, 23)), "2026年11月23日");
        assert_eq!(format_date_zh(d(2026, 1, 5)), "2026年1月5日");
        let t = template(LetterKind::DemandVendor).unwrap();
        let r = render(t, &full_fields(), d(2026, 11, 23), &[]);
        assert!(r.text.contains("于2025年3月1日通过贵方"));
        // Not an ISO date: kept as typed.
        let mut fields = full_fields();
        fields.insert("purchase_date".into(), "去年三月".into());
        assert!(render(t, &fields, d(2026, 11, 23), &[])
            .text
            .contains("于去年三月通过"));
    }

    #[test]
    fn reply_deadlines_come_from_clocks() {
        let today = d(2026, 11, 23);
        // Merchant-set: 10 calendar days.
        let r = render(
            template(LetterKind::DemandVendor).unwrap(),
            &full_fields(),
            today,
            &[],
        );
        assert_eq!(r.reply_deadline.unwrap().date, d(2026, 12, 3));
        assert!(r.text.contains("请贵方于2026年12月3日前"));
        // PBoC: 7 working days, crossing into 2027 from late December → unconfirmed caveat.
        let pboc = template(LetterKind::Pboc).unwrap();
        let r = render(pboc, &full_fields(), today, &[]);
        assert_eq!(r.reply_deadline.unwrap().date, d(2026, 12, 2));
        assert!(r.reply_deadline.unwrap().is_confirmed());
        let r = render(pboc, &full_fields(), d(2026, 12, 28), &[]);
        assert!(!r.reply_deadline.unwrap().is_confirmed());
        assert!(r.caveats.iter().any(|c| c.zh.contains("未经确认")));
        // PCAC's 2016 period is flagged.
        let r = render(
            template(LetterKind::Pcac).unwrap(),
            &full_fields(),
            today,
            &[],
        );
        assert!(r.caveats.iter().any(|c| c.en.contains("unconfirmed")));
        // 12315 report: runs from the regulator's decision, so no date.
        let r = render(
            template(LetterKind::Report12315).unwrap(),
            &full_fields(),
            today,
            &[],
        );
        assert!(r.reply_deadline.is_none());
        // A nonsense day count gives no deadline and a visible marker, not a blank.
        let mut fields = full_fields();
        fields.insert("reply_within_days".into(), "abc".into());
        let r = render(
            template(LetterKind::DemandVendor).unwrap(),
            &fields,
            today,
            &[],
        );
        assert!(r.reply_deadline.is_none());
        assert!(r.text.contains("【待填：答复截止日】"));
    }

    #[test]
    fn values_are_inserted_verbatim_once() {
        let mut fields = full_fields();
        fields.insert("facts".into(), "{{merchant_name}} <b>加粗</b>".into());
        let r = render(
            template(LetterKind::Acquirer).unwrap(),
            &fields,
            d(2026, 11, 23),
            &[],
        );
        assert!(r
            .text
            .contains("投诉事实和理由：{{merchant_name}} <b>加粗</b>"));
    }

    #[test]
    fn pcac_contacts_are_marked_as_2016_and_unconfirmed() {
        // Notes the research marks UNCONFIRMED stay flagged.
        for kind in [LetterKind::Pcac, LetterKind::Pboc] {
            let t = template(kind).unwrap();
            assert!(
                t.notes.iter().take(2).all(|n| n.source.unconfirmed),
                "{kind:?}"
            );
        }
        assert!(
            template(LetterKind::Civil).unwrap().notes[0]
                .source
                .unconfirmed
        );
        let t = template(LetterKind::Pcac).unwrap();
        assert!(t.recipient.zh.contains("2016年") && t.recipient.en.contains("2016"));
        assert!(t
            .notes
            .iter()
            .any(|n| n.source.unconfirmed && n.text.zh.contains("010-66001918")));
    }

    #[test]
    fn timeline_lists_ticked_events_oldest_first() {
        let mut a = sample_event("a", "c1", "2026-11-05 10:00", EventKind::Charge);
        a.amount_fen = Some(6800);
        a.ticket_no = "T9".into();
        a.promised_by = Some(d(2026, 11, 10));
        let b = sample_event("b", "c1", "2026-11-01 09:00", EventKind::Fault);
        let text = timeline_paragraph(&[&a, &b]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("1. 2026年11月1日，故障"));
        assert!(lines[1].contains("工单号T9"));
        assert!(lines[1].contains("承诺于2026年11月10日前处理"));
        assert!(lines[1].ends_with("金额68.00元。"));
    }
}
