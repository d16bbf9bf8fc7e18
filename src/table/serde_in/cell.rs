//! One cell, or one list of cells (a column), from `Serialize` data.

use serde::Serialize;
use serde::ser::{self, Impossible, SerializeSeq, SerializeTuple};

use crate::table::Column;
use crate::table::build::{ColumnBuilder, Mismatch};
use crate::table::error::TableError;
use crate::table::time::{DATE_NAME, DATETIME_NAME, TIME_NAME};
use crate::table::value::Value;

type Result<T, E = TableError> = std::result::Result<T, E>;

/// Implements the scalar methods of a `Serializer` through `self.cell(Value)`.
macro_rules! scalar_methods {
    () => {
        fn serialize_bool(self, v: bool) -> Result<Self::Ok> {
            self.cell(Value::Bool(v))
        }
        fn serialize_i8(self, v: i8) -> Result<Self::Ok> {
            self.cell(Value::Int(v.into()))
        }
        fn serialize_i16(self, v: i16) -> Result<Self::Ok> {
            self.cell(Value::Int(v.into()))
        }
        fn serialize_i32(self, v: i32) -> Result<Self::Ok> {
            self.cell(Value::Int(v.into()))
        }
        fn serialize_i64(self, v: i64) -> Result<Self::Ok> {
            self.cell(Value::Int(v))
        }
        fn serialize_i128(self, v: i128) -> Result<Self::Ok> {
            match i64::try_from(v) {
                Ok(v) => self.cell(Value::Int(v)),
                Err(_) => self.overflow(u64::try_from(v.unsigned_abs()).unwrap_or(u64::MAX)),
            }
        }
        fn serialize_u8(self, v: u8) -> Result<Self::Ok> {
            self.cell(Value::Int(v.into()))
        }
        fn serialize_u16(self, v: u16) -> Result<Self::Ok> {
            self.cell(Value::Int(v.into()))
        }
        fn serialize_u32(self, v: u32) -> Result<Self::Ok> {
            self.cell(Value::Int(v.into()))
        }
        fn serialize_u64(self, v: u64) -> Result<Self::Ok> {
            match i64::try_from(v) {
                Ok(v) => self.cell(Value::Int(v)),
                Err(_) => self.overflow(v),
            }
        }
        fn serialize_u128(self, v: u128) -> Result<Self::Ok> {
            match i64::try_from(v) {
                Ok(v) => self.cell(Value::Int(v)),
                Err(_) => self.overflow(u64::try_from(v).unwrap_or(u64::MAX)),
            }
        }
        fn serialize_f32(self, v: f32) -> Result<Self::Ok> {
            self.cell(Value::Float(v.into()))
        }
        fn serialize_f64(self, v: f64) -> Result<Self::Ok> {
            self.cell(Value::Float(v))
        }
        fn serialize_char(self, v: char) -> Result<Self::Ok> {
            self.cell(Value::Str(v.to_string()))
        }
        fn serialize_str(self, v: &str) -> Result<Self::Ok> {
            self.cell(Value::Str(v.to_owned()))
        }
        fn serialize_bytes(self, _v: &[u8]) -> Result<Self::Ok> {
            self.unsupported("bytes".to_owned())
        }
        fn serialize_none(self) -> Result<Self::Ok> {
            self.cell(Value::Null)
        }
        fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Self::Ok> {
            value.serialize(self)
        }
        fn serialize_unit(self) -> Result<Self::Ok> {
            self.cell(Value::Null)
        }
        fn serialize_unit_struct(self, _name: &'static str) -> Result<Self::Ok> {
            self.cell(Value::Null)
        }
        fn serialize_unit_variant(
            self,
            _name: &'static str,
            _index: u32,
            variant: &'static str,
        ) -> Result<Self::Ok> {
            // A plain enum shows as its variant's name.
            self.cell(Value::Str(variant.to_owned()))
        }
        fn serialize_newtype_struct<T: ?Sized + Serialize>(
            self,
            name: &'static str,
            value: &T,
        ) -> Result<Self::Ok> {
            match temporal(name, value) {
                Some(v) => self.cell(v?),
                None => value.serialize(self),
            }
        }
        fn serialize_newtype_variant<T: ?Sized + Serialize>(
            self,
            name: &'static str,
            _index: u32,
            variant: &'static str,
            _value: &T,
        ) -> Result<Self::Ok> {
            self.unsupported(format!("an enum variant with data ({name}::{variant})"))
        }
        fn serialize_tuple_variant(
            self,
            name: &'static str,
            _index: u32,
            variant: &'static str,
            _len: usize,
        ) -> Result<Self::SerializeTupleVariant> {
            Err(self.unsupported_err(format!("an enum variant with data ({name}::{variant})")))
        }
        fn serialize_struct_variant(
            self,
            name: &'static str,
            _index: u32,
            variant: &'static str,
            _len: usize,
        ) -> Result<Self::SerializeStructVariant> {
            Err(self.unsupported_err(format!("an enum variant with data ({name}::{variant})")))
        }
    };
}
pub(super) use scalar_methods;

/// A `brook::table::Date` (or DateTime, Time) newtype: its ISO text, parsed.
pub(super) fn temporal<T: ?Sized + Serialize>(
    name: &'static str,
    value: &T,
) -> Option<Result<Value>> {
    if ![DATE_NAME, DATETIME_NAME, TIME_NAME].contains(&name) {
        return None;
    }
    let text = match value.serialize(CellSer { column: name }) {
        Ok(Value::Str(s)) => s,
        Ok(_) => return Some(Err(TableError::Serialize(format!("{name} is not text")))),
        Err(e) => return Some(Err(e)),
    };
    let parsed = if name == DATE_NAME {
        text.parse().map(Value::Date)
    } else if name == DATETIME_NAME {
        text.parse().map(Value::DateTime)
    } else {
        text.parse().map(Value::Time)
    };
    Some(parsed.map_err(|e| TableError::Serialize(e.to_string())))
}

