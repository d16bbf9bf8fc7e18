//! Tree types of the input widgets added with issue 14: label placement and
//! width, the specs of option, date, file and chat widgets, and uploaded files.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod upload;

pub use upload::UploadedFile;
pub(crate) use upload::{display_name, restore_saved_files};

/// Where a widget's label goes (Streamlit's `label_visibility`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelVisibility {
    /// Above the widget.
    #[default]
    Visible,
    /// Not shown, but its space is kept (so widgets in a row stay aligned).
    Hidden,
    /// Not shown and takes no space. The label still names the widget for
    /// screen readers and tests.
    Collapsed,
}

/// How wide a widget is drawn (Streamlit's `width`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Width {
    /// The widget's usual width (capped on wide windows).
    #[default]
    Auto,
    /// All the width of its container (`width="stretch"`).
    Stretch,
    /// Only as wide as its content (`width="content"`).
    Content,
    /// A fixed width in points (`width=300`).
    Points(f32),
}

/// Presentation options every widget has.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WidgetLook {
    /// Where the label goes.
    #[serde(default)]
    pub label_visibility: LabelVisibility,
    /// How wide the widget is.
    #[serde(default)]
    pub width: Width,
    /// Height in points, for widgets that have one (`text_area`).
    #[serde(default)]
    pub height: Option<f32>,
}

/// Shared, immutable bytes: an uploaded file, image data, a download.
/// Cloning is cheap; a rerun never copies the data.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Bytes(pub Arc<[u8]>);

impl Bytes {
    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        &self.0
    }

    /// Number of bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bytes({} bytes)", self.0.len())
    }
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(v: Vec<u8>) -> Self {
        Self(v.into())
    }
}

impl From<&[u8]> for Bytes {
    fn from(v: &[u8]) -> Self {
        Self(v.into())
    }
}

impl From<Arc<[u8]>> for Bytes {
    fn from(v: Arc<[u8]>) -> Self {
        Self(v)
    }
}

impl From<String> for Bytes {
    fn from(v: String) -> Self {
        Self(v.into_bytes().into())
    }
}

impl From<&str> for Bytes {
    fn from(v: &str) -> Self {
        Self(v.as_bytes().into())
    }
}

impl Serialize for Bytes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Bytes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(v.into()))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Bytes, E> {
                Ok(v.into())
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Bytes, E> {
                Ok(v.into())
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Bytes, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(b) = seq.next_element::<u8>()? {
                    out.push(b);
                }
                Ok(out.into())
            }
        }
        d.deserialize_byte_buf(Visitor)
    }
}

/// The lowercase extension of `name`, without the dot.
pub(crate) fn extension(name: &str) -> Option<String> {
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then(|| ext.to_ascii_lowercase())
}

/// A MIME type for a file name, by extension (what a browser would send).
pub fn mime_for(name: &str) -> &'static str {
    match extension(name).as_deref() {
        Some("csv") => "text/csv",
        Some("txt" | "log" | "md") => "text/plain",
        Some("tsv") => "text/tab-separated-values",
        Some("json") => "application/json",
        Some("toml") => "application/toml",
        Some("ron") => "application/ron",
        Some("html" | "htm") => "text/html",
        Some("xml") => "application/xml",
        Some("pdf") => "application/pdf",
        Some("zip") => "application/zip",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("svg") => "image/svg+xml",
        Some("mp3") => "audio/mpeg",
        Some("wav") => "audio/wav",
        Some("mp4") => "video/mp4",
        Some("parquet") => "application/vnd.apache.parquet",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

/// What a multiselect, select_slider, pills or segmented control offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionsSpec {
    /// The options' labels, in order.
    pub options: Vec<String>,
    /// Several options can be chosen (multiselect; pills in multi mode).
    pub multi: bool,
    /// select_slider with two handles.
    #[serde(default)]
    pub range: bool,
    /// The most options that can be chosen, if limited.
    #[serde(default)]
    pub max_selections: Option<usize>,
    /// Grey hint shown while nothing is chosen.
    #[serde(default)]
    pub placeholder: Option<String>,
}

/// `st.feedback`'s icon sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackStyle {
    /// 👎 👍: index 0 is thumbs down, 1 thumbs up.
    Thumbs,
    /// Five faces, from 0 (very unhappy) to 4 (very happy).
    Faces,
    /// One to five stars: index 0 is one star.
    Stars,
}

