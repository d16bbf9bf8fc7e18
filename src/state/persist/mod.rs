//! Session state on disk: one RON file per app, a schema version beside the
//! data, written atomically, owned by one instance of the app at a time.
//!
//! Each value is stored as its own RON text, so the state can hand it back
//! undecoded and decode it lazily at the first typed read; a value that no
//! longer decodes stays on disk untouched. The whole file is replaced
//! atomically (temporary file, `fsync`, rename, `fsync` of the directory), so
//! a crash at any moment leaves either the previous file or the new one,
//! never a torn one; temporary files a killed save left behind are removed at
//! the next start.
//!
//! Saved state is never lost in silence:
//! - a file that cannot be loaded, for any reason (not UTF-8, not RON, no
//!   permission, written by a newer brook), is moved aside to
//!   `<name>.corrupt-<n>` (never replacing an earlier one) and reported; if
//!   it cannot be moved, saving is off for that run of the app, reported, and
//!   the file is never overwritten;
//! - the first instance of an app locks `<name>.lock`; a second instance
//!   starts from what was saved but does not save, and says so;
//! - before each save the file is checked to be the one this instance last
//!   read or wrote; if another program changed it, it is not overwritten,
//!   saving stops, and the user is told.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The version of the file layout this brook writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

/// The file name of the session state in the app's data directory.
pub const FILE_NAME: &str = "session_state.ron";

/// The file's layout.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename = "SessionState")]
struct StateFile {
    /// [`SCHEMA_VERSION`] at the time of writing.
    schema: u32,
    /// Session state key → the value's RON text.
    #[serde(default)]
    values: BTreeMap<String, String>,
}

/// Just the version, read first so a newer layout is recognised as such.
#[derive(Debug, Deserialize)]
#[serde(rename = "SessionState")]
struct Header {
    schema: u32,
}

/// Where `app` keeps its session state: beside eframe's own `app.ron`
/// (window geometry, theme), in `<data dir>/<app>/session_state.ron`
/// (`~/.local/share/<app>/` on Linux, `~/Library/Application Support/<app>/`
/// on macOS, `%APPDATA%\<app>\data\` on Windows). `None` when the platform
/// has no home directory.
pub fn default_path(app: &str) -> Option<PathBuf> {
    Some(eframe::storage_dir(app)?.join(FILE_NAME))
}

/// Writes `values` to `path` atomically, creating the directory if needed
/// (without the lock and the checks of [`FilePersister`]).
///
/// # Errors
/// [`Error::Io`] naming the file when it cannot be written; the previous file
/// (if any) is then left as it was.
#[cfg(test)]
pub fn save(path: &Path, values: &BTreeMap<String, String>) -> Result<()> {
    write_file(path, values).map(|_| ())
}

/// [`save`], returning the [`Stamp`] of the file written.
fn write_file(path: &Path, values: &BTreeMap<String, String>) -> Result<Stamp> {
    let file = StateFile {
        schema: SCHEMA_VERSION,
        values: values.clone(),
    };
    let mut text = String::from(
        "// brook session state: each value is RON text, decoded at its first typed read.\n",
    );
    let body = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default())
        .map_err(|e| io_error("cannot encode session state for", path, &e))?;
    text.push_str(&body);
    text.push('\n');
    write_atomically(path, text.as_bytes())
}

/// Reads the values saved at `path`; `Ok(None)` when there is no file yet
/// (without the lock and the checks of [`FilePersister`]).
///
/// # Errors
/// [`Error::Io`] when the file cannot be loaded, for any reason: it cannot
/// be opened or read, is not UTF-8, not RON, not session state, or was
/// written by a newer brook. The file is first moved aside to
/// `<name>.corrupt-<n>` (the message says where), so the next save does not
/// overwrite it and nothing is lost; when it cannot be moved either, the
/// message says so and the caller must not write to `path`.
#[cfg(test)]
pub fn load(path: &Path) -> Result<Option<BTreeMap<String, String>>> {
    match read(path) {
        Read::Absent => Ok(None),
        Read::Loaded { values, .. } => Ok(Some(values)),
        Read::Unreadable(problem) => Err(match set_aside(path) {
            Ok(aside) => moved_aside(path, &problem, &aside),
            Err(e) => unmovable(path, &problem, &e),
        }),
    }
}

