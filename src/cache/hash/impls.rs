//! [`CacheHash`] for the standard library's types: numbers (slices of them in
//! one pass over their bytes), text, collections (maps and sets in key order,
//! whatever their iteration order), smart pointers, paths and durations.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use super::*;

macro_rules! impl_number {
    ($($t:ty => $tag:expr, $bits:expr;)*) => {$(
        impl CacheHash for $t {
            #[inline]
            fn cache_hash(&self, h: &mut KeyHasher) {
                #[allow(clippy::redundant_closure_call)]
                let bytes = ($bits)(*self);
                h.write_tagged($tag, &bytes);
            }
            fn cache_hash_slice(items: &[Self], h: &mut KeyHasher) {
                h.write_tagged($tag, &[]);
                hash_pod_slice(items, h, |x: &$t| ($bits)(*x));
            }
        }
    )*};
}

#[cfg(target_endian = "little")]
fn hash_pod_slice<T: bytemuck::Pod, const N: usize>(
    items: &[T],
    h: &mut KeyHasher,
    _to_bytes: impl Fn(&T) -> [u8; N],
) {
    h.write(bytemuck::cast_slice(items));
}

#[cfg(not(target_endian = "little"))]
fn hash_pod_slice<T: bytemuck::Pod, const N: usize>(
    items: &[T],
    h: &mut KeyHasher,
    to_bytes: impl Fn(&T) -> [u8; N],
) {
    for x in items {
        h.write(&to_bytes(x));
    }
}

impl_number! {
    u8 => tag::U8, u8::to_le_bytes;
    u16 => tag::U16, u16::to_le_bytes;
    u32 => tag::U32, u32::to_le_bytes;
    u64 => tag::U64, u64::to_le_bytes;
    u128 => tag::U128, u128::to_le_bytes;
    usize => tag::USIZE, |x: usize| (x as u64).to_le_bytes();
    i8 => tag::I8, i8::to_le_bytes;
    i16 => tag::I16, i16::to_le_bytes;
    i32 => tag::I32, i32::to_le_bytes;
    i64 => tag::I64, i64::to_le_bytes;
    i128 => tag::I128, i128::to_le_bytes;
    isize => tag::ISIZE, |x: isize| (x as i64).to_le_bytes();
    f32 => tag::F32, |x: f32| x.to_bits().to_le_bytes();
    f64 => tag::F64, |x: f64| x.to_bits().to_le_bytes();
}

impl CacheHash for bool {
    #[inline]
    fn cache_hash(&self, h: &mut KeyHasher) {
        h.write_tagged(tag::BOOL, &[u8::from(*self)]);
    }
}

impl CacheHash for char {
    #[inline]
    fn cache_hash(&self, h: &mut KeyHasher) {
        h.write_tagged(tag::CHAR, &u32::from(*self).to_le_bytes());
    }
}

impl CacheHash for () {
    #[inline]
    fn cache_hash(&self, h: &mut KeyHasher) {
        h.write_tagged(tag::UNIT, &[]);
    }
}

impl CacheHash for str {
    #[inline]
    fn cache_hash(&self, h: &mut KeyHasher) {
        h.write_tagged(tag::STR, &(self.len() as u64).to_le_bytes());
        h.write(self.as_bytes());
    }
}

impl CacheHash for String {
    #[inline]
    fn cache_hash(&self, h: &mut KeyHasher) {
        self.as_str().cache_hash(h);
    }
}

impl<T: CacheHash> CacheHash for [T] {
    #[inline]
    fn cache_hash(&self, h: &mut KeyHasher) {
        h.write_tagged(tag::SEQ, &(self.len() as u64).to_le_bytes());
        T::cache_hash_slice(self, h);
    }
}

impl<T: CacheHash> CacheHash for Vec<T> {
    #[inline]
    fn cache_hash(&self, h: &mut KeyHasher) {
        self.as_slice().cache_hash(h);
    }
}

impl<T: CacheHash> CacheHash for VecDeque<T> {
    fn cache_hash(&self, h: &mut KeyHasher) {
        h.write_tagged(tag::SEQ, &(self.len() as u64).to_le_bytes());
        let (a, b) = self.as_slices();
        T::cache_hash_slice(a, h);
        T::cache_hash_slice(b, h);
    }
}

impl<T: CacheHash, const N: usize> CacheHash for [T; N] {
    #[inline]
    fn cache_hash(&self, h: &mut KeyHasher) {
        h.write_tagged(tag::ARRAY, &(N as u64).to_le_bytes());
        T::cache_hash_slice(self, h);
    }
}

impl<T: CacheHash> CacheHash for Option<T> {
    #[inline]
    fn cache_hash(&self, h: &mut KeyHasher) {
        match self {
            None => h.write_tagged(tag::NONE, &[]),
            Some(v) => {
                h.write_tagged(tag::SOME, &[]);
                v.cache_hash(h);
            }
        }
    }
}

