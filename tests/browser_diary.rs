//! Browser tests for the diary storage (`store::diary`) against real IndexedDB in headless
//! Chromium: CRUD with blobs, undo, all-or-nothing imports, lossless export → wipe → import,
//! and databases written by every earlier schema version.
#![cfg(target_arch = "wasm32")]

use indexed_db_futures::database::Database;
use pos_helper::domain::case::{AttachmentMeta, Case, Event};
use pos_helper::store::db::{self, stores, SCHEMA_VERSION};
use pos_helper::store::diary::{bytes_to_blob, Diary, DiaryError, ImportFault, StoredAttachment};
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn unique_name(prefix: &str) -> String {
    format!("test-diary-{prefix}-{}", js_sys::Math::random().to_bits())
}

async fn delete(name: &str) {
    if let Ok(req) = Database::delete_by_name(name) {
        let _ = req.await;
    }
}

const HOSTILE: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>";

fn case(id: &str) -> Case {
    serde_json::from_value(json!({
        "id": id,
        "title": format!("POS 不到账 {HOSTILE}"),
        "device": {"brand": "某牌", "model": "P1", "sn": "SN123", "terminal_id": "T0001"},
        "purchase_date": "2026-03-01",
        "vendor": {"name": "代理商甲", "contacts": ["138 0000 0000"]},
        "acquirer": {"name": "某支付"},
        "merchant_no": "123456789012345",
        "status": "open",
        "remedy_wanted": "退还费用",
        "created_at": "2026-03-02T09:00:00",
        "updated_at": "2026-03-02T09:00:00"
    }))
    .unwrap()
}

fn event(id: &str, case_id: &str, day: u32, attachments: &[(&str, &str, usize)]) -> Event {
    let metas: Vec<AttachmentMeta> = attachments
        .iter()
        .map(|(aid, mime, size)| AttachmentMeta {
            id: (*aid).into(),
            name: format!("{aid}.bin"),
            mime: (*mime).into(),
            size: *size as u64,
            sha256: None,
            evidence: vec!["sales_slip".into()],
        })
        .collect();
    serde_json::from_value(json!({
        "id": id,
        "case_id": case_id,
        "at": format!("2026-03-{day:02}T10:30:00"),
        "kind": "call",
        "counterparty": "客服",
        "channel": "phone",
        "person": "王经理",
        "ticket_no": "GD-1",
        "said": format!("答应三天内处理 {HOSTILE}"),
        "promised_by": "2026-03-20",
        "amount_fen": 12345,
        "attachments": metas,
        "evidence": ["chat_records"]
    }))
    .unwrap()
}

/// Bytes 0..=255 repeated: every byte value, so any re-encoding would show.
fn payload(len: usize, seed: u8) -> Vec<u8> {
    (0..len).map(|i| (i as u8).wrapping_add(seed)).collect()
}

fn file(id: &str, event: &Event, mime: &str, bytes: &[u8]) -> StoredAttachment {
    StoredAttachment {
        id: id.into(),
        event_id: event.id.clone(),
        case_id: event.case_id.clone(),
        name: format!("{id}.bin"),
        mime: mime.into(),
        size: bytes.len() as u64,
        blob: bytes_to_blob(bytes, mime).unwrap(),
    }
}

/// Everything in the database, sorted, with attachment bytes: for before/after comparisons.
async fn snapshot(d: &Diary) -> (Vec<Case>, Vec<Event>, Vec<(String, String, Vec<u8>)>) {
    let mut cases = d.cases().await.unwrap();
    cases.sort_by(|a, b| a.id.cmp(&b.id));
    let mut events = d.all_events().await.unwrap();
    events.sort_by(|a, b| a.id.cmp(&b.id));
    let mut files = Vec::new();
    for a in d.all_attachments().await.unwrap() {
        files.push((a.id.clone(), a.event_id.clone(), a.bytes().await.unwrap()));
    }
    files.sort();
    (cases, events, files)
}

