//! One cached function's entries: least-recently-used eviction (CA-9), expiry
//! (CA-8), scopes (CA-11), one computation per key (CA-7) and clearing that
//! in-flight computations cannot undo (CA-14).
//!
//! Values are stored type-erased (`Arc<dyn Any + Send + Sync>`); the typed
//! front ends (`data`, `resource`) convert them back.

use std::any::Any;
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::thread::ThreadId;
use std::time::Duration;

use lru::LruCache;

use super::hash::{Key, KeyBuildHasher};
use super::spec::FnSpec;
use super::{CacheError, Scope, disk, registry};
use crate::runtime::{self, SessionId};

/// A stored value (or element recording), type-erased.
pub type Value = Arc<dyn Any + Send + Sync>;

#[derive(Clone)]
pub(crate) struct Entry {
    pub(crate) value: Value,
    pub(crate) replay: Option<Value>,
    written: Duration,
}

/// What a miss computed, to be stored.
pub(crate) struct Fresh {
    pub(crate) value: Value,
    pub(crate) replay: Option<Value>,
}

type Map = LruCache<Key, Entry, KeyBuildHasher>;

/// Moves every value of `map` to the release list.
fn drain(mut map: Map, rel: &mut Released<'_>) {
    while let Some((_, e)) = map.pop_lru() {
        rel.values.push(e.value);
    }
}
type FlightKey = (Option<SessionId>, Key);

struct Inner {
    global: Option<Map>,
    sessions: HashMap<SessionId, Map>,
    flights: HashMap<FlightKey, Arc<Flight>>,
}

impl Inner {
    /// An entry for `key` is stored in `scope` (live or expired: a lookup
    /// decides which).
    fn holds(&self, scope: Option<SessionId>, key: &Key) -> bool {
        match scope {
            None => self.global.as_ref().is_some_and(|m| m.contains(key)),
            Some(id) => self.sessions.get(&id).is_some_and(|m| m.contains(key)),
        }
    }
}

/// One computation in progress (CA-7): callers of the same key wait for it.
struct Flight {
    done: Mutex<bool>,
    cv: Condvar,
    owner: ThreadId,
}

impl Flight {
    fn new() -> Self {
        Self {
            done: Mutex::new(false),
            cv: Condvar::new(),
            owner: std::thread::current().id(),
        }
    }

    fn finish(&self) {
        *lock(&self.done) = true;
        self.cv.notify_all();
    }

    /// Waits until the computation ends, checking every 0.1 s whether this
    /// run has been interrupted, as Streamlit's waiters do (CA-7).
    fn wait(&self) {
        let mut done = lock(&self.done);
        while !*done {
            if runtime::interrupted() {
                drop(done);
                runtime::checkpoint();
                done = lock(&self.done);
                continue;
            }
            let (d, _) = self
                .cv
                .wait_timeout(done, Duration::from_millis(100))
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            done = d;
        }
    }
}

/// Locks, ignoring poisoning: every critical section here leaves the data
/// consistent, so a panic elsewhere must not disable the cache.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

thread_local! {
    /// How many cached computations are running on this thread (CA-15: the
    /// spinner is shown for the outermost only).
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

struct DepthGuard;
impl DepthGuard {
    fn enter() -> (Self, bool) {
        let outer = DEPTH.with(|d| {
            let n = d.get();
            d.set(n + 1);
            n == 0
        });
        (Self, outer)
    }
}
impl Drop for DepthGuard {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// The entries of one cached function.
pub struct Store {
    spec: FnSpec,
    inner: Mutex<Inner>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("spec", &self.spec)
            .finish_non_exhaustive()
    }
}

/// Releases the values of removed resources once the lock is released.
struct Released<'a> {
    store: &'a Store,
    values: Vec<Value>,
}

impl Drop for Released<'_> {
    fn drop(&mut self) {
        if let Some(f) = &self.store.spec.on_release {
            for v in self.values.drain(..) {
                f(v);
            }
        }
    }
}

impl Store {
    pub(crate) fn new(spec: FnSpec) -> Self {
        Self {
            spec,
            inner: Mutex::new(Inner {
                global: None,
                sessions: HashMap::new(),
                flights: HashMap::new(),
            }),
        }
    }

    /// How the function is configured.
    pub(crate) fn spec(&self) -> &FnSpec {
        &self.spec
    }

    fn new_map(&self) -> Map {
        match self.spec.max_entries {
            Some(cap) => LruCache::with_hasher(cap, KeyBuildHasher),
            None => LruCache::unbounded_with_hasher(KeyBuildHasher),
        }
    }

    /// The scope this call reads and writes: `None` for global entries.
    fn scope_id(&self) -> Option<SessionId> {
        match self.spec.scope {
            Scope::Global => None,
            Scope::Session => match runtime::session_id() {
                Some(id) => Some(id),
                None => super::raise(CacheError::SessionScopeOutsideRun {
                    func: self.spec.qualname.clone(),
                }),
            },
        }
    }

