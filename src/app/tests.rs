//! The app's chrome, tested with egui_kittest.

use std::sync::mpsc;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::desktop::{self, Backend};
use super::screenshot::write_png;
use super::*;
use crate::render::STALE_DELAY;
use crate::runner::Published;
use crate::tree::Event;
use egui::Key;
use std::sync::Arc;
use std::time::Duration;

/// A session run inline on the UI thread: the app's chrome, tested
/// deterministically (the runner has its own tests).
struct Inline {
    session: Session,
    published: Arc<Published>,
    deferred: Vec<Event>,
}

impl Inline {
    fn new(pages: Vec<Page>) -> Self {
        let mut inline = Self {
            session: Session::new(pages, SessionOptions::default()),
            published: Arc::default(),
            deferred: Vec::new(),
        };
        inline.send(Vec::new());
        inline
    }

    fn state<T: crate::StateValue>(&self, key: &str) -> T {
        self.session.state().get(key).expect("key")
    }
}

impl Backend for Inline {
    fn defer(&mut self, events: Vec<Event>) {
        self.deferred.extend(events);
    }

    fn send(&mut self, events: Vec<Event>) {
        let mut all = std::mem::take(&mut self.deferred);
        all.extend(events);
        let report = self.session.handle(all);
        self.published = Arc::new(Published {
            tree: report.tree,
            running: false,
            run_started: None,
            generation: self.published.generation + 1,
            status: Vec::new(),
            pages: self.session.page_names().to_vec(),
            page: self.session.page(),
            last_end: Some(report.end),
            notices: Vec::new(),
            fresh: None,
            within: None,
            live: 0,
        });
    }

    fn published(&self) -> Arc<Published> {
        self.published.clone()
    }

    fn reset_session(&mut self) {
        self.session.state_mut().reset();
        self.send(Vec::new());
    }
}

fn counter(st: &mut St) -> crate::Result<()> {
    st.state().init("runs", || 0_i64);
    st.state().update("runs", |n: &mut i64| *n += 1)?;
    if st.button("Click me") {
        st.state().set("clicked", true);
    }
    let n: i64 = st.state().get("runs")?;
    st.text(format!("runs: {n}"));
    Ok(())
}

fn other(st: &mut St) {
    st.text("the other page");
}

fn harness<B: Backend + 'static>(backend: B) -> Harness<'static, DesktopApp<B>> {
    Harness::builder()
        .with_size(egui::vec2(800.0, 600.0))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(
            |ui, app: &mut DesktopApp<B>| app.frame(ui),
            DesktopApp::new(backend, "Test app".to_owned(), None),
        )
}

fn runs(h: &Harness<'_, DesktopApp<Inline>>) -> i64 {
    h.state().backend.state("runs")
}

#[test]
fn the_app_draws_the_page_under_its_title_and_a_click_reruns_it() {
    let mut h = harness(Inline::new(vec![Page::new("Counter", counter)]));
    h.run();
    let _ = h.get_by_label("Test app");
    let _ = h.get_by_label("runs: 1");
    h.get_by_label("Click me").click();
    h.run();
    assert_eq!(runs(&h), 2);
    let _ = h.get_by_label("runs: 2");
}

fn ignoring(st: &mut St) -> crate::Result<()> {
    st.state().init("runs", || 0_i64);
    st.state().update("runs", |n: &mut i64| *n += 1)?;
    let quiet = st.add(crate::Checkbox::new("Quiet").rerun_on_change(false));
    st.button("Click me");
    st.text(format!("quiet={quiet}"));
    Ok(())
}

#[test]
fn a_widget_that_ignores_changes_waits_for_the_next_rerun() {
    // EL-1: on_change = "ignore".
    let mut h = harness(Inline::new(vec![Page::new("Ignore", ignoring)]));
    h.run();
    h.get_by_label("Quiet").click();
    h.run();
    assert_eq!(runs(&h), 1, "no rerun for the change");
    let _ = h.get_by_label("quiet=false");
    h.get_by_label("Click me").click();
    h.run();
    assert_eq!(runs(&h), 2);
    let _ = h.get_by_label("quiet=true");
}

#[test]
fn key_r_reruns_and_the_menu_rerun_too() {
    let mut h = harness(Inline::new(vec![Page::new("Counter", counter)]));
    h.run();
    h.key_press(Key::R);
    h.run();
    assert_eq!(runs(&h), 2);
    h.get_by_label("Menu").click();
    h.run();
    h.get_by_label("Rerun R").click(); // the label includes the shortcut
    h.run();
    assert_eq!(runs(&h), 3);
}

#[test]
fn typing_r_into_a_text_input_does_not_rerun() {
    fn page(st: &mut St) -> crate::Result<()> {
        counter(st)?;
        st.text_input("Name");
        Ok(())
    }
    let mut h = harness(Inline::new(vec![Page::new("Page", page)]));
    h.run();
    let field = h.get_by_label("Name");
    field.focus();
    field.type_text("rrr");
    h.run();
    assert_eq!(runs(&h), 1);
}

