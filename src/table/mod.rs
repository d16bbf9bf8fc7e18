//! One table type for everything data: [`Table`] feeds `st.dataframe`,
//! `st.table`, `st.data_editor` and the charts.
//!
//! A table is named, typed columns ([`Column`]) behind shared buffers:
//! cloning one (and so publishing a page that shows it, rerun after rerun)
//! copies nothing but reference counts. Build it once (in a
//! `#[cache_data]` function for big data) from what you have:
//!
//! - a slice or `Vec` of `Serialize` structs: fields become columns, in
//!   declaration order ([`Table::from_rows`]);
//! - column maps: `BTreeMap` / `HashMap` of name → `Vec` (a `HashMap` has no
//!   order, so its columns are sorted by name), or ordered `(name, Vec)` pairs;
//! - a slice of numbers (one column `value`) or of `(x, y)` pairs (columns
//!   `x`, the index, and `y`);
//! - typed [`Column`]s ([`Table::new`]);
//! - a polars `DataFrame`, with the `polars` feature.
//!
//! Every `st` call that shows data takes any of these ([`TableData`]).
//! A conversion that cannot work is a [`TableError`] naming the column and
//! the type.
//!
//! ```
//! use brook::table::{Table, DataType};
//! #[derive(serde::Serialize)]
//! struct City { name: &'static str, population: u32, capital: bool }
//!
//! let t = Table::from_rows(&[
//!     City { name: "Lyon", population: 522_000, capital: false },
//!     City { name: "Paris", population: 2_103_000, capital: true },
//! ])?;
//! assert_eq!(t.column_names(), ["name", "population", "capital"]);
//! assert_eq!(t.column("population").map(|c| c.data_type()), Some(DataType::Int));
//! assert_eq!(t.num_rows(), 2);
//! let copy = t.clone(); // shares the buffers
//! assert!(copy.ptr_eq(&t));
//! # Ok::<(), brook::table::TableError>(())
//! ```

mod build;
mod column;
pub(crate) mod config;
mod edits;
mod error;
pub(crate) mod format;
mod from;
mod pending;
#[cfg(feature = "polars")]
mod polars;
mod serde_in;
mod serde_out;
pub(crate) mod sort;
mod time;
mod value;
mod view;

use std::sync::Arc;

pub use column::{Column, ColumnData, ColumnValue};
pub use config::{ColumnConfig, ColumnKind, ColumnWidth};
pub use edits::TableEdits;
pub use error::TableError;
pub use format::NumberFormat;
pub use from::TableData;
pub(crate) use pending::PendingRows;
pub use sort::{SortJob, SortOrder};
pub use time::{Date, DateTime, ParseTimeError, Time};
pub use value::{Cell, DataType, Value};
pub use view::{ColumnView, RowSelection, TableView, toggle_row};

/// Named, typed columns of equal length, behind shared buffers (see the
/// [module docs](self)).
#[derive(Debug, Clone)]
pub struct Table {
    columns: Arc<[Column]>,
    rows: usize,
    /// The column used as row labels (pandas' index), if any.
    index: Option<usize>,
}

impl Default for Table {
    fn default() -> Self {
        Self::empty()
    }
}

impl PartialEq for Table {
    fn eq(&self, other: &Self) -> bool {
        self.ptr_eq(other)
            || (self.rows == other.rows
                && self.index == other.index
                && self.columns == other.columns)
    }
}

impl Table {
    /// A table with no columns and no rows.
    pub fn empty() -> Self {
        Self {
            columns: Arc::from(Vec::new()),
            rows: 0,
            index: None,
        }
    }

    /// A table of these columns: they must have distinct names and one length.
    ///
    /// ```
    /// use brook::table::{Column, Table};
    /// let t = Table::new(vec![
    ///     Column::new("x", vec![1, 2, 3]),
    ///     Column::new("y", vec![0.5, 0.25, 0.125]),
    /// ])?;
    /// assert_eq!((t.num_rows(), t.num_columns()), (3, 2));
    /// assert!(Table::new(vec![Column::new("x", vec![1]), Column::new("y", vec![1, 2])]).is_err());
    /// # Ok::<(), brook::table::TableError>(())
    /// ```
    pub fn new(columns: Vec<Column>) -> Result<Self, TableError> {
        let rows = columns.first().map_or(0, Column::len);
        for (i, c) in columns.iter().enumerate() {
            if c.len() != rows {
                return Err(TableError::LengthMismatch {
                    column: c.name().to_owned(),
                    len: c.len(),
                    first: columns[0].name().to_owned(),
                    expected: rows,
                });
            }
            if columns[..i].iter().any(|o| o.name() == c.name()) {
                return Err(TableError::DuplicateColumn {
                    column: c.name().to_owned(),
                });
            }
        }
        Ok(Self {
            columns: columns.into(),
            rows,
            index: None,
        })
    }

    /// A table from `Serialize` items: structs or maps (fields become
    /// columns, in declaration order), single values (column `value`),
    /// `(x, y)` pairs (columns `x`, the index, and `y`), `(name, list)`
    /// pairs (named columns), or tuples and lists (columns `0`, `1`, ...).
    ///
    /// Integers and floats in one column make a float column; `Option`s
    /// make missing values; plain enums show their variant's name;
    /// [`Date`], [`DateTime`] and [`Time`] fields make temporal columns, and
    /// so do text fields whose every value is ISO 8601 (how `chrono`'s types
    /// serialise). Nested structs, lists and maps in a cell are an error
    /// naming the column.
    ///
    /// ```
    /// use brook::table::{Table, TableError};
    /// #[derive(serde::Serialize)]
    /// struct Row { name: String, tags: Vec<String> }
    /// let err = Table::from_rows(&[Row { name: "a".into(), tags: vec![] }]).unwrap_err();
    /// assert!(matches!(err, TableError::Unsupported { ref column, .. } if column == "tags"));
    /// assert!(err.to_string().contains("column `tags`"));
    /// ```
    pub fn from_rows<T: serde::Serialize>(items: &[T]) -> Result<Self, TableError> {
        serde_in::from_items(items)
    }

