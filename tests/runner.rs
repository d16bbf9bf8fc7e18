//! The runner on its script thread: interruption (EX-11), queuing when
//! fast_reruns is off (EX-12), publishing, and saving state. Synchronised
//! with channels, never with sleeps.
#![allow(clippy::unwrap_used)] // tests may unwrap (STYLE.md)

use std::collections::BTreeMap;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use brook::prelude::*;
use brook::runner::{Persister, Published, Runner, RunnerOptions};
use brook::session::{Page, RunEnd, Session, SessionOptions};
use brook::tree::{Element, Event, WidgetValue};

#[path = "support/sync.rs"]
mod sync;
use sync::{WAIT, wait_for};

/// Blocks the page at value 1 until the test releases it.
struct Gate {
    entered: Mutex<Sender<()>>,
    release: Mutex<Receiver<()>>,
}

fn texts(p: &Published) -> Vec<String> {
    p.tree
        .walk()
        .filter_map(|n| match &n.element {
            Element::Text { body } => Some(body.clone()),
            _ => None,
        })
        .collect()
}

/// Spawns `pages` on a runner whose waker signals the returned receiver.
fn spawn(pages: Vec<Page>, options: RunnerOptions) -> (Runner, Receiver<()>) {
    let (wake_tx, wakes) = mpsc::channel();
    let wake_tx = Mutex::new(wake_tx);
    let runner = Runner::spawn(
        Session::new(pages, SessionOptions::default()),
        options,
        Arc::new(move || {
            let _ = wake_tx.lock().unwrap().send(());
        }),
    )
    .unwrap();
    (runner, wakes)
}

fn gated_runner(fast_reruns: bool) -> (Runner, Receiver<()>, Receiver<()>, Sender<()>) {
    let (entered_tx, entered_rx) = mpsc::channel();
    let (release_tx, release_rx) = mpsc::channel();
    let gate = Arc::new(Gate {
        entered: Mutex::new(entered_tx),
        release: Mutex::new(release_rx),
    });
    let page = Page::new("main", move |st: &mut St| {
        st.state().init("log", Vec::<String>::new);
        let v = st.add(Slider::new("x", 0..=10).key("x"));
        st.state()
            .update("log", |l: &mut Vec<String>| l.push(format!("start {v}")))
            .unwrap();
        if v == 1 {
            gate.entered.lock().unwrap().send(()).unwrap();
            gate.release.lock().unwrap().recv().unwrap();
        }
        // The next St call is a checkpoint (EX-11).
        st.state()
            .update("log", |l: &mut Vec<String>| l.push(format!("end {v}")))
            .unwrap();
        let log: Vec<String> = st.state().get("log").unwrap();
        st.text(log.join(","));
    });
    let options = RunnerOptions {
        fast_reruns,
        ..RunnerOptions::default()
    };
    let (runner, wake_rx) = spawn(vec![page], options);
    (runner, wake_rx, entered_rx, release_tx)
}

fn set_x(runner: &Runner, v: i64) {
    let id = runner
        .published()
        .tree
        .widgets()
        .find(|w| w.label == "x")
        .unwrap()
        .id
        .clone();
    runner.send(vec![Event::SetValue {
        id,
        value: WidgetValue::Int(v),
    }]);
}

#[test]
fn a_newer_event_interrupts_the_run_at_its_next_checkpoint() {
    // EX-11 (fastReruns): the run at x=1 never reaches "end 1".
    let (runner, wakes, entered, release) = gated_runner(true);
    wait_for(&runner, &wakes, |p| {
        !p.running && p.last_end == Some(RunEnd::Completed)
    });
    set_x(&runner, 1);
    entered.recv_timeout(WAIT).unwrap();
    assert!(runner.published().running, "the running indicator is on");
    set_x(&runner, 2);
    release.send(()).unwrap();
    let p = wait_for(&runner, &wakes, |p| {
        !p.running && texts(p).iter().any(|t| t.contains("end 2"))
    });
    assert_eq!(texts(&p), ["start 0,end 0,start 1,start 2,end 2"]);
}

