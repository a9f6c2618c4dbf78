//! Property tests ("fuzzing") of everything that parses user input (issue 8). A panic in the
//! wasm build kills the app, so the aim is: any input → `Ok` or an `Err` with a clear message,
//! never a panic, never an arithmetic overflow (debug builds check overflow, so `cargo test`
//! catches what the release build would silently wrap).
//!
//! Case counts are set per property (2,000–10,000 for the cheap parsers, fewer where one case
//! parses a whole file); `PROPTEST_CASES` overrides them all for a longer local run.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};
use pos_helper::domain::backup::{events_to_csv, export_backup, validate_backup, AttachmentBlob};
use pos_helper::domain::case::{
    normalize, search, AttachmentMeta, Case, CaseStatus, Channel, Event, EventKind, SearchQuery,
};
use pos_helper::domain::clocks::{
    add_calendar_days, add_months, add_working_days, due_in_days, due_status, statutory_clocks,
};
use pos_helper::domain::fees::{
    check_fees, parse_money, parse_rate, CardType, FeeCheckInput, Rate, RateInput,
};
use pos_helper::domain::letters::{
    escape_html, fields_from_query, known_fields, render, templates, FieldKind,
    MAX_QUERY_VALUE_CHARS,
};
use pos_helper::domain::licence::{check_digit, normalise_name, LicenceNumber, LicenceRegistry};
use pos_helper::domain::links::{clean_query, is_valid_id, IdParam};
use pos_helper::domain::mcc::MccTable;
use pos_helper::domain::merchant_no::MerchantNumber;
use pos_helper::domain::party::Profile;
use proptest::prelude::*;
use proptest::test_runner::Config;

/// `n` cases unless `PROPTEST_CASES` asks for another number.
fn cases(n: u32) -> Config {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n);
    Config {
        cases: n,
        // Shrinking output is enough to reproduce; no files are written next to the sources.
        failure_persistence: None,
        ..Config::default()
    }
}

/// Text the way hostile or careless users produce it: any Unicode, plus a bias towards the
/// characters the parsers look at (digits, full-width forms, separators, markup, RTL marks).
fn user_text() -> impl Strategy<Value = String> {
    let interesting = prop::sample::select(vec![
        '0', '1', '5', '9', 'Z', 'z', '.', ',', '%', '-', '_', ' ', '\u{3000}', '\t', '\n', '\r',
        '\0', '０', '９', 'Ｚ', '．', '。', '，', '％', '¥', '￥', '元', '万', '千', '分', '之',
        '<', '>', '"', '\'', '&', '{', '}', '$', '=', '+', '@', '\u{202E}', '\u{200B}', '\u{FEFF}',
        '𠀀', '𪚥', '👨', '\u{200D}', '💻', 'é', '\u{0301}',
    ]);
    let ch = prop_oneof![3 => interesting, 1 => any::<char>()];
    prop_oneof![
        3 => prop::collection::vec(ch, 0..40).prop_map(|v| v.into_iter().collect()),
        1 => any::<String>(),
    ]
}

fn digits(n: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::char::range('0', '9'), n).prop_map(|v| v.into_iter().collect())
}

/// Any representable date, with extra weight on the ends of chrono's range.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    let (min, max) = (
        NaiveDate::MIN.num_days_from_ce(),
        NaiveDate::MAX.num_days_from_ce(),
    );
    prop_oneof![
        2 => (min..=max).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap()),
        1 => (0..3_000i32).prop_map(move |k| NaiveDate::from_num_days_from_ce_opt(max - k).unwrap()),
        1 => (0..3_000i32).prop_map(move |k| NaiveDate::from_num_days_from_ce_opt(min + k).unwrap()),
        2 => (0..20_000u64).prop_map(|k| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + Days::new(k)),
    ]
}

