//! `persist = "disk"` (CA-10): `cache_data` entries written to files that
//! survive restarts while the function's source is unchanged.
//!
//! One file per entry, `{function}-{key}.brookcache` in [`disk_dir`]: a
//! version line, then the value as RON. Files are written atomically (a
//! temporary file renamed into place). A file that cannot be read or decoded
//! is reported once on stderr, moved aside (`.corrupt`) and treated as a
//! miss; it never panics.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, RwLock};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::hash::Key;

/// The first line of every cache file; bump it when the format changes.
const HEADER: &str = "brook-cache 1";
const EXT: &str = "brookcache";

static DIR: RwLock<Option<PathBuf>> = RwLock::new(None);

/// Sets the directory persisted caches are written to (process-wide).
///
/// Call it before the first cached call; the default is the platform's cache
/// directory for brook (e.g. `~/.cache/brook` on Linux), or `.brook/cache`
/// where there is none.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// brook::cache::set_disk_dir(dir.path());
/// assert_eq!(brook::cache::disk_dir(), dir.path());
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn set_disk_dir(dir: impl Into<PathBuf>) {
    let dir = dir.into();
    match DIR.write() {
        Ok(mut d) => *d = Some(dir),
        Err(poisoned) => *poisoned.into_inner() = Some(dir),
    }
}

/// The directory persisted caches are written to (see [`set_disk_dir`]).
pub fn disk_dir() -> PathBuf {
    let configured = match DIR.read() {
        Ok(d) => d.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    };
    configured.unwrap_or_else(|| {
        directories::ProjectDirs::from("", "", "brook").map_or_else(
            || PathBuf::from(".brook/cache"),
            |p| p.cache_dir().to_path_buf(),
        )
    })
}

fn fn_prefix(identity: &[u8; 32]) -> String {
    let hex = blake3::Hash::from_bytes(*identity).to_hex();
    format!("{}-", &hex[..32])
}

fn file_path(identity: &[u8; 32], key: &Key) -> PathBuf {
    disk_dir().join(format!("{}{}.{EXT}", fn_prefix(identity), key.to_hex()))
}

/// Prints `message` on stderr, once per `topic` for the life of the process.
fn report_once(topic: String, message: impl FnOnce() -> String) {
    static REPORTED: Mutex<Option<HashSet<String>>> = Mutex::new(None);
    let mut reported = REPORTED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if reported.get_or_insert_with(HashSet::new).insert(topic) {
        eprintln!("brook: {}", message());
    }
}

/// The value stored for `key`, if a readable file holds one.
pub(crate) fn load<T: DeserializeOwned>(
    identity: &[u8; 32],
    qualname: &str,
    key: &Key,
) -> Option<T> {
    let path = file_path(identity, key);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            report_once(path.display().to_string(), || {
                format!(
                    "cannot read the persisted cache of `{qualname}()` from {}: {e}. \
                     The value will be computed again.",
                    path.display()
                )
            });
            return None;
        }
    };
    match decode(&text) {
        Ok(value) => Some(value),
        Err(reason) => {
            let aside = path.with_extension(format!("{EXT}.corrupt"));
            let moved = std::fs::rename(&path, &aside).is_ok();
            report_once(path.display().to_string(), || {
                format!(
                    "the persisted cache of `{qualname}()` in {} cannot be decoded ({reason}); \
                     {} The value will be computed again.",
                    path.display(),
                    if moved {
                        format!("it was moved aside to {}.", aside.display())
                    } else {
                        "it was left in place.".to_owned()
                    }
                )
            });
            None
        }
    }
}

fn decode<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let (header, body) = text
        .split_once('\n')
        .ok_or_else(|| "the file is truncated".to_owned())?;
    if header != HEADER {
        return Err(format!("unknown format `{header}`, expected `{HEADER}`"));
    }
    ron::from_str(body).map_err(|e| e.to_string())
}

/// Writes `value` for `key`, atomically. Failures are reported, not raised:
/// the value is still cached in memory.
pub(crate) fn save<T: Serialize>(identity: &[u8; 32], qualname: &str, key: &Key, value: &T) {
    let path = file_path(identity, key);
    if let Err(e) = write_atomically(&path, value) {
        report_once(format!("write {qualname}"), || {
            format!(
                "cannot persist the cache of `{qualname}()` to {}: {e}. \
                 It stays cached in memory for this run of the app.",
                path.display()
            )
        });
    }
}

fn write_atomically<T: Serialize>(path: &Path, value: &T) -> Result<(), String> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let body = ron::to_string(value).map_err(|e| format!("the value cannot be serialized: {e}"))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let tmp = path.with_extension(format!(
        "tmp{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(HEADER.as_bytes())?;
        file.write_all(b"\n")?;
        file.write_all(body.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| e.to_string())
}

/// Removes the file of one entry.
pub(crate) fn remove_key(identity: &[u8; 32], key: &Key) {
    let _ = std::fs::remove_file(file_path(identity, key));
}

/// Removes every file of one function.
pub(crate) fn remove_fn(identity: &[u8; 32]) {
    remove_matching(&fn_prefix(identity));
}

/// Removes every cache file (`clear_data`, `clear_all`).
pub(crate) fn remove_all() {
    remove_matching("");
}

fn remove_matching(prefix: &str) {
    let Ok(entries) = std::fs::read_dir(disk_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(prefix) && name.ends_with(&format!(".{EXT}")) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
