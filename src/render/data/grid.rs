//! The interactive grid shared by dataframes and data editors.

use std::sync::Arc;

use egui::{Align, Layout, Pos2, RichText, Sense, Shape, Stroke, Vec2};
use egui_extras::{Column, TableBuilder};

use super::actions::{self, Action, edit_field};
use super::cells::{self, CellInput};
use super::{GridState, RowRef};
use crate::render::Cx;
use crate::table::{
    Cell, ColumnKind, PendingRows, RowSelection, SortOrder, TableEdits, TableView, Value,
};
use crate::tree::{WidgetNode, WidgetValue};

const ROW_HEIGHT: f32 = 24.0;
const HEADER_HEIGHT: f32 = 26.0;
/// Rows shown before the grid scrolls, when no height is given.
const DEFAULT_ROWS: usize = 10;

/// The data rows on screen, top to bottom.
enum BaseRows {
    Identity(usize),
    Order(Arc<[u32]>),
}

impl BaseRows {
    fn len(&self) -> usize {
        match self {
            Self::Identity(n) => *n,
            Self::Order(o) => o.len(),
        }
    }

    fn get(&self, i: usize) -> usize {
        match self {
            Self::Identity(_) => i,
            Self::Order(o) => o[i] as usize,
        }
    }
}

fn base_rows(state: &mut GridState, edits: &TableEdits) -> BaseRows {
    if edits.deleted_rows.is_empty() {
        return match &state.order {
            Some(o) => BaseRows::Order(o.clone()),
            None => BaseRows::Identity(state.table.num_rows()),
        };
    }
    let order_key = state.order.as_ref().map_or(0, |o| o.as_ptr() as usize);
    if let Some((deleted, key, rows)) = &state.visible
        && *deleted == edits.deleted_rows
        && *key == order_key
    {
        return BaseRows::Order(rows.clone());
    }
    let n = u32::try_from(state.table.num_rows()).unwrap_or(u32::MAX);
    let kept = |r: &u32| edits.deleted_rows.binary_search(&(*r as usize)).is_err();
    let rows: Arc<[u32]> = match &state.order {
        Some(o) => o.iter().copied().filter(kept).collect(),
        None => (0..n).filter(kept).collect(),
    };
    state.visible = Some((edits.deleted_rows.clone(), order_key, rows.clone()));
    BaseRows::Order(rows)
}

/// The value shown at (`row`, table column `column`): the edit if any.
pub(super) fn value_at<'a>(
    view: &'a TableView,
    edits: &'a TableEdits,
    drafts: &'a PendingRows,
    row: RowRef,
    column: usize,
) -> Cell<'a> {
    let col = &view.table.columns()[column];
    let added = match row {
        RowRef::Base(r) => {
            return edits
                .edited_rows
                .get(&r)
                .and_then(|cells| cells.get(col.name()))
                .map_or_else(|| col.cell(r), Value::as_cell);
        }
        RowRef::Added(a) => edits.added_rows.get(a),
        RowRef::Pending(p) => drafts.rows().get(p),
    };
    added
        .and_then(|cells| cells.get(col.name()))
        .map_or(Cell::Null, Value::as_cell)
}

/// Initial widths: given, or from the header and the first rows' text.
fn estimate_widths(ui: &egui::Ui, view: &TableView) -> Vec<f32> {
    let char_w = ui.fonts_mut(|f| f.glyph_width(&egui::TextStyle::Body.resolve(ui.style()), '0'));
    #[allow(clippy::cast_precision_loss)]
    let chars = |n: usize| n as f32 * char_w;
    view.columns
        .iter()
        .map(|c| {
            if let Some(w) = c.width {
                return w;
            }
            let col = &view.table.columns()[c.column];
            let longest = (0..col.len().min(50))
                .map(|r| cells::text(col.cell(r), &c.kind).chars().count())
                .max()
                .unwrap_or(0);
            let content = match c.kind {
                ColumnKind::Checkbox => 40.0,
                ColumnKind::Progress { .. } => 120.0,
                _ => chars(longest),
            };
            (content.max(chars(c.label.chars().count()) + 18.0) + 16.0).clamp(56.0, 320.0)
        })
        .collect()
}

