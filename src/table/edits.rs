//! What a data editor changed: Streamlit's `edited_rows`, `added_rows` and
//! `deleted_rows`, and how they apply to the data.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::build::ColumnBuilder;
use super::value::{DataType, Value};
use super::{Column, Table, TableError};

/// The edits of a data editor: the widget's value, kept in session state
/// under its key (as Streamlit keeps them).
///
/// Row numbers are positions in the data given to the editor;
/// `edited_rows` maps a row to its changed cells, `added_rows` holds new rows
/// (column → value; missing columns are empty), `deleted_rows` the removed
/// rows.
///
/// ```
/// use brook::table::{Table, TableEdits, Value};
/// let t = Table::from_rows(&[("pen", 2), ("ink", 5)])?; // columns x, y
/// let mut edits = TableEdits::default();
/// edits.set_cell(1, "y", 7);
/// edits.delete_row(0);
/// edits.add_row([("x", Value::from("pad"))]);
/// let out = edits.apply(&t)?;
/// assert_eq!(out.num_rows(), 2);
/// assert_eq!(out.value(0, "y"), Some(Value::Int(7)));
/// assert_eq!(out.value(1, "x"), Some(Value::from("pad")));
/// assert_eq!(out.value(1, "y"), Some(Value::Null));
/// # Ok::<(), brook::table::TableError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TableEdits {
    /// Changed cells: row → column → new value.
    #[serde(default)]
    pub edited_rows: BTreeMap<usize, BTreeMap<String, Value>>,
    /// New rows, appended after the data: column → value.
    #[serde(default)]
    pub added_rows: Vec<BTreeMap<String, Value>>,
    /// Removed rows, ascending.
    #[serde(default)]
    pub deleted_rows: Vec<usize>,
}

impl TableEdits {
    /// True when nothing was changed.
    pub fn is_empty(&self) -> bool {
        self.edited_rows.is_empty() && self.added_rows.is_empty() && self.deleted_rows.is_empty()
    }

    /// Sets cell (`row`, `column`) of the data to `value`.
    pub fn set_cell(&mut self, row: usize, column: &str, value: impl Into<Value>) {
        self.edited_rows
            .entry(row)
            .or_default()
            .insert(column.to_owned(), value.into());
    }

    /// Sets cell (`row`, column at position `column`) of `base` to `value`,
    /// forgetting the edit instead when `value` is what the data holds.
    ///
    /// ```
    /// use brook::table::{Table, TableEdits};
    /// let t = Table::from_rows(&[1, 2])?;
    /// let mut e = TableEdits::default();
    /// e.commit_cell(&t, 0, 0, 5.into());
    /// assert!(!e.is_empty());
    /// e.commit_cell(&t, 0, 0, 1.into()); // back to the data's value
    /// assert!(e.is_empty());
    /// # Ok::<(), brook::table::TableError>(())
    /// ```
    pub fn commit_cell(&mut self, base: &Table, row: usize, column: usize, value: Value) {
        let Some(col) = base.columns().get(column) else {
            return;
        };
        if value == col.value(row) {
            if let Some(cells) = self.edited_rows.get_mut(&row) {
                cells.remove(col.name());
                if cells.is_empty() {
                    self.edited_rows.remove(&row);
                }
            }
        } else {
            self.set_cell(row, col.name(), value);
        }
    }

    /// Appends a new row (column → value).
    pub fn add_row<K: Into<String>>(&mut self, cells: impl IntoIterator<Item = (K, Value)>) {
        self.added_rows
            .push(cells.into_iter().map(|(k, v)| (k.into(), v)).collect());
    }

    /// Removes data row `row` (kept sorted and unique).
    pub fn delete_row(&mut self, row: usize) {
        if let Err(i) = self.deleted_rows.binary_search(&row) {
            self.deleted_rows.insert(i, row);
        }
        self.edited_rows.remove(&row);
    }

