//! Counters in session state and a page of two fragments, shared by the
//! fragment tests.
#![allow(dead_code, clippy::unwrap_used)] // each test file uses what it needs

use brook::prelude::*;
use brook::testing::AppTest;

/// Adds one to the `i64` under `key` (0 at first) and returns it.
pub fn bump(st: &mut St, key: &str) -> i64 {
    st.state().init(key, || 0_i64);
    st.state()
        .update(key, |n: &mut i64| {
            *n += 1;
            *n
        })
        .unwrap()
}

/// The `i64` under `key`.
pub fn get(at: &AppTest, key: &str) -> i64 {
    at.state::<i64>(key)
}

/// A page with two keyed fragments, "a" and "b", each counting its runs
/// (`n_a`, `n_b`) beside the page's own (`n_runs`), and a slider outside both.
pub fn two_fragments(st: &mut St) {
    bump(st, "n_runs");
    st.text("top");
    st.add(
        Fragment::new(|st| {
            bump(st, "n_a");
            let v = st.add(Slider::new("A", 0..=10_i64).on_change(|st| {
                let runs: i64 = st.state().get("n_a").unwrap();
                st.state().set("a_cb_saw_runs", runs);
            }));
            st.text(format!("a={v}"));
        })
        .key("a"),
    );
    st.add(
        Fragment::new(|st| {
            bump(st, "n_b");
            let v = st.slider("B", 0..=10_i64);
            st.text(format!("b={v}"));
        })
        .key("b"),
    );
    st.slider("Outside", 0..=10_i64);
}
