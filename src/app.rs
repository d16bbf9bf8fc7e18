//! The desktop app: pages in a native window.
//!
//! [`App`] wires the pieces together with eframe: the pages run in a
//! [`Runner`] on a script thread, the window draws the newest published tree
//! with the [renderer](crate::render) and sends back what the user did. The
//! chrome around the page: the title, a running indicator, a menu (Rerun `R`,
//! Clear caches `C`, theme, Reset session, About), page navigation in the
//! sidebar when there are several pages. Window size and position, the theme,
//! and serialisable session state survive restarts.
//!
//! Idle means idle: with nothing happening the window requests no repaint. A
//! run in flight animates only the running indicator.
//!
//! Flags (after `--` with `cargo run`): `--screenshot PATH` (or the
//! `BROOK_SCREENSHOT` environment variable) draws the app until its first run
//! has settled, writes a PNG and exits; it starts from a fresh session and a
//! fixed window size so the picture is reproducible. Every
//! `--section.option=value` flag of the [configuration](crate::config) works
//! too, and `--show-config` prints it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use egui::{Key, Modifiers, RichText};

use crate::config::{Config, Source};
use crate::error::{Error, Result};
use crate::render::{self, RenderState, STALE_DELAY, View};
use crate::runner::{Published, Runner, RunnerOptions};
use crate::session::{IntoPageResult, Page, Session, SessionOptions};
use crate::st::St;
use crate::tree::Event;

/// The window's size at the first start (later starts restore the last one).
const DEFAULT_SIZE: [f32; 2] = [960.0, 720.0];

/// How long the screenshot mode waits for the first run to settle before it
/// takes the picture anyway.
const SCREENSHOT_PATIENCE: f64 = 20.0;

/// A desktop app: a title and one or more pages.
///
/// ```no_run
/// use brook::prelude::*;
///
/// fn hello(st: &mut St) {
///     st.title("Hello");
/// }
///
/// fn main() -> brook::Result<()> {
///     brook::App::new("Hello").page("Hello", hello).run()
/// }
/// ```
#[must_use = "an App does nothing until `.run()`"]
pub struct App {
    title: String,
    pages: Vec<Page>,
    config: Option<Config>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("title", &self.title)
            .field("pages", &self.pages)
            .finish_non_exhaustive()
    }
}

