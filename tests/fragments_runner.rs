//! Fragments on the real runner: scheduling (FR-6) and `run_every` timers
//! (FR-7). Synchronised with channels (a gate the page waits at), never
//! with sleeps.
#![allow(clippy::unwrap_used)] // tests may unwrap (STYLE.md)

use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use brook::prelude::*;
use brook::runner::{Published, Runner, RunnerOptions};
use brook::session::{Page, RunEnd, Session, SessionOptions};
use brook::tree::{Element, Event, WidgetValue};

#[path = "support/sync.rs"]
mod sync;
use sync::{Gate, WAIT, wait_for};

fn log(st: &mut St, line: String) {
    st.state().init("log", Vec::<String>::new);
    st.state()
        .update("log", |l: &mut Vec<String>| l.push(line))
        .unwrap();
}

/// The newest log on screen: the page and each fragment end with one.
fn the_log(p: &Published) -> String {
    p.tree
        .walk()
        .filter_map(|n| match &n.element {
            Element::Text { body } if body.starts_with("log:") => Some(body.clone()),
            _ => None,
        })
        .max_by_key(String::len)
        .unwrap_or_default()
}

fn show_log(st: &mut St) {
    let lines: Vec<String> = st.state().get("log").unwrap();
    st.text(format!("log: {}", lines.join(",")));
}

fn spawn(page: Page, fast_reruns: bool) -> (Runner, Receiver<()>) {
    let (wake_tx, wakes) = mpsc::channel();
    let wake_tx = Mutex::new(wake_tx);
    let runner = Runner::spawn(
        Session::new(vec![page], SessionOptions::default()),
        RunnerOptions {
            fast_reruns,
            ..RunnerOptions::default()
        },
        Arc::new(move || {
            let _ = wake_tx.lock().unwrap().send(());
        }),
    )
    .unwrap();
    (runner, wakes)
}

fn set(runner: &Runner, label: &str, v: i64) {
    let id = runner
        .published()
        .tree
        .widgets()
        .find(|w| w.label == label)
        .unwrap()
        .id
        .clone();
    runner.send(vec![Event::SetValue {
        id,
        value: WidgetValue::Int(v),
    }]);
}

/// A page whose full run waits at the gate when x == 1, and two fragments
/// whose runs wait at the gate when their slider is 1. The log shows which
/// runs started and which reached their end (past a checkpoint).
fn gated_page(gate: Gate) -> Page {
    Page::new("main", move |st: &mut St| {
        let x = st.add(Slider::new("x", 0..=10_i64).key("x"));
        log(st, format!("page {x}"));
        if x == 1 {
            gate.wait();
        }
        log(st, format!("page end {x}"));
        for name in ["f", "g"] {
            let gate = gate.clone();
            st.add(
                Fragment::new(move |st| {
                    let v = st.add(Slider::new(name, 0..=10_i64).key(name));
                    log(st, format!("{name} {v}"));
                    if v == 1 {
                        gate.wait();
                    }
                    log(st, format!("{name} end {v}"));
                    show_log(st);
                })
                .key(format!("frag_{name}")),
            );
        }
        show_log(st);
    })
}

fn settled(p: &Published) -> bool {
    !p.running && p.last_end == Some(RunEnd::Completed)
}

#[test]
fn a_fragment_event_never_interrupts_a_full_run_and_runs_after_it() {
    // FR-6 (with fastReruns on).
    let (gate, entered, release) = Gate::armed(1);
    let (runner, wakes) = spawn(gated_page(gate), true);
    wait_for(&runner, &wakes, settled);
    set(&runner, "x", 1);
    entered.recv_timeout(WAIT).unwrap();
    set(&runner, "f", 5);
    set(&runner, "f", 6); // queued requests for one fragment: one run
    release.send(()).unwrap();
    let p = wait_for(&runner, &wakes, |p| {
        settled(p) && the_log(p).contains("f end 6")
    });
    // The full run reached its end; then the fragment ran, once.
    assert_eq!(
        the_log(&p),
        "log: page 0,page end 0,f 0,f end 0,g 0,g end 0,\
         page 1,page end 1,f 0,f end 0,g 0,g end 0,f 6,f end 6"
    );
}

