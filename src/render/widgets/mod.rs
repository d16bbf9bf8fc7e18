//! Widgets: each draws the value the page saw (or the user's local edit) with
//! an egui widget and turns a committed change into an [`Event`].
//!
//! When a change commits: buttons on click; checkboxes, toggles, sliders,
//! selectboxes and radios on change; number inputs on Enter, focus loss, the
//! end of a drag or a +/- click; text inputs on Enter or focus loss; text areas
//! on Ctrl+Enter or focus loss. A disabled widget is greyed and emits nothing.
//! Every widget is named by its label for AccessKit, so screen readers and
//! `egui_kittest` find it with `get_by_label`.

mod accent;
mod choice;
mod date;
pub(super) mod file;
pub(super) mod icons;
mod numeric;
mod options;
mod text_input;
mod toggle;

pub use toggle::Toggle;

use egui::{Response, RichText};

use super::{Cx, Edit};
use crate::tree::{Event, LabelVisibility, WidgetKind, WidgetNode, WidgetValue, Width};

/// Draws `widget` under an egui id derived from its [`WidgetId`](crate::tree::WidgetId),
/// so egui's own state (focus, cursor, popups) follows the widget across reruns.
pub(super) fn widget(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let sent = cx.events.len();
    // One child Ui for both the id and the disabled state: child Uis are a
    // large part of what a frame costs.
    let mut scope = egui::UiBuilder::new().id_salt(&widget.id);
    if widget.disabled {
        scope = scope.disabled();
    }
    ui.scope_builder(scope, |ui| {
        // Fields and buttons are 2.5rem tall (Streamlit's element height).
        ui.spacing_mut().interact_size.y = crate::render::theme::field_height(ui);
        if let Width::Points(w) = widget.look.width {
            ui.set_max_width(w);
        }
        draw_kind(ui, widget, cx);
    });
    if widget.disabled {
        // egui greys a disabled widget and ignores the pointer, but a slider
        // still obeys an AccessKit "set value" request: drop whatever came
        // through, a disabled widget emits nothing.
        cx.events.truncate(sent);
        cx.discard(widget);
    }
    cx.route_submit(widget, sent);
}

fn draw_kind(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    match widget.kind {
        WidgetKind::Button => choice::button(ui, widget, cx),
        WidgetKind::Checkbox => choice::checkbox(ui, widget, cx),
        WidgetKind::Toggle => choice::toggle(ui, widget, cx),
        WidgetKind::Selectbox => choice::selectbox(ui, widget, cx),
        WidgetKind::Radio => choice::radio(ui, widget, cx),
        WidgetKind::Slider => numeric::slider(ui, widget, cx),
        WidgetKind::RangeSlider => numeric::range_slider(ui, widget, cx),
        WidgetKind::NumberInput => numeric::number_input(ui, widget, cx),
        WidgetKind::TextInput | WidgetKind::TextArea => text_input::text_input(ui, widget, cx),
        WidgetKind::Multiselect => options::multiselect(ui, widget, cx),
        WidgetKind::SelectSlider => options::select_slider(ui, widget, cx),
        WidgetKind::Pills => options::button_group(ui, widget, cx, false),
        WidgetKind::SegmentedControl => options::button_group(ui, widget, cx, true),
        WidgetKind::Feedback => options::feedback(ui, widget, cx),
        WidgetKind::DateInput => date::date_input(ui, widget, cx),
        WidgetKind::TimeInput => date::time_input(ui, widget, cx),
        WidgetKind::DateTimeInput => date::datetime_input(ui, widget, cx),
        WidgetKind::ColorPicker => date::color_picker(ui, widget, cx),
        WidgetKind::FileUploader => file::file_uploader(ui, widget, cx),
        WidgetKind::DownloadButton => file::download_button(ui, widget, cx),
        WidgetKind::ChatInput => {
            // At the top level of the main area it is pinned to the bottom
            // of the window (drawn there by `draw`), not here.
            if super::chat::pinned(cx.view.tree, &mut cx.state.cull)
                .is_none_or(|w| w.id != widget.id)
            {
                super::chat::input(ui, widget, cx);
            }
        }
        WidgetKind::Dataframe | WidgetKind::DataEditor => {
            if let crate::tree::WidgetSpec::Table(view) = &widget.spec {
                super::data::widget(ui, widget, view, cx);
            }
        }
    }
}

impl Cx<'_, '_> {
    /// The value to show: the user's local edit if any, else the tree's.
    fn value<'w>(&'w self, widget: &'w WidgetNode) -> &'w WidgetValue {
        self.state
            .edits
            .get(&widget.id)
            .map_or(&widget.value, |e| &e.value)
    }

