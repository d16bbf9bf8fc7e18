//! Behaviour of the input widgets of issue 14 through `AppTest`: values bound
//! to keys (WS-4..WS-9), validation with Streamlit's wording, the AppTest
//! setters, and keyed values that survive a restart.

use brook::jiff::civil::{date, time};
use brook::prelude::*;
use brook::testing::AppTest;
use brook::tree::FeedbackStyle;
use brook::{DateRangeInput, SelectRange};

/// A restart: a new session that restores what the old one saved, through
/// the same RON text a session file holds (departure 7).
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

#[test]
fn multiselect_returns_options_of_any_display_type_and_keeps_labels_in_state() {
    #[derive(Clone, Debug, PartialEq)]
    enum Colour {
        Red,
        Blue,
    }
    impl std::fmt::Display for Colour {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{self:?}")
        }
    }
    fn page(st: &mut St) {
        let colours = st.add(Multiselect::new("Colours", [Colour::Red, Colour::Blue]).key("c"));
        let numbers = st.add(Multiselect::new("Numbers", 1..=5).default([2, 4]));
        st.text(format!("{colours:?} {numbers:?}"));
    }
    let mut at = AppTest::new(page);
    at.run();
    assert_eq!(at.texts(), ["[] [2, 4]"]);
    assert_eq!(at.value("Numbers"), serde_json::json!(["2", "4"]));
    at.set_value("Colours", ["Blue", "Red"])
        .set_value("Numbers", [5])
        .run();
    assert_eq!(at.texts(), ["[Blue, Red] [5]"]);
    // WS-4: the key holds the chosen labels.
    assert_eq!(at.state::<Vec<String>>("c"), ["Blue", "Red"]);
}

#[test]
fn multiselect_max_selections_is_checked_with_streamlits_words() {
    let mut at = AppTest::new(|st: &mut St| {
        st.add(
            Multiselect::new("M", ["a", "b", "c"])
                .default(["a", "b"])
                .max_selections(1),
        );
    });
    at.run();
    assert_eq!(
        message(&at),
        "Multiselect has 2 options selected but `max_selections` is set to 1. This happened because you \
         either gave too many options to `default` or you manipulated the widget's state through \
         `st.state()`. Note that the latter can happen before the line indicated in the traceback. \
         Please select at most 1 option."
    );
}

#[test]
fn a_default_that_is_not_an_option_raises() {
    let mut at = AppTest::new(|st: &mut St| {
        st.add(Multiselect::new("M", ["a", "b"]).default(["z"]));
    });
    at.run();
    assert_eq!(
        message(&at),
        "The default value 'z' is not part of the options. Please make sure that every default values \
         also exists in the options."
    );
}

#[test]
fn multiselect_state_set_before_creation_wins_and_is_validated() {
    // WS-5: a value assigned before the widget is what it returns.
    fn page(st: &mut St) {
        if st.button("preset") {
            st.state().set("m", vec!["b".to_owned()]);
        }
        if st.button("bad") {
            st.state()
                .set("m", vec!["a".to_owned(), "b".to_owned(), "c".to_owned()]);
        }
        let m = st.add(
            Multiselect::new("M", ["a", "b", "c"])
                .max_selections(2)
                .key("m"),
        );
        st.text(m.join(","));
    }
    let mut at = AppTest::new(page);
    at.run().click("preset").run();
    assert_eq!(at.texts(), ["b"]);
    // WS-8: too many through session state is the same error as a default.
    at.click("bad").run();
    assert!(
        message(&at)
            .starts_with("Multiselect has 3 options selected but `max_selections` is set to 2.")
    );
}

#[test]
fn select_slider_single_and_range() {
    fn page(st: &mut St) {
        let size = st.add(SelectSlider::new("Size", ["S", "M", "L"]).key("size"));
        let (lo, hi) = st
            .add(SelectSlider::new("Span", ["mon", "tue", "wed", "thu"]).value_range("wed", "tue"));
        st.text(format!("{size} {lo}-{hi}"));
    }
    let mut at = AppTest::new(page);
    at.run();
    // Reversed ends are swapped.
    assert_eq!(at.texts(), ["S tue-wed"]);
    at.set_value("Size", "L")
        .set_value("Span", ["mon", "thu"])
        .run();
    assert_eq!(at.texts(), ["L mon-thu"]);
    assert_eq!(at.state::<String>("size"), "L");
    let _: fn(SelectRange<&str>) = |_| {};
}

