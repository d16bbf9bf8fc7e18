//! Forms through `AppTest` (FO-1..FO-10), the two conformance ports of the
//! seed's form examples, and the compile errors of departure 3.
#![allow(clippy::unwrap_used)] // tests may unwrap (STYLE.md)

#[path = "support/conformance.rs"]
mod support;
use support::*;

use brook::prelude::*;
use brook::testing::AppTest;

fn count_run(st: &mut St) -> brook::Result<i64> {
    st.state().init("n_runs", || 0_i64);
    st.state().update("n_runs", |n: &mut i64| {
        *n += 1;
        *n
    })
}

// ---- conformance: form_seed (FO-2, EX-5) -------------------------------------

fn form_seed(st: &mut St) -> brook::Result<()> {
    let runs = count_run(st)?;
    let (submit, sentence) = st.form("my_form", |form| -> brook::Result<(bool, String)> {
        let submit = form.form_submit_button("submit and update");
        form.state().init("form_text", || "Default text".to_owned());
        let sentence = form.add(TextInput::new("This text is in there").key("form_text"));
        let text: String = form.state().get("form_text")?;
        form.text(text);
        Ok((submit, sentence))
    })?;
    st.state()
        .init("nonform_text", || "Default text".to_owned());
    st.add(TextInput::new("this updates automatically").key("nonform_text"));
    let text: String = st.state().get("nonform_text")?;
    st.text(text);
    st.text(format!(
        "submit={} sentence={} runs={runs}",
        py_bool(submit),
        py_str(&sentence)
    ));
    Ok(())
}

#[test]
fn conformance_form_seed() {
    let mut at = AppTest::new(form_seed);
    at.run();
    at.set_value("This text is in there", "hello").run();
    at.set_value("this updates automatically", "world").run();
    at.submit("my_form").run();
    at.run();
    judge("form_seed", &at);
}

// ---- conformance: form_col_count (FO-2) ----------------------------------------

fn form_col_count(st: &mut St) -> brook::Result<()> {
    count_run(st)?;
    st.state().init("col-count", || 1_i64);
    let (rows, cols) = st.form("column_form", |form| {
        let rows = form.add(NumberInput::new("Rows").value(1_i64).min(1));
        let cols = form.add(
            NumberInput::new("Columns")
                .min(1_i64)
                .max(5)
                .key("col-count"),
        );
        form.form_submit_button("update_cols");
        (rows, cols)
    });
    let count: i64 = st.state().get("col-count")?;
    let columns = st.columns(usize::try_from(count).unwrap());
    for (i, col) in columns.into_iter().enumerate() {
        st.with(col, |st| st.write(format!("**col {}**", i + 1)));
    }
    st.text(format!("rows={rows} cols={cols}"));
    Ok(())
}

#[test]
fn conformance_form_col_count() {
    let mut at = AppTest::new(form_col_count);
    at.run();
    at.set_value("Columns", 3).run();
    at.submit("column_form").run();
    at.set_value("Rows", 4).run();
    at.set_value("Columns", 5).run();
    at.run();
    at.submit("column_form").run();
    at.set_value("Columns", 1).run();
    at.submit("column_form").run();
    judge("form_col_count", &at);
}

// ---- batching (FO-2) -----------------------------------------------------------

fn signup(st: &mut St) -> brook::Result<()> {
    let runs = count_run(st)?;
    let (sent, name, age) = st.form("signup", |form| {
        let name = form.add(TextInput::new("Name").key("name"));
        let age = form.add(Slider::new("Age", 0..=120_i64).value(30));
        (form.form_submit_button("Sign up"), name, age)
    });
    let outside = st.checkbox("Outside");
    st.text(format!(
        "runs={runs} sent={sent} name={name} age={age} outside={outside}"
    ));
    Ok(())
}

#[test]
fn an_edit_inside_a_form_runs_nothing_until_submit() {
    // FO-2
    let mut at = AppTest::new(signup);
    at.run();
    at.set_value("Name", "Ada").set_value("Age", 36).run();
    assert_eq!(at.texts(), ["runs=1 sent=false name= age=30 outside=false"]);
    assert_eq!(at.pending_form_edits().len(), 2);
    assert_eq!(at.shown_value("Name"), "Ada");
    assert_eq!(at.value("Name"), "");

    at.submit("signup").run();
    assert_eq!(
        at.texts(),
        ["runs=2 sent=true name=Ada age=36 outside=false"]
    );
    assert!(at.pending_form_edits().is_empty());
    at.run();
    assert_eq!(
        at.texts(),
        ["runs=3 sent=false name=Ada age=36 outside=false"],
        "the submit button is true for exactly one run (EX-5)"
    );
    let trace = at.trace("signup");
    assert_eq!(trace["steps"][1]["run"], "none");
    assert_eq!(trace["steps"][1]["executions"].as_array().unwrap().len(), 0);
    assert_eq!(trace["steps"][1]["pending_form_edits"][0]["form"], "signup");
}

