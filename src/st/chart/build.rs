//! From a table and the page's choices to the series a chart draws (EL-6):
//! x values and their axis, one series per y column or per value of the
//! color column, colours, stacking and grouping.

use std::collections::{BTreeMap, HashMap};

use super::ChartColor;
use crate::error::{Error, Result};
use crate::table::{Column, DataType, Table, TableError};
use crate::tree::{Axis, Chart, Mark, Series, Stack};

/// Streamlit's categorical palette, in order.
pub(crate) const PALETTE: [[u8; 3]; 10] = [
    [0x00, 0x68, 0xc9],
    [0x83, 0xc9, 0xff],
    [0xff, 0x2b, 0x2b],
    [0xff, 0xab, 0xab],
    [0x29, 0xb0, 0x9d],
    [0x7d, 0xef, 0xa1],
    [0xff, 0x87, 0x00],
    [0xff, 0xd1, 0x6a],
    [0x6d, 0x3f, 0xc0],
    [0xd5, 0xda, 0xe5],
];

#[derive(Debug, Clone, Default)]
pub(super) struct ChartOptions {
    pub(super) x: Option<String>,
    pub(super) y: Option<Vec<String>>,
    pub(super) color: Option<ChartColor>,
    pub(super) x_label: Option<String>,
    pub(super) y_label: Option<String>,
    pub(super) height: Option<f32>,
    pub(super) stack: Option<Stack>,
    pub(super) horizontal: bool,
}

fn config_error(column: &str, message: String) -> Error {
    TableError::InvalidConfig {
        column: column.to_owned(),
        message,
    }
    .into()
}

/// `#rgb` or `#rrggbb`.
fn parse_hex(s: &str) -> Option<[u8; 3]> {
    let h = s.strip_prefix('#')?;
    let byte = |i: usize, n: usize| u8::from_str_radix(h.get(i..i + n)?, 16).ok();
    match h.len() {
        6 => Some([byte(0, 2)?, byte(2, 2)?, byte(4, 2)?]),
        3 => Some([byte(0, 1)? * 17, byte(1, 1)? * 17, byte(2, 1)? * 17]),
        _ => None,
    }
}

fn quoted_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("'{s}'")).collect();
    format!("[{}]", quoted.join(", "))
}

/// The x value of every row and what kind of axis they make.
#[allow(clippy::cast_precision_loss)] // row numbers and category positions
fn x_values(table: &Table, x: Option<&Column>) -> (Axis, Vec<Option<f64>>) {
    let Some(c) = x else {
        return (
            Axis::Index,
            (0..table.num_rows()).map(|i| Some(i as f64)).collect(),
        );
    };
    let numbers = || (0..c.len()).map(|i| c.f64(i)).collect();
    match c.data_type() {
        DataType::Int | DataType::Float | DataType::Null => (Axis::Number, numbers()),
        DataType::Date => (Axis::Date, numbers()),
        DataType::DateTime => (Axis::DateTime, numbers()),
        DataType::Time => (Axis::Time, numbers()),
        DataType::Str | DataType::Bool => {
            // Categories, sorted as Vega sorts a nominal axis.
            let mut labels: Vec<String> = (0..c.len())
                .filter(|&i| !c.is_null(i))
                .map(|i| c.cell(i).to_string())
                .collect();
            labels.sort_unstable();
            labels.dedup();
            let pos: HashMap<&str, usize> = labels
                .iter()
                .enumerate()
                .map(|(i, l)| (l.as_str(), i))
                .collect();
            let xs = (0..c.len())
                .map(|i| {
                    (!c.is_null(i))
                        .then(|| pos.get(c.cell(i).to_string().as_str()).map(|&p| p as f64))
                        .flatten()
                })
                .collect();
            (Axis::Category { labels }, xs)
        }
    }
}

