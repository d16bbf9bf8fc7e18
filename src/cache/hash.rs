//! [`CacheHash`]: how a cached function's arguments become its key (CA-3, CA-4).
//!
//! Every value writes a one-byte tag for its kind before its bytes, so `1_i64`,
//! `1.0_f64` and `true` never collide (CA-4). Unlike Streamlit, nothing is
//! sampled: big slices of numbers are hashed in full, in one pass over their
//! bytes, with blake3's multithreaded mode above [`RAYON_THRESHOLD`] bytes
//! (brook's departure 5).

use std::any::{Any, TypeId};

use super::{CacheError, Kind};

mod impls;

/// Inputs at least this long are hashed with blake3's multithreaded mode.
pub const RAYON_THRESHOLD: usize = 1 << 20;

/// A type whose values can be part of a cached function's key.
///
/// Implemented for the standard types (integers, floats by their bits, `bool`,
/// `char`, strings, slices, `Vec`, arrays, tuples, `Option`, `Result`, maps and
/// sets — order-independent for `HashMap`/`HashSet` —, paths, `Duration`,
/// `Arc`/`Box`/`Rc`/`Cow` and references). Derive it for your own types:
///
/// ```
/// #[derive(brook::CacheHash)]
/// struct Query {
///     table: String,
///     limit: Option<u32>,
/// }
///
/// #[brook::cache_data]
/// fn rows(q: Query) -> usize {
///     q.limit.unwrap_or(10) as usize
/// }
///
/// assert_eq!(rows(Query { table: "t".into(), limit: Some(3) }), 3);
/// ```
///
/// For a type you cannot implement it for (it belongs to another crate), give
/// the cached function a `hash_funcs` entry instead, or leave the parameter out
/// of the key by starting its name with `_`.
#[diagnostic::on_unimplemented(
    message = "cannot hash argument of type `{Self}` for a cached function",
    label = "`{Self}` does not implement `brook::CacheHash`, so it cannot be part of the cache key",
    note = "To address this, you can tell brook not to hash this argument by adding a leading \
            underscore to the argument's name in the function signature (`_name: {Self}`), \
            derive it (`#[derive(brook::CacheHash)]`), or give the function a hash function for \
            this type: `#[brook::cache_data(hash_funcs = {{ {Self}: |v: &{Self}| v.id }})]`."
)]
pub trait CacheHash {
    /// Feeds this value, tagged with its kind, into `h`.
    fn cache_hash(&self, h: &mut KeyHasher);

    /// Feeds a slice of values. Types with a plain byte representation
    /// override this to hash the whole slice in one pass.
    fn cache_hash_slice(items: &[Self], h: &mut KeyHasher)
    where
        Self: Sized,
    {
        for item in items {
            item.cache_hash(h);
        }
    }
}

/// A 256-bit cache key: the blake3 digest of a call's hashed arguments.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key(pub [u8; 32]);

impl Key {
    /// The key as 64 lowercase hex digits (used in disk file names).
    pub fn to_hex(&self) -> String {
        blake3::Hash::from_bytes(self.0).to_hex().to_string()
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Key({})", &self.to_hex()[..16])
    }
}

impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // The key is already a uniform digest: its first 8 bytes are a fine
        // hash for a hash map (see `KeyBuildHasher`).
        let mut first = [0u8; 8];
        first.copy_from_slice(&self.0[..8]);
        state.write_u64(u64::from_le_bytes(first));
    }
}

/// A `BuildHasher` for maps keyed by [`Key`]: it passes the key's first 8
/// bytes through instead of hashing a digest a second time.
#[derive(Debug, Clone, Copy, Default)]
pub struct KeyBuildHasher;

/// The hasher built by [`KeyBuildHasher`].
#[derive(Debug, Default)]
pub struct PassThroughHasher(u64);

