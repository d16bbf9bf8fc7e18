//! Live fragment runs: a fragment rerun streams its elements exactly as a
//! full run does (EX-13), but only inside the fragment (FR-1): its new
//! elements appear in place, its old ones not redrawn yet are stale, the
//! rest of the page is untouched and never stale, and its leftovers are
//! gone when it ends. Through AppTest's `record_live`.
#![allow(clippy::unwrap_used)] // tests may unwrap (STYLE.md)

use std::sync::{Arc, Mutex};

use brook::prelude::*;
use brook::session::{Live, LiveTree, Page, RunEnd, Session, SessionOptions};
use brook::testing::{AppTest, texts_of};
use brook::tree::{Element, Event, NodeId, StatusState, Tree};

fn texts(t: &LiveTree) -> Vec<String> {
    texts_of(&t.tree)
}

fn stale_texts(t: &LiveTree) -> Vec<String> {
    t.tree
        .walk()
        .filter(|n| t.is_stale(&n.id))
        .filter_map(|n| match &n.element {
            Element::Text { body } => Some(body.clone()),
            _ => None,
        })
        .collect()
}

/// The id of the fragment container of the page (its only one).
fn fragment_node(tree: &Tree) -> NodeId {
    tree.walk()
        .find(|n| matches!(n.element, Element::Fragment { .. }))
        .map(|n| n.id.clone())
        .expect("the page has a fragment")
}

/// FR-1: in every partial tree of a fragment run, nothing outside the
/// fragment's container is stale.
fn assert_outside_never_stale(partials: &[LiveTree]) {
    assert!(!partials.is_empty(), "the fragment run published nothing");
    for (i, t) in partials.iter().enumerate() {
        let frag = fragment_node(&t.tree);
        for n in t.tree.walk() {
            if !n.id.is_inside(&frag) {
                assert!(
                    !t.is_stale(&n.id),
                    "partial {i}: {} outside the fragment is stale: {:?}",
                    n.id,
                    n.element.kind_name()
                );
            }
        }
    }
}

/// A page around a fragment keyed "f" whose body is `body`.
fn around(body: impl Fn(&mut St) + Send + Sync + 'static) -> AppTest {
    let body = Arc::new(body);
    let mut at = AppTest::new(move |st: &mut St| {
        st.text("top");
        let body = body.clone();
        st.add(Fragment::new(move |st| body(st)).key("f"));
        st.text("bottom");
    });
    at.run();
    at
}

#[test]
fn a_fragments_placeholder_shows_loading_before_done_and_the_page_is_never_stale() {
    // EX-13 inside the fragment, FR-1 outside it.
    let mut at = around(|st| {
        let slot = st.empty();
        st.with(slot, |st| st.text("Loading…"));
        st.text("below");
        st.with(slot, |st| st.text("Done"));
    });
    at.record_live().run_fragment("f").run();
    assert_eq!(at.last_executions(), 1);
    let partials = at.live_partials();
    let shown: Vec<Vec<String>> = partials.iter().map(texts).collect();
    assert_eq!(
        shown,
        [
            // The placeholder redrawn; the fragment's old "below" is stale.
            vec!["top", "Loading…", "below", "bottom"],
            vec!["top", "Loading…", "below", "bottom"],
            vec!["top", "Done", "below", "bottom"],
        ]
    );
    assert_eq!(stale_texts(&partials[0]), ["below"]);
    assert!(stale_texts(&partials[1]).is_empty());
    assert_outside_never_stale(&partials);
    assert_eq!(at.texts(), ["top", "Done", "below", "bottom"]);
}

#[test]
fn a_fragments_leftovers_are_stale_while_it_runs_and_gone_when_it_ends() {
    // EX-13: nodes not re-emitted by the fragment run are deleted at its end.
    let mut at = AppTest::new(|st: &mut St| {
        st.text("page");
        st.add(
            Fragment::new(|st| {
                let n: i64 = st.state().get_or("n", 0).unwrap();
                st.state().set("n", n + 1);
                st.text(format!("run {n}"));
                if n == 0 {
                    st.text("only in the first run");
                }
            })
            .key("f"),
        );
    });
    at.run();
    at.record_live().run_fragment("f").run();
    let partials = at.live_partials();
    assert_eq!(
        texts(&partials[0]),
        ["page", "run 1", "only in the first run"]
    );
    assert_eq!(stale_texts(&partials[0]), ["only in the first run"]);
    assert_outside_never_stale(&partials);
    assert_eq!(at.texts(), ["page", "run 1"]);
}