#[test]
fn with_fast_reruns_off_events_wait_for_the_run_to_end() {
    // EX-12: the run at x=1 completes, then x=2 runs.
    let (runner, wakes, entered, release) = gated_runner(false);
    wait_for(&runner, &wakes, |p| {
        !p.running && p.last_end == Some(RunEnd::Completed)
    });
    set_x(&runner, 1);
    entered.recv_timeout(WAIT).unwrap();
    set_x(&runner, 2);
    release.send(()).unwrap();
    let p = wait_for(&runner, &wakes, |p| {
        !p.running && texts(p).iter().any(|t| t.contains("end 2"))
    });
    assert_eq!(texts(&p), ["start 0,end 0,start 1,end 1,start 2,end 2"]);
}

#[derive(Clone, Default)]
struct MemoryPersister(Arc<Mutex<Option<BTreeMap<String, String>>>>);

impl Persister for MemoryPersister {
    fn load(&self) -> brook::Result<Option<BTreeMap<String, String>>> {
        Ok(self.0.lock().unwrap().clone())
    }
    fn save(&self, values: &BTreeMap<String, String>) -> brook::Result<()> {
        *self.0.lock().unwrap() = Some(values.clone());
        Ok(())
    }
    fn clear(&self) -> brook::Result<()> {
        *self.0.lock().unwrap() = None;
        Ok(())
    }
}

fn counting_runner(store: &MemoryPersister) -> (Runner, Receiver<()>) {
    let page = Page::new("main", |st: &mut St| -> brook::Result<()> {
        st.state().init("count", || 0_i64);
        if st.button("add") {
            st.state().update("count", |n: &mut i64| *n += 1)?;
        }
        let n: i64 = st.state().get("count")?;
        st.text(format!("count={n}"));
        Ok(())
    });
    let (runner, wake_rx) = spawn(
        vec![page],
        RunnerOptions {
            persister: Some(Box::new(store.clone())),
            ..RunnerOptions::default()
        },
    );
    (runner, wake_rx)
}

#[test]
fn state_is_saved_on_shutdown_and_restored_at_the_next_start() {
    // departure 7
    let store = MemoryPersister::default();
    let (mut runner, wakes) = counting_runner(&store);
    wait_for(&runner, &wakes, |p| texts(p) == ["count=0"]);
    let id = runner.published().tree.widgets().next().unwrap().id.clone();
    runner.send(vec![Event::Click { id }]);
    wait_for(&runner, &wakes, |p| texts(p) == ["count=1"]);
    runner.shutdown(WAIT);
    assert_eq!(store.0.lock().unwrap().as_ref().unwrap()["count"], "1");

    let (runner, wakes) = counting_runner(&store);
    wait_for(&runner, &wakes, |p| texts(p) == ["count=1"]);
    runner.reset_session();
    wait_for(&runner, &wakes, |p| texts(p) == ["count=0"]);
}

/// Saves like [`MemoryPersister`], but a save of `count = 1` waits until the
/// test releases it, and every finished save is logged.
struct SlowPersister {
    store: MemoryPersister,
    log: Arc<Mutex<Vec<&'static str>>>,
    entered: Mutex<Sender<()>>,
    release: Mutex<Receiver<()>>,
}

impl Persister for SlowPersister {
    fn load(&self) -> brook::Result<Option<BTreeMap<String, String>>> {
        self.store.load()
    }
    fn save(&self, values: &BTreeMap<String, String>) -> brook::Result<()> {
        if values.get("count").map(String::as_str) == Some("1") {
            self.entered.lock().unwrap().send(()).unwrap();
            self.release.lock().unwrap().recv().unwrap();
        }
        self.store.save(values)?;
        self.log.lock().unwrap().push("saved");
        Ok(())
    }
    fn clear(&self) -> brook::Result<()> {
        self.store.clear()
    }
}

