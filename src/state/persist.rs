//! Session state on disk: one RON file per app, a schema version beside the
//! data, written atomically.
//!
//! Each value is stored as its own RON text, so the state can hand it back
//! undecoded and decode it lazily at the first typed read; a value that no
//! longer decodes stays on disk untouched. The whole file is replaced
//! atomically (temporary file, `fsync`, rename, `fsync` of the directory), so
//! a crash at any moment leaves either the previous file or the new one,
//! never a torn one. A file that cannot be read as session state is moved
//! aside to `<name>.corrupt-<n>` and reported, never silently dropped.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::Write as _;
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

/// Writes `values` to `path` atomically, creating the directory if needed.
///
/// # Errors
/// [`Error::Io`] naming the file when it cannot be written; the previous file
/// (if any) is then left as it was.
pub fn save(path: &Path, values: &BTreeMap<String, String>) -> Result<()> {
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

/// Reads the values saved at `path`; `Ok(None)` when there is no file yet.
///
/// # Errors
/// [`Error::Io`] when the file cannot be read, or cannot be read as session
/// state (not RON, wrong layout, or written by a newer brook). In the latter
/// cases the file is first moved aside to `<name>.corrupt-<n>` (the message
/// says where), so the next save does not overwrite it and nothing is lost.
pub fn load(path: &Path) -> Result<Option<BTreeMap<String, String>>> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error("cannot read session state from", path, &e)),
    };
    let problem = match ron::from_str::<Header>(&text) {
        Ok(header) if header.schema > SCHEMA_VERSION => format!(
            "it was written by a newer brook (schema {}, this one reads up to {SCHEMA_VERSION})",
            header.schema
        ),
        Ok(_) => match ron::from_str::<StateFile>(&text) {
            Ok(file) => return Ok(Some(file.values)),
            Err(e) => format!("it is not valid session state ({e})"),
        },
        Err(e) => format!("it is not valid session state ({e})"),
    };
    let aside = set_aside(path)?;
    Err(Error::Io {
        action: "cannot load session state from".to_owned(),
        path: path.display().to_string(),
        reason: format!(
            "{problem}. It was moved to {} and the app starts with an empty session state; \
             restore it by moving it back once it can be read",
            aside.display()
        ),
    })
}

/// Renames `path` to the first free `<path>.corrupt-<n>`.
fn set_aside(path: &Path) -> Result<PathBuf> {
    for n in 1.. {
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".corrupt-{n}"));
        let aside = PathBuf::from(name);
        if !aside.exists() {
            fs::rename(path, &aside)
                .map_err(|e| io_error("cannot move aside unreadable session state", path, &e))?;
            return Ok(aside);
        }
    }
    unreachable!("the range 1.. does not end")
}

/// Temp file in the same directory, `fsync`, rename over `path`, `fsync` of
/// the directory so the rename itself is durable.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir).map_err(|e| io_error("cannot create the directory of", path, &e))?;
    let file_name = path.file_name().map_or_else(
        || "session_state".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let tmp = dir.join(format!(".{file_name}.tmp-{}", std::process::id()));

    let result = (|| -> std::io::Result<()> {
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        sync_dir(&dir)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp); // best effort: the error below is what matters
        return Err(io_error("cannot write session state to", path, &e));
    }
    Ok(())
}

/// The runner's [`Persister`](crate::runner::Persister) for a session file.
#[derive(Debug, Clone)]
pub(crate) struct FilePersister {
    path: PathBuf,
}

impl FilePersister {
    /// Saves to and loads from `path`.
    pub(crate) fn new(path: PathBuf) -> Self {
        Self { path }
    }
}

impl crate::runner::Persister for FilePersister {
    fn load(&self) -> Result<Option<BTreeMap<String, String>>> {
        load(&self.path)
    }

    fn save(&self, values: &BTreeMap<String, String>) -> Result<()> {
        save(&self.path, values)
    }

