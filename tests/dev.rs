//! Dev mode end to end: a real save in a tiny crate in a temporary
//! directory, rebuilt by cargo, restarted by the supervisor; and the file
//! watcher on a real directory. The supervisor's logic itself is tested
//! step by step, with a virtual clock, in `src/dev/tests.rs`.
//!
//! The tiny crate depends on nothing (it speaks the supervisor's line
//! protocol with the standard library), so its builds take a second or
//! two and this runs in every CI run. The brook window's side of the
//! hand-over is exercised under Xvfb by `scripts/dev-bench.sh`.
#![allow(clippy::unwrap_used)] // tests may unwrap (house rule)

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use brook::dev::{
    Action, BuildTarget, Builder as _, CargoBuilder, Input, Observed, Shell, ShellOptions,
    SourceWatcher, TargetKind, Timing, ToChild, WatchSpec,
};

/// Builds can queue behind other cargo commands on a busy machine.
const PATIENCE: Duration = Duration::from_secs(300);

/// The tiny app: says hello, records its version and what it is told in
/// `TINY_OUT`, hands over and exits as a brook window would.
fn tiny_main(version: &str, extra: &str) -> String {
    format!(
        r#"use std::io::{{BufRead, BufReader, Write}};

const VERSION: &str = "{version}";

fn main() {{
    let out = std::env::var("TINY_OUT").unwrap();
    let log = |line: String| {{
        let mut f = std::fs::OpenOptions::new().create(true).append(true).open(&out).unwrap();
        writeln!(f, "{{line}}").unwrap();
    }};
    let child = std::env::var("BROOK_DEV_CHILD").unwrap();
    let token = std::env::var("BROOK_DEV_TOKEN").unwrap();
    let mut s = std::net::TcpStream::connect(std::env::var("BROOK_DEV_SUPERVISOR").unwrap()).unwrap();
    writeln!(s, "{{{{\"Hello\":{{{{\"child\":{{child}},\"token\":\"{{token}}\"}}}}}}}}").unwrap();
    log(format!("{{child}} started {{VERSION}}"));
    {extra}
    for line in BufReader::new(s.try_clone().unwrap()).lines() {{
        let line = line.unwrap();
        if line.starts_with("{{\"Go\"") {{
            writeln!(s, "\"Shown\"").unwrap();
        }} else if line == "\"Freeze\"" {{
            writeln!(s, "{{{{\"Frozen\":{{{{\"page\":\"{{VERSION}}\"}}}}}}}}").unwrap();
        }} else if line == "\"Exit\"" {{
            log(format!("{{child}} exit"));
            return;
        }}
    }}
}}
"#
    )
}

fn write_crate(dir: &Path, main: &str) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"tiny\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[workspace]\n",
    )
    .unwrap();
    std::fs::write(dir.join("src/main.rs"), main).unwrap();
}

/// Waits (bounded) for the first observed step that `pick` accepts.
fn wait_for<T>(rx: &Receiver<Observed>, what: &str, pick: impl Fn(&Observed) -> Option<T>) -> T {
    loop {
        match rx.recv_timeout(PATIENCE) {
            Ok(observed) => {
                if let Some(found) = pick(&observed) {
                    return found;
                }
            }
            Err(e) => panic!("waiting for {what}: {e}"),
        }
    }
}

