//! `UploadedFile`: a file given to a `file_uploader`, and how it is saved
//! with the session: a reference to the file on disk, never its bytes.
//!
//! A file picked in the open dialog or dropped onto the window has a path.
//! Saving the session writes its name, size, path and the blake3 digest of
//! its content ([`StoredFile`]); restoring reads the file again and keeps it
//! only if its content is still the same. A file given as bytes only (no
//! path: [`UploadedFile::new`]) lives in memory for this run of the app and
//! is not restored: its reference says so, and the uploader tells the user.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Bytes, FilesSpec, extension, mime_for};

/// A file the user gave a `file_uploader`: its name, type and bytes, read
/// when it was given, and where it was read from (for a restart).
///
/// ```
/// let f = brook::UploadedFile::new("data.csv", "a,b\n1,2\n");
/// assert_eq!(f.mime(), "text/csv");
/// assert_eq!(f.text().unwrap().lines().count(), 2);
/// assert_eq!(f.path(), None); // given as bytes: kept in memory only
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UploadedFile {
    name: String,
    mime: String,
    bytes: Bytes,
    origin: Option<Arc<Origin>>,
}

/// Where a file was read from, and what it held then.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Origin {
    path: PathBuf,
    digest: blake3::Hash,
}

impl UploadedFile {
    /// A file named `name` (its type guessed from the extension), given as
    /// bytes: it has no path, so it is kept in memory for this run of the
    /// app only, not across a restart.
    pub fn new(name: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        let name = name.into();
        Self {
            mime: mime_for(&name).to_owned(),
            name,
            bytes: bytes.into(),
            origin: None,
        }
    }

    /// Reads the file at `path`, as the open dialog or a drop does: the
    /// file comes back after a restart as long as its content is unchanged.
    ///
    /// ```
    /// let dir = tempfile::tempdir()?;
    /// let path = dir.path().join("notes.txt");
    /// std::fs::write(&path, "hello")?;
    /// let f = brook::UploadedFile::open(&path)?;
    /// assert_eq!((f.name(), f.bytes()), ("notes.txt", &b"hello"[..]));
    /// assert!(f.path().is_some_and(|p| p.ends_with("notes.txt")));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    ///
    /// # Errors
    /// The error of opening or reading the file.
    pub fn open(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let bytes = std::fs::read(path)?;
        Ok(Self::read_from(path, display_name(path), bytes))
    }

    /// A file read from `path`, named `name`.
    pub(crate) fn read_from(path: &Path, name: String, bytes: Vec<u8>) -> Self {
        let digest = blake3::hash(&bytes);
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        Self {
            origin: Some(Arc::new(Origin { path, digest })),
            ..Self::new(name, bytes)
        }
    }

    /// The file's name, without its directory.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its MIME type, guessed from the extension (`application/octet-stream`
    /// when unknown).
    pub fn mime(&self) -> &str {
        &self.mime
    }

    /// Its bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Its bytes, shared.
    pub fn shared_bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// Its size in bytes.
    pub fn size(&self) -> u64 {
        self.bytes.len() as u64
    }

    /// Its content as UTF-8 text.
    pub fn text(&self) -> Result<&str, std::str::Utf8Error> {
        std::str::from_utf8(&self.bytes)
    }

    /// The lowercase extension of its name, without the dot.
    pub fn extension(&self) -> Option<String> {
        extension(&self.name)
    }

    /// Where it was read from (picked in the dialog, dropped, or
    /// [`open`](Self::open)ed); `None` for a file given as bytes.
    pub fn path(&self) -> Option<&Path> {
        self.origin.as_ref().map(|o| o.path.as_path())
    }
}

/// A path's file name as a user reads it.
pub(crate) fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A path as saved: text when it is UTF-8, else (Unix) its bytes.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
enum StoredPath {
    Text(String),
    Bytes(Vec<u8>),
}

