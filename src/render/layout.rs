//! Layout elements: columns, containers, expanders, tabs, popovers and
//! vertical space. Page-level layout (the content column, the sidebar, the
//! navigation) is in `page`.

use egui::{Align, Color32, CornerRadius, Frame, Layout, Margin, Rect, Sense, Stroke, vec2};

use super::theme::Colors;
use super::{Cx, draw_nodes};
use crate::tree::{Column, Node, NodeId, VerticalAlignment};

/// Padding inside a bordered container, expander body or bordered column.
const BOX_PADDING: i8 = 16;

/// The frame of bordered containers (Streamlit: 1 px border, 8 px radius,
/// 16 px padding).
fn box_frame(ui: &egui::Ui) -> Frame {
    Frame::new()
        .stroke(Stroke::new(1.0, Colors::of(ui).border))
        .corner_radius(CornerRadius::same(8))
        .inner_margin(Margin::same(BOX_PADDING))
}

/// `st.columns`: a row of columns whose widths follow their weights (EL-4),
/// `gap` points apart, their contents aligned top, centre or bottom, each
/// optionally framed. Columns nest: each is a full-width container.
///
/// Centre and bottom alignment use the columns' heights from the previous
/// pass (egui lays out in one pass); when a height changes the pass is
/// redone, so nothing jumps.
pub(super) fn columns(
    ui: &mut egui::Ui,
    id: &NodeId,
    columns: &[Column],
    gap: f32,
    align: VerticalAlignment,
    border: bool,
    cx: &mut Cx<'_, '_>,
) {
    if columns.is_empty() {
        return;
    }
    let gap = gap.max(0.0);
    let total: f32 = columns.iter().map(|c| c.weight.max(0.0)).sum();
    let gaps = gap * (columns.len() - 1) as f32;
    let width = (ui.available_width() - gaps).max(0.0);
    let row_id = ui.make_persistent_id(("brook_columns", id));
    let heights: Vec<f32> = ui
        .data(|d| d.get_temp::<Vec<f32>>(row_id))
        .unwrap_or_default();
    let row_height = heights.iter().copied().fold(0.0, f32::max);
    let mut measured = Vec::with_capacity(columns.len());
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = gap;
        for (i, column) in columns.iter().enumerate() {
            let share = if total > 0.0 {
                column.weight.max(0.0) / total
            } else {
                1.0 / columns.len() as f32
            };
            let column_width = width * share;
            let own = heights.get(i).copied().unwrap_or(row_height);
            let offset = match align {
                VerticalAlignment::Top => 0.0,
                VerticalAlignment::Center => ((row_height - own) / 2.0).max(0.0),
                VerticalAlignment::Bottom => (row_height - own).max(0.0),
            };
            ui.allocate_ui_with_layout(
                vec2(column_width, 0.0),
                Layout::top_down(Align::Min),
                |ui| {
                    ui.set_width(column_width);
                    // Reset the parent's row spacing for the column's own rhythm.
                    ui.spacing_mut().item_spacing.x = 8.0;
                    if offset > 0.0 {
                        ui.add_space(offset);
                    }
                    let top = ui.cursor().min.y;
                    if border {
                        box_frame(ui).show(ui, |ui| {
                            ui.set_width(ui.available_width());
                            draw_nodes(ui, &column.children, cx);
                        });
                    } else {
                        draw_nodes(ui, &column.children, cx);
                    }
                    measured.push(ui.min_rect().bottom() - top);
                },
            );
        }
    });
    if align != VerticalAlignment::Top
        && (measured.len() != heights.len()
            || measured
                .iter()
                .zip(&heights)
                .any(|(a, b)| (a - b).abs() > 0.5))
    {
        ui.data_mut(|d| d.insert_temp(row_id, measured));
        ui.ctx().request_discard("column heights changed");
    }
}

/// `st.container`: a plain group, framed when `border` is set; with a
/// `height`, a fixed-height box whose content scrolls.
pub(super) fn container(
    ui: &mut egui::Ui,
    id: &NodeId,
    border: bool,
    height: Option<f32>,
    children: &[Node],
    cx: &mut Cx<'_, '_>,
) {
    let body = |ui: &mut egui::Ui, cx: &mut Cx<'_, '_>| match height {
        Some(height) => {
            egui::ScrollArea::vertical()
                .id_salt(("brook_scroll_container", id))
                .max_height(height)
                .min_scrolled_height(height)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    draw_nodes(ui, children, cx);
                });
        }
        None => draw_nodes(ui, children, cx),
    };
    if border {
        box_frame(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            body(ui, cx);
        });
    } else {
        ui.vertical(|ui| {
            ui.set_width(ui.available_width());
            body(ui, cx);
        });
    }
}

