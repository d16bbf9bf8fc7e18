//! Charts (EL-6) with `egui_plot`: line, bar (stacked, grouped, horizontal),
//! area (stacked bands) and scatter marks; drag to pan, Ctrl + wheel or a
//! right-drag box to zoom, double-click to reset, hover for values. The
//! wheel alone scrolls the page, as a reader expects.
//!
//! The legend sits above the plot, outside it, so it never covers the data.
//! x axes show row numbers, numbers, dates, times or category labels.
//!
//! Points are converted to `egui_plot`'s type once per published tree and
//! borrowed every frame, so a frame costs what a hand-written plot costs.

use std::collections::HashMap;

use egui::{Color32, RichText, Sense, Vec2};
use egui_plot::{
    Bar, BarChart, FilledArea, GridMark, HoverPosition, Line, Plot, PlotPoint, PlotPoints, Points,
};

use super::Cx;
use crate::st::PALETTE;
use crate::table::{Cell, Date, DateTime, Time};
use crate::tree::{Axis, Chart, Mark, NodeId, Stack};

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

/// The series' colour; a chart built by hand without colours takes the
/// palette in order.
fn rgb(c: Option<[u8; 3]>, i: usize) -> Color32 {
    let [r, g, b] = c.unwrap_or(PALETTE[i % PALETTE.len()]);
    Color32::from_rgb(r, g, b)
}

/// An x value as the axis shows it.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // axis positions of whole days, seconds, categories
fn x_text(axis: &Axis, v: f64, hover: bool) -> String {
    match axis {
        Axis::Index | Axis::Number => number(v),
        Axis::Date => {
            if v.fract() != 0.0 && !hover {
                return String::new();
            }
            Cell::Date(Date(v.round() as i32)).to_string()
        }
        Axis::DateTime => {
            let t = DateTime((v * 1e6).round() as i64);
            if hover {
                t.to_string()
            } else if t.time().0 == 0 {
                t.date().to_string()
            } else {
                format!("{}\n{}", t.date(), t.time())
            }
        }
        Axis::Time => Time((v * 1e6).round() as i64).to_string(),
        Axis::Category { labels } => {
            let i = v.round();
            if (v - i).abs() > 0.25 && !hover || i < 0.0 {
                return String::new();
            }
            labels.get(i as usize).cloned().unwrap_or_default()
        }
    }
}

/// The legend: a swatch and name per series, above the plot.
fn legend(ui: &mut egui::Ui, chart: &Chart) {
    ui.horizontal_wrapped(|ui| {
        for (i, s) in chart.series.iter().enumerate() {
            let (rect, _) = ui.allocate_exact_size(Vec2::new(10.0, 10.0), Sense::hover());
            ui.painter().rect_filled(rect, 2.0, rgb(s.color, i));
            ui.label(RichText::new(&s.name).small());
            ui.add_space(6.0);
        }
    });
}