/// A date and time the diary accepts (years 1990–2100), to the minute as the forms enter it.
fn diary_datetime() -> impl Strategy<Value = NaiveDateTime> {
    (0..40_000u64, 0..1_440u32).prop_map(|(d, m)| {
        (NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + Days::new(d))
            .and_time(NaiveTime::from_num_seconds_from_midnight_opt(m * 60, 0).unwrap())
    })
}

fn diary_date() -> impl Strategy<Value = NaiveDate> {
    diary_datetime().prop_map(|d| d.date())
}

// ---------------------------------------------------------------------------------------------
// Merchant number (商户编号)

proptest! {
    #![proptest_config(cases(10_000))]

    #[test]
    fn merchant_number_never_panics_and_ok_means_well_formed(text in user_text()) {
        if let Ok(n) = MerchantNumber::parse(&text) {
            prop_assert_eq!(n.full.chars().count(), 15);
            prop_assert!(n.full[..11].bytes().all(|b| b.is_ascii_digit()));
            prop_assert!(n.full.bytes().all(|b| b.is_ascii_alphanumeric()));
            let parts = format!("{}{}{}{}", n.acquirer_code, n.area_code, n.mcc, n.sequence);
            prop_assert_eq!(&parts, &n.full);
            // Parsing the canonical form gives the same number.
            prop_assert_eq!(MerchantNumber::parse(&n.full).unwrap(), n.clone());
            let _ = n.explain(&MccTable::builtin());
            let _ = n.sequence_has_letters();
        } else if let Err(e) = MerchantNumber::parse(&text) {
            prop_assert!(!e.message().zh.is_empty() && !e.message().en.is_empty());
        }
    }
}

proptest! {
    #![proptest_config(cases(3_000))]

    /// Every 15-digit number parses, also as people copy it: with spaces, dashes and
    /// full-width digits.
    #[test]
    fn merchant_number_valid_forms_parse(number in digits(15), sep in prop::sample::select(vec!["", " ", "-", "\u{3000}", " - "]), wide in any::<bool>()) {
        let typed: String = number
            .chars()
            .enumerate()
            .map(|(i, c)| {
                let c = if wide { char::from_u32(c as u32 + 0xFEE0).unwrap() } else { c };
                if i > 0 && i % 4 == 0 { format!("{sep}{c}") } else { c.to_string() }
            })
            .collect();
        let n = MerchantNumber::parse(&typed).unwrap();
        prop_assert_eq!(&n.full, &number);
        prop_assert_eq!(&n.mcc, &number[7..11]);
    }
}

// ---------------------------------------------------------------------------------------------
// Licence number (支付业务许可证编号)

/// A well-formed licence number: Z20 + 5 digits + 00001 + its check digit.
fn licence_number() -> impl Strategy<Value = String> {
    digits(5).prop_map(|d| {
        let first13 = format!("Z20{d}00001");
        let check = check_digit(&first13).unwrap();
        format!("{first13}{check}")
    })
}

proptest! {
    #![proptest_config(cases(10_000))]

    #[test]
    fn licence_number_never_panics_and_ok_passes_the_check_digit(text in user_text()) {
        let _ = check_digit(&text);
        let _ = normalise_name(&text);
        match LicenceNumber::parse(&text) {
            Ok(n) => {
                let s = n.as_str();
                prop_assert_eq!(s.len(), 14);
                prop_assert_eq!(check_digit(&s[..13]), Some(s.as_bytes()[13] - b'0'));
                let _ = (n.serial(), n.registered_province_code());
            }
            Err(e) => prop_assert!(!e.message().zh.is_empty()),
        }
    }

    #[test]
    fn licence_number_any_13_chars_then_digit(first in "Z20[0-9]{5}[0-9A-Z]{5}", last in any::<char>()) {
        let _ = LicenceNumber::parse(&format!("{first}{last}"));
    }
}

