//! What the user did in a grid this frame (sort, select, edit, add,
//! delete), applied after drawing: the view's state changes, and new
//! widget values are committed.

use egui::{Color32, Key, TextEdit};

use super::cells;
use super::grid::value_at;
use super::{Editing, GridState, RowRef};
use crate::render::Cx;
use crate::table::{
    Cell, ColumnKind, ColumnView, RowSelection, SortOrder, TableEdits, TableView, Value,
};
use crate::tree::{WidgetNode, WidgetValue};

/// What the user did in the grid this frame, applied after drawing.
pub(super) enum Action {
    Sort(usize),
    Toggle(usize),
    StartEdit(RowRef, usize),
    Commit(RowRef, usize, Value),
    Cancel,
    Delete(RowRef),
    AddRow,
}

/// Applies `actions` to the view (`state`) and commits new values of `widget`.
#[allow(clippy::too_many_arguments)] // the frame's pieces, handed over once
pub(super) fn apply(
    actions: Vec<Action>,
    ctx: &egui::Context,
    view: &TableView,
    state: &mut GridState,
    sort_shown: Option<(usize, SortOrder)>,
    selected: &[usize],
    mut edits: TableEdits,
    widget: Option<&WidgetNode>,
    cx: &mut Cx<'_, '_>,
) {
    let mut changed_edits = false;
    let mut new_selection: Option<Vec<usize>> = None;
    // A cell the user opened this frame wins over the next one to fill.
    let user_started = actions.iter().any(|a| matches!(a, Action::StartEdit(..)));
    for action in actions {
        match action {
            Action::Sort(col) => {
                let next = match sort_shown {
                    Some((c, SortOrder::Ascending)) if c == col => {
                        Some((col, SortOrder::Descending))
                    }
                    Some((c, SortOrder::Descending)) if c == col => None,
                    _ => Some((col, SortOrder::Ascending)),
                };
                state.sort_by(ctx, next);
            }
            Action::Toggle(b) => {
                let mut rows = new_selection.take().unwrap_or_else(|| selected.to_vec());
                crate::table::toggle_row(&mut rows, b, view.selection == RowSelection::SingleRow);
                new_selection = Some(rows);
            }
            Action::StartEdit(r, column) => {
                let c = view.columns.iter().find(|c| c.column == column);
                let shown = value_at(view, &edits, &state.drafts, r, column);
                let text = c.map_or_else(String::new, |c| match shown {
                    Cell::Null => String::new(),
                    // Edit the value itself, not its display format.
                    cell @ (Cell::Float(_) | Cell::Int(_)) => cell.to_string(),
                    cell => cells::text(cell, &c.kind),
                });
                state.editing = Some(Editing {
                    row: r,
                    column,
                    text,
                    focused: false,
                    invalid: None,
                });
            }
            Action::Cancel => state.editing = None,
            Action::Commit(r, column, v) => {
                state.editing = None;
                match r {
                    RowRef::Base(b) => edits.commit_cell(&view.table, b, column, v),
                    RowRef::Added(a) => {
                        let name = view.table.columns()[column].name().to_owned();
                        if let Some(cells) = edits.added_rows.get_mut(a) {
                            cells.insert(name, v);
                        }
                    }
                    RowRef::Pending(p) => {
                        // Reaches the page only once its required cells are
                        // filled; until then the next empty one is opened.
                        let committed = state.drafts.set_cell(view, &mut edits, p, column, v);
                        changed_edits |= committed;
                        if !committed && !user_started {
                            state.editing = state
                                .drafts
                                .missing(view, p)
                                .into_iter()
                                .find(|c| !matches!(c.kind, ColumnKind::Checkbox))
                                .map(|c| Editing {
                                    row: r,
                                    column: c.column,
                                    text: String::new(),
                                    focused: false,
                                    invalid: None,
                                });
                        }
                        continue;
                    }
                }
                changed_edits = true;
            }
            Action::Delete(r) => {
                match r {
                    RowRef::Base(b) => edits.delete_row(b),
                    RowRef::Added(a) => {
                        if a < edits.added_rows.len() {
                            edits.added_rows.remove(a);
                        }
                    }
                    RowRef::Pending(p) => {
                        state.drafts.remove(p);
                        state.editing = None;
                        continue;
                    }
                }
                state.editing = None;
                changed_edits = true;
            }
            Action::AddRow => {
                // Committed at once unless a column is required (then
                // pending until filled, and its first empty one is edited).
                let committed = state.drafts.add_row(view, &mut edits);
                changed_edits |= committed;
                let (row, first) = if committed {
                    let first = view
                        .columns
                        .iter()
                        .find(|c| !c.disabled && !matches!(c.kind, ColumnKind::Checkbox));
                    (RowRef::Added(edits.added_rows.len() - 1), first)
                } else {
                    let p = state.drafts.len() - 1;
                    let first = state.drafts.missing(view, p).into_iter().next();
                    (RowRef::Pending(p), first)
                };
                if let Some(first) = first.filter(|c| !matches!(c.kind, ColumnKind::Checkbox)) {
                    state.editing = Some(Editing {
                        row,
                        column: first.column,
                        text: String::new(),
                        focused: false,
                        invalid: None,
                    });
                }
            }
        }
    }
    if let Some(w) = widget {
        if let Some(rows) = new_selection {
            cx.commit_widget(w, WidgetValue::Rows(rows));
        }
        if changed_edits {
            cx.commit_widget(w, WidgetValue::Edits(Box::new(edits)));
        }
    }
}

/// The text field of the cell being edited; Enter or focus loss commits a
/// value that fits the column, Escape cancels.
pub(super) fn edit_field(
    ui: &mut egui::Ui,
    ed: &mut Editing,
    view: &TableView,
    column: &ColumnView,
    actions: &mut Vec<Action>,
) {
    let mut field = TextEdit::singleline(&mut ed.text).desired_width(f32::INFINITY);
    if ed.invalid.is_some() {
        field = field.text_color(Color32::from_rgb(0xff, 0x4b, 0x4b));
    }
    let resp = ui.add(field);
    let text = ed.text.clone();
    resp.widget_info(|| {
        let mut info = egui::WidgetInfo::text_edit(true, "", &text, "");
        info.label = Some(column.label.clone());
        info
    });
    if !ed.focused {
        resp.request_focus();
        ed.focused = true;
    }
    let resp = match &ed.invalid {
        Some(why) => resp.on_hover_text(why),
        None => resp,
    };
    if ui.input(|i| i.key_pressed(Key::Escape)) {
        actions.push(Action::Cancel);
        return;
    }
    if !resp.lost_focus() {
        return;
    }
    let dtype = view.table.columns()[column.column].data_type();
    match column.parse_input(&ed.text, dtype) {
        Ok(v) => actions.push(Action::Commit(ed.row, column.column, v)),
        Err(why) => {
            ed.invalid = Some(why);
            ed.focused = false; // focus it again: the user fixes the text
        }
    }
}
