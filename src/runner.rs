//! The runner: a [`Session`] on its own named script thread.
//!
//! The UI thread never runs user code: it [`send`](Runner::send)s events
//! (never blocking) and reads the newest [`Published`] state. With
//! `runner.fast_reruns` on (the default), an event that arrives while a run
//! is in progress interrupts it at its next `St` call and a fresh run starts
//! with every event queued so far (EX-11). Off, events queue until the run
//! ends and are then handled together (EX-12).
//!
//! The runner wakes the window (the `waker`) only when there is something
//! new to show: idle means idle.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::runtime::Interrupt;
use crate::session::{Live, LiveTree, RunEnd, Session, StepScope};
use crate::tree::{Event, Tree};

mod fragments;
mod script;

use script::ScriptThread;

/// Where session state is saved between app starts (departure 7).
pub trait Persister: Send {
    /// The saved values (RON per key), or `None` when nothing was saved.
    fn load(&self) -> Result<Option<BTreeMap<String, String>>>;
    /// Saves the values, atomically. Once saving is off for this run of the
    /// app (the reason was reported, by an error or a notice) it does
    /// nothing and returns `Ok`.
    fn save(&self, values: &BTreeMap<String, String>) -> Result<()>;
    /// Forgets what was saved ("Reset session").
    fn clear(&self) -> Result<()>;
    /// Problems the user should see that no call returned as an error (e.g.
    /// "another instance of this app owns the file"), drained. The runner
    /// asks after `load` and `save`.
    fn take_notices(&self) -> Vec<String> {
        Vec::new()
    }
}

/// What the UI reads: the newest tree and whether a run is in flight.
#[derive(Debug, Clone, Default)]
pub struct Published {
    /// The tree to draw.
    pub tree: Arc<Tree>,
    /// A run is in progress.
    pub running: bool,
    /// When the run in progress started, by the session's clock.
    pub run_started: Option<Duration>,
    /// Increases when a run starts and when it ends.
    pub generation: u64,
    /// Increases with every partial tree published while a run is in
    /// progress (live runs).
    pub live: u64,
    /// Spinner texts of the run in progress (CA-15).
    pub status: Vec<String>,
    /// Page names.
    pub pages: Vec<String>,
    /// The page shown.
    pub page: usize,
    /// How the last finished run ended.
    pub last_end: Option<RunEnd>,
    /// Problems the user should see that no page raised (a session file that
    /// could not be read or written).
    pub notices: Vec<String>,
    /// While a run is in progress and has published part of its tree: the
    /// nodes it has written (the rest of `tree` is the previous run's,
    /// stale). `None` otherwise.
    pub fresh: Option<Arc<std::collections::HashSet<crate::tree::NodeId>>>,
    /// While a fragment run is in progress: the containers it reruns, the
    /// only places where `tree` may show stale elements (the rest of the
    /// page is untouched, FR-1). `None`: a full run, or no run.
    pub within: Option<Arc<[crate::tree::NodeId]>>,
}

/// A point where a runner thread calls [`RunnerOptions::sync`], so that a
/// test can decide which thread moves next and replay any interleaving
/// deterministically. Not part of the API.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncPoint {
    /// `send` (on the calling thread) has queued command `seq` and is about
    /// to announce it.
    Queued(u64),
    /// The script thread is about to wait for a command.
    Idle,
    /// The script thread took every command up to `seq` and starts a run.
    Took(u64),
    /// The script thread has published the end of a run.
    Ended,
}

/// See [`SyncPoint`]. Not part of the API.
#[doc(hidden)]
pub type SyncHook = Arc<dyn Fn(SyncPoint) + Send + Sync>;

/// Options of the runner.
pub struct RunnerOptions {
    /// Interrupt a run when a newer event arrives (`runner.fast_reruns`).
    pub fast_reruns: bool,
    /// Save session state here (`runner.persist_session_state`).
    pub persister: Option<Box<dyn Persister>>,
    /// Save at most this often while the app runs (always on shutdown).
    pub save_debounce: Duration,
    /// Publish what a run has written while it is in progress, once per
    /// drawn frame (live runs; on by default).
    pub live: bool,
    /// Called at every [`SyncPoint`] (deterministic stress tests only).
    #[doc(hidden)]
    pub sync: Option<SyncHook>,
}

impl Default for RunnerOptions {
    fn default() -> Self {
        Self {
            fast_reruns: true,
            persister: None,
            save_debounce: Duration::from_millis(500),
            live: true,
            sync: None,
        }
    }
}

