//! The supervisor's logic, without input or output: saves in, builds and
//! hand-overs out. The shell ([`super::shell`]) feeds it what happened and
//! carries out what it asks, so tests drive it with a fake builder and a
//! virtual clock.

use std::path::PathBuf;
use std::time::Duration;

use super::builder::BuildOutcome;
use super::protocol::{ChildId, DevStatus, ToChild, WindowState};

/// How long the supervisor waits for things.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// A save starts a build once no other save came for this long (editors
    /// write a file in several steps).
    pub debounce: Duration,
    /// A new build must connect within this time of its start.
    pub hello_timeout: Duration,
    /// The old window must save its state within this time; after it the
    /// new one is shown anyway.
    pub freeze_timeout: Duration,
    /// The new build must show its window within this time of `Go`.
    pub show_timeout: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Self {
            debounce: Duration::from_millis(50),
            hello_timeout: Duration::from_secs(60),
            freeze_timeout: Duration::from_secs(5),
            show_timeout: Duration::from_secs(30),
        }
    }
}

/// What happened, told to [`Supervisor::handle`].
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// The supervisor starts: open the first window.
    Start,
    /// A source file changed (saved, created, removed, renamed).
    Changed(PathBuf),
    /// Time passed (the shell calls this at [`Supervisor::deadline`]).
    Tick,
    /// The build in progress ended.
    Built(BuildOutcome),
    /// A child connected.
    Hello(ChildId),
    /// A child saved its state for the hand-over.
    Frozen(ChildId, WindowState),
    /// A child's first frame is on screen.
    Shown(ChildId),
    /// A child process ended, with its exit code (`None`: killed by a
    /// signal) and the end of what it wrote to standard error.
    Exited {
        /// Which child.
        child: ChildId,
        /// Its exit code.
        code: Option<i32>,
        /// The last lines it wrote to standard error.
        output: String,
    },
    /// Stop everything (Ctrl-C, or a test is done).
    Quit,
}

/// What the supervisor asks the shell to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Start a build (never while one is running).
    Build,
    /// Start a child process.
    Spawn {
        /// Its id.
        child: ChildId,
        /// The executable; `None`: the supervisor's own.
        executable: Option<PathBuf>,
        /// It takes over from a window on screen (waits for `Go`).
        handoff: bool,
    },
    /// Tell a child something (not `Send`: a variant of that name would
    /// make rustc spell `std::marker::Send` in full in users' errors).
    Tell(ChildId, ToChild),
    /// Kill a child that does not answer.
    Kill(ChildId),
    /// Exit the supervisor with this code (after the app's window closed).
    Exit(i32),
    /// A line for the terminal.
    Log(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Started, not yet connected.
    Starting,
    /// The old window is saving its state.
    Freezing,
    /// The new window is opening.
    Showing,
}

#[derive(Debug, Clone)]
struct Handoff {
    child: ChildId,
    stage: Stage,
    /// When the stage began.
    since: Duration,
    /// Killed for not answering in time (its exit is awaited).
    killed: bool,
}

/// The supervisor: debounces saves, runs one build at a time, and hands
/// the window over to each successful build.
///
/// ```
/// use std::time::Duration;
/// use brook::dev::{Action, BuildOutcome, Input, Supervisor, Timing};
///
/// let ms = Duration::from_millis;
/// let mut sup = Supervisor::new(Timing { debounce: ms(80), ..Timing::default() });
/// sup.handle(ms(0), Input::Start); // the first window: child 1
/// // Two saves 20 ms apart: one build, 80 ms after the second.
/// let saved = || Input::Changed("src/main.rs".into());
/// assert!(!sup.handle(ms(100), saved()).contains(&Action::Build));
/// assert!(!sup.handle(ms(120), saved()).contains(&Action::Build));
/// assert_eq!(sup.deadline(), Some(ms(200)));
/// assert!(sup.handle(ms(200), Input::Tick).contains(&Action::Build));
/// // It succeeds: child 2 starts and will take over from child 1.
/// let actions = sup.handle(ms(900), Input::Built(BuildOutcome::built("target/debug/app")));
/// assert!(actions.contains(&Action::Spawn {
///     child: 2,
///     executable: Some("target/debug/app".into()),
///     handoff: true,
/// }));
/// ```
#[derive(Debug)]
pub struct Supervisor {
    timing: Timing,
    /// The last save not yet built.
    changed_at: Option<Duration>,
    /// The build in progress, and whether a save came after it started.
    building: Option<bool>,
    /// When the builds now going on began (the indicator's time).
    building_since: Option<Duration>,
    errors: Vec<super::diagnostics::Diagnostic>,
    problem: Option<String>,
    /// The child whose window is on screen.
    current: Option<ChildId>,
    handoff: Option<Handoff>,
    /// A newer successful build, waiting for the hand-over in progress.
    queued: Option<PathBuf>,
    /// An executable newer than the window's, built by a build that a
    /// later save superseded: the next build may find nothing to do, and
    /// it must still be shown.
    unshown: Option<PathBuf>,
    /// Old children told to exit.
    retiring: Vec<ChildId>,
    next_child: ChildId,
}

