//! `st.metric`: a value, its change (arrowed and coloured) and an optional
//! sparkline.

use std::fmt::Display;

use super::St;
use super::widgets::Widget;
use crate::error::Result;
use crate::tree::{DeltaDirection, DeltaTone, Element, Mark, MetricNode, Sparkline};

/// How a metric's delta is coloured (Streamlit's `delta_color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DeltaColor {
    /// Up is green, down is red.
    #[default]
    Normal,
    /// Up is red, down is green (costs, errors, latency).
    Inverse,
    /// Always grey.
    Off,
}

/// A metric (`st.metric`): a label, a value, and optionally its change with
/// an arrow coloured by [`DeltaColor`], a help tooltip, a border and a
/// sparkline.
///
/// ```
/// use brook::prelude::*;
/// use brook::tree::{DeltaDirection, DeltaTone};
///
/// fn page(st: &mut St) {
///     st.add(Metric::new("Latency", "120 ms").delta("-12 ms").delta_color(brook::DeltaColor::Inverse)
///         .border(true).chart_data([130.0, 128.0, 121.0, 120.0]));
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// let m = &at.metrics()[0];
/// assert_eq!((m.direction, m.tone), (DeltaDirection::Down, DeltaTone::Good));
/// ```
#[must_use = "show it with `st.add(..)`"]
#[derive(Debug, Clone)]
pub struct Metric {
    label: String,
    value: String,
    delta: Option<String>,
    delta_color: DeltaColor,
    help: Option<String>,
    border: bool,
    chart: Option<Vec<f64>>,
    chart_type: Mark,
}

impl Metric {
    /// A metric showing `value` (numbers and text alike).
    pub fn new(label: impl Into<String>, value: impl Display) -> Self {
        Self {
            label: label.into(),
            value: value.to_string(),
            delta: None,
            delta_color: DeltaColor::Normal,
            help: None,
            border: false,
            chart: None,
            chart_type: Mark::Line,
        }
    }

    /// The change: a number or text; a leading `-` means down (as in
    /// Streamlit), an empty text means none.
    #[inline]
    pub fn delta(mut self, delta: impl Display) -> Self {
        let d = delta.to_string();
        self.delta = (!d.trim().is_empty()).then_some(d);
        self
    }

    /// How the change is coloured.
    #[inline]
    pub fn delta_color(mut self, color: DeltaColor) -> Self {
        self.delta_color = color;
        self
    }

    /// A tooltip next to the label.
    #[inline]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Draws a border around the metric.
    #[inline]
    pub fn border(mut self, border: bool) -> Self {
        self.border = border;
        self
    }

    /// A sparkline of these values under the metric.
    #[inline]
    pub fn chart_data(mut self, values: impl IntoIterator<Item = f64>) -> Self {
        self.chart = Some(values.into_iter().collect());
        self
    }

    /// The sparkline's mark: [`Mark::Line`] (default), `Bar` or `Area`.
    #[inline]
    pub fn chart_type(mut self, mark: Mark) -> Self {
        self.chart_type = mark;
        self
    }

    /// The element: direction from the delta's sign, colour from the
    /// direction and [`DeltaColor`].
    fn node(self) -> MetricNode {
        let direction = match &self.delta {
            None => DeltaDirection::Flat,
            Some(d) if d.trim_start().starts_with('-') => DeltaDirection::Down,
            Some(_) => DeltaDirection::Up,
        };
        let tone = match (direction, self.delta_color) {
            (DeltaDirection::Flat, _) | (_, DeltaColor::Off) => DeltaTone::Neutral,
            (DeltaDirection::Up, DeltaColor::Normal)
            | (DeltaDirection::Down, DeltaColor::Inverse) => DeltaTone::Good,
            _ => DeltaTone::Bad,
        };
        MetricNode {
            label: self.label,
            value: self.value,
            delta: self.delta.map(|d| {
                d.trim()
                    .trim_start_matches(['-', '+'])
                    .trim_start()
                    .to_owned()
            }),
            direction,
            tone,
            help: self.help,
            border: self.border,
            sparkline: self.chart.map(|values| Sparkline {
                values,
                mark: if self.chart_type == Mark::Scatter {
                    Mark::Line
                } else {
                    self.chart_type
                },
            }),
        }
    }
}

impl Widget for Metric {
    type Output = ();
    fn show(self, st: &mut St<'_>) -> Result<()> {
        st.push(Element::Metric(Box::new(self.node())));
        Ok(())
    }
}

impl St<'_> {
    /// A metric (`st.metric(label, value, delta)`): `delta` is a number or
    /// text, `""` for none. Use [`Metric`] for colours, help, border and a
    /// sparkline.
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// let cols = st.columns(3);
    /// st.with(cols[0], |st| st.metric("Temperature", "70 °F", "1.2 °F"));
    /// st.with(cols[1], |st| st.metric("Wind", "9 mph", "-8%"));
    /// st.with(cols[2], |st| st.metric("Humidity", "86%", 4));
    /// # Ok(()) });
    /// ```
    pub fn metric(&mut self, label: impl Into<String>, value: impl Display, delta: impl Display) {
        self.push(Element::Metric(Box::new(
            Metric::new(label, value).delta(delta).node(),
        )));
    }
}
