//! One cell: [`Value`] (owned) and [`Cell`] (borrowed from a column), and the
//! [`DataType`] of a column.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::time::{Date, DateTime, Time};

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DataType {
    /// No value at all yet (every cell is missing).
    Null,
    /// 64-bit integers.
    Int,
    /// 64-bit floats.
    Float,
    /// Booleans.
    Bool,
    /// Text.
    Str,
    /// Calendar dates.
    Date,
    /// Dates with a time of day.
    DateTime,
    /// Times of day.
    Time,
}

impl DataType {
    /// The type's name in messages (`integer`, `float`, `string`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Int => "integer",
            Self::Float => "float",
            Self::Bool => "bool",
            Self::Str => "string",
            Self::Date => "date",
            Self::DateTime => "datetime",
            Self::Time => "time",
        }
    }

    /// True for integers and floats.
    pub fn is_numeric(self) -> bool {
        matches!(self, Self::Int | Self::Float)
    }

    /// True for dates, date-times and times.
    pub fn is_temporal(self) -> bool {
        matches!(self, Self::Date | Self::DateTime | Self::Time)
    }
}

impl fmt::Display for DataType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An owned cell value: what edits carry and what [`Table::value`](super::Table::value) returns.
///
/// Serialises as plain JSON (`null`, `true`, `3`, `2.5`, `"text"`; dates as
/// ISO strings). Read back, dates arrive as text and are turned into dates by
/// the column they are applied to ([`Value::coerce`]).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// A missing value.
    #[default]
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// Text.
    Str(String),
    /// A date.
    Date(Date),
    /// A date-time.
    DateTime(DateTime),
    /// A time of day.
    Time(Time),
}

/// A cell borrowed from a column: no allocation to read or show it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// A missing value.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// Text.
    Str(&'a str),
    /// A date.
    Date(Date),
    /// A date-time.
    DateTime(DateTime),
    /// A time of day.
    Time(Time),
}

impl Cell<'_> {
    /// An owned copy.
    pub fn to_value(self) -> Value {
        match self {
            Self::Null => Value::Null,
            Self::Bool(v) => Value::Bool(v),
            Self::Int(v) => Value::Int(v),
            Self::Float(v) => Value::Float(v),
            Self::Str(v) => Value::Str(v.to_owned()),
            Self::Date(v) => Value::Date(v),
            Self::DateTime(v) => Value::DateTime(v),
            Self::Time(v) => Value::Time(v),
        }
    }

    /// True for a missing value.
    pub fn is_null(self) -> bool {
        matches!(self, Self::Null)
    }

    /// The cell as a number (dates as days, date-times as seconds, times
    /// as seconds since midnight, booleans as 0/1); `None` for text and nulls.
    #[allow(clippy::cast_precision_loss)] // plotting: f64 is what the axis takes
    pub fn as_f64(self) -> Option<f64> {
        match self {
            Self::Int(v) => Some(v as f64),
            Self::Float(v) => Some(v),
            Self::Bool(v) => Some(if v { 1.0 } else { 0.0 }),
            Self::Date(d) => Some(f64::from(d.0)),
            Self::DateTime(t) => Some(t.seconds_f64()),
            Self::Time(t) => Some(t.0 as f64 / 1e6),
            Self::Null | Self::Str(_) => None,
        }
    }
}

impl fmt::Display for Cell<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Null => Ok(()),
            Self::Bool(v) => write!(f, "{v}"),
            Self::Int(v) => write!(f, "{v}"),
            Self::Float(v) => write!(f, "{v}"),
            Self::Str(v) => f.write_str(v),
            Self::Date(v) => write!(f, "{v}"),
            Self::DateTime(v) => write!(f, "{v}"),
            Self::Time(v) => write!(f, "{v}"),
        }
    }
}