    fn released(&self) -> Released<'_> {
        Released {
            store: self,
            values: Vec::new(),
        }
    }

    /// A live entry for `key`, refreshing its recency (CA-9); an expired one
    /// is removed (CA-8).
    fn lookup(&self, scope: Option<SessionId>, key: &Key, rel: &mut Released<'_>) -> Option<Entry> {
        let now = self.spec.ttl.map(|_| runtime::now());
        let mut inner = lock(&self.inner);
        let map = match scope {
            None => inner.global.as_mut()?,
            Some(id) => inner.sessions.get_mut(&id)?,
        };
        let entry = map.get(key)?;
        if let (Some(ttl), Some(now)) = (self.spec.ttl, now)
            && (now.saturating_sub(entry.written) > ttl || ttl.is_zero())
        {
            if let Some(e) = map.pop(key) {
                rel.values.push(e.value);
            }
            return None;
        }
        Some(entry.clone())
    }

    /// Removes `key`'s entry if it still holds `value` (a hit the caller
    /// rejected: wrong type, or `validate` said no).
    fn remove_if_same(
        &self,
        scope: Option<SessionId>,
        key: &Key,
        value: &Value,
        rel: &mut Released<'_>,
    ) {
        let mut inner = lock(&self.inner);
        let map = match scope {
            None => inner.global.as_mut(),
            Some(id) => inner.sessions.get_mut(&id),
        };
        if let Some(map) = map
            && map.peek(key).is_some_and(|e| Arc::ptr_eq(&e.value, value))
            && let Some(e) = map.pop(key)
        {
            rel.values.push(e.value);
        }
    }

    /// The value for `key`: a hit converted by `hit` (which may reject it by
    /// returning `None`), or else computed once by `miss` while concurrent
    /// callers of the same key wait (CA-7). An error from `miss` is returned
    /// and nothing is stored (CA-6).
    pub(crate) fn call<C: ?Sized, V, E>(
        &self,
        key: Key,
        ctx: &mut C,
        mut hit: impl FnMut(&mut C, &Entry) -> Option<V>,
        miss: impl FnOnce(&mut C) -> Result<(V, Fresh), E>,
    ) -> Result<V, E> {
        let scope = self.scope_id();
        let mut rel = self.released();
        loop {
            if let Some(entry) = self.lookup(scope, &key, &mut rel) {
                match hit(ctx, &entry) {
                    Some(v) => return Ok(v),
                    None => {
                        self.remove_if_same(scope, &key, &entry.value, &mut rel);
                        continue;
                    }
                }
            }
            #[cfg(test)]
            if let Some(hook) = tests::AFTER_MISS.with(|h| h.borrow_mut().take()) {
                hook();
            }
            let fk = (scope, key);
            let claim = {
                let mut inner = lock(&self.inner);
                if let Some(f) = inner.flights.get(&fk) {
                    Some((f.clone(), false))
                } else if inner.holds(scope, &key) {
                    // A computation ended (stored and left) between the
                    // lookup above and this lock: read its value instead of
                    // computing it a second time (CA-7).
                    None
                } else {
                    let f = Arc::new(Flight::new());
                    inner.flights.insert(fk, f.clone());
                    Some((f, true))
                }
            };
            let Some((flight, mine)) = claim else {
                continue;
            };
            if !mine {
                if flight.owner == std::thread::current().id() {
                    super::raise(CacheError::Recursive {
                        func: self.spec.qualname.clone(),
                    });
                }
                let _spinner = self.spinner();
                flight.wait();
                continue;
            }
            // This caller computes; the guard ends the flight even if `miss`
            // returns an error or panics, so waiters retry instead of hanging.
            let mut guard = FlightGuard {
                store: self,
                fk,
                flight,
                fresh: None,
                written: Duration::ZERO,
            };
            let (value, fresh) = {
                let _spinner = self.spinner();
                let _depth = DepthGuard::enter();
                miss(ctx)?
            };
            guard.written = if self.spec.ttl.is_some() {
                runtime::now()
            } else {
                Duration::ZERO
            };
            guard.fresh = Some(fresh);
            drop(guard);
            return Ok(value);
        }
    }

    fn spinner(&self) -> Option<runtime::SpinnerGuard> {
        let text = self.spec.spinner.as_ref()?;
        let outermost = DEPTH.with(|d| d.get() == 0);
        outermost.then(|| runtime::spinner(text.clone()))
    }

    /// Clears the entries of the current scope (CA-14): the session's for a
    /// session-scoped function inside a run, all of them otherwise. Disk
    /// files go too. Computations in flight will not store their result.
    pub(crate) fn clear(&self) {
        let session = match self.spec.scope {
            Scope::Global => None,
            Scope::Session => runtime::session_id(),
        };
        let mut rel = self.released();
        {
            let mut inner = lock(&self.inner);
            match session {
                Some(id) => {
                    if let Some(map) = inner.sessions.remove(&id) {
                        drain(map, &mut rel);
                    }
                    inner.flights.retain(|(s, _), _| *s != Some(id));
                }
                None => Self::clear_all_locked(&mut inner, &mut rel),
            }
        }
        if self.spec.persist {
            disk::remove_fn(&self.spec.identity);
        }
    }

    fn clear_all_locked(inner: &mut Inner, rel: &mut Released<'_>) {
        if let Some(map) = inner.global.take() {
            drain(map, rel);
        }
        for (_, map) in inner.sessions.drain() {
            drain(map, rel);
        }
        inner.flights.clear();
    }

    /// Clears one argument tuple's entry in the current scope (CA-14).
    pub(crate) fn clear_key(&self, key: Key) {
        let scope = match self.spec.scope {
            Scope::Global => None,
            Scope::Session => runtime::session_id(),
        };
        let mut rel = self.released();
        {
            let mut inner = lock(&self.inner);
            let map = match scope {
                None => inner.global.as_mut(),
                Some(id) => inner.sessions.get_mut(&id),
            };
            if let Some(e) = map.and_then(|m| m.pop(&key)) {
                rel.values.push(e.value);
            }
            inner.flights.remove(&(scope, key));
        }
        if self.spec.persist {
            disk::remove_key(&self.spec.identity, &key);
        }
    }

    /// Clears every scope, memory and disk.
    pub(crate) fn clear_everything(&self) {
        let mut rel = self.released();
        Self::clear_all_locked(&mut lock(&self.inner), &mut rel);
        if self.spec.persist {
            disk::remove_fn(&self.spec.identity);
        }
    }

    /// Drops a finished session's entries (CA-11).
    pub(crate) fn drop_session(&self, id: SessionId) {
        let mut rel = self.released();
        let mut inner = lock(&self.inner);
        if let Some(map) = inner.sessions.remove(&id) {
            drain(map, &mut rel);
        }
        inner.flights.retain(|(s, _), _| *s != Some(id));
        drop(inner);
    }

    /// Forgets the in-memory entries only (disk files stay), as a restart would.
    pub(crate) fn forget_memory(&self) {
        let mut inner = lock(&self.inner);
        inner.global = None;
        inner.sessions.clear();
        inner.flights.clear();
    }

    /// How many entries the current scope holds (expired ones included until read).
    pub(crate) fn len(&self) -> usize {
        let scope = match self.spec.scope {
            Scope::Global => None,
            Scope::Session => runtime::session_id(),
        };
        let inner = lock(&self.inner);
        match scope {
            None => inner.global.as_ref().map_or(0, LruCache::len),
            Some(id) => inner.sessions.get(&id).map_or(0, LruCache::len),
        }
    }
}

