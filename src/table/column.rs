//! One named, typed column with shared buffers.

use std::sync::Arc;

use super::time::{Date, DateTime, Time};
use super::value::{Cell, DataType, Value};

/// The values of a column, one shared buffer per type. Cloning copies
/// nothing but a reference count.
#[derive(Debug, Clone)]
pub enum ColumnData {
    /// Every cell is missing (a column of `None`s); holds the length.
    Null(usize),
    /// Integers.
    Int(Arc<[i64]>),
    /// Floats.
    Float(Arc<[f64]>),
    /// Booleans.
    Bool(Arc<[bool]>),
    /// Text.
    Str(Arc<[String]>),
    /// Dates.
    Date(Arc<[Date]>),
    /// Date-times.
    DateTime(Arc<[DateTime]>),
    /// Times of day.
    Time(Arc<[Time]>),
}

impl ColumnData {
    /// Number of cells.
    pub fn len(&self) -> usize {
        match self {
            Self::Null(n) => *n,
            Self::Int(v) => v.len(),
            Self::Float(v) => v.len(),
            Self::Bool(v) => v.len(),
            Self::Str(v) => v.len(),
            Self::Date(v) => v.len(),
            Self::DateTime(v) => v.len(),
            Self::Time(v) => v.len(),
        }
    }

    /// True when there are no cells.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The type of the values.
    pub fn data_type(&self) -> DataType {
        match self {
            Self::Null(_) => DataType::Null,
            Self::Int(_) => DataType::Int,
            Self::Float(_) => DataType::Float,
            Self::Bool(_) => DataType::Bool,
            Self::Str(_) => DataType::Str,
            Self::Date(_) => DataType::Date,
            Self::DateTime(_) => DataType::DateTime,
            Self::Time(_) => DataType::Time,
        }
    }

