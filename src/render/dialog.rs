//! Dialogs: an egui [`Modal`](egui::Modal) over the page, with a title, a
//! close button when the user may close it, and the dialog's elements.

use egui::{Id, RichText};

use super::{Cx, draw_nodes};
use crate::tree::{DialogNode, Event};

/// A modal dialog. Closing it (close button, Escape, a click outside)
/// sends [`Event::CloseDialog`]; it stays hidden until a settled tree newer
/// than the close says what the page made of it.
pub(super) fn dialog(ui: &mut egui::Ui, dialog: &DialogNode, cx: &mut Cx<'_, '_>) {
    if !dialog.open {
        return;
    }
    let ctx = ui.ctx().clone();
    let memory = Id::unique(("brook_dialog_closed", &dialog.fragment));
    if let Some(closed_at) = ctx.data(|d| d.get_temp::<u64>(memory)) {
        if cx.view.running_for.is_some() || cx.view.generation <= closed_at {
            return;
        }
        ctx.data_mut(|d| d.remove::<u64>(memory));
    }
    let screen = ctx.content_rect();
    let width = dialog.width.min(screen.width() - 48.0).max(160.0);
    let response =
        egui::Modal::new(Id::unique(("brook_dialog", &dialog.fragment))).show(&ctx, |ui| {
            ui.set_width(width);
            let mut close = false;
            ui.horizontal(|ui| {
                ui.label(RichText::new(&dialog.title).strong().size(18.0));
                if dialog.dismissible {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        close = close_button(ui).clicked();
                    });
                }
            });
            ui.add_space(6.0);
            egui::ScrollArea::vertical()
                .id_salt(("brook_dialog_scroll", &dialog.fragment))
                .max_height((screen.height() * 0.75).max(120.0))
                .auto_shrink([false, true])
                .show(ui, |ui| draw_nodes(ui, &dialog.children, cx));
            close
        });
    if dialog.dismissible && (response.inner || response.should_close()) {
        ctx.data_mut(|d| d.insert_temp(memory, cx.view.generation));
        cx.events.push(Event::CloseDialog(dialog.fragment.clone()));
    }
}

/// A painted "×" (no font has to carry the glyph), named "Close" for
/// AccessKit.
fn close_button(ui: &mut egui::Ui) -> egui::Response {
    let size = egui::vec2(24.0, 24.0);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, ui.is_enabled(), "Close"));
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact(&response);
        if response.hovered() {
            ui.painter()
                .rect_filled(rect, visuals.corner_radius, visuals.weak_bg_fill);
        }
        let stroke = egui::Stroke::new(1.5, visuals.fg_stroke.color);
        let r = rect.shrink(7.0);
        ui.painter()
            .line_segment([r.left_top(), r.right_bottom()], stroke);
        ui.painter()
            .line_segment([r.right_top(), r.left_bottom()], stroke);
    }
    response.on_hover_text("Close")
}
