//! Deadlines: working-day arithmetic on the State Council holiday schedule, calendar-day and
//! month/year arithmetic, "due in N days" status, and the statutory clocks as data
//! (`data/clocks.json`, each clock citing its article).
//!
//! Pure: the caller passes "today"; nothing here reads the clock.
//!
//! # Public API
//! - [`HolidayCalendar`]: the schedule from `sources/cn-holidays.csv`; [`HolidayCalendar::bundled`],
//!   [`HolidayCalendar::from_csv`], [`HolidayCalendar::day_type`], [`HolidayCalendar::covers`].
//! - [`SCHEDULE_FIRST`], [`SCHEDULE_LAST`]: the dates the schedule is known for (2024–2026).
//! - [`add_working_days`], [`add_calendar_days`], [`add_months`] → [`Deadline`] (a date plus a
//!   [`Certainty`]: a working-day count that reaches a date outside the schedule is
//!   [`Certainty::EstimatedByWeekdayRule`], never silently confirmed).
//! - [`due_in_days`], [`due_status`] → [`DueStatus`] (due in N days / due today / overdue by N).
//! - [`statutory_clocks`], [`clock`]: every deadline of the complaint rules, each with its
//!   [`Source`]; [`StatutoryClock::due_from`] computes one from a start date. Ids are the
//!   `CLOCK_*` consts.
//!
//! # Counting convention (an assumption, marked in the data)
//! The rules never say whether the day of the triggering event counts. The app counts
//! **from the next day**: `add_working_days(d, 7)` is the 7th working day after `d`, and
//! `add_calendar_days(d, 15)` is `d + 15`. Every clock carries `start_rule_assumed = true` so
//! the UI can say so. Nor do the sources say that a calendar-day deadline falling on a rest day
//! moves to the next working day, so the app does not move it; [`Deadline::day_type`] lets the
//! UI point it out.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::text::{Bilingual, Source};

/// The holiday schedule as shipped: the project's source data (`sources/cn-holidays.csv`).
pub const HOLIDAYS_CSV: &str = include_str!("../../sources/cn-holidays.csv");
/// The statutory clocks as shipped.
pub const CLOCKS_JSON: &str = include_str!("../../data/clocks.json");

/// First date the bundled schedule covers (the 2024 notice).
pub const SCHEDULE_FIRST: NaiveDate = match NaiveDate::from_ymd_opt(2024, 1, 1) {
    Some(d) => d,
    None => panic!("valid date"),
};
/// Last date the bundled schedule covers. The 2027 notice was not published by the data's as-of
/// date (`sources/README.md`): move this when its rows are added.
pub const SCHEDULE_LAST: NaiveDate = match NaiveDate::from_ymd_opt(2026, 12, 31) {
    Some(d) => d,
    None => panic!("valid date"),
};

// Ids of the clocks in data/clocks.json that other modules refer to.
pub const CLOCK_PBOC_REGISTER_TRANSFER: &str = "pboc-register-transfer";
pub const CLOCK_INSTITUTION_REPLY_TRANSFERRED: &str = "institution-reply-transferred";
pub const CLOCK_INSTITUTION_REPLY_TRANSFERRED_MAX: &str = "institution-reply-transferred-max";
pub const CLOCK_LIMITATION_PERIOD: &str = "limitation-period";
pub const CLOCK_SAMR_ACCEPT_DECISION: &str = "samr-accept-decision";
pub const CLOCK_SAMR_REPORT_CASE_DECISION_NOTICE: &str = "samr-report-case-decision-notice";
pub const CLOCK_PCAC_ACCEPT_NOTICE: &str = "pcac-accept-notice";
pub const CLOCK_TERMINAL_DEREGISTRATION: &str = "terminal-deregistration-report";

/// What a listed date is in the schedule (`kind` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ScheduleKind {
    /// A day off inside a holiday period (weekday or weekend).
    Off,
    /// A Saturday or Sunday made a working day (调休上班).
    Work,
}

/// What kind of day a date is, as far as the schedule can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayType {
    Working,
    Rest,
    /// Outside the published schedule. `weekday_rule_says_working` is what Mon–Fri/Sat–Sun
    /// alone would say; it is an estimate, never a fact.
    Unknown {
        weekday_rule_says_working: bool,
    },
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CalendarError {
    #[error("holiday CSV row {row}: {detail}")]
    BadRow { row: usize, detail: String },
    #[error("holiday CSV: duplicate date {0}")]
    Duplicate(NaiveDate),
    #[error("holiday CSV row {row}: {date} is a weekday but listed as `work`")]
    WorkOnWeekday { row: usize, date: NaiveDate },
}

