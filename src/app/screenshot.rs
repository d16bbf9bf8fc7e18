//! The `--screenshot` mode.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::SCREENSHOT_PATIENCE;
use crate::error::{Error, Result};
use crate::runner::Published;

/// picture, write it as PNG, close the window.
pub(crate) struct Screenshot {
    path: PathBuf,
    settled_frames: u32,
    requested: bool,
    started: Option<f64>,
    result: Arc<Mutex<Option<Result<()>>>>,
}

impl Screenshot {
    pub(crate) fn new(path: PathBuf, result: Arc<Mutex<Option<Result<()>>>>) -> Self {
        Self {
            path,
            settled_frames: 0,
            requested: false,
            started: None,
            result,
        }
    }

    pub(crate) fn step(&mut self, ctx: &egui::Context, published: &Published, now: f64) {
        if self.result.lock().is_ok_and(|r| r.is_some()) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        let started = *self.started.get_or_insert(now);
        // Settled: the first run has ended and nothing is in flight. A few
        // more frames let the layout (plot bounds, fonts) reach its rest.
        if !published.running && published.last_end.is_some() {
            self.settled_frames += 1;
        } else {
            self.settled_frames = 0;
        }
        let patience_over = now - started > SCREENSHOT_PATIENCE;
        if !self.requested && (self.settled_frames >= 3 || patience_over) {
            self.requested = true;
            let path = self.path.clone();
            let result = self.result.clone();
            let waker = ctx.clone();
            ctx.request_screenshot(move |image| {
                let written = write_png(&path, &image);
                if let Ok(mut r) = result.lock() {
                    *r = Some(written);
                }
                waker.request_repaint();
            });
        }
        // The screenshot mode is not idle: it draws until the picture is taken.
        ctx.request_repaint();
    }
}

/// Writes `image` as an 8-bit RGBA PNG.
pub(crate) fn write_png(path: &Path, image: &egui::ColorImage) -> Result<()> {
    let fail = |e: &dyn std::fmt::Display| Error::Window {
        reason: format!("cannot write the screenshot {}: {e}", path.display()),
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| fail(&e))?;
    }
    let file = std::fs::File::create(path).map_err(|e| fail(&e))?;
    let [width, height] = image.size;
    let (w, h) = (
        u32::try_from(width).map_err(|e| fail(&e))?,
        u32::try_from(height).map_err(|e| fail(&e))?,
    );
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| fail(&e))?;
    let bytes: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    writer.write_image_data(&bytes).map_err(|e| fail(&e))?;
    writer.finish().map_err(|e| fail(&e))
}
