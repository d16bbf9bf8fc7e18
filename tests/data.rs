//! Data on the page (issue 13): the table type at the edge of `st`, dataframes
//! with selection, static tables, data editors, metrics and charts over
//! columns, through `AppTest`; renderer tests in `data/render.rs`.

#[path = "data/charts.rs"]
mod charts;
#[path = "data/render.rs"]
mod render;

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use brook::prelude::*;
use brook::table::{Column, DataType, Date, TableEdits, Value};
use brook::testing::AppTest;
use serde::Serialize;

#[derive(Serialize, Clone)]
struct Sale {
    region: &'static str,
    day: Date,
    units: u32,
    price: f64,
    promo: bool,
}

fn sales() -> Vec<Sale> {
    let d = |n| Date::from_ymd(2024, 3, n).expect("a March day");
    vec![
        Sale {
            region: "north",
            day: d(1),
            units: 3,
            price: 2.5,
            promo: false,
        },
        Sale {
            region: "south",
            day: d(1),
            units: 5,
            price: 2.0,
            promo: true,
        },
        Sale {
            region: "north",
            day: d(2),
            units: 4,
            price: 2.5,
            promo: false,
        },
        Sale {
            region: "south",
            day: d(2),
            units: 1,
            price: 3.0,
            promo: false,
        },
    ]
}

#[test]
fn a_dataframe_takes_structs_maps_pairs_and_tables() {
    let mut at = AppTest::new(|st: &mut St| {
        st.dataframe(&sales());
        let by_name: HashMap<String, Vec<f64>> =
            [("b".to_owned(), vec![1.0]), ("a".to_owned(), vec![2.0])].into();
        st.dataframe(&by_name);
        st.dataframe(&BTreeMap::from([("x", vec![1, 2])]));
        st.dataframe(&vec![("height".to_owned(), vec![1.5, 1.7])]);
        st.dataframe(&[(0.5, 1.0), (1.5, 2.0)]);
        st.dataframe(&[1, 2, 3]);
    });
    at.run();
    assert!(at.exceptions().is_empty(), "{:?}", at.exceptions());
    let frames = at.dataframes();
    assert_eq!(
        frames[0].table.column_names(),
        ["region", "day", "units", "price", "promo"]
    );
    let types: Vec<DataType> = frames[0]
        .table
        .columns()
        .iter()
        .map(Column::data_type)
        .collect();
    assert_eq!(
        types,
        [
            DataType::Str,
            DataType::Date,
            DataType::Int,
            DataType::Float,
            DataType::Bool
        ]
    );
    assert_eq!(frames[1].table.column_names(), ["a", "b"]);
    assert_eq!(frames[2].table.column_names(), ["x"]);
    assert_eq!(frames[3].table.column_names(), ["height"]);
    assert_eq!(frames[4].table.index().map(Column::name), Some("x"));
    assert_eq!(frames[5].table.num_rows(), 3);
}

#[test]
fn a_conversion_that_cannot_work_is_an_exception_naming_column_and_type() {
    #[derive(Serialize)]
    struct Bad {
        name: String,
        tags: Vec<String>,
    }
    let mut at = AppTest::new(|st: &mut St| {
        st.text("before");
        st.dataframe(&[Bad {
            name: "a".into(),
            tags: vec![],
        }]);
        st.text("after");
    });
    at.run();
    assert_eq!(at.texts(), ["before"]); // EX-10: the run stops at the error
    let e = &at.exceptions()[0];
    assert_eq!(e.type_name, "TableError");
    assert!(
        e.message.contains("column `tags`") && e.message.contains("a list"),
        "{}",
        e.message
    );
}

/// A table built once and shared: publishing a tree that shows it, run
/// after run, copies no data.
#[test]
fn reruns_share_the_table_buffers_instead_of_copying() {
    static DATA: OnceLock<Table> = OnceLock::new();
    let data = || {
        DATA.get_or_init(|| {
            Table::new(vec![Column::new("v", (0..100_000_i64).collect::<Vec<_>>())]).expect("table")
        })
    };
    let mut at = AppTest::new(move |st: &mut St| {
        st.dataframe(data());
        st.add(DataEditor::new(data()).key("ed"));
        st.line_chart(data());
    });
    at.run().run();
    assert!(at.dataframes()[0].table.ptr_eq(data()));
    assert!(at.data_editors()[0].table.ptr_eq(data()));
}

fn selectable(st: &mut St) {
    let event = st.add(
        Dataframe::new(&sales())
            .selection(RowSelection::MultiRow)
            .key("picked"),
    );
    let units: i64 = (0..event.selected_rows.num_rows())
        .filter_map(|r| match event.selected_rows.value(r, "units") {
            Some(Value::Int(u)) => Some(u),
            _ => None,
        })
        .sum();
    st.text(format!("rows {:?} units {units}", event.selection.rows));
}

