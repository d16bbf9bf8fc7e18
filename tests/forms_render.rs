//! Forms in the renderer, with egui_kittest and a real session behind it:
//! typing in a form runs nothing, a submit (button or Enter) runs the page
//! exactly once, and a rerun from outside the form keeps what was typed
//! (FO-2, FO-9, FO-10).
#![allow(clippy::unwrap_used)] // tests may unwrap (STYLE.md)

use std::sync::Arc;

use brook::egui;
use brook::prelude::*;
use brook::render::{RenderState, View, draw};
use brook::session::{Page, Session, SessionOptions};
use brook::tree::{Event, Tree, WidgetId, WidgetValue};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// The renderer over a session run inline: what the window does, minus the
/// script thread (whose interruption has its own tests).
struct Live {
    session: Session,
    tree: Arc<Tree>,
    generation: u64,
    render: RenderState,
    /// Every batch of events the renderer sent, one per step.
    sent: Vec<Vec<Event>>,
}

impl Live {
    fn new(page: fn(&mut St) -> brook::Result<()>) -> Self {
        let mut session = Session::new(vec![Page::new("forms", page)], SessionOptions::default());
        let tree = session.handle(Vec::new()).tree;
        Self {
            session,
            tree,
            generation: 1,
            render: RenderState::default(),
            sent: Vec::new(),
        }
    }

    fn frame(&mut self, ui: &mut egui::Ui) {
        let view = View::new(&self.tree).generation(self.generation);
        let events = draw(ui, &view, &mut self.render);
        if !events.is_empty() {
            self.sent.push(events.clone());
            self.tree = self.session.handle(events).tree;
            self.generation += 1;
        }
    }

    fn runs(&self) -> i64 {
        self.session.state().get("n_runs").unwrap()
    }

    fn id(&self, label: &str) -> WidgetId {
        self.tree
            .widgets()
            .find(|w| w.label == label)
            .unwrap()
            .id
            .clone()
    }
}

fn harness(page: fn(&mut St) -> brook::Result<()>) -> Harness<'static, Live> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(700.0, 600.0))
        .build_ui_state(|ui, app: &mut Live| app.frame(ui), Live::new(page));
    h.run();
    h
}

fn form_page(st: &mut St, options: FormOptions) -> brook::Result<()> {
    st.state().init("n_runs", || 0_i64);
    let runs = st.state().update("n_runs", |n: &mut i64| {
        *n += 1;
        *n
    })?;
    let (sent, name, count) = st.form(options, |form| {
        let name = form.add(TextInput::new("Name").value("x").key("name"));
        let count = form.add(NumberInput::new("Count").value(1_i64).key("count"));
        (form.form_submit_button("Save"), name, count)
    });
    st.button("Outside");
    st.text(format!("runs={runs} sent={sent} name={name} count={count}"));
    Ok(())
}

fn page(st: &mut St) -> brook::Result<()> {
    form_page(st, FormOptions::new("f"))
}

fn type_into(h: &mut Harness<'_, Live>, label: &str, text: &str) {
    let field = h.get_by_label(label);
    field.focus();
    field.type_text(text);
    h.run();
}

#[test]
fn typing_in_a_form_field_causes_no_run() {
    // FO-2
    let mut h = harness(page);
    type_into(&mut h, "Name", "yz");
    h.key_press(egui::Key::Tab); // focus moves on: the edit commits, into the form
    h.run();
    assert_eq!(h.state().runs(), 1);
    assert!(h.state().sent.is_empty(), "{:?}", h.state().sent);
    let name = h.state().id("Name");
    assert_eq!(
        h.state().render.local_edit(&name),
        Some(&WidgetValue::Text("xyz".to_owned()))
    );
    let _ = h.get_by_label("runs=1 sent=false name=x count=1");
}

