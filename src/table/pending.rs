//! Required columns in a data editor (`ColumnConfig::required`): a new row
//! is committed only once every required cell has a value. Until then it
//! stays in the editor as a pending row ([`PendingRows`], kept by the
//! renderer like any edit in progress), marked incomplete, and the page
//! never sees it: Streamlit's behaviour. An edit that would empty a
//! required cell is refused, so the editor never returns a missing value in
//! such a column.

use std::collections::BTreeMap;

use super::{ColumnView, TableEdits, TableError, TableView, Value};

/// A new row: column name → value (missing columns are empty).
pub(crate) type Row = BTreeMap<String, Value>;

/// True when `v` counts as no value for a required column (text too: an
/// empty string is not an answer).
pub(crate) fn is_missing(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::Str(s)) => s.trim().is_empty(),
        Some(_) => false,
    }
}

/// The columns of `view` a new row must fill: shown, required, and
/// editable (a disabled column could never be filled).
fn required(view: &TableView) -> impl Iterator<Item = &ColumnView> {
    view.columns.iter().filter(|c| c.required && !c.disabled)
}

/// The required columns of `view` that `row` leaves empty.
pub(crate) fn missing_in<'v>(view: &'v TableView, row: &Row) -> Vec<&'v ColumnView> {
    required(view)
        .filter(|c| is_missing(row.get(column_name(view, c))))
        .collect()
}

fn column_name<'v>(view: &'v TableView, c: &ColumnView) -> &'v str {
    view.table
        .columns()
        .get(c.column)
        .map_or("", |col| col.name())
}

/// Labels as a message lists them, each between `quote`s: `Price`,
/// `Price` and `Item`, ...
fn listed(columns: &[&ColumnView], quote: char) -> String {
    let names: Vec<String> = columns
        .iter()
        .map(|c| format!("{quote}{}{quote}", c.label))
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl TableEdits {
    /// Checks the required columns of `view`: every added row fills them,
    /// and no edit empties one. The error names the row and the columns.
    pub(crate) fn check_required(&self, view: &TableView) -> Result<(), TableError> {
        for (i, row) in self.added_rows.iter().enumerate() {
            let missing = missing_in(view, row);
            if !missing.is_empty() {
                return Err(TableError::InvalidEdit {
                    message: format!(
                        "added row {i} leaves the required column{} {} empty: a new row is \
                         committed only once every required cell has a value",
                        if missing.len() == 1 { "" } else { "s" },
                        listed(&missing, '`')
                    ),
                });
            }
        }
        for (&row, cells) in &self.edited_rows {
            for c in required(view) {
                let name = column_name(view, c);
                if cells.contains_key(name) && is_missing(cells.get(name)) {
                    return Err(TableError::InvalidEdit {
                        message: format!(
                            "row {row}, column `{}` is required: it cannot be emptied",
                            c.label
                        ),
                    });
                }
            }
        }
        Ok(())
    }
}

/// New rows of a data editor still missing required cells: kept out of the
/// widget's value until they are complete.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PendingRows {
    rows: Vec<Row>,
}