#[test]
fn a_rerun_from_outside_the_form_keeps_the_edits_pending() {
    // FO-2: non-form interactions do not send pending form edits.
    let mut at = AppTest::new(signup);
    at.run();
    at.set_value("Name", "Ada").run();
    at.set_value("Outside", true).run();
    assert_eq!(at.texts(), ["runs=2 sent=false name= age=30 outside=true"]);
    assert_eq!(at.pending_form_edits()[0].label, "Name");
    // An edit and an outside change together: one run, the edit still held.
    at.set_value("Age", 50).set_value("Outside", false).run();
    assert_eq!(at.texts(), ["runs=3 sent=false name= age=30 outside=false"]);
    at.click("Sign up").run(); // by the button's label
    assert_eq!(
        at.texts(),
        ["runs=4 sent=true name=Ada age=50 outside=false"]
    );
}

#[test]
fn the_session_ignores_a_form_value_sent_without_its_submit() {
    // FO-2 holds in the session too, whoever sends the event.
    let mut at = AppTest::new(signup);
    at.run();
    let id = at.widget("Name").id.clone();
    let session = at.session_mut();
    session.handle(vec![brook::tree::Event::SetValue {
        id,
        value: brook::tree::WidgetValue::Text("sneaky".to_owned()),
    }]);
    assert_eq!(at.texts(), ["runs=2 sent=false name= age=30 outside=false"]);
}

#[test]
fn columns_containers_and_expanders_work_inside_a_form() {
    fn page(st: &mut St) {
        let (a, b, c) = st.form("layout", |form| {
            let cols = form.columns(2);
            let a = form.with(cols[0], |form| form.number_input("A", 1_i64));
            let b = form.with(cols[1], |form| form.container(|form| form.checkbox("B")));
            let c = form.expander("More", |form| form.text_input("C"));
            form.form_submit_button("Go");
            (a, b, c)
        });
        st.text(format!("a={a} b={b} c={c}"));
    }
    let mut at = AppTest::new(page);
    at.run();
    at.set_value("A", 2)
        .set_value("B", true)
        .set_value("C", "x");
    at.run();
    assert_eq!(at.texts(), ["a=1 b=false c="]);
    assert_eq!(at.pending_form_edits().len(), 3);
    at.submit("layout").run();
    assert_eq!(at.texts(), ["a=2 b=true c=x"]);
}

// ---- the submit button (FO-3, FO-7, FO-10) -----------------------------------------

#[test]
fn the_submit_callback_runs_before_the_body_and_sees_every_value() {
    // FO-3
    fn page(st: &mut St) -> brook::Result<()> {
        st.state().init("log", Vec::<String>::new);
        st.form("f", |form| {
            form.add(TextInput::new("City").key("city"));
            form.add(NumberInput::new("Days").value(1_i64).key("days"));
            form.add(
                FormSubmitButton::new("Plan").on_click(|st| -> brook::Result<()> {
                    let city: String = st.state().get("city")?;
                    let days: i64 = st.state().get("days")?;
                    st.state().update("log", |l: &mut Vec<String>| {
                        l.push(format!("cb {city} {days}"));
                    })
                }),
            );
        });
        st.state()
            .update("log", |l: &mut Vec<String>| l.push("body".to_owned()))
    }
    let mut at = AppTest::new(page);
    at.run();
    at.set_value("City", "Oslo")
        .set_value("Days", 3)
        .submit("f")
        .run();
    assert_eq!(
        at.state::<Vec<String>>("log"),
        ["body", "cb Oslo 3", "body"]
    );
}

#[test]
fn an_unkeyed_submit_button_is_keyed_by_its_form_and_label() {
    // FO-7
    fn page(st: &mut St) {
        st.form("f", |form| form.form_submit_button("Submit"));
    }
    let mut at = AppTest::new(page);
    at.run();
    assert!(!at.state::<bool>("FormSubmitter:f-Submit"));
    assert_eq!(
        at.widget("Submit").key.as_deref(),
        Some("FormSubmitter:f-Submit")
    );
}

#[test]
fn two_default_submit_buttons_in_one_form_collide() {
    // FO-7, WS-3
    fn page(st: &mut St) {
        st.form("f", |form| {
            form.form_submit_button("Submit");
            form.form_submit_button("Submit");
        });
    }
    let mut at = AppTest::new(page);
    at.run();
    let errors = at.exceptions();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .message
            .contains("multiple elements with the same `key='FormSubmitter:f-Submit'`"),
        "{}",
        errors[0].message
    );
}