impl App {
    /// An app whose window is titled `title`. The title also names the
    /// app's data directory (saved session state, window geometry).
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            pages: Vec::new(),
            config: None,
        }
    }

    /// Adds a page. With two or more, the sidebar lists them and they share
    /// one session state.
    #[inline]
    pub fn page<F, R>(mut self, name: impl Into<String>, page: F) -> Self
    where
        F: Fn(&mut St<'_>) -> R + Send + Sync + 'static,
        R: IntoPageResult,
    {
        self.pages.push(Page::new(name, page));
        self
    }

    /// Uses `config` instead of reading the configuration files, the
    /// environment and the command line.
    #[inline]
    pub fn config(mut self, config: Config) -> Self {
        self.config = Some(config);
        self
    }

    /// Opens the window and runs until it is closed.
    ///
    /// # Errors
    /// [`Error::Config`] when the configuration cannot be used,
    /// [`Error::Window`] when no window can be opened (or, in screenshot
    /// mode, when the picture cannot be written).
    pub fn run(self) -> Result<()> {
        let Self {
            title,
            mut pages,
            config,
        } = self;
        if pages.is_empty() {
            pages.push(Page::new(title.clone(), |_: &mut St<'_>| {}));
        }

        let (config, args, theme) = match config {
            Some(config) => {
                let theme: egui::ThemePreference = config.theme.base.into();
                (config, std::env::args().collect(), Some(theme))
            }
            None => {
                let loaded = Config::load_from_process(std::env::args())?;
                if loaded.show_config {
                    print!("{}", loaded.render_show_config());
                    return Ok(());
                }
                // The menu's choice (kept by egui) wins over the default.
                let theme = (!matches!(loaded.source("theme.base"), Some(Source::Default) | None))
                    .then(|| loaded.config.theme.base.into());
                (loaded.config, loaded.other_args, theme)
            }
        };
        let screenshot = screenshot_path(&args);
        if let Some(dir) = &config.cache.dir {
            crate::cache::set_disk_dir(dir.clone());
        }

        // A screenshot starts from a fresh session and a fixed window, so
        // the picture does not depend on earlier runs of the app.
        let persister = match &screenshot {
            Some(_) => None,
            None => crate::state::persist::default_path(&title)
                .map(|p| Box::new(crate::state::persist::FilePersister::new(p)) as _),
        };
        let runner_options = RunnerOptions::from_config(&config, persister);
        let session = Session::new(pages, SessionOptions::from_config(&config));

        let viewport = egui::ViewportBuilder::default()
            .with_title(&title)
            .with_inner_size(DEFAULT_SIZE)
            .with_min_inner_size([360.0, 240.0]);
        let native_options = eframe::NativeOptions {
            viewport,
            persist_window: screenshot.is_none(),
            ..Default::default()
        };

        let shot_result: Arc<Mutex<Option<Result<()>>>> = Arc::default();
        let shot = screenshot.map(|path| Screenshot::new(path, shot_result.clone()));
        let app_title = title.clone();
        eframe::run_native(
            &title,
            native_options,
            Box::new(move |cc| {
                if let Some(theme) = theme {
                    cc.egui_ctx.set_theme(theme);
                }
                let ctx = cc.egui_ctx.clone();
                let runner = Runner::spawn(
                    session,
                    runner_options,
                    Arc::new(move || ctx.request_repaint()),
                )?;
                Ok(Box::new(DesktopApp::new(runner, app_title, shot)))
            }),
        )
        .map_err(|e| Error::Window {
            reason: e.to_string(),
        })?;

        match shot_result.lock().map(|mut r| r.take()) {
            Ok(Some(result)) => result,
            Ok(None) if args_want_screenshot(&args) => Err(Error::Window {
                reason: "the window closed before the screenshot was taken".to_owned(),
            }),
            _ => Ok(()),
        }
    }
}

/// `--screenshot PATH`, `--screenshot=PATH`, or `BROOK_SCREENSHOT`.
fn screenshot_path(args: &[String]) -> Option<PathBuf> {
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--screenshot" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--screenshot=") {
            return Some(PathBuf::from(path));
        }
    }
    std::env::var_os("BROOK_SCREENSHOT")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
}

fn args_want_screenshot(args: &[String]) -> bool {
    screenshot_path(args).is_some()
}

/// What the window talks to: the runner on its script thread, or (in tests)
/// a session run inline.
pub(crate) trait Backend {
    /// Queues events; never blocks.
    fn send(&mut self, events: Vec<Event>);
    /// Holds events for the next run without starting one.
    fn defer(&mut self, events: Vec<Event>);
    /// The newest published state.
    fn published(&self) -> Arc<Published>;
    /// Clears the session state and what was saved of it.
    fn reset_session(&mut self);
}

impl Backend for Runner {
    fn send(&mut self, events: Vec<Event>) {
        Runner::send(self, events);
    }

    fn defer(&mut self, events: Vec<Event>) {
        Runner::defer(self, events);
    }

    fn published(&self) -> Arc<Published> {
        Runner::published(self)
    }

    fn reset_session(&mut self) {
        Runner::reset_session(self);
    }
}

/// Clears every cache, both kinds, disk too (menu "Clear caches", key C):
/// the app's single call site of the cache module.
fn clear_caches() {
    crate::cache::clear_all();
}

/// The eframe app: chrome around the rendered page.
pub(crate) struct DesktopApp<B: Backend> {
    backend: B,
    title: String,
    render: RenderState,
    /// The run in flight: when it started (by the session clock) and when
    /// this window first saw it (egui time, seconds).
    running_since: Option<(Option<Duration>, f64)>,
    about_open: bool,
    dismissed_notices: usize,
    screenshot: Option<Screenshot>,
}

impl<B: Backend> DesktopApp<B> {
    pub(crate) fn new(backend: B, title: String, screenshot: Option<Screenshot>) -> Self {
        Self {
            backend,
            title,
            render: RenderState::default(),
            running_since: None,
            about_open: false,
            dismissed_notices: 0,
            screenshot,
        }
    }

    /// One frame: chrome, page, events to the backend.
    pub(crate) fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let published = self.backend.published();
        let now = ctx.input(|i| i.time);
        let running_for = self.running_for(&published, now);
        let mut events = Vec::new();

