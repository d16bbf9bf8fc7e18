//! Date, time and datetime inputs with no value (Streamlit's `value=None`):
//! `.optional()` makes the page's value an `Option`, session state holds
//! that `Option`, and ranges may have empty ends.
#![allow(clippy::unwrap_used)] // tests may unwrap (STYLE.md)

use brook::jiff::civil::{Date, DateTime, Time, date, time};
use brook::prelude::*;
use brook::testing::AppTest;

fn restart(old: &AppTest, page: fn(&mut St)) -> AppTest {
    let saved = old.session_state().export_serializable();
    let mut at = AppTest::new(page);
    at.session_mut().state_mut().import_raw(saved);
    at.run();
    at
}

fn message(at: &AppTest) -> String {
    let errors = at.exceptions();
    assert_eq!(errors.len(), 1, "expected one exception, got {errors:?}");
    errors[0].message.clone()
}

fn due(st: &mut St) {
    let d: Option<Date> = st.add(
        DateInput::new("Due")
            .optional()
            .min_value(date(2024, 1, 1))
            .max_value(date(2024, 12, 31))
            .key("due"),
    );
    st.text(format!("{d:?}"));
}

#[test]
fn an_optional_date_is_none_until_picked_and_none_again_when_cleared() {
    // Streamlit: `date_input(value=None)` returns None until the user picks
    // a date, and session state holds None.
    let mut at = AppTest::new(due);
    at.run();
    assert_eq!(at.texts(), ["None"]);
    assert_eq!(at.state::<Option<Date>>("due"), None);
    assert_eq!(at.value("Due"), serde_json::Value::Null);
    at.set_value("Due", "2024-06-01").run();
    assert_eq!(at.texts(), ["Some(2024-06-01)"]);
    assert_eq!(at.state::<Option<Date>>("due"), Some(date(2024, 6, 1)));
    assert_eq!(at.value("Due"), "2024-06-01");
    at.set_value("Due", None::<Date>).run();
    assert_eq!(at.texts(), ["None"]);
    assert_eq!(at.state::<Option<Date>>("due"), None);
}

#[test]
fn an_optional_date_outside_its_bounds_falls_back_to_its_default() {
    // WS-8: a client value out of range is replaced by the default (empty).
    let mut at = AppTest::new(due);
    at.run().set_value("Due", "2024-06-01").run();
    at.send_events([brook::tree::Event::SetValue {
        id: at.widget("Due").id.clone(),
        value: brook::tree::WidgetValue::Date(date(2030, 1, 1)),
    }])
    .run();
    assert_eq!(at.texts(), ["None"]);
}

#[test]
fn an_optional_date_with_a_value_starts_there_and_can_be_cleared() {
    let mut at = AppTest::new(|st: &mut St| {
        let d = st.add(DateInput::new("Due").value(date(2024, 2, 2)).optional());
        st.text(format!("{d:?}"));
    });
    at.run();
    assert_eq!(at.texts(), ["Some(2024-02-02)"]);
    at.set_value("Due", None::<Date>).run();
    assert_eq!(at.texts(), ["None"]);
}

#[test]
fn a_plain_date_refuses_an_empty_value() {
    let mut at = AppTest::new(|st: &mut St| {
        let d = st.add(DateInput::new("Day").value(date(2024, 2, 2)));
        st.text(d.to_string());
    });
    at.run();
    let refused = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        at.set_value("Day", None::<Date>);
    }));
    let text = refused.unwrap_err().downcast::<String>().unwrap();
    assert!(
        text.contains("null is not a valid value for the date_input"),
        "{text}"
    );
}

#[test]
fn session_state_sets_an_optional_date_before_the_widget() {
    // WS-5, with the value's type being the widget's: an `Option<Date>`.
    let mut at = AppTest::new(|st: &mut St| {
        if st.button("Set") {
            st.state().set("due", Some(date(2024, 3, 3)));
        }
        if st.button("Empty") {
            st.state().set("due", None::<Date>);
        }
        due(st);
    });
    at.run().click("Set").run();
    assert_eq!(at.texts(), ["Some(2024-03-03)"]);
    at.click("Empty").run();
    assert_eq!(at.texts(), ["None"]);
}

#[test]
fn a_key_holding_the_other_form_of_date_says_which_type_to_store() {
    // A `Date` under an optional input's key (and the reverse) is a type
    // error that names the type the widget keeps and the call that sets it.
    let mut at = AppTest::new(|st: &mut St| {
        st.state().init("due", || date(2024, 3, 3));
        due(st);
    });
    at.run();
    let text = message(&at);
    assert!(
        text.contains("session state key \"due\" holds a `Date`")
            && text.contains("it is `.optional()`, so it keeps an `Option<Date>` there")
            && text.contains("st.state().set(\"due\", Some(date))"),
        "{text}"
    );
    let mut at = AppTest::new(|st: &mut St| {
        st.state().init("day", || None::<Date>);
        st.add(DateInput::new("Day").key("day"));
    });
    at.run();
    let text = message(&at);
    assert!(
        text.contains("holds a `Option<Date>`")
            && text.contains("it keeps a `Date` there")
            && text.contains("make the input `.optional()`"),
        "{text}"
    );
}

#[test]
fn reading_an_optional_dates_key_as_a_date_is_a_type_error_with_the_fix() {
    let mut at = AppTest::new(|st: &mut St| {
        due(st);
        if let Err(e) = st.state().get::<Date>("due") {
            st.text(e.to_string());
        }
    });
    at.run();
    assert_eq!(
        at.texts()[1],
        "session state key \"due\" holds a `Option<Date>`, not the requested `Date`. \
         Read it as `Option<Date>`, or store a `Date` under this key (each key keeps one type)."
    );
}

