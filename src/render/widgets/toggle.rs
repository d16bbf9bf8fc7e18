//! [`Toggle`]: an on/off switch with a label, for `st.toggle`.

use egui::{Response, Role, Sense, TextStyle, Ui, Widget, WidgetInfo, WidgetText, vec2};

/// An on/off switch followed by its label (`st.toggle`).
///
/// Behaves like [`egui::Checkbox`] (click anywhere on it to flip it) and
/// reports itself to AccessKit as a switch named by its label.
///
/// ```
/// # brook::egui::__run_test_ui(|ui| {
/// let mut on = false;
/// ui.add(brook::render::Toggle::new(&mut on, "Dark mode"));
/// # });
/// ```
#[must_use = "You should put this widget in a ui with `ui.add(widget);`"]
pub struct Toggle<'a> {
    on: &'a mut bool,
    text: WidgetText,
}

impl<'a> Toggle<'a> {
    /// A switch showing `*on`, labelled `text`.
    pub fn new(on: &'a mut bool, text: impl Into<WidgetText>) -> Self {
        Self {
            on,
            text: text.into(),
        }
    }
}

impl Widget for Toggle<'_> {
    fn ui(self, ui: &mut Ui) -> Response {
        let Self { on, text } = self;

        // 1. Size: a pill, then the label.
        let height = 24.0;
        let switch = vec2(36.0, 20.0_f32.min(height));
        let gap = ui.spacing().item_spacing.x;
        let galley = text.into_galley(
            ui,
            None,
            ui.available_width() - switch.x - gap,
            TextStyle::Button,
        );
        let desired = vec2(
            switch.x + gap + galley.size().x,
            height.max(galley.size().y),
        );

        // 2. Allocate.
        let (rect, mut response) = ui.allocate_exact_size(desired, Sense::click());

        // 3. Interact.
        if response.clicked() {
            *on = !*on;
            response.mark_changed();
        }
        let label = galley.text().to_owned();
        response.widget_info(|| WidgetInfo::selected(Role::Switch, ui.is_enabled(), *on, &label));

        // 4. Paint.
        if ui.is_rect_visible(rect) {
            let how_on = ui.ctx().animate_bool_responsive(response.id, *on);
            // The accent when on, the border colour when off; a white knob.
            let colors = crate::render::theme::Colors::of(ui);
            let pill =
                egui::Rect::from_min_size(rect.left_center() - vec2(0.0, switch.y / 2.0), switch)
                    .shrink(2.0);
            let radius = 0.5 * pill.height();
            let off = if response.hovered() {
                crate::render::theme::mix(colors.primary, colors.border, 0.3)
            } else {
                colors.border
            };
            let fill = crate::render::theme::mix(colors.primary, off, how_on);
            ui.painter().rect_filled(pill, radius, fill);
            let knob_x = egui::lerp((pill.left() + radius)..=(pill.right() - radius), how_on);
            let knob = egui::pos2(knob_x, pill.center().y);
            ui.painter()
                .circle_filled(knob, radius - 2.0, egui::Color32::WHITE);
            let text_pos = egui::pos2(
                rect.left() + switch.x + gap,
                rect.center().y - galley.size().y / 2.0,
            );
            ui.painter().galley(
                text_pos,
                galley,
                ui.style().interact(&response).text_color(),
            );
        }
        response
    }
}
