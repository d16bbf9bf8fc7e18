//! `#[cache_resource]`: one shared `Arc` per key, `validate`, `on_release`
//! (CA-6, CA-12).

#![allow(clippy::unwrap_used)] // tests may unwrap (house rule)

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use brook::clock::ManualClock;
use brook::runtime::{self, RunContext, SessionId};

fn run_ctx(clock: &ManualClock) -> RunContext {
    RunContext {
        clock: Arc::new(clock.clone()),
        session: SessionId::next(),
        interrupt: Arc::default(),
        status: Arc::new(Mutex::new(Vec::new())),
    }
}

/// A stand-in for a database connection: shared, thread-safe, mutable
/// through a lock.
#[derive(Debug)]
struct Connection {
    serial: usize,
    queries: Mutex<Vec<String>>,
    open: AtomicBool,
}

static CONNECTS: AtomicUsize = AtomicUsize::new(0);

#[brook::cache_resource]
fn connect(url: &str) -> Connection {
    let _ = url;
    Connection {
        serial: CONNECTS.fetch_add(1, Ordering::SeqCst) + 1,
        queries: Mutex::new(Vec::new()),
        open: AtomicBool::new(true),
    }
}

#[test]
fn every_hit_shares_the_same_object_and_its_mutations() {
    // CA-6
    let a: Arc<Connection> = connect("db://a");
    a.queries.lock().unwrap().push("select 1".into());
    let b = connect("db://a");
    assert!(Arc::ptr_eq(&a, &b));
    assert_eq!(*b.queries.lock().unwrap(), ["select 1"]);
    let other = connect("db://b");
    assert!(!Arc::ptr_eq(&a, &other));
    // f.clear() makes the next call create a new object.
    connect_clear();
    let c = connect("db://a");
    assert!(!Arc::ptr_eq(&a, &c));
    assert!(c.queries.lock().unwrap().is_empty());
    assert_eq!(CONNECTS.load(Ordering::SeqCst), 3);
}

static VALIDATED: AtomicUsize = AtomicUsize::new(0);

#[brook::cache_resource(validate = |c: &Connection| c.open.load(Ordering::SeqCst))]
fn checked_connect() -> Connection {
    Connection {
        serial: VALIDATED.fetch_add(1, Ordering::SeqCst) + 1,
        queries: Mutex::new(Vec::new()),
        open: AtomicBool::new(true),
    }
}

#[test]
fn validate_false_drops_the_entry_and_computes_again() {
    // CA-12
    let a = checked_connect();
    assert_eq!(checked_connect().serial, a.serial);
    a.open.store(false, Ordering::SeqCst);
    let b = checked_connect();
    assert_eq!(b.serial, a.serial + 1);
    assert!(b.open.load(Ordering::SeqCst));
    assert_eq!(checked_connect().serial, b.serial);
}

static RELEASED: Mutex<Vec<String>> = Mutex::new(Vec::new());

#[brook::cache_resource(
    max_entries = 1,
    ttl = "1m",
    on_release = |name: Arc<String>| RELEASED.lock().unwrap().push(name.to_string()),
)]
fn session_named(name: &str) -> String {
    name.to_owned()
}

#[test]
fn on_release_runs_when_an_entry_is_evicted_expired_or_cleared() {
    // CA-12
    let clock = ManualClock::new();
    let _run = runtime::enter(run_ctx(&clock));
    session_named("a");
    session_named("b"); // evicts a (max_entries = 1)
    assert_eq!(*RELEASED.lock().unwrap(), ["a"]);
    clock.advance(Duration::from_secs(61));
    session_named("b"); // expired: released, then computed again
    assert_eq!(*RELEASED.lock().unwrap(), ["a", "b"]);
    session_named_clear_args("b");
    assert_eq!(*RELEASED.lock().unwrap(), ["a", "b", "b"]);
    session_named("c");
    session_named_clear();
    assert_eq!(*RELEASED.lock().unwrap(), ["a", "b", "b", "c"]);
}

static FALLIBLE: AtomicUsize = AtomicUsize::new(0);

#[brook::cache_resource]
fn open_file(fail: bool) -> Result<Vec<u8>, String> {
    FALLIBLE.fetch_add(1, Ordering::SeqCst);
    if fail {
        Err("cannot open".into())
    } else {
        Ok(vec![1, 2, 3])
    }
}

#[test]
fn a_fallible_resource_shares_its_ok_value_and_never_caches_errors() {
    // CA-6
    assert!(open_file(true).is_err());
    assert!(open_file(true).is_err());
    let a: Arc<Vec<u8>> = open_file(false).unwrap();
    let b = open_file(false).unwrap();
    assert!(Arc::ptr_eq(&a, &b));
    assert_eq!(FALLIBLE.load(Ordering::SeqCst), 3);
}
