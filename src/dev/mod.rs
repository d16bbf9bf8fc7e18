//! Dev mode: save the page's source, see the new page in the open window.
//!
//! `cargo run -- --dev` (or `cargo run --example NAME -- --dev`, or the
//! option `runner.run_on_save = true`, Streamlit's `server.runOnSave`)
//! starts the app under a *supervisor*: the process cargo started watches
//! the package's files, and the window runs in a child process. On each
//! save (debounced; one build at a time, a newer save is built after the
//! running build) it runs the same `cargo build` that made the binary. The
//! top bar says "Rebuilding…" with the time so far, and the old page stays
//! usable meanwhile.
//!
//! - A build that fails shows the compiler's errors (file, line, message)
//!   in a panel of the open window, which keeps the old page; the next
//!   successful build clears them.
//! - A build that succeeds takes over the window: the new binary starts,
//!   the old window saves the session state, the new one opens where the
//!   old one is (same size, theme and page), draws its first run, and only
//!   then the old window closes. A saved value whose type changed in the
//!   edit is reported by the page's first typed read, as after any
//!   restart, and does not stop the new page from showing.
//! - Closing the window ends dev mode with the app's exit code; Ctrl-C in
//!   the terminal ends both processes.
//!
//! Why a supervisor and not `exec`: an `exec` ends the old window before the
//! new one exists, which shows the desktop for as long as the new build
//! takes to open its window (half a second here). The supervisor keeps the
//! process `cargo run` waits for, so its exit code and Ctrl-C work as
//! without dev mode.
//!
//! The rebuild command comes from the running binary ([`BuildTarget`]):
//! `cargo run` sets `CARGO` and `CARGO_MANIFEST_PATH` for the program, and
//! the executable's path gives the target directory, the profile and the
//! example or binary name. Features are not visible from there: pass them
//! with `dev.cargo_args` (`--dev.cargo_args="--features x"`). Dev mode is
//! off unless asked for, in debug and release builds alike; it needs the
//! package's sources, so it works only from `cargo run` or inside the
//! package directory, and on Linux and macOS (Windows cannot replace a
//! running executable).
//!
//! The logic is a state machine without input or output ([`Supervisor`]),
//! driven in tests by a fake [`Builder`] and a virtual clock.

mod builder;
mod child;
mod core;
mod diagnostics;
mod protocol;
mod shell;
mod target;
mod watcher;

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Arc;

pub use builder::{BuildOutcome, Builder, CargoBuilder};
pub(crate) use child::{DevChild, DevRunner, DevView};
pub use core::{Action, Input, Supervisor, Timing};
pub use diagnostics::{CargoMessages, Diagnostic, parse_cargo_messages};
pub use protocol::{ChildId, DevStatus, FromChild, ToChild, WindowState};
pub use shell::{Observed, Shell, ShellOptions, WatchSpec};
pub use target::{BuildTarget, TargetKind};
pub use watcher::{SourceWatcher, is_source_change};

/// Environment variables of dev mode, which the configuration loader leaves
/// alone.
pub const ENV_VARS: &[&str] = &[
    protocol::ENV_SUPERVISOR,
    protocol::ENV_CHILD,
    protocol::ENV_TOKEN,
    protocol::ENV_HANDOFF,
    protocol::ENV_STATE_FILE,
    ENV_LOG,
];

/// Environment variable: a file where the supervisor writes a timestamped
/// line for each save, build and hand-over (for benchmarks).
pub const ENV_LOG: &str = "BROOK_DEV_LOG";

/// Why dev mode cannot start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DevError {
    /// The package's sources cannot be found.
    #[error(
        "dev mode needs the sources of {exe}, and cannot find its Cargo.toml: start it with \
         `cargo run -- --dev` (or `cargo run --example NAME -- --dev`), or from the package's \
         directory"
    )]
    NoSources {
        /// The running executable.
        exe: PathBuf,
    },
    /// The executable is not where cargo puts binaries and examples.
    #[error(
        "dev mode rebuilds the app with cargo, but {exe} is not a binary or example in a cargo \
         target directory (`target/<profile>/<name>` or `target/<profile>/examples/<name>`): \
         start it with `cargo run -- --dev`"
    )]
    NotCargoBuilt {
        /// The running executable.
        exe: PathBuf,
    },
    /// The files cannot be watched.
    #[error("dev mode cannot watch {path} for changes: {reason}")]
    Watch {
        /// The folder.
        path: PathBuf,
        /// What the watcher said.
        reason: String,
    },
    /// The connection to the supervisor failed (in the app's window).
    #[error("dev mode: the window cannot talk to the supervisor that started it: {reason}")]
    Supervisor {
        /// What went wrong.
        reason: String,
    },
    /// An operation of the operating system failed.
    #[error("dev mode {action}: {reason}")]
    Io {
        /// What dev mode was doing.
        action: String,
        /// The OS error.
        reason: String,
    },
    /// This platform cannot run dev mode.
    #[error(
        "dev mode does not work on this platform: cargo cannot replace the executable of a \
         running app here. Stop the app, rebuild and start it again"
    )]
    Unsupported,
}

