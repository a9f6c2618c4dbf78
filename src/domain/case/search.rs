//! Search: [`SearchIndex::build`] once, then [`SearchIndex::search`] with a [`SearchQuery`] (text
//! terms, event kinds, date range); [`search`] does both in one call. Linear in the data.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::{Case, Event, EventKind};

/// Lower-case, full-width ASCII folded to half-width (Chinese IMEs often type ＡＢＣ１２３),
/// ideographic space to space. Applied to both the data and the query.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        let folded = crate::domain::text::fold_width(ch);
        if folded.is_ascii() {
            out.push(folded.to_ascii_lowercase());
        } else {
            out.extend(folded.to_lowercase());
        }
    }
    out
}

/// What to look for. Empty `text`, empty `kinds` and open date bounds match everything.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SearchQuery {
    /// Whitespace-separated terms; all must occur (AND).
    pub text: String,
    /// Event kinds to include; empty = all.
    pub kinds: Vec<EventKind>,
    /// Inclusive bounds on the event's date.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl SearchQuery {
    fn filters_events(&self) -> bool {
        !self.kinds.is_empty() || self.from.is_some() || self.to.is_some()
    }
}

/// Matches, in input order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResults<'a> {
    /// Cases whose own text matches (only when the query has no kind/date filter), or that own
    /// a matching event.
    pub cases: Vec<&'a Case>,
    pub events: Vec<&'a Event>,
}

/// Pre-normalised text of cases and events, built once per data change.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    case_text: Vec<String>,
    event_text: Vec<String>,
}

impl SearchIndex {
    pub fn build(cases: &[Case], events: &[Event]) -> Self {
        SearchIndex {
            case_text: cases.iter().map(Case::search_text).collect(),
            event_text: events.iter().map(Event::search_text).collect(),
        }
    }

    /// Searches the slices the index was built from (same order, same length; if they differ,
    /// items without index text are matched as if their text were empty).
    pub fn search<'a>(
        &self,
        cases: &'a [Case],
        events: &'a [Event],
        query: &SearchQuery,
    ) -> SearchResults<'a> {
        let needle = normalize(&query.text);
        let terms: Vec<&str> = needle.split_whitespace().collect();
        let matches = |hay: Option<&String>| {
            let hay = hay.map(String::as_str).unwrap_or("");
            terms.iter().all(|t| hay.contains(t))
        };
        let mut hit_case_ids: HashSet<&str> = HashSet::new();
        let mut hit_events = Vec::new();
        for (i, event) in events.iter().enumerate() {
            if !query.kinds.is_empty() && !query.kinds.contains(&event.kind) {
                continue;
            }
            let date = event.at.date();
            if query.from.is_some_and(|f| date < f) || query.to.is_some_and(|t| date > t) {
                continue;
            }
            if matches(self.event_text.get(i)) {
                hit_events.push(event);
                hit_case_ids.insert(&event.case_id);
            }
        }
        let case_text_counts = !query.filters_events();
        let hit_cases = cases
            .iter()
            .enumerate()
            .filter(|(i, case)| {
                hit_case_ids.contains(case.id.as_str())
                    || (case_text_counts && matches(self.case_text.get(*i)))
            })
            .map(|(_, case)| case)
            .collect();
        SearchResults {
            cases: hit_cases,
            events: hit_events,
        }
    }
}

/// Builds an index and searches once (for one-off searches; keep a [`SearchIndex`] for typing).
pub fn search<'a>(
    cases: &'a [Case],
    events: &'a [Event],
    query: &SearchQuery,
) -> SearchResults<'a> {
    SearchIndex::build(cases, events).search(cases, events, query)
}

impl Case {
    /// Text the search matches against (title, device, vendor, acquirer, merchant no, remedy).
    fn search_text(&self) -> String {
        let mut parts: Vec<&str> = vec![
            &self.title,
            &self.device.brand,
            &self.device.model,
            &self.device.sn,
            &self.device.terminal_id,
            &self.purchase_channel,
            &self.vendor.name,
            &self.acquirer.name,
            &self.merchant_no,
            &self.remedy_wanted,
        ];
        parts.extend(self.vendor.contacts.iter().map(String::as_str));
        if let Some(licence) = &self.acquirer.licence_no {
            parts.push(licence);
        }
        normalize(&parts.join("\n"))
    }
}

