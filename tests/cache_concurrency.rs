//! Caches shared by racing sessions: one computation per key (CA-7), waiters
//! that can be interrupted, and clears that beat computations in flight
//! (CA-14). Synchronised with channels and observed states, never sleeps.

#![allow(clippy::unwrap_used)] // tests may unwrap (house rule)

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use brook::clock::ManualClock;
use brook::runtime::{self, RunContext, SessionId};

fn run_ctx() -> RunContext {
    RunContext {
        clock: Arc::new(ManualClock::new()),
        session: SessionId::next(),
        interrupt: Arc::default(),
        status: Arc::new(Mutex::new(Vec::new())),
    }
}

/// A named thread (the house rule: `clippy.toml` disallows bare `spawn`).
fn spawn<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> std::thread::JoinHandle<T> {
    std::thread::Builder::new()
        .name("cache-test-caller".into())
        .spawn(f)
        .unwrap()
}

/// Blocks a computation until the test releases it, and tells the test when
/// it has started.
struct Gate {
    started: Mutex<Option<Sender<()>>>,
    release: Mutex<Option<Receiver<()>>>,
}

impl Gate {
    const fn new() -> Self {
        Self {
            started: Mutex::new(None),
            release: Mutex::new(None),
        }
    }

    /// Arms the gate: returns (started, release) ends for the test.
    fn arm(&self) -> (Receiver<()>, Sender<()>) {
        let (started_tx, started_rx) = channel();
        let (release_tx, release_rx) = channel();
        *self.started.lock().unwrap() = Some(started_tx);
        *self.release.lock().unwrap() = Some(release_rx);
        (started_rx, release_tx)
    }

    /// Called by the computation.
    fn pass(&self) {
        if let Some(tx) = self.started.lock().unwrap().take() {
            tx.send(()).unwrap();
        }
        let rx = self.release.lock().unwrap().take();
        if let Some(rx) = rx {
            rx.recv().unwrap();
        }
    }
}

/// Waits until `ctx`'s run shows a spinner: it is then blocked in the cache
/// waiting for another caller's computation.
fn wait_until_waiting(ctx: &RunContext) {
    while ctx.status.lock().unwrap().is_empty() {
        std::thread::yield_now();
    }
}

static RACE_GATE: Gate = Gate::new();
static RACE_CALLS: AtomicUsize = AtomicUsize::new(0);

#[brook::cache_data]
fn slow_square(x: i64) -> i64 {
    RACE_CALLS.fetch_add(1, Ordering::SeqCst);
    RACE_GATE.pass();
    x * x
}

#[test]
fn racing_callers_compute_once_and_all_get_the_result() {
    // CA-7
    let (started, release) = RACE_GATE.arm();
    let first = spawn(|| {
        let _run = runtime::enter(run_ctx());
        slow_square(7)
    });
    started.recv().unwrap();
    let waiters: Vec<_> = (0..3)
        .map(|_| {
            let ctx = run_ctx();
            let seen = ctx.clone();
            let handle = spawn(move || {
                let _run = runtime::enter(ctx);
                slow_square(7)
            });
            (seen, handle)
        })
        .collect();
    for (ctx, _) in &waiters {
        wait_until_waiting(ctx);
    }
    release.send(()).unwrap();
    assert_eq!(first.join().unwrap(), 49);
    for (_, h) in waiters {
        assert_eq!(h.join().unwrap(), 49);
    }
    assert_eq!(RACE_CALLS.load(Ordering::SeqCst), 1);
}

static INT_GATE: Gate = Gate::new();

#[brook::cache_data]
fn slow_cube(x: i64) -> i64 {
    INT_GATE.pass();
    x * x * x
}

