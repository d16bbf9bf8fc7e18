//! Caching expensive work across reruns: `#[cache_data]` and
//! `#[cache_resource]` (Streamlit's `st.cache_data` / `st.cache_resource`,
//! rules CA-1..CA-17 of `SEMANTICS.md`).
//!
//! ```
//! # let dir = tempfile::tempdir().unwrap();
//! # brook::cache::set_disk_dir(dir.path());
//! use std::sync::Arc;
//! use std::time::Duration;
//!
//! /// Every caller gets its own copy of the result.
//! #[brook::cache_data(ttl = "1h", max_entries = 100)]
//! fn square(x: i64) -> i64 {
//!     x * x
//! }
//!
//! /// Every caller shares one `Arc<Pool>`: the declared `-> Pool` is
//! /// handed out as `-> Arc<Pool>`.
//! #[brook::cache_resource(validate = |p: &Pool| p.open)]
//! fn pool(url: &str) -> Pool {
//!     Pool { url: url.to_owned(), open: true }
//! }
//! struct Pool { url: String, open: bool }
//!
//! assert_eq!(square(4), 16);
//! let a: Arc<Pool> = pool("db://x");
//! assert!(Arc::ptr_eq(&a, &pool("db://x")));
//! square_clear();             // `square.clear()`
//! square_clear_args(4);       // `square.clear(4)`
//! brook::cache::clear_all();  // both kinds, disk too
//! ```
//!
//! # Keys
//! A call's key is a blake3 digest of its arguments in order (CA-3), each
//! hashed with its type tagged so that `1_i64`, `1.0_f64` and `true` differ
//! (CA-4), through [`CacheHash`]. Parameters whose name starts with `_` are
//! left out, and so is a first parameter `st: &mut St` (the page context, see
//! below). The function's identity — its path and a digest of its source,
//! attribute included — selects its cache, so editing the function starts an
//! empty one (CA-2). Variables the function reads from elsewhere are not part
//! of the key. Large inputs are hashed in full, never sampled (departure 5).
//!
//! # Large inputs
//! Hashing in full costs about a millisecond per 16 MB on every call, hit or
//! miss. To pass a large input cheaply, wrap it once in [`Hashed`]: it is
//! hashed at its first use and keeps its digest, so every later call costs
//! the same whatever its size (`Hashed::new(data)`, then pass clones, which
//! share the value). The key stays exact: the digest covers every byte. A
//! plain `Arc<T>` argument is hashed in full like `T`: brook cannot tell
//! that an `Arc`'s content is unchanged without holding on to it (a `Weak`
//! would make `Arc::get_mut` fail in your code), so the wrapper is the way.
//!
//! An argument type without [`CacheHash`] is a compile error (departure 3)
//! telling you the three ways out: start the parameter's name with `_`,
//! `#[derive(CacheHash)]`, or give a `hash_funcs` entry for a type you cannot
//! implement the trait for (CA-5): `hash_funcs = { MyType: |v: &MyType| v.id }`
//! hashes the function's result instead. Entries apply to parameters of that
//! type (also behind `&`, and to `self`), and to dynamically typed arguments
//! ([`Dyn`]), the one case checked at run time.
//!
//! # Values
//! `#[cache_data]` needs `T: Clone + Send + Sync + 'static` and hands every
//! caller its own copy; the call that computes the value returns it without a
//! copy. For big immutable data return `Arc<T>`: a hit then costs one atomic
//! increment instead of a deep copy. `#[cache_resource]` stores one `Arc<T>`
//! (`T: Send + Sync`) that every caller shares: mutate it through interior
//! mutability (`Mutex`, atomics). A function returning `Result<T, E>` caches
//! only `Ok` values; errors and panics are never cached (CA-6).
//!
//! # Options
//! | option | kinds | meaning |
//! |---|---|---|
//! | `ttl = "1h30m"` / `ttl = 90` / `ttl = Duration::..` | both | entries expire that long after they were written (CA-8) |
//! | `max_entries = 100` | both | least-recently-used eviction (CA-9) |
//! | `persist = "disk"` | data | also written to [`disk_dir`], reused after a restart while the function's source is unchanged (CA-10); a file is served only if it names this function, key and type and its blake3 checksum matches; needs `Serialize + DeserializeOwned` |
//! | `show_spinner = false` / `"text"` | both | the running indicator on a miss, after 0.5 s (CA-15) |
//! | `scope = "session"` | both | entries private to each session, dropped with it (CA-11) |
//! | `hash_funcs = { Type: func, .. }` | both | hash `func(&value)` for arguments of `Type` (CA-5) |
//! | `validate = func` | resource | `func(&T) -> bool` on every hit; `false` recomputes (CA-12) |
//! | `on_release = func` | resource | `func(Arc<T>)` when an entry leaves the cache (CA-12) |
//!
//! # Concurrency
//! The caches are process-wide and shared by every session. When callers race
//! for the same missing key, one computes and the others wait, then read its
//! result (CA-7); a waiting run can still be interrupted. A clear during a
//! computation wins: the computation's result is returned to its caller but
//! not stored (CA-14).
//!
//! # Clearing
//! Alongside `f`, each attribute defines `f_clear()` (all of `f`'s entries in
//! the current scope, `f.clear()`) and `f_clear_args(args..)` (one entry,
//! `f.clear(args..)`), with `f`'s visibility. [`clear_data`],
//! [`clear_resource`] and [`clear_all`] clear every function of a kind
//! (CA-14).
//!
//! # Methods
//! On a method, `self` is hashed like any argument (CA-17): derive
//! `CacheHash` for the type or give it a `hash_funcs` entry. To share one
//! cache across instances, take the instance as `_self: &Self` (then called
//! as `Type::f(&obj, ..)`).
//!
//! # Elements
//! A cached function whose first parameter is the page context
//! (`st: &mut St`, after `self` for a method) records the elements it draws
//! on a miss and draws them again on every hit (CA-16); the context is not
//! part of the key. Drawing into a container created outside the function
//! works on the miss and raises CA-16's error on a hit.
//!
//! # Limits
//! - The attributes do not apply to `async fn`, to functions generic over
//!   types, or to functions returning `impl Trait` (compile errors say so),
//!   nor inside trait impls (the companions `f_clear` are not trait items).
//! - A `hash_funcs` entry is compiled as an item of its own: its type and
//!   function cannot refer to the function's local variables or generic
//!   parameters (`Self` is accepted as a key, for `self` and `Self` arguments).
//! - `persist = "disk"` does not combine with `ttl`, `scope = "session"` or a
//!   page context parameter (compile errors).

