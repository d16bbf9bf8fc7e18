//! Files on a desktop: `FileUploader` (native open dialog, or files dropped
//! onto the window) and `DownloadButton` (native save dialog).

use std::marker::PhantomData;
use std::sync::Arc;

use super::pills::{Multi, SelectionMode, Single};
use super::{Common, Decl, Widget};
use crate::error::{Error, Result};
use crate::st::St;
use crate::tree::{
    Bytes, DownloadData, DownloadSpec, FilesSpec, LazyBytes, UploadedFile, WidgetKind, WidgetSpec,
    WidgetValue, mime_for, restore_saved_files,
};

/// The default size limit: Streamlit's `server.maxUploadSize` of 200 MB.
pub const DEFAULT_MAX_UPLOAD_MB: u64 = 200;

/// A place to give the page files (`st.file_uploader`): "Browse files" opens
/// the system's file dialog, and files dropped onto the window land here.
/// Returns the file (`None` until one is given), or with
/// [`multiple`](Self::multiple) every file given.
///
/// The value is the files' names and bytes, read when they were given, so
/// the page never depends on a path that may vanish while it runs. Across a
/// restart the session saves a reference to each file (its path, size and
/// the blake3 digest of its content), never its bytes: the next start reads
/// the file again and keeps it if its content is unchanged; a file that is
/// gone, edited, or no longer accepted is dropped, and a warning under the
/// uploader names it and says what to do. A file given as bytes only
/// ([`UploadedFile::new`], as tests do) has no path and lasts one run of
/// the app. Files of other types than
/// [`types`](Self::types) and files over the size limit (200 MB unless
/// [`max_size_mb`](Self::max_size_mb) says otherwise) are refused with a
/// clear message under the widget. Its key is read-only (WS-7).
///
/// ```
/// # use brook::prelude::*;
/// use brook::UploadedFile;
/// fn page(st: &mut St) {
///     match st.add(FileUploader::new("Data").types(["csv"])) {
///         Some(f) => st.text(format!("{}: {} bytes", f.name(), f.size())),
///         None => st.text("no file yet"),
///     }
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// assert_eq!(at.texts(), ["no file yet"]);
/// at.set_files("Data", [UploadedFile::new("a.csv", "x,y\n")]).run();
/// assert_eq!(at.texts(), ["a.csv: 4 bytes"]);
/// ```
#[must_use = "add the widget with `st.add(..)`"]
#[derive(Clone)]
pub struct FileUploader<M = Single> {
    common: Common,
    types: Vec<String>,
    max_bytes: u64,
    mode: PhantomData<M>,
}

impl FileUploader<Single> {
    /// A file uploader for one file of any type.
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            common: Common::new(label),
            types: Vec::new(),
            max_bytes: DEFAULT_MAX_UPLOAD_MB * 1_000_000,
            mode: PhantomData,
        }
    }

    /// Accepts several files (`accept_multiple_files=True`); the page then
    /// receives a `Vec<UploadedFile>`, and new files add to those given.
    #[inline]
    pub fn multiple(self) -> FileUploader<Multi> {
        FileUploader {
            common: self.common,
            types: self.types,
            max_bytes: self.max_bytes,
            mode: PhantomData,
        }
    }
}

impl<M> FileUploader<M> {
    /// Accepted extensions, e.g. `["csv", "txt"]` (with or without the dot,
    /// any case). By default any file is accepted.
    #[inline]
    pub fn types<S: AsRef<str>>(mut self, types: impl IntoIterator<Item = S>) -> Self {
        self.types = types
            .into_iter()
            .map(|t| t.as_ref().trim_start_matches('.').to_ascii_lowercase())
            .collect();
        self
    }

    /// The largest file accepted, in megabytes (10⁶ bytes; default 200).
    #[inline]
    pub fn max_size_mb(mut self, megabytes: u64) -> Self {
        self.max_bytes = megabytes.saturating_mul(1_000_000);
        self
    }

