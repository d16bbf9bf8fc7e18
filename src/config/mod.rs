//! Configuration: typed options read once at start from layered sources.
//!
//! Lowest to highest (CFG-2): built-in defaults, the user's global file
//! (`~/.config/brook/config.toml` on Linux, the platform's equivalent
//! elsewhere), the project file `./.brook/config.toml`, environment variables
//! `BROOK_<SECTION>_<OPTION>`, and command-line flags `--section.option=value`
//! (or `--section.option value`). Option names are snake_case; Streamlit's
//! camelCase spellings (`fastReruns`) are accepted everywhere. Anything brook
//! cannot use (an unknown option, a wrong type, an unreadable file) is a
//! [`ConfigError`] naming where it was found and the valid choices: the app
//! never starts half-configured.
//!
//! ```
//! use brook::config::{ConfigLoader, Source};
//!
//! let loaded = ConfigLoader::new()
//!     .env([("BROOK_THEME_BASE", "dark")])
//!     .args(["app", "--runner.fastReruns=false", "--screenshot", "out.png"])
//!     .load()?;
//! assert!(!loaded.config.runner.fast_reruns);
//! assert_eq!(loaded.config.theme.base, brook::config::ThemeBase::Dark);
//! assert_eq!(loaded.source("theme.base"), Some(&Source::Env { var: "BROOK_THEME_BASE".into() }));
//! // Flags brook does not own are left for the app.
//! assert_eq!(loaded.other_args, ["app", "--screenshot", "out.png"]);
//! # Ok::<(), brook::config::ConfigError>(())
//! ```
//!
//! Tests build a [`Config`] directly, with no files or environment involved
//! (Streamlit's AppTest ignores environment variables too, CFG-2).

mod error;
mod loader;
mod options;

use std::path::PathBuf;

pub use error::ConfigError;
pub(crate) use loader::split_flag;
pub use loader::{ConfigLoader, Loaded, NON_CONFIG_ENV_VARS, Source};

/// Every option brook reads, with its value.
///
/// Fields are public so code and tests can set them directly; [`Config::set`]
/// and [`Config::with`] take the names and text spellings the files and flags
/// use.
///
/// ```
/// let config = brook::Config::default().with("runner.fastReruns", "off")?;
/// assert!(!config.runner.fast_reruns);
/// # Ok::<(), brook::config::ConfigError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// `[runner]`: how pages run and what session state keeps.
    pub runner: RunnerConfig,
    /// `[theme]`: how the window looks.
    pub theme: ThemeConfig,
    /// `[cache]`: where caches persist.
    pub cache: CacheConfig,
    /// `[client]`: what the user is shown.
    pub client: ClientConfig,
    /// `[dev]`: how dev mode (`--dev`) rebuilds the app.
    pub dev: DevConfig,
}

/// The `[runner]` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunnerConfig {
    /// `enforce_serializable_session_state` (default `false`): refuse values
    /// that are not `Serialize + DeserializeOwned` at the call that stores
    /// them (CFG-1, departure 4).
    pub enforce_serializable_session_state: bool,
    /// `fast_reruns` (default `true`): an interaction interrupts the running
    /// page; when `false`, events queue until the run ends (EX-12).
    pub fast_reruns: bool,
    /// `persist_session_state` (default `true`): serialisable session state
    /// is saved and restored at the next start; when `false` it lives in
    /// memory only (departure 7).
    pub persist_session_state: bool,
    /// `run_on_save` (default `false`; Streamlit's `server.runOnSave`):
    /// dev mode, as with the `--dev` flag: a save of the package's sources
    /// rebuilds the app and shows the new page in the open window (see
    /// [`crate::dev`]).
    pub run_on_save: bool,
}

impl Default for RunnerConfig {
    fn default() -> Self {
        Self {
            enforce_serializable_session_state: false,
            fast_reruns: true,
            persist_session_state: true,
            run_on_save: false,
        }
    }
}

/// The `[theme]` section: Streamlit's theme options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeConfig {
    /// `base` (default `system`): light, dark, or the operating system's choice.
    pub base: ThemeBase,
    /// `primary_color` (`primaryColor`): the accent of tracks, checked boxes,
    /// focused inputs and primary buttons (default Streamlit 1.67's `#C53948`, `#CF4250` when dark).
    pub primary_color: Option<Rgb>,
    /// `background_color` (`backgroundColor`): the page's background.
    pub background_color: Option<Rgb>,
    /// `secondary_background_color` (`secondaryBackgroundColor`): inputs,
    /// the sidebar and code blocks.
    pub secondary_background_color: Option<Rgb>,
    /// `text_color` (`textColor`): body text.
    pub text_color: Option<Rgb>,
    /// `base_font_size` (`baseFontSize`, default 16): body text in points;
    /// headings and captions scale with it.
    pub base_font_size: u8,
}

impl Default for ThemeConfig {
    fn default() -> Self {
        Self {
            base: ThemeBase::default(),
            primary_color: None,
            background_color: None,
            secondary_background_color: None,
            text_color: None,
            base_font_size: 16,
        }
    }
}

/// An opaque colour, written `"#RRGGBB"` or `"#RGB"` in files and flags.
///
/// ```
/// use brook::config::Rgb;
/// assert_eq!("#FF4B4B".parse::<Rgb>(), Ok(Rgb(0xFF, 0x4B, 0x4B)));
/// assert_eq!("#0af".parse::<Rgb>(), Ok(Rgb(0x00, 0xAA, 0xFF)));
/// assert!("red".parse::<Rgb>().is_err());
/// assert_eq!(Rgb(1, 2, 3).to_string(), "#010203");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl std::str::FromStr for Rgb {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let hex = s.trim().strip_prefix('#').unwrap_or("");
        let digit = |i: usize| {
            hex.get(i..=i)
                .and_then(|d| u8::from_str_radix(d, 16).ok())
                .ok_or_else(|| format!("{s:?} is not a colour"))
        };
        match hex.len() {
            6 => Ok(Self(
                digit(0)? * 16 + digit(1)?,
                digit(2)? * 16 + digit(3)?,
                digit(4)? * 16 + digit(5)?,
            )),
            3 => Ok(Self(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            _ => Err(format!("{s:?} is not a colour")),
        }
    }
}

