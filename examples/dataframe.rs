//! A small sales dashboard: a metric row, a filterable dataframe whose
//! selected rows drive a chart, a data editor whose edits update a total,
//! and a page with a million rows to scroll and sort. With
//! `--features polars`, a page showing a polars `DataFrame` too.
//!
//! `cargo run --example dataframe` (add `--features polars` for the polars page)

use brook::prelude::*;
use brook::table::{Column, Date};
use brook::tree::Stack;

const REGIONS: [&str; 4] = ["North", "South", "East", "West"];
const PRODUCTS: [&str; 5] = ["Pen", "Ink", "Pad", "Clip", "Tape"];

/// A deterministic pseudo-random number in 0..n (no network, no files).
fn pick(i: usize, salt: usize, n: usize) -> usize {
    (i.wrapping_mul(2_654_435_761)
        .wrapping_add(salt.wrapping_mul(40_503))
        >> 7)
        % n
}

#[derive(serde::Serialize, Clone)]
struct Order {
    day: Date,
    region: &'static str,
    product: &'static str,
    units: i64,
    price: f64,
    shipped: bool,
}

/// Ninety days of orders, made in code. Cached: every run shares the table.
#[brook::cache_data]
fn orders() -> Table {
    let start = Date::from_ymd(2024, 1, 1).map_or(0, Date::days);
    let rows: Vec<Order> = (0..360)
        .map(|i| Order {
            day: Date(start + i32::try_from(i / 4).unwrap_or(0)),
            region: REGIONS[pick(i, 1, 4)],
            product: PRODUCTS[pick(i, 2, 5)],
            units: 1 + i64::try_from(pick(i, 3, 20)).unwrap_or(0),
            price: [1.5, 4.25, 2.0, 0.5, 3.0][pick(i, 2, 5)],
            shipped: pick(i, 4, 10) > 1,
        })
        .collect();
    Table::from_rows(&rows).unwrap_or_default()
}

/// A million rows × 5 columns, built once.
#[brook::cache_data]
fn million() -> Table {
    let n = 1_000_000_usize;
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_wrap)]
    let columns = vec![
        Column::new("id", (0..n as i64).collect::<Vec<_>>()),
        Column::new(
            "score",
            (0..n)
                .map(|i| pick(i, 7, 100_000) as f64 / 100.0)
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "region",
            (0..n)
                .map(|i| REGIONS[pick(i, 1, 4)].to_owned())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "flag",
            (0..n).map(|i| pick(i, 4, 3) == 0).collect::<Vec<_>>(),
        ),
        Column::new(
            "day",
            (0..n)
                .map(|i| Date(19_000 + i32::try_from(i % 3000).unwrap_or(0)))
                .collect::<Vec<_>>(),
        ),
    ];
    Table::new(columns).unwrap_or_default()
}

fn sum(t: &Table, column: &str, weight: Option<&str>) -> f64 {
    let (Some(c), w) = (t.column(column), weight.and_then(|w| t.column(w))) else {
        return 0.0;
    };
    (0..t.num_rows())
        .filter_map(|r| Some(c.f64(r)? * w.map_or(Some(1.0), |w| w.f64(r))?))
        .sum()
}

