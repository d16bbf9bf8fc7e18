//! Renderer snapshots: trees rendered with wgpu (Mesa llvmpipe/lavapipe
//! headless) and compared with `tests/snapshots/`. Update them with
//! `UPDATE_SNAPSHOTS=true cargo test --test render_snapshots`.

mod common;
#[path = "support/render_app.rs"]
mod render_app;

use std::collections::HashSet;
use std::time::Duration;

use brook::egui;
use brook::render::{View, draw};
use brook::tree::{NodeId, Tree};
use egui_kittest::Harness;
use render_app::App;

/// How a snapshot's window looks and what its run is doing.
struct Look {
    size: egui::Vec2,
    dark: bool,
    /// A run in flight for this long (stale elements dim after a delay).
    running_for: Option<Duration>,
    /// The nodes the run in flight has re-emitted (`None`: not known).
    fresh: Option<HashSet<NodeId>>,
}

impl Look {
    fn new(width: f32, height: f32, dark: bool) -> Self {
        Self {
            size: egui::vec2(width, height),
            dark,
            running_for: None,
            fresh: None,
        }
    }
}

/// Renders `tree` as `look` says and compares it with snapshot `name`.
fn snapshot_with(name: &str, tree: Tree, look: Look) {
    let Look {
        size,
        dark,
        running_for,
        fresh,
    } = look;
    let mut app = App::new(tree);
    app.running_for = running_for;
    let mut h = Harness::builder()
        .with_size(size)
        .with_theme(if dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        })
        .build_ui_state(
            move |ui, app: &mut App| {
                let view = View::new(&app.tree)
                    .generation(app.generation)
                    .running_for(app.running_for)
                    .fresh(fresh.as_ref());
                let events = draw(ui, &view, &mut app.state);
                app.events.extend(events);
            },
            app,
        );
    h.run();
    h.snapshot(name);
}

fn snapshot(name: &str, tree: Tree, size: egui::Vec2, dark: bool) {
    snapshot_with(name, tree, Look::new(size.x, size.y, dark));
}

#[test]
fn snapshot_slider_chart_page() {
    snapshot(
        "slider_chart",
        common::slider_chart(40),
        egui::vec2(640.0, 480.0),
        false,
    );
}

#[test]
fn snapshot_alerts_and_exception() {
    snapshot(
        "alerts_and_exception",
        common::alerts_and_exception(),
        egui::vec2(640.0, 420.0),
        true,
    );
}

#[test]
fn snapshot_stale_elements_are_dimmed() {
    let look = Look {
        running_for: Some(Duration::from_secs(1)),
        ..Look::new(640.0, 480.0, true)
    };
    snapshot_with("slider_chart_stale", common::slider_chart(40), look);
}

#[test]
fn snapshot_gallery_of_every_element() {
    snapshot(
        "gallery",
        common::gallery(),
        egui::vec2(640.0, 2000.0),
        false,
    );
}

#[test]
fn snapshot_a_run_in_flight_dims_only_what_it_has_not_redrawn() {
    // The run has re-emitted the heading and the first alert (EX-13).
    let look = Look {
        running_for: Some(Duration::from_secs(1)),
        fresh: Some(["main.0", "main.1"].into_iter().map(NodeId::new).collect()),
        ..Look::new(640.0, 420.0, false)
    };
    snapshot_with("partly_fresh", common::alerts_and_exception(), look);
}