impl FeedbackStyle {
    /// Streamlit's name (`"thumbs"`, `"faces"`, `"stars"`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Thumbs => "thumbs",
            Self::Faces => "faces",
            Self::Stars => "stars",
        }
    }

    /// The options' accessible names, in index order.
    pub fn option_names(self) -> &'static [&'static str] {
        match self {
            Self::Thumbs => &["Thumbs down", "Thumbs up"],
            Self::Faces => &[
                "Very dissatisfied",
                "Dissatisfied",
                "Neutral",
                "Satisfied",
                "Very satisfied",
            ],
            Self::Stars => &["1 star", "2 stars", "3 stars", "4 stars", "5 stars"],
        }
    }
}

/// date_input, time_input and datetime_input parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateSpec {
    /// Earliest date that can be picked.
    pub min: Option<jiff::civil::Date>,
    /// Latest date that can be picked.
    pub max: Option<jiff::civil::Date>,
    /// How a date is shown, as a `strftime` format (`%Y/%m/%d`).
    pub format: String,
    /// Step between times offered, in seconds (time and datetime inputs).
    pub step_seconds: u32,
    /// The input may be empty (`.optional()`): it can show no value, and
    /// the user can clear it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
    /// The day an empty date picker opens on (today by the run's clock,
    /// within the bounds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_on: Option<jiff::civil::Date>,
}

/// file_uploader parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilesSpec {
    /// Accepted extensions, lowercase, without the dot (empty: any file).
    pub types: Vec<String>,
    /// Several files can be given.
    pub multiple: bool,
    /// The largest file accepted, in bytes.
    pub max_bytes: u64,
}

impl FilesSpec {
    /// Checks one file against the type filter and the size limit, with the
    /// error a user sees (Streamlit's wording).
    ///
    /// ```
    /// use brook::tree::FilesSpec;
    /// let spec = FilesSpec { types: vec!["csv".into()], multiple: false, max_bytes: 1_000_000 };
    /// assert!(spec.check("a.csv", 10).is_ok());
    /// assert_eq!(
    ///     spec.check("a.txt", 10).unwrap_err(),
    ///     "text/plain files are not allowed. Allowed types: .csv"
    /// );
    /// assert_eq!(spec.check("b.csv", 2_000_000).unwrap_err(), "File must be 1.0MB or smaller.");
    /// ```
    pub fn check(&self, name: &str, size: u64) -> Result<(), String> {
        if !self.types.is_empty() {
            let ok = extension(name).is_some_and(|ext| self.types.contains(&ext));
            if !ok {
                let what = match mime_for(name) {
                    "application/octet-stream" => {
                        extension(name).map_or_else(|| format!("\"{name}\""), |e| format!(".{e}"))
                    }
                    mime => mime.to_owned(),
                };
                let allowed: Vec<String> = self.types.iter().map(|t| format!(".{t}")).collect();
                return Err(format!(
                    "{what} files are not allowed. Allowed types: {}",
                    allowed.join(", ")
                ));
            }
        }
        if size > self.max_bytes {
            return Err(format!(
                "File must be {} or smaller.",
                size_display(self.max_bytes)
            ));
        }
        Ok(())
    }
}

/// A size as Streamlit's uploader writes it (base 1000, one decimal; a
/// unit is used from half of it up): `200.0MB`, `0.6KB`, `10.0B`.
pub fn size_display(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)] // a display value
    let mut size = bytes as f64;
    for unit in ["B", "KB", "MB"] {
        if size <= 500.0 {
            return format!("{size:.1}{unit}");
        }
        size /= 1000.0;
    }
    format!("{size:.1}GB")
}

/// Bytes computed only when a download is clicked (on a background thread,
/// never on the UI thread).
#[derive(Clone)]
pub struct LazyBytes(pub Arc<dyn Fn() -> Vec<u8> + Send + Sync>);

impl fmt::Debug for LazyBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LazyBytes(..)")
    }
}

impl PartialEq for LazyBytes {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// What a download button saves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DownloadData {
    /// Bytes given by the page.
    Bytes(Bytes),
    /// Bytes computed when clicked. Not serialisable (skipped: traces show
    /// `null`).
    #[serde(skip)]
    Lazy(LazyBytes),
}

impl DownloadData {
    /// The bytes, computing them if they are lazy.
    pub fn resolve(&self) -> Bytes {
        match self {
            Self::Bytes(b) => b.clone(),
            Self::Lazy(f) => (f.0)().into(),
        }
    }
}

/// download_button parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DownloadSpec {
    /// The name offered in the save dialog.
    pub file_name: String,
    /// The data's MIME type.
    pub mime: String,
    /// What is saved.
    pub data: DownloadData,
    /// A click reruns the page (`on_click` given, or `rerun_on_click(true)`).
    pub rerun: bool,
}

/// chat_input parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatSpec {
    /// Grey hint shown while empty.
    pub placeholder: String,
    /// The most characters a message may have.
    pub max_chars: Option<usize>,
}