/// Two cases, three events, three attachments (one large).
async fn seed(d: &Diary) {
    d.put_case(&case("case-a")).await.unwrap();
    d.put_case(&case("case-b")).await.unwrap();
    let e1 = event(
        "ev-1",
        "case-a",
        3,
        &[
            ("att-1", "image/png", 300),
            ("att-2", "application/pdf", 70_000),
        ],
    );
    let f1 = file("att-1", &e1, "image/png", &payload(300, 1));
    let f2 = file("att-2", &e1, "application/pdf", &payload(70_000, 7));
    d.put_event(&e1, &[f1, f2]).await.unwrap();
    let e2 = event("ev-2", "case-a", 5, &[]);
    d.put_event(&e2, &[]).await.unwrap();
    let e3 = event("ev-3", "case-b", 4, &[("att-3", "image/jpeg", 10)]);
    let f3 = file("att-3", &e3, "image/jpeg", &payload(10, 200));
    d.put_event(&e3, &[f3]).await.unwrap();
}

#[wasm_bindgen_test]
async fn crud_of_cases_events_and_attachments() {
    let name = unique_name("crud");
    let d = Diary::open_named(&name).await.unwrap();
    seed(&d).await;

    // Read back.
    let a = d.case("case-a").await.unwrap().unwrap();
    assert!(a.title.contains(HOSTILE), "text is stored verbatim");
    assert!(
        a.updated_at > case("case-a").updated_at,
        "adding events bumps updated_at"
    );
    let mut evs = d.events_of("case-a").await.unwrap();
    evs.sort_by(|x, y| x.id.cmp(&y.id));
    assert_eq!(
        evs.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
        ["ev-1", "ev-2"]
    );
    let files = d.attachments_of_event("ev-1").await.unwrap();
    assert_eq!(files.len(), 2);
    let big = d.attachment("att-2").await.unwrap().unwrap();
    assert_eq!(big.mime, "application/pdf");
    assert_eq!(big.bytes().await.unwrap(), payload(70_000, 7));

    // Update: edit an event, drop one file; the file's blob goes with it.
    let mut e1 = d.event("ev-1").await.unwrap().unwrap();
    e1.said = "改过了".into();
    e1.attachments.retain(|m| m.id != "att-2");
    d.put_event(&e1, &[]).await.unwrap();
    assert_eq!(d.event("ev-1").await.unwrap().unwrap().said, "改过了");
    assert!(d.attachment("att-2").await.unwrap().is_none());
    assert!(d.attachment("att-1").await.unwrap().is_some());

    // Update a case.
    let mut b = d.case("case-b").await.unwrap().unwrap();
    b.status = pos_helper::domain::case::CaseStatus::Resolved;
    d.put_case(&b).await.unwrap();
    assert_eq!(d.case("case-b").await.unwrap().unwrap().status, b.status);

    // Invalid records are refused before anything is written.
    let mut bad = case("case-c");
    bad.title = String::new();
    assert!(matches!(
        d.put_case(&bad).await,
        Err(DiaryError::Invalid(_))
    ));
    assert!(d.case("case-c").await.unwrap().is_none());
    let orphan = event("ev-9", "no-such-case", 1, &[]);
    assert!(matches!(
        d.put_event(&orphan, &[]).await,
        Err(DiaryError::NotFound(_))
    ));

    // Delete an event, then undo.
    let before = snapshot(&d).await;
    let removed = d.delete_event("ev-1").await.unwrap();
    assert!(d.event("ev-1").await.unwrap().is_none());
    assert!(d.attachment("att-1").await.unwrap().is_none());
    d.restore(&removed).await.unwrap();
    let after = snapshot(&d).await;
    assert_eq!(before.1, after.1);
    assert_eq!(before.2, after.2, "undo restores the same bytes");

    // Delete a whole case, then undo.
    let removed = d.delete_case("case-a").await.unwrap();
    assert!(d.case("case-a").await.unwrap().is_none());
    assert!(d.events_of("case-a").await.unwrap().is_empty());
    assert!(d.attachment("att-1").await.unwrap().is_none());
    assert!(
        d.case("case-b").await.unwrap().is_some(),
        "other cases untouched"
    );
    d.restore(&removed).await.unwrap();
    let restored = snapshot(&d).await;
    assert_eq!(restored.1, after.1);
    assert_eq!(restored.2, after.2);

    d.close();
    delete(&name).await;
}

