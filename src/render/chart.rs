//! Charts (EL-6) with `egui_plot`: line, bar, area (a filled line) and
//! scatter marks; drag to pan, Ctrl + wheel or a right-drag box to zoom,
//! double-click to reset, hover for values, a legend when there are several
//! series. The wheel alone scrolls the page, as a reader expects.
//!
//! Points are converted to `egui_plot`'s type once per published tree and
//! borrowed every frame, so a frame costs what a hand-written plot costs.

use std::collections::HashMap;

use egui::Color32;
use egui_plot::{Bar, BarChart, HoverPosition, Legend, Line, Plot, PlotPoint, PlotPoints, Points};

use super::Cx;
use crate::tree::{Chart, Mark, NodeId};

/// Streamlit's categorical palette, in order.
const PALETTE: [Color32; 10] = [
    Color32::from_rgb(0x00, 0x68, 0xc9),
    Color32::from_rgb(0x83, 0xc9, 0xff),
    Color32::from_rgb(0xff, 0x2b, 0x2b),
    Color32::from_rgb(0xff, 0xab, 0xab),
    Color32::from_rgb(0x29, 0xb0, 0x9d),
    Color32::from_rgb(0x7d, 0xef, 0xa1),
    Color32::from_rgb(0xff, 0x87, 0x00),
    Color32::from_rgb(0xff, 0xd1, 0x6a),
    Color32::from_rgb(0x6d, 0x3f, 0xc0),
    Color32::from_rgb(0xd5, 0xda, 0xe5),
];

/// Chart points converted for `egui_plot`, per chart node.
#[derive(Default)]
pub(super) struct ChartCache {
    entries: HashMap<NodeId, Entry>,
}

struct Entry {
    /// The publication the points were taken from.
    generation: u64,
    /// Address and length of each series' points in that tree: a tree is
    /// immutable while published, so equal addresses mean equal points.
    source: Vec<(usize, usize)>,
    series: Vec<Vec<PlotPoint>>,
    /// Drawn since the last publication.
    touched: bool,
}

impl ChartCache {
    /// Forgets the charts that were not drawn during the last publication.
    pub(super) fn retain_generation(&mut self, _generation: u64) {
        self.entries.retain(|_, e| std::mem::take(&mut e.touched));
    }

    /// The converted points of `chart`, converting them if needed.
    fn points(&mut self, id: &NodeId, chart: &Chart, generation: u64) -> &[Vec<PlotPoint>] {
        let source = || {
            chart
                .series
                .iter()
                .map(|s| (s.points.as_ptr() as usize, s.points.len()))
        };
        let fresh = self
            .entries
            .get(id)
            .is_some_and(|e| e.generation == generation && e.source.iter().copied().eq(source()));
        if !fresh {
            let entry = Entry {
                generation,
                source: source().collect(),
                series: chart
                    .series
                    .iter()
                    .map(|s| s.points.iter().map(|&[x, y]| PlotPoint { x, y }).collect())
                    .collect(),
                touched: true,
            };
            self.entries.insert(id.clone(), entry);
        }
        match self.entries.get_mut(id) {
            Some(entry) => {
                entry.touched = true;
                &entry.series
            }
            None => &[],
        }
    }
}

/// Draws `chart`.
pub(super) fn chart(ui: &mut egui::Ui, id: &NodeId, chart: &Chart, cx: &mut Cx<'_, '_>) {
    let series = cx.state.charts.points(id, chart, cx.view.generation);

    let mut plot = Plot::new(("brook_chart", id))
        .height(chart.height.max(64.0))
        .allow_scroll(false)
        .allow_zoom(true)
        .allow_drag(true)
        .allow_boxed_zoom(true)
        .allow_double_click_reset(true);
    if chart.series.len() > 1 {
        plot = plot.legend(Legend::default());
    }
    if let Some(label) = &chart.x_label {
        plot = plot.x_axis_label(label.as_str());
    }
    if let Some(label) = &chart.y_label {
        plot = plot.y_axis_label(label.as_str());
    }
    if chart.x_is_index {
        // Row numbers: label whole numbers only.
        plot = plot.x_axis_formatter(|mark, _range| {
            if mark.value.fract() == 0.0 {
                format!("{}", mark.value)
            } else {
                String::new()
            }
        });
    }

    // Hover values: the series and its point, as Streamlit's tooltip.
    let (x_name, y_name) = (
        chart
            .x_label
            .as_deref()
            .unwrap_or(if chart.x_is_index { "index" } else { "x" }),
        chart.y_label.as_deref().unwrap_or("value"),
    );
    let several = chart.series.len() > 1;
    plot = plot.label_formatter(move |pos| match pos {
        HoverPosition::NearDataPoint {
            plot_name,
            position,
            ..
        } => {
            let values = format!(
                "{x_name}: {}\n{y_name}: {}",
                number(position.x),
                number(position.y)
            );
            // The series' name helps only when there are several.
            Some(if several {
                format!("{plot_name}\n{values}")
            } else {
                values
            })
        }
        HoverPosition::Elsewhere { .. } => None,
    });

    let mark = chart.mark;
    plot.show(ui, |plot_ui| {
        let mut bars: Vec<BarChart> = Vec::new();
        for (i, (meta, points)) in chart.series.iter().zip(series).enumerate() {
            let color = PALETTE[i % PALETTE.len()];
            let name = meta.name.as_str();
            match mark {
                Mark::Line if points.len() == 1 => {
                    // A line through one point is invisible: show the point.
                    plot_ui.points(
                        Points::new(name, PlotPoints::Borrowed(points))
                            .color(color)
                            .radius(3.0)
                            .filled(true),
                    );
                }
                Mark::Line => plot_ui.line(
                    Line::new(name, PlotPoints::Borrowed(points))
                        .color(color)
                        .width(2.0),
                ),
                Mark::Area => plot_ui.line(
                    Line::new(name, PlotPoints::Borrowed(points))
                        .color(color)
                        .width(1.5)
                        .fill(0.0)
                        .fill_alpha(0.35),
                ),
                Mark::Scatter => plot_ui.points(
                    Points::new(name, PlotPoints::Borrowed(points))
                        .color(color)
                        .radius(3.0)
                        .filled(true),
                ),
                Mark::Bar => {
                    let width = bar_width(points);
                    let chart_bars = points
                        .iter()
                        .map(|p| {
                            Bar::new(p.x, p.y)
                                .width(width)
                                .fill(color.gamma_multiply(0.8))
                        })
                        .collect();
                    let mut bar_chart = BarChart::new(name, chart_bars).color(color);
                    // Several series stack, as Streamlit's bar charts do.
                    let below: Vec<&BarChart> = bars.iter().collect();
                    if !below.is_empty() {
                        bar_chart = bar_chart.stack_on(&below);
                    }
                    bars.push(bar_chart);
                }
            }
        }
        for bar_chart in bars {
            plot_ui.bar_chart(bar_chart);
        }
    });
}

/// A hovered value: whole numbers without decimals, others with up to four.
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// 80% of the smallest gap between neighbouring x values (1.0 for one bar).
fn bar_width(points: &[PlotPoint]) -> f64 {
    let gap = points
        .windows(2)
        .map(|w| (w[1].x - w[0].x).abs())
        .filter(|d| *d > 0.0)
        .fold(f64::INFINITY, f64::min);
    if gap.is_finite() { gap * 0.8 } else { 0.8 }
}
