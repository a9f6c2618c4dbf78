//! The merchant's deadlines across all cases: what is overdue, due today and due soon.
//!
//! Pure: the caller passes the cases, the events and "today". Nothing here is computed twice:
//! the dates come from what the diary already has and the clocks of `data/clocks.json`.
//!
//! # Where each deadline comes from
//! - **A pending promise** ([`pending_promises`]: the latest date in a case that no later reply
//!   or repair answered). When it is a sent letter's date, the letter's head names what it is
//!   ([`letter_sent_event`](crate::domain::letters::letter_sent_event)): a statutory clock of
//!   `data/clocks.json` (the PBoC or PCAC acceptance clock, counted in working days on the
//!   holiday schedule by the letter itself) or the reply deadline the merchant set in a 催告函.
//!   Otherwise it is a date someone promised in a call, a message or a visit.
//! - **The 3-year limitation** ([`CLOCK_LIMITATION_PERIOD`]), counted from the case's earliest
//!   recorded fault (else its earliest event): the earliest start the diary shows, so the
//!   warning never comes late. The merchant judges the real start; the note says so.
//!
//! Only open, waiting or escalated cases have deadlines.
//!
//! # Public API
//! - [`case_deadlines`] → every [`CaseDeadline`], by date.
//! - [`group`] → [`Groups`]: overdue, due today, due within [`SOON_DAYS`] days.

use chrono::{Days, NaiveDate};

use super::case::{pending_promises, Case, Event, EventKind};
use super::clocks::{
    clock, statutory_clocks, Certainty, ClockUnit, Deadline, HolidayCalendar, StatutoryClock,
    CLOCK_LIMITATION_PERIOD,
};
use super::text::{Bilingual, Source};

/// "Due soon": due within this many days after today (today itself is its own group).
pub const SOON_DAYS: i64 = 7;

/// What a deadline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineKind {
    /// A date promised in a call, message or visit.
    Promise,
    /// The reply deadline the merchant set in a letter (催告函, complaint to the acquirer).
    ReplyYouSet,
    /// A statutory clock a sent letter started (e.g. the PBoC branch's 7 working days).
    Statutory,
    /// The 3-year limitation period.
    Limitation,
}

impl DeadlineKind {
    fn slug(self) -> &'static str {
        match self {
            DeadlineKind::Promise => "promise",
            DeadlineKind::ReplyYouSet => "reply",
            DeadlineKind::Statutory => "clock",
            DeadlineKind::Limitation => "limitation",
        }
    }
}

/// One dated deadline of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDeadline {
    /// Stable across downloads (case, kind, the event it comes from), so a calendar that imports
    /// the file again updates the entry rather than adding a second one.
    pub uid: String,
    pub case_id: String,
    pub case_title: String,
    pub kind: DeadlineKind,
    /// What falls due, e.g. "对方承诺的日期" or the clock's label.
    pub what: Bilingual,
    /// Where the date comes from: the event (date, kind, counterparty) or the start of the count.
    pub detail: Bilingual,
    pub due: Deadline,
    /// The article the period rests on (statutory clocks and the limitation period).
    pub source: Option<Source>,
    /// The clock's own note (e.g. the counting convention), when it has one.
    pub note: Option<Bilingual>,
}

impl CaseDeadline {
    pub fn date(&self) -> NaiveDate {
        self.due.date
    }
}

/// Every deadline of the active cases, by date (then case title and uid, so the order is stable).
pub fn case_deadlines(cases: &[Case], events: &[Event]) -> Vec<CaseDeadline> {
    let pending = pending_promises(events);
    let mut out = Vec::new();
    for case in cases.iter().filter(|c| c.status.is_active()) {
        if let Some(p) = pending.get(case.id.as_str()) {
            out.push(from_promise(case, p.event, p.due));
        }
        if let Some(d) = limitation(case, events) {
            out.push(d);
        }
    }
    out.sort_by(|a, b| {
        a.due
            .date
            .cmp(&b.due.date)
            .then_with(|| a.case_title.cmp(&b.case_title))
            .then_with(|| a.uid.cmp(&b.uid))
    });
    out
}

fn uid(case: &Case, kind: DeadlineKind, event: &Event) -> String {
    format!("{}.{}.{}", case.id, kind.slug(), event.id)
}