fn stay(st: &mut St) {
    let (a, b) = st.add(DateInput::new("Stay").optional().range().key("stay"));
    st.text(format!("{a:?} {b:?}"));
}

#[test]
fn an_optional_range_reruns_with_one_end_picked_like_streamlit() {
    // Streamlit's range returns `(start,)` while the user has picked one
    // date; here that is `(Some(start), None)`.
    let mut at = AppTest::new(stay);
    at.run();
    assert_eq!(at.texts(), ["None None"]);
    assert_eq!(at.value("Stay"), serde_json::json!([null, null]));
    at.set_value("Stay", ["2024-07-09"]).run();
    assert_eq!(at.texts(), ["Some(2024-07-09) None"]);
    at.set_value("Stay", ["2024-07-09", "2024-07-01"]).run();
    assert_eq!(at.texts(), ["Some(2024-07-01) Some(2024-07-09)"]);
    assert_eq!(
        at.state::<(Option<Date>, Option<Date>)>("stay"),
        (Some(date(2024, 7, 1)), Some(date(2024, 7, 9)))
    );
    at.set_value("Stay", serde_json::Value::Null).run();
    assert_eq!(at.texts(), ["None None"]);
}

#[test]
fn an_optional_range_may_start_with_one_end() {
    let mut at = AppTest::new(|st: &mut St| {
        let r = st.add(
            DateInput::new("From")
                .optional()
                .value(date(2024, 1, 5))
                .range(),
        );
        st.text(format!("{r:?}"));
    });
    at.run();
    assert_eq!(at.texts(), ["(Some(2024-01-05), None)"]);
}

#[test]
fn a_plain_range_still_returns_two_dates() {
    let mut at = AppTest::new(|st: &mut St| {
        let (a, b) =
            st.add(DateInput::new("Trip").value_range(date(2024, 7, 14), date(2024, 7, 1)));
        st.text(format!("{a} {b}"));
    });
    at.run();
    assert_eq!(at.texts(), ["2024-07-01 2024-07-14"]);
    let refused = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        at.set_value("Trip", ["2024-07-02"]);
    }));
    assert!(refused.is_err(), "a plain range takes two dates");
}

fn times(st: &mut St) {
    let t: Option<Time> = st.add(TimeInput::new("T").optional().key("t"));
    let dt: Option<DateTime> = st.add(
        DateTimeInput::new("DT")
            .optional()
            .min_value(date(2024, 1, 1).at(0, 0, 0, 0))
            .key("dt"),
    );
    st.text(format!("{t:?} {dt:?}"));
}

#[test]
fn optional_times_and_datetimes_are_none_until_set() {
    let mut at = AppTest::new(times);
    at.run();
    assert_eq!(at.texts(), ["None None"]);
    at.set_value("T", "07:15")
        .set_value("DT", "2024-02-03T04:05")
        .run();
    assert_eq!(at.texts(), ["Some(07:15:00) Some(2024-02-03T04:05:00)"]);
    at.set_value("T", None::<Time>).run();
    assert_eq!(at.texts(), ["None Some(2024-02-03T04:05:00)"]);
    let text = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut at = AppTest::new(|st: &mut St| {
            st.state().init("t", || time(1, 2, 0, 0));
            times(st);
        });
        at.run();
        message(&at)
    }))
    .unwrap();
    assert!(
        text.contains("the `time_input` \"T\" cannot use it")
            && text.contains("st.state().set(\"t\", Some(time))"),
        "{text}"
    );
}

fn persisted(st: &mut St) {
    due(st);
    stay(st);
    times(st);
}

#[test]
fn optional_values_persist_across_a_restart_empty_or_not() {
    // Departure 7: `None` is a value like any other and comes back as `None`.
    let mut at = AppTest::new(persisted);
    at.run()
        .set_value("Due", "2024-06-01")
        .set_value("Stay", ["2024-07-09"])
        .set_value("DT", "2024-02-03T04:05")
        .run();
    let expected = [
        "Some(2024-06-01)",
        "Some(2024-07-09) None",
        "None Some(2024-02-03T04:05:00)",
    ];
    assert_eq!(at.texts(), expected);
    let again = restart(&at, persisted);
    assert!(again.exceptions().is_empty(), "{:?}", again.exceptions());
    assert_eq!(again.texts(), expected);
}

#[test]
fn a_cleared_optional_date_in_a_form_waits_for_the_submit() {
    // FO-2 for the empty value; FO-9: clear_on_submit brings back "empty".
    let mut at = AppTest::new(|st: &mut St| {
        let d = st.form(FormOptions::new("f").clear_on_submit(true), |form| {
            let d = form.add(DateInput::new("When").optional());
            form.form_submit_button("Go");
            d
        });
        st.text(format!("{d:?}"));
    });
    at.run().set_value("When", "2024-04-04").run();
    assert_eq!(at.texts(), ["None"]);
    at.submit("f").run();
    assert_eq!(at.texts(), ["Some(2024-04-04)"]);
    assert_eq!(
        at.shown_value("When"),
        serde_json::Value::Null,
        "cleared on submit"
    );
    at.submit("f").run();
    assert_eq!(
        at.texts(),
        ["None"],
        "the next submit sends the default: empty"
    );
}
