//! Tree types of images, the logo and chat messages.

use serde::{Deserialize, Serialize};

use super::Bytes;

/// Where an image's pixels come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum ImageSource {
    /// A file on disk, loaded (and decoded) by the renderer off the UI thread.
    Path {
        /// The file.
        path: String,
    },
    /// Encoded bytes: PNG, JPEG or SVG.
    Encoded {
        /// A stable name for egui's image cache (`bytes://<digest>.<ext>`).
        uri: String,
        /// The file's bytes.
        bytes: Bytes,
    },
    /// Decoded pixels, 4 bytes (RGBA, unmultiplied) per pixel, row by row.
    Pixels {
        /// A stable name for the texture cache (`pixels://<digest>`).
        uri: String,
        /// Width in pixels.
        width: usize,
        /// Height in pixels.
        height: usize,
        /// `width * height * 4` bytes.
        rgba: Bytes,
    },
}

impl ImageSource {
    /// The name the renderer caches the image under.
    pub fn uri(&self) -> String {
        match self {
            Self::Path { path } => format!("file://{path}"),
            Self::Encoded { uri, .. } | Self::Pixels { uri, .. } => uri.clone(),
        }
    }
}

/// One image of an [`ImageElement`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageItem {
    /// The pixels.
    pub source: ImageSource,
    /// Text shown under it.
    pub caption: Option<String>,
}

/// `st.image`: one image, or several in a row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageElement {
    /// The images, left to right.
    pub images: Vec<ImageItem>,
    /// Width of each image in points (`None`: its natural size, shrunk to fit).
    pub width: Option<f32>,
    /// Stretch to the container's width (`use_container_width=True`).
    pub use_container_width: bool,
}

/// A chat message's avatar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Avatar {
    /// The user icon (role `"user"` / `"human"`).
    User,
    /// The assistant icon (role `"assistant"` / `"ai"`).
    Assistant,
    /// The first letter of the name, in a circle.
    Initial(String),
    /// An emoji (or any short text).
    Emoji(String),
    /// An image.
    Image(ImageSource),
}

/// `st.logo`: an image in the top bar, also used as the window icon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogoElement {
    /// The image.
    pub image: ImageSource,
    /// Opened in the browser when the logo is clicked.
    pub link: Option<String>,
    /// A smaller image for the window icon (default: the logo itself).
    pub icon_image: Option<ImageSource>,
}
