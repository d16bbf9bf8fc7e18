//! The desktop app: pages in a native window.
//!
//! [`App`] wires the pieces together with eframe: the pages run in a
//! [`Runner`] on a script thread, the window draws the newest published tree
//! with the [renderer](crate::render) and sends back what the user did. The
//! chrome around the page: the title, a running indicator, a menu (Rerun `R`,
//! Clear caches `C`, theme, Reset session, About), page navigation in the
//! sidebar (or the top bar) when there are several pages. Everything the
//! user chose survives a restart: widget values and serialisable session
//! state, the page, tabs, expanders, the sidebar, the theme and the window
//! (the rule is written out in `app/nav.rs` and the README).
//!
//! Idle means idle: with nothing happening the window requests no repaint. A
//! run in flight animates only the running indicator.
//!
//! Flags (after `--` with `cargo run`): `--screenshot PATH` (or the
//! `BROOK_SCREENSHOT` environment variable) draws the app until its first run
//! has settled, writes a PNG and exits; it starts from a fresh session and a
//! fixed window size so the picture is reproducible. Every
//! `--section.option=value` flag of the [configuration](crate::config) works
//! too, and `--show-config` prints it. `--dev` (or `runner.run_on_save`)
//! rebuilds the app on each save of its sources and shows the new page in
//! the open window ([dev mode](crate::dev)).

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::config::{Config, Source};
use crate::error::{Error, Result};
use crate::runner::{Runner, RunnerOptions};
use crate::session::{IntoPageResult, Page, Session, SessionOptions};
use crate::st::St;

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
    page_config: crate::st::PageConfig,
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
            page_config: crate::st::PageConfig::default(),
        }
    }

    /// The title, icon, layout and initial sidebar state every run starts
    /// with (a page may change them with `st.set_page_config`).
    ///
    /// ```no_run
    /// use brook::PageConfig;
    /// use brook::tree::PageLayout;
    ///
    /// fn page(st: &mut brook::St) { st.title("Wide"); }
    ///
    /// fn main() -> brook::Result<()> {
    ///     brook::App::new("Dashboard")
    ///         .page_config(PageConfig::new().icon("📈").layout(PageLayout::Wide))
    ///         .page("Dashboard", page)
    ///         .run()
    /// }
    /// ```
    #[inline]
    pub fn page_config(mut self, config: crate::st::PageConfig) -> Self {
        self.page_config = config;
        self
    }

    /// Where an app titled `title` keeps what survives a restart (session
    /// state, the page, tabs, expanders, the sidebar, the theme, the window):
    /// eframe's storage directory for that title. On Linux that is
    /// `~/.local/share/<title lower-cased, spaces removed>/` (`"Slider
    /// chart"` → `~/.local/share/sliderchart/`), on macOS
    /// `~/Library/Application Support/<title, spaces as dashes>/`, on
    /// Windows `%APPDATA%\<title>\data\`. `None` without a home directory.
    ///
    /// ```
    /// # if cfg!(target_os = "linux") && std::env::var_os("XDG_DATA_HOME").is_none() {
    /// let dir = brook::App::data_dir("Slider chart").unwrap();
    /// assert!(dir.ends_with(".local/share/sliderchart"));
    /// # }
    /// ```
    pub fn data_dir(title: &str) -> Option<PathBuf> {
        nav::data_dir(title)
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
            page_config,
        } = self;
        if pages.is_empty() {
            pages.push(Page::new(title.clone(), |_: &mut St<'_>| {}));
        }

        let (config, args, theme) = match config {
            Some(config) => {
                let theme: egui::ThemePreference = config.theme.base.into();
                (config, std::env::args_os().collect(), Some(theme))
            }
            None => {
                // args_os: an argument need not be UTF-8 (`café.csv` in Latin-1).
                let loaded = Config::load_from_process(std::env::args_os())?;
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
        // Dev mode (`--dev`, `runner.run_on_save`): this process supervises
        // and rebuilds, and the window runs in a child process (crate::dev).
        let dev = match crate::dev::start(&config, &args, screenshot.is_some())? {
            crate::dev::Start::Supervised(code) => return crate::dev::finish(code),
            crate::dev::Start::Child(child) => Some(child),
            crate::dev::Start::Off => None,
        };
        let handoff = dev.as_ref().and_then(|d| d.window().cloned());
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
        // What the user chose comes back after a restart (see `nav`),
        // unless session persistence is off or this is a screenshot.
        let remember = screenshot.is_none() && config.runner.persist_session_state;
        let mut page_defaults = crate::tree::PageSettings::default();
        page_config.apply(&mut page_defaults);
        let mut runner_options = RunnerOptions::from_config(&config, persister);
        let respawn = dev
            .as_ref()
            .map(|_| dev_respawn(&title, &pages, &config, &page_defaults));
        if dev.is_some() {
            runner_options.persister = dev_persister(&title, &config);
        }
        let mut session = Session::new(pages, SessionOptions::from_config(&config));
        session.set_page_defaults(page_defaults);
        let look = crate::render::Theme::from_config(&config.theme);

        let mut viewport = egui::ViewportBuilder::default()
            .with_title(&title)
            .with_inner_size(DEFAULT_SIZE)
            .with_min_inner_size([360.0, 240.0]);
        if let Some(window) = &handoff {
            // Where the window of the previous build is, on the same page.
            viewport = window.place(viewport);
            window.restore_page(&mut session);
        }
        let theme = handoff.as_ref().and_then(|w| w.theme()).or(theme);
        let native_options = eframe::NativeOptions {
            viewport,
            persist_window: screenshot.is_none() && handoff.is_none(),
            ..Default::default()
        };

        let shot_result: Arc<Mutex<Option<Result<()>>>> = Arc::default();
        let shot = screenshot.map(|path| Screenshot::new(path, shot_result.clone()));
        let app_title = title.clone();
        let handed_over = handoff.is_some();
        eframe::run_native(
            &title,
            native_options,
            Box::new(move |cc| {
                if remember {
                    // A new build in dev mode opens on the old window's page.
                    if let Some(page) = nav::restore_page(cc.storage).filter(|_| !handed_over) {
                        session.request_page(page);
                    }
                } else {
                    // Start from nothing the last run of the app chose.
                    cc.egui_ctx.memory_mut(|m| *m = egui::Memory::default());
                }
                look.apply(&cc.egui_ctx);
                if let Some(theme) = theme {
                    cc.egui_ctx.set_theme(theme);
                }
                let ctx = cc.egui_ctx.clone();
                let waker: crate::runner::Waker = Arc::new(move || ctx.request_repaint());
                if let (Some(child), Some(respawn)) = (dev, respawn) {
                    let waker = child.waker(waker);
                    let runner = Runner::spawn(session, runner_options, waker.clone())?;
                    let backend = crate::dev::DevRunner::new(
                        runner,
                        child,
                        Box::new(move || respawn(waker.clone())),
                        &cc.egui_ctx,
                    );
                    return Ok(Box::new(
                        DesktopApp::new(backend, app_title, shot).remember(remember),
                    ));
                }
                let runner = Runner::spawn(session, runner_options, waker)?;
                Ok(Box::new(
                    DesktopApp::new(runner, app_title, shot).remember(remember),
                ))
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
fn screenshot_path(args: &[OsString]) -> Option<PathBuf> {
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--screenshot" {
            return args.next().map(PathBuf::from);
        }
        if let Some(("screenshot", Some(path))) = crate::config::split_flag(arg)
            .as_ref()
            .map(|(name, path)| (name.as_str(), path.as_ref()))
        {
            return Some(PathBuf::from(path));
        }
    }
    std::env::var_os("BROOK_SCREENSHOT")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
}

fn args_want_screenshot(args: &[OsString]) -> bool {
    screenshot_path(args).is_some()
}

/// Dev mode's session file: the app's own, or (with persistence off) the
/// supervisor's, so that state survives each rebuild either way.
fn dev_persister(title: &str, config: &Config) -> Option<Box<dyn crate::runner::Persister>> {
    let path = match crate::dev::DevChild::state_file() {
        Some(path) => Some(path),
        None if config.runner.persist_session_state => crate::state::persist::default_path(title),
        None => None,
    };
    path.map(|p| Box::new(crate::state::persist::FilePersister::new(p)) as _)
}

/// A fresh runner for a dev-mode window whose hand-over to a new build
/// failed: its state comes back from the session file.
fn dev_respawn(
    title: &str,
    pages: &[Page],
    config: &Config,
    page_defaults: &crate::tree::PageSettings,
) -> impl Fn(crate::runner::Waker) -> Result<Runner> + use<> {
    let (title, pages, config) = (title.to_owned(), pages.to_vec(), config.clone());
    let page_defaults = page_defaults.clone();
    move |waker| {
        let mut options = RunnerOptions::from_config(&config, None);
        options.persister = dev_persister(&title, &config);
        let mut session = Session::new(pages.clone(), SessionOptions::from_config(&config));
        session.set_page_defaults(page_defaults.clone());
        Runner::spawn(session, options, waker)
    }
}

mod desktop;
mod dev_bar;
mod frame_log;
mod nav;
mod screenshot;
#[cfg(test)]
mod tests;

pub(crate) use desktop::{Backend, DesktopApp};
pub(crate) use screenshot::Screenshot;