fn progress_values(tree: &Tree) -> Vec<f32> {
    tree.walk()
        .filter_map(|n| match &n.element {
            Element::Progress { value, .. } => Some(*value),
            _ => None,
        })
        .collect()
}

#[test]
fn a_progress_bar_in_a_fragment_moves_during_the_fragment_run() {
    let mut at = around(|st| {
        let bar = st.progress(0, "Fetching");
        for i in 1..=4_u8 {
            bar.update(st, i * 25, format!("{i}/4"));
        }
        st.text("fetched");
    });
    at.record_live().run_fragment("f").run();
    let partials = at.live_partials();
    let mut values: Vec<f32> = partials
        .iter()
        .flat_map(|t| {
            let v = progress_values(&t.tree);
            assert_eq!(v.len(), 1, "one bar, updated in place");
            v
        })
        .collect();
    values.dedup();
    assert_eq!(values, [0.0, 0.25, 0.5, 0.75, 1.0]);
    assert_outside_never_stale(&partials);
}

#[test]
fn a_spinner_in_a_fragment_is_published_while_its_block_runs() {
    // EX-14: the spinner is in the partial trees, gone from the final one.
    let mut at = around(|st| {
        let n = st.spinner("Loading data…", |st| {
            st.text("inside");
            7
        });
        st.text(format!("got {n}"));
    });
    at.record_live().run_fragment("f").run();
    let partials = at.live_partials();
    assert!(
        partials.iter().any(|t| t
            .tree
            .walk()
            .any(|n| matches!(n.element, Element::Spinner { .. }))),
        "the spinner was published during the fragment run"
    );
    assert_outside_never_stale(&partials);
    assert!(at.get("spinner").is_empty());
    assert_eq!(at.texts(), ["top", "inside", "got 7", "bottom"]);
}

#[test]
fn a_status_block_in_a_fragment_is_seen_running_then_complete() {
    let mut at = around(|st| {
        Status::new("Syncing…")
            .complete_label("Synced")
            .show(st, |st| st.text("step 1"));
    });
    at.record_live().run_fragment("f").run();
    let states = |t: &Tree| -> Vec<StatusState> {
        t.walk()
            .filter_map(|n| match &n.element {
                Element::Status { state, .. } => Some(*state),
                _ => None,
            })
            .collect()
    };
    let partials = at.live_partials();
    let seen: Vec<Vec<StatusState>> = partials.iter().map(|t| states(&t.tree)).collect();
    assert!(
        seen.contains(&vec![StatusState::Running]),
        "running was published: {seen:?}"
    );
    assert_eq!(seen.last(), Some(&vec![StatusState::Complete]));
    assert_outside_never_stale(&partials);
}

#[test]
fn write_stream_in_a_fragment_shows_each_item_as_it_comes() {
    let mut at = around(|st| {
        st.write_stream(["one ", "two ", "three "]);
    });
    at.record_live().run_fragment("f").run();
    let partials = at.live_partials();
    let markdown: Vec<String> = partials
        .iter()
        .filter_map(|t| {
            t.tree.walk().find_map(|n| match &n.element {
                Element::Markdown { body } if !t.is_stale(&n.id) => Some(body.clone()),
                _ => None,
            })
        })
        .collect();
    for want in ["one ", "one two ", "one two three "] {
        assert!(
            markdown.iter().any(|m| m == want),
            "{want:?} never shown: {markdown:?}"
        );
    }
    assert_outside_never_stale(&partials);
}