impl PendingRows {
    /// The pending rows, oldest first.
    pub(crate) fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Number of pending rows.
    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }

    /// The user added a row: committed to `edits` at once when `view`
    /// requires nothing, else kept here. True when `edits` changed.
    pub(crate) fn add_row(&mut self, view: &TableView, edits: &mut TableEdits) -> bool {
        self.rows.push(Row::new());
        self.settle(view, edits)
    }

    /// The user set cell `column` (position in the table) of pending row
    /// `index`. A row whose required cells are all filled moves to
    /// `edits.added_rows`; true when `edits` changed.
    pub(crate) fn set_cell(
        &mut self,
        view: &TableView,
        edits: &mut TableEdits,
        index: usize,
        column: usize,
        value: Value,
    ) -> bool {
        let Some(name) = view
            .table
            .columns()
            .get(column)
            .map(|c| c.name().to_owned())
        else {
            return false;
        };
        let Some(row) = self.rows.get_mut(index) else {
            return false;
        };
        row.insert(name, value);
        self.settle(view, edits)
    }

    /// The user deleted pending row `index`.
    pub(crate) fn remove(&mut self, index: usize) {
        if index < self.rows.len() {
            self.rows.remove(index);
        }
    }

    /// Forgets every pending row (the editor's columns changed).
    pub(crate) fn clear(&mut self) {
        self.rows.clear();
    }

    /// The required columns pending row `index` still leaves empty.
    pub(crate) fn missing<'v>(&self, view: &'v TableView, index: usize) -> Vec<&'v ColumnView> {
        self.rows
            .get(index)
            .map_or_else(Vec::new, |row| missing_in(view, row))
    }

    /// What the editor says under the grid while rows are pending.
    pub(crate) fn notice(&self, view: &TableView) -> Option<String> {
        let first = self.missing(view, 0);
        if first.is_empty() {
            return None;
        }
        let rows = if self.rows.len() == 1 {
            "The new row is".to_owned()
        } else {
            format!("{} new rows are", self.rows.len())
        };
        Some(format!(
            "{rows} not added yet: fill {} to add {}.",
            listed(&first, '"'),
            if self.rows.len() == 1 {
                "it"
            } else {
                "the first"
            }
        ))
    }

    /// Moves complete rows (in order) to `edits.added_rows`.
    fn settle(&mut self, view: &TableView, edits: &mut TableEdits) -> bool {
        let before = self.rows.len();
        let mut kept = Vec::with_capacity(before);
        for row in self.rows.drain(..) {
            if missing_in(view, &row).is_empty() {
                edits.added_rows.push(row);
            } else {
                kept.push(row);
            }
        }
        self.rows = kept;
        self.rows.len() != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{ColumnConfig, Table};

    fn view(required: &[&str]) -> TableView {
        let t = Table::from_rows(&[("pen", 1.5, 3_i64)]).unwrap(); // columns 0, 1, 2
        let configs: Vec<(String, ColumnConfig)> = required
            .iter()
            .map(|n| ((*n).to_owned(), ColumnConfig::auto().required(true)))
            .collect();
        TableView::build(t, &configs, None).unwrap()
    }

    #[test]
    fn a_row_without_required_columns_is_committed_at_once() {
        let v = view(&[]);
        let (mut p, mut e) = (PendingRows::default(), TableEdits::default());
        assert!(p.add_row(&v, &mut e));
        assert_eq!((p.len(), e.added_rows.len()), (0, 1));
    }

    #[test]
    fn a_new_row_waits_for_every_required_cell() {
        let v = view(&["0", "1"]);
        let (mut p, mut e) = (PendingRows::default(), TableEdits::default());
        assert!(!p.add_row(&v, &mut e), "pending, nothing committed");
        assert_eq!(p.len(), 1);
        assert_eq!(
            p.notice(&v).unwrap(),
            "The new row is not added yet: fill \"0\" and \"1\" to add it."
        );
        assert!(!p.set_cell(&v, &mut e, 0, 0, Value::from("pad")));
        assert!(!p.set_cell(&v, &mut e, 0, 2, Value::Int(4)), "not required");
        assert!(
            !p.set_cell(&v, &mut e, 0, 1, Value::from("  ")),
            "blank text is empty"
        );
        assert_eq!(p.missing(&v, 0).len(), 1);
        assert!(p.set_cell(&v, &mut e, 0, 1, Value::Float(2.0)));
        assert!(p.len() == 0 && p.notice(&v).is_none());
        assert_eq!(e.added_rows.len(), 1);
        assert_eq!(e.added_rows[0]["0"], Value::from("pad"));
        assert!(e.check_required(&v).is_ok());
    }

    #[test]
    fn rows_complete_out_of_order_are_committed_in_the_order_filled() {
        let v = view(&["0"]);
        let (mut p, mut e) = (PendingRows::default(), TableEdits::default());
        p.add_row(&v, &mut e);
        p.add_row(&v, &mut e);
        assert!(
            p.notice(&v)
                .unwrap()
                .starts_with("2 new rows are not added yet")
        );
        assert!(p.set_cell(&v, &mut e, 1, 0, Value::from("second")));
        assert_eq!((p.len(), e.added_rows.len()), (1, 1));
        p.remove(0);
        assert_eq!(p.len(), 0);
    }

    #[test]
    fn a_disabled_required_column_does_not_hold_a_row_back() {
        let t = Table::from_rows(&[("pen", 1.5)]).unwrap();
        let cfg = ColumnConfig::auto().required(true).disabled(true);
        let v = TableView::build(t, &[("y".to_owned(), cfg)], None).unwrap();
        let (mut p, mut e) = (PendingRows::default(), TableEdits::default());
        assert!(p.add_row(&v, &mut e));
    }

    #[test]
    fn edits_that_empty_a_required_cell_or_add_an_incomplete_row_are_refused() {
        let v = view(&["1"]);
        let mut e = TableEdits::default();
        e.set_cell(0, "1", Value::Null);
        let err = e.check_required(&v).unwrap_err().to_string();
        assert!(err.contains("row 0, column `1` is required"), "{err}");
        let mut e = TableEdits::default();
        e.add_row([("0", Value::from("x"))]);
        let err = e.check_required(&v).unwrap_err().to_string();
        assert!(
            err.contains("added row 0 leaves the required column `1` empty"),
            "{err}"
        );
    }
}
