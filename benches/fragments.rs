//! Fragment benchmarks: a fragment rerun on a page whose main body is slow
//! (it must not depend on the body), a fragment rerun with live publication
//! on vs off, and what a window with a `run_every` fragment costs while
//! nobody touches it. Every figure is printed with a baseline measured in
//! the same run.
//!
//! `cargo bench --bench fragments` (all), or `-- rerun`, `-- live`, `-- idle`
#![allow(clippy::unwrap_used, clippy::disallowed_methods, missing_docs)]

use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use brook::prelude::*;
use brook::render::{RenderState, View, draw};
use brook::runner::{Runner, RunnerOptions};
use brook::session::{Page, Session, SessionOptions};
use brook::tree::Event;

/// Median of `samples` samples of `iters` iterations each.
fn measure(iters: u32, samples: usize, mut f: impl FnMut()) -> Duration {
    for _ in 0..iters.min(50) {
        f();
    }
    let mut times: Vec<Duration> = (0..samples)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..iters {
                f();
            }
            t.elapsed() / iters
        })
        .collect();
    times.sort();
    times[samples / 2]
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

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-12)
}

// ---- 1. A fragment rerun does not depend on the page around it ---------------

/// The fragment: a button, a counter and a small chart.
fn counter_fragment(st: &mut St) -> brook::Result<()> {
    st.state().init("clicks", || 0_i64);
    if st.button("Count") {
        st.state().update("clicks", |n: &mut i64| *n += 1)?;
    }
    let n: i64 = st.state().get("clicks")?;
    st.text(format!("clicked {n} times"));
    st.line_chart(&[1.0, 3.0, 2.0, 5.0, n as f64]);
    Ok(())
}

/// A page whose main body costs `body` (a slow query), around the fragment.
fn page(body: Duration) -> Page {
    Page::new("main", move |st: &mut St| -> brook::Result<()> {
        st.title("A report");
        if !body.is_zero() {
            std::thread::sleep(body);
        }
        st.text("the slow part is done");
        st.fragment(counter_fragment);
        st.caption("footer");
        Ok(())
    })
}

fn session(body: Duration) -> (Session, Event) {
    let mut s = Session::new(vec![page(body)], SessionOptions::default());
    s.handle(Vec::new());
    let id = s
        .tree()
        .widgets()
        .find(|w| w.label == "Count")
        .unwrap()
        .id
        .clone();
    (s, Event::Click { id })
}

/// Event in, the fragment's new tree out, through the session (the step
/// the script thread performs).
fn step_time(body: Duration) -> Duration {
    let (mut s, click) = session(body);
    measure(200, 31, || {
        let report = s.handle(vec![click.clone()]);
        assert_eq!(report.executions.len(), 1);
        black_box(report.tree);
    })
}

/// Event in, the fragment's new tree published, through the real runner on
/// its script thread: `send` until the waker reports the publication that
/// carries the new count.
fn runner_time(body: Duration) -> Duration {
    let (tx, rx) = mpsc::channel::<()>();
    let tx = Mutex::new(tx);
    let waker = Arc::new(move || {
        let _ = tx.lock().unwrap().send(());
    });
    let runner = Runner::spawn(
        Session::new(vec![page(body)], SessionOptions::default()),
        RunnerOptions::default(),
        waker,
    )
    .unwrap();
    // The first (full) run.
    while runner.published().tree.widgets().next().is_none() || runner.is_running() {
        rx.recv_timeout(Duration::from_secs(5)).unwrap();
    }
    let id = runner
        .published()
        .tree
        .widgets()
        .find(|w| w.label == "Count")
        .unwrap()
        .id
        .clone();
    let mut clicks = 0_i64;
    let mut times = Vec::new();
    for i in 0..400 {
        while rx.try_recv().is_ok() {}
        let t = Instant::now();
        runner.send(vec![Event::Click { id: id.clone() }]);
        clicks += 1;
        let want = format!("clicked {clicks} times");
        loop {
            rx.recv_timeout(Duration::from_secs(5)).unwrap();
            let p = runner.published();
            if p.tree
                .walk()
                .any(|n| matches!(&n.element, brook::tree::Element::Text { body } if *body == want))
            {
                break;
            }
        }
        if i >= 50 {
            times.push(t.elapsed());
        }
    }
    times.sort();
    times[times.len() / 2]
}

