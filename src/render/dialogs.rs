//! File dialogs for `file_uploader` and `download_button`, off the UI thread.
//!
//! A native dialog blocks whoever opens it, and reading a large dropped file
//! takes time, so the renderer never does either itself: it asks a
//! [`Dialogs`] backend, gets a [`Pending`] result and polls it each frame; the
//! backend wakes the window when the result is in. [`NativeDialogs`] (the
//! default) runs rfd's dialogs and the file reads on short-lived named
//! threads. [`FakeDialogs`] answers from a script, at once, for tests under
//! Xvfb or egui_kittest where no dialog can be clicked.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::sync::{Arc, Mutex};

use crate::tree::{DownloadData, FilesSpec, UploadedFile};

/// Files given to an uploader: each file read, or why it was refused.
pub type Picked = Vec<Result<UploadedFile, String>>;

/// What saving a download came to: the path written, `None` if the user
/// cancelled, or what went wrong.
pub type Saved = Result<Option<PathBuf>, String>;

/// A dialog or file worker ended without a result (it panicked, or no
/// thread could be started).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the file dialog's worker ended without a result")]
pub struct WorkerGone;

/// A result that arrives later (from a dialog or a file read).
#[derive(Debug)]
pub struct Pending<T>(Receiver<T>);

impl<T> Pending<T> {
    /// A result that is already in.
    pub fn ready(value: T) -> Self {
        let (tx, pending) = Self::channel();
        let _ = tx.send(value);
        pending
    }

    /// A result to be sent through the returned sender.
    pub fn channel() -> (Sender<T>, Self) {
        let (tx, rx) = channel();
        (tx, Self(rx))
    }

    /// Blocks until the result is in. For tests and tools: never call it
    /// in a frame.
    ///
    /// # Errors
    /// [`WorkerGone`] when the worker ended without a result.
    pub fn wait(self) -> Result<T, WorkerGone> {
        self.0.recv().map_err(|_| WorkerGone)
    }

    /// The result if it is in: `Some(Ok(value))`; `Some(Err(()))` when the
    /// sender went away without a result (a worker that panicked); `None`
    /// while waiting.
    pub fn poll(&self) -> Option<Result<T, ()>> {
        match self.0.try_recv() {
            Ok(v) => Some(Ok(v)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(())),
        }
    }
}

/// Opens and saves files for the renderer without blocking it.
pub trait Dialogs: Send + Sync {
    /// Lets the user pick files for an uploader (`spec` says which types,
    /// how many and how large). Cancelling gives an empty list.
    fn pick_files(&self, ctx: &egui::Context, title: &str, spec: &FilesSpec) -> Pending<Picked>;

    /// Reads files dropped onto the window, checked against `spec`.
    fn read_dropped(
        &self,
        ctx: &egui::Context,
        spec: &FilesSpec,
        paths: Vec<PathBuf>,
    ) -> Pending<Picked>;

    /// Lets the user choose where to save a download, then writes `data`
    /// there (computing lazy data first).
    fn save_file(
        &self,
        ctx: &egui::Context,
        file_name: &str,
        data: &DownloadData,
    ) -> Pending<Saved>;
}

/// Reads `paths` for an uploader: each is checked against the type filter
/// and the size limit *before* it is read, so an oversized file is never
/// loaded.
pub fn read_files(spec: &FilesSpec, paths: &[PathBuf]) -> Picked {
    paths
        .iter()
        .map(|path| {
            let name = crate::tree::display_name(path);
            let size = std::fs::metadata(path)
                .map_err(|e| format!("{name}: {e}"))?
                .len();
            spec.check(&name, size)
                .map_err(|e| format!("{name}: {e}"))?;
            let bytes = std::fs::read(path).map_err(|e| format!("{name}: {e}"))?;
            Ok(UploadedFile::read_from(path, name, bytes))
        })
        .collect()
}

/// Writes a download to `path`, computing lazy data (a panic in the user's
/// closure becomes an error message).
pub fn write_download(path: &std::path::Path, data: &DownloadData) -> Result<(), String> {
    let bytes = resolve(data)?;
    std::fs::write(path, bytes.as_slice())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The download's bytes; a panic in the user's closure becomes a message.
fn resolve(data: &DownloadData) -> Result<crate::tree::Bytes, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| data.resolve())).map_err(|p| {
        let msg = p
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_owned());
        format!("computing the download failed: {msg}")
    })
}

/// Runs `job` on a named thread; its result arrives through the returned
/// [`Pending`] and wakes the window.
fn spawn<T: Send + 'static>(
    ctx: &egui::Context,
    job: impl FnOnce() -> T + Send + 'static,
) -> Pending<T> {
    let (tx, pending) = Pending::channel();
    let ctx = ctx.clone();
    let spawned = std::thread::Builder::new()
        .name("brook-file-dialog".to_owned())
        .spawn(move || {
            let _ = tx.send(job());
            ctx.request_repaint();
        });
    // If no thread can be started, the sender is dropped with the closure
    // and `poll` reports the failure.
    drop(spawned);
    pending
}