#[test]
fn select_slider_errors_use_streamlits_words() {
    let mut at = AppTest::new(|st: &mut St| {
        st.add(SelectSlider::new("Empty", Vec::<String>::new()));
    });
    at.run();
    assert_eq!(message(&at), "The `options` argument needs to be non-empty");
    let mut at = AppTest::new(|st: &mut St| {
        st.add(SelectSlider::new("S", ["a"]).value("b"));
    });
    at.run();
    assert_eq!(
        message(&at),
        "The `value` 'b' is not one of the options of `select_slider` \"S\"."
    );
}

#[test]
fn pills_single_unchooses_and_multi_collects() {
    fn page(st: &mut St) {
        let one = st.add(Pills::new("One", ["x", "y"]).key("one"));
        let many = st.add(
            SegmentedControl::new("Many", ["p", "q", "r"])
                .multi()
                .key("many"),
        );
        st.text(format!("{one:?} {many:?}"));
    }
    let mut at = AppTest::new(page);
    at.run();
    assert_eq!(at.texts(), ["None []"]);
    at.set_value("One", "y").set_value("Many", ["r", "p"]).run();
    assert_eq!(at.texts(), [r#"Some("y") ["r", "p"]"#]);
    assert_eq!(at.state::<Option<String>>("one"), Some("y".to_owned()));
    assert_eq!(at.state::<Vec<String>>("many"), ["r", "p"]);
    at.set_value("One", ()).run();
    assert_eq!(at.texts(), [r#"None ["r", "p"]"#]);
}

#[test]
fn feedback_is_an_index_and_out_of_range_defaults_raise() {
    fn page(st: &mut St) {
        let thumbs = st.add(Feedback::thumbs().key("t"));
        st.text(format!("{thumbs:?}"));
    }
    let mut at = AppTest::new(page);
    at.run().set_value_by_key("t", 1).run();
    assert_eq!(at.texts(), ["Some(1)"]);
    assert_eq!(at.state::<Option<usize>>("t"), Some(1));
    let mut at = AppTest::new(|st: &mut St| {
        st.add(Feedback::new(FeedbackStyle::Faces).default(5));
    });
    at.run();
    assert_eq!(
        message(&at),
        "The `default` 5 is out of range: `st.feedback` with options \"faces\" has 5 options, 0 to 4."
    );
}

#[test]
fn date_input_checks_bounds_with_streamlits_words() {
    let mut at = AppTest::new(|st: &mut St| {
        st.add(
            DateInput::new("D")
                .value(date(2020, 1, 1))
                .min_value(date(2021, 1, 1)),
        );
    });
    at.run();
    assert_eq!(
        message(&at),
        "The default `value` of 2020-01-01 must lie between the `min_value` of 2021-01-01 and the \
         `max_value` of 2030-01-01, inclusively."
    );
    let mut at = AppTest::new(|st: &mut St| {
        st.add(
            DateInput::new("D")
                .value(date(2024, 1, 1))
                .min_value(date(2025, 1, 1))
                .max_value(date(2024, 1, 1)),
        );
    });
    at.run();
    assert_eq!(
        message(&at),
        "The `min_value`, set to 2025-01-01, shouldn't be larger than the `max_value`, set to 2024-01-01."
    );
    let mut at = AppTest::new(|st: &mut St| {
        st.add(
            DateInput::new("D")
                .value(date(2024, 1, 1))
                .format("YYYY/DD/MM"),
        );
    });
    at.run();
    assert!(message(&at).starts_with("The provided format (`YYYY/DD/MM`) is not valid."));
}

#[test]
fn a_date_outside_the_bounds_from_the_ui_falls_back_to_the_default() {
    // WS-8: client-sent out-of-range values are replaced by the default.
    fn page(st: &mut St) {
        let d = st.add(
            DateInput::new("D")
                .value(date(2024, 6, 1))
                .min_value(date(2024, 1, 1))
                .max_value(date(2024, 12, 31)),
        );
        st.text(d.to_string());
    }
    let mut at = AppTest::new(page);
    at.run().set_value("D", "2025-06-01").run();
    assert_eq!(at.texts(), ["2024-06-01"]);
}

#[test]
fn date_range_time_and_datetime_values() {
    fn page(st: &mut St) {
        let (a, b) =
            st.add(DateInput::new("Trip").value_range(date(2024, 7, 14), date(2024, 7, 1)));
        let t = st.add(TimeInput::new("T").value(time(9, 0, 0, 0)));
        let dt = st.add(DateTimeInput::new("DT").value(date(2024, 1, 2).at(3, 4, 0, 0)));
        st.text(format!("{a} {b} {t} {dt}"));
    }
    let mut at = AppTest::new(page);
    at.run();
    assert_eq!(
        at.texts(),
        ["2024-07-01 2024-07-14 09:00:00 2024-01-02T03:04:00"]
    );
    assert_eq!(
        at.value("Trip"),
        serde_json::json!(["2024-07-01", "2024-07-14"])
    );
    at.set_value("Trip", ["2024-08-01", "2024-08-03"])
        .set_value("T", "17:45")
        .set_value("DT", "2024-02-03T04:05")
        .run();
    assert_eq!(
        at.texts(),
        ["2024-08-01 2024-08-03 17:45:00 2024-02-03T04:05:00"]
    );
    let _: fn(DateRangeInput) = |_| {};
}

#[test]
fn time_input_step_is_checked() {
    let mut at = AppTest::new(|st: &mut St| {
        st.add(
            TimeInput::new("T")
                .value(time(1, 0, 0, 0))
                .step(std::time::Duration::from_secs(30)),
        );
    });
    at.run();
    assert_eq!(
        message(&at),
        "`step` must be between 60 seconds and 23 hours but is currently set to 30 seconds."
    );
}

#[test]
fn color_picker_validates_hex_and_normalises_picks() {
    let mut at = AppTest::new(|st: &mut St| {
        st.add(ColorPicker::new("C").value("red"));
    });
    at.run();
    assert_eq!(
        message(&at),
        "'red' is not a valid hex code for colors. Valid ones are like '#00FFAA' or '#000'."
    );
    fn page(st: &mut St) {
        let c = st.add(ColorPicker::new("C").value("#0Fa").key("c"));
        st.text(c);
    }
    let mut at = AppTest::new(page);
    at.run();
    assert_eq!(at.texts(), ["#0Fa"]); // the default as given, like Streamlit
    at.set_value("C", "#ABCDEF").run();
    assert_eq!(at.texts(), ["#abcdef"]);
}

#[test]
fn text_area_height_must_be_at_least_68_points() {
    let mut at = AppTest::new(|st: &mut St| {
        st.add(TextArea::new("Notes").height(40.0));
    });
    at.run();
    assert_eq!(
        message(&at),
        "Invalid height 40px for `st.text_area` - must be at least 68 pixels."
    );
}

#[test]
fn label_visibility_and_width_reach_the_tree() {
    let mut at = AppTest::new(|st: &mut St| {
        st.add(
            TextInput::new("Secret")
                .password()
                .label_visibility(LabelVisibility::Collapsed)
                .width(Width::Points(200.0))
                .help("Never shown"),
        );
    });
    at.run();
    let w = at.widget("Secret");
    assert_eq!(w.look.label_visibility, LabelVisibility::Collapsed);
    assert_eq!(w.look.width, Width::Points(200.0));
    assert_eq!(w.help.as_deref(), Some("Never shown"));
}

#[test]
fn file_uploader_value_is_names_and_bytes_and_refuses_what_it_should() {
    fn page(st: &mut St) {
        let files = st.add(
            FileUploader::new("CSV")
                .multiple()
                .types([".CSV"])
                .max_size_bytes(10)
                .key("f"),
        );
        st.text(
            files
                .iter()
                .map(|f| format!("{}={}", f.name(), f.text().unwrap_or("?")))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    let mut at = AppTest::new(page);
    at.run()
        .set_files(
            "CSV",
            [
                UploadedFile::new("a.csv", "1,2"),
                UploadedFile::new("b.csv", "3"),
            ],
        )
        .run();
    assert_eq!(at.texts(), ["a.csv=1,2 b.csv=3"]);
    assert_eq!(at.state::<Vec<UploadedFile>>("f").len(), 2);
    let wrong_type = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        at.set_files("CSV", [UploadedFile::new("x.txt", "hi")]);
    }));
    let text = wrong_type.unwrap_err().downcast::<String>().unwrap();
    assert!(
        text.contains("text/plain files are not allowed. Allowed types: .csv"),
        "{text}"
    );
    let too_big = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        at.set_files("CSV", [UploadedFile::new("big.csv", "0123456789ab")]);
    }));
    let text = too_big.unwrap_err().downcast::<String>().unwrap();
    assert!(text.contains("File must be 10.0B or smaller."), "{text}");
}

