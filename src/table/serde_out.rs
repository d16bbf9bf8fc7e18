//! A table as JSON / RON: `{"columns": [{"name", "type", "values"}], "index"}`.
//! Used for traces and for widget values saved with the session state.

use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::value::{Cell, DataType, Value};
use super::{Column, Table};

impl Serialize for Cell<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Null => serializer.serialize_none(),
            Self::Bool(v) => serializer.serialize_bool(*v),
            Self::Int(v) => serializer.serialize_i64(*v),
            Self::Float(v) => serializer.serialize_f64(*v),
            Self::Str(v) => serializer.serialize_str(v),
            // Plain ISO text (no newtype): any format reads it back as text,
            // which the column's type (or an edit's column) turns into a date.
            Self::Date(v) => serializer.collect_str(v),
            Self::DateTime(v) => serializer.collect_str(v),
            Self::Time(v) => serializer.collect_str(v),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_cell().serialize(serializer)
    }
}

struct Cells<'a>(&'a Column);

impl Serialize for Cells<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for i in 0..self.0.len() {
            seq.serialize_element(&self.0.cell(i))?;
        }
        seq.end()
    }
}

impl Serialize for Column {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Column", 3)?;
        s.serialize_field("name", self.name())?;
        s.serialize_field("type", &self.data_type())?;
        s.serialize_field("values", &Cells(self))?;
        s.end()
    }
}

impl Serialize for Table {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Table", 2)?;
        s.serialize_field("columns", self.columns())?;
        s.serialize_field("index", &self.index().map(Column::name))?;
        s.end()
    }
}

#[derive(Deserialize)]
struct ColumnRepr {
    name: String,
    #[serde(rename = "type")]
    dtype: DataType,
    values: Vec<Value>,
}

#[derive(Deserialize)]
struct TableRepr {
    columns: Vec<ColumnRepr>,
    #[serde(default)]
    index: Option<String>,
}

impl<'de> Deserialize<'de> for Table {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let repr = TableRepr::deserialize(deserializer)?;
        let columns = repr
            .columns
            .iter()
            .map(|c| {
                Column::from_values(&c.name, c.dtype, &c.values).map_err(|row| {
                    D::Error::custom(format!(
                        "column `{}`: row {row} is not a {}",
                        c.name, c.dtype
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let table = Table::new(columns).map_err(D::Error::custom)?;
        match repr.index {
            Some(ix) => table.with_index(&ix).map_err(D::Error::custom),
            None => Ok(table),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Date;

    #[test]
    fn edits_with_dates_round_trip_through_ron() {
        let mut e = crate::table::TableEdits::default();
        e.set_cell(0, "d", Date(5));
        let ron = ron::to_string(&e).expect("ron");
        let back: crate::table::TableEdits = ron::from_str(&ron).expect("back");
        assert_eq!(back.edited_rows[&0]["d"], Value::Str("1970-01-06".into()));
    }

    #[test]
    fn a_table_round_trips_through_json_and_ron() {
        let t = Table::new(vec![
            Column::new("n", vec![Some(1), None]),
            Column::new("d", vec![Date(0), Date(1)]),
            Column::new("s", vec!["a", "b"]),
        ])
        .and_then(|t| t.with_index("s"))
        .expect("table");
        let json = serde_json::to_string(&t).expect("json");
        assert_eq!(serde_json::from_str::<Table>(&json).expect("back"), t);
        let ron = ron::to_string(&t).expect("ron");
        assert_eq!(ron::from_str::<Table>(&ron).expect("back"), t);
    }
}
