//! [`ConfigLoader`]: reads the sources in order and records where each value
//! came from.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::options::{self, OPTIONS, SECTIONS};
use super::{Config, ConfigError};

/// Environment variables that start with `BROOK_` but are not config options;
/// the loader leaves them alone instead of reporting them as unknown.
pub const NON_CONFIG_ENV_VARS: &[&str] = &[
    // The app's screenshot mode (`--screenshot PATH`), not a config option.
    "BROOK_SCREENSHOT",
    // Dev mode's supervisor and its windows (`crate::dev::ENV_VARS`).
    "BROOK_DEV_SUPERVISOR",
    "BROOK_DEV_CHILD",
    "BROOK_DEV_TOKEN",
    "BROOK_DEV_HANDOFF",
    "BROOK_DEV_STATE_FILE",
    "BROOK_DEV_LOG",
];

/// Where an option's value came from (or where a bad value was found).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The built-in default.
    Default,
    /// The user's global file (`~/.config/brook/config.toml` on Linux).
    GlobalFile {
        /// The file.
        path: PathBuf,
        /// 1-based line of the option.
        line: usize,
    },
    /// The project file `./.brook/config.toml`.
    ProjectFile {
        /// The file.
        path: PathBuf,
        /// 1-based line of the option.
        line: usize,
    },
    /// An environment variable.
    Env {
        /// Its name, `BROOK_RUNNER_FAST_RERUNS`.
        var: String,
    },
    /// A command-line flag.
    Flag {
        /// The flag as written, without its value: `--runner.fast_reruns`.
        flag: String,
    },
    /// [`Config::set`] or [`Config::with`].
    Code,
}

impl Source {
    /// Whether this is a config file (global or project).
    pub fn is_file(&self) -> bool {
        matches!(self, Self::GlobalFile { .. } | Self::ProjectFile { .. })
    }
}

impl fmt::Display for Source {
    /// How an error message names the place: `/p/config.toml line 3`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Default => write!(f, "the built-in defaults"),
            Self::GlobalFile { path, line } | Self::ProjectFile { path, line } => {
                write!(f, "{} line {line}", path.display())
            }
            Self::Env { var } => write!(f, "environment variable {var}"),
            Self::Flag { flag } => write!(f, "flag {flag}"),
            Self::Code => write!(f, "Config::set"),
        }
    }
}

/// Reads configuration from injectable sources, lowest to highest: defaults,
/// global file, project file, environment, flags (CFG-2).
///
/// A source left unset is not read, so tests never touch the real home
/// directory or process environment. A file that does not exist is skipped.
#[derive(Debug, Clone, Default)]
#[must_use = "a loader does nothing until `load`"]
pub struct ConfigLoader {
    global_file: Option<PathBuf>,
    project_file: Option<PathBuf>,
    env: Vec<(String, OsString)>,
    args: Vec<OsString>,
}

/// Which file layer a file is.
#[derive(Clone, Copy)]
enum Layer {
    Global,
    Project,
}

impl ConfigLoader {
    /// A loader with no sources: [`ConfigLoader::load`] gives the defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// The process's sources: the platform's global file, `./.brook/config.toml`
    /// and the process environment (no flags: add them with [`ConfigLoader::args`]).
    pub fn from_process() -> Self {
        // Values as the OS gives them: a path need not be UTF-8.
        let mut loader = Self::new().env(std::env::vars_os().filter_map(|(k, v)| {
            let k = k.into_string().ok()?;
            k.starts_with("BROOK_").then_some((k, v))
        }));
        if let Some(dirs) = super::project_dirs() {
            loader = loader.global_file(dirs.config_dir().join("config.toml"));
        }
        let project = Path::new(".brook").join("config.toml");
        let project = std::env::current_dir()
            .map(|cwd| cwd.join(&project))
            .unwrap_or(project);
        loader.project_file(project)
    }

