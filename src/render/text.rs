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

/// `st.title` / `st.header` / `st.subheader`: Streamlit's sizes (2.75,
/// 2.25 and 1.75 times the body text) and weights (bold, then semibold).
pub(super) fn heading(ui: &mut egui::Ui, level: HeadingLevel, body: &str) {
    let base = ui.style().text_styles[&egui::TextStyle::Body].size;
    let (rem, family, above) = match level {
        HeadingLevel::Title => (2.75, super::theme::BOLD, 12.0),
        HeadingLevel::Header => (2.25, super::theme::SEMIBOLD, 8.0),
        HeadingLevel::Subheader => (1.75, super::theme::SEMIBOLD, 4.0),
    };
    ui.add_space(above);
    let font = super::theme::font(ui, family, (rem * base).round());
    ui.label(
        RichText::new(body)
            .font(font)
            .color(ui.visuals().strong_text_color()),
    );
}

/// `st.caption`: small, muted text (4.5:1 on the background, WCAG AA).
pub(super) fn caption(ui: &mut egui::Ui, body: &str) {
    let color = super::theme::Colors::of(ui).muted;
    ui.label(RichText::new(body).small().color(color));
}

/// `st.divider`: a thin rule with room around it.
pub(super) fn divider(ui: &mut egui::Ui) {
    ui.add_space(8.0);
    let width = ui.available_width();
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 1.0), egui::Sense::hover());
    let color = super::theme::Colors::of(ui).border;
    ui.painter()
        .hline(rect.x_range(), rect.center().y, Stroke::new(1.0, color));
    ui.add_space(8.0);
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

/// Background and text colours of an alert: Streamlit 1.67's pairs, each
/// above 4.5:1 (WCAG AA).
pub(super) fn alert_colors(kind: AlertKind, dark: bool) -> (Color32, Color32) {
    let hex = |c: u32| {
        let [_, r, g, b] = c.to_be_bytes();
        Color32::from_rgb(r, g, b)
    };
    let (bg, fg) = match (kind, dark) {
        (AlertKind::Error, false) => (0xFF_F1F2, 0x9E_303B),
        (AlertKind::Warning, false) => (0xFF_FAE5, 0x95_6B0F),
        (AlertKind::Info, false) => (0xED_F5FF, 0x24_4FB4),
        (AlertKind::Success, false) => (0xF1_FBF6, 0x0C_5A44),
        (AlertKind::Error, true) => (0x41_2023, 0xF2_919A),
        (AlertKind::Warning, true) => (0x30_2917, 0xFB_D54F),
        (AlertKind::Info, true) => (0x1E_2A3D, 0x85_B8F8),
        (AlertKind::Success, true) => (0x0E_2F24, 0x7E_D5B0),
    };
    (hex(bg), hex(fg))
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
        .corner_radius(CornerRadius::same(8))
        .inner_margin(Margin::same(16))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let visuals = ui.visuals_mut();
            visuals.override_text_color = Some(fg);
            visuals.widgets.active.fg_stroke.color = fg; // **strong** text
            markdown(ui, id, body, cx);
        });
}

#[cfg(test)]
mod tests {
    use super::{alert_colors, is_plain};
    use crate::render::theme::contrast;
    use crate::tree::AlertKind;

    #[test]
    fn alert_text_reaches_wcag_aa_in_both_themes() {
        for kind in [
            AlertKind::Error,
            AlertKind::Warning,
            AlertKind::Info,
            AlertKind::Success,
        ] {
            for dark in [false, true] {
                let (bg, fg) = alert_colors(kind, dark);
                assert!(contrast(fg, bg) >= 4.5, "{kind:?} dark={dark}");
            }
        }
    }

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
