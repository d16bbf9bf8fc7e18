//! The supervisor's input and output: the file watcher, builds on a thread,
//! the child processes and their connections, around the [`Supervisor`].

use std::collections::HashMap;
use std::ffi::OsString;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::DevError;
use super::builder::{Builder, tail};
use super::core::{Action, Input, Supervisor, Timing};
use super::protocol::{
    ChildId, ENV_CHILD, ENV_HANDOFF, ENV_SUPERVISOR, ENV_TOKEN, FromChild, ToChild,
};
use super::watcher::SourceWatcher;
use crate::clock::SharedClock;

/// How much of a child's standard error is kept for the window.
const STDERR_TAIL: usize = 4000;

/// How often children are checked for an exit that closed no pipe.
const REAP_EVERY: Duration = Duration::from_millis(500);

/// What to watch: a package directory and the folders to leave out.
#[derive(Debug, Clone)]
pub struct WatchSpec {
    /// The package directory.
    pub root: PathBuf,
    /// Never reported (the target directory).
    pub ignored: Vec<PathBuf>,
}

/// Everything the supervisor's shell needs.
pub struct ShellOptions {
    /// Runs the builds.
    pub builder: Arc<dyn Builder>,
    /// The files to watch; `None`: only [`Shell::sender`] reports changes.
    pub watch: Option<WatchSpec>,
    /// The first child's executable (the supervisor's own).
    pub executable: PathBuf,
    /// The children's arguments.
    pub args: Vec<OsString>,
    /// More environment variables for the children.
    pub env: Vec<(OsString, OsString)>,
    /// Debounce and timeouts.
    pub timing: Timing,
    /// The time source of the [`Supervisor`].
    pub clock: SharedClock,
    /// Receives every input and action, in order (tests, `BROOK_DEV_LOG`).
    pub observer: Option<Sender<Observed>>,
}

impl std::fmt::Debug for ShellOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShellOptions")
            .field("watch", &self.watch)
            .field("executable", &self.executable)
            .field("args", &self.args)
            .finish_non_exhaustive()
    }
}

/// One step of the shell, as an observer sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Observed {
    /// The supervisor was told this (at this clock time).
    Input(Duration, Input),
    /// The supervisor asked for this.
    Action(Duration, Action),
}

/// What the shell's threads tell its loop.
enum Event {
    Core(Input),
    /// A child connected and proved who it is.
    Connected(ChildId, TcpStream),
    /// A child's standard error closed (it exited, most likely).
    StderrClosed(ChildId),
}

struct Running {
    process: Child,
    stderr: Arc<Mutex<String>>,
}

/// The supervisor's loop; [`Shell::run`] returns the exit code of the app.
pub struct Shell {
    options: ShellOptions,
    core: Supervisor,
    tx: Sender<Event>,
    rx: Receiver<Event>,
    inputs: (Sender<Input>, Receiver<Input>),
    addr: String,
    token: String,
    children: HashMap<ChildId, Running>,
    connections: HashMap<ChildId, TcpStream>,
    /// Tells the accept thread to end.
    stopping: Arc<AtomicBool>,
    _watcher: Option<SourceWatcher>,
}

impl std::fmt::Debug for Shell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shell")
            .field("addr", &self.addr)
            .field("core", &self.core)
            .finish_non_exhaustive()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn spawn_thread(name: &str, f: impl FnOnce() + Send + 'static) -> Result<(), DevError> {
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(f)
        .map(|_| ())
        .map_err(|e| DevError::Io {
            action: format!("cannot start the {name} thread"),
            reason: e.to_string(),
        })
}

/// A secret the children show, so no other local program can drive the
/// supervisor (loopback ports are open to every user of the machine).
fn new_token() -> String {
    let a: u64 = rand::random();
    let b: u64 = rand::random();
    format!("{a:016x}{b:016x}")
}