impl<T: CacheHash, E: CacheHash> CacheHash for Result<T, E> {
    fn cache_hash(&self, h: &mut KeyHasher) {
        match self {
            Ok(v) => {
                h.write_tagged(tag::OK, &[]);
                v.cache_hash(h);
            }
            Err(e) => {
                h.write_tagged(tag::ERR, &[]);
                e.cache_hash(h);
            }
        }
    }
}

macro_rules! impl_transparent {
    ($($t:ty),*) => {$(
        impl<T: CacheHash + ?Sized> CacheHash for $t {
            #[inline]
            fn cache_hash(&self, h: &mut KeyHasher) {
                (**self).cache_hash(h);
            }
        }
    )*};
}
impl_transparent!(&T, &mut T, Box<T>, Arc<T>, Rc<T>);

impl<T: CacheHash + ToOwned + ?Sized> CacheHash for Cow<'_, T> {
    fn cache_hash(&self, h: &mut KeyHasher) {
        (**self).cache_hash(h);
    }
}

macro_rules! impl_tuple {
    ($(($($name:ident),+))*) => {$(
        impl<$($name: CacheHash),+> CacheHash for ($($name,)+) {
            #[allow(non_snake_case)]
            fn cache_hash(&self, h: &mut KeyHasher) {
                let ($($name,)+) = self;
                let arity = [$(stringify!($name)),+].len() as u8;
                h.write_tagged(tag::TUPLE, &[arity]);
                $($name.cache_hash(h);)+
            }
        }
    )*};
}
impl_tuple! {
    (A) (A, B) (A, B, C) (A, B, C, D) (A, B, C, D, E) (A, B, C, D, E, F)
    (A, B, C, D, E, F, G) (A, B, C, D, E, F, G, H)
}

impl<K: CacheHash, V: CacheHash> CacheHash for BTreeMap<K, V> {
    fn cache_hash(&self, h: &mut KeyHasher) {
        h.write_tagged(tag::MAP, &(self.len() as u64).to_le_bytes());
        for (k, v) in self {
            k.cache_hash(h);
            v.cache_hash(h);
        }
    }
}

impl<T: CacheHash> CacheHash for BTreeSet<T> {
    fn cache_hash(&self, h: &mut KeyHasher) {
        h.write_tagged(tag::SET, &(self.len() as u64).to_le_bytes());
        for v in self {
            v.cache_hash(h);
        }
    }
}

/// Hashes each item on its own, then the sorted digests: equal collections
/// hash equal whatever their iteration order.
fn hash_unordered<T>(
    h: &mut KeyHasher,
    tag: u8,
    items: impl ExactSizeIterator<Item = T>,
    each: impl Fn(&mut KeyHasher, T),
) {
    h.write_tagged(tag, &(items.len() as u64).to_le_bytes());
    let mut digests: Vec<[u8; 32]> = items.map(|x| h.sub_digest(|s| each(s, x))).collect();
    digests.sort_unstable();
    for d in &digests {
        h.write(d);
    }
}

impl<K: CacheHash, V: CacheHash, S> CacheHash for HashMap<K, V, S> {
    fn cache_hash(&self, h: &mut KeyHasher) {
        hash_unordered(h, tag::MAP, self.iter(), |s, (k, v)| {
            k.cache_hash(s);
            v.cache_hash(s);
        });
    }
}

impl<T: CacheHash, S> CacheHash for HashSet<T, S> {
    fn cache_hash(&self, h: &mut KeyHasher) {
        hash_unordered(h, tag::SET, self.iter(), |s, v| v.cache_hash(s));
    }
}

impl CacheHash for Path {
    fn cache_hash(&self, h: &mut KeyHasher) {
        let bytes = self.as_os_str().as_encoded_bytes();
        h.write_tagged(tag::PATH, &(bytes.len() as u64).to_le_bytes());
        h.write(bytes);
    }
}

impl CacheHash for PathBuf {
    fn cache_hash(&self, h: &mut KeyHasher) {
        self.as_path().cache_hash(h);
    }
}

impl CacheHash for Duration {
    fn cache_hash(&self, h: &mut KeyHasher) {
        let mut b = [0u8; 12];
        b[..8].copy_from_slice(&self.as_secs().to_le_bytes());
        b[8..].copy_from_slice(&self.subsec_nanos().to_le_bytes());
        h.write_tagged(tag::DURATION, &b);
    }
}

impl<T: CacheHash> CacheHash for std::ops::Range<T> {
    fn cache_hash(&self, h: &mut KeyHasher) {
        h.write_tagged(tag::RANGE, &[0]);
        self.start.cache_hash(h);
        self.end.cache_hash(h);
    }
}

impl<T: CacheHash> CacheHash for std::ops::RangeInclusive<T> {
    fn cache_hash(&self, h: &mut KeyHasher) {
        h.write_tagged(tag::RANGE, &[1]);
        self.start().cache_hash(h);
        self.end().cache_hash(h);
    }
}
