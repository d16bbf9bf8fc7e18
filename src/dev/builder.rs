//! Building: the [`Builder`] the supervisor calls, and [`CargoBuilder`],
//! which runs `cargo build --message-format=json`.

use std::io::Read as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use super::diagnostics::{Diagnostic, parse_cargo_messages};
use super::target::BuildTarget;

/// How a build ended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildOutcome {
    /// The build succeeded.
    pub success: bool,
    /// The executable it produced (on success).
    pub executable: Option<PathBuf>,
    /// The executable was already up to date: nothing to restart.
    pub fresh: bool,
    /// The compiler's errors (on failure).
    pub errors: Vec<Diagnostic>,
    /// A failure that is not a compiler error (cargo could not be started,
    /// the manifest is broken): what cargo said.
    pub problem: Option<String>,
}

impl BuildOutcome {
    /// A successful build of `executable`.
    pub fn built(executable: impl Into<PathBuf>) -> Self {
        Self {
            success: true,
            executable: Some(executable.into()),
            ..Self::default()
        }
    }

    /// A build that failed with `errors`.
    pub fn failed(errors: Vec<Diagnostic>) -> Self {
        Self {
            errors,
            ..Self::default()
        }
    }
}

/// Builds the app; one build at a time (the supervisor never overlaps two).
pub trait Builder: Send + Sync {
    /// Runs one build to its end.
    fn build(&self) -> BuildOutcome;
}

/// Runs `cargo build` for a [`BuildTarget`]; the compiler's errors are also
/// printed to standard error, as cargo would.
#[derive(Debug, Clone)]
pub struct CargoBuilder {
    target: BuildTarget,
}

impl CargoBuilder {
    /// A builder for `target`.
    pub fn new(target: BuildTarget) -> Self {
        Self { target }
    }
}

/// The last `max` bytes of `text`, on a character boundary.
pub(crate) fn tail(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut start = text.len() - max;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

impl Builder for CargoBuilder {
    fn build(&self) -> BuildOutcome {
        let t = &self.target;
        let child = Command::new(&t.cargo)
            .args(t.cargo_args())
            .env("CARGO_TARGET_DIR", &t.target_dir)
            .current_dir(t.package_dir())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        let mut child = match child {
            Ok(child) => child,
            Err(e) => {
                return BuildOutcome {
                    problem: Some(format!(
                        "cannot run `{}` ({e}): is cargo installed and on PATH?",
                        t.command_line()
                    )),
                    ..BuildOutcome::default()
                };
            }
        };
        // Standard error on its own thread, so neither pipe fills up.
        let stderr = child.stderr.take().and_then(|mut pipe| {
            std::thread::Builder::new()
                .name("brook-dev-cargo-stderr".to_owned())
                .spawn(move || {
                    let mut text = String::new();
                    let _ = pipe.read_to_string(&mut text);
                    text
                })
                .ok()
        });
        let mut stdout = String::new();
        if let Some(mut pipe) = child.stdout.take() {
            let _ = pipe.read_to_string(&mut stdout);
        }
        let status = child.wait();
        let stderr = stderr.and_then(|h| h.join().ok()).unwrap_or_default();
        let messages = parse_cargo_messages(&stdout);
        for error in &messages.errors {
            eprintln!("{}", error.rendered.trim_end());
        }
        let success =
            messages.success.unwrap_or(false) && status.as_ref().is_ok_and(|s| s.success());
        let problem = (!success && messages.errors.is_empty()).then(|| {
            let said = tail(stderr.trim(), 4000);
            match &status {
                Ok(status) => format!("`{}` failed ({status}):\n{said}", t.command_line()),
                Err(e) => format!("`{}` failed ({e}):\n{said}", t.command_line()),
            }
        });
        if let Some(problem) = &problem {
            eprintln!("brook dev: {problem}");
        }
        BuildOutcome {
            success,
            executable: messages.executable.filter(|_| success),
            fresh: messages.fresh,
            errors: messages.errors,
            problem,
        }
    }
}
