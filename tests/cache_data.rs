//! `#[cache_data]`: computing once per key, eviction, expiry, copies and
//! errors (CA-2..CA-17); how arguments are keyed, methods, `hash_funcs`,
//! scopes and spinners are in `cache_keys.rs`.

#![allow(clippy::unwrap_used)] // tests may unwrap (house rule)

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use brook::clock::ManualClock;
use brook::runtime;

#[path = "support/cache_helpers.rs"]
mod cache_helpers;
use cache_helpers::{Log, run_ctx};

static SQUARE: Log = Log(Mutex::new(Vec::new()));

#[brook::cache_data]
fn square(x: i64) -> i64 {
    SQUARE.push(x);
    x * x
}

#[test]
fn each_argument_tuple_computes_once_until_cleared() {
    // CA-3, CA-14: f(1) f(2) f(2) f.clear(1) f(1) f(2) f.clear() f(1) f(2)
    // computes [1, 2, 1, 1, 2]. (The global clear is in cache_clear_all.rs,
    // where it cannot disturb tests running in parallel.)
    assert_eq!(square(1), 1);
    assert_eq!(square(2), 4);
    assert_eq!(square(2), 4);
    square_clear_args(1);
    square(1);
    square(2);
    square_clear();
    square(1);
    square(2);
    assert_eq!(SQUARE.get(), [1, 2, 1, 1, 2]);
}

static TIMES10: Log = Log(Mutex::new(Vec::new()));

#[brook::cache_data(max_entries = 2)]
fn times10(x: i64) -> i64 {
    TIMES10.push(x);
    x * 10
}

#[test]
fn lru_evicts_least_recently_read() {
    // CA-9: with max_entries=2, calls 1,2,1,3,1,2 compute [1,2,3,2] (FIFO
    // would evict 1 when 3 arrives and compute [1,2,3,1,2]).
    for x in [1, 2, 1, 3, 1, 2] {
        assert_eq!(times10(x), x * 10);
    }
    assert_eq!(TIMES10.get(), [1, 2, 3, 2]);
}

static TTL_CALLS: AtomicUsize = AtomicUsize::new(0);

#[brook::cache_data(ttl = "10s")]
fn with_ttl(x: i64) -> i64 {
    TTL_CALLS.fetch_add(1, Ordering::SeqCst);
    x
}

#[test]
fn ttl_expires_from_write_time_and_reads_do_not_extend_it() {
    // CA-8
    let clock = ManualClock::new();
    let _run = runtime::enter(run_ctx(&clock));
    with_ttl(1);
    clock.advance(Duration::from_secs(6));
    with_ttl(1); // a read: must not extend the entry's life
    clock.advance(Duration::from_secs(4));
    with_ttl(1); // exactly 10 s after the write: still fresh
    assert_eq!(TTL_CALLS.load(Ordering::SeqCst), 1);
    clock.advance(Duration::from_millis(1));
    with_ttl(1);
    assert_eq!(TTL_CALLS.load(Ordering::SeqCst), 2);
}

static TTL_EXPR_CALLS: AtomicUsize = AtomicUsize::new(0);

#[brook::cache_data(ttl = Duration::from_millis(1500))]
fn with_ttl_expr() -> usize {
    TTL_EXPR_CALLS.fetch_add(1, Ordering::SeqCst) + 1
}

#[test]
fn ttl_accepts_a_duration_expression() {
    // CA-8
    let clock = ManualClock::new();
    let _run = runtime::enter(run_ctx(&clock));
    assert_eq!(with_ttl_expr(), 1);
    clock.advance(Duration::from_millis(1500));
    assert_eq!(with_ttl_expr(), 1);
    clock.advance(Duration::from_millis(1));
    assert_eq!(with_ttl_expr(), 2);
}

static COPY_CALLS: AtomicUsize = AtomicUsize::new(0);

#[brook::cache_data]
fn numbers(n: usize) -> Vec<usize> {
    COPY_CALLS.fetch_add(1, Ordering::SeqCst);
    (0..n).collect()
}

#[test]
fn every_caller_gets_its_own_copy() {
    // CA-6: mutating what a call returned does not reach the cache.
    let mut first = numbers(3);
    first.push(99);
    let mut second = numbers(3);
    assert_eq!(second, [0, 1, 2]);
    second.clear();
    assert_eq!(numbers(3), [0, 1, 2]);
    assert_eq!(COPY_CALLS.load(Ordering::SeqCst), 1);
}

static ARC_CALLS: AtomicUsize = AtomicUsize::new(0);

#[brook::cache_data]
fn big_table(rows: usize) -> Arc<Vec<f64>> {
    ARC_CALLS.fetch_add(1, Ordering::SeqCst);
    Arc::new(vec![1.5; rows])
}

#[test]
fn returning_an_arc_shares_the_data_instead_of_copying_it() {
    // The documented way to make hits free for big immutable data.
    let a = big_table(1000);
    let b = big_table(1000);
    assert!(Arc::ptr_eq(&a, &b));
    assert_eq!(ARC_CALLS.load(Ordering::SeqCst), 1);
}

static FALLIBLE: Log = Log(Mutex::new(Vec::new()));

#[brook::cache_data]
fn parse_positive(text: &str) -> Result<u32, String> {
    FALLIBLE.push(text.len() as i64);
    let n: u32 = text.parse().map_err(|e| format!("{e}"))?;
    if n == 0 {
        return Err("zero".to_owned());
    }
    Ok(n)
}

#[test]
fn errors_returned_by_the_function_are_not_cached() {
    // CA-6
    assert!(parse_positive("x").is_err());
    assert!(parse_positive("x").is_err());
    assert!(parse_positive("0").is_err());
    assert_eq!(parse_positive("12"), Ok(12));
    assert_eq!(parse_positive("12"), Ok(12));
    assert_eq!(FALLIBLE.get(), [1, 1, 1, 2]);
}

#[brook::cache_data]
fn read_len(path: &std::path::Path) -> std::io::Result<u64> {
    Ok(std::fs::metadata(path)?.len())
}

#[test]
fn result_aliases_are_fallible_too() {
    // CA-6: `io::Result<T>` caches only `Ok`.
    assert!(read_len(std::path::Path::new("/definitely/not/here")).is_err());
    assert!(read_len(std::path::Path::new("Cargo.toml")).is_ok());
}

static PANICS: AtomicUsize = AtomicUsize::new(0);

#[brook::cache_data]
fn flaky(x: i64) -> i64 {
    if PANICS.fetch_add(1, Ordering::SeqCst) == 0 {
        panic!("first call fails");
    }
    x
}

#[test]
fn panics_are_not_cached_and_leave_the_key_usable() {
    // CA-6
    let first = std::panic::catch_unwind(|| flaky(5));
    assert!(first.is_err());
    assert_eq!(flaky(5), 5);
    assert_eq!(flaky(5), 5);
    assert_eq!(PANICS.load(Ordering::SeqCst), 2);
}
