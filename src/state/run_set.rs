//! [`RunSet`]: the keys seen in the current run, without reallocating them
//! every run.
//!
//! A page that registers 5,000 keyed widgets fills "instantiated this run"
//! with the same 5,000 keys in every run. A `HashSet<String>` cleared at the
//! start of each run allocates every key again and regrows its table; here
//! each key stays allocated with the number of the run that last inserted
//! it, and clearing is one increment. Keys not seen for a run are dropped
//! when they outnumber the live ones, so memory follows the page.

use std::collections::{HashMap, HashSet};

/// A `HashMap` with a fast hasher (foldhash, seeded per process): the maps
/// a run looks every widget up in. Keys come from the page, not from an
/// attacker, and SipHash was a tenth of a large page's rerun.
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// A state key as the per-key maps keep it: short keys (`v12`, most user
/// keys) inline in the table, longer ones (unkeyed widgets' ids) in one
/// heap block. A lookup by `&str` then compares bytes already in the
/// table's cache line instead of following a pointer to a block of their
/// own (on a page of 5,000 keyed widgets, a cache miss per map and widget).
pub(crate) type Key = smol_str::SmolStr;

/// A `HashSet` with the hasher of [`FastMap`].
pub(crate) type FastSet<K> = HashSet<K, foldhash::fast::RandomState>;

/// A set of keys, emptied at the start of each run in O(1).
#[derive(Debug, Clone)]
pub(crate) struct RunSet {
    /// Key → the run that last inserted it (0: removed).
    stamps: FastMap<Key, u64>,
    /// The current run (never 0).
    run: u64,
    /// How many keys carry the current run's stamp.
    len: usize,
}

impl Default for RunSet {
    fn default() -> Self {
        Self {
            stamps: FastMap::default(),
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
        match self.stamps.get_mut(key) {
            Some(stamp) if *stamp == self.run => false,
            Some(stamp) => {
                *stamp = self.run;
                self.len += 1;
                true
            }
            None => {
                self.stamps.insert(Key::new(key), self.run);
                self.len += 1;
                true
            }
        }
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
