//! Behaviour of the headless core, through `AppTest`: the execution model
//! (EX) and widget identity and state (WS); element parameters (EL) are in
//! `elements.rs`. Each test cites the rule of `shared/SEMANTICS.md` it pins.
#![allow(clippy::unwrap_used)] // tests may unwrap (STYLE.md)

use std::sync::{Arc, Mutex};

use brook::Error;
use brook::config::{Config, ShowErrorDetails};
use brook::prelude::*;
use brook::session::{Page, RunEnd, SessionOptions};
use brook::testing::AppTest;
use brook::tree::Element;

#[path = "support/counters.rs"]
mod counters;
use counters::bump;

fn log(st: &mut St, line: &str) {
    st.state().init("log", Vec::<String>::new);
    st.state()
        .update("log", |l: &mut Vec<String>| l.push(line.to_owned()))
        .unwrap();
}

// ---- EX: execution model ----------------------------------------------------

#[test]
fn button_is_true_for_exactly_one_run_even_across_its_own_rerun() {
    // EX-5: a rerun started by st.rerun() from the click's run sees false.
    let mut at = AppTest::new(|st: &mut St| {
        let clicked = st.button("Go");
        log(st, &format!("clicked={clicked}"));
        if clicked {
            st.rerun();
        }
    });
    at.run();
    at.click("Go").run();
    assert_eq!(at.last_executions(), 2);
    assert_eq!(
        at.state::<Vec<String>>("log"),
        ["clicked=false", "clicked=true", "clicked=false"]
    );
    at.run();
    assert_eq!(at.value("Go"), false);
}

#[test]
fn keyed_button_is_true_in_state_during_its_run_then_false() {
    // EX-5
    let seen = Arc::new(Mutex::new(Vec::new()));
    let seen2 = seen.clone();
    let mut at = AppTest::new(move |st: &mut St| {
        let seen3 = seen2.clone();
        st.add(Button::new("B").key("b").on_click(move |st| {
            seen3
                .lock()
                .unwrap()
                .push(("cb", st.state().get::<bool>("b").unwrap()));
        }));
        let v = st.state().get::<bool>("b").unwrap();
        seen2.lock().unwrap().push(("body", v));
    });
    at.run();
    at.click("B").run();
    assert!(!at.state::<bool>("b"));
    assert_eq!(
        *seen.lock().unwrap(),
        [("body", false), ("cb", true), ("body", true)]
    );
}

#[test]
fn rerun_stops_the_run_and_runs_the_page_again() {
    // EX-6: nothing after st.rerun() runs; the page runs again right away.
    let mut at = AppTest::new(|st: &mut St| {
        let n = bump(st, "n_runs");
        st.text(format!("run {n}"));
        if n < 3 {
            st.rerun();
        }
        st.text("after");
    });
    at.run();
    assert_eq!(at.last_executions(), 3);
    assert_eq!(at.texts(), ["run 3", "after"]);
}

#[test]
fn unconditional_rerun_is_reported_instead_of_hanging() {
    // EX-6: an unconditional st.rerun() loops forever in Streamlit; AppTest
    // stops it with an exception naming the fix.
    let mut at = AppTest::new(|st: &mut St| {
        st.rerun();
    });
    at.run();
    let e = at.exceptions();
    assert_eq!(e.len(), 1);
    assert!(e[0].message.contains("st.rerun()"), "{}", e[0].message);
}

#[test]
fn rerun_in_callback_halts_it_and_the_body_runs_once() {
    // EX-7: log shows ['body', 'cb', 'body'] and code after rerun does not run.
    let mut at = AppTest::new(|st: &mut St| {
        log(st, "body");
        st.add(Button::new("B").on_click(|st| {
            log(st, "cb");
            st.rerun();
        }));
    });
    at.run();
    at.click("B").run();
    assert_eq!(at.state::<Vec<String>>("log"), ["body", "cb", "body"]);
    assert_eq!(at.last_executions(), 1);
}

#[test]
fn stop_in_callback_skips_the_body() {
    // EX-9: the body does not execute and the app shows nothing from that run.
    let mut at = AppTest::new(|st: &mut St| {
        bump(st, "n_runs");
        st.text("body");
        st.add(Button::new("Stop").on_click(|st| st.stop()));
    });
    at.run();
    at.click("Stop").run();
    assert_eq!(at.state::<i64>("n_runs"), 1);
    assert!(at.tree().main.is_empty());
    assert_eq!(at.last_end(), Some(RunEnd::Stopped));
    at.run();
    assert_eq!(at.texts(), ["body"]);
}

