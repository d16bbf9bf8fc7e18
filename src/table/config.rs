//! How a table is shown: per-column configuration (Streamlit's
//! `st.column_config`); the resolved view the renderer draws is in `view.rs`.

use serde::{Deserialize, Serialize};

use super::format::NumberFormat;
use super::value::DataType;
use super::view::ColumnView;
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

    /// In a data editor: a new row must fill this column (Streamlit's
    /// `required=True`). A row added with this cell empty stays in the
    /// editor, marked as incomplete, and reaches the page only once every
    /// required cell has a value; emptying the cell of a row is refused. So
    /// the edited table never has a missing value in this column.
    ///
    /// ```
    /// use brook::prelude::*;
    /// use brook::table::Value;
    /// fn page(st: &mut St) {
    ///     let t = st.add(
    ///         DataEditor::new(&[("pen", 1.5)]) // columns x (the index) and y
    ///             .key("shop")
    ///             .num_rows(NumRows::Dynamic)
    ///             .column_config("y", ColumnConfig::number().label("Price").required(true)),
    ///     );
    ///     st.text(format!("{} rows", t.num_rows()));
    /// }
    /// let mut at = brook::testing::AppTest::new(page);
    /// at.run();
    /// // A user cannot commit a row without its price: neither can a test.
    /// let refused = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
    ///     at.add_row("shop", [("x", Value::from("ink"))]);
    /// }));
    /// assert!(refused.is_err());
    /// at.add_row("shop", [("x", Value::from("ink")), ("y", Value::Float(4.0))]).run();
    /// assert_eq!(at.texts(), ["2 rows"]);
    /// ```
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
