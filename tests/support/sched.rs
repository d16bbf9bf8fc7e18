//! A deterministic scheduler for the runner's threads, shared by the
//! stress tests (`runner_stress.rs`, `fragments_stress.rs`).
//!
//! A scheduler on the test thread decides, at every sync point, which thread
//! moves next: the "UI" thread (which spawns the runner and sends bursts of
//! events) or the script thread (taking commands, running the page,
//! publishing). Between two sync points exactly one thread runs, so a seed
//! replays one interleaving exactly; the page's own checkpoints are sync
//! points too ([`Sched::arrive`] with [`Point::Page`]). No sleeps: every wait
//! is a hand-off on a channel.
#![allow(dead_code, clippy::unwrap_used)] // tests may unwrap (STYLE.md)

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use brook::runner::{Published, Runner, RunnerOptions, SyncPoint};
use brook::session::{Page, RunEnd, Session, SessionOptions};
use brook::tree::{Element, Event, WidgetValue};

/// Longer than any hand-off can take: reaching it means a thread is stuck.
const STUCK: Duration = Duration::from_secs(20);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Who {
    /// The thread that sends events (the window).
    Ui,
    /// The runner's script thread.
    Script,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    Runner(SyncPoint),
    /// A point inside the page, between two `St` calls (checkpoints).
    Page(u32),
    /// The UI thread waits for the first run before it starts sending.
    UiStart,
    /// The UI thread has sent everything.
    UiDone,
    /// The UI thread is about to draw a frame (live runs).
    Frame,
}

/// A thread parked at a point, and how to let it go.
struct Parked {
    point: Point,
    go: Sender<()>,
}

#[derive(Clone)]
pub struct Sched {
    tx: Sender<(Who, Point, Option<Sender<()>>)>,
    /// After the check, every point passes at once (shutdown must not park).
    free: Arc<AtomicBool>,
}

impl Sched {
    pub fn arrive(&self, who: Who, point: Point) {
        if self.free.load(Ordering::SeqCst) {
            return;
        }
        let (go_tx, go_rx) = mpsc::channel();
        if self.tx.send((who, point, Some(go_tx))).is_err() {
            return;
        }
        let _ = go_rx.recv();
    }

    /// A scheduler that parks nobody: a plain run of a page built for one.
    pub fn none() -> Self {
        let (tx, _) = mpsc::channel();
        Self {
            tx,
            free: Arc::new(AtomicBool::new(true)),
        }
    }

    pub fn tell(&self, who: Who, point: Point) {
        let _ = self.tx.send((who, point, None));
    }
}

fn who_am_i() -> Who {
    if std::thread::current().name() == Some("brook-script") {
        Who::Script
    } else {
        Who::Ui
    }
}

/// A small deterministic generator (xorshift64*): the seed is the schedule.
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        usize::try_from(x % n as u64).unwrap()
    }
}

pub fn texts(tree: &brook::tree::Tree) -> Vec<String> {
    tree.walk()
        .filter_map(|n| match &n.element {
            Element::Text { body } => Some(body.clone()),
            _ => None,
        })
        .collect()
}

/// What the UI thread saw once everything settled.
#[derive(Debug)]
pub struct Outcome {
    /// The window shows "Running…".
    pub running: bool,
    /// How the last published run ended.
    pub last_end: Option<RunEnd>,
    /// The texts on screen, top to bottom.
    pub texts: Vec<String>,
    /// The last value sent to each widget of `labels` (0: none).
    pub last_sent: Vec<i64>,
    /// The tree on screen.
    pub tree: Arc<brook::tree::Tree>,
    /// Frames the UI drew (with [`Frames`]).
    pub frames: usize,
    /// The first state a frame read that its check refused.
    pub refused: Option<String>,
}

/// What every frame checks in the state it reads (live runs).
pub type Observe = fn(&Published) -> Result<(), String>;

