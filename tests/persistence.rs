//! Session state that cannot be saved is reported, never dropped in silence
//! (issue 9), and error texts name types as the user spells them.
#![allow(clippy::unwrap_used)] // tests may unwrap (STYLE.md)

use std::collections::BTreeMap;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use brook::Error;
use brook::prelude::*;
use brook::runner::{Persister, Published, Runner, RunnerOptions};
use brook::session::{Page, Session, SessionOptions};
use brook::testing::AppTest;

const WAIT: Duration = Duration::from_secs(20);

/// A linked list: one level of nesting per node.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Node {
    value: i64,
    next: Option<Box<Node>>,
}

fn list(len: i64) -> Option<Box<Node>> {
    (0..len)
        .rev()
        .fold(None, |next, value| Some(Box::new(Node { value, next })))
}

#[test]
fn a_value_nested_too_deep_to_save_is_reported_with_key_type_and_reason() {
    // `to_ron` used to swallow the error and the key vanished from the save.
    let mut state = SessionState::new();
    state.try_set("short", list(10)).unwrap();
    state.try_set("long", list(300)).unwrap();
    state.try_set("n", 1_i64).unwrap();
    let export = state.export();
    assert_eq!(
        export.values.keys().collect::<Vec<_>>(),
        ["n", "short"],
        "the short list and the number are saved"
    );
    assert_eq!(export.unsaved.len(), 1, "{:?}", export.unsaved);
    let Error::Unsaved {
        key,
        type_name,
        reason,
    } = &export.unsaved[0]
    else {
        panic!("{:?}", export.unsaved)
    };
    assert_eq!(key, "long");
    assert_eq!(type_name, "Option<Box<Node>>");
    assert!(
        reason.contains("nested more than 128 levels deep"),
        "{reason}"
    );
    let text = export.unsaved[0].to_string();
    assert!(
        text.contains("\"long\"") && text.contains("next start"),
        "{text}"
    );
}

/// Session state in memory; every save is signalled.
#[derive(Clone)]
struct MemoryPersister {
    saved: Arc<Mutex<Option<BTreeMap<String, String>>>>,
    saves: Arc<Mutex<mpsc::Sender<()>>>,
}

impl Persister for MemoryPersister {
    fn load(&self) -> brook::Result<Option<BTreeMap<String, String>>> {
        Ok(self.saved.lock().unwrap().clone())
    }
    fn save(&self, values: &BTreeMap<String, String>) -> brook::Result<()> {
        *self.saved.lock().unwrap() = Some(values.clone());
        let _ = self.saves.lock().unwrap().send(());
        Ok(())
    }
    fn clear(&self) -> brook::Result<()> {
        *self.saved.lock().unwrap() = None;
        Ok(())
    }
}

fn wait_for(runner: &Runner, wakes: &Receiver<()>, pred: impl Fn(&Published) -> bool) {
    while !pred(&runner.published()) {
        wakes
            .recv_timeout(WAIT)
            .expect("the runner published nothing new");
    }
}

#[test]
fn the_window_says_which_value_was_not_saved_once() {
    let (saves_tx, saves) = mpsc::channel();
    let store = MemoryPersister {
        saved: Arc::default(),
        saves: Arc::new(Mutex::new(saves_tx)),
    };
    let page = Page::new("main", |st: &mut St| {
        st.state().init("list", || list(500));
        st.state().init("n", || 7_i64);
        // Every run changes the state, so every run is saved.
        st.state().init("runs", || 0_i64);
        st.state().update("runs", |n: &mut i64| *n += 1).unwrap();
        st.text("ready");
    });
    let (wake_tx, wakes) = mpsc::channel();
    let wake_tx = Mutex::new(wake_tx);
    let mut runner = Runner::spawn(
        Session::new(vec![page], SessionOptions::default()),
        RunnerOptions {
            persister: Some(Box::new(store.clone())),
            save_debounce: Duration::ZERO,
            ..RunnerOptions::default()
        },
        Arc::new(move || {
            let _ = wake_tx.lock().unwrap().send(());
        }),
    )
    .unwrap();
    wait_for(&runner, &wakes, |p| !p.notices.is_empty());
    saves.recv_timeout(WAIT).unwrap();
    for _ in 0..3 {
        runner.send(vec![brook::tree::Event::Rerun]);
        saves.recv_timeout(WAIT).unwrap();
    }
    let notices = runner.published().notices.clone();
    assert_eq!(notices.len(), 1, "once, not once per save: {notices:?}");
    assert!(
        notices[0].contains("\"list\"")
            && notices[0].contains("Option<Box<Node>>")
            && notices[0].contains("cannot be saved"),
        "{notices:?}"
    );
    runner.shutdown(WAIT);
    let saved = store.saved.lock().unwrap().clone().unwrap();
    assert_eq!(
        saved.get("n").map(String::as_str),
        Some("7"),
        "the rest is saved"
    );
    assert_eq!(saved.get("runs").map(String::as_str), Some("4"));
}

#[test]
fn st_exception_shows_the_concrete_error_type() {
    // It used to show `dyn core::error::Error` for every error.
    let mut at = AppTest::new(|st: &mut St| {
        if let Err(e) = "x".parse::<i64>() {
            st.exception(&e);
        }
        let io = std::io::Error::other("disk on fire");
        st.exception(&io);
    });
    at.run();
    let types: Vec<&str> = at
        .exceptions()
        .iter()
        .map(|e| e.type_name.as_str())
        .collect();
    assert_eq!(types, ["ParseIntError", "io::Error"]);
}

#[test]
fn a_page_error_names_its_type_as_the_user_wrote_it() {
    // It said `alloc::string::String` where the page returned `Result<(), String>`.
    let mut at = AppTest::new(|_: &mut St| -> Result<(), String> { Err("no data".into()) });
    at.run();
    assert_eq!(at.exceptions()[0].type_name, "String");

    let mut at = AppTest::new(|st: &mut St| -> brook::Result<()> {
        st.state().set("v", vec![1_i64]);
        st.state().get::<Vec<String>>("v")?;
        Ok(())
    });
    at.run();
    let message = &at.exceptions()[0].message;
    assert!(
        message.contains("holds a `Vec<i64>`, not the requested `Vec<String>`"),
        "{message}"
    );
}