        // Keyboard shortcuts, unless the user is typing.
        if !ctx.text_edit_focused() {
            let (rerun, clear) = ctx.input_mut(|i| {
                (
                    i.consume_key(Modifiers::NONE, Key::R),
                    i.consume_key(Modifiers::NONE, Key::C),
                )
            });
            if rerun {
                events.push(Event::Rerun);
            }
            if clear {
                clear_caches();
            }
        }

        self.top_bar(ui, &published, running_for, &mut events);
        self.notices(ui, &published);

        let view = View::new(&published.tree)
            .generation(published.generation)
            .running_for(running_for)
            .pages(&published.pages, published.page);
        events.extend(render::draw(ui, &view, &mut self.render));
        // Widgets with `rerun_on_change(false)` do not rerun the page: their
        // values wait for the next run (EL-1, on_change="ignore").
        let (deferred, events): (Vec<Event>, Vec<Event>) =
            events.into_iter().partition(|e| match e {
                Event::SetValue { id, .. } => {
                    published.tree.widget(id).is_some_and(|w| w.ignore_change)
                }
                _ => false,
            });
        if !deferred.is_empty() {
            self.backend.defer(deferred);
        }
        if !events.is_empty() {
            self.backend.send(events);
        }

        self.about(&ctx);
        if let Some(shot) = &mut self.screenshot {
            shot.step(&ctx, &published, now);
        }
    }

    /// How long the run in flight has been going, as this window saw it.
    fn running_for(&mut self, published: &Published, now: f64) -> Option<Duration> {
        if !published.running {
            self.running_since = None;
            return None;
        }
        let since = match self.running_since {
            Some((started, since)) if started == published.run_started => since,
            _ => {
                self.running_since = Some((published.run_started, now));
                now
            }
        };
        Some(Duration::from_secs_f64((now - since).max(0.0)))
    }

    fn top_bar(
        &mut self,
        ui: &mut egui::Ui,
        published: &Published,
        running_for: Option<Duration>,
        events: &mut Vec<Event>,
    ) {
        egui::Panel::top("brook_top_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(&self.title).strong().size(16.0));
                // Shown once a run is long enough to notice (no flicker for
                // the usual millisecond run); the spinner is the only thing
                // that animates while a run is in flight.
                if running_for.is_some_and(|t| t >= STALE_DELAY) {
                    ui.add(egui::Spinner::new());
                    let status = published.status.last().map_or("Running…", String::as_str);
                    ui.label(RichText::new(status).weak());
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    self.menu(ui, events);
                });
            });
        });
    }

    fn menu(&mut self, ui: &mut egui::Ui, events: &mut Vec<Event>) {
        let button = menu_icon(ui);
        egui::Popup::menu(&button).show(|ui| {
            if ui
                .add(egui::Button::new("Rerun").shortcut_text("R"))
                .clicked()
            {
                events.push(Event::Rerun);
            }
            if ui
                .add(egui::Button::new("Clear caches").shortcut_text("C"))
                .clicked()
            {
                clear_caches();
            }
            ui.separator();
            ui.label(RichText::new("Theme").weak());
            let mut theme = ui.ctx().options(|o| o.theme_preference);
            let before = theme;
            ui.radio_value(&mut theme, egui::ThemePreference::Light, "Light");
            ui.radio_value(&mut theme, egui::ThemePreference::Dark, "Dark");
            ui.radio_value(&mut theme, egui::ThemePreference::System, "Follow system");
            if theme != before {
                ui.ctx().set_theme(theme);
            }
            ui.separator();
            if ui.button("Reset session").clicked() {
                self.backend.reset_session();
            }
            if ui.button("About").clicked() {
                self.about_open = true;
            }
        });
    }

    fn notices(&mut self, ui: &mut egui::Ui, published: &Published) {
        if published.notices.len() <= self.dismissed_notices {
            return;
        }
        egui::Panel::top("brook_notices").show(ui, |ui| {
            for notice in &published.notices[self.dismissed_notices..] {
                ui.label(RichText::new(notice).color(ui.visuals().warn_fg_color));
            }
            if ui.button("Dismiss").clicked() {
                self.dismissed_notices = published.notices.len();
            }
        });
    }

    fn about(&mut self, ctx: &egui::Context) {
        egui::Window::new("About")
            .open(&mut self.about_open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label(RichText::new(&self.title).strong());
                ui.label(format!(
                    "Made with brook {}: Streamlit's execution model for native desktop apps, on egui.",
                    env!("CARGO_PKG_VERSION")
                ));
                ui.label("Rerun: R. Clear caches: C.");
            });
    }
}

