//! How a table is shown: per-column configuration (Streamlit's
//! `st.column_config`) and the resolved view the renderer draws.

use serde::{Deserialize, Serialize};

use super::format::NumberFormat;
use super::value::{DataType, Value};
use super::{Table, TableError};

/// How a column's cells are shown (and edited in a data editor).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ColumnKind {
    /// Text (`TextColumn`).
    Text {
        /// Longest text a data editor accepts.
        max_chars: Option<usize>,
    },
    /// Numbers (`NumberColumn`), right-aligned.
    Number {
        /// How to show them (default: integers as they are, floats with up
        /// to four decimals).
        format: Option<NumberFormat>,
        /// Smallest value a data editor accepts.
        min: Option<f64>,
        /// Largest value a data editor accepts.
        max: Option<f64>,
        /// Step a data editor rounds to.
        step: Option<f64>,
    },
    /// A checkbox per cell (`CheckboxColumn`).
    Checkbox,
    /// A progress bar per cell (`ProgressColumn`), between `min` and `max`.
    Progress {
        /// The label's format.
        format: Option<NumberFormat>,
        /// The empty bar's value.
        min: f64,
        /// The full bar's value.
        max: f64,
    },
    /// A clickable URL (`LinkColumn`).
    Link {
        /// Text shown instead of the URL.
        display_text: Option<String>,
    },
    /// Dates, date-times or times (`DateColumn`, `DatetimeColumn`, `TimeColumn`).
    Date {
        /// strftime-style (`%b %d, %Y`), `"iso8601"` or `"localized"`.
        format: Option<String>,
    },
}

impl ColumnKind {
    /// The kind a column of `dtype` gets when none is configured.
    pub fn for_type(dtype: DataType) -> Self {
        match dtype {
            DataType::Int | DataType::Float => Self::Number {
                format: None,
                min: None,
                max: None,
                step: None,
            },
            DataType::Bool => Self::Checkbox,
            DataType::Date | DataType::DateTime | DataType::Time => Self::Date { format: None },
            DataType::Str | DataType::Null => Self::Text { max_chars: None },
        }
    }

    /// Streamlit's name for the kind.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Text { .. } => "text",
            Self::Number { .. } => "number",
            Self::Checkbox => "checkbox",
            Self::Progress { .. } => "progress",
            Self::Link { .. } => "link",
            Self::Date { .. } => "date",
        }
    }
}

/// A column's width.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum ColumnWidth {
    /// 75 points.
    Small,
    /// 200 points.
    Medium,
    /// 400 points.
    Large,
    /// This many points.
    Points(f32),
}

impl ColumnWidth {
    /// In points.
    pub fn points(self) -> f32 {
        match self {
            Self::Small => 75.0,
            Self::Medium => 200.0,
            Self::Large => 400.0,
            Self::Points(p) => p.max(20.0),
        }
    }
}

/// How a column is shown: `ColumnConfig::number().label("Price").format("$%.2f")`
/// (Streamlit's `st.column_config.NumberColumn("Price", format="$%.2f")`).
///
/// ```
/// use brook::table::ColumnConfig;
/// # brook::__doc_page(|st| {
/// let data = vec![("Pen", 1.5, 0.3), ("Ink", 12.0, 0.9)];
/// st.add(brook::Dataframe::new(&data)
///     .column_config("0", ColumnConfig::text().label("Item"))
///     .column_config("1", ColumnConfig::number().label("Price").format("$%.2f"))
///     .column_config("2", ColumnConfig::progress().label("Stock").help("share left")));
/// # Ok(()) });
/// ```
#[must_use = "pass it to `.column_config(name, config)`"]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColumnConfig {
    kind: Option<KindSpec>,
    label: Option<String>,
    width: Option<ColumnWidth>,
    help: Option<String>,
    hidden: bool,
    disabled: bool,
    required: bool,
    format: Option<String>,
    min: Option<f64>,
    max: Option<f64>,
    step: Option<f64>,
    display_text: Option<String>,
    max_chars: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum KindSpec {
    Text,
    Number,
    Checkbox,
    Progress,
    Link,
    Date,
}

impl ColumnConfig {
    /// Keeps the kind the column's type implies; set label, width, help, ...
    pub fn auto() -> Self {
        Self::default()
    }

    fn kind(kind: KindSpec) -> Self {
        Self {
            kind: Some(kind),
            ..Self::default()
        }
    }

    /// Text (`TextColumn`).
    pub fn text() -> Self {
        Self::kind(KindSpec::Text)
    }

    /// Numbers (`NumberColumn`): see [`format`](Self::format).
    pub fn number() -> Self {
        Self::kind(KindSpec::Number)
    }

    /// A checkbox per cell (`CheckboxColumn`).
    pub fn checkbox() -> Self {
        Self::kind(KindSpec::Checkbox)
    }

    /// A progress bar per cell (`ProgressColumn`), from 0 to 1 unless
    /// [`min`](Self::min) / [`max`](Self::max) say otherwise.
    pub fn progress() -> Self {
        Self::kind(KindSpec::Progress)
    }

    /// A clickable URL (`LinkColumn`).
    pub fn link() -> Self {
        Self::kind(KindSpec::Link)
    }

    /// Dates, date-times or times (`DateColumn`): see [`format`](Self::format).
    pub fn date() -> Self {
        Self::kind(KindSpec::Date)
    }

    /// Hides the column (Streamlit's `column_config={"col": None}`).
    pub fn hidden() -> Self {
        Self {
            hidden: true,
            ..Self::default()
        }
    }