/// Ends a flight: stores the fresh value if nothing cleared the flight in the
/// meantime (CA-14), then wakes the waiters.
struct FlightGuard<'a> {
    store: &'a Store,
    fk: FlightKey,
    flight: Arc<Flight>,
    fresh: Option<Fresh>,
    written: Duration,
}

impl Drop for FlightGuard<'_> {
    fn drop(&mut self) {
        let store = self.store;
        let mut rel = store.released();
        {
            let mut inner = lock(&store.inner);
            let current = inner
                .flights
                .get(&self.fk)
                .is_some_and(|f| Arc::ptr_eq(f, &self.flight));
            if current {
                inner.flights.remove(&self.fk);
                if let Some(fresh) = self.fresh.take() {
                    let entry = Entry {
                        value: fresh.value,
                        replay: fresh.replay,
                        written: self.written,
                    };
                    let map = match self.fk.0 {
                        None => {
                            if inner.global.is_none() {
                                inner.global = Some(store.new_map());
                            }
                            inner.global.as_mut()
                        }
                        Some(id) => {
                            Some(inner.sessions.entry(id).or_insert_with(|| store.new_map()))
                        }
                    };
                    if let Some((_, old)) = map.and_then(|m| m.push(self.fk.1, entry)) {
                        rel.values.push(old.value);
                    }
                }
            }
        }
        self.flight.finish();
    }
}

/// A cached function's store, created at its first call and registered for
/// [`clear_all`](super::clear_all).
#[derive(Debug)]
pub struct StoreCell(OnceLock<Store>);

impl Default for StoreCell {
    fn default() -> Self {
        Self::new()
    }
}

impl StoreCell {
    /// An empty cell, for a `static`.
    pub const fn new() -> Self {
        Self(OnceLock::new())
    }

    /// The store, created from `spec` at the first call.
    #[inline]
    pub fn get_or_init(&'static self, spec: impl FnOnce() -> FnSpec) -> &'static Store {
        match self.0.get() {
            Some(s) => s,
            None => self.init(spec),
        }
    }

    #[cold]
    fn init(&'static self, spec: impl FnOnce() -> FnSpec) -> &'static Store {
        let mut created = false;
        let store = self.0.get_or_init(|| {
            created = true;
            Store::new(spec())
        });
        if created {
            registry::register(store);
        }
        store
    }
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
