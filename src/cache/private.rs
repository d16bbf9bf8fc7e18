//! What the attribute macros' expansions call. Not part of the public API:
//! anything here may change without notice.

use std::convert::Infallible;
use std::sync::Arc;

pub use super::data::{data, data_persist};
pub use super::hash::{CacheHash, HashFunc, Key, KeyHasher};
pub use super::resource::{release_fn, resource};
pub use super::spec::{FnSpec, fn_identity};
pub use super::store::{Store, StoreCell, Value};
pub use super::{CacheError, Kind, Scope, raise};

/// Hashes one argument. A separate function so that an argument type without
/// [`CacheHash`] is reported at the argument (the span the macro gives it).
#[inline(always)]
pub fn hash_arg<T: CacheHash + ?Sized>(value: &T, h: &mut KeyHasher) {
    value.cache_hash(h);
}

/// Hashes nothing: what a `hash_funcs` probe returns once it has hashed the
/// argument through the user's function.
#[derive(Debug, Clone, Copy)]
pub struct HashedByFunc;

impl CacheHash for HashedByFunc {
    #[inline(always)]
    fn cache_hash(&self, _h: &mut KeyHasher) {}
}

/// The key, or the error raised in the run (or panicked outside one).
#[inline]
pub fn finish(h: KeyHasher) -> Key {
    match h.finish() {
        Ok(key) => key,
        Err(e) => raise(e),
    }
}

/// The value of an infallible computation.
#[inline(always)]
pub fn never<T>(r: Result<T, Infallible>) -> T {
    match r {
        Ok(v) => v,
        Err(never) => match never {},
    }
}

/// Boxes an element recording for storage.
#[inline]
pub fn payload<R: Send + Sync + 'static>(rec: R) -> Option<Value> {
    Some(Arc::new(rec))
}

/// Calls `f` with the stored recording if it has type `R` (inferred from `f`).
#[inline]
pub fn replay_with<R: 'static, O>(rec: &Value, f: impl FnOnce(&R) -> O) {
    if let Some(rec) = rec.downcast_ref::<R>() {
        let _ = f(rec);
    }
}

/// `f.clear()` (CA-14): clears every entry of the function with this
/// identity; disk files go too.
pub fn clear_fn(identity: [u8; 32], persist: bool) {
    match super::registry::find(&identity) {
        Some(store) => store.clear(),
        None if persist => super::disk::remove_fn(&identity),
        None => {}
    }
}

/// `f.clear(args)` (CA-14): clears one entry.
pub fn clear_key(identity: [u8; 32], key: Key, persist: bool) {
    match super::registry::find(&identity) {
        Some(store) => store.clear_key(key),
        None if persist => super::disk::remove_key(&identity, &key),
        None => {}
    }
}

/// How many entries the function with this identity holds in the current
/// scope (for tests).
pub fn entry_count(identity: [u8; 32]) -> usize {
    super::registry::find(&identity).map_or(0, |s| s.len())
}

pub use super::registry::forget_memory;
