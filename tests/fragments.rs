//! Fragments through `AppTest`: scoped reruns (FR-1), identity (FR-2),
//! outside writes under both rules (FR-3, departure 2), scoped reruns and
//! their errors (FR-4, EX-8), errors (FR-5), scheduling (FR-6), return
//! values (FR-8). Timers, keys and dialogs: `fragments_timers.rs`.
#![allow(clippy::unwrap_used)] // tests may unwrap (STYLE.md)

use std::time::Duration;

use brook::prelude::*;
use brook::session::RunEnd;
use brook::testing::AppTest;
use brook::tree::{Element, Event};

#[path = "support/counters.rs"]
mod counters;
use counters::{bump, get, two_fragments};

// ---- FR-1: a widget inside a fragment reruns only the fragment -------------

#[test]
fn a_widget_in_a_fragment_reruns_only_that_fragment_callbacks_first() {
    // FR-1
    let mut at = AppTest::new(two_fragments);
    at.run();
    at.set_value("A", 4).run();
    assert_eq!(get(&at, "n_runs"), 1);
    assert_eq!(get(&at, "n_a"), 2);
    assert_eq!(get(&at, "n_b"), 1);
    // The callback ran before the fragment's body (EX-3 for a fragment).
    assert_eq!(get(&at, "a_cb_saw_runs"), 1);
    assert_eq!(at.texts(), ["top", "a=4", "b=0"]);
    let step = &at.trace("t")["steps"][1];
    assert_eq!(step["run"], "fragment");
    assert_eq!(step["executions"], serde_json::json!(["fragment"]));
}

#[test]
fn a_widget_outside_every_fragment_reruns_the_whole_page() {
    // FR-1, EX-1
    let mut at = AppTest::new(two_fragments);
    at.run();
    at.set_value("Outside", 3).run();
    assert_eq!(
        (get(&at, "n_runs"), get(&at, "n_a"), get(&at, "n_b")),
        (2, 2, 2)
    );
}

#[test]
fn the_rest_of_the_tree_is_left_as_it_was() {
    // FR-1: the page is not rebuilt, so what the page drew stays as it was.
    let mut at = AppTest::new(two_fragments);
    at.run();
    let before = at.tree().main[0].clone();
    at.set_value("B", 7).run();
    let after = &at.tree().main[0];
    assert_eq!(format!("{before:?}"), format!("{after:?}"));
    assert_eq!(at.texts(), ["top", "a=0", "b=7"]);
}

// ---- FR-2 / WS-9: identity, and fragments not called are dropped ------------

fn conditional_fragment(st: &mut St) {
    let show = st.checkbox("Show");
    if show {
        st.add(
            Fragment::new(|st| {
                bump(st, "n_frag");
                st.add(Slider::new("Inner", 0..=10_i64).key("inner"));
            })
            .run_every(Duration::from_secs(1)),
        );
    }
}

#[test]
fn fragments_not_called_in_a_full_run_are_dropped_with_their_timers_and_widget_state() {
    // FR-2, FR-7, WS-9
    let mut at = AppTest::new(conditional_fragment);
    at.run();
    at.set_value("Show", true).run();
    at.set_value_by_key("inner", 5).run();
    assert_eq!(at.fragments().len(), 1);
    at.advance_time(Duration::from_secs(2));
    assert_eq!(get(&at, "n_frag"), 4); // full, change, two ticks
    at.set_value("Show", false).run();
    assert!(at.fragments().is_empty());
    assert!(!at.session_state().contains("inner")); // WS-9
    at.advance_time(Duration::from_secs(5));
    assert_eq!(get(&at, "n_frag"), 4); // no timer is left
}

#[test]
fn each_call_site_is_a_fragment_and_a_key_names_it() {
    // FR-2
    let mut at = AppTest::new(|st: &mut St| {
        for i in 0..3_i64 {
            st.fragment(move |st| {
                st.text(format!("f{i}"));
            });
        }
        st.add(Fragment::new(|st| st.text("keyed")).key("k"));
    });
    at.run();
    let fragments = at.fragments();
    assert_eq!(fragments.len(), 4);
    let ids: std::collections::HashSet<_> = fragments.iter().map(|f| f.id.clone()).collect();
    assert_eq!(ids.len(), 4);
    assert_eq!(fragments[3].key.as_deref(), Some("k"));
    // The same ids in the next full run: identity survives reruns.
    at.run();
    assert_eq!(at.fragments(), fragments);
}

// ---- FR-8: the return value -------------------------------------------------