#[test]
fn a_widget_event_in_a_fragment_streams_its_callback_and_body() {
    // FR-1: a click reruns only the fragment; its partial trees show the
    // fragment's body as it is redrawn, the page around it as it was.
    let mut at = AppTest::new(|st: &mut St| {
        let runs: i64 = st.state().get_or("page runs", 0).unwrap();
        st.state().set("page runs", runs + 1);
        st.text(format!("page ran {}", runs + 1));
        st.add(
            Fragment::new(|st| {
                if st.button("Fetch") {
                    st.text("fetching…");
                    st.text("fetched");
                }
            })
            .key("f"),
        );
    });
    at.run();
    at.record_live().click("Fetch").run();
    assert_eq!(
        at.state::<i64>("page runs"),
        1,
        "FR-1: the page did not run"
    );
    let partials = at.live_partials();
    let shown: Vec<Vec<String>> = partials.iter().map(texts).collect();
    assert!(
        shown.contains(&vec!["page ran 1".to_owned(), "fetching…".to_owned()]),
        "{shown:?}"
    );
    assert_outside_never_stale(&partials);
}

#[test]
fn run_every_ticks_publish_partial_trees_too() {
    // FR-7 ticks are fragment runs like any other.
    let mut at = AppTest::new(|st: &mut St| {
        st.text("page");
        st.add(
            Fragment::new(|st| {
                let n: i64 = st.state().get_or("ticks", 0).unwrap();
                st.state().set("ticks", n + 1);
                let slot = st.empty();
                st.with(slot, |st| st.text("refreshing…"));
                st.with(slot, |st| st.text(format!("tick {n}")));
            })
            .key("clock")
            .run_every("1s"),
        );
    });
    at.run();
    at.record_live();
    at.advance_time(std::time::Duration::from_secs(1));
    let shown: Vec<Vec<String>> = at.live_partials().iter().map(texts).collect();
    assert_eq!(
        shown,
        [
            vec!["page".to_owned(), "refreshing…".to_owned()],
            vec!["page".to_owned(), "tick 1".to_owned()],
        ]
    );
    assert_outside_never_stale(&at.live_partials());
}

#[test]
fn a_full_run_after_a_fragment_run_dims_the_whole_page_as_before() {
    // A full run's partial trees are unchanged: anything not redrawn yet
    // is stale (EX-13), fragment or not.
    let mut at = around(|st| st.text("inside"));
    at.record_live().run_fragment("f").run();
    at.run(); // a plain rerun
    let first = &at.live_partials()[0];
    assert!(first.within.is_none());
    assert_eq!(texts(first), ["top", "inside", "bottom"]);
    assert_eq!(stale_texts(first), ["inside", "bottom"]);
}

#[test]
fn a_fragment_writing_outside_in_place_overlays_its_outside_writes_too() {
    // FR-3 (1.67 rule): the outside wrapper is replaced in place; while the
    // run is in progress its old content is stale, the rest is not.
    let mut at = AppTest::new(|st: &mut St| {
        st.text("page");
        st.add(
            Fragment::new(|st| {
                let n: i64 = st.state().get_or("n", 0).unwrap();
                st.state().set("n", n + 1);
                st.sidebar(|st| {
                    st.text(format!("side {n}"));
                    st.text(format!("side tail {n}"));
                });
                st.text(format!("body {n}"));
            })
            .key("f")
            .outside_writes(OutsideWrites::ReplaceInPlace),
        );
    });
    at.run();
    at.record_live().run_fragment("f").run();
    let partials = at.live_partials();
    assert_eq!(
        texts(&partials[0]),
        ["page", "body 0", "side 1", "side tail 0"]
    );
    assert_eq!(stale_texts(&partials[0]), ["body 0", "side tail 0"]);
    assert_eq!(at.texts(), ["page", "body 1", "side 1", "side tail 1"]);
}

#[test]
fn a_fragment_accumulating_outside_shows_its_new_writes_fresh() {
    // Departure 2: outside writes accumulate; nothing there is stale.
    let mut at = AppTest::new(|st: &mut St| {
        let log = st.container_handle();
        st.add(
            Fragment::new(move |st| {
                let n: i64 = st.state().get_or("n", 0).unwrap();
                st.state().set("n", n + 1);
                st.with(log, |st| st.text(format!("log {n}")));
                st.text(format!("body {n}"));
            })
            .key("f"),
        );
    });
    at.run();
    at.record_live().run_fragment("f").run();
    let first = &at.live_partials()[0];
    assert_eq!(texts(first), ["log 0", "log 1", "body 0"]);
    assert_eq!(stale_texts(first), ["body 0"]);
    assert_eq!(at.texts(), ["log 0", "log 1", "body 1"]);
}

