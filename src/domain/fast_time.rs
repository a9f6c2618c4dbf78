//! Deserialising the diary's stored times without chrono's general-purpose parser.
//!
//! Reading all 10,000 events of a large diary parses 20,000 dates. chrono's `FromStr` runs a
//! format-item interpreter for each one, which measured about a third of the time spent turning
//! the stored records into Rust (see `scripts/bench-diary`). The diary always writes the same
//! fixed shapes — `YYYY-MM-DDTHH:MM:SS` and `YYYY-MM-DD`, which is what chrono's `Serialize`
//! produces for whole seconds — so those are read by hand; anything else (fractional seconds,
//! odd years, invalid dates) goes to chrono, which gives the same value or the same error.
//! Serialisation is unchanged (chrono's).

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use serde::de::{self, Deserializer, Visitor};

/// `n` ASCII digits at `b[at..]` as a number, or `None`.
fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    b.get(at..at + n)?.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// `YYYY-MM-DD` exactly (a four-digit year), when it names a real date.
fn date_fast(b: &[u8]) -> Option<NaiveDate> {
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (digits(b, 0, 4)?, digits(b, 5, 2)?, digits(b, 8, 2)?);
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// Parses a stored date: the fast path for `YYYY-MM-DD`, chrono for anything else.
pub fn parse_date(s: &str) -> Result<NaiveDate, chrono::ParseError> {
    match (s.len() == 10).then(|| date_fast(s.as_bytes())).flatten() {
        Some(d) => Ok(d),
        None => s.parse(),
    }
}

/// Parses a stored date-time: the fast path for `YYYY-MM-DDTHH:MM:SS`, chrono for anything else.
pub fn parse_datetime(s: &str) -> Result<NaiveDateTime, chrono::ParseError> {
    let b = s.as_bytes();
    let fast = (b.len() == 19 && b[10] == b'T' && b[13] == b':' && b[16] == b':')
        .then(|| {
            let date = date_fast(b)?;
            date.and_hms_opt(digits(b, 11, 2)?, digits(b, 14, 2)?, digits(b, 17, 2)?)
        })
        .flatten();
    match fast {
        Some(t) => Ok(t),
        None => s.parse(),
    }
}

struct DateTimeVisitor;

impl Visitor<'_> for DateTimeVisitor {
    type Value = NaiveDateTime;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date and time such as 2026-11-23T09:30:00")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<NaiveDateTime, E> {
        parse_datetime(s).map_err(E::custom)
    }
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = NaiveDate;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date such as 2026-11-23")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<NaiveDate, E> {
        parse_date(s).map_err(E::custom)
    }
}

/// `#[serde(with = "fast_time::datetime")]`.
pub mod datetime {
    use super::*;

    pub fn serialize<S: serde::Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(t, s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        d.deserialize_str(DateTimeVisitor)
    }
}

/// `#[serde(with = "fast_time::option_date")]` (`null` or a missing field is `None`).
pub mod option_date {
    use super::*;

    pub fn serialize<S: serde::Serializer>(t: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(t, s)
    }

    struct OptionVisitor;

    impl<'de> Visitor<'de> for OptionVisitor {
        type Value = Option<NaiveDate>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a date such as 2026-11-23, or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_str(DateVisitor).map(Some)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        d.deserialize_option(OptionVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path and chrono agree: same value or both an error, on the shapes the diary
    /// writes, on near misses and on invalid calendar dates.
    #[test]
    fn agrees_with_chrono() {
        let mut samples: Vec<String> = Vec::new();
        for y in [0, 1, 999, 1970, 2024, 2025, 2026, 2100, 9999] {
            for m in [0, 1, 2, 6, 12, 13] {
                for d in [0, 1, 28, 29, 30, 31, 32] {
                    samples.push(format!("{y:04}-{m:02}-{d:02}"));
                    for (h, mi, s) in [(0, 0, 0), (23, 59, 59), (24, 0, 0), (12, 60, 0), (9, 5, 60)]
                    {
                        samples.push(format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}"));
                    }
                }
            }
        }
        samples.extend(
            [
                "2026-11-23T09:30:00.5",
                "2026-11-23T09:30:00.123456789",
                "2026-11-23 09:30:00",
                "+12026-11-23T09:30:00",
                "-0001-11-23T09:30:00",
                "2026-1-23T09:30:00",
                "2026-11-23T9:30:00",
                "2026-11-23T09:30",
                "2026/11/23",
                "２０２６-11-23",
                "2026-11-2a",
                "",
                "T",
                "2026-11-23T09:30:0０",
            ]
            .map(String::from),
        );
        for s in &samples {
            assert_eq!(
                parse_datetime(s).ok(),
                s.parse::<NaiveDateTime>().ok(),
                "date-time {s:?}"
            );
            assert_eq!(
                parse_date(s).ok(),
                s.parse::<NaiveDate>().ok(),
                "date {s:?}"
            );
        }
    }

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Rec {
        #[serde(with = "datetime")]
        at: NaiveDateTime,
        #[serde(default, with = "option_date")]
        by: Option<NaiveDate>,
    }

    #[test]
    fn serde_round_trip_and_errors() {
        let at = NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap();
        let r = Rec {
            at,
            by: NaiveDate::from_ymd_opt(2026, 12, 1),
        };
        let text = serde_json::to_string(&r).unwrap();
        assert_eq!(text, r#"{"at":"2026-11-23T09:30:00","by":"2026-12-01"}"#);
        assert_eq!(serde_json::from_str::<Rec>(&text).unwrap(), r);
        let none: Rec =
            serde_json::from_str(r#"{"at":"2026-11-23T09:30:00.25","by":null}"#).unwrap();
        assert_eq!(none.by, None);
        assert_eq!(none.at, at.with_nanosecond_for_test(250_000_000));
        let missing: Rec = serde_json::from_str(r#"{"at":"2026-11-23T09:30:00"}"#).unwrap();
        assert_eq!(missing.by, None);
        for bad in [
            r#"{"at":"2026-02-30T09:30:00"}"#,
            r#"{"at":"yesterday"}"#,
            r#"{"at":12}"#,
            r#"{"at":"2026-11-23T09:30:00","by":"2026-13-01"}"#,
            r#"{"at":"2026-11-23T09:30:00","by":5}"#,
        ] {
            assert!(serde_json::from_str::<Rec>(bad).is_err(), "{bad}");
        }
    }

    trait WithNanos {
        fn with_nanosecond_for_test(self, n: u32) -> Self;
    }
    impl WithNanos for NaiveDateTime {
        fn with_nanosecond_for_test(self, n: u32) -> Self {
            chrono::Timelike::with_nanosecond(&self, n).unwrap()
        }
    }
}
