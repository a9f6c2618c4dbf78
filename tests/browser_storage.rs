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

/// Records the [`db::DbNotice`]s raised from now on.
fn collect_notices() -> std::rc::Rc<std::cell::RefCell<Vec<db::DbNotice>>> {
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let sink = seen.clone();
    db::on_notice(move |n| sink.borrow_mut().push(n));
    seen
}

/// Resolves after `ms` milliseconds (lets queued IndexedDB events run).
async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

/// Two tabs: a newer build upgrading the database is not held up by this one's open
/// connection, which closes itself on `versionchange` and says so.
#[wasm_bindgen_test]
async fn an_upgrade_elsewhere_closes_this_connection_instead_of_hanging() {
    let name = unique_name("vchange");
    let seen = collect_notices();
    let ours = db::open_at(&name, SCHEMA_VERSION).await.expect("open");
    // "The other tab": a later schema version. If our connection stayed open, this open
    // would be blocked and never resolve; the race with a timer makes that a failure.
    let upgrade = async {
        Database::open(&name)
            .with_version(SCHEMA_VERSION + 1)
            .await
            .map(|db| db.close())
            .is_ok()
    };
    let timeout = async {
        sleep(5_000).await;
        false
    };
    race_upgrade_against_timeout(upgrade, timeout).await;
    assert!(
        seen.borrow().contains(&db::DbNotice::ClosedElsewhere),
        "notices: {:?}",
        seen.borrow()
    );
    // This build now meets a database from a newer version: a clear error, nothing changed.
    assert_eq!(
        db::open_at(&name, SCHEMA_VERSION).await.err(),
        Some(StoreError::NewerVersion)
    );
    drop(ours);
    delete(&name).await;
}

/// An old tab that never lets go (no `versionchange` handler): our open is blocked, says so,
/// and goes through once the other connection closes.
#[wasm_bindgen_test]
async fn a_blocked_upgrade_says_so_and_resumes() {
    let name = unique_name("blocked");
    let seen = collect_notices();
    // An "old tab" at schema v1, opened without the app's handler.
    let old = Database::open(&name)
        .with_version(1u32)
        .with_on_upgrade_needed(|_, db| db::UPGRADES[0](&db))
        .await
        .expect("open v1");
    let opening = db::open_at(&name, SCHEMA_VERSION);
    let closer = async {
        // The upgrade request waits; let its `blocked` event arrive, then close the old tab.
        sleep(300).await;
        let blocked_seen = seen.borrow().contains(&db::DbNotice::Blocked);
        old.close();
        blocked_seen
    };
    let (opened, blocked_seen) = join(opening, closer).await;
    assert!(blocked_seen, "no Blocked notice: {:?}", seen.borrow());
    let db = opened.expect("opens after the old connection closed");
    assert_eq!(db.version() as u32, SCHEMA_VERSION);
    assert!(seen.borrow().contains(&db::DbNotice::Unblocked));
    db.close();
    delete(&name).await;
}

/// Polls two futures together; returns the first output (the other is dropped).
async fn race_upgrade_against_timeout<
    A: std::future::Future<Output = bool>,
    B: std::future::Future<Output = bool>,
>(
    a: A,
    b: B,
) {
    use std::pin::pin;
    use std::task::Poll;
    let (mut a, mut b) = (pin!(a), pin!(b));
    let won = std::future::poll_fn(|cx| {
        if let Poll::Ready(v) = a.as_mut().poll(cx) {
            return Poll::Ready(("upgrade", v));
        }
        if let Poll::Ready(v) = b.as_mut().poll(cx) {
            return Poll::Ready(("timeout", v));
        }
        Poll::Pending
    })
    .await;
    assert_eq!(
        won,
        ("upgrade", true),
        "the other tab's upgrade hung or failed"
    );
}

/// Runs two futures to completion together.
async fn join<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> (A::Output, B::Output) {
    use std::pin::pin;
    use std::task::Poll;
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(|cx| {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
            }
        }
        if ra.is_some() && rb.is_some() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    (ra.unwrap(), rb.unwrap())
}