#[derive(Debug, Deserialize)]
struct HolidayRow {
    date: NaiveDate,
    kind: ScheduleKind,
    name: String,
    year_notice: i32,
}

/// One listed date of the schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleEntry {
    pub kind: ScheduleKind,
    /// The notice item the date is listed under, e.g. 春节.
    pub name: String,
    pub year_notice: i32,
}

/// The official holiday schedule for the years it covers.
#[derive(Debug, Clone)]
pub struct HolidayCalendar {
    entries: HashMap<NaiveDate, ScheduleEntry>,
    first: NaiveDate,
    last: NaiveDate,
}

impl HolidayCalendar {
    /// Parses a schedule CSV (`date,kind,name,year_notice`) covering `first..=last`.
    pub fn from_csv(
        csv_text: &str,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Self, CalendarError> {
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let mut entries = HashMap::new();
        for (index, record) in reader.deserialize::<HolidayRow>().enumerate() {
            let row = index + 2; // 1-based, after the header
            let record = record.map_err(|e| CalendarError::BadRow {
                row,
                detail: e.to_string(),
            })?;
            if record.kind == ScheduleKind::Work && !is_weekend(record.date) {
                return Err(CalendarError::WorkOnWeekday {
                    row,
                    date: record.date,
                });
            }
            if record.date < first || record.date > last {
                return Err(CalendarError::BadRow {
                    row,
                    detail: format!("{} is outside {first}..={last}", record.date),
                });
            }
            let entry = ScheduleEntry {
                kind: record.kind,
                name: record.name,
                year_notice: record.year_notice,
            };
            if entries.insert(record.date, entry).is_some() {
                return Err(CalendarError::Duplicate(record.date));
            }
        }
        Ok(HolidayCalendar {
            entries,
            first,
            last,
        })
    }

    /// The schedule shipped in `sources/cn-holidays.csv` (parsed once; its validity is a unit test).
    pub fn bundled() -> &'static HolidayCalendar {
        static CALENDAR: OnceLock<HolidayCalendar> = OnceLock::new();
        CALENDAR.get_or_init(|| {
            HolidayCalendar::from_csv(HOLIDAYS_CSV, SCHEDULE_FIRST, SCHEDULE_LAST)
                .expect("sources/cn-holidays.csv is checked by clocks::tests")
        })
    }

    pub fn first(&self) -> NaiveDate {
        self.first
    }

    pub fn last(&self) -> NaiveDate {
        self.last
    }

    /// True when the schedule for `date`'s year is published (and bundled).
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.first <= date && date <= self.last
    }

    /// The schedule entry for a listed date (holiday or make-up working day).
    pub fn entry(&self, date: NaiveDate) -> Option<&ScheduleEntry> {
        self.entries.get(&date)
    }

    /// sources/README.md, working-day rule: Mon–Fri work unless `off`; Sat/Sun rest unless `work`; unknown outside.
    pub fn day_type(&self, date: NaiveDate) -> DayType {
        let weekday_working = !is_weekend(date);
        if !self.covers(date) {
            return DayType::Unknown {
                weekday_rule_says_working: weekday_working,
            };
        }
        let working = match self.entries.get(&date).map(|e| e.kind) {
            Some(ScheduleKind::Off) => false,
            Some(ScheduleKind::Work) => true,
            None => weekday_working,
        };
        if working {
            DayType::Working
        } else {
            DayType::Rest
        }
    }

    /// The `n`th working day after `start` (see the module doc for the convention).
    pub fn add_working_days(&self, start: NaiveDate, n: u16) -> Deadline {
        let mut date = start;
        let mut counted = 0u16;
        let mut first_unknown = None;
        while counted < n {
            let Some(next) = date.succ_opt() else {
                // Only reachable near NaiveDate::MAX; the result is then surely unknown.
                first_unknown.get_or_insert(date);
                break;
            };
            date = next;
            match self.day_type(date) {
                DayType::Working => counted += 1,
                DayType::Rest => {}
                DayType::Unknown {
                    weekday_rule_says_working,
                } => {
                    first_unknown.get_or_insert(date);
                    if weekday_rule_says_working {
                        counted += 1;
                    }
                }
            }
        }
        Deadline {
            date,
            certainty: match first_unknown {
                None => Certainty::Confirmed,
                Some(first_unknown_day) => Certainty::EstimatedByWeekdayRule { first_unknown_day },
            },
        }
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// How far a computed deadline can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Certainty {
    /// Every day counted is covered by a published schedule (or no schedule was needed).
    Confirmed,
    /// The count reached days with no published schedule (2027+ or before 2024); the date
    /// assumes plain Mon–Fri working days from `first_unknown_day` on. The UI must say so.
    EstimatedByWeekdayRule { first_unknown_day: NaiveDate },
}

