//! Chat messages (an avatar beside their content) and the chat input (a
//! message box with a send button, pinned to the bottom of the window when
//! it is at the top level of the main area).

use egui::{Color32, Key, Sense, Stroke, TextEdit, Vec2, pos2, vec2};

use super::widgets::icons::{Icon, icon_button};
use super::widgets::{hidden_label, with_help};
use super::{Cx, draw_nodes};
use crate::tree::{Avatar, Event, Node, Tree, WidgetNode, WidgetSpec, WidgetValue};

const AVATAR: f32 = 28.0;

/// `st.chat_message`: the avatar, then the content; the user's messages on
/// a faint background, as Streamlit draws them.
pub(super) fn message(
    ui: &mut egui::Ui,
    role: &str,
    avatar: &Avatar,
    children: &[Node],
    cx: &mut Cx<'_, '_>,
) {
    let fill = if matches!(avatar, Avatar::User) {
        ui.visuals().faint_bg_color
    } else {
        Color32::TRANSPARENT
    };
    egui::Frame::new()
        .fill(fill)
        .corner_radius(8.0)
        .inner_margin(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_top(|ui| {
                draw_avatar(ui, role, avatar, cx);
                ui.vertical(|ui| draw_nodes(ui, children, cx));
            });
        });
}

fn draw_avatar(ui: &mut egui::Ui, role: &str, avatar: &Avatar, cx: &mut Cx<'_, '_>) {
    if let Avatar::Image(source) = avatar {
        let image = super::media::source_image(ui.ctx(), source, &mut cx.state.inputs);
        ui.add(
            image
                .fit_to_exact_size(Vec2::splat(AVATAR))
                .corner_radius(AVATAR / 2.0)
                .alt_text(role),
        );
        return;
    }
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(AVATAR), Sense::hover());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Image, true, format!("{role} avatar"))
    });
    let painter = ui.painter();
    let c = rect.center();
    let r = AVATAR / 2.0;
    match avatar {
        Avatar::User => {
            painter.circle_filled(c, r, Color32::from_rgb(255, 108, 108));
            painter.circle_filled(c - vec2(0.0, r * 0.25), r * 0.3, Color32::WHITE);
            let body =
                egui::Rect::from_center_size(c + vec2(0.0, r * 0.45), vec2(r * 1.1, r * 0.6));
            painter.rect_filled(body, r * 0.3, Color32::WHITE);
        }
        Avatar::Assistant => {
            painter.circle_filled(c, r, Color32::from_rgb(255, 189, 69));
            let head = egui::Rect::from_center_size(c, vec2(r * 1.1, r * 0.85));
            painter.rect_filled(head, 3.0, Color32::WHITE);
            for dx in [-0.25, 0.25] {
                painter.circle_filled(
                    c + vec2(r * dx, -r * 0.05),
                    r * 0.11,
                    Color32::from_rgb(255, 189, 69),
                );
            }
            painter.line_segment(
                [pos2(c.x, head.top()), pos2(c.x, head.top() - r * 0.25)],
                Stroke::new(2.0, Color32::WHITE),
            );
        }
        Avatar::Initial(text) | Avatar::Emoji(text) => {
            let bg = if matches!(avatar, Avatar::Initial(_)) {
                ui.visuals().selection.bg_fill
            } else {
                ui.visuals().faint_bg_color
            };
            painter.circle_filled(c, r, bg);
            painter.text(
                c,
                egui::Align2::CENTER_CENTER,
                text,
                egui::FontId::proportional(r * 1.1),
                ui.visuals().strong_text_color(),
            );
        }
        Avatar::Image(_) => {}
    }
}

/// The chat input drawn at the bottom of the window, if the main area has
/// one at its top level (the first such).
pub(super) fn pinned<'t>(tree: &'t Tree, cull: &mut super::cull::Cull) -> Option<&'t WidgetNode> {
    match &tree.main.get(cull.pinned_chat(&tree.main)?)?.element {
        crate::tree::Element::Widget(w) => Some(w),
        _ => None,
    }
}

/// The pinned chat input, in the bottom panel.
pub(super) fn pinned_input(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let sent = cx.events.len();
    let mut scope = egui::UiBuilder::new().id_salt(&widget.id);
    if widget.disabled {
        scope = scope.disabled();
    }
    ui.scope_builder(scope, |ui| input(ui, widget, cx));
    if widget.disabled {
        cx.events.truncate(sent);
    }
}

/// `st.chat_input`: Enter or the send button submits the message (for one
/// run) and empties the box.
pub(super) fn input(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let (placeholder, max_chars) = match &widget.spec {
        WidgetSpec::Chat(spec) => (spec.placeholder.as_str(), spec.max_chars),
        _ => (widget.label.as_str(), None),
    };
    let mut buffer = cx.state.inputs.chat.remove(&widget.id).unwrap_or_default();
    let mut submit = false;
    ui.horizontal(|ui| {
        let send_width = 36.0;
        let width = (ui.available_width() - send_width - ui.spacing().item_spacing.x).max(80.0);
        let mut edit = TextEdit::singleline(&mut buffer)
            .hint_text(placeholder)
            .desired_width(width)
            .margin(vec2(8.0, 6.0));
        if let Some(max) = max_chars {
            edit = edit.char_limit(max);
        }
        // The placeholder names the box for screen readers and tests.
        let label = hidden_label(ui, &widget.label, false);
        let response = with_help(ui.add(edit).labelled_by(label.id), widget);
        if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            submit = true;
            response.request_focus();
        }
        let send = ui
            .add_enabled_ui(!buffer.trim().is_empty(), |ui| {
                icon_button(ui, Icon::Send, "Send", false)
            })
            .inner;
        if send.clicked() {
            submit = true;
            response.request_focus(); // keep typing the next message
        }
    });
    if submit && !buffer.trim().is_empty() {
        cx.events.push(Event::SetValue {
            id: widget.id.clone(),
            value: WidgetValue::Text(std::mem::take(&mut buffer)),
        });
    }
    if !buffer.is_empty() {
        cx.state.inputs.chat.insert(widget.id.clone(), buffer);
    }
}
