//! Renderer tests of the input widgets of issue 14: a real page run by
//! `AppTest`, drawn with egui_kittest, driven by label; what the renderer
//! sends goes back to the page, which reruns, as in the app.

use std::sync::Arc;

use brook::egui;
use brook::jiff::civil::date;
use brook::prelude::*;
use brook::render::RenderState;
use brook::render::dialogs::FakeDialogs;
use brook::tree::FeedbackStyle;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

#[path = "support/page_loop.rs"]
mod page_loop;
use page_loop::{Loop, harness_with, settle, texts};

fn harness(page: fn(&mut St), fake: &FakeDialogs) -> Harness<'static, Loop> {
    harness_with(
        page,
        egui::vec2(720.0, 900.0),
        egui::Theme::Dark,
        RenderState::with_dialogs(Arc::new(fake.clone())),
    )
}

fn choices(st: &mut St) {
    let fruit = st.add(Multiselect::new("Fruit", ["Apple", "Banana", "Cherry"]).max_selections(2));
    let mood = st.add(Pills::new("Mood", ["calm", "busy"]));
    let view = st.add(SegmentedControl::new("View", ["Map", "Table"]).multi());
    let stars = st.add(Feedback::new(FeedbackStyle::Stars));
    st.text(format!("{fruit:?} {mood:?} {view:?} {stars:?}"));
}

