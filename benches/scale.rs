//! Scale benchmarks (issue 17): what a large page costs per rerun, per
//! publication and per frame, and what a cache hit on a large input costs.
//! Every figure is printed next to a baseline measured in the same run.
//!
//! `cargo bench --bench scale` runs everything; `cargo bench --bench scale --
//! rerun` (or `publish`, `frame`, `first`, `cache`) one section. `-- profile
//! rerun 10000` repeats one workload for `valgrind --tool=callgrind`.
#![allow(clippy::unwrap_used, clippy::disallowed_methods, missing_docs)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use brook::prelude::*;
use brook::session::{Page, Session, SessionOptions};
use brook::tree::{Event, WidgetId, WidgetValue};

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
}
