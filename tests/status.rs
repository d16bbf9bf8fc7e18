//! Elements that only make sense live (issue 12): progress, spinner, status,
//! toast, streamed text and `st.write` of several values. Behaviour through
//! AppTest (with `record_live` for what a window sees during a run), the
//! drawing through egui_kittest.
#![allow(clippy::unwrap_used)] // tests may unwrap (STYLE.md)

use std::sync::Arc;
use std::time::Duration;

use brook::egui;
use brook::prelude::*;
use brook::render::{RenderState, SPINNER_DELAY, View, draw};
use brook::testing::AppTest;
use brook::tree::{Element, NodeId, StatusState, Tree};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn progress_values(tree: &Tree) -> Vec<f32> {
    tree.walk()
        .filter_map(|n| match &n.element {
            Element::Progress { value, .. } => Some(*value),
            _ => None,
        })
        .collect()
}

#[test]
fn a_progress_bar_moves_in_place_while_the_run_goes_on() {
    let mut at = AppTest::new(|st: &mut St| {
        let bar = st.progress(0, "Working");
        for i in 1..=4_u8 {
            bar.update(st, i * 25, format!("{i}/4"));
            st.text(format!("step {i}"));
        }
    });
    at.record_live().run();
    // One bar at the end, full.
    assert_eq!(progress_values(at.tree()), [1.0]);
    // During the run, the same single bar took every value in turn.
    let seen: Vec<Vec<f32>> = at.live_trees().iter().map(|t| progress_values(t)).collect();
    assert!(seen.iter().all(|v| v.len() == 1), "{seen:?}");
    let mut values: Vec<f32> = seen.into_iter().flatten().collect();
    values.dedup();
    assert_eq!(values, [0.0, 0.25, 0.5, 0.75, 1.0]);
}

#[test]
fn progress_out_of_range_is_streamlits_error() {
    let mut at = AppTest::new(|st: &mut St| {
        st.progress(1.5, "");
    });
    at.run();
    let e = &at.exceptions()[0];
    assert!(
        e.message
            .contains("Progress Value has invalid value [0.0, 1.0]: 1.5"),
        "{e:?}"
    );
    let mut at = AppTest::new(|st: &mut St| {
        st.progress(101, "");
    });
    at.run();
    assert!(
        at.exceptions()[0]
            .message
            .contains("Progress Value has invalid value [0, 100]: 101")
    );
}

#[test]
fn a_spinner_shows_while_its_block_runs_and_is_gone_after() {
    // EX-14: the block's elements go below the spinner; it vanishes after.
    let mut at = AppTest::new(|st: &mut St| {
        st.text("above");
        let n = st.spinner("Crunching…", |st| {
            st.text("inside");
            42
        });
        st.text(format!("got {n}"));
    });
    at.record_live().run();
    assert_eq!(at.texts(), ["above", "inside", "got 42"]);
    assert!(at.get("spinner").is_empty());
    let during = at.live_trees().iter().any(|t| {
        t.walk()
            .any(|n| matches!(n.element, Element::Spinner { .. }))
    });
    assert!(during, "the spinner was published while its block ran");
}

#[test]
fn a_spinner_is_removed_even_when_its_block_panics() {
    let mut at = AppTest::new(|st: &mut St| {
        st.spinner("Loading…", |_| panic!("the source is down"));
    });
    at.run();
    assert!(at.get("spinner").is_empty());
    assert!(at.exceptions()[0].message.contains("the source is down"));
}

fn status_of(at: &AppTest) -> (String, StatusState) {
    match &at.get("status")[0] {
        Element::Status { label, state, .. } => (label.clone(), *state),
        _ => unreachable!(),
    }
}

#[test]
fn a_status_block_is_running_then_complete() {
    let mut at = AppTest::new(|st: &mut St| {
        Status::new("Downloading…")
            .complete_label("Downloaded")
            .expanded(true)
            .show(st, |st| st.text("fetching"));
    });
    at.record_live().run();
    assert_eq!(
        status_of(&at),
        ("Downloaded".to_owned(), StatusState::Complete)
    );
    let running = at.live_trees().iter().any(|t| {
        t.walk().any(|n| {
            matches!(
                n.element,
                Element::Status {
                    state: StatusState::Running,
                    ..
                }
            )
        })
    });
    assert!(running, "shown as running while its block ran");
}

