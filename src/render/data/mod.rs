//! Tables: `st.dataframe` (virtualised, sortable, selectable), `st.data_editor`
//! (editable cells, added and deleted rows) and `st.table` (static).
//!
//! The interactive grid is egui_extras' `TableBuilder` (chosen over
//! `egui_table` by `benches/data.rs`, see BENCHMARKS.md): only the visible
//! rows are laid out, so a million rows cost what forty do. Sorting by a
//! header is a view of the data, never a change to it (as in Streamlit): a
//! row order kept here, computed on a worker for large tables
//! ([`SortJob`]) while the old order stays on screen.

mod actions;
mod cells;
mod grid;
mod static_table;

use std::collections::HashMap;
use std::sync::Arc;

use super::Cx;
use crate::table::{PendingRows, SortJob, SortOrder, Table, TableView};
use crate::tree::{NodeId, WidgetNode};

pub(super) use static_table::static_table;

/// Per-table presentation state, by node (view-only) or widget id.
#[derive(Default)]
pub(super) struct DataCache {
    grids: HashMap<String, GridState>,
}

impl DataCache {
    /// Forgets the tables not drawn since the last publication.
    pub(super) fn retain_drawn(&mut self) {
        self.grids.retain(|_, g| std::mem::take(&mut g.touched));
    }

    /// The sort of the table drawn under `key`: column and order, and
    /// whether it is still being computed (tests and benchmarks).
    pub(super) fn sort_state(&self, key: &str) -> Option<(usize, SortOrder, bool)> {
        let g = self.grids.get(key)?;
        match (&g.pending, &g.sort) {
            (Some((c, o)), _) => Some((*c, *o, true)),
            (None, Some((c, o))) => Some((*c, *o, false)),
            _ => None,
        }
    }
}

/// A row of the grid: a row of the data, a row the editor added, or a new
/// row still missing required cells (not committed yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowRef {
    Base(usize),
    Added(usize),
    Pending(usize),
}

/// A cell being typed into.
#[derive(Debug, Clone)]
struct Editing {
    row: RowRef,
    /// Position in the table.
    column: usize,
    text: String,
    /// Focus is requested on the first frame only.
    focused: bool,
    /// The text does not fit the column (shown in red until fixed).
    invalid: Option<String>,
}

struct GridState {
    /// The data last drawn: a new table (another run's data) resets the order.
    table: Table,
    /// The order on screen.
    sort: Option<(usize, SortOrder)>,
    order: Option<Arc<[u32]>>,
    /// The order being computed.
    pending: Option<(usize, SortOrder)>,
    job: Option<SortJob>,
    editing: Option<Editing>,
    /// Initial column widths, estimated once from the header and first rows.
    widths: Vec<f32>,
    /// Rows on screen when the editor deleted some: (deleted, order) it was made for.
    visible: Option<(Vec<usize>, usize, Arc<[u32]>)>,
    /// New rows of a data editor waiting for their required cells.
    drafts: PendingRows,
    touched: bool,
}

impl GridState {
    fn new(table: &Table) -> Self {
        Self {
            table: table.clone(),
            sort: None,
            order: None,
            pending: None,
            job: None,
            editing: None,
            widths: Vec::new(),
            visible: None,
            drafts: PendingRows::default(),
            touched: true,
        }
    }

    /// Starts sorting by `column` (or back to the data's order).
    fn sort_by(&mut self, ctx: &egui::Context, sort: Option<(usize, SortOrder)>) {
        self.job = None;
        match sort {
            None => {
                self.sort = None;
                self.order = None;
                self.pending = None;
            }
            Some((column, order)) => {
                let ctx = ctx.clone();
                let mut job =
                    SortJob::start(&self.table, column, order, move || ctx.request_repaint());
                match job.poll() {
                    Some(done) => {
                        self.sort = sort;
                        self.order = Some(done);
                        self.pending = None;
                    }
                    None => {
                        self.pending = sort;
                        self.job = Some(job);
                    }
                }
            }
        }
    }

    /// Takes a finished sort, and follows new data with the same sort.
    fn update(&mut self, ctx: &egui::Context, table: &Table) {
        self.touched = true;
        if !self.table.ptr_eq(table) {
            let by_name = |t: &Table, c: usize| t.columns().get(c).map(|c| c.name().to_owned());
            let wanted = self.pending.or(self.sort);
            let again = wanted.and_then(|(c, o)| {
                let name = by_name(&self.table, c)?;
                Some((table.column_index(&name)?, o))
            });
            let same_columns = self.table.column_names() == table.column_names();
            self.table = table.clone();
            self.order = None;
            self.sort = None;
            self.visible = None;
            if !same_columns {
                self.widths.clear();
                self.editing = None;
                self.drafts.clear();
            }
            self.sort_by(ctx, again);
        }
        if let Some(job) = &mut self.job
            && let Some(order) = job.poll()
        {
            self.order = Some(order);
            self.sort = self.pending.take();
            self.job = None;
            self.visible = None;
        }
    }
}

/// Draws a view-only dataframe.
pub(super) fn dataframe(ui: &mut egui::Ui, id: &NodeId, view: &TableView, cx: &mut Cx<'_, '_>) {
    grid::grid(ui, id, view, None, cx);
}

/// Draws a dataframe with selection, or a data editor.
pub(super) fn widget(
    ui: &mut egui::Ui,
    widget: &WidgetNode,
    view: &TableView,
    cx: &mut Cx<'_, '_>,
) {
    grid::grid(ui, &widget.id, view, Some(widget), cx);
}
