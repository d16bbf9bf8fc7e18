//! Element parameters through `AppTest` (EL), continued from `core.rs`:
//! validation as Streamlit does it, placeholders, disabled widgets, choices,
//! pages sharing one session state, restarts. Each test cites its rule.
#![allow(clippy::unwrap_used)] // tests may unwrap (STYLE.md)

use brook::prelude::*;
use brook::session::Page;
use brook::testing::AppTest;

#[path = "support/counters.rs"]
mod counters;
use counters::bump;

// ---- EL: element parameters --------------------------------------------------------

#[test]
#[allow(clippy::reversed_empty_ranges)] // reversed bounds are the point (EL-1)
fn slider_parameters_are_validated_as_streamlit_does() {
    // EL-1
    let run = |f: fn(&mut St)| {
        let mut at = AppTest::new(f);
        at.run();
        at.exceptions().first().map(|e| e.message.clone())
    };
    assert_eq!(
        run(|st| {
            st.slider("s", 5..=5);
        }),
        Some(
            "The `min_value` and `max_value` parameters are both set to 5. They must not be equal."
                .into()
        )
    );
    assert!(
        run(|st| {
            st.add(Slider::new("s", 0..=10).step(0));
        })
        .unwrap()
        .starts_with("Invalid `step` value.")
    );
    // Reversed bounds are swapped; an out-of-range default widens them.
    let mut at = AppTest::new(|st: &mut St| {
        let a = st.slider("a", 10..=0);
        let b = st.add(Slider::new("b", 0..=10).value(11));
        st.text(format!("{a} {b}"));
    });
    at.run();
    assert_eq!(at.texts(), ["0 11"]);
}

#[test]
fn number_input_parameters_are_validated() {
    // EL-2
    let msg = |f: fn(&mut St)| {
        let mut at = AppTest::new(f);
        at.run();
        at.exceptions()[0].message.clone()
    };
    assert_eq!(
        msg(|st| {
            st.add(NumberInput::new("n").range(0..=10).value(20));
        }),
        "The `value` 20 is greater than the `max_value` 10."
    );
    assert_eq!(
        msg(|st| {
            st.add(NumberInput::new("n").min(10).max(0));
        }),
        "The `min_value`, set to 10, cannot be greater than the `max_value`, set to 0."
    );
    assert_eq!(
        msg(|st| {
            st.add(NumberInput::new("n").value(1_i64 << 60));
        }),
        "`value` (1152921504606846976) must be <= (1 << 53) - 1"
    );
    assert_eq!(
        msg(|st| {
            st.add(NumberInput::new("n").value(1.0).format("abc"));
        }),
        "Format string for `st.number_input` contains invalid characters: abc"
    );
}

#[test]
fn text_input_default_is_truncated_to_max_chars() {
    // EL-3
    let mut at = AppTest::new(|st: &mut St| {
        let v = st.add(TextInput::new("t").value("abcdef").max_chars(3));
        st.text(v);
    });
    at.run();
    assert_eq!(at.texts(), ["abc"]);
}

#[test]
fn columns_spec_must_be_positive() {
    // EL-4
    let mut at = AppTest::new(|st: &mut St| {
        st.columns([1.0, 0.0]);
    });
    at.run();
    assert!(
        at.exceptions()[0]
            .message
            .starts_with("The `spec` argument to `st.columns` must be")
    );
}

#[test]
fn empty_placeholder_replaces_its_content() {
    let mut at = AppTest::new(|st: &mut St| {
        let slot = st.empty();
        st.with(slot, |st| st.text("loading"));
        st.text("after");
        st.with(slot, |st| st.text("done"));
    });
    at.run();
    assert_eq!(at.texts(), ["done", "after"]);
}

#[test]
fn disabled_widgets_cannot_be_set_and_ignore_events() {
    // AT-4 + EX-4: disabled widgets fire no callback.
    let mut at = AppTest::new(|st: &mut St| {
        st.add(Slider::new("s", 0..=10).disabled(true));
    });
    at.run();
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        at.set_value("s", 3);
    }))
    .unwrap_err();
    let msg = err.downcast_ref::<String>().unwrap();
    assert!(
        msg.contains("Cannot update a disabled slider widget"),
        "{msg}"
    );
}

