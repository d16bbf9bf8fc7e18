//! The runner under thousands of deterministic interleavings (issue 9).
//!
//! A scheduler on the test thread decides, at every sync point, which
//! thread moves next: the "UI" thread (which spawns the runner and sends
//! bursts of events) or the script thread (taking commands, running the
//! page, publishing). Between two sync points exactly one thread runs, so
//! a seed replays one interleaving exactly; the page's own checkpoints are
//! sync points too, so events land in the middle of runs. No sleeps: every
//! wait is a hand-off on a channel.
//!
//! The property, for every schedule: once the UI has sent its last event
//! and the script thread has nothing left to take, the published state is
//! a completed run (`running == false`) that saw the last value sent.
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
        sched.arrive(Who::Script, Point::Page(1));
        st.text(format!("b {v}"));
        sched.arrive(Who::Script, Point::Page(2));
        st.text(format!("done {v}"));
    })
}

/// The same page with 600 more lines: its replaced tree is large enough
/// that the script thread frees it only after a grace (or when the next
/// command comes first), a path small pages never take.
fn large_page(sched: Sched) -> Page {
    Page::new("main", move |st: &mut St| {
        let v = st.add(Slider::new("x", 0..=1000).key("x"));
        sched.arrive(Who::Script, Point::Page(0));
        for i in 0..600 {
            st.text(format!("line {i}"));
        }
        st.text(format!("a {v}"));
        sched.arrive(Who::Script, Point::Page(1));
        st.text(format!("b {v}"));
        sched.arrive(Who::Script, Point::Page(2));
        st.text(format!("done {v}"));
    })
}

/// One value slider: a plain rerun one time in five.
fn choose(rng: &mut Rng) -> Option<usize> {
    (rng.below(5) != 0).then_some(0)
}

fn run_schedule(seed: u64, fast_reruns: bool) -> Outcome {
    sched::run_schedule(seed, fast_reruns, page, &["x"], choose)
}

fn check(seed: u64, fast_reruns: bool) {
    check_outcome(seed, fast_reruns, &run_schedule(seed, fast_reruns));
}

fn check_outcome(seed: u64, fast_reruns: bool, o: &Outcome) {
    assert!(
        !o.running,
        "seed {seed} (fast_reruns={fast_reruns}): the window shows Running… with no run in progress: {o:?}"
    );
    assert_eq!(o.last_end, Some(RunEnd::Completed), "seed {seed}: {o:?}");
    assert_eq!(
        o.texts.last().map(String::as_str),
        Some(format!("done {}", o.last_sent[0]).as_str()),
        "seed {seed} (fast_reruns={fast_reruns}): the last run did not see the last value: {o:?}"
    );
}

/// Before the fix, the schedule "the script thread takes an event and
/// starts its run before `send` announces that event" froze the window on
/// "Running…": the announcement interrupted the very run that consumed the
/// event, and the thread then waited for an event already taken.
#[test]
fn every_burst_of_events_ends_in_a_completed_published_run_with_fast_reruns() {
    // EX-11: thousands of interleavings of sends, runs and interruptions.
    for seed in 0..2000 {
        check(seed, true);
    }
}

#[test]
fn every_burst_of_events_ends_in_a_completed_published_run_without_fast_reruns() {
    // EX-12: events queue until the run ends, then run together.
    for seed in 0..500 {
        check(seed, false);
    }
}

#[test]
fn every_burst_of_events_on_a_large_page_ends_in_a_completed_published_run() {
    // EX-11 on a page whose replaced tree is freed after a grace: an event
    // that arrives during the grace is taken, never lost.
    for seed in 0..300 {
        let o = sched::run_schedule(seed, true, large_page, &["x"], choose);
        check_outcome(seed, true, &o);
    }
}

/// Every tree a frame of the large page reads is coherent: each of its
/// 600 lines at its own place (a run writes over the list of the tree
/// before last, node by node: no old node may show where a new one
/// belongs), and a finished run's three values from that run alone.
fn large_page_is_coherent(p: &brook::runner::Published) -> Result<(), String> {
    let texts = sched::texts(&p.tree);
    for (i, t) in texts.iter().enumerate().take(600) {
        if *t != format!("line {i}") {
            return Err(format!("position {i} shows {t:?}"));
        }
    }
    if !p.running && texts.len() == 603 {
        let v = |prefix: &str| {
            texts
                .iter()
                .find_map(|t| t.strip_prefix(prefix).map(str::to_owned))
        };
        let (a, b, done) = (v("a "), v("b "), v("done "));
        if a != b || b != done {
            return Err(format!("a finished run mixes values: {a:?} {b:?} {done:?}"));
        }
    }
    Ok(())
}

#[test]
fn a_large_page_drawn_while_it_reruns_shows_only_coherent_trees() {
    // EX-11, EX-13 on a page whose lists are recycled in place, with a
    // window that holds the tree it drew until its next frame.
    for seed in 0..300 {
        let frames = sched::Frames {
            observe: large_page_is_coherent,
        };
        let o = sched::run_schedule_with(seed, true, large_page, &["x"], choose, Some(frames));
        check_outcome(seed, true, &o);
        assert_eq!(o.refused, None, "seed {seed}");
        assert_eq!(o.texts.len(), 603, "seed {seed}: {:?}", o.texts.last());
    }
}

#[test]
fn the_interrupt_counts_only_newer_events() {
    let i = brook::runtime::Interrupt::default();
    i.sent(3);
    i.start(3);
    assert!(!i.requested(), "the run took event 3 itself");
    i.sent(2); // an older announcement arriving late changes nothing
    assert!(!i.requested());
    i.sent(4);
    assert!(i.requested());
    i.stop();
    i.start(10);
    assert!(i.requested(), "stop interrupts every later run");
}

#[test]
fn a_schedule_is_replayed_exactly_by_its_seed() {
    // Determinism: the same seed gives the same outcome.
    let a = format!("{:?}", run_schedule(42, true));
    let b = format!("{:?}", run_schedule(42, true));
    assert_eq!(a, b);
}