    /// Records a committed value and sends it to the runner (a form's
    /// widget holds it until the form is submitted, FO-2).
    fn commit(&mut self, widget: &WidgetNode, value: WidgetValue, active: bool) {
        if widget.form.is_some() {
            self.hold_in_form(widget, value, active);
            return;
        }
        self.events.push(Event::SetValue {
            id: widget.id.clone(),
            value: value.clone(),
        });
        self.state.edits.insert(
            widget.id.clone(),
            Edit {
                value,
                sent: Some(self.view.generation),
                active,
            },
        );
    }

    /// Records a value the user is still editing (typing, dragging), not sent yet.
    fn hold(&mut self, widget: &WidgetNode, value: WidgetValue) {
        match self.state.edits.get_mut(&widget.id) {
            Some(edit) => {
                edit.value = value;
                edit.sent = None;
                edit.active = true;
            }
            None => {
                self.state.edits.insert(
                    widget.id.clone(),
                    Edit {
                        value,
                        sent: None,
                        active: true,
                    },
                );
            }
        }
    }

    /// Notes whether the user is still interacting with `widget` (dragging or
    /// focused), which keeps its local edit alive across new trees.
    fn set_active(&mut self, widget: &WidgetNode, active: bool) {
        if let Some(edit) = self.state.edits.get_mut(&widget.id) {
            edit.active = active;
        }
    }

    /// Drops the local edit of `widget`: the tree's value is shown again.
    fn discard(&mut self, widget: &WidgetNode) {
        self.state.edits.remove(&widget.id);
    }
}

/// The label drawn above a widget (Streamlit's layout: small text, the
/// text colour), with a "?" that shows the help text on hover.
fn field_label(ui: &mut egui::Ui, widget: &WidgetNode) -> Response {
    match widget.look.label_visibility {
        LabelVisibility::Visible => {}
        LabelVisibility::Hidden => return hidden_label(ui, &widget.label, true),
        LabelVisibility::Collapsed => return hidden_label(ui, &widget.label, false),
    }
    let text = RichText::new(widget.label.as_str())
        .small()
        .color(ui.visuals().text_color());
    let label = match &widget.help {
        None => ui.label(text),
        Some(help) => {
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = 6.0;
                let label = ui.label(text);
                help_mark(ui)
                    .on_hover_text(help)
                    .on_disabled_hover_text(help);
                label
            })
            .inner
        }
    };
    ui.add_space(2.0);
    label
}

/// A small circled "?" in the muted colour, for help tooltips.
fn help_mark(ui: &mut egui::Ui) -> Response {
    let size = ui.text_style_height(&egui::TextStyle::Small);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    if ui.is_rect_visible(rect) {
        let color = crate::render::theme::Colors::of(ui).muted;
        let r = size * 0.42;
        ui.painter()
            .circle_stroke(rect.center(), r, egui::Stroke::new(1.0, color));
        ui.painter().text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "?",
            egui::FontId::proportional(size * 0.7),
            color,
        );
    }
    response
}

/// A label that is not drawn but still names its widget for AccessKit (and
/// `egui_kittest`); `keep_space` keeps the height a visible label takes
/// (`label_visibility="hidden"`), else it takes none ("collapsed").
pub(super) fn hidden_label(ui: &mut egui::Ui, text: &str, keep_space: bool) -> Response {
    let height = if keep_space {
        ui.text_style_height(&egui::TextStyle::Small)
    } else {
        0.0
    };
    let (_, response) = ui.allocate_exact_size(egui::vec2(0.0, height), egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
    response
}

/// The width to draw a field at: all of its container's width unless the
/// page gave one (Streamlit's default `width="stretch"` for fields), a
/// minimum for `Content`.
pub(super) fn field_width(ui: &egui::Ui, widget: &WidgetNode) -> f32 {
    let available = ui.available_width();
    match widget.look.width {
        Width::Auto => available,
        Width::Stretch => available,
        Width::Content => available.min(160.0),
        Width::Points(w) => available.min(w),
    }
}

/// Names `response` by the label above it and attaches the help tooltip.
fn finish(response: Response, label: &Response, widget: &WidgetNode) -> Response {
    let response = response.labelled_by(label.id);
    with_help(response, widget)
}

/// Attaches the help text as a tooltip.
pub(super) fn with_help(response: Response, widget: &WidgetNode) -> Response {
    match &widget.help {
        Some(help) => response.on_hover_text(help).on_disabled_hover_text(help),
        None => response,
    }
}

impl Cx<'_, '_> {
    /// The value to show for `widget` (its local edit, else the tree's), for
    /// element families drawn outside this module (dataframes, data editors).
    pub(in crate::render) fn widget_value<'w>(&'w self, widget: &'w WidgetNode) -> &'w WidgetValue {
        self.value(widget)
    }

    /// Commits a new value of `widget` (sent to the runner, shown until a
    /// newer tree carries it), for element families drawn outside this module.
    pub(in crate::render) fn commit_widget(&mut self, widget: &WidgetNode, value: WidgetValue) {
        self.commit(widget, value, false);
    }
}