/// "2026-11-10 电话 · 代理商客服 王经理" / "2026-11-10 call · 代理商客服 王经理".
fn event_detail(event: &Event) -> Bilingual {
    let who: Vec<&str> = [event.counterparty.trim(), event.person.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let date = event.at.date();
    let kind = event.kind.label();
    if who.is_empty() {
        Bilingual::new(format!("{date} {}", kind.zh), format!("{date} {}", kind.en))
    } else {
        let who = who.join(" ");
        Bilingual::new(
            format!("{date} {} · {who}", kind.zh),
            format!("{date} {} · {who}", kind.en),
        )
    }
}

/// The statutory clock a sent letter's head names ("<label>：<date>"), if any.
fn clock_named_in(event: &Event) -> Option<&'static StatutoryClock> {
    let head = event.said_head();
    statutory_clocks().iter().find(|c| {
        let prefix = format!("{}：", c.label.zh);
        head.lines().any(|line| line.trim().starts_with(&prefix))
    })
}

fn from_promise(case: &Case, event: &Event, due: NaiveDate) -> CaseDeadline {
    let detail = event_detail(event);
    let base = |kind, what, due, source, note| CaseDeadline {
        uid: uid(case, kind, event),
        case_id: case.id.clone(),
        case_title: case.title.clone(),
        kind,
        what,
        detail: detail.clone(),
        due,
        source,
        note,
    };
    if event.kind == EventKind::LetterSent {
        if let Some(c) = clock_named_in(event) {
            let deadline = statutory_certainty(c, event.at.date(), due);
            return base(
                DeadlineKind::Statutory,
                c.label.clone(),
                deadline,
                Some(c.source.clone()),
                Some(c.note.clone()),
            );
        }
        return base(
            DeadlineKind::ReplyYouSet,
            Bilingual::new(
                "您在函件中要求对方答复的截止日",
                "Reply deadline you set in the letter",
            ),
            confirmed(due),
            None,
            None,
        );
    }
    base(
        DeadlineKind::Promise,
        Bilingual::new("对方承诺的日期", "Date promised"),
        confirmed(due),
        None,
        None,
    )
}

/// A calendar date someone gave: no schedule is involved, so it is what it is.
fn confirmed(date: NaiveDate) -> Deadline {
    Deadline {
        date,
        certainty: Certainty::Confirmed,
    }
}

/// The letter computed `due` when it was written (from its own date, which is usually the day it
/// was recorded as sent). Counted again from the record's date, the clock gives the certainty; if
/// the letter was dated another day, the stored date stands and a working-day count that reaches
/// beyond the published schedule is marked unconfirmed.
fn statutory_certainty(c: &StatutoryClock, start: NaiveDate, due: NaiveDate) -> Deadline {
    let again = c.due_from(start);
    if again.date == due {
        return again;
    }
    let cal = HolidayCalendar::bundled();
    let unknown = c.unit == ClockUnit::WorkingDays && !(cal.covers(start) && cal.covers(due));
    if !unknown {
        return confirmed(due);
    }
    let after_start = start.checked_add_days(Days::new(1)).unwrap_or(start);
    let first_unknown_day = if cal.covers(after_start) {
        cal.last()
            .checked_add_days(Days::new(1))
            .unwrap_or(cal.last())
    } else {
        after_start
    };
    Deadline {
        date: due,
        certainty: Certainty::EstimatedByWeekdayRule { first_unknown_day },
    }
}

fn limitation(case: &Case, events: &[Event]) -> Option<CaseDeadline> {
    let c = clock(CLOCK_LIMITATION_PERIOD)?;
    let of_case = || events.iter().filter(|e| e.case_id == case.id);
    let first = of_case()
        .filter(|e| e.kind == EventKind::Fault)
        .min_by_key(|e| (e.at, &e.id))
        .or_else(|| of_case().min_by_key(|e| (e.at, &e.id)))?;
    let start = first.at.date();
    Some(CaseDeadline {
        uid: uid(case, DeadlineKind::Limitation, first),
        case_id: case.id.clone(),
        case_title: case.title.clone(),
        kind: DeadlineKind::Limitation,
        what: Bilingual::new(
            format!("{}届满（估算）", c.label.zh),
            format!("{} ends (estimate)", c.label.en),
        ),
        detail: Bilingual::new(
            format!(
                "自本案最早记录的{}（{start}）起算{}；实际起算日由您判断。",
                first.kind.label().zh,
                c.period_label().zh
            ),
            format!(
                "{} from the case's earliest recorded {} ({start}); you judge the real start.",
                c.period_label().en,
                first.kind.label().en
            ),
        ),
        due: c.due_from(start),
        source: Some(c.source.clone()),
        note: Some(c.note.clone()),
    })
}