impl RunnerOptions {
    /// The options `config` sets: `runner.fast_reruns`, and
    /// `runner.persist_session_state` (the `persister` is used only when it
    /// is on; off, state lives in memory only).
    pub fn from_config(
        config: &crate::config::Config,
        persister: Option<Box<dyn Persister>>,
    ) -> Self {
        Self {
            fast_reruns: config.runner.fast_reruns,
            persister: persister.filter(|_| config.runner.persist_session_state),
            ..Self::default()
        }
    }
}

impl std::fmt::Debug for RunnerOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunnerOptions")
            .field("fast_reruns", &self.fast_reruns)
            .field("persister", &self.persister.is_some())
            .field("save_debounce", &self.save_debounce)
            .field("live", &self.live)
            .field("sync", &self.sync.is_some())
            .finish()
    }
}

/// What the UI thread asks of the script thread. Events and resets carry a
/// sequence number: a run is interrupted only by a command newer than every
/// command it started with (see [`Interrupt`]).
enum Cmd {
    Events(u64, Vec<Event>),
    ResetSession(u64),
    Shutdown,
}

/// What the script thread tells [`Runner::shutdown`].
enum Exit {
    /// The last run has ended; the final save is being written.
    Saving,
    /// The thread is done (the save, if any, is on disk).
    Done,
}

struct Shared {
    published: Mutex<Arc<Published>>,
    /// The session's live spinner texts (they change during a run).
    status: Arc<Mutex<Vec<String>>>,
    /// Events held for the next run (`rerun_on_change(false)` widgets).
    deferred: Mutex<Vec<Event>>,
    running: AtomicBool,
    interrupt: Arc<Interrupt>,
    /// The last sequence number handed out.
    seq: AtomicU64,
    /// Increases when a run starts and when it ends.
    generation: AtomicU64,
    /// Where the run in progress publishes its partial trees; the window
    /// paces it with [`Runner::frame_drawn`].
    live: Option<Arc<Live>>,
    fast_reruns: bool,
    sync: Option<SyncHook>,
    /// What the step in progress runs (FR-6: which newer events may
    /// interrupt it); `None` while idle.
    scope: Mutex<Option<StepScope>>,
}

impl Shared {
    /// Swaps in a partial tree of the run in progress.
    fn publish_live(&self, partial: LiveTree) {
        let mut p = match self.published.lock() {
            Ok(p) => p,
            Err(poisoned) => poisoned.into_inner(),
        };
        if !p.running {
            return; // the run ended meanwhile: its final tree is newer
        }
        // `generation` counts run starts and ends only (the renderer
        // reconciles local edits with it); a partial tree bumps `live`.
        let next = Arc::new(Published {
            tree: partial.tree,
            fresh: Some(partial.fresh),
            within: partial.within,
            live: p.live + 1,
            ..(**p).clone()
        });
        let old = std::mem::replace(&mut *p, next);
        drop(p); // the lock: the window reads while the old tree is freed
        drop(old);
    }

    fn sync(&self, point: SyncPoint) {
        if let Some(hook) = &self.sync {
            hook(point);
        }
    }
}

/// A session on its script thread.
pub struct Runner {
    tx: Sender<Cmd>,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
    done: Receiver<Exit>,
}

impl std::fmt::Debug for Runner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runner").finish_non_exhaustive()
    }
}

/// Called when there is something new to draw (`ctx.request_repaint()`).
pub type Waker = Arc<dyn Fn() + Send + Sync>;

impl Runner {
    /// Starts `session` on a script thread named `brook-script`, runs the
    /// page once, and calls `waker` whenever a new [`Published`] is ready.
    pub fn spawn(mut session: Session, options: RunnerOptions, waker: Waker) -> Result<Self> {
        let (tx, rx) = mpsc::channel();
        let (done_tx, done) = mpsc::channel();
        let shared = Arc::new_cyclic(|weak: &std::sync::Weak<Shared>| {
            let live = options.live.then(|| {
                let weak = weak.clone();
                let waker = waker.clone();
                Live::new(move |partial: LiveTree| {
                    if let Some(shared) = weak.upgrade() {
                        shared.publish_live(partial);
                        waker();
                    }
                })
            });
            Shared {
                published: Mutex::new(Arc::new(Published {
                    pages: session.page_names().to_vec(),
                    ..Published::default()
                })),
                status: session.status(),
                deferred: Mutex::new(Vec::new()),
                running: AtomicBool::new(false),
                interrupt: session.interrupt(),
                seq: AtomicU64::new(0),
                generation: AtomicU64::new(0),
                live,
                fast_reruns: options.fast_reruns,
                sync: options.sync.clone(),
                scope: Mutex::new(None),
            }
        });
        session.set_live(shared.live.clone());
        let thread_shared = shared.clone();
        let thread = std::thread::Builder::new()
            .name("brook-script".to_owned())
            .spawn(move || {
                ScriptThread {
                    session,
                    options,
                    shared: thread_shared,
                    waker,
                    rx,
                    notices: Vec::new(),
                    last_end: None,
                    exit: done_tx.clone(),
                }
                .main();
                let _ = done_tx.send(Exit::Done);
            })
            .map_err(|e| Error::Io {
                action: "cannot start the script thread".to_owned(),
                path: String::new(),
                reason: e.to_string(),
            })?;
        let runner = Self {
            tx,
            shared,
            thread: Some(thread),
            done,
        };
        runner.send(Vec::new());
        Ok(runner)
    }