impl std::fmt::Display for Rgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
}

impl From<Rgb> for egui::Color32 {
    fn from(c: Rgb) -> Self {
        Self::from_rgb(c.0, c.1, c.2)
    }
}

/// The colour theme, `theme.base`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ThemeBase {
    /// `"light"`: dark text on a light background.
    Light,
    /// `"dark"`: light text on a dark background.
    Dark,
    /// `"system"`: follow the operating system (brook's default; Streamlit
    /// spells this by leaving `base` unset).
    #[default]
    System,
}

impl From<ThemeBase> for egui::ThemePreference {
    fn from(base: ThemeBase) -> Self {
        match base {
            ThemeBase::Light => Self::Light,
            ThemeBase::Dark => Self::Dark,
            ThemeBase::System => Self::System,
        }
    }
}

/// The `[cache]` section.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CacheConfig {
    /// `dir` (default `""`, shown as `None`): where persisted caches live;
    /// `None` means the platform cache directory (see [`CacheConfig::resolved_dir`]).
    /// A relative path is relative to the working directory at start.
    pub dir: Option<PathBuf>,
}

impl CacheConfig {
    /// The directory caches persist in: `dir`, or else the platform cache
    /// directory (`~/.cache/brook` on Linux); `None` if the platform has no
    /// home directory.
    ///
    /// ```
    /// let cache = brook::config::CacheConfig { dir: Some("/tmp/c".into()) };
    /// assert_eq!(cache.resolved_dir(), Some("/tmp/c".into()));
    /// ```
    pub fn resolved_dir(&self) -> Option<PathBuf> {
        self.dir
            .clone()
            .or_else(|| project_dirs().map(|d| d.cache_dir().to_path_buf()))
    }
}

/// The `[dev]` section: how dev mode rebuilds the app.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DevConfig {
    /// `cargo_args` (default `""`): more arguments for the `cargo build` that
    /// dev mode runs, split at spaces: the features the app was started
    /// with (`"--features plots"`), which cargo does not tell the program.
    pub cargo_args: String,
}

/// The `[client]` section.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClientConfig {
    /// `show_error_details` (default `full`): how much of an error a page shows.
    pub show_error_details: ShowErrorDetails,
}

/// How much of an error the app shows, `client.show_error_details`
/// (Streamlit's `client.showErrorDetails`). Errors are always fully logged.
///
/// ```
/// use brook::config::ShowErrorDetails;
/// let d = ShowErrorDetails::Stacktrace;
/// assert!(d.shows_type() && d.shows_stacktrace() && !d.shows_message());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ShowErrorDetails {
    /// `"full"`: type, message and stack trace (legacy `true`).
    #[default]
    Full,
    /// `"stacktrace"`: type, a generic message and the stack trace.
    Stacktrace,
    /// `"type"`: type and a generic message (legacy `false`).
    Type,
    /// `"none"`: a generic message only.
    None,
}

impl ShowErrorDetails {
    /// Whether the error's own message is shown (only with `Full`).
    pub fn shows_message(self) -> bool {
        self == Self::Full
    }

    /// Whether the stack trace (panic location) is shown.
    pub fn shows_stacktrace(self) -> bool {
        matches!(self, Self::Full | Self::Stacktrace)
    }

    /// Whether the error's type is shown.
    pub fn shows_type(self) -> bool {
        self != Self::None
    }
}

impl Config {
    /// Reads the configuration the way an app does at start: the platform's
    /// global file, `./.brook/config.toml`, the process environment, and
    /// `args` (pass `std::env::args_os()`: arguments need not be UTF-8;
    /// those that are not config flags come back in [`Loaded::other_args`]).
    pub fn load_from_process<I, S>(args: I) -> Result<Loaded, ConfigError>
    where
        I: IntoIterator<Item = S>,
        S: Into<std::ffi::OsString>,
    {
        ConfigLoader::from_process().args(args).load()
    }

    /// Sets one option from text, as a flag would (`"runner.fastReruns"`,
    /// `"false"`).
    ///
    /// ```
    /// let mut config = brook::Config::default();
    /// config.set("client.show_error_details", "type")?;
    /// assert_eq!(config.client.show_error_details, brook::config::ShowErrorDetails::Type);
    /// assert!(config.set("runner.fast_reruns", "maybe").is_err());
    /// # Ok::<(), brook::config::ConfigError>(())
    /// ```
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), ConfigError> {
        let index = loader::resolve_dotted(key, &Source::Code)?;
        loader::set_text(self, index, value, Source::Code)
    }

    /// [`Config::set`] for builder chains.
    #[must_use = "`with` returns the changed config"]
    pub fn with(mut self, key: &str, value: &str) -> Result<Self, ConfigError> {
        self.set(key, value)?;
        Ok(self)
    }

    /// Every option's key, `section.option` in snake_case, in display order.
    ///
    /// ```
    /// assert!(brook::Config::option_keys().any(|k| k == "runner.fast_reruns"));
    /// ```
    pub fn option_keys() -> impl Iterator<Item = &'static str> {
        options::OPTIONS.iter().map(|o| o.key)
    }
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "brook")
}
