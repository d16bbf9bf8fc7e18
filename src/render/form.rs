//! Forms (FO-2, FO-9, FO-10): a form's edits stay in the renderer until the
//! form is submitted, then go to the runner in one batch with the click of
//! the submit button.
//!
//! A widget of a form never sends its value when it commits: its edit is
//! held locally (so it survives reruns caused by widgets outside the form,
//! and the user's typing is never lost). Its submit button, or Enter in a
//! text or number field of the form, asks the form to submit; the form, drawn
//! around its widgets, answers at the end of its frame.

use super::{Cx, Edit, draw_nodes};
use crate::tree::{Event, Form, WidgetId, WidgetNode, WidgetValue};

/// Why a form is asked to submit.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Submit {
    /// Its submit button was clicked.
    Button(WidgetId),
    /// Enter in one of its text or number fields (FO-10).
    Enter,
}

/// `st.form`: its elements (framed when `border`), then any submit they asked for.
pub(super) fn form(ui: &mut egui::Ui, form: &Form, cx: &mut Cx<'_, '_>) {
    if form.border {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            draw_nodes(ui, &form.children, cx);
        });
    } else {
        ui.vertical(|ui| draw_nodes(ui, &form.children, cx));
    }
    let mut request = None;
    cx.submits.retain(|(id, why)| {
        if *id != form.form_id {
            return true;
        }
        request.get_or_insert_with(|| why.clone());
        false
    });
    if let Some(request) = request {
        submit(form, request, cx);
    }
}

/// Sends the form: every held edit of its widgets, then the click of the
/// submit button, in one batch (FO-2).
fn submit(form: &Form, request: Submit, cx: &mut Cx<'_, '_>) {
    let button = match request {
        Submit::Button(id) => id,
        Submit::Enter => {
            // FO-10: Enter is a click on the first submit button, unless the
            // form says otherwise or that button is disabled.
            let first = form.submit_buttons().next();
            match first {
                Some(first) if form.enter_to_submit && !first.disabled => first.id.clone(),
                _ => return,
            }
        }
    };
    let generation = cx.view.generation;
    for widget in form.widgets() {
        if let Some(edit) = cx.state.edits.get_mut(&widget.id)
            && edit.sent.is_none()
        {
            cx.events.push(Event::SetValue {
                id: widget.id.clone(),
                value: edit.value.clone(),
            });
            edit.sent = Some(generation);
            edit.active = false;
        }
    }
    cx.events.push(Event::Click { id: button });
    if form.clear_on_submit {
        // FO-9: the submit run sees what was entered; the widgets then show
        // their defaults, held like any edit until the next submit.
        for (id, default) in &form.defaults {
            cx.state
                .edits
                .insert(id.clone(), held(default.clone(), false));
        }
    }
}

fn held(value: WidgetValue, active: bool) -> Edit {
    Edit {
        value,
        sent: None,
        active,
    }
}

impl Cx<'_, '_> {
    /// Holds a committed value of a form's widget until the form is submitted.
    pub(super) fn hold_in_form(&mut self, widget: &WidgetNode, value: WidgetValue, active: bool) {
        self.state
            .edits
            .insert(widget.id.clone(), held(value, active));
    }

    /// Enter in a text or number field: asks its form, if any, to submit.
    pub(super) fn enter_pressed(&mut self, widget: &WidgetNode) {
        if let Some(form) = &widget.form {
            self.submits.push((form.clone(), Submit::Enter));
        }
    }

    /// A submit button's click (sent by the button as an [`Event::Click`]
    /// after `sent`) becomes a request to its form to submit.
    pub(super) fn route_submit(&mut self, widget: &WidgetNode, sent: usize) {
        let Some(form) = &widget.form else {
            return;
        };
        let mut tail = self.events.split_off(sent.min(self.events.len()));
        let before = tail.len();
        tail.retain(|e| !matches!(e, Event::Click { id } if *id == widget.id));
        let clicked = tail.len() < before;
        self.events.append(&mut tail);
        if clicked {
            self.submits
                .push((form.clone(), Submit::Button(widget.id.clone())));
        }
    }
}
