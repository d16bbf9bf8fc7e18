//! Scale benchmarks (issue 17): what a large page costs per rerun, per
//! publication and per frame, and what a cache hit on a large input costs.
//! Every figure is printed next to a baseline measured in the same run.
//!
//! `cargo bench --bench scale` runs everything; `cargo bench --bench scale --
//! rerun` (or `publish`, `frame`, `first`, `cache`) one section. `-- profile
//! rerun 10000` repeats one workload for `valgrind --tool=callgrind` (also
//! `profile seed N`: the seed page; `profile sizes`: the tree's type sizes).
#![allow(clippy::unwrap_used, clippy::disallowed_methods, missing_docs)]

use std::hint::black_box;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use brook::cache::Hashed;
use brook::egui;
use brook::prelude::*;
use brook::render::{RenderState, View};
use brook::runner::{Published, Runner, RunnerOptions, SyncPoint};
use brook::session::{Page, Session, SessionOptions};
use brook::tree::{Event, WidgetId, WidgetValue};

#[path = "support/scale_frames.rs"]
mod frames;
#[path = "support/seed.rs"]
mod seed;
use frames::{bench_frame, frame, scroll_to_row, steady_frames_at};
use seed::slider_chart;

/// The page: `k` elements, half text, half keyed sliders.
fn long_page(k: usize) -> Page {
    Page::new("main", move |st: &mut St| {
        for i in 0..k / 2 {
            st.text(format!("Row {i}: the value below moves from 0 to 100"));
            st.add(Slider::new(format!("Value {i}"), 0..=100_i64).key(format!("v{i}")));
        }
    })
}

fn session(k: usize) -> (Session, WidgetId) {
    let mut s = Session::new(vec![long_page(k)], SessionOptions::default());
    s.handle(Vec::new());
    let id = s.tree().widgets().next().unwrap().id.clone();
    (s, id)
}

fn set(id: &WidgetId, v: i64) -> Vec<Event> {
    vec![Event::SetValue {
        id: id.clone(),
        value: WidgetValue::Int(v),
    }]
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn fmt(d: Duration) -> String {
    let ns = d.as_nanos();
    if ns < 10_000 {
        format!("{ns} ns")
    } else if ns < 10_000_000 {
        format!("{:.1} µs", ns as f64 / 1e3)
    } else {
        format!("{:.2} ms", ns as f64 / 1e6)
    }
}

/// Median time of one rerun (an event on the first slider) at `k`.
fn rerun_time(s: &mut Session, id: &WidgetId, samples: usize, iters: u32) -> Duration {
    let mut v = 0;
    let mut times = Vec::new();
    for _ in 0..samples {
        let t = Instant::now();
        for _ in 0..iters {
            v = (v + 1) % 100;
            black_box(s.handle(set(id, v)));
        }
        times.push(t.elapsed() / iters);
    }
    median(times)
}

fn bench_rerun() {
    println!(
        "\n### Rerun (`Session::handle`) per element, K elements (half text, half keyed sliders)\n"
    );
    println!("| K | rerun | per element | vs K = 100 | target |");
    println!("|---:|---:|---:|---:|---|");
    let sizes = [10_usize, 100, 1_000, 10_000];
    let mut sessions: Vec<_> = sizes.iter().map(|&k| session(k)).collect();
    // Interleave the sizes, several rounds, so load hits all alike.
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); sizes.len()];
    for _ in 0..7 {
        for (i, &k) in sizes.iter().enumerate() {
            let iters = (20_000 / k).clamp(3, 500) as u32;
            let (s, id) = &mut sessions[i];
            times[i].push(rerun_time(s, id, 3, iters));
        }
    }
    let per: Vec<f64> = times
        .iter()
        .zip(sizes)
        .map(|(t, k)| median(t.clone()).as_secs_f64() / k as f64)
        .collect();
    for (i, &k) in sizes.iter().enumerate() {
        let target = if k == 10_000 { "<= 1.1x" } else { "" };
        println!(
            "| {k} | {} | {:.0} ns | {:.2}x | {target} |",
            fmt(median(times[i].clone())),
            per[i] * 1e9,
            per[i] / per[1]
        );
    }
}

