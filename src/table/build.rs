//! Growing a column one value at a time, as conversions read their input.

use super::column::{Column, ColumnData};
use super::time::{Date, DateTime, Time};
use super::value::{DataType, Value};

/// A value that does not fit the column being built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mismatch {
    pub(crate) found: DataType,
    pub(crate) expected: DataType,
}

enum Buf {
    Empty,
    Int(Vec<i64>),
    Float(Vec<f64>),
    Bool(Vec<bool>),
    Str(Vec<String>),
    Date(Vec<Date>),
    DateTime(Vec<DateTime>),
    Time(Vec<Time>),
}

impl Buf {
    fn with_type(dtype: DataType, capacity: usize) -> Self {
        match dtype {
            DataType::Null => Self::Empty,
            DataType::Int => Self::Int(Vec::with_capacity(capacity)),
            DataType::Float => Self::Float(Vec::with_capacity(capacity)),
            DataType::Bool => Self::Bool(Vec::with_capacity(capacity)),
            DataType::Str => Self::Str(Vec::with_capacity(capacity)),
            DataType::Date => Self::Date(Vec::with_capacity(capacity)),
            DataType::DateTime => Self::DateTime(Vec::with_capacity(capacity)),
            DataType::Time => Self::Time(Vec::with_capacity(capacity)),
        }
    }

    fn data_type(&self) -> DataType {
        match self {
            Self::Empty => DataType::Null,
            Self::Int(_) => DataType::Int,
            Self::Float(_) => DataType::Float,
            Self::Bool(_) => DataType::Bool,
            Self::Str(_) => DataType::Str,
            Self::Date(_) => DataType::Date,
            Self::DateTime(_) => DataType::DateTime,
            Self::Time(_) => DataType::Time,
        }
    }

    fn push_default(&mut self) {
        match self {
            Self::Empty => {}
            Self::Int(v) => v.push(0),
            Self::Float(v) => v.push(0.0),
            Self::Bool(v) => v.push(false),
            Self::Str(v) => v.push(String::new()),
            Self::Date(v) => v.push(Date::default()),
            Self::DateTime(v) => v.push(DateTime::default()),
            Self::Time(v) => v.push(Time::default()),
        }
    }
}

/// Builds one column. Integers and floats mix (the column becomes float, as
/// pandas does); any other mix is a [`Mismatch`].
pub(crate) struct ColumnBuilder {
    pub(crate) name: String,
    buf: Buf,
    /// Created at the first missing value.
    valid: Option<Vec<bool>>,
    len: usize,
    /// A typed builder never changes type (edits, `from_values`).
    fixed: bool,
}