/// A computed due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub date: NaiveDate,
    pub certainty: Certainty,
}

impl Deadline {
    pub fn is_confirmed(&self) -> bool {
        self.certainty == Certainty::Confirmed
    }

    /// Whether the due date itself is a working day (calendar-day deadlines may end on a rest
    /// day; the sources do not say they move, so the app only points it out).
    pub fn day_type(&self) -> DayType {
        HolidayCalendar::bundled().day_type(self.date)
    }

    /// A sentence for the UI when the date is not confirmed; `None` when it is.
    pub fn caveat(&self) -> Option<Bilingual> {
        match self.certainty {
            Certainty::Confirmed => None,
            Certainty::EstimatedByWeekdayRule { first_unknown_day } => {
                let day = first_unknown_day.format("%Y-%m-%d");
                let (first, last) = (SCHEDULE_FIRST.year(), SCHEDULE_LAST.year());
                Some(Bilingual::new(
                    format!(
                        "未经确认：本应用只有{first}–{last}年的官方放假调休安排（之后的年份尚未公布），自{day}起按周一至周五为工作日估算，实际日期可能不同。"
                    ),
                    format!(
                        "Unconfirmed: the app has the official holiday schedule for {first}–{last} only (later years are not published yet); from {day} this assumes Monday–Friday working days, so the real date may differ."
                    ),
                ))
            }
        }
    }
}

/// The `n`th working day after `start`, on the bundled schedule.
pub fn add_working_days(start: NaiveDate, n: u16) -> Deadline {
    HolidayCalendar::bundled().add_working_days(start, n)
}

/// `start + n` calendar days (saturating at the last representable date). Always confirmed:
/// no schedule is involved.
pub fn add_calendar_days(start: NaiveDate, n: u32) -> Deadline {
    Deadline {
        date: start
            .checked_add_days(Days::new(u64::from(n)))
            .unwrap_or(NaiveDate::MAX),
        certainty: Certainty::Confirmed,
    }
}

/// `start + n` months; a day that does not exist in the target month becomes that month's last
/// day (chrono's rule, e.g. 2024-02-29 + 12 months = 2025-02-28).
pub fn add_months(start: NaiveDate, n: u32) -> Deadline {
    Deadline {
        date: start
            .checked_add_months(Months::new(n))
            .unwrap_or(NaiveDate::MAX),
        certainty: Certainty::Confirmed,
    }
}

/// Days from `today` until `due`: positive = still to come, 0 = today, negative = overdue.
pub fn due_in_days(today: NaiveDate, due: NaiveDate) -> i64 {
    (due - today).num_days()
}

/// A due date seen from "today".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DueStatus {
    DueIn { days: i64 },
    DueToday,
    Overdue { days: i64 },
}

impl DueStatus {
    pub fn from_days(days_left: i64) -> Self {
        match days_left {
            0 => DueStatus::DueToday,
            d if d > 0 => DueStatus::DueIn { days: d },
            d => DueStatus::Overdue {
                days: d.saturating_neg(),
            },
        }
    }

    pub fn is_overdue(&self) -> bool {
        matches!(self, DueStatus::Overdue { .. })
    }

    pub fn label(&self) -> Bilingual {
        match *self {
            DueStatus::DueIn { days: 1 } => Bilingual::new("明天到期", "due tomorrow"),
            DueStatus::DueIn { days } => {
                Bilingual::new(format!("{days}天后到期"), format!("due in {days} days"))
            }
            DueStatus::DueToday => Bilingual::new("今天到期", "due today"),
            DueStatus::Overdue { days: 1 } => Bilingual::new("已逾期1天", "overdue by 1 day"),
            DueStatus::Overdue { days } => {
                Bilingual::new(format!("已逾期{days}天"), format!("overdue by {days} days"))
            }
        }
    }
}