#[test]
fn a_clean_close_waits_for_a_slow_final_save() {
    // Issue 9: with a 31 MB state the final save took 2.6 s, the runner
    // gave it 2 s, and the process exited mid-write: the last runs were
    // lost. An idle runner now waits for the save however long it takes.
    let store = MemoryPersister::default();
    let log = Arc::new(Mutex::new(Vec::new()));
    let (entered_tx, entered) = mpsc::channel();
    let (release, release_rx) = mpsc::channel();
    let persister = SlowPersister {
        store: store.clone(),
        log: log.clone(),
        entered: Mutex::new(entered_tx),
        release: Mutex::new(release_rx),
    };
    let page = Page::new("main", |st: &mut St| -> brook::Result<()> {
        st.state().init("count", || 0_i64);
        if st.button("add") {
            st.state().update("count", |n: &mut i64| *n += 1)?;
        }
        let n: i64 = st.state().get("count")?;
        st.text(format!("count={n}"));
        Ok(())
    });
    let (mut runner, wakes) = spawn(
        vec![page],
        RunnerOptions {
            persister: Some(Box::new(persister)),
            // Only the final save writes `count = 1`.
            save_debounce: Duration::from_secs(3600),
            ..RunnerOptions::default()
        },
    );
    wait_for(&runner, &wakes, |p| !p.running && texts(p) == ["count=0"]);
    let id = runner.published().tree.widgets().next().unwrap().id.clone();
    runner.send(vec![Event::Click { id }]);
    wait_for(&runner, &wakes, |p| !p.running && texts(p) == ["count=1"]);

    let closer_log = log.clone();
    let closer = std::thread::Builder::new()
        .name("closer".to_owned())
        .spawn(move || {
            // Even with no patience at all for a running page, an idle one is
            // saved completely.
            runner.shutdown(Duration::ZERO);
            closer_log.lock().unwrap().push("closed");
        })
        .unwrap();
    entered.recv_timeout(WAIT).unwrap(); // the final save is being written
    release.send(()).unwrap();
    closer.join().unwrap();
    let log = log.lock().unwrap().clone();
    assert_eq!(log.last().copied(), Some("closed"), "{log:?}");
    assert_eq!(log[log.len() - 2], "saved", "{log:?}");
    assert_eq!(store.0.lock().unwrap().as_ref().unwrap()["count"], "1");
}

/// A persister whose every save fails the same way (a full disk).
struct FailingPersister;

impl Persister for FailingPersister {
    fn load(&self) -> brook::Result<Option<BTreeMap<String, String>>> {
        Ok(None)
    }
    fn save(&self, _values: &BTreeMap<String, String>) -> brook::Result<()> {
        Err(brook::Error::Io {
            action: "cannot save the session state".to_owned(),
            path: "/full/disk/session_state.ron".to_owned(),
            reason: "No space left on device".to_owned(),
        })
    }
    fn clear(&self) -> brook::Result<()> {
        Ok(())
    }
}

#[test]
fn a_save_that_keeps_failing_the_same_way_is_shown_once() {
    // Issue 9: the same notice was added again after every run.
    let page = Page::new("main", |st: &mut St| {
        let n = st.add(Slider::new("x", 0..=10).key("x"));
        st.text(format!("x={n}"));
    });
    let (runner, wakes) = spawn(
        vec![page],
        RunnerOptions {
            persister: Some(Box::new(FailingPersister)),
            save_debounce: Duration::ZERO,
            ..RunnerOptions::default()
        },
    );
    wait_for(&runner, &wakes, |p| !p.running && p.last_end.is_some());
    for v in 1..=3 {
        set_x(&runner, v);
        let text = format!("x={v}");
        // Each run changes the state, and its save fails.
        wait_for(&runner, &wakes, |p| {
            !p.running && texts(p) == [text.as_str()] && !p.notices.is_empty()
        });
    }
    let notices = runner.published().notices.clone();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].contains("No space left on device"),
        "{notices:?}"
    );
}

