//! Exceptions raised by a page or a callback (EX-10): a red box with the
//! error's type, message and location, and the detail collapsed beneath.

use egui::{CornerRadius, Frame, Margin, RichText, Stroke};

use super::text::alert_colors;
use crate::tree::{AlertKind, ExceptionInfo, NodeId};

pub(super) fn exception(ui: &mut egui::Ui, id: &NodeId, info: &ExceptionInfo) {
    let (fill, fg) = alert_colors(AlertKind::Error, ui.visuals().dark_mode);
    Frame::new()
        .fill(fill)
        .stroke(Stroke::new(1.0, fg.gamma_multiply(0.5)))
        .corner_radius(CornerRadius::same(6))
        .inner_margin(Margin::symmetric(14, 10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.visuals_mut().override_text_color = Some(fg);
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(&info.type_name).strong().monospace());
                ui.label(RichText::new(&info.message));
            });
            if let Some(location) = &info.location {
                ui.label(RichText::new(format!("at {location}")).monospace().small());
            }
            if let Some(detail) = &info.detail {
                egui::CollapsingHeader::new("Details")
                    .id_salt(("brook_exception", id))
                    .default_open(false)
                    .show(ui, |ui| {
                        egui::ScrollArea::horizontal()
                            .id_salt(("brook_exception_detail", id))
                            .show(ui, |ui| {
                                ui.label(RichText::new(detail).monospace().small());
                            });
                    });
            }
        });
    ui.add_space(4.0);
}
