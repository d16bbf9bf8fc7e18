//! Images, the logo and link buttons.
//!
//! Encoded images and files go through egui's image loaders (egui_extras:
//! PNG, JPEG, SVG, files), which decode off the UI thread and cache by uri;
//! decoded pixels become a texture once, kept by uri.

use egui::{Image, RichText, Vec2};

use super::Cx;
use super::inputs::InputsState;
use crate::tree::{Element, ImageElement, ImageSource, LogoElement, Tree};

/// Installs egui_extras' image loaders once per context (also what makes
/// Markdown images load).
pub(super) fn ensure_loaders(ctx: &egui::Context, state: &mut InputsState) {
    if !state.loaders {
        egui_extras::install_image_loaders(ctx);
        state.loaders = true;
    }
}

/// The egui image for a source (pixels become a texture the first time).
pub(super) fn source_image<'a>(
    ctx: &egui::Context,
    source: &'a ImageSource,
    state: &mut InputsState,
) -> Image<'a> {
    match source {
        ImageSource::Path { path } => Image::new(format!("file://{path}")),
        ImageSource::Encoded { uri, bytes } => Image::from_bytes(uri.clone(), bytes.0.clone()),
        ImageSource::Pixels {
            uri,
            width,
            height,
            rgba,
        } => {
            let texture = state.textures.entry(uri.clone()).or_insert_with(|| {
                let image = egui::ColorImage::from_rgba_unmultiplied([*width, *height], rgba);
                ctx.load_texture(uri.clone(), image, egui::TextureOptions::LINEAR)
            });
            Image::new(&*texture)
        }
    }
}

/// `st.image`: the images side by side, each with its caption under it.
pub(super) fn images(ui: &mut egui::Ui, element: &ImageElement, cx: &mut Cx<'_, '_>) {
    let count = element.images.len().max(1) as f32;
    let gap = ui.spacing().item_spacing.x;
    let share = (ui.available_width() - gap * (count - 1.0)) / count;
    ui.horizontal_top(|ui| {
        for item in &element.images {
            ui.vertical(|ui| {
                let mut img = source_image(ui.ctx(), &item.source, &mut cx.state.inputs);
                img = match (element.width, element.use_container_width) {
                    (_, true) => img.fit_to_exact_size(Vec2::new(share, f32::INFINITY)),
                    (Some(w), false) => {
                        img.fit_to_exact_size(Vec2::new(w.min(share), f32::INFINITY))
                    }
                    (None, false) => img.fit_to_original_size(1.0).max_width(share),
                };
                let alt = item.caption.as_deref().unwrap_or("image");
                let response = ui.add(img.alt_text(alt));
                if let Some(caption) = &item.caption {
                    ui.set_max_width(response.rect.width().max(40.0));
                    ui.label(RichText::new(caption).small().weak());
                }
            });
        }
    });
}

/// `st.link_button`: opens the URL in the system browser.
pub(super) fn link_button(
    ui: &mut egui::Ui,
    label: &str,
    url: &str,
    help: Option<&str>,
    disabled: bool,
) {
    let response = ui.add_enabled(!disabled, egui::Button::new(label));
    let response = match help {
        Some(help) => response.on_hover_text(help),
        None => response.on_hover_text(url),
    };
    if response.clicked() {
        ui.ctx().open_url(egui::OpenUrl::new_tab(url));
    }
}

/// The last `st.logo` of a tree.
pub fn find_logo(tree: &Tree) -> Option<&LogoElement> {
    tree.walk()
        .filter_map(|n| match &n.element {
            Element::Logo(logo) => Some(logo),
            _ => None,
        })
        .last()
}

/// Draws the page's logo (if it has one) at its place in the top bar, and
/// makes it the window icon when it changes. The app's chrome calls this.
pub fn logo(ui: &mut egui::Ui, tree: &Tree, state: &mut super::RenderState) {
    let Some(logo) = find_logo(tree) else {
        return;
    };
    let inputs = &mut state.inputs;
    ensure_loaders(ui.ctx(), inputs);
    let height = ui.spacing().interact_size.y + 4.0;
    let img = source_image(ui.ctx(), &logo.image, inputs)
        .fit_to_exact_size(Vec2::new(f32::INFINITY, height));
    let response = ui.add(img.alt_text("Logo").sense(egui::Sense::click()));
    if let Some(link) = &logo.link
        && response.on_hover_text(link).clicked()
    {
        ui.ctx().open_url(egui::OpenUrl::new_tab(link));
    }
    let icon = logo.icon_image.as_ref().unwrap_or(&logo.image);
    let uri = icon.uri();
    if inputs.icon.as_deref() != Some(uri.as_str()) {
        inputs.icon = Some(uri);
        if let Some(data) = icon_data(icon) {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Icon(Some(std::sync::Arc::new(data))));
        }
    }
}

/// Decodes an image for the window icon: PNG, JPEG or SVG (rasterised at
/// 64 px), from bytes or a file.
fn decode_icon(bytes: &[u8], svg: bool) -> Option<egui::ColorImage> {
    if svg {
        let size = egui::SizeHint::Size {
            width: 64,
            height: 64,
            maintain_aspect_ratio: true,
        };
        egui_extras::image::load_svg_bytes_with_size(bytes, size, &resvg::usvg::Options::default())
            .ok()
    } else {
        egui_extras::image::load_image_bytes(bytes).ok()
    }
}

/// The window icon for an image (decoded once, when the logo changes; a
/// logo file is read here, on the UI thread, once).
fn icon_data(source: &ImageSource) -> Option<egui::IconData> {
    let image = match source {
        ImageSource::Pixels {
            width,
            height,
            rgba,
            ..
        } => egui::ColorImage::from_rgba_unmultiplied([*width, *height], rgba),
        ImageSource::Encoded { uri, bytes } => decode_icon(bytes, uri.ends_with(".svg"))?,
        ImageSource::Path { path } => {
            let bytes = std::fs::read(path).ok()?;
            decode_icon(&bytes, path.to_ascii_lowercase().ends_with(".svg"))?
        }
    };
    Some(egui::IconData {
        rgba: image
            .pixels
            .iter()
            .flat_map(|c| c.to_srgba_unmultiplied())
            .collect(),
        width: u32::try_from(image.size[0]).ok()?,
        height: u32::try_from(image.size[1]).ok()?,
    })
}