proptest! {
    #![proptest_config(cases(3_000))]

    /// Valid numbers parse however they are typed; changing any one digit of positions 2–8 or
    /// the check digit itself is caught by the check digit (Luhn finds every single-digit typo).
    #[test]
    fn licence_number_check_digit_catches_single_typos(n in licence_number(), pos in 1usize..14, d in 0u8..10, lower in any::<bool>(), spaces in any::<bool>()) {
        let typed = if lower { n.to_lowercase() } else { n.clone() };
        let typed = if spaces { format!("  {} {} ", &typed[..7], &typed[7..]) } else { typed };
        let parsed = LicenceNumber::parse(&typed).unwrap();
        prop_assert_eq!(parsed.as_str(), n.as_str());
        let pos = if (8..13).contains(&pos) { 13 } else { pos };
        let mut bytes = n.clone().into_bytes();
        prop_assume!(bytes[pos] != b'0' + d);
        bytes[pos] = b'0' + d;
        let typo = String::from_utf8(bytes).unwrap();
        let rejected = LicenceNumber::parse(&typo).is_err();
        prop_assert!(rejected, "{} accepted", typo);
    }
}

// ---------------------------------------------------------------------------------------------
// Fee inputs

proptest! {
    #![proptest_config(cases(10_000))]

    #[test]
    fn fee_text_parsers_never_panic(text in user_text()) {
        if let Ok(rate) = parse_rate(&text) {
            prop_assert!(u64::from(rate.0) <= Rate::PER_MILLION);
            // The canonical text reads back as the same rate.
            prop_assert_eq!(parse_rate(&rate.percent_text()), Ok(rate));
        } else if let Err(e) = parse_rate(&text) {
            prop_assert!(!e.message().zh.is_empty());
        }
        match parse_money(&text) {
            Ok(fen) => {
                prop_assert!(fen <= 100_000_000_000);
                prop_assert_eq!(parse_money(&format!("{}.{:02}", fen / 100, fen % 100)), Ok(fen));
            }
            Err(e) => prop_assert!(!e.message().zh.is_empty()),
        }
    }

    #[test]
    fn fee_numbers_as_typed(whole in "[0-9]{0,15}", frac in "[0-9]{0,8}", suffix in prop::sample::select(vec!["", "%", "元", "‰"]), prefix in prop::sample::select(vec!["", "万分之", "千分之", "万", "¥"])) {
        let text = format!("{prefix}{whole}.{frac}{suffix}");
        let _ = parse_rate(&text);
        let _ = parse_money(&text);
    }
}

fn card() -> impl Strategy<Value = CardType> {
    prop::sample::select(vec![
        CardType::Credit,
        CardType::Debit,
        CardType::QrOrContactless,
    ])
}

/// Money the way the page produces it: `parse_money` caps amounts at 10^11 fen.
fn fen() -> impl Strategy<Value = u64> {
    prop_oneof![
        0..=100_000_000_000u64,
        Just(0),
        Just(1),
        Just(100_000_000_000)
    ]
}

proptest! {
    #![proptest_config(cases(5_000))]

    /// The whole check, on every input the page can build (amounts up to parse_money's cap,
    /// any transaction count): no panic, no overflow.
    #[test]
    fn fee_check_never_panics_on_page_inputs(
        card in card(),
        stated in any::<bool>(),
        rate in 0..=1_000_000u32,
        amount in fen(),
        fee in fen(),
        cap in prop::option::of(fen()),
        addon in fen(),
        one_off in fen(),
        yearly in fen(),
        volume in fen(),
        count in prop::option::of(any::<u32>()),
    ) {
        let input = FeeCheckInput {
            card,
            rate: if stated { RateInput::Stated(Rate(rate)) } else { RateInput::Observed { amount_fen: amount, fee_fen: fee } },
            debit_cap_fen: cap,
            per_transaction_addon_fen: addon,
            one_off_fen: one_off,
            yearly_fixed_fen: yearly,
            monthly_volume_fen: volume,
            monthly_transactions: count,
            category: pos_helper::domain::fees::MerchantCategory::Unknown,
            promised: None,
        };
        if let Ok(check) = check_fees(&input) {
            prop_assert!(check.first_year_cost_fen >= check.later_year_cost_fen);
        }
    }

    /// The domain function is public, so it must also survive values no page produces.
    #[test]
    fn fee_check_never_panics_on_any_u64(
        card in card(),
        stated in any::<bool>(),
        rate in any::<u32>(),
        amount in any::<u64>(),
        fee in any::<u64>(),
        cap in prop::option::of(any::<u64>()),
        addon in any::<u64>(),
        one_off in any::<u64>(),
        yearly in any::<u64>(),
        volume in any::<u64>(),
        count in prop::option::of(any::<u32>()),
    ) {
        let input = FeeCheckInput {
            card,
            rate: if stated { RateInput::Stated(Rate(rate)) } else { RateInput::Observed { amount_fen: amount, fee_fen: fee } },
            debit_cap_fen: cap,
            per_transaction_addon_fen: addon,
            one_off_fen: one_off,
            yearly_fixed_fen: yearly,
            monthly_volume_fen: volume,
            monthly_transactions: count,
            category: pos_helper::domain::fees::MerchantCategory::Unknown,
            promised: None,
        };
        let _ = check_fees(&input);
    }
}

