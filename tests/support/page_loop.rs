//! A real page run by `AppTest`, drawn with egui_kittest: what the renderer
//! sends goes back to the page, which reruns, as in the app. Shared by the
//! renderer tests of layout and inputs.
#![allow(dead_code)] // each test file uses what it needs

use brook::egui;
use brook::prelude::*;
use brook::render::{RenderState, View, draw};
use brook::testing::AppTest;
use brook::tree::Event;
use egui_kittest::Harness;

/// A page, the renderer, and what the renderer sent in the last frames.
pub struct Loop {
    pub at: AppTest,
    pub state: RenderState,
    pub generation: u64,
    pub events: Vec<Event>,
}

/// The page run once, in a harness of `size` and `theme` whose renderer
/// keeps `state` (e.g. one with fake file dialogs).
pub fn harness_with<F, R>(
    page: F,
    size: egui::Vec2,
    theme: egui::Theme,
    state: RenderState,
) -> Harness<'static, Loop>
where
    F: Fn(&mut St<'_>) -> R + Send + Sync + 'static,
    R: brook::IntoPageResult,
{
    let mut at = AppTest::new(page);
    at.run();
    Harness::builder()
        .with_size(size)
        .with_theme(theme)
        .build_ui_state(
            |ui, l: &mut Loop| {
                let view = View::new(l.at.tree()).generation(l.generation);
                let events = draw(ui, &view, &mut l.state);
                l.events.extend(events);
            },
            Loop {
                at,
                state,
                generation: 1,
                events: Vec::new(),
            },
        )
}

/// Runs the frames, hands what the renderer sent to the page, reruns it if
/// anything was sent, and draws the new tree. Returns the events.
pub fn settle(h: &mut Harness<'_, Loop>) -> Vec<Event> {
    h.run();
    let l = h.state_mut();
    let events = std::mem::take(&mut l.events);
    if !events.is_empty() {
        l.at.send_events(events.clone()).run();
        l.generation += 1;
    }
    h.run();
    events
}

/// The page's texts as the last run wrote them.
pub fn texts(h: &Harness<'_, Loop>) -> Vec<String> {
    h.state()
        .at
        .texts()
        .into_iter()
        .map(str::to_owned)
        .collect()
}
