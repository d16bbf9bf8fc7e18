//! Large cached inputs hashed once (issue 17): `Hashed` keeps its digest,
//! and keys stay exact (departure 5, CA-3).
#![allow(clippy::unwrap_used)] // tests may unwrap (STYLE.md)

use std::sync::atomic::{AtomicUsize, Ordering};

use brook::cache::Hashed;

static CALLS: AtomicUsize = AtomicUsize::new(0);

#[brook::cache_data]
fn total(xs: Hashed<Vec<i64>>, offset: i64) -> i64 {
    CALLS.fetch_add(1, Ordering::SeqCst);
    xs.iter().sum::<i64>() + offset
}

#[test]
fn a_hashed_argument_is_hashed_at_its_first_call_and_keyed_by_its_content() {
    let calls = || CALLS.load(Ordering::SeqCst);
    let data = Hashed::new((0..100_000).collect::<Vec<i64>>());
    assert!(!data.is_hashed());
    let before = calls();
    assert_eq!(total(data.clone(), 1), 4_999_950_001);
    assert!(data.is_hashed(), "the digest is kept for the next calls");
    assert_eq!(total(data.clone(), 1), 4_999_950_001);
    assert_eq!(calls(), before + 1, "the second call is a hit");

    // CA-3: the same content in another `Hashed` is the same key ...
    let copy = Hashed::new((0..100_000).collect::<Vec<i64>>());
    assert_eq!(total(copy, 1), 4_999_950_001);
    assert_eq!(calls(), before + 1);
    // ... and one changed element is another key (never sampled).
    let mut changed = (0..100_000).collect::<Vec<i64>>();
    changed[54_321] += 1;
    assert_eq!(total(Hashed::new(changed), 1), 4_999_950_002);
    assert_eq!(calls(), before + 2);
    // The other arguments still count.
    assert_eq!(total(data, 2), 4_999_950_002);
    assert_eq!(calls(), before + 3);
}
