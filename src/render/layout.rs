//! Layout elements: columns, containers, expanders, placeholders, and the
//! page navigation list at the top of the sidebar.

use egui::{Align, Layout, vec2};

use super::{Cx, draw_nodes};
use crate::tree::{Column, Event, Node, NodeId};

/// `st.columns`: a row of columns whose widths follow their weights (EL-4).
pub(super) fn columns(ui: &mut egui::Ui, columns: &[Column], gap: f32, cx: &mut Cx<'_, '_>) {
    if columns.is_empty() {
        return;
    }
    let gap = gap.max(0.0);
    let total: f32 = columns.iter().map(|c| c.weight.max(0.0)).sum();
    let gaps = gap * (columns.len() - 1) as f32;
    let width = (ui.available_width() - gaps).max(0.0);
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = gap;
        for column in columns {
            let share = if total > 0.0 {
                column.weight.max(0.0) / total
            } else {
                1.0 / columns.len() as f32
            };
            let column_width = width * share;
            ui.allocate_ui_with_layout(
                vec2(column_width, 0.0),
                Layout::top_down(Align::Min),
                |ui| {
                    ui.set_width(column_width);
                    draw_nodes(ui, &column.children, cx);
                },
            );
        }
    });
}

/// `st.container`: a plain group, framed when `border` is set.
pub(super) fn container(ui: &mut egui::Ui, border: bool, children: &[Node], cx: &mut Cx<'_, '_>) {
    if border {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            draw_nodes(ui, children, cx);
        });
    } else {
        ui.vertical(|ui| draw_nodes(ui, children, cx));
    }
}

/// `st.expander`: a collapsible group, open at first when `expanded`.
pub(super) fn expander(
    ui: &mut egui::Ui,
    id: &NodeId,
    label: &str,
    expanded: bool,
    children: &[Node],
    cx: &mut Cx<'_, '_>,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        egui::CollapsingHeader::new(label)
            .id_salt(("brook_expander", id))
            .default_open(expanded)
            .show_unindented(ui, |ui| draw_nodes(ui, children, cx));
    });
}

/// The page list of a multi-page app; choosing another page sends
/// [`Event::SwitchPage`].
pub(super) fn navigation(ui: &mut egui::Ui, cx: &mut Cx<'_, '_>) {
    let pages = cx.view.pages;
    if pages.len() < 2 {
        return;
    }
    // Full-width rows, text on the left, the current page highlighted.
    ui.with_layout(Layout::top_down_justified(Align::Min), |ui| {
        for (i, name) in pages.iter().enumerate() {
            let current = i == cx.view.page;
            if ui.selectable_label(current, name.as_str()).clicked() && !current {
                cx.events.push(Event::SwitchPage(i));
            }
        }
    });
    ui.separator();
}