/// The system's dialogs (rfd: the XDG desktop portal on Linux, zenity as
/// its fallback; the native dialogs on Windows and macOS).
#[derive(Debug, Clone, Copy, Default)]
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn pick_files(&self, ctx: &egui::Context, title: &str, spec: &FilesSpec) -> Pending<Picked> {
        #[cfg(feature = "file-dialogs")]
        {
            let (title, spec) = (title.to_owned(), spec.clone());
            spawn(ctx, move || {
                let mut dialog = rfd::FileDialog::new().set_title(&title);
                if !spec.types.is_empty() {
                    dialog = dialog.add_filter(spec.types.join(", "), &spec.types);
                }
                let paths = if spec.multiple {
                    dialog.pick_files().unwrap_or_default()
                } else {
                    dialog.pick_file().into_iter().collect()
                };
                read_files(&spec, &paths)
            })
        }
        #[cfg(not(feature = "file-dialogs"))]
        {
            let _ = (ctx, title, spec);
            Pending::ready(vec![Err(NO_DIALOGS.to_owned())])
        }
    }

    fn read_dropped(
        &self,
        ctx: &egui::Context,
        spec: &FilesSpec,
        paths: Vec<PathBuf>,
    ) -> Pending<Picked> {
        let spec = spec.clone();
        spawn(ctx, move || read_files(&spec, &paths))
    }

    fn save_file(
        &self,
        ctx: &egui::Context,
        file_name: &str,
        data: &DownloadData,
    ) -> Pending<Saved> {
        #[cfg(feature = "file-dialogs")]
        {
            let (file_name, data) = (file_name.to_owned(), data.clone());
            spawn(ctx, move || {
                let Some(path) = rfd::FileDialog::new().set_file_name(&file_name).save_file()
                else {
                    return Ok(None);
                };
                write_download(&path, &data).map(|()| Some(path))
            })
        }
        #[cfg(not(feature = "file-dialogs"))]
        {
            let _ = (ctx, file_name, data);
            Pending::ready(Err(NO_DIALOGS.to_owned()))
        }
    }
}

#[cfg(not(feature = "file-dialogs"))]
const NO_DIALOGS: &str = "this app was built without brook's `file-dialogs` feature, so no file \
                          dialog can open: drop files onto the window instead";

/// Dialogs answered from a script, at once: pick results are queued with
/// [`FakeDialogs::push_pick`], saves go to the directory given (or are only
/// recorded). Dropped paths are really read. For tests.
///
/// ```
/// use brook::render::dialogs::{Dialogs, FakeDialogs};
/// use brook::tree::FilesSpec;
/// let fake = FakeDialogs::new();
/// fake.push_pick([brook::UploadedFile::new("a.txt", "hi")]);
/// let spec = FilesSpec { types: vec![], multiple: false, max_bytes: 100 };
/// let ctx = brook::egui::Context::default();
/// let picked = fake.pick_files(&ctx, "Upload", &spec).poll().unwrap().unwrap();
/// assert_eq!(picked[0].as_ref().unwrap().name(), "a.txt");
/// ```
#[derive(Debug, Clone, Default)]
pub struct FakeDialogs {
    inner: Arc<Mutex<FakeState>>,
}

#[derive(Debug, Default)]
struct FakeState {
    picks: std::collections::VecDeque<Vec<UploadedFile>>,
    saved: Vec<(String, Vec<u8>)>,
    save_dir: Option<PathBuf>,
    opened: Vec<String>,
}

impl FakeDialogs {
    /// A fake with nothing queued: picking gives no files (a cancel).
    pub fn new() -> Self {
        Self::default()
    }

    /// Saves downloads into `dir` (under their offered names) besides
    /// recording them.
    #[must_use]
    pub fn saving_to(self, dir: impl Into<PathBuf>) -> Self {
        if let Ok(mut s) = self.inner.lock() {
            s.save_dir = Some(dir.into());
        }
        self
    }

    /// The files the next open dialog "picks" (checked against the
    /// uploader's spec like real files).
    pub fn push_pick(&self, files: impl IntoIterator<Item = UploadedFile>) {
        if let Ok(mut s) = self.inner.lock() {
            s.picks.push_back(files.into_iter().collect());
        }
    }

    /// Every download saved so far: offered file name and bytes.
    pub fn saved(&self) -> Vec<(String, Vec<u8>)> {
        self.inner
            .lock()
            .map(|s| s.saved.clone())
            .unwrap_or_default()
    }

    /// The titles of the open dialogs shown so far.
    pub fn opened(&self) -> Vec<String> {
        self.inner
            .lock()
            .map(|s| s.opened.clone())
            .unwrap_or_default()
    }
}

impl Dialogs for FakeDialogs {
    fn pick_files(&self, _ctx: &egui::Context, title: &str, spec: &FilesSpec) -> Pending<Picked> {
        let files = match self.inner.lock() {
            Ok(mut s) => {
                s.opened.push(title.to_owned());
                s.picks.pop_front().unwrap_or_default()
            }
            Err(_) => Vec::new(),
        };
        Pending::ready(
            files
                .into_iter()
                .map(|f| {
                    spec.check(f.name(), f.size())
                        .map_err(|e| format!("{}: {e}", f.name()))?;
                    Ok(f)
                })
                .collect(),
        )
    }

    fn read_dropped(
        &self,
        _ctx: &egui::Context,
        spec: &FilesSpec,
        paths: Vec<PathBuf>,
    ) -> Pending<Picked> {
        Pending::ready(read_files(spec, &paths))
    }

    fn save_file(
        &self,
        _ctx: &egui::Context,
        file_name: &str,
        data: &DownloadData,
    ) -> Pending<Saved> {
        let Ok(mut s) = self.inner.lock() else {
            return Pending::ready(Err("the fake dialog's lock is poisoned".to_owned()));
        };
        let bytes = match resolve(data) {
            Ok(bytes) => bytes,
            Err(e) => return Pending::ready(Err(e)),
        };
        s.saved.push((file_name.to_owned(), bytes.to_vec()));
        let (path, written) = match &s.save_dir {
            Some(dir) => {
                let path = dir.join(file_name);
                let written = std::fs::write(&path, bytes.as_slice())
                    .map_err(|e| format!("cannot write {}: {e}", path.display()));
                (path, written)
            }
            None => (PathBuf::from(file_name), Ok(())),
        };
        Pending::ready(written.map(|()| Some(path)))
    }
}
