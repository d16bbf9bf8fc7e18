//! Interleavings of [`Store::call`] replayed deterministically on one
//! thread: a hook runs another caller's whole call at the exact point
//! between a caller's lookup and its flight claim.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Fresh, Store, Value};
use crate::cache::hash::Key;
use crate::cache::spec::FnSpec;
use crate::cache::{Kind, Scope};

thread_local! {
    /// Runs once, on this thread, between a caller's lookup (a miss) and
    /// its flight claim.
    pub(super) static AFTER_MISS: RefCell<Option<Box<dyn FnOnce()>>> =
        const { RefCell::new(None) };
}

fn resource_store() -> Arc<Store> {
    Arc::new(Store::new(FnSpec {
        kind: Kind::Resource,
        qualname: "tests::resource".to_owned(),
        identity: [0; 32],
        ttl: None,
        max_entries: None,
        scope: Scope::Global,
        persist: false,
        spinner: None,
        on_release: None,
    }))
}

/// One call of the cached function under `key`: a hit returns the stored
/// value; a miss counts a computation in `computed` and stores its number.
fn call(store: &Store, key: Key, computed: &AtomicUsize) -> Value {
    let result: Result<Value, ()> = store.call(
        key,
        &mut (),
        |_, entry| Some(entry.value.clone()),
        |_| {
            let n = computed.fetch_add(1, Ordering::SeqCst) + 1;
            let value: Value = Arc::new(n);
            Ok((
                value.clone(),
                Fresh {
                    value,
                    replay: None,
                },
            ))
        },
    );
    match result {
        Ok(v) => v,
        Err(()) => panic!("the computation does not fail"),
    }
}

// CA-7: a resource is computed once, whoever asks while it is computed.
#[test]
fn a_caller_that_missed_as_another_stored_reads_the_stored_value() {
    let store = resource_store();
    let key = Key([7; 32]);
    let computed = Arc::new(AtomicUsize::new(0));
    // B's lookup misses; before B claims the computation, A computes the
    // value, stores it and ends its flight.
    let (a_store, a_computed) = (store.clone(), computed.clone());
    AFTER_MISS.with(|h| {
        *h.borrow_mut() = Some(Box::new(move || {
            let a = call(&a_store, key, &a_computed);
            assert_eq!(a.downcast_ref::<usize>(), Some(&1));
        }));
    });
    let b = call(&store, key, &computed);
    assert_eq!(computed.load(Ordering::SeqCst), 1, "computed twice");
    assert_eq!(b.downcast_ref::<usize>(), Some(&1), "B reads A's value");
    assert!(AFTER_MISS.with(|h| h.borrow().is_none()), "the hook ran");
}

#[test]
fn without_an_interleaving_a_miss_computes_once_and_a_hit_reads() {
    let store = resource_store();
    let key = Key([8; 32]);
    let computed = AtomicUsize::new(0);
    let first = call(&store, key, &computed);
    let second = call(&store, key, &computed);
    assert_eq!(computed.load(Ordering::SeqCst), 1);
    assert!(Arc::ptr_eq(&first, &second), "one shared resource");
}
