//! Diary benchmark (prints numbers; not a pass/fail test). Run with `scripts/bench-diary`.
//! 10,000 events with 100 attachments: import, case open, search per query, export, and the
//! same inserts/reads done with the npm `idb` library in the same Chromium run, as ratios.
#![cfg(target_arch = "wasm32")]

use indexed_db_futures::database::Database;
use pos_helper::domain::backup::{export_backup, AttachmentBlob};
use pos_helper::domain::case::{search, timeline, Case, Event, SearchQuery, TimelineOrder};
use pos_helper::store::diary::Diary;
use serde_json::json;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// The `idb` library (npm, pinned in package.json) is compiled in from node_modules: run
// `scripts/install` (or `npm ci`) first. Its UMD build defines `globalThis.idb`.
/// The installed idb's package.json (its version is printed with the numbers).
const IDB_PACKAGE: &str = include_str!("../node_modules/idb/package.json");
const IDB_UMD: &str = include_str!("../node_modules/idb/build/umd.js");

#[wasm_bindgen(inline_js = r#"
let idb;
export function idb_load(src) {
  if (!idb) { new Function(src).call(globalThis); idb = globalThis.idb; }
  return typeof idb.openDB === 'function';
}
// The same schema as the app's (stores, key paths, indexes), written with idb.
export function idb_open(name) {
  return idb.openDB(name, 1, {
    upgrade(db) {
      db.createObjectStore('cases', { keyPath: 'id' });
      db.createObjectStore('events', { keyPath: 'id' }).createIndex('by_case', 'case_id');
      db.createObjectStore('attachments', { keyPath: 'id' }).createIndex('by_event', 'event_id');
    },
  });
}
// Bulk insert in one readwrite transaction, the idiomatic idb way (all puts, then tx.done).
// Records arrive as JSON and are parsed before the clock starts.
export async function idb_insert(db, casesJson, eventsJson, blobs, blobEvents) {
  const cases = JSON.parse(casesJson), events = JSON.parse(eventsJson);
  const caseOf = new Map(events.map((e) => [e.id, e.case_id]));
  const atts = blobs.map((b, i) => ({ id: 'att-' + i, event_id: blobEvents[i], case_id: caseOf.get(blobEvents[i]),
    name: 'slip.jpg', mime: b.type, size: b.size, blob: b }));
  const t0 = performance.now();
  const tx = db.transaction(['cases', 'events', 'attachments'], 'readwrite');
  const cs = tx.objectStore('cases'), es = tx.objectStore('events'), as = tx.objectStore('attachments');
  await Promise.all([...cases.map((c) => cs.put(c)), ...events.map((e) => es.put(e)), ...atts.map((a) => as.put(a)), tx.done]);
  return performance.now() - t0;
}
// Open one case: the case record and its events through the by_case index, both requests in
// one transaction (as the Rust side does).
export async function idb_read_case(db, id) {
  const t0 = performance.now();
  const tx = db.transaction(['cases', 'events']);
  const [c, evs] = await Promise.all([tx.objectStore('cases').get(id), tx.objectStore('events').index('by_case').getAll(id)]);
  return [performance.now() - t0, c ? evs.length : -1];
}
// Everything the case list and search need.
export async function idb_read_all(db) {
  const t0 = performance.now();
  const cs = await db.getAll('cases');
  const evs = await db.getAll('events');
  return [performance.now() - t0, cs.length + evs.length];
}
// Every attachment with its bytes, all blobs read at once (what an export does).
export async function idb_read_files(db) {
  const t0 = performance.now();
  const atts = await db.getAll('attachments');
  const buffers = await Promise.all(atts.map((a) => a.blob.arrayBuffer()));
  let n = 0;
  for (const b of buffers) n += new Uint8Array(b).length;
  return [performance.now() - t0, n];
}
"#)]
extern "C" {
    fn idb_load(src: &str) -> bool;
    fn idb_open(name: &str) -> js_sys::Promise;
    fn idb_insert(
        db: &JsValue,
        cases_json: &str,
        events_json: &str,
        blobs: js_sys::Array,
        blob_events: js_sys::Array,
    ) -> js_sys::Promise;
    fn idb_read_case(db: &JsValue, id: &str) -> js_sys::Promise;
    fn idb_read_all(db: &JsValue) -> js_sys::Promise;
    fn idb_read_files(db: &JsValue) -> js_sys::Promise;
}

