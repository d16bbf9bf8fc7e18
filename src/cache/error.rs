//! What can go wrong when calling a cached function, in Streamlit's words
//! adapted to Rust (CA-4, CA-5, CA-8, CA-10, CA-11).

use super::Kind;

/// An error raised by a cached function's machinery (not by the function
/// itself: its own errors are returned to the caller and never cached, CA-6).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CacheError {
    /// CA-4: a dynamically typed argument ([`Dyn`](super::Dyn)) has a type
    /// with no `hash_funcs` entry. Statically typed arguments without
    /// [`CacheHash`](super::CacheHash) are compile errors instead.
    #[error(
        "Cannot hash argument '{param}' (of type `{type_name}`) in '{func}'.\n\n\
         To address this, you can tell brook not to hash this argument by adding a \
         leading underscore to the argument's name in the function signature:\n\n\
         ```\n#[brook::{kind}]\nfn {func}(_{param}: ..., ...) {{\n    ...\n}}\n```\n\n\
         or give the function a hash function for this type: \
         `#[brook::{kind}(hash_funcs = {{ {type_name}: |v: &{type_name}| ... }})]`."
    )]
    UnhashableParam {
        /// The parameter's name (`(unnamed)` for a destructured one).
        param: String,
        /// The value's type, as Rust names it.
        type_name: String,
        /// The cached function.
        func: String,
        /// `cache_data` or `cache_resource`.
        kind: Kind,
    },

    /// CA-5: a `hash_funcs` function panicked while hashing an argument.
    #[error(
        "{message}\n\n\
         This error is likely due to a bug in `{hash_func}`, which is a user-defined \
         hash function that was passed into the `#[brook::{kind}]` attribute of `{func}()`.\n\n\
         `{hash_func}` failed when hashing an object of type `{type_name}` \
         (argument '{param}')."
    )]
    UserHash {
        /// The panic message of the hash function.
        message: String,
        /// The hash function, as written in the attribute.
        hash_func: String,
        /// The type it was hashing.
        type_name: String,
        /// The parameter being hashed.
        param: String,
        /// The cached function.
        func: String,
        /// `cache_data` or `cache_resource`.
        kind: Kind,
    },

    /// CA-8: a `ttl` string that does not parse.
    #[error(
        "Time string doesn't look right. It should be formatted as `'1d2h34m'` or \
         `2 days`, for example. Got: {0}"
    )]
    Ttl(String),

    /// CA-11: a session-scoped cache used where no session is running.
    #[error(
        "A session-scoped cache was accessed outside of the app execution thread: \
         `{func}()` has `scope = \"session\"`, but no session is running on this thread. \
         Call it from a page (or a callback), or use `scope = \"global\"`."
    )]
    SessionScopeOutsideRun {
        /// The cached function.
        func: String,
    },

    /// CA-7: a cached function called itself with the same arguments while
    /// computing them, which would wait for itself forever.
    #[error(
        "`{func}()` called itself with the same arguments while computing them; \
         the call would wait for its own result forever. Break the recursion, or \
         cache a helper that it calls instead."
    )]
    Recursive {
        /// The cached function.
        func: String,
    },
}

impl CacheError {
    /// The exception type shown for this error, as Streamlit names it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::UnhashableParam { .. } => "UnhashableParamError",
            Self::UserHash { .. } => "UserHashError",
            Self::Ttl(_) => "BrookAPIException",
            Self::SessionScopeOutsideRun { .. } => "BrookAPIException",
            Self::Recursive { .. } => "CacheRecursionError",
        }
    }
}

/// Boxed: a cache error is rare and large, `brook::Error` stays small.
impl From<CacheError> for crate::Error {
    fn from(e: CacheError) -> Self {
        Self::Cache(Box::new(e))
    }
}