mod data;
mod disk;
mod error;
mod hash;
mod hashed;
#[doc(hidden)]
pub mod private;
mod registry;
mod resource;
mod spec;
mod store;
mod ttl;

pub use disk::{disk_dir, set_disk_dir};
pub use error::CacheError;
pub use hash::{CacheHash, Dyn, Key, KeyHasher, RAYON_THRESHOLD};
pub use hashed::Hashed;
pub use registry::{clear_all, clear_data, clear_resource, drop_session};
pub use ttl::parse_ttl;

/// Which attribute a cached function has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `#[cache_data]`: copies of the value.
    Data,
    /// `#[cache_resource]`: one shared value.
    Resource,
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Data => "cache_data",
            Self::Resource => "cache_resource",
        })
    }
}

/// Who shares a cached function's entries (CA-11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Scope {
    /// Every session of the process.
    #[default]
    Global,
    /// Each session has its own entries, dropped when it ends.
    Session,
}

/// Stops the current run with `err`, shown as an exception element; outside a
/// run (a plain thread, a test without a session) it panics with the message.
#[doc(hidden)]
#[track_caller]
pub fn raise(err: CacheError) -> ! {
    if crate::runtime::current().is_some() {
        crate::session::raise(crate::Error::from(err))
    } else {
        panic!("{err}")
    }
}