#[test]
fn a_newer_event_for_the_running_fragment_interrupts_it() {
    // FR-6: "a fragment run can be interrupted by a newer event for the
    // same fragment".
    let (gate, entered, release) = Gate::armed(1);
    let (runner, wakes) = spawn(gated_page(gate), true);
    wait_for(&runner, &wakes, settled);
    set(&runner, "f", 1);
    entered.recv_timeout(WAIT).unwrap();
    set(&runner, "f", 2);
    release.send(()).unwrap();
    let p = wait_for(&runner, &wakes, |p| the_log(p).contains("f end 2"));
    let log = the_log(&p);
    assert!(log.ends_with(",f 1,f 2,f end 2"), "{log}");
    assert!(!log.contains("page 1"), "no full run: {log}");
}

#[test]
fn an_event_for_another_fragment_waits_for_the_running_one() {
    // FR-6: requests for other fragments queue.
    let (gate, entered, release) = Gate::armed(1);
    let (runner, wakes) = spawn(gated_page(gate), true);
    wait_for(&runner, &wakes, settled);
    set(&runner, "f", 1);
    entered.recv_timeout(WAIT).unwrap();
    set(&runner, "g", 4);
    release.send(()).unwrap();
    let p = wait_for(&runner, &wakes, |p| the_log(p).contains("g end 4"));
    let log = the_log(&p);
    assert!(log.ends_with(",f 1,f end 1,g 4,g end 4"), "{log}");
}

#[test]
fn a_full_event_interrupts_a_fragment_run() {
    // EX-11: a full-app request stops whatever runs; it absorbs the
    // fragment's run (FR-6).
    let (gate, entered, release) = Gate::armed(1);
    let (runner, wakes) = spawn(gated_page(gate), true);
    wait_for(&runner, &wakes, settled);
    set(&runner, "f", 1);
    entered.recv_timeout(WAIT).unwrap();
    set(&runner, "x", 3);
    release.send(()).unwrap();
    let p = wait_for(&runner, &wakes, |p| {
        settled(p) && the_log(p).contains("page end 3")
    });
    let log = the_log(&p);
    // The fragment run stopped at its checkpoint; the full run followed.
    assert!(log.contains(",f 1,page 3,page end 3,f 1,f end 1,"), "{log}");
}

#[test]
fn run_every_ticks_rerun_the_fragment_on_the_script_thread() {
    // FR-7: the runner wakes itself for a tick (no input at all), runs only
    // the fragment, and publishes a settled tree.
    let page = Page::new("main", |st: &mut St| {
        log(st, "page".to_owned());
        st.add(
            Fragment::new(|st| {
                log(st, "tick".to_owned());
                let lines: Vec<String> = st.state().get("log").unwrap();
                st.text(format!("log: {}", lines.join(",")));
            })
            .run_every(Duration::from_millis(5)),
        );
    });
    let (runner, wakes) = spawn(page, true);
    let p = wait_for(&runner, &wakes, |p| the_log(p).matches("tick").count() >= 4);
    assert!(!p.running, "a tick publishes its finished tree only");
    assert_eq!(the_log(&p).matches("page").count(), 1, "no full run");
}

#[test]
fn closing_a_dialog_publishes_once_without_it() {
    // The window hides a dialog the user closed until a settled newer tree
    // says what became of it: the first one must not show it again.
    let page = Page::new("main", |st: &mut St| {
        st.text("behind");
        st.dialog("Hello", |st| st.text("inside"));
    });
    let (runner, wakes) = spawn(page, true);
    let p = wait_for(&runner, &wakes, |p| {
        settled(p)
            && p.tree
                .walk()
                .any(|n| matches!(&n.element, Element::Dialog(d) if d.open))
    });
    let id = p
        .tree
        .walk()
        .find_map(|n| match &n.element {
            Element::Dialog(d) => Some(d.fragment.clone()),
            _ => None,
        })
        .unwrap();
    while wakes.try_recv().is_ok() {}
    let before = runner.published().generation;
    runner.send(vec![Event::CloseDialog(id)]);
    wakes.recv_timeout(WAIT).unwrap();
    let p = runner.published();
    assert_eq!(p.generation, before + 1);
    assert!(!p.running);
    assert!(
        !p.tree
            .walk()
            .any(|n| matches!(&n.element, Element::Dialog(d) if d.open))
    );
}
