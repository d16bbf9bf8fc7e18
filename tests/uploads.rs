//! Uploaded files across a restart (departure 7: session state outlives the
//! process): the session saves a reference to each file (path, size, blake3
//! of its content), never its bytes; the next start reads the file again if
//! it is unchanged, and says so when it is not.
#![allow(clippy::unwrap_used)] // tests may unwrap (STYLE.md)

use std::collections::BTreeMap;
use std::path::Path;

use brook::prelude::*;
use brook::testing::AppTest;
use brook::tree::{AlertKind, Element};

/// What the runner saves (`export_serializable`), handed to a new session.
fn restart_with(saved: BTreeMap<String, String>, page: fn(&mut St)) -> AppTest {
    let mut at = AppTest::new(page);
    at.session_mut().state_mut().import_raw(saved);
    at.run();
    at
}

fn saved(at: &AppTest) -> BTreeMap<String, String> {
    at.session_state().export_serializable()
}

fn alerts(at: &AppTest, kind: AlertKind) -> Vec<String> {
    at.tree()
        .walk()
        .filter_map(|n| match &n.element {
            Element::Alert { alert, body, .. } if *alert == kind => Some(body.clone()),
            _ => None,
        })
        .collect()
}

fn no_alerts(at: &AppTest) -> bool {
    [AlertKind::Error, AlertKind::Warning]
        .into_iter()
        .all(|k| alerts(at, k).is_empty())
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap();
}

fn one(st: &mut St) {
    let level = st.add(Slider::new("Level", 0..=10).key("level"));
    let file = st.add(FileUploader::new("Data").key("data"));
    st.text(format!(
        "level {level} · {}",
        file.map_or("no file".to_owned(), |f| format!(
            "{} {} bytes",
            f.name(),
            f.size()
        ))
    ));
}

/// A page with a level set and a file given from `path`.
fn given(path: &Path) -> AppTest {
    let mut at = AppTest::new(one);
    at.run()
        .set_value("Level", 7)
        .set_files("Data", [UploadedFile::open(path).unwrap()])
        .run();
    at
}

#[test]
fn a_one_megabyte_file_is_saved_as_a_reference_and_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.bin");
    let content: Vec<u8> = (0..1_000_000_u32).map(|i| (i % 251) as u8).collect();
    write(&path, &content);
    let at = given(&path);
    assert_eq!(at.texts(), ["level 7 · big.bin 1000000 bytes"]);
    let saved = saved(&at);
    let total: usize = saved.iter().map(|(k, v)| k.len() + v.len()).sum();
    assert!(
        total < 1_000,
        "the session holds a reference, not the megabyte: {saved:?}"
    );
    assert!(saved["data"].contains("big.bin") && saved["data"].contains("blake3"));
    let again = restart_with(saved, one);
    assert!(again.exceptions().is_empty(), "{:?}", again.exceptions());
    assert!(no_alerts(&again));
    assert_eq!(again.texts(), ["level 7 · big.bin 1000000 bytes"]);
    let file = again.state::<Option<UploadedFile>>("data").unwrap();
    assert_eq!(file.bytes(), content.as_slice());
    assert_eq!(
        file.path().unwrap().canonicalize().unwrap(),
        path.canonicalize().unwrap()
    );
}

#[test]
fn a_deleted_file_is_dropped_with_a_notice_and_the_rest_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gone.csv");
    write(&path, b"a,b\n1,2\n");
    let saved = saved(&given(&path));
    std::fs::remove_file(&path).unwrap();
    let again = restart_with(saved, one);
    assert!(again.exceptions().is_empty(), "{:?}", again.exceptions());
    assert_eq!(again.texts(), ["level 7 · no file"]);
    let notices = alerts(&again, AlertKind::Warning);
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].contains("`gone.csv` was not restored")
            && notices[0].contains("no longer exists")
            && notices[0].contains("Give the file again"),
        "{notices:?}"
    );
    assert_eq!(again.state::<Option<UploadedFile>>("data"), None);
    // The next save no longer refers to it, and the notice is shown once.
    assert_eq!(saved_value(&again, "data"), "None");
    let mut again = again;
    again.run();
    assert!(no_alerts(&again));
}

fn saved_value(at: &AppTest, key: &str) -> String {
    saved(at)[key].clone()
}