/// A small triangle after a sorted header: up for ascending.
fn sort_arrow(ui: &mut egui::Ui, order: SortOrder) {
    let (rect, _) = ui.allocate_exact_size(Vec2::new(10.0, 12.0), Sense::hover());
    let c = rect.center();
    let color = ui.visuals().strong_text_color();
    let (w, h) = (3.5, 3.0);
    let points = match order {
        SortOrder::Ascending => vec![
            Pos2::new(c.x - w, c.y + h),
            Pos2::new(c.x + w, c.y + h),
            Pos2::new(c.x, c.y - h),
        ],
        SortOrder::Descending => vec![
            Pos2::new(c.x - w, c.y - h),
            Pos2::new(c.x + w, c.y - h),
            Pos2::new(c.x, c.y + h),
        ],
    };
    ui.painter()
        .add(Shape::convex_polygon(points, color, Stroke::NONE));
}

/// Draws the grid of `view` and applies what the user did.
#[allow(clippy::too_many_lines)] // one table: header, rows, editing, in drawing order
pub(super) fn grid(
    ui: &mut egui::Ui,
    key: &str,
    view: &TableView,
    widget: Option<&WidgetNode>,
    cx: &mut Cx<'_, '_>,
) {
    let ctx = ui.ctx().clone();
    let mut state = cx
        .state
        .data
        .grids
        .remove(key)
        .unwrap_or_else(|| GridState::new(&view.table));
    state.update(&ctx, &view.table);
    if state.widths.len() != view.columns.len() {
        state.widths = estimate_widths(ui, view);
    }
    let value = widget.map(|w| cx.widget_value(w).clone());
    let selected: Vec<usize> = match &value {
        Some(WidgetValue::Rows(r)) => r.clone(),
        _ => Vec::new(),
    };
    let edits = match value {
        Some(WidgetValue::Edits(e)) => *e,
        _ => TableEdits::default(),
    };
    let enabled = widget.is_none_or(|w| !w.disabled);
    let editable = view.editable && widget.is_some() && enabled;
    let selectable = view.selection != RowSelection::None && widget.is_some() && enabled;
    let dynamic = editable && view.dynamic_rows;
    let show_index = !view.hide_index;

    let rows = base_rows(&mut state, &edits);
    let n_base = rows.len();
    let n_added = edits.added_rows.len();
    let n = n_base + n_added + state.drafts.len();
    let row_at = |i: usize| {
        if i < n_base {
            RowRef::Base(rows.get(i))
        } else if i < n_base + n_added {
            RowRef::Added(i - n_base)
        } else {
            RowRef::Pending(i - n_base - n_added)
        }
    };
    // Each row also takes the item spacing; a little slack keeps the last
    // row whole.
    let row_step = ROW_HEIGHT + ui.spacing().item_spacing.y;
    #[allow(clippy::cast_precision_loss)]
    let body_height = view
        .height
        .map_or(row_step * n.clamp(1, DEFAULT_ROWS) as f32 + 2.0, |h| {
            (h - HEADER_HEIGHT).max(row_step)
        });
    let index_col = view.table.index();
    #[allow(clippy::cast_precision_loss)]
    let index_width = match index_col {
        Some(c) => estimate_widths(
            ui,
            &TableView {
                columns: Vec::new(),
                ..view.clone()
            },
        )
        .first()
        .copied()
        .unwrap_or((c.name().len() as f32 * 8.0 + 24.0).clamp(48.0, 200.0)),
        None => (view.table.num_rows().max(1).ilog10() as f32 + 1.0) * 8.0 + 20.0,
    };
    let sort_shown = state.pending.or(state.sort);
    let sorting = state.pending.is_some();

    let mut actions: Vec<Action> = Vec::new();
    let frame = egui::Frame::new()
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::same(2));
    frame.show(ui, |ui| {
        ui.push_id(key, |ui| {
            ui.style_mut().interaction.selectable_labels = false;
            egui::ScrollArea::horizontal()
                .id_salt("brook_grid_h")
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    let mut tb = TableBuilder::new(ui)
                        .id_salt("brook_grid")
                        .striped(true)
                        .resizable(true)
                        .sense(if selectable || editable {
                            Sense::click()
                        } else {
                            Sense::hover()
                        })
                        .cell_layout(Layout::left_to_right(Align::Center))
                        .min_scrolled_height(body_height)
                        .max_scroll_height(body_height)
                        .auto_shrink([true, true])
                        .animate_scrolling(false);
                    if selectable {
                        tb = tb.column(Column::exact(24.0));
                    }
                    if show_index {
                        tb = tb.column(
                            Column::initial(index_width)
                                .at_least(30.0)
                                .resizable(true)
                                .clip(true),
                        );
                    }
                    let last = state.widths.len().saturating_sub(1);
                    for (i, w) in state.widths.iter().enumerate() {
                        tb = tb.column(if i == last && !dynamic {
                            // The last column takes the rest of the width: the
                            // vertical scroll bar then sits at the frame's edge,
                            // not on a column's resize handle.
                            Column::remainder().at_least(*w).clip(true)
                        } else {
                            Column::initial(*w)
                                .at_least(36.0)
                                .resizable(true)
                                .clip(true)
                        });
                    }
                    if dynamic {
                        // Not resizable: no handle under the scroll bar.
                        tb = tb.column(Column::exact(26.0));
                    }
                    tb.header(HEADER_HEIGHT, |mut header| {
                        if selectable {
                            header.col(|_| {});
                        }
                        if show_index {
                            header.col(|ui| {
                                if let Some(c) = index_col {
                                    ui.label(RichText::new(c.name()).strong());
                                }
                            });
                        }
                        for c in &view.columns {
                            header.col(|ui| {
                                let rect = ui.max_rect();
                                let resp = ui
                                    .interact(
                                        rect,
                                        ui.scope_id().with(("sort", c.column)),
                                        Sense::click(),
                                    )
                                    .on_hover_cursor(egui::CursorIcon::PointingHand);
                                resp.widget_info(|| {
                                    egui::WidgetInfo::labeled(egui::Role::Button, true, &c.label)
                                });
                                // Painted, not a label: the header is one
                                // accessible button named by its text.
                                let galley =
                                    egui::WidgetText::from(RichText::new(&c.label).strong())
                                        .into_galley(
                                            ui,
                                            Some(egui::TextWrapMode::Truncate),
                                            (ui.available_width() - 14.0).max(8.0),
                                            egui::TextStyle::Body,
                                        );
                                let (text_rect, _) =
                                    ui.allocate_exact_size(galley.size(), Sense::hover());
                                ui.painter().galley(
                                    text_rect.min,
                                    galley,
                                    ui.visuals().strong_text_color(),
                                );
                                if let Some((col, order)) = sort_shown
                                    && col == c.column
                                {
                                    if sorting {
                                        ui.add(egui::Spinner::new().size(10.0));
                                    } else {
                                        sort_arrow(ui, order);
                                    }
                                }
                                let resp = match &c.help {
                                    Some(help) => resp.on_hover_text(help),
                                    None => resp,
                                };
                                if resp.clicked() {
                                    actions.push(Action::Sort(c.column));
                                }
                            });
                        }
                        if dynamic {
                            header.col(|_| {});
                        }
                    })
                    .body(|body| {
                        body.rows(ROW_HEIGHT, n, |mut row| {
                            let r = row_at(row.index());
                            let is_selected = match r {
                                RowRef::Base(b) => selected.binary_search(&b).is_ok(),
                                RowRef::Added(_) | RowRef::Pending(_) => false,
                            };
                            // A new row's required cells still empty: marked.
                            let missing: Vec<usize> = match r {
                                RowRef::Pending(p) => state
                                    .drafts
                                    .missing(view, p)
                                    .iter()
                                    .map(|c| c.column)
                                    .collect(),
                                _ => Vec::new(),
                            };
                            row.set_selected(is_selected);
                            if selectable {
                                row.col(|ui| {
                                    let mut on = is_selected;
                                    let resp = ui.add(egui::Checkbox::without_text(&mut on));
                                    let name = match r {
                                        RowRef::Base(b) => format!("Select row {b}"),
                                        RowRef::Added(_) | RowRef::Pending(_) => String::new(),
                                    };
                                    resp.widget_info(|| {
                                        egui::WidgetInfo::selected(
                                            egui::Role::CheckBox,
                                            true,
                                            on,
                                            &name,
                                        )
                                    });
                                    if resp.changed()
                                        && let RowRef::Base(b) = r
                                    {
                                        actions.push(Action::Toggle(b));
                                    }
                                });
                            }
                            if show_index {
                                row.col(|ui| {
                                    let text = match (r, index_col) {
                                        (RowRef::Base(b), Some(c)) => cells::text(
                                            c.cell(b),
                                            &ColumnKind::for_type(c.data_type()),
                                        ),
                                        (RowRef::Base(b), None) => b.to_string(),
                                        (RowRef::Added(_), _) => String::new(),
                                        (RowRef::Pending(_), _) => {
                                            ui.label(
                                                RichText::new("new")
                                                    .small()
                                                    .color(ui.visuals().warn_fg_color),
                                            )
                                            .on_hover_text(
                                                "Not added yet: fill the required cells",
                                            );
                                            return;
                                        }
                                    };
                                    ui.label(RichText::new(text).weak());
                                });
                            }
                            for c in &view.columns {
                                let cell_editable = editable && !c.disabled;
                                let mut input = CellInput::default();
                                let (_, resp) = row.col(|ui| {
                                    let editing_here = state
                                        .editing
                                        .as_ref()
                                        .is_some_and(|e| e.row == r && e.column == c.column);
                                    if editing_here && let Some(ed) = state.editing.as_mut() {
                                        edit_field(ui, ed, view, c, &mut actions);
                                    } else {
                                        input = cells::draw(
                                            ui,
                                            value_at(view, &edits, &state.drafts, r, c.column),
                                            &c.kind,
                                            cell_editable,
                                            &c.label,
                                        );
                                    }
                                    if missing.contains(&c.column) {
                                        cells::mark_missing(ui);
                                    }
                                });
                                if let Some(on) = input.toggled {
                                    actions.push(Action::Commit(r, c.column, Value::Bool(on)));
                                } else if cell_editable
                                    && resp.clicked()
                                    && !matches!(c.kind, ColumnKind::Checkbox)
                                    && state
                                        .editing
                                        .as_ref()
                                        .is_none_or(|e| e.row != r || e.column != c.column)
                                {
                                    actions.push(Action::StartEdit(r, c.column));
                                }
                            }
                            if dynamic {
                                row.col(|ui| {
                                    let b = ui.small_button("×").on_hover_text("Delete row");
                                    if b.clicked() {
                                        actions.push(Action::Delete(r));
                                    }
                                });
                            }
                            if selectable
                                && !editable
                                && row.response().clicked()
                                && let RowRef::Base(b) = r
                            {
                                actions.push(Action::Toggle(b));
                            }
                        });
                    });
                });
            if n == 0 {
                ui.label(RichText::new("empty").weak().italics());
            }
            if dynamic && ui.button("+ Add row").clicked() {
                actions.push(Action::AddRow);
            }
            if let Some(notice) = state.drafts.notice(view) {
                ui.label(
                    RichText::new(notice)
                        .small()
                        .color(ui.visuals().warn_fg_color),
                );
            }
        })
    });
    ui.add_space(6.0);

    actions::apply(
        actions, &ctx, view, &mut state, sort_shown, &selected, edits, widget, cx,
    );
    cx.state.data.grids.insert(key.to_owned(), state);
}
