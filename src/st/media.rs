//! Images, the logo and link buttons: `st.image`, `st.logo`,
//! `st.link_button`.

use std::path::{Path, PathBuf};

use super::{St, Widget};
use crate::error::{Error, Result};
use crate::tree::{Bytes, Element, ImageElement, ImageItem, ImageSource, LogoElement};

fn digest(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..16].to_owned()
}

/// The extension egui's loaders recognise the encoded image by.
fn sniff(bytes: &[u8]) -> &'static str {
    let head = &bytes[..bytes.len().min(256)];
    let text = String::from_utf8_lossy(head);
    if bytes.starts_with(b"\x89PNG") {
        "png"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "jpg"
    } else if text.trim_start().starts_with("<svg") || text.trim_start().starts_with("<?xml") {
        "svg"
    } else {
        "bin"
    }
}

impl From<Bytes> for ImageSource {
    /// Encoded bytes (PNG, JPEG, SVG).
    fn from(bytes: Bytes) -> Self {
        Self::Encoded {
            uri: format!("bytes://{}.{}", digest(&bytes), sniff(&bytes)),
            bytes,
        }
    }
}

impl From<Vec<u8>> for ImageSource {
    fn from(bytes: Vec<u8>) -> Self {
        Bytes::from(bytes).into()
    }
}

impl From<&[u8]> for ImageSource {
    fn from(bytes: &[u8]) -> Self {
        Bytes::from(bytes).into()
    }
}

impl<const N: usize> From<&[u8; N]> for ImageSource {
    fn from(bytes: &[u8; N]) -> Self {
        Bytes::from(&bytes[..]).into()
    }
}

impl From<&Path> for ImageSource {
    fn from(path: &Path) -> Self {
        Self::Path {
            path: path.to_string_lossy().into_owned(),
        }
    }
}

impl From<PathBuf> for ImageSource {
    fn from(path: PathBuf) -> Self {
        path.as_path().into()
    }
}

impl From<&str> for ImageSource {
    /// A file path, or SVG markup when it starts with `<svg`.
    fn from(s: &str) -> Self {
        if s.trim_start().starts_with("<svg") {
            Bytes::from(s).into()
        } else {
            Path::new(s).into()
        }
    }
}

impl From<egui::ColorImage> for ImageSource {
    fn from(image: egui::ColorImage) -> Self {
        let rgba: Vec<u8> = image
            .pixels
            .iter()
            .flat_map(|c| c.to_srgba_unmultiplied())
            .collect();
        pixels(image.size[0], image.size[1], rgba)
    }
}

fn pixels(width: usize, height: usize, rgba: Vec<u8>) -> ImageSource {
    let mut key = rgba.clone();
    key.extend_from_slice(&(width as u64).to_le_bytes());
    ImageSource::Pixels {
        uri: format!("pixels://{}", digest(&key)),
        width,
        height,
        rgba: rgba.into(),
    }
}

/// Raw pixels: `channels` bytes per pixel, row by row (3: RGB, 4: RGBA, 1: grey).
fn raw(width: usize, height: usize, data: &[u8], channels: usize) -> Result<ImageSource> {
    let need = width * height * channels;
    if width == 0 || height == 0 || data.len() != need {
        let kind = ["", "grey", "", "RGB", "RGBA"][channels];
        return Err(Error::invalid(
            "image",
            format!(
                "The image data has {} bytes, but {width}×{height} {kind} pixels need {need} \
                 ({channels} per pixel, row by row).",
                data.len()
            ),
        ));
    }
    let rgba: Vec<u8> = match channels {
        4 => data.to_vec(),
        3 => data
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        _ => data.iter().flat_map(|&g| [g, g, g, 255]).collect(),
    };
    Ok(pixels(width, height, rgba))
}

/// An image (`st.image`), or several in a row: from a file path, encoded
/// bytes (PNG, JPEG, SVG), an [`egui::ColorImage`], or raw RGB(A) pixels.
///
/// ```
/// # use brook::prelude::*;
/// fn page(st: &mut St) {
///     let red = [255u8, 0, 0].repeat(4);
///     st.add(Image::from_rgb(2, 2, &red).caption("red").width(64.0));
///     let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#;
///     st.add(Image::row([svg, svg]).captions(["left", "right"]));
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// assert_eq!(at.get("image").len(), 2);
/// ```
#[must_use = "add the image with `st.add(..)`"]
#[derive(Debug, Clone)]
pub struct Image {
    images: Vec<ImageItem>,
    error: Option<Error>,
    width: Option<f32>,
    use_container_width: bool,
}

impl Image {
    /// One image.
    pub fn new(source: impl Into<ImageSource>) -> Self {
        Self::row([source])
    }

    /// Several images side by side (`st.image([...])`).
    pub fn row<S: Into<ImageSource>>(sources: impl IntoIterator<Item = S>) -> Self {
        Self {
            images: sources
                .into_iter()
                .map(|s| ImageItem {
                    source: s.into(),
                    caption: None,
                })
                .collect(),
            error: None,
            width: None,
            use_container_width: false,
        }
    }

    fn raw(width: usize, height: usize, data: &[u8], channels: usize) -> Self {
        match raw(width, height, data, channels) {
            Ok(source) => Self::new(source),
            Err(e) => Self {
                error: Some(e),
                ..Self::row(Vec::<ImageSource>::new())
            },
        }
    }