/// `st.expander`: a framed, collapsible group, open at first when
/// `expanded`; its header shows a chevron, the icon and the label. The open
/// state is the user's: kept across reruns and restarts.
pub(super) fn expander(
    ui: &mut egui::Ui,
    id: &NodeId,
    label: &str,
    expanded: bool,
    icon: Option<&str>,
    children: &[Node],
    cx: &mut Cx<'_, '_>,
) {
    let icon = icon.map_or(HeaderIcon::None, HeaderIcon::Text);
    let header = Header {
        state: ("brook_expander", id),
        label,
        expanded,
        icon,
    };
    collapsible(ui, header, children, cx);
}

/// What a collapsible block's header shows before its label.
pub(super) enum HeaderIcon<'a> {
    /// Nothing.
    None,
    /// An icon written as text (an emoji or a symbol), as `st.expander`'s.
    Text(&'a str),
    /// An icon painted in a square the height of a line of text
    /// (`st.status`'s running arc, check or cross); `name` is its name for
    /// AccessKit.
    Painted {
        paint: &'a dyn Fn(&egui::Painter, egui::Rect),
        name: &'a str,
    },
}

/// A collapsible block's header: where its open state is kept, its label,
/// whether it is open at first, its icon.
pub(super) struct Header<'a, K: std::hash::Hash + std::fmt::Debug> {
    pub(super) state: K,
    pub(super) label: &'a str,
    pub(super) expanded: bool,
    pub(super) icon: HeaderIcon<'a>,
}

/// The framed, collapsible block of `st.expander` and `st.status`: a
/// chevron, the icon and the label in a full-width header; the open state
/// is the user's, kept across reruns and restarts.
pub(super) fn collapsible<K: std::hash::Hash + std::fmt::Debug>(
    ui: &mut egui::Ui,
    header: Header<'_, K>,
    children: &[Node],
    cx: &mut Cx<'_, '_>,
) {
    let Header {
        state: key,
        label,
        expanded,
        icon,
    } = header;
    let colors = Colors::of(ui);
    let state_id = ui.make_persistent_id(key);
    let mut state = egui::collapsing_header::CollapsingState::load_with_default_open(
        ui.ctx(),
        state_id,
        expanded,
    );
    Frame::new()
        .stroke(Stroke::new(1.0, colors.border))
        .corner_radius(CornerRadius::same(8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let text = match &icon {
                HeaderIcon::Text(icon) => format!("{icon}  {label}"),
                HeaderIcon::Painted { .. } => label.to_owned(),
                HeaderIcon::None => label.to_owned(),
            };
            // The header: a full-width button-like row.
            let header_height = crate::render::theme::field_height(ui);
            let (rect, response) =
                ui.allocate_exact_size(vec2(ui.available_width(), header_height), Sense::click());
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, true, state.is_open(), &text)
            });
            if response.clicked() {
                state.toggle(ui);
            }
            if ui.is_rect_visible(rect) {
                let openness = state.openness(ui.ctx());
                let color = if response.hovered() {
                    colors.primary_text
                } else {
                    ui.visuals().text_color()
                };
                let arrow_center = egui::pos2(rect.left() + 20.0, rect.center().y);
                chevron(ui, arrow_center, openness, color);
                let mut left = rect.left() + 36.0;
                let shown = if let HeaderIcon::Painted { paint, name } = &icon {
                    let size = ui.text_style_height(&egui::TextStyle::Body);
                    let square = egui::Rect::from_min_size(
                        egui::pos2(left, rect.center().y - size / 2.0),
                        vec2(size, size),
                    );
                    paint(ui.painter(), square);
                    ui.interact(square, state_id.with("icon"), Sense::hover())
                        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, *name));
                    left += size + 8.0;
                    label.to_owned()
                } else {
                    text.clone()
                };
                let galley = ui.painter().layout_no_wrap(
                    shown,
                    egui::TextStyle::Button.resolve(ui.style()),
                    color,
                );
                let pos = egui::pos2(left, rect.center().y - galley.size().y / 2.0);
                ui.painter().galley(pos, galley, color);
            }
            state.show_body_unindented(ui, |ui| {
                Frame::new()
                    .inner_margin(Margin {
                        left: BOX_PADDING,
                        right: BOX_PADDING,
                        top: 0,
                        bottom: BOX_PADDING,
                    })
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        draw_nodes(ui, children, cx);
                    });
            });
        });
}

/// A chevron pointing right (closed) to down (open).
fn chevron(ui: &egui::Ui, center: egui::Pos2, openness: f32, color: Color32) {
    let rotation = egui::emath::Rot2::from_angle(openness * std::f32::consts::FRAC_PI_2);
    let points = [vec2(-3.0, -6.0), vec2(3.0, 0.0), vec2(-3.0, 6.0)].map(|p| center + rotation * p);
    ui.painter()
        .add(egui::Shape::line(points.to_vec(), Stroke::new(1.5, color)));
}