    /// The user's global file (lower precedence than the project file).
    pub fn global_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.global_file = Some(path.into());
        self
    }

    /// The project file.
    pub fn project_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.project_file = Some(path.into());
        self
    }

    /// Environment variables; only those starting with `BROOK_` are looked
    /// at. Values may be `OsString`s that are not UTF-8: a path option takes
    /// them as they are, any other option refuses them clearly.
    pub fn env<I, K, V>(mut self, vars: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<OsString>,
    {
        self.env
            .extend(vars.into_iter().map(|(k, v)| (k.into(), v.into())));
        self
    }

    /// Command-line arguments (pass `std::env::args_os()`: they need not be
    /// UTF-8). `--section.option=value`, `--section.option value`,
    /// `--show-config` and `--dev` (`--runner.run_on_save=true`) are brook's;
    /// everything else (including everything after `--`, and arguments
    /// that are not UTF-8) is passed through in order.
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// Reads every source, in order, and stops at the first problem.
    pub fn load(self) -> Result<Loaded, ConfigError> {
        let mut loaded = Loaded {
            config: Config::default(),
            other_args: Vec::new(),
            show_config: false,
            sources: vec![Source::Default; OPTIONS.len()],
        };
        if let Some(path) = &self.global_file {
            loaded.read_file(path, Layer::Global)?;
        }
        if let Some(path) = &self.project_file {
            loaded.read_file(path, Layer::Project)?;
        }
        loaded.read_env(self.env)?;
        loaded.read_args(self.args)?;
        Ok(loaded)
    }
}

/// The loaded configuration, where each value came from, and the arguments
/// that were not brook's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The configuration.
    pub config: Config,
    /// The arguments that were not config flags, in their order, for the
    /// app's own parser (e.g. `--screenshot PATH`), as the OS gave them.
    pub other_args: Vec<OsString>,
    /// Whether `--show-config` was given: the app prints
    /// [`Loaded::render_show_config`] and exits.
    pub show_config: bool,
    /// Parallel to `OPTIONS`.
    sources: Vec<Source>,
}

impl Loaded {
    /// Where the value of `key` (`section.option`, either spelling) came from;
    /// `None` if there is no such option.
    pub fn source(&self, key: &str) -> Option<&Source> {
        let index = resolve_dotted(key, &Source::Code).ok()?;
        self.sources.get(index)
    }

    /// Every option, its value and where the value came from, as TOML that
    /// brook can read back:
    ///
    /// ```text
    /// # Interrupt the running page when the user interacts; ...
    /// runner.fast_reruns = false    # set by BROOK_RUNNER_FAST_RERUNS
    /// ```
    pub fn render_show_config(&self) -> String {
        let lines: Vec<(String, String, &str)> = OPTIONS
            .iter()
            .zip(&self.sources)
            .map(|(o, source)| {
                let from = match source {
                    Source::Default => "default".to_owned(),
                    Source::GlobalFile { .. } | Source::ProjectFile { .. } => {
                        format!("from {source}")
                    }
                    Source::Env { var } => format!("set by {var}"),
                    Source::Flag { flag } => format!("set by flag {flag}"),
                    Source::Code => "set in code".to_owned(),
                };
                (
                    format!("{} = {}", o.key, (o.get)(&self.config)),
                    from,
                    o.summary,
                )
            })
            .collect();
        let width = lines.iter().map(|(kv, _, _)| kv.len()).max().unwrap_or(0);
        let mut out = String::from(
            "# brook configuration: every option, its value, and where the value came from.\n\
             # Lowest to highest: default < global file < project file < BROOK_* environment < --flags.\n",
        );
        for (kv, from, summary) in lines {
            out.push_str(&format!("\n# {summary}\n{kv:width$}    # {from}\n"));
        }
        out
    }

    fn set(&mut self, index: usize, source: Source) {
        self.sources[index] = source;
    }

