//! Why data could not become a [`Table`](super::Table).

use super::value::DataType;

/// A conversion to a table that cannot work, naming the column and the type.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum TableError {
    /// A column holds values of two types.
    #[error(
        "column `{column}`: row {row} holds a {found} but the rows before it hold {expected} values. \
         A column holds one type: convert the values to one type, or use `Option<T>` for missing ones."
    )]
    MixedTypes {
        /// The column.
        column: String,
        /// The first row that does not fit.
        row: usize,
        /// What that row holds.
        found: DataType,
        /// What the column holds.
        expected: DataType,
    },

    /// A value a cell cannot hold (a nested struct, list or map).
    #[error(
        "column `{column}`: a table cell holds a number, bool, string, date or nothing, not {what}. \
         Flatten the field into columns (`#[serde(flatten)]`), skip it (`#[serde(skip)]`), or \
         turn it into a string."
    )]
    Unsupported {
        /// The column.
        column: String,
        /// What was found (`a list`, `a struct Address`, ...).
        what: String,
    },

    /// An integer too large for 64 bits.
    #[error(
        "column `{column}`: {value} does not fit a 64-bit signed integer. Store it as `f64` or as text."
    )]
    IntegerOverflow {
        /// The column.
        column: String,
        /// The value.
        value: u64,
    },

    /// Columns of different lengths.
    #[error(
        "column `{column}` has {len} values but column `{first}` has {expected}: every column of a table \
         has the same number of rows."
    )]
    LengthMismatch {
        /// The column whose length differs.
        column: String,
        /// Its length.
        len: usize,
        /// The first column.
        first: String,
        /// The first column's length.
        expected: usize,
    },

    /// Two columns with one name.
    #[error("two columns are named `{column}`: give every column its own name.")]
    DuplicateColumn {
        /// The name.
        column: String,
    },

    /// A column map whose value is not a list.
    #[error(
        "column `{column}` is a single value, not a list of values: a column map holds one list per \
         column (`vec![..]`)."
    )]
    NotAColumn {
        /// The column.
        column: String,
    },

    /// A column that is not there (EL-6's wording).
    #[error(
        "Data does not have a column named `\"{column}\"`. Available columns are `{available}`"
    )]
    UnknownColumn {
        /// The name asked for.
        column: String,
        /// The table's columns, comma-separated.
        available: String,
    },

    /// Rows of different shapes (a struct, then a number, ...).
    #[error(
        "row {row} is {found} but row 0 is {expected}: every item of the data must have the same shape."
    )]
    Shape {
        /// The first row of another shape.
        row: usize,
        /// Its shape.
        found: &'static str,
        /// The first row's shape.
        expected: &'static str,
    },

    /// Data that is not a table at all (a single number, a string).
    #[error(
        "cannot make a table from {what}: pass rows (a slice of structs, numbers or (x, y) pairs), \
         a column map (`BTreeMap`/`HashMap` of name to `Vec`), or `(name, Vec)` pairs."
    )]
    NotTabular {
        /// What was given.
        what: String,
    },

    /// A serializer error reported by the data's own `Serialize` impl.
    #[error("the data's `Serialize` implementation failed: {0}")]
    Serialize(String),

    /// A column configuration that does not fit its column.
    #[error("column `{column}`: {message}")]
    InvalidConfig {
        /// The column.
        column: String,
        /// What is wrong and what fits.
        message: String,
    },

    /// An edit that does not fit the data it edits.
    #[error("data editor: {message}")]
    InvalidEdit {
        /// What is wrong (row, column, value) and what fits.
        message: String,
    },

    /// A polars column of a type brook does not show.
    #[error(
        "column `{column}` has polars type {dtype}, which a brook table cannot hold: cast it to a \
         number, bool, string, date, datetime or time (`.cast(..)`)."
    )]
    UnsupportedPolars {
        /// The column.
        column: String,
        /// The polars type.
        dtype: String,
    },
}

impl TableError {
    pub(crate) fn unknown_column(column: &str, available: &[&str]) -> Self {
        Self::UnknownColumn {
            column: column.to_owned(),
            available: available.join(", "),
        }
    }
}

impl serde::ser::Error for TableError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Self::Serialize(msg.to_string())
    }
}

impl From<TableError> for crate::Error {
    fn from(e: TableError) -> Self {
        Self::Table(Box::new(e))
    }
}
