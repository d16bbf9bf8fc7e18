//! Live fragment runs on the real runner: a fragment step (an event, a
//! `run_every` tick) is "running" from its start, publishes its partial
//! trees once per drawn frame with staleness confined to the fragment
//! (FR-1, EX-13), and ends settled: nothing is left "Running…". Synchronised
//! with channels (gates the page waits at), never with sleeps.
#![allow(clippy::unwrap_used)] // tests may unwrap (STYLE.md)

use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use brook::prelude::*;
use brook::runner::{Published, Runner, RunnerOptions};
use brook::session::{Page, RunEnd, Session, SessionOptions};
use brook::testing::texts_of;
use brook::tree::{Element, Event, NodeId, WidgetValue};

#[path = "support/sync.rs"]
mod sync;
use sync::{Gate, WAIT, wait_for};

fn spawn(page: Page) -> (Runner, Receiver<()>) {
    let (wake_tx, wakes) = mpsc::channel();
    let wake_tx = Mutex::new(wake_tx);
    let runner = Runner::spawn(
        Session::new(vec![page], SessionOptions::default()),
        RunnerOptions::default(),
        Arc::new(move || {
            let _ = wake_tx.lock().unwrap().send(());
        }),
    )
    .unwrap();
    (runner, wakes)
}

fn settled(p: &Published) -> bool {
    !p.running && p.last_end == Some(RunEnd::Completed)
}

fn fragment_node(p: &Published) -> NodeId {
    p.tree
        .walk()
        .find(|n| matches!(n.element, Element::Fragment { .. }))
        .map(|n| n.id.clone())
        .unwrap()
}

/// What the window would dim in `p` (its rule: not fresh, and inside a
/// container of `within` when there is one).
fn stale_texts(p: &Published) -> Vec<String> {
    let stale = |id: &NodeId| {
        !p.fresh.as_ref().is_some_and(|f| f.contains(id))
            && p.within
                .as_deref()
                .is_none_or(|w| w.iter().any(|c| id.is_inside(c)))
    };
    p.tree
        .walk()
        .filter(|n| stale(&n.id))
        .filter_map(|n| match &n.element {
            Element::Text { body } => Some(body.clone()),
            _ => None,
        })
        .collect()
}

/// A page: a slider and a text outside, a fragment that writes three texts
/// with the gate between them.
fn gated_page(gate: Gate) -> Page {
    Page::new("main", move |st: &mut St| {
        let x = st.add(Slider::new("x", 0..=10_i64).key("x"));
        st.text(format!("outside {x}"));
        let gate = gate.clone();
        st.add(
            Fragment::new(move |st| {
                let n: i64 = st.state().get_or("n", 0).unwrap();
                st.state().set("n", n + 1);
                st.text(format!("fetching {n}"));
                gate.wait();
                st.text(format!("step {n}"));
                gate.wait();
                st.text(format!("fetched {n}"));
            })
            .key("f"),
        );
        st.text("footer");
    })
}

#[test]
fn a_fragment_step_is_running_and_its_partial_tree_dims_only_the_fragment() {
    // FR-1, EX-13 on the runner; the window's indicator follows `running`.
    let (gate, entered, release) = Gate::armed(0);
    let (runner, wakes) = spawn(gated_page(gate.clone()));
    let p = wait_for(&runner, &wakes, settled);
    let frag = fragment_node(&p);
    let f = p
        .tree
        .walk()
        .find_map(|n| match &n.element {
            Element::Fragment { fragment, .. } => Some(fragment.clone()),
            _ => None,
        })
        .unwrap();
    gate.arm(2);
    runner.send(vec![Event::RerunFragment(f)]);
    entered.recv_timeout(WAIT).unwrap();
    // The step published its start: running, the fragment's old output
    // all stale (nothing redrawn yet), the page around it not.
    let p = runner.published();
    assert!(p.running, "a fragment step shows the running indicator");
    assert_eq!(p.live, 0, "no frame drawn during the run yet");
    assert_eq!(p.within.as_deref(), Some(std::slice::from_ref(&frag)));
    assert_eq!(stale_texts(&p), ["fetching 0", "step 0", "fetched 0"]);
    // The window draws it; the next checkpoint publishes the partial tree:
    // the fragment's new texts, its old rest stale, nothing else.
    runner.frame_drawn();
    release.send(()).unwrap();
    entered.recv_timeout(WAIT).unwrap();
    let p = runner.published();
    assert_eq!(p.live, 1);
    assert_eq!(
        texts_of(&p.tree),
        ["outside 0", "fetching 1", "step 1", "fetched 0", "footer"]
    );
    assert_eq!(stale_texts(&p), ["fetched 0"], "only inside the fragment");
    release.send(()).unwrap();
    let p = wait_for(&runner, &wakes, settled);
    assert!(p.fresh.is_none() && p.within.is_none(), "{p:?}");
    assert!(!runner.is_running());
    assert_eq!(
        texts_of(&p.tree),
        ["outside 0", "fetching 1", "step 1", "fetched 1", "footer"]
    );
}