/// The deadlines that need attention on a given day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Groups<'a> {
    /// Past due, the longest overdue first.
    pub overdue: Vec<&'a CaseDeadline>,
    pub today: Vec<&'a CaseDeadline>,
    /// Due in 1 to [`SOON_DAYS`] days, the nearest first.
    pub soon: Vec<&'a CaseDeadline>,
}

impl Groups<'_> {
    pub fn is_empty(&self) -> bool {
        self.overdue.is_empty() && self.today.is_empty() && self.soon.is_empty()
    }
}

/// Splits `deadlines` (as [`case_deadlines`] returns them, by date) by how they stand on `today`;
/// later ones are left out.
pub fn group(deadlines: &[CaseDeadline], today: NaiveDate) -> Groups<'_> {
    let mut groups = Groups::default();
    for d in deadlines {
        let days = super::clocks::due_in_days(today, d.due.date);
        match days {
            d_ if d_ < 0 => groups.overdue.push(d),
            0 => groups.today.push(d),
            d_ if d_ <= SOON_DAYS => groups.soon.push(d),
            _ => {}
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::tests::{day, dt, sample_case, sample_event};
    use crate::domain::case::CaseStatus;
    use crate::domain::clocks::{add_working_days, CLOCK_PBOC_REGISTER_TRANSFER};

    fn promise(id: &str, case: &str, at: &str, due: &str) -> Event {
        let mut e = sample_event(id, case, at, EventKind::Call);
        e.promised_by = Some(day(due));
        e
    }

    /// A PBoC complaint recorded as sent on `at`, as the letters page writes it.
    fn pboc_letter(id: &str, case: &str, at: &str) -> Event {
        let c = clock(CLOCK_PBOC_REGISTER_TRANSFER).unwrap();
        let due = c.due_from(dt(at).date());
        let mut e = sample_event(id, case, at, EventKind::LetterSent);
        e.said = format!("《投诉书》\n{}：{}\n\n正文", c.label.zh, due.date);
        e.promised_by = Some(due.date);
        e
    }

    #[test]
    fn each_source_of_a_deadline_is_named_and_cited() {
        let cases = vec![sample_case("a"), sample_case("b"), sample_case("c")];
        let mut demand = sample_event("d1", "b", "2026-11-01 10:00", EventKind::LetterSent);
        demand.said = "《催告函》\n要求对方答复的截止日：2026年11月11日\n\n正文".to_owned();
        demand.promised_by = Some(day("2026-11-11"));
        let events = vec![
            sample_event("f1", "a", "2026-10-05 09:00", EventKind::Fault),
            promise("p1", "a", "2026-11-10 10:00", "2026-11-13"),
            demand,
            pboc_letter("l1", "c", "2026-09-28 10:00"),
        ];
        let all = case_deadlines(&cases, &events);
        let find = |case: &str, kind| {
            all.iter()
                .find(|d| d.case_id == case && d.kind == kind)
                .unwrap_or_else(|| panic!("{case} {kind:?}"))
        };
        let p = find("a", DeadlineKind::Promise);
        assert_eq!(p.date(), day("2026-11-13"));
        assert_eq!(p.what.zh, "对方承诺的日期");
        assert_eq!(p.detail.zh, "2026-11-10 电话 · 代理商客服 王经理");
        assert!(p.source.is_none());
        let r = find("b", DeadlineKind::ReplyYouSet);
        assert_eq!(r.date(), day("2026-11-11"));
        let s = find("c", DeadlineKind::Statutory);
        // 7 working days from Monday 2026-09-28 across 国庆 2026 (10-01..07 off, 10-10 works):
        // 09-29, 09-30, 10-08, 10-09, 10-10, 10-12, 10-13. Mon–Fri alone would say 10-07.
        assert_eq!(s.date(), day("2026-10-13"));
        assert!(s.due.is_confirmed());
        assert!(s.source.as_ref().unwrap().zh.contains("第四十三条"));
        // The limitation runs from the earliest fault, and cites the Civil Code.
        let l = find("a", DeadlineKind::Limitation);
        assert_eq!(l.date(), day("2029-10-05"));
        assert!(l.source.as_ref().unwrap().zh.contains("第一百八十八条"));
        assert!(l.detail.zh.contains("2026-10-05") && l.detail.zh.contains("由您判断"));
        // Sorted by date; uids are unique and stable.
        assert!(all.windows(2).all(|w| w[0].date() <= w[1].date()));
        let uids: std::collections::HashSet<_> = all.iter().map(|d| &d.uid).collect();
        assert_eq!(uids.len(), all.len());
        assert_eq!(p.uid, "a.promise.p1");
    }

    #[test]
    fn closed_cases_and_answered_promises_have_no_deadline() {
        let mut done = sample_case("done");
        done.status = CaseStatus::Resolved;
        let cases = vec![done, sample_case("kept")];
        let events = vec![
            promise("p1", "done", "2026-11-10 10:00", "2026-11-13"),
            promise("p2", "kept", "2026-11-10 10:00", "2026-11-13"),
            sample_event("r2", "kept", "2026-11-12 10:00", EventKind::ReplyReceived),
        ];
        let all = case_deadlines(&cases, &events);
        assert!(all.iter().all(|d| d.case_id == "kept"));
        assert!(all.iter().all(|d| d.kind == DeadlineKind::Limitation));
        // A case with no events has nothing to count from.
        assert!(case_deadlines(&[sample_case("empty")], &[]).is_empty());
    }

    #[test]
    fn groups_split_at_today_and_at_the_soon_boundary() {
        let cases = vec![
            sample_case("late"),
            sample_case("now"),
            sample_case("soon"),
            sample_case("edge"),
            sample_case("later"),
        ];
        let events = vec![
            promise("1", "late", "2026-11-01 10:00", "2026-11-22"),
            promise("2", "now", "2026-11-01 10:00", "2026-11-23"),
            promise("3", "soon", "2026-11-01 10:00", "2026-11-24"),
            promise("4", "edge", "2026-11-01 10:00", "2026-11-30"),
            promise("5", "later", "2026-11-01 10:00", "2026-12-01"),
        ];
        let all = case_deadlines(&cases, &events);
        let g = group(&all, day("2026-11-23"));
        let ids = |v: &Vec<&CaseDeadline>| v.iter().map(|d| d.case_id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&g.overdue), ["late"]);
        assert_eq!(ids(&g.today), ["now"]);
        // Day 7 is still soon; day 8 is later (and the limitation, years away, is left out).
        assert_eq!(ids(&g.soon), ["soon", "edge"]);
        assert!(!g.is_empty());
        assert!(group(&all, day("2020-01-01")).is_empty());
    }

    #[test]
    fn a_clock_reaching_beyond_the_schedule_is_unconfirmed() {
        let cases = vec![sample_case("c")];
        let events = vec![pboc_letter("l1", "c", "2026-12-28 10:00")];
        let all = case_deadlines(&cases, &events);
        let s = all
            .iter()
            .find(|d| d.kind == DeadlineKind::Statutory)
            .unwrap();
        assert_eq!(s.date(), add_working_days(day("2026-12-28"), 7).date);
        assert!(!s.due.is_confirmed());
        assert!(s.due.caveat().unwrap().zh.contains("未经确认"));
        // Letter dated the day before it was recorded: the stored date stands, still unconfirmed.
        let c = clock(CLOCK_PBOC_REGISTER_TRANSFER).unwrap();
        let d = statutory_certainty(c, day("2026-12-29"), day("2027-01-06"));
        assert_eq!(d.date, day("2027-01-06"));
        assert_eq!(
            d.certainty,
            Certainty::EstimatedByWeekdayRule {
                first_unknown_day: day("2027-01-01")
            }
        );
        // Inside the schedule a differing stored date is confirmed.
        assert!(statutory_certainty(c, day("2026-09-27"), day("2026-10-13")).is_confirmed());
    }
}