#[test]
fn a_real_save_rebuilds_the_crate_and_the_new_build_takes_over() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let out = root.join("out.txt");
    write_crate(&root, &tiny_main("v1", ""));
    let target = BuildTarget {
        cargo: std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from),
        manifest: root.join("Cargo.toml"),
        kind: TargetKind::Bin,
        name: "tiny".to_owned(),
        profile: None,
        target_dir: root.join("target"),
        triple: None,
        extra_args: Vec::new(),
    };
    let builder = CargoBuilder::new(target.clone());
    let first = builder.build();
    assert!(first.success, "the tiny crate builds: {first:?}");
    let exe = first.executable.clone().unwrap();
    assert_eq!(exe, root.join("target/debug/tiny"));

    let (tx, rx) = mpsc::channel();
    let shell = Shell::new(ShellOptions {
        builder: std::sync::Arc::new(builder),
        watch: Some(WatchSpec {
            root: root.clone(),
            ignored: vec![target.target_dir.clone()],
        }),
        executable: exe,
        args: Vec::new(),
        env: vec![("TINY_OUT".into(), out.clone().into())],
        timing: Timing::default(),
        clock: brook::clock::system(),
        observer: Some(tx),
    })
    .unwrap();
    let quit = shell.sender();
    let supervisor = std::thread::Builder::new()
        .name("supervisor".into())
        .spawn(move || shell.run())
        .unwrap();
    wait_for(&rx, "child 1", |o| {
        matches!(o, Observed::Input(_, Input::Hello(1))).then_some(())
    });

    // A save: rebuilt, and the new build opens where the old one was (the
    // old one's answer to Freeze reaches the new one's Go).
    write_crate(&root, &tiny_main("v2", ""));
    let handed = wait_for(&rx, "the hand-over to child 2", |o| match o {
        Observed::Action(_, Action::Tell(2, ToChild::Go(window))) => Some(window.clone()),
        _ => None,
    });
    assert_eq!(handed.page.as_deref(), Some("v1"));
    wait_for(&rx, "child 2 on screen", |o| {
        matches!(o, Observed::Input(_, Input::Shown(2))).then_some(())
    });
    wait_for(&rx, "child 1 gone", |o| {
        matches!(o, Observed::Input(_, Input::Exited { child: 1, .. })).then_some(())
    });
    let log = std::fs::read_to_string(&out).unwrap();
    assert!(
        log.contains("1 started v1") && log.contains("2 started v2"),
        "{log}"
    );
    assert!(log.contains("1 exit"), "{log}");

    // A broken save: the errors reach the window on screen, which stays.
    let broken = tiny_main("v3", "let n: u32 = \"not a number\";");
    let line = broken
        .lines()
        .position(|l| l.contains("not a number"))
        .unwrap()
        + 1;
    write_crate(&root, &broken);
    let status = wait_for(&rx, "the compiler's errors", |o| match o {
        Observed::Action(_, Action::Tell(2, ToChild::Status(s))) if !s.errors.is_empty() => {
            Some(s.clone())
        }
        _ => None,
    });
    let error = &status.errors[0];
    assert_eq!(error.code.as_deref(), Some("E0308"), "{error:?}");
    assert_eq!(error.message, "mismatched types");
    assert_eq!(error.file.as_deref(), Some("src/main.rs"));
    assert_eq!(error.line, Some(u32::try_from(line).unwrap()));
    assert!(
        error.rendered.contains("not a number"),
        "{}",
        error.rendered
    );

    // The fix: a new build takes over and the errors are cleared.
    write_crate(&root, &tiny_main("v4", ""));
    let cleared = wait_for(&rx, "child 3 on screen, errors cleared", |o| match o {
        Observed::Action(_, Action::Tell(3, ToChild::Status(s))) => Some(s.clone()),
        _ => None,
    });
    assert!(
        cleared.errors.is_empty() && cleared.problem.is_none(),
        "{cleared:?}"
    );
    let log = std::fs::read_to_string(&out).unwrap();
    assert!(log.contains("3 started v4"), "{log}");
    assert!(!log.contains("v3"), "the broken build never ran: {log}");

    quit.send(Input::Quit).unwrap();
    assert_eq!(supervisor.join().unwrap(), Ok(0));
}

#[test]
fn the_watcher_reports_saved_sources_and_skips_editor_files_and_the_target_dir() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for sub in ["src", "target/debug", ".git"] {
        std::fs::create_dir_all(root.join(sub)).unwrap();
    }
    let (tx, rx) = mpsc::channel();
    let _watcher = SourceWatcher::new(root, vec![root.join("target")], move |path| {
        let _ = tx.send(path);
    })
    .unwrap();
    // Only the last write counts; the others must never be reported.
    std::fs::write(root.join("target/debug/app"), "binary").unwrap();
    std::fs::write(root.join(".git/index"), "git").unwrap();
    std::fs::write(root.join("src/.main.rs.swp"), "vim").unwrap();
    std::fs::write(root.join("src/main.rs~"), "backup").unwrap();
    std::fs::write(root.join("Cargo.lock"), "lock").unwrap();
    std::fs::write(root.join("src/main.rs"), "fn main() {}").unwrap();
    let first = rx.recv_timeout(Duration::from_secs(30)).unwrap();
    assert_eq!(first, root.join("src/main.rs"));
    // A file at the top of the package counts too.
    std::fs::write(root.join("Cargo.toml"), "[package]").unwrap();
    let next = loop {
        let p = rx.recv_timeout(Duration::from_secs(30)).unwrap();
        if p != root.join("src/main.rs") {
            break p;
        }
    };
    assert_eq!(next, root.join("Cargo.toml"));
}