/// `st.tabs`: a row of tab labels (the selected one in the accent colour,
/// underlined) over the selected tab's content. Which tab is selected is
/// the user's: kept across reruns and restarts, per set of labels.
pub(super) fn tabs(ui: &mut egui::Ui, labels: &[String], children: &[Node], cx: &mut Cx<'_, '_>) {
    let colors = Colors::of(ui);
    let id = tab_id(labels);
    let mut selected: usize = ui
        .data_mut(|d| d.get_persisted(id))
        .unwrap_or(0)
        .min(labels.len().saturating_sub(1));
    let row_top = ui.cursor().min.y;
    let tab_height = 40.0;
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 24.0;
        for (i, label) in labels.iter().enumerate() {
            let is_selected = i == selected;
            let font = egui::TextStyle::Button.resolve(ui.style());
            let galley = ui
                .painter()
                .layout_no_wrap(label.clone(), font, Color32::PLACEHOLDER);
            let (rect, response) =
                ui.allocate_exact_size(vec2(galley.size().x, tab_height), Sense::click());
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Tab, true, is_selected, label)
            });
            if response.clicked() {
                selected = i;
            }
            if ui.is_rect_visible(rect) {
                let color = if is_selected || response.hovered() {
                    colors.primary_text
                } else {
                    ui.visuals().text_color()
                };
                let pos = egui::pos2(rect.left(), rect.center().y - galley.size().y / 2.0);
                ui.painter().galley(pos, galley, color);
                if is_selected {
                    let line = Rect::from_min_max(
                        egui::pos2(rect.left(), rect.bottom() - 2.0),
                        rect.right_bottom(),
                    );
                    ui.painter().rect_filled(line, 0.0, colors.primary);
                }
            }
        }
    });
    // The rule under the whole row, behind the selected tab's underline.
    let full = ui.max_rect();
    let y = row_top + tab_height - 0.5;
    ui.painter().line_segment(
        [egui::pos2(full.left(), y), egui::pos2(full.right(), y)],
        Stroke::new(1.0, colors.border),
    );
    ui.data_mut(|d| d.insert_persisted(id, selected));
    ui.add_space(12.0);
    if let Some(tab) = children.get(selected) {
        ui.push_id(("brook_tab", selected), |ui| {
            draw_nodes(ui, tab.element.children(), cx);
        });
    }
}

/// The memory id of a tab group's selection: its labels, so the choice
/// stays with the same tabs when elements above them come and go.
fn tab_id(labels: &[String]) -> egui::Id {
    egui::Id::unique(("brook_tabs", labels))
}

/// `st.popover`: a button (label, then a chevron) that toggles a floating
/// panel with the content.
pub(super) fn popover(
    ui: &mut egui::Ui,
    id: &NodeId,
    label: &str,
    icon: Option<&str>,
    children: &[Node],
    cx: &mut Cx<'_, '_>,
) {
    let text = match icon {
        Some(icon) => format!("{icon}  {label}"),
        None => label.to_owned(),
    };
    let response = ui
        .push_id(("brook_popover", id), |ui| menu_button(ui, &text, None))
        .inner;
    egui::Popup::from_toggle_button_response(&response)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .width(320.0_f32.max(response.rect.width()))
        .frame(
            Frame::popup(ui.style())
                .inner_margin(Margin::same(BOX_PADDING))
                .corner_radius(CornerRadius::same(8)),
        )
        .show(|ui| {
            ui.set_min_width(288.0);
            draw_nodes(ui, children, cx);
        });
}

/// A secondary button reading `text`, with a chevron after it (popovers,
/// menus of the top navigation); `fill` replaces its background.
pub(super) fn menu_button(ui: &mut egui::Ui, text: &str, fill: Option<Color32>) -> egui::Response {
    // A popover's button is as tall as a field; a menu in the top
    // navigation as tall as its row.
    let height = if fill.is_some() {
        ui.spacing().interact_size.y
    } else {
        crate::render::theme::field_height(ui)
    };
    let font = egui::TextStyle::Button.resolve(ui.style());
    let galley = ui
        .painter()
        .layout_no_wrap(text.to_owned(), font, Color32::PLACEHOLDER);
    let pad = ui.spacing().button_padding.x;
    let size = vec2(pad + galley.size().x + 8.0 + 10.0 + pad, height);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, ui.is_enabled(), text));
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact(&response);
        match fill {
            Some(fill) => ui.painter().rect_filled(rect, visuals.corner_radius, fill),
            None => ui.painter().rect(
                rect,
                visuals.corner_radius,
                visuals.weak_bg_fill,
                visuals.bg_stroke,
                egui::StrokeKind::Inside,
            ),
        };
        let color = visuals.text_color();
        let pos = egui::pos2(rect.left() + pad, rect.center().y - galley.size().y / 2.0);
        ui.painter().galley(pos, galley, color);
        let c = egui::pos2(rect.right() - pad - 5.0, rect.center().y);
        let points = vec![
            c + vec2(-4.0, -2.0),
            c + vec2(0.0, 2.0),
            c + vec2(4.0, -2.0),
        ];
        ui.painter()
            .add(egui::Shape::line(points, Stroke::new(1.5, color)));
    }
    response
}

/// `st.space`: empty vertical space.
pub(super) fn space(ui: &mut egui::Ui, height: f32) {
    ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::hover());
}
