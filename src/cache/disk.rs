//! `persist = "disk"` (CA-10): `cache_data` entries written to files that
//! survive restarts while the function's source is unchanged.
//!
//! One file per entry, `{function}-{key}.brookcache` in [`disk_dir`]: a
//! header naming the format, the function (its name and identity), the
//! argument key, the value's type and the blake3 checksum of the value, then
//! the value as RON. Files are written atomically (a temporary file renamed
//! into place). A file is served only when every header line is exactly what
//! this function would write for this key and the checksum matches: any
//! change to any byte makes it a miss. Such a file is reported on stderr,
//! moved aside to `.corrupt-<n>` (never replacing an earlier copy) and
//! computed again; it never panics.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, RwLock};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::hash::Key;

/// The first line of every cache file; bump it when the format changes.
const HEADER: &str = "brook-cache 2";
/// First lines of formats older brooks wrote: a miss, replaced by the next save.
const OLD_HEADERS: &[&str] = &["brook-cache 1"];
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

fn file_path(dir: &Path, identity: &[u8; 32], key: &Key) -> PathBuf {
    dir.join(format!("{}{}.{EXT}", fn_prefix(identity), key.to_hex()))
}

/// What one entry's file must say about itself.
struct Entry<'a> {
    identity: &'a [u8; 32],
    qualname: &'a str,
    key: &'a Key,
    type_name: &'a str,
}

impl Entry<'_> {
    /// The header this entry's file has when its value is `body`: every
    /// line but the first names what the value is, and the last is its
    /// checksum. No line can hold a newline.
    fn header(&self, body: &[u8]) -> String {
        let one_line = |s: &str| s.replace(['\n', '\r'], " ");
        format!(
            "{HEADER}\nfunction: {}\nidentity: {}\nkey: {}\ntype: {}\nblake3: {}\n",
            one_line(self.qualname),
            blake3::Hash::from_bytes(*self.identity).to_hex(),
            self.key.to_hex(),
            one_line(self.type_name),
            blake3::hash(body).to_hex(),
        )
    }

    /// The value's RON text if `bytes` is exactly what this entry writes;
    /// otherwise what differs.
    fn check<'b>(&self, bytes: &'b [u8]) -> Result<&'b str, String> {
        let mut at = 0;
        for _ in 0..HEADER_LINES {
            let Some(nl) = bytes[at..].iter().position(|b| *b == b'\n') else {
                return Err(
                    first_line_problem(bytes).unwrap_or_else(|| "the file is truncated".to_owned())
                );
            };
            at += nl + 1;
        }
        let (header, body) = bytes.split_at(at);
        let expected = self.header(body);
        if header == expected.as_bytes() {
            // The checksum matched, so these are the bytes that were written.
            return std::str::from_utf8(body).map_err(|e| format!("the value is not UTF-8 ({e})"));
        }
        if let Some(problem) = first_line_problem(bytes) {
            return Err(problem);
        }
        let header = String::from_utf8_lossy(header);
        let differs = header
            .lines()
            .zip(expected.lines())
            .find(|(found, want)| found != want);
        Err(match differs {
            Some((found, want)) if want.starts_with("blake3:") && found.starts_with("blake3:") => {
                "its checksum does not match its content (the file was changed or torn)".to_owned()
            }
            Some((found, want)) => {
                let field = want.split(':').next().unwrap_or(want);
                format!("its {field} line says `{found}`, expected `{want}`")
            }
            None => "its header is malformed".to_owned(),
        })
    }
}

/// Lines in the header, the format line included.
const HEADER_LINES: usize = 6;