#[test]
fn uploader_and_download_keys_are_read_only() {
    // WS-7: file inputs and download buttons cannot be assigned.
    fn page(st: &mut St) {
        if st.button("assign") {
            st.state().set("up", None::<UploadedFile>);
        }
        st.add(FileUploader::new("Up").key("up"));
    }
    let mut at = AppTest::new(page);
    at.run().click("assign").run();
    assert!(message(&at).contains("is read-only and cannot be assigned through session state"));
}

#[test]
fn a_download_does_not_rerun_the_page_unless_asked() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COMPUTED: AtomicUsize = AtomicUsize::new(0);
    fn page(st: &mut St) {
        st.state().init("runs", || 0_u32);
        st.state().update("runs", |n: &mut u32| *n += 1).ok();
        let quiet = st.add(DownloadButton::lazy("Quiet", || {
            COMPUTED.fetch_add(1, Ordering::SeqCst);
            b"lazy".to_vec()
        }));
        let loud = st.add(DownloadButton::new("Loud", "now").rerun_on_click(true));
        st.text(format!("{quiet} {loud}"));
    }
    let mut at = AppTest::new(page);
    at.run();
    // Lazy data is computed only when clicked.
    assert_eq!(COMPUTED.load(Ordering::SeqCst), 0);
    assert_eq!(at.download("Quiet"), b"lazy");
    assert_eq!(COMPUTED.load(Ordering::SeqCst), 1);
    at.run();
    assert_eq!(at.texts(), ["false false"]);
    assert_eq!(at.download("Loud"), b"now");
    at.run();
    // EX-5: true for exactly the run the click started.
    assert_eq!(at.texts(), ["false true"]);
    at.run();
    assert_eq!(at.texts(), ["false false"]);
}