    /// Raw RGB pixels, 3 bytes each, row by row.
    pub fn from_rgb(width: usize, height: usize, data: &[u8]) -> Self {
        Self::raw(width, height, data, 3)
    }

    /// Raw RGBA pixels (not premultiplied), 4 bytes each, row by row.
    pub fn from_rgba(width: usize, height: usize, data: &[u8]) -> Self {
        Self::raw(width, height, data, 4)
    }

    /// Raw grey pixels, one byte each, row by row.
    pub fn from_grey(width: usize, height: usize, data: &[u8]) -> Self {
        Self::raw(width, height, data, 1)
    }

    /// A caption under the image (under each image of a row).
    #[inline]
    pub fn caption(mut self, caption: impl Into<String>) -> Self {
        let caption = caption.into();
        for image in &mut self.images {
            image.caption = Some(caption.clone());
        }
        self
    }

    /// One caption per image of a row, in order.
    #[inline]
    pub fn captions<S: Into<String>>(mut self, captions: impl IntoIterator<Item = S>) -> Self {
        for (image, caption) in self.images.iter_mut().zip(captions) {
            image.caption = Some(caption.into());
        }
        self
    }

    /// The width of each image in points (default: its own size, shrunk to fit).
    #[inline]
    pub fn width(mut self, width: f32) -> Self {
        self.width = Some(width);
        self
    }

    /// Stretches the image to the width of its container.
    #[inline]
    pub fn use_container_width(mut self, stretch: bool) -> Self {
        self.use_container_width = stretch;
        self
    }
}

/// A file image must exist when the page shows it (Streamlit raises too).
fn check_path(source: &ImageSource) -> Result<()> {
    if let ImageSource::Path { path } = source
        && let Err(e) = std::fs::metadata(path)
    {
        return Err(Error::Io {
            action: "Error opening".to_owned(),
            path: format!("'{path}'"),
            reason: format!("{e}. Relative paths start from the directory the app was started in"),
        });
    }
    Ok(())
}

impl Widget for Image {
    type Output = ();
    fn show(self, st: &mut St<'_>) -> Result<()> {
        if let Some(e) = self.error {
            return Err(e);
        }
        if let Some(w) = self.width
            && (w.is_nan() || w <= 0.0)
        {
            return Err(Error::invalid(
                "image",
                format!("`width` must be a positive number of points, not {w}."),
            ));
        }
        for image in &self.images {
            check_path(&image.source)?;
        }
        st.push(Element::Image(ImageElement {
            images: self.images,
            width: self.width,
            use_container_width: self.use_container_width,
        }));
        Ok(())
    }
}

/// The app's logo (`st.logo`): drawn at the left of the top bar, and the
/// window's icon. The last logo a run shows wins.
///
/// ```
/// # use brook::prelude::*;
/// # brook::__doc_page(|st| {
/// let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><circle cx="16" cy="16" r="14" fill="teal"/></svg>"#;
/// st.add(Logo::new(svg).link("https://example.com"));
/// # Ok(()) });
/// ```
#[must_use = "add the logo with `st.add(..)`"]
#[derive(Debug, Clone)]
pub struct Logo {
    logo: LogoElement,
}

impl Logo {
    /// A logo from any image source.
    pub fn new(image: impl Into<ImageSource>) -> Self {
        Self {
            logo: LogoElement {
                image: image.into(),
                link: None,
                icon_image: None,
            },
        }
    }

    /// A URL opened in the browser when the logo is clicked.
    #[inline]
    pub fn link(mut self, url: impl Into<String>) -> Self {
        self.logo.link = Some(url.into());
        self
    }

    /// A different (usually square) image for the window icon.
    #[inline]
    pub fn icon_image(mut self, image: impl Into<ImageSource>) -> Self {
        self.logo.icon_image = Some(image.into());
        self
    }
}

impl Widget for Logo {
    type Output = ();
    fn show(self, st: &mut St<'_>) -> Result<()> {
        check_path(&self.logo.image)?;
        if let Some(icon) = &self.logo.icon_image {
            check_path(icon)?;
        }
        st.push(Element::Logo(self.logo));
        Ok(())
    }
}

/// A button that opens a URL in the system browser (`st.link_button`). It
/// has no value and never reruns the page.
///
/// ```
/// # use brook::prelude::*;
/// # brook::__doc_page(|st| {
/// st.add(LinkButton::new("Docs", "https://docs.rs/brook").help("Opens your browser"));
/// # Ok(()) });
/// ```
#[must_use = "add the button with `st.add(..)`"]
#[derive(Debug, Clone)]
pub struct LinkButton {
    label: String,
    url: String,
    help: Option<String>,
    disabled: bool,
}

impl LinkButton {
    /// A button labelled `label` opening `url`.
    pub fn new(label: impl Into<String>, url: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            url: url.into(),
            help: None,
            disabled: false,
        }
    }

    /// A tooltip shown on hover.
    #[inline]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Greys the button out.
    #[inline]
    pub fn disabled(mut self, disabled: bool) -> Self {
        self.disabled = disabled;
        self
    }
}

impl Widget for LinkButton {
    type Output = ();
    fn show(self, st: &mut St<'_>) -> Result<()> {
        st.push(Element::LinkButton {
            label: self.label,
            url: self.url,
            help: self.help,
            disabled: self.disabled,
        });
        Ok(())
    }
}