/// Draws `chart`.
#[allow(clippy::too_many_lines)] // one plot: axes, hover, then each mark
pub(super) fn chart(ui: &mut egui::Ui, id: &NodeId, chart: &Chart, cx: &mut Cx<'_, '_>) {
    let series = cx.state.charts.points(id, chart, cx.view.generation);
    if chart.series.len() > 1 {
        legend(ui, chart);
    }

    let mut plot = Plot::new(("brook_chart", id))
        .height(chart.height.max(64.0))
        .allow_scroll(false)
        .allow_zoom(true)
        .allow_drag(true)
        .allow_boxed_zoom(true)
        .allow_double_click_reset(true);
    // With horizontal bars the category axis is the vertical one.
    let (cat_label, val_label) = (chart.x_label.clone(), chart.y_label.clone());
    let (x_title, y_title) = if chart.horizontal {
        (val_label, cat_label)
    } else {
        (cat_label, val_label)
    };
    if let Some(label) = x_title {
        plot = plot.x_axis_label(label);
    }
    if let Some(label) = y_title {
        plot = plot.y_axis_label(label);
    }
    let axis = chart.x_axis.clone();
    let formatter = move |mark: GridMark, _range: &std::ops::RangeInclusive<f64>| {
        if matches!(axis, Axis::Index) && mark.value.fract() != 0.0 {
            return String::new(); // row numbers: whole rows only
        }
        x_text(&axis, mark.value, false)
    };
    plot = if chart.horizontal {
        plot.y_axis_formatter(formatter)
    } else {
        plot.x_axis_formatter(formatter)
    };
    if matches!(chart.x_axis, Axis::Category { .. }) {
        // No grid lines through the bars of a category.
        plot = plot.show_grid(if chart.horizontal {
            [true, false]
        } else {
            [false, true]
        });
    }
    if matches!(chart.x_axis, Axis::Category { .. } | Axis::Date) {
        // Grid lines at whole categories and days only.
        let spacer = |input: egui_plot::GridInput| {
            egui_plot::log_grid_spacer(10)(input)
                .into_iter()
                .filter(|m| m.value.fract() == 0.0 && m.step_size >= 1.0)
                .collect()
        };
        plot = if chart.horizontal {
            plot.y_grid_spacer(spacer)
        } else {
            plot.x_grid_spacer(spacer)
        };
    }

    // Hover values: the series and its point, as Streamlit's tooltip.
    let x_name = chart.x_label.clone().unwrap_or_else(|| {
        if matches!(chart.x_axis, Axis::Index) {
            "index"
        } else {
            "x"
        }
        .to_owned()
    });
    let y_name = chart.y_label.clone().unwrap_or_else(|| "value".to_owned());
    let several = chart.series.len() > 1;
    let axis = chart.x_axis.clone();
    let horizontal = chart.horizontal;
    plot = plot.label_formatter(move |pos| match pos {
        HoverPosition::NearDataPoint {
            plot_name,
            position,
            ..
        } => {
            let (x, y) = if horizontal {
                (position.y, position.x)
            } else {
                (position.x, position.y)
            };
            let values = format!(
                "{x_name}: {}\n{y_name}: {}",
                x_text(&axis, x, true),
                number(y)
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
    let stacked = matches!(chart.stack, Stack::Stacked | Stack::Normalize) && several;
    plot.show(ui, |plot_ui| {
        for (i, (meta, points)) in chart.series.iter().zip(series).enumerate() {
            let color = rgb(meta.color, i);
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
                Mark::Area if stacked => {
                    // The band between this series' base and its top.
                    let xs: Vec<f64> = points.iter().map(|p| p.x).collect();
                    let tops: Vec<f64> = points.iter().map(|p| p.y).collect();
                    let bases: Vec<f64> = (0..points.len())
                        .map(|j| meta.base.get(j).copied().unwrap_or(0.0))
                        .collect();
                    plot_ui.add(
                        FilledArea::new(name, &xs, &bases, &tops)
                            .fill_color(color.gamma_multiply(0.45))
                            .allow_hover(false),
                    );
                    plot_ui.line(
                        Line::new(name, PlotPoints::Borrowed(points))
                            .color(color)
                            .width(1.5),
                    );
                }
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
                    // Layered bars overlap: see-through, as Vega draws them.
                    let alpha = if several && chart.stack == Stack::Layered {
                        0.55
                    } else {
                        0.85
                    };
                    let width = if chart.bar_width > 0.0 {
                        chart.bar_width
                    } else {
                        0.8
                    };
                    let bars = points
                        .iter()
                        .enumerate()
                        .map(|(j, p)| {
                            let base = meta.base.get(j).copied().unwrap_or(0.0);
                            Bar::new(p.x, p.y - base)
                                .base_offset(base)
                                .width(width)
                                .fill(color.gamma_multiply(alpha))
                        })
                        .collect();
                    let mut bar_chart = BarChart::new(name, bars).color(color);
                    if chart.horizontal {
                        bar_chart = bar_chart.horizontal();
                    }
                    plot_ui.bar_chart(bar_chart);
                }
            }
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
