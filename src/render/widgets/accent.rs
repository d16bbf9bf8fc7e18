//! The accent look of on/off and sliding widgets: checkboxes and radio
//! buttons filled with the accent when chosen, and slider rails whose
//! filled part, thumb and value are in the accent (Streamlit's design).
//!
//! Sliders keep egui's own widget for dragging, keys and AccessKit, drawn
//! invisibly; this module paints the rail over it.

use egui::{
    Color32, CornerRadius, Pos2, Rect, Response, Role, Sense, Stroke, TextStyle, Ui, WidgetInfo,
    pos2, vec2,
};

use crate::render::theme::Colors;

/// Side of a checkbox, diameter of a radio button.
const MARK: f32 = 16.0;

/// Height of a checkbox or radio row.
const ROW: f32 = 24.0;

/// A checkbox: a rounded box, filled with the accent and checked in white
/// when on; a click flips `checked`.
pub(crate) fn checkbox(ui: &mut Ui, checked: &mut bool, label: &str) -> Response {
    let mut response = mark_row(ui, label, Role::CheckBox, *checked);
    if response.clicked() {
        *checked = !*checked;
        response.mark_changed();
    }
    if ui.is_rect_visible(response.rect) {
        let colors = Colors::of(ui);
        let mark = mark_rect(&response);
        let radius = CornerRadius::same(4);
        if *checked {
            ui.painter().rect_filled(mark, radius, colors.primary);
            let points = vec![
                mark.left_center() + vec2(3.5, 0.5),
                mark.center_bottom() + vec2(-1.5, -4.0),
                mark.right_top() + vec2(-3.5, 4.5),
            ];
            ui.painter().add(egui::Shape::line(
                points,
                Stroke::new(2.0, colors.on_primary),
            ));
        } else {
            let stroke = if response.hovered() {
                colors.primary
            } else {
                colors.border
            };
            ui.painter().rect(
                mark,
                radius,
                ui.visuals().panel_fill,
                Stroke::new(1.0, stroke),
                egui::StrokeKind::Inside,
            );
        }
    }
    response
}

/// A radio button: a circle, filled with the accent around a white dot
/// when selected.
pub(crate) fn radio(ui: &mut Ui, selected: bool, label: &str) -> Response {
    let response = mark_row(ui, label, Role::RadioButton, selected);
    if ui.is_rect_visible(response.rect) {
        let colors = Colors::of(ui);
        let mark = mark_rect(&response);
        let center = mark.center();
        if selected {
            ui.painter()
                .circle_filled(center, MARK / 2.0, colors.primary);
            ui.painter()
                .circle_filled(center, MARK / 2.0 - 5.0, colors.on_primary);
        } else {
            let stroke = if response.hovered() {
                colors.primary
            } else {
                colors.border
            };
            ui.painter().circle(
                center,
                MARK / 2.0 - 0.5,
                ui.visuals().panel_fill,
                Stroke::new(1.0, stroke),
            );
        }
    }
    response
}

/// Allocates a row with room for the mark and the label, paints the
/// label, and names the row for AccessKit.
fn mark_row(ui: &mut Ui, label: &str, role: Role, selected: bool) -> Response {
    let gap = 8.0;
    let galley = ui.painter().layout(
        label.to_owned(),
        TextStyle::Button.resolve(ui.style()),
        ui.visuals().text_color(),
        (ui.available_width() - MARK - gap).max(0.0),
    );
    let size = vec2(MARK + gap + galley.size().x, ROW.max(galley.size().y));
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    response.widget_info(|| WidgetInfo::selected(role, ui.is_enabled(), selected, label));
    if ui.is_rect_visible(rect) {
        let pos = pos2(
            rect.left() + MARK + gap,
            rect.center().y - galley.size().y / 2.0,
        );
        ui.painter().galley(pos, galley, ui.visuals().text_color());
    }
    response
}

fn mark_rect(response: &Response) -> Rect {
    let rect = response.rect;
    Rect::from_center_size(
        pos2(rect.left() + MARK / 2.0, rect.center().y),
        vec2(MARK, MARK),
    )
}