/// Status of `due` as seen on `today`.
pub fn due_status(today: NaiveDate, due: NaiveDate) -> DueStatus {
    DueStatus::from_days(due_in_days(today, due))
}

/// The unit a statutory clock counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockUnit {
    /// 工作日, on the holiday schedule.
    WorkingDays,
    /// 日 / 自然日: calendar days. Used where the source says 日 and does not say 工作日.
    Days,
    Months,
    Years,
}

/// What a clock means for the merchant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockKind {
    /// Someone must act by then.
    Deadline,
    /// The longest a step may take, extensions included.
    Maximum,
    /// A notice that must be given at least this long before a change.
    MinimumNotice,
    /// After this, a claim or complaint may be refused.
    Limitation,
    /// Records must be kept at least this long.
    Retention,
}

/// One deadline from the complaint rules, with its citation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatutoryClock {
    pub id: String,
    pub amount: u16,
    pub unit: ClockUnit,
    pub kind: ClockKind,
    pub label: Bilingual,
    /// Who must act within the period.
    pub who_acts: Bilingual,
    /// The event the period runs from, as the source words it.
    pub counted_from: Bilingual,
    /// True when the source does not say whether the trigger day counts (the app then counts
    /// from the next day): the UI must show it as the app's assumption.
    pub start_rule_assumed: bool,
    pub note: Bilingual,
    pub source: Source,
}

impl StatutoryClock {
    /// The due date for a period that started on `start`.
    pub fn due_from(&self, start: NaiveDate) -> Deadline {
        match self.unit {
            ClockUnit::WorkingDays => add_working_days(start, self.amount),
            ClockUnit::Days => add_calendar_days(start, u32::from(self.amount)),
            ClockUnit::Months => add_months(start, u32::from(self.amount)),
            ClockUnit::Years => add_months(start, u32::from(self.amount) * 12),
        }
    }

    /// "7个工作日" / "7 working days".
    pub fn period_label(&self) -> Bilingual {
        let n = self.amount;
        match self.unit {
            ClockUnit::WorkingDays => {
                Bilingual::new(format!("{n}个工作日"), format!("{n} working days"))
            }
            ClockUnit::Days => Bilingual::new(format!("{n}日"), format!("{n} days")),
            ClockUnit::Months => Bilingual::new(format!("{n}个月"), format!("{n} months")),
            ClockUnit::Years => Bilingual::new(format!("{n}年"), format!("{n} years")),
        }
    }
}

#[derive(Deserialize)]
struct ClocksFile {
    clocks: Vec<StatutoryClock>,
}

/// Every statutory clock in `data/clocks.json` (parsed once; validity is a unit test).
pub fn statutory_clocks() -> &'static [StatutoryClock] {
    static CLOCKS: OnceLock<Vec<StatutoryClock>> = OnceLock::new();
    CLOCKS.get_or_init(|| {
        serde_json::from_str::<ClocksFile>(CLOCKS_JSON)
            .expect("data/clocks.json is checked by clocks::tests")
            .clocks
    })
}

