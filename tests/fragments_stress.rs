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

// ---- Live runs: frames interleaved with events and runs -------------------

/// Frames that showed a fragment run's partial tree, over all schedules.
static FRAGMENT_PARTIALS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// What a window may be shown at any frame, whatever the interleaving.
fn observe(p: &brook::runner::Published) -> Result<(), String> {
    if !p.running && (p.fresh.is_some() || p.within.is_some()) {
        return Err("a settled tree is shown as partly stale".to_owned());
    }
    // No widget is drawn twice (a stale copy next to a redrawn one), none
    // is lost.
    for label in ["x", "f", "g"] {
        let n = p.tree.widgets().filter(|w| w.label == label).count();
        if n != 1 {
            return Err(format!("slider {label} drawn {n} times"));
        }
    }
    let texts = sched::texts(&p.tree);
    for prefix in ["f ", "g "] {
        if texts.iter().filter(|t| t.starts_with(prefix)).count() > 1 {
            return Err(format!("two {prefix:?} texts: {texts:?}"));
        }
    }
    let Some(within) = &p.within else {
        return Ok(());
    };
    if p.fresh.is_some() {
        FRAGMENT_PARTIALS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    // A fragment run in progress: the page around it is the last full
    // run's, untouched (FR-1), and everything the run wrote is inside the
    // fragment it reruns.
    let value = |prefix: &str| {
        texts
            .iter()
            .find_map(|t| t.strip_prefix(prefix).map(str::to_owned))
    };
    if value("a ") != value("done ") {
        return Err(format!("the page around a fragment run changed: {texts:?}"));
    }
    for c in within.iter() {
        let is_fragment = p
            .tree
            .walk()
            .any(|n| n.id == *c && matches!(n.element, brook::tree::Element::Fragment { .. }));
        if !is_fragment {
            return Err(format!("{c} is dimmed as a fragment but is not one"));
        }
    }
    if let Some(fresh) = &p.fresh
        && let Some(id) = fresh
            .iter()
            .find(|id| !within.iter().any(|c| id.is_inside(c)))
    {
        return Err(format!("a fragment run wrote {id} outside its fragment"));
    }
    Ok(())
}

/// The tree a plain full run of the page gives with these slider values.
fn plain_tree(values: &[i64]) -> String {
    let mut s = brook::session::Session::new(
        vec![page(sched::Sched::none())],
        brook::session::SessionOptions::default(),
    );
    for (key, v) in ["x", "f", "g"].into_iter().zip(values) {
        s.state_mut()
            .try_set(key, i32::try_from(*v).unwrap())
            .unwrap();
    }
    s.handle(Vec::new());
    format!("{:?}", s.tree())
}

fn check_live(seed: u64, fast_reruns: bool) -> usize {
    let o = sched::run_schedule_with(
        seed,
        fast_reruns,
        page,
        &["x", "f", "g"],
        choose,
        Some(sched::Frames { observe }),
    );
    let ctx = format!("seed {seed} (fast_reruns={fast_reruns}, live)");
    assert_eq!(o.refused, None, "{ctx}: a frame showed a wrong state");
    assert!(!o.running, "{ctx}: Running… left on screen: {o:?}");
    assert_eq!(o.last_end, Some(RunEnd::Completed), "{ctx}: {o:?}");
    assert_eq!(
        format!("{:?}", o.tree),
        plain_tree(&o.last_sent),
        "{ctx}: the settled tree is not the one a plain run gives"
    );
    o.frames
}

#[test]
fn live_fragment_runs_interleaved_with_frames_and_events_settle_as_a_plain_run_with_fast_reruns() {
    // EX-11, EX-13, FR-1, FR-6: thousands of interleavings of sends,
    // frames, partial trees, fragment and full runs.
    let frames: usize = (0..1500).map(|seed| check_live(seed, true)).sum();
    assert!(frames > 3000, "the schedules drew {frames} frames");
    let partials = FRAGMENT_PARTIALS.load(std::sync::atomic::Ordering::Relaxed);
    assert!(
        partials > 100,
        "frames showed {partials} fragment partial trees"
    );
}

#[test]
fn live_fragment_runs_interleaved_with_frames_and_events_settle_as_a_plain_run_without_fast_reruns()
{
    // EX-12, EX-13, FR-1, FR-6.
    let frames: usize = (0..500).map(|seed| check_live(seed, false)).sum();
    assert!(frames > 1000, "the schedules drew {frames} frames");
    let partials = FRAGMENT_PARTIALS.load(std::sync::atomic::Ordering::Relaxed);
    assert!(
        partials > 30,
        "frames showed {partials} fragment partial trees"
    );
}
