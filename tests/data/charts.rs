//! Metrics and charts over columns, through `AppTest`.

use std::collections::HashMap;

use brook::prelude::*;
use brook::table::Date;
use brook::testing::AppTest;
use brook::tree::{Axis, DeltaDirection, DeltaTone, Mark, Stack};

use super::sales;

#[test]
fn metrics_colour_their_delta_by_direction_and_delta_color() {
    let mut at = AppTest::new(|st: &mut St| {
        st.metric("Temperature", "70 °F", "1.2 °F");
        st.metric("Wind", 9, "-8%");
        st.add(
            Metric::new("Errors", 3)
                .delta(2)
                .delta_color(brook::DeltaColor::Inverse),
        );
        st.add(
            Metric::new("Users", 120)
                .delta("-5")
                .delta_color(brook::DeltaColor::Off)
                .border(true),
        );
        st.add(
            Metric::new("Plain", "x")
                .help("no delta")
                .chart_data([1.0, 2.0])
                .chart_type(Mark::Bar),
        );
    });
    at.run();
    let m = at.metrics();
    let tones: Vec<(DeltaDirection, DeltaTone)> = m.iter().map(|m| (m.direction, m.tone)).collect();
    assert_eq!(
        tones,
        [
            (DeltaDirection::Up, DeltaTone::Good),
            (DeltaDirection::Down, DeltaTone::Bad),
            (DeltaDirection::Up, DeltaTone::Bad),
            (DeltaDirection::Down, DeltaTone::Neutral),
            (DeltaDirection::Flat, DeltaTone::Neutral),
        ]
    );
    assert_eq!(m[1].value, "9");
    assert_eq!(m[1].delta.as_deref(), Some("8%"));
    assert!(m[3].border);
    assert_eq!(m[4].sparkline.as_ref().map(|s| s.mark), Some(Mark::Bar));
}

#[test]
fn charts_take_hashmaps_and_named_column_pairs() {
    let mut at = AppTest::new(|st: &mut St| {
        let m: HashMap<&str, Vec<f64>> = [("b", vec![1.0, 2.0]), ("a", vec![3.0, 4.0])].into();
        st.line_chart(&m);
        st.area_chart(&vec![
            ("x".to_owned(), vec![1.0, 2.0]),
            ("y".to_owned(), vec![1.0, 1.0]),
        ]);
        st.bar_chart(&[3, 1, 2]);
        st.scatter_chart(&[(0.5, 1.0)]);
    });
    at.run();
    let c = at.charts();
    assert_eq!(
        c[0].series
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        ["a", "b"]
    );
    // Areas stack (Vega's default): the second band sits on the first.
    assert_eq!(c[1].stack, Stack::Stacked);
    assert_eq!(c[1].series[1].points, [[0.0, 2.0], [1.0, 3.0]]);
    assert_eq!(c[2].x_axis, Axis::Index);
    assert_eq!(c[3].x_axis, Axis::Number);
    // Distinct palette colours per series.
    assert_ne!(c[0].series[0].color, c[0].series[1].color);
}

#[test]
fn charts_choose_x_y_and_color_columns() {
    let mut at = AppTest::new(|st: &mut St| {
        st.add(LineChart::new(&sales()).x("day").y("units").color("region"));
        st.add(
            BarChart::new(&sales())
                .x("region")
                .y(["units", "price"])
                .horizontal(true)
                .stack(Stack::Grouped),
        );
        st.add(
            ScatterChart::new(&sales())
                .x("price")
                .y("units")
                .color(["#ff0000"])
                .height(120.0),
        );
    });
    at.run();
    assert!(at.exceptions().is_empty(), "{:?}", at.exceptions());
    let c = at.charts();
    assert_eq!(c[0].x_axis, Axis::Date);
    assert_eq!(c[0].series.len(), 2);
    assert_eq!(c[0].series[0].name, "north");
    assert_eq!(c[0].x_label.as_deref(), Some("day"));
    assert_eq!(c[0].y_label.as_deref(), Some("units"));
    let march_1 = f64::from(Date::from_ymd(2024, 3, 1).expect("date").days());
    assert_eq!(c[0].series[0].points[0], [march_1, 3.0]);
    assert!(matches!(&c[1].x_axis, Axis::Category { labels } if labels == &["north", "south"]));
    assert!(c[1].horizontal);
    assert_eq!(c[1].stack, Stack::Grouped);
    assert!(
        c[1].series[0].points[0][0] < 0.0,
        "grouped bars sit left and right of their category"
    );
    assert_eq!(c[2].series[0].color, Some([0xff, 0, 0]));
    assert_eq!(c[2].height, 120.0);
}

#[test]
fn chart_errors_say_what_to_fix() {
    let mut at = AppTest::new(|st: &mut St| {
        st.add(LineChart::new(&sales()).x("zz"));
    });
    at.run();
    assert_eq!(
        at.exceptions()[0].message,
        "Data does not have a column named `\"zz\"`. Available columns are `region, day, units, price, promo`"
    );
    let mut at = AppTest::new(|st: &mut St| {
        st.add(LineChart::new(&sales()).y("region"));
    });
    at.run();
    assert!(
        at.exceptions()[0]
            .message
            .contains("a chart's y needs numbers")
    );
}