#[test]
fn a_full_event_interrupting_a_live_fragment_run_leaves_nothing_of_it() {
    // EX-11: the interrupted fragment run publishes nothing of its own; the
    // full run that follows streams and settles as always.
    let (gate, entered, release) = Gate::armed(0);
    let (runner, wakes) = spawn(gated_page(gate.clone()));
    let p = wait_for(&runner, &wakes, settled);
    let (f, x) = (
        p.tree
            .walk()
            .find_map(|n| match &n.element {
                Element::Fragment { fragment, .. } => Some(fragment.clone()),
                _ => None,
            })
            .unwrap(),
        p.tree
            .widgets()
            .find(|w| w.label == "x")
            .unwrap()
            .id
            .clone(),
    );
    gate.arm(1);
    runner.send(vec![Event::RerunFragment(f)]);
    entered.recv_timeout(WAIT).unwrap();
    assert!(runner.published().within.is_some());
    runner.send(vec![Event::SetValue {
        id: x,
        value: WidgetValue::Int(4),
    }]);
    runner.frame_drawn();
    release.send(()).unwrap();
    let p = wait_for(&runner, &wakes, settled);
    // The fragment's interrupted run (n = 1) stopped before "step 1"; the
    // full run ran it again (n = 2).
    assert_eq!(
        texts_of(&p.tree),
        ["outside 4", "fetching 2", "step 2", "fetched 2", "footer"]
    );
    assert!(p.within.is_none() && p.fresh.is_none());
}

#[test]
fn a_run_every_tick_is_running_while_it_works_and_settles_after() {
    // FR-7: a tick is a fragment step like any other: the indicator and
    // live partial trees while it works, nothing "Running…" after.
    let (gate, entered, release) = Gate::armed(0);
    let armed = gate.clone();
    let page = Page::new("main", move |st: &mut St| {
        st.text("page");
        let gate = gate.clone();
        st.add(
            Fragment::new(move |st| {
                let n: i64 = st.state().get_or("ticks", 0).unwrap();
                st.state().set("ticks", n + 1);
                st.text(format!("refreshing {n}"));
                gate.wait();
                st.text(format!("tick {n}"));
            })
            .run_every(Duration::from_millis(5)),
        );
    });
    let (runner, wakes) = spawn(page);
    wait_for(&runner, &wakes, settled);
    armed.arm(1);
    entered.recv_timeout(WAIT).unwrap();
    let p = runner.published();
    assert!(p.running, "the tick in progress shows the indicator");
    let frag = fragment_node(&p);
    assert_eq!(p.within.as_deref(), Some(std::slice::from_ref(&frag)));
    // The fragment's last output is stale until redrawn; the page is not.
    let stale = stale_texts(&p);
    assert!(!stale.is_empty());
    assert!(
        stale
            .iter()
            .all(|t| t.starts_with("refreshing") || t.starts_with("tick")),
        "{stale:?}"
    );
    release.send(()).unwrap();
    let p = wait_for(&runner, &wakes, |p| {
        !p.running && texts_of(&p.tree).iter().any(|t| t.starts_with("tick"))
    });
    assert!(p.within.is_none() && p.fresh.is_none());
    assert_eq!(p.last_end, Some(RunEnd::Completed));
}
