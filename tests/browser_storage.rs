//! Browser tests (wasm-bindgen-test in headless Chromium) for the storage layer:
//! real IndexedDB and LocalStorage. Run by scripts/test.
#![cfg(target_arch = "wasm32")]

use indexed_db_futures::database::Database;
use pos_helper::domain::text::Lang;
use pos_helper::store::db::{self, stores, StoreError, SCHEMA_VERSION};
use pos_helper::store::settings::{self, Settings};
use serde::{Deserialize, Serialize};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh database name per test, so tests never see each other's data.
fn unique_name(prefix: &str) -> String {
    format!("test-{prefix}-{}", js_sys::Math::random().to_bits())
}

async fn delete(name: &str) {
    if let Ok(req) = Database::delete_by_name(name) {
        let _ = req.await;
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct CaseFixture {
    id: String,
    title: String,
    sn: String,
}

#[wasm_bindgen_test]
async fn opens_at_current_version_with_every_store() {
    let name = unique_name("open");
    let db = db::open_at(&name, SCHEMA_VERSION).await.expect("open");
    assert_eq!(db.version() as u32, SCHEMA_VERSION);
    let mut names = db::store_names(&db);
    names.sort();
    assert_eq!(
        names,
        vec![
            stores::ATTACHMENTS,
            stores::CASES,
            stores::EVENTS,
            stores::LICENCE_LISTS,
            stores::META
        ]
    );
    db.close();
    delete(&name).await;
}

#[wasm_bindgen_test]
async fn writes_and_reads_back_records() {
    let name = unique_name("rw");
    let db = db::open_at(&name, SCHEMA_VERSION).await.expect("open");
    let case = CaseFixture {
        id: "case-1".into(),
        title: "POS 签到失败 <script>alert(1)</script>".into(),
        sn: "SN-00012345".into(),
    };
    db::put(&db, stores::CASES, &case).await.expect("put");
    let back: Option<CaseFixture> = db::get(&db, stores::CASES, "case-1").await.expect("get");
    assert_eq!(back, Some(case.clone()));
    let missing: Option<CaseFixture> = db::get(&db, stores::CASES, "nope").await.expect("get");
    assert_eq!(missing, None);

    // Upsert by key path: a second put replaces, never duplicates.
    let renamed = CaseFixture {
        title: "已改名".into(),
        ..case
    };
    db::put(&db, stores::CASES, &renamed)
        .await
        .expect("put again");
    let all: Vec<CaseFixture> = db::get_all(&db, stores::CASES).await.expect("get_all");
    assert_eq!(all, vec![renamed]);

    db::put_meta(&db, "last_export", "2026-11-23T10:00:00")
        .await
        .expect("meta");
    let meta: Option<String> = db::get_meta(&db, "last_export").await.expect("meta get");
    assert_eq!(meta.as_deref(), Some("2026-11-23T10:00:00"));
    db.close();

    // The data outlives the connection.
    let db = db::open_at(&name, SCHEMA_VERSION).await.expect("reopen");
    let all: Vec<CaseFixture> = db::get_all(&db, stores::CASES).await.expect("get_all");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].title, "已改名");
    db.close();
    delete(&name).await;
}

#[wasm_bindgen_test]
async fn upgrades_every_older_version_keeping_its_data() {
    // For each earlier schema version: write a database as that version wrote it,
    // then open it with the current code. Every record must survive.
    for old in 1..SCHEMA_VERSION {
        let name = unique_name(&format!("up{old}"));
        let db = db::open_at(&name, old).await.expect("open old");
        assert_eq!(db.version() as u32, old);
        let fixture = CaseFixture {
            id: format!("case-v{old}"),
            title: format!("written by schema v{old}"),
            sn: "SN-1".into(),
        };
        db::put(&db, stores::CASES, &fixture)
            .await
            .expect("put old");
        db::put_meta(&db, "written_by", old)
            .await
            .expect("meta old");
        db.close();

        let db = db::open().await.map(|d| d.close());
        assert!(db.is_ok(), "the app's own database opens");

        let db = db::open_at(&name, SCHEMA_VERSION).await.expect("upgrade");
        assert_eq!(db.version() as u32, SCHEMA_VERSION);
        let back: Option<CaseFixture> = db::get(&db, stores::CASES, &fixture.id)
            .await
            .expect("get after upgrade");
        assert_eq!(back, Some(fixture));
        let meta: Option<u32> = db::get_meta(&db, "written_by").await.expect("meta");
        assert_eq!(meta, Some(old));
        // Stores added by later steps exist and are usable.
        db::put(
            &db,
            stores::LICENCE_LISTS,
            &CaseFixture {
                id: "list-1".into(),
                title: "imported".into(),
                sn: String::new(),
            },
        )
        .await
        .expect("new store usable");
        db.close();
        delete(&name).await;
    }
}

#[wasm_bindgen_test]
async fn refuses_versions_outside_the_schema() {
    let name = unique_name("bad");
    assert!(matches!(
        db::open_at(&name, 0).await,
        Err(StoreError::Open(_))
    ));
    assert!(matches!(
        db::open_at(&name, SCHEMA_VERSION + 1).await,
        Err(StoreError::Open(_))
    ));
}

#[wasm_bindgen_test]
fn settings_round_trip_through_local_storage() {
    assert!(settings::available());
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item(settings::KEY).unwrap();
    assert_eq!(settings::load(), Settings::default());

    settings::save_lang(Lang::En).expect("save");
    assert_eq!(settings::load().lang, Some(Lang::En));
    let raw = storage.get_item(settings::KEY).unwrap().unwrap();
    assert!(raw.contains("\"en\""), "stored as JSON: {raw}");

    settings::save_lang(Lang::Zh).expect("save");
    assert_eq!(settings::load().lang, Some(Lang::Zh));

    // Garbage in storage falls back to defaults instead of breaking start-up.
    storage.set_item(settings::KEY, "{not json").unwrap();
    assert_eq!(settings::load(), Settings::default());
    storage.remove_item(settings::KEY).unwrap();
}
