//! Reading cargo's `--message-format=json` output: the compiler's errors
//! (file, line, message) and the executable a build produced.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// One compiler error, as the window shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Diagnostic {
    /// `"error"` (warnings are not collected).
    pub level: String,
    /// The error code, `E0308`, if any.
    pub code: Option<String>,
    /// The one-line message: "mismatched types".
    pub message: String,
    /// The file of the primary span, as cargo names it (relative to the
    /// workspace root for the workspace's own files).
    pub file: Option<String>,
    /// 1-based line of the primary span.
    pub line: Option<u32>,
    /// 1-based column of the primary span.
    pub column: Option<u32>,
    /// The whole error as the terminal shows it (source excerpt, notes).
    pub rendered: String,
}

impl Diagnostic {
    /// `examples/page.rs:12:5`, or `None` when the error has no location
    /// (a linker error).
    ///
    /// ```
    /// let d = brook::dev::Diagnostic {
    ///     file: Some("src/main.rs".into()),
    ///     line: Some(12),
    ///     column: Some(5),
    ///     ..Default::default()
    /// };
    /// assert_eq!(d.location().as_deref(), Some("src/main.rs:12:5"));
    /// ```
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        Some(match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{file}:{line}:{column}"),
            (Some(line), None) => format!("{file}:{line}"),
            _ => file.clone(),
        })
    }

    /// `error[E0308]: mismatched types`.
    pub fn headline(&self) -> String {
        match &self.code {
            Some(code) => format!("{}[{code}]: {}", self.level, self.message),
            None => format!("{}: {}", self.level, self.message),
        }
    }
}

/// What one cargo build said on its standard output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CargoMessages {
    /// The compiler's errors, in the order they came.
    pub errors: Vec<Diagnostic>,
    /// How many warnings the compiler gave (not shown in the window).
    pub warnings: usize,
    /// The executable built (the last `compiler-artifact` that has one).
    pub executable: Option<PathBuf>,
    /// Whether that executable was already up to date (nothing changed).
    pub fresh: bool,
    /// `build-finished`'s verdict, if cargo got that far.
    pub success: Option<bool>,
}

/// Reads the lines cargo prints with `--message-format=json`; lines that are
/// not JSON (a build script's output) are skipped.
///
/// ```
/// let out = r#"{"reason":"compiler-message","message":{"level":"error","message":"cannot find value `x` in this scope","code":{"code":"E0425"},"rendered":"error[E0425]: ...","spans":[{"file_name":"src/main.rs","line_start":3,"column_start":13,"is_primary":true}]}}
/// {"reason":"build-finished","success":false}"#;
/// let m = brook::dev::parse_cargo_messages(out);
/// assert_eq!(m.success, Some(false));
/// assert_eq!(m.errors[0].headline(), "error[E0425]: cannot find value `x` in this scope");
/// assert_eq!(m.errors[0].location().as_deref(), Some("src/main.rs:3:13"));
/// ```
pub fn parse_cargo_messages(stdout: &str) -> CargoMessages {
    let mut out = CargoMessages::default();
    for line in stdout.lines() {
        let Ok(message) = serde_json::from_str::<Message>(line) else {
            continue;
        };
        match message.reason.as_str() {
            "compiler-message" => {
                let Some(m) = message.message else { continue };
                match m.level.as_str() {
                    "error" | "error: internal compiler error" => {
                        if m.message.starts_with("aborting due to") {
                            continue;
                        }
                        out.errors.push(m.into_diagnostic());
                    }
                    "warning" => out.warnings += 1,
                    _ => {}
                }
            }
            "compiler-artifact" => {
                if let Some(exe) = message.executable {
                    out.executable = Some(exe);
                    out.fresh = message.fresh;
                }
            }
            "build-finished" => out.success = message.success,
            _ => {}
        }
    }
    out
}

/// One line of cargo's JSON output (only the fields brook reads).
#[derive(Deserialize)]
struct Message {
    #[serde(default)]
    reason: String,
    message: Option<CompilerMessage>,
    executable: Option<PathBuf>,
    #[serde(default)]
    fresh: bool,
    success: Option<bool>,
}

#[derive(Deserialize)]
struct CompilerMessage {
    #[serde(default)]
    level: String,
    #[serde(default)]
    message: String,
    code: Option<Code>,
    #[serde(default)]
    rendered: Option<String>,
    #[serde(default)]
    spans: Vec<Span>,
}

#[derive(Deserialize)]
struct Code {
    code: String,
}

#[derive(Deserialize)]
struct Span {
    file_name: String,
    line_start: u32,
    column_start: u32,
    #[serde(default)]
    is_primary: bool,
}

impl CompilerMessage {
    fn into_diagnostic(self) -> Diagnostic {
        let span = self
            .spans
            .iter()
            .find(|s| s.is_primary)
            .or(self.spans.first());
        Diagnostic {
            level: "error".to_owned(),
            code: self.code.map(|c| c.code),
            file: span.map(|s| s.file_name.clone()),
            line: span.map(|s| s.line_start),
            column: span.map(|s| s.column_start),
            rendered: self
                .rendered
                .unwrap_or_else(|| format!("error: {}", self.message)),
            message: self.message,
        }
    }
}