/// What reading the file found.
enum Read {
    /// There is no file.
    Absent,
    /// The file's values, and the file as it was read.
    Loaded {
        values: BTreeMap<String, String>,
        stamp: Stamp,
    },
    /// There is a file, but it cannot be loaded; why.
    Unreadable(String),
}

fn read(path: &Path) -> Read {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Read::Absent,
        Err(e) => return Read::Unreadable(format!("it cannot be opened ({e})")),
    };
    let stamp = match file.metadata() {
        Ok(meta) => Stamp::of(&meta),
        Err(e) => return Read::Unreadable(format!("it cannot be examined ({e})")),
    };
    let mut bytes = Vec::new();
    if let Err(e) = file.read_to_end(&mut bytes) {
        return Read::Unreadable(format!("it cannot be read ({e})"));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            return Read::Unreadable(format!(
                "it is not UTF-8 text (invalid bytes at offset {})",
                e.utf8_error().valid_up_to()
            ));
        }
    };
    match parse(&text) {
        Ok(values) => Read::Loaded { values, stamp },
        Err(problem) => Read::Unreadable(problem),
    }
}

fn parse(text: &str) -> std::result::Result<BTreeMap<String, String>, String> {
    match ron::from_str::<Header>(text) {
        Ok(header) if header.schema > SCHEMA_VERSION => Err(format!(
            "it was written by a newer brook (schema {}, this one reads up to {SCHEMA_VERSION})",
            header.schema
        )),
        Ok(_) => ron::from_str::<StateFile>(text)
            .map(|file| file.values)
            .map_err(|e| format!("it is not valid session state ({e})")),
        Err(e) => Err(format!("it is not valid session state ({e})")),
    }
}

fn moved_aside(path: &Path, problem: &str, aside: &Path) -> Error {
    Error::Io {
        action: "cannot load session state from".to_owned(),
        path: path.display().to_string(),
        reason: format!(
            "{problem}. It was moved to {} and the app starts with an empty session state; \
             restore it by moving it back once it can be read",
            aside.display()
        ),
    }
}

fn unmovable(path: &Path, problem: &str, e: &std::io::Error) -> Error {
    Error::Io {
        action: "cannot load session state from".to_owned(),
        path: path.display().to_string(),
        reason: format!(
            "{problem}, and it cannot be moved aside ({e}). Saving is off for this run of the \
             app, so the file is never overwritten: move it away (or make it readable) and \
             restart the app"
        ),
    }
}

/// Moves `path` to the first free `<path>.corrupt-<n>`, never replacing an
/// earlier copy (also when two processes set aside at once).
pub(crate) fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    set_aside_as(path, ".corrupt")
}

