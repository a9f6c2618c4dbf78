//! The case's evidence, numbered once ([`evidence_entries`]), and the printable 证据目录 built
//! from it ([`dossier`]).
//!
//! One numbering for everything: every attachment of every event of the case, the events
//! oldest first (ties by id), the files in the order they were attached. The 证据目录, the
//! 起诉状's 证据 section and a letter's 附件 all use [`evidence_entries`] over the whole case,
//! so "证据3" is the same file everywhere, even when a letter leaves an event out (its number
//! is then missing from that letter, never reused).
//!
//! The dossier prints the 目录 (序号, 证据名称, 证据来源, 证明内容, 页码) and the chronology
//! first, then one page per item: a photo with its caption, date and SHA-256, or a page that
//! describes a file that cannot be printed (it is handed in as a file). The 页码 counts those
//! evidence pages from 1, so it is known before printing; the 目录 says so.

use chrono::NaiveDate;

use super::compose::event_sentence;
use super::format_date_zh;
use crate::domain::case::{chronological, evidence_checklist, Case, Event};

/// The 目录's columns.
pub const COLUMNS: [&str; 5] = ["序号", "证据名称", "证据来源", "证明内容", "页码"];
/// The heading of the chronology.
pub const CHRONOLOGY_HEADING: &str = "案件经过";
/// What is printed in place of a file that is not a picture.
pub const NOT_PRINTABLE: &str =
    "本证据为电子文件，无法在纸面上显示，以电子文件形式另行提交；其内容可用下列 SHA-256 值核对。";
/// When a file's SHA-256 is not known (the browser could not compute it).
pub const NO_HASH: &str = "未记录";

/// One numbered piece of evidence: an attachment of one of the case's events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceEntry {
    /// 证据序号, from 1, case-wide.
    pub number: usize,
    pub event_id: String,
    pub attachment_id: String,
    /// 证据名称: the file's name as the merchant gave it.
    pub name: String,
    /// 证据来源: who keeps it (`{who}自行保存`).
    pub source: String,
    /// 证明内容: what it shows, from its event (and its checklist tags).
    pub proves: String,
    /// 页码: the evidence page it is printed on (one page an item, from 1).
    pub page: usize,
    /// The date of its event (形成日期).
    pub date: NaiveDate,
    pub sha256: Option<String>,
    pub mime: String,
    pub size: u64,
}

impl EvidenceEntry {
    /// A photo is printed in the dossier; any other file is described and handed in as a file.
    pub fn is_image(&self) -> bool {
        self.mime.starts_with("image/")
    }

    /// What kind of file it is, in words: 图片, PDF文件, 录音, 视频 or 电子文件.
    pub fn file_kind(&self) -> &'static str {
        let mime = self.mime.as_str();
        if mime.starts_with("image/") {
            "图片"
        } else if mime == "application/pdf" {
            "PDF文件"
        } else if mime.starts_with("audio/") {
            "录音"
        } else if mime.starts_with("video/") {
            "视频"
        } else {
            "电子文件"
        }
    }

    /// `证据3`.
    pub fn label(&self) -> String {
        format!("证据{}", self.number)
    }
}

/// A sentence without its closing 。.
fn without_stop(text: &str) -> &str {
    text.trim_end_matches('。')
}

/// The events oldest first, ties by id: the order of the chronology and of the numbering.
pub fn in_order<'a>(events: &[&'a Event]) -> Vec<&'a Event> {
    chronological(events.iter().copied())
}

/// The numbered evidence of a case: every attachment of `events` (pass all of the case's
/// events, whatever a letter includes), in the voice `who` (本店, 原告…).
pub fn evidence_entries(events: &[&Event], who: &str) -> Vec<EvidenceEntry> {
    let checklist = evidence_checklist();
    let mut entries = Vec::new();
    for event in in_order(events) {
        let sentence = event_sentence(event, who);
        for attachment in &event.attachments {
            let number = entries.len() + 1;
            let name = match attachment.name.trim() {
                "" => format!("附件{number}"),
                name => name.to_owned(),
            };
            let kinds: Vec<&str> = attachment
                .evidence
                .iter()
                .chain(&event.evidence)
                .filter_map(|tag| checklist.iter().find(|i| &i.tag == tag))
                .map(|i| i.label.zh.as_str())
                .fold(Vec::new(), |mut seen, label| {
                    if !seen.contains(&label) {
                        seen.push(label);
                    }
                    seen
                });
            let mut proves = format!("证明{}。", without_stop(&sentence));
            if !kinds.is_empty() {
                proves.push_str(&format!("本证据为{}。", kinds.join("、")));
            }
            entries.push(EvidenceEntry {
                number,
                event_id: event.id.clone(),
                attachment_id: attachment.id.clone(),
                name,
                source: format!("{who}自行保存"),
                proves,
                page: number,
                date: event.at.date(),
                sha256: attachment.sha256.clone(),
                mime: attachment.mime.clone(),
                size: attachment.size,
            });
        }
    }
    entries
}