impl Value {
    /// A borrowed view.
    pub fn as_cell(&self) -> Cell<'_> {
        match self {
            Self::Null => Cell::Null,
            Self::Bool(v) => Cell::Bool(*v),
            Self::Int(v) => Cell::Int(*v),
            Self::Float(v) => Cell::Float(*v),
            Self::Str(v) => Cell::Str(v),
            Self::Date(v) => Cell::Date(*v),
            Self::DateTime(v) => Cell::DateTime(*v),
            Self::Time(v) => Cell::Time(*v),
        }
    }

    /// The type this value has on its own (`Null` for a missing value).
    pub fn data_type(&self) -> DataType {
        match self {
            Self::Null => DataType::Null,
            Self::Bool(_) => DataType::Bool,
            Self::Int(_) => DataType::Int,
            Self::Float(_) => DataType::Float,
            Self::Str(_) => DataType::Str,
            Self::Date(_) => DataType::Date,
            Self::DateTime(_) => DataType::DateTime,
            Self::Time(_) => DataType::Time,
        }
    }

    /// This value as a cell of a `to` column: integers widen to floats,
    /// whole floats narrow to integers, text is parsed (numbers, `true` /
    /// `false`, ISO dates and times), anything becomes text in a text column.
    /// `None` when it cannot be one (`"abc"` in a number column).
    ///
    /// ```
    /// use brook::table::{DataType, Value};
    /// assert_eq!(Value::Str("2.5".into()).coerce(DataType::Float), Some(Value::Float(2.5)));
    /// assert_eq!(Value::Str("abc".into()).coerce(DataType::Int), None);
    /// assert_eq!(Value::Null.coerce(DataType::Int), Some(Value::Null));
    /// ```
    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
    pub fn coerce(&self, to: DataType) -> Option<Self> {
        use DataType as T;
        Some(match (self, to) {
            (Self::Null, _) => Self::Null,
            (v, T::Null) => v.clone(),
            (Self::Str(s), T::Str) => Self::Str(s.clone()),
            (v, T::Str) => Self::Str(v.as_cell().to_string()),
            (Self::Str(s), _) if s.trim().is_empty() => Self::Null,
            (Self::Int(v), T::Int) => Self::Int(*v),
            (Self::Float(v), T::Int) if v.fract() == 0.0 && v.abs() < 9.0e15 => {
                Self::Int(*v as i64)
            }
            (Self::Str(s), T::Int) => Self::Int(s.trim().parse().ok()?),
            (Self::Int(v), T::Float) => Self::Float(*v as f64),
            (Self::Float(v), T::Float) => Self::Float(*v),
            (Self::Str(s), T::Float) => Self::Float(s.trim().parse().ok()?),
            (Self::Bool(v), T::Bool) => Self::Bool(*v),
            (Self::Str(s), T::Bool) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" | "1" => Self::Bool(true),
                "false" | "no" | "0" => Self::Bool(false),
                _ => return None,
            },
            (Self::Date(d), T::Date) => Self::Date(*d),
            (Self::DateTime(t), T::Date) => Self::Date(t.date()),
            (Self::Str(s), T::Date) => Self::Date(s.parse().ok()?),
            (Self::DateTime(t), T::DateTime) => Self::DateTime(*t),
            (Self::Date(d), T::DateTime) => Self::DateTime(d.and_time(Time(0))),
            (Self::Str(s), T::DateTime) => Self::DateTime(
                s.parse()
                    .ok()
                    .or_else(|| s.parse::<Date>().ok().map(|d| d.and_time(Time(0))))?,
            ),
            (Self::Time(t), T::Time) => Self::Time(*t),
            (Self::Str(s), T::Time) => Self::Time(s.parse().ok()?),
            _ => return None,
        })
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_cell().fmt(f)
    }
}

macro_rules! value_from {
    ($($t:ty => $variant:ident $(as $cast:ty)?),* $(,)?) => {$(
        impl From<$t> for Value {
            fn from(v: $t) -> Self {
                Self::$variant(v $(as $cast)?)
            }
        }
    )*};
}

value_from!(
    bool => Bool, i8 => Int as i64, i16 => Int as i64, i32 => Int as i64, i64 => Int,
    u8 => Int as i64, u16 => Int as i64, u32 => Int as i64, f32 => Float as f64, f64 => Float,
    String => Str, Date => Date, DateTime => DateTime, Time => Time,
);

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Self::Str(v.to_owned())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Self::Null, Into::into)
    }
}