// ---------------------------------------------------------------------------------------------
// Licence CSV import

const HEADER: &str = "name,short_names,licence_no,business_types,coverage,first_issued,valid_until,status,status_date,source";
const SMALL_CSV: &str = "# as_of: 2026-10-02\n\
name,short_names,licence_no,business_types,coverage,first_issued,valid_until,status,status_date,source\n\
拉卡拉支付股份有限公司,拉卡拉,Z2002511000017,支付交易处理Ⅰ类,全国,2011-12-22,长期,valid,,src\n\
上海畅购企业服务有限公司,,Z2003731000019,预付卡发行与受理,上海市,2011-12-22,2016-12-21,cancelled,2016-01-05,src\n\
\"某支付有限公司, 分号\",\"a|b\",Z2001444000011,\"银行卡收单（浙江省）\",浙江省,2012-06-28,2027-06-27,valid,,\"x, y\"\n";
const SHIPPED: &str = include_str!("../public/data/licences.csv");

/// One edit of a text: delete, insert, replace or duplicate a span (on char boundaries).
#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, String),
    Replace(usize, usize, String),
    DuplicateLine(usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let piece = prop_oneof![
        user_text(),
        prop::sample::select(vec![
            ",",
            "\"",
            "\n",
            "\r\n",
            "|",
            "# as_of: 9999-99-99\n",
            "# as_of: 262143-12-31\n",
            "Z2002511000017",
            "Z2002511000018",
            "2011-12-22",
            "+262143-01-01",
            "长期",
            "valid",
            "cancelled",
            "全国",
            "\u{FEFF}",
            "银行卡收单",
            "支付交易处理Ⅰ类",
            ",,,,,,,,,,,,,,,,",
        ])
        .prop_map(str::to_owned),
    ];
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), piece.clone()).prop_map(|(a, s)| Mutation::Insert(a, s)),
        (any::<usize>(), 0usize..20, piece).prop_map(|(a, n, s)| Mutation::Replace(a, n, s)),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

/// The char index `i` (mod length + 1) as a byte offset.
fn boundary(text: &str, i: usize) -> usize {
    let n = text.chars().count();
    let k = i % (n + 1);
    text.char_indices().nth(k).map_or(text.len(), |(b, _)| b)
}

fn apply(text: &str, m: &Mutation) -> String {
    match m {
        Mutation::Delete(a, n) => {
            let start = boundary(text, *a);
            let end = boundary(&text[start..], *n) + start;
            let end = if *n == 0 { start } else { end.max(start) };
            format!("{}{}", &text[..start], &text[end..])
        }
        Mutation::Insert(a, s) => {
            let at = boundary(text, *a);
            format!("{}{s}{}", &text[..at], &text[at..])
        }
        Mutation::Replace(a, n, s) => {
            let start = boundary(text, *a);
            let rest = &text[start..];
            let end = start + rest.char_indices().nth(*n).map_or(rest.len(), |(b, _)| b);
            format!("{}{s}{}", &text[..start], &text[end..])
        }
        Mutation::DuplicateLine(i) => {
            let lines: Vec<&str> = text.lines().collect();
            if lines.is_empty() {
                return text.to_owned();
            }
            let i = i % lines.len();
            let mut out: Vec<&str> = lines.clone();
            out.insert(i, lines[i]);
            out.join("\n")
        }
        Mutation::Truncate(i) => text[..boundary(text, *i)].to_owned(),
    }
}

