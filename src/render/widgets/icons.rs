//! Small painted icon buttons (no font has to carry a symbol glyph: egui's
//! default fonts have none), each named for AccessKit.

use egui::{Color32, Response, Sense, Stroke, Ui, pos2, vec2};

/// Which icon to paint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Icon {
    /// ×: remove.
    Cross,
    /// A paper plane pointing right: send.
    Send,
    /// An eye: show a password.
    Eye,
    /// A caret pointing down: open a menu.
    Caret,
}

/// A square button with `icon`, named `name`; `selected` draws it pressed.
pub(crate) fn icon_button(ui: &mut Ui, icon: Icon, name: &str, selected: bool) -> Response {
    let side = ui.spacing().interact_size.y;
    let (rect, response) = ui.allocate_exact_size(vec2(side, side), Sense::click());
    response.widget_info(|| {
        if icon == Icon::Eye {
            egui::WidgetInfo::selected(egui::Role::Button, ui.is_enabled(), selected, name)
        } else {
            egui::WidgetInfo::labeled(egui::Role::Button, ui.is_enabled(), name)
        }
    });
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = if selected {
        ui.visuals().widgets.active
    } else {
        *ui.style().interact(&response)
    };
    let painter = ui.painter();
    if selected || response.hovered() {
        painter.rect_filled(rect, visuals.corner_radius, visuals.weak_bg_fill);
    }
    let color = if ui.is_enabled() {
        visuals.fg_stroke.color
    } else {
        ui.visuals().weak_text_color()
    };
    paint(painter, rect, icon, color);
    response
}

/// Paints `icon` centred in `rect`.
pub(crate) fn paint(painter: &egui::Painter, rect: egui::Rect, icon: Icon, color: Color32) {
    let c = rect.center();
    let r = rect.height() * 0.25;
    let stroke = Stroke::new(1.5, color);
    match icon {
        Icon::Cross => {
            painter.line_segment([c + vec2(-r, -r), c + vec2(r, r)], stroke);
            painter.line_segment([c + vec2(-r, r), c + vec2(r, -r)], stroke);
        }
        Icon::Send => {
            let points = [
                c + vec2(-r, -r),
                c + vec2(r * 1.2, 0.0),
                c + vec2(-r, r),
                c + vec2(-r * 0.5, 0.0),
            ];
            painter.add(egui::Shape::convex_polygon(
                vec![points[0], points[1], points[3]],
                color,
                Stroke::NONE,
            ));
            painter.add(egui::Shape::convex_polygon(
                vec![points[3], points[1], points[2]],
                color,
                Stroke::NONE,
            ));
        }
        Icon::Eye => {
            let n = 16;
            let outline: Vec<egui::Pos2> = (0..=n)
                .map(|k| {
                    let t = std::f32::consts::TAU * k as f32 / n as f32;
                    pos2(c.x + r * 1.3 * t.cos(), c.y + r * 0.7 * t.sin())
                })
                .collect();
            painter.add(egui::Shape::line(outline, stroke));
            painter.circle_filled(c, r * 0.4, color);
        }
        Icon::Caret => {
            painter.add(egui::Shape::convex_polygon(
                vec![
                    c + vec2(-r, -r * 0.4),
                    c + vec2(r, -r * 0.4),
                    c + vec2(0.0, r * 0.6),
                ],
                color,
                Stroke::NONE,
            ));
        }
    }
}
