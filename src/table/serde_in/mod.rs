//! `Serialize` data → columns, streamed: each value goes straight into its
//! column builder, with no intermediate JSON.
//!
//! A slice's items decide the table's shape (all items must agree):
//! structs and maps are rows (fields become columns, in declaration order);
//! numbers, strings, booleans and options are one column `value`; `(x, y)`
//! pairs of cells are columns `x` and `y` (x being the index);
//! `(name, list)` pairs are named columns; other tuples and lists are rows
//! of columns `0`, `1`, ...

mod cell;
mod fast;

use std::collections::HashMap;

use serde::Serialize;
use serde::ser::{self, Impossible, SerializeMap, SerializeSeq, SerializeStruct, SerializeTuple};

use self::cell::{CellSer, ColumnOrCell, ColumnSer, push, scalar_methods, temporal};
use super::build::ColumnBuilder;
use super::error::TableError;
use super::time::SERIES_NAME;
use super::value::Value;
use super::{Column, Table};

pub(crate) use self::cell::named_column;

type Result<T, E = TableError> = std::result::Result<T, E>;

/// The shape of a slice's items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Records,
    Scalars,
    Pairs,
    NamedColumns,
    Tuples,
    /// `brook::tree::Series` items: one column per series, on a shared x.
    Series,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Self::Records => "a struct or map",
            Self::Scalars => "a single value",
            Self::Pairs => "an (x, y) pair",
            Self::NamedColumns => "a (name, list) pair",
            Self::Tuples => "a tuple or list",
            Self::Series => "a chart series",
        }
    }
}

/// The columns being built from a slice's items.
#[derive(Default)]
struct Rows {
    mode: Option<Mode>,
    columns: Vec<ColumnBuilder>,
    by_name: HashMap<String, usize>,
    row: usize,
    /// Where the next struct field is expected (fields come in order).
    cursor: usize,
    /// Chart series items: name and points.
    series: Vec<(String, Vec<[f64; 2]>)>,
}

impl Rows {
    fn enter(&mut self, mode: Mode) -> Result<()> {
        match self.mode {
            None => {
                self.mode = Some(mode);
                Ok(())
            }
            Some(m) if m == mode => Ok(()),
            Some(m) => Err(TableError::Shape {
                row: self.row,
                found: mode.name(),
                expected: m.name(),
            }),
        }
    }

    fn column(&mut self, name: &str) -> usize {
        if let Some(c) = self.columns.get(self.cursor)
            && c.name == name
        {
            self.cursor += 1;
            return self.cursor - 1;
        }
        let i = match self.by_name.get(name) {
            Some(&i) => i,
            None => {
                let i = self.columns.len();
                self.columns.push(ColumnBuilder::new(name));
                self.by_name.insert(name.to_owned(), i);
                i
            }
        };
        self.cursor = i + 1;
        i
    }

    fn push(&mut self, column: usize, v: Value) -> Result<()> {
        let row = self.row;
        let b = &mut self.columns[column];
        if b.len() > row {
            return Err(TableError::DuplicateColumn {
                column: b.name.clone(),
            });
        }
        b.pad_to(row);
        push(b, row, v)
    }

    fn push_named(&mut self, name: &str, v: Value) -> Result<()> {
        let c = self.column(name);
        self.push(c, v)
    }
}

/// Serialises one item of a slice.
struct ItemSer<'a> {
    rows: &'a mut Rows,
}

impl ItemSer<'_> {
    fn cell(self, v: Value) -> Result<()> {
        self.rows.enter(Mode::Scalars)?;
        self.rows.push_named("value", v)
    }
    fn overflow(self, value: u64) -> Result<()> {
        Err(TableError::IntegerOverflow {
            column: "value".to_owned(),
            value,
        })
    }
    fn unsupported_err(self, what: String) -> TableError {
        TableError::NotTabular { what }
    }
    fn unsupported(self, what: String) -> Result<()> {
        Err(self.unsupported_err(what))
    }
}

impl<'a> ser::Serializer for ItemSer<'a> {
    type Ok = ();
    type Error = TableError;
    type SerializeSeq = TupleRow<'a>;
    type SerializeTuple = PairOrTuple<'a>;
    type SerializeTupleStruct = Impossible<(), TableError>;
    type SerializeTupleVariant = Impossible<(), TableError>;
    type SerializeMap = Record<'a>;
    type SerializeStruct = Record<'a>;
    type SerializeStructVariant = Impossible<(), TableError>;

    scalar_methods!();

    fn serialize_seq(self, _len: Option<usize>) -> Result<TupleRow<'a>> {
        self.rows.enter(Mode::Tuples)?;
        Ok(TupleRow {
            rows: self.rows,
            i: 0,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<PairOrTuple<'a>> {
        if len == 2 {
            Ok(PairOrTuple::Pair {
                rows: self.rows,
                first: None,
            })
        } else {
            self.rows.enter(Mode::Tuples)?;
            Ok(PairOrTuple::Tuple(TupleRow {
                rows: self.rows,
                i: 0,
            }))
        }
    }
    fn serialize_tuple_struct(
        self,
        name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(self.unsupported_err(format!("a tuple struct {name}")))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Record<'a>> {
        self.rows.enter(Mode::Records)?;
        self.rows.cursor = 0;
        Ok(Record {
            rows: self.rows,
            key: None,
            series: None,
        })
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Record<'a>> {
        let series = name == SERIES_NAME;
        self.rows
            .enter(if series { Mode::Series } else { Mode::Records })?;
        self.rows.cursor = 0;
        Ok(Record {
            rows: self.rows,
            key: None,
            series: series.then(|| (String::new(), Vec::new())),
        })
    }
}

/// A struct or map item: its fields are the row's cells.
struct Record<'a> {
    rows: &'a mut Rows,
    key: Option<String>,
    /// A chart series being read (its name and points).
    series: Option<(String, Vec<[f64; 2]>)>,
}