    /// Checks that every edit fits `base`: rows in range, known columns,
    /// values of the column's type. The error names the row, the column and
    /// what fits.
    pub fn validate(&self, base: &Table) -> Result<(), TableError> {
        let bad = |message: String| TableError::InvalidEdit { message };
        let column = |name: &str| {
            base.column(name).ok_or_else(|| {
                bad(format!(
                    "there is no column `{name}`; the columns are `{}`",
                    base.column_names().join(", ")
                ))
            })
        };
        let fits = |row: String, c: &Column, v: &Value| {
            if v.coerce(c.data_type()).is_none() {
                return Err(bad(format!(
                    "{row}, column `{}`: {} is not a {} value",
                    c.name(),
                    serde_json::to_string(v).unwrap_or_default(),
                    c.data_type()
                )));
            }
            Ok(())
        };
        for (&row, cells) in &self.edited_rows {
            if row >= base.num_rows() {
                return Err(bad(format!(
                    "edited row {row} does not exist: the data has {} rows",
                    base.num_rows()
                )));
            }
            for (name, v) in cells {
                fits(format!("row {row}"), column(name)?, v)?;
            }
        }
        for (i, cells) in self.added_rows.iter().enumerate() {
            for (name, v) in cells {
                fits(format!("added row {i}"), column(name)?, v)?;
            }
        }
        if let Some(&row) = self.deleted_rows.iter().find(|&&r| r >= base.num_rows()) {
            return Err(bad(format!(
                "deleted row {row} does not exist: the data has {} rows",
                base.num_rows()
            )));
        }
        Ok(())
    }

    /// These edits, [validated](Self::validate), with every value turned
    /// into its column's type (`"4.5"` in a float column becomes `4.5`).
    ///
    /// ```
    /// use brook::table::{Table, TableEdits, Value};
    /// let t = Table::from_rows(&[1.5, 2.0])?;
    /// let mut e = TableEdits::default();
    /// e.set_cell(0, "value", "4.5");
    /// assert_eq!(e.coerced(&t)?.edited_rows[&0]["value"], Value::Float(4.5));
    /// # Ok::<(), brook::table::TableError>(())
    /// ```
    pub fn coerced(&self, base: &Table) -> Result<Self, TableError> {
        self.validate(base)?;
        let mut out = self.clone();
        let fix = |cells: &mut BTreeMap<String, Value>| {
            for (name, v) in cells.iter_mut() {
                if let Some(c) = base.column(name)
                    && let Some(fixed) = v.coerce(c.data_type())
                {
                    *v = fixed;
                }
            }
        };
        out.edited_rows.values_mut().for_each(fix);
        out.added_rows.iter_mut().for_each(fix);
        Ok(out)
    }

    /// The data with these edits applied. Columns nobody edited are shared,
    /// not copied, when no row was added or deleted. Edits of rows or
    /// columns that are not there (the data shrank since) are skipped.
    pub fn apply(&self, base: &Table) -> Result<Table, TableError> {
        if self.is_empty() {
            return Ok(base.clone());
        }
        let reshaped = !self.added_rows.is_empty() || !self.deleted_rows.is_empty();
        let deleted = |r: usize| self.deleted_rows.binary_search(&r).is_ok();
        let mut columns = Vec::with_capacity(base.num_columns());
        for c in base.columns() {
            let touched = self
                .edited_rows
                .values()
                .any(|cells| cells.contains_key(c.name()));
            if !touched && !reshaped {
                columns.push(c.clone());
                continue;
            }
            let dtype = c.data_type();
            let rows = base.num_rows() + self.added_rows.len();
            let mut b = if dtype == DataType::Null {
                ColumnBuilder::new(c.name())
            } else {
                ColumnBuilder::typed(c.name(), dtype, rows)
            };
            let mut put = |row: String, v: &Value| {
                let v = v.coerce(dtype).ok_or_else(|| TableError::InvalidEdit {
                    message: format!(
                        "{row}, column `{}`: {} is not a {dtype} value",
                        c.name(),
                        serde_json::to_string(v).unwrap_or_default()
                    ),
                })?;
                b.push(v).map_err(|m| TableError::MixedTypes {
                    column: c.name().to_owned(),
                    row: 0,
                    found: m.found,
                    expected: m.expected,
                })
            };
            for r in 0..base.num_rows() {
                if deleted(r) {
                    continue;
                }
                match self
                    .edited_rows
                    .get(&r)
                    .and_then(|cells| cells.get(c.name()))
                {
                    Some(v) => put(format!("row {r}"), v)?,
                    None => put(format!("row {r}"), &c.value(r))?,
                }
            }
            for (i, cells) in self.added_rows.iter().enumerate() {
                put(
                    format!("added row {i}"),
                    cells.get(c.name()).unwrap_or(&Value::Null),
                )?;
            }
            columns.push(b.finish_exact());
        }
        let table = Table::new(columns)?;
        match base.index() {
            Some(ix) => table.with_index(ix.name()),
            None => Ok(table),
        }
    }
}
