//! [`TableData`]: what `st.dataframe`, `st.table`, `st.data_editor` and the
//! charts accept.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::serde_in::{from_items, named_column};
use super::{Table, TableError};

/// Data that can be shown as a table: a [`Table`] (shared, no copy), a slice,
/// array or `Vec` of `Serialize` items (structs, numbers, `(x, y)` pairs,
/// `(name, Vec)` pairs: see [`Table::from_rows`]), a `BTreeMap` or `HashMap`
/// of column name → list, and with the `polars` feature a `DataFrame`.
///
/// ```
/// use std::collections::HashMap;
/// use brook::table::TableData;
///
/// let by_name: HashMap<String, Vec<f64>> =
///     [("b".to_owned(), vec![1.0, 2.0]), ("a".to_owned(), vec![3.0, 4.0])].into();
/// assert_eq!(by_name.to_table()?.column_names(), ["a", "b"]); // sorted: a HashMap has no order
///
/// let pairs = vec![("height".to_owned(), vec![1.5, 1.7]), ("weight".to_owned(), vec![60.0, 70.0])];
/// assert_eq!(pairs.to_table()?.column_names(), ["height", "weight"]); // kept in order
///
/// let xy = [(0.0, 1.0), (1.0, 3.0)];
/// assert_eq!(xy.to_table()?.index().map(|c| c.name()), Some("x"));
/// # Ok::<(), brook::table::TableError>(())
/// ```
pub trait TableData {
    /// The data as a table.
    fn to_table(&self) -> Result<Table, TableError>;
}

impl TableData for Table {
    fn to_table(&self) -> Result<Table, TableError> {
        Ok(self.clone())
    }
}

impl<T: TableData + ?Sized> TableData for &T {
    fn to_table(&self) -> Result<Table, TableError> {
        (**self).to_table()
    }
}

impl<T: Serialize> TableData for [T] {
    fn to_table(&self) -> Result<Table, TableError> {
        from_items(self)
    }
}

impl<T: Serialize> TableData for Vec<T> {
    fn to_table(&self) -> Result<Table, TableError> {
        from_items(self)
    }
}

impl<T: Serialize, const N: usize> TableData for [T; N] {
    fn to_table(&self) -> Result<Table, TableError> {
        from_items(self)
    }
}

fn from_map<'a, K: AsRef<str> + 'a, V: Serialize + 'a>(
    entries: impl Iterator<Item = (&'a K, &'a V)>,
) -> Result<Table, TableError> {
    let columns = entries
        .map(|(k, v)| named_column(k.as_ref(), v))
        .collect::<Result<Vec<_>, _>>()?;
    Table::new(columns)
}

/// Columns in the map's (sorted) order.
impl<K: AsRef<str>, V: Serialize> TableData for BTreeMap<K, V> {
    fn to_table(&self) -> Result<Table, TableError> {
        from_map(self.iter())
    }
}

/// Columns sorted by name: a `HashMap` has no order of its own.
impl<K: AsRef<str>, V: Serialize, S> TableData for HashMap<K, V, S> {
    fn to_table(&self) -> Result<Table, TableError> {
        let mut entries: Vec<(&K, &V)> = self.iter().collect();
        entries.sort_by(|a, b| a.0.as_ref().cmp(b.0.as_ref()));
        from_map(entries.into_iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{DataType, Value};

    #[derive(Serialize)]
    struct Row {
        name: &'static str,
        score: Option<f64>,
        rank: u8,
        kind: Kind,
    }

    #[derive(Serialize)]
    enum Kind {
        Cat,
        Dog,
    }

    #[test]
    fn structs_become_columns_in_declaration_order() {
        let t = [
            Row {
                name: "a",
                score: Some(1.5),
                rank: 1,
                kind: Kind::Cat,
            },
            Row {
                name: "b",
                score: None,
                rank: 2,
                kind: Kind::Dog,
            },
        ]
        .to_table()
        .expect("table");
        assert_eq!(t.column_names(), ["name", "score", "rank", "kind"]);
        assert_eq!(t.value(1, "score"), Some(Value::Null));
        assert_eq!(t.value(1, "kind"), Some(Value::Str("Dog".into())));
        assert_eq!(t.columns()[2].data_type(), DataType::Int);
    }

    #[test]
    fn slices_pairs_and_named_columns() {
        let t = [3, 1, 2].to_table().expect("table");
        assert_eq!(t.column_names(), ["value"]);
        let t = [("a", 1.0), ("b", 2.0)].to_table().expect("table");
        assert_eq!(t.column_names(), ["x", "y"]);
        assert_eq!(t.columns()[0].data_type(), DataType::Str);
        let t = [("a", vec![1, 2]), ("b", vec![3, 4])]
            .to_table()
            .expect("table");
        assert_eq!(t.column_names(), ["a", "b"]);
        assert_eq!(t.num_rows(), 2);
        let t = vec![vec![1, 2, 3], vec![4, 5, 6]]
            .to_table()
            .expect("table");
        assert_eq!(t.column_names(), ["0", "1", "2"]);
        assert!(Vec::<f64>::new().to_table().expect("empty").is_empty());
    }

    #[test]
    fn chart_series_become_columns_on_a_shared_x() {
        let s = |name: &str, points: Vec<[f64; 2]>| crate::tree::Series {
            name: name.into(),
            points,
            base: Vec::new(),
            color: None,
        };
        let t = [
            s("a", vec![[0.0, 1.0], [2.0, 3.0]]),
            s("b", vec![[1.0, 5.0]]),
        ]
        .to_table()
        .expect("table");
        assert_eq!(t.column_names(), ["x", "a", "b"]);
        assert_eq!(t.index().map(crate::table::Column::name), Some("x"));
        assert_eq!(
            t.columns()[2].values(),
            [Value::Null, Value::Float(5.0), Value::Null]
        );
    }

    #[test]
    fn conversion_errors_name_the_column_and_type() {
        let e = [("a", vec![1, 2]), ("b", vec![3])]
            .to_table()
            .expect_err("lengths differ");
        assert!(
            matches!(e, TableError::LengthMismatch { ref column, .. } if column == "b"),
            "{e}"
        );
        let mut m = BTreeMap::new();
        m.insert("n", serde_json::json!([1, "two"]));
        let e = m.to_table().expect_err("mixed");
        assert_eq!(
            e,
            TableError::MixedTypes {
                column: "n".into(),
                row: 1,
                found: DataType::Str,
                expected: DataType::Int
            }
        );
        assert!(
            e.to_string()
                .starts_with("column `n`: row 1 holds a string"),
            "{e}"
        );
        let mut m = BTreeMap::new();
        m.insert("n", 5);
        assert!(matches!(m.to_table(), Err(TableError::NotAColumn { .. })));
        let e = [u64::MAX].to_table().expect_err("overflow");
        assert!(matches!(e, TableError::IntegerOverflow { .. }));
        let e = [serde_json::json!({"a": 1}), serde_json::json!(2)]
            .to_table()
            .expect_err("shapes");
        assert!(matches!(e, TableError::Shape { row: 1, .. }), "{e}");
    }
}