impl std::hash::Hasher for PassThroughHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only reached for keys that are not `Key` (never, in brook).
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl std::hash::BuildHasher for KeyBuildHasher {
    type Hasher = PassThroughHasher;
    fn build_hasher(&self) -> PassThroughHasher {
        PassThroughHasher(0)
    }
}

/// A `hash_funcs` entry, as the attribute macros generate it, used for
/// dynamically typed arguments ([`Dyn`]).
#[derive(Clone, Copy)]
pub struct HashFunc {
    /// The type this entry hashes.
    pub type_id: fn() -> TypeId,
    /// Hashes a value of that type (given as `&dyn Any`) into the hasher.
    pub hash: fn(&dyn Any, &mut KeyHasher),
}

impl std::fmt::Debug for HashFunc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HashFunc").finish_non_exhaustive()
    }
}

/// The hasher a cached function's arguments are fed into: blake3, plus what
/// is needed to report an argument that cannot be hashed.
pub struct KeyHasher {
    inner: blake3::Hasher,
    hash_funcs: &'static [HashFunc],
    func: &'static str,
    kind: Kind,
    param: &'static str,
    error: Option<Box<CacheError>>,
    /// A `hash_funcs` entry of the function was used: the digest depends on
    /// the function, not only on the value ([`Hashed`](super::Hashed) does
    /// not keep it).
    used_hash_funcs: bool,
}

impl std::fmt::Debug for KeyHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyHasher")
            .field("func", &self.func)
            .field("param", &self.param)
            .finish_non_exhaustive()
    }
}

impl Default for KeyHasher {
    fn default() -> Self {
        Self::new(&[], "(unnamed)", Kind::Data)
    }
}

impl KeyHasher {
    /// A hasher for the arguments of `func`, a cached function of `kind`
    /// with these `hash_funcs` entries for dynamically typed arguments.
    pub fn new(hash_funcs: &'static [HashFunc], func: &'static str, kind: Kind) -> Self {
        Self {
            inner: blake3::Hasher::new(),
            hash_funcs,
            func,
            kind,
            param: "(unnamed)",
            error: None,
            used_hash_funcs: false,
        }
    }

    /// Names the parameter hashed next (for error messages).
    #[inline]
    pub fn param(&mut self, name: &'static str) {
        self.param = name;
    }

    /// Feeds raw bytes, with no tag. Implementations of [`CacheHash`] call
    /// [`write_tagged`](Self::write_tagged) or this after writing a tag.
    ///
    /// Inputs of [`RAYON_THRESHOLD`] bytes or more are hashed in full on their
    /// own, starting at blake3's chunk 0, so its multithreaded mode can split
    /// them into aligned subtrees (fed after the tag and length, they would
    /// start mid-chunk and parallelise worse: 1.30x raw blake3 at 8 MB); their
    /// 32-byte digest then enters the key.
    #[inline]
    pub fn write(&mut self, bytes: &[u8]) {
        if bytes.len() >= RAYON_THRESHOLD {
            let mut big = blake3::Hasher::new();
            big.update_rayon(bytes);
            self.inner.update(big.finalize().as_bytes());
        } else {
            self.inner.update(bytes);
        }
    }

    /// Feeds a one-byte kind tag followed by `bytes`.
    #[inline]
    pub fn write_tagged(&mut self, tag: u8, bytes: &[u8]) {
        if bytes.len() < 32 {
            // One update for the tag and a small value.
            let mut buf = [0u8; 32];
            buf[0] = tag;
            buf[1..=bytes.len()].copy_from_slice(bytes);
            self.inner.update(&buf[..=bytes.len()]);
        } else {
            self.inner.update(&[tag]);
            self.write(bytes);
        }
    }

    /// Feeds a length (of a string, slice or collection).
    #[inline]
    pub fn write_len(&mut self, len: usize) {
        self.inner.update(&(len as u64).to_le_bytes());
    }