#[wasm_bindgen_test]
async fn export_wipe_import_is_lossless() {
    let name = unique_name("roundtrip");
    let d = Diary::open_named(&name).await.unwrap();
    seed(&d).await;
    let profile = pos_helper::domain::party::Profile {
        name: "张三".into(),
        trade_name: "张三便利店".into(),
        phone: "13800000000".into(),
        ..Default::default()
    };
    let json = d.export(None, Some(&profile)).await.unwrap();
    // Export stamps the cases; compare with what is stored after that.
    let before = snapshot(&d).await;
    assert!(before.0.iter().all(|c| c.last_exported_at.is_some()));

    d.wipe().await.unwrap();
    assert!(d.cases().await.unwrap().is_empty());
    let report = d.import(json.as_bytes()).await.unwrap();
    assert_eq!(
        (
            report.added_cases,
            report.added_events,
            report.added_attachments
        ),
        (2, 3, 3)
    );
    // The profile comes back for the page to store; the diary itself does not keep it.
    assert_eq!(report.profile, Some(profile));
    let after = snapshot(&d).await;
    // Records equal except the export stamp the backup was taken before.
    let strip = |mut cs: Vec<Case>| {
        cs.iter_mut().for_each(|c| c.last_exported_at = None);
        cs
    };
    assert_eq!(strip(before.0.clone()), strip(after.0.clone()));
    assert_eq!(before.1, after.1);
    assert_eq!(before.2, after.2, "attachments byte-identical, same owners");
    let mime = d.attachment("att-2").await.unwrap().unwrap().mime;
    assert_eq!(mime, "application/pdf");

    // Importing the same file again adds nothing.
    let again = d.import(json.as_bytes()).await.unwrap();
    assert_eq!(
        (
            again.added_cases,
            again.added_events,
            again.added_attachments
        ),
        (0, 0, 0)
    );
    assert_eq!(
        (
            again.skipped_cases,
            again.skipped_events,
            again.skipped_attachments
        ),
        (2, 3, 3)
    );

    // One case only.
    let one = d.export(Some("case-b"), None).await.unwrap();
    d.wipe().await.unwrap();
    let r = d.import(one.as_bytes()).await.unwrap();
    assert_eq!(
        (r.added_cases, r.added_events, r.added_attachments),
        (1, 1, 1)
    );
    assert_eq!(
        d.attachment("att-3")
            .await
            .unwrap()
            .unwrap()
            .bytes()
            .await
            .unwrap(),
        payload(10, 200)
    );

    // CSV has the BOM.
    let csv = d.events_csv(None).await.unwrap();
    assert_eq!(&csv[..3], b"\xEF\xBB\xBF");

    d.close();
    delete(&name).await;
}

#[wasm_bindgen_test]
async fn failed_imports_change_nothing() {
    let name = unique_name("atomic");
    let d = Diary::open_named(&name).await.unwrap();
    seed(&d).await;
    // A second database's backup, all new ids, to import on top.
    let other = unique_name("other");
    let o = Diary::open_named(&other).await.unwrap();
    o.put_case(&case("case-x")).await.unwrap();
    for i in 0..40 {
        let e = event(&format!("ev-x{i}"), "case-x", 1 + i % 28, &[]);
        o.put_event(&e, &[]).await.unwrap();
    }
    let ex = event("ev-xf", "case-x", 9, &[("att-x", "image/png", 5000)]);
    let fx = file("att-x", &ex, "image/png", &payload(5000, 3));
    o.put_event(&ex, &[fx]).await.unwrap();
    let incoming = o.export(None, None).await.unwrap();
    o.close();
    delete(&other).await;

    let before = snapshot(&d).await;

    // Malformed files: refused by validation, nothing written.
    let mut bad_files: Vec<Vec<u8>> = vec![
        incoming.as_bytes()[..incoming.len() / 2].to_vec(),
        incoming
            .replace("\"version\": 2", "\"version\": 99")
            .into_bytes(),
        incoming
            .replacen("\"at\": \"2026-03-", "\"at\": \"2026-13-", 1)
            .into_bytes(),
        incoming.replacen("\"ev-x3\"", "\"ev-x2\"", 1).into_bytes(),
        incoming
            .replace("\"data_base64\": \"", "\"data_base64\": \"!!")
            .into_bytes(),
        b"{\"format\": \"something-else\"}".to_vec(),
    ];
    // A file over the size limit.
    bad_files.push(vec![b' '; pos_helper::domain::backup::MAX_BACKUP_BYTES + 1]);
    for (i, bytes) in bad_files.iter().enumerate() {
        let result = d.import(bytes).await;
        assert!(
            matches!(result, Err(DiaryError::Backup(_))),
            "file {i}: {result:?}"
        );
        assert_eq!(snapshot(&d).await, before, "file {i} changed the database");
    }

    // A write that fails in the middle of the transaction: every record stays as it was.
    for n in [0, 1, 20, 41] {
        let fault = ImportFault {
            fail_after_records: Some(n),
        };
        let result = d.import_with(incoming.as_bytes(), fault).await;
        assert!(
            matches!(result, Err(DiaryError::Store(_))),
            "fault at {n}: {result:?}"
        );
        assert_eq!(snapshot(&d).await, before, "fault at {n} left partial data");
    }

    // And the same file without a fault goes in whole.
    let report = d.import(incoming.as_bytes()).await.unwrap();
    assert_eq!(
        (
            report.added_cases,
            report.added_events,
            report.added_attachments
        ),
        (1, 41, 1)
    );
    assert_eq!(d.cases().await.unwrap().len(), 3);
    d.close();
    delete(&name).await;
}