    fn same_buffer(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Null(a), Self::Null(b)) => a == b,
            (Self::Int(a), Self::Int(b)) => Arc::ptr_eq(a, b),
            (Self::Float(a), Self::Float(b)) => Arc::ptr_eq(a, b),
            (Self::Bool(a), Self::Bool(b)) => Arc::ptr_eq(a, b),
            (Self::Str(a), Self::Str(b)) => Arc::ptr_eq(a, b),
            (Self::Date(a), Self::Date(b)) => Arc::ptr_eq(a, b),
            (Self::DateTime(a), Self::DateTime(b)) => Arc::ptr_eq(a, b),
            (Self::Time(a), Self::Time(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// A named column: typed values plus which of them are present.
///
/// ```
/// use brook::table::{Column, DataType, Value};
/// let c = Column::new("score", vec![Some(1.5), None, Some(3.0)]);
/// assert_eq!(c.data_type(), DataType::Float);
/// assert_eq!(c.value(1), Value::Null);
/// assert_eq!(c.f64(2), Some(3.0));
/// ```
#[derive(Debug, Clone)]
pub struct Column {
    name: Arc<str>,
    data: ColumnData,
    /// `None`: every value is present.
    valid: Option<Arc<[bool]>>,
}

impl PartialEq for Column {
    fn eq(&self, other: &Self) -> bool {
        if self.name != other.name || self.len() != other.len() {
            return false;
        }
        let same_valid = match (&self.valid, &other.valid) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        if same_valid && self.data.same_buffer(&other.data) {
            return true;
        }
        (0..self.len()).all(|i| self.cell(i) == other.cell(i))
    }
}

/// Values a [`Column::new`] can hold: numbers, booleans, text, dates and
/// times, and `Option`s of them for missing values.
pub trait ColumnValue {
    /// Builds the column data (and the validity mask when some are missing).
    fn build(values: Vec<Self>) -> (ColumnData, Option<Vec<bool>>)
    where
        Self: Sized;
}

macro_rules! column_value {
    ($($t:ty => $variant:ident $(as $cast:ty)?),* $(,)?) => {$(
        impl ColumnValue for $t {
            fn build(values: Vec<Self>) -> (ColumnData, Option<Vec<bool>>) {
                #[allow(clippy::cast_lossless)]
                let data = values.into_iter().map(|v| v $(as $cast)?).collect::<Vec<_>>();
                (ColumnData::$variant(data.into()), None)
            }
        }
        impl ColumnValue for Option<$t> {
            fn build(values: Vec<Self>) -> (ColumnData, Option<Vec<bool>>) {
                let valid: Vec<bool> = values.iter().map(Option::is_some).collect();
                #[allow(clippy::cast_lossless)]
                let data = values
                    .into_iter()
                    .map(|v| v.unwrap_or_default() $(as $cast)?)
                    .collect::<Vec<_>>();
                let all = valid.iter().all(|v| *v);
                (ColumnData::$variant(data.into()), (!all).then_some(valid))
            }
        }
    )*};
}

column_value!(
    i8 => Int as i64, i16 => Int as i64, i32 => Int as i64, i64 => Int,
    u8 => Int as i64, u16 => Int as i64, u32 => Int as i64,
    f32 => Float as f64, f64 => Float, bool => Bool, String => Str,
    Date => Date, DateTime => DateTime, Time => Time,
);

impl ColumnValue for &str {
    fn build(values: Vec<Self>) -> (ColumnData, Option<Vec<bool>>) {
        let data: Vec<String> = values.into_iter().map(str::to_owned).collect();
        (ColumnData::Str(data.into()), None)
    }
}

impl Column {
    /// A column from typed values (`Option`s for missing ones).
    pub fn new<T: ColumnValue>(name: impl Into<String>, values: Vec<T>) -> Self {
        let (data, valid) = T::build(values);
        Self::from_parts(name, data, valid)
    }

    /// A column from its buffers; `valid[i] == false` marks cell `i` missing.
    ///
    /// # Panics
    /// When `valid` is not as long as `data`: that is a bug in the caller.
    pub fn from_parts(name: impl Into<String>, data: ColumnData, valid: Option<Vec<bool>>) -> Self {
        if let Some(v) = &valid {
            assert_eq!(v.len(), data.len(), "validity mask length");
        }
        let valid = valid.filter(|v| v.iter().any(|ok| !ok)).map(Arc::from);
        Self {
            name: Arc::from(name.into()),
            data,
            valid,
        }
    }

    /// The column's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The same values under another name (no copy).
    #[must_use]
    pub fn renamed(&self, name: impl Into<String>) -> Self {
        Self {
            name: Arc::from(name.into()),
            ..self.clone()
        }
    }

    /// The values' buffers.
    pub fn data(&self) -> &ColumnData {
        &self.data
    }

    /// The values' type.
    pub fn data_type(&self) -> DataType {
        self.data.data_type()
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// True when the column has no cells.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when cell `row` is missing (or out of range).
    #[inline]
    pub fn is_null(&self, row: usize) -> bool {
        row >= self.len()
            || matches!(self.data, ColumnData::Null(_))
            || self.valid.as_ref().is_some_and(|v| !v[row])
    }

    /// Number of missing cells.
    pub fn null_count(&self) -> usize {
        match (&self.data, &self.valid) {
            (ColumnData::Null(n), _) => *n,
            (_, Some(v)) => v.iter().filter(|ok| !**ok).count(),
            (_, None) => 0,
        }
    }

    /// Cell `row`, borrowed; [`Cell::Null`] when missing or out of range.
    #[inline]
    pub fn cell(&self, row: usize) -> Cell<'_> {
        if self.is_null(row) {
            return Cell::Null;
        }
        match &self.data {
            ColumnData::Null(_) => Cell::Null,
            ColumnData::Int(v) => Cell::Int(v[row]),
            ColumnData::Float(v) => Cell::Float(v[row]),
            ColumnData::Bool(v) => Cell::Bool(v[row]),
            ColumnData::Str(v) => Cell::Str(&v[row]),
            ColumnData::Date(v) => Cell::Date(v[row]),
            ColumnData::DateTime(v) => Cell::DateTime(v[row]),
            ColumnData::Time(v) => Cell::Time(v[row]),
        }
    }

    /// Cell `row`, owned.
    pub fn value(&self, row: usize) -> Value {
        self.cell(row).to_value()
    }

    /// Cell `row` as a number ([`Cell::as_f64`]).
    #[inline]
    pub fn f64(&self, row: usize) -> Option<f64> {
        self.cell(row).as_f64()
    }

    /// The cells at `rows`, in that order (a copy of those rows only).
    #[must_use]
    pub fn take(&self, rows: &[usize]) -> Self {
        fn pick<T: Clone>(v: &[T], rows: &[usize]) -> Arc<[T]> {
            rows.iter().map(|&r| v[r].clone()).collect()
        }
        let data = match &self.data {
            ColumnData::Null(_) => ColumnData::Null(rows.len()),
            ColumnData::Int(v) => ColumnData::Int(pick(v, rows)),
            ColumnData::Float(v) => ColumnData::Float(pick(v, rows)),
            ColumnData::Bool(v) => ColumnData::Bool(pick(v, rows)),
            ColumnData::Str(v) => ColumnData::Str(pick(v, rows)),
            ColumnData::Date(v) => ColumnData::Date(pick(v, rows)),
            ColumnData::DateTime(v) => ColumnData::DateTime(pick(v, rows)),
            ColumnData::Time(v) => ColumnData::Time(pick(v, rows)),
        };
        let valid = self
            .valid
            .as_ref()
            .map(|v| rows.iter().map(|&r| v[r]).collect::<Vec<bool>>());
        Self::from_parts(self.name.to_string(), data, valid)
    }

    /// Every cell as an owned value (for edits and small tables).
    pub fn values(&self) -> Vec<Value> {
        (0..self.len()).map(|i| self.value(i)).collect()
    }

    /// The column built from owned values of type `dtype` (each coerced);
    /// the position of the first value that does not fit is the error.
    pub(crate) fn from_values(
        name: &str,
        dtype: DataType,
        values: &[Value],
    ) -> Result<Self, usize> {
        let mut b = super::build::ColumnBuilder::typed(name, dtype, values.len());
        for (i, v) in values.iter().enumerate() {
            let v = v.coerce(dtype).ok_or(i)?;
            b.push(v).map_err(|_| i)?;
        }
        Ok(b.finish_exact())
    }
}
