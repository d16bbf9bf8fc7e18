//! A page of 10,000 elements (half text, half keyed sliders) that scrolls
//! as smoothly as a short one: the renderer lays out and paints only what is
//! in sight, and a rerun costs the same per element as on a small page.
//!
//! `cargo run --example long_page` (`LONG_PAGE_ROWS=1000` for another size).
//! Drag any slider: the total at the top follows; the sidebar has an
//! expander with 1,000 more rows of its own.

use brook::prelude::*;

/// Rows (one text and one slider each): `LONG_PAGE_ROWS`, 5,000 by default.
fn rows() -> usize {
    std::env::var("LONG_PAGE_ROWS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5_000)
}

fn long_page(st: &mut St) {
    let rows = rows();
    st.title(format!("{} elements", 2 * rows));
    // The sum of every slider: it changes with any of them.
    let total = st.empty();
    let mut sum = 0_i64;
    for i in 0..rows {
        st.text(format!("Row {i}: the slider below moves from 0 to 100"));
        sum += st.add(
            Slider::new(format!("Value {i}"), 0..=100_i64)
                .value((i % 101) as i64)
                .key(format!("v{i}")),
        );
    }
    st.with(total, |st| {
        st.info(format!("Sum of all {rows} sliders: {sum}"));
    });
    st.sidebar(|st| {
        st.header("Sidebar");
        st.expander("1,000 more rows", |st| {
            for i in 0..1_000 {
                st.caption(format!("Sidebar row {i}"));
            }
        });
    });
}

fn main() -> brook::Result<()> {
    brook::App::new("Long page")
        .page("Long page", long_page)
        .run()
}
