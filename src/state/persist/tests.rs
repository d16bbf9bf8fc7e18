//! The session file: atomic saves, and no way to lose saved state in silence.

use super::*;

fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn values_round_trip_including_awkward_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nested/dir/session_state.ron");
    let saved = values(&[
        ("op1", "5"),
        ("history", "[1, 2, 3]"),
        ("name", "\"quote \\\" and\\nnewline é\""),
        ("weird \" key\n", "(a: Some(1))"),
    ]);
    save(&path, &saved).expect("save");
    assert_eq!(load(&path).expect("load"), Some(saved));
}

#[test]
fn a_missing_file_is_no_state_not_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert_eq!(load(&dir.path().join("none.ron")).expect("load"), None);
}

#[test]
fn the_schema_version_sits_beside_the_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.ron");
    save(&path, &values(&[("a", "1")])).expect("save");
    let text = fs::read_to_string(&path).expect("read");
    assert!(
        text.contains(&format!("schema: {SCHEMA_VERSION}")),
        "{text}"
    );
}

#[test]
fn saving_leaves_no_temporary_file_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.ron");
    save(&path, &values(&[("a", "1")])).expect("save");
    save(&path, &values(&[("a", "2")])).expect("save");
    let names: Vec<_> = fs::read_dir(dir.path())
        .expect("ls")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("s.ron")]);
}

#[test]
fn a_crash_before_the_rename_leaves_the_previous_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.ron");
    save(&path, &values(&[("a", "1")])).expect("save");
    // What a crash mid-save leaves: a torn temporary file, never renamed.
    let tmp = dir
        .path()
        .join(format!(".s.ron.tmp-{}", std::process::id()));
    fs::write(&tmp, "(schema: 1, values: {\"a\": \"2").expect("write");
    assert_eq!(load(&path).expect("load"), Some(values(&[("a", "1")])));
    // The next save replaces the leftover.
    save(&path, &values(&[("a", "3")])).expect("save");
    assert!(!tmp.exists());
    assert_eq!(load(&path).expect("load"), Some(values(&[("a", "3")])));
}

#[test]
fn a_corrupt_file_is_reported_and_moved_aside_never_dropped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.ron");
    fs::write(&path, "this is not RON {").expect("write");
    let err = load(&path).expect_err("corrupt");
    let message = err.to_string();
    assert!(message.contains("s.ron.corrupt-1"), "{message}");
    assert!(!path.exists());
    assert_eq!(
        fs::read_to_string(dir.path().join("s.ron.corrupt-1")).expect("kept"),
        "this is not RON {"
    );
    // A second bad file does not overwrite the first one set aside.
    fs::write(&path, "(schema: 1, values: 5)").expect("write");
    let err = load(&path).expect_err("corrupt");
    assert!(err.to_string().contains("s.ron.corrupt-2"), "{err}");
    assert!(dir.path().join("s.ron.corrupt-1").exists());
    // And the app can save again afterwards.
    save(&path, &values(&[("a", "1")])).expect("save");
    assert_eq!(load(&path).expect("load"), Some(values(&[("a", "1")])));
}

#[test]
fn a_file_from_a_newer_brook_is_kept_aside_not_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.ron");
    let newer = format!("(schema: {}, values: {{}}, more: 1)", SCHEMA_VERSION + 1);
    fs::write(&path, &newer).expect("write");
    let err = load(&path).expect_err("newer");
    assert!(err.to_string().contains("newer brook"), "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("s.ron.corrupt-1")).expect("kept"),
        newer
    );
}

#[test]
fn the_default_path_is_in_the_apps_data_directory() {
    if let Some(path) = default_path("Slider chart") {
        assert!(path.ends_with(FILE_NAME));
        assert!(path.to_string_lossy().to_lowercase().contains("slider"));
    }
}

// ---- issue 9: saved state is never lost in silence ---------------------------------

use crate::runner::Persister as _;

/// The files in `dir`, sorted, by name.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A file this process cannot read, if the OS enforces it for this user
/// (root reads anything).
fn unreadable_file(path: &Path) -> bool {
    fs::write(path, "(schema: 1, values: {})").expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(path, fs::Permissions::from_mode(0o000)).expect("chmod");
    }
    fs::read(path).is_err()
}

