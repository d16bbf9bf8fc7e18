//! Fragments and dialogs through `AppTest`, continued from `fragments.rs`:
//! timers (FR-7, departure 6), keys (FR-9), container handles in fragment
//! reruns, and dialogs.
#![allow(clippy::unwrap_used)] // tests may unwrap (STYLE.md)

use std::time::Duration;

use brook::prelude::*;
use brook::session::{Execution, RunEnd};
use brook::testing::AppTest;
use brook::tree::Event;

#[path = "support/counters.rs"]
mod counters;
use counters::{bump, get, two_fragments};

// ---- FR-7, departure 6: timers ------------------------------------------------

fn ticker(st: &mut St) {
    bump(st, "n_runs");
    st.add(
        Fragment::new(|st| {
            let n = bump(st, "n_ticks");
            st.text(format!("tick {n}"));
        })
        .run_every("1.5s"),
    );
}

#[test]
fn advancing_the_virtual_clock_fires_due_ticks() {
    // FR-7, departure 6
    let mut at = AppTest::new(ticker);
    at.run();
    at.advance_time(Duration::from_millis(1400));
    assert_eq!(get(&at, "n_ticks"), 1);
    at.advance_time(Duration::from_millis(200));
    assert_eq!(get(&at, "n_ticks"), 2);
    at.advance_time(Duration::from_secs(3));
    assert_eq!(get(&at, "n_ticks"), 4);
    assert_eq!(get(&at, "n_runs"), 1);
    assert_eq!(at.texts(), ["tick 4"]);
    let trace = at.trace("ticker");
    let steps = trace["steps"].as_array().unwrap();
    assert_eq!(
        steps[1]["action"],
        serde_json::json!({"auto_rerun_tick": 0})
    );
    assert_eq!(
        steps[3]["action"],
        serde_json::json!({"auto_rerun_tick": 2})
    );
    assert_eq!(steps[3]["run"], "fragment");
    assert_eq!(steps[0]["auto_rerun"][0]["interval"], 1.5);
}

#[test]
fn ticks_missed_while_busy_are_coalesced_into_one() {
    // FR-7
    let mut at = AppTest::new(ticker);
    at.run();
    at.clock().advance(Duration::from_secs(10)); // the session was busy
    let due = at.session_mut().take_due();
    assert_eq!(due.len(), 1);
    assert!(at.session_mut().take_due().is_empty());
    let next = at.session().next_tick().unwrap();
    assert_eq!(next, Duration::from_millis(11_500));
}

#[test]
fn a_full_run_keeps_an_unchanged_timers_phase() {
    // FR-7
    let mut at = AppTest::new(ticker);
    at.run();
    at.advance_time(Duration::from_secs(1));
    at.run();
    assert_eq!(at.session().next_tick(), Some(Duration::from_millis(1500)));
}

#[test]
fn run_every_accepts_durations_numbers_and_strings() {
    // FR-7
    for (every, expect) in [
        (brook::RunEvery::from("10s"), 10.0),
        (brook::RunEvery::from("1.5s"), 1.5),
        (brook::RunEvery::from("2m"), 120.0),
        (brook::RunEvery::from(0.25), 0.25),
        (brook::RunEvery::from(Duration::from_millis(700)), 0.7),
    ] {
        let mut at = AppTest::new(move |st: &mut St| {
            st.add(Fragment::new(|_st| {}).run_every(every.clone()));
        });
        at.run();
        let got = at.fragments()[0].run_every.unwrap().as_secs_f64();
        assert!((got - expect).abs() < 1e-9, "{got} != {expect}");
    }
    let mut at = AppTest::new(|st: &mut St| {
        st.add(Fragment::new(|_st| {}).run_every("soon"));
    });
    at.run();
    assert!(at.exceptions()[0].message.contains("Got: soon"));
}

// ---- FR-9: keys ----------------------------------------------------------------

#[test]
fn fragment_keys_are_unique_page_keys_and_app_is_reserved() {
    // FR-9, WS-3
    let mut at = AppTest::new(|st: &mut St| {
        st.add(Slider::new("s", 0..=1_i64).key("k"));
        st.add(Fragment::new(|_st| {}).key("k"));
    });
    at.run();
    assert!(
        at.exceptions()[0]
            .message
            .contains("multiple elements with the same `key='k'`")
    );
    let mut at = AppTest::new(|st: &mut St| {
        st.add(Fragment::new(|_st| {}).key("app"));
    });
    at.run();
    assert!(
        at.exceptions()[0]
            .message
            .contains("`app` is a reserved name")
    );
}

