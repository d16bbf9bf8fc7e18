//! Renderer snapshots: trees rendered with wgpu (Mesa llvmpipe/lavapipe
//! headless) and compared with `tests/snapshots/`. Update them with
//! `UPDATE_SNAPSHOTS=true cargo test --test render_snapshots`.

mod common;
#[path = "support/render_app.rs"]
mod render_app;

use std::time::Duration;

use brook::egui;
use brook::render::{View, draw};
use brook::tree::Tree;
use egui_kittest::Harness;
use render_app::App;

fn snapshot(name: &str, tree: Tree, size: egui::Vec2, dark: bool) {
    let mut h = Harness::builder()
        .with_size(size)
        .with_theme(if dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        })
        .build_ui_state(
            |ui, app: &mut App| {
                let view = View::new(&app.tree)
                    .generation(app.generation)
                    .running_for(app.running_for);
                let events = draw(ui, &view, &mut app.state);
                app.events.extend(events);
            },
            App::new(tree),
        );
    h.run();
    h.snapshot(name);
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
    let mut h = Harness::builder()
        .with_size(egui::vec2(640.0, 480.0))
        .build_ui_state(
            |ui, app: &mut App| {
                let view = View::new(&app.tree)
                    .generation(app.generation)
                    .running_for(app.running_for);
                let events = draw(ui, &view, &mut app.state);
                app.events.extend(events);
            },
            App::new(common::slider_chart(40)),
        );
    h.state_mut().running_for = Some(Duration::from_secs(1));
    h.run();
    h.snapshot("slider_chart_stale");
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
    let fresh: std::collections::HashSet<brook::tree::NodeId> = ["main.0", "main.1"]
        .into_iter()
        .map(brook::tree::NodeId::new)
        .collect();
    let mut h = Harness::builder()
        .with_size(egui::vec2(640.0, 420.0))
        .with_theme(egui::Theme::Light)
        .build_ui_state(
            move |ui, app: &mut App| {
                let view = View::new(&app.tree)
                    .generation(app.generation)
                    .running_for(Some(Duration::from_secs(1)))
                    .fresh(Some(&fresh));
                let events = draw(ui, &view, &mut app.state);
                app.events.extend(events);
            },
            App::new(common::alerts_and_exception()),
        );
    h.run();
    h.snapshot("partly_fresh");
}
