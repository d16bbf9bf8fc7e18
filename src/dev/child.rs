//! The app process's side of dev mode: its connection to the supervisor,
//! and [`DevRunner`], the window's backend that hands the page over to the
//! next build.

use std::collections::VecDeque;
use std::io::{BufRead as _, BufReader, Write as _};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::DevError;
use super::diagnostics::Diagnostic;
use super::protocol::{
    ChildId, DevStatus, ENV_CHILD, ENV_HANDOFF, ENV_STATE_FILE, ENV_SUPERVISOR, ENV_TOKEN,
    FromChild, ToChild, WindowState,
};
use crate::app::Backend;
use crate::error::Result;
use crate::runner::{Published, Runner, Waker};
use crate::tree::Event;

/// How long a new build waits for its first run before it shows its
/// window anyway (a page that takes longer shows while it runs).
const FIRST_RUN_PATIENCE: Duration = Duration::from_secs(3);

/// How long the old window waits for its page to stop before it hands over.
const FREEZE_PATIENCE: Duration = Duration::from_secs(2);

/// What arrived from the supervisor, for the UI thread.
#[derive(Default)]
struct Inbox {
    status: DevStatus,
    /// When `status` arrived (system clock).
    received: Duration,
    commands: VecDeque<ToChild>,
    ctx: Option<egui::Context>,
}

/// A connection to the supervisor that started this process.
pub(crate) struct DevChild {
    writer: Mutex<TcpStream>,
    reader: Option<BufReader<TcpStream>>,
    inbox: Arc<Mutex<Inbox>>,
    /// Where the old window was, when this process takes over from it.
    window: Option<WindowState>,
    /// Signalled whenever the runner publishes (the first run's end).
    published: Arc<(Mutex<u64>, Condvar)>,
}

impl std::fmt::Debug for DevChild {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DevChild")
            .field("window", &self.window)
            .finish_non_exhaustive()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl DevChild {
    /// Connects to the supervisor named in the environment; `None` when
    /// this process was not started by one. A process that takes over
    /// from a window waits here for [`ToChild::Go`].
    pub(crate) fn from_env() -> Option<std::result::Result<Self, DevError>> {
        let addr = std::env::var(ENV_SUPERVISOR).ok()?;
        let Some(child) = std::env::var(ENV_CHILD).ok().and_then(|c| c.parse().ok()) else {
            return Some(Err(DevError::Supervisor {
                reason: format!("{ENV_CHILD} is not a number"),
            }));
        };
        let token = std::env::var(ENV_TOKEN).unwrap_or_default();
        let handoff = std::env::var_os(ENV_HANDOFF).is_some();
        Some(Self::connect(&addr, child, token, handoff))
    }

    /// Connects to the supervisor at `addr` as `child`; with `handoff`,
    /// waits for [`ToChild::Go`].
    pub(crate) fn connect(
        addr: &str,
        child: ChildId,
        token: String,
        handoff: bool,
    ) -> std::result::Result<Self, DevError> {
        let lost = |e: &dyn std::fmt::Display| DevError::Supervisor {
            reason: e.to_string(),
        };
        let stream = TcpStream::connect(addr).map_err(|e| lost(&e))?;
        let _ = stream.set_nodelay(true);
        let reader = BufReader::new(stream.try_clone().map_err(|e| lost(&e))?);
        let mut me = Self {
            writer: Mutex::new(stream),
            reader: Some(reader),
            inbox: Arc::default(),
            window: None,
            published: Arc::default(),
        };
        me.send(&FromChild::Hello { child, token });
        if handoff {
            me.window = Some(me.wait_go().map_err(|e| lost(&e))?);
        }
        Ok(me)
    }

    /// Reads until `Go` (the supervisor sends nothing else first).
    fn wait_go(&mut self) -> std::io::Result<WindowState> {
        let reader = self
            .reader
            .as_mut()
            .ok_or_else(|| std::io::Error::other("not connected"))?;
        let mut line = String::new();
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 {
                return Err(std::io::Error::other(
                    "the supervisor closed the connection before the hand-over",
                ));
            }
            match serde_json::from_str::<ToChild>(line.trim()) {
                Ok(ToChild::Go(window)) => return Ok(window),
                Ok(ToChild::Status(status)) => lock(&self.inbox).status = status,
                Ok(_) | Err(_) => {}
            }
        }
    }

    /// Where the old window was (this process takes over from it).
    pub(crate) fn window(&self) -> Option<&WindowState> {
        self.window.as_ref()
    }