impl Shell {
    /// Listens on a loopback port and starts watching; nothing runs until
    /// [`Shell::run`].
    ///
    /// # Errors
    /// [`DevError::Io`] when no port can be opened, [`DevError::Watch`]
    /// when the files cannot be watched.
    pub fn new(options: ShellOptions) -> Result<Self, DevError> {
        let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| DevError::Io {
            action: "cannot open a loopback port for the app's window".to_owned(),
            reason: e.to_string(),
        })?;
        let addr = listener
            .local_addr()
            .map_err(|e| DevError::Io {
                action: "cannot read the loopback port".to_owned(),
                reason: e.to_string(),
            })?
            .to_string();
        let (tx, rx) = mpsc::channel();
        let token = new_token();
        let accept_tx = tx.clone();
        let accept_token = token.clone();
        let stopping = Arc::new(AtomicBool::new(false));
        let accept_stopping = stopping.clone();
        spawn_thread("brook-dev-accept", move || {
            for stream in listener.incoming() {
                if accept_stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let tx = accept_tx.clone();
                let token = accept_token.clone();
                let _ = spawn_thread("brook-dev-conn", move || serve(stream, &token, &tx));
            }
        })?;
        let watcher = match &options.watch {
            Some(spec) => {
                let tx = tx.clone();
                Some(SourceWatcher::new(
                    &spec.root,
                    spec.ignored.clone(),
                    move |path| {
                        let _ = tx.send(Event::Core(Input::Changed(path)));
                    },
                )?)
            }
            None => None,
        };
        Ok(Self {
            core: Supervisor::new(options.timing),
            options,
            tx,
            rx,
            inputs: mpsc::channel(),
            addr,
            token,
            children: HashMap::new(),
            connections: HashMap::new(),
            stopping,
            _watcher: watcher,
        })
    }

    /// Where tests (or a signal handler) send inputs: [`Input::Changed`] to
    /// simulate a save, [`Input::Quit`] to stop.
    pub fn sender(&self) -> Sender<Input> {
        self.inputs.0.clone()
    }

    /// Opens the first window and supervises until it closes; returns its
    /// exit code.
    ///
    /// # Errors
    /// [`DevError::Io`] when a child process cannot be started.
    pub fn run(mut self) -> Result<i32, DevError> {
        // Inputs from `sender` join the event channel through a thread.
        let (_, inputs) = std::mem::replace(&mut self.inputs, mpsc::channel());
        let tx = self.tx.clone();
        spawn_thread("brook-dev-inputs", move || {
            for input in inputs {
                if tx.send(Event::Core(input)).is_err() {
                    break;
                }
            }
        })?;
        let mut pending = vec![Input::Start];
        loop {
            for input in pending.drain(..) {
                if let Some(code) = self.step(input)? {
                    self.stop();
                    return Ok(code);
                }
            }
            let now = self.options.clock.now();
            let wait = self
                .core
                .deadline()
                .map_or(REAP_EVERY, |d| d.saturating_sub(now).min(REAP_EVERY));
            match self.rx.recv_timeout(wait) {
                Ok(Event::Core(input)) => pending.push(input),
                Ok(Event::Connected(child, stream)) => {
                    self.connections.insert(child, stream);
                    pending.push(Input::Hello(child));
                }
                Ok(Event::StderrClosed(child)) => {
                    if let Some(exited) = self.reap(child, true) {
                        pending.push(exited);
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    let ids: Vec<ChildId> = self.children.keys().copied().collect();
                    pending.extend(ids.into_iter().filter_map(|c| self.reap(c, false)));
                    pending.push(Input::Tick);
                }
                Err(RecvTimeoutError::Disconnected) => pending.push(Input::Quit),
            }
        }
    }

    /// Feeds one input to the supervisor and carries out its actions;
    /// `Some(code)` when it exits.
    fn step(&mut self, input: Input) -> Result<Option<i32>, DevError> {
        let now = self.options.clock.now();
        self.observe(Observed::Input(now, input.clone()));
        let actions = self.core.handle(now, input);
        for action in actions {
            self.observe(Observed::Action(now, action.clone()));
            match action {
                Action::Build => {
                    let builder = self.options.builder.clone();
                    let tx = self.tx.clone();
                    spawn_thread("brook-dev-build", move || {
                        let _ = tx.send(Event::Core(Input::Built(builder.build())));
                    })?;
                }
                Action::Spawn {
                    child,
                    executable,
                    handoff,
                } => {
                    let exe = executable.unwrap_or_else(|| self.options.executable.clone());
                    if let Err(e) = self.spawn(child, exe, handoff) {
                        // Told to the supervisor as an exit: the window keeps the old build.
                        let _ = self.tx.send(Event::Core(Input::Exited {
                            child,
                            code: None,
                            output: e.to_string(),
                        }));
                    }
                }
                Action::Tell(child, message) => self.send(child, &message),
                Action::Kill(child) => {
                    if let Some(running) = self.children.get_mut(&child) {
                        let _ = running.process.kill();
                    }
                }
                Action::Exit(code) => return Ok(Some(code)),
                Action::Log(line) => eprintln!("brook dev: {line}"),
            }
        }
        Ok(None)
    }

    fn observe(&self, observed: Observed) {
        if let Some(observer) = &self.options.observer {
            let _ = observer.send(observed);
        }
    }

    fn spawn(&mut self, child: ChildId, exe: PathBuf, handoff: bool) -> Result<(), DevError> {
        let mut command = Command::new(&exe);
        command
            .args(&self.options.args)
            .envs(self.options.env.iter().map(|(k, v)| (k, v)))
            .env(ENV_SUPERVISOR, &self.addr)
            .env(ENV_TOKEN, &self.token)
            .env(ENV_CHILD, child.to_string())
            .env_remove(ENV_HANDOFF)
            .stderr(Stdio::piped());
        if handoff {
            command.env(ENV_HANDOFF, "1");
        }
        let mut process = command.spawn().map_err(|e| DevError::Io {
            action: format!("cannot start {}", exe.display()),
            reason: e.to_string(),
        })?;
        let stderr = Arc::new(Mutex::new(String::new()));
        if let Some(mut pipe) = process.stderr.take() {
            let kept = stderr.clone();
            let tx = self.tx.clone();
            // The child's standard error goes on to the terminal; its end is
            // kept for the window, should the child stop before it shows.
            spawn_thread("brook-dev-stderr", move || {
                let mut buf = [0_u8; 4096];
                let mut out = std::io::stderr();
                while let Ok(n) = pipe.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    let _ = out.write_all(&buf[..n]);
                    let mut kept = lock(&kept);
                    kept.push_str(&String::from_utf8_lossy(&buf[..n]));
                    if kept.len() > 2 * STDERR_TAIL {
                        *kept = tail(&kept, STDERR_TAIL).to_owned();
                    }
                }
                let _ = tx.send(Event::StderrClosed(child));
            })?;
        }
        self.children.insert(child, Running { process, stderr });
        Ok(())
    }

    /// The exit of `child`, if it has ended (`wait`: its stderr closed, so
    /// it is about to).
    fn reap(&mut self, child: ChildId, wait: bool) -> Option<Input> {
        let running = self.children.get_mut(&child)?;
        let status = if wait {
            running.process.wait().ok()
        } else {
            running.process.try_wait().ok().flatten()
        }?;
        let running = self.children.remove(&child)?;
        self.connections.remove(&child);
        let output = tail(&lock(&running.stderr), STDERR_TAIL).to_owned();
        Some(Input::Exited {
            child,
            code: status.code(),
            output,
        })
    }

    fn send(&mut self, child: ChildId, message: &ToChild) {
        let Some(stream) = self.connections.get_mut(&child) else {
            return; // not connected yet: it gets the status when it says hello
        };
        if let Ok(mut line) = serde_json::to_string(message) {
            line.push('\n');
            if stream.write_all(line.as_bytes()).is_err() {
                self.connections.remove(&child);
            }
        }
    }

    /// Ends every child still running (the app's window has closed).
    fn stop(&mut self) {
        for (_, mut running) in self.children.drain() {
            let _ = running.process.kill();
            let _ = running.process.wait();
        }
        // Wakes the accept thread so that it ends.
        self.stopping.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(&self.addr);
    }
}

/// One child's connection: its `Hello` first, then its messages.
fn serve(stream: TcpStream, token: &str, tx: &Sender<Event>) {
    let _ = stream.set_nodelay(true);
    let Ok(writer) = stream.try_clone() else {
        return;
    };
    let mut lines = BufReader::new(stream).lines();
    let child = match lines.next() {
        Some(Ok(line)) => match serde_json::from_str::<FromChild>(&line) {
            Ok(FromChild::Hello { child, token: t }) if t == token => child,
            _ => return,
        },
        _ => return,
    };
    if tx.send(Event::Connected(child, writer)).is_err() {
        return;
    }
    for line in lines {
        let Ok(line) = line else { break };
        let input = match serde_json::from_str::<FromChild>(&line) {
            Ok(FromChild::Frozen(window)) => Input::Frozen(child, window),
            Ok(FromChild::Shown) => Input::Shown(child),
            Ok(FromChild::Hello { .. }) | Err(_) => continue,
        };
        if tx.send(Event::Core(input)).is_err() {
            break;
        }
    }
}
