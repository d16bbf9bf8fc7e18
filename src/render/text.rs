//! Text elements: text, Markdown, headings, captions, code, dividers, JSON and
//! alert boxes.

use egui::{Color32, CornerRadius, Frame, Margin, RichText, Stroke};

use super::Cx;
use crate::tree::{AlertKind, HeadingLevel, NodeId};

/// `st.text`: fixed-width, no Markdown.
pub(super) fn text(ui: &mut egui::Ui, body: &str) {
    ui.label(RichText::new(body).monospace());
}

/// `st.markdown`: CommonMark through `egui_commonmark`.
pub(super) fn markdown(ui: &mut egui::Ui, id: &NodeId, body: &str, cx: &mut Cx<'_, '_>) {
    if is_plain(body) {
        // Most `st.write("...")` strings have no Markdown at all: a label is
        // much cheaper than a parse per frame and looks the same.
        ui.label(body);
        return;
    }
    egui_commonmark::CommonMarkViewer::new().show_with_id(
        ui.make_persistent_id(("brook_markdown", id)),
        ui,
        &mut cx.state.markdown,
        body,
    );
}

/// True when `body` renders the same as a label: no character Markdown
/// gives a meaning to, and no line break.
fn is_plain(body: &str) -> bool {
    !body.bytes().any(|b| {
        matches!(
            b,
            b'*' | b'_'
                | b'`'
                | b'#'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'|'
                | b'~'
                | b'\\'
                | b'\n'
                | b'!'
                | b'&'
        )
    }) && !body.trim_start().starts_with(['-', '+', '='])
        && !body.trim_start().starts_with(|c: char| c.is_ascii_digit())
}

/// `st.title` / `st.header` / `st.subheader`.
pub(super) fn heading(ui: &mut egui::Ui, level: HeadingLevel, body: &str) {
    let size = match level {
        HeadingLevel::Title => 30.0,
        HeadingLevel::Header => 24.0,
        HeadingLevel::Subheader => 19.0,
    };
    ui.add_space(size * 0.25);
    ui.label(RichText::new(body).size(size).strong());
    ui.add_space(size * 0.15);
}

/// `st.caption`: small, muted text.
pub(super) fn caption(ui: &mut egui::Ui, body: &str) {
    ui.label(RichText::new(body).small().weak());
}

/// `st.code`: a code block with syntax highlighting where the language is known.
pub(super) fn code(ui: &mut egui::Ui, body: &str, language: Option<&str>) {
    let theme = egui_extras::syntax_highlighting::CodeTheme::from_memory(ui.ctx(), ui.style());
    Frame::new()
        .fill(ui.visuals().code_bg_color)
        .corner_radius(CornerRadius::same(6))
        .inner_margin(Margin::same(8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            egui_extras::syntax_highlighting::code_view_ui(
                ui,
                &theme,
                body,
                language.unwrap_or("text"),
            );
        });
}

/// `st.json`: the value as an expandable tree.
pub(super) fn json(ui: &mut egui::Ui, id: &NodeId, value: &serde_json::Value) {
    ui.push_id(id, |ui| {
        Frame::new()
            .fill(ui.visuals().faint_bg_color)
            .corner_radius(CornerRadius::same(6))
            .inner_margin(Margin::same(8))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                json_value(ui, None, value, 0);
            });
    });
}