/// Serialises one cell: a scalar, an option, a date.
pub(super) struct CellSer<'a> {
    pub(super) column: &'a str,
}

impl CellSer<'_> {
    #[allow(clippy::unnecessary_wraps)] // the shape `scalar_methods!` expects
    fn cell(self, v: Value) -> Result<Value> {
        Ok(v)
    }
    fn overflow(self, value: u64) -> Result<Value> {
        Err(TableError::IntegerOverflow {
            column: self.column.to_owned(),
            value,
        })
    }
    fn unsupported_err(self, what: String) -> TableError {
        TableError::Unsupported {
            column: self.column.to_owned(),
            what,
        }
    }
    fn unsupported(self, what: String) -> Result<Value> {
        Err(self.unsupported_err(what))
    }
}

impl ser::Serializer for CellSer<'_> {
    type Ok = Value;
    type Error = TableError;
    type SerializeSeq = Impossible<Value, TableError>;
    type SerializeTuple = Impossible<Value, TableError>;
    type SerializeTupleStruct = Impossible<Value, TableError>;
    type SerializeTupleVariant = Impossible<Value, TableError>;
    type SerializeMap = Impossible<Value, TableError>;
    type SerializeStruct = Impossible<Value, TableError>;
    type SerializeStructVariant = Impossible<Value, TableError>;

    scalar_methods!();

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(self.unsupported_err("a list".to_owned()))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(self.unsupported_err("a tuple".to_owned()))
    }
    fn serialize_tuple_struct(
        self,
        name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(self.unsupported_err(format!("a tuple struct {name}")))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(self.unsupported_err("a map".to_owned()))
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(self.unsupported_err(format!("a struct {name}")))
    }
}

/// Pushes into a builder, naming the column and row on a mismatch.
pub(super) fn push(b: &mut ColumnBuilder, row: usize, v: Value) -> Result<()> {
    b.push(v)
        .map_err(|Mismatch { found, expected }| TableError::MixedTypes {
            column: b.name.clone(),
            row,
            found,
            expected,
        })
}

/// A value that must be a list of cells: one column.
pub(super) struct ColumnSer<'a> {
    pub(super) builder: &'a mut ColumnBuilder,
}

/// Either a column (a list) or a single cell.
pub(super) enum ColumnOrCell {
    Column,
    Cell(Value),
}

impl ColumnSer<'_> {
    #[allow(clippy::unnecessary_wraps)]
    fn cell(self, v: Value) -> Result<ColumnOrCell> {
        Ok(ColumnOrCell::Cell(v))
    }
    fn overflow(self, value: u64) -> Result<ColumnOrCell> {
        Err(TableError::IntegerOverflow {
            column: self.builder.name.clone(),
            value,
        })
    }
    fn unsupported_err(self, what: String) -> TableError {
        TableError::Unsupported {
            column: self.builder.name.clone(),
            what,
        }
    }
    fn unsupported(self, what: String) -> Result<ColumnOrCell> {
        Err(self.unsupported_err(what))
    }
}

impl<'a> ser::Serializer for ColumnSer<'a> {
    type Ok = ColumnOrCell;
    type Error = TableError;
    type SerializeSeq = ColumnSeq<'a>;
    type SerializeTuple = ColumnSeq<'a>;
    type SerializeTupleStruct = Impossible<ColumnOrCell, TableError>;
    type SerializeTupleVariant = Impossible<ColumnOrCell, TableError>;
    type SerializeMap = Impossible<ColumnOrCell, TableError>;
    type SerializeStruct = Impossible<ColumnOrCell, TableError>;
    type SerializeStructVariant = Impossible<ColumnOrCell, TableError>;

    scalar_methods!();

    fn serialize_seq(self, _len: Option<usize>) -> Result<ColumnSeq<'a>> {
        Ok(ColumnSeq {
            builder: self.builder,
        })
    }
    fn serialize_tuple(self, _len: usize) -> Result<ColumnSeq<'a>> {
        Ok(ColumnSeq {
            builder: self.builder,
        })
    }
    fn serialize_tuple_struct(
        self,
        name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(self.unsupported_err(format!("a tuple struct {name}")))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(self.unsupported_err("a map".to_owned()))
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(self.unsupported_err(format!("a struct {name}")))
    }
}

pub(super) struct ColumnSeq<'a> {
    builder: &'a mut ColumnBuilder,
}

impl ColumnSeq<'_> {
    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let v = value.serialize(CellSer {
            column: &self.builder.name,
        })?;
        let row = self.builder.len();
        push(self.builder, row, v)
    }
}

impl SerializeSeq for ColumnSeq<'_> {
    type Ok = ColumnOrCell;
    type Error = TableError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<ColumnOrCell> {
        Ok(ColumnOrCell::Column)
    }
}

impl SerializeTuple for ColumnSeq<'_> {
    type Ok = ColumnOrCell;
    type Error = TableError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<ColumnOrCell> {
        Ok(ColumnOrCell::Column)
    }
}

/// A column map entry: `name` → a list of cells.
pub(crate) fn named_column<V: ?Sized + Serialize>(name: &str, values: &V) -> Result<Column> {
    let mut builder = ColumnBuilder::new(name);
    match values.serialize(ColumnSer {
        builder: &mut builder,
    })? {
        ColumnOrCell::Column => Ok(builder.finish()),
        ColumnOrCell::Cell(_) => Err(TableError::NotAColumn {
            column: name.to_owned(),
        }),
    }
}
