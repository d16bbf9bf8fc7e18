//! Cache benchmarks: cache hits measured against a direct call and raw
//! blake3 on the same bytes, in the same run. Run with
//! `cargo bench --bench cache`; figures go to `BENCHMARKS.md`.
//!
//! A tiny harness (no criterion): each case runs a fixed number of
//! iterations after a warm-up, several times; the median per-iteration time
//! is reported with its ratio to the baseline.

#![allow(clippy::disallowed_methods)] // a benchmark measures wall-clock time: Instant::now

use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

/// Nanoseconds per call of `f` over one sample of `iters` calls.
fn sample_ns(iters: u32, f: &mut impl FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..iters {
        f();
    }
    start.elapsed().as_nanos() as f64 / f64::from(iters)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Median nanoseconds per call of `case` and of `baseline`, measured in
/// alternating samples so that both see the same machine load.
fn compare(
    iters: u32,
    samples: usize,
    mut case: impl FnMut(),
    mut baseline: impl FnMut(),
) -> (f64, f64) {
    sample_ns(iters, &mut case);
    sample_ns(iters, &mut baseline);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..samples {
        a.push(sample_ns(iters, &mut case));
        b.push(sample_ns(iters, &mut baseline));
    }
    (median(a), median(b))
}

fn fmt_ns(ns: f64) -> String {
    if ns < 1_000.0 {
        format!("{ns:.0} ns")
    } else if ns < 1_000_000.0 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{:.2} ms", ns / 1e6)
    }
}

fn row(case: &str, ns: f64, baseline: &str, base_ns: f64) {
    println!(
        "| {case} | {} | {baseline} | {} | {:.2}x |",
        fmt_ns(ns),
        fmt_ns(base_ns),
        ns / base_ns
    );
}

fn direct_square(x: i64) -> i64 {
    x * x
}

#[brook::cache_data]
fn square(x: i64) -> i64 {
    x * x
}

#[brook::cache_data]
fn text_len(s: &str) -> usize {
    s.len()
}

#[brook::cache_data]
fn total(v: &[f64]) -> f64 {
    v.iter().sum()
}

#[brook::cache_data]
fn table(n: i64) -> Vec<f64> {
    vec![0.5; usize::try_from(n).unwrap_or(0)]
}

#[brook::cache_data]
fn blob(n: i64) -> Arc<Vec<u8>> {
    Arc::new(vec![7; usize::try_from(n).unwrap_or(0)])
}

fn f64_bytes(v: &[f64]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("cache benchmarks run with `cargo bench --bench cache`");
        return;
    }
    println!(
        "blake3 multithreaded above {} bytes; {} threads available",
        brook::cache::RAYON_THRESHOLD,
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    println!("| case | time | baseline | baseline time | ratio |");
    println!("|---|---|---|---|---|");

    // Hit with an i64 argument.
    let x = black_box(12_345_i64);
    square(x);
    let hit = || {
        black_box(square(black_box(x)));
    };
    let (h, direct) = compare(100_000, 15, hit, || {
        black_box(direct_square(black_box(x)));
    });
    row("hit, `i64` argument", h, "direct call", direct);
    let (h, raw8) = compare(100_000, 15, hit, || {
        black_box(blake3::hash(black_box(&x.to_le_bytes())));
    });
    row("hit, `i64` argument", h, "raw blake3 of its 8 bytes", raw8);
    row(
        "hit, `i64` argument",
        h,
        "Streamlit 1.67 hit (18 µs)",
        18_000.0,
    );

    // Hit with a 1 KiB string.
    let s: String = "abcdefgh".repeat(128);
    text_len(&s);
    let (h, raw) = compare(
        50_000,
        15,
        || {
            black_box(text_len(black_box(&s)));
        },
        || {
            black_box(blake3::hash(black_box(s.as_bytes())));
        },
    );
    row("hit, 1 KiB `&str`", h, "raw blake3 of 1 KiB", raw);
    row(
        "hit, 1 KiB `&str`",
        h,
        "Streamlit 1.67 hit (18 µs)",
        18_000.0,
    );

    // Hits with big slices: the key is the whole input, hashed in full.
    for (n, iters) in [(100_000_usize, 100), (1_000_000, 10), (10_000_000, 2)] {
        let v: Vec<f64> = (0..n).map(|i| i as f64 * 0.25).collect();
        let bytes = f64_bytes(&v);
        total(&v);
        let case = format!("hit, `&[f64]` of {n:.0e} ({} MB)", bytes.len() / 1_000_000);
        let hit = || {
            black_box(total(black_box(&v)));
        };
        let (h, single) = compare(iters, 11, hit, || {
            black_box(blake3::hash(black_box(&bytes)));
        });
        row(&case, h, "raw blake3, single-threaded", single);
        let (h, rayon) = compare(iters, 11, hit, || {
            let mut hasher = blake3::Hasher::new();
            hasher.update_rayon(black_box(&bytes));
            black_box(hasher.finalize());
        });
        row(&case, h, "raw blake3, `update_rayon`", rayon);
    }

    // A hit returning a big Vec pays for its copy (CA-6)...
    let n = 1_000_000_i64;
    let original = table(n);
    let (h, copy) = compare(
        30,
        11,
        || {
            black_box(table(black_box(n)));
        },
        || {
            black_box(original.clone());
        },
    );
    row(
        "hit returning a `Vec<f64>` of 1e6 (8 MB)",
        h,
        "clone of that Vec",
        copy,
    );

    // ...while an Arc makes it free beyond hashing the key.
    let n = 8 << 20;
    blob(n);
    let (h, key) = compare(
        100_000,
        15,
        || {
            black_box(blob(black_box(n)));
        },
        || {
            black_box(blake3::hash(black_box(&n.to_le_bytes())));
        },
    );
    row(
        "hit returning `Arc<Vec<u8>>` of 8 MiB",
        h,
        "raw blake3 of the 8-byte key",
        key,
    );
    println!(
        "\nArc hit beyond hashing the key: {} (target: under 1 µs)",
        fmt_ns(h - key)
    );
}