#[test]
fn callbacks_run_before_the_body_and_see_every_new_value() {
    // EX-4: all values are applied before any callback runs.
    let mut at = AppTest::new(|st: &mut St| {
        st.add(Slider::new("a", 0..=10).key("a").on_change(|st| {
            let b: i32 = st.state().get("b").unwrap();
            log(st, &format!("cb_a sees b={b}"));
        }));
        st.add(Slider::new("b", 0..=10).key("b"));
        log(st, "body");
    });
    at.run();
    at.set_value("a", 3).set_value("b", 4).run();
    assert_eq!(
        at.state::<Vec<String>>("log"),
        ["body", "cb_a sees b=4", "body"]
    );
}

#[test]
fn no_callback_on_first_render_or_unchanged_value() {
    // EX-4 (issue #3601): no change event for the initial value.
    let mut at = AppTest::new(|st: &mut St| {
        st.add(TextInput::new("t").on_change(|st| log(st, "cb")));
        log(st, "body");
    });
    at.run();
    at.set_value("t", "").run();
    assert_eq!(at.state::<Vec<String>>("log"), ["body", "body"]);
}

#[test]
fn panic_in_page_becomes_an_exception_with_location_and_state_survives() {
    // EX-10: elements above stay, the run ends, the app stays interactive.
    let mut at = AppTest::new(|st: &mut St| {
        st.state().set("kept", 1_i64);
        st.text("above");
        if st.checkbox("boom") {
            panic!("kaboom {}", 42);
        }
        st.text("below");
    });
    at.run();
    at.set_value("boom", true).run();
    assert_eq!(at.texts(), ["above"]);
    let e = at.exceptions();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].message, "kaboom 42");
    assert_eq!(e[0].type_name, "panic");
    assert!(
        e[0].location.as_deref().unwrap().contains("tests/core.rs"),
        "{:?}",
        e[0].location
    );
    assert_eq!(at.state::<i64>("kept"), 1);
    at.set_value("boom", false).run();
    assert_eq!(at.texts(), ["above", "below"]);
    assert!(at.exceptions().is_empty());
}

#[test]
fn error_returned_by_page_shows_its_type_and_message() {
    // EX-10
    let mut at = AppTest::new(|_st: &mut St| -> Result<(), std::num::ParseIntError> {
        "x".parse::<i32>()?;
        Ok(())
    });
    at.run();
    let e = at.exceptions();
    assert_eq!(e[0].message, "invalid digit found in string");
    assert!(e[0].type_name.contains("ParseIntError"));
}

#[test]
fn exception_is_drawn_inside_the_container_where_it_happened() {
    // EX-10: at the point of failure.
    let mut at = AppTest::new(|st: &mut St| {
        st.expander_open("details", |st| {
            st.text("inside");
            panic!("inner failure");
        });
    });
    at.run();
    let Element::Expander { children, .. } = &at.tree().main[0].element else {
        panic!("expected an expander");
    };
    assert!(matches!(children[1].element, Element::Exception(_)));
}

#[test]
fn show_error_details_type_hides_the_message() {
    // client.show_error_details (CFG-2 option, EX-10 detail)
    let config = Config::default()
        .with("client.show_error_details", "type")
        .unwrap();
    assert_eq!(config.client.show_error_details, ShowErrorDetails::Type);
    let page = Page::new("main", |_st: &mut St| -> brook::Result<()> {
        panic!("secret detail")
    });
    let mut at = AppTest::with_config(vec![page], &config);
    at.run();
    let e = at.exceptions();
    assert!(!e[0].message.contains("secret"));
    assert!(e[0].location.is_none());
}

// ---- WS: widget identity and state ----------------------------------------------

#[test]
fn unkeyed_widgets_with_same_params_collide_across_columns_not_roots() {
    // WS-1: columns do not namespace ids; main and sidebar do.
    let mut at = AppTest::new(|st: &mut St| {
        st.text_input("T");
        st.sidebar(|st| st.text_input("T"));
    });
    at.run();
    assert!(at.exceptions().is_empty());
    let mut at = AppTest::new(|st: &mut St| {
        let cols = st.columns(2);
        st.with(cols[0], |st| st.text_input("T"));
        st.with(cols[1], |st| st.text_input("T"));
    });
    at.run();
    let e = at.exceptions();
    assert_eq!(e.len(), 1);
    assert!(
        e[0].message.starts_with(
            "There are multiple `text_input` elements with the same auto-generated ID"
        )
    );
}