#[test]
fn a_disabled_submit_button_cannot_submit() {
    fn page(st: &mut St) {
        st.form("f", |form| {
            form.text_input("T");
            form.add(FormSubmitButton::new("Send").disabled(true));
        });
    }
    let mut at = AppTest::new(page);
    at.run();
    let id = at.widget("Send").id.clone();
    let field = at.widget("T").id.clone();
    at.session_mut().handle(vec![
        brook::tree::Event::SetValue {
            id: field,
            value: brook::tree::WidgetValue::Text("x".to_owned()),
        },
        brook::tree::Event::Click { id },
    ]);
    assert_eq!(
        at.widget("T").value,
        brook::tree::WidgetValue::Text(String::new())
    );
    let refused = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        at.submit("f");
    }));
    assert!(refused.is_err(), "AppTest refuses a disabled submit button");
}

// ---- clear_on_submit (FO-9) ---------------------------------------------------------

#[test]
fn clear_on_submit_shows_defaults_after_the_run_that_saw_the_values() {
    // FO-9
    fn page(st: &mut St) {
        let (sent, msg) = st.form(FormOptions::new("chat").clear_on_submit(true), |form| {
            let msg = form.add(TextInput::new("Message").value("hi"));
            (form.form_submit_button("Send"), msg)
        });
        st.text(format!("sent={sent} msg={msg}"));
    }
    let mut at = AppTest::new(page);
    at.run();
    at.set_value("Message", "hello").submit("chat").run();
    assert_eq!(at.texts(), ["sent=true msg=hello"]);
    // The widget shows its default again; the page keeps the submitted value.
    assert_eq!(at.shown_value("Message"), "hi");
    at.run();
    assert_eq!(at.texts(), ["sent=false msg=hello"]);
    // The next submit sends the default unless it is edited.
    at.submit("chat").run();
    assert_eq!(at.texts(), ["sent=true msg=hi"]);
}

// ---- errors only a run can know (FO-1, FO-4, FO-5, FO-8, WS-3) ---------------------

fn only_exception(at: &AppTest) -> String {
    let errors = at.exceptions();
    assert_eq!(errors.len(), 1, "{errors:?}");
    format!("{}: {}", errors[0].type_name, errors[0].message)
}

#[test]
fn a_duplicate_form_key_raises_like_any_duplicate_key() {
    // FO-1, WS-3
    fn page(st: &mut St) {
        st.form("f", |form| form.form_submit_button("A"));
        st.add(Slider::new("s", 0..=3).key("f"));
    }
    let mut at = AppTest::new(page);
    at.run();
    assert!(only_exception(&at).contains("multiple elements with the same `key='f'`"));
}

#[test]
fn a_form_inside_a_form_raises() {
    // FO-5: through a container handle (through the form handle it does not compile).
    fn page(st: &mut St) {
        let inner = st.form("outer", |form| {
            form.form_submit_button("Go");
            form.container_handle()
        });
        st.with(inner, |st| {
            st.form("inner", |form| form.form_submit_button("Go"))
        });
    }
    let mut at = AppTest::new(page);
    at.run();
    let e = only_exception(&at);
    assert!(
        e.starts_with("InvalidLayoutContextError: Forms cannot be nested in other forms."),
        "{e}"
    );
}

#[test]
fn a_plain_button_or_a_callback_smuggled_into_a_form_raises() {
    // FO-4, FO-3: what the form handle refuses to compile, a run refuses.
    fn button(st: &mut St) {
        let inside = st.form("f", |form| {
            form.form_submit_button("Go");
            form.container_handle()
        });
        st.with(inside, |st| st.button("Plain"));
    }
    let mut at = AppTest::new(button);
    at.run();
    let e = only_exception(&at);
    assert!(
        e.contains("`st.button()` can't be used in an `st.form()`"),
        "{e}"
    );
    assert!(e.contains("form_submit_button"), "{e}");

    fn callback(st: &mut St) {
        let inside = st.form("f", |form| {
            form.form_submit_button("Go");
            form.container_handle()
        });
        st.with(inside, |st| st.add(Checkbox::new("C").on_change(|_st| {})));
    }
    let mut at = AppTest::new(callback);
    at.run();
    let e = only_exception(&at);
    assert!(
        e.starts_with(
            "InvalidFormCallbackError: Within a form, callbacks can only be defined on `form_submit_button`."
        ),
        "{e}"
    );
}

