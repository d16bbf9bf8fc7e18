//! The context of the run executing on this thread, for modules that are not
//! handed an [`St`](crate::St): the caches ask it for the time, the session id
//! (session-scoped caches) and whether the run has been interrupted.
//!
//! The session installs a context for the duration of each run with
//! [`enter`]; outside a run, [`now`] falls back to the system clock,
//! [`session_id`] is `None` and [`checkpoint`] never interrupts.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use crate::clock::SharedClock;

/// Identifies one session (one window, or one `AppTest`) within the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SessionId(pub u64);

impl SessionId {
    /// A fresh id, unique within this process.
    pub fn next() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Self(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

/// What a run publishes about itself to code that has no `St`.
#[derive(Debug, Clone)]
pub struct RunContext {
    /// The session's clock (virtual in tests).
    pub clock: SharedClock,
    /// The session running on this thread.
    pub session: SessionId,
    /// Tells whether a newer event should interrupt this run (EX-11).
    pub interrupt: Arc<Interrupt>,
    /// Status texts shown by the running indicator (spinners, CA-15), newest last.
    pub status: Arc<std::sync::Mutex<Vec<String>>>,
}

/// Whether the run in progress should stop at its next checkpoint (EX-11).
///
/// Interruption is by sequence: every batch of events the runner receives
/// carries a number, a run remembers the newest number it started with, and
/// only an event *newer* than that interrupts it. An event the run itself
/// consumed can never interrupt it, however the threads interleave.
///
/// ```
/// use brook::runtime::Interrupt;
///
/// let i = Interrupt::default();
/// i.sent(1);           // the UI queues event 1 ...
/// i.start(1);          // ... and a run starts with it: not interrupted
/// assert!(!i.requested());
/// i.sent(2);           // a newer event arrives while it runs
/// assert!(i.requested());
/// i.start(2);          // the next run takes it
/// assert!(!i.requested());
/// ```
#[derive(Debug, Default)]
pub struct Interrupt {
    /// The newest sequence number sent to the session.
    newest: AtomicU64,
    /// The newest sequence number the run in progress started with.
    started_with: AtomicU64,
    /// Stop every run from now on (the app is shutting down).
    stopping: AtomicBool,
}

impl Interrupt {
    /// True when the run in progress should stop: a newer event was sent
    /// than those it started with, or [`stop`](Self::stop) was called.
    #[inline]
    pub fn requested(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
            || self.newest.load(Ordering::SeqCst) > self.started_with.load(Ordering::SeqCst)
    }

    /// Records that the events numbered `seq` were queued (after queuing them).
    pub fn sent(&self, seq: u64) {
        self.newest.fetch_max(seq, Ordering::SeqCst);
    }

    /// Records that a run starts with every event up to `seq`.
    pub fn start(&self, seq: u64) {
        self.started_with.fetch_max(seq, Ordering::SeqCst);
    }

    /// Interrupts the run in progress and every later one (shutdown).
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
    }
}

thread_local! {
    static CURRENT: RefCell<Vec<RunContext>> = const { RefCell::new(Vec::new()) };
}

/// Installs `ctx` for this thread until the returned guard drops.
pub fn enter(ctx: RunContext) -> ContextGuard {
    CURRENT.with(|c| c.borrow_mut().push(ctx));
    ContextGuard { _private: () }
}

/// Restores the previous context when dropped (also during unwinding).
#[must_use = "the context is removed when the guard drops"]
#[derive(Debug)]
pub struct ContextGuard {
    _private: (),
}

impl Drop for ContextGuard {
    fn drop(&mut self) {
        CURRENT.with(|c| {
            c.borrow_mut().pop();
        });
    }
}

/// The current run's context, if this thread is running a page.
pub fn current() -> Option<RunContext> {
    CURRENT.with(|c| c.borrow().last().cloned())
}

/// The current time: the session's clock inside a run, the system clock outside.
pub fn now() -> Duration {
    CURRENT.with(|c| match c.borrow().last() {
        Some(ctx) => ctx.clock.now(),
        None => crate::clock::system().now(),
    })
}

/// The clock of the current run, or the system clock outside a run.
pub fn clock() -> SharedClock {
    current().map_or_else(crate::clock::system, |c| c.clock)
}

/// The session running on this thread, if any.
pub fn session_id() -> Option<SessionId> {
    CURRENT.with(|c| c.borrow().last().map(|ctx| ctx.session))
}

/// True when the run on this thread has been asked to stop for a newer event.
pub fn interrupted() -> bool {
    CURRENT.with(|c| {
        c.borrow()
            .last()
            .is_some_and(|ctx| ctx.interrupt.requested())
    })
}

/// A yield point (EX-11): unwinds the current run if a newer event has
/// interrupted it. Long computations (and cache waiters, CA-7) call this so
/// that an interaction does not have to wait for them.
pub fn checkpoint() {
    if interrupted() {
        crate::session::raise_interrupt();
    }
}

/// Shows `text` in the app's running indicator until the guard drops (a
/// spinner, EX-14 / CA-15). The window shows it only if the work is still
/// running after half a second. Outside a run it does nothing.
pub fn spinner(text: impl Into<String>) -> SpinnerGuard {
    let status = current().map(|ctx| ctx.status);
    if let Some(status) = &status
        && let Ok(mut s) = status.lock()
    {
        s.push(text.into());
    }
    SpinnerGuard { status }
}

/// Removes its spinner text when dropped.
#[must_use = "the spinner disappears when the guard drops"]
#[derive(Debug)]
pub struct SpinnerGuard {
    status: Option<Arc<std::sync::Mutex<Vec<String>>>>,
}

impl Drop for SpinnerGuard {
    fn drop(&mut self) {
        if let Some(status) = &self.status
            && let Ok(mut s) = status.lock()
        {
            s.pop();
        }
    }
}