#[test]
fn a_state_file_that_cannot_be_read_is_moved_aside_never_overwritten() {
    // Each of these used to be reported and then replaced by the next save.
    type Make = Box<dyn Fn(&Path)>;
    let mut cases: Vec<(&str, Make)> = vec![
        (
            "invalid UTF-8",
            Box::new(|p| fs::write(p, b"\xff\x00x").expect("write")),
        ),
        (
            "truncated inside a multi-byte character",
            Box::new(|p| {
                let text = "(schema: 1, values: {\"name\": \"\\\"José\\\"\"})";
                let cut = text.find('é').expect("é") + 1;
                fs::write(p, &text.as_bytes()[..cut]).expect("write");
            }),
        ),
        (
            "a directory",
            Box::new(|p| fs::create_dir(p).expect("mkdir")),
        ),
    ];
    let probe = tempfile::tempdir().expect("tempdir");
    if unreadable_file(&probe.path().join("probe")) {
        cases.push((
            "without read permission",
            Box::new(|p| assert!(unreadable_file(p))),
        ));
    }
    for (case, make) in cases {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.ron");
        make(&path);
        let persister = FilePersister::new(path.clone());
        let err = persister.load().expect_err(case).to_string();
        assert!(err.contains("s.ron.corrupt-1"), "{case}: {err}");
        let aside = dir.path().join("s.ron.corrupt-1");
        assert!(
            fs::symlink_metadata(&aside).is_ok(),
            "{case}: kept aside: {:?}",
            names(dir.path())
        );
        let kept = fs::symlink_metadata(&aside).map(|m| m.len()).ok();
        // The next save writes a fresh file and leaves the copy alone.
        persister.save(&values(&[("a", "1")])).expect(case);
        assert_eq!(
            load(&path).expect(case),
            Some(values(&[("a", "1")])),
            "{case}"
        );
        assert_eq!(
            fs::symlink_metadata(&aside).map(|m| m.len()).ok(),
            kept,
            "{case}"
        );
    }
}

#[test]
fn a_state_file_that_cannot_be_moved_aside_turns_saving_off_and_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A name so long that `<name>.corrupt-1` exceeds the file system's limit
    // (255 bytes): renaming fails whoever the user is.
    let path = dir.path().join(format!("{}.ron", "s".repeat(244)));
    fs::write(&path, b"\xff\x00x").expect("write");
    let persister = FilePersister::new(path.clone());
    let err = persister.load().expect_err("unreadable").to_string();
    assert!(err.contains("cannot be moved aside"), "{err}");
    assert!(
        err.contains("Saving is off for this run of the app"),
        "{err}"
    );
    assert!(persister.saving_is_off());

    persister
        .save(&values(&[("a", "1")]))
        .expect("saving is off, not failing");
    assert!(
        persister.clear().is_err(),
        "Reset session says the file stays"
    );
    assert_eq!(fs::read(&path).expect("still there"), b"\xff\x00x");
}

#[test]
fn a_second_instance_of_the_app_does_not_overwrite_the_first_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.ron");
    save(&path, &values(&[("n", "1")])).expect("save");

    let first = FilePersister::new(path.clone());
    assert_eq!(first.load().expect("load"), Some(values(&[("n", "1")])));
    assert!(first.take_notices().is_empty());

    let second = FilePersister::new(path.clone());
    assert_eq!(
        second
            .load()
            .expect("the second starts from what was saved"),
        Some(values(&[("n", "1")]))
    );
    let notices = second.take_notices();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].contains("another instance of this app"),
        "{notices:?}"
    );
    assert!(
        notices[0].contains(&format!("process {}", std::process::id())),
        "{notices:?}"
    );

    first.save(&values(&[("n", "2")])).expect("save");
    second
        .save(&values(&[("n", "99")]))
        .expect("off: nothing written");
    assert!(
        second.clear().is_err(),
        "the second never deletes the first's file"
    );
    first
        .save(&values(&[("n", "3")]))
        .expect("the first saves on");
    assert_eq!(load(&path).expect("load"), Some(values(&[("n", "3")])));

    // Once the first instance is gone, the next one owns the file.
    drop(first);
    let third = FilePersister::new(path.clone());
    third.load().expect("load");
    assert!(third.take_notices().is_empty());
    third.save(&values(&[("n", "4")])).expect("save");
    assert_eq!(load(&path).expect("load"), Some(values(&[("n", "4")])));
}

#[test]
fn a_state_file_changed_by_another_program_is_not_overwritten() {
    // Without the lock (another program, or a file system without locks),
    // the file is checked to be the one this instance last read or wrote.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.ron");
    save(&path, &values(&[("n", "1")])).expect("save");
    let persister = FilePersister::new(path.clone());
    persister.load().expect("load");
    persister
        .save(&values(&[("n", "2")]))
        .expect("its own file");
    persister
        .save(&values(&[("n", "3")]))
        .expect("its own file again");

    save(&path, &values(&[("n", "100"), ("other", "1")])).expect("another writer");
    let err = persister
        .save(&values(&[("n", "4")]))
        .expect_err("changed under it")
        .to_string();
    assert!(err.contains("another program"), "{err}");
    assert!(persister.saving_is_off());
    persister
        .save(&values(&[("n", "5")]))
        .expect("off, said once");
    assert_eq!(
        load(&path).expect("load"),
        Some(values(&[("n", "100"), ("other", "1")]))
    );

    // A file that appears where there was none is someone else's too.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.ron");
    let persister = FilePersister::new(path.clone());
    assert_eq!(persister.load().expect("load"), None);
    save(&path, &values(&[("theirs", "1")])).expect("another writer");
    assert!(persister.save(&values(&[("mine", "1")])).is_err());
    assert_eq!(load(&path).expect("load"), Some(values(&[("theirs", "1")])));
}