impl<B: Backend> eframe::App for DesktopApp<B> {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }
}

/// The menu button: three painted bars (no font has to carry a "☰" glyph),
/// named "Menu" for AccessKit.
fn menu_icon(ui: &mut egui::Ui) -> egui::Response {
    let size = egui::vec2(28.0, ui.spacing().interact_size.y);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, ui.is_enabled(), "Menu"));
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact(&response);
        ui.painter()
            .rect_filled(rect, visuals.corner_radius, visuals.weak_bg_fill);
        let stroke = egui::Stroke::new(1.5, visuals.fg_stroke.color);
        let (w, gap) = (12.0, 4.0);
        for i in -1..=1 {
            let y = rect.center().y + i as f32 * gap;
            ui.painter().line_segment(
                [
                    egui::pos2(rect.center().x - w / 2.0, y),
                    egui::pos2(rect.center().x + w / 2.0, y),
                ],
                stroke,
            );
        }
    }
    response.on_hover_text("Menu")
}

/// The `--screenshot` mode: wait for the first run to settle, take a
/// picture, write it as PNG, close the window.
pub(crate) struct Screenshot {
    path: PathBuf,
    settled_frames: u32,
    requested: bool,
    started: Option<f64>,
    result: Arc<Mutex<Option<Result<()>>>>,
}

impl Screenshot {
    pub(crate) fn new(path: PathBuf, result: Arc<Mutex<Option<Result<()>>>>) -> Self {
        Self {
            path,
            settled_frames: 0,
            requested: false,
            started: None,
            result,
        }
    }

    fn step(&mut self, ctx: &egui::Context, published: &Published, now: f64) {
        if self.result.lock().is_ok_and(|r| r.is_some()) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        let started = *self.started.get_or_insert(now);
        // Settled: the first run has ended and nothing is in flight. A few
        // more frames let the layout (plot bounds, fonts) reach its rest.
        if !published.running && published.last_end.is_some() {
            self.settled_frames += 1;
        } else {
            self.settled_frames = 0;
        }
        let patience_over = now - started > SCREENSHOT_PATIENCE;
        if !self.requested && (self.settled_frames >= 3 || patience_over) {
            self.requested = true;
            let path = self.path.clone();
            let result = self.result.clone();
            let waker = ctx.clone();
            ctx.request_screenshot(move |image| {
                let written = write_png(&path, &image);
                if let Ok(mut r) = result.lock() {
                    *r = Some(written);
                }
                waker.request_repaint();
            });
        }
        // The screenshot mode is not idle: it draws until the picture is taken.
        ctx.request_repaint();
    }
}

/// Writes `image` as an 8-bit RGBA PNG.
fn write_png(path: &Path, image: &egui::ColorImage) -> Result<()> {
    let fail = |e: &dyn std::fmt::Display| Error::Window {
        reason: format!("cannot write the screenshot {}: {e}", path.display()),
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| fail(&e))?;
    }
    let file = std::fs::File::create(path).map_err(|e| fail(&e))?;
    let [width, height] = image.size;
    let (w, h) = (
        u32::try_from(width).map_err(|e| fail(&e))?,
        u32::try_from(height).map_err(|e| fail(&e))?,
    );
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| fail(&e))?;
    let bytes: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    writer.write_image_data(&bytes).map_err(|e| fail(&e))?;
    writer.finish().map_err(|e| fail(&e))
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;

    use super::*;

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
            });
        }

        fn published(&self) -> Arc<Published> {
            self.published.clone()
        }

        fn reset_session(&mut self) {
            self.session.state_mut().clear();
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
        h.get_by_label("Reset session").click();
        h.run();
        assert_eq!(runs(&h), 1, "runs counts from scratch");
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
        // The spinner animates: a repaint is always due while running.
        let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
        assert!(delay < Duration::from_millis(100), "{delay:?}");
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
        let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            screenshot_path(&args(&["app", "--screenshot", "a.png"])),
            Some(PathBuf::from("a.png"))
        );
        assert_eq!(
            screenshot_path(&args(&["app", "--screenshot=b.png"])),
            Some(PathBuf::from("b.png"))
        );
    }
}
