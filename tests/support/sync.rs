//! How the runner tests synchronise with the runner, with channels and
//! never with sleeps: a gate the page stops at until the test releases it,
//! and waiting for a publication that satisfies a condition.
#![allow(dead_code, clippy::unwrap_used)] // each test file uses what it needs

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use brook::runner::{Published, Runner};

/// How long a test waits for the runner before it fails (never reached
/// when the runner works: every wait ends on a message).
pub const WAIT: Duration = Duration::from_secs(20);

/// Where the page stops (as many times as armed) until the test releases
/// it: each stop sends on `entered` and waits for one message on `release`.
#[derive(Clone)]
pub struct Gate {
    entered: Arc<Mutex<Sender<()>>>,
    release: Arc<Mutex<Receiver<()>>>,
    armed: Arc<AtomicU32>,
}

impl Gate {
    /// A gate that stops the page `times` times, with the receiver of its
    /// stops and the sender that releases it.
    pub fn armed(times: u32) -> (Self, Receiver<()>, Sender<()>) {
        let (entered_tx, entered_rx) = mpsc::channel();
        let (release_tx, release_rx) = mpsc::channel();
        (
            Self {
                entered: Arc::new(Mutex::new(entered_tx)),
                release: Arc::new(Mutex::new(release_rx)),
                armed: Arc::new(AtomicU32::new(times)),
            },
            entered_rx,
            release_tx,
        )
    }

    /// Stops the page `times` more times from now on.
    pub fn arm(&self, times: u32) {
        self.armed.store(times, Ordering::SeqCst);
    }

    /// Called by the page: stops here if armed, until released.
    pub fn wait(&self) {
        let passed = self
            .armed
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
        if passed.is_err() {
            return;
        }
        self.entered.lock().unwrap().send(()).unwrap();
        self.release.lock().unwrap().recv().unwrap();
    }
}

/// Waits, woken by the runner's waker (`wakes`), until the published state
/// satisfies `pred`, and returns it.
pub fn wait_for(
    runner: &Runner,
    wakes: &Receiver<()>,
    pred: impl Fn(&Published) -> bool,
) -> Arc<Published> {
    loop {
        let p = runner.published();
        if pred(&p) {
            return p;
        }
        wakes
            .recv_timeout(WAIT)
            .expect("the runner published nothing new");
    }
}