#[test]
fn selecting_rows_reruns_the_page_and_returns_them() {
    // EX-1: a selection change is a widget change, so the page reruns.
    let mut at = AppTest::new(selectable);
    at.run();
    assert_eq!(at.texts(), ["rows [] units 0"]);
    at.select_rows("picked", &[3, 1]).run();
    assert_eq!(at.texts(), ["rows [1, 3] units 6"]);
    // WS-4: the selection is the widget's value, under its key.
    let sel: brook::DataframeSelection = at.state("picked");
    assert_eq!(sel.rows, [1, 3]);
    at.run(); // a plain rerun keeps it
    assert_eq!(at.texts(), ["rows [1, 3] units 6"]);
}

#[test]
fn a_single_row_selection_keeps_one_row() {
    let mut at = AppTest::new(|st: &mut St| {
        let e = st.add(
            Dataframe::new(&[10, 20, 30])
                .selection(RowSelection::SingleRow)
                .key("one"),
        );
        st.text(format!("{:?}", e.selection.rows));
    });
    at.run();
    at.select_rows("one", &[2]).run();
    assert_eq!(at.texts(), ["[2]"]);
    at.set_value_by_key("one", serde_json::json!({"rows": [0]}))
        .run();
    assert_eq!(at.texts(), ["[0]"]);
}

#[test]
fn a_selection_of_rows_that_are_gone_is_dropped() {
    let mut at = AppTest::new(|st: &mut St| {
        let n = st.state().get_or("n", 4_usize).unwrap_or(4);
        let e = st.add(
            Dataframe::new(&vec![1; n])
                .selection(RowSelection::MultiRow)
                .key("sel"),
        );
        st.text(format!("{:?}", e.selection.rows));
    });
    at.run();
    at.select_rows("sel", &[0, 3]).run();
    assert_eq!(at.texts(), ["[0, 3]"]);
    at.set_state("n", 2_usize).run();
    assert_eq!(at.texts(), ["[0]"]);
}

#[test]
fn a_selection_change_runs_the_callback_before_the_body() {
    // EX-4: on_change runs before the page body, only on a change.
    let mut at = AppTest::new(|st: &mut St| {
        st.state().init("changes", || 0_i64);
        st.add(
            Dataframe::new(&[1, 2])
                .selection(RowSelection::MultiRow)
                .key("s")
                .on_change(|st| {
                    st.state()
                        .update("changes", |n: &mut i64| *n += 1)
                        .map(|_| ())
                }),
        );
    });
    at.run();
    at.select_rows("s", &[1]).run();
    at.run();
    assert_eq!(at.state::<i64>("changes"), 1);
}

#[test]
fn two_dataframes_with_one_key_are_a_duplicate_key() {
    // WS-3
    let mut at = AppTest::new(|st: &mut St| {
        st.add(Dataframe::new(&[1]).key("t"));
        st.add(
            Dataframe::new(&[2])
                .selection(RowSelection::MultiRow)
                .key("t"),
        );
    });
    at.run();
    assert_eq!(at.exceptions()[0].type_name, "DuplicateWidgetID");
}

#[test]
fn column_config_sets_labels_kinds_and_hides_columns() {
    let mut at = AppTest::new(|st: &mut St| {
        st.add(
            Dataframe::new(&sales())
                .column_config(
                    "price",
                    ColumnConfig::number()
                        .label("Price")
                        .format("$%.2f")
                        .help("per unit"),
                )
                .column_config("promo", ColumnConfig::hidden())
                .column_config("units", ColumnConfig::progress().max(10.0))
                .hide_index(true)
                .height(200.0),
        );
    });
    at.run();
    let view = &at.dataframes()[0];
    let labels: Vec<&str> = view.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["region", "day", "units", "Price"]);
    assert_eq!(view.columns[2].kind.name(), "progress");
    assert_eq!(view.columns[3].help.as_deref(), Some("per unit"));
    assert!(view.hide_index);
    assert_eq!(view.height, Some(200.0));
}

#[test]
fn column_config_mistakes_are_clear_errors() {
    let run = |page: fn(&mut St)| {
        let mut at = AppTest::new(page);
        at.run();
        at.exceptions()[0].message.clone()
    };
    let m = run(|st| {
        st.add(Dataframe::new(&sales()).column_config("nope", ColumnConfig::text()));
    });
    assert!(
        m.starts_with(
            "Data does not have a column named `\"nope\"`. Available columns are `region, day"
        ),
        "{m}"
    );
    let m = run(|st| {
        st.add(
            Dataframe::new(&sales()).column_config("price", ColumnConfig::number().format("abc")),
        );
    });
    assert!(
        m.contains("column `price`") && m.contains("Invalid number format"),
        "{m}"
    );
    let m = run(|st| {
        st.add(Dataframe::new(&sales()).column_config("region", ColumnConfig::checkbox()));
    });
    assert!(
        m.contains("column `region`: a checkbox column shows booleans"),
        "{m}"
    );
}

