//! `AppTest` for data elements: find dataframes, tables, data editors,
//! metrics and charts, read their data, select rows and edit cells.

use serde_json::{Value as Json, json};

use super::AppTest;
use crate::table::{Table, TableEdits, TableView, Value};
use crate::tree::{
    Chart, Element, Event, MetricNode, WidgetKind, WidgetNode, WidgetSpec, WidgetValue,
};

/// Rows of a view as the trace records them: the column names, the row
/// count and the first rows.
pub(super) fn view_json(view: &TableView) -> Json {
    let t = &view.table;
    json!({
        "columns": view.columns.iter().map(|c| t.columns()[c.column].name()).collect::<Vec<_>>(),
        "rows": t.num_rows(),
        "head": (0..t.num_rows().min(10)).map(|r| t.row_json(r)).collect::<Vec<_>>(),
    })
}

/// Selected rows must exist, and a single-row dataframe takes one.
pub(super) fn check_rows(view: &TableView, rows: &[usize]) -> crate::Result<()> {
    if let Some(r) = rows.iter().find(|&&r| r >= view.table.num_rows()) {
        return Err(crate::Error::AppTest(format!(
            "row {r} does not exist: the dataframe has {} rows",
            view.table.num_rows()
        )));
    }
    if view.selection == crate::table::RowSelection::SingleRow && rows.len() > 1 {
        return Err(crate::Error::AppTest(format!(
            "{} rows selected in a single-row dataframe",
            rows.len()
        )));
    }
    if view.selection == crate::table::RowSelection::None {
        return Err(crate::Error::AppTest(
            "this dataframe has no selection: use `.selection(RowSelection::MultiRow)`".to_owned(),
        ));
    }
    Ok(())
}

fn view_of(w: &WidgetNode) -> Option<&TableView> {
    match &w.spec {
        WidgetSpec::Table(view) => Some(view),
        _ => None,
    }
}

impl AppTest {
    /// Every dataframe (with and without selection), in render order (AT-3 `at.dataframe`).
    ///
    /// ```
    /// # use brook::prelude::*;
    /// let mut at = brook::testing::AppTest::new(|st: &mut St| st.dataframe(&[("a", 1), ("b", 2)]));
    /// at.run();
    /// assert_eq!(at.dataframes()[0].table.num_rows(), 2);
    /// ```
    pub fn dataframes(&self) -> Vec<&TableView> {
        self.tree()
            .walk()
            .filter_map(|n| match &n.element {
                Element::Dataframe(view) => Some(&**view),
                Element::Widget(w) if w.kind == WidgetKind::Dataframe => view_of(w),
                _ => None,
            })
            .collect()
    }

    /// Every static table (`st.table`), in render order.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// let mut at = brook::testing::AppTest::new(|st: &mut St| st.table(&[1, 2, 3]));
    /// at.run();
    /// assert_eq!(at.tables()[0].table.column_names(), ["value"]);
    /// ```
    pub fn tables(&self) -> Vec<&TableView> {
        self.tree()
            .walk()
            .filter_map(|n| match &n.element {
                Element::Table(view) => Some(&**view),
                _ => None,
            })
            .collect()
    }

    /// Every data editor's data (before edits), in render order.
    pub fn data_editors(&self) -> Vec<&TableView> {
        self.tree()
            .widgets()
            .filter(|w| w.kind == WidgetKind::DataEditor)
            .filter_map(view_of)
            .collect()
    }

    /// Every metric, in render order.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// let mut at = brook::testing::AppTest::new(|st: &mut St| st.metric("Speed", "12 km/h", "-3"));
    /// at.run();
    /// assert_eq!(at.metrics()[0].delta.as_deref(), Some("3"));
    /// ```
    pub fn metrics(&self) -> Vec<&MetricNode> {
        self.tree()
            .walk()
            .filter_map(|n| match &n.element {
                Element::Metric(m) => Some(&**m),
                _ => None,
            })
            .collect()
    }

    /// Every chart, in render order.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// let mut at = brook::testing::AppTest::new(|st: &mut St| st.bar_chart(&[3, 1]));
    /// at.run();
    /// assert_eq!(at.charts()[0].series[0].points, [[0.0, 3.0], [1.0, 1.0]]);
    /// ```
    pub fn charts(&self) -> Vec<&Chart> {
        self.tree()
            .walk()
            .filter_map(|n| match &n.element {
                Element::Chart(c) => Some(c),
                _ => None,
            })
            .collect()
    }

    /// The table widget (dataframe with selection, or data editor) with this key.
    #[track_caller]
    fn table_widget(&self, key: &str, kind: WidgetKind) -> WidgetNode {
        let w = self.widget_by_key(key);
        if w.kind != kind {
            panic!(
                "AppTest: the widget with key {key:?} is a {}, not a {}",
                w.kind.name(),
                kind.name()
            );
        }
        w.clone()
    }

