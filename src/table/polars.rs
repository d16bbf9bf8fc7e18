//! A polars `DataFrame` as a [`Table`] (the `polars` feature): each column is
//! copied once into brook's buffers, then shared like any table.

use polars::prelude as pl;

use super::column::{Column, ColumnData};
use super::from::TableData;
use super::time::{Date, DateTime, Time};
use super::{Table, TableError};

fn polars_err(column: &str, e: &pl::PolarsError) -> TableError {
    TableError::UnsupportedPolars {
        column: column.to_owned(),
        dtype: e.to_string(),
    }
}

/// A typed buffer and the validity mask of a polars column.
fn collect<T: Default + Copy>(
    it: impl Iterator<Item = Option<T>>,
    len: usize,
) -> (Vec<T>, Option<Vec<bool>>) {
    let mut values = Vec::with_capacity(len);
    let mut valid = Vec::with_capacity(len);
    for v in it {
        valid.push(v.is_some());
        values.push(v.unwrap_or_default());
    }
    let any_null = valid.iter().any(|ok| !ok);
    (values, any_null.then_some(valid))
}

fn convert(col: &pl::Column) -> Result<Column, TableError> {
    let name = col.name().as_str();
    let len = col.len();
    let err = |e: pl::PolarsError| polars_err(name, &e);
    let cast = |dtype: &pl::DataType| col.cast(dtype).map_err(err);
    let (data, valid) = match col.dtype() {
        pl::DataType::Int8
        | pl::DataType::Int16
        | pl::DataType::Int32
        | pl::DataType::Int64
        | pl::DataType::UInt8
        | pl::DataType::UInt16
        | pl::DataType::UInt32
        | pl::DataType::UInt64 => {
            let c = cast(&pl::DataType::Int64)?;
            let (v, valid) = collect(c.i64().map_err(err)?.iter(), len);
            (ColumnData::Int(v.into()), valid)
        }
        pl::DataType::Float32 | pl::DataType::Float64 => {
            let c = cast(&pl::DataType::Float64)?;
            let (v, valid) = collect(c.f64().map_err(err)?.iter(), len);
            (ColumnData::Float(v.into()), valid)
        }
        pl::DataType::Boolean => {
            let (v, valid) = collect(col.bool().map_err(err)?.iter(), len);
            (ColumnData::Bool(v.into()), valid)
        }
        pl::DataType::String => {
            let mut values = Vec::with_capacity(len);
            let mut valid = Vec::with_capacity(len);
            for s in col.str().map_err(err)?.iter() {
                valid.push(s.is_some());
                values.push(s.unwrap_or_default().to_owned());
            }
            let any_null = valid.iter().any(|ok| !ok);
            (ColumnData::Str(values.into()), any_null.then_some(valid))
        }
        pl::DataType::Date => {
            let c = cast(&pl::DataType::Int32)?;
            let (v, valid) = collect(c.i32().map_err(err)?.iter(), len);
            (ColumnData::Date(v.into_iter().map(Date).collect()), valid)
        }
        pl::DataType::Datetime(unit, _) => {
            let per_micro = match unit {
                pl::TimeUnit::Nanoseconds => 1000,
                pl::TimeUnit::Microseconds | pl::TimeUnit::Milliseconds => 1,
            };
            let times_micro = if matches!(unit, pl::TimeUnit::Milliseconds) {
                1000
            } else {
                1
            };
            let c = cast(&pl::DataType::Int64)?;
            let (v, valid) = collect(c.i64().map_err(err)?.iter(), len);
            (
                ColumnData::DateTime(
                    v.into_iter()
                        .map(|t| DateTime(t.div_euclid(per_micro) * times_micro))
                        .collect(),
                ),
                valid,
            )
        }
        pl::DataType::Time => {
            let c = cast(&pl::DataType::Int64)?;
            let (v, valid) = collect(c.i64().map_err(err)?.iter(), len);
            (
                ColumnData::Time(v.into_iter().map(|ns| Time(ns / 1000)).collect()),
                valid,
            )
        }
        other => {
            return Err(TableError::UnsupportedPolars {
                column: name.to_owned(),
                dtype: other.to_string(),
            });
        }
    };
    Ok(Column::from_parts(name, data, valid))
}

/// Each column copied once; strings, numbers, booleans, dates, datetimes
/// (any unit; time zones dropped) and times. Other types are an error
/// naming the column and its polars type.
///
/// ```
/// use polars::prelude::*;
/// use brook::table::TableData;
/// let df = df!("name" => ["a", "b"], "score" => [Some(1.5), None])?;
/// let t = df.to_table()?;
/// assert_eq!(t.column_names(), ["name", "score"]);
/// assert_eq!(t.columns()[1].null_count(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl TableData for pl::DataFrame {
    fn to_table(&self) -> Result<Table, TableError> {
        Table::new(
            self.columns()
                .iter()
                .map(convert)
                .collect::<Result<Vec<_>, _>>()?,
        )
    }
}
