//! `persist = "disk"` (CA-10): entries survive a restart, files are
//! versioned and written atomically, a corrupt file is a miss, clears
//! remove files.
//!
//! The disk directory and `forget_memory` are process-wide, so the
//! behaviours are checked in sequence by one test in this binary.

#![allow(clippy::unwrap_used)] // tests may unwrap (house rule)

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

static LOADS: AtomicUsize = AtomicUsize::new(0);

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Table {
    name: String,
    rows: Vec<(i64, f64)>,
}

#[brook::cache_data(persist = "disk")]
fn load_table(name: &str, n: i64) -> Table {
    LOADS.fetch_add(1, Ordering::SeqCst);
    Table {
        name: name.to_owned(),
        rows: (0..n).map(|i| (i, i as f64 / 2.0)).collect(),
    }
}

static OTHER: AtomicUsize = AtomicUsize::new(0);

#[brook::cache_data(persist = "disk")]
fn other(x: u8) -> Result<Vec<String>, String> {
    OTHER.fetch_add(1, Ordering::SeqCst);
    if x == 0 {
        Err("zero".into())
    } else {
        Ok(vec![x.to_string()])
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn cache_files(dir: &Path) -> Vec<PathBuf> {
    files(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "brookcache"))
        .collect()
}

#[test]
fn persisted_entries_survive_restarts_and_bad_files_are_misses() {
    let dir = tempfile::tempdir().unwrap();
    brook::cache::set_disk_dir(dir.path());

    // A miss writes one versioned file, atomically (no temporary left).
    let t = load_table("a", 3);
    assert_eq!(LOADS.load(Ordering::SeqCst), 1);
    let written = cache_files(dir.path());
    assert_eq!(written.len(), 1);
    assert_eq!(files(dir.path()).len(), 1, "no temporary file left behind");
    let text = std::fs::read_to_string(&written[0]).unwrap();
    assert!(text.starts_with("brook-cache 2\n"), "{text}");
    // The header names the function and carries the value's checksum.
    assert!(text.contains("\nfunction: load_table\n"), "{text}");
    assert!(text.contains("\nblake3: "), "{text}");

    // CA-10: a restart (memory forgotten) reads the file instead of computing.
    brook::__private::forget_memory();
    assert_eq!(load_table("a", 3), t);
    assert_eq!(LOADS.load(Ordering::SeqCst), 1);

    // Errors are not persisted (CA-6).
    assert!(other(0).is_err());
    assert_eq!(cache_files(dir.path()).len(), 1);
    assert_eq!(other(4), Ok(vec!["4".to_owned()]));
    assert_eq!(cache_files(dir.path()).len(), 2);

    // A corrupt (here: torn) file is reported, moved aside, and treated as a miss.
    std::fs::write(&written[0], &text[..text.len() - 10]).unwrap();
    brook::__private::forget_memory();
    assert_eq!(load_table("a", 3), t);
    assert_eq!(LOADS.load(Ordering::SeqCst), 2);
    assert!(
        files(dir.path())
            .iter()
            .any(|p| p.to_string_lossy().ends_with(".corrupt-1")),
        "kept aside: {:?}",
        files(dir.path())
    );
    // ...and the recomputed value was written again.
    brook::__private::forget_memory();
    assert_eq!(load_table("a", 3), t);
    assert_eq!(LOADS.load(Ordering::SeqCst), 2);

    // A file of another format version is a miss too, never a panic.
    std::fs::write(&written[0], "brook-cache 999\nwhatever").unwrap();
    brook::__private::forget_memory();
    load_table("a", 3);
    assert_eq!(LOADS.load(Ordering::SeqCst), 3);

    // f.clear(args) removes that entry's file; f.clear() all of f's files.
    load_table("b", 1);
    assert_eq!(cache_files(dir.path()).len(), 3);
    load_table_clear_args("b", 1);
    assert_eq!(cache_files(dir.path()).len(), 2);
    load_table_clear();
    assert_eq!(cache_files(dir.path()).len(), 1, "other()'s file stays");
    brook::__private::forget_memory();
    load_table("a", 3);
    assert_eq!(LOADS.load(Ordering::SeqCst), 5);

    // clear_data() removes every cache file, even of functions this process
    // has not called yet.
    std::fs::write(dir.path().join("0123-abcd.brookcache"), "brook-cache 1\n()").unwrap();
    brook::cache::clear_data();
    assert!(cache_files(dir.path()).is_empty());
    assert_eq!(other(4), Ok(vec!["4".to_owned()]));
    assert_eq!(OTHER.load(Ordering::SeqCst), 3);
}
