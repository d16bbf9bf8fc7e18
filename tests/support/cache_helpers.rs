//! Helpers the `cache_data` tests share: a run context on a virtual clock,
//! the key of a value, and a log of what a cached function computed.
#![allow(dead_code, clippy::unwrap_used)] // each test file uses what it needs

use std::sync::{Arc, Mutex};

use brook::cache::{CacheHash, Key, KeyHasher, Kind};
use brook::clock::ManualClock;
use brook::runtime::{RunContext, SessionId};

/// A run context on a virtual clock, as a session installs for each run.
pub fn run_ctx(clock: &ManualClock) -> RunContext {
    RunContext {
        clock: Arc::new(clock.clone()),
        session: SessionId::next(),
        interrupt: Arc::default(),
        status: Arc::new(Mutex::new(Vec::new())),
    }
}

/// The cache key of `v` alone, as a `cache_data` function "test" keys it.
pub fn key_of<T: CacheHash + ?Sized>(v: &T) -> Key {
    let mut h = KeyHasher::new(&[], "test", Kind::Data);
    v.cache_hash(&mut h);
    h.finish().expect("hashable")
}

/// Records the arguments a cached function computed for.
#[derive(Default)]
pub struct Log(pub Mutex<Vec<i64>>);
impl Log {
    /// Records `x`.
    pub fn push(&self, x: i64) {
        self.0.lock().unwrap().push(x);
    }
    /// Everything recorded, in order.
    pub fn get(&self) -> Vec<i64> {
        self.0.lock().unwrap().clone()
    }
}