#[test]
fn a_fragment_may_call_a_cached_function() {
    // FR-9: fragments and caches nest without error.
    #[brook::cache_data]
    fn square(st: &mut St, n: i64) -> i64 {
        st.text(format!("computed {n}"));
        n * n
    }
    let mut at = AppTest::new(|st: &mut St| {
        st.fragment(|st| {
            let n = st.slider("n", 1..=5_i64);
            let sq = square(st, n);
            st.text(format!("sq={sq}"));
        });
    });
    at.run();
    at.set_value("n", 3).run();
    at.set_value("n", 1).run();
    assert!(at.exceptions().is_empty());
    assert_eq!(at.texts(), ["computed 1", "sq=1"]);
}

// ---- container handles in fragment reruns --------------------------------------

#[test]
fn a_fragment_rerun_writes_into_a_placeholder_made_by_the_full_run() {
    // FR-3: a container handle of the full run still works on reruns.
    let mut at = AppTest::new(|st: &mut St| {
        let status = st.empty();
        st.add(
            Fragment::new(move |st| {
                let n = bump(st, "n_frag");
                st.with(status, |st| st.text(format!("status {n}")));
                st.button("Refresh");
            })
            .outside_writes(OutsideWrites::ReplaceInPlace),
        );
    });
    at.run();
    at.click("Refresh").run();
    at.click("Refresh").run();
    assert_eq!(at.texts(), ["status 3"]);
    assert_eq!(at.tree().main.len(), 2);
}

// ---- dialogs ---------------------------------------------------------------------

fn record_editor(st: &mut St) {
    bump(st, "n_runs");
    st.state().init("name", || "Ada".to_owned());
    if st.button("Edit") {
        st.add(
            Dialog::new("Edit record", |st| {
                bump(st, "n_dialog");
                let current: String = st.state().get("name").unwrap();
                let name = st.add(TextInput::new("Name").value(current));
                if st.button("Save") {
                    st.state().set("name", name);
                    st.rerun();
                }
            })
            .key("editor"),
        );
    }
    let name: String = st.state().get("name").unwrap();
    st.text(format!("name={name}"));
}

#[test]
fn a_dialog_body_reruns_like_a_fragment_and_st_rerun_closes_it() {
    let mut at = AppTest::new(record_editor);
    at.run();
    assert!(at.dialog().is_none());
    at.click("Edit").run();
    let dialog = at.dialog().unwrap();
    assert_eq!(dialog.title, "Edit record");
    at.set_value("Name", "Grace").run();
    assert_eq!((get(&at, "n_runs"), get(&at, "n_dialog")), (2, 2));
    assert!(at.dialog().is_some());
    at.click("Save").run();
    assert!(at.dialog().is_none());
    assert_eq!(at.texts(), ["name=Grace"]);
    assert_eq!(get(&at, "n_runs"), 3);
}

#[test]
fn the_user_closes_a_dialog_without_a_run() {
    let mut at = AppTest::new(record_editor);
    at.run();
    at.click("Edit").run();
    at.close_dialog().run();
    assert!(at.dialog().is_none());
    assert_eq!(at.last_executions(), 0);
    assert_eq!(at.trace("t")["steps"][2]["run"], "none");
    assert_eq!(get(&at, "n_runs"), 2);
    assert!(at.fragments().is_empty());
}

#[test]
fn on_dismiss_runs_its_callback_then_the_page() {
    let mut at = AppTest::new(|st: &mut St| {
        st.state().init("open", || true);
        if st.state().get::<bool>("open").unwrap() {
            st.add(
                Dialog::new("Sticky", |st| st.text("inside"))
                    .on_dismiss(|st| st.state().set("open", false)),
            );
        }
        st.text("page");
    });
    at.run();
    assert!(at.dialog().is_some());
    at.close_dialog().run();
    assert!(at.dialog().is_none());
    assert_eq!(at.last_executions(), 1);
}

#[test]
fn a_second_dialog_is_a_clear_error() {
    let mut at = AppTest::new(|st: &mut St| {
        st.dialog("One", |st| st.text("1"));
        st.dialog("Two", |st| st.text("2"));
    });
    at.run();
    let errors = at.exceptions();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .message
            .contains("Only one dialog is allowed to be opened at the same time")
    );
}

#[test]
fn a_fragment_may_not_open_a_dialog_while_another_is_open() {
    let mut at = AppTest::new(|st: &mut St| {
        st.dialog("First", |st| st.text("1"));
        st.fragment(|st| {
            if st.button("Open another") {
                st.dialog("Second", |st| st.text("2"));
            }
        });
    });
    at.run();
    at.click("Open another").run();
    assert!(at.exceptions()[0].message.contains("Only one dialog"));
}

#[test]
fn a_dialog_can_be_opened_from_a_callback() {
    let mut at = AppTest::new(|st: &mut St| {
        st.add(Button::new("Help").on_click(|st| st.dialog("Help", |st| st.markdown("Drag it."))));
        st.text("page");
    });
    at.run();
    at.click("Help").run();
    assert_eq!(at.dialog().unwrap().title, "Help");
    assert_eq!(at.markdown(), ["Drag it."]);
}