#[test]
fn several_pages_share_one_state_and_the_sidebar_switches_between_them() {
    let mut h = harness(Inline::new(vec![
        Page::new("Counter", counter),
        Page::new("Other", other),
    ]));
    h.run();
    h.get_by_label("Other").click();
    h.run();
    assert_eq!(h.state().backend.published().page, 1);
    let _ = h.get_by_label("the other page");
    h.get_by_label("Counter").click();
    h.run();
    assert_eq!(runs(&h), 2, "the counter kept its state across pages");
}

#[test]
fn the_menu_switches_the_theme() {
    let mut h = harness(Inline::new(vec![Page::new("Counter", counter)]));
    h.run();
    h.get_by_label("Menu").click();
    h.run();
    h.get_by_label("Dark").click();
    h.run();
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
    h.get_by_label("Menu").click();
    h.run();
    h.get_by_label("Light").click();
    h.run();
    assert_eq!(h.ctx.theme(), egui::Theme::Light);
}

#[test]
fn reset_session_clears_the_state() {
    let mut h = harness(Inline::new(vec![Page::new("Counter", counter)]));
    h.run();
    h.get_by_label("Click me").click();
    h.run();
    assert_eq!(runs(&h), 2);
    h.get_by_label("Menu").click();
    h.run();
    h.get_by_label("Reset session…").click();
    h.run();
    // It asks first: nothing is cleared yet.
    assert_eq!(runs(&h), 2);
    h.get_by_label("Reset").click();
    h.run();
    assert_eq!(runs(&h), 1, "runs counts from scratch");
}

#[test]
fn reset_session_asks_for_confirmation_and_cancel_keeps_the_state() {
    let mut h = harness(Inline::new(vec![Page::new("Counter", counter)]));
    h.run();
    h.get_by_label("Click me").click();
    h.run();
    h.get_by_label("Menu").click();
    h.run();
    h.get_by_label("Reset session…").click();
    h.run();
    let _ = h.get_by_label("Reset session?");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(runs(&h), 2, "nothing was cleared");
    assert!(
        h.query_by_label("Reset session?").is_none(),
        "the question is gone"
    );
}

#[test]
fn about_opens_a_window() {
    let mut h = harness(Inline::new(vec![Page::new("Counter", counter)]));
    h.run();
    h.get_by_label("Menu").click();
    h.run();
    h.get_by_label("About").click();
    h.run();
    let _ = h.get_by_label("Rerun: R. Clear caches: C.");
}

#[test]
fn an_idle_app_requests_no_repaint() {
    let mut h = harness(Inline::new(vec![Page::new("Counter", counter)]));
    h.run();
    h.step();
    let output = &h.output().viewport_output[&egui::ViewportId::ROOT];
    assert_eq!(output.repaint_delay, Duration::MAX);
}

/// A backend whose run never ends: what the window shows meanwhile.
struct Stuck(Arc<Published>);

impl Backend for Stuck {
    fn send(&mut self, _events: Vec<Event>) {}
    fn defer(&mut self, _events: Vec<Event>) {}
    fn published(&self) -> Arc<Published> {
        self.0.clone()
    }
    fn reset_session(&mut self) {}
}

#[test]
fn a_long_run_shows_the_running_indicator_after_the_delay_only() {
    let inline = Inline::new(vec![Page::new("Counter", counter)]);
    let mut published = (*inline.published()).clone();
    published.running = true;
    published.run_started = Some(Duration::from_secs(1));
    published.status = vec!["Crunching numbers".to_owned()];
    let mut h = harness(Stuck(Arc::new(published)));
    h.step();
    assert!(
        h.query_by_label("Crunching numbers").is_none(),
        "no flicker for short runs"
    );
    // The renderer asked to be woken when the delay is over.
    let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert!(delay <= STALE_DELAY, "{delay:?}");
    for _ in 0..12 {
        h.step(); // 12 steps of 1/60 s: past the delay
    }
    let _ = h.get_by_label("Crunching numbers");
    // The spinner animates, at its own modest rate: a repaint is due after
    // one spinner period, never every frame (issue 9: a stuck run burned
    // 1.5 cores repainting the window).
    let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert!(delay > Duration::ZERO, "{delay:?}");
    assert!(delay <= desktop::SPINNER_PERIOD, "{delay:?}");
}

#[test]
fn a_running_window_repaints_at_the_spinner_rate_not_every_frame() {
    let inline = Inline::new(vec![Page::new("Counter", counter)]);
    let mut published = (*inline.published()).clone();
    published.running = true;
    published.run_started = Some(Duration::from_secs(1));
    let mut h = harness(Stuck(Arc::new(published)));
    for _ in 0..30 {
        h.step(); // half a second: the indicator is up
    }
    let _ = h.get_by_label("Running…");
    // Stepping at 60 frames a second, the window asks for the next frame
    // only one spinner period ahead: a few frames a second at most.
    for _ in 0..5 {
        h.step();
        let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
        assert!(
            delay >= desktop::SPINNER_PERIOD / 2,
            "the running window repaints every frame ({delay:?})"
        );
    }
}