/// The entries whose event is one of `included` (a letter's chosen events), numbers kept.
pub fn entries_of<'a>(entries: &'a [EvidenceEntry], included: &[&Event]) -> Vec<&'a EvidenceEntry> {
    entries
        .iter()
        .filter(|e| included.iter().any(|ev| ev.id == e.event_id))
        .collect()
}

/// `（见证据1、证据2）` for the entries of one event, or nothing.
fn see_also(entries: &[EvidenceEntry], event_id: &str) -> String {
    let labels: Vec<String> = entries
        .iter()
        .filter(|e| e.event_id == event_id)
        .map(EvidenceEntry::label)
        .collect();
    if labels.is_empty() {
        String::new()
    } else {
        format!("（见{}）", labels.join("、"))
    }
}

/// The printable 证据目录 of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dossier {
    /// `证据目录`.
    pub title: String,
    /// 提交人, 案件, 对方…: one line each.
    pub header: Vec<String>,
    pub entries: Vec<EvidenceEntry>,
    /// What the 页码 column counts.
    pub page_note: String,
    /// The events as numbered lines, oldest first, each naming its evidence.
    pub chronology: Vec<String>,
    /// 提交人 and the date, right-aligned under the 目录.
    pub signature: Vec<String>,
}

/// The dossier of `case` from its `events`, submitted by `signer` (the profile's signature
/// name, may be empty) in the voice `who`, dated `today`.
pub fn dossier(
    case: &Case,
    events: &[&Event],
    signer: &str,
    who: &str,
    today: NaiveDate,
) -> Dossier {
    let own: Vec<&Event> = events
        .iter()
        .copied()
        .filter(|e| e.case_id == case.id)
        .collect();
    let entries = evidence_entries(&own, who);
    let mut header = Vec::new();
    let signer = signer.trim();
    if !signer.is_empty() {
        header.push(format!("提交人：{signer}"));
    }
    let title = case.title.trim();
    if !title.is_empty() {
        header.push(format!("事项：{title}"));
    }
    let others: Vec<&str> = [case.vendor.name.trim(), case.acquirer.name.trim()]
        .into_iter()
        .filter(|n| !n.is_empty())
        .collect();
    if !others.is_empty() {
        header.push(format!("对方：{}", others.join("；")));
    }
    header.push(format!("证据共{}项", entries.len()));
    let chronology = in_order(&own)
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let sentence = event_sentence(e, who);
            format!(
                "{}. {}{}。",
                i + 1,
                without_stop(&sentence),
                see_also(&entries, &e.id)
            )
        })
        .collect();
    let mut signature = Vec::new();
    signature.push(if signer.is_empty() {
        "提交人：（签名/盖章）".to_owned()
    } else {
        format!("提交人：{signer}（签名/盖章）")
    });
    signature.push(format_date_zh(today));
    Dossier {
        title: "证据目录".to_owned(),
        header,
        entries,
        page_note: "页码为本目录之后所附证据材料的页码，每项证据一页，自第1页起连续编号。"
            .to_owned(),
        chronology,
        signature,
    }
}