    /// Selects `rows` (positions in the data) of the dataframe with this key,
    /// as a click on them would; applied at the next `run`.
    ///
    /// # Panics
    /// When there is no such dataframe, it has no selection, or a row does not exist.
    #[track_caller]
    pub fn select_rows(&mut self, key: &str, rows: &[usize]) -> &mut Self {
        let w = self.table_widget(key, WidgetKind::Dataframe);
        let mut rows = rows.to_vec();
        rows.sort_unstable();
        rows.dedup();
        if let Some(view) = view_of(&w)
            && let Err(e) = check_rows(view, &rows)
        {
            panic!("AppTest: {e}");
        }
        self.push_table_value(&w, WidgetValue::Rows(rows.clone()), json!({"rows": rows}));
        self
    }

    /// The edits the data editor `w` will send: those already buffered for
    /// the next run, else its current ones.
    fn pending_edits(&self, w: &WidgetNode) -> TableEdits {
        if let Some(WidgetValue::Edits(edits)) = self.held_value(&w.id) {
            return (**edits).clone();
        }
        let pending = self.pending.iter().rev().find_map(|e| match e {
            Event::SetValue {
                id,
                value: WidgetValue::Edits(edits),
            } if *id == w.id => Some((**edits).clone()),
            _ => None,
        });
        pending.unwrap_or_else(|| match &w.value {
            WidgetValue::Edits(e) => (**e).clone(),
            _ => TableEdits::default(),
        })
    }

    #[track_caller]
    fn edit(&mut self, key: &str, change: impl FnOnce(&mut TableEdits)) -> &mut Self {
        let w = self.table_widget(key, WidgetKind::DataEditor);
        if let Err(e) = super::check_enabled(&w) {
            panic!("AppTest: {e}");
        }
        let mut edits = self.pending_edits(&w);
        change(&mut edits);
        if let Some(view) = view_of(&w) {
            edits = match edits.coerced(&view.table) {
                Ok(e) => e,
                Err(e) => panic!("AppTest: {e}"),
            };
            // In the window a row missing required cells stays pending in
            // the editor and never reaches the page.
            if let Err(e) = edits.check_required(view) {
                panic!("AppTest: {e} (give every required cell in `add_row`)");
            }
            if !view.dynamic_rows
                && (!edits.added_rows.is_empty() || !edits.deleted_rows.is_empty())
            {
                panic!(
                    "AppTest: the data editor {key:?} has a fixed number of rows (NumRows::Fixed)"
                );
            }
        }
        let json = serde_json::to_value(&edits).unwrap_or_default();
        self.push_table_value(&w, WidgetValue::Edits(Box::new(edits)), json);
        self
    }

    /// Sets cell (`row`, `column`) of the data editor with this key to
    /// `value`, as typing into it would; applied at the next `run`. Several
    /// edits before a run add up.
    ///
    /// # Panics
    /// When there is no such editor, or the value does not fit the column.
    #[track_caller]
    pub fn edit_cell(
        &mut self,
        key: &str,
        row: usize,
        column: &str,
        value: impl Into<Value>,
    ) -> &mut Self {
        let value = value.into();
        self.edit(key, |e| e.set_cell(row, column, value))
    }

    /// Adds a row (column → value) to the dynamic data editor with this key.
    #[track_caller]
    pub fn add_row<K: Into<String>>(
        &mut self,
        key: &str,
        cells: impl IntoIterator<Item = (K, Value)>,
    ) -> &mut Self {
        self.edit(key, |e| e.add_row(cells))
    }

    /// Deletes data rows from the dynamic data editor with this key.
    #[track_caller]
    pub fn delete_rows(&mut self, key: &str, rows: &[usize]) -> &mut Self {
        self.edit(key, |e| {
            for &r in rows {
                e.delete_row(r);
            }
        })
    }

    /// The edited data the data editor with this key returned in the last
    /// run (its data with its edits applied).
    ///
    /// # Panics
    /// When there is no such editor.
    #[track_caller]
    pub fn edited_table(&self, key: &str) -> Table {
        let w = self.table_widget(key, WidgetKind::DataEditor);
        let (Some(view), WidgetValue::Edits(edits)) = (view_of(&w), &w.value) else {
            panic!("AppTest: {key:?} holds no edits");
        };
        match edits.apply(&view.table) {
            Ok(t) => t,
            Err(e) => panic!("AppTest: {e}"),
        }
    }

    fn push_table_value(&mut self, w: &WidgetNode, value: WidgetValue, json: Json) {
        if w.form.is_some() {
            self.hold(w, value, json); // waits for the form's submit (FO-2)
            return;
        }
        self.pending
            .retain(|e| !matches!(e, Event::SetValue { id, .. } if *id == w.id));
        self.pending.push(Event::SetValue {
            id: w.id.clone(),
            value,
        });
        self.actions
            .push(json!({"set": {"widget": w.kind.name(), "key": w.key, "value": json}}));
    }
}