impl ColumnBuilder {
    /// A builder that takes its type from the first value.
    pub(crate) fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            buf: Buf::Empty,
            valid: None,
            len: 0,
            fixed: false,
        }
    }

    /// A builder of type `dtype`.
    pub(crate) fn typed(name: impl Into<String>, dtype: DataType, capacity: usize) -> Self {
        Self {
            name: name.into(),
            buf: Buf::with_type(dtype, capacity),
            valid: None,
            len: 0,
            fixed: dtype != DataType::Null,
        }
    }

    /// Number of values pushed.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Appends a missing value.
    pub(crate) fn push_null(&mut self) {
        let len = self.len;
        self.valid
            .get_or_insert_with(|| vec![true; len])
            .push(false);
        self.buf.push_default();
        self.len += 1;
    }

    /// Pads with missing values up to `len`.
    pub(crate) fn pad_to(&mut self, len: usize) {
        while self.len < len {
            self.push_null();
        }
    }

    /// Appends `value`.
    #[allow(clippy::cast_precision_loss)] // an integer in a float column is a float (pandas)
    pub(crate) fn push(&mut self, value: Value) -> Result<(), Mismatch> {
        if let Value::Null = value {
            self.push_null();
            return Ok(());
        }
        if let Buf::Empty = self.buf {
            // The first value fixes the type; earlier missing values get a slot.
            self.buf = Buf::with_type(value.data_type(), self.len + 1);
            for _ in 0..self.len {
                self.buf.push_default();
            }
        }
        match (&mut self.buf, value) {
            (Buf::Int(v), Value::Int(x)) => v.push(x),
            (Buf::Float(v), Value::Float(x)) => v.push(x),
            (Buf::Float(v), Value::Int(x)) => v.push(x as f64),
            (Buf::Int(v), Value::Float(x)) if !self.fixed => {
                let mut floats: Vec<f64> = v.iter().map(|&i| i as f64).collect();
                floats.push(x);
                self.buf = Buf::Float(floats);
            }
            (Buf::Bool(v), Value::Bool(x)) => v.push(x),
            (Buf::Str(v), Value::Str(x)) => v.push(x),
            (Buf::Date(v), Value::Date(x)) => v.push(x),
            (Buf::DateTime(v), Value::DateTime(x)) => v.push(x),
            (Buf::Time(v), Value::Time(x)) => v.push(x),
            (buf, other) => {
                return Err(Mismatch {
                    found: other.data_type(),
                    expected: buf.data_type(),
                });
            }
        }
        if let Some(valid) = &mut self.valid {
            valid.push(true);
        }
        self.len += 1;
        Ok(())
    }

    /// The column, as built.
    pub(crate) fn finish_exact(self) -> Column {
        let data = match self.buf {
            Buf::Empty => ColumnData::Null(self.len),
            Buf::Int(v) => ColumnData::Int(v.into()),
            Buf::Float(v) => ColumnData::Float(v.into()),
            Buf::Bool(v) => ColumnData::Bool(v.into()),
            Buf::Str(v) => ColumnData::Str(v.into()),
            Buf::Date(v) => ColumnData::Date(v.into()),
            Buf::DateTime(v) => ColumnData::DateTime(v.into()),
            Buf::Time(v) => ColumnData::Time(v.into()),
        };
        Column::from_parts(self.name, data, self.valid)
    }

    /// The column; a text column whose every present value reads as an ISO
    /// date, date-time or time becomes that type (how `chrono` and other
    /// date types serialise).
    pub(crate) fn finish(mut self) -> Column {
        if let Buf::Str(strings) = &self.buf {
            let valid = self.valid.as_deref();
            let present = || {
                strings
                    .iter()
                    .enumerate()
                    .filter(move |(i, _)| valid.is_none_or(|v| v[*i]))
                    .map(|(_, s)| s.as_str())
            };
            if present().next().is_some() && !self.fixed {
                fn all<T: std::str::FromStr + Default>(
                    strings: &[String],
                    valid: Option<&[bool]>,
                ) -> Option<Vec<T>> {
                    strings
                        .iter()
                        .enumerate()
                        .map(|(i, s)| {
                            if valid.is_some_and(|v| !v[i]) {
                                Some(T::default())
                            } else {
                                s.parse().ok()
                            }
                        })
                        .collect()
                }
                // Cheap pre-check on the first value before parsing them all.
                let first = present().next().unwrap_or_default();
                let looks_temporal = first.len() >= 5
                    && first.as_bytes()[..2].iter().all(u8::is_ascii_digit)
                    && matches!(first.as_bytes()[2], b':' | b'0'..=b'9');
                if looks_temporal {
                    if let Some(d) = all::<Date>(strings, valid) {
                        self.buf = Buf::Date(d);
                    } else if let Some(t) = all::<DateTime>(strings, valid) {
                        self.buf = Buf::DateTime(t);
                    } else if let Some(t) = all::<Time>(strings, valid) {
                        self.buf = Buf::Time(t);
                    }
                }
            }
        }
        self.finish_exact()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_and_floats_mix_into_floats_and_nulls_keep_their_place() {
        let mut b = ColumnBuilder::new("x");
        b.push_null();
        b.push(Value::Int(2)).expect("int");
        b.push(Value::Float(2.5)).expect("float widens");
        let c = b.finish();
        assert_eq!(c.data_type(), DataType::Float);
        assert_eq!(
            c.values(),
            [Value::Null, Value::Float(2.0), Value::Float(2.5)]
        );
    }

    #[test]
    fn text_after_numbers_is_a_mismatch() {
        let mut b = ColumnBuilder::new("x");
        b.push(Value::Int(1)).expect("int");
        let e = b.push(Value::Str("a".into())).expect_err("mismatch");
        assert_eq!((e.found, e.expected), (DataType::Str, DataType::Int));
    }

    #[test]
    fn iso_strings_become_dates() {
        let mut b = ColumnBuilder::new("d");
        b.push(Value::Str("2024-01-05".into())).expect("str");
        b.push_null();
        let c = b.finish();
        assert_eq!(c.data_type(), DataType::Date);
        assert_eq!(c.value(0).to_string(), "2024-01-05");
        assert!(c.is_null(1));
        let mut b = ColumnBuilder::new("s");
        b.push(Value::Str("2024-01-05".into())).expect("str");
        b.push(Value::Str("soon".into())).expect("str");
        assert_eq!(b.finish().data_type(), DataType::Str);
    }
}
