//! Multiselect, select_slider, pills, segmented control and feedback: option
//! widgets whose value is the chosen options' indices. Each commits on change.

use egui::{Color32, RangeSlider, RichText, Slider, Stroke};

use super::accent::{invisible_slider, paint_rail};
use super::{field_label, field_width, finish, with_help};
use crate::render::Cx;
use crate::tree::{FeedbackStyle, OptionsSpec, WidgetNode, WidgetSpec, WidgetValue};

fn spec(widget: &WidgetNode) -> Option<&OptionsSpec> {
    match &widget.spec {
        WidgetSpec::Options(spec) => Some(spec),
        _ => None,
    }
}

fn indices(value: &WidgetValue) -> Vec<usize> {
    match value {
        WidgetValue::Indices(ix) => ix.clone(),
        WidgetValue::Index(i) => vec![*i],
        _ => Vec::new(),
    }
}

/// `st.multiselect`: the chosen options as removable chips, then a combo box
/// offering the others (closed once `max_selections` are chosen).
pub(super) fn multiselect(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let Some(spec) = spec(widget) else { return };
    let chosen = indices(cx.value(widget));
    let label = field_label(ui, widget);
    let mut next = chosen.clone();
    let full = spec.max_selections.is_some_and(|m| chosen.len() >= m);
    let width = field_width(ui, widget);
    ui.horizontal_wrapped(|ui| {
        ui.set_max_width(width);
        for &i in &chosen {
            let Some(option) = spec.options.get(i) else {
                continue;
            };
            let chip = egui::Button::new(format!("{option}  ×"))
                .corner_radius(10.0)
                .fill(ui.visuals().selection.bg_fill.gamma_multiply(0.6));
            let response = ui.add(chip).accessible_name(format!("Remove {option}"));
            if response.clicked() {
                next.retain(|&j| j != i);
            }
        }
        let hint = if full {
            format!("{} selected (the most allowed)", chosen.len())
        } else {
            spec.placeholder
                .clone()
                .unwrap_or_else(|| "Choose options".to_owned())
        };
        ui.add_enabled_ui(!full, |ui| {
            let response = egui::ComboBox::from_id_salt("multiselect")
                .selected_text(RichText::new(hint).weak())
                // The rest of the row: the field fills its column.
                .width(ui.available_width().max(160.0).min(width))
                .show_ui(ui, |ui| {
                    for (i, option) in spec.options.iter().enumerate() {
                        if !chosen.contains(&i)
                            && ui.selectable_label(false, option.as_str()).clicked()
                        {
                            next.push(i);
                        }
                    }
                })
                .response;
            finish(response, &label, widget);
        });
    });
    if next != chosen {
        cx.commit(widget, WidgetValue::Indices(next), false);
    }
}

/// `st.select_slider`: a slider over the options' positions, showing the
/// chosen label(s); commits every new position while dragging.
pub(super) fn select_slider(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let Some(spec) = spec(widget) else { return };
    let last = spec.options.len().saturating_sub(1);
    let before = indices(cx.value(widget));
    let label = field_label(ui, widget);
    let name = |i: f64| {
        let i = i.round().clamp(0.0, last as f64) as usize;
        spec.options.get(i).cloned().unwrap_or_default()
    };
    let (response, next) = if spec.range {
        let (mut lo, mut hi) = (
            before.first().copied().unwrap_or(0) as f64,
            before.get(1).copied().unwrap_or(last) as f64,
        );
        let response = invisible_slider(ui, |ui| {
            let slider = RangeSlider::new(&mut lo, &mut hi, 0.0..=last as f64)
                .integer()
                .step_by(1.0)
                .show_value(false);
            let response = ui.add(slider);
            for end in ["low", "high"] {
                let handle = format!("{} {end}", widget.label);
                ui.ctx()
                    .accesskit_node_builder(response.id.with(end), |node| {
                        node.set_label(handle);
                    });
            }
            response
        });
        let ends = (lo.min(hi), lo.max(hi));
        paint_rail(
            ui,
            &response,
            (0.0, last as f64),
            ends,
            &[lo, hi],
            &[name(lo), name(hi)],
        );
        let (a, b) = (lo.round() as usize, hi.round() as usize);
        (response, vec![a.min(b), a.max(b)])
    } else {
        let mut at = before.first().copied().unwrap_or(0) as f64;
        let response = invisible_slider(ui, |ui| {
            let slider = Slider::new(&mut at, 0.0..=last as f64)
                .integer()
                .step_by(1.0)
                .show_value(false)
                .custom_formatter(|v, _| name(v))
                .custom_parser(|s| spec.options.iter().position(|o| o == s).map(|i| i as f64));
            ui.add(slider)
        });
        paint_rail(
            ui,
            &response,
            (0.0, last as f64),
            (0.0, at),
            &[at],
            &[name(at)],
        );
        (response, vec![at.round() as usize])
    };
    let response = finish(response, &label, widget);
    let active = response.dragged() || response.has_focus();
    if next != before {
        let value = if spec.range {
            WidgetValue::Indices(next)
        } else {
            WidgetValue::Index(next[0])
        };
        cx.commit(widget, value, active);
    } else {
        cx.set_active(widget, active);
    }
}

/// The selection after clicking option `i`: single mode toggles it as the
/// only choice, multi mode adds or removes it.
fn toggled(chosen: &[usize], i: usize, multi: bool) -> Vec<usize> {
    match (chosen.contains(&i), multi) {
        (true, _) => chosen.iter().copied().filter(|&j| j != i).collect(),
        (false, true) => chosen.iter().copied().chain([i]).collect(),
        (false, false) => vec![i],
    }
}