impl StoredPath {
    fn of(path: &Path) -> Option<Self> {
        if let Some(text) = path.to_str() {
            return Some(Self::Text(text.to_owned()));
        }
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt as _;
            Some(Self::Bytes(path.as_os_str().as_bytes().to_vec()))
        }
        #[cfg(not(unix))]
        None
    }

    fn path(&self) -> Option<PathBuf> {
        match self {
            Self::Text(text) => Some(PathBuf::from(text)),
            #[cfg(unix)]
            Self::Bytes(bytes) => {
                use std::os::unix::ffi::OsStrExt as _;
                Some(PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
            }
            #[cfg(not(unix))]
            Self::Bytes(_) => None,
        }
    }
}

/// An uploaded file as the session saves it: a reference to the file on
/// disk (`path`, `size`, the `blake3` of its content), never its bytes.
/// `path` is `None` for a file given as bytes, which is not restored.
/// `bytes` is only read, from sessions saved by brook before references.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename = "UploadedFile")]
struct StoredFile {
    name: String,
    #[serde(default)]
    size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    path: Option<StoredPath>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    blake3: Option<String>,
    #[serde(default, skip_serializing, deserialize_with = "old_bytes")]
    bytes: Option<Bytes>,
}

/// The bytes an older brook saved in place of a reference.
fn old_bytes<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Bytes>, D::Error> {
    Bytes::deserialize(d).map(Some)
}

/// Why a saved file did not come back, said so the user knows what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
enum Lost {
    /// It was given as bytes, not read from a file.
    #[error(
        "`{name}` was not restored: it was given without a file on disk to read it back \
         from, so it lasted one run of the app. Give the file again."
    )]
    InMemory { name: String },
    /// The file is not there any more.
    #[error(
        "`{name}` was not restored: `{path}` no longer exists. Give the file again (from its \
         new place if it moved)."
    )]
    Gone { name: String, path: String },
    /// The file's content is not what was given.
    #[error(
        "`{name}` was not restored: `{path}` changed since it was given. Give the file again \
         to use its new content."
    )]
    Changed { name: String, path: String },
    /// The file cannot be read.
    #[error("`{name}` was not restored: `{path}` cannot be read ({reason}). {fix}")]
    Unreadable {
        name: String,
        path: String,
        reason: String,
        fix: &'static str,
    },
    /// The uploader does not take it any more (its types or size limit
    /// changed since).
    #[error("`{name}` was not restored: {reason} Give another file.")]
    Refused { name: String, reason: String },
}

impl StoredFile {
    fn of(file: &UploadedFile) -> Self {
        let origin = file.origin.as_deref();
        Self {
            name: file.name.clone(),
            size: file.size(),
            path: origin.and_then(|o| StoredPath::of(&o.path)),
            blake3: origin.map(|o| o.digest.to_hex().to_string()),
            bytes: None,
        }
    }

    /// The file again, read from its path if its content is unchanged (and
    /// `spec`, when given, still accepts it).
    fn restore(&self, spec: Option<&FilesSpec>) -> Result<UploadedFile, Lost> {
        let name = self.name.clone();
        if let Some(bytes) = &self.bytes {
            // Saved by an older brook, with its bytes: in memory from now on.
            return Ok(UploadedFile::new(name, bytes.clone()));
        }
        let (Some(path), Some(digest)) =
            (self.path.as_ref().and_then(StoredPath::path), &self.blake3)
        else {
            return Err(Lost::InMemory { name });
        };
        let shown = path.display().to_string();
        let unreadable = |e: &std::io::Error| Lost::Unreadable {
            name: name.clone(),
            path: shown.clone(),
            reason: e.to_string(),
            fix: "Check its permissions, or give the file again.",
        };
        let size = match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() => meta.len(),
            Ok(_) => {
                return Err(Lost::Gone { name, path: shown });
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Lost::Gone { name, path: shown });
            }
            Err(e) => return Err(unreadable(&e)),
        };
        if size != self.size {
            return Err(Lost::Changed { name, path: shown });
        }
        if let Some(spec) = spec {
            spec.check(&name, size).map_err(|reason| Lost::Refused {
                name: name.clone(),
                reason: format!("{reason}."),
            })?;
        }
        let bytes = std::fs::read(&path).map_err(|e| unreadable(&e))?;
        let file = UploadedFile::read_from(&path, name, bytes);
        match file.origin.as_deref() {
            Some(o) if o.digest.to_hex().as_str() == digest => Ok(file),
            _ => Err(Lost::Changed {
                name: file.name,
                path: shown,
            }),
        }
    }
}