#[test]
fn with_the_real_runner_a_click_shows_within_one_frame_of_the_publication() {
    let (tx, rx) = mpsc::channel();
    let session = Session::new(
        vec![Page::new("Counter", counter)],
        SessionOptions::default(),
    );
    let waker: crate::runner::Waker = Arc::new(move || {
        let _ = tx.send(());
    });
    let runner = Runner::spawn(session, RunnerOptions::default(), waker).expect("runner");
    let wait_for_end = |h: &Harness<'_, DesktopApp<Runner>>, generation: u64| loop {
        let published = h.state().backend.published();
        if published.generation > generation && !published.running {
            return published.generation;
        }
        // Blocks on the runner's waker, not on a timer.
        rx.recv_timeout(Duration::from_secs(10))
            .expect("the runner publishes");
    };
    let mut h = harness(runner);
    let generation = wait_for_end(&h, 0);
    h.step();
    let _ = h.get_by_label("runs: 1");

    h.get_by_label("Click me").click();
    h.step(); // the frame that sends the click
    wait_for_end(&h, generation);
    h.step(); // the next frame draws the new tree
    let _ = h.get_by_label("runs: 2");
}

#[test]
fn snapshot_of_the_app_with_two_pages() {
    fn chart(st: &mut St) {
        st.add(crate::Button::new("Random ops"));
        let op1 = st.add(crate::Slider::new("Operand 1", 1..=10_i64).key("op1"));
        let op2 = st.add(crate::Slider::new("Operand 2", 1..=10_i64).key("op2"));
        let history: Vec<i64> = (1..=12).map(|i| (i * 7) % 10 * op1 + op2).collect();
        st.line_chart(&history);
    }
    let mut h = Harness::builder()
        .with_size(egui::vec2(720.0, 440.0))
        .with_theme(egui::Theme::Light)
        .build_ui_state(
            |ui, app: &mut DesktopApp<Inline>| app.frame(ui),
            DesktopApp::new(
                Inline::new(vec![Page::new("Chart", chart), Page::new("Other", other)]),
                "Slider chart".to_owned(),
                None,
            ),
        );
    h.run();
    h.snapshot("app_two_pages");
}

#[test]
fn a_screenshot_is_written_as_png() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sub/shot.png");
    let mut image = egui::ColorImage::filled([4, 3], egui::Color32::from_rgb(10, 20, 30));
    image.pixels[5] = egui::Color32::WHITE;
    write_png(&path, &image).expect("written");
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&path).expect("open"),
    ));
    let mut reader = decoder.read_info().expect("png");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("frame");
    assert_eq!((info.width, info.height), (4, 3));
    assert_eq!(&buf[..4], &[10, 20, 30, 255]);
    assert_eq!(&buf[20..24], &[255, 255, 255, 255]);
}

#[test]
fn screenshot_flags_are_read_in_both_spellings() {
    let args = |a: &[&str]| {
        a.iter()
            .map(Into::into)
            .collect::<Vec<std::ffi::OsString>>()
    };
    assert_eq!(
        screenshot_path(&args(&["app", "--screenshot", "a.png"])),
        Some(PathBuf::from("a.png"))
    );
    assert_eq!(
        screenshot_path(&args(&["app", "--screenshot=b.png"])),
        Some(PathBuf::from("b.png"))
    );
    // A path that is not UTF-8 is taken as the OS gave it (issue 9).
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt as _;
        let arg = std::ffi::OsStr::from_bytes(b"--screenshot=caf\xE9.png").to_owned();
        assert_eq!(
            screenshot_path(&[arg]),
            Some(PathBuf::from(std::ffi::OsStr::from_bytes(b"caf\xE9.png")))
        );
    }
}

#[test]
fn a_page_title_and_icon_name_the_window_and_the_top_bar() {
    let page = |st: &mut St| {
        if st.checkbox("Name it") {
            st.set_page_config(crate::st::PageConfig::new().title("Sales").icon("$"));
        }
    };
    let mut h = harness(Inline::new(vec![Page::new("Sales", page)]));
    h.run();
    let _ = h.get_by_label("Test app");
    h.get_by_label("Name it").click();
    h.step(); // the click reaches the page, which runs at once (Inline)
    h.step(); // the frame that draws the new tree names the window
    let commands = &h.output().viewport_output[&egui::ViewportId::ROOT].commands;
    assert!(
        commands.contains(&egui::ViewportCommand::Title("Sales".to_owned())),
        "{commands:?}"
    );
    h.run();
    let _ = h.get_by_label("$  Sales");
}