/// `[ms, count]` from an idb timing function.
async fn timed(p: js_sys::Promise) -> (f64, f64) {
    let r = js_sys::Array::from(&JsFuture::from(p).await.unwrap());
    (r.get(0).as_f64().unwrap(), r.get(1).as_f64().unwrap())
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Repeats of each read (alternating Rust and idb); the median is reported.
const REPEATS: usize = 7;
/// Repeats of the (short) case read, whose times are around a millisecond.
const CASE_REPEATS: usize = 25;

fn ms() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

fn data(
    n_cases: usize,
    n_events: usize,
    n_files: usize,
) -> (Vec<Case>, Vec<Event>, Vec<AttachmentBlob>) {
    let kinds = [
        "fault",
        "call",
        "message",
        "visit",
        "repair",
        "charge",
        "letter_sent",
        "reply_received",
        "note",
    ];
    let cases: Vec<Case> = (0..n_cases)
        .map(|i| {
            serde_json::from_value(json!({
                "id": format!("case-{i}"), "title": format!("案件{i} POS 不到账"),
                "vendor": {"name": format!("代理商{i}")},
                "created_at": "2025-01-01T08:00:00", "updated_at": "2025-01-02T08:00:00"
            }))
            .unwrap()
        })
        .collect();
    let mut files = Vec::new();
    let events: Vec<Event> = (0..n_events)
        .map(|i| {
            let mut atts = vec![];
            if i % (n_events / n_files) == 0 && files.len() < n_files {
                let id = format!("att-{i}");
                let bytes: Vec<u8> = (0..50_000).map(|k| (k * 7 + i) as u8).collect();
                atts.push(json!({"id": id, "name": "slip.jpg", "mime": "image/jpeg", "size": bytes.len()}));
                files.push(AttachmentBlob { id, name: "slip.jpg".into(), mime: "image/jpeg".into(), data: bytes });
            }
            serde_json::from_value(json!({
                "id": format!("ev-{i}"), "case_id": format!("case-{}", i % n_cases),
                "at": format!("2025-{:02}-{:02}T{:02}:00:00", 1 + i % 12, 1 + i % 28, i % 24),
                "kind": kinds[i % kinds.len()], "counterparty": "客服", "person": format!("工号{}", i % 97),
                "ticket_no": format!("GD{i:06}"),
                "said": format!("第{i}次联系，对方说会在三个工作日内处理，终端号 T{:05}", i % 1000),
                "attachments": atts
            })).unwrap()
        })
        .collect();
    (cases, events, files)
}

#[wasm_bindgen_test]
async fn bench_diary() {
    let (cases, mut events, files) = data(100, 10_000, 100);
    // Files carry their SHA-256, as stored ones do, so the import verifies all 100.
    for f in &files {
        let hash = pos_helper::store::diary::sha256_hex(&f.data).await.unwrap();
        for e in events.iter_mut() {
            for a in e.attachments.iter_mut().filter(|a| a.id == f.id) {
                a.sha256 = hash.clone();
            }
        }
    }
    let text = export_backup(
        chrono::NaiveDate::from_ymd_opt(2025, 6, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap(),
        &cases,
        &events,
        &files,
        None,
    );
    let name = format!("bench-{}", js_sys::Math::random().to_bits());
    let d = Diary::open_named(&name).await.unwrap();

    let t = ms();
    let report = d.import(text.as_bytes()).await.unwrap();
    let import_ms = ms() - t;
    assert_eq!(report.added_events, 10_000);

    let t = ms();
    let evs = d.events_of("case-0").await.unwrap();
    let case = d.case("case-0").await.unwrap();
    let tl = timeline(&evs, "case-0", TimelineOrder::NewestFirst);
    let open_ms = ms() - t;
    assert!(case.is_some() && tl.len() == 100);

    let t = ms();
    let all_cases = d.cases().await.unwrap();
    let all_events = d.all_events().await.unwrap();
    let load_all_ms = ms() - t;

    let index = pos_helper::domain::case::SearchIndex::build(&all_cases, &all_events);
    let queries = [
        "不到账",
        "gd000123",
        "工号5 三个工作日",
        "t00999",
        "没有这个词",
    ];
    let t = ms();
    let mut hits = 0;
    for q in queries {
        let r = index.search(
            &all_cases,
            &all_events,
            &SearchQuery {
                text: q.into(),
                ..Default::default()
            },
        );
        hits += r.events.len();
    }
    let search_ms = (ms() - t) / queries.len() as f64;
    let t = ms();
    let _ = search(
        &all_cases,
        &all_events,
        &SearchQuery {
            text: "不到账".into(),
            ..Default::default()
        },
    );
    let search_cold_ms = ms() - t;

    let t = ms();
    let out = d.export(None, None).await.unwrap();
    let export_ms = ms() - t;

    // The same inserts/reads with the `idb` library, and again through the storage module into
    // a fresh database, in the same Chromium run.
    assert!(idb_load(IDB_UMD), "idb did not load");
    let blobs = js_sys::Array::new();
    let blob_events = js_sys::Array::new();
    for f in &files {
        blobs.push(&pos_helper::store::diary::bytes_to_blob(&f.data, &f.mime).unwrap());
        let owner = events
            .iter()
            .find(|e| e.attachments.iter().any(|a| a.id == f.id))
            .unwrap();
        blob_events.push(&owner.id.as_str().into());
    }
    let js_name = format!("bench-idb-{}", js_sys::Math::random().to_bits());
    let jdb = JsFuture::from(idb_open(&js_name)).await.unwrap();
    let cases_json = serde_json::to_string(&cases).unwrap();
    let events_json = serde_json::to_string(&events).unwrap();
    let idb_insert_ms = JsFuture::from(idb_insert(
        &jdb,
        &cases_json,
        &events_json,
        blobs,
        blob_events,
    ))
    .await
    .unwrap()
    .as_f64()
    .unwrap();

    let name2 = format!("bench-rs-{}", js_sys::Math::random().to_bits());
    let d2 = Diary::open_named(&name2).await.unwrap();
    let validated = pos_helper::domain::backup::validate_backup(text.as_bytes()).unwrap();
    let t = ms();
    d2.import_validated(&validated, Default::default())
        .await
        .unwrap();
    let rs_insert_ms = ms() - t;

    // Reads alternate Rust and idb. Both are timed from Rust around the awaited call, so both
    // include handing the result back to the caller; idb's own in-JavaScript timing (which
    // leaves that out) is printed too.
    let (mut rs_case, mut js_case, mut js_case_in) = (vec![], vec![], vec![]);
    for i in 0..CASE_REPEATS {
        let id = format!("case-{}", i * 13 % 100);
        let t = ms();
        let (c, evs) = d2.case_with_events(&id).await.unwrap().unwrap();
        rs_case.push(ms() - t);
        let t = ms();
        let (j, n) = timed(idb_read_case(&jdb, &id)).await;
        js_case.push(ms() - t);
        js_case_in.push(j);
        assert!(c.id == id && evs.len() == 100 && n == 100.0);
    }
    let (mut rs_all, mut js_all, mut js_all_in, mut rs_files, mut js_files, mut js_files_in) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for _ in 0..REPEATS {
        let t = ms();
        let n_rs = d2.cases().await.unwrap().len() + d2.all_events().await.unwrap().len();
        rs_all.push(ms() - t);
        let t = ms();
        let (j, n) = timed(idb_read_all(&jdb)).await;
        js_all.push(ms() - t);
        js_all_in.push(j);
        assert!(n_rs == 10_100 && n == 10_100.0);

        let t = ms();
        // As the export reads them: every blob at once, then copied into wasm memory.
        let atts = d2.all_attachments().await.unwrap();
        let blobs: Vec<&web_sys::Blob> = atts.iter().map(|a| &a.blob).collect();
        let bytes: usize = pos_helper::store::diary::blobs_bytes(&blobs)
            .await
            .unwrap()
            .iter()
            .map(Vec::len)
            .sum();
        rs_files.push(ms() - t);
        let t = ms();
        let (j, n) = timed(idb_read_files(&jdb)).await;
        js_files.push(ms() - t);
        js_files_in.push(j);
        assert!(bytes == 5_000_000 && n == 5_000_000.0);
    }
    let (rs_case, js_case, js_case_in) = (median(rs_case), median(js_case), median(js_case_in));
    let (rs_all, js_all, js_all_in) = (median(rs_all), median(js_all), median(js_all_in));
    let (rs_files, js_files, js_files_in) =
        (median(rs_files), median(js_files), median(js_files_in));

    let idb_version: serde_json::Value = serde_json::from_str(IDB_PACKAGE).unwrap();
    let idb_version = idb_version["version"].as_str().unwrap_or("?").to_owned();
    let line = format!(
        "BENCH diary (10,000 events, 100 cases, 100 attachments × 50 KB, backup {:.1} MB)\n\
         import (parse+validate+verify SHA-256+write, one tx): {import_ms:.0} ms\n\
         case open (index read of 100 events + timeline sort): {open_ms:.1} ms\n\
         load all cases+events (list/search data): {load_all_ms:.0} ms\n\
         search per query (prebuilt index, {} queries, {hits} hits): {search_ms:.2} ms; with index build: {search_cold_ms:.1} ms\n\
         export everything: {export_ms:.0} ms ({:.1} MB)\n\
         vs npm idb {idb_version} in the same run (median of {CASE_REPEATS} case reads and {REPEATS} of the others; ratio = Rust / idb, both timed from the caller; idb's in-JS time in brackets):\n\
         bulk insert 100 cases + 10,000 events + 100 blobs: Rust {rs_insert_ms:.0} ms vs idb {idb_insert_ms:.0} ms → ratio {:.2}\n\
         read one case (case + index getAll in one transaction, 100 events): Rust {rs_case:.2} ms vs idb {js_case:.2} ms [{js_case_in:.2}] → ratio {:.2} [{:.2}]\n\
         read all (100 cases + 10,000 events): Rust {rs_all:.1} ms vs idb {js_all:.1} ms [{js_all_in:.1}] → ratio {:.2} [{:.2}]\n\
         read all files with bytes (100 × 50 KB): Rust {rs_files:.1} ms vs idb {js_files:.1} ms [{js_files_in:.1}] → ratio {:.2} [{:.2}]",
        text.len() as f64 / 1e6, queries.len(), out.len() as f64 / 1e6,
        rs_insert_ms / idb_insert_ms,
        rs_case / js_case.max(0.01), rs_case / js_case_in.max(0.01),
        rs_all / js_all.max(0.01), rs_all / js_all_in.max(0.01),
        rs_files / js_files.max(0.01), rs_files / js_files_in.max(0.01)
    );
    wasm_bindgen_test::console_log!("{line}");
    d.close();
    d2.close();
    let _ = js_sys::Reflect::get(&jdb, &"close".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .map(|f| f.call0(&jdb));
    for n in [name, name2, js_name] {
        if let Ok(req) = Database::delete_by_name(&n) {
            let _ = req.await;
        }
    }
}