/// An uploader's saved value (`ron`: its files' references, a list when
/// `multiple`, else an option) read back: the files still there, unchanged
/// and accepted by `spec`, and why each other one was not restored.
///
/// # Errors
/// What the decoder said when `ron` is not such a value (a damaged or
/// half-written save).
pub(crate) fn restore_saved_files(
    ron: &str,
    multiple: bool,
    spec: &FilesSpec,
) -> Result<(Vec<UploadedFile>, Vec<String>), String> {
    let stored: Vec<StoredFile> = if multiple {
        ron::from_str(ron).map_err(|e| e.to_string())?
    } else {
        ron::from_str::<Option<StoredFile>>(ron)
            .map_err(|e| e.to_string())?
            .into_iter()
            .collect()
    };
    let mut files = Vec::with_capacity(stored.len());
    let mut lost = Vec::new();
    for s in &stored {
        match s.restore(Some(spec)) {
            Ok(file) => files.push(file),
            Err(why) => lost.push(why.to_string()),
        }
    }
    Ok((files, lost))
}

/// Saved as a reference to the file (name, size, path, blake3 of its
/// content), never as its bytes.
impl Serialize for UploadedFile {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        StoredFile::of(self).serialize(s)
    }
}

/// Read back from its reference: the file is read again from its path, and
/// it is an error (saying why and what to do) when it is gone, changed, or
/// was given as bytes.
impl<'de> Deserialize<'de> for UploadedFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        StoredFile::deserialize(d)?
            .restore(None)
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_read_from_disk_saves_a_reference_not_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        std::fs::write(&path, vec![b'x'; 10_000]).unwrap();
        let file = UploadedFile::open(&path).unwrap();
        let ron = ron::to_string(&file).unwrap();
        assert!(ron.len() < 300, "{ron}");
        assert!(ron.contains("a.csv") && ron.contains("blake3"), "{ron}");
        let back: UploadedFile = ron::from_str(&ron).unwrap();
        assert_eq!(back, file);
        std::fs::write(&path, vec![b'y'; 10_000]).unwrap();
        let err = ron::from_str::<UploadedFile>(&ron).unwrap_err().to_string();
        assert!(err.contains("changed since it was given"), "{err}");
        std::fs::remove_file(&path).unwrap();
        let err = ron::from_str::<UploadedFile>(&ron).unwrap_err().to_string();
        assert!(err.contains("no longer exists"), "{err}");
    }

    #[test]
    fn a_file_given_as_bytes_is_not_restored_and_an_old_save_with_bytes_is() {
        let ron = ron::to_string(&UploadedFile::new("m.txt", "memory")).unwrap();
        assert!(!ron.contains("memory"), "no bytes saved: {ron}");
        let err = ron::from_str::<UploadedFile>(&ron).unwrap_err().to_string();
        assert!(err.contains("lasted one run of the app"), "{err}");
        // Before references, brook saved `(name, mime, bytes)`.
        #[derive(Serialize)]
        struct Old {
            name: &'static str,
            mime: &'static str,
            bytes: Bytes,
        }
        let old = ron::to_string(&Old {
            name: "n.txt",
            mime: "text/plain",
            bytes: "hi".into(),
        })
        .unwrap();
        let back: UploadedFile = ron::from_str(&old).unwrap();
        assert_eq!(
            (back.name(), back.path(), back.bytes()),
            ("n.txt", None, &b"hi"[..])
        );
    }
}