fn dashboard(st: &mut St) -> brook::Result<()> {
    st.title("Sales dashboard");
    let all = orders();

    // Filters.
    let region = st.add(
        Selectbox::new(
            "Region",
            ["All", "North", "South", "East", "West"].map(String::from),
        )
        .key("region"),
    );
    let min_units = st.add(Slider::new("At least this many units", 1..=20_i64).key("min_units"));
    let (region_col, units_col) = (all.try_column("region")?, all.try_column("units")?);
    let shown = all.filter(|r| {
        (region == "All" || region_col.cell(r).to_string() == region)
            && units_col.f64(r).is_some_and(|u| u >= min_units as f64)
    });

    // The metric row.
    let cols = st.columns(3);
    let revenue = sum(&shown, "units", Some("price"));
    let share = if all.num_rows() > 0 {
        shown.num_rows() * 100 / all.num_rows()
    } else {
        0
    };
    st.with(cols[0], |st| {
        st.add(
            Metric::new("Revenue", format!("${revenue:.0}"))
                .delta(format!("{share}% of orders"))
                .border(true),
        );
    });
    st.with(cols[1], |st| {
        st.add(
            Metric::new("Units", sum(&shown, "units", None))
                .delta(format!("{}", shown.num_rows()))
                .border(true),
        );
    });
    let unshipped = (0..shown.num_rows())
        .filter(|&r| shown.value(r, "shipped") == Some(false.into()))
        .count();
    st.with(cols[2], |st| {
        st.add(
            Metric::new("Not shipped", unshipped)
                .delta(format!("-{unshipped}"))
                .delta_color(brook::DeltaColor::Inverse)
                .help("Orders waiting in the warehouse")
                .border(true),
        );
    });

    // The dataframe; its selection drives the chart.
    st.subheader("Orders");
    st.caption("Click headers to sort, drag their edges to resize, click rows to select them.");
    let event = st.add(
        Dataframe::new(&shown)
            .selection(RowSelection::MultiRow)
            .key("orders")
            .height(300.0)
            .column_config("day", ColumnConfig::date().format("%b %d"))
            .column_config("price", ColumnConfig::number().format("$%.2f"))
            .column_config("units", ColumnConfig::number().help("Units in the order")),
    );
    let chosen = if event.selection.rows.is_empty() {
        shown.clone()
    } else {
        event.selected_rows.clone()
    };
    st.caption(if event.selection.rows.is_empty() {
        format!(
            "{} orders; select some to chart only those",
            shown.num_rows()
        )
    } else {
        format!("{} selected orders", event.selection.rows.len())
    });
    st.add(
        BarChart::new(&chosen)
            .x("product")
            .y("units")
            .color("region")
            .stack(Stack::Stacked)
            .height(220.0),
    );
    st.add(
        LineChart::new(&chosen)
            .x("day")
            .y("price")
            .color("region")
            .height(180.0),
    );

    // A data editor: the edits change the total.
    st.subheader("Plan next week");
    let plan = vec![("Pen", 100_i64, 1.5), ("Ink", 40, 4.25), ("Pad", 60, 2.0)];
    let edited = st.add(
        DataEditor::new(&plan)
            .key("plan")
            .num_rows(NumRows::Dynamic)
            // A new row reaches the page once it has a product and units.
            .column_config("0", ColumnConfig::text().label("product").required(true))
            .column_config(
                "1",
                ColumnConfig::number()
                    .label("units")
                    .min(0.0)
                    .required(true),
            )
            .column_config("2", ColumnConfig::number().label("price").format("$%.2f")),
    );
    let total = sum(&edited, "1", Some("2"));
    st.success(format!(
        "Planned revenue: ${total:.2} over {} products",
        edited.num_rows()
    ));
    Ok(())
}

fn big(st: &mut St) {
    st.title("A million rows");
    st.caption("Only the visible rows are laid out; sorting runs off the UI thread.");
    st.add(
        Dataframe::new(&million())
            .height(520.0)
            .column_config("score", ColumnConfig::progress().max(1000.0)),
    );
}

#[cfg(feature = "polars")]
fn polars_page(st: &mut St) -> brook::Result<()> {
    use polars::prelude::*;
    st.title("polars");
    let df = df!(
        "city" => ["Lyon", "Nice", "Lille", "Nantes"],
        "population" => [522_250_i64, 342_669, 236_710, 320_732],
        "area_km2" => [47.87, 71.92, 34.51, 65.19],
    )
    .map_err(|e| brook::Error::Page {
        type_name: "PolarsError".into(),
        message: e.to_string(),
    })?;
    st.dataframe(&df);
    st.add(
        BarChart::new(&df)
            .x("city")
            .y("population")
            .horizontal(true),
    );
    Ok(())
}

fn main() -> brook::Result<()> {
    let app = brook::App::new("brook dataframe")
        .page("Dashboard", dashboard)
        .page("Million rows", big);
    #[cfg(feature = "polars")]
    let app = app.page("polars", polars_page);
    app.run()
}