    /// Where session state goes across restarts when
    /// `runner.persist_session_state` is off: the supervisor's file.
    pub(crate) fn state_file() -> Option<PathBuf> {
        std::env::var_os(ENV_STATE_FILE).map(PathBuf::from)
    }

    /// `inner`, and also wakes a process waiting for its first run.
    pub(crate) fn waker(&self, inner: Waker) -> Waker {
        let published = self.published.clone();
        Arc::new(move || {
            inner();
            let (count, cvar) = &*published;
            *lock(count) += 1;
            cvar.notify_all();
        })
    }

    fn send(&self, message: &FromChild) {
        if let Ok(mut line) = serde_json::to_string(message) {
            line.push('\n');
            // A supervisor that is gone cannot be told anything; the window
            // goes on without it.
            let _ = lock(&self.writer).write_all(line.as_bytes());
        }
    }

    /// Starts reading the supervisor's messages on a thread; `ctx` is
    /// woken for each.
    fn listen(&mut self, ctx: &egui::Context) {
        lock(&self.inbox).ctx = Some(ctx.clone());
        let Some(mut reader) = self.reader.take() else {
            return;
        };
        let inbox = self.inbox.clone();
        let spawned = std::thread::Builder::new()
            .name("brook-dev-child".to_owned())
            .spawn(move || {
                let mut line = String::new();
                loop {
                    line.clear();
                    match reader.read_line(&mut line) {
                        Ok(0) | Err(_) => {
                            // The supervisor is gone (killed): so is dev
                            // mode, and the window closes as its child.
                            let mut inbox = lock(&inbox);
                            inbox.commands.push_back(ToChild::Exit);
                            if let Some(ctx) = &inbox.ctx {
                                ctx.request_repaint();
                            }
                            break;
                        }
                        Ok(_) => {}
                    }
                    let Ok(message) = serde_json::from_str::<ToChild>(line.trim()) else {
                        continue;
                    };
                    let mut inbox = lock(&inbox);
                    match message {
                        ToChild::Status(status) => {
                            inbox.status = status;
                            inbox.received = crate::clock::system().now();
                        }
                        other => inbox.commands.push_back(other),
                    }
                    if let Some(ctx) = &inbox.ctx {
                        ctx.request_repaint();
                    }
                }
            });
        if let Err(e) = spawned {
            eprintln!("brook dev: cannot listen to the supervisor ({e}); rebuilds are not shown");
        }
    }
}

/// What the window shows of dev mode this frame.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct DevView {
    /// A build has been running this long.
    pub building: Option<Duration>,
    /// The window is handing over to a new build.
    pub restarting: bool,
    /// The last build's errors.
    pub errors: Vec<Diagnostic>,
    /// Another problem to show (a new build that did not start).
    pub problem: Option<String>,
}

/// Makes a fresh runner, for a window that resumes after a failed hand-over.
pub(crate) type Respawn = Box<dyn FnMut() -> Result<Runner>>;

/// The window's backend in dev mode: the runner, plus the hand-over.
pub(crate) struct DevRunner {
    runner: Option<Runner>,
    /// The last state before a freeze, drawn until the hand-over ends.
    frozen: Option<Arc<Published>>,
    respawn: Respawn,
    child: DevChild,
    frames: u32,
    problem: Option<String>,
}

impl DevRunner {
    /// Wraps `runner`; a process that takes over from a window waits (a
    /// little) for the page's first run, so that its first frame shows
    /// the page, not a blank.
    pub(crate) fn new(
        runner: Runner,
        mut child: DevChild,
        respawn: Respawn,
        ctx: &egui::Context,
    ) -> Self {
        child.listen(ctx);
        if child.window.is_some() {
            let (count, cvar) = &*child.published;
            let clock = crate::clock::system();
            let deadline = clock.now() + FIRST_RUN_PATIENCE;
            let mut seen = lock(count);
            while runner.published().last_end.is_none() {
                let left = deadline.saturating_sub(clock.now());
                if left.is_zero() {
                    break;
                }
                seen = cvar
                    .wait_timeout(seen, left)
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .0;
            }
        }
        Self {
            runner: Some(runner),
            frozen: None,
            respawn,
            child,
            frames: 0,
            problem: None,
        }
    }

    /// Waits (spinning, bounded) until a command from the supervisor has
    /// arrived; tests only.
    #[cfg(test)]
    pub(crate) fn wait_for_command(&self) {
        let clock = crate::clock::system();
        let deadline = clock.now() + Duration::from_secs(30);
        while lock(&self.child.inbox).commands.is_empty() {
            assert!(clock.now() < deadline, "no command from the supervisor");
            std::thread::yield_now();
        }
    }