impl Record<'_> {
    fn field<T: ?Sized + Serialize>(&mut self, name: &str, value: &T) -> Result<()> {
        if let Some((series_name, points)) = &mut self.series {
            // A legacy path, small data: read the two fields through JSON.
            let json =
                serde_json::to_value(value).map_err(|e| TableError::Serialize(e.to_string()))?;
            match name {
                "name" => *series_name = json.as_str().unwrap_or_default().to_owned(),
                "points" => {
                    *points = serde_json::from_value(json)
                        .map_err(|e| TableError::Serialize(e.to_string()))?;
                }
                _ => {}
            }
            return Ok(());
        }
        let v = value.serialize(CellSer { column: name })?;
        self.rows.push_named(name, v)
    }

    fn finish(self) {
        if let Some(series) = self.series {
            self.rows.series.push(series);
        }
    }
}

impl SerializeStruct for Record<'_> {
    type Ok = ();
    type Error = TableError;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.field(key, value)
    }
    fn skip_field(&mut self, _key: &'static str) -> Result<()> {
        Ok(())
    }
    fn end(self) -> Result<()> {
        self.finish();
        Ok(())
    }
}

impl SerializeMap for Record<'_> {
    type Ok = ();
    type Error = TableError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<()> {
        let k = key.serialize(CellSer { column: "<key>" })?;
        self.key = Some(k.to_string());
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let key = self.key.take().unwrap_or_default();
        self.field(&key, value)
    }
    fn end(self) -> Result<()> {
        Ok(())
    }
}

/// A list or tuple item: cells of columns `0`, `1`, ...
struct TupleRow<'a> {
    rows: &'a mut Rows,
    i: usize,
}

impl TupleRow<'_> {
    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let name = self.i.to_string();
        self.i += 1;
        let v = value.serialize(CellSer { column: &name })?;
        self.rows.push_named(&name, v)
    }
}

impl SerializeSeq for TupleRow<'_> {
    type Ok = ();
    type Error = TableError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<()> {
        Ok(())
    }
}

/// A two-element tuple: `(x, y)` cells, or `(name, list)`; longer tuples are rows.
enum PairOrTuple<'a> {
    Pair {
        rows: &'a mut Rows,
        first: Option<Value>,
    },
    Tuple(TupleRow<'a>),
}

impl SerializeTuple for PairOrTuple<'_> {
    type Ok = ();
    type Error = TableError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        match self {
            Self::Tuple(t) => t.element(value),
            Self::Pair { rows, first } => match first.take() {
                None => {
                    *first = Some(value.serialize(CellSer { column: "x" })?);
                    Ok(())
                }
                Some(x) => {
                    // The second element decides: a list makes a named column.
                    let mut builder = ColumnBuilder::new(x.to_string());
                    match value.serialize(ColumnSer {
                        builder: &mut builder,
                    })? {
                        ColumnOrCell::Column => {
                            rows.enter(Mode::NamedColumns)?;
                            if rows.by_name.contains_key(&builder.name) {
                                return Err(TableError::DuplicateColumn {
                                    column: builder.name,
                                });
                            }
                            rows.by_name
                                .insert(builder.name.clone(), rows.columns.len());
                            rows.columns.push(builder);
                            Ok(())
                        }
                        ColumnOrCell::Cell(y) => {
                            rows.enter(Mode::Pairs)?;
                            rows.push_named("x", x)?;
                            rows.push_named("y", y)
                        }
                    }
                }
            },
        }
    }
    fn end(self) -> Result<()> {
        Ok(())
    }
}

/// The table a slice's items make (see the module docs for the shapes).
pub(crate) fn from_items<T: Serialize>(items: &[T]) -> Result<Table> {
    match fast::numbers(items) {
        Some(table) => Ok(table),
        None => from_items_general(items),
    }
}

/// [`from_items`] without its fast path for plain numbers.
pub(crate) fn from_items_general<T: Serialize>(items: &[T]) -> Result<Table> {
    let mut rows = Rows::default();
    for (row, item) in items.iter().enumerate() {
        rows.row = row;
        item.serialize(ItemSer { rows: &mut rows })?;
    }
    let mode = rows.mode;
    if mode == Some(Mode::Series) {
        return series_table(rows.series);
    }
    let mut columns = rows.columns;
    if mode != Some(Mode::NamedColumns) {
        for c in &mut columns {
            c.pad_to(items.len());
        }
    }
    let table = Table::new(columns.into_iter().map(ColumnBuilder::finish).collect())?;
    if mode == Some(Mode::Pairs) {
        return table.with_index("x");
    }
    Ok(table)
}

/// Chart series as a table: an `x` index (every x of every series, sorted)
/// and one column per series, empty where that series has no point.
fn series_table(series: Vec<(String, Vec<[f64; 2]>)>) -> Result<Table> {
    let mut xs: Vec<f64> = series
        .iter()
        .flat_map(|(_, p)| p.iter().map(|p| p[0]))
        .collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    let mut columns = vec![Column::new("x", xs.clone())];
    for (name, points) in series {
        let mut ys: Vec<Option<f64>> = vec![None; xs.len()];
        for [x, y] in points {
            if let Ok(i) = xs.binary_search_by(|v| v.total_cmp(&x)) {
                ys[i] = Some(y);
            }
        }
        columns.push(Column::new(name, ys));
    }
    Table::new(columns)?.with_index("x")
}