/// `1.2 MB` / `830 KB` / `12 字节`: a file's size as printed under it.
pub fn size_zh(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else if bytes >= 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{bytes} 字节")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::tests::{sample_case, sample_event};
    use crate::domain::case::{AttachmentMeta, EventKind};

    fn file(id: &str, name: &str, mime: &str, tags: &[&str]) -> AttachmentMeta {
        AttachmentMeta {
            id: id.into(),
            name: name.into(),
            mime: mime.into(),
            size: 2048,
            sha256: Some(format!("{:0>64}", id)),
            evidence: tags.iter().map(|t| (*t).to_owned()).collect(),
        }
    }

    pub(crate) fn case_with_files() -> (Case, Vec<Event>) {
        let case = sample_case("c1");
        let mut late = sample_event("e3", "c1", "2026-11-20 10:00", EventKind::Call);
        late.counterparty = "某某支付客服".into();
        late.said = "对方称需联系代理商".into();
        late.attachments
            .push(file("a3", "通话记录截图.png", "image/png", &[]));
        let mut early = sample_event("e1", "c1", "2026-10-08 09:00", EventKind::Fault);
        early.said = "终端显示97".into();
        early
            .attachments
            .push(file("a1", "终端报错照片.png", "image/png", &[]));
        early
            .attachments
            .push(file("a2", "签购单.pdf", "application/pdf", &["sales_slip"]));
        let mut none = sample_event("e2", "c1", "2026-10-12 15:00", EventKind::Note);
        none.said = "催问进度".into();
        (case, vec![late, early, none])
    }

    #[test]
    fn numbering_follows_the_events_oldest_first_and_the_files_in_order() {
        let (_, events) = case_with_files();
        let refs: Vec<&Event> = events.iter().collect();
        let entries = evidence_entries(&refs, "本店");
        let names: Vec<(usize, &str, usize)> = entries
            .iter()
            .map(|e| (e.number, e.name.as_str(), e.page))
            .collect();
        assert_eq!(
            names,
            [
                (1, "终端报错照片.png", 1),
                (2, "签购单.pdf", 2),
                (3, "通话记录截图.png", 3)
            ]
        );
        // The same numbers whatever order the events come in.
        let reversed: Vec<&Event> = events.iter().rev().collect();
        assert_eq!(evidence_entries(&reversed, "本店"), entries);
        // Leaving an event out of a letter keeps the others' numbers.
        let kept = entries_of(&entries, &[&events[0]]);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].number, 3);
    }

    #[test]
    fn every_item_has_all_four_columns() {
        let (case, events) = case_with_files();
        let refs: Vec<&Event> = events.iter().collect();
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let d = dossier(&case, &refs, "张三便利店（经营者：张三）", "本店", today);
        assert_eq!(d.entries.len(), 3);
        for e in &d.entries {
            assert!(!e.name.is_empty() && !e.source.is_empty() && !e.proves.is_empty());
            assert!(e.page >= 1);
            assert!(
                e.proves.starts_with("证明") && e.proves.ends_with('。'),
                "{}",
                e.proves
            );
            assert!(!e.proves.contains("。。"), "{}", e.proves);
        }
        assert_eq!(d.entries[0].source, "本店自行保存");
        assert_eq!(
            (d.entries[0].file_kind(), d.entries[1].file_kind()),
            ("图片", "PDF文件")
        );
        assert!(d.entries[0].is_image() && !d.entries[1].is_image());
        assert!(d.entries[0]
            .proves
            .contains("2026年10月8日，POS机出现故障：终端显示97"));
        assert!(d.entries[1]
            .proves
            .ends_with("本证据为签购单（显示商户编号）。"));
        // The chronology names each event's evidence.
        assert_eq!(d.chronology.len(), 3);
        assert!(d.chronology[0].starts_with("1. 2026年10月8日"));
        assert!(
            d.chronology[0].ends_with("（见证据1、证据2）。"),
            "{}",
            d.chronology[0]
        );
        assert!(!d.chronology[1].contains("见证据"));
        assert!(d.chronology[2].ends_with("（见证据3）。"));
        assert!(d.header.iter().any(|l| l == "证据共3项"));
        assert_eq!(d.signature[1], "2026年11月27日");
        // No advice and no 您 in the merchant's own document.
        let all = format!("{d:?}");
        assert!(!all.contains('您') && !all.contains('你'));
    }

    /// The 起诉状's 证据 list and a complaint's 附件 carry the dossier's numbers, also when the
    /// letter leaves an event out.
    #[test]
    fn the_letters_use_the_dossiers_numbers() {
        use crate::domain::letters::{fields_from_case, render_numbered, template, LetterKind};
        use crate::domain::party::PartyKind;
        let (case, events) = case_with_files();
        let all: Vec<&Event> = events.iter().collect();
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let d = dossier(&case, &all, "", "本店", today);
        let profile = crate::domain::letters::tests::profile(PartyKind::SoleTrader);
        let fields = fields_from_case(&case);
        let civil = template(LetterKind::Civil).unwrap();
        let without_first: Vec<&Event> = events.iter().filter(|e| e.id != "e1").collect();
        let text = render_numbered(civil, &profile, &fields, today, &without_first, &all).text;
        let third = &d.entries[2];
        assert!(
            text.contains(&format!(
                "{}. {}（2026年11月20日形成），证据来源：原告自行保存。",
                third.number, third.name
            )),
            "{text}"
        );
        assert!(
            !text.contains("终端报错照片") && !text.contains("1. 签购单"),
            "{text}"
        );
        let acquirer = template(LetterKind::Acquirer).unwrap();
        let text = render_numbered(acquirer, &profile, &fields, today, &all, &all).text;
        let listed: Vec<String> = d
            .entries
            .iter()
            .map(|e| format!("{}. {}", e.number, e.name))
            .collect();
        assert!(text.contains(&listed.join("\n")), "{text}");
    }

    #[test]
    fn another_cases_events_and_unnamed_files_are_handled() {
        let (case, mut events) = case_with_files();
        let mut other = sample_event("x1", "c9", "2026-01-01 09:00", EventKind::Note);
        other
            .attachments
            .push(file("ax", "别的案件.png", "image/png", &[]));
        events.push(other);
        events[0].attachments[0].name = "  ".into();
        let refs: Vec<&Event> = events.iter().collect();
        let d = dossier(
            &case,
            &refs,
            "",
            "本店",
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        );
        assert_eq!(d.entries.len(), 3);
        assert_eq!(d.entries[2].name, "附件3");
        assert_eq!(d.signature[0], "提交人：（签名/盖章）");
        assert!(size_zh(2048) == "2 KB" && size_zh(10) == "10 字节");
        assert_eq!(size_zh(3 * 1024 * 1024 / 2), "1.5 MB");
    }
}