/// Fixtures per schema version: a database written with the records as version N stored
/// them opens in the current version with the diary reading every record intact.
#[wasm_bindgen_test]
async fn diary_records_from_every_schema_version_open_intact() {
    for old in 1..=SCHEMA_VERSION {
        let name = unique_name(&format!("v{old}"));
        let raw = db::open_at(&name, old).await.unwrap();
        // v1 had cases and events only; v2 added attachments.
        let c = case("case-old");
        let e = event("ev-old", "case-old", 2, &[]);
        db::put(&raw, stores::CASES, &c).await.unwrap();
        db::put(&raw, stores::EVENTS, &e).await.unwrap();
        // A v1-era event record without the later optional fields.
        let minimal = json!({"id": "ev-min", "case_id": "case-old", "at": "2026-01-01T00:00:00", "kind": "note"});
        db::put(&raw, stores::EVENTS, &minimal).await.unwrap();
        raw.close();

        let d = Diary::open_named(&name).await.unwrap();
        assert_eq!(d.database().version() as u32, SCHEMA_VERSION);
        assert_eq!(d.case("case-old").await.unwrap(), Some(c.clone()));
        let mut evs = d.events_of("case-old").await.unwrap();
        evs.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(evs.len(), 2, "schema v{old}");
        assert_eq!(evs[0].id, "ev-min");
        assert_eq!(evs[0].said, "", "missing optional fields read as defaults");
        assert_eq!(evs[1], e);
        // And it is writable with files after the upgrade.
        let e2 = event("ev-new", "case-old", 3, &[("att-new", "image/png", 4)]);
        let f = file("att-new", &e2, "image/png", &[1, 2, 3, 4]);
        d.put_event(&e2, &[f]).await.unwrap();
        d.close();
        delete(&name).await;
    }
}