#[test]
fn the_submit_button_causes_exactly_one_run_with_every_value() {
    // FO-2
    let mut h = harness(page);
    type_into(&mut h, "Name", "yz");
    h.get_by_label("Save").click();
    h.run();
    assert_eq!(h.state().runs(), 2);
    let (name, save) = (h.state().id("Name"), h.state().id("Save"));
    assert_eq!(
        h.state().sent,
        vec![vec![
            Event::SetValue {
                id: name.clone(),
                value: WidgetValue::Text("xyz".to_owned())
            },
            Event::Click { id: save }
        ]]
    );
    let _ = h.get_by_label("runs=2 sent=true name=xyz count=1");
    // The confirmed edit is dropped: the tree carries the value now.
    assert_eq!(h.state().render.local_edit(&name), None);
    h.run();
    assert_eq!(h.state().runs(), 2, "idle frames run nothing");
}

#[test]
fn enter_in_a_form_field_submits_it_once() {
    // FO-10
    let mut h = harness(page);
    type_into(&mut h, "Name", "yz");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().runs(), 2);
    assert_eq!(h.state().sent.len(), 1);
    let _ = h.get_by_label("runs=2 sent=true name=xyz count=1");
}

#[test]
fn enter_in_a_number_field_submits_it_too() {
    // FO-10
    let mut h = harness(page);
    let field = h.get_by_label("Count");
    field.focus();
    h.run();
    // The focused field is in text mode: replace what it holds.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Count").type_text("4");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().runs(), 2, "{:?}", h.state().sent);
    let _ = h.get_by_label("runs=2 sent=true name=x count=4");
}

#[test]
fn enter_does_not_submit_when_the_form_says_so() {
    // FO-10: enter_to_submit(false)
    fn no_enter(st: &mut St) -> brook::Result<()> {
        form_page(st, FormOptions::new("f").enter_to_submit(false))
    }
    let mut h = harness(no_enter);
    type_into(&mut h, "Name", "yz");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().runs(), 1);
    // The edit is held; the button still sends it.
    h.get_by_label("Save").click();
    h.run();
    let _ = h.get_by_label("runs=2 sent=true name=xyz count=1");
}

#[test]
fn enter_does_not_submit_when_the_first_submit_button_is_disabled() {
    // FO-10
    fn disabled_first(st: &mut St) -> brook::Result<()> {
        st.state().init("n_runs", || 0_i64);
        st.state().update("n_runs", |n: &mut i64| *n += 1)?;
        st.form("f", |form| {
            form.text_input("Name");
            form.add(FormSubmitButton::new("Locked").disabled(true));
            form.form_submit_button("Open");
        });
        Ok(())
    }
    let mut h = harness(disabled_first);
    type_into(&mut h, "Name", "a");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().runs(), 1);
    h.get_by_label("Open").click();
    h.run();
    assert_eq!(h.state().runs(), 2);
}

#[test]
fn a_rerun_from_outside_the_form_keeps_what_was_typed() {
    // FO-2: the user's typing is never lost.
    let mut h = harness(page);
    type_into(&mut h, "Name", "yz");
    h.get_by_label("Outside").click();
    h.run();
    assert_eq!(h.state().runs(), 2);
    let outside = h.state().id("Outside");
    assert_eq!(
        h.state().sent,
        vec![vec![Event::Click { id: outside }]],
        "the outside click sends nothing of the form"
    );
    let _ = h.get_by_label("runs=2 sent=false name=x count=1");
    assert_eq!(h.get_by_label("Name").value().as_deref(), Some("xyz"));

    h.get_by_label("Save").click();
    h.run();
    assert_eq!(h.state().runs(), 3);
    let _ = h.get_by_label("runs=3 sent=true name=xyz count=1");
}

#[test]
fn clear_on_submit_shows_the_defaults_after_the_submit_run() {
    // FO-9
    fn clearing(st: &mut St) -> brook::Result<()> {
        form_page(st, FormOptions::new("f").clear_on_submit(true))
    }
    let mut h = harness(clearing);
    type_into(&mut h, "Name", "yz");
    h.get_by_label("Save").click();
    h.run();
    let _ = h.get_by_label("runs=2 sent=true name=xyz count=1");
    assert_eq!(h.get_by_label("Name").value().as_deref(), Some("x"));
    // The next submit sends the default shown.
    h.get_by_label("Save").click();
    h.run();
    let _ = h.get_by_label("runs=3 sent=true name=x count=1");
}