// ---- the report of a step --------------------------------------------------------

#[test]
fn a_fragment_step_reports_fragment_executions() {
    let mut at = AppTest::new(two_fragments);
    at.run();
    let id = at.fragments()[0].id.clone();
    let report = at.session_mut().handle(vec![Event::RerunFragment(id)]);
    assert_eq!(report.executions, [Execution::Fragment]);
    at.run_fragment("b").run();
    assert_eq!((get(&at, "n_a"), get(&at, "n_b")), (2, 2));
}

#[test]
fn an_interrupted_full_run_is_followed_by_a_full_run_even_for_a_fragment_event() {
    // FR-6, EX-11: an interrupted run is always followed by a new run, and
    // a full one: a fragment request cannot take its place.
    let mut at = AppTest::new(|st: &mut St| {
        bump(st, "n_runs");
        st.state().init("interrupt", || false);
        if st.state().get::<bool>("interrupt").unwrap() {
            st.state().set("interrupt", false);
            // As if the window sent a newer event now.
            brook::runtime::current().unwrap().interrupt.sent(u64::MAX);
            st.text("not reached");
        }
        st.fragment(|st| {
            bump(st, "n_frag");
            st.button("F");
        });
    });
    at.run();
    at.set_state("interrupt", true);
    at.run();
    assert_eq!(at.last_end(), Some(RunEnd::Interrupted));
    let f = at.widget("F").id.clone();
    let interrupt = at.session().interrupt();
    interrupt.start(u64::MAX); // the next run takes the newer event
    let report = at.session_mut().handle(vec![Event::Click { id: f }]);
    assert_eq!(report.executions, [Execution::Full]);
    assert_eq!(report.end, RunEnd::Completed);
    assert_eq!(get(&at, "n_runs"), 3);
}

fn f_and_g(st: &mut St) {
    bump(st, "n_runs");
    st.add(
        Fragment::new(|st| {
            let v = st.slider("F", 0..=10_i64);
            if v == 7 && !st.state().get_or("interrupted", false).unwrap() {
                st.state().set("interrupted", true);
                brook::runtime::current().unwrap().interrupt.sent(u64::MAX);
            }
            if v == 9 && !st.state().get_or("reran", false).unwrap() {
                st.state().set("reran", true);
                st.rerun();
            }
            st.text(format!("f {v}"));
        })
        .key("frag_f"),
    );
    st.add(
        Fragment::new(|st| {
            let v = st.slider("G", 0..=10_i64);
            st.text(format!("g {v}"));
        })
        .key("frag_g"),
    );
}

#[test]
fn queued_fragment_events_survive_the_interruption_of_an_earlier_fragment_run() {
    // FR-6: found by tests/fragments_stress.rs (a fragment request queued
    // behind an interrupted one lost its values).
    let mut at = AppTest::new(f_and_g);
    at.run();
    at.set_value("F", 7).set_value("G", 3).run();
    assert_eq!(at.last_end(), Some(RunEnd::Interrupted));
    at.session().interrupt().start(u64::MAX);
    at.set_value("F", 8).run();
    assert_eq!(at.texts(), ["f 8", "g 3"]);
    assert_eq!(at.last_executions(), 2);
    assert_eq!(get(&at, "n_runs"), 1);
}

#[test]
fn st_rerun_in_a_fragment_keeps_the_values_of_other_queued_fragment_requests() {
    // FR-4, FR-6: the full run absorbs the queued fragment runs, with their values.
    let mut at = AppTest::new(f_and_g);
    at.run();
    at.set_value("F", 9).set_value("G", 4).run();
    assert_eq!(get(&at, "n_runs"), 2);
    assert!(at.texts().contains(&"g 4"), "{:?}", at.texts());
}

#[test]
fn a_form_inside_a_fragment_submits_into_a_fragment_run() {
    // FO-2 inside FR-1: the submit reruns only the fragment.
    let mut at = AppTest::new(|st: &mut St| {
        bump(st, "n_runs");
        st.fragment(|st| {
            bump(st, "n_frag");
            let (go, query) = st.form("search", |form| {
                let query = form.text_input("Query");
                (form.form_submit_button("Search"), query)
            });
            if go {
                st.text(format!("searched {query}"));
            }
        });
    });
    at.run();
    at.set_value("Query", "rust").run(); // held in the form: no run
    assert_eq!(get(&at, "n_frag"), 1);
    at.submit("search").run();
    assert_eq!(at.texts(), ["searched rust"]);
    assert_eq!((get(&at, "n_runs"), get(&at, "n_frag")), (1, 2));
}
