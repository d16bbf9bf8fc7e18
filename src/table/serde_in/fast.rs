//! The fast path of [`from_items`](super::from_items) for the commonest
//! chart data, a slice of plain numbers (`st.line_chart(&history)`): the
//! values go straight into one `value` column, with none of the per-cell
//! work of the general path. Anything else (a bool, an option, a string, a
//! `u64` beyond `i64`, integers mixed with floats) returns `None` and the
//! general path decides, so both always agree (tested below).

use serde::Serialize;
use serde::ser::{self, Impossible};

use super::super::{Column, Table};

/// One number, as the column will hold it.
enum Num {
    Int(i64),
    Float(f64),
}

/// Not a plain number: leave the slice to the general path.
#[derive(Debug)]
struct NotNum;

impl std::fmt::Display for NotNum {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a plain number")
    }
}

impl std::error::Error for NotNum {}

impl ser::Error for NotNum {
    fn custom<T: std::fmt::Display>(_msg: T) -> Self {
        Self
    }
}

struct NumSer;

macro_rules! ints {
    ($($method:ident: $t:ty),*) => {$(
        #[inline]
        fn $method(self, v: $t) -> Result<Num, NotNum> {
            i64::try_from(v).map(Num::Int).map_err(|_| NotNum)
        }
    )*};
}

macro_rules! not_num {
    ($($method:ident($($arg:ty),*)),*) => {$(
        fn $method(self, $(_: $arg),*) -> Result<Num, NotNum> {
            Err(NotNum)
        }
    )*};
}

impl ser::Serializer for NumSer {
    type Ok = Num;
    type Error = NotNum;
    type SerializeSeq = Impossible<Num, NotNum>;
    type SerializeTuple = Impossible<Num, NotNum>;
    type SerializeTupleStruct = Impossible<Num, NotNum>;
    type SerializeTupleVariant = Impossible<Num, NotNum>;
    type SerializeMap = Impossible<Num, NotNum>;
    type SerializeStruct = Impossible<Num, NotNum>;
    type SerializeStructVariant = Impossible<Num, NotNum>;

    ints!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
          serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);

    #[inline]
    fn serialize_f32(self, v: f32) -> Result<Num, NotNum> {
        Ok(Num::Float(f64::from(v)))
    }

    #[inline]
    fn serialize_f64(self, v: f64) -> Result<Num, NotNum> {
        Ok(Num::Float(v))
    }

    not_num!(
        serialize_bool(bool),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str)
    );

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<Num, NotNum> {
        Err(NotNum)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<Num, NotNum> {
        Err(NotNum)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Num, NotNum> {
        Err(NotNum)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotNum> {
        Err(NotNum)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotNum> {
        Err(NotNum)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotNum> {
        Err(NotNum)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotNum> {
        Err(NotNum)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotNum> {
        Err(NotNum)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NotNum> {
        Err(NotNum)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotNum> {
        Err(NotNum)
    }
}

/// The table of a non-empty slice of plain numbers, all integers or all
/// floats; `None` for anything else.
pub(super) fn numbers<T: Serialize>(items: &[T]) -> Option<Table> {
    let first = items.first()?.serialize(NumSer).ok()?;
    let column = match first {
        Num::Int(_) => {
            let mut values = Vec::with_capacity(items.len());
            for item in items {
                match item.serialize(NumSer) {
                    Ok(Num::Int(v)) => values.push(v),
                    _ => return None,
                }
            }
            Column::new("value", values)
        }
        Num::Float(_) => {
            let mut values = Vec::with_capacity(items.len());
            for item in items {
                match item.serialize(NumSer) {
                    Ok(Num::Float(v)) => values.push(v),
                    _ => return None,
                }
            }
            Column::new("value", values)
        }
    };
    Table::new(vec![column]).ok()
}

#[cfg(test)]
mod tests {
    use super::super::from_items;
    use super::*;

    fn general<T: Serialize>(items: &[T]) -> Table {
        // The general path, with the fast one out of the way.
        super::super::from_items_general(items).unwrap()
    }

    fn same(a: &Table, b: &Table) {
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
    }

    #[test]
    fn the_fast_path_builds_the_same_table_as_the_general_one() {
        same(
            &numbers(&[1_i64, -2, 3]).unwrap(),
            &general(&[1_i64, -2, 3]),
        );
        same(&numbers(&[1_u8, 2]).unwrap(), &general(&[1_u8, 2]));
        same(
            &numbers(&[1.5_f64, f64::NAN]).unwrap(),
            &general(&[1.5_f64, f64::NAN]),
        );
        same(&numbers(&[0.5_f32]).unwrap(), &general(&[0.5_f32]));
        same(&from_items(&[4_i32, 5]).unwrap(), &general(&[4_i32, 5]));
    }

    #[test]
    fn anything_but_plain_numbers_is_left_to_the_general_path() {
        assert!(numbers(&[true]).is_none());
        assert!(numbers(&[Some(1_i64)]).is_none());
        assert!(numbers(&["a"]).is_none());
        assert!(numbers(&[u64::MAX]).is_none());
        assert!(numbers::<i64>(&[]).is_none());
        assert!(numbers(&[(1.0, 2.0)]).is_none());
    }
}