fn check_import(text: &str) -> Result<(), TestCaseError> {
    let lines = text.lines().count() as u64 + 1;
    for result in [
        LicenceRegistry::parse(text),
        LicenceRegistry::parse_import(text, NaiveDate::from_ymd_opt(2026, 1, 1)),
        LicenceRegistry::parse_import(text, None),
    ] {
        match result {
            Ok(registry) => {
                let _ = registry.as_of_text();
                let _ = registry.search("拉卡拉");
            }
            Err(errors) => {
                prop_assert!(!errors.0.is_empty());
                for e in &errors.0 {
                    if let Some(line) = e.line {
                        prop_assert!(line >= 1 && line <= lines, "line {} of {}", line, lines);
                    }
                    prop_assert!(!e.message().zh.is_empty());
                }
                prop_assert!(!errors.message().zh.is_empty());
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(3_000))]

    #[test]
    fn licence_import_any_text(text in user_text()) {
        check_import(&text)?;
        check_import(&format!("{HEADER}\n{text}"))?;
    }

    #[test]
    fn licence_import_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_import(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn licence_import_mutated_small_list(ms in prop::collection::vec(mutation(), 1..6)) {
        let text = ms.iter().fold(SMALL_CSV.to_owned(), |t, m| apply(&t, m));
        check_import(&text)?;
    }
}

proptest! {
    // Each case parses the whole shipped list (270 rows) three times.
    #![proptest_config(cases(100))]

    #[test]
    fn licence_import_mutated_shipped_list(ms in prop::collection::vec(mutation(), 1..4)) {
        let text = ms.iter().fold(SHIPPED.to_owned(), |t, m| apply(&t, m));
        check_import(&text)?;
    }
}

proptest! {
    #![proptest_config(cases(3_000))]

    #[test]
    fn licence_search_any_query(q in user_text()) {
        thread_local! {
            static REGISTRY: LicenceRegistry = LicenceRegistry::parse(SHIPPED).unwrap();
        }
        REGISTRY.with(|r| { let _ = r.search(&q); let _ = r.by_number(&q); });
    }
}

// ---------------------------------------------------------------------------------------------
// Diary backup import, CSV export

fn kind() -> impl Strategy<Value = EventKind> {
    prop::sample::select(EventKind::ALL.to_vec())
}

fn short_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => user_text().prop_map(|s| s.chars().take(60).collect()),
        1 => Just(String::new()),
    ]
}

fn arb_case(id: usize) -> impl Strategy<Value = Case> {
    (
        short_text(),
        short_text(),
        short_text(),
        short_text(),
        diary_datetime(),
        prop::option::of(diary_date()),
    )
        .prop_map(move |(title, sn, vendor, remedy, at, bought)| {
            let mut c = Case::new(format!("c-{id}"), format!("案 {title}"), at);
            c.device.sn = sn;
            c.vendor.name = vendor;
            c.vendor.contacts = vec![remedy.clone()];
            c.remedy_wanted = remedy;
            c.purchase_date = bought;
            c.status = CaseStatus::Open;
            c
        })
}

