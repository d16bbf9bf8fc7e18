//! The frame section of the scale benchmarks (`benches/scale.rs`): a long
//! page drawn headlessly (run_ui + tessellation), scrolled exactly, against
//! the same page of 100 elements and against drawing every element.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use brook::egui;
use brook::render::{RenderState, View, draw};

use super::{fmt, median, session, set};

pub(super) fn input(events: Vec<egui::Event>) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1024.0, 768.0),
        )),
        events,
        ..Default::default()
    }
}

/// One frame of `draw` (run_ui + tessellation); returns its time and the
/// texts it drew.
pub(super) fn frame(
    ctx: &egui::Context,
    view: &View<'_>,
    state: &mut RenderState,
    events: Vec<egui::Event>,
) -> (Duration, Vec<String>) {
    let start = Instant::now();
    let mut output = ctx.run_ui(input(events), |ui| {
        black_box(draw(ui, view, state));
    });
    let shapes = std::mem::take(&mut output.shapes);
    if std::env::var_os("SHOW_SHAPES").is_some() {
        for s in &shapes {
            if !matches!(s.shape, egui::Shape::Text(_)) {
                println!("{:?} {:?}", s.clip_rect, s.shape.visual_bounding_rect());
            }
        }
    }
    let texts = shapes
        .iter()
        .filter_map(|s| match &s.shape {
            egui::Shape::Text(t) => Some(t.galley.text().to_owned()),
            _ => None,
        })
        .collect::<Vec<_>>();
    black_box(ctx.tessellate(shapes, output.pixels_per_point));
    let elapsed = start.elapsed();
    output.drop_without_applying_deltas();
    (elapsed, texts)
}

/// The tree of the long page at `k`.
fn tree(k: usize) -> Arc<brook::tree::Tree> {
    session(k).0.tree().clone()
}

/// Advance of one row of the long page (a text, a label, a slider), in
/// points at the default style.
const ROW: f32 = 105.75;

/// Scrolls the main area down by `points`, exactly: a touch-pad gesture
/// (start, move, then end), which egui applies without smoothing.
fn scroll_by(ctx: &egui::Context, view: &View<'_>, state: &mut RenderState, points: f32) {
    let pointer = egui::Event::PointerMoved(egui::pos2(500.0, 400.0));
    let wheel = |phase, delta: f32| egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -delta),
        phase,
        modifiers: egui::Modifiers::NONE,
        source: egui::MouseWheelSource::Unknown,
    };
    frame(ctx, view, state, vec![pointer.clone()]);
    frame(
        ctx,
        view,
        state,
        vec![
            pointer.clone(),
            wheel(egui::TouchPhase::Start, 0.0),
            wheel(egui::TouchPhase::Move, points),
        ],
    );
    // The end in a later frame: it drops what was not applied yet.
    frame(
        ctx,
        view,
        state,
        vec![pointer.clone(), wheel(egui::TouchPhase::End, 0.0)],
    );
    for _ in 0..5 {
        frame(ctx, view, state, vec![pointer.clone()]);
    }
}

/// Scrolls the page so that row `row` is at the top.
pub(super) fn scroll_to_row(
    ctx: &egui::Context,
    view: &View<'_>,
    state: &mut RenderState,
    row: usize,
) {
    scroll_by(ctx, view, state, row as f32 * ROW);
}

/// Frames of a page scrolled to its middle, each showing a newly published
/// tree (a rerun's: same page, new allocation, next generation).
fn new_tree_frames(k: usize, n: usize) -> Vec<Duration> {
    let (mut s, id) = session(k);
    let ctx = egui::Context::default();
    let mut state = RenderState::default();
    let first = s.tree().clone();
    scroll_to_row(&ctx, &View::new(&first).generation(1), &mut state, k / 4);
    let mut times = Vec::new();
    for g in 0..n as u64 {
        let tree = s.handle(set(&id, (g % 100) as i64)).tree;
        let view = View::new(&tree).generation(g + 2);
        times.push(frame(&ctx, &view, &mut state, Vec::new()).0);
    }
    times
}

/// Steady frames of a page scrolled to its middle.
fn steady_frames(k: usize, n: usize) -> (Vec<Duration>, Vec<String>) {
    steady_frames_at(k, k / 4, n)
}

/// Steady frames of a page scrolled to row `row`.
pub(super) fn steady_frames_at(k: usize, row: usize, n: usize) -> (Vec<Duration>, Vec<String>) {
    steady_frames_culled(k, row, n, true)
}

/// Steady frames of a page scrolled to row `row`, drawing only what is in
/// sight or (`culling` off, the baseline) every element.
fn steady_frames_culled(
    k: usize,
    row: usize,
    n: usize,
    culling: bool,
) -> (Vec<Duration>, Vec<String>) {
    let tree = tree(k);
    let ctx = egui::Context::default();
    let mut state = RenderState::default();
    state.set_culling(culling);
    let view = View::new(&tree).generation(1);
    scroll_to_row(&ctx, &view, &mut state, row);
    let mut times = Vec::new();
    let mut texts = Vec::new();
    for _ in 0..n {
        let (t, x) = frame(&ctx, &view, &mut state, Vec::new());
        times.push(t);
        texts = x;
    }
    (times, texts)
}

pub(super) fn bench_frame() {
    println!("\n### Steady frame, page scrolled to its middle (run_ui + tessellation, 1024x768)\n");
    println!("| K | frame | vs K = 100 | rows drawn | first frame of a new tree | target |");
    println!("|---:|---:|---:|---|---:|---|");
    let sizes = [100_usize, 1_000, 10_000];
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); sizes.len()];
    let mut fresh: Vec<Vec<Duration>> = vec![Vec::new(); sizes.len()];
    let mut drawn = vec![String::new(); sizes.len()];
    for _ in 0..5 {
        for (i, &k) in sizes.iter().enumerate() {
            let (t, texts) = steady_frames(k, 60);
            times[i].extend(t);
            fresh[i].extend(new_tree_frames(k, if k >= 10_000 { 5 } else { 20 }));
            let rows: Vec<&str> = texts
                .iter()
                .filter(|t| t.starts_with("Row "))
                .map(|t| t.split(':').next().unwrap_or(""))
                .collect();
            drawn[i] = format!(
                "{} ({} to {})",
                rows.len(),
                rows.first().unwrap_or(&""),
                rows.last().unwrap_or(&"")
            );
        }
    }
    // The baseline: the same 10,000-element frame drawing every element,
    // as brook did before (and hand-written egui does).
    let mut all = Vec::new();
    for _ in 0..3 {
        all.extend(steady_frames_culled(10_000, 2_500, 5, false).0);
    }
    let base = median(times[0].clone());
    for (i, &k) in sizes.iter().enumerate() {
        let t = median(times[i].clone());
        let target = if k == 10_000 { "<= 1.2x" } else { "" };
        println!(
            "| {k} | {} | {:.2}x | {} | {} | {target} |",
            fmt(t),
            t.as_secs_f64() / base.as_secs_f64(),
            drawn[i],
            fmt(median(fresh[i].clone()))
        );
    }
    let all = median(all);
    println!(
        "| 10000, every element drawn | {} | {:.2}x | all | |  |",
        fmt(all),
        all.as_secs_f64() / base.as_secs_f64()
    );
}
