//! One cell as its column kind shows it: text, a right-aligned number, a
//! checkbox, a progress bar, a link or a date.

use egui::{Align, Layout, RichText};

use crate::table::format::{default_float, format_temporal, write_cell};
use crate::table::{Cell, ColumnKind};

/// The text of `cell` in a column of `kind` (also what a data editor edits).
pub(super) fn text(cell: Cell<'_>, kind: &ColumnKind) -> String {
    match (kind, cell) {
        (_, Cell::Null) => String::new(),
        (
            ColumnKind::Number {
                format: Some(f), ..
            }
            | ColumnKind::Progress {
                format: Some(f), ..
            },
            c,
        ) => c.as_f64().map_or_else(|| c.to_string(), |v| f.format(v)),
        (ColumnKind::Date { format: Some(f) }, c) => format_temporal(c, f),
        (_, Cell::Float(v)) => default_float(v),
        (_, c) => c.to_string(),
    }
}

/// What the user did to a cell this frame.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct CellInput {
    /// A checkbox cell was toggled to this value.
    pub(super) toggled: Option<bool>,
}

/// Draws `cell` into a table cell's `ui`.
/// `name` names checkbox cells for screen readers (the column's label).
pub(super) fn draw(
    ui: &mut egui::Ui,
    cell: Cell<'_>,
    kind: &ColumnKind,
    editable: bool,
    name: &str,
) -> CellInput {
    let mut input = CellInput::default();
    if cell.is_null() && !matches!(kind, ColumnKind::Checkbox) {
        let mut s = String::new();
        write_cell(&mut s, Cell::Null);
        ui.label(RichText::new(s).weak().italics());
        return input;
    }
    match kind {
        ColumnKind::Number { .. } => {
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                ui.label(text(cell, kind));
            });
        }
        ColumnKind::Checkbox => {
            let mut on = matches!(cell, Cell::Bool(true));
            let before = on;
            ui.add_enabled_ui(editable, |ui| {
                let resp = ui.add(egui::Checkbox::without_text(&mut on));
                resp.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::CheckBox, editable, on, name)
                });
            });
            if editable && on != before {
                input.toggled = Some(on);
            }
        }
        ColumnKind::Progress { min, max, format } => {
            let v = cell.as_f64().unwrap_or(*min);
            #[allow(clippy::cast_possible_truncation)] // a fraction in 0..=1
            let fraction = ((v - min) / (max - min)).clamp(0.0, 1.0) as f32;
            let label = match format {
                Some(f) => f.format(v),
                None => default_float(v),
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_height(14.0)
                    .text(RichText::new(label).small()),
            );
        }
        ColumnKind::Link { display_text } => {
            let url = cell.to_string();
            let shown = display_text.clone().unwrap_or_else(|| url.clone());
            if editable {
                ui.label(RichText::new(shown).color(ui.visuals().hyperlink_color));
            } else {
                ui.hyperlink_to(shown, url);
            }
        }
        ColumnKind::Text { .. } | ColumnKind::Date { .. } => {
            ui.label(text(cell, kind));
        }
    }
    input
}

/// Marks a required cell that a new row still leaves empty: a tinted cell
/// with a frame in the error colour.
pub(super) fn mark_missing(ui: &egui::Ui) {
    let rect = ui.max_rect().shrink(1.0);
    let color = ui.visuals().error_fg_color;
    let painter = ui.painter();
    painter.rect_filled(rect, 2.0, color.gamma_multiply(0.12));
    painter.rect_stroke(
        rect,
        2.0,
        egui::Stroke::new(1.0, color),
        egui::StrokeKind::Inside,
    );
}
