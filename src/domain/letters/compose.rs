//! Filling a template: from who the merchant is ([`Profile`]), the letter's fields (most of them
//! copied from the diary case) and the case's events to the letter's text.
//!
//! What the merchant gets without ticking anything:
//! - the case's events as a numbered chronology in the merchant's voice, oldest first
//!   ([`chronology`]); a sent letter is one line, "YYYY年M月D日，本店向…寄出《…》", never its text;
//! - the articles that fit the case's matters, the respondent and the sender ([`default_articles`]),
//!   which the merchant can change (field `articles`);
//! - the sender's particulars, signature and wording (本人/本店/本公司; 原告 in a 起诉状);
//! - the requests numbered, the 起诉状's evidence list from the case's attachments, and 附件.
//!
//! Every value is inserted as text in one pass; a required value that is missing shows as
//! 【待填：…】 and is listed in [`Rendered::missing_required`] (profile fields as `profile:<field>`).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::dossier::{entries_of, evidence_entries, EvidenceEntry};
use super::law::{self, Article};
use super::{field_spec, format_date_zh, FieldKind, LetterKind, LetterTemplate, ReplyRule};
use crate::domain::backup::fen_to_yuan;
use crate::domain::case::{chronological, Event, EventKind};
use crate::domain::clocks::{self, Deadline};
use crate::domain::party::{
    AcquirerKind, Acquisition, Counterparty, Matter, PartyKind, Profile, Respondent,
};
use crate::domain::text::Bilingual;

/// Fields the composer reads itself (not as `{{placeholders}}`): a template may declare them.
pub const COMPOSER_READS: &[&str] = &[
    "acquired",
    "purchase_date",
    "device_model",
    "device_sn",
    "terminal_id",
    "merchant_no",
    "vendor_name",
    "vendor_credit_code",
    "vendor_address",
    "vendor_legal_rep",
    "acquirer_name",
    "acquirer_kind",
    "acquirer_credit_code",
    "acquirer_address",
    "acquirer_legal_rep",
    "acquirer_licence_no",
    "respondent_party",
    "defendant",
    "first_complaint_date",
    "first_complaint_channel",
    "first_complaint_ticket",
    "request",
    "witnesses",
    "facts",
    "merchant_name",
    "merchant_id_no",
    "merchant_phone",
    "merchant_address",
    "reply_within_days",
];

/// Who the letter is about, as the template and the fields say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RespondentRule {
    /// Always the vendor or agent (催告函).
    Vendor,
    /// The acquirer, bank or non-bank (field `acquirer_kind`).
    Acquirer,
    /// The merchant chooses (field `respondent_party`: `acquirer` or `vendor`): 12315 举报.
    Choice,
    /// The defendants of a 起诉状 (field `defendant`: `vendor`, `acquirer` or `both`).
    Defendants,
}

fn field<'a>(fields: &'a BTreeMap<String, String>, name: &str) -> Option<&'a str> {
    fields.get(name).map(|v| v.trim()).filter(|v| !v.is_empty())
}

/// The acquirer's kind: the field, or a guess from its name and licence number.
pub fn acquirer_kind(fields: &BTreeMap<String, String>) -> AcquirerKind {
    match field(fields, "acquirer_kind") {
        Some("bank") => AcquirerKind::Bank,
        Some("non_bank") => AcquirerKind::NonBank,
        _ => AcquirerKind::guess(
            field(fields, "acquirer_name").unwrap_or_default(),
            field(fields, "acquirer_licence_no"),
        ),
    }
}

/// Which parties the letter is about: one for a complaint, one or two defendants for a 起诉状.
pub fn respondents(
    template: &LetterTemplate,
    fields: &BTreeMap<String, String>,
) -> Vec<Respondent> {
    let acquirer = acquirer_kind(fields).respondent();
    match template.respondent {
        RespondentRule::Vendor => vec![Respondent::Vendor],
        RespondentRule::Acquirer => vec![acquirer],
        RespondentRule::Choice => match field(fields, "respondent_party") {
            Some("vendor") => vec![Respondent::Vendor],
            Some("acquirer") => vec![acquirer],
            _ if field(fields, "acquirer_name").is_none()
                && field(fields, "vendor_name").is_some() =>
            {
                vec![Respondent::Vendor]
            }
            _ => vec![acquirer],
        },
        RespondentRule::Defendants => match field(fields, "defendant") {
            Some("acquirer") => vec![acquirer],
            Some("both") => vec![Respondent::Vendor, acquirer],
            Some("vendor") => vec![Respondent::Vendor],
            _ if field(fields, "vendor_name").is_none()
                && field(fields, "acquirer_name").is_some() =>
            {
                vec![acquirer]
            }
            _ => vec![Respondent::Vendor],
        },
    }
}