#[test]
fn leftover_temporary_files_of_killed_saves_are_removed_at_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.ron");
    save(&path, &values(&[("a", "1")])).expect("save");
    for name in [
        ".s.ron.tmp-123",
        ".s.ron.tmp-4567",
        ".s.ron.tmp-x",
        "notes.tmp-1",
    ] {
        fs::write(dir.path().join(name), "torn").expect("write");
    }
    let first = FilePersister::new(path.clone());
    first.load().expect("load");
    assert_eq!(
        names(dir.path()),
        [".s.ron.tmp-x", "notes.tmp-1", "s.ron", "s.ron.lock"]
    );

    // A second instance leaves the first's saves in progress alone.
    fs::write(dir.path().join(".s.ron.tmp-999"), "in progress").expect("write");
    let second = FilePersister::new(path.clone());
    second.load().expect("load");
    assert!(dir.path().join(".s.ron.tmp-999").exists());
}

/// A runner over `path` whose page counts its runs in session state.
fn counting_runner(path: &Path) -> (crate::runner::Runner, std::sync::mpsc::Receiver<()>) {
    use std::sync::{Arc, Mutex};
    let page = crate::Page::new("main", |st: &mut crate::St<'_>| {
        st.state().init("runs", || 0_i64);
        st.state().update("runs", |n: &mut i64| *n += 1)?;
        st.text("ready");
        Ok::<(), Error>(())
    });
    let (wake_tx, wakes) = std::sync::mpsc::channel();
    let wake_tx = Mutex::new(wake_tx);
    let runner = crate::runner::Runner::spawn(
        crate::session::Session::new(vec![page], crate::session::SessionOptions::default()),
        crate::runner::RunnerOptions {
            persister: Some(Box::new(FilePersister::new(path.to_path_buf()))),
            ..crate::runner::RunnerOptions::default()
        },
        Arc::new(move || {
            let _ = wake_tx
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .send(());
        }),
    )
    .expect("spawn");
    (runner, wakes)
}

fn wait_until(
    runner: &crate::runner::Runner,
    wakes: &std::sync::mpsc::Receiver<()>,
    pred: impl Fn(&crate::runner::Published) -> bool,
) -> std::sync::Arc<crate::runner::Published> {
    loop {
        let p = runner.published();
        if pred(&p) {
            return p;
        }
        wakes
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("the runner published nothing new");
    }
}

#[test]
fn the_second_window_of_an_app_says_it_does_not_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.ron");
    save(&path, &values(&[("runs", "10")])).expect("save");
    let done = |p: &crate::runner::Published| {
        !p.running && p.last_end == Some(crate::session::RunEnd::Completed)
    };

    let (mut first, first_wakes) = counting_runner(&path);
    let p = wait_until(&first, &first_wakes, done);
    assert!(p.notices.is_empty(), "{:?}", p.notices);

    let (mut second, second_wakes) = counting_runner(&path);
    let p = wait_until(&second, &second_wakes, done);
    assert_eq!(p.notices.len(), 1, "{:?}", p.notices);
    assert!(
        p.notices[0].contains("another instance of this app"),
        "{:?}",
        p.notices
    );

    // Both ran once from the saved 10; only the first one's 11 is saved.
    second.shutdown(std::time::Duration::from_secs(20));
    first.shutdown(std::time::Duration::from_secs(20));
    assert_eq!(load(&path).expect("load"), Some(values(&[("runs", "11")])));
}

#[test]
fn the_window_reports_an_unreadable_state_file_and_keeps_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.ron");
    fs::write(&path, b"\xff\x00x").expect("write");
    let (mut runner, wakes) = counting_runner(&path);
    let p = wait_until(&runner, &wakes, |p| {
        !p.running && p.last_end == Some(crate::session::RunEnd::Completed)
    });
    assert_eq!(p.notices.len(), 1, "{:?}", p.notices);
    assert!(p.notices[0].contains("not UTF-8"), "{:?}", p.notices);
    assert!(p.notices[0].contains("s.ron.corrupt-1"), "{:?}", p.notices);
    runner.shutdown(std::time::Duration::from_secs(20));
    assert_eq!(
        fs::read(dir.path().join("s.ron.corrupt-1")).expect("kept"),
        b"\xff\x00x"
    );
    assert_eq!(load(&path).expect("load"), Some(values(&[("runs", "1")])));
}