fn arb_event(id: usize, cases: usize) -> impl Strategy<Value = Event> {
    (
        0..cases.max(1),
        diary_datetime(),
        kind(),
        (short_text(), short_text(), short_text(), short_text()),
        prop::option::of(diary_date()),
        prop::option::of(-1_000_000_000_000i64..=1_000_000_000_000),
        prop::option::of(prop::sample::select(vec![
            Channel::Phone,
            Channel::Wechat,
            Channel::InPerson,
            Channel::Letter,
        ])),
    )
        .prop_map(
            move |(
                case,
                at,
                kind,
                (counterparty, person, ticket_no, said),
                promised_by,
                amount_fen,
                channel,
            )| Event {
                id: format!("e-{id}"),
                case_id: format!("c-{case}"),
                at,
                kind,
                counterparty,
                channel,
                person,
                ticket_no,
                said,
                promised_by,
                amount_fen,
                attachments: vec![],
                evidence: vec![],
            },
        )
}

fn arb_diary() -> impl Strategy<Value = (Vec<Case>, Vec<Event>)> {
    (1usize..4, 0usize..5).prop_flat_map(|(nc, ne)| {
        (
            (0..nc).map(arb_case).collect::<Vec<_>>(),
            (0..ne).map(move |i| arb_event(i, nc)).collect::<Vec<_>>(),
        )
    })
}

fn exported(cases: &[Case], events: &[Event], with_file: bool) -> String {
    let mut events = events.to_vec();
    let mut blobs = vec![];
    if with_file {
        if let Some(e) = events.first_mut() {
            e.attachments.push(AttachmentMeta {
                id: "a-1".into(),
                name: "<img src=x onerror=alert(1)>.png".into(),
                mime: "image/png".into(),
                size: 3,
                sha256: None,
                evidence: vec![],
            });
            blobs.push(AttachmentBlob {
                id: "a-1".into(),
                name: "<img src=x onerror=alert(1)>.png".into(),
                mime: "image/png".into(),
                data: vec![1, 2, 3],
            });
        }
    }
    let at = NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    export_backup(at, cases, &events, &blobs, None)
}

/// Arbitrary JSON values, nested a few levels.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        user_text().prop_map(Value::String),
        prop::sample::select(vec![
            "pos-helper-backup",
            "c-1",
            "e-1",
            "a-1",
            "2026-11-23T09:00:00",
            "2026-11-23",
            "+262143-12-31T23:59:59",
            "call",
            "fault",
            "open",
            "AAAA",
            "image/png",
        ])
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        let keys = prop::sample::select(vec![
            "format",
            "version",
            "exported_at",
            "cases",
            "events",
            "attachments",
            "id",
            "case_id",
            "title",
            "at",
            "kind",
            "said",
            "data_base64",
            "name",
            "mime",
            "size",
            "sha256",
            "created_at",
            "updated_at",
            "status",
            "amount_fen",
            "promised_by",
            "evidence",
            "device",
            "vendor",
            "acquirer",
            "__proto__",
            "x",
        ]);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(keys, inner, 0..8).prop_map(|m| Value::Object(
                m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            )),
        ]
    })
}

proptest! {
    #![proptest_config(cases(3_000))]

    #[test]
    fn backup_import_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Err(errors) = validate_backup(&bytes) {
            prop_assert!(!errors.is_empty());
            for e in errors { prop_assert!(!e.message().zh.is_empty()); }
        }
    }

    #[test]
    fn backup_import_any_json(value in json_value()) {
        let _ = validate_backup(value.to_string().as_bytes());
        // The same value placed where a valid file has its cases, events and attachments.
        for key in ["cases", "events", "attachments", "exported_at", "version"] {
            let mut file = serde_json::json!({
                "format": "pos-helper-backup", "version": 1,
                "exported_at": "2026-11-23T09:00:00", "cases": [], "events": [], "attachments": [],
            });
            file[key] = value.clone();
            let _ = validate_backup(file.to_string().as_bytes());
        }
    }

    /// Whatever text a diary holds, its backup validates and reads back identically, and its
    /// CSV export reads back cell for cell (formula-looking cells prefixed with ').
    #[test]
    fn backup_round_trips_any_text((cases, events) in arb_diary(), with_file in any::<bool>()) {
        prop_assume!(cases.iter().all(|c| c.validate().is_ok()));
        prop_assume!(events.iter().all(|e| e.validate().is_ok()));
        let json = exported(&cases, &events, with_file);
        let back = validate_backup(json.as_bytes());
        prop_assert!(back.is_ok(), "{:?}", back.err());
        let back = back.unwrap();
        prop_assert_eq!(&back.cases, &cases);
        prop_assert_eq!(back.events.len(), events.len());
        for (a, b) in back.events.iter().zip(&events) {
            prop_assert_eq!(&a.said, &b.said);
            prop_assert_eq!(&a.person, &b.person);
        }

        let csv = events_to_csv(&cases, &events).unwrap();
        let mut reader = csv::Reader::from_reader(&csv[3..]);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        prop_assert_eq!(rows.len(), events.len());
        let mut sorted = events.clone();
        sorted.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
        let said_col = reader.headers().unwrap().iter().position(|h| h == "内容/承诺").unwrap();
        for (row, e) in rows.iter().zip(&sorted) {
            let cell = &row[said_col];
            let quoted = format!("'{}", e.said);
            prop_assert!(cell == e.said || cell == quoted, "said {:?} as {:?}", e.said, cell);
            prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "formula cell {:?}", cell);
        }
    }
}

