//! Fragments and dialogs drawn headlessly with egui_kittest, over a real
//! session: what the user clicks becomes events, the session runs them, the
//! renderer draws the new tree.
#![allow(clippy::unwrap_used)] // tests may unwrap (STYLE.md)

use brook::egui;
use brook::prelude::*;
use brook::render::{RenderState, View, draw};
use brook::session::Execution;
use brook::testing::AppTest;
use brook::tree::Event;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// A session and the renderer, with the events of the last frames.
struct App {
    at: AppTest,
    state: RenderState,
    events: Vec<Event>,
    generation: u64,
}

impl App {
    /// Hands the events to the session, as the runner would.
    fn step(&mut self) -> Vec<Execution> {
        let events = std::mem::take(&mut self.events);
        let report = self.at.session_mut().handle(events);
        self.generation += 1;
        report.executions
    }
}

fn harness(page: impl Fn(&mut St) + Send + Sync + 'static) -> Harness<'static, App> {
    let mut at = AppTest::new(page);
    at.run();
    Harness::builder()
        .with_size(egui::vec2(800.0, 600.0))
        .build_ui_state(
            |ui, app: &mut App| {
                let tree = app.at.session().tree().clone();
                let view = View::new(&tree).generation(app.generation);
                let events = draw(ui, &view, &mut app.state);
                app.events.extend(events);
            },
            App {
                at,
                state: RenderState::default(),
                events: Vec::new(),
                generation: 1,
            },
        )
}

fn counter_page(st: &mut St) {
    st.state().init("page_runs", || 0_i64);
    st.state()
        .update("page_runs", |n: &mut i64| *n += 1)
        .unwrap();
    st.text("page");
    st.fragment(|st| {
        st.state().init("clicks", || 0_i64);
        if st.button("Count") {
            st.state().update("clicks", |n: &mut i64| *n += 1).unwrap();
        }
        let n: i64 = st.state().get("clicks").unwrap();
        st.text(format!("clicked {n}"));
    });
}

#[test]
fn a_fragments_elements_are_drawn_in_place_and_its_button_reruns_only_it() {
    // FR-1
    let mut h = harness(counter_page);
    h.run();
    h.get_by_label("page");
    h.get_by_label("Count").click();
    h.run();
    assert_eq!(h.state_mut().step(), [Execution::Fragment]);
    h.run();
    h.get_by_label("clicked 1");
    assert_eq!(h.state().at.state::<i64>("page_runs"), 1);
}

fn dialog_page(dismissible: bool) -> impl Fn(&mut St) + Send + Sync + 'static {
    move |st: &mut St| {
        st.text("behind");
        st.add(
            Dialog::new("Settings", |st| {
                let on = st.checkbox("Dark mode");
                st.text(format!("dark={on}"));
            })
            .dismissible(dismissible),
        );
    }
}

#[test]
fn a_dialog_is_a_modal_whose_widgets_rerun_its_body() {
    let mut h = harness(dialog_page(true));
    h.run();
    h.get_by_label("Settings");
    h.get_by_label("Dark mode").click();
    h.run();
    assert_eq!(h.state_mut().step(), [Execution::Fragment]);
    h.run();
    h.get_by_label("dark=true");
}

#[test]
fn the_close_button_and_escape_close_a_dialog() {
    for how in ["button", "escape"] {
        let mut h = harness(dialog_page(true));
        h.run();
        match how {
            "button" => h.get_by_label("Close").click(),
            _ => h.key_press(egui::Key::Escape),
        }
        h.run();
        let events = h.state().events.clone();
        assert!(
            matches!(events.as_slice(), [Event::CloseDialog(_)]),
            "{how}: {events:?}"
        );
        // Hidden at once, before the session has answered.
        assert!(h.query_by_label("Dark mode").is_none(), "{how}");
        assert!(h.state_mut().step().is_empty(), "closing runs nothing");
        h.run();
        assert!(h.query_by_label("Settings").is_none(), "{how}");
        h.get_by_label("behind");
    }
}

#[test]
fn a_dialog_that_is_not_dismissible_has_no_close_button_and_ignores_escape() {
    let mut h = harness(dialog_page(false));
    h.run();
    assert!(h.query_by_label("Close").is_none());
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().events.is_empty());
    h.get_by_label("Dark mode");
}
