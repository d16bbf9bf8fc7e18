//! Element payloads of the data family: chart axes and stacking, metrics.

use serde::{Deserialize, Serialize};

use super::Mark;

/// What the x values of a chart are.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Axis {
    /// Row numbers (0, 1, 2, ...), not user data.
    #[default]
    Index,
    /// Numbers.
    Number,
    /// Dates, as days since 1970-01-01.
    Date,
    /// Date-times, as seconds since 1970-01-01 00:00:00.
    DateTime,
    /// Times of day, as seconds since midnight.
    Time,
    /// Categories: x is the position of the label in this list.
    Category {
        /// The labels, in axis order.
        labels: Vec<String>,
    },
}

/// How several series of a bar or area chart share the space (Streamlit's `stack`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stack {
    /// On top of each other (Vega's default for bars and areas).
    #[default]
    Stacked,
    /// Bars side by side (`stack=False`).
    Grouped,
    /// Overlapping, each from zero (`"layered"`).
    Layered,
    /// Stacked and scaled to 100% (`"normalize"`).
    Normalize,
}

/// `st.metric`: a number, its change, and how to colour the change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricNode {
    /// What is measured.
    pub label: String,
    /// The value, as shown.
    pub value: String,
    /// The change, as shown (without arrow), if any.
    pub delta: Option<String>,
    /// Which way the change goes (from its sign).
    pub direction: DeltaDirection,
    /// How the change is coloured.
    pub tone: DeltaTone,
    /// Tooltip text.
    pub help: Option<String>,
    /// Draw a border around the metric.
    pub border: bool,
    /// A small chart under the value, if any.
    pub sparkline: Option<Sparkline>,
}

/// The direction of a metric's delta.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeltaDirection {
    /// An increase (arrow up).
    Up,
    /// A decrease (arrow down).
    Down,
    /// No arrow (zero, or no delta).
    Flat,
}

/// The colour of a metric's delta.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeltaTone {
    /// Green.
    Good,
    /// Red.
    Bad,
    /// Grey.
    Neutral,
}

/// A metric's sparkline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sparkline {
    /// The values, left to right.
    pub values: Vec<f64>,
    /// Line, bar or area.
    pub mark: Mark,
}
