//! Promises, overdue flags and ordering: [`sort_cases`] (active first, then overdue, then most
//! recently updated), [`sort_for_picker`], [`pending_promises`] / [`is_overdue`], [`timeline`] with
//! [`TimelineOrder`].

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::model::{Case, Event};

/// The latest promise in a case that no later reply or repair has answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingPromise<'a> {
    pub event: &'a Event,
    pub due: NaiveDate,
}

/// Per case id, its pending promise. A promise counts as answered once a later event of a kind
/// that [`EventKind::answers_promise`](super::EventKind::answers_promise) (reply received, repair) exists; the app cannot know
/// more, and the merchant can always resolve the case. One pass over `events`.
pub fn pending_promises(events: &[Event]) -> HashMap<&str, PendingPromise<'_>> {
    let mut latest_promise: HashMap<&str, &Event> = HashMap::new();
    let mut latest_answer: HashMap<&str, NaiveDateTime> = HashMap::new();
    for event in events {
        if event.promised_by.is_some() {
            let slot = latest_promise.entry(&event.case_id).or_insert(event);
            if (event.at, &event.id) > (slot.at, &slot.id) {
                *slot = event;
            }
        }
        if event.kind.answers_promise() {
            let slot = latest_answer.entry(&event.case_id).or_insert(event.at);
            *slot = (*slot).max(event.at);
        }
    }
    latest_promise
        .into_iter()
        .filter(|(case_id, promise)| {
            latest_answer
                .get(case_id)
                .is_none_or(|answered| *answered <= promise.at)
        })
        .filter_map(|(case_id, event)| {
            event
                .promised_by
                .map(|due| (case_id, PendingPromise { event, due }))
        })
        .collect()
}

/// An active case whose pending promise is past due on `today`.
pub fn is_overdue(
    case: &Case,
    pending: &HashMap<&str, PendingPromise<'_>>,
    today: NaiveDate,
) -> bool {
    case.status.is_active() && pending.get(case.id.as_str()).is_some_and(|p| p.due < today)
}

/// Order for a case picker (letters, "add to diary"): active cases first, then the most recently
/// updated; ties by id.
pub fn sort_for_picker(cases: &mut [Case]) {
    cases.sort_by(|a, b| {
        b.status
            .is_active()
            .cmp(&a.status.is_active())
            .then(b.updated_at.cmp(&a.updated_at))
            .then(a.id.cmp(&b.id))
    });
}

/// Case list order: active cases first, within them overdue ones first, then most recently
/// updated; ties by id so the order is stable across renders.
pub fn sort_cases(cases: &mut [Case], events: &[Event], today: NaiveDate) {
    let pending = pending_promises(events);
    let overdue: HashSet<String> = cases
        .iter()
        .filter(|c| is_overdue(c, &pending, today))
        .map(|c| c.id.clone())
        .collect();
    cases.sort_by(|a, b| {
        b.status
            .is_active()
            .cmp(&a.status.is_active())
            .then_with(|| overdue.contains(&b.id).cmp(&overdue.contains(&a.id)))
            .then_with(|| b.updated_at.cmp(&a.updated_at))
            .then_with(|| a.id.cmp(&b.id))
    });
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimelineOrder {
    #[default]
    NewestFirst,
    OldestFirst,
}

/// Events oldest first, ties by id (so back-dated entries land where they belong): the one order
/// of a timeline, a letter's chronology, a dossier's numbering and the CSV export.
pub fn chronological<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<&'a Event> {
    let mut list: Vec<&Event> = events.into_iter().collect();
    list.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    list
}

/// A case's events in [`chronological`] order, or its reverse.
pub fn timeline<'a>(events: &'a [Event], case_id: &str, order: TimelineOrder) -> Vec<&'a Event> {
    let mut list = chronological(events.iter().filter(|e| e.case_id == case_id));
    if order == TimelineOrder::NewestFirst {
        list.reverse();
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::tests::{day, dt, sample_case, sample_event};
    use crate::domain::case::{CaseStatus, EventKind};

    #[test]
    fn picker_sorts_active_then_recent_then_id() {
        let mut done = sample_case("done");
        done.status = CaseStatus::Abandoned;
        done.updated_at = dt("2026-11-22 00:00");
        let mut old = sample_case("old");
        old.updated_at = dt("2026-01-01 00:00");
        let mut b = sample_case("b");
        b.updated_at = dt("2026-11-20 00:00");
        let mut a = sample_case("a");
        a.updated_at = dt("2026-11-20 00:00");
        let mut cases = vec![done, old, b, a];
        sort_for_picker(&mut cases);
        let ids: Vec<&str> = cases.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "old", "done"]);
    }

    #[test]
    fn cases_sort_active_then_overdue_then_recent() {
        let today = day("2026-11-23");
        let mut resolved = sample_case("resolved");
        resolved.status = CaseStatus::Resolved;
        resolved.updated_at = dt("2026-11-22 00:00");
        let mut recent = sample_case("recent");
        recent.updated_at = dt("2026-11-20 00:00");
        let mut overdue = sample_case("overdue");
        overdue.updated_at = dt("2026-11-03 00:00");
        let mut kept = sample_case("kept");
        kept.status = CaseStatus::Waiting;
        kept.updated_at = dt("2026-11-04 00:00");
        let mut promise = sample_event("p1", "overdue", "2026-11-10 10:00", EventKind::Call);
        promise.promised_by = Some(day("2026-11-13"));
        let mut kept_promise = sample_event("p2", "kept", "2026-11-10 10:00", EventKind::Call);
        kept_promise.promised_by = Some(day("2026-11-13"));
        let answer = sample_event("r2", "kept", "2026-11-12 10:00", EventKind::Repair);
        let events = vec![promise, kept_promise, answer];
        let mut cases = vec![resolved, recent, kept, overdue];
        sort_cases(&mut cases, &events, today);
        let ids: Vec<&str> = cases.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["overdue", "recent", "kept", "resolved"]);
        let pending = pending_promises(&events);
        assert!(pending.contains_key("overdue") && !pending.contains_key("kept"));
        // Not overdue on the due date itself.
        assert!(!is_overdue(&cases[0], &pending, day("2026-11-13")));
    }

    #[test]
    fn timeline_orders_back_dated_entries() {
        let events = vec![
            sample_event("b", "c1", "2026-11-05 10:00", EventKind::Call),
            sample_event("x", "other", "2026-11-01 10:00", EventKind::Call),
            sample_event("a", "c1", "2026-11-01 10:00", EventKind::Fault), // back-dated
            sample_event("c", "c1", "2026-11-05 10:00", EventKind::Note),
        ];
        let oldest: Vec<&str> = timeline(&events, "c1", TimelineOrder::OldestFirst)
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(oldest, ["a", "b", "c"]);
        let newest: Vec<&str> = timeline(&events, "c1", TimelineOrder::NewestFirst)
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(newest, ["c", "b", "a"]);
    }
}
