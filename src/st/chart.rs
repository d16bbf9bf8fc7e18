//! Charts over columns (EL-6): `line_chart`, `bar_chart`, `area_chart` and
//! `scatter_chart` take any [`TableData`] (the same data as `st.dataframe`)
//! and the builders [`LineChart`], [`BarChart`], [`AreaChart`] and
//! [`ScatterChart`] choose `x`, `y` (one or many columns) and `color` (a
//! column that splits the data into series, or fixed colours).
//!
//! The chart's points are computed here, on the page's thread, once per
//! run; the renderer only draws them.

mod build;

pub(crate) use self::build::PALETTE;
use self::build::{ChartOptions, build};
use super::St;
use super::widgets::Widget;
use crate::error::{Error, Result};
use crate::session::raise;
use crate::table::{Table, TableData, TableError};
use crate::tree::{Chart, Element, Mark, Stack};

/// Data a chart can draw: anything that makes a table ([`TableData`]).
/// Kept so code written against it still compiles.
pub trait ChartData: TableData {}

impl<T: TableData + ?Sized> ChartData for T {}

/// Numbers a chart can plot.
pub trait ToF64: Copy {
    /// As `f64`.
    fn to_f64(self) -> f64;
}

macro_rules! to_f64 {
    ($($t:ty),*) => {$(
        impl ToF64 for $t {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            #[inline]
            fn to_f64(self) -> f64 { self as f64 }
        }
    )*};
}
to_f64!(i8, i16, i32, i64, u8, u16, u32, u64, isize, usize, f32, f64);

/// A chart's `color`: a column whose values split the data into series, or
/// fixed colours (`"#ff0000"`, one per `y` column), as Streamlit reads it: a
/// text starting with `#` is a colour, any other text a column.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartColor {
    /// Series per distinct value of this column.
    Column(String),
    /// One colour per series.
    Fixed(Vec<String>),
}

impl From<&str> for ChartColor {
    fn from(s: &str) -> Self {
        if s.starts_with('#') {
            Self::Fixed(vec![s.to_owned()])
        } else {
            Self::Column(s.to_owned())
        }
    }
}

impl From<String> for ChartColor {
    fn from(s: String) -> Self {
        s.as_str().into()
    }
}

impl<const N: usize> From<[&str; N]> for ChartColor {
    fn from(colors: [&str; N]) -> Self {
        Self::Fixed(colors.iter().map(|c| (*c).to_owned()).collect())
    }
}

impl From<Vec<&str>> for ChartColor {
    fn from(colors: Vec<&str>) -> Self {
        Self::Fixed(colors.into_iter().map(str::to_owned).collect())
    }
}

impl From<egui::Color32> for ChartColor {
    fn from(c: egui::Color32) -> Self {
        Self::Fixed(vec![format!("#{:02x}{:02x}{:02x}", c.r(), c.g(), c.b())])
    }
}

/// One or several column names (`"a"`, `["a", "b"]`, `vec![..]`).
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnNames(Vec<String>);

impl From<&str> for ColumnNames {
    fn from(s: &str) -> Self {
        Self(vec![s.to_owned()])
    }
}

impl From<String> for ColumnNames {
    fn from(s: String) -> Self {
        Self(vec![s])
    }
}

impl<const N: usize> From<[&str; N]> for ColumnNames {
    fn from(names: [&str; N]) -> Self {
        Self(names.iter().map(|c| (*c).to_owned()).collect())
    }
}

impl From<Vec<&str>> for ColumnNames {
    fn from(names: Vec<&str>) -> Self {
        Self(names.into_iter().map(str::to_owned).collect())
    }
}

impl From<Vec<String>> for ColumnNames {
    fn from(names: Vec<String>) -> Self {
        Self(names)
    }
}

macro_rules! chart_builder {
    ($ty:ident, $mark:ident, $call:literal, $doc:literal) => {
        #[doc = $doc]
        #[must_use = "show it with `st.add(..)`"]
        #[derive(Debug, Clone)]
        pub struct $ty {
            data: std::result::Result<Table, TableError>,
            options: ChartOptions,
        }

        impl $ty {
            /// A chart of `data` (converted once, here).
            pub fn new(data: &(impl TableData + ?Sized)) -> Self {
                Self {
                    data: data.to_table(),
                    options: ChartOptions::default(),
                }
            }

            /// The column on the x axis (default: the data's index, else
            /// the row number). Numbers, dates, times or categories (text).
            #[inline]
            pub fn x(mut self, column: impl Into<String>) -> Self {
                self.options.x = Some(column.into());
                self
            }

            /// The column(s) on the y axis (default: every other numeric
            /// column, one series each).
            #[inline]
            pub fn y(mut self, columns: impl Into<ColumnNames>) -> Self {
                self.options.y = Some(columns.into().0);
                self
            }

            /// A column that splits the data into one series per value, or
            /// fixed colours (`"#ff0000"`, or one per `y` column).
            #[inline]
            pub fn color(mut self, color: impl Into<ChartColor>) -> Self {
                self.options.color = Some(color.into());
                self
            }

            /// The x axis title.
            #[inline]
            pub fn x_label(mut self, label: impl Into<String>) -> Self {
                self.options.x_label = Some(label.into());
                self
            }

            /// The y axis title.
            #[inline]
            pub fn y_label(mut self, label: impl Into<String>) -> Self {
                self.options.y_label = Some(label.into());
                self
            }

            /// Height in points (default 250).
            #[inline]
            pub fn height(mut self, height: f32) -> Self {
                self.options.height = Some(height);
                self
            }
        }

        impl Widget for $ty {
            type Output = ();
            fn show(self, st: &mut St<'_>) -> Result<()> {
                st.checkpoint();
                let chart = build(Mark::$mark, &self.data?, &self.options)?;
                st.push(Element::Chart(chart));
                Ok(())
            }
        }
    };
}