    fn freeze(&mut self, ctx: &egui::Context) {
        let published = self.published();
        if let Some(mut runner) = self.runner.take() {
            // Saves the state and releases the session file for the new build.
            runner.shutdown(FREEZE_PATIENCE);
        }
        // One context lock at a time: `options` inside `input` deadlocks.
        let theme = match ctx.options(|o| o.theme_preference) {
            egui::ThemePreference::Light => "light",
            egui::ThemePreference::Dark => "dark",
            egui::ThemePreference::System => "system",
        };
        let window = ctx.input(|i| {
            let v = i.viewport();
            WindowState {
                position: v.outer_rect.map(|r| [r.min.x, r.min.y]),
                size: v.inner_rect.map(|r| [r.width(), r.height()]),
                maximized: v.maximized.unwrap_or(false),
                theme: Some(theme.to_owned()),
                page: published.pages.get(published.page).cloned(),
            }
        });
        self.frozen = Some(published);
        self.child.send(&FromChild::Frozen(window));
    }
}

impl Backend for DevRunner {
    fn send(&mut self, events: Vec<Event>) {
        if let Some(r) = &self.runner {
            r.send(events);
        }
    }

    fn defer(&mut self, events: Vec<Event>) {
        if let Some(r) = &self.runner {
            r.defer(events);
        }
    }

    fn published(&self) -> Arc<Published> {
        match (&self.runner, &self.frozen) {
            (Some(r), _) => r.published(),
            (None, Some(frozen)) => frozen.clone(),
            (None, None) => Arc::default(),
        }
    }

    fn reset_session(&mut self) {
        if let Some(r) = &self.runner {
            r.reset_session();
        }
    }

    fn frame_drawn(&mut self) {
        if let Some(r) = &self.runner {
            r.frame_drawn();
        }
    }

    fn dev_frame(&mut self, ctx: &egui::Context) {
        // The window shows after its first frame is painted: the second
        // frame means the first is on screen.
        self.frames = self.frames.saturating_add(1);
        match self.frames {
            1 => ctx.request_repaint(),
            2 => self.child.send(&FromChild::Shown),
            _ => {}
        }
        let commands: Vec<ToChild> = lock(&self.child.inbox).commands.drain(..).collect();
        for command in commands {
            match command {
                ToChild::Freeze => self.freeze(ctx),
                ToChild::Exit => {
                    // eframe closes at the next frame: ask for it, or an idle
                    // window (covered by the new one) would never close.
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    ctx.request_repaint();
                }
                ToChild::Resume => {
                    if self.runner.is_none() {
                        match (self.respawn)() {
                            Ok(runner) => {
                                self.runner = Some(runner);
                                self.frozen = None;
                            }
                            Err(e) => self.problem = Some(e.to_string()),
                        }
                    }
                }
                ToChild::Status(_) | ToChild::Go(_) => {}
            }
        }
    }

    fn dev_view(&self) -> Option<DevView> {
        let inbox = lock(&self.child.inbox);
        let building = inbox.status.building_ms.map(|ms| {
            Duration::from_millis(ms) + crate::clock::system().now().saturating_sub(inbox.received)
        });
        Some(DevView {
            building,
            restarting: self.runner.is_none(),
            errors: inbox.status.errors.clone(),
            problem: self
                .problem
                .clone()
                .or_else(|| inbox.status.problem.clone()),
        })
    }
}

impl WindowState {
    /// `viewport`, where the old window was and as large.
    pub(crate) fn place(&self, mut viewport: egui::ViewportBuilder) -> egui::ViewportBuilder {
        if let Some([x, y]) = self.position {
            viewport = viewport.with_position([x, y]);
        }
        if let Some([w, h]) = self.size {
            viewport = viewport.with_inner_size([w, h]);
        }
        viewport.with_maximized(self.maximized)
    }

    /// The old window's theme.
    pub(crate) fn theme(&self) -> Option<egui::ThemePreference> {
        match self.theme.as_deref()? {
            "light" => Some(egui::ThemePreference::Light),
            "dark" => Some(egui::ThemePreference::Dark),
            "system" => Some(egui::ThemePreference::System),
            _ => None,
        }
    }

    /// Opens `session` on the old window's page, if the new build has a
    /// page of that name.
    pub(crate) fn restore_page(&self, session: &mut crate::session::Session) {
        let Some(page) = &self.page else { return };
        if let Some(index) = session.page_names().iter().position(|p| p == page) {
            session.set_page(index);
        }
    }
}