#[test]
fn a_changed_file_is_dropped_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    write(&path, b"first");
    let saved = saved(&given(&path));
    write(&path, b"other"); // same size, other content
    let again = restart_with(saved.clone(), one);
    assert_eq!(again.texts(), ["level 7 · no file"]);
    let notices = alerts(&again, AlertKind::Warning);
    assert!(
        notices.len() == 1 && notices[0].contains("changed since it was given"),
        "{notices:?}"
    );
    // Touched but not changed: it comes back.
    write(&path, b"first");
    let again = restart_with(saved, one);
    assert_eq!(again.texts(), ["level 7 · notes.txt 5 bytes"]);
}

#[test]
fn a_damaged_reference_is_a_clear_error_and_loses_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.csv");
    write(&path, b"1,2\n");
    let mut saved = saved(&given(&path));
    // Half-written: cut in the middle of the reference.
    let text = saved["data"].clone();
    saved.insert("data".into(), text[..text.len() / 2].to_owned());
    let again = restart_with(saved, one);
    assert!(again.exceptions().is_empty(), "{:?}", again.exceptions());
    assert_eq!(again.texts(), ["level 7 · no file"], "the level is kept");
    let errors = alerts(&again, AlertKind::Error);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("file_uploader \"Data\"")
            && errors[0].contains("reference to them is damaged")
            && errors[0].contains("nothing else was; give them again"),
        "{errors:?}"
    );
}

fn many(st: &mut St) {
    let files = st.add(FileUploader::new("Files").multiple());
    st.text(
        files
            .iter()
            .map(|f| f.name().to_owned())
            .collect::<Vec<_>>()
            .join(","),
    );
}

#[test]
fn of_several_files_only_the_missing_one_is_dropped() {
    // An unkeyed uploader: its value is saved under its widget id.
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    write(&a, b"aaa");
    write(&b, b"bbb");
    let mut at = AppTest::new(many);
    at.run()
        .set_files(
            "Files",
            [
                UploadedFile::open(&a).unwrap(),
                UploadedFile::open(&b).unwrap(),
            ],
        )
        .run();
    assert_eq!(at.texts(), ["a.txt,b.txt"]);
    let saved = saved(&at);
    std::fs::remove_file(&a).unwrap();
    let again = restart_with(saved, many);
    assert_eq!(again.texts(), ["b.txt"]);
    let notices = alerts(&again, AlertKind::Warning);
    assert!(
        notices.len() == 1 && notices[0].contains("`a.txt` was not restored"),
        "{notices:?}"
    );
}

#[test]
fn a_file_given_as_bytes_lasts_one_run_of_the_app() {
    // No path (a test's `UploadedFile::new`): nothing to read back.
    let mut at = AppTest::new(one);
    at.run()
        .set_files("Data", [UploadedFile::new("memo.txt", "in memory")])
        .run();
    assert_eq!(at.texts(), ["level 0 · memo.txt 9 bytes"]);
    let saved = saved(&at);
    assert!(!saved["data"].contains("in memory"), "{saved:?}");
    let again = restart_with(saved, one);
    assert_eq!(again.texts(), ["level 0 · no file"]);
    let notices = alerts(&again, AlertKind::Warning);
    assert!(
        notices.len() == 1 && notices[0].contains("lasted one run of the app"),
        "{notices:?}"
    );
}

#[test]
fn a_file_the_uploader_no_longer_accepts_is_not_restored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.csv");
    write(&path, &[b'x'; 2_000]);
    let saved = saved(&given(&path));
    let again = restart_with(saved, |st: &mut St| {
        let f = st.add(FileUploader::new("Data").max_size_bytes(1_000).key("data"));
        st.text(format!("{:?}", f.map(|f| f.size())));
    });
    assert_eq!(again.texts(), ["None"]);
    let notices = alerts(&again, AlertKind::Warning);
    assert!(
        notices.len() == 1 && notices[0].contains("File must be 1.0KB or smaller."),
        "{notices:?}"
    );
}

#[test]
fn reading_a_restored_uploaders_key_before_the_widget_reports_a_gone_file() {
    // The page reads the key before the uploader re-reads it: the typed read
    // is a decode error saying what happened, and the uploader still drops
    // the file with its notice.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("early.csv");
    write(&path, b"1");
    let saved = saved(&given(&path));
    std::fs::remove_file(&path).unwrap();
    let again = restart_with(saved, |st: &mut St| {
        if let Err(e) = st.state().get::<Option<UploadedFile>>("data") {
            st.text(e.to_string());
        }
        one(st);
    });
    assert!(
        again.texts()[0].contains("no longer exists"),
        "{:?}",
        again.texts()
    );
    assert_eq!(again.texts()[1], "level 7 · no file");
}