impl Event {
    fn search_text(&self) -> String {
        let mut parts: Vec<&str> = vec![
            &self.counterparty,
            &self.person,
            &self.ticket_no,
            &self.said,
        ];
        parts.extend(self.attachments.iter().map(|a| a.name.as_str()));
        normalize(&parts.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::tests::{day, sample_case, sample_event};

    #[test]
    fn search_matches_terms_kinds_and_dates() {
        let cases = vec![sample_case("c1"), {
            let mut c = sample_case("c2");
            c.title = "押金不退".into();
            c.acquirer.name = "ＡＢＣ支付".into(); // full-width
            c
        }];
        let mut e1 = sample_event("e1", "c1", "2026-11-02 10:00", EventKind::Call);
        e1.ticket_no = "TK-778".into();
        let mut e2 = sample_event("e2", "c2", "2026-11-10 10:00", EventKind::Charge);
        e2.said = "扣了流量费68元".into();
        let events = vec![e1, e2];
        let q = |text: &str| SearchQuery {
            text: text.into(),
            ..SearchQuery::default()
        };
        let r = search(&cases, &events, &q("tk-778"));
        assert_eq!(r.events.len(), 1);
        assert_eq!(r.cases[0].id, "c1");
        let r = search(&cases, &events, &q("abc 押金"));
        assert_eq!(r.cases.len(), 1);
        assert_eq!(r.cases[0].id, "c2");
        assert!(r.events.is_empty());
        let r = search(&cases, &events, &q("流量费　６８")); // ideographic space, full-width 68
        assert_eq!(r.events[0].id, "e2");
        let r = search(
            &cases,
            &events,
            &SearchQuery {
                kinds: vec![EventKind::Charge],
                ..SearchQuery::default()
            },
        );
        assert_eq!(r.events.len(), 1);
        assert_eq!(r.cases.len(), 1);
        let r = search(
            &cases,
            &events,
            &SearchQuery {
                from: Some(day("2026-11-03")),
                to: Some(day("2026-11-10")),
                ..SearchQuery::default()
            },
        );
        assert_eq!(r.events.iter().map(|e| &e.id).collect::<Vec<_>>(), ["e2"]);
        let r = search(&cases, &events, &q(""));
        assert_eq!((r.cases.len(), r.events.len()), (2, 2));
    }

    fn many_events(n: usize) -> (Vec<Case>, Vec<Event>) {
        let cases: Vec<Case> = (0..100).map(|i| sample_case(&format!("c{i}"))).collect();
        let events = (0..n)
            .map(|i| {
                let mut e = sample_event(
                    &format!("e{i}"),
                    &format!("c{}", i % 100),
                    "2026-11-02 10:00",
                    EventKind::ALL[i % 9],
                );
                e.said =
                    format!("第{i}次联系，对方答应尽快处理，工单 T{i:06}，还是没有人来修机器。");
                e
            })
            .collect();
        (cases, events)
    }

    #[test]
    fn search_10k_events_is_linear_and_correct() {
        let (cases, events) = many_events(10_000);
        let index = SearchIndex::build(&cases, &events);
        let r = index.search(
            &cases,
            &events,
            &SearchQuery {
                text: "t009999".into(),
                ..SearchQuery::default()
            },
        );
        assert_eq!(r.events.len(), 1);
        assert_eq!(r.events[0].id, "e9999");
    }

    /// Timing check, run on demand: `cargo test --release -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn bench_search_10k_events() {
        let (cases, events) = many_events(10_000);
        let index = SearchIndex::build(&cases, &events);
        let query = SearchQuery {
            text: "答应 t00500".into(),
            kinds: vec![EventKind::Call, EventKind::Note],
            ..SearchQuery::default()
        };
        let start = std::time::Instant::now();
        let rounds = 20;
        for _ in 0..rounds {
            std::hint::black_box(index.search(&cases, &events, &query));
        }
        let per_query = start.elapsed() / rounds;
        println!("search over 10,000 events: {per_query:?} per query");
        assert!(per_query.as_millis() < 30);
    }
}