chart_builder!(
    LineChart,
    Line,
    "line_chart",
    "A line chart over columns (`st.line_chart(data, x=.., y=.., color=..)`).\n\n\
     ```\n\
     # brook::__doc_page(|st| {\n\
     let temps = vec![(\"Mon\", 12.0, 3.0), (\"Tue\", 14.5, 4.0), (\"Wed\", 11.0, 2.5)];\n\
     st.add(brook::LineChart::new(&temps).x(\"0\").y([\"1\", \"2\"]).y_label(\"°C\"));\n\
     # Ok(()) });\n\
     ```"
);
chart_builder!(
    AreaChart,
    Area,
    "area_chart",
    "An area chart over columns; several series stack (Vega's default) unless\n\
     [`stack`](Self::stack) says otherwise.\n\n\
     ```\n\
     # brook::__doc_page(|st| {\n\
     let sales = std::collections::HashMap::from([(\"north\", vec![3, 4, 6]), (\"south\", vec![2, 2, 3])]);\n\
     st.add(brook::AreaChart::new(&sales).height(200.0));\n\
     # Ok(()) });\n\
     ```"
);
chart_builder!(
    BarChart,
    Bar,
    "bar_chart",
    "A bar chart over columns; several series stack unless [`stack`](Self::stack)\n\
     says otherwise, and [`horizontal`](Self::horizontal) lays bars left to right.\n\n\
     ```\n\
     # brook::__doc_page(|st| {\n\
     let fruit = [(\"apples\", 3), (\"pears\", 5)];\n\
     st.add(brook::BarChart::new(&fruit).horizontal(true).color(\"#29b09d\"));\n\
     # Ok(()) });\n\
     ```"
);
chart_builder!(
    ScatterChart,
    Scatter,
    "scatter_chart",
    "A scatter chart over columns.\n\n\
     ```\n\
     # brook::__doc_page(|st| {\n\
     #[derive(serde::Serialize)]\n\
     struct P { height: f64, weight: f64, kind: &'static str }\n\
     let people = [P { height: 1.7, weight: 65.0, kind: \"a\" }, P { height: 1.8, weight: 80.0, kind: \"b\" }];\n\
     st.add(brook::ScatterChart::new(&people).x(\"height\").y(\"weight\").color(\"kind\"));\n\
     # Ok(()) });\n\
     ```"
);

macro_rules! stack_option {
    ($($ty:ident),*) => {$(
        impl $ty {
            /// How several series share the space: [`Stack::Stacked`]
            /// (default), `Grouped` (bars side by side), `Layered`
            /// (overlapping) or `Normalize` (stacked to 100%).
            #[inline]
            pub fn stack(mut self, stack: Stack) -> Self {
                self.options.stack = Some(stack);
                self
            }
        }
    )*};
}
stack_option!(BarChart, AreaChart);

impl BarChart {
    /// Bars run left to right, categories on the vertical axis.
    #[inline]
    pub fn horizontal(mut self, horizontal: bool) -> Self {
        self.options.horizontal = horizontal;
        self
    }
}

impl St<'_> {
    /// A line chart of `data` (EL-6): numbers (x is the row), `(x, y)`
    /// pairs, named columns, structs, column maps, a [`Table`]. Use
    /// [`LineChart`] to choose x, y and colours.
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// st.line_chart(&[1, 5, 35, 30]);                                  // y per row
    /// st.line_chart(&vec![("a".to_owned(), vec![1.0, 2.0]), ("b".to_owned(), vec![3.0, 1.0])]);
    /// st.scatter_chart(&[(0.5, 1.0), (1.5, 2.0)]);                     // (x, y) pairs
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn line_chart(&mut self, data: &(impl TableData + ?Sized)) {
        self.chart(Mark::Line, data);
    }

    /// A bar chart of `data`; several series stack. See [`BarChart`].
    #[track_caller]
    pub fn bar_chart(&mut self, data: &(impl TableData + ?Sized)) {
        self.chart(Mark::Bar, data);
    }

    /// An area chart of `data`; several series stack. See [`AreaChart`].
    #[track_caller]
    pub fn area_chart(&mut self, data: &(impl TableData + ?Sized)) {
        self.chart(Mark::Area, data);
    }

    /// A scatter chart of `data`. See [`ScatterChart`].
    #[track_caller]
    pub fn scatter_chart(&mut self, data: &(impl TableData + ?Sized)) {
        self.chart(Mark::Scatter, data);
    }

    /// A chart of `data` with the given mark and default choices.
    #[track_caller]
    pub fn chart(&mut self, mark: Mark, data: &(impl TableData + ?Sized)) {
        self.checkpoint();
        let chart = data
            .to_table()
            .map_err(Error::from)
            .and_then(|t| build(mark, &t, &ChartOptions::default()));
        match chart {
            Ok(chart) => self.push(Element::Chart(chart)),
            Err(e) => raise(e),
        }
    }

    /// A chart built by hand (axis labels, height).
    pub fn add_chart(&mut self, chart: Chart) {
        self.push(Element::Chart(chart));
    }
}
