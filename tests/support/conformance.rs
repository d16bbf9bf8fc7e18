//! Shared by the conformance test binaries: write brook's trace of a port
//! and let `shared/conformance/compare.py` judge it against Streamlit's.
#![allow(dead_code, clippy::unwrap_used)] // not every binary uses every helper

use std::path::PathBuf;
use std::process::Command;

use brook::testing::AppTest;

/// Python's `repr` of a bool.
pub fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// Python's `repr` of a str.
pub fn py_str(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

fn shared_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance")
}

/// `target/conformance`, wherever the target directory is.
fn out_dir() -> PathBuf {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent()
        .map_or_else(|| PathBuf::from("target"), PathBuf::from)
        .join("conformance")
}

/// Writes the trace to `target/conformance/NAME.json` and fails unless
/// `compare.py` passes every step.
pub fn judge(name: &str, at: &AppTest) {
    let dir = out_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let actual = dir.join(format!("{name}.json"));
    let trace = serde_json::to_string_pretty(&at.trace(name)).unwrap();
    std::fs::write(&actual, trace).unwrap();
    let expected = shared_dir().join(format!("expected/{name}.json"));
    let out = Command::new("python3")
        .arg(shared_dir().join("compare.py"))
        .arg(&expected)
        .arg(&actual)
        .output()
        .expect("python3 is needed to run shared/conformance/compare.py");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "conformance {name} failed:\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("conformance:"), "{stdout}");
}
