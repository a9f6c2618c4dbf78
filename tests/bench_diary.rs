//! Diary benchmark (prints numbers; not a pass/fail test). Run with `scripts/bench-diary`.
//! 10,000 events with 100 attachments: import, case open, search per query, export, and the
//! same bulk insert/read done from JavaScript directly on IndexedDB in the same Chromium run.
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

#[wasm_bindgen(inline_js = r#"
export function js_baseline(name, eventsJson, blobs) {
  // The same records, written and read back by plain JavaScript over IndexedDB
  // (one readwrite transaction, requests back to back, wait for complete).
  const events = JSON.parse(eventsJson);
  const p = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      const db = open.result;
      db.createObjectStore('events', { keyPath: 'id' }).createIndex('by_case', 'case_id');
      db.createObjectStore('attachments', { keyPath: 'id' });
    };
    open.onerror = () => reject(open.error);
    open.onsuccess = async () => {
      const db = open.result;
      const t0 = performance.now();
      const tx = db.transaction(['events', 'attachments'], 'readwrite');
      const es = tx.objectStore('events');
      for (const e of events) es.put(e);
      const as = tx.objectStore('attachments');
      blobs.forEach((b, i) => as.put({ id: 'a' + i, blob: b }));
      await new Promise((res, rej) => { tx.oncomplete = res; tx.onerror = () => rej(tx.error); });
      const t1 = performance.now();
      const rtx = db.transaction('events');
      const some = await p(rtx.objectStore('events').index('by_case').getAll('case-0'));
      const t2 = performance.now();
      const all = await p(db.transaction('events').objectStore('events').getAll());
      const t3 = performance.now();
      db.close();
      resolve([t1 - t0, t2 - t1, t3 - t2, some.length + all.length]);
    };
  });
}
"#)]
extern "C" {
    fn js_baseline(name: &str, events_json: &str, blobs: js_sys::Array) -> js_sys::Promise;
}

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
    let (cases, events, files) = data(100, 10_000, 100);
    let text = export_backup(
        chrono::NaiveDate::from_ymd_opt(2025, 6, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap(),
        &cases,
        &events,
        &files,
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
    let out = d.export(None).await.unwrap();
    let export_ms = ms() - t;

    // Same inserts/reads from JS, same records (events as JSON → plain objects; blobs).
    let events_json = serde_json::to_string(&events).unwrap();
    let blobs = js_sys::Array::new();
    for f in &files {
        blobs.push(&pos_helper::store::diary::bytes_to_blob(&f.data, &f.mime).unwrap());
    }
    let js_name = format!("bench-js-{}", js_sys::Math::random().to_bits());
    let r = JsFuture::from(js_baseline(&js_name, &events_json, blobs))
        .await
        .unwrap();
    let r: Vec<f64> = js_sys::Array::from(&r)
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();

    // Rust: same bulk insert through the storage module (validated records, one transaction).
    let name2 = format!("bench-rs-{}", js_sys::Math::random().to_bits());
    let d2 = Diary::open_named(&name2).await.unwrap();
    let validated = pos_helper::domain::backup::validate_backup(text.as_bytes()).unwrap();
    let t = ms();
    d2.import_validated(&validated, Default::default())
        .await
        .unwrap();
    let rs_insert_ms = ms() - t;
    let t = ms();
    let _ = d2.events_of("case-0").await.unwrap();
    let rs_case_ms = ms() - t;
    let t = ms();
    let _ = d2.all_events().await.unwrap();
    let rs_all_ms = ms() - t;

    let line = format!(
        "BENCH diary (10,000 events, 100 cases, 100 attachments × 50 KB, backup {:.1} MB)\n\
         import (parse+validate+write, one tx): {import_ms:.0} ms\n\
         case open (index read of 100 events + timeline sort): {open_ms:.1} ms\n\
         load all cases+events (list/search data): {load_all_ms:.0} ms\n\
         search per query (prebuilt index, {} queries, {hits} hits): {search_ms:.2} ms; with index build: {search_cold_ms:.1} ms\n\
         export everything: {export_ms:.0} ms ({:.1} MB)\n\
         bulk insert 10,000 events + 100 blobs: Rust store {rs_insert_ms:.0} ms vs JS {:.0} ms → ratio {:.2}\n\
         read one case (index getAll): Rust {rs_case_ms:.1} ms vs JS {:.1} ms → ratio {:.2}\n\
         read all 10,000 events: Rust {rs_all_ms:.0} ms vs JS {:.0} ms → ratio {:.2}",
        text.len() as f64 / 1e6, queries.len(), out.len() as f64 / 1e6,
        r[0], rs_insert_ms / r[0], r[1], rs_case_ms / r[1].max(0.1), r[2], rs_all_ms / r[2].max(0.1)
    );
    web_sys::console::log_1(&line.clone().into());
    wasm_bindgen_test::console_log!("{line}");
    d.close();
    d2.close();
    for n in [name, name2, js_name] {
        if let Ok(req) = Database::delete_by_name(&n) {
            let _ = req.await;
        }
    }
}