/// One JSON value, under `key` when it is a member or an element.
fn json_value(ui: &mut egui::Ui, key: Option<&str>, value: &serde_json::Value, depth: usize) {
    use serde_json::Value;
    match value {
        Value::Array(items) => {
            let entries = items.iter().enumerate().map(|(i, v)| (i.to_string(), v));
            json_group(ui, key, entries.collect(), ["[", "]"], depth);
        }
        Value::Object(map) => {
            let entries = map.iter().map(|(k, v)| (format!("\"{k}\""), v));
            json_group(ui, key, entries.collect(), ["{", "}"], depth);
        }
        _ => {
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = 0.0;
                if let Some(key) = key {
                    ui.label(RichText::new(format!("{key}: ")).monospace().weak());
                }
                let (text, color) = match value {
                    Value::String(s) => (format!("\"{s}\""), Color32::from_rgb(0x09, 0xab, 0x3b)),
                    Value::Number(n) => (n.to_string(), Color32::from_rgb(0x1c, 0x83, 0xe1)),
                    Value::Bool(b) => (b.to_string(), Color32::from_rgb(0xff, 0x8c, 0x00)),
                    _ => ("null".to_owned(), ui.visuals().weak_text_color()),
                };
                ui.label(RichText::new(text).monospace().color(color));
            });
        }
    }
}

/// An array or object: collapsible, open for the first three levels.
fn json_group(
    ui: &mut egui::Ui,
    key: Option<&str>,
    entries: Vec<(String, &serde_json::Value)>,
    [open, close]: [&str; 2],
    depth: usize,
) {
    let prefix = key.map(|k| format!("{k}: ")).unwrap_or_default();
    if entries.is_empty() {
        ui.label(RichText::new(format!("{prefix}{open}{close}")).monospace());
        return;
    }
    egui::CollapsingHeader::new(RichText::new(format!("{prefix}{open}")).monospace())
        .id_salt((depth, key))
        .default_open(depth < 3)
        .show(ui, |ui| {
            for (k, v) in &entries {
                ui.push_id(k, |ui| json_value(ui, Some(k), v, depth + 1));
            }
        });
    ui.label(RichText::new(close).monospace());
}

/// Colours of an alert box: background, border and text, as Streamlit's.
pub(super) fn alert_colors(kind: AlertKind, dark: bool) -> (Color32, Color32) {
    let (bg, fg_light, fg_dark) = match kind {
        AlertKind::Error => ((255, 43, 43), (0x7d, 0x35, 0x3b), (0xff, 0xde, 0xde)),
        AlertKind::Warning => ((255, 200, 18), (0x92, 0x6c, 0x05), (0xff, 0xff, 0xc2)),
        AlertKind::Info => ((28, 131, 225), (0x00, 0x42, 0x80), (0xc7, 0xeb, 0xff)),
        AlertKind::Success => ((33, 195, 84), (0x17, 0x72, 0x33), (0xdf, 0xfd, 0xe9)),
    };
    let alpha = if dark { 50 } else { 28 };
    let fill = Color32::from_rgba_unmultiplied(bg.0, bg.1, bg.2, alpha);
    let fg = if dark { fg_dark } else { fg_light };
    (fill, Color32::from_rgb(fg.0, fg.1, fg.2))
}

/// `st.error` / `st.warning` / `st.info` / `st.success`: a coloured box with
/// a Markdown body.
pub(super) fn alert(
    ui: &mut egui::Ui,
    id: &NodeId,
    kind: AlertKind,
    body: &str,
    cx: &mut Cx<'_, '_>,
) {
    let (fill, fg) = alert_colors(kind, ui.visuals().dark_mode);
    Frame::new()
        .fill(fill)
        .stroke(Stroke::NONE)
        .corner_radius(CornerRadius::same(6))
        .inner_margin(Margin::symmetric(14, 10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let visuals = ui.visuals_mut();
            visuals.override_text_color = Some(fg);
            visuals.widgets.active.fg_stroke.color = fg; // **strong** text
            markdown(ui, id, body, cx);
        });
    ui.add_space(4.0);
}

#[cfg(test)]
mod tests {
    use super::is_plain;

    #[test]
    fn plain_text_skips_the_markdown_parser() {
        assert!(is_plain("Hello, world."));
        assert!(is_plain("Product: 42"));
        assert!(!is_plain("**bold**"));
        assert!(!is_plain("- item"));
        assert!(!is_plain("1. item"));
        assert!(!is_plain("a\nb"));
        assert!(!is_plain("see [docs](x)"));
    }
}
