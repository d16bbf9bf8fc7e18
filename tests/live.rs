//! Live runs (issue 12): what a page writes shows while it runs, paced by
//! the window's frames, over the previous run's stale elements (EX-13).
#![allow(clippy::unwrap_used)] // tests may unwrap (STYLE.md)

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};

use brook::prelude::*;
use brook::runner::{Runner, RunnerOptions};
use brook::session::{Page, Session, SessionOptions};
use brook::testing::{AppTest, texts_of};
use brook::tree::Event;

#[path = "support/sync.rs"]
mod sync;
use sync::{WAIT, wait_for};

/// A page that writes `n` lines, waits at a gate, writes one more, waits at
/// a second gate, and ends. Gates are opened by the test.
struct Gates {
    reached: Mutex<Sender<u32>>,
    open: Mutex<Receiver<()>>,
}

impl Gates {
    fn pass(&self, at: u32) {
        self.reached.lock().unwrap().send(at).unwrap();
        self.open.lock().unwrap().recv().unwrap();
    }
}

fn gated_runner(lines: usize) -> (Runner, Receiver<()>, Receiver<u32>, Sender<()>) {
    let (reached_tx, reached) = mpsc::channel();
    let (open, open_rx) = mpsc::channel();
    let gates = Arc::new(Gates {
        reached: Mutex::new(reached_tx),
        open: Mutex::new(open_rx),
    });
    let page = Page::new("main", move |st: &mut St| {
        let first = st.state().get_or("first", true).unwrap();
        st.state().set("first", false);
        if first {
            st.text("old");
            st.text("old tail");
            return;
        }
        for i in 0..lines {
            st.text(format!("line {i}"));
        }
        gates.pass(1);
        st.text("after gate 1");
        gates.pass(2);
        st.text("end");
    });
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
    (runner, wakes, reached, open)
}

#[test]
fn a_run_publishes_what_it_wrote_at_most_once_per_drawn_frame() {
    let (runner, wakes, reached, open) = gated_runner(100);
    wait_for(&runner, &wakes, |p| !p.running && p.last_end.is_some());
    runner.send(vec![Event::Rerun]);
    assert_eq!(reached.recv_timeout(WAIT).unwrap(), 1);
    // 100 lines written, but no frame drawn since the run started: no
    // partial tree.
    let p = runner.published();
    assert!(p.running);
    assert_eq!(p.live, 0, "published partial trees without a frame");

    // The window draws a frame: the next checkpoint publishes.
    runner.frame_drawn();
    open.send(()).unwrap();
    assert_eq!(reached.recv_timeout(WAIT).unwrap(), 2);
    let p = runner.published();
    let texts = texts_of(&p.tree);
    assert_eq!(texts.len(), 101, "{texts:?}");
    assert_eq!(texts.last().map(String::as_str), Some("after gate 1"));
    assert_eq!(p.live, 1, "one frame, one partial tree");
    open.send(()).unwrap();
    let p = wait_for(&runner, &wakes, |p| !p.running);
    assert_eq!(texts_of(&p.tree).last().map(String::as_str), Some("end"));
    assert!(p.fresh.is_none(), "a finished run has no stale part");
}

#[test]
fn a_partial_tree_shows_the_previous_runs_rest_as_stale() {
    // EX-13: old content stays visible (dimmed) until overwritten.
    let (runner, wakes, reached, open) = gated_runner(0);
    wait_for(&runner, &wakes, |p| !p.running && p.last_end.is_some());
    runner.send(vec![Event::Rerun]);
    assert_eq!(reached.recv_timeout(WAIT).unwrap(), 1);
    runner.frame_drawn(); // the window drew the run's start
    open.send(()).unwrap();
    assert_eq!(reached.recv_timeout(WAIT).unwrap(), 2);
    let p = runner.published();
    assert_eq!(texts_of(&p.tree), ["after gate 1", "old tail"]);
    let fresh = p.fresh.as_ref().expect("a partial tree");
    assert!(fresh.contains(&p.tree.main[0].id));
    assert!(!fresh.contains(&p.tree.main[1].id), "the old tail is stale");
    open.send(()).unwrap();
    let p = wait_for(&runner, &wakes, |p| !p.running);
    assert_eq!(texts_of(&p.tree), ["after gate 1", "end"]);
}

