//! Deadlines as an iCalendar file (RFC 5545) that a phone's calendar imports.
//!
//! Each deadline is an all-day event (`DTSTART;VALUE=DATE`, so no time zone is involved: the
//! date is the date in China, Asia/Shanghai, as the app computed it) with two display alarms:
//! `TRIGGER:-P1D` (the day before) and `TRIGGER:PT9H` (09:00 on the day). The description
//! carries the case, where the date comes from, the article it rests on and, when the date
//! counts working days beyond the published holiday schedule, that it is unconfirmed.
//!
//! Written here rather than with a crate: the format needed is small, and the rules that matter
//! are tested below: CRLF line ends, text escaping (`\\`, `;`, `,`, newline), lines folded at 75
//! octets without splitting a UTF-8 character, a stable `UID` per deadline and a UTC `DTSTAMP`.
//!
//! # Public API
//! - [`calendar`]: the whole file for a list of deadlines.
//! - [`file_name`]: a download name.

use chrono::{Days, NaiveDate, NaiveDateTime};

use super::deadlines::CaseDeadline;
use super::text::Lang;

/// RFC 5545 §3.1: lines longer than 75 octets are folded.
const MAX_LINE_OCTETS: usize = 75;

/// The iCalendar file for `deadlines`, in `lang`. `stamp_utc` is the moment of writing, in UTC.
pub fn calendar(deadlines: &[CaseDeadline], stamp_utc: NaiveDateTime, lang: Lang) -> String {
    let mut out = String::new();
    let mut line = |s: &str| fold_into(&mut out, s);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//pos-helper//deadlines//ZH");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    let name = match lang {
        Lang::Zh => "维权期限",
        Lang::En => "Dispute deadlines",
    };
    line(&format!("X-WR-CALNAME:{}", escape(name)));
    line("X-WR-TIMEZONE:Asia/Shanghai");
    let stamp = stamp_utc.format("%Y%m%dT%H%M%SZ").to_string();
    for d in deadlines {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}@pos-helper", escape(&d.uid)));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{}", ymd(d.due.date)));
        line(&format!("DTEND;VALUE=DATE:{}", ymd(next_day(d.due.date))));
        let summary = format!("{}：{}", d.what.get(lang), d.case_title);
        line(&format!("SUMMARY:{}", escape(&summary)));
        line(&format!("DESCRIPTION:{}", escape(&description(d, lang))));
        line("TRANSP:TRANSPARENT");
        for (trigger, when) in [
            ("-P1D", ("明天到期", "due tomorrow")),
            ("PT9H", ("今天到期", "due today")),
        ] {
            let when = match lang {
                Lang::Zh => when.0,
                Lang::En => when.1,
            };
            line("BEGIN:VALARM");
            line("ACTION:DISPLAY");
            line(&format!("TRIGGER:{trigger}"));
            line(&format!(
                "DESCRIPTION:{}",
                escape(&format!("{when}：{summary}"))
            ));
            line("END:VALARM");
        }
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// "期限-20261128.ics" / "deadlines-20261128.ics"; with a case, its id too.
pub fn file_name(case_id: Option<&str>, today: NaiveDate, lang: Lang) -> String {
    let base = match lang {
        Lang::Zh => "期限",
        Lang::En => "deadlines",
    };
    match case_id {
        Some(id) => format!("{base}-{id}-{}.ics", ymd(today)),
        None => format!("{base}-{}.ics", ymd(today)),
    }
}

fn description(d: &CaseDeadline, lang: Lang) -> String {
    let (case, source) = match lang {
        Lang::Zh => ("案件：", "依据："),
        Lang::En => ("Case: ", "Source: "),
    };
    let mut parts = vec![
        format!("{case}{}", d.case_title),
        d.detail.get(lang).to_owned(),
    ];
    if let Some(caveat) = d.due.caveat() {
        parts.push(caveat.get(lang).to_owned());
    }
    if let Some(s) = &d.source {
        parts.push(format!("{source}{}", s.get(lang)));
        if s.unconfirmed {
            parts.push(
                match lang {
                    Lang::Zh => "此期限未经官方文件确认。",
                    Lang::En => "This deadline is not confirmed by an official document.",
                }
                .to_owned(),
            );
        }
    }
    if let Some(note) = &d.note {
        parts.push(note.get(lang).to_owned());
    }
    parts.push(
        match lang {
            Lang::Zh => "仅供参考，不构成法律意见。",
            Lang::En => "For reference only, not legal advice.",
        }
        .to_owned(),
    );
    parts.join("\n")
}