/// A runner on the long page, and its first slider's id.
struct Bench {
    runner: Runner,
    wakes: mpsc::Receiver<()>,
    /// One message each time the script thread is about to wait for a
    /// command (after a run and what follows it, e.g. freeing the old tree).
    idles: mpsc::Receiver<()>,
    idles_seen: u64,
    runs: u64,
    id: WidgetId,
}

impl Bench {
    fn new(k: usize) -> Self {
        let (tx, wakes) = mpsc::channel();
        let waker: brook::runner::Waker = Arc::new(move || {
            let _ = tx.send(());
        });
        let (idle_tx, idles) = mpsc::channel();
        let idle_tx = std::sync::Mutex::new(idle_tx);
        let options = RunnerOptions {
            sync: Some(Arc::new(move |point| {
                if point == SyncPoint::Idle {
                    let _ = idle_tx.lock().unwrap().send(());
                }
            })),
            ..RunnerOptions::default()
        };
        let session = Session::new(vec![long_page(k)], SessionOptions::default());
        let runner = Runner::spawn(session, options, waker).unwrap();
        let p = settled(&runner, &wakes, 0);
        let id = p.tree.widgets().next().unwrap().id.clone();
        let mut bench = Self {
            runner,
            wakes,
            idles,
            idles_seen: 0,
            runs: 1,
            id,
        };
        bench.wait_idle();
        bench
    }

    /// Waits until the script thread is idle, as it is when a user acts:
    /// events come tens of milliseconds apart, not back to back.
    fn wait_idle(&mut self) {
        // One idle before the first command, then one after each run.
        while self.idles_seen < self.runs + 1 {
            self.idles.recv().unwrap();
            self.idles_seen += 1;
        }
    }

    /// Sends a slider change and waits for the run's final tree.
    fn event(&mut self, v: i64) -> Arc<Published> {
        let generation = self.runner.published().generation;
        self.runner.send(set(&self.id, v));
        let p = settled(&self.runner, &self.wakes, generation);
        self.runs += 1;
        p
    }
}

/// Waits (on the waker) for the end of a run newer than `generation`,
/// acting as a 60 Hz window does: a wake-up during a run is a drawn frame
/// (at most one per 16.7 ms), after which the run may publish its next
/// partial tree.
fn settled(runner: &Runner, rx: &mpsc::Receiver<()>, generation: u64) -> Arc<Published> {
    let mut last_frame: Option<Instant> = None;
    loop {
        let p = runner.published();
        if p.generation > generation && !p.running {
            return p;
        }
        if p.running && last_frame.is_none_or(|t| t.elapsed() >= Duration::from_micros(16_667)) {
            last_frame = Some(Instant::now());
            runner.frame_drawn();
        }
        rx.recv().unwrap();
    }
}

/// Event sent → final tree published, through the real runner (script
/// thread, live publication on, a 60 Hz window), from an idle runner.
fn publish_time(bench: &mut Bench, n: usize) -> Duration {
    let mut times = Vec::new();
    for i in 0..n {
        bench.wait_idle();
        let t = Instant::now();
        let p = bench.event((i % 100) as i64);
        times.push(t.elapsed());
        drop(p);
    }
    median(times)
}