#[test]
fn a_form_handle_refuses_a_container_from_outside() {
    fn page(st: &mut St) {
        let outside = st.container_handle();
        st.form("f", |form| {
            form.form_submit_button("Go");
            form.with(outside, |form| form.text("escaped"));
        });
    }
    let mut at = AppTest::new(page);
    at.run();
    assert!(only_exception(&at).contains("container created outside the form `f`"));
}

#[test]
fn a_form_key_cannot_be_written_through_session_state() {
    // FO-8: before the form it is WS-7's error, after it WS-6's; it holds no value.
    fn before(st: &mut St) {
        st.state().set("f", 1_i64);
        st.form("f", |form| form.form_submit_button("Go"));
    }
    let mut at = AppTest::new(before);
    at.run();
    assert!(only_exception(&at).starts_with("ValueAssignmentNotAllowedError: "));

    fn after(st: &mut St) {
        st.form("f", |form| form.form_submit_button("Go"));
        st.state().set("f", 1_i64);
    }
    let mut at = AppTest::new(after);
    at.run();
    assert!(only_exception(&at).starts_with("WidgetAlreadyInstantiatedError: "));

    fn read(st: &mut St) -> brook::Result<()> {
        st.form("f", |form| form.form_submit_button("Go"));
        st.state().get::<bool>("f").map(|_| ())
    }
    let mut at = AppTest::new(read);
    at.run();
    assert!(only_exception(&at).starts_with("KeyError: "));
}

#[test]
fn a_form_without_a_submit_button_shows_a_warning() {
    // FO-6: an inert form is a bug; brook says so in the app.
    fn page(st: &mut St) {
        st.form("inert", |form| form.text_input("Lost"));
        st.form("fine", |form| form.form_submit_button("Go"));
    }
    let mut at = AppTest::new(page);
    at.run();
    let warnings = at.get("warning");
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        at.form("inert").children.len(),
        2,
        "the warning is inside the form"
    );
    assert!(at.exceptions().is_empty());
}

// ---- live runs (EX-13) ---------------------------------------------------------

#[test]
fn a_form_being_redrawn_keeps_its_old_fields_until_they_are_redrawn() {
    // EX-13: while a run is in progress, what it has not redrawn yet stays
    // (stale) — inside a form too, so a field never blinks out.
    fn page(st: &mut St) {
        st.form("f", |form| {
            form.form_submit_button("Go");
            form.text_input("Name");
            form.text("after");
        });
    }
    let mut at = AppTest::new(page);
    at.run();
    at.record_live().run();
    let first = at.live_trees().into_iter().next().unwrap();
    let brook::tree::Element::Form(form) = &first.main[0].element else {
        panic!("the form comes first: {first:?}");
    };
    let labels: Vec<&str> = form.widgets().map(|w| w.label.as_str()).collect();
    assert_eq!(
        labels,
        ["Go", "Name"],
        "the button redrawn, the field still there"
    );
    assert_eq!(form.children.len(), 3);
}

// ---- identity (WS-1) --------------------------------------------------------------

#[test]
fn the_form_is_part_of_an_unkeyed_widgets_identity() {
    // WS-1: the same unkeyed widget in two forms does not collide...
    fn two_forms(st: &mut St) {
        for key in ["a", "b"] {
            st.form(key, |form| {
                form.text_input("Name");
                form.form_submit_button("Go");
            });
        }
    }
    let mut at = AppTest::new(two_forms);
    at.run();
    assert!(at.exceptions().is_empty());
    // ...but twice in one form it does (WS-3).
    fn one_form(st: &mut St) {
        st.form("a", |form| {
            form.text_input("Name");
            form.text_input("Name");
            form.form_submit_button("Go");
        });
    }
    let mut at = AppTest::new(one_form);
    at.run();
    assert!(only_exception(&at).contains("same auto-generated ID"));
}

#[test]
fn a_callback_widget_still_takes_the_common_options_after_on_change() {
    fn page(st: &mut St) {
        st.state().init("changed", || false);
        st.add(
            TextInput::new("T")
                .on_change(|st| st.state().set("changed", true))
                .key("t")
                .help("h"),
        );
    }
    let mut at = AppTest::new(page);
    at.run();
    at.set_value_by_key("t", "x").run();
    assert!(at.state::<bool>("changed"));
    assert_eq!(at.widget("T").help.as_deref(), Some("h"));
}

// ---- departure 3: compile errors that name the fix ----------------------------------

#[test]
fn form_misuse_is_a_compile_error_that_says_how_to_fix_it() {
    // FO-3, FO-4, FO-5
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/form_*.rs");
}