fn bench_fragment_rerun() {
    println!("\n### A fragment rerun on a page whose main body costs 50 ms\n");
    println!("| case | slow page (50 ms body) | same fragment, trivial body | ratio | target |");
    println!("|---|---|---|---|---|");
    let slow = Duration::from_millis(50);
    // Alternate the two cases so that load on the machine hits both alike.
    let (mut s_slow, mut s_fast, mut r_slow, mut r_fast) = (vec![], vec![], vec![], vec![]);
    for _ in 0..3 {
        s_slow.push(step_time(slow));
        s_fast.push(step_time(Duration::ZERO));
        r_slow.push(runner_time(slow));
        r_fast.push(runner_time(Duration::ZERO));
    }
    let med = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let (ss, sf, rs, rf) = (
        med(&mut s_slow),
        med(&mut s_fast),
        med(&mut r_slow),
        med(&mut r_fast),
    );
    println!(
        "| session step: event in, new tree out | {} | {} | {:.2}x | < 100 µs, ≤ 1.1x |",
        fmt(ss),
        fmt(sf),
        ratio(ss, sf)
    );
    println!(
        "| real runner: send, until the new tree is published | {} | {} | {:.2}x | < 100 µs, ≤ 1.1x |",
        fmt(rs),
        fmt(rf),
        ratio(rs, rf)
    );
    // For scale: what the same click costs when it reruns the whole page.
    let (mut s, _) = session(slow);
    let full = measure(3, 5, || {
        black_box(s.handle(vec![Event::Rerun]));
    });
    println!(
        "| for scale: a full rerun of the slow page | {} | | {:.0}x the fragment rerun | |",
        fmt(full),
        ratio(full, ss)
    );
}

// ---- 2. Live publication during a fragment rerun -------------------------------

/// The page of section 1 (trivial body) whose fragment, when `frame` is
/// given, starts by reporting a frame drawn by the window: as if a window
/// drew while every fragment run was in progress.
fn live_page(frame: Option<Arc<brook::session::Live>>) -> Page {
    Page::new("main", move |st: &mut St| -> brook::Result<()> {
        st.title("A report");
        st.text("the slow part is done");
        let frame = frame.clone();
        st.fragment(move |st| {
            if let Some(sink) = &frame {
                sink.ready();
            }
            counter_fragment(st)
        });
        st.caption("footer");
        Ok(())
    })
}

/// Event in, new tree out, with live publication on or off. `during`: the
/// window draws a frame during every run (one partial tree per run);
/// otherwise between runs only (a click in a fragment that reruns in
/// microseconds: no window could show a partial tree of it).
fn live_step_time(live: bool, during: bool) -> Duration {
    let sink = brook::session::Live::new(|t| {
        black_box(t);
    });
    let mut s = Session::new(
        vec![live_page(during.then(|| sink.clone()))],
        SessionOptions::default(),
    );
    s.handle(Vec::new());
    let click = Event::Click {
        id: s
            .tree()
            .widgets()
            .find(|w| w.label == "Count")
            .unwrap()
            .id
            .clone(),
    };
    s.set_live(live.then(|| sink.clone()));
    measure(200, 31, || {
        sink.ready(); // the window drew a frame since the last run
        let report = s.handle(vec![click.clone()]);
        assert_eq!(report.executions.len(), 1);
        black_box(report.tree);
    })
}

fn bench_live_fragment_rerun() {
    println!("\n### A fragment rerun with live publication on vs off\n");
    println!("| case | live on | live off | ratio | target |");
    println!("|---|---|---|---|---|");
    for (name, during, target) in [
        (
            "click in the fragment, the window drawing between runs",
            false,
            "<= 1.05x",
        ),
        (
            "the same, the window drawing a frame during every run (one partial tree per run)",
            true,
            "",
        ),
    ] {
        // Interleaved so that load on the machine hits both alike.
        let (mut on, mut off) = (Vec::new(), Vec::new());
        for _ in 0..5 {
            off.push(live_step_time(false, during));
            on.push(live_step_time(true, during));
        }
        on.sort();
        off.sort();
        let (on, off) = (on[2], off[2]);
        println!(
            "| {name} | {} | {} | {:.2}x | {target} |",
            fmt(on),
            fmt(off),
            ratio(on, off)
        );
    }
}

// ---- 3. A window with a run_every fragment and no input ----------------------

static FULL_RUNS: AtomicUsize = AtomicUsize::new(0);
static FRAGMENT_RUNS: AtomicUsize = AtomicUsize::new(0);