proptest! {
    #![proptest_config(cases(2_000))]

    /// A valid backup cut short, flipped or spliced: never a panic.
    #[test]
    fn backup_import_mutated_valid_file((cases, events) in arb_diary(), ms in prop::collection::vec(mutation(), 1..5)) {
        let json = exported(&cases, &events, true);
        let mutated = ms.iter().fold(json, |t, m| apply(&t, m));
        let _ = validate_backup(mutated.as_bytes());
    }

    #[test]
    fn backup_import_every_truncation(cut in any::<usize>()) {
        thread_local! {
            static FILE: String = {
                let at = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
                let c = Case::new("c-1", "标题 <script>alert(1)</script>", at);
                exported(&[c], &[], false)
            };
        }
        FILE.with(|f| {
            let bytes = f.as_bytes();
            let _ = validate_backup(&bytes[..cut % (bytes.len() + 1)]);
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Diary search, letters, deep links

proptest! {
    #![proptest_config(cases(2_000))]

    #[test]
    fn diary_search_any_query((cases, events) in arb_diary(), text in user_text(), from in prop::option::of(any_date()), to in prop::option::of(any_date()), kinds in prop::collection::vec(kind(), 0..3)) {
        let _ = normalize(&text);
        let q = SearchQuery { text, kinds, from, to };
        let r = search(&cases, &events, &q);
        prop_assert!(r.cases.len() <= cases.len());
        prop_assert!(r.events.len() <= events.len());
    }

    /// Any text in any letter field: no panic, and what was typed appears literally (placeholder
    /// markers in a value are never expanded).
    #[test]
    fn letters_fill_any_text(values in prop::collection::vec(user_text(), known_fields().len()), today in any_date()) {
        let raw: BTreeMap<String, String> = known_fields()
            .iter()
            .zip(&values)
            .map(|(spec, v)| (spec.name.clone(), v.clone()))
            .collect();
        // Non-blank values, so no paragraph is dropped for a missing optional field.
        let wrapped: Vec<String> = values.iter().map(|v| format!("「{v}」")).collect();
        let full: BTreeMap<String, String> = known_fields()
            .iter()
            .zip(&wrapped)
            .map(|(spec, v)| (spec.name.clone(), v.clone()))
            .collect();
        for template in templates() {
            let _ = render(template, &Profile::default(), &raw, today, &[]);
            let r = render(template, &Profile::default(), &full, today, &[]);
            for (spec, v) in known_fields().iter().zip(&wrapped) {
                let marker = format!("{{{{{}}}}}", spec.name);
                // Paragraphs with the (here empty) event timeline are left out by design.
                let used = template.subject.contains(&marker)
                    || template.paragraphs.iter().any(|p| p.contains(&marker) && !p.contains("{{timeline}}"));
                if used && matches!(spec.kind, FieldKind::Text | FieldKind::LongText) {
                    prop_assert!(r.text.contains(v.as_str()), "{} missing from the letter", spec.name);
                }
            }
            let html = pos_helper::domain::letters::html::standalone_html(&r.text);
            prop_assert!(!html.contains("<script"));
        }
    }

    #[test]
    fn letters_query_fields_are_clean(pairs in prop::collection::vec((prop_oneof![user_text(), prop::sample::select(known_fields().iter().map(|f| f.name.to_owned()).collect::<Vec<_>>())], user_text()), 0..12)) {
        let fields = fields_from_query(pairs);
        for (name, value) in &fields {
            prop_assert!(known_fields().iter().any(|f| &f.name == name));
            prop_assert!(value.chars().count() <= MAX_QUERY_VALUE_CHARS);
            prop_assert!(value.chars().all(|c| !c.is_control() || c == '\n'));
        }
    }

    /// Escaped text has no markup characters left, and the standalone page has exactly the
    /// tags of its own skeleton whatever the text.
    #[test]
    fn letters_html_escapes_everything(text in user_text(), more in user_text()) {
        let escaped = escape_html(&text);
        prop_assert!(!escaped.contains(['<', '>', '"', '\'']));
        let html = pos_helper::domain::letters::html::standalone_html(&format!("{text}\n\n{more}"));
        // Every '<' in the page opens one of its own skeleton's tags, whatever the text.
        const TAGS: [&str; 11] = ["!doctype", "html", "head", "meta", "title", "style", "body", "article", "p", "div", "span"];
        for (i, _) in html.match_indices('<') {
            let name: String = html[i + 1..]
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
                .collect::<String>()
                .to_ascii_lowercase();
            prop_assert!(TAGS.contains(&name.as_str()), "unexpected tag <{}", name);
        }
    }

    #[test]
    fn deep_link_parameters_never_panic(text in user_text()) {
        let valid = is_valid_id(&text);
        prop_assert_eq!(matches!(IdParam::from_segment(Some(&text)), IdParam::Valid(_)), valid);
        if valid {
            prop_assert!(text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
        }
        if let Some(q) = clean_query(&text) {
            prop_assert!(q.chars().all(|c| !c.is_control()));
        }
        let _ = pos_helper::domain::wizard::is_valid_step_id(&text);
        let _ = pos_helper::domain::wizard::tree().node(&text);
        let _ = pos_helper::domain::wizard::tree().path_to(&text);
        let _ = pos_helper::domain::codes::normalise(&text);
        let _ = pos_helper::domain::codes::table().lookup(&text);
        let mcc = MccTable::builtin();
        let _ = mcc.check(&text, &text);
        let _ = mcc.check("restaurant", &text);
    }
}

// ---------------------------------------------------------------------------------------------
// Dates: working days, statutory clocks, due dates on extreme dates (chrono overflow)

proptest! {
    #![proptest_config(cases(5_000))]

    #[test]
    fn clocks_on_any_date(start in any_date(), today in any_date(), n in 0u16..400, big in any::<u32>()) {
        let d = add_working_days(start, n);
        prop_assert!(d.date >= start);
        let _ = d.caveat();
        let _ = d.day_type();
        prop_assert!(add_calendar_days(start, big).date >= start);
        prop_assert!(add_months(start, big).date >= start);
        for clock in statutory_clocks() {
            let due = clock.due_from(start);
            prop_assert!(due.date >= start);
            let _ = due_status(today, due.date).label();
            let _ = due_in_days(today, due.date);
        }
    }
}

proptest! {
    #![proptest_config(cases(200))]

    /// The largest count of working days, from near the end of chrono's range.
    #[test]
    fn working_days_near_the_end_of_time(k in 0u64..200, n in any::<u16>()) {
        let start = NaiveDate::MAX.checked_sub_days(Days::new(k)).unwrap();
        let d = add_working_days(start, n);
        prop_assert!(d.date >= start);
        prop_assert_eq!(d.date.year(), NaiveDate::MAX.year());
    }
}
