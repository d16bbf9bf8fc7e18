//! [`Hashed`]: a large input for cached functions, hashed once.

use std::sync::{Arc, OnceLock};

use super::hash::{CacheHash, KeyHasher};

/// A value shared between calls of cached functions and hashed once: every
/// call after the first reads its 32-byte digest instead of hashing the
/// whole value again. The key stays exact (departure 5): the digest is a
/// full blake3 of everything [`CacheHash`] writes for the value, never a
/// sample, and two `Hashed` holding equal values give equal keys.
///
/// Pass large inputs this way. An 80 MB `Vec<f64>` or `Arc<Vec<f64>>`
/// argument is hashed in full on every call (about 5 ms here, each hit);
/// a `Hashed` one costs that once, when first used, and nothing after: a
/// hit is then a few hundred nanoseconds whatever the size. Cloning a
/// `Hashed` is cloning an `Arc`; it derefs to the value.
///
/// ```
/// use brook::cache::Hashed;
///
/// #[brook::cache_data]
/// fn mean(xs: Hashed<Vec<f64>>) -> f64 {
///     xs.iter().sum::<f64>() / xs.len() as f64
/// }
///
/// let data = Hashed::new(vec![1.0, 2.0, 3.0, 6.0]);
/// assert_eq!(mean(data.clone()), 3.0); // hashes the data, computes
/// assert_eq!(mean(data.clone()), 3.0); // reads the digest: a hit
/// // Equal data in another `Hashed` is the same key.
/// assert_eq!(mean(Hashed::new(vec![1.0, 2.0, 3.0, 6.0])), 3.0);
/// ```
///
/// The value cannot change while it is shared: `Hashed` hands out `&T`
/// only, and [`make_mut`](Self::make_mut) forgets the digest. Do not wrap a
/// type whose hash can change behind a shared reference (one holding a
/// `Mutex` or `Cell` that its `CacheHash` reads).
pub struct Hashed<T> {
    inner: Arc<Inner<T>>,
}

struct Inner<T> {
    value: T,
    /// The digest of the value's hash, once computed.
    digest: OnceLock<[u8; 32]>,
}

impl<T> Hashed<T> {
    /// Wraps `value`; it is hashed at its first use as an argument.
    pub fn new(value: T) -> Self {
        Self {
            inner: Arc::new(Inner {
                value,
                digest: OnceLock::new(),
            }),
        }
    }

    /// The value.
    #[inline]
    pub fn get(&self) -> &T {
        &self.inner.value
    }

    /// The value, to change: a copy if other clones share it. It is hashed
    /// again at its next use.
    pub fn make_mut(&mut self) -> &mut T
    where
        T: Clone,
    {
        let inner = Arc::make_mut(&mut self.inner);
        inner.digest = OnceLock::new();
        &mut inner.value
    }

    /// The value, if this is its only clone (else `self` back).
    pub fn try_into_inner(self) -> Result<T, Self> {
        Arc::try_unwrap(self.inner)
            .map(|inner| inner.value)
            .map_err(|inner| Self { inner })
    }

    /// True when the digest is known (the value was used as an argument).
    pub fn is_hashed(&self) -> bool {
        self.inner.digest.get().is_some()
    }
}

impl<T: Clone> Clone for Inner<T> {
    fn clone(&self) -> Self {
        Self {
            value: self.value.clone(),
            digest: self.digest.clone(),
        }
    }
}

impl<T> Clone for Hashed<T> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<T> std::ops::Deref for Hashed<T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        &self.inner.value
    }
}

impl<T> AsRef<T> for Hashed<T> {
    fn as_ref(&self) -> &T {
        &self.inner.value
    }
}

impl<T> From<T> for Hashed<T> {
    fn from(value: T) -> Self {
        Self::new(value)
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Hashed<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Hashed").field(&self.inner.value).finish()
    }
}

impl<T: CacheHash> CacheHash for Hashed<T> {
    fn cache_hash(&self, h: &mut KeyHasher) {
        if let Some(digest) = self.inner.digest.get() {
            h.write_value_digest(digest);
            return;
        }
        let (digest, reusable) = h.value_digest(|sub| self.inner.value.cache_hash(sub));
        if reusable {
            // A race computes it twice at most; both digests are equal.
            let _ = self.inner.digest.set(digest);
        }
        h.write_value_digest(&digest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::{Dyn, Kind};

    fn key(v: &impl CacheHash) -> crate::cache::Key {
        let mut h = KeyHasher::new(&[], "f", Kind::Data);
        v.cache_hash(&mut h);
        h.finish().expect("hashable")
    }

    #[test]
    fn equal_values_give_equal_keys_and_different_values_different_keys() {
        let a = Hashed::new(vec![1.0_f64, 2.0]);
        let b = Hashed::new(vec![1.0_f64, 2.0]);
        let c = Hashed::new(vec![1.0_f64, 2.5]);
        assert_eq!(key(&a), key(&b));
        assert_ne!(key(&a), key(&c));
        // The digest is kept, and the key read from it is the same.
        assert!(a.is_hashed());
        assert_eq!(key(&a), key(&b));
    }

    #[test]
    fn a_changed_value_is_hashed_again() {
        let mut a = Hashed::new(vec![1_i64, 2]);
        let before = key(&a);
        a.make_mut().push(3);
        assert!(!a.is_hashed());
        assert_ne!(key(&a), before);
        assert_eq!(key(&a), key(&Hashed::new(vec![1_i64, 2, 3])));
    }

    #[test]
    fn a_digest_that_depends_on_the_function_is_not_kept() {
        // `Dyn` goes through the function's own `hash_funcs` (here none: an
        // error), so its digest cannot be reused by another function.
        let a = Hashed::new(vec![Dyn::new(1_u8)]);
        let mut h = KeyHasher::new(&[], "f", Kind::Data);
        a.cache_hash(&mut h);
        assert!(h.finish().is_err());
        assert!(!a.is_hashed());
    }
}
