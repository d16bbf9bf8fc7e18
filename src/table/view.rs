//! The resolved view of a table the renderer draws ([`TableView`], one
//! [`ColumnView`] per shown column) and row selection.

use serde::{Deserialize, Serialize};

use super::config::{ColumnConfig, ColumnKind};
use super::value::{DataType, Value};
use super::{Table, TableError};

/// Selects row `row` in `rows` (sorted) or unselects it when it was
/// selected; `single` keeps at most one row.
///
/// ```
/// let mut rows = vec![1, 4];
/// brook::table::toggle_row(&mut rows, 2, false);
/// assert_eq!(rows, [1, 2, 4]);
/// brook::table::toggle_row(&mut rows, 4, false);
/// assert_eq!(rows, [1, 2]);
/// brook::table::toggle_row(&mut rows, 7, true);
/// assert_eq!(rows, [7]);
/// ```
pub fn toggle_row(rows: &mut Vec<usize>, row: usize, single: bool) {
    match rows.binary_search(&row) {
        Ok(i) => {
            rows.remove(i);
        }
        Err(_) if single => {
            rows.clear();
            rows.push(row);
        }
        Err(i) => rows.insert(i, row),
    }
}

/// Which rows a dataframe lets the user select (Streamlit's `selection_mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RowSelection {
    /// No selection: a view only.
    #[default]
    None,
    /// One row at a time (`"single-row"`).
    SingleRow,
    /// Any number of rows (`"multi-row"`).
    MultiRow,
}

/// One shown column, resolved: the renderer draws exactly this.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnView {
    /// Position of the column in the table.
    pub column: usize,
    /// Header text.
    pub label: String,
    /// How cells are shown.
    pub kind: ColumnKind,
    /// Initial width in points (`None`: sized to the content).
    pub width: Option<f32>,
    /// Header tooltip.
    pub help: Option<String>,
    /// Not editable in a data editor.
    pub disabled: bool,
    /// A new row must fill it.
    pub required: bool,
}

impl ColumnView {
    /// Text typed into a cell of this column (of type `dtype`) as a value
    /// that fits it: parsed, within `min` / `max`, not longer than
    /// `max_chars`; empty is a missing value, refused in a `required`
    /// column. The error says what is wrong.
    ///
    /// ```
    /// use brook::table::{ColumnConfig, DataType, Table, Value};
    /// let t = Table::from_rows(&[1.5])?;
    /// # let view = brook::tree::TableView::__view_for_doc(&t, ColumnConfig::number().min(0.0));
    /// let col = &view.columns[0];
    /// assert_eq!(col.parse_input("2.5", DataType::Float), Ok(Value::Float(2.5)));
    /// assert!(col.parse_input("-1", DataType::Float).is_err());
    /// assert!(col.parse_input("abc", DataType::Float).is_err());
    /// # Ok::<(), brook::table::TableError>(())
    /// ```
    pub fn parse_input(&self, text: &str, dtype: DataType) -> Result<Value, String> {
        let v = if text.trim().is_empty() && dtype != DataType::Str {
            Value::Null
        } else {
            Value::Str(text.to_owned())
                .coerce(dtype)
                .ok_or_else(|| format!("{text:?} is not a {} value", dtype.name()))?
        };
        if self.required && super::pending::is_missing(Some(&v)) {
            return Err(format!("{} is required: enter a value", self.label));
        }
        match (&self.kind, &v) {
            (ColumnKind::Number { min, max, .. }, Value::Int(_) | Value::Float(_)) => {
                let x = v.as_cell().as_f64().unwrap_or(0.0);
                if let Some(min) = min
                    && x < *min
                {
                    return Err(format!("{x} is less than the minimum {min}"));
                }
                if let Some(max) = max
                    && x > *max
                {
                    return Err(format!("{x} is greater than the maximum {max}"));
                }
            }
            (ColumnKind::Text { max_chars: Some(n) }, Value::Str(s)) if s.chars().count() > *n => {
                return Err(format!("longer than {n} characters"));
            }
            _ => {}
        }
        Ok(v)
    }
}

/// A table as a page shows it: the data (shared) and how to draw it. The
/// payload of `st.dataframe`, `st.table` and `st.data_editor` elements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableView {
    /// The data.
    pub table: Table,
    /// The shown columns, left to right (hidden ones left out; the index
    /// column is drawn separately).
    pub columns: Vec<ColumnView>,
    /// Hide the index column (or the row numbers when there is none).
    pub hide_index: bool,
    /// Height in points (`None`: up to ten rows, then scroll).
    pub height: Option<f32>,
    /// Row selection (dataframes).
    pub selection: RowSelection,
    /// Cells are editable (data editors).
    pub editable: bool,
    /// Rows can be added and deleted (`num_rows = "dynamic"`).
    pub dynamic_rows: bool,
}

impl TableView {
    /// A view of `table` whose first column has `config` (doc-tests only).
    #[doc(hidden)]
    pub fn __view_for_doc(table: &Table, config: ColumnConfig) -> Self {
        let name = table
            .columns()
            .first()
            .map(|c| c.name().to_owned())
            .unwrap_or_default();
        match Self::build(table.clone(), &[(name, config)], None) {
            Ok(v) => v,
            Err(e) => panic!("{e}"),
        }
    }

    /// The view of `table` with `configs` (column name → config), in
    /// `order` when given. Unknown column names are EL-6's error.
    pub(crate) fn build(
        table: Table,
        configs: &[(String, ColumnConfig)],
        order: Option<&[String]>,
    ) -> Result<Self, TableError> {
        let names = table.column_names();
        for (name, _) in configs {
            if !names.contains(&name.as_str()) {
                return Err(TableError::unknown_column(name, &names));
            }
        }
        let default = ColumnConfig::default();
        let config = |name: &str| {
            configs
                .iter()
                .rev()
                .find(|(n, _)| n == name)
                .map_or(&default, |(_, c)| c)
        };
        let positions: Vec<usize> = match order {
            Some(order) => order
                .iter()
                .map(|n| {
                    table
                        .column_index(n)
                        .ok_or_else(|| TableError::unknown_column(n, &names))
                })
                .collect::<Result<_, _>>()?,
            None => (0..table.num_columns())
                .filter(|&i| Some(i) != table.index_position())
                .collect(),
        };
        let columns = positions
            .into_iter()
            .filter(|&i| !config(table.columns()[i].name()).is_hidden())
            .map(|i| config(table.columns()[i].name()).resolve(&table, i))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            table,
            columns,
            hide_index: false,
            height: None,
            selection: RowSelection::None,
            editable: false,
            dynamic_rows: false,
        })
    }
}
