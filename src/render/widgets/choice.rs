//! Buttons, checkboxes, toggles, selectboxes and radio buttons.

use egui::RichText;

use super::{Toggle, accent, field_label, field_width, finish, with_help};
use crate::render::Cx;
use crate::render::theme::Colors;
use crate::tree::{ButtonKind, Event, WidgetNode, WidgetSpec, WidgetValue};

/// `st.button`: a click sends [`Event::Click`]. Secondary buttons are
/// outlined, primary ones filled with the accent, tertiary ones bare text.
pub(super) fn button(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let kind = match widget.spec {
        WidgetSpec::Button { kind } => kind,
        _ => ButtonKind::Secondary,
    };
    let colors = Colors::of(ui);
    let label = widget.label.as_str();
    let text = RichText::new(label).text_style(egui::TextStyle::Button);
    let button = match kind {
        ButtonKind::Secondary => egui::Button::new(text),
        ButtonKind::Primary => egui::Button::new(text.color(colors.on_primary))
            .fill(colors.primary_fill)
            .stroke(egui::Stroke::new(1.0, colors.primary_fill)),
        ButtonKind::Tertiary => egui::Button::new(text).frame(false),
    };
    let response = with_help(ui.add(button), widget);
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
    let response = with_help(accent::checkbox(ui, &mut on, inline_label(widget)), widget);
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
    // The field looks like a text input: the secondary background, a
    // chevron on the right.
    let field = ui.visuals().extreme_bg_color;
    let w = &mut ui.visuals_mut().widgets;
    w.inactive.weak_bg_fill = field;
    w.hovered.weak_bg_fill = field;
    w.open.weak_bg_fill = field;
    let response = egui::ComboBox::from_id_salt("selectbox")
        .icon(chevron_down)
        .selected_text(if selected.is_some() {
            RichText::new(shown).text_style(egui::TextStyle::Button)
        } else {
            RichText::new(shown)
                .text_style(egui::TextStyle::Button)
                .weak()
        })
        .width(field_width(ui, widget))
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

/// A chevron pointing down, the selectbox's icon.
fn chevron_down(
    ui: &egui::Ui,
    rect: egui::Rect,
    visuals: &egui::style::WidgetVisuals,
    _open: bool,
) {
    let c = rect.center();
    let points = vec![
        c + egui::vec2(-5.0, -2.5),
        c + egui::vec2(0.0, 2.5),
        c + egui::vec2(5.0, -2.5),
    ];
    ui.painter().add(egui::Shape::line(
        points,
        egui::Stroke::new(1.5, visuals.text_color()),
    ));
}

/// `st.radio`: one radio button per option; commits on change.
pub(super) fn radio(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let (options, horizontal) = options(widget);
    let selected = index(cx.value(widget));
    let label = field_label(ui, widget);
    let mut chosen = None;
    let mut buttons = |ui: &mut egui::Ui| {
        for (i, option) in options.iter().enumerate() {
            let response = with_help(
                accent::radio(ui, Some(i) == selected, option.as_str()),
                widget,
            );
            if response.clicked() {
                chosen = Some(i);
            }
        }
    };
    // The options are named by their own text; the label above names the group.
    let _ = label;
    if horizontal {
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 16.0;
            buttons(ui);
        });
    } else {
        ui.vertical(|ui| buttons(ui));
    }
    if let Some(i) = chosen
        && Some(i) != selected
    {
        cx.commit(widget, WidgetValue::Index(i), false);
    }
}