/// The chart `mark` of `table` with `o`'s choices: the logic of EL-6.
#[allow(clippy::too_many_lines)] // one pass from columns to drawn series, read top to bottom
pub(super) fn build(mark: Mark, table: &Table, o: &ChartOptions) -> Result<Chart> {
    let x_col = match &o.x {
        Some(name) => Some(table.try_column(name)?),
        None => table.index(),
    };
    let color_col = match &o.color {
        Some(ChartColor::Column(name)) => Some(table.try_column(name)?),
        _ => None,
    };
    let plottable = |c: &Column| {
        c.data_type().is_numeric() || matches!(c.data_type(), DataType::Bool | DataType::Null)
    };
    let y_cols: Vec<&Column> = match &o.y {
        Some(names) => {
            let cols = names
                .iter()
                .map(|n| table.try_column(n))
                .collect::<std::result::Result<Vec<_>, _>>()?;
            if let Some(c) = cols.iter().find(|c| !plottable(c)) {
                return Err(config_error(
                    c.name(),
                    format!(
                        "a chart's y needs numbers, but this column holds {} values",
                        c.data_type()
                    ),
                ));
            }
            cols
        }
        None => table
            .columns()
            .iter()
            .filter(|c| x_col.is_none_or(|x| x.name() != c.name()))
            .filter(|c| color_col.is_none_or(|k| k.name() != c.name()))
            .filter(|c| c.data_type().is_numeric())
            .collect(),
    };
    let (x_axis, xs) = x_values(table, x_col);

    // One series per y column, or per value of the color column.
    let mut series: Vec<Series> = Vec::new();
    let series_of = |name: String, points: Vec<[f64; 2]>| Series {
        name,
        points,
        base: Vec::new(),
        color: None,
    };
    if let Some(cc) = color_col {
        let [y] = y_cols.as_slice() else {
            return Err(config_error(
                cc.name(),
                format!(
                    "`color` names a column, which splits one y column into series, but `y` has {} columns: \
                     choose one y column, or give fixed colours instead",
                    y_cols.len()
                ),
            ));
        };
        let mut groups: BTreeMap<String, Vec<[f64; 2]>> = BTreeMap::new();
        for (row, x) in xs.iter().enumerate() {
            if let (Some(x), Some(v)) = (x, y.f64(row)) {
                groups
                    .entry(cc.cell(row).to_string())
                    .or_default()
                    .push([*x, v]);
            }
        }
        series.extend(
            groups
                .into_iter()
                .map(|(name, points)| series_of(name, points)),
        );
    } else {
        for y in &y_cols {
            let points = xs
                .iter()
                .enumerate()
                .filter_map(|(row, x)| Some([(*x)?, y.f64(row)?]))
                .collect();
            series.push(series_of(y.name().to_owned(), points));
        }
    }
    if matches!(mark, Mark::Line | Mark::Area) {
        // Vega-Lite draws lines in x order.
        for s in &mut series {
            if !s.points.is_sorted_by(|a, b| a[0] <= b[0]) {
                s.points.sort_by(|a, b| a[0].total_cmp(&b[0]));
            }
        }
    }

    // Colours: fixed ones (EL-6's length rule), else the palette.
    match &o.color {
        Some(ChartColor::Fixed(colors)) => {
            if colors.len() != series.len() {
                let names: Vec<String> = series.iter().map(|s| s.name.clone()).collect();
                return Err(Error::invalid(
                    "chart",
                    format!(
                        "The list of colors `{}` must have the same length as the list of columns to be colored `{}`.",
                        quoted_list(colors),
                        quoted_list(&names)
                    ),
                ));
            }
            for (s, c) in series.iter_mut().zip(colors) {
                s.color = Some(parse_hex(c).ok_or_else(|| {
                    Error::invalid(
                        "chart",
                        format!("This does not look like a valid color: {c:?}. Use a hex colour such as \"#ff0000\" or \"#f00\"."),
                    )
                })?);
            }
        }
        _ => {
            for (i, s) in series.iter_mut().enumerate() {
                s.color = Some(PALETTE[i % PALETTE.len()]);
            }
        }
    }

    let stack = match mark {
        Mark::Bar | Mark::Area => o.stack.unwrap_or_default(),
        Mark::Line | Mark::Scatter => Stack::Layered,
    };
    let stack = if mark == Mark::Area && stack == Stack::Grouped {
        Stack::Layered
    } else {
        stack
    };
    if series.len() > 1 && matches!(stack, Stack::Stacked | Stack::Normalize) {
        stack_series(&mut series, stack == Stack::Normalize);
    }

    // Bars are 80% of the smallest gap between x values.
    let mut bar_width = 0.8;
    if mark == Mark::Bar {
        let mut all: Vec<f64> = series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p[0]))
            .collect();
        all.sort_by(f64::total_cmp);
        all.dedup();
        let gap = all
            .windows(2)
            .map(|w| w[1] - w[0])
            .filter(|d| *d > 0.0)
            .fold(f64::INFINITY, f64::min);
        if gap.is_finite() {
            bar_width = gap * 0.8;
        }
        if stack == Stack::Grouped && series.len() > 1 {
            #[allow(clippy::cast_precision_loss)] // a handful of series
            let n = series.len() as f64;
            let each = bar_width / n;
            for (i, s) in series.iter_mut().enumerate() {
                #[allow(clippy::cast_precision_loss)]
                let offset = (i as f64 - (n - 1.0) / 2.0) * each;
                for p in &mut s.points {
                    p[0] += offset;
                }
            }
            bar_width = each;
        }
    }

    Ok(Chart {
        mark,
        series,
        x_axis,
        x_label: o.x_label.clone().or_else(|| o.x.clone()),
        y_label: o.y_label.clone().or_else(|| match o.y.as_deref() {
            Some([one]) => Some(one.clone()),
            _ => None,
        }),
        height: o.height.unwrap_or(250.0).max(64.0),
        stack,
        horizontal: o.horizontal && mark == Mark::Bar,
        bar_width,
    })
}

