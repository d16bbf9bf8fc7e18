//! Text inputs and text areas: the user types into a local edit, which
//! commits on Enter (Ctrl+Enter in a text area) or when focus leaves.

use egui::{Key, Modifiers, TextEdit};

use super::{field_label, field_width, finish};
use crate::render::Cx;
use crate::tree::{WidgetKind, WidgetNode, WidgetSpec, WidgetValue};

fn tree_text(widget: &WidgetNode) -> &str {
    match &widget.value {
        WidgetValue::Text(text) => text,
        _ => "",
    }
}

/// `st.text_input` / `st.text_area`.
pub(super) fn text_input(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let (max_chars, placeholder, password) = match &widget.spec {
        WidgetSpec::Text {
            max_chars,
            placeholder,
            password,
        } => (*max_chars, placeholder.as_deref(), *password),
        _ => (None, None, false),
    };
    let multiline = widget.kind == WidgetKind::TextArea;
    let label = field_label(ui, widget);

    // Edit a local buffer: the user's edit if there is one, else a copy of
    // the tree's text in a reused scratch string (no allocation per frame).
    let mut buffer = std::mem::take(&mut cx.state.scratch);
    buffer.clear();
    match cx.value(widget) {
        WidgetValue::Text(text) => buffer.push_str(text),
        _ => buffer.push_str(tree_text(widget)),
    }

    // A password field has an eye button that shows it in clear.
    let eye = ui.spacing().interact_size.y;
    let shown = password && cx.state.inputs.shown_passwords.contains(&widget.id);
    let mut width = field_width(ui, widget);
    if password {
        width -= eye + ui.spacing().item_spacing.x;
    }
    let mut edit = if multiline {
        let rows = widget.look.height.map_or(3, |h| {
            let row = ui.text_style_height(&egui::TextStyle::Body);
            ((h - 8.0) / row).floor().max(3.0) as usize
        });
        TextEdit::multiline(&mut buffer).desired_rows(rows)
    } else {
        TextEdit::singleline(&mut buffer)
    }
    .desired_width(width)
    .font(egui::TextStyle::Button)
    .align(if multiline {
        egui::Align2::LEFT_TOP
    } else {
        egui::Align2::LEFT_CENTER
    })
    .password(password && !shown);
    if let Some(max) = max_chars {
        edit = edit.char_limit(max);
    }
    if let Some(placeholder) = placeholder {
        edit = edit.hint_text(egui::RichText::new(placeholder).text_style(egui::TextStyle::Button));
    }
    let response = if password {
        ui.horizontal(|ui| {
            let response = ui.add(edit);
            let name = format!("Show {}", widget.label);
            let toggle = super::icons::icon_button(ui, super::icons::Icon::Eye, &name, shown)
                .on_hover_text(if shown {
                    "Hide password"
                } else {
                    "Show password"
                });
            if toggle.clicked() {
                if shown {
                    cx.state.inputs.shown_passwords.remove(&widget.id);
                } else {
                    cx.state.inputs.shown_passwords.insert(widget.id.clone());
                }
            }
            response
        })
        .inner
    } else {
        ui.add(edit)
    };
    let response = finish(response, &label, widget);

    let ctrl_enter = multiline
        && response.has_focus()
        && ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::Enter));
    let differs = buffer != tree_text(widget);
    let already_sent = cx.state.edits.get(&widget.id).is_some_and(|e| {
        e.sent.is_some() && matches!(&e.value, WidgetValue::Text(sent) if *sent == buffer)
    });

    if response.lost_focus() || ctrl_enter {
        if already_sent {
            cx.set_active(widget, response.has_focus());
        } else if differs {
            cx.commit(
                widget,
                WidgetValue::Text(buffer.clone()),
                response.has_focus(),
            );
        } else {
            cx.discard(widget);
        }
    } else if response.changed() {
        cx.hold(widget, WidgetValue::Text(buffer.clone()));
    } else {
        cx.set_active(widget, response.has_focus());
    }
    cx.state.scratch = buffer;
    // FO-10: Enter (Ctrl+Enter in a text area) in a form's field submits it.
    if ctrl_enter
        || (!multiline && response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)))
    {
        cx.enter_pressed(widget);
    }
}
