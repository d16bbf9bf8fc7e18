//! Fragments on the runner under thousands of deterministic interleavings
//! (FR-6): the scheduler of `runner_stress.rs`, with a page of two
//! fragments, and bursts mixing events for the page and for each fragment.
//!
//! A scheduler on the test thread decides, at every sync point, which
//! thread moves next; the page's and the fragments' own checkpoints are sync
//! points too, so events land in the middle of full and fragment runs, are
//! queued behind them or interrupt them. No sleeps.
//!
//! The property, for every schedule: once the UI has sent its last event
//! and the script thread has nothing left to take, the published state is
//! a completed run in which the page and each fragment show the last value
//! sent to them: no fragment run owed is lost, none runs on stale values.
#![allow(clippy::unwrap_used)] // tests may unwrap (STYLE.md)

#[path = "support/sched.rs"]
mod sched;

use brook::prelude::*;
use brook::session::{Page, RunEnd};
use sched::{Outcome, Point, Rng, Sched, Who};

fn page(sched: Sched) -> Page {
    Page::new("main", move |st: &mut St| {
        let v = st.add(Slider::new("x", 0..=1000).key("x"));
        sched.arrive(Who::Script, Point::Page(0));
        st.text(format!("a {v}"));
        for (i, name) in ["f", "g"].into_iter().enumerate() {
            let sched = sched.clone();
            let base = 10 * (i as u32 + 1);
            st.add(
                Fragment::new(move |st| {
                    let v = st.add(Slider::new(name, 0..=1000).key(name));
                    sched.arrive(Who::Script, Point::Page(base));
                    st.text(format!("{name} {v}"));
                    sched.arrive(Who::Script, Point::Page(base + 1));
                })
                .key(format!("frag_{name}")),
            );
        }
        sched.arrive(Who::Script, Point::Page(2));
        st.text(format!("done {v}"));
    })
}

/// The page's slider and the two fragments' (mostly fragment events: they
/// are what FR-6 queues); a plain rerun one time in six.
fn choose(rng: &mut Rng) -> Option<usize> {
    (rng.below(6) != 0).then(|| [0, 1, 1, 2, 2][rng.below(5)])
}

fn run_schedule(seed: u64, fast_reruns: bool) -> Outcome {
    sched::run_schedule(seed, fast_reruns, page, &["x", "f", "g"], choose)
}

fn check(seed: u64, fast_reruns: bool) {
    let o = run_schedule(seed, fast_reruns);
    assert!(
        !o.running,
        "seed {seed} (fast_reruns={fast_reruns}): the window shows Running… with no run in progress: {o:?}"
    );
    assert_eq!(o.last_end, Some(RunEnd::Completed), "seed {seed}: {o:?}");
    let [x, f, g] = [o.last_sent[0], o.last_sent[1], o.last_sent[2]];
    let want = [
        format!("a {x}"),
        format!("f {f}"),
        format!("g {g}"),
        format!("done {x}"),
    ];
    assert_eq!(
        o.texts, want,
        "seed {seed} (fast_reruns={fast_reruns}): a run owed was lost or saw stale values"
    );
}

#[test]
fn every_burst_of_page_and_fragment_events_ends_with_every_value_shown_with_fast_reruns() {
    // FR-6, EX-11
    for seed in 0..1500 {
        check(seed, true);
    }
}

#[test]
fn every_burst_of_page_and_fragment_events_ends_with_every_value_shown_without_fast_reruns() {
    // FR-6, EX-12
    for seed in 0..400 {
        check(seed, false);
    }
}