#[test]
fn a_waiting_run_can_still_be_interrupted() {
    // CA-7: a waiter checks its run's interrupt flag while it waits.
    let (started, release) = INT_GATE.arm();
    let computing = spawn(|| slow_cube(3));
    started.recv().unwrap();
    let ctx = run_ctx();
    let seen = ctx.clone();
    let waiter = spawn(move || {
        let _run = runtime::enter(ctx);
        std::panic::catch_unwind(|| slow_cube(3))
    });
    wait_until_waiting(&seen);
    seen.interrupt.stop();
    let outcome = waiter.join().unwrap();
    let payload = outcome.expect_err("the waiter unwinds");
    assert!(
        payload.downcast_ref::<String>().is_none() && payload.downcast_ref::<&str>().is_none(),
        "an interruption, not a panic"
    );
    // The computation itself was not disturbed.
    release.send(()).unwrap();
    assert_eq!(computing.join().unwrap(), 27);
    assert_eq!(slow_cube(3), 27);
}

static CLEAR_GATE: Gate = Gate::new();
static CLEAR_CALLS: AtomicUsize = AtomicUsize::new(0);

#[brook::cache_data]
fn version(x: i64) -> usize {
    let n = CLEAR_CALLS.fetch_add(1, Ordering::SeqCst) + 1;
    CLEAR_GATE.pass();
    n + x as usize
}

#[test]
fn a_computation_started_before_a_clear_never_stores_its_result() {
    // CA-14
    let (started, release) = CLEAR_GATE.arm();
    let computing = spawn(|| version(0));
    started.recv().unwrap();
    version_clear();
    release.send(()).unwrap();
    assert_eq!(
        computing.join().unwrap(),
        1,
        "its caller still gets the value"
    );
    assert_eq!(version(0), 2, "but the cache did not keep it");
    assert_eq!(version(0), 2);
}

static ERR_GATE: Gate = Gate::new();
static ERR_CALLS: AtomicUsize = AtomicUsize::new(0);

#[brook::cache_data]
fn first_fails() -> Result<usize, String> {
    let n = ERR_CALLS.fetch_add(1, Ordering::SeqCst) + 1;
    ERR_GATE.pass();
    if n == 1 {
        Err("first attempt failed".into())
    } else {
        Ok(n)
    }
}

#[test]
fn waiters_compute_themselves_when_the_computation_fails() {
    // CA-6, CA-7: nothing was cached, so a waiter retries instead of hanging.
    let (started, release) = ERR_GATE.arm();
    let failing = spawn(first_fails);
    started.recv().unwrap();
    let ctx = run_ctx();
    let seen = ctx.clone();
    let waiter = spawn(move || {
        let _run = runtime::enter(ctx);
        first_fails()
    });
    wait_until_waiting(&seen);
    release.send(()).unwrap();
    assert!(failing.join().unwrap().is_err());
    assert_eq!(waiter.join().unwrap(), Ok(2));
    assert_eq!(first_fails(), Ok(2));
}

#[brook::cache_data]
fn recursive(n: u64) -> u64 {
    if n == 0 { 0 } else { recursive(n) }
}

#[brook::cache_data]
fn fib(n: u64) -> u64 {
    if n < 2 { n } else { fib(n - 1) + fib(n - 2) }
}

#[test]
fn recursion_with_other_arguments_works_and_with_the_same_ones_is_an_error() {
    assert_eq!(fib(60), 1_548_008_755_920);
    let err = std::panic::catch_unwind(|| recursive(1)).expect_err("self-wait");
    let msg = err.downcast_ref::<String>().expect("message");
    assert!(
        msg.contains("called itself with the same arguments"),
        "{msg}"
    );
    assert_eq!(recursive(0), 0);
}

static SHARED_CALLS: AtomicUsize = AtomicUsize::new(0);

#[brook::cache_resource]
fn shared_counter() -> AtomicUsize {
    SHARED_CALLS.fetch_add(1, Ordering::SeqCst);
    AtomicUsize::new(0)
}

#[test]
fn resources_are_shared_by_every_session_and_thread() {
    let handles: Vec<_> = (0..4)
        .map(|_| {
            spawn(|| {
                let _run = runtime::enter(run_ctx());
                for _ in 0..100 {
                    shared_counter().fetch_add(1, Ordering::SeqCst);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(shared_counter().load(Ordering::SeqCst), 400);
    assert_eq!(SHARED_CALLS.load(Ordering::SeqCst), 1);
}