#[test]
fn persist_session_state_off_keeps_state_in_memory_only() {
    // runner.persist_session_state (issue 5, item 3)
    let off = brook::config::Config::default()
        .with("runner.persist_session_state", "false")
        .unwrap();
    let store = MemoryPersister::default();
    assert!(
        RunnerOptions::from_config(&off, Some(Box::new(store.clone())))
            .persister
            .is_none()
    );
    let on = brook::config::Config::default();
    assert!(
        RunnerOptions::from_config(&on, Some(Box::new(store)))
            .persister
            .is_some()
    );
    let slow = brook::config::Config::default()
        .with("runner.fastReruns", "off")
        .unwrap();
    assert!(!RunnerOptions::from_config(&slow, None).fast_reruns);
}

#[test]
fn spinner_text_set_during_a_run_is_published_live() {
    // CA-15 / EX-14: the running indicator shows the spinner's text.
    let (entered_tx, entered_rx) = mpsc::channel::<()>();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let entered_tx = Mutex::new(entered_tx);
    let release_rx = Mutex::new(release_rx);
    let page = Page::new("main", move |st: &mut St| {
        if st.button("work") {
            let _spinner = brook::runtime::spinner("Crunching numbers");
            entered_tx.lock().unwrap().send(()).unwrap();
            release_rx.lock().unwrap().recv().unwrap();
        }
        st.text("idle");
    });
    let (runner, wakes) = spawn(vec![page], RunnerOptions::default());
    wait_for(&runner, &wakes, |p| texts(p) == ["idle"] && !p.running);
    let id = runner.published().tree.widgets().next().unwrap().id.clone();
    runner.send(vec![Event::Click { id }]);
    entered_rx.recv_timeout(WAIT).unwrap();
    let p = runner.published();
    assert!(p.running);
    assert_eq!(p.status, ["Crunching numbers"]);
    release_tx.send(()).unwrap();
    let p = wait_for(&runner, &wakes, |p| !p.running);
    assert!(p.status.is_empty());
}

#[test]
fn deferred_values_reach_the_page_with_the_next_run_and_start_none() {
    // EL-1 on_change = "ignore": the value waits; the next rerun carries it.
    let page = Page::new("main", |st: &mut St| {
        st.state().init("runs", || 0_i64);
        st.state().update("runs", |n: &mut i64| *n += 1).unwrap();
        let v = st.add(Slider::new("x", 0..=10).rerun_on_change(false));
        let runs: i64 = st.state().get("runs").unwrap();
        st.text(format!("x={v} runs={runs}"));
    });
    let (runner, wakes) = spawn(vec![page], RunnerOptions::default());
    wait_for(&runner, &wakes, |p| {
        texts(p) == ["x=0 runs=1"] && !p.running
    });
    let id = runner.published().tree.widgets().next().unwrap().id.clone();
    runner.defer(vec![Event::SetValue {
        id,
        value: WidgetValue::Int(4),
    }]);
    runner.send(vec![Event::Rerun]);
    // One run (not two): deferring woke nothing, the rerun carried the value.
    wait_for(&runner, &wakes, |p| {
        texts(p) == ["x=4 runs=2"] && !p.running
    });
}

#[test]
fn a_large_page_takes_every_event_while_it_drops_the_tree_it_replaced() {
    // A page this large has its replaced tree dropped a moment after each
    // publication (so that the window is not kept from the new one); an
    // event that comes meanwhile must run as any other (EX-3).
    let page = Page::new("main", |st: &mut St| {
        let x = st.add(Slider::new("x", 0..=10).key("x"));
        st.text(format!("x={x}"));
        for i in 0..600 {
            st.text(format!("row {i}"));
        }
    });
    let (runner, wakes) = spawn(vec![page], RunnerOptions::default());
    wait_for(&runner, &wakes, |p| !p.running && p.generation > 0);
    for v in 1..=5 {
        set_x(&runner, v);
    }
    let done = |p: &Published| !p.running && texts(p).first().map(String::as_str) == Some("x=5");
    let p = wait_for(&runner, &wakes, done);
    assert_eq!(texts(&p).len(), 601);
    // After a pause (the replaced tree dropped by then), the next event too.
    set_x(&runner, 7);
    let p = wait_for(&runner, &wakes, |p| {
        !p.running && texts(p).first().map(String::as_str) == Some("x=7")
    });
    assert_eq!(texts(&p)[600], "row 599");
}