#[test]
fn multiselect_adds_from_its_list_and_removes_a_chip() {
    let mut h = harness(choices, &FakeDialogs::new());
    h.run();
    h.get_by_label("Fruit").click();
    h.run();
    h.get_by_label("Cherry").click();
    settle(&mut h);
    h.get_by_label("Fruit").click();
    h.run();
    h.get_by_label("Apple").click();
    settle(&mut h);
    assert_eq!(texts(&h), [r#"["Cherry", "Apple"] None [] None"#]);
    h.get_by_label("Remove Cherry").click();
    settle(&mut h);
    assert_eq!(texts(&h), [r#"["Apple"] None [] None"#]);
}

#[test]
fn pills_segments_and_stars_commit_on_click() {
    let mut h = harness(choices, &FakeDialogs::new());
    h.run();
    h.get_by_label("busy").click();
    h.get_by_label("Table").click();
    h.get_by_label("4 stars").click();
    settle(&mut h);
    assert_eq!(texts(&h), [r#"[] Some("busy") ["Table"] Some(3)"#]);
    // Clicking the chosen pill again unchooses it.
    h.get_by_label("busy").click();
    settle(&mut h);
    assert_eq!(texts(&h), [r#"[] None ["Table"] Some(3)"#]);
}

fn sizes(st: &mut St) {
    let size = st.add(SelectSlider::new("Size", ["S", "M", "L", "XL"]));
    st.text(size);
}

#[test]
fn a_select_slider_moves_over_the_options() {
    let mut h = harness(sizes, &FakeDialogs::new());
    h.run();
    let slider = h.get_by_role_and_label(Role::Slider, "Size");
    assert_eq!(slider.accesskit_node().numeric_value(), Some(0.0));
    slider.set_value_accesskit(2.0);
    settle(&mut h);
    assert_eq!(texts(&h), ["L"]);
}

fn dates(st: &mut St) {
    let d = st.add(DateInput::new("Start").value(date(2024, 3, 1)));
    let t = st.add(TimeInput::new("Alarm").value(brook::jiff::civil::time(7, 30, 0, 0)));
    st.text(format!("{d} {t}"));
}

#[test]
fn a_date_is_picked_in_the_calendar_and_saved() {
    let mut h = harness(dates, &FakeDialogs::new());
    h.run();
    h.get_by_label("Start").click();
    h.run();
    h.get_by_label("15").click();
    h.run();
    h.get_by_label("Save").click();
    settle(&mut h);
    assert_eq!(texts(&h), ["2024-03-15 07:30:00"]);
}

#[test]
fn a_time_is_typed_and_commits_on_enter() {
    let mut h = harness(dates, &FakeDialogs::new());
    h.run();
    let field = h.get_by_label("Alarm");
    field.focus();
    field.type_text("\u{8}");
    h.run();
    // Select all, type over it, press Enter.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("Alarm").type_text("18:05");
    h.run();
    h.key_press(egui::Key::Enter);
    settle(&mut h);
    assert_eq!(texts(&h), ["2024-03-01 18:05:00"]);
}

fn optional_dates(st: &mut St) {
    let d = st.add(DateInput::new("Due").optional());
    let t = st.add(TimeInput::new("At").optional());
    let r = st.add(DateInput::new("Stay").optional().range());
    st.text(format!("{d:?} {t:?} {r:?}"));
}

#[test]
fn an_empty_optional_date_is_picked_then_cleared() {
    // `value=None`: the field shows its format as a hint, opens on today (the
    // run's clock: 2026-01-01 in AppTest), and a × empties it again.
    let mut h = harness(optional_dates, &FakeDialogs::new());
    h.run();
    assert_eq!(texts(&h), ["None None (None, None)"]);
    assert!(h.query_by_label("Clear Due").is_none(), "nothing to clear");
    let _ = h.get_by_label("YYYY/MM/DD");
    h.get_by_label("Due").click();
    h.run();
    h.get_by_label("15").click();
    h.run();
    h.get_by_label("Save").click();
    settle(&mut h);
    assert_eq!(texts(&h), ["Some(2026-01-15) None (None, None)"]);
    h.get_by_label("Clear Due").click();
    settle(&mut h);
    assert_eq!(texts(&h), ["None None (None, None)"]);
}

#[test]
fn an_empty_optional_time_is_typed_and_an_optional_range_takes_one_end() {
    let mut h = harness(optional_dates, &FakeDialogs::new());
    h.run();
    h.get_by_label("At").focus();
    h.run();
    h.get_by_label("At").type_text("06:40");
    h.run();
    h.key_press(egui::Key::Enter);
    settle(&mut h);
    assert_eq!(texts(&h), ["None Some(06:40:00) (None, None)"]);
    h.get_by_label("Stay").click(); // the start picker, named by the label
    h.run();
    h.get_by_label("3").click();
    h.run();
    h.get_by_label("Save").click();
    settle(&mut h);
    assert_eq!(texts(&h), ["None Some(06:40:00) (Some(2026-01-03), None)"]);
    h.get_by_label("Clear Stay").click();
    settle(&mut h);
    assert_eq!(texts(&h), ["None Some(06:40:00) (None, None)"]);
}

fn files(st: &mut St) {
    let got = st.add(
        FileUploader::new("Data")
            .multiple()
            .types(["csv"])
            .max_size_bytes(64),
    );
    st.text(
        got.iter()
            .map(|f| f.name().to_owned())
            .collect::<Vec<_>>()
            .join(","),
    );
    st.add(DownloadButton::new("Save copy", "a,b\n").file_name("copy.csv"));
}

#[test]
fn browse_files_uses_the_dialog_and_refusals_are_shown() {
    let fake = FakeDialogs::new();
    fake.push_pick([
        UploadedFile::new("a.csv", "1"),
        UploadedFile::new("b.txt", "2"),
    ]);
    let mut h = harness(files, &fake);
    h.run();
    h.get_by_label("Data").click(); // "Browse files", named by the label
    settle(&mut h);
    settle(&mut h);
    assert_eq!(texts(&h), ["a.csv"]);
    assert_eq!(fake.opened(), ["Data"]);
    let _ = h.get_by_label("b.txt: text/plain files are not allowed. Allowed types: .csv");
    h.get_by_label("Remove a.csv").click();
    settle(&mut h);
    assert_eq!(texts(&h), [""]);
}

/// A file dropped onto the window, as the windowing backend hands it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn files_dropped_onto_the_window_reach_the_uploader() {
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("drop.csv");
    std::fs::write(&small, "x,y\n").unwrap();
    let big = dir.path().join("big.csv");
    std::fs::write(&big, vec![b'1'; 100]).unwrap();
    let mut h = harness(files, &FakeDialogs::new());
    h.run();
    h.input_mut()
        .dropped_files
        .extend([Arc::new(Dropped(small)) as _, Arc::new(Dropped(big)) as _]);
    settle(&mut h);
    settle(&mut h);
    assert_eq!(texts(&h), ["drop.csv"]);
    let _ = h.get_by_label("big.csv: File must be 64.0B or smaller.");
}

#[test]
fn a_download_saves_through_the_dialog_without_a_rerun() {
    let fake = FakeDialogs::new();
    let mut h = harness(files, &fake);
    h.run();
    h.get_by_label("Save copy").click();
    let events = settle(&mut h);
    assert!(events.is_empty(), "a download sends nothing: {events:?}");
    assert_eq!(fake.saved(), [("copy.csv".to_owned(), b"a,b\n".to_vec())]);
    let _ = h.get_by_label("Saved copy.csv");
}

fn chat(st: &mut St) {
    st.state().init("log", Vec::<String>::new);
    if let Some(msg) = st.add(ChatInput::new("Message")) {
        st.state()
            .update("log", |l: &mut Vec<String>| l.push(msg))
            .ok();
    }
    let log: Vec<String> = st.state().get("log").unwrap_or_default();
    for m in log {
        st.chat_message("user", |st| st.text(m));
    }
}

#[test]
fn the_chat_input_is_pinned_to_the_bottom_and_submits_on_enter() {
    let mut h = harness(chat, &FakeDialogs::new());
    h.run();
    let input = h.get_by_label("Message");
    assert!(
        input.rect().top() > 800.0,
        "pinned to the bottom: {:?}",
        input.rect()
    );
    input.focus();
    input.type_text("hello");
    h.run();
    h.key_press(egui::Key::Enter);
    settle(&mut h);
    assert_eq!(texts(&h), ["hello"]);
    // The box is empty again, and the send button is off until text is typed.
    assert_eq!(h.get_by_label("Message").value().as_deref(), Some(""));
    assert!(h.get_by_label("Send").accesskit_node().is_disabled());
}

fn secret(st: &mut St) {
    st.add(TextInput::new("Password").password().value("hunter2"));
    st.add(TextInput::new("Hidden label").label_visibility(LabelVisibility::Collapsed));
}

#[test]
fn a_password_has_a_show_toggle_and_a_collapsed_label_still_names_its_field() {
    let mut h = harness(secret, &FakeDialogs::new());
    h.run();
    let masked = h.get_by_label("Password").value();
    assert_ne!(masked.as_deref(), Some("hunter2"));
    h.get_by_label("Show Password").click();
    h.run();
    assert_eq!(
        h.get_by_label("Password").value().as_deref(),
        Some("hunter2")
    );
    let _ = h.get_by_label("Hidden label");
}

fn gallery(st: &mut St) {
    st.logo(egui::ColorImage::filled(
        [16, 16],
        egui::Color32::from_rgb(0, 128, 128),
    ));
    st.add(
        Multiselect::new("Toppings", ["cheese", "olives", "basil"]).default(["cheese", "basil"]),
    );
    st.add(SelectSlider::new("Size", ["S", "M", "L", "XL"]).value("M"));
    st.add(Pills::new("Mood", ["calm", "busy", "away"]).default("busy"));
    st.add(SegmentedControl::new("View", ["Map", "Table", "Chart"]).default("Table"));
    st.add(Feedback::stars().default(2));
    st.add(Feedback::thumbs().default(1));
    st.add(Feedback::faces().default(4));
    st.add(DateInput::new("Start").value(date(2024, 3, 1)));
    st.add(DateTimeInput::new("Meeting").value(date(2024, 5, 2).at(14, 0, 0, 0)));
    st.add(ColorPicker::new("Colour").value("#1f77b4"));
    st.add(TextInput::new("Password").password().value("secret"));
    st.add(FileUploader::new("Data").types(["csv", "json"]));
    st.add(DownloadButton::new("Download", "x"));
    st.add(LinkButton::new("Docs", "https://docs.rs"));
    let red = [220u8, 40, 40].repeat(32 * 16);
    st.add(
        Image::row([
            egui::ColorImage::filled([32, 16], egui::Color32::DARK_GREEN),
            egui::ColorImage::from_rgb([32, 16], &red),
        ])
        .captions(["green", "red"])
        .width(64.0),
    );
    st.chat_message("user", |st| st.write("Hi!"));
    st.chat_message("assistant", |st| st.write("Hello, how can I help?"));
    st.add(ChatInput::new("Say something"));
}

#[test]
fn snapshot_inputs_gallery() {
    // Update with `UPDATE_SNAPSHOTS=true cargo test --test inputs_render`.
    let mut h = harness(gallery, &FakeDialogs::new());
    h.run();
    assert!(
        h.state().at.exceptions().is_empty(),
        "{:?}",
        h.state().at.exceptions()
    );
    h.snapshot("inputs_gallery");
}

#[test]
fn many_dropped_files_are_read_concurrently_and_checked_before_reading() {
    // The native backend reads dropped files on worker threads: many at once,
    // each result must be its own file's bytes or its own refusal.
    use brook::render::dialogs::{Dialogs, NativeDialogs};
    use brook::tree::FilesSpec;
    let dir = tempfile::tempdir().unwrap();
    let spec = FilesSpec {
        types: vec!["txt".into()],
        multiple: true,
        max_bytes: 100,
    };
    let ctx = egui::Context::default();
    let mut jobs = Vec::new();
    for i in 0..64_usize {
        let name = if i % 8 == 7 {
            format!("f{i}.bin")
        } else {
            format!("f{i}.txt")
        };
        let path = dir.path().join(&name);
        std::fs::write(&path, vec![b'a' + (i % 26) as u8; i * 3]).unwrap();
        jobs.push((i, NativeDialogs.read_dropped(&ctx, &spec, vec![path])));
    }
    for (i, pending) in jobs {
        let mut results = pending.wait().expect("the worker sends a result");
        assert_eq!(results.len(), 1);
        match results.pop().unwrap() {
            Ok(file) => {
                assert!(
                    i % 8 != 7 && i * 3 <= 100,
                    "file {i} should have been refused"
                );
                assert_eq!(file.name(), format!("f{i}.txt"));
                assert_eq!(file.bytes(), vec![b'a' + (i % 26) as u8; i * 3]);
            }
            Err(e) if i % 8 == 7 => assert!(e.contains("files are not allowed"), "{e}"),
            Err(e) => {
                assert!(i * 3 > 100, "file {i} refused: {e}");
                assert!(e.ends_with("File must be 100.0B or smaller."), "{e}");
            }
        }
    }
}

#[test]
fn a_panicking_lazy_download_is_an_error_not_a_crash() {
    use brook::render::dialogs::{Dialogs, FakeDialogs};
    use brook::tree::{DownloadData, LazyBytes};
    let fake = FakeDialogs::new();
    let data = DownloadData::Lazy(LazyBytes(Arc::new(|| panic!("no data today"))));
    let ctx = egui::Context::default();
    let saved = fake.save_file(&ctx, "x.txt", &data).wait().unwrap();
    assert_eq!(
        saved.unwrap_err(),
        "computing the download failed: no data today"
    );
    assert!(fake.saved().is_empty());
}

fn markdown_image(st: &mut St) {
    let icon = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/brook-slider-chart.png");
    st.markdown(format!("The icon: ![icon](file://{icon})"));
}

#[test]
fn the_renderer_installs_the_image_loaders_markdown_images_use() {
    // Markdown images (and st.image of a path or bytes) load through egui's
    // loaders: files, the image crate (PNG, JPEG) and SVG. Loading itself
    // runs on the loaders' threads; the inputs example shows it done.
    let mut h = harness(markdown_image, &FakeDialogs::new());
    h.run();
    for loader in [
        "egui_extras::loaders::file_loader::FileLoader",
        "egui_extras::loaders::image_loader::ImageCrateLoader",
        "egui_extras::loaders::svg_loader::SvgLoader",
    ] {
        assert!(
            h.ctx.is_loader_installed(loader),
            "{loader} is not installed"
        );
    }
}

fn hidden_checkbox(st: &mut St) {
    let on = st.add(Checkbox::new("Agree").label_visibility(LabelVisibility::Hidden));
    st.text(on.to_string());
}

#[test]
fn a_checkbox_with_a_hidden_label_is_still_found_by_it() {
    let mut h = harness(hidden_checkbox, &FakeDialogs::new());
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "Agree").click();
    settle(&mut h);
    assert_eq!(texts(&h), ["true"]);
}