/// `st.pills` (rounded, wrapping) and `st.segmented_control` (joined).
pub(super) fn button_group(
    ui: &mut egui::Ui,
    widget: &WidgetNode,
    cx: &mut Cx<'_, '_>,
    segmented: bool,
) {
    let Some(spec) = spec(widget) else { return };
    let chosen = indices(cx.value(widget));
    let label = field_label(ui, widget);
    let mut next = None;
    let draw = |ui: &mut egui::Ui, next: &mut Option<Vec<usize>>| {
        if segmented {
            ui.spacing_mut().item_spacing.x = 0.0;
        }
        for (i, option) in spec.options.iter().enumerate() {
            let on = chosen.contains(&i);
            let radius = if segmented { 2.0 } else { 12.0 };
            let button = egui::Button::new(option.as_str())
                .selected(on)
                .frame(true)
                .corner_radius(radius);
            let response = with_help(ui.add(button), widget);
            if response.clicked() {
                *next = Some(toggled(&chosen, i, spec.multi));
            }
        }
    };
    if segmented {
        ui.horizontal(|ui| draw(ui, &mut next));
    } else {
        ui.horizontal_wrapped(|ui| draw(ui, &mut next));
    }
    // The options are named by their own text; the label above names the group.
    let _ = label;
    if let Some(next) = next {
        cx.commit(widget, WidgetValue::Indices(next), false);
    }
}

/// `st.feedback`: thumbs, faces or stars; clicking the chosen one unchooses it.
pub(super) fn feedback(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let WidgetSpec::Feedback { style } = &widget.spec else {
        return;
    };
    let chosen = indices(cx.value(widget)).first().copied();
    let mut next = None;
    ui.horizontal(|ui| {
        for (i, name) in style.option_names().iter().enumerate() {
            let on = match style {
                FeedbackStyle::Stars => chosen.is_some_and(|c| i <= c),
                _ => chosen == Some(i),
            };
            let response = icon_button(ui, *style, i, on, name);
            let response = with_help(response, widget);
            if response.clicked() {
                next = Some(if chosen == Some(i) {
                    Vec::new()
                } else {
                    vec![i]
                });
            }
        }
    });
    if let Some(next) = next {
        cx.commit(widget, WidgetValue::Indices(next), false);
    }
}

/// One feedback option, painted (no font has to carry the emoji).
fn icon_button(
    ui: &mut egui::Ui,
    style: FeedbackStyle,
    i: usize,
    on: bool,
    name: &str,
) -> egui::Response {
    let size = egui::Vec2::splat(ui.spacing().interact_size.y + 6.0);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, ui.is_enabled(), on, name));
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.style().interact(&response);
    let accent = if on {
        ui.visuals().selection.stroke.color
    } else {
        visuals.fg_stroke.color
    };
    let painter = ui.painter();
    if response.hovered() || (on && style != FeedbackStyle::Stars) {
        painter.rect_filled(rect, 4.0, visuals.weak_bg_fill);
    }
    let c = rect.center();
    let r = rect.height() * 0.32;
    let stroke = Stroke::new(1.5, accent);
    match style {
        FeedbackStyle::Stars => {
            let points: Vec<egui::Pos2> = (0..10)
                .map(|k| {
                    let angle =
                        std::f32::consts::PI * (k as f32) / 5.0 - std::f32::consts::FRAC_PI_2;
                    let radius = if k % 2 == 0 { r * 1.15 } else { r * 0.5 };
                    c + radius * egui::vec2(angle.cos(), angle.sin())
                })
                .collect();
            if on {
                // A star is not convex: fill it as ten triangles around the centre.
                let gold = Color32::from_rgb(255, 189, 69);
                for k in 0..points.len() {
                    let tri = vec![c, points[k], points[(k + 1) % points.len()]];
                    painter.add(egui::Shape::convex_polygon(tri, gold, Stroke::NONE));
                }
            }
            painter.add(egui::Shape::closed_line(points, stroke));
        }
        FeedbackStyle::Thumbs => {
            // A fist with its cuff, and the thumb up (or down: mirrored).
            let flip = if i == 1 { 1.0 } else { -1.0 };
            let rect = |x0: f32, y0: f32, x1: f32, y1: f32| {
                let (a, b) = (c.y + flip * r * y0, c.y + flip * r * y1);
                egui::Rect::from_min_max(
                    egui::pos2(c.x + r * x0, a.min(b)),
                    egui::pos2(c.x + r * x1, a.max(b)),
                )
            };
            let fill = if on { accent } else { Color32::TRANSPARENT };
            for part in [rect(-0.3, -0.1, 0.9, 0.9), rect(-0.3, -1.05, 0.25, -0.1)] {
                painter.rect(part, 2.0, fill, stroke, egui::StrokeKind::Middle);
            }
            painter.rect_filled(rect(-0.95, -0.1, -0.55, 0.9), 1.0, accent);
        }
        FeedbackStyle::Faces => {
            painter.circle_stroke(c, r * 1.1, stroke);
            for dx in [-0.4, 0.4] {
                painter.circle_filled(c + egui::vec2(r * dx, -r * 0.3), r * 0.12, accent);
            }
            // Mouth from a frown (0) to a smile (4).
            let curve = (i as f32 - 2.0) / 2.0 * r * 0.35;
            let y = c.y + r * 0.4;
            let points: Vec<egui::Pos2> = (0..=8)
                .map(|k| {
                    let t = k as f32 / 8.0 - 0.5;
                    egui::pos2(c.x + t * r * 1.1, y + curve * (1.0 - 4.0 * t * t))
                })
                .collect();
            painter.add(egui::Shape::line(points, stroke));
        }
    }
    response
}
