//! Per-frame CPU of brook's renderer against a hand-written egui frame of the
//! same UI (a button, two labelled sliders, a caption and a line plot of N
//! points), measured in the same run with two headless `egui::Context`s.
//!
//! Run with `cargo bench --bench render`. Frames alternate between the two
//! contexts so both see the same machine state; each figure is the median of
//! many frames. "ui" is `Context::run_ui`; "ui+tess" adds tessellation,
//! which is what a real frame pays before the GPU.

#![allow(clippy::disallowed_methods)] // a benchmark measures wall time: `Instant::now` is the point

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "support/seed.rs"]
mod seed;
use seed::slider_chart;

use std::hint::black_box;
use std::time::{Duration, Instant};

use std::sync::{Arc, mpsc};

use brook::egui::{self, RichText};
use brook::egui_plot::{Line, Plot, PlotPoint, PlotPoints};
use brook::render::{RenderState, View, draw};
use brook::runner::{Runner, RunnerOptions, SyncPoint};
use brook::session::{Page, Session, SessionOptions};
use brook::tree::Tree;
use brook::tree::{Event, WidgetValue};

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1024.0, 768.0),
        )),
        ..Default::default()
    }
}

/// What an egui user would write for the slider-chart page.
struct HandWritten {
    op1: i64,
    op2: i64,
    points: Vec<PlotPoint>,
}

impl HandWritten {
    fn new(tree: &Tree) -> Self {
        let points = tree
            .walk()
            .find_map(|n| match &n.element {
                brook::tree::Element::Chart(c) => Some(
                    c.series[0]
                        .points
                        .iter()
                        .map(|&[x, y]| PlotPoint { x, y })
                        .collect(),
                ),
                _ => None,
            })
            .unwrap_or_default();
        Self {
            op1: 3,
            op2: 7,
            points,
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui) {
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink(false)
                .show(ui, |ui| {
                    // Sliders as wide as the page, as brook lays them out.
                    ui.spacing_mut().slider_width = ui.available_width() - 64.0;
                    if ui.button("Random ops").clicked() {
                        self.op1 = 1;
                    }
                    let label = ui.label("Operand 1");
                    ui.add(egui::Slider::new(&mut self.op1, 1..=10))
                        .labelled_by(label.id);
                    let label = ui.label("Operand 2");
                    ui.add(egui::Slider::new(&mut self.op2, 1..=10))
                        .labelled_by(label.id);
                    ui.label(RichText::new("Product: 21").small().weak());
                    // The same plot brook draws for an indexed line chart:
                    // the page scrolls on the wheel, x labels whole rows.
                    Plot::new("history")
                        .height(250.0)
                        .allow_scroll(false)
                        .x_axis_formatter(|mark, _| {
                            if mark.value.fract() == 0.0 {
                                format!("{}", mark.value)
                            } else {
                                String::new()
                            }
                        })
                        .show(ui, |plot| {
                            plot.line(
                                Line::new("value", PlotPoints::Borrowed(&self.points)).width(2.0),
                            );
                        });
                });
        });
    }
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort_unstable();
    samples[samples.len() / 2]
}

fn frame(ctx: &egui::Context, tessellate: bool, ui: impl FnMut(&mut egui::Ui)) -> Duration {
    let start = Instant::now();
    let mut output = ctx.run_ui(input(), ui);
    if tessellate {
        let shapes = std::mem::take(&mut output.shapes);
        black_box(ctx.tessellate(shapes, output.pixels_per_point));
    }
    let elapsed = start.elapsed();
    output.drop_without_applying_deltas(); // no GPU to upload font textures to
    elapsed
}

#[brook::cache_data]
/// `Session::handle` alone on the seed page, the same 300 events: what the
/// runner adds is the rest of the event → published figure.
fn handle_alone() -> Duration {
    let mut session = Session::new(
        vec![Page::new("Chart", slider_chart)],
        SessionOptions::default(),
    );
    let tree = session.handle(Vec::new()).tree;
    let Some(op1) = tree
        .widgets()
        .find(|w| w.key.as_deref() == Some("op1"))
        .map(|w| w.id.clone())
    else {
        return Duration::ZERO;
    };
    let mut times = Vec::new();
    for i in 0..300_i64 {
        let start = Instant::now();
        black_box(session.handle(vec![Event::SetValue {
            id: op1.clone(),
            value: WidgetValue::Int(i % 10 + 1),
        }]));
        times.push(start.elapsed());
    }
    median(&mut times)
}