    /// True when both share the same buffers (a clone of the other).
    pub fn ptr_eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.columns, &other.columns)
            && self.rows == other.rows
            && self.index == other.index
    }

    /// Number of rows.
    pub fn num_rows(&self) -> usize {
        self.rows
    }

    /// Number of columns (the index column included).
    pub fn num_columns(&self) -> usize {
        self.columns.len()
    }

    /// True when the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The columns, left to right.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The column names, left to right.
    pub fn column_names(&self) -> Vec<&str> {
        self.columns.iter().map(Column::name).collect()
    }

    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name() == name)
    }

    /// The position of the column named `name`.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name() == name)
    }

    /// The column named `name`, or EL-6's error listing the columns there are.
    pub fn try_column(&self, name: &str) -> Result<&Column, TableError> {
        self.column(name)
            .ok_or_else(|| TableError::unknown_column(name, &self.column_names()))
    }

    /// The same table with column `name` as its index (row labels, and the
    /// x of charts that name no x). `Table::with_index` of a missing column
    /// is EL-6's unknown-column error.
    pub fn with_index(&self, name: &str) -> Result<Self, TableError> {
        let i = self
            .column_index(name)
            .ok_or_else(|| TableError::unknown_column(name, &self.column_names()))?;
        Ok(Self {
            index: Some(i),
            ..self.clone()
        })
    }

    /// The same table without an index column (it stays a plain column).
    #[must_use]
    pub fn without_index(&self) -> Self {
        Self {
            index: None,
            ..self.clone()
        }
    }

    /// The index column, if one is set.
    pub fn index(&self) -> Option<&Column> {
        self.index.map(|i| &self.columns[i])
    }

    /// The position of the index column, if one is set.
    pub fn index_position(&self) -> Option<usize> {
        self.index
    }

    /// The cell at `row` of column `column`, owned; `None` when either is missing.
    pub fn value(&self, row: usize, column: &str) -> Option<Value> {
        (row < self.rows).then(|| self.column(column).map(|c| c.value(row)))?
    }

    /// The rows at `rows`, in that order (a copy of those rows only).
    ///
    /// # Panics
    /// When a row is out of range.
    #[must_use]
    pub fn take(&self, rows: &[usize]) -> Self {
        Self {
            columns: self.columns.iter().map(|c| c.take(rows)).collect(),
            rows: rows.len(),
            index: self.index,
        }
    }

    /// The rows for which `keep(row)` is true (a copy of those rows).
    ///
    /// ```
    /// use brook::table::Table;
    /// let t = Table::from_rows(&[1, 5, 2, 8])?;
    /// let big = t.filter(|row| t.columns()[0].f64(row).is_some_and(|v| v > 3.0));
    /// assert_eq!(big.num_rows(), 2);
    /// # Ok::<(), brook::table::TableError>(())
    /// ```
    #[must_use]
    pub fn filter(&self, keep: impl Fn(usize) -> bool) -> Self {
        let rows: Vec<usize> = (0..self.rows).filter(|&r| keep(r)).collect();
        self.take(&rows)
    }

    /// The first `n` rows.
    #[must_use]
    pub fn head(&self, n: usize) -> Self {
        let rows: Vec<usize> = (0..n.min(self.rows)).collect();
        self.take(&rows)
    }

    /// The columns named `names`, in that order (no copy of the data).
    pub fn select(&self, names: &[&str]) -> Result<Self, TableError> {
        let columns = names
            .iter()
            .map(|n| self.try_column(n).cloned())
            .collect::<Result<Vec<_>, _>>()?;
        let index = self
            .index()
            .and_then(|ix| names.iter().position(|n| *n == ix.name()));
        Ok(Self {
            columns: columns.into(),
            rows: self.rows,
            index,
        })
    }

    /// The same table with `column` added at the right, or replacing the
    /// column of that name.
    pub fn with_column(&self, column: Column) -> Result<Self, TableError> {
        let mut columns = self.columns.to_vec();
        match self.column_index(column.name()) {
            Some(i) => columns[i] = column,
            None => columns.push(column),
        }
        let mut t = Self::new(columns)?;
        t.index = self.index;
        Ok(t)
    }

    /// Row `row` as JSON (`{"column": value, ...}`), for tests and traces.
    pub fn row_json(&self, row: usize) -> serde_json::Value {
        let map: serde_json::Map<String, serde_json::Value> = self
            .columns
            .iter()
            .map(|c| {
                (
                    c.name().to_owned(),
                    serde_json::to_value(c.value(row)).unwrap_or_default(),
                )
            })
            .collect();
        serde_json::Value::Object(map)
    }

    /// The rows deserialised as `T` (each row read as a struct whose fields
    /// are the columns): the typed way back from a data editor.
    ///
    /// ```
    /// use brook::table::Table;
    /// #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    /// struct Item { name: String, qty: i64 }
    /// let items = vec![Item { name: "pen".into(), qty: 2 }];
    /// let t = Table::from_rows(&items)?;
    /// assert_eq!(t.to_rows::<Item>()?, items);
    /// # Ok::<(), brook::table::TableError>(())
    /// ```
    pub fn to_rows<T: serde::de::DeserializeOwned>(&self) -> Result<Vec<T>, TableError> {
        (0..self.rows)
            .map(|r| {
                serde_json::from_value(self.row_json(r))
                    .map_err(|e| TableError::Serialize(format!("row {r}: {e}")))
            })
            .collect()
    }
}
