//! Clearing every cache of a kind (CA-14). One test in its own binary: a
//! global clear would disturb tests running in parallel.

#![allow(clippy::unwrap_used)] // tests may unwrap (house rule)

use std::sync::Arc;
use std::sync::Mutex;

static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn log(s: String) {
    LOG.lock().unwrap().push(s);
}

fn take_log() -> Vec<String> {
    std::mem::take(&mut *LOG.lock().unwrap())
}

#[brook::cache_data]
fn square(x: i64) -> i64 {
    log(format!("square({x})"));
    x * x
}

#[brook::cache_resource(on_release = |c: Arc<String>| log(format!("release {c}")))]
fn connection(name: &str) -> String {
    log(format!("connect({name})"));
    name.to_owned()
}

#[test]
fn clearing_a_kind_clears_every_function_of_that_kind_only() {
    // Global data clears remove disk files too: keep them away from the
    // real cache directory.
    let dir = tempfile::tempdir().unwrap();
    brook::cache::set_disk_dir(dir.path());
    // CA-14: f(1) f(2) f.clear(1) f(1) f(2) f.clear() f(1) f(2)
    // st.cache_data.clear() f(1) computes [1, 2, 1, 1, 2, 1].
    square(1);
    square(2);
    square_clear_args(1);
    square(1);
    square(2);
    square_clear();
    square(1);
    square(2);
    let db = connection("db");
    brook::cache::clear_data();
    square(1);
    assert_eq!(
        take_log(),
        [
            "square(1)",
            "square(2)",
            "square(1)",
            "square(1)",
            "square(2)",
            "connect(db)",
            "square(1)"
        ]
    );
    // Resources survived the data clear.
    assert!(Arc::ptr_eq(&db, &connection("db")));
    assert_eq!(take_log(), Vec::<String>::new());

    brook::cache::clear_resource();
    assert_eq!(
        take_log(),
        ["release db"],
        "on_release runs on clear (CA-12)"
    );
    square(1);
    assert!(!Arc::ptr_eq(&db, &connection("db")));
    assert_eq!(
        take_log(),
        ["connect(db)"],
        "data survived the resource clear"
    );

    // The app menu's "Clear caches": both kinds.
    brook::cache::clear_all();
    square(1);
    connection("db");
    assert_eq!(take_log(), ["release db", "square(1)", "connect(db)"]);
}