/// The case's matters (field `matters`, comma-separated codes).
pub fn matters(fields: &BTreeMap<String, String>) -> Vec<Matter> {
    Matter::parse_list(field(fields, "matters").unwrap_or_default())
}

/// The articles this kind of letter may cite against these respondents from this sender,
/// whatever the matters: what the merchant can choose from.
pub fn candidate_articles(
    template: &LetterTemplate,
    respondents: &[Respondent],
    sender: PartyKind,
) -> Vec<&'static Article> {
    template
        .articles
        .iter()
        .filter_map(|id| law::article(id))
        .filter(|a| !a.is_procedural())
        .filter(|a| {
            respondents
                .iter()
                .any(|r| a.fits(template.kind, *r, sender))
        })
        .collect()
}

/// The candidates that fit the case's matters: what the letter cites unless the merchant
/// changes it.
pub fn default_articles(
    template: &LetterTemplate,
    respondents: &[Respondent],
    sender: PartyKind,
    matters: &[Matter],
) -> Vec<&'static Article> {
    candidate_articles(template, respondents, sender)
        .into_iter()
        .filter(|a| a.fits_matters(matters))
        .collect()
}

/// The articles the letter cites: the merchant's choice (field `articles`, comma-separated
/// ids, limited to the candidates) or the defaults.
pub fn chosen_articles(
    template: &LetterTemplate,
    fields: &BTreeMap<String, String>,
    sender: PartyKind,
) -> Vec<&'static Article> {
    let respondents = respondents(template, fields);
    match fields.get("articles") {
        Some(list) => {
            let ids: Vec<&str> = list.split(',').map(str::trim).collect();
            candidate_articles(template, &respondents, sender)
                .into_iter()
                .filter(|a| ids.contains(&a.id.as_str()))
                .collect()
        }
        None => default_articles(template, &respondents, sender, &matters(fields)),
    }
}

/// Text without its final punctuation, so a sentence can be closed once.
fn strip_end(text: &str) -> &str {
    text.trim()
        .trim_end_matches(['。', '；', '，', '.', ';', ',', '！', '!', ' '])
}

/// The title of a sent letter: the first line of its recorded text.
fn sent_title(said: &str) -> &str {
    said.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default()
}

/// One event as a sentence in the merchant's voice (`who` is 本店, 原告…), ending with 。.
pub fn event_sentence(e: &Event, who: &str) -> String {
    let date = format_date_zh(e.at.date());
    let other = match (strip_end(&e.counterparty), strip_end(&e.person)) {
        ("", "") => "对方".to_owned(),
        (c, "") => c.to_owned(),
        ("", p) => p.to_owned(),
        (c, p) => format!("{c}{p}"),
    };
    let said = strip_end(&e.said);
    let with_said = |s: String| {
        if said.is_empty() {
            s
        } else {
            format!("{s}：{said}")
        }
    };
    let ticket = if e.ticket_no.trim().is_empty() {
        String::new()
    } else {
        format!("（工单号：{}）", e.ticket_no.trim())
    };
    let mut line = match e.kind {
        EventKind::Fault => with_said(format!("{date}，POS机出现故障")),
        EventKind::Call => with_said(format!("{date}，{who}致电{other}{ticket}")),
        EventKind::Message => {
            let how = e
                .channel
                .filter(|c| *c != crate::domain::case::Channel::Phone)
                .map_or_else(|| "消息".to_owned(), |c| c.label().zh);
            with_said(format!("{date}，{who}通过{how}联系{other}{ticket}"))
        }
        EventKind::Visit => with_said(format!("{date}，{who}与{other}当面沟通{ticket}")),
        EventKind::Repair => with_said(format!("{date}，{other}进行维修{ticket}")),
        EventKind::Charge => {
            let amount = e
                .amount_fen
                .map(|f| format!("{}元", fen_to_yuan(f)))
                .unwrap_or_default();
            with_said(format!("{date}，{who}被扣收费用{amount}"))
        }
        EventKind::LetterSent => {
            let to = strip_end(&e.counterparty);
            let to = if to.is_empty() { "对方" } else { to };
            let title = strip_end(sent_title(&e.said));
            let title = title.trim_start_matches('《').trim_end_matches('》');
            if title.is_empty() {
                format!("{date}，{who}向{to}寄出书面函件")
            } else {
                format!("{date}，{who}向{to}寄出《{title}》")
            }
        }
        EventKind::ReplyReceived => with_said(format!("{date}，{who}收到{other}的答复{ticket}")),
        EventKind::Note => {
            if said.is_empty() {
                format!("{date}，记录")
            } else {
                format!("{date}，{said}")
            }
        }
    };
    if let Some(due) = e.promised_by {
        if e.kind == EventKind::LetterSent {
            line.push_str(&format!("，要求对方于{}前答复", format_date_zh(due)));
        } else {
            line.push_str(&format!("；对方承诺于{}前处理", format_date_zh(due)));
        }
    }
    line.push('。');
    line
}

