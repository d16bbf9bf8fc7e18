//! `st.metric`: the label (with help), the value large, the delta below it
//! with an arrow and its colour, an optional sparkline, an optional border.

use egui::{Color32, Pos2, Rect, RichText, Sense, Shape, Stroke, Vec2};

use crate::tree::{DeltaDirection, DeltaTone, Mark, MetricNode, Sparkline};

/// Streamlit's delta colours.
const GREEN: Color32 = Color32::from_rgb(0x21, 0xc3, 0x54);
const RED: Color32 = Color32::from_rgb(0xff, 0x4b, 0x4b);

fn tone_color(ui: &egui::Ui, tone: DeltaTone) -> Color32 {
    match tone {
        DeltaTone::Good => GREEN,
        DeltaTone::Bad => RED,
        DeltaTone::Neutral => ui.visuals().weak_text_color(),
    }
}

/// Draws `metric`.
pub(super) fn metric(ui: &mut egui::Ui, metric: &MetricNode) {
    if metric.border {
        egui::Frame::group(ui.style())
            .inner_margin(egui::Margin::same(12))
            .show(ui, |ui| body(ui, metric));
    } else {
        body(ui, metric);
    }
    ui.add_space(4.0);
}

fn body(ui: &mut egui::Ui, metric: &MetricNode) {
    ui.vertical(|ui| {
        ui.spacing_mut().item_spacing.y = 2.0;
        ui.horizontal(|ui| {
            ui.label(RichText::new(&metric.label).size(14.0));
            if let Some(help) = &metric.help {
                ui.label(RichText::new("(?)").weak()).on_hover_text(help);
            }
        });
        ui.label(RichText::new(&metric.value).size(32.0).strong());
        if let Some(delta) = &metric.delta {
            let color = tone_color(ui, metric.tone);
            ui.horizontal(|ui| {
                if metric.direction != DeltaDirection::Flat {
                    arrow(ui, metric.direction, color);
                }
                ui.label(RichText::new(delta).color(color));
            });
        }
        if let Some(spark) = &metric.sparkline {
            sparkline(ui, spark, tone_color(ui, metric.tone));
        }
    });
}

/// A small filled triangle (fonts may lack arrow glyphs).
fn arrow(ui: &mut egui::Ui, direction: DeltaDirection, color: Color32) {
    let (rect, _) = ui.allocate_exact_size(Vec2::new(10.0, 14.0), Sense::hover());
    let c = rect.center();
    let (w, h) = (4.5, 4.0);
    let points = if direction == DeltaDirection::Up {
        vec![
            Pos2::new(c.x - w, c.y + h),
            Pos2::new(c.x + w, c.y + h),
            Pos2::new(c.x, c.y - h),
        ]
    } else {
        vec![
            Pos2::new(c.x - w, c.y - h),
            Pos2::new(c.x + w, c.y - h),
            Pos2::new(c.x, c.y + h),
        ]
    };
    ui.painter()
        .add(Shape::convex_polygon(points, color, Stroke::NONE));
}

/// The sparkline: `values` scaled into a strip the width of the metric.
fn sparkline(ui: &mut egui::Ui, spark: &Sparkline, tone: Color32) {
    let width = ui.available_width().clamp(60.0, 240.0);
    let (rect, _) = ui.allocate_exact_size(Vec2::new(width, 36.0), Sense::hover());
    let finite: Vec<f64> = spark
        .values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    if finite.len() < 2 && spark.mark != Mark::Bar {
        return;
    }
    let (lo, hi) = finite
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    let lo = if spark.mark == Mark::Line {
        lo
    } else {
        lo.min(0.0)
    };
    let span = if hi > lo { hi - lo } else { 1.0 };
    let color = if tone == ui.visuals().weak_text_color() {
        ui.visuals().hyperlink_color
    } else {
        tone
    };
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
    let at = |i: usize, v: f64| {
        let n = (finite.len().max(2) - 1) as f32;
        Pos2::new(
            rect.left() + rect.width() * i as f32 / n,
            rect.bottom() - rect.height() * ((v - lo) / span) as f32,
        )
    };
    let painter = ui.painter_at(rect);
    match spark.mark {
        Mark::Bar => {
            #[allow(clippy::cast_precision_loss)]
            let w = rect.width() / finite.len().max(1) as f32;
            for (i, v) in finite.iter().enumerate() {
                #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
                let top = rect.bottom() - rect.height() * ((v - lo) / span) as f32;
                #[allow(clippy::cast_precision_loss)]
                let left = rect.left() + w * i as f32;
                painter.rect_filled(
                    Rect::from_min_max(
                        Pos2::new(left + 1.0, top),
                        Pos2::new(left + w - 1.0, rect.bottom()),
                    ),
                    1.0,
                    color,
                );
            }
        }
        mark => {
            let points: Vec<Pos2> = finite.iter().enumerate().map(|(i, v)| at(i, *v)).collect();
            if mark == Mark::Area {
                let fill = color.gamma_multiply(0.3);
                for w in points.windows(2) {
                    painter.add(Shape::convex_polygon(
                        vec![
                            w[0],
                            w[1],
                            Pos2::new(w[1].x, rect.bottom()),
                            Pos2::new(w[0].x, rect.bottom()),
                        ],
                        fill,
                        Stroke::NONE,
                    ));
                }
            }
            painter.add(Shape::line(points, Stroke::new(1.5, color)));
        }
    }
}