    /// The largest file accepted, in bytes.
    #[inline]
    pub fn max_size_bytes(mut self, bytes: u64) -> Self {
        self.max_bytes = bytes;
        self
    }
}

common_options!([M] FileUploader<M>);
rerun_option!([] FileUploader<Single>, [] FileUploader<Multi>);
on_change_option!(on_change, "Runs `f` before the page body when the files change (EX-4).", [M] FileUploader<M>);

/// Registers an uploader whose value (in session state and to the page) is `T`.
fn uploader<T, M: SelectionMode>(
    st: &mut St<'_>,
    up: FileUploader<M>,
    from_files: fn(Vec<UploadedFile>) -> T,
    to_files: fn(&T) -> Vec<UploadedFile>,
) -> Result<T>
where
    T: crate::state::StateValue + PartialEq + Sync + Default,
{
    let kind = WidgetKind::FileUploader;
    if let Some(t) = up
        .types
        .iter()
        .find(|t| t.is_empty() || t.contains(['/', '\\']))
    {
        return Err(Error::invalid(
            kind.name(),
            format!(
                "`types` holds '{t}', which is not a file extension. Give extensions such as \"csv\" or \".png\"."
            ),
        ));
    }
    let multiple = M::MULTI;
    let spec = FilesSpec {
        types: up.types,
        multiple,
        max_bytes: up.max_bytes,
    };
    let identity = format!(
        "{:?}|{}|{multiple}|{:?}",
        spec.types, spec.max_bytes, up.common.help
    );
    let (s1, s2, s3) = (spec.clone(), spec.clone(), spec.clone());
    let label = up.common.label.clone();
    let mut common = up.common;
    common.read_only = true;
    // After a restart the session holds references to the files: read them
    // again, and say which did not come back and why.
    let mut restored = Ok(Vec::new());
    let restore = |state: &mut crate::state::SessionState, entry_key: &str| {
        state.restore_raw(entry_key, |ron| {
            match restore_saved_files(ron, multiple, &s3) {
                Ok((files, lost)) => {
                    restored = Ok(lost);
                    from_files(files)
                }
                Err(e) => {
                    restored = Err(e);
                    T::default()
                }
            }
        });
    };
    let value = st.register_with(
        Decl {
            kind,
            common,
            identity,
            keyed_identity: format!("{:?}|{multiple}", spec.types),
            default: T::default(),
            explicit_default: false,
            trigger: false,
            validate: Box::new(move |v: &T| {
                for f in to_files(v) {
                    s1.check(f.name(), f.size())
                        .map_err(|e| Error::invalid(kind.name(), e))?;
                }
                Ok(())
            }),
            to_value: Box::new(move |v| Ok(WidgetValue::Files(to_files(v)))),
            convert: Arc::new(move |wv| match wv {
                WidgetValue::Files(files)
                    if (s2.multiple || files.len() <= 1)
                        && files.iter().all(|f| s2.check(f.name(), f.size()).is_ok()) =>
                {
                    Some(from_files(files.clone()))
                }
                _ => None,
            }),
            spec: WidgetSpec::Files(spec),
        },
        restore,
    )?;
    match restored {
        Ok(lost) => {
            for why in lost {
                st.warning(why);
            }
        }
        Err(e) => st.error(format!(
            "The files given to the file_uploader \"{label}\" before the restart could not be \
             read back: the saved session's reference to them is damaged ({e}). They were \
             dropped, nothing else was; give them again."
        )),
    }
    Ok(value)
}

impl Widget for FileUploader<Single> {
    type Output = Option<UploadedFile>;
    fn show(self, st: &mut St<'_>) -> Result<Option<UploadedFile>> {
        uploader(
            st,
            self,
            |files| files.into_iter().next(),
            |v| v.iter().cloned().collect(),
        )
    }
}

impl Widget for FileUploader<Multi> {
    type Output = Vec<UploadedFile>;
    fn show(self, st: &mut St<'_>) -> Result<Vec<UploadedFile>> {
        uploader(st, self, |files| files, Clone::clone)
    }
}