#[test]
fn selectbox_returns_the_option_and_radio_state_value_must_be_an_option() {
    let mut at = AppTest::new(|st: &mut St| {
        let fruit = st.selectbox("fruit", ["apple", "pear"].map(String::from));
        st.text(fruit);
    });
    at.run();
    at.set_value("fruit", "pear").run();
    assert_eq!(at.texts(), ["pear"]);

    // WS-8: the state holds the chosen option's label.
    let mut at = AppTest::new(|st: &mut St| {
        st.state().init("r", || "7".to_owned());
        st.add(Radio::new("r", [1, 2, 3]).key("r"));
    });
    at.run();
    assert!(
        at.exceptions()[0]
            .message
            .contains("is not one of the options")
    );

    // Another type under the key says what the key must hold.
    let mut at = AppTest::new(|st: &mut St| {
        st.state().init("r", || 2_i32);
        st.add(Radio::new("r", [1, 2, 3]).key("r"));
    });
    at.run();
    let message = &at.exceptions()[0].message;
    assert!(
        message.contains("keeps the label of its chosen option"),
        "{message}"
    );
}

#[test]
fn range_slider_returns_a_pair() {
    // EL-1: tuple value
    let mut at = AppTest::new(|st: &mut St| {
        let (lo, hi) = st.add(RangeSlider::new("r", 0.0..=1.0).value(0.2, 0.8));
        st.text(format!("{lo:.1}-{hi:.1}"));
    });
    at.run();
    assert_eq!(at.texts(), ["0.2-0.8"]);
    at.set_value("r", [0.5, 0.6]).run();
    assert_eq!(at.texts(), ["0.5-0.6"]);

    // A NaN bound compares false with everything: refused, not drawn.
    let mut at = AppTest::new(|st: &mut St| {
        st.add(RangeSlider::new("r", 0.0..=1.0).value(f64::NAN, 0.5));
    });
    at.run();
    assert!(at.exceptions()[0].message.contains("NaN"));
}

#[test]
fn multi_page_apps_share_one_session_state() {
    let pages = vec![
        Page::new("One", |st: &mut St| {
            bump(st, "shared");
            st.text("page one");
        }),
        Page::new("Two", |st: &mut St| {
            bump(st, "shared");
            st.text("page two");
        }),
    ];
    let mut at = AppTest::from_pages(pages);
    at.run();
    at.switch_page(1).run();
    assert_eq!(at.texts(), ["page two"]);
    assert_eq!(at.state::<i64>("shared"), 2);
}

#[test]
fn keyed_widget_values_survive_a_restart() {
    // departure 7: a keyed widget's value is session state like any other.
    let page = |st: &mut St| {
        st.add(TextInput::new("name").key("name"));
        st.add(Slider::new("level", 0..=10).key("level"));
    };
    let mut at = AppTest::new(page);
    at.run();
    at.set_value("name", "Ada").set_value("level", 7).run();
    let saved = at.session_state().export_serializable();
    assert!(
        saved.contains_key("name") && saved.contains_key("level"),
        "{saved:?}"
    );

    let mut restarted = AppTest::new(page);
    restarted.session_mut().state_mut().import_raw(saved);
    restarted.run();
    assert_eq!(restarted.value("name"), "Ada");
    assert_eq!(restarted.value("level"), 7);
}

#[test]
fn rerun_on_change_false_cannot_have_a_callback() {
    // EL-1: on_change is a callable or "ignore", not both.
    let mut at = AppTest::new(|st: &mut St| {
        st.add(
            Checkbox::new("c")
                .rerun_on_change(false)
                .on_change(|_st| {}),
        );
    });
    at.run();
    assert!(at.exceptions()[0].message.contains("cannot run a callback"));
    let mut at = AppTest::new(|st: &mut St| {
        st.add(Slider::new("s", 0..=3).rerun_on_change(false));
    });
    at.run();
    assert!(at.widget("s").ignore_change);
}