#[test]
fn an_interrupted_fragment_run_publishes_nothing_of_its_own() {
    // EX-11: the retained tree keeps the last finished run; the next run's
    // partial trees are laid over that, not over the interrupted output.
    let seen: Arc<Mutex<Vec<LiveTree>>> = Arc::default();
    let sink = seen.clone();
    let interrupt_slot: Arc<Mutex<Option<Arc<brook::runtime::Interrupt>>>> = Arc::default();
    let slot = interrupt_slot.clone();
    let page = Page::new("main", move |st: &mut St| {
        st.text("page");
        let slot = slot.clone();
        st.add(
            Fragment::new(move |st| {
                let n: i64 = st.state().get_or("n", 0).unwrap();
                st.state().set("n", n + 1);
                st.text(format!("body {n}"));
                if n == 1
                    && let Some(i) = slot.lock().unwrap().as_ref()
                {
                    i.sent(u64::MAX); // a newer event arrives mid-run
                }
                st.text(format!("end {n}"));
            })
            .key("f"),
        );
    });
    let mut session = Session::new(vec![page], SessionOptions::default());
    *interrupt_slot.lock().unwrap() = Some(session.interrupt());
    session.handle(Vec::new());
    let f = session.fragments()[0].id.clone();
    session.set_live(Some(Live::eager(move |t| sink.lock().unwrap().push(t))));
    let report = session.handle(vec![Event::RerunFragment(f.clone())]);
    assert_eq!(report.end, RunEnd::Interrupted);
    assert_eq!(texts_of(session.tree()), ["page", "body 0", "end 0"]);
    seen.lock().unwrap().clear();
    session.interrupt().start(u64::MAX);
    let report = session.handle(vec![Event::RerunFragment(f)]);
    assert_eq!(report.end, RunEnd::Completed);
    let seen = seen.lock().unwrap();
    assert_eq!(texts(&seen[0]), ["page", "body 2", "end 0"]);
    assert_eq!(stale_texts(&seen[0]), ["end 0"]);
    assert_eq!(texts_of(session.tree()), ["page", "body 2", "end 2"]);
}

/// Before the fix, a fragment inside a tab or a popover never showed its
/// reruns: the retained tree's path to it was not followed through tabs and
/// popovers, so neither its end nor its partial trees were placed.
#[test]
fn a_fragment_in_a_tab_or_a_popover_shows_its_reruns() {
    // FR-3: the fragment's container is replaced in place, wherever it is.
    let mut at = AppTest::new(|st: &mut St| {
        let tabs = st.tabs(["A", "B"]);
        st.with(tabs[0], |st| {
            st.add(
                Fragment::new(|st| {
                    let n: i64 = st.state().get_or("n", 0).unwrap();
                    st.state().set("n", n + 1);
                    st.text(format!("tab {n}"));
                    st.text(format!("tab tail {n}"));
                })
                .key("f"),
            );
        });
        st.popover("More", |st| {
            st.add(
                Fragment::new(|st| {
                    let n: i64 = st.state().get_or("m", 0).unwrap();
                    st.state().set("m", n + 1);
                    st.text(format!("popover {n}"));
                })
                .key("g"),
            );
        });
    });
    at.run();
    at.record_live().run_fragment("f").run();
    assert_eq!(at.texts(), ["tab 1", "tab tail 1", "popover 0"]);
    let first = &at.live_partials()[0];
    assert_eq!(texts(first), ["tab 1", "tab tail 0", "popover 0"]);
    assert_eq!(stale_texts(first), ["tab tail 0"]);
    at.run_fragment("g").run();
    assert_eq!(at.texts(), ["tab 1", "tab tail 1", "popover 1"]);
}