#[test]
fn a_chat_message_is_returned_for_exactly_one_run() {
    // EX-5 for chat_input: the submitted text, then None.
    fn page(st: &mut St) {
        st.state().init("history", Vec::<String>::new);
        if let Some(msg) = st.chat_input("Say") {
            st.state()
                .update("history", |h: &mut Vec<String>| h.push(msg))
                .ok();
        }
        let history: Vec<String> = st.state().get("history").unwrap_or_default();
        for m in &history {
            st.chat_message("user", |st| st.text(m.clone()));
        }
    }
    let mut at = AppTest::new(page);
    at.run().set_value("Say", "one").run();
    at.run(); // a plain rerun adds nothing
    at.set_value("Say", "two").run();
    assert_eq!(at.texts(), ["one", "two"]);
    assert_eq!(at.get("chat_message").len(), 2);
    // An empty message submits nothing.
    at.set_value("Say", "   ").run();
    assert_eq!(at.texts(), ["one", "two"]);
}

#[test]
fn chat_message_needs_a_role() {
    let mut at = AppTest::new(|st: &mut St| st.chat_message(" ", |st| st.text("x")));
    at.run();
    assert!(message(&at).starts_with("The author name is required for a chat message"));
}

#[test]
fn images_from_pixels_bytes_and_missing_files() {
    let mut at = AppTest::new(|st: &mut St| {
        st.add(Image::from_rgb(2, 1, &[0, 0, 0, 255, 255, 255]).caption("two"));
        st.image(std::path::Path::new("no/such/image.png"));
    });
    at.run();
    assert_eq!(at.get("image").len(), 1);
    assert!(
        message(&at).starts_with("Error opening 'no/such/image.png'"),
        "{}",
        message(&at)
    );
    let mut at = AppTest::new(|st: &mut St| st.add(Image::from_rgba(2, 2, &[0; 3])));
    at.run();
    assert_eq!(
        message(&at),
        "The image data has 3 bytes, but 2×2 RGBA pixels need 16 (4 per pixel, row by row)."
    );
}

fn persisted_page(st: &mut St) {
    let m = st.add(Multiselect::new("M", ["a", "b", "c"]).key("m"));
    let s = st.add(SelectSlider::new("S", ["lo", "hi"]).key("s"));
    let p = st.add(Pills::new("P", ["x", "y"]).key("p"));
    let f = st.add(Feedback::stars().key("f"));
    let d = st.add(DateInput::new("D").value(date(2024, 1, 1)).key("d"));
    let r = st.add(
        DateInput::new("R")
            .value_range(date(2024, 1, 1), date(2024, 1, 2))
            .key("r"),
    );
    let t = st.add(TimeInput::new("T").value(time(0, 0, 0, 0)).key("t"));
    let dt = st.add(
        DateTimeInput::new("DT")
            .value(date(2024, 1, 1).at(0, 0, 0, 0))
            .key("dt"),
    );
    let c = st.add(ColorPicker::new("C").key("c"));
    let u = st.add(FileUploader::new("U").key("u"));
    st.text(format!(
        "{m:?} {s} {p:?} {f:?} {d} {r:?} {t} {dt} {c} {:?}",
        u.map(|u| u.name().to_owned())
    ));
}

