//! Buttons, checkboxes, toggles, selectboxes and radio buttons.

use egui::RichText;

use super::{Toggle, field_label, field_width, finish, with_help};
use crate::render::Cx;
use crate::tree::{Event, WidgetNode, WidgetSpec, WidgetValue};

/// `st.button`: a click sends [`Event::Click`].
pub(super) fn button(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let response = with_help(ui.button(widget.label.as_str()), widget);
    if response.clicked() {
        cx.events.push(Event::Click {
            id: widget.id.clone(),
        });
    }
}

fn checked(value: &WidgetValue) -> bool {
    matches!(value, WidgetValue::Bool(true))
}

/// The text beside a checkbox or toggle: none when the label is hidden
/// (`label_visibility`); the widget is then named for AccessKit only.
fn inline_label(widget: &WidgetNode) -> &str {
    match widget.look.label_visibility {
        crate::tree::LabelVisibility::Visible => &widget.label,
        _ => "",
    }
}

/// Names a checkbox or toggle whose label is hidden.
fn name_hidden(
    ui: &egui::Ui,
    response: &egui::Response,
    widget: &WidgetNode,
    role: egui::Role,
    on: bool,
) {
    if inline_label(widget).is_empty() {
        response
            .widget_info(|| egui::WidgetInfo::selected(role, ui.is_enabled(), on, &widget.label));
    }
}

/// `st.checkbox`: commits on change.
pub(super) fn checkbox(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let mut on = checked(cx.value(widget));
    let response = with_help(ui.checkbox(&mut on, inline_label(widget)), widget);
    name_hidden(ui, &response, widget, egui::Role::CheckBox, on);
    if response.changed() {
        cx.commit(widget, WidgetValue::Bool(on), false);
    }
}

/// `st.toggle`: a switch; commits on change.
pub(super) fn toggle(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let mut on = checked(cx.value(widget));
    let response = with_help(ui.add(Toggle::new(&mut on, inline_label(widget))), widget);
    name_hidden(ui, &response, widget, egui::Role::Switch, on);
    if response.changed() {
        cx.commit(widget, WidgetValue::Bool(on), false);
    }
}

fn options(widget: &WidgetNode) -> (&[String], bool) {
    match &widget.spec {
        WidgetSpec::Choice {
            options,
            horizontal,
            ..
        } => (options, *horizontal),
        _ => (&[], false),
    }
}

fn index(value: &WidgetValue) -> Option<usize> {
    match value {
        WidgetValue::Index(i) => Some(*i),
        _ => None,
    }
}

/// `st.selectbox`: a combo box; commits on change.
pub(super) fn selectbox(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let (options, _) = options(widget);
    let selected = index(cx.value(widget));
    let label = field_label(ui, widget);
    let shown = selected
        .and_then(|i| options.get(i))
        .map_or("Choose an option", String::as_str);
    let mut chosen = None;
    let response = egui::ComboBox::from_id_salt("selectbox")
        .selected_text(if selected.is_some() {
            RichText::new(shown)
        } else {
            RichText::new(shown).weak()
        })
        .width(field_width(ui, widget, 400.0))
        .show_ui(ui, |ui| {
            for (i, option) in options.iter().enumerate() {
                if ui
                    .selectable_label(Some(i) == selected, option.as_str())
                    .clicked()
                {
                    chosen = Some(i);
                }
            }
        })
        .response;
    finish(response, &label, widget);
    if let Some(i) = chosen
        && Some(i) != selected
    {
        cx.commit(widget, WidgetValue::Index(i), false);
    }
}

/// `st.radio`: one radio button per option; commits on change.
pub(super) fn radio(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let (options, horizontal) = options(widget);
    let selected = index(cx.value(widget));
    let label = field_label(ui, widget);
    let mut chosen = None;
    let mut buttons = |ui: &mut egui::Ui| {
        for (i, option) in options.iter().enumerate() {
            let response = with_help(ui.radio(Some(i) == selected, option.as_str()), widget);
            if response.clicked() {
                chosen = Some(i);
            }
        }
    };
    // The options are named by their own text; the label above names the group.
    let _ = label;
    if horizontal {
        ui.horizontal_wrapped(|ui| buttons(ui));
    } else {
        ui.vertical(|ui| buttons(ui));
    }
    if let Some(i) = chosen
        && Some(i) != selected
    {
        cx.commit(widget, WidgetValue::Index(i), false);
    }
}
