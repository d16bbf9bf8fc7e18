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

mod desktop;
mod frame_log;
mod screenshot;
#[cfg(test)]
mod tests;

pub(crate) use desktop::DesktopApp;
pub(crate) use screenshot::Screenshot;
