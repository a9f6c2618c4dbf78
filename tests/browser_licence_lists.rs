//! Browser tests for imported licence lists in the real IndexedDB: stored and read back, a bad
//! import leaves the stored list unchanged, revert removes it.
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use indexed_db_futures::database::Database;
use pos_helper::domain::licence::ImportProblem;
use pos_helper::store::db::{self, SCHEMA_VERSION};
use pos_helper::store::licence_lists::{self, BuiltinListError, ImportFailure, CURRENT_ID};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const HEADER: &str = "name,short_names,licence_no,business_types,coverage,first_issued,valid_until,status,status_date,source";
const LAKALA: &str =
    "拉卡拉支付股份有限公司,拉卡拉,Z2002511000017,支付交易处理Ⅰ类,全国,2011-12-22,长期,valid,,src";

fn unique_name(prefix: &str) -> String {
    format!("test-{prefix}-{}", js_sys::Math::random().to_bits())
}

async fn fresh(prefix: &str) -> (String, Database) {
    let name = unique_name(prefix);
    let db = db::open_at(&name, SCHEMA_VERSION).await.expect("open");
    (name, db)
}

async fn delete(name: &str, db: Database) {
    db.close();
    if let Ok(req) = Database::delete_by_name(name) {
        let _ = req.await;
    }
}

#[wasm_bindgen_test]
async fn imported_list_is_stored_and_read_back() {
    let (name, db) = fresh("ll-rw").await;
    assert_eq!(licence_lists::load(&db).await.unwrap(), None);
    let text = format!("# as_of: 2027-01-15; source: test\n{HEADER}\n{LAKALA}\n");
    let stored = licence_lists::import(&db, &text, "new.csv", None, "2027-01-20T10:00:00")
        .await
        .expect("valid list is stored");
    assert_eq!(stored.as_of, "2027-01-15");
    assert_eq!(stored.rows, 1);

    // Read back through a new connection: it really is in IndexedDB.
    db.close();
    let db = db::open_at(&name, SCHEMA_VERSION).await.expect("reopen");
    let back = licence_lists::load(&db).await.unwrap().expect("stored");
    assert_eq!(back, stored);
    assert_eq!(back.id, CURRENT_ID);
    let registry = back.registry().expect("stored text parses");
    assert_eq!(registry.as_of_text(), "2027-01-15");
    assert_eq!(
        registry.licences[0].number.as_str(),
        "Z2002511000017",
        "the licence survives the round trip"
    );
    delete(&name, db).await;
}

#[wasm_bindgen_test]
async fn stated_date_is_kept_when_the_file_has_none() {
    let (name, db) = fresh("ll-date").await;
    let text = format!("{HEADER}\n{LAKALA}\n");
    let missing = licence_lists::import(&db, &text, "x.csv", None, "t").await;
    match missing {
        Err(ImportFailure::Invalid(e)) => assert_eq!(e.0[0].problem, ImportProblem::NoAsOfDate),
        other => panic!("expected NoAsOfDate, got {other:?}"),
    }
    assert_eq!(licence_lists::load(&db).await.unwrap(), None);
    let stored = licence_lists::import(
        &db,
        &text,
        "x.csv",
        NaiveDate::from_ymd_opt(2027, 2, 1),
        "t",
    )
    .await
    .unwrap();
    let back = licence_lists::load(&db).await.unwrap().unwrap();
    assert_eq!(back.as_of, "2027-02-01");
    assert_eq!(back.registry().unwrap().as_of_text(), "2027-02-01");
    assert_eq!(back, stored);
    delete(&name, db).await;
}

#[wasm_bindgen_test]
async fn a_bad_import_leaves_the_stored_list_unchanged() {
    let (name, db) = fresh("ll-bad").await;
    let good = format!("# as_of: 2027-01-15\n{HEADER}\n{LAKALA}\n");
    let before = licence_lists::import(&db, &good, "good.csv", None, "t1")
        .await
        .unwrap();
    // Line 3 has a wrong check digit, line 4 an unknown status.
    let bad = format!(
        "# as_of: 2028-01-01\n{HEADER}\n{}\n{}\n",
        LAKALA.replace("Z2002511000017", "Z2002511000018"),
        LAKALA
            .replace("valid", "vaild")
            .replace("Z2002511000017", "Z2000133000019")
    );
    let result = licence_lists::import(&db, &bad, "bad.csv", None, "t2").await;
    let Err(ImportFailure::Invalid(errors)) = result else {
        panic!("bad list must be rejected, got {result:?}");
    };
    let lines: Vec<Option<u64>> = errors.0.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![Some(3), Some(4)]);
    let after = licence_lists::load(&db)
        .await
        .unwrap()
        .expect("still there");
    assert_eq!(after, before, "the earlier import is untouched");
    delete(&name, db).await;
}

#[wasm_bindgen_test]
async fn revert_removes_the_import() {
    let (name, db) = fresh("ll-revert").await;
    let good = format!("# as_of: 2027-01-15\n{HEADER}\n{LAKALA}\n");
    licence_lists::import(&db, &good, "good.csv", None, "t")
        .await
        .unwrap();
    assert!(licence_lists::load(&db).await.unwrap().is_some());
    licence_lists::revert(&db).await.expect("revert");
    assert_eq!(licence_lists::load(&db).await.unwrap(), None);
    // Reverting twice is harmless.
    licence_lists::revert(&db).await.expect("revert again");
    delete(&name, db).await;
}

/// The built-in list is fetched and parsed by the store: a good file gives the registry, a bad
/// one or a missing one a typed error with a bilingual message.
#[wasm_bindgen_test]
async fn builtin_list_is_fetched_and_parsed() {
    let data_url = |text: &str| {
        format!(
            "data:text/plain;charset=utf-8,{}",
            String::from(js_sys::encode_uri_component(text))
        )
    };
    let good = format!("# as_of: 2026-10-02; source: test\n{HEADER}\n{LAKALA}\n");
    let registry = licence_lists::fetch_builtin(&data_url(&good), || async {})
        .await
        .unwrap();
    assert_eq!(registry.licences.len(), 1);
    assert_eq!(registry.as_of_text(), "2026-10-02");

    // The shipped list is read 40 rows a step, with the caller's pause after each step but the
    // last (the check page lets the browser draw there).
    let pauses = std::rc::Rc::new(std::cell::Cell::new(0));
    let counter = pauses.clone();
    let shipped = licence_lists::fetch_builtin(
        &data_url(include_str!("../public/data/licences.csv")),
        move || {
            counter.set(counter.get() + 1);
            async {}
        },
    )
    .await
    .unwrap();
    assert!(shipped.licences.len() > 200, "{}", shipped.licences.len());
    assert_eq!(pauses.get(), shipped.licences.len() / 40);

    match licence_lists::fetch_builtin(&data_url("not,a,list\n"), || async {}).await {
        Err(e @ BuiltinListError::Invalid(_)) => assert!(e.message().is_complete()),
        other => panic!(
            "expected Invalid, got {:?}",
            other.map(|r| r.licences.len())
        ),
    }
    match licence_lists::fetch_builtin("/no-such-dir/licences.csv", || async {}).await {
        Err(BuiltinListError::Http(status)) => assert_eq!(status, 404),
        other => panic!(
            "expected HTTP 404, got {:?}",
            other.map(|r| r.licences.len())
        ),
    }
}