/// How [`App::run`](crate::App::run) goes on after dev mode had its say.
#[derive(Debug)]
pub(crate) enum Start {
    /// No dev mode: the app runs as usual.
    Off,
    /// This process is a window started by a supervisor.
    Child(DevChild),
    /// This process was the supervisor; the app's window has closed with
    /// this exit code.
    Supervised(i32),
}

/// Dev mode at the start of [`App::run`](crate::App::run): off, a window
/// of a supervisor, or (with `--dev` or `runner.run_on_save`) the
/// supervisor itself, which returns when the app's window has closed.
pub(crate) fn start(
    config: &crate::Config,
    args: &[OsString],
    screenshot: bool,
) -> crate::Result<Start> {
    if screenshot {
        return Ok(Start::Off);
    }
    if let Some(child) = DevChild::from_env() {
        return Ok(Start::Child(child.map_err(Box::new)?));
    }
    // `--dev` sets `runner.run_on_save`; a config given in code may not
    // have seen the flag.
    let asked = config.runner.run_on_save || args.iter().any(|a| a == "--dev");
    if !asked {
        return Ok(Start::Off);
    }
    Ok(Start::Supervised(supervise(config).map_err(Box::new)?))
}

/// Exits the supervisor the way the app's window did.
pub(crate) fn finish(code: i32) -> crate::Result<()> {
    if code != 0 {
        std::process::exit(code);
    }
    Ok(())
}

#[cfg(windows)]
fn supervise(_config: &crate::Config) -> Result<i32, DevError> {
    Err(DevError::Unsupported)
}

#[cfg(not(windows))]
fn supervise(config: &crate::Config) -> Result<i32, DevError> {
    let exe = std::env::current_exe().map_err(|e| DevError::Io {
        action: "cannot find the running executable".to_owned(),
        reason: e.to_string(),
    })?;
    let mut target = BuildTarget::from_exe(&exe, |k| std::env::var_os(k))?;
    target.extra_args = config
        .dev
        .cargo_args
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let mut env = Vec::new();
    // State must survive the restarts even when it is not kept across app
    // starts: it then lives in a file of the supervisor's, removed at exit.
    let state_dir = std::env::temp_dir().join(format!("brook-dev-{}", std::process::id()));
    if !config.runner.persist_session_state {
        env.push((
            OsString::from(protocol::ENV_STATE_FILE),
            state_dir.join("session_state.ron").into_os_string(),
        ));
    }
    eprintln!(
        "brook dev: watching {}; a save rebuilds with `{}`",
        target.package_dir().display(),
        target.command_line()
    );
    let observer = std::env::var_os(ENV_LOG).map(|path| log_observer(PathBuf::from(path)));
    let shell = Shell::new(ShellOptions {
        builder: Arc::new(CargoBuilder::new(target.clone())),
        watch: Some(WatchSpec {
            root: target.package_dir().to_path_buf(),
            ignored: vec![target.target_dir.clone()],
        }),
        executable: exe,
        args: std::env::args_os().skip(1).collect(),
        env,
        timing: Timing::default(),
        clock: crate::clock::system(),
        observer,
    })?;
    let code = shell.run();
    let _ = std::fs::remove_dir_all(&state_dir);
    code
}

/// Writes a line per save, build and hand-over to `path`: seconds since
/// the Unix epoch (so a script can compare them with its own clock), then
/// what happened.
fn log_observer(path: PathBuf) -> std::sync::mpsc::Sender<Observed> {
    let (tx, rx) = std::sync::mpsc::channel::<Observed>();
    let spawned = std::thread::Builder::new()
        .name("brook-dev-log".to_owned())
        .spawn(move || {
            use std::io::Write as _;
            let Ok(mut file) = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
            else {
                eprintln!("brook dev: cannot write the log {}", path.display());
                return;
            };
            for observed in rx {
                let line = match observed {
                    Observed::Input(_, Input::Changed(p)) => format!("changed {}", p.display()),
                    Observed::Input(_, Input::Built(b)) => {
                        format!(
                            "built success={} fresh={} errors={}",
                            b.success,
                            b.fresh,
                            b.errors.len()
                        )
                    }
                    Observed::Input(_, Input::Shown(c)) => format!("shown {c}"),
                    Observed::Input(_, Input::Exited { child, code, .. }) => {
                        format!("exited {child} {code:?}")
                    }
                    Observed::Action(_, Action::Build) => "build".to_owned(),
                    Observed::Action(_, Action::Spawn { child, .. }) => format!("spawn {child}"),
                    Observed::Action(_, Action::Tell(c, ToChild::Status(s))) => format!(
                        "status {c} building={} errors={}",
                        s.building_ms.is_some(),
                        s.errors.len()
                    ),
                    _ => continue,
                };
                #[allow(clippy::disallowed_methods)] // wall-clock time for a script, not the core
                let at = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap_or_default()
                    .as_secs_f64();
                let _ = writeln!(file, "{at:.3} {line}");
            }
        });
    if let Err(e) = spawned {
        eprintln!("brook dev: cannot start the log thread ({e})");
    }
    tx
}

#[cfg(test)]
mod child_tests;
#[cfg(test)]
mod tests;