/// The events as numbered lines, oldest first (ties by id).
pub fn chronology(events: &[&Event], who: &str) -> String {
    chronological(events.iter().copied())
        .iter()
        .enumerate()
        .map(|(i, e)| format!("{}. {}", i + 1, event_sentence(e, who)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The merchant's requests, one per line, numbered; a 起诉状 adds the costs request.
fn numbered_requests(text: &str, civil: bool) -> String {
    let mut items: Vec<String> = text
        .lines()
        .map(|l| {
            // Drop a number the merchant typed ("1." "1、" "（1）").
            let l = l.trim();
            let digits = l.chars().take_while(char::is_ascii_digit).count();
            let l = if digits > 0 {
                l[digits..].trim_start_matches(['.', '、', '．', ' '])
            } else {
                l
            };
            strip_end(l).to_owned()
        })
        .filter(|l| !l.is_empty())
        .collect();
    if civil && !items.iter().any(|l| l.contains("诉讼费")) {
        items.push("本案诉讼费用由被告承担".to_owned());
    }
    let n = items.len();
    items
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{}. {l}{}", i + 1, if i + 1 == n { "。" } else { "；" }))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The 起诉状's evidence list (民诉法 第一百二十四条(四)): each attachment with where it comes
/// from, numbered as in the case's 证据目录 ([`super::dossier::evidence_entries`]), then the
/// witnesses (or that there are none).
fn evidence_list(files: &[&EvidenceEntry], witnesses: Option<&str>) -> Option<String> {
    if files.is_empty() && witnesses.is_none() {
        return None;
    }
    let mut lines: Vec<String> = files
        .iter()
        .map(|e| {
            format!(
                "{}. {}（{}形成），证据来源：{}。",
                e.number,
                e.name,
                format_date_zh(e.date),
                e.source
            )
        })
        .collect();
    if lines.is_empty() {
        lines.push("1. 【待填：证据名称、证据来源】".to_owned());
    }
    match witnesses {
        Some(w) => lines.push(format!("证人：{}。", strip_end(w))),
        None => lines.push("本案暂无证人。".to_owned()),
    }
    Some(lines.join("\n"))
}

/// The 附件: the included attachments under their 证据目录 numbers, or the template's list.
fn enclosure_list(files: &[&EvidenceEntry], template: &LetterTemplate) -> String {
    if files.is_empty() {
        return template
            .enclosures
            .iter()
            .enumerate()
            .map(|(i, e)| format!("{}. {}", i + 1, strip_end(&e.zh)))
            .collect::<Vec<_>>()
            .join("\n");
    }
    files
        .iter()
        .map(|e| format!("{}. {}", e.number, strip_end(&e.name)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn counterparty(fields: &BTreeMap<String, String>, prefix: &str) -> Counterparty {
    let get = |k: &str| {
        field(fields, &format!("{prefix}_{k}"))
            .unwrap_or_default()
            .to_owned()
    };
    Counterparty {
        name: get("name"),
        credit_code: get("credit_code"),
        address: get("address"),
        legal_rep: get("legal_rep"),
    }
}

/// The 催告函 and the acquirer complaint set their own reply period; the PBoC and PCAC letters
/// have the recipient's first clock (acceptance), counted from the letter's date.
fn first_deadline(
    template: &LetterTemplate,
    fields: &BTreeMap<String, String>,
    today: NaiveDate,
    caveats: &mut Vec<Bilingual>,
) -> Option<(Deadline, Bilingual)> {
    match &template.reply {
        ReplyRule::Statutory { clock } => {
            let clock = clocks::clock(clock)?;
            caveats.push(Bilingual::new(
                format!(
                    "“{}”的日期按{}从落款日期估算；实际从对方收到之日起算，可能更晚。",
                    clock.label.zh,
                    clock.period_label().zh
                ),
                format!(
                    "The date for \"{}\" counts {} from the letter's date; the rule counts from receipt, which may be later.",
                    clock.label.en,
                    clock.period_label().en
                ),
            ));
            if clock.source.unconfirmed {
                caveats.push(Bilingual::new(
                    "这个期限的依据未经官方文件确认，因此信中不写。",
                    "The basis of this period is unconfirmed, so the letter does not state it.",
                ));
            }
            Some((clock.due_from(today), clock.label.clone()))
        }
        ReplyRule::MerchantSet { days_field } => {
            let days: u32 = field(fields, days_field)?.parse().ok()?;
            (1..=365).contains(&days).then(|| {
                (
                    clocks::add_calendar_days(today, days),
                    Bilingual::new("要求对方答复的截止日", "Reply deadline you set"),
                )
            })
        }
        ReplyRule::StatutoryNotComputable { .. } | ReplyRule::None => None,
    }
}

/// The clocks a PBoC letter starts, each for what it is (实施办法 第四十三条).
fn pboc_clock_notes() -> Vec<Bilingual> {
    vec![Bilingual::new(
        "被投诉机构答复期限：自收到人民银行转办的投诉之日起15日内；情况复杂的，经批准可延长，总计不超过60日。具体日期取决于转办日。",
        "The institution's reply clock: within 15 days of receiving the complaint transferred by the PBoC; extendable with approval to 60 days in total. The date depends on the transfer.",
    )]
}

/// The PBoC letter's statement of the basis on which the merchant complains and of the clocks.
/// Only a natural person claims 金融消费者 status (实施办法 第二条); a 个体工商户's status under it
/// is unconfirmed and a company's is not claimed, so both rest on 细则 第五十八条, which covers every
/// user of a non-bank institution.
fn pboc_basis(sender: PartyKind, respondent: Respondent, pronoun: &str) -> String {
    let cite = |id: &str| {
        law::article(id)
            .map(|a| a.source.zh.clone())
            .unwrap_or_default()
    };
    match (sender, respondent) {
        (PartyKind::Person, _) => format!(
            "{pronoun}作为金融消费者，依照{}向贵行投诉。依照{}，请贵行自收到本投诉之日起7个工作日内登记、作出是否受理的决定并转办；被投诉人应当自收到转办的投诉之日起15日内答复投诉人，情况复杂的，经批准延长后总计不得超过60日。",
            cite("fcp-40"),
            cite("fcp-43")
        ),
        (_, Respondent::NonBank) => format!(
            "{pronoun}是被投诉人的用户（特约商户）。{}规定，中国人民银行及其分支机构按照法定职责和监管权限，依法接收转办或者办理非银行支付机构用户投诉、信访、举报事项。请贵行依法登记、受理并转办本投诉，督促被投诉人依法及时答复。",
            cite("nbpi-rules-58")
        ),
        _ => "请贵行依法处理本投诉，督促被投诉人依法及时答复。".to_owned(),
    }
}

/// The law's name and the article ("第三十五条"), when the citation ends in an article.
fn split_citation(source: &str) -> Option<(&str, &str)> {
    let at = source.rfind('第')?;
    let (law, article) = source.split_at(at);
    (article.ends_with('条') && law.contains('》')).then_some((law, article))
}

/// The cited articles as sentences; consecutive articles of the same law share one sentence
/// and name the law once: "《…》第五百零九条规定，……；第五百七十七条规定，……。"
pub fn legal_basis(articles: &[&Article]) -> String {
    let mut out = String::new();
    let mut previous_law: Option<&str> = None;
    for a in articles {
        let split = split_citation(&a.source.zh);
        match (split, previous_law) {
            (Some((law, article)), Some(prev)) if prev == law => {
                out.pop(); // the 。 that closed the previous article
                out.push_str(&format!("；{article}规定，{}。", a.clause));
            }
            _ => out.push_str(&a.sentence()),
        }
        previous_law = split.map(|(law, _)| law);
    }
    out
}

/// The result of filling a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The whole letter as plain text: paragraphs separated by blank lines (see [`super::layout`]).
    pub text: String,
    /// Required values left empty, in form order; profile fields as `profile:<field>`.
    pub missing_required: Vec<String>,
    /// The first date the letter starts: the reply deadline the merchant set, or the
    /// recipient's acceptance clock. With its name.
    pub deadline: Option<(Deadline, Bilingual)>,
    /// Clocks that cannot be dated yet (they run from an event the merchant cannot know).
    pub later_clocks: Vec<Bilingual>,
    /// Things the merchant must read before sending.
    pub caveats: Vec<Bilingual>,
    /// Ids of the articles cited.
    pub cited: Vec<String>,
}

/// Fills `template` for `profile` (already with the letter's overrides) with `fields`, dated
/// `today`, with `events` as the chronology (and the evidence numbered over them alone).
pub fn render(
    template: &LetterTemplate,
    profile: &Profile,
    fields: &BTreeMap<String, String>,
    today: NaiveDate,
    events: &[&Event],
) -> Rendered {
    render_numbered(template, profile, fields, today, events, events)
}

/// As [`render`], with the evidence numbered over all of the case's events (`case_events`), so
/// the 证据 list and the 附件 carry the numbers of the case's 证据目录 even when `events` (the
/// ones the letter includes) leaves some out.
pub fn render_numbered(
    template: &LetterTemplate,
    profile: &Profile,
    fields: &BTreeMap<String, String>,
    today: NaiveDate,
    events: &[&Event],
    case_events: &[&Event],
) -> Rendered {
    let kind = template.kind;
    let civil = kind == LetterKind::Civil;
    let mut caveats = Vec::new();
    let deadline = first_deadline(template, fields, today, &mut caveats);
    if let Some(caveat) = deadline.as_ref().and_then(|(d, _)| d.caveat()) {
        caveats.push(caveat);
    }
    let later_clocks = if kind == LetterKind::Pboc {
        pboc_clock_notes()
    } else {
        vec![]
    };

    let pronoun = if civil { "原告" } else { profile.pronoun() };
    let respondents = respondents(template, fields);
    let acquirer_kind = acquirer_kind(fields);
    let acquisition = match field(fields, "acquired") {
        Some("bought") => Some(Acquisition::Bought),
        Some("placed") => Some(Acquisition::Placed),
        _ => None,
    };
    let vendor = counterparty(fields, "vendor");
    let acquirer = counterparty(fields, "acquirer");
    let licence = field(fields, "acquirer_licence_no");
    let articles = chosen_articles(template, fields, profile.kind);
    let numbered = evidence_entries(case_events, pronoun);
    let files = entries_of(&numbered, events);

    let mut missing_required: Vec<String> = Vec::new();
    let (for_court, with_id) = (civil, matches!(kind, LetterKind::Pboc | LetterKind::Pcac));
    for f in profile.missing(for_court, with_id) {
        missing_required.push(format!("profile:{f}"));
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
            Some(FieldKind::Generated) | Some(FieldKind::Choice) => continue,
            _ => value.to_owned(),
        };
        values.insert(name.as_str(), shown);
    }
    let todo = |label: &str| format!("【待填：{label}】");
    let name = profile.party_name();
    values.insert("letter_date", format_date_zh(today));
    values.insert("pronoun", pronoun.to_owned());
    values.insert(
        "you",
        if acquirer_kind == AcquirerKind::Bank {
            "贵行"
        } else {
            "贵公司"
        }
        .to_owned(),
    );
    let particulars = profile.particulars();
    values.insert(
        "sender_particulars",
        if particulars.is_empty() {
            todo("我的信息")
        } else {
            particulars
        },
    );
    let signer = profile.signer();
    let signer = if signer.is_empty() {
        todo("名称或姓名")
    } else {
        signer
    };
    let role = template.signer_role.as_str();
    let mut signature = vec![format!("{role}：{signer}（签名/盖章）")];
    if !civil {
        if let Some(phone) = Some(profile.phone.trim()).filter(|p| !p.is_empty()) {
            signature.push(format!("联系电话：{phone}"));
        }
        if template
            .paragraphs
            .iter()
            .all(|p| !p.contains("{{sender_particulars}}"))
        {
            if let Some(address) = Some(profile.address.trim()).filter(|a| !a.is_empty()) {
                signature.push(format!("地址：{address}"));
            }
        }
    }
    signature.push(format_date_zh(today));
    values.insert("signature", signature.join("\n"));
    if let Some((d, _)) = &deadline {
        if matches!(template.reply, ReplyRule::MerchantSet { .. }) {
            values.insert("reply_deadline", format_date_zh(d.date));
        }
    }

    // The respondent named in the letter.
    let respondent_cp = match respondents.first() {
        Some(Respondent::Vendor) => &vendor,
        _ => &acquirer,
    };
    if !respondent_cp.name.is_empty() {
        values.insert("respondent_name", respondent_cp.name.clone());
        let mut p = respondent_cp.particulars();
        if respondents.first() != Some(&Respondent::Vendor) {
            if let Some(no) = licence {
                p.push_str(&format!("，支付业务许可证编号：{no}"));
            }
        }
        values.insert("respondent_particulars", p);
    }
    if !vendor.name.is_empty() {
        let verb = acquisition.map_or("布放", Acquisition::vendor_verb);
        let who = vendor.particulars();
        let who = match who.split_once('，') {
            Some((name, rest)) => format!("{name}（{rest}）"),
            None => who,
        };
        values.insert("vendor_line", format!("POS机由{who}{verb}。"));
    } else {
        values.insert("vendor_line", String::new());
    }
    values.insert(
        "merchant_no_sentence",
        field(fields, "merchant_no")
            .map_or_else(|| "。".to_owned(), |no| format!("，商户编号：{no}。")),
    );
    values.insert(
        "acquired_when",
        values
            .get("purchase_date")
            .map(|d| format!("于{d}"))
            .unwrap_or_default(),
    );
    values.insert(
        "acquired_verb",
        acquisition
            .map_or("购买或办理", Acquisition::merchant_verb)
            .to_owned(),
    );
    if acquisition.is_none()
        && template
            .paragraphs
            .iter()
            .any(|p| p.contains("{{acquired_verb}}"))
    {
        caveats.push(Bilingual::new(
            "请在“机器是怎么来的”中选择购买或办理，信中才能写准确。",
            "Choose whether you bought the terminal or signed up for it, so the letter says which.",
        ));
    }
    let mut device: Vec<String> = Vec::new();
    for (f, label) in [
        ("device_model", "型号"),
        ("device_sn", "序列号"),
        ("terminal_id", "终端号"),
    ] {
        if let Some(v) = field(fields, f) {
            device.push(format!("{label}：{v}"));
        }
    }
    values.insert(
        "device_desc",
        if device.is_empty() {
            "POS机一台".to_owned()
        } else {
            format!("POS机一台（{}）", device.join("，"))
        },
    );
    let background = format!(
        "{pronoun}{}{}{}{}{}",
        values.get("acquired_when").cloned().unwrap_or_default(),
        if vendor.name.is_empty() {
            String::new()
        } else {
            format!("通过{}", vendor.name)
        },
        acquisition.map_or("购买或办理", Acquisition::merchant_verb),
        values.get("device_desc").cloned().unwrap_or_default(),
        values
            .get("merchant_no_sentence")
            .cloned()
            .unwrap_or_default(),
    );
    values.insert("background", format!("{background}\n"));
    let first_date = values.get("first_complaint_date").cloned();
    let first_channel = values.get("first_complaint_channel").cloned();
    if first_date.is_some() || first_channel.is_some() || kind == LetterKind::Pboc {
        // Both are required where this sentence is used: a missing one shows as 【待填】.
        let date = first_date.unwrap_or_else(|| todo("向机构投诉的日期"));
        let channel = first_channel.unwrap_or_else(|| todo("向机构投诉的渠道"));
        let ticket = field(fields, "first_complaint_ticket")
            .map(|t| format!("（工单号：{t}）"))
            .unwrap_or_default();
        values.insert(
            "first_complaint",
            format!(
                "{pronoun}已于{date}通过{channel}向被投诉人投诉{ticket}，对其处理结果不予接受。"
            ),
        );
    }

    // Facts: the chronology, or the merchant's own account when there are no events.
    if !events.is_empty() {
        values.insert("timeline", chronology(events, pronoun));
    } else if let Some(facts) = values.remove("facts") {
        values.insert("timeline", facts);
    }
    if let Some(req) = field(fields, "request") {
        values.insert("requests", numbered_requests(req, civil));
    }
    if !articles.is_empty() {
        values.insert("legal_basis", legal_basis(&articles));
    }
    if kind == LetterKind::Pboc {
        let r = respondents.first().copied().unwrap_or(Respondent::NonBank);
        values.insert("complainant_basis", pboc_basis(profile.kind, r, pronoun));
    }
    if civil {
        values.insert("plaintiff", profile.plaintiff_lines(today).join("\n"));
        let defendants: Vec<String> = respondents
            .iter()
            .map(|r| match r {
                Respondent::Vendor => vendor.defendant_line(),
                _ => acquirer.defendant_line(),
            })
            .collect();
        values.insert("copies", defendants.len().to_string());
        values.insert("defendants", defendants.join("\n"));
        values.insert(
            "evidence",
            evidence_list(&files, field(fields, "witnesses"))
                .unwrap_or_else(|| todo("证据名称、证据来源，证人姓名和住所")),
        );
    } else {
        values.insert("enclosures", enclosure_list(&files, template));
    }

    let is_required = |name: &str| template.required_fields.iter().any(|r| r == name);
    // Generated values a letter cannot do without.
    let essential = |name: &str| {
        matches!(
            name,
            "timeline"
                | "requests"
                | "respondent_name"
                | "respondent_particulars"
                | "reply_deadline"
        )
    };
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
                None if is_required(name) || essential(name) => {
                    let label = match name {
                        "timeline" => "事实经过",
                        "requests" => "具体请求",
                        "respondent_name" | "respondent_particulars" => "对方名称和住所",
                        _ => field_spec(name).map_or(name, |s| s.label.zh.as_str()),
                    };
                    let key = match name {
                        "requests" => "request",
                        "respondent_name" | "respondent_particulars" => "respondent",
                        "timeline" => "facts",
                        "reply_deadline" => match &template.reply {
                            ReplyRule::MerchantSet { days_field } => days_field.as_str(),
                            _ => "reply_deadline",
                        },
                        other => other,
                    };
                    if !missing_required.iter().any(|m| m == key) {
                        missing_required.push(key.to_owned());
                    }
                    out.push_str(&todo(label));
                }
                // An optional value is missing: drop the paragraph.
                None => return None,
            }
            rest = &after[end + 2..];
        }
        out.push_str(rest);
        Some(out)
    };
    let subject = fill(&template.subject).unwrap_or_default();
    let body: Vec<String> = template
        .paragraphs
        .iter()
        .filter_map(|p| fill(p))
        .filter(|p| !p.trim().is_empty())
        .collect();
    let order = |name: &str| {
        if name.starts_with("profile:") {
            return 0;
        }
        template
            .required_fields
            .iter()
            .position(|r| r == name)
            .map_or(usize::MAX, |p| p + 1)
    };
    missing_required.sort_by_key(|n| order(n));
    if name.is_empty() && !missing_required.iter().any(|m| m == "profile:name") {
        missing_required.insert(0, "profile:name".to_owned());
    }
    let mut text = format!("{subject}\n\n{}", body.join("\n\n"));
    text.push('\n');
    Rendered {
        text,
        missing_required,
        deadline,
        later_clocks,
        caveats,
        cited: articles.iter().map(|a| a.id.clone()).collect(),
    }
}