/// Why the first line is not this format's, if it is not.
fn first_line_problem(bytes: &[u8]) -> Option<String> {
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let first = String::from_utf8_lossy(first);
    if first == HEADER {
        None
    } else if OLD_HEADERS.contains(&first.as_ref()) {
        Some(format!("it was written by an older brook (`{first}`)"))
    } else {
        Some(format!(
            "unknown format `{}`, expected `{HEADER}`",
            first.chars().take(40).collect::<String>()
        ))
    }
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

/// What looking up one entry's file found.
enum Lookup<T> {
    /// A valid file: the value.
    Hit(T),
    /// No file.
    Miss,
    /// A file that must not be served: a notice for the user (the value is
    /// computed again).
    Rejected {
        /// Once per topic is enough.
        topic: String,
        notice: String,
    },
}

/// The value stored for `key`, if a valid file holds one; a file that is
/// not valid is reported (once per problem) and is a miss.
pub(crate) fn load<T: DeserializeOwned>(
    identity: &[u8; 32],
    qualname: &str,
    key: &Key,
) -> Option<T> {
    match lookup(&disk_dir(), identity, qualname, key) {
        Lookup::Hit(value) => Some(value),
        Lookup::Miss => None,
        Lookup::Rejected { topic, notice } => {
            report_once(topic, || notice);
            None
        }
    }
}

fn lookup<T: DeserializeOwned>(
    dir: &Path,
    identity: &[u8; 32],
    qualname: &str,
    key: &Key,
) -> Lookup<T> {
    let path = file_path(dir, identity, key);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Lookup::Miss,
        Err(e) => {
            return Lookup::Rejected {
                topic: path.display().to_string(),
                notice: format!(
                    "cannot read the persisted cache of `{qualname}()` from {}: {e}. \
                     The value will be computed again.",
                    path.display()
                ),
            };
        }
    };
    let type_name = std::any::type_name::<T>();
    let entry = Entry {
        identity,
        qualname,
        key,
        type_name,
    };
    let reason = match entry.check(&bytes) {
        Ok(body) => match ron::from_str::<T>(body) {
            Ok(value) => return Lookup::Hit(value),
            Err(e) => format!(
                "it does not decode as `{}` ({e}); did the type's definition change?",
                crate::error::display_type_name(type_name)
            ),
        },
        Err(reason) => reason,
    };
    let outdated = bytes
        .split(|b| *b == b'\n')
        .next()
        .is_some_and(|first| OLD_HEADERS.iter().any(|h| h.as_bytes() == first));
    let (topic, what) = if outdated {
        // Stale, not damaged: the next save replaces it.
        (
            format!("outdated {qualname}"),
            "it will be replaced.".to_owned(),
        )
    } else {
        match crate::state::persist::set_aside_as(&path, ".corrupt") {
            Ok(aside) => (
                aside.display().to_string(),
                format!("it was moved aside to {}.", aside.display()),
            ),
            Err(e) => (
                path.display().to_string(),
                format!("it could not be moved aside ({e}) and is left in place."),
            ),
        }
    };
    Lookup::Rejected {
        topic,
        notice: format!(
            "the persisted cache of `{qualname}()` in {} is not used: {reason}; {what} \
             The value will be computed again.",
            path.display()
        ),
    }
}

/// Writes `value` for `key`, atomically. Failures are reported, not raised:
/// the value is still cached in memory.
pub(crate) fn save<T: Serialize>(identity: &[u8; 32], qualname: &str, key: &Key, value: &T) {
    let path = file_path(&disk_dir(), identity, key);
    let entry = Entry {
        identity,
        qualname,
        key,
        type_name: std::any::type_name::<T>(),
    };
    if let Err(e) = write_atomically(&path, &entry, value) {
        report_once(format!("write {qualname}"), || {
            format!(
                "cannot persist the cache of `{qualname}()` to {}: {e}. \
                 It stays cached in memory for this run of the app.",
                path.display()
            )
        });
    }
}

fn write_atomically<T: Serialize>(path: &Path, entry: &Entry<'_>, value: &T) -> Result<(), String> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let body = ron::to_string(value).map_err(|e| format!("the value cannot be serialized: {e}"))?;
    let header = entry.header(body.as_bytes());
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let tmp = path.with_extension(format!(
        "tmp{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(header.as_bytes())?;
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
    let _ = std::fs::remove_file(file_path(&disk_dir(), identity, key));
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

#[cfg(test)]
mod tests;
