//! How a cached function is configured ([`FnSpec`]: what its attribute said)
//! and the identity of a cached function (CA-1: its qualified name and body).

use std::num::NonZeroUsize;
use std::time::Duration;

use super::store::Value;
use super::{Kind, Scope};

/// How a cached function is configured: what its attribute said.
pub struct FnSpec {
    pub(crate) kind: Kind,
    pub(crate) qualname: String,
    pub(crate) identity: [u8; 32],
    pub(crate) ttl: Option<Duration>,
    pub(crate) max_entries: Option<NonZeroUsize>,
    pub(crate) scope: Scope,
    pub(crate) persist: bool,
    pub(crate) spinner: Option<String>,
    pub(crate) on_release: Option<Box<dyn Fn(Value) + Send + Sync>>,
}

impl std::fmt::Debug for FnSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FnSpec")
            .field("kind", &self.kind)
            .field("qualname", &self.qualname)
            .field("ttl", &self.ttl)
            .field("max_entries", &self.max_entries)
            .field("scope", &self.scope)
            .field("persist", &self.persist)
            .field("spinner", &self.spinner)
            .finish_non_exhaustive()
    }
}

/// The identity of a cached function (CA-2): its module path, its name
/// (qualified by its `Self` type for methods) and a digest of its source, so
/// that editing the function gives it a new, empty cache.
pub fn fn_identity(
    module_path: &str,
    name: &str,
    self_type: Option<&str>,
    source_digest: &str,
) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    for part in [module_path, self_type.unwrap_or(""), name, source_digest] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    *h.finalize().as_bytes()
}

fn qualname(name: &str, self_type: Option<&str>) -> String {
    match self_type {
        Some(t) => {
            // `my_crate::module::MyClass<T>` -> `MyClass<T>`
            let base = t.split('<').next().unwrap_or(t);
            let short = base.rsplit("::").next().unwrap_or(base);
            format!("{short}{}::{name}", &t[base.len()..])
        }
        None => name.to_owned(),
    }
}

impl FnSpec {
    /// The spec of function `name` in `module_path` (with its `Self` type for
    /// methods), whose source hashes to `source_digest`.
    pub fn new(
        kind: Kind,
        module_path: &str,
        name: &'static str,
        self_type: Option<&str>,
        source_digest: &str,
    ) -> Self {
        let qualname = qualname(name, self_type);
        Self {
            kind,
            identity: fn_identity(module_path, name, self_type, source_digest),
            spinner: Some(format!("Running `{qualname}(...)`.")),
            qualname,
            ttl: None,
            max_entries: None,
            scope: Scope::Global,
            persist: false,
            on_release: None,
        }
    }

    /// Entries expire this long after they were written (CA-8).
    #[must_use]
    pub fn ttl(mut self, ttl: Duration) -> Self {
        self.ttl = Some(ttl);
        self
    }

    /// At most this many entries; the least recently used goes first (CA-9).
    /// Zero keeps nothing.
    #[must_use]
    pub fn max_entries(mut self, n: usize) -> Self {
        self.max_entries = Some(NonZeroUsize::new(n).unwrap_or(NonZeroUsize::MIN));
        if n == 0 {
            self.ttl = Some(Duration::ZERO);
        }
        self
    }

    /// Global or per-session entries (CA-11).
    #[must_use]
    pub fn scope(mut self, scope: Scope) -> Self {
        self.scope = scope;
        self
    }

    /// Entries are also written to disk (CA-10).
    #[must_use]
    pub fn persist(mut self, persist: bool) -> Self {
        self.persist = persist;
        self
    }

    /// The spinner text shown on a miss (CA-15), `None` for no spinner.
    #[must_use]
    pub fn spinner(mut self, text: Option<String>) -> Self {
        self.spinner = text;
        self
    }

    /// The spinner text for a function that takes no arguments.
    #[must_use]
    pub fn no_args(mut self) -> Self {
        if self.spinner.as_deref() == Some(&format!("Running `{}(...)`.", self.qualname)) {
            self.spinner = Some(format!("Running `{}()`.", self.qualname));
        }
        self
    }

    /// Runs when a resource leaves the cache (CA-12).
    #[must_use]
    pub fn on_release(mut self, f: Box<dyn Fn(Value) + Send + Sync>) -> Self {
        self.on_release = Some(f);
        self
    }
}