#[test]
fn keyed_values_persist_across_a_restart() {
    // Departure 7: serialisable keyed widget values come back at the next start
    // (a file by its path: the session saves a reference, see tests/uploads.rs).
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "kept").unwrap();
    let mut at = AppTest::new(persisted_page);
    at.run()
        .set_value("M", ["c", "a"])
        .set_value("S", "hi")
        .set_value("P", "y")
        .set_value_by_key("f", 4)
        .set_value("D", "2024-03-04")
        .set_value("R", ["2024-05-01", "2024-05-09"])
        .set_value("T", "12:34")
        .set_value("DT", "2024-06-07T08:09")
        .set_value("C", "#123456")
        .set_files("U", [UploadedFile::open(&notes).unwrap()])
        .run();
    let expected = r#"["c", "a"] hi Some("y") Some(4) 2024-03-04 (2024-05-01, 2024-05-09) 12:34:00 2024-06-07T08:09:00 #123456 Some("notes.txt")"#;
    assert_eq!(at.texts(), [expected]);
    let again = restart(&at, persisted_page);
    assert!(again.exceptions().is_empty(), "{:?}", again.exceptions());
    assert_eq!(again.texts(), [expected]);
    assert_eq!(
        again.state::<Option<UploadedFile>>("u").unwrap().bytes(),
        b"kept"
    );
}

#[test]
fn new_inputs_in_a_form_wait_for_its_submit() {
    // FO-2: edits inside a form reach the page only with the submit.
    fn page(st: &mut St) {
        let (m, d, f) = st.form("f", |form| {
            let m = form.add(Multiselect::new("M", ["a", "b"]));
            let d = form.add(DateInput::new("D").value(date(2024, 1, 1)));
            let f = form.add(FileUploader::new("F"));
            form.form_submit_button("Go");
            (m, d, f)
        });
        st.text(format!("{m:?} {d} {:?}", f.map(|f| f.name().to_owned())));
    }
    let mut at = AppTest::new(page);
    at.run();
    at.set_value("M", ["b"])
        .set_value("D", "2024-02-02")
        .set_files("F", [UploadedFile::new("x.txt", "x")])
        .run();
    assert_eq!(at.texts(), [r#"[] 2024-01-01 None"#]);
    at.submit("f").run();
    assert_eq!(at.texts(), [r#"["b"] 2024-02-02 Some("x.txt")"#]);
}

#[test]
fn today_comes_from_the_runs_clock_not_the_wall_clock() {
    // A date or time input without a value shows "today" / "now": in AppTest
    // that is the virtual clock's calendar (2026-01-01 00:00 plus what the
    // test advanced), so the test does not depend on the day it runs.
    let mut at = AppTest::new(|st: &mut St| {
        let d = st.add(DateInput::new("Day"));
        st.text(d.to_string());
    });
    at.run();
    assert_eq!(at.texts(), ["2026-01-01"]);
    let mut later = AppTest::new(|st: &mut St| {
        let d = st.add(DateInput::new("Day"));
        st.text(d.to_string());
    });
    later.advance_time(std::time::Duration::from_secs(3 * 24 * 3600));
    later.run();
    assert_eq!(later.texts(), ["2026-01-04"]);
}

#[test]
fn dates_and_datetimes_set_through_state_outside_their_bounds_are_refused() {
    // WS-8 for date and date-and-time inputs: a value set through session
    // state must lie within the bounds, as a slider's must.
    let mut at = AppTest::new(|st: &mut St| {
        st.state().init("d", || date(2019, 5, 1));
        st.add(
            DateInput::new("D")
                .value(date(2020, 6, 1))
                .min_value(date(2020, 1, 1))
                .max_value(date(2021, 1, 1))
                .key("d"),
        );
    });
    at.run();
    assert_eq!(
        message(&at),
        "The `value` set through session state, 2019-05-01 must lie between the `min_value` of \
         2020-01-01 and the `max_value` of 2021-01-01, inclusively."
    );
    let mut at = AppTest::new(|st: &mut St| {
        st.state().init("dt", || date(2022, 3, 4).at(9, 30, 0, 0));
        st.add(
            DateTimeInput::new("When")
                .value(date(2020, 6, 1).at(12, 0, 0, 0))
                .min_value(date(2020, 1, 1).at(0, 0, 0, 0))
                .max_value(date(2021, 1, 1).at(0, 0, 0, 0))
                .key("dt"),
        );
    });
    at.run();
    assert_eq!(
        message(&at),
        "The `value` set through session state, 2022-03-04T09:30:00 must lie between the \
         `min_value` of 2020-01-01T00:00:00 and the `max_value` of 2021-01-01T00:00:00, \
         inclusively."
    );
}