#[test]
fn a_full_run_gets_the_fragments_value_and_reruns_discard_it() {
    // FR-8
    let mut at = AppTest::new(|st: &mut St| {
        let doubled: i64 = st.fragment(|st| {
            let n = st.slider("n", 1..=10_i64);
            Ok::<_, brook::Error>(n * 2)
        });
        st.text(format!("doubled={doubled}"));
    });
    at.run();
    at.set_value("n", 4).run(); // a fragment run: the page does not see it
    assert_eq!(at.texts(), ["doubled=2"]);
    at.run();
    assert_eq!(at.texts(), ["doubled=8"]);
}

// ---- FR-3, departure 2: writes outside the fragment -------------------------

fn outside_writer(rule: OutsideWrites) -> impl Fn(&mut St) + Send + Sync + 'static {
    move |st: &mut St| {
        let above = st.container_handle();
        st.sidebar(|st| st.text("sidebar top"));
        st.add(
            Fragment::new(move |st| {
                let n = bump(st, "n_frag");
                st.sidebar(|st| st.text(format!("side {n}")));
                st.with(above, |st| st.text(format!("above {n}")));
                if st.button("Again") {
                    st.text("clicked");
                }
            })
            .outside_writes(rule),
        );
        st.text("bottom");
    }
}

fn sidebar_texts(at: &AppTest) -> Vec<String> {
    let tree = brook::tree::Tree {
        main: Vec::new(),
        sidebar: at.tree().sidebar.clone(),
        ..Default::default()
    };
    tree.walk()
        .filter_map(|n| match &n.element {
            Element::Text { body } => Some(body.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn by_default_outside_writes_accumulate_until_the_next_full_run() {
    // FR-3, departure 2
    let mut at = AppTest::new(outside_writer(OutsideWrites::Accumulate));
    at.run();
    assert_eq!(sidebar_texts(&at), ["sidebar top", "side 1"]);
    at.click("Again").run();
    at.click("Again").run();
    assert_eq!(
        sidebar_texts(&at),
        ["sidebar top", "side 1", "side 2", "side 3"]
    );
    assert_eq!(
        at.texts(),
        [
            "above 1",
            "above 2",
            "above 3",
            "clicked",
            "bottom",
            "sidebar top",
            "side 1",
            "side 2",
            "side 3"
        ]
    );
    at.run(); // a full run starts over
    assert_eq!(sidebar_texts(&at), ["sidebar top", "side 4"]);
    assert_eq!(at.texts()[0], "above 4");
}

#[test]
fn with_the_1_67_rule_outside_writes_are_replaced_in_place() {
    // FR-3 (Streamlit 1.67)
    let mut at = AppTest::new(outside_writer(OutsideWrites::ReplaceInPlace));
    at.run();
    at.click("Again").run();
    at.click("Again").run();
    assert_eq!(sidebar_texts(&at), ["sidebar top", "side 3"]);
    assert_eq!(
        at.texts(),
        ["above 3", "clicked", "bottom", "sidebar top", "side 3"]
    );
}

#[test]
fn by_default_a_fragment_may_not_draw_a_widget_outside_its_body() {
    // FR-3, departure 2
    let mut at = AppTest::new(|st: &mut St| {
        st.fragment(|st| {
            st.sidebar(|st| st.button("Outside button"));
        });
        st.text("not reached");
    });
    at.run();
    let errors = at.exceptions();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].type_name, "FragmentWidgetsNotAllowedOutsideError");
    assert!(
        errors[0]
            .message
            .contains("Fragments cannot write widgets to outside containers")
    );
    assert!(errors[0].message.contains("OutsideWrites::ReplaceInPlace"));
    assert!(at.texts().is_empty()); // FR-5: the page stopped
}

#[test]
fn with_the_1_67_rule_an_outside_widget_reruns_its_fragment() {
    // FR-3 (1.67): "Widgets it writes outside still trigger fragment reruns."
    let mut at = AppTest::new(|st: &mut St| {
        bump(st, "n_runs");
        st.add(
            Fragment::new(|st| {
                let n = bump(st, "n_frag");
                let v = st.sidebar(|st| st.slider("Side", 0..=10_i64));
                st.text(format!("frag {n} side={v}"));
            })
            .outside_writes(OutsideWrites::ReplaceInPlace),
        );
    });
    at.run();
    at.set_value("Side", 6).run();
    assert_eq!((get(&at, "n_runs"), get(&at, "n_frag")), (1, 2));
    assert_eq!(at.texts(), ["frag 2 side=6"]);
    assert_eq!(at.widgets().len(), 1); // replaced, not added
    assert_eq!(at.value("Side"), 6);
}

#[test]
fn with_the_1_67_rule_a_rerun_may_not_write_where_the_full_run_did_not() {
    // FR-3 (1.67): no stable position reserved
    let mut at = AppTest::new(|st: &mut St| {
        st.state().init("later", || false);
        st.add(
            Fragment::new(|st| {
                if st.button("Go") {
                    st.state().set("later", true);
                }
                if st.state().get::<bool>("later").unwrap() {
                    st.sidebar(|st| st.text("late"));
                }
                st.text("body");
            })
            .outside_writes(OutsideWrites::ReplaceInPlace),
        );
        st.text("page");
    });
    at.run();
    at.click("Go").run();
    let errors = at.exceptions();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .message
            .contains("could not reserve a stable position")
    );
    assert_eq!(at.texts(), ["page"]); // FR-5: the error stays in the fragment
    // The same with brook's rule appends to the sidebar instead.
}

#[test]
fn by_default_a_rerun_may_write_where_the_full_run_did_not() {
    // FR-3, departure 2
    let mut at = AppTest::new(|st: &mut St| {
        st.state().init("later", || false);
        st.fragment(|st| {
            if st.button("Go") {
                st.state().set("later", true);
            }
            if st.state().get::<bool>("later").unwrap() {
                st.sidebar(|st| st.text("late"));
            }
        });
    });
    at.run();
    at.click("Go").run();
    at.click("Go").run();
    assert!(at.exceptions().is_empty());
    assert_eq!(sidebar_texts(&at), ["late", "late"]);
}

// ---- FR-4, EX-8: scoped reruns ---------------------------------------------

#[test]
fn rerun_fragment_during_a_full_run_raises_ex8() {
    // EX-8, FR-4
    let mut at = AppTest::new(|st: &mut St| {
        st.rerun_fragment();
    });
    at.run();
    let errors = at.exceptions();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].type_name, "InvalidLayoutContextError");
    assert!(errors[0].message.contains("during a fragment rerun"));
}