#[test]
fn duplicate_key_is_an_error_across_kinds() {
    // WS-3
    let mut at = AppTest::new(|st: &mut St| {
        st.add(Slider::new("a", 0..=1).key("k"));
        st.add(Checkbox::new("b").key("k"));
    });
    at.run();
    assert_eq!(
        at.exceptions()[0].message,
        "There are multiple elements with the same `key='k'`. To fix this, please make sure that the `key` argument is unique for each element you create."
    );
}

#[test]
fn keyed_slider_keeps_user_value_when_its_default_changes_but_resets_on_new_range() {
    // WS-2
    let mut at = AppTest::new(|st: &mut St| {
        let n = bump(st, "n");
        let max = if st.state().get_or("wide", false).unwrap() {
            20
        } else {
            10
        };
        st.add(
            Slider::new("s", 0..=max)
                .value(i32::try_from(n % 5).unwrap())
                .key("s"),
        );
        st.add(Slider::new("u", 0..=10).value(i32::try_from(n % 5).unwrap()));
    });
    at.run();
    at.set_value("s", 9).set_value("u", 9).run();
    assert_eq!(at.value("s"), 9);
    // Unkeyed: its default is part of its identity, which changed in this
    // very run, so the user's value is lost at once (issue #5833).
    assert_eq!(at.value("u"), 2);
    at.run(); // the default changes every run
    assert_eq!(at.value("s"), 9, "keyed: user value kept");
    assert_eq!(
        at.value("u"),
        3,
        "unkeyed: new identity, back to its default"
    );
    at.set_state("wide", true).run();
    assert_eq!(at.value("s"), 4, "new max_value: new identity, default");
}

#[test]
fn setting_a_key_after_its_widget_exists_is_an_error() {
    // WS-6
    let mut at = AppTest::new(|st: &mut St| {
        st.add(Slider::new("s", 0..=10).key("s"));
        st.state().set("s", 5);
    });
    at.run();
    assert!(
        at.exceptions()[0]
            .message
            .starts_with("session state key \"s\" cannot be modified after the widget")
    );
}

#[test]
fn a_button_key_cannot_be_assigned() {
    // WS-7
    let mut at = AppTest::new(|st: &mut St| {
        st.state().set("b", true);
        st.add(Button::new("B").key("b"));
    });
    at.run();
    assert!(
        at.exceptions()[0]
            .message
            .contains("is read-only and cannot be assigned through session state")
    );
}

#[test]
fn out_of_range_values_through_state_raise_for_sliders_and_fall_back_for_number_inputs() {
    // WS-8
    let mut at = AppTest::new(|st: &mut St| {
        st.state().init("s", || 20_i64);
        st.add(Slider::new("s", 0..=10_i64).key("s"));
    });
    at.run();
    assert_eq!(
        at.exceptions()[0].message,
        "The `value` 20 is greater than the `max_value` 10."
    );

    let mut at = AppTest::new(|st: &mut St| {
        st.state().init("n", || 50_i64);
        let v = st.add(NumberInput::new("n").range(0..=10_i64).value(3).key("n"));
        st.text(format!("{v}"));
    });
    at.run();
    assert_eq!(at.texts(), ["3"]);
}

#[test]
fn out_of_range_value_from_the_ui_is_replaced_by_the_default() {
    // WS-8: client-sent out-of-range values are replaced, not clamped.
    let mut at = AppTest::new(|st: &mut St| {
        let v = st.add(Slider::new("s", 0..=10).value(4));
        st.text(format!("{v}"));
    });
    at.run();
    at.set_value("s", 99).run();
    assert_eq!(at.texts(), ["4"]);
}

#[test]
fn persist_state_keeps_a_hidden_widgets_value() {
    // WS-9 + departure 8
    let mut at = AppTest::new(|st: &mut St| {
        if st.add(Checkbox::new("show").value(true)) {
            st.add(TextInput::new("kept").key("kept").persist_state(true));
            st.add(TextInput::new("dropped").key("dropped"));
        }
    });
    at.run();
    at.set_value("kept", "a").set_value("dropped", "b").run();
    at.set_value("show", false).run();
    assert!(at.session_state().contains("kept"));
    assert!(!at.session_state().contains("dropped"));
    at.set_value("show", true).run();
    assert_eq!(at.value("kept"), "a");
    assert_eq!(at.value("dropped"), "");
}

