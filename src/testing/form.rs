//! `AppTest` and forms (FO-2, FO-9): set a form's widgets without a run,
//! submit the form by its key or by its button's label, see what is pending.
//!
//! ```
//! use brook::prelude::*;
//! use brook::testing::AppTest;
//!
//! fn page(st: &mut St) {
//!     let (go, n) = st.form("f", |form| {
//!         let n = form.slider("n", 0..=10);
//!         (form.form_submit_button("Go"), n)
//!     });
//!     st.text(format!("go={go} n={n}"));
//! }
//! let mut at = AppTest::new(page);
//! at.run();
//! at.set_value("n", 7).run(); // an edit inside a form: no run
//! assert_eq!(at.texts(), ["go=false n=0"]);
//! assert_eq!(at.pending_form_edits()[0].value, 7);
//! at.submit("f").run();
//! assert_eq!(at.texts(), ["go=true n=7"]);
//! assert!(at.pending_form_edits().is_empty());
//! ```

use serde::Serialize;
use serde_json::{Value, json};

use super::{AppTest, widget_json_value};
use crate::tree::{Element, Event, Form, WidgetId, WidgetKind, WidgetNode, WidgetValue};

/// An edit inside a form that no submit has sent yet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PendingEdit {
    /// The widget's kind, Streamlit's name (`text_input`, `number_input`, ...).
    pub widget: String,
    /// The widget's label.
    pub label: String,
    /// The value entered, as the page would receive it.
    pub value: Value,
    /// The form's key.
    pub form: String,
}

/// An edit held for a form.
#[derive(Debug, Clone)]
pub(super) struct Held {
    id: WidgetId,
    value: WidgetValue,
    edit: PendingEdit,
}

impl AppTest {
    /// Every form on the page, in render order.
    pub fn forms(&self) -> Vec<&Form> {
        self.tree()
            .walk()
            .filter_map(|n| match &n.element {
                Element::Form(f) => Some(f),
                _ => None,
            })
            .collect()
    }

    /// The form with this key.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// # let mut at = brook::testing::AppTest::new(|st: &mut St| {
    /// #     st.form(FormOptions::new("f").clear_on_submit(true), |form| form.form_submit_button("Go"));
    /// # });
    /// at.run();
    /// assert!(at.form("f").clear_on_submit);
    /// assert_eq!(at.form("f").submit_buttons().count(), 1);
    /// ```
    ///
    /// # Panics
    /// When the page has no such form.
    #[track_caller]
    pub fn form(&self, key: &str) -> &Form {
        match self.forms().into_iter().find(|f| f.form_id == key) {
            Some(f) => f,
            None => panic!("AppTest: no form with key {key:?}"),
        }
    }

    /// Submits the form `key` with its first submit button, as a user
    /// pressing it would (FO-2): every pending edit of the form goes with
    /// the click; applied at the next [`run`](Self::run).
    ///
    /// # Panics
    /// When there is no such form, it has no submit button, or its first
    /// submit button is disabled.
    #[track_caller]
    pub fn submit(&mut self, key: &str) -> &mut Self {
        let button = self.form(key).submit_buttons().next().cloned();
        let Some(button) = button else {
            panic!("AppTest: the form {key:?} has no submit button to press");
        };
        if let Err(e) = super::check_enabled(&button) {
            panic!("AppTest: {e}");
        }
        self.send_form(key);
        self.pending.push(Event::Click { id: button.id });
        self.actions.push(json!({"submit": key}));
        self
    }

    /// The edits inside forms not submitted yet, in the order they were made
    /// (the trace's `pending_form_edits`).
    pub fn pending_form_edits(&self) -> Vec<PendingEdit> {
        self.held.iter().map(|h| h.edit.clone()).collect()
    }

    /// What the widget labelled `label` shows: its pending form edit if it
    /// has one, else the value the page received.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// # let mut at = brook::testing::AppTest::new(|st: &mut St| {
    /// #     st.form("f", |form| { form.text_input("Name"); form.form_submit_button("Go"); });
    /// # });
    /// at.run().set_value("Name", "Ada").run();
    /// assert_eq!(at.shown_value("Name"), "Ada");
    /// assert_eq!(at.value("Name"), "", "the page has not seen it yet");
    /// ```
    #[track_caller]
    pub fn shown_value(&self, label: &str) -> Value {
        let w = self.widget(label);
        self.held
            .iter()
            .find(|h| h.id == w.id)
            .map_or_else(|| widget_json_value(w), |h| h.edit.value.clone())
    }

    /// Holds an edit of a form's widget until its form is submitted.
    pub(super) fn hold(&mut self, w: &WidgetNode, value: WidgetValue, json: Value) {
        let form = w.form.clone().unwrap_or_default();
        self.actions
            .push(json!({"set": {"widget": w.kind.name(), "label": w.label, "value": json}}));
        self.held.retain(|h| h.id != w.id);
        self.held.push(Held {
            id: w.id.clone(),
            value,
            edit: PendingEdit {
                widget: w.kind.name().to_owned(),
                label: w.label.clone(),
                value: json,
                form,
            },
        });
    }

    /// Queues every held edit of form `key` for the next run.
    pub(super) fn send_form(&mut self, key: &str) {
        let (sent, kept): (Vec<Held>, Vec<Held>) = std::mem::take(&mut self.held)
            .into_iter()
            .partition(|h| h.edit.form == key);
        self.held = kept;
        self.pending
            .extend(sent.into_iter().map(|h| Event::SetValue {
                id: h.id,
                value: h.value,
            }));
        self.submitted.push(key.to_owned());
    }

    /// FO-9: after the run a `clear_on_submit` form submitted, its widgets
    /// show their defaults again — held like edits, so the next submit
    /// sends them unless they are changed.
    pub(super) fn clear_submitted_forms(&mut self) {
        let submitted = std::mem::take(&mut self.submitted);
        let mut held = Vec::new();
        for form in self.forms() {
            if !form.clear_on_submit || !submitted.contains(&form.form_id) {
                continue;
            }
            for w in form.widgets() {
                let Some((_, default)) = form.defaults.iter().find(|(id, _)| *id == w.id) else {
                    continue;
                };
                if *default == w.value || w.kind == WidgetKind::Button {
                    continue;
                }
                let shown = WidgetNode {
                    value: default.clone(),
                    ..w.clone()
                };
                held.push(Held {
                    id: w.id.clone(),
                    value: default.clone(),
                    edit: PendingEdit {
                        widget: w.kind.name().to_owned(),
                        label: w.label.clone(),
                        value: widget_json_value(&shown),
                        form: form.form_id.clone(),
                    },
                });
            }
        }
        self.held.extend(held);
    }
}

impl AppTest {
    /// The value held for widget `id` until its form is submitted, if any
    /// (data editors add their edits to it).
    pub(super) fn held_value(&self, id: &WidgetId) -> Option<&WidgetValue> {
        self.held.iter().find(|h| h.id == *id).map(|h| &h.value)
    }
}
