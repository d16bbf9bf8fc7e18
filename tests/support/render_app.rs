//! The renderer under a stand-in for the runner, for the renderer tests
//! (`render.rs`, `render_snapshots.rs`): a harness that draws a tree,
//! records the events the renderer sends, and publishes trees as runs do.

#![allow(dead_code)] // each test file uses its own part

use std::time::Duration;

use brook::egui;
use brook::render::{RenderState, View, draw};
use brook::tree::{Element, Event, Tree};
use egui_kittest::Harness;

/// The renderer plus a stand-in for the runner: it records events, and
/// `apply` publishes a new tree carrying them the way a run would.
pub struct App {
    pub tree: Tree,
    pub state: RenderState,
    pub events: Vec<Event>,
    pub generation: u64,
    pub running_for: Option<Duration>,
    pub pages: Vec<String>,
    pub page: usize,
}

impl App {
    pub fn new(tree: Tree) -> Self {
        Self {
            tree,
            state: RenderState::default(),
            events: Vec::new(),
            generation: 1,
            running_for: None,
            pages: Vec::new(),
            page: 0,
        }
    }

    /// Publishes a tree in which `events` are applied, as a run would.
    pub fn apply(&mut self, events: &[Event]) {
        let mut tree = self.tree.clone();
        for event in events {
            if let Event::SetValue { id, value } = event {
                for n in &mut tree.main {
                    if let Element::Widget(w) = &mut n.element
                        && &w.id == id
                    {
                        w.value = value.clone();
                    }
                }
            }
        }
        self.tree = tree;
        self.generation += 1;
    }

    pub fn take(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }
}

pub fn harness(tree: Tree) -> Harness<'static, App> {
    harness_sized(tree, egui::vec2(640.0, 480.0))
}

/// A harness of `size`: tall enough, every node of a long tree is in sight
/// (the renderer draws only what is, see `render::cull`).
pub fn harness_sized(tree: Tree, size: egui::Vec2) -> Harness<'static, App> {
    Harness::builder().with_size(size).build_ui_state(
        |ui, app: &mut App| {
            let view = View::new(&app.tree)
                .generation(app.generation)
                .running_for(app.running_for)
                .pages(&app.pages, app.page);
            let events = draw(ui, &view, &mut app.state);
            app.events.extend(events);
        },
        App::new(tree),
    )
}