#[test]
fn a_frame_drawn_before_a_run_does_not_make_it_publish() {
    // A run shorter than a frame publishes only its end: a frame the window
    // drew before it began says nothing about the run.
    let (runner, wakes, reached, open) = gated_runner(3);
    wait_for(&runner, &wakes, |p| !p.running && p.last_end.is_some());
    runner.frame_drawn();
    runner.frame_drawn();
    runner.send(vec![Event::Rerun]);
    assert_eq!(reached.recv_timeout(WAIT).unwrap(), 1);
    assert_eq!(runner.published().live, 0);
    open.send(()).unwrap();
    assert_eq!(reached.recv_timeout(WAIT).unwrap(), 2);
    assert_eq!(runner.published().live, 0);
    open.send(()).unwrap();
    wait_for(&runner, &wakes, |p| !p.running);
}

#[test]
fn a_placeholder_shows_each_state_it_passes_through() {
    // The example: "Loading…" must be seen before "Done".
    let mut at = AppTest::new(|st: &mut St| {
        let slot = st.empty();
        st.with(slot, |st| st.text("Loading…"));
        st.text("below");
        st.with(slot, |st| st.text("Done"));
    });
    at.record_live().run();
    let shown: Vec<Vec<String>> = at.live_trees().iter().map(|t| texts_of(t)).collect();
    assert_eq!(
        shown,
        [
            vec!["Loading…".to_owned()],
            vec!["Loading…".to_owned(), "below".to_owned()],
            vec!["Done".to_owned(), "below".to_owned()],
        ]
    );
    assert_eq!(at.texts(), ["Done", "below"]);
}

#[test]
fn without_a_live_sink_nothing_is_published_during_a_run() {
    let mut at = AppTest::new(|st: &mut St| st.text("x"));
    at.run();
    assert!(at.live_trees().is_empty());
}

#[test]
fn a_full_run_keeps_the_old_children_of_every_kind_of_container_stale_until_redrawn() {
    // EX-13: the previous run's elements stay, dimmed, until overwritten,
    // inside a fragment, tabs, a popover and a chat message as at the top.
    let mut at = AppTest::new(|st: &mut St| {
        st.add(
            Fragment::new(|st| {
                st.text("fragment 1");
                st.text("fragment 2");
            })
            .key("f"),
        );
        let tabs = st.tabs(["A", "B"]);
        st.with(tabs[0], |st| {
            st.text("tab 1");
            st.text("tab 2");
        });
        st.popover("More", |st| {
            st.text("popover 1");
            st.text("popover 2");
        });
        st.chat_message("user", |st| {
            st.text("chat 1");
            st.text("chat 2");
        });
    });
    at.run();
    at.record_live().run();
    let partials = at.live_partials();
    let stale_at = |text: &str| {
        partials.iter().any(|t| {
            t.tree.walk().any(|n| {
                matches!(&n.element, brook::tree::Element::Text { body } if body == text)
                    && t.is_stale(&n.id)
            })
        })
    };
    // The second text of each container was shown stale while the first
    // one had been redrawn and it had not.
    for text in ["fragment 2", "tab 2", "popover 2", "chat 2"] {
        assert!(stale_at(text), "{text} was never shown stale");
    }
    assert_eq!(
        at.texts(),
        [
            "fragment 1",
            "fragment 2",
            "tab 1",
            "tab 2",
            "popover 1",
            "popover 2",
            "chat 1",
            "chat 2"
        ]
    );
}