    /// Records that the current parameter cannot be hashed; the call then
    /// fails with [`CacheError::UnhashableParam`].
    pub fn unhashable(&mut self, type_name: &str) {
        if self.error.is_none() {
            self.error = Some(Box::new(CacheError::UnhashableParam {
                param: self.param.to_owned(),
                type_name: crate::error::display_type_name(type_name),
                func: self.func.to_owned(),
                kind: self.kind,
            }));
        }
    }

    /// Hashes a dynamically typed value through the function's `hash_funcs`.
    pub fn write_dyn(&mut self, value: &dyn Any, type_name: &str) {
        let id = value.type_id();
        match self.hash_funcs.iter().find(|f| (f.type_id)() == id) {
            Some(f) => {
                self.used_hash_funcs = true;
                self.write_tagged(tag::DYN, &[]);
                self.write_str(type_name);
                (f.hash)(value, self);
            }
            None => self.unhashable(type_name),
        }
    }

    /// Runs a user hash function (`hash_funcs`) and hashes its result; a panic
    /// in it becomes [`CacheError::UserHash`] (CA-5).
    pub fn hash_with<R: CacheHash>(
        &mut self,
        hash_func: &'static str,
        type_name: &'static str,
        f: impl FnOnce() -> R,
    ) {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
            Ok(r) => r.cache_hash(self),
            Err(payload) => {
                if payload.is::<crate::session::Unwind>() {
                    std::panic::resume_unwind(payload);
                }
                if self.error.is_none() {
                    self.error = Some(Box::new(CacheError::UserHash {
                        message: panic_message(payload.as_ref()),
                        hash_func: hash_func.to_owned(),
                        type_name: crate::error::display_type_name(type_name),
                        param: self.param.to_owned(),
                        func: self.func.to_owned(),
                        kind: self.kind,
                    }));
                }
            }
        }
    }

    /// Hashes what `f` writes into a fresh hasher with the same settings and
    /// returns that digest (for order-independent collections).
    fn sub_digest(&mut self, f: impl FnOnce(&mut KeyHasher)) -> [u8; 32] {
        let mut sub = KeyHasher::new(self.hash_funcs, self.func, self.kind);
        sub.param = self.param;
        f(&mut sub);
        self.used_hash_funcs |= sub.used_hash_funcs;
        if self.error.is_none() {
            self.error = sub.error.take();
        }
        *sub.inner.finalize().as_bytes()
    }

    /// The digest of what `f` writes, hashed on its own with this hasher's
    /// settings (for [`Hashed`](super::Hashed)), and whether it depends on
    /// the value alone: false when it went through the function's
    /// `hash_funcs` or failed (then it is not worth keeping).
    pub(crate) fn value_digest(&mut self, f: impl FnOnce(&mut KeyHasher)) -> ([u8; 32], bool) {
        let mut sub = KeyHasher::new(self.hash_funcs, self.func, self.kind);
        sub.param = self.param;
        f(&mut sub);
        let reusable = sub.error.is_none() && !sub.used_hash_funcs;
        self.used_hash_funcs |= sub.used_hash_funcs;
        if self.error.is_none() {
            self.error = sub.error.take();
        }
        (*sub.inner.finalize().as_bytes(), reusable)
    }

    /// Feeds the digest of a [`Hashed`](super::Hashed) value.
    pub(crate) fn write_value_digest(&mut self, digest: &[u8; 32]) {
        self.write_tagged(tag::HASHED, digest);
    }

    fn write_str(&mut self, s: &str) {
        self.write_len(s.len());
        self.write(s.as_bytes());
    }

    /// The key, or the first error met while hashing.
    #[inline]
    pub fn finish(self) -> Result<Key, CacheError> {
        match self.error {
            None => Ok(Key(*self.inner.finalize().as_bytes())),
            Some(e) => Err(*e),
        }
    }
}

/// The text of a panic payload.
pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "the hash function panicked".to_owned()
    }
}