#[test]
fn st_rerun_in_a_fragment_reruns_the_whole_page() {
    // FR-4
    let mut at = AppTest::new(|st: &mut St| {
        bump(st, "n_runs");
        st.fragment(|st| {
            bump(st, "n_frag");
            if st.button("Full") {
                st.rerun();
            }
        });
    });
    at.run();
    at.click("Full").run();
    assert_eq!((get(&at, "n_runs"), get(&at, "n_frag")), (2, 3));
    let step = &at.trace("t")["steps"][1];
    assert_eq!(step["executions"], serde_json::json!(["fragment", "full"]));
}

fn keyed_callbacks(st: &mut St) {
    bump(st, "n_runs");
    st.add(
        Fragment::new(|st| {
            bump(st, "n_target");
        })
        .key("target"),
    );
    st.add(
        Fragment::new(|st| {
            bump(st, "n_source");
            st.add(
                Button::new("Refresh target")
                    .on_click(|st| st.rerun_scope(RerunScope::Keys(vec!["target".into()]))),
            );
            st.add(
                Button::new("Unknown")
                    .on_click(|st| st.rerun_scope(RerunScope::Keys(vec!["nope".into()]))),
            );
            if st.button("Keyed in body") {
                st.rerun_scope(RerunScope::Keys(vec!["target".into()]));
            }
            st.add(Button::new("Empty").on_click(|st| st.rerun_scope(RerunScope::Keys(vec![]))));
        })
        .key("source"),
    );
}

#[test]
fn a_keyed_rerun_from_a_callback_runs_that_fragment_too() {
    // EX-7
    let mut at = AppTest::new(keyed_callbacks);
    at.run();
    at.click("Refresh target").run();
    assert_eq!(get(&at, "n_runs"), 1);
    assert_eq!(get(&at, "n_source"), 2);
    assert_eq!(get(&at, "n_target"), 2);
    assert_eq!(at.last_executions(), 2);
}

#[test]
fn keyed_reruns_raise_ex8_errors_outside_callbacks_and_for_unknown_keys() {
    // EX-8
    let mut at = AppTest::new(keyed_callbacks);
    at.run();
    at.click("Keyed in body").run();
    assert!(
        at.exceptions()[0]
            .message
            .contains("only allowed from a widget callback")
    );
    at.run();
    at.click("Unknown").run();
    assert!(
        at.exceptions()[0]
            .message
            .contains("No fragment found for target 'nope'")
    );
    at.run();
    at.click("Empty").run();
    assert!(at.exceptions()[0].message.contains("Got an empty key"));
}

// ---- FR-5: errors ------------------------------------------------------------

fn failing(st: &mut St) -> brook::Result<()> {
    bump(st, "n_runs");
    st.text("before");
    st.fragment(|st| -> brook::Result<()> {
        st.state().init("fail", || false);
        if st.button("Fail") {
            st.state().set("fail", true);
        }
        if st.state().get::<bool>("fail")? {
            panic!("fragment failed");
        }
        st.text("fragment ok");
        Ok(())
    });
    st.text("after");
    Ok(())
}