    fn read_file(&mut self, path: &Path, layer: Layer) -> Result<(), ConfigError> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => {
                return Err(ConfigError::Unreadable {
                    path: path.to_path_buf(),
                    reason: e.to_string(),
                });
            }
        };
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = 1 + valid.iter().filter(|b| **b == b'\n').count();
            ConfigError::Unreadable {
                path: path.to_path_buf(),
                reason: format!("it is not valid UTF-8 (line {line})"),
            }
        })?;
        let at = |span: std::ops::Range<usize>| {
            let line = line_of(&text, span.start);
            let path = path.to_path_buf();
            match layer {
                Layer::Global => Source::GlobalFile { path, line },
                Layer::Project => Source::ProjectFile { path, line },
            }
        };
        let table = DeTable::parse(&text).map_err(|e| ConfigError::InvalidToml {
            path: path.to_path_buf(),
            line: e.span().map_or(1, |s| line_of(&text, s.start)),
            message: e.message().to_owned(),
        })?;
        // In file order, so the first problem reported is the first in the file.
        for (key, value) in in_file_order(table.get_ref()) {
            let section = key.get_ref().as_ref();
            let origin = at(key.span());
            let DeValue::Table(entries) = value.get_ref() else {
                return Err(not_a_section(section, origin));
            };
            if !SECTIONS.contains(&section) {
                return Err(unknown_section(section, origin));
            }
            let mut seen: Vec<(usize, Source)> = Vec::new();
            for (name, value) in in_file_order(entries) {
                let origin = at(name.span());
                let index = resolve(section, name.get_ref(), &origin)?;
                if let Some((_, first)) = seen.iter().find(|(i, _)| *i == index) {
                    return Err(ConfigError::Duplicate {
                        key: OPTIONS[index].key.to_owned(),
                        first: first.clone(),
                        second: origin,
                    });
                }
                (OPTIONS[index].set_toml)(&mut self.config, value.get_ref())
                    .map_err(|e| invalid(index, origin.clone(), e))?;
                seen.push((index, origin.clone()));
                self.set(index, origin);
            }
        }
        Ok(())
    }

    fn read_env(&mut self, mut vars: Vec<(String, OsString)>) -> Result<(), ConfigError> {
        // Sorted, so which of two conflicting variables is reported is stable.
        vars.sort();
        let mut seen: Vec<(usize, Source)> = Vec::new();
        for (var, value) in vars {
            if !var.starts_with("BROOK_") || NON_CONFIG_ENV_VARS.contains(&var.as_str()) {
                continue;
            }
            // Only `BROOK_<SECTION>_...` with a known section is configuration:
            // a typo there is an error, while an unrelated variable that
            // happens to start with BROOK_ (a script's own flag) is ignored.
            let rest = var["BROOK_".len()..].to_ascii_lowercase();
            let names_a_section = OPTIONS.iter().any(|o| {
                let section = o.key.split('.').next().unwrap_or_default();
                rest.strip_prefix(section)
                    .is_some_and(|r| r.starts_with('_'))
            });
            if !names_a_section {
                continue;
            }
            let Some(index) = OPTIONS
                .iter()
                .position(|o| o.env_vars().any(|v| v.eq_ignore_ascii_case(&var)))
            else {
                let valid = OPTIONS.iter().map(|o| o.env_var());
                return Err(ConfigError::UnknownEnvVar {
                    hint: options::did_you_mean(&var, valid.map(|v| (v.clone(), v))),
                    var,
                });
            };
            let origin = Source::Env { var };
            if let Some((_, first)) = seen.iter().find(|(i, _)| *i == index) {
                return Err(ConfigError::Duplicate {
                    key: OPTIONS[index].key.to_owned(),
                    first: first.clone(),
                    second: origin,
                });
            }
            set_os(&mut self.config, index, &value, origin.clone())?;
            seen.push((index, origin.clone()));
            self.set(index, origin);
        }
        Ok(())
    }

    fn read_args(&mut self, args: Vec<OsString>) -> Result<(), ConfigError> {
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            if arg == "--" {
                self.other_args.push(arg);
                self.other_args.extend(args);
                break;
            }
            if arg == "--show-config" {
                self.show_config = true;
                continue;
            }
            if arg == "--dev" {
                // Dev mode's short flag: `--runner.run_on_save=true`.
                let index = resolve_dotted("runner.run_on_save", &Source::Code)?;
                self.config.runner.run_on_save = true;
                self.set(
                    index,
                    Source::Flag {
                        flag: "--dev".to_owned(),
                    },
                );
                continue;
            }
            // `--name=value` or `--name`, where only the value may be non-UTF-8.
            let Some((name, inline_value)) = split_flag(&arg) else {
                self.other_args.push(arg);
                continue;
            };
            if !name.contains('.') {
                // `--theme=dark` is surely meant for brook: say how to write it.
                if SECTIONS.contains(&name.as_str()) {
                    let flag = arg.to_string_lossy().into_owned();
                    return Err(not_a_section(&name, Source::Flag { flag }));
                }
                self.other_args.push(arg);
                continue;
            }
            let flag = format!("--{name}");
            let origin = Source::Flag { flag: flag.clone() };
            let index = resolve_dotted(&name, &origin)?;
            let value = match inline_value {
                Some(value) => value,
                None => match args.next() {
                    Some(value) if !value.as_encoded_bytes().starts_with(b"--") => value,
                    _ => {
                        return Err(ConfigError::MissingFlagValue {
                            flag,
                            expected: (OPTIONS[index].expected)(false),
                        });
                    }
                },
            };
            // A flag given twice: the last one wins, as in most CLIs.
            set_os(&mut self.config, index, &value, origin.clone())?;
            self.set(index, origin);
        }
        Ok(())
    }
}