/// A button that saves data through the system's save dialog
/// (`st.download_button`). The data is given up front, or computed only
/// when clicked ([`lazy`](Self::lazy), on a background thread).
///
/// Like Streamlit 1.67's downloads (`on_click="ignore"`), a click does not
/// rerun the page, so the button reads `false`; give it an
/// [`on_click`](Self::on_click) callback or
/// [`rerun_on_click(true)`](Self::rerun_on_click) to rerun, and it is then
/// `true` for the one run the click started. Its key is read-only (WS-7).
///
/// ```
/// # use brook::prelude::*;
/// fn page(st: &mut St) {
///     let csv = "a,b\n1,2\n";
///     st.add(DownloadButton::new("Download CSV", csv).file_name("data.csv"));
///     st.add(DownloadButton::lazy("Download report", || b"expensive".to_vec()).file_name("r.txt"));
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// assert_eq!(at.download("Download CSV"), b"a,b\n1,2\n");
/// assert_eq!(at.download("Download report"), b"expensive");
/// ```
#[must_use = "add the widget with `st.add(..)`"]
#[derive(Clone)]
pub struct DownloadButton {
    common: Common,
    data: DownloadData,
    file_name: Option<String>,
    mime: Option<String>,
    rerun: bool,
}

impl DownloadButton {
    /// A download of `data` (bytes or text).
    pub fn new(label: impl Into<String>, data: impl Into<Bytes>) -> Self {
        Self::with_data(label, DownloadData::Bytes(data.into()))
    }

    /// A download whose bytes are computed by `f` only when clicked, on a
    /// background thread (not the page's, so `f` gets no `St`).
    pub fn lazy(label: impl Into<String>, f: impl Fn() -> Vec<u8> + Send + Sync + 'static) -> Self {
        Self::with_data(label, DownloadData::Lazy(LazyBytes(Arc::new(f))))
    }

    fn with_data(label: impl Into<String>, data: DownloadData) -> Self {
        Self {
            common: Common::new(label),
            data,
            file_name: None,
            mime: None,
            rerun: false,
        }
    }

    /// The name offered in the save dialog (default `download`).
    #[inline]
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// The data's MIME type (default: guessed from the file name).
    #[inline]
    pub fn mime(mut self, mime: impl Into<String>) -> Self {
        self.mime = Some(mime.into());
        self
    }

    /// `true` makes a click rerun the page (`on_click="rerun"`); the button
    /// is then `true` for that one run.
    #[inline]
    pub fn rerun_on_click(mut self, rerun: bool) -> Self {
        self.rerun = rerun;
        self
    }
}

common_options!([] DownloadButton);
on_change_option!(on_click, "Runs `f` before the page body when the button is clicked, which reruns the page (EX-4).", [] DownloadButton);

impl Widget for DownloadButton {
    type Output = bool;
    fn show(self, st: &mut St<'_>) -> Result<bool> {
        let file_name = self.file_name.unwrap_or_else(|| "download".to_owned());
        if file_name.is_empty() || file_name.contains(['/', '\\']) {
            return Err(Error::invalid(
                WidgetKind::DownloadButton.name(),
                format!(
                    "`file_name` \"{file_name}\" must be a plain file name, without a directory."
                ),
            ));
        }
        let mime = self.mime.unwrap_or_else(|| mime_for(&file_name).to_owned());
        let rerun = self.rerun || self.common.on_change.is_some();
        let identity = format!("{file_name}|{:?}", self.common.help);
        st.register(Decl {
            kind: WidgetKind::DownloadButton,
            common: self.common,
            identity,
            keyed_identity: String::new(),
            default: false,
            explicit_default: false,
            trigger: true,
            validate: Box::new(|_| Ok(())),
            to_value: Box::new(|v| Ok(WidgetValue::Bool(*v))),
            convert: Arc::new(|_| Some(true)),
            spec: WidgetSpec::Download(Box::new(DownloadSpec {
                file_name,
                mime,
                data: self.data,
                rerun,
            })),
        })
    }
}