/// Height kept above a slider's rail for the value shown over the thumb.
pub(crate) const VALUE_ROOM: f32 = 18.0;

/// Makes egui's slider in `ui` invisible (it still takes the pointer, the
/// keys and AccessKit requests), so [`paint_rail`] can draw it.
pub(crate) fn hide_slider_visuals(ui: &mut Ui) {
    let v = ui.visuals_mut();
    v.selection.bg_fill = Color32::TRANSPARENT;
    for w in [
        &mut v.widgets.inactive,
        &mut v.widgets.hovered,
        &mut v.widgets.active,
        &mut v.widgets.noninteractive,
    ] {
        w.bg_fill = Color32::TRANSPARENT;
        w.weak_bg_fill = Color32::TRANSPARENT;
        w.bg_stroke = Stroke::NONE;
        w.fg_stroke = Stroke::NONE;
    }
}

/// Draws an egui slider invisibly across the full width (it keeps the
/// dragging, keys and AccessKit) under room for the value above the thumb.
pub(crate) fn invisible_slider(
    ui: &mut egui::Ui,
    add: impl FnOnce(&mut egui::Ui) -> egui::Response,
) -> egui::Response {
    ui.add_space(VALUE_ROOM);
    ui.scope(|ui| {
        hide_slider_visuals(ui);
        // A 16-point tall rail: egui sizes it by the body text and the
        // interaction height, so shrink both for this slider.
        ui.spacing_mut().slider_width = ui.available_width();
        ui.spacing_mut().interact_size.y = 16.0;
        ui.style_mut()
            .text_styles
            .insert(egui::TextStyle::Body, egui::FontId::proportional(10.0));
        add(ui)
    })
    .inner
}

/// Paints a slider rail over `response` (an invisible egui slider or
/// range slider between `min` and `max`): the track, the part between
/// `from` and `to` in the accent, a thumb at each of `thumbs`, and
/// `labels` (one per thumb) above them in the accent.
pub(crate) fn paint_rail(
    ui: &Ui,
    response: &Response,
    (min, max): (f64, f64),
    (from, to): (f64, f64),
    thumbs: &[f64],
    labels: &[String],
) {
    let rect = response.rect;
    if !ui.is_rect_visible(rect.expand2(vec2(0.0, VALUE_ROOM))) {
        return;
    }
    let colors = Colors::of(ui);
    // egui's geometry: handles travel between the rail's ends inset by
    // the handle radius (height / 2.5).
    let inset = rect.height() / 2.5;
    let (x0, x1) = (rect.left() + inset, rect.right() - inset);
    let x_of = |v: f64| {
        let t = if max > min {
            ((v - min) / (max - min)).clamp(0.0, 1.0)
        } else {
            0.0
        };
        #[allow(clippy::cast_possible_truncation)] // a fraction of a rail in points
        let t = t as f32;
        x0 + t * (x1 - x0)
    };
    let y = rect.center().y;
    let rail = Rect::from_min_max(pos2(x0, y - 2.0), pos2(x1, y + 2.0));
    ui.painter()
        .rect_filled(rail, CornerRadius::same(2), colors.track);
    let filled = Rect::from_min_max(pos2(x_of(from), y - 2.0), pos2(x_of(to), y + 2.0));
    ui.painter()
        .rect_filled(filled, CornerRadius::same(2), colors.primary);
    let font = TextStyle::Small.resolve(ui.style());
    for (i, &v) in thumbs.iter().enumerate() {
        let center = Pos2::new(x_of(v), y);
        let active = response.dragged() || response.has_focus();
        let radius = if active || response.hovered() {
            7.0
        } else {
            6.0
        };
        ui.painter().circle_filled(center, radius, colors.primary);
        if let Some(label) = labels.get(i) {
            let galley =
                ui.painter()
                    .layout_no_wrap(label.clone(), font.clone(), colors.primary_text);
            let left = (center.x - galley.size().x / 2.0).clamp(
                rect.left(),
                (rect.right() - galley.size().x).max(rect.left()),
            );
            let pos = pos2(left, rect.top() - galley.size().y + 2.0);
            ui.painter().galley(pos, galley, colors.primary_text);
        }
    }
}
