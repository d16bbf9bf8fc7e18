//! The window's side of the hand-over, against a fake supervisor on a
//! loopback socket: freeze saves the state and answers with the window,
//! resume runs the page again from what was saved, status reaches the bar.

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Lines, Write as _};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::child::{DevChild, DevRunner};
use super::diagnostics::Diagnostic;
use super::protocol::{DevStatus, FromChild, ToChild};
use crate::app::Backend as _;
use crate::runner::{Persister, Runner, RunnerOptions, Waker};
use crate::session::{Page, Session, SessionOptions};
use crate::st::St;

const PATIENCE: Duration = Duration::from_secs(30);

#[derive(Clone, Default)]
struct Memory(Arc<Mutex<Option<BTreeMap<String, String>>>>);

impl Persister for Memory {
    fn load(&self) -> crate::Result<Option<BTreeMap<String, String>>> {
        Ok(self.0.lock().unwrap().clone())
    }
    fn save(&self, values: &BTreeMap<String, String>) -> crate::Result<()> {
        *self.0.lock().unwrap() = Some(values.clone());
        Ok(())
    }
    fn clear(&self) -> crate::Result<()> {
        *self.0.lock().unwrap() = None;
        Ok(())
    }
}

fn counter(st: &mut St) -> crate::Result<()> {
    st.state().init("runs", || 0_i64);
    st.state().update("runs", |n: &mut i64| *n += 1)?;
    let n: i64 = st.state().get("runs")?;
    st.text(format!("runs: {n}"));
    Ok(())
}

fn runner(memory: &Memory, waker: Waker) -> crate::Result<Runner> {
    let session = Session::new(
        vec![Page::new("Counter", counter)],
        SessionOptions::default(),
    );
    let options = RunnerOptions {
        persister: Some(Box::new(memory.clone())),
        ..RunnerOptions::default()
    };
    Runner::spawn(session, options, waker)
}

/// A waker and the channel it rings.
fn bell() -> (Waker, mpsc::Receiver<()>) {
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    (
        Arc::new(move || {
            let _ = tx.lock().unwrap().send(());
        }),
        rx,
    )
}

/// Waits (bounded) until the runner has finished a run.
fn settled(dev: &DevRunner, rings: &mpsc::Receiver<()>) {
    while dev.published().last_end.is_none() || dev.published().running {
        rings.recv_timeout(PATIENCE).expect("the page runs");
    }
}

fn read(lines: &mut Lines<BufReader<TcpStream>>) -> FromChild {
    let line = lines.next().expect("a line").expect("readable");
    serde_json::from_str(&line).expect("a message")
}

fn tell(sup: &mut TcpStream, message: &ToChild) {
    let mut line = serde_json::to_string(message).unwrap();
    line.push('\n');
    sup.write_all(line.as_bytes()).unwrap();
}

/// A connected window and its fake supervisor.
fn connected() -> (DevChild, TcpStream, Lines<BufReader<TcpStream>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let child = DevChild::connect(&addr, 1, "secret".into(), false).unwrap();
    let (sup, _) = listener.accept().unwrap();
    sup.set_read_timeout(Some(PATIENCE)).unwrap();
    let mut lines = BufReader::new(sup.try_clone().unwrap()).lines();
    assert_eq!(
        read(&mut lines),
        FromChild::Hello {
            child: 1,
            token: "secret".into()
        }
    );
    (child, sup, lines)
}

#[test]
fn freeze_saves_state_and_keeps_the_page_then_resume_runs_it_again_from_the_save() {
    let (child, mut sup, mut lines) = connected();
    let memory = Memory::default();
    let (waker, rings) = bell();
    let waker = child.waker(waker);
    let first = runner(&memory, waker.clone()).unwrap();
    let respawn_memory = memory.clone();
    let ctx = egui::Context::default();
    let mut dev = DevRunner::new(
        first,
        child,
        Box::new(move || runner(&respawn_memory, waker.clone())),
        &ctx,
    );
    settled(&dev, &rings);
    dev.dev_frame(&ctx); // frame 1
    dev.dev_frame(&ctx); // frame 2: the first is on screen
    assert_eq!(read(&mut lines), FromChild::Shown);

    tell(&mut sup, &ToChild::Freeze);
    dev.wait_for_command();
    dev.dev_frame(&ctx);
    let FromChild::Frozen(window) = read(&mut lines) else {
        panic!("expected Frozen")
    };
    assert_eq!(window.page.as_deref(), Some("Counter"));
    assert_eq!(window.theme.as_deref(), Some("system"));
    // Saved before the answer, so the new build starts from it.
    let saved = memory.0.lock().unwrap().clone().expect("saved at freeze");
    assert_eq!(saved.get("runs").map(String::as_str), Some("1"));
    // The old page stays on screen; what the user does meanwhile is dropped.
    assert!(dev.dev_view().unwrap().restarting);
    let frozen = dev.published();
    assert!(format!("{:?}", frozen.tree).contains("runs: 1"));
    dev.send(vec![crate::tree::Event::Rerun]);
    assert!(Arc::ptr_eq(&frozen, &dev.published()));

    // The new build could not take over: the page runs again, from the save.
    tell(&mut sup, &ToChild::Resume);
    dev.wait_for_command();
    dev.dev_frame(&ctx);
    assert!(!dev.dev_view().unwrap().restarting);
    settled(&dev, &rings);
    assert!(format!("{:?}", dev.published().tree).contains("runs: 2"));
}

