//! What the supervisor and the app processes say to each other: one JSON
//! value per line over a loopback TCP connection.
//!
//! The supervisor is the process `cargo run` started; it watches, builds
//! and starts the app's window in a child process. A new build is handed
//! over without a blank: the new child connects and says [`FromChild::Hello`],
//! the old one is told to [`ToChild::Freeze`] (its session state is saved
//! and its window stays on screen), the new one is told to
//! [`ToChild::Go`] with the old window's geometry, draws its first frame and
//! says [`FromChild::Shown`], and only then the old one is told to
//! [`ToChild::Exit`].

use serde::{Deserialize, Serialize};

use super::diagnostics::Diagnostic;

/// Which app process: the supervisor numbers them from 1.
pub type ChildId = u64;

/// Environment variable: the supervisor's `host:port` (set only in the
/// app processes a supervisor starts).
pub const ENV_SUPERVISOR: &str = "BROOK_DEV_SUPERVISOR";
/// Environment variable: this child's [`ChildId`].
pub const ENV_CHILD: &str = "BROOK_DEV_CHILD";
/// Environment variable: the secret a child shows in its `Hello`, so that
/// no other local program can talk to the supervisor.
pub const ENV_TOKEN: &str = "BROOK_DEV_TOKEN";
/// Environment variable: set when the child takes over from a running
/// window (it waits for [`ToChild::Go`] before it opens its own).
pub const ENV_HANDOFF: &str = "BROOK_DEV_HANDOFF";
/// Environment variable: where session state lives across restarts when
/// `runner.persist_session_state` is off (a file of the supervisor's).
pub const ENV_STATE_FILE: &str = "BROOK_DEV_STATE_FILE";

/// Supervisor → app process.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ToChild {
    /// What the window shows of the builds.
    Status(DevStatus),
    /// A new build is starting: save session state, release it, keep the
    /// window on screen, answer [`FromChild::Frozen`].
    Freeze,
    /// Open the window where the old one is, and draw the page.
    Go(WindowState),
    /// The new build is on screen: close the window and exit.
    Exit,
    /// The new build could not take over: run the page again.
    Resume,
}

/// App process → supervisor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromChild {
    /// The first line of every connection.
    Hello {
        /// This child's id (`BROOK_DEV_CHILD`).
        child: ChildId,
        /// The supervisor's secret (`BROOK_DEV_TOKEN`).
        token: String,
    },
    /// The answer to [`ToChild::Freeze`]: state is saved, and where the
    /// window is.
    Frozen(WindowState),
    /// The first frame is on screen.
    Shown,
}

/// Where the window is and what it shows, handed from one build to the next.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WindowState {
    /// Outer top-left corner, in points.
    pub position: Option<[f32; 2]>,
    /// Inner size, in points.
    pub size: Option<[f32; 2]>,
    /// Whether the window is maximized.
    pub maximized: bool,
    /// `"light"`, `"dark"` or `"system"`.
    pub theme: Option<String>,
    /// The name of the page shown.
    pub page: Option<String>,
}

/// What the window shows of the builds: drawn by the top bar and the error
/// panel.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DevStatus {
    /// A build is running: for how long (milliseconds) when this was sent.
    pub building_ms: Option<u64>,
    /// The last build's errors (cleared by the next successful build).
    pub errors: Vec<Diagnostic>,
    /// A problem that is not a compiler error (cargo could not start, the
    /// new build stopped before its window was shown), or `None`.
    pub problem: Option<String>,
}

impl DevStatus {
    /// Whether there is something to show in the error panel.
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty() || self.problem.is_some()
    }
}
