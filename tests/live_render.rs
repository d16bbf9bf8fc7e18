//! Drawing a fragment run in flight: only the fragment's leftovers are
//! dimmed, the page around it is drawn as it is (FR-1, EX-13). A PNG
//! snapshot rendered with wgpu (Mesa llvmpipe headless); update with
//! `UPDATE_SNAPSHOTS=true cargo test --test live_render`.
#![allow(clippy::unwrap_used)] // tests may unwrap (STYLE.md)

use std::time::Duration;

use brook::egui;
use brook::prelude::*;
use brook::render::{RenderState, View, draw};
use brook::session::LiveTree;
use brook::testing::AppTest;
use egui_kittest::Harness;

/// A report page whose fragment refreshes its figures with a progress bar.
fn partial_of_a_fragment_run() -> LiveTree {
    let mut at = AppTest::new(|st: &mut St| {
        st.header("Sales report");
        st.text("Figures of the last full run: this part does not rerun.");
        st.add(
            Fragment::new(|st| {
                let n: i64 = st.state().get_or("n", 0).unwrap();
                st.state().set("n", n + 1);
                let bar = st.progress(0, "Fetching figures…");
                bar.update(st, 40, "Fetching figures… 2 of 5");
                st.markdown(format!("**Refresh {n}**: 1,204 orders"));
                st.success(format!("Refresh {n} complete"));
            })
            .key("figures"),
        );
        st.caption("footer: never dimmed by a fragment run");
    });
    at.run();
    at.record_live().run_fragment("figures").run();
    // The bar has moved; the fragment's old figures are not redrawn yet.
    at.live_partials()
        .into_iter()
        .find(|t| {
            t.tree.walk().any(|n| {
                matches!(&n.element, brook::tree::Element::Progress { value, .. } if *value > 0.3)
            })
        })
        .unwrap()
}

#[test]
fn snapshot_a_fragment_run_in_flight_dims_only_the_fragments_leftovers() {
    let live = partial_of_a_fragment_run();
    let mut h = Harness::builder()
        .with_size(egui::vec2(640.0, 400.0))
        .with_theme(egui::Theme::Light)
        .build_ui_state(
            move |ui, state: &mut RenderState| {
                let view = View::new(&live.tree)
                    .generation(2)
                    .running_for(Some(Duration::from_secs(1)))
                    .fresh(Some(&live.fresh))
                    .stale_within(live.within.as_deref());
                let _ = draw(ui, &view, state);
            },
            RenderState::default(),
        );
    h.run();
    h.snapshot("fragment_partly_fresh");
}