fn bench_publish() {
    println!("\n### Event → tree published (real runner) vs `Session::handle` alone\n");
    println!("| K | handle | event → published | ratio (rounds) | target |");
    println!("|---:|---:|---:|---:|---|");
    for k in [100_usize, 10_000] {
        let n = if k >= 10_000 { 15 } else { 201 };
        let (mut s, sid) = session(k);
        let mut bench = Bench::new(k);
        let (mut a, mut b, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
        // The two alternate event by event, so that both see the same load;
        // the ratio is taken per round (paired), then its median.
        for _ in 0..7 {
            let (mut ra, mut rb) = (Vec::new(), Vec::new());
            for _ in 0..n {
                ra.push(rerun_time(&mut s, &sid, 1, 1));
                rb.push(publish_time(&mut bench, 1));
            }
            let (ra, rb) = (median(ra), median(rb));
            ratios.push(rb.as_secs_f64() / ra.as_secs_f64());
            a.push(ra);
            b.push(rb);
        }
        let (a, b) = (median(a), median(b));
        ratios.sort_by(f64::total_cmp);
        let target = if k == 10_000 { "<= 1.1x" } else { "" };
        println!(
            "| {k} | {} | {} | {:.2}x ({:.2}–{:.2}x) | {target} |",
            fmt(a),
            fmt(b),
            ratios[ratios.len() / 2],
            ratios[0],
            ratios[ratios.len() - 1]
        );
    }
}

/// Event → the new tree drawn: the real runner, then one frame of the
/// tree it published (what a window does when woken), the page scrolled to
/// its middle as a user reading it would be.
fn first_frame_times(k: usize, n: usize) -> (Vec<Duration>, Vec<Duration>) {
    let mut bench = Bench::new(k);
    let ctx = egui::Context::default();
    let mut state = RenderState::default();
    let p = bench.runner.published();
    let view = View::new(&p.tree).generation(p.generation);
    scroll_to_row(&ctx, &view, &mut state, k / 4);
    drop(p);
    let (mut published, mut drawn) = (Vec::new(), Vec::new());
    for i in 0..n {
        bench.wait_idle();
        let t = Instant::now();
        let p = bench.event((i % 100) as i64);
        published.push(t.elapsed());
        let view = View::new(&p.tree).generation(p.generation);
        frame(&ctx, &view, &mut state, Vec::new());
        drawn.push(t.elapsed());
    }
    (published, drawn)
}

fn bench_first() {
    println!(
        "\n### Event → first frame of the new tree drawn (real runner, then `draw` + tessellation)\n"
    );
    println!("| K | rerun alone | event → published | event → drawn | target |");
    println!("|---:|---:|---:|---:|---|");
    for k in [100_usize, 10_000] {
        let n = if k >= 10_000 { 15 } else { 101 };
        let (mut s, sid) = session(k);
        let (mut r, mut p, mut d) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..3 {
            r.push(rerun_time(&mut s, &sid, n, 1));
            let (a, b) = first_frame_times(k, n);
            p.extend(a);
            d.extend(b);
        }
        let target = if k == 10_000 { "<= 10 ms" } else { "" };
        println!(
            "| {k} | {} | {} | {} | {target} |",
            fmt(median(r)),
            fmt(median(p)),
            fmt(median(d))
        );
    }
}

#[brook::cache_data]
fn sum_shared(xs: Hashed<Vec<f64>>) -> f64 {
    xs.iter().sum()
}

#[brook::cache_data]
fn sum_plain(xs: &[f64]) -> f64 {
    xs.iter().sum()
}

/// Medians of `case` and `baseline`, sampled alternately so that both see
/// the same machine load.
fn alternate(
    samples: usize,
    mut case: impl FnMut(),
    mut baseline: impl FnMut(),
) -> (Duration, Duration) {
    case();
    baseline();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..samples {
        let t = Instant::now();
        case();
        a.push(t.elapsed());
        let t = Instant::now();
        baseline();
        b.push(t.elapsed());
    }
    (median(a), median(b))
}

fn bench_cache() {
    println!(
        "\n### Cache hit with an 80 MB argument (1e7 `f64`), against raw blake3 of its bytes\n"
    );
    println!("| case | time | raw blake3 (multithreaded) | ratio | target |");
    println!("|---|---:|---:|---:|---|");
    let n = 10_000_000;
    let mut data = Hashed::new((0..n).map(|i| i as f64).collect::<Vec<f64>>());
    let bytes = data
        .iter()
        .flat_map(|x| x.to_le_bytes())
        .collect::<Vec<u8>>();
    let raw = || {
        let mut h = blake3::Hasher::new();
        h.update_rayon(black_box(&bytes));
        black_box(h.finalize());
    };
    // Unchanged: the same shared value again and again (1,000 calls per
    // sample).
    let (unchanged, raw1) = alternate(
        15,
        || {
            for _ in 0..1_000 {
                black_box(sum_shared(data.clone()));
            }
        },
        raw,
    );
    let unchanged = unchanged / 1_000;
    println!(
        "| hit, unchanged `Hashed<Vec<f64>>` | {} | {} | {:.5}x | <= 10 µs |",
        fmt(unchanged),
        fmt(raw1),
        unchanged.as_secs_f64() / raw1.as_secs_f64()
    );
    // Changed: one element flips between two values before each call, so
    // each call hashes the whole value again (and hits: both are cached).
    let mut flip = false;
    let (changed, raw2) = alternate(
        15,
        || {
            flip = !flip;
            data.make_mut()[n / 2] = if flip { -1.0 } else { (n / 2) as f64 };
            black_box(sum_shared(data.clone()));
        },
        raw,
    );
    println!(
        "| hit, `Hashed` changed before each call | {} | {} | {:.2}x | <= 1.2x |",
        fmt(changed),
        fmt(raw2),
        changed.as_secs_f64() / raw2.as_secs_f64()
    );
    // The same 80 MB as a plain slice: hashed in full on every hit.
    let plain = data.get().clone();
    let (plain_hit, raw3) = alternate(
        15,
        || {
            black_box(sum_plain(&plain));
        },
        raw,
    );
    println!(
        "| hit, plain `&[f64]` (hashed in full on every call) | {} | {} | {:.2}x |  |",
        fmt(plain_hit),
        fmt(raw3),
        plain_hit.as_secs_f64() / raw3.as_secs_f64()
    );
}

fn profile(args: &[String]) {
    let what = args.first().map_or("rerun", String::as_str);
    let k: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let n: u32 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(20);
    match what {
        "rerun" => {
            let (mut s, id) = session(k);
            let t = Instant::now();
            for v in 0..n {
                black_box(s.handle(set(&id, i64::from(v % 100))));
            }
            println!("{n} reruns at K = {k}: {}", fmt(t.elapsed() / n));
        }
        "publish" => {
            let mut bench = Bench::new(k);
            let t = publish_time(&mut bench, n as usize);
            println!("{n} events at K = {k}: {}", fmt(t));
        }
        "frame" => {
            let row = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(k / 4);
            let (t, texts) = steady_frames_at(k, row, n as usize);
            println!(
                "{n} frames at K = {k}: {} ({} texts)",
                fmt(median(t)),
                texts.len()
            );
            if std::env::var_os("SHOW_TEXTS").is_some() {
                println!("{texts:?}");
            }
        }
        "seed" => {
            // The seed page (benches/core.rs), its history reset to 1,000
            // points before each rerun: the core bench's middle case.
            let mut s = Session::new(
                vec![Page::new("main", slider_chart)],
                SessionOptions::default(),
            );
            s.handle(Vec::new());
            let id = s.tree().widgets().nth(1).unwrap().id.clone();
            let t = Instant::now();
            for v in 0..n {
                s.state_mut()
                    .set("operand_slider_history", (0..1_000_i64).collect::<Vec<_>>());
                black_box(s.handle(set(&id, i64::from(v % 10 + 1))));
            }
            println!("{n} seed reruns: {}", fmt(t.elapsed() / n));
        }
        "sizes" => {
            use brook::tree::{
                ChatSpec, DateSpec, Element, FilesSpec, Node, WidgetLook, WidgetNode, WidgetSpec,
            };
            println!(
                "Node {} B, Element {} B, WidgetNode {} B, WidgetId {} B, WidgetSpec {} B, \
                 WidgetValue {} B, WidgetLook {} B, DateSpec {} B, FilesSpec {} B, ChatSpec {} B",
                size_of::<Node>(),
                size_of::<Element>(),
                size_of::<WidgetNode>(),
                size_of::<WidgetId>(),
                size_of::<WidgetSpec>(),
                size_of::<WidgetValue>(),
                size_of::<WidgetLook>(),
                size_of::<DateSpec>(),
                size_of::<FilesSpec>(),
                size_of::<ChatSpec>()
            );
        }
        other => println!("unknown workload {other}"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if args.first().map(String::as_str) == Some("profile") {
        profile(&args[1..]);
        return;
    }
    let all = args.is_empty();
    let on = |name: &str| all || args.iter().any(|a| a == name);
    println!("brook scale benchmarks (medians; baselines measured in the same run)");
    if on("rerun") {
        bench_rerun();
    }
    if on("publish") {
        bench_publish();
    }
    if on("frame") {
        bench_frame();
    }
    if on("first") {
        bench_first();
    }
    if on("cache") {
        bench_cache();
    }
}