#[test]
fn a_status_block_whose_body_fails_shows_the_error_state() {
    let mut at = AppTest::new(|st: &mut St| -> brook::Result<()> {
        let r: Result<(), String> = st.status("Checking", |_| Err("bad row".to_owned()));
        st.text(format!("{r:?}"));
        Status::new("Parsing")
            .error_label("Parsing failed")
            .show(st, |_| -> () { panic!("unexpected byte") });
        Ok(())
    });
    at.run();
    let states: Vec<(String, StatusState)> = at
        .get("status")
        .iter()
        .map(|e| match e {
            Element::Status { label, state, .. } => (label.clone(), *state),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(
        states,
        [
            ("Checking".to_owned(), StatusState::Error),
            ("Parsing failed".to_owned(), StatusState::Error)
        ]
    );
    assert!(at.exceptions()[0].message.contains("unexpected byte"));
}

#[test]
fn write_stream_shows_each_chunk_as_it_comes_and_returns_the_text() {
    let mut at = AppTest::new(|st: &mut St| {
        let text = st.write_stream(vec![
            Chunk::from("Hello"),
            Chunk::from(", "),
            Chunk::from("world"),
            Chunk::write(&7),
            Chunk::from("after"),
        ]);
        st.text(text);
    });
    at.record_live().run();
    assert_eq!(at.markdown(), ["Hello, world", "`7`", "after"]);
    assert_eq!(at.texts(), ["Hello, worldafter"]);
    let growing: Vec<String> = at
        .live_trees()
        .iter()
        .filter_map(|t| {
            t.walk().find_map(|n| match &n.element {
                Element::Markdown { body } => Some(body.clone()),
                _ => None,
            })
        })
        .collect();
    assert!(
        growing.starts_with(&["Hello".to_owned(), "Hello, ".to_owned()]),
        "{growing:?}"
    );
}

#[test]
fn write_with_several_values_joins_text_and_keeps_json_apart() {
    let mut at = AppTest::new(|st: &mut St| {
        st.write(("Region:", "North"));
        st.write(("Sales", 12.5, Json(vec![1, 2]), "units"));
    });
    at.run();
    assert_eq!(at.markdown(), ["Region: North", "Sales `12.5`", "units"]);
    assert_eq!(at.get("json").len(), 1);
}

#[test]
fn a_toast_is_an_element_of_the_run_that_showed_it() {
    let mut at = AppTest::new(|st: &mut St| {
        if st.button("Save") {
            st.toast("Saved!");
        }
    });
    at.run();
    assert!(at.get("toast").is_empty());
    at.click("Save").run();
    assert_eq!(at.get("toast").len(), 1);
    at.run();
    assert!(
        at.get("toast").is_empty(),
        "the next run does not repeat it"
    );
}

// ---- drawing ------------------------------------------------------------------

fn tree_of(page: impl Fn(&mut St) + Send + Sync + 'static) -> Tree {
    let mut at = AppTest::new(page);
    at.run();
    at.tree().clone()
}

fn harness(tree: Tree, running: bool) -> Harness<'static, (Arc<Tree>, RenderState)> {
    Harness::builder()
        .with_size(egui::vec2(600.0, 400.0))
        .with_step_dt(1.0 / 10.0)
        .build_ui_state(
            move |ui, (tree, state): &mut (Arc<Tree>, RenderState)| {
                let view = View::new(tree).running_for(running.then_some(Duration::from_secs(1)));
                let _ = draw(ui, &view, state);
            },
            (Arc::new(tree), RenderState::default()),
        )
}

#[test]
fn the_spinner_appears_only_after_half_a_second() {
    // EX-14: quick blocks never flicker.
    let tree = Tree {
        main: vec![brook::tree::Node {
            id: NodeId::new("main.0"),
            element: Element::Spinner {
                text: "Crunching".to_owned(),
                show_time: false,
            },
        }],
        sidebar: Vec::new(),
        ..Default::default()
    };
    let mut h = harness(tree, true);
    h.step();
    assert!(h.query_by_label_contains("Crunching").is_none());
    let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert!(
        delay <= SPINNER_DELAY,
        "it asks to be woken when due: {delay:?}"
    );
    for _ in 0..6 {
        h.step(); // 0.6 s at 10 frames a second
    }
    let _ = h.get_by_label_contains("Crunching");
}

#[test]
fn a_progress_bar_is_drawn_with_its_text_and_percentage() {
    let tree = tree_of(|st: &mut St| {
        st.progress(0.42, "Loading data");
    });
    let mut h = harness(tree, false);
    h.run();
    let _ = h.get_by_label("Loading data");
    let _ = h.get_by_label("Loading data 42%");
}

#[test]
fn a_toast_shows_for_its_duration_and_can_be_dismissed() {
    let tree = tree_of(|st: &mut St| {
        Toast::new("Saved!")
            .duration(Some(Duration::from_secs(1)))
            .show(st);
        Toast::new("Stays").duration(None).show(st);
    });
    let mut h = harness(tree, false);
    h.step();
    let _ = h.get_by_label("Saved!");
    let _ = h.get_by_label("Stays");
    // The window is woken when the first one is due to leave.
    let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert!(delay <= Duration::from_secs(1), "{delay:?}");
    for _ in 0..12 {
        h.step(); // 1.2 s
    }
    assert!(
        h.query_by_label("Saved!").is_none(),
        "gone after its second"
    );
    let _ = h.get_by_label("Stays");
    h.get_all_by_label("×").next().unwrap().click();
    h.step();
    h.step();
    assert!(h.query_by_label("Stays").is_none(), "dismissed");
    // Redrawing the same tree does not bring it back.
    h.step();
    assert!(h.query_by_label("Stays").is_none());
}

#[test]
fn a_status_block_shows_its_label_and_children_when_open() {
    let tree = tree_of(|st: &mut St| {
        Status::new("Fetching")
            .complete_label("Fetched 3 files")
            .expanded(true)
            .show(st, |st| st.text("file 1"));
    });
    let mut h = harness(tree, false);
    h.run();
    let _ = h.get_by_label("Fetched 3 files");
    let _ = h.get_by_label("file 1");
    let _ = h.get_by_label("Complete");
}