#[test]
fn an_error_in_a_fragment_run_stays_in_the_fragment() {
    // FR-5
    let mut at = AppTest::new(failing);
    at.run();
    at.click("Fail").run();
    assert_eq!(at.last_end(), Some(RunEnd::Exception));
    assert_eq!(at.exceptions().len(), 1);
    assert_eq!(at.texts(), ["before", "after"]); // the rest is untouched
    // The exception is inside the fragment's container.
    let Element::Fragment { children, .. } = &at.tree().main[1].element else {
        panic!("the fragment's container is the second element");
    };
    assert!(
        children
            .iter()
            .any(|n| matches!(n.element, Element::Exception(_)))
    );
}

#[test]
fn an_error_in_a_fragment_during_a_full_run_stops_the_page() {
    // FR-5
    let mut at = AppTest::new(failing);
    at.run();
    at.click("Fail").run();
    at.run();
    assert_eq!(at.exceptions().len(), 1);
    assert_eq!(at.texts(), ["before"]); // nothing after the fragment
}

#[test]
fn an_error_returned_by_a_fragment_is_shown_inside_it() {
    // FR-5
    let mut at = AppTest::new(|st: &mut St| {
        let r: i64 = st.fragment(|_st| -> Result<i64, std::io::Error> {
            Err(std::io::Error::other("no data"))
        });
        st.text(format!("{r}"));
    });
    at.run();
    assert_eq!(at.exceptions()[0].message, "no data");
    assert!(at.texts().is_empty());
}

// ---- FR-6: scheduling --------------------------------------------------------

#[test]
fn events_for_two_fragments_run_each_once_ancestors_first() {
    // FR-6
    let mut at = AppTest::new(two_fragments);
    at.run();
    at.set_value("B", 1)
        .set_value("A", 2)
        .set_value("B", 3)
        .run();
    assert_eq!(
        (get(&at, "n_runs"), get(&at, "n_a"), get(&at, "n_b")),
        (1, 2, 2)
    );
    assert_eq!(at.texts(), ["top", "a=2", "b=3"]);
    assert_eq!(at.last_executions(), 2);
}

#[test]
fn a_full_run_absorbs_queued_fragment_runs() {
    // FR-6
    let mut at = AppTest::new(two_fragments);
    at.run();
    at.set_value("A", 2).set_value("Outside", 5).run();
    assert_eq!(
        (get(&at, "n_runs"), get(&at, "n_a"), get(&at, "n_b")),
        (2, 2, 2)
    );
    assert_eq!(at.last_executions(), 1);
    assert_eq!(at.texts(), ["top", "a=2", "b=0"]);
}

#[test]
fn requests_for_fragments_that_no_longer_exist_are_dropped() {
    // FR-6
    let mut at = AppTest::new(conditional_fragment);
    at.run();
    at.set_value("Show", true).run();
    let id = at.fragments()[0].id.clone();
    at.set_value("Show", false).run();
    let report = at.session_mut().handle(vec![Event::RerunFragment(id)]);
    assert!(report.executions.is_empty());
    assert_eq!(get(&at, "n_frag"), 1);
}

fn nested(st: &mut St) {
    bump(st, "n_runs");
    st.add(
        Fragment::new(|st| {
            bump(st, "n_outer");
            st.slider("Outer", 0..=10_i64);
            st.add(
                Fragment::new(|st| {
                    let n = bump(st, "n_inner");
                    let v = st.slider("Inner", 0..=10_i64);
                    st.text(format!("inner {n} v={v}"));
                })
                .key("inner"),
            );
        })
        .key("outer"),
    );
}

#[test]
fn nested_fragments_rerun_alone_and_with_their_parent() {
    // FR-1, FR-6
    let mut at = AppTest::new(nested);
    at.run();
    at.set_value("Inner", 3).run();
    assert_eq!(
        (get(&at, "n_runs"), get(&at, "n_outer"), get(&at, "n_inner")),
        (1, 1, 2)
    );
    at.set_value("Outer", 2).run();
    assert_eq!(
        (get(&at, "n_runs"), get(&at, "n_outer"), get(&at, "n_inner")),
        (1, 2, 3)
    );
    assert_eq!(at.texts(), ["inner 3 v=3"]);
    // The inner fragment re-registered by its parent's run still reruns alone.
    at.set_value("Inner", 9).run();
    assert_eq!((get(&at, "n_outer"), get(&at, "n_inner")), (2, 4));
    assert_eq!(at.texts(), ["inner 4 v=9"]);
    // Both at once: the parent first, then the child (FR-6).
    at.set_value("Inner", 1).set_value("Outer", 1).run();
    assert_eq!((get(&at, "n_outer"), get(&at, "n_inner")), (3, 6));
}