/// Stacks the series in order: each point's band starts where the previous
/// series ended at that x (positives up, negatives down, as Vega stacks);
/// `normalize` first scales each x's values to fractions of their total.
fn stack_series(series: &mut [Series], normalize: bool) {
    let key = |x: f64| x.to_bits();
    let mut totals: HashMap<u64, f64> = HashMap::new();
    if normalize {
        for s in series.iter() {
            for p in &s.points {
                *totals.entry(key(p[0])).or_default() += p[1].abs();
            }
        }
    }
    let mut up: HashMap<u64, f64> = HashMap::new();
    let mut down: HashMap<u64, f64> = HashMap::new();
    for s in series.iter_mut() {
        s.base = Vec::with_capacity(s.points.len());
        for p in &mut s.points {
            let mut v = p[1];
            if normalize {
                let t = totals.get(&key(p[0])).copied().unwrap_or(0.0);
                v = if t > 0.0 { v / t } else { 0.0 };
            }
            let acc = if v >= 0.0 { &mut up } else { &mut down };
            let base = acc.entry(key(p[0])).or_default();
            s.base.push(*base);
            *base += v;
            p[1] = *base;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::TableData;

    fn chart(mark: Mark, data: &(impl TableData + ?Sized), o: ChartOptions) -> Result<Chart> {
        build(mark, &data.to_table()?, &o)
    }

    #[test]
    fn stacked_bars_start_where_the_previous_series_ended() {
        let data = vec![("a", vec![1.0, 2.0]), ("b", vec![3.0, -1.0])];
        let c = chart(Mark::Bar, &data, ChartOptions::default()).expect("chart");
        assert_eq!(c.series[1].base, [1.0, 0.0]);
        assert_eq!(c.series[1].points, [[0.0, 4.0], [1.0, -1.0]]);
        let c = chart(
            Mark::Bar,
            &data,
            ChartOptions {
                stack: Some(Stack::Normalize),
                ..ChartOptions::default()
            },
        )
        .expect("chart");
        assert_eq!(c.series[1].points[0], [0.0, 1.0]);
    }

    #[test]
    fn a_color_column_splits_series_and_text_x_makes_categories() {
        let rows = vec![
            serde_json::json!({"day": "Tue", "kind": "b", "n": 2}),
            serde_json::json!({"day": "Mon", "kind": "a", "n": 1}),
            serde_json::json!({"day": "Mon", "kind": "b", "n": 3}),
        ];
        let c = chart(
            Mark::Bar,
            &rows,
            ChartOptions {
                x: Some("day".into()),
                y: Some(vec!["n".into()]),
                color: Some("kind".into()),
                stack: Some(Stack::Layered),
                ..ChartOptions::default()
            },
        )
        .expect("chart");
        assert_eq!(
            c.x_axis,
            Axis::Category {
                labels: vec!["Mon".into(), "Tue".into()]
            }
        );
        let names: Vec<&str> = c.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(c.series[1].points, [[1.0, 2.0], [0.0, 3.0]]);
    }

    #[test]
    fn chart_errors_use_streamlits_words() {
        let data = vec![("a", vec![1.0]), ("b", vec![2.0])];
        let e = chart(
            Mark::Line,
            &data,
            ChartOptions {
                x: Some("zz".into()),
                ..ChartOptions::default()
            },
        )
        .expect_err("unknown");
        assert_eq!(
            e.to_string(),
            "Data does not have a column named `\"zz\"`. Available columns are `a, b`"
        );
        let e = chart(
            Mark::Line,
            &data,
            ChartOptions {
                color: Some(["#ff0000"].into()),
                ..ChartOptions::default()
            },
        )
        .expect_err("length");
        assert_eq!(
            e.to_string(),
            "The list of colors `['#ff0000']` must have the same length as the list of columns to be colored `['a', 'b']`."
        );
    }
}