/// [`set_aside`] with another suffix: `<path><suffix>-<n>`.
pub(crate) fn set_aside_as(path: &Path, suffix: &str) -> std::io::Result<PathBuf> {
    for n in 1..=100_000_u32 {
        let mut name = path.as_os_str().to_owned();
        name.push(format!("{suffix}-{n}"));
        let aside = PathBuf::from(name);
        // A hard link fails when the name is taken, atomically; then the
        // original goes. Where links are not supported, a checked rename.
        match fs::hard_link(path, &aside) {
            Ok(()) => {
                if let Err(e) = fs::remove_file(path) {
                    let _ = fs::remove_file(&aside); // undo: the original stays
                    return Err(e);
                }
                return Ok(aside);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(_) if fs::symlink_metadata(&aside).is_ok() => {}
            Err(_) => {
                fs::rename(path, &aside)?;
                return Ok(aside);
            }
        }
    }
    Err(std::io::Error::other(
        "100,000 earlier copies are already set aside there",
    ))
}

/// Temp file in the same directory, `fsync`, rename over `path`, `fsync` of
/// the directory so the rename itself is durable. Returns the written
/// file's [`Stamp`].
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<Stamp> {
    let dir = parent_dir(path);
    fs::create_dir_all(&dir).map_err(|e| io_error("cannot create the directory of", path, &e))?;
    let tmp = dir.join(format!("{}{}", temp_prefix(path), std::process::id()));

    let result = (|| -> std::io::Result<Stamp> {
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        let stamp = Stamp::of(&file.metadata()?);
        drop(file);
        fs::rename(&tmp, path)?;
        sync_dir(&dir)?;
        Ok(stamp)
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp); // best effort: the error below is what matters
        io_error("cannot write session state to", path, &e)
    })
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `.session_state.ron.tmp-`: a save's temporary file is this and a pid.
fn temp_prefix(path: &Path) -> String {
    let file_name = path.file_name().map_or_else(
        || "session_state".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    format!(".{file_name}.tmp-")
}

/// Removes the temporary files of saves that were killed before their
/// rename (`.session_state.ron.tmp-<pid>`). Call it only while holding the
/// lock: another instance's save in progress looks the same.
fn remove_temp_files(path: &Path) -> usize {
    let prefix = temp_prefix(path);
    let Ok(entries) = fs::read_dir(parent_dir(path)) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|entry| {
            entry.file_name().to_str().is_some_and(|name| {
                name.strip_prefix(&prefix)
                    .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
            })
        })
        .filter(|entry| fs::remove_file(entry.path()).is_ok())
        .count()
}

/// What identifies one version of the file: a file replaced by another
/// program (or another instance) has another stamp.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    /// The inode on Unix: every atomic save makes a new one.
    #[cfg(unix)]
    inode: (u64, u64),
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Self {
        Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: {
                use std::os::unix::fs::MetadataExt as _;
                (meta.dev(), meta.ino())
            },
        }
    }

    /// The stamp of the file now at `path`; `None` when there is none.
    fn at(path: &Path) -> std::io::Result<Option<Self>> {
        match fs::metadata(path) {
            Ok(meta) => Ok(Some(Self::of(&meta))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// The runner's [`Persister`](crate::runner::Persister) for a session file.
///
/// It owns the file for the life of the app: [`load`](crate::runner::Persister::load)
/// (called once, at start) takes the lock and cleans up; once saving is off
/// (another instance owns the file, it could not be moved aside, or another
/// program changed it) `save` does nothing and `clear` leaves the file alone.
#[derive(Debug)]
pub(crate) struct FilePersister {
    path: PathBuf,
    inner: RefCell<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    started: bool,
    /// The open, locked `<name>.lock` while this instance owns the file.
    lock: Option<File>,
    /// Why saving is off for this run of the app (already reported).
    off: Option<Error>,
    /// The file as this instance last read or wrote it; `None`: no file.
    stamp: Option<Stamp>,
    /// Reports for the user not tied to a failed call.
    notices: Vec<String>,
}

/// Taking the lock of `<name>.lock`.
enum Lock {
    /// This instance owns the file.
    Held(File),
    /// Another instance does; what its lock file says about it.
    Busy(String),
    /// Locking is not possible here (no such support, or the lock file
    /// cannot be created): the stamp check still guards the file.
    Unavailable,
}

impl FilePersister {
    /// Saves to and loads from `path`.
    pub(crate) fn new(path: PathBuf) -> Self {
        Self {
            path,
            inner: RefCell::default(),
        }
    }

    fn lock_path(&self) -> PathBuf {
        let mut name = self.path.as_os_str().to_owned();
        name.push(".lock");
        PathBuf::from(name)
    }

    fn lock(&self) -> Lock {
        let lock_path = self.lock_path();
        let _ = fs::create_dir_all(parent_dir(&lock_path));
        let Ok(mut file) = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
        else {
            return Lock::Unavailable;
        };
        match file.try_lock() {
            Ok(()) => {
                // Who holds it, for the message another instance shows.
                let _ = file
                    .set_len(0)
                    .and_then(|()| write!(file, "{}", std::process::id()));
                Lock::Held(file)
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut pid = String::new();
                let _ = file.read_to_string(&mut pid);
                Lock::Busy(match pid.trim().parse::<u32>() {
                    Ok(pid) => format!("process {pid}"),
                    Err(_) => "another process".to_owned(),
                })
            }
            Err(std::fs::TryLockError::Error(_)) => Lock::Unavailable,
        }
    }

    /// At the first load: own the file (or learn that another instance
    /// does), and remove what killed saves left behind.
    fn start(&self, inner: &mut Inner) {
        inner.started = true;
        match self.lock() {
            Lock::Held(file) => {
                inner.lock = Some(file);
                remove_temp_files(&self.path);
            }
            Lock::Busy(owner) => {
                let err = Error::Io {
                    action:
                        "another instance of this app is running and saving its session state to"
                            .to_owned(),
                    path: self.path.display().to_string(),
                    reason: format!(
                        "it is {owner}. This window starts from the state saved so far, but does \
                         not save its own changes, so the other window's are never overwritten. \
                         Close the other window and restart this one to save again"
                    ),
                };
                inner.notices.push(err.to_string());
                inner.off = Some(err);
            }
            Lock::Unavailable => {}
        }
    }

    /// Whether saving is off for this run of the app.
    #[cfg(test)]
    fn saving_is_off(&self) -> bool {
        self.inner.borrow().off.is_some()
    }

    /// Turns saving off unless the file on disk is still the one this
    /// instance last read or wrote (or is gone).
    fn check_unchanged(&self, inner: &mut Inner) -> Result<()> {
        let now = Stamp::at(&self.path)
            .map_err(|e| io_error("cannot examine the session state at", &self.path, &e))?;
        match now {
            Some(now) if inner.stamp.as_ref() != Some(&now) => {
                let err = Error::Io {
                    action: "session state is no longer saved to".to_owned(),
                    path: self.path.display().to_string(),
                    reason: "another program (another instance of this app?) changed the file \
                             since this app read it. It is not overwritten: restart the app to \
                             load what it holds now"
                        .to_owned(),
                };
                inner.off = Some(err.clone());
                Err(err)
            }
            _ => Ok(()),
        }
    }
}

impl crate::runner::Persister for FilePersister {
    fn load(&self) -> Result<Option<BTreeMap<String, String>>> {
        let mut inner = self.inner.borrow_mut();
        if !inner.started {
            self.start(&mut inner);
        }
        match read(&self.path) {
            Read::Absent => {
                inner.stamp = None;
                Ok(None)
            }
            Read::Loaded { values, stamp } => {
                inner.stamp = Some(stamp);
                Ok(Some(values))
            }
            // The instance that owns the file deals with it.
            Read::Unreadable(problem) if inner.off.is_some() => Err(Error::Io {
                action: "cannot load session state from".to_owned(),
                path: self.path.display().to_string(),
                reason: format!("{problem}. It is left as it is"),
            }),
            Read::Unreadable(problem) => match set_aside(&self.path) {
                Ok(aside) => {
                    inner.stamp = None;
                    Err(moved_aside(&self.path, &problem, &aside))
                }
                Err(e) => {
                    let err = unmovable(&self.path, &problem, &e);
                    inner.off = Some(err.clone());
                    Err(err)
                }
            },
        }
    }

    fn save(&self, values: &BTreeMap<String, String>) -> Result<()> {
        let mut inner = self.inner.borrow_mut();
        if !inner.started {
            self.start(&mut inner);
        }
        if inner.off.is_some() {
            return Ok(());
        }
        self.check_unchanged(&mut inner)?;
        inner.stamp = Some(write_file(&self.path, values)?);
        Ok(())
    }

    fn clear(&self) -> Result<()> {
        let mut inner = self.inner.borrow_mut();
        if let Some(off) = &inner.off {
            return Err(off.clone());
        }
        self.check_unchanged(&mut inner)?;
        match fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_error(
                "cannot delete the session state at",
                &self.path,
                &e,
            )),
            _ => {
                inner.stamp = None;
                Ok(())
            }
        }
    }

    fn take_notices(&self) -> Vec<String> {
        std::mem::take(&mut self.inner.borrow_mut().notices)
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(()) // Windows cannot open a directory as a file; its rename is already durable enough.
}

fn io_error(action: &str, path: &Path, e: &dyn std::fmt::Display) -> Error {
    Error::Io {
        action: action.to_owned(),
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

#[cfg(test)]
mod tests;