/// One-byte kind tags (CA-4: a value's type is part of its hash).
mod tag {
    pub const UNIT: u8 = 0x01;
    pub const BOOL: u8 = 0x02;
    pub const CHAR: u8 = 0x03;
    pub const U8: u8 = 0x10;
    pub const U16: u8 = 0x11;
    pub const U32: u8 = 0x12;
    pub const U64: u8 = 0x13;
    pub const U128: u8 = 0x14;
    pub const USIZE: u8 = 0x15;
    pub const I8: u8 = 0x18;
    pub const I16: u8 = 0x19;
    pub const I32: u8 = 0x1a;
    pub const I64: u8 = 0x1b;
    pub const I128: u8 = 0x1c;
    pub const ISIZE: u8 = 0x1d;
    pub const F32: u8 = 0x20;
    pub const F64: u8 = 0x21;
    pub const STR: u8 = 0x30;
    pub const SEQ: u8 = 0x31;
    pub const ARRAY: u8 = 0x32;
    pub const TUPLE: u8 = 0x33;
    pub const NONE: u8 = 0x34;
    pub const SOME: u8 = 0x35;
    pub const OK: u8 = 0x36;
    pub const ERR: u8 = 0x37;
    pub const MAP: u8 = 0x38;
    pub const SET: u8 = 0x39;
    pub const PATH: u8 = 0x3a;
    pub const DURATION: u8 = 0x3b;
    pub const RANGE: u8 = 0x3c;
    pub const STRUCT: u8 = 0x40;
    pub const VARIANT: u8 = 0x41;
    pub const DYN: u8 = 0x42;
    pub const HASHED: u8 = 0x43;
}

/// Numbers: tagged little-endian bytes; slices of them in one pass over
/// their memory (native byte order, identical to little-endian on the
/// machines brook runs on).
/// A dynamically typed argument: any value, hashed through the cached
/// function's `hash_funcs` entry for its type. A value whose type has no entry
/// is a run-time error naming the parameter, its type and the function (the
/// one unhashable-argument error the compiler cannot catch, CA-4).
///
/// ```
/// use brook::cache::Dyn;
///
/// #[brook::cache_data(hash_funcs = { u8: |v: &u8| *v as i64 })]
/// fn describe(value: Dyn) -> String {
///     format!("{:?}", value.downcast_ref::<u8>())
/// }
///
/// assert_eq!(describe(Dyn::new(7_u8)), "Some(7)");
/// ```
pub struct Dyn {
    value: Box<dyn Any + Send + Sync>,
    type_name: &'static str,
}

impl Dyn {
    /// Wraps `value`, remembering its type's name for error messages.
    pub fn new<T: Any + Send + Sync>(value: T) -> Self {
        Self {
            value: Box::new(value),
            type_name: std::any::type_name::<T>(),
        }
    }

    /// The value, if it is a `T`.
    pub fn downcast_ref<T: Any>(&self) -> Option<&T> {
        self.value.downcast_ref()
    }

    /// The name of the value's type.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }
}

impl std::fmt::Debug for Dyn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Dyn<{}>", self.type_name)
    }
}

impl CacheHash for Dyn {
    fn cache_hash(&self, h: &mut KeyHasher) {
        h.write_dyn(self.value.as_ref(), self.type_name);
    }
}

/// Helpers for `#[derive(CacheHash)]`.
impl KeyHasher {
    /// Starts a struct (or enum) named `name`.
    #[doc(hidden)]
    #[inline]
    pub fn begin_struct(&mut self, name: &'static str) {
        self.write_tagged(tag::STRUCT, &(name.len() as u64).to_le_bytes());
        self.write(name.as_bytes());
    }

    /// Starts enum variant number `index`.
    #[doc(hidden)]
    #[inline]
    pub fn begin_variant(&mut self, index: u32) {
        self.write_tagged(tag::VARIANT, &index.to_le_bytes());
    }
}