/// Event → published tree → drawn: the real runner on its script thread,
/// woken the way the window is (the waker), then one frame of `draw`.
fn latency() {
    let (tx, rx) = mpsc::channel();
    let session = Session::new(
        vec![Page::new("Chart", slider_chart)],
        SessionOptions::default(),
    );
    let waker: brook::runner::Waker = Arc::new(move || {
        let _ = tx.send(());
    });
    // When the script thread takes each command: splits the figure into the
    // thread hand-off and the step itself.
    let took: Arc<std::sync::Mutex<Option<Instant>>> = Arc::default();
    let options = RunnerOptions {
        sync: Some({
            let took = took.clone();
            Arc::new(move |point| {
                if let SyncPoint::Took(_) = point
                    && let Ok(mut t) = took.lock()
                {
                    *t = Some(Instant::now());
                }
            })
        }),
        ..RunnerOptions::default()
    };
    let Ok(runner) = Runner::spawn(session, options, waker) else {
        println!("cannot start the runner");
        return;
    };
    let settled = |generation: u64| loop {
        let published = runner.published();
        if published.generation > generation && !published.running {
            return published;
        }
        if rx.recv().is_err() {
            return published;
        }
    };
    let mut published = settled(0);
    let Some(op1) = published
        .tree
        .widgets()
        .find(|w| w.key.as_deref() == Some("op1"))
        .map(|w| w.id.clone())
    else {
        println!("no op1 slider");
        return;
    };
    let ctx = egui::Context::default();
    let mut state = RenderState::default();
    let (mut publish, mut total, mut woken) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..300_i64 {
        if let Ok(mut t) = took.lock() {
            *t = None;
        }
        let start = Instant::now();
        runner.send(vec![Event::SetValue {
            id: op1.clone(),
            value: WidgetValue::Int(i % 10 + 1),
        }]);
        published = settled(published.generation);
        publish.push(start.elapsed());
        if let Some(t) = took.lock().ok().and_then(|t| *t) {
            woken.push(t.saturating_duration_since(start));
        }
        let view = View::new(&published.tree).generation(published.generation);
        frame(&ctx, true, |ui| {
            black_box(draw(ui, &view, &mut state));
        });
        total.push(start.elapsed());
    }
    let (p, t) = (median(&mut publish), median(&mut total));
    let w = median(&mut woken);
    let alone = handle_alone();
    let frame_budget = Duration::from_secs_f64(1.0 / 60.0);
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!();
    println!(
        "event -> tree published (median of 300, history up to 300 points): {:.1}µs",
        us(p)
    );
    println!(
        "  script thread woken after {:.1}µs; Session::handle alone (same page, same events): {:.1}µs; \
         the rest ({:.1}µs) is the step's two publications and waking this thread",
        us(w),
        us(alone),
        us(p.saturating_sub(w).saturating_sub(alone))
    );
    println!(
        "event -> new tree drawn, CPU side: {:.1}µs = {:.3} of a 60 Hz frame: shown in the next frame",
        t.as_secs_f64() * 1e6,
        t.as_secs_f64() / frame_budget.as_secs_f64()
    );
}

fn main() {
    // `cargo bench --bench render -- latency`: the runner figures only.
    if std::env::args().skip(1).any(|a| a == "latency") {
        latency();
        return;
    }
    println!(
        "{:>8}  {:>7}  {:>12}  {:>12}  {:>6}",
        "points", "what", "hand-written", "brook", "ratio"
    );
    for n in [10_usize, 1_000, 100_000] {
        let tree = common::slider_chart(n);
        for tessellate in [false, true] {
            let brook_ctx = egui::Context::default();
            let hand_ctx = egui::Context::default();
            let mut state = RenderState::default();
            let mut hand = HandWritten::new(&tree);
            let view = View::new(&tree).generation(1);

            let samples = if n >= 100_000 { 60 } else { 400 };
            let (mut b, mut h) = (Vec::new(), Vec::new());
            for i in 0..samples + 30 {
                // Alternate which goes first, so neither always runs on a
                // cache the other warmed.
                let mut brook_frame = || {
                    frame(&brook_ctx, tessellate, |ui| {
                        black_box(draw(ui, &view, &mut state));
                    })
                };
                let mut hand_frame = || frame(&hand_ctx, tessellate, |ui| hand.ui(ui));
                let (tb, th) = if i % 2 == 0 {
                    let tb = brook_frame();
                    (tb, hand_frame())
                } else {
                    let th = hand_frame();
                    (brook_frame(), th)
                };
                if i >= 30 {
                    // the first frames lay out fonts and fill caches
                    b.push(tb);
                    h.push(th);
                }
            }
            let (b, h) = (median(&mut b), median(&mut h));
            println!(
                "{:>8}  {:>7}  {:>10.1}µs  {:>10.1}µs  {:>5.2}x",
                n,
                if tessellate { "ui+tess" } else { "ui" },
                h.as_secs_f64() * 1e6,
                b.as_secs_f64() * 1e6,
                b.as_secs_f64() / h.as_secs_f64()
            );
        }
    }

    // A new publication converts the chart's points once (then frames borrow
    // them): the cost of the first frame of a new tree, all included.
    println!();
    println!("{:>8}  {:>26}", "points", "first frame of a new tree");
    for n in [10_usize, 1_000, 100_000] {
        let tree = common::slider_chart(n);
        let ctx = egui::Context::default();
        let mut state = RenderState::default();
        let mut samples = Vec::new();
        for generation in 0..60_u64 {
            let view = View::new(&tree).generation(generation);
            let t = frame(&ctx, true, |ui| {
                black_box(draw(ui, &view, &mut state));
            });
            if generation >= 10 {
                samples.push(t);
            }
        }
        println!(
            "{:>8}  {:>24.1}µs",
            n,
            median(&mut samples).as_secs_f64() * 1e6
        );
    }

    latency();
}