#[wasm_bindgen_test]
async fn attachment_checksums_are_stored_and_verified_on_import() {
    use base64::Engine as _;
    use pos_helper::domain::backup::BackupError;
    use pos_helper::store::diary::sha256_hex;

    // The browser's SHA-256 (FIPS 180-2 test vector).
    assert_eq!(
        sha256_hex(b"abc").await.unwrap().as_deref(),
        Some("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    );

    let name = unique_name("sha");
    let d = Diary::open_named(&name).await.unwrap();
    seed(&d).await;
    // Storing a file records the SHA-256 of its bytes in the event.
    let e1 = d.event("ev-1").await.unwrap().unwrap();
    let want = sha256_hex(&payload(300, 1)).await.unwrap().unwrap();
    assert_eq!(e1.attachments[0].sha256.as_deref(), Some(want.as_str()));
    assert!(e1.attachments.iter().all(|m| m.sha256.is_some()));
    // An edit made from a copy without the hash keeps the stored one.
    let mut copy = e1.clone();
    copy.attachments.iter_mut().for_each(|m| m.sha256 = None);
    copy.said = "补充说明".into();
    d.put_event(&copy, &[]).await.unwrap();
    assert_eq!(
        d.event("ev-1").await.unwrap().unwrap().attachments,
        e1.attachments
    );

    let json = d.export(None, None).await.unwrap();
    let original: serde_json::Value = serde_json::from_str(&json).unwrap();
    let target = unique_name("sha-target");
    let t = Diary::open_named(&target).await.unwrap();
    t.put_case(&case("case-keep")).await.unwrap();
    let before = snapshot(&t).await;

    // 1. One file's bytes changed (same size, valid base64): refused, nothing written.
    let mut tampered = original.clone();
    let entry = tampered["attachments"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|a| a["id"] == "att-2")
        .unwrap();
    let mut bytes = base64::engine::general_purpose::STANDARD
        .decode(entry["data_base64"].as_str().unwrap())
        .unwrap();
    bytes[40_000] ^= 0x01;
    entry["data_base64"] = base64::engine::general_purpose::STANDARD
        .encode(&bytes)
        .into();
    let err = t.import(tampered.to_string().as_bytes()).await.unwrap_err();
    let DiaryError::Backup(problems) = &err else {
        panic!("expected a backup error, got {err:?}");
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        matches!(&problems[0], BackupError::ChecksumMismatch { id, expected, .. }
            if id == "att-2" && *expected == e1.attachments[1].sha256.clone().unwrap()),
        "{problems:?}"
    );
    let message = problems[0].message();
    assert!(message.zh.contains("校验") && message.en.contains("SHA-256"));
    assert_eq!(
        snapshot(&t).await,
        before,
        "a refused import writes nothing"
    );

    // 2. The recorded hash changed instead: refused the same way.
    let mut forged = original.clone();
    forged["events"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["id"] == "ev-3")
        .unwrap()["attachments"][0]["sha256"] = "0".repeat(64).into();
    assert!(matches!(
        t.import(forged.to_string().as_bytes()).await,
        Err(DiaryError::Backup(p)) if matches!(&p[..], [BackupError::ChecksumMismatch { id, .. }] if id == "att-3")
    ));
    assert_eq!(snapshot(&t).await, before);

    // 3. The untouched backup imports, hashes and bytes intact.
    let report = t.import(json.as_bytes()).await.unwrap();
    assert_eq!(report.added_attachments, 3);
    assert_eq!(
        t.event("ev-1").await.unwrap().unwrap().attachments,
        e1.attachments
    );

    d.close();
    t.close();
    delete(&name).await;
    delete(&target).await;
}

/// Reading all events gives every record exactly once, in key order, whether the store is read
/// in one request or in concurrent key-range chunks (from 2,000 records), at sizes around the
/// threshold and not divisible by the chunk count.
#[wasm_bindgen_test]
async fn all_events_reads_every_record_once_in_key_order() {
    let name = unique_name("chunks");
    let d = Diary::open_named(&name).await.unwrap();
    let at = chrono::NaiveDate::from_ymd_opt(2026, 3, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let cases = vec![case("case-z")];
    // Ids inserted out of key order (7919 is coprime with 10007, so all are distinct).
    let all: Vec<Event> = (0..4099usize)
        .map(|i| {
            let mut e = event(
                &format!("e-{:05}", (i * 7919) % 10007),
                "case-z",
                1 + (i % 28) as u32,
                &[],
            );
            e.said = format!("第{i}条");
            e
        })
        .collect();
    let mut imported = 0;
    // 1999 and 2000: one request; 2001: chunks cut at 2000 records; 4099 twice: chunks cut
    // for 2001, then for 4099; then an empty store read with stale cuts.
    for upto in [1999, 2000, 2001, 4099, 4099] {
        if upto > imported {
            let text = pos_helper::domain::backup::export_backup(
                at,
                &cases,
                &all[imported..upto],
                &[],
                None,
            );
            d.import(text.as_bytes()).await.unwrap();
        }
        imported = upto;
        let mut expected: Vec<Event> = all[..upto].to_vec();
        expected.sort_by(|a, b| a.id.cmp(&b.id));
        let got = d.all_events().await.unwrap();
        assert_eq!(got.len(), upto, "count at {upto}");
        assert!(got == expected, "records or order differ at {upto}");
    }
    d.wipe().await.unwrap();
    assert_eq!(d.all_events().await.unwrap(), vec![]);
    d.close();
    delete(&name).await;
}

/// Opening a case reads the case and exactly its events (one transaction); a missing case is
/// `None`, not an error.
#[wasm_bindgen_test]
async fn case_with_events_reads_the_case_and_only_its_events() {
    let name = unique_name("open-case");
    let d = Diary::open_named(&name).await.unwrap();
    seed(&d).await;
    let (case_a, mut events) = d.case_with_events("case-a").await.unwrap().unwrap();
    assert_eq!(case_a, d.case("case-a").await.unwrap().unwrap());
    events.sort_by(|a, b| a.id.cmp(&b.id));
    let ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["ev-1", "ev-2"]);
    assert_eq!(events, {
        let mut v = d.events_of("case-a").await.unwrap();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    });
    assert!(d.case_with_events("no-such-case").await.unwrap().is_none());
    d.close();
    delete(&name).await;
}

/// "Add to diary" writes a case and its first event together: both are there after one call,
/// an existing case is updated with the new event, and a call that fails validation (bad
/// event, files listed, event of another case) writes neither record.
#[wasm_bindgen_test]
async fn add_case_with_event_writes_both_or_neither() {
    let name = unique_name("case-and-event");
    let d = Diary::open_named(&name).await.unwrap();

    // A new case with its first event.
    let new_case = case("case-new");
    let first = event("ev-new", "case-new", 6, &[]);
    d.add_case_with_event(&new_case, &first).await.unwrap();
    let stored = d
        .case("case-new")
        .await
        .unwrap()
        .expect("the case is written");
    assert_eq!(stored.title, new_case.title);
    assert!(
        stored.updated_at > new_case.updated_at,
        "the new event bumps updated_at"
    );
    assert_eq!(d.event("ev-new").await.unwrap(), Some(first.clone()));
    assert_eq!(d.events_of("case-new").await.unwrap(), vec![first.clone()]);

    // An existing case, changed (the acquirer), with a second event.
    let mut changed = stored.clone();
    changed.acquirer.name = "另一家支付".into();
    let second = event("ev-second", "case-new", 7, &[]);
    d.add_case_with_event(&changed, &second).await.unwrap();
    assert_eq!(
        d.case("case-new").await.unwrap().unwrap().acquirer.name,
        "另一家支付"
    );
    assert_eq!(d.events_of("case-new").await.unwrap().len(), 2);

    let before = snapshot(&d).await;

    // An invalid event: the case would be valid, but nothing is written.
    let mut bad = event("ev-bad", "case-bad", 8, &[]);
    bad.said = "很长".repeat(20_000);
    match d.add_case_with_event(&case("case-bad"), &bad).await {
        Err(DiaryError::Invalid(errors)) => {
            assert!(errors.iter().any(|e| e.field == "said"), "{errors:?}")
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert!(
        d.case("case-bad").await.unwrap().is_none(),
        "no case without its event"
    );
    assert!(d.event("ev-bad").await.unwrap().is_none());

    // An invalid event for an existing case leaves the case as it was.
    let mut bad_for_existing = event("ev-bad-2", "case-new", 8, &[]);
    bad_for_existing.id = String::new();
    let mut renamed = changed.clone();
    renamed.title = "不应保存的标题".into();
    assert!(matches!(
        d.add_case_with_event(&renamed, &bad_for_existing).await,
        Err(DiaryError::Invalid(_))
    ));

    // Files are not written this way; an event of another case is refused.
    let with_files = event("ev-files", "case-files", 8, &[("att-x", "image/png", 3)]);
    assert!(matches!(
        d.add_case_with_event(&case("case-files"), &with_files)
            .await,
        Err(DiaryError::Invalid(_))
    ));
    let elsewhere = event("ev-elsewhere", "case-other", 8, &[]);
    assert!(matches!(
        d.add_case_with_event(&case("case-here"), &elsewhere).await,
        Err(DiaryError::NotFound(_))
    ));

    assert_eq!(snapshot(&d).await, before, "failed calls wrote nothing");
    d.close();
    delete(&name).await;
}
