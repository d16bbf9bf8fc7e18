//! `st.table`: every row laid out in a grid, no scrolling of its own.

use egui::{Align, Layout, RichText};

use super::cells;
use crate::table::{ColumnKind, TableView};
use crate::tree::NodeId;

/// Rows `st.table` lays out; more are summarised (use `st.dataframe`).
pub(crate) const STATIC_TABLE_ROWS: usize = 1000;

/// Draws `view` as a static table.
pub(in crate::render) fn static_table(ui: &mut egui::Ui, id: &NodeId, view: &TableView) {
    let t = &view.table;
    let shown = t.num_rows().min(STATIC_TABLE_ROWS);
    let index = t.index().filter(|_| !view.hide_index);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        egui::ScrollArea::horizontal()
            .id_salt(("brook_table_h", id))
            .auto_shrink([true, true])
            .show(ui, |ui| {
                egui::Grid::new(("brook_table", id))
                    .striped(true)
                    .spacing([16.0, 4.0])
                    .show(ui, |ui| {
                        if !view.hide_index {
                            ui.label(RichText::new(index.map_or("", |c| c.name())).strong());
                        }
                        for c in &view.columns {
                            let l = ui.label(RichText::new(&c.label).strong());
                            if let Some(help) = &c.help {
                                l.on_hover_text(help);
                            }
                        }
                        ui.end_row();
                        for r in 0..shown {
                            if !view.hide_index {
                                let label = match index {
                                    Some(c) => cells::text(c.cell(r), &ColumnKind::for_type(c.data_type())),
                                    None => r.to_string(),
                                };
                                ui.label(RichText::new(label).weak());
                            }
                            for c in &view.columns {
                                let cell = t.columns()[c.column].cell(r);
                                if let ColumnKind::Number { .. } = c.kind {
                                    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                                        cells::draw(ui, cell, &c.kind, false, &c.label);
                                    });
                                } else {
                                    cells::draw(ui, cell, &c.kind, false, &c.label);
                                }
                            }
                            ui.end_row();
                        }
                    });
            });
        if t.num_rows() > shown {
            ui.label(
                RichText::new(format!(
                    "… {} more rows (st.table shows the first {STATIC_TABLE_ROWS}; use st.dataframe for big data)",
                    t.num_rows() - shown
                ))
                .weak()
                .small(),
            );
        }
    });
    ui.add_space(4.0);
}