fn ymd(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

fn next_day(date: NaiveDate) -> NaiveDate {
    date.checked_add_days(Days::new(1)).unwrap_or(date)
}

/// RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma are escaped; a line break is `\n`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded (RFC 5545 §3.1): at most 75 octets per physical line, the
/// continuation lines starting with one space (which counts toward their 75), never splitting a
/// UTF-8 character; every line ends with CRLF.
fn fold_into(out: &mut String, line: &str) {
    let mut budget = MAX_LINE_OCTETS;
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > budget {
            out.push_str("\r\n ");
            budget = MAX_LINE_OCTETS - 1;
            used = 0;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::tests::{day, dt, sample_case, sample_event};
    use crate::domain::case::EventKind;
    use crate::domain::clocks::{clock, CLOCK_PBOC_REGISTER_TRANSFER};
    use crate::domain::deadlines::case_deadlines;

    /// Unfolds an iCalendar text into its logical lines (RFC 5545 §3.1).
    fn unfold(text: &str) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        for physical in text.split("\r\n") {
            if let Some(rest) = physical.strip_prefix(' ') {
                lines.last_mut().unwrap().push_str(rest);
            } else if !physical.is_empty() {
                lines.push(physical.to_owned());
            }
        }
        lines
    }

    fn sample() -> Vec<CaseDeadline> {
        let mut case = sample_case("c1");
        case.title = "签到失败; 退押金, 含\\反斜杠".to_owned();
        let c = clock(CLOCK_PBOC_REGISTER_TRANSFER).unwrap();
        let mut letter = sample_event("l1", "c1", "2026-12-28 10:00", EventKind::LetterSent);
        let due = c.due_from(day("2026-12-28"));
        letter.said = format!("《投诉书》\n{}：{}\n\n正文", c.label.zh, due.date);
        letter.promised_by = Some(due.date);
        let fault = sample_event("f1", "c1", "2026-09-28 10:00", EventKind::Fault);
        case_deadlines(&[case], &[fault, letter])
    }

    #[test]
    fn structure_lines_and_crlf() {
        let deadlines = sample();
        assert_eq!(deadlines.len(), 2);
        let text = calendar(&deadlines, dt("2026-11-28 03:10"), Lang::Zh);
        // Every line ends with CRLF; no bare LF.
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
        // No physical line is longer than 75 octets.
        for physical in text.split("\r\n") {
            assert!(
                physical.len() <= 75,
                "{} octets: {physical}",
                physical.len()
            );
        }
        let lines = unfold(&text);
        assert_eq!(lines[0], "BEGIN:VCALENDAR");
        assert!(lines.contains(&"VERSION:2.0".to_owned()));
        assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 2);
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VALARM").count(), 4);
        assert_eq!(lines.iter().filter(|l| *l == "TRIGGER:-P1D").count(), 2);
        assert_eq!(lines.iter().filter(|l| *l == "TRIGGER:PT9H").count(), 2);
        assert_eq!(
            lines
                .iter()
                .filter(|l| *l == "DTSTAMP:20261128T031000Z")
                .count(),
            2
        );
        // The PBoC clock from 2026-12-28: 7 working days reach 2027-01-06 (estimated).
        assert!(lines.contains(&"DTSTART;VALUE=DATE:20270106".to_owned()));
        assert!(lines.contains(&"DTEND;VALUE=DATE:20270107".to_owned()));
        assert!(lines.contains(&"UID:c1.clock.l1@pos-helper".to_owned()));
        assert!(lines.contains(&"UID:c1.limitation.f1@pos-helper".to_owned()));
        assert!(lines.contains(&"DTSTART;VALUE=DATE:20290928".to_owned()));
        // BEGIN/END balance.
        for what in ["VCALENDAR", "VEVENT", "VALARM"] {
            assert_eq!(
                lines
                    .iter()
                    .filter(|l| **l == format!("BEGIN:{what}"))
                    .count(),
                lines
                    .iter()
                    .filter(|l| **l == format!("END:{what}"))
                    .count()
            );
        }
    }

    #[test]
    fn text_is_escaped_and_unconfirmed_dates_say_so() {
        let text = calendar(&sample(), dt("2026-11-28 03:10"), Lang::Zh);
        let lines = unfold(&text);
        let summary = lines
            .iter()
            .find(|l| l.starts_with("SUMMARY:人民银行"))
            .unwrap();
        assert!(
            summary.ends_with("签到失败\\; 退押金\\, 含\\\\反斜杠"),
            "{summary}"
        );
        let description = lines
            .iter()
            .find(|l| l.starts_with("DESCRIPTION:案件：") && l.contains("人民银行"))
            .unwrap();
        assert!(description.contains("\\n"));
        assert!(!description.contains('\n'));
        assert!(description.contains("未经确认"), "{description}");
        assert!(description.contains("第四十三条"));
        // The limitation is a plain date count: confirmed, no caveat.
        let limitation = lines
            .iter()
            .find(|l| l.starts_with("DESCRIPTION:案件：") && l.contains("第一百八十八条"))
            .unwrap();
        assert!(!limitation.contains("未经确认"));
        // English file: no Chinese labels of the app's own (case titles stay as typed).
        let en = calendar(&sample(), dt("2026-11-28 03:10"), Lang::En);
        assert!(en.contains("X-WR-CALNAME:Dispute deadlines"));
        assert!(unfold(&en).iter().any(|l| l.contains("Unconfirmed")));
    }

    #[test]
    fn folding_never_splits_a_character() {
        let mut out = String::new();
        let long = format!("DESCRIPTION:{}", "期限".repeat(60));
        fold_into(&mut out, &long);
        let physical: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        // 12 octets of name + 21 three-octet characters fill the first line exactly; a
        // continuation line (a space + 24 characters = 73 octets) has no room for a 25th.
        assert_eq!(physical[0].len(), 75);
        assert!(physical[1..]
            .iter()
            .all(|l| l.starts_with(' ') && l.len() <= 75));
        assert_eq!(physical[1].len(), 73);
        assert_eq!(unfold(&out), vec![long.clone()]);
        // Exactly 75 octets stay on one line; 76 fold.
        let mut out = String::new();
        fold_into(&mut out, &"A".repeat(75));
        assert_eq!(out, format!("{}\r\n", "A".repeat(75)));
        let mut out = String::new();
        fold_into(&mut out, &"A".repeat(76));
        assert_eq!(out, format!("{}\r\n A\r\n", "A".repeat(75)));
        assert_eq!(escape("a\r\nb\nc\u{7}"), "a\\nb\\nc");
    }

    #[test]
    fn file_names() {
        assert_eq!(
            file_name(None, day("2026-11-28"), Lang::Zh),
            "期限-20261128.ics"
        );
        assert_eq!(
            file_name(Some("case-1"), day("2026-11-28"), Lang::En),
            "deadlines-case-1-20261128.ics"
        );
    }
}