#[test]
fn cleanup_is_skipped_when_the_run_ends_by_exception_or_stop() {
    // WS-9
    let mut at = AppTest::new(|st: &mut St| {
        let mode = st.radio("mode", ["show", "stop", "fail"].map(String::from));
        match mode.as_str() {
            "stop" => st.stop(),
            "fail" => panic!("fail"),
            _ => {
                st.add(TextInput::new("t").key("t"));
            }
        }
    });
    at.run();
    at.set_value("t", "x").run();
    at.set_value("mode", "stop").run();
    assert_eq!(at.state::<String>("t"), "x");
    at.set_value("mode", "fail").run();
    assert_eq!(at.state::<String>("t"), "x");
    at.set_value("mode", "show").run();
    assert_eq!(at.value("t"), "x");
}

#[test]
fn missing_and_mistyped_keys_are_clear_errors() {
    // WS-10
    let mut state = SessionState::new();
    let err = state.get::<i64>("nope").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("session state has no key \"nope\". Did you forget to initialize it?")
    );
    state.try_set("n", 1_i64).unwrap();
    let err = state.get::<String>("n").unwrap_err();
    assert!(matches!(err, Error::WrongType { .. }));
    assert!(err.to_string().contains("holds a `i64`"), "{err}");
    assert_eq!(
        state.try_set("", 1).unwrap_err().to_string(),
        "Invalid `key` value. Supported values: a non-empty string."
    );
    assert_eq!(
        state.try_set("$$ID-x", 1).unwrap_err().to_string(),
        "Keys beginning with $$ID are reserved."
    );
    assert_eq!(state.get_or("absent", 5_i64).unwrap(), 5);
    assert!(
        state.get_or("n", String::new()).is_err(),
        "wrong type is not silently defaulted"
    );
}

#[test]
fn returned_values_are_copies() {
    // WS-4: mutating a returned value does not change the state.
    let mut state = SessionState::new();
    state.try_set("v", vec![1, 2]).unwrap();
    let mut copy: Vec<i32> = state.get("v").unwrap();
    copy.push(3);
    assert_eq!(state.get::<Vec<i32>>("v").unwrap(), [1, 2]);
}

#[test]
fn enforce_serializable_refuses_set_any_and_keeps_what_was_stored() {
    // CFG-1 / departure 4: refused at the call, nothing lost.
    let config = Config::default()
        .with("runner.enforce_serializable_session_state", "true")
        .unwrap();
    let page = Page::new("main", |st: &mut St| -> brook::Result<()> {
        st.state().set("ok", 1_i64);
        st.state().try_set_any("lock", Arc::new(Mutex::new(0)))?;
        Ok(())
    });
    let mut at = AppTest::with_options(vec![page], SessionOptions::from_config(&config));
    at.run();
    let e = at.exceptions();
    assert!(
        e[0].message
            .contains("Cannot store the value (of type `Arc<Mutex<i32>>`)"),
        "{}",
        e[0].message
    );
    assert!(e[0].message.contains("'lock'"));
    assert_eq!(at.state::<i64>("ok"), 1);
    assert!(!at.session_state().contains("lock"));
}

#[test]
fn set_any_stores_non_serialisable_values_when_allowed() {
    let mut state = SessionState::new();
    state.try_set_any("lock", Arc::new(Mutex::new(7))).unwrap();
    let lock: Arc<Mutex<i32>> = state.get_any("lock").unwrap();
    assert_eq!(*lock.lock().unwrap(), 7);
    assert!(
        state.export_serializable().is_empty(),
        "never saved to disk"
    );
}

#[test]
fn restored_values_decode_lazily_and_a_bad_one_is_reported_and_kept() {
    // departure 7 (DESIGN: state): a value that no longer parses is reported, never dropped.
    let mut old = SessionState::new();
    old.try_set("n", 5_i64).unwrap();
    old.try_set("name", "ann".to_owned()).unwrap();
    let saved = old.export_serializable();

    let mut state = SessionState::new();
    state.import_raw(saved.clone());
    assert_eq!(state.get::<i64>("n").unwrap(), 5);
    let err = state.get::<Vec<u8>>("name").unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err}");
    assert!(err.to_string().contains("kept on disk"));
    assert_eq!(
        state.export_serializable()["name"],
        saved["name"],
        "the raw value is kept"
    );
    assert_eq!(state.get::<String>("name").unwrap(), "ann");
}