#[test]
fn st_table_is_a_static_table() {
    let mut at = AppTest::new(|st: &mut St| st.table(&sales()));
    at.run();
    assert_eq!(at.tables()[0].table.num_rows(), 4);
    assert_eq!(at.get("table").len(), 1);
}

fn editor(st: &mut St) {
    let edited = st.add(
        DataEditor::new(&sales())
            .key("sales")
            .num_rows(NumRows::Dynamic)
            .column_config("region", ColumnConfig::text().disabled(true)),
    );
    let total: f64 = (0..edited.num_rows())
        .filter_map(|r| Some(edited.columns()[2].f64(r)? * edited.columns()[3].f64(r)?))
        .sum();
    st.text(format!("{} rows, revenue {total}", edited.num_rows()));
}

#[test]
fn edits_update_the_returned_table_and_live_under_the_key() {
    let mut at = AppTest::new(editor);
    at.run();
    assert_eq!(at.texts(), ["4 rows, revenue 30.5"]);
    at.edit_cell("sales", 0, "units", 10)
        .edit_cell("sales", 3, "price", "4.5")
        .run();
    assert_eq!(at.texts(), ["4 rows, revenue 49.5"]); // 10×2.5 + 5×2 + 4×2.5 + 1×4.5
    // Streamlit's edited_rows / added_rows / deleted_rows, under the key.
    let edits: TableEdits = at.state("sales");
    assert_eq!(edits.edited_rows[&0]["units"], Value::Int(10));
    assert_eq!(edits.edited_rows[&3]["price"], Value::Float(4.5));
    at.delete_rows("sales", &[1])
        .add_row(
            "sales",
            [
                ("region", Value::from("east")),
                ("units", Value::from(2)),
                ("price", Value::from(1.0)),
            ],
        )
        .run();
    assert_eq!(at.texts(), ["4 rows, revenue 41.5"]); // row 1 gone, 2×1.0 added
    let t = at.edited_table("sales");
    assert_eq!(t.value(3, "region"), Some(Value::from("east")));
    assert_eq!(t.value(3, "promo"), Some(Value::Null));
    let json = serde_json::to_value(at.state::<TableEdits>("sales")).expect("json");
    assert_eq!(json["deleted_rows"], serde_json::json!([1]));
    assert_eq!(json["added_rows"][0]["region"], "east");
}

#[test]
fn edits_are_validated_against_the_column_types() {
    let mut at = AppTest::new(editor);
    at.run();
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        at.edit_cell("sales", 0, "units", "many");
    }))
    .expect_err("a text in an integer column");
    let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(
        msg.contains("row 0, column `units`") && msg.contains("not a integer"),
        "{msg}"
    );

    // Through session state: the assignment is checked when the editor registers (WS-8).
    let mut at = AppTest::new(editor);
    let mut bad = TableEdits::default();
    bad.set_cell(9, "units", 1);
    at.set_state("sales", bad).run();
    let e = &at.exceptions()[0];
    assert!(
        e.message.contains("edited row 9 does not exist"),
        "{}",
        e.message
    );
}

#[test]
fn an_editor_in_a_form_applies_its_edits_on_submit() {
    // FO-2: a form field's value reaches the page when the form is submitted.
    let mut at = AppTest::new(|st: &mut St| {
        let plan = st.form("plan", |form| {
            let t = form.add(DataEditor::new(&[1.0, 2.0]).key("grid"));
            form.form_submit_button("Save");
            t
        });
        let total: f64 = (0..plan.num_rows())
            .filter_map(|r| plan.columns()[0].f64(r))
            .sum();
        st.text(format!("total {total}"));
    });
    at.run();
    at.edit_cell("grid", 0, "value", 10.0)
        .edit_cell("grid", 1, "value", 5.0)
        .run();
    assert_eq!(at.texts(), ["total 3"]); // held in the form
    at.submit("plan").run();
    assert_eq!(at.texts(), ["total 15"]);
}

#[test]
fn a_fixed_editor_refuses_added_rows() {
    let mut at = AppTest::new(|st: &mut St| {
        st.add(DataEditor::new(&[1, 2]).key("fixed"));
    });
    let mut added = TableEdits::default();
    added.add_row([("value", Value::Int(3))]);
    at.set_state("fixed", added).run();
    assert!(at.exceptions()[0].message.contains("fixed number of rows"));
}