    /// Queues events for the session. Never blocks; interrupts the run in
    /// progress when `fast_reruns` is on (EX-11).
    ///
    /// Only events newer than those a run started with interrupt it, and an
    /// interrupted run is always followed by a new one: whatever the
    /// interleaving, every burst of events ends in a completed, published run.
    pub fn send(&self, events: Vec<Event>) {
        let seq = self.shared.seq.fetch_add(1, Ordering::SeqCst) + 1;
        // Queue first, then announce: a run that sees the announcement can
        // always find the command in the channel.
        let preempts = self.preempts(&events);
        if self.tx.send(Cmd::Events(seq, events)).is_ok() {
            self.shared.sync(SyncPoint::Queued(seq));
            if self.shared.fast_reruns && preempts {
                self.shared.interrupt.sent(seq);
            }
        }
    }

    /// Holds events until the next run, without starting one: the values of
    /// `rerun_on_change(false)` widgets (Streamlit's `on_change="ignore"`,
    /// EL-1) reach the page with whatever reruns it next.
    pub fn defer(&self, events: Vec<Event>) {
        match self.shared.deferred.lock() {
            Ok(mut d) => d.extend(events),
            Err(poisoned) => poisoned.into_inner().extend(events),
        }
    }

    /// Clears the session state (and what was saved of it) and reruns.
    pub fn reset_session(&self) {
        let seq = self.shared.seq.fetch_add(1, Ordering::SeqCst) + 1;
        if self.tx.send(Cmd::ResetSession(seq)).is_ok() {
            self.shared.sync(SyncPoint::Queued(seq));
            self.shared.interrupt.sent(seq);
        }
    }

    /// The window has drawn a frame: the run in progress may publish its
    /// partial tree at its next checkpoint (at most once per frame).
    pub fn frame_drawn(&self) {
        if let Some(live) = &self.shared.live {
            live.ready();
        }
    }

    /// True while a run is in progress.
    pub fn is_running(&self) -> bool {
        self.shared.running.load(Ordering::SeqCst)
    }

    /// The newest published state. While a run is in flight its `status`
    /// is read live, so spinner texts set during the run show (CA-15).
    pub fn published(&self) -> Arc<Published> {
        let p = match self.shared.published.lock() {
            Ok(p) => p.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        };
        if !p.running {
            return p;
        }
        let status = match self.shared.status.lock() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        };
        if status == p.status {
            return p;
        }
        Arc::new(Published {
            status,
            ..(*p).clone()
        })
    }

    /// Stops the script thread and saves state.
    ///
    /// Waits at most `wait` for a run in progress to stop (a page stuck in
    /// pure computation cannot be interrupted, EX-11); once the final save
    /// has begun it waits for it to finish, however long it takes, so that a
    /// clean close never loses the last changes. A save that takes longer
    /// than a second says so on stderr.
    pub fn shutdown(&mut self, wait: Duration) {
        // Idle, the script thread takes the command at once: no limit. Only
        // a run in progress may be stuck where no checkpoint reaches it.
        let limit = if self.shared.running.load(Ordering::SeqCst) {
            wait
        } else {
            Duration::from_secs(3600)
        };
        let _ = self.tx.send(Cmd::Shutdown);
        self.shared.interrupt.stop();
        let finished = match self.done.recv_timeout(limit) {
            Ok(Exit::Done) => true,
            Ok(Exit::Saving) => {
                let mut told = false;
                loop {
                    match self.done.recv_timeout(Duration::from_secs(1)) {
                        Ok(Exit::Done) | Err(RecvTimeoutError::Disconnected) => break true,
                        Ok(Exit::Saving) => {}
                        Err(RecvTimeoutError::Timeout) => {
                            if !told {
                                told = true;
                                eprintln!("brook: saving the session state before exiting…");
                            }
                        }
                    }
                }
            }
            Err(_) => false,
        };
        if finished && let Some(t) = self.thread.take() {
            let _ = t.join();
        } else if !finished {
            eprintln!(
                "brook: the page was still running {wait:?} after the window closed; \
                 session state changes since the last save are lost"
            );
        }
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        if self.thread.is_some() {
            self.shutdown(Duration::from_secs(2));
        }
    }
}