impl Supervisor {
    /// A supervisor with no window yet (send [`Input::Start`]).
    pub fn new(timing: Timing) -> Self {
        Self {
            timing,
            changed_at: None,
            building: None,
            building_since: None,
            errors: Vec::new(),
            problem: None,
            current: None,
            handoff: None,
            queued: None,
            unshown: None,
            retiring: Vec::new(),
            next_child: 1,
        }
    }

    /// The child whose window is on screen.
    pub fn current(&self) -> Option<ChildId> {
        self.current
    }

    /// Whether a build is running.
    pub fn is_building(&self) -> bool {
        self.building.is_some()
    }

    /// What the window shows of the builds at `now`.
    pub fn status(&self, now: Duration) -> DevStatus {
        DevStatus {
            building_ms: self.building_since.map(|since| {
                u64::try_from(now.saturating_sub(since).as_millis()).unwrap_or(u64::MAX)
            }),
            errors: self.errors.clone(),
            problem: self.problem.clone(),
        }
    }

    /// When to call [`Supervisor::handle`] with [`Input::Tick`] next, if
    /// nothing else happens first.
    pub fn deadline(&self) -> Option<Duration> {
        let build = match (self.building, self.changed_at) {
            (None, Some(at)) => Some(at + self.timing.debounce),
            _ => None,
        };
        let handoff = self.handoff.as_ref().filter(|h| !h.killed).map(|h| {
            h.since
                + match h.stage {
                    Stage::Starting => self.timing.hello_timeout,
                    Stage::Freezing => self.timing.freeze_timeout,
                    Stage::Showing => self.timing.show_timeout,
                }
        });
        match (build, handoff) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Takes in what happened at `now`; returns what to do, in order.
    pub fn handle(&mut self, now: Duration, input: Input) -> Vec<Action> {
        let mut out = Vec::new();
        match input {
            Input::Start => {
                let child = self.next_id();
                self.current = Some(child);
                out.push(Action::Spawn {
                    child,
                    executable: None,
                    handoff: false,
                });
            }
            Input::Changed(path) => {
                if self.changed_at.is_none() && self.building.is_none() {
                    out.push(Action::Log(format!("{} changed", path.display())));
                }
                self.changed_at = Some(now);
                if let Some(superseded) = &mut self.building {
                    *superseded = true;
                }
            }
            Input::Tick => {}
            Input::Built(outcome) => self.built(now, outcome, &mut out),
            Input::Hello(child) => self.hello(now, child, &mut out),
            Input::Frozen(child, window) => {
                if let Some(h) = &mut self.handoff
                    && h.stage == Stage::Freezing
                    && self.current == Some(child)
                {
                    h.stage = Stage::Showing;
                    h.since = now;
                    out.push(Action::Tell(h.child, ToChild::Go(window)));
                }
            }
            Input::Shown(child) => self.shown(now, child, &mut out),
            Input::Exited {
                child,
                code,
                output,
            } => self.exited(now, child, code, &output, &mut out),
            Input::Quit => {
                let children = self
                    .current
                    .into_iter()
                    .chain(self.handoff.as_ref().map(|h| h.child));
                out.extend(children.map(Action::Kill));
                out.push(Action::Exit(0));
            }
        }
        self.poll(now, &mut out);
        out
    }

    fn next_id(&mut self) -> ChildId {
        let id = self.next_child;
        self.next_child += 1;
        id
    }

    fn send_status(&self, now: Duration, out: &mut Vec<Action>) {
        if let Some(child) = self.current {
            out.push(Action::Tell(child, ToChild::Status(self.status(now))));
        }
    }

    /// Starts a build when the last save has settled, and gives up on a
    /// hand-over that takes too long.
    fn poll(&mut self, now: Duration, out: &mut Vec<Action>) {
        if self.building.is_none()
            && let Some(at) = self.changed_at
            && now >= at + self.timing.debounce
        {
            self.changed_at = None;
            self.building = Some(false);
            if self.building_since.is_none() {
                self.building_since = Some(now);
                self.send_status(now, out);
            }
            out.push(Action::Build);
        }
        let Some(h) = &mut self.handoff else { return };
        if h.killed {
            return;
        }
        match h.stage {
            Stage::Starting if now >= h.since + self.timing.hello_timeout => {
                h.killed = true;
                out.push(Action::Kill(h.child));
            }
            Stage::Freezing if now >= h.since + self.timing.freeze_timeout => {
                // The old window does not answer (a page stuck in a long
                // computation): show the new one anyway.
                h.stage = Stage::Showing;
                h.since = now;
                out.push(Action::Log(
                    "the old window did not save its state in time; the new build starts from \
                     what was saved before"
                        .to_owned(),
                ));
                out.push(Action::Tell(h.child, ToChild::Go(WindowState::default())));
            }
            Stage::Showing if now >= h.since + self.timing.show_timeout => {
                h.killed = true;
                out.push(Action::Kill(h.child));
            }
            _ => {}
        }
    }

    fn built(&mut self, now: Duration, outcome: BuildOutcome, out: &mut Vec<Action>) {
        let superseded = self.building.take().unwrap_or(false);
        if superseded || self.changed_at.is_some() {
            if outcome.success && !outcome.fresh {
                self.unshown = outcome.executable;
            }
            // A newer save: this build may not have seen it. Build again
            // (after the debounce); the indicator keeps running.
            out.push(Action::Log(
                "a newer save came during the build: building again".to_owned(),
            ));
            return;
        }
        let took = self
            .building_since
            .take()
            .map(|since| now.saturating_sub(since));
        let took = took.map_or_else(String::new, |t| format!(" in {:.1} s", t.as_secs_f64()));
        if !outcome.success {
            out.push(Action::Log(match outcome.errors.len() {
                0 => format!("the build failed{took}"),
                1 => format!("the build failed{took}: 1 error"),
                n => format!("the build failed{took}: {n} errors"),
            }));
            self.errors = outcome.errors;
            self.problem = outcome.problem;
            self.send_status(now, out);
            return;
        }
        self.errors.clear();
        self.problem = None;
        let unshown = self.unshown.take();
        let executable = match outcome.executable {
            Some(exe) if !outcome.fresh || unshown.is_some() => exe,
            Some(_) => {
                out.push(Action::Log(format!("nothing to rebuild{took}")));
                self.send_status(now, out);
                return;
            }
            None => {
                self.problem = Some(
                    "cargo built the app but named no executable: the window keeps the old build"
                        .to_owned(),
                );
                self.send_status(now, out);
                return;
            }
        };
        out.push(Action::Log(format!(
            "rebuilt{took}: starting the new build"
        )));
        self.send_status(now, out);
        self.start_handoff(now, executable, out);
    }

    fn start_handoff(&mut self, now: Duration, executable: PathBuf, out: &mut Vec<Action>) {
        if self.handoff.is_some() {
            self.queued = Some(executable);
            return;
        }
        let child = self.next_id();
        self.handoff = Some(Handoff {
            child,
            stage: Stage::Starting,
            since: now,
            killed: false,
        });
        out.push(Action::Spawn {
            child,
            executable: Some(executable),
            handoff: true,
        });
    }

    fn hello(&mut self, now: Duration, child: ChildId, out: &mut Vec<Action>) {
        if let Some(h) = &mut self.handoff
            && h.child == child
            && h.stage == Stage::Starting
            && !h.killed
        {
            match self.current {
                Some(old) => {
                    h.stage = Stage::Freezing;
                    h.since = now;
                    out.push(Action::Tell(old, ToChild::Freeze));
                }
                None => {
                    h.stage = Stage::Showing;
                    h.since = now;
                    out.push(Action::Tell(child, ToChild::Go(WindowState::default())));
                }
            }
        } else if self.current == Some(child) {
            self.send_status(now, out);
        }
    }

    fn shown(&mut self, now: Duration, child: ChildId, out: &mut Vec<Action>) {
        let Some(h) = &self.handoff else { return };
        if h.child != child || h.stage != Stage::Showing {
            return;
        }
        self.handoff = None;
        if let Some(old) = self.current.replace(child) {
            out.push(Action::Tell(old, ToChild::Exit));
            self.retiring.push(old);
        }
        out.push(Action::Log("the new build is on screen".to_owned()));
        self.send_status(now, out);
        if let Some(next) = self.queued.take() {
            self.start_handoff(now, next, out);
        }
    }

    fn exited(
        &mut self,
        now: Duration,
        child: ChildId,
        code: Option<i32>,
        output: &str,
        out: &mut Vec<Action>,
    ) {
        if let Some(i) = self.retiring.iter().position(|c| *c == child) {
            self.retiring.remove(i);
            return;
        }
        if let Some(h) = self.handoff.as_ref().filter(|h| h.child == child) {
            let old_frozen = h.stage != Stage::Starting;
            let how = match (h.killed, code) {
                (true, _) => "did not answer in time and was stopped".to_owned(),
                (false, Some(code)) => format!("exited with code {code}"),
                (false, None) => "was killed by a signal".to_owned(),
            };
            self.handoff = None;
            let said = output.trim();
            let said = if said.is_empty() {
                String::new()
            } else {
                format!(". It said:\n{said}")
            };
            let problem = format!(
                "The new build {how} before its window was shown; the window keeps the \
                 previous build{said}"
            );
            out.push(Action::Log(problem.clone()));
            self.problem = Some(problem);
            if old_frozen && let Some(old) = self.current {
                out.push(Action::Tell(old, ToChild::Resume));
            }
            self.send_status(now, out);
            if let Some(next) = self.queued.take() {
                self.start_handoff(now, next, out);
            }
            return;
        }
        if self.current == Some(child) {
            // The window was closed (or the app ended): so does dev mode.
            if let Some(h) = self.handoff.take() {
                out.push(Action::Kill(h.child));
            }
            self.current = None;
            out.push(Action::Exit(code.unwrap_or(1)));
        }
    }
}
