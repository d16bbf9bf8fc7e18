//! Core benchmarks: a rerun of the seed slider-chart page, the cost of
//! unrelated keys in session state, and state get/set. Every figure is
//! printed with a baseline measured in the same run.
//!
//! `cargo bench --bench core`
#![allow(clippy::unwrap_used, clippy::disallowed_methods, missing_docs)]

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use brook::prelude::*;
use brook::session::{Page, Session, SessionOptions};
use brook::tree::{Event, WidgetValue};

#[path = "support/seed.rs"]
mod seed;
use seed::{multiply, slider_chart};

/// Median time per iteration over `samples` samples of `iters` iterations.
fn measure(iters: u32, samples: usize, f: impl FnMut()) -> Duration {
    measure_with_reset(iters, samples, || {}, f)
}

/// Like [`measure`], calling `reset` (untimed) before each sample.
fn measure_with_reset(
    iters: u32,
    samples: usize,
    mut reset: impl FnMut(),
    mut f: impl FnMut(),
) -> Duration {
    reset();
    for _ in 0..iters.min(100) {
        f();
    }
    let mut times: Vec<Duration> = (0..samples)
        .map(|_| {
            reset();
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

fn report(name: &str, value: Duration, baseline_name: &str, baseline: Duration, target: &str) {
    let ratio = value.as_secs_f64() / baseline.as_secs_f64().max(1e-12);
    println!(
        "| {name} | {} | {baseline_name}: {} | {ratio:.2}x | {target} |",
        fmt(value),
        fmt(baseline)
    );
}

fn session_with_history(n: usize) -> (Session, Event) {
    let mut session = Session::new(
        vec![Page::new("main", slider_chart)],
        SessionOptions::default(),
    );
    session.state_mut().set(
        "operand_slider_history",
        (0..n as i64).collect::<Vec<i64>>(),
    );
    session.handle(Vec::new());
    let id = session
        .tree()
        .widgets()
        .find(|w| w.label == "Operand 1")
        .unwrap()
        .id
        .clone();
    (
        session,
        Event::SetValue {
            id,
            value: WidgetValue::Int(5),
        },
    )
}

/// The same work without brook: a map of values, the history push and copy,
/// and the chart points.
fn baseline_page(state: &mut HashMap<String, Vec<i64>>, op1: i64, op2: i64) -> Vec<[f64; 2]> {
    let h = state.get_mut("history").unwrap();
    h.push(multiply(op1, op2));
    let copy = h.clone();
    copy.iter()
        .enumerate()
        .map(|(i, y)| [i as f64, *y as f64])
        .collect()
}

fn bench_rerun() {
    println!("\n### Rerun of the seed slider-chart page (event in, tree published)\n");
    println!("| case | brook | baseline (same work, no framework) | ratio | target |");
    println!("|---|---|---|---|---|");
    for n in [10_usize, 1_000, 100_000] {
        // Each run appends one point: reset the history to n points before
        // each (short) sample so its size stays ~n.
        let iters = 20;
        let (session, event) = session_with_history(n);
        let session = std::cell::RefCell::new(session);
        let history: Vec<i64> = (0..n as i64).collect();
        let brook = measure_with_reset(
            iters,
            31,
            || {
                session
                    .borrow_mut()
                    .state_mut()
                    .set("operand_slider_history", history.clone());
            },
            || {
                let report = session.borrow_mut().handle(vec![event.clone()]);
                black_box(report.tree);
            },
        );
        let state = std::cell::RefCell::new(HashMap::new());
        let base = measure_with_reset(
            iters,
            31,
            || {
                state
                    .borrow_mut()
                    .insert("history".to_owned(), history.clone());
            },
            || {
                black_box(baseline_page(&mut state.borrow_mut(), 5, 1));
            },
        );
        let target = if n == 1_000 { "< 100 µs" } else { "" };
        report(
            &format!("history of {n}"),
            brook,
            "plain Rust",
            base,
            target,
        );
    }
}

/// Issue 12: the seed page's rerun with live publication on (a window that
/// draws a frame between runs; only frames drawn during a run make it
/// publish a partial tree, so this measures the sink's bookkeeping) vs off.
/// `benches/fragments.rs` also measures a frame drawn during every run.
fn bench_live() {
    println!("\n### Seed page rerun (history of 1,000) with live publication on vs off\n");
    println!("| case | brook | baseline | ratio | target |");
    println!("|---|---|---|---|---|");
    let history: Vec<i64> = (0..1_000).collect();
    let run = |live: bool| {
        let (mut session, event) = session_with_history(1_000);
        let sink = live.then(|| {
            brook::session::Live::new(|t| {
                black_box(t);
            })
        });
        session.set_live(sink.clone());
        let session = std::cell::RefCell::new(session);
        measure_with_reset(
            20,
            31,
            || {
                session
                    .borrow_mut()
                    .state_mut()
                    .set("operand_slider_history", history.clone());
                if let Some(sink) = &sink {
                    sink.ready(); // the window drew a frame since the last run
                }
            },
            || {
                let report = session.borrow_mut().handle(vec![event.clone()]);
                black_box(report.tree);
            },
        )
    };
    // Interleave the two so load changes hit both alike.
    let mut on = Vec::new();
    let mut off = Vec::new();
    for _ in 0..5 {
        off.push(run(false));
        on.push(run(true));
    }
    on.sort();
    off.sort();
    report("live on", on[2], "live off", off[2], "<= 1.05x");
}

fn noop_page(st: &mut St) {
    st.state().init("n", || 0_i64);
    st.state().update("n", |n: &mut i64| *n += 1).unwrap();
    st.slider("x", 0..=10);
    st.text("hello");
}

fn bench_unrelated_keys() {
    println!("\n### A run with 10,000 unrelated keys in session state vs none\n");
    println!("| case | brook | baseline | ratio | target |");
    println!("|---|---|---|---|---|");
    let make = |keys: usize| {
        let mut s = Session::new(
            vec![Page::new("main", noop_page)],
            SessionOptions::default(),
        );
        for i in 0..keys {
            s.state_mut().set(&format!("unrelated_{i}"), i as i64);
        }
        s.handle(Vec::new());
        s
    };
    let mut empty = make(0);
    let mut full = make(10_000);
    // Interleave samples so drift affects both alike.
    let mut t_empty = Vec::new();
    let mut t_full = Vec::new();
    for _ in 0..9 {
        t_empty.push(measure(2_000, 1, || {
            black_box(empty.handle(Vec::new()));
        }));
        t_full.push(measure(2_000, 1, || {
            black_box(full.handle(Vec::new()));
        }));
    }
    t_empty.sort();
    t_full.sort();
    report(
        "run with 10,000 keys",
        t_full[4],
        "0 keys",
        t_empty[4],
        "<= 1.1x",
    );
}

fn bench_state_ops() {
    println!("\n### Session-state get and set of a small value\n");
    println!("| case | brook | baseline | ratio | target |");
    println!("|---|---|---|---|---|");
    let mut state = SessionState::new();
    for i in 0..1_000 {
        state.set(&format!("k{i}"), i as i64);
    }
    let mut map: HashMap<String, i64> = (0..1_000).map(|i| (format!("k{i}"), i)).collect();
    let get = measure(1_000_000, 9, || {
        black_box(state.get::<i64>(black_box("k500")).unwrap());
    });
    let map_get = measure(1_000_000, 9, || {
        black_box(map.get(black_box("k500")).copied());
    });
    report(
        "get::<i64>",
        get,
        "HashMap<String, i64>::get",
        map_get,
        "<= 100 ns",
    );
    let set = measure(1_000_000, 9, || {
        state.set(black_box("k500"), black_box(7_i64));
    });
    let map_set = measure(1_000_000, 9, || {
        map.insert(black_box("k500").to_owned(), black_box(7));
    });
    report(
        "set(i64)",
        set,
        "HashMap<String, i64>::insert",
        map_set,
        "<= 100 ns",
    );
}

fn main() {
    println!("brook core benchmarks (median of samples; baselines measured in the same run)");
    bench_rerun();
    bench_live();
    bench_unrelated_keys();
    bench_state_ops();
}