fn ticking_page(every: Option<&'static str>) -> Page {
    Page::new("main", move |st: &mut St| {
        FULL_RUNS.fetch_add(1, Ordering::SeqCst);
        st.title("Live");
        let mut f = Fragment::new(|st| {
            FRAGMENT_RUNS.fetch_add(1, Ordering::SeqCst);
            let n = st.state().get_or("n", 0_i64).unwrap_or(0) + 1;
            st.state().set("n", n);
            let points: Vec<f64> = (0..100).map(|i| ((i + n) as f64 / 7.0).sin()).collect();
            st.line_chart(&points);
            st.text(format!("update {n}"));
        });
        if let Some(every) = every {
            f = f.run_every(every);
        }
        st.add(f);
    })
}

/// Counts what a window would do for `secs` seconds with nobody touching
/// it: the runner on its thread, and an egui frame loop that draws only
/// when woken by the runner or asked by egui itself (`repaint_delay`), as
/// eframe does. Returns (frames, fragment runs, full runs, wakes).
fn idle_window(every: Option<&'static str>, secs: f64) -> (usize, usize, usize, usize) {
    let (tx, rx) = mpsc::channel::<()>();
    let tx = Mutex::new(tx);
    let wakes = Arc::new(AtomicUsize::new(0));
    let w = wakes.clone();
    let waker = Arc::new(move || {
        w.fetch_add(1, Ordering::SeqCst);
        let _ = tx.lock().unwrap().send(());
    });
    let runner = Runner::spawn(
        Session::new(vec![ticking_page(every)], SessionOptions::default()),
        RunnerOptions::default(),
        waker,
    )
    .unwrap();
    let ctx = egui::Context::default();
    let mut state = RenderState::default();
    let start = Instant::now();
    let mut frame = |count: bool, frames: &mut usize| -> Duration {
        let published = runner.published();
        let input = egui::RawInput {
            time: Some(start.elapsed().as_secs_f64()),
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(960.0, 720.0),
            )),
            ..Default::default()
        };
        let out = ctx.run_ui(input, |ui| {
            let view = View::new(&published.tree).generation(published.generation);
            black_box(draw(ui, &view, &mut state));
        });
        if count {
            *frames += 1;
        }
        let delay = out
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .map_or(Duration::MAX, |v| v.repaint_delay);
        out.drop_without_applying_deltas();
        delay
    };
    // Settle: the first run, and the frames that show it.
    let mut ignored = 0;
    let mut delay = frame(false, &mut ignored);
    let settle = Instant::now() + Duration::from_millis(500);
    while Instant::now() < settle {
        let wait = delay.min(settle.saturating_duration_since(Instant::now()));
        if rx.recv_timeout(wait).is_ok() || wait == delay {
            delay = frame(false, &mut ignored);
        }
    }
    let (full0, frag0, wakes0) = (
        FULL_RUNS.load(Ordering::SeqCst),
        FRAGMENT_RUNS.load(Ordering::SeqCst),
        wakes.load(Ordering::SeqCst),
    );
    let mut frames = 0;
    let end = Instant::now() + Duration::from_secs_f64(secs);
    loop {
        let now = Instant::now();
        if now >= end {
            break;
        }
        let left = end - now;
        let wait = delay.min(left);
        match rx.recv_timeout(wait) {
            Ok(()) => delay = frame(true, &mut frames),
            Err(_) if wait == delay => delay = frame(true, &mut frames),
            Err(_) => {}
        }
    }
    drop(runner);
    (
        frames,
        FRAGMENT_RUNS.load(Ordering::SeqCst) - frag0,
        FULL_RUNS.load(Ordering::SeqCst) - full0,
        wakes.load(Ordering::SeqCst) - wakes0,
    )
}

fn bench_idle_window() {
    println!("\n### A window with one `run_every(\"1s\")` fragment and no input, over 10 s\n");
    println!(
        "| case | frames / s | fragment runs / s | full runs | runner wake-ups / s | target |"
    );
    println!("|---|---|---|---|---|---|");
    let secs = 10.0;
    for (name, every, target) in [
        (
            "one `run_every(\"1s\")` fragment",
            Some("1s"),
            "1 fragment run/s, a few frames/s, 0 full runs",
        ),
        ("baseline: the same page, no timer", None, "0 frames"),
    ] {
        let (frames, frag, full, wakes) = idle_window(every, secs);
        println!(
            "| {name} | {:.1} | {:.1} | {full} | {:.1} | {target} |",
            frames as f64 / secs,
            frag as f64 / secs,
            wakes as f64 / secs,
        );
    }
}

fn main() {
    let only = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let run = |name: &str| only.as_deref().is_none_or(|o| name.contains(o));
    if run("rerun") {
        bench_fragment_rerun();
    }
    if run("live") {
        bench_live_fragment_rerun();
    }
    if run("idle") {
        bench_idle_window();
    }
}