/// Splits `--name=value` (or `--name`) into the name and the value, if
/// `arg` starts with `--` and its name is UTF-8; the value is kept as the OS
/// gave it.
pub(crate) fn split_flag(arg: &OsStr) -> Option<(String, Option<OsString>)> {
    let bytes = arg.as_encoded_bytes();
    let body = bytes.strip_prefix(b"--")?;
    let (name, value) = match body.iter().position(|b| *b == b'=') {
        Some(eq) => (&body[..eq], Some(eq + 3)), // the value starts after `--name=`
        None => (body, None),
    };
    let name = std::str::from_utf8(name).ok()?.to_owned();
    let value = match value {
        None => None,
        Some(start) => Some(os_tail(arg, start)?),
    };
    Some((name, value))
}

/// `arg` from byte `start` on, where `arg[..start]` is ASCII.
fn os_tail(arg: &OsStr, start: usize) -> Option<OsString> {
    if let Some(s) = arg.to_str() {
        return s.get(start..).map(OsString::from);
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt as _;
        Some(OsStr::from_bytes(&arg.as_bytes()[start..]).to_owned())
    }
    #[cfg(windows)]
    {
        use std::os::windows::ffi::{OsStrExt as _, OsStringExt as _};
        // The prefix is ASCII: one UTF-16 unit per byte.
        let wide: Vec<u16> = arg.encode_wide().skip(start).collect();
        Some(OsString::from_wide(&wide))
    }
    #[cfg(not(any(unix, windows)))]
    {
        None
    }
}

/// Sets option `index` from what the OS gave, reporting a bad value at `origin`.
fn set_os(
    config: &mut Config,
    index: usize,
    value: &OsStr,
    origin: Source,
) -> Result<(), ConfigError> {
    (OPTIONS[index].set_os)(config, value).map_err(|e| invalid(index, origin, e))
}

/// Sets option `index` from text, reporting a bad value at `origin`.
pub(crate) fn set_text(
    config: &mut Config,
    index: usize,
    value: &str,
    origin: Source,
) -> Result<(), ConfigError> {
    (OPTIONS[index].set_text)(config, value).map_err(|e| invalid(index, origin, e))
}

/// The option named `section.option` (either spelling).
pub(crate) fn resolve_dotted(key: &str, origin: &Source) -> Result<usize, ConfigError> {
    match key.split_once('.') {
        Some((section, name)) => {
            if !SECTIONS.contains(&section) {
                return Err(unknown_section(section, origin.clone()));
            }
            resolve(section, name, origin)
        }
        None => Err(not_a_section(key, origin.clone())),
    }
}

/// The option `name` (either spelling) of the known `section`.
fn resolve(section: &str, name: &str, origin: &Source) -> Result<usize, ConfigError> {
    options::find(section, name).ok_or_else(|| ConfigError::UnknownOption {
        section: section.to_owned(),
        option: name.to_owned(),
        origin: origin.clone(),
        hint: options::did_you_mean(
            name,
            OPTIONS
                .iter()
                .filter(|o| o.section == section)
                .flat_map(|o| {
                    [Some(o.name), o.alias]
                        .into_iter()
                        .flatten()
                        .map(|n| (n, o.name.to_owned()))
                }),
        ),
    })
}

fn unknown_section(section: &str, origin: Source) -> ConfigError {
    ConfigError::UnknownSection {
        section: section.to_owned(),
        origin,
        hint: options::did_you_mean(section, SECTIONS.iter().map(|s| (*s, format!("[{s}]")))),
    }
}

fn not_a_section(key: &str, origin: Source) -> ConfigError {
    let hint = if SECTIONS.contains(&key) {
        if origin.is_file() {
            format!(
                ". [{key}] is a section: write `[{key}]` on its own line and its options below it"
            )
        } else {
            format!(
                ". [{key}] is a section; its options are {}",
                OPTIONS
                    .iter()
                    .filter(|o| o.section == key)
                    .map(|o| o.key)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    } else if let Some(o) = OPTIONS.iter().find(|o| o.is_named(key)) {
        format!(". It belongs in [{}]: `{}`", o.section, o.key)
    } else {
        String::new()
    };
    ConfigError::NotInSection {
        key: key.to_owned(),
        origin,
        hint,
    }
}

fn invalid(index: usize, origin: Source, e: options::Invalid) -> ConfigError {
    ConfigError::InvalidValue {
        key: OPTIONS[index].key.to_owned(),
        origin,
        given: e.given,
        hint: e.hint,
    }
}

/// 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

type Entry<'t, 'i> = (
    &'t Spanned<toml::de::DeString<'i>>,
    &'t Spanned<DeValue<'i>>,
);

fn in_file_order<'t, 'i>(table: &'t DeTable<'i>) -> Vec<Entry<'t, 'i>> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    entries
}