#[test]
fn the_supervisors_status_reaches_the_bar_with_the_time_so_far() {
    let (child, mut sup, _lines) = connected();
    let (waker, rings) = bell();
    let first = runner(&Memory::default(), child.waker(waker)).unwrap();
    let ctx = egui::Context::default();
    let mut dev = DevRunner::new(first, child, Box::new(|| unreachable!()), &ctx);
    settled(&dev, &rings);
    let error = Diagnostic {
        level: "error".into(),
        message: "mismatched types".into(),
        file: Some("examples/page.rs".into()),
        line: Some(7),
        ..Diagnostic::default()
    };
    tell(
        &mut sup,
        &ToChild::Status(DevStatus {
            building_ms: Some(1500),
            errors: vec![error.clone()],
            problem: None,
        }),
    );
    // Status is not a command: wait until the bar shows it.
    let view = loop {
        dev.dev_frame(&ctx);
        let view = dev.dev_view().unwrap();
        if view.building.is_some() {
            break view;
        }
        std::thread::yield_now();
    };
    assert!(view.building.unwrap() >= Duration::from_millis(1500));
    assert_eq!(view.errors, [error]);
    assert!(!view.restarting);
}

#[test]
fn the_new_window_opens_where_the_old_one_was_on_the_same_page_and_theme() {
    use super::protocol::WindowState;
    let window = WindowState {
        position: Some([120.0, 80.0]),
        size: Some([700.0, 500.0]),
        maximized: false,
        theme: Some("light".into()),
        page: Some("Second".into()),
    };
    let viewport = window.place(egui::ViewportBuilder::default().with_inner_size([960.0, 720.0]));
    assert_eq!(viewport.position, Some(egui::pos2(120.0, 80.0)));
    assert_eq!(viewport.inner_size, Some(egui::vec2(700.0, 500.0)));
    assert_eq!(window.theme(), Some(egui::ThemePreference::Light));
    let pages = vec![Page::new("First", counter), Page::new("Second", counter)];
    let mut session = Session::new(pages, SessionOptions::default());
    window.restore_page(&mut session);
    assert_eq!(session.page(), 1);
    // A page the new build no longer has: the first page, as at any start.
    let gone = WindowState {
        page: Some("Renamed".into()),
        ..WindowState::default()
    };
    let mut session = Session::new(vec![Page::new("First", counter)], SessionOptions::default());
    gone.restore_page(&mut session);
    assert_eq!(session.page(), 0);
    assert_eq!(WindowState::default().theme(), None);
}

/// Issue 16, item 3: a saved value whose type changed in the edit fails the
/// new build's first run with the decode error, and the window is handed
/// over all the same (the error is on the page, not in the way).
#[test]
fn a_new_build_whose_first_run_fails_on_a_changed_type_is_still_shown() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let connecting = std::thread::Builder::new()
        .name("new build".into())
        .spawn(move || DevChild::connect(&addr, 2, "s".into(), true))
        .unwrap();
    let (mut sup, _) = listener.accept().unwrap();
    sup.set_read_timeout(Some(PATIENCE)).unwrap();
    let mut lines = BufReader::new(sup.try_clone().unwrap()).lines();
    assert!(matches!(
        read(&mut lines),
        FromChild::Hello { child: 2, .. }
    ));
    let old = super::protocol::WindowState {
        page: Some("Counter".into()),
        ..Default::default()
    };
    tell(&mut sup, &ToChild::Go(old.clone()));
    let child = connecting.join().unwrap().unwrap();
    assert_eq!(child.window(), Some(&old));

    // The old build saved "runs" as an integer; the new one reads a string.
    let memory = Memory::default();
    *memory.0.lock().unwrap() = Some(BTreeMap::from([("runs".to_owned(), "7".to_owned())]));
    let page = |st: &mut St| -> crate::Result<()> {
        let runs: String = st.state().get("runs")?;
        st.text(runs);
        Ok(())
    };
    let session = Session::new(vec![Page::new("Counter", page)], SessionOptions::default());
    let (waker, rings) = bell();
    let options = RunnerOptions {
        persister: Some(Box::new(memory.clone())),
        ..RunnerOptions::default()
    };
    let runner = Runner::spawn(session, options, child.waker(waker)).unwrap();
    let ctx = egui::Context::default();
    let mut dev = DevRunner::new(runner, child, Box::new(|| unreachable!()), &ctx);
    settled(&dev, &rings);
    let tree = format!("{:?}", dev.published().tree);
    assert!(tree.contains("does not decode as `String`"), "{tree}");
    dev.dev_frame(&ctx);
    dev.dev_frame(&ctx);
    assert_eq!(read(&mut lines), FromChild::Shown);
}
