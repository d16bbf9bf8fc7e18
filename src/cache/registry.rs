//! Every cached function's store, for clearing them all at once (CA-14) and
//! dropping a finished session's entries (CA-11).

use std::sync::Mutex;

use super::store::Store;
use super::{Kind, disk};
use crate::runtime::SessionId;

static STORES: Mutex<Vec<&'static Store>> = Mutex::new(Vec::new());

fn stores() -> Vec<&'static Store> {
    STORES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
}

pub(crate) fn register(store: &'static Store) {
    STORES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(store);
}

/// The store of the function with this identity, if it has been called.
pub(crate) fn find(identity: &[u8; 32]) -> Option<&'static Store> {
    stores()
        .into_iter()
        .find(|s| &s.spec().identity == identity)
}

/// Clears every `#[cache_data]` function, on disk too
/// (`st.cache_data.clear()`, CA-14).
///
/// ```
/// # let dir = tempfile::tempdir().unwrap();
/// # brook::cache::set_disk_dir(dir.path());
/// #[brook::cache_data]
/// fn answer() -> i64 { 42 }
///
/// answer();
/// brook::cache::clear_data();
/// ```
pub fn clear_data() {
    clear_kind(Some(Kind::Data));
}

/// Clears every `#[cache_resource]` function, releasing its values
/// (`st.cache_resource.clear()`, CA-14).
pub fn clear_resource() {
    clear_kind(Some(Kind::Resource));
}

/// Clears every cache of both kinds, on disk too: the app menu's
/// "Clear caches".
pub fn clear_all() {
    clear_kind(None);
}

fn clear_kind(kind: Option<Kind>) {
    for store in stores() {
        if kind.is_none_or(|k| k == store.spec().kind) {
            store.clear_everything();
        }
    }
    if kind != Some(Kind::Resource) {
        disk::remove_all();
    }
}

/// Drops the entries a finished session held in session-scoped caches
/// (CA-11). The session calls this when it ends.
pub fn drop_session(id: SessionId) {
    for store in stores() {
        store.drop_session(id);
    }
}

/// Forgets every in-memory entry but keeps the disk files, as a restart of
/// the app would: for testing `persist = "disk"`.
#[doc(hidden)]
pub fn forget_memory() {
    for store in stores() {
        store.forget_memory();
    }
}