/// The UI thread draws frames (zero to two before each send, and after its
/// last send until everything settles): each reads the published state,
/// checks it, and calls `Runner::frame_drawn` while a run is in progress,
/// as the window does. Every frame is a sync point.
#[derive(Clone, Copy)]
pub struct Frames {
    pub observe: Observe,
}

/// What a burst sends: `None` a plain rerun, `Some(i)` a new value for the
/// widget labelled `labels[i]`.
pub type Choose = fn(&mut Rng) -> Option<usize>;

/// Runs one schedule of `page` (built with the scheduler, so that it can
/// add its own sync points) and returns what the window would show at the
/// end. The UI sends one to four bursts of one to four events each, chosen
/// by `choose` over the slider widgets named `labels`.
pub fn run_schedule(
    seed: u64,
    fast_reruns: bool,
    page: fn(Sched) -> Page,
    labels: &'static [&'static str],
    choose: Choose,
) -> Outcome {
    run_schedule_with(seed, fast_reruns, page, labels, choose, None)
}

/// [`run_schedule`], with the UI drawing [`Frames`] when given.
pub fn run_schedule_with(
    seed: u64,
    fast_reruns: bool,
    page: fn(Sched) -> Page,
    labels: &'static [&'static str],
    choose: Choose,
    frames: Option<Frames>,
) -> Outcome {
    let (tx, rx) = mpsc::channel();
    let sched = Sched {
        tx,
        free: Arc::new(AtomicBool::new(false)),
    };
    let (check_tx, check_rx) = mpsc::channel::<()>();
    let (outcome_tx, outcome_rx) = mpsc::channel();

    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let bursts = 1 + rng.below(4);
    let ui_sched = sched.clone();
    let ui_seed = rng.0;
    let ui = std::thread::Builder::new()
        .name("ui".to_owned())
        .spawn(move || {
            let hook_sched = ui_sched.clone();
            let options = RunnerOptions {
                fast_reruns,
                sync: Some(Arc::new(move |p| {
                    hook_sched.arrive(who_am_i(), Point::Runner(p));
                })),
                ..RunnerOptions::default()
            };
            let session = Session::new(vec![page(ui_sched.clone())], SessionOptions::default());
            let runner = Runner::spawn(session, options, Arc::new(|| {})).unwrap();
            ui_sched.arrive(Who::Ui, Point::UiStart);
            let ids: Vec<_> = labels
                .iter()
                .map(|label| {
                    runner
                        .published()
                        .tree
                        .widgets()
                        .find(|w| w.label == *label)
                        .unwrap()
                        .id
                        .clone()
                })
                .collect();
            let mut rng = Rng(ui_seed);
            let mut last_sent = vec![0; labels.len()];
            let mut drawn = 0;
            let mut refused = None;
            // The state the last frame drew: a window holds it until its
            // next frame, so the script thread meets trees still in use.
            let mut held: Option<Arc<Published>> = None;
            let mut frame = |refused: &mut Option<String>| {
                ui_sched.arrive(Who::Ui, Point::Frame);
                let p = runner.published();
                if let Some(f) = frames
                    && let Err(e) = (f.observe)(&p)
                {
                    refused.get_or_insert(e);
                }
                if p.running {
                    runner.frame_drawn();
                }
                held = Some(p);
                drawn += 1;
            };
            for _ in 0..bursts {
                for _ in 0..1 + rng.below(4) {
                    if frames.is_some() {
                        for _ in 0..rng.below(3) {
                            frame(&mut refused);
                        }
                    }
                    let events = match choose(&mut rng) {
                        None => vec![Event::Rerun],
                        Some(w) => {
                            last_sent[w] = i64::try_from(1 + rng.below(1000)).unwrap();
                            vec![Event::SetValue {
                                id: ids[w].clone(),
                                value: WidgetValue::Int(last_sent[w]),
                            }]
                        }
                    };
                    runner.send(events);
                }
            }
            ui_sched.tell(Who::Ui, Point::UiDone);
            if frames.is_some() {
                // Frames go on until the scheduler finds everything settled.
                while check_rx.try_recv().is_err() {
                    frame(&mut refused);
                }
            } else {
                check_rx.recv().unwrap();
            }
            let p = runner.published();
            if let Some(f) = frames
                && let Err(e) = (f.observe)(&p)
            {
                refused.get_or_insert(e);
            }
            outcome_tx
                .send(Outcome {
                    running: p.running,
                    last_end: p.last_end,
                    texts: texts(&p.tree),
                    last_sent,
                    tree: p.tree.clone(),
                    frames: drawn,
                    refused,
                })
                .unwrap();
            drop(runner);
        })
        .unwrap();

    // The scheduler.
    let mut parked: HashMap<Who, Parked> = HashMap::new();
    let mut ui_done = false;
    let (mut queued, mut taken) = (0_u64, 0_u64);
    let mut pick = Rng(seed | 1);
    let receive = |parked: &mut HashMap<Who, Parked>,
                   ui_done: &mut bool,
                   queued: &mut u64,
                   taken: &mut u64,
                   rx: &Receiver<(Who, Point, Option<Sender<()>>)>| {
        let (who, point, go) = rx
            .recv_timeout(STUCK)
            .unwrap_or_else(|_| panic!("seed {seed}: a thread is stuck between sync points"));
        match point {
            Point::UiDone => *ui_done = true,
            Point::Runner(SyncPoint::Queued(seq)) => *queued = (*queued).max(seq),
            Point::Runner(SyncPoint::Took(seq)) => *taken = (*taken).max(seq),
            _ => {}
        }
        if let Some(go) = go {
            parked.insert(who, Parked { point, go });
        }
    };
    // Drawing frames, the UI stays a live thread after its last send.
    let ui_parks = |ui_done: bool| !ui_done || frames.is_some();
    loop {
        // Wait until every live thread is parked (the UI may be done).
        while !(parked.contains_key(&Who::Script)
            && (!ui_parks(ui_done) || parked.contains_key(&Who::Ui)))
        {
            receive(&mut parked, &mut ui_done, &mut queued, &mut taken, &rx);
        }
        let script_idle = parked[&Who::Script].point == Point::Runner(SyncPoint::Idle);
        let nothing_pending = queued <= taken;
        let mut movable = Vec::new();
        let settled = ui_done && script_idle && nothing_pending;
        if let Some(p) = parked.get(&Who::Ui) {
            // The UI starts sending once the first run has settled; its
            // frames after its last send stop once everything has.
            if (p.point != Point::UiStart || (script_idle && nothing_pending)) && !settled {
                movable.push(Who::Ui);
            }
        }
        // An idle script thread only moves when a command waits for it
        // (otherwise it would block in `recv`, outside the scheduler).
        if !script_idle || !nothing_pending {
            movable.push(Who::Script);
        }
        if movable.is_empty() {
            break; // quiescent: the UI is done and nothing is left to take
        }
        let who = movable[pick.below(movable.len())];
        let Parked { go, .. } = parked.remove(&who).unwrap();
        go.send(()).unwrap();
    }

    // Check, then let every thread run freely to shut down.
    check_tx.send(()).unwrap();
    if let Some(Parked { go, .. }) = parked.remove(&Who::Ui) {
        go.send(()).unwrap(); // a UI drawing frames reads the check now
    }
    let outcome = outcome_rx
        .recv_timeout(STUCK)
        .unwrap_or_else(|_| panic!("seed {seed}: the UI thread did not report"));
    sched.free.store(true, Ordering::SeqCst);
    for (_, p) in parked.drain() {
        let _ = p.go.send(());
    }
    // Late arrivals (shutdown passes through points once more).
    let drain = std::thread::Builder::new()
        .name("drain".to_owned())
        .spawn(move || {
            while let Ok((_, _, go)) = rx.recv() {
                if let Some(go) = go {
                    let _ = go.send(());
                }
            }
        })
        .unwrap();
    ui.join().unwrap();
    drop(sched);
    let _ = drain.join();
    outcome
}
