//! [`RunSet`]: the keys seen in the current run, without reallocating them
//! every run.
//!
//! A page that registers 5,000 keyed widgets fills "instantiated this run"
//! with the same 5,000 keys in every run. A `HashSet<String>` cleared at the
//! start of each run allocates every key again and regrows its table; here
//! each key stays allocated with the number of the run that last inserted
//! it, and clearing is one increment. Keys not seen for a run are dropped
//! when they outnumber the live ones, so memory follows the page.

use std::collections::HashSet;

/// The fast hasher of the maps a run looks every widget up in (foldhash,
/// seeded per process). Keys come from the page, not from an attacker, and
/// SipHash was a tenth of a large page's rerun.
type FastHasher = foldhash::fast::RandomState;

/// A state key as the per-key maps keep it: short keys (`v12`, most user
/// keys) inline in the table, longer ones (unkeyed widgets' ids) in one
/// heap block. A lookup by `&str` then compares bytes already in the
/// table's cache line instead of following a pointer to a block of their
/// own (on a page of 5,000 keyed widgets, a cache miss per map and widget).
pub(crate) type Key = smol_str::SmolStr;

/// A `HashSet` with the fast hasher.
pub(crate) type FastSet<K> = HashSet<K, FastHasher>;

/// A map in insertion order with the fast hasher: the per-key maps a run
/// walks in page order (see [`Cursor`]).
pub(crate) type OrderedMap<V> = indexmap::IndexMap<Key, V, FastHasher>;

/// Where in an [`OrderedMap`] the next key a run asks for probably is.
///
/// A page registers its widgets in the same order run after run, and their
/// keys entered the map in that order, so the next key is usually right
/// after the last one found: comparing it there reads the map's entries in
/// order (memory the processor prefetches) instead of hashing into a table
/// larger than the cache at a random place, a cache miss or two per key
/// and map once a page has thousands of widgets. Any other key is found
/// by hashing, as before; the cursor only decides where to look first,
/// never what is found.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Cursor(usize);

impl Cursor {
    /// The position of `key` in `map`; the cursor then points after it.
    #[inline]
    pub(crate) fn find<V>(&mut self, map: &OrderedMap<V>, key: &str) -> Option<usize> {
        let at = match map.get_index(self.0) {
            Some((k, _)) if k.as_str() == key => self.0,
            _ => map.get_index_of(key)?,
        };
        self.0 = at + 1;
        Some(at)
    }

    /// Points after position `at` (a key just inserted there).
    #[inline]
    pub(crate) fn after(&mut self, at: usize) {
        self.0 = at + 1;
    }

    /// Points at the start: a new run begins.
    #[inline]
    pub(crate) fn reset(&mut self) {
        self.0 = 0;
    }
}

/// A set of keys, emptied at the start of each run in O(1).
#[derive(Debug, Clone)]
pub(crate) struct RunSet {
    /// Key → the run that last inserted it (0: removed), in the order the
    /// keys were first inserted (a run inserts them in page order).
    stamps: OrderedMap<u64>,
    /// Where the next key inserted probably is.
    cursor: Cursor,
    /// The current run (never 0).
    run: u64,
    /// How many keys carry the current run's stamp.
    len: usize,
}

impl Default for RunSet {
    fn default() -> Self {
        Self {
            stamps: OrderedMap::default(),
            cursor: Cursor::default(),
            run: 1,
            len: 0,
        }
    }
}

impl RunSet {
    /// True when `key` was inserted in the current run.
    #[inline]
    pub(crate) fn contains(&self, key: &str) -> bool {
        self.len > 0 && self.stamps.get(key) == Some(&self.run)
    }

    /// True when no key was inserted in the current run.
    #[inline]
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Inserts `key`; false if it was already in. Allocates only for a key
    /// never seen before (or dropped since).
    #[inline]
    pub(crate) fn insert(&mut self, key: &str) -> bool {
        match self.cursor.find(&self.stamps, key) {
            Some(at) => {
                let stamp = &mut self.stamps[at];
                if *stamp == self.run {
                    return false;
                }
                *stamp = self.run;
            }
            None => {
                let (at, _) = self.stamps.insert_full(Key::new(key), self.run);
                self.cursor.after(at);
            }
        }
        self.len += 1;
        true
    }

    /// Removes `key` from the current run.
    pub(crate) fn remove(&mut self, key: &str) {
        if let Some(stamp) = self.stamps.get_mut(key)
            && *stamp == self.run
        {
            *stamp = 0;
            self.len -= 1;
        }
    }

    /// Empties the set: a new run starts. Keys of older runs are dropped
    /// once they are more than the live ones (and a few hundred).
    pub(crate) fn clear(&mut self) {
        if self.stamps.len() > 256 + 2 * self.len {
            let run = self.run;
            self.stamps.retain(|_, stamp| *stamp == run);
            if self.stamps.capacity() > 4 * self.stamps.len().max(64) {
                self.stamps.shrink_to_fit();
            }
        }
        self.run += 1;
        self.len = 0;
        self.cursor.reset();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cleared_set_is_empty_and_fills_again() {
        let mut s = RunSet::default();
        assert!(s.insert("a"));
        assert!(!s.insert("a"));
        assert!(s.contains("a"));
        s.clear();
        assert!(s.is_empty());
        assert!(!s.contains("a"));
        assert!(s.insert("a"));
        assert!(s.contains("a"));
        s.remove("a");
        assert!(!s.contains("a"));
        assert!(s.is_empty());
    }

    #[test]
    fn keys_of_old_runs_do_not_pile_up() {
        let mut s = RunSet::default();
        for run in 0..20 {
            for i in 0..100 {
                s.insert(&format!("run{run}-{i}"));
            }
            s.clear();
        }
        assert!(s.stamps.len() <= 256 + 200, "{} keys kept", s.stamps.len());
    }
}