fn required(st: &mut St) {
    let t = st.add(
        DataEditor::new(&[("pen", 1.5)])
            .key("shop")
            .num_rows(NumRows::Dynamic)
            .column_config("y", ColumnConfig::number().label("Price").required(true)),
    );
    st.text(format!("{} rows", t.num_rows()));
}

fn refusal(f: impl FnOnce()) -> String {
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).expect_err("refused");
    err.downcast_ref::<String>().cloned().unwrap_or_default()
}

#[test]
fn a_new_row_must_fill_the_required_columns() {
    // `required=True`: the editor commits an added row only once its
    // required cells have values (in the window it stays pending until
    // then, see data/render.rs), and never lets one be emptied.
    let mut at = AppTest::new(required);
    at.run();
    let msg = refusal(|| {
        at.add_row("shop", [("x", Value::from("ink"))]);
    });
    assert!(
        msg.contains("added row 0 leaves the required column `Price` empty")
            && msg.contains("give every required cell in `add_row`"),
        "{msg}"
    );
    let msg = refusal(|| {
        at.edit_cell("shop", 0, "y", Value::Null);
    });
    assert!(msg.contains("row 0, column `Price` is required"), "{msg}");
    at.add_row(
        "shop",
        [("x", Value::from("ink")), ("y", Value::Float(4.0))],
    )
    .run();
    assert_eq!(at.texts(), ["2 rows"]);

    // Through session state (WS-8): the same check, as the editor's error.
    let mut at = AppTest::new(required);
    let mut bad = TableEdits::default();
    bad.add_row([("x", Value::from("ink"))]);
    at.set_state("shop", bad).run();
    let e = &at.exceptions()[0];
    assert!(
        e.message
            .contains("leaves the required column `Price` empty"),
        "{}",
        e.message
    );
}

#[test]
fn an_editor_on_new_data_of_another_shape_starts_afresh() {
    // WS-1: an unkeyed editor's identity is its data's shape.
    let mut at = AppTest::new(|st: &mut St| {
        let n = st.state().get_or("n", 2_usize).unwrap_or(2);
        let t = st.data_editor(&vec![1.0; n]);
        st.text(format!("{:?}", t.columns()[0].values()));
    });
    at.run();
    let key = at.widgets()[0].id.to_string();
    assert!(key.ends_with("-None"));
    at.set_state("n", 3_usize).run();
    assert_eq!(at.texts(), ["[Float(1.0), Float(1.0), Float(1.0)]"]);
}

#[test]
fn the_trace_records_tables_and_metrics() {
    let mut at = AppTest::new(|st: &mut St| {
        st.dataframe(&[("a", 1)]);
        st.metric("m", 1, "");
        st.add(
            Dataframe::new(&[1, 2])
                .selection(RowSelection::MultiRow)
                .key("k"),
        );
    });
    at.run();
    at.select_rows("k", &[1]).run();
    let trace = at.trace("data");
    let main = &trace["steps"][1]["main"];
    assert_eq!(main[0]["kind"], "dataframe");
    assert_eq!(main[0]["columns"], serde_json::json!(["y"]));
    assert_eq!(main[0]["head"][0]["x"], "a");
    assert_eq!(main[1]["kind"], "metric");
    assert_eq!(main[2]["value"], serde_json::json!({"rows": [1]}));
    assert_eq!(trace["steps"][1]["action"]["set"]["key"], "k");
}

#[test]
fn a_table_type_round_trips_through_session_state() {
    // A Table is a state value like any other: it persists as RON.
    let mut at = AppTest::new(|st: &mut St| {
        st.state()
            .init("t", || Table::from_rows(&[(1, 2.5)]).expect("table"));
        let t: Table = st.state().get("t").expect("table");
        st.text(format!("{}", t.num_rows()));
    });
    at.run();
    let saved = at.session_state().export_serializable();
    assert!(saved["t"].contains("columns"), "{saved:?}");
}

#[cfg(feature = "polars")]
#[test]
fn a_polars_dataframe_shows_like_any_table() {
    use polars::prelude::*;
    let mut at = AppTest::new(|st: &mut St| {
        let df = df!(
            "city" => ["Lyon", "Nice"],
            "pop" => [522_000_i64, 342_000],
            "share" => [Some(0.5), None],
        )
        .expect("a frame");
        st.dataframe(&df);
        st.add(BarChart::new(&df).x("city").y("pop"));
    });
    at.run();
    assert!(at.exceptions().is_empty(), "{:?}", at.exceptions());
    let t = &at.dataframes()[0].table;
    assert_eq!(t.column_names(), ["city", "pop", "share"]);
    assert_eq!(t.columns()[2].null_count(), 1);
    assert_eq!(at.charts()[0].series[0].points.len(), 2);
}