    fn clear(&self) -> Result<()> {
        match fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_error(
                "cannot delete the session state at",
                &self.path,
                &e,
            )),
            _ => Ok(()),
        }
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
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn values_round_trip_including_awkward_text() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("nested/dir/session_state.ron");
        let saved = values(&[
            ("op1", "5"),
            ("history", "[1, 2, 3]"),
            ("name", "\"quote \\\" and\\nnewline é\""),
            ("weird \" key\n", "(a: Some(1))"),
        ]);
        save(&path, &saved).expect("save");
        assert_eq!(load(&path).expect("load"), Some(saved));
    }

    #[test]
    fn a_missing_file_is_no_state_not_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(load(&dir.path().join("none.ron")).expect("load"), None);
    }

    #[test]
    fn the_schema_version_sits_beside_the_data() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.ron");
        save(&path, &values(&[("a", "1")])).expect("save");
        let text = fs::read_to_string(&path).expect("read");
        assert!(
            text.contains(&format!("schema: {SCHEMA_VERSION}")),
            "{text}"
        );
    }

    #[test]
    fn saving_leaves_no_temporary_file_behind() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.ron");
        save(&path, &values(&[("a", "1")])).expect("save");
        save(&path, &values(&[("a", "2")])).expect("save");
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("ls")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("s.ron")]);
    }

    #[test]
    fn a_crash_before_the_rename_leaves_the_previous_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.ron");
        save(&path, &values(&[("a", "1")])).expect("save");
        // What a crash mid-save leaves: a torn temporary file, never renamed.
        let tmp = dir
            .path()
            .join(format!(".s.ron.tmp-{}", std::process::id()));
        fs::write(&tmp, "(schema: 1, values: {\"a\": \"2").expect("write");
        assert_eq!(load(&path).expect("load"), Some(values(&[("a", "1")])));
        // The next save replaces the leftover.
        save(&path, &values(&[("a", "3")])).expect("save");
        assert!(!tmp.exists());
        assert_eq!(load(&path).expect("load"), Some(values(&[("a", "3")])));
    }

    #[test]
    fn a_corrupt_file_is_reported_and_moved_aside_never_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.ron");
        fs::write(&path, "this is not RON {").expect("write");
        let err = load(&path).expect_err("corrupt");
        let message = err.to_string();
        assert!(message.contains("s.ron.corrupt-1"), "{message}");
        assert!(!path.exists());
        assert_eq!(
            fs::read_to_string(dir.path().join("s.ron.corrupt-1")).expect("kept"),
            "this is not RON {"
        );
        // A second bad file does not overwrite the first one set aside.
        fs::write(&path, "(schema: 1, values: 5)").expect("write");
        let err = load(&path).expect_err("corrupt");
        assert!(err.to_string().contains("s.ron.corrupt-2"), "{err}");
        assert!(dir.path().join("s.ron.corrupt-1").exists());
        // And the app can save again afterwards.
        save(&path, &values(&[("a", "1")])).expect("save");
        assert_eq!(load(&path).expect("load"), Some(values(&[("a", "1")])));
    }

    #[test]
    fn a_file_from_a_newer_brook_is_kept_aside_not_overwritten() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.ron");
        let newer = format!("(schema: {}, values: {{}}, more: 1)", SCHEMA_VERSION + 1);
        fs::write(&path, &newer).expect("write");
        let err = load(&path).expect_err("newer");
        assert!(err.to_string().contains("newer brook"), "{err}");
        assert_eq!(
            fs::read_to_string(dir.path().join("s.ron.corrupt-1")).expect("kept"),
            newer
        );
    }

    #[test]
    fn the_default_path_is_in_the_apps_data_directory() {
        if let Some(path) = default_path("Slider chart") {
            assert!(path.ends_with(FILE_NAME));
            assert!(path.to_string_lossy().to_lowercase().contains("slider"));
        }
    }
}