/// The clock with this id.
pub fn clock(id: &str) -> Option<&'static StatutoryClock> {
    statutory_clocks().iter().find(|c| c.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn bundled_schedule_parses_with_the_documented_counts() {
        let cal = HolidayCalendar::from_csv(HOLIDAYS_CSV, SCHEDULE_FIRST, SCHEDULE_LAST).unwrap();
        assert_eq!(cal.entries.len(), 108);
        let off = cal
            .entries
            .values()
            .filter(|e| e.kind == ScheduleKind::Off)
            .count();
        assert_eq!(off, 89);
        // SCHEDULE_* must agree with the data: the last listed year is the last covered year.
        let max_year = cal.entries.keys().map(|d| d.year()).max().unwrap();
        let min_year = cal.entries.keys().map(|d| d.year()).min().unwrap();
        assert_eq!(max_year, SCHEDULE_LAST.year());
        assert_eq!(min_year, SCHEDULE_FIRST.year());
    }

    #[test]
    fn csv_errors_are_typed() {
        let dup =
            "date,kind,name,year_notice\n2024-01-01,off,元旦,2024\n2024-01-01,off,元旦,2024\n";
        assert_eq!(
            HolidayCalendar::from_csv(dup, SCHEDULE_FIRST, SCHEDULE_LAST).unwrap_err(),
            CalendarError::Duplicate(d(2024, 1, 1))
        );
        let weekday_work = "date,kind,name,year_notice\n2024-01-02,work,元旦,2024\n";
        assert!(matches!(
            HolidayCalendar::from_csv(weekday_work, SCHEDULE_FIRST, SCHEDULE_LAST),
            Err(CalendarError::WorkOnWeekday { row: 2, .. })
        ));
        let bad = "date,kind,name,year_notice\n2024-13-01,off,x,2024\n";
        assert!(matches!(
            HolidayCalendar::from_csv(bad, SCHEDULE_FIRST, SCHEDULE_LAST),
            Err(CalendarError::BadRow { row: 2, .. })
        ));
    }

    #[test]
    fn day_types_follow_sources_rule() {
        let cal = HolidayCalendar::bundled();
        assert_eq!(cal.day_type(d(2024, 1, 1)), DayType::Rest); // 元旦, Monday
        assert_eq!(cal.day_type(d(2024, 2, 4)), DayType::Working); // make-up Sunday
        assert_eq!(cal.day_type(d(2024, 2, 9)), DayType::Working); // 除夕 2024 was not off
        assert_eq!(cal.day_type(d(2024, 6, 8)), DayType::Rest); // plain Saturday
        assert_eq!(cal.day_type(d(2026, 9, 20)), DayType::Working); // Sunday under 国庆节
        assert_eq!(
            cal.day_type(d(2027, 1, 1)),
            DayType::Unknown {
                weekday_rule_says_working: true
            }
        );
        assert_eq!(cal.entry(d(2026, 2, 15)).unwrap().name, "春节");
    }

    #[test]
    fn working_days_skip_the_spring_festival() {
        // Friday 2026-02-13: next working days are 02-14 (make-up Saturday), then 02-24 ...
        let dl = add_working_days(d(2026, 2, 13), 1);
        assert_eq!(dl.date, d(2026, 2, 14));
        let dl = add_working_days(d(2026, 2, 13), 2);
        assert_eq!(dl.date, d(2026, 2, 24));
        assert!(dl.is_confirmed());
        // 7 working days from Thursday 2024-09-26 across 国庆节 2024 (10-01..07 off, 09-29 and
        // 10-12 work): 09-27, 09-29, 09-30, 10-08, 10-09, 10-10, 10-11.
        assert_eq!(add_working_days(d(2024, 9, 26), 7).date, d(2024, 10, 11));
        assert_eq!(add_working_days(d(2024, 9, 26), 0).date, d(2024, 9, 26));
    }

    #[test]
    fn working_days_into_2027_are_unconfirmed_not_silent() {
        let dl = add_working_days(d(2026, 12, 28), 7);
        // 12-29, 12-30, 12-31 are known; 2027 days are estimated on Mon–Fri.
        assert_eq!(
            dl.certainty,
            Certainty::EstimatedByWeekdayRule {
                first_unknown_day: d(2027, 1, 1)
            }
        );
        assert_eq!(dl.date, d(2027, 1, 6));
        let caveat = dl.caveat().unwrap();
        assert!(caveat.zh.contains("未经确认") && caveat.en.contains("Unconfirmed"));
        // Ending exactly on 2026-12-31 stays confirmed.
        let dl = add_working_days(d(2026, 12, 28), 3);
        assert_eq!(dl.date, d(2026, 12, 31));
        assert!(dl.is_confirmed() && dl.caveat().is_none());
        // Starting before 2024 is unknown too.
        assert!(!add_working_days(d(2023, 12, 20), 3).is_confirmed());
        // Near the end of representable dates: no panic.
        assert!(!add_working_days(NaiveDate::MAX, 3).is_confirmed());
    }

    #[test]
    fn calendar_and_month_arithmetic() {
        assert_eq!(add_calendar_days(d(2026, 11, 23), 15).date, d(2026, 12, 8));
        assert_eq!(add_calendar_days(NaiveDate::MAX, 1).date, NaiveDate::MAX);
        assert_eq!(add_months(d(2024, 2, 29), 12).date, d(2025, 2, 28));
        assert_eq!(add_months(d(2024, 1, 31), 36).date, d(2027, 1, 31));
        // A calendar deadline may land on a rest day; it is reported, not moved.
        let dl = add_calendar_days(d(2026, 9, 24), 7); // 2026-10-01
        assert_eq!(dl.day_type(), DayType::Rest);
    }

    #[test]
    fn due_status_covers_future_today_and_past() {
        let today = d(2026, 11, 23);
        assert_eq!(due_in_days(today, d(2026, 11, 30)), 7);
        assert_eq!(
            due_status(today, d(2026, 11, 30)),
            DueStatus::DueIn { days: 7 }
        );
        assert_eq!(due_status(today, today), DueStatus::DueToday);
        assert_eq!(
            due_status(today, d(2026, 11, 20)),
            DueStatus::Overdue { days: 3 }
        );
        assert!(due_status(today, d(2026, 11, 20)).is_overdue());
        assert_eq!(DueStatus::DueIn { days: 7 }.label().zh, "7天后到期");
        assert_eq!(
            DueStatus::Overdue { days: 1 }.label().en,
            "overdue by 1 day"
        );
        assert_eq!(DueStatus::DueToday.label().zh, "今天到期");
        assert_eq!(
            DueStatus::from_days(i64::MIN),
            DueStatus::Overdue { days: i64::MAX }
        );
    }

    #[test]
    fn statutory_clocks_are_sourced_and_unique() {
        let clocks = statutory_clocks();
        assert!(clocks.len() >= 10);
        let mut ids = HashSet::new();
        for c in clocks {
            assert!(ids.insert(c.id.as_str()), "duplicate id {}", c.id);
            assert_eq!(
                c.source.citation_problems(),
                Vec::<String>::new(),
                "{} needs a citation a person can check",
                c.id
            );
            assert!(
                c.label.is_complete() && c.counted_from.is_complete(),
                "{}",
                c.id
            );
            assert!(c.who_acts.is_complete(), "{}", c.id);
            assert!(c.amount > 0);
        }
        for id in [
            CLOCK_PBOC_REGISTER_TRANSFER,
            CLOCK_INSTITUTION_REPLY_TRANSFERRED,
            CLOCK_INSTITUTION_REPLY_TRANSFERRED_MAX,
            CLOCK_LIMITATION_PERIOD,
            CLOCK_SAMR_ACCEPT_DECISION,
            CLOCK_SAMR_REPORT_CASE_DECISION_NOTICE,
            CLOCK_PCAC_ACCEPT_NOTICE,
            CLOCK_TERMINAL_DEREGISTRATION,
        ] {
            assert!(clock(id).is_some(), "missing {id}");
        }
    }

    #[test]
    fn statutory_clocks_match_their_articles() {
        let pboc = clock(CLOCK_PBOC_REGISTER_TRANSFER).unwrap();
        assert_eq!((pboc.amount, pboc.unit), (7, ClockUnit::WorkingDays));
        assert!(pboc
            .source
            .zh
            .contains("《中国人民银行金融消费者权益保护实施办法》"));
        assert!(pboc.source.zh.ends_with("第四十三条") && pboc.source.en.ends_with("Art. 43"));
        // 第四十三条 does not say 工作日 for the 15/60 days: calendar days.
        let reply = clock(CLOCK_INSTITUTION_REPLY_TRANSFERRED).unwrap();
        assert_eq!((reply.amount, reply.unit), (15, ClockUnit::Days));
        let max = clock(CLOCK_INSTITUTION_REPLY_TRANSFERRED_MAX).unwrap();
        assert_eq!((max.amount, max.unit), (60, ClockUnit::Days));
        let limitation = clock(CLOCK_LIMITATION_PERIOD).unwrap();
        assert_eq!((limitation.amount, limitation.unit), (3, ClockUnit::Years));
        assert!(limitation
            .source
            .zh
            .contains("《中华人民共和国民法典》第一百八十八条"));
        // Marked UNCONFIRMED in the research (the 2016 PCAC practice, the 60-day mediation
        // period, the 2020 bank-complaint rules as reported): still flagged, so the UI says so.
        for id in [
            "consumer-mediation-60d",
            CLOCK_PCAC_ACCEPT_NOTICE,
            "pcac-investigation",
            "pcac-investigation-max",
            "bank-complaint-reply",
        ] {
            assert!(clock(id).unwrap().source.unconfirmed, "{id}");
        }
        assert_eq!(limitation.due_from(d(2026, 11, 23)).date, d(2029, 11, 23));
        assert_eq!(reply.due_from(d(2026, 11, 23)).date, d(2026, 12, 8));
        assert_eq!(pboc.period_label().zh, "7个工作日");
    }
}