    /// The header text (default: the column's name).
    #[inline]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// The column's width.
    #[inline]
    pub fn width(mut self, width: ColumnWidth) -> Self {
        self.width = Some(width);
        self
    }

    /// A tooltip on the header.
    #[inline]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Hides (or shows) the column.
    #[inline]
    pub fn hide(mut self, hidden: bool) -> Self {
        self.hidden = hidden;
        self
    }

    /// In a data editor: the column cannot be edited.
    #[inline]
    pub fn disabled(mut self, disabled: bool) -> Self {
        self.disabled = disabled;
        self
    }

    /// In a data editor: a new row must fill this column.
    #[inline]
    pub fn required(mut self, required: bool) -> Self {
        self.required = required;
        self
    }

    /// Numbers and progress bars: a [`NumberFormat`] (`"%.2f"`, `"$%d"`,
    /// `"percent"`, `"compact"`, ...); dates: strftime-style (`"%b %d, %Y"`),
    /// `"iso8601"` or `"localized"`.
    #[inline]
    pub fn format(mut self, format: impl Into<String>) -> Self {
        self.format = Some(format.into());
        self
    }

    /// Numbers: the smallest value an editor accepts; progress: the empty bar.
    #[inline]
    pub fn min(mut self, min: f64) -> Self {
        self.min = Some(min);
        self
    }

    /// Numbers: the largest value an editor accepts; progress: the full bar.
    #[inline]
    pub fn max(mut self, max: f64) -> Self {
        self.max = Some(max);
        self
    }

    /// Numbers: the step an editor rounds to.
    #[inline]
    pub fn step(mut self, step: f64) -> Self {
        self.step = Some(step);
        self
    }

    /// Links: the text shown instead of the URL.
    #[inline]
    pub fn display_text(mut self, text: impl Into<String>) -> Self {
        self.display_text = Some(text.into());
        self
    }

    /// Text: the longest text an editor accepts.
    #[inline]
    pub fn max_chars(mut self, n: usize) -> Self {
        self.max_chars = Some(n);
        self
    }

    fn number_format(&self, column: &str) -> Result<Option<NumberFormat>, TableError> {
        self.format
            .as_deref()
            .map(|f| {
                NumberFormat::parse(f).map_err(|e| TableError::InvalidConfig {
                    column: column.to_owned(),
                    message: e,
                })
            })
            .transpose()
    }

    /// The view of column `index` of `table` with this configuration.
    pub(crate) fn resolve(&self, table: &Table, index: usize) -> Result<ColumnView, TableError> {
        let column = &table.columns()[index];
        let name = column.name();
        let dtype = column.data_type();
        let mismatch = |kind: &str| TableError::InvalidConfig {
            column: name.to_owned(),
            message: format!(
                "a {kind} column shows {}, but this column holds {dtype} values",
                match kind {
                    "checkbox" => "booleans",
                    "date" => "dates, date-times or times",
                    _ => "numbers",
                }
            ),
        };
        let kind = match self.kind {
            None => match ColumnKind::for_type(dtype) {
                ColumnKind::Number { .. } => ColumnKind::Number {
                    format: self.number_format(name)?,
                    min: self.min,
                    max: self.max,
                    step: self.step,
                },
                ColumnKind::Date { .. } => ColumnKind::Date {
                    format: self.format.clone(),
                },
                ColumnKind::Text { .. } => ColumnKind::Text {
                    max_chars: self.max_chars,
                },
                other => other,
            },
            Some(KindSpec::Text) => ColumnKind::Text {
                max_chars: self.max_chars,
            },
            Some(KindSpec::Number) => {
                if !dtype.is_numeric() && dtype != DataType::Null {
                    return Err(mismatch("number"));
                }
                ColumnKind::Number {
                    format: self.number_format(name)?,
                    min: self.min,
                    max: self.max,
                    step: self.step,
                }
            }
            Some(KindSpec::Checkbox) => {
                if !matches!(dtype, DataType::Bool | DataType::Null) {
                    return Err(mismatch("checkbox"));
                }
                ColumnKind::Checkbox
            }
            Some(KindSpec::Progress) => {
                if !dtype.is_numeric() && dtype != DataType::Null {
                    return Err(mismatch("progress"));
                }
                let (min, max) = (self.min.unwrap_or(0.0), self.max.unwrap_or(1.0));
                if min.partial_cmp(&max) != Some(std::cmp::Ordering::Less) {
                    return Err(TableError::InvalidConfig {
                        column: name.to_owned(),
                        message: format!(
                            "a progress column needs min < max, got min {min} and max {max}"
                        ),
                    });
                }
                ColumnKind::Progress {
                    format: self.number_format(name)?,
                    min,
                    max,
                }
            }
            Some(KindSpec::Link) => ColumnKind::Link {
                display_text: self.display_text.clone(),
            },
            Some(KindSpec::Date) => {
                if !dtype.is_temporal() && dtype != DataType::Null {
                    return Err(mismatch("date"));
                }
                ColumnKind::Date {
                    format: self.format.clone(),
                }
            }
        };
        Ok(ColumnView {
            column: index,
            label: self.label.clone().unwrap_or_else(|| name.to_owned()),
            kind,
            width: self.width.map(ColumnWidth::points),
            help: self.help.clone(),
            disabled: self.disabled,
            required: self.required,
        })
    }

    /// True when the column is hidden.
    pub(crate) fn is_hidden(&self) -> bool {
        self.hidden
    }
}

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
    /// `max_chars`; empty is a missing value. The error says what is wrong.
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
