//! Sliders, range sliders and number inputs, with printf-style formats.

use egui::{DragValue, RangeSlider, Slider, ValueFormat};

use super::accent::{invisible_slider, paint_rail};
use super::{field_label, finish, with_help};
use crate::render::Cx;
use crate::tree::{WidgetNode, WidgetSpec, WidgetValue};

/// Bounds, step and format of a numeric widget.
struct Shape<'a> {
    min: f64,
    max: f64,
    step: f64,
    integer: bool,
    format: Option<&'a str>,
}

impl<'a> Shape<'a> {
    fn of(widget: &'a WidgetNode) -> Self {
        match &widget.spec {
            WidgetSpec::Numeric {
                min,
                max,
                step,
                integer,
                format,
            } => Self {
                min: min.min(*max),
                max: max.max(*min),
                step: *step,
                integer: *integer,
                format: format.as_deref(),
            },
            WidgetSpec::Number {
                min,
                max,
                step,
                integer,
                format,
            } => Self {
                min: min.unwrap_or(f64::NEG_INFINITY),
                max: max.unwrap_or(f64::INFINITY),
                step: *step,
                integer: *integer,
                format: format.as_deref(),
            },
            _ => Self {
                min: 0.0,
                max: 100.0,
                step: 1.0,
                integer: true,
                format: None,
            },
        }
    }

    fn value(&self, v: f64) -> WidgetValue {
        if self.integer {
            WidgetValue::Int(v.round() as i64)
        } else {
            WidgetValue::Float(v)
        }
    }

    fn range(&self, low: f64, high: f64) -> WidgetValue {
        if self.integer {
            WidgetValue::IntRange(low.round() as i64, high.round() as i64)
        } else {
            WidgetValue::FloatRange(low, high)
        }
    }

    fn format(&self) -> ValueFormat<'static> {
        let format = ValueFormat::default();
        let format = if self.integer {
            format.fixed_decimals(0)
        } else {
            format
        };
        match self.format.and_then(Printf::parse) {
            Some(printf) => printf.apply(format),
            None => format,
        }
    }
}

fn scalar(value: &WidgetValue) -> f64 {
    match value {
        WidgetValue::Int(i) => *i as f64,
        WidgetValue::Float(f) => *f,
        _ => 0.0,
    }
}

fn pair(value: &WidgetValue) -> (f64, f64) {
    match value {
        WidgetValue::IntRange(a, b) => (*a as f64, *b as f64),
        WidgetValue::FloatRange(a, b) => (*a, *b),
        _ => (0.0, 0.0),
    }
}

/// `st.slider` with one value: commits every new value while dragging (at
/// most once a frame), as Streamlit's slider does. The rail fills the
/// width; its filled part, thumb and value are in the accent colour.
pub(super) fn slider(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let shape = Shape::of(widget);
    let label = field_label(ui, widget);
    let before = scalar(cx.value(widget));
    let mut value = before;
    let response = invisible_slider(ui, |ui| {
        let mut slider = Slider::new(&mut value, shape.min..=shape.max)
            .format(shape.format())
            .show_value(false)
            .clamping(egui::SliderClamping::Edits);
        if shape.integer {
            slider = slider.integer();
        }
        if shape.step > 0.0 {
            slider = slider.step_by(shape.step);
        }
        ui.add(slider)
    });
    paint_rail(
        ui,
        &response,
        (shape.min, shape.max),
        (shape.min, value),
        &[value],
        &[show(&shape.format(), value)],
    );
    let response = finish(response, &label, widget);
    let active = response.dragged() || response.has_focus();
    if response.changed() && value != before {
        cx.commit(widget, shape.value(value), active);
    } else {
        cx.set_active(widget, active);
    }
}

/// `st.slider` with a `(low, high)` value: one rail with two handles, named
/// "<label> low" and "<label> high" for AccessKit.
pub(super) fn range_slider(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let shape = Shape::of(widget);
    let label = field_label(ui, widget);
    let before = pair(cx.value(widget));
    let (mut low, mut high) = before;
    let response = invisible_slider(ui, |ui| {
        let mut slider = RangeSlider::new(&mut low, &mut high, shape.min..=shape.max)
            .format(shape.format())
            .clamping(egui::SliderClamping::Edits)
            .show_value(false);
        if shape.integer {
            slider = slider.integer();
        }
        if shape.step > 0.0 {
            slider = slider.step_by(shape.step);
        }
        let response = ui.add(slider);
        // The rail is the response's id (no number field can have focus
        // with `show_value(false)`); its handles are `id.with("low"/"high")`.
        for end in ["low", "high"] {
            let name = format!("{} {end}", widget.label);
            ui.ctx()
                .accesskit_node_builder(response.id.with(end), |node| node.set_label(name));
        }
        response
    });
    let format = shape.format();
    paint_rail(
        ui,
        &response,
        (shape.min, shape.max),
        (low, high),
        &[low, high],
        &[show(&format, low), show(&format, high)],
    );
    let response = finish(response, &label, widget);
    let active = response.dragged() || response.has_focus();
    if (low, high) != before {
        cx.commit(widget, shape.range(low, high), active);
    } else {
        cx.set_active(widget, active);
    }
}

/// A value written the way the widget's format writes it.
fn show(format: &ValueFormat<'_>, value: f64) -> String {
    match &format.custom_formatter {
        Some(formatter) => formatter(
            value,
            format.min_decimals..=format.max_decimals.unwrap_or(6),
        ),
        None => match format.max_decimals {
            Some(decimals) => format!("{value:.decimals$}"),
            None => format!("{value}"),
        },
    }
}

/// `st.number_input`: a number field with − and + buttons. Typing commits on
/// Enter or focus loss, dragging at the end of the drag, a button at once.
pub(super) fn number_input(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let shape = Shape::of(widget);
    let label = field_label(ui, widget);
    let tree_value = scalar(&widget.value);
    let before = scalar(cx.value(widget));
    let mut value = before;
    let step = if shape.step > 0.0 { shape.step } else { 1.0 };
    let mut stepped = false;
    // One framed field (Streamlit's look): the number, then − and + inside
    // it. The frame's outline turns to the accent while the field has focus.
    let colors = crate::render::theme::Colors::of(ui);
    let outline = ui.painter().add(egui::Shape::Noop);
    let height = ui.spacing().interact_size.y;
    let row = ui.horizontal(|ui| {
        ui.set_min_height(height);
        ui.spacing_mut().item_spacing.x = 0.0;
        let v = ui.visuals_mut();
        for w in [&mut v.widgets.inactive, &mut v.widgets.hovered] {
            w.weak_bg_fill = egui::Color32::TRANSPARENT;
            w.bg_stroke = egui::Stroke::NONE;
        }
        let mut field = DragValue::new(&mut value)
            .range(shape.min..=shape.max)
            .speed(step)
            .format(shape.format())
            .update_while_editing(false);
        if shape.integer {
            field = field.fixed_decimals(0);
        }
        // The number on the left, as in a text input.
        let width = (ui.available_width() - 64.0).max(40.0);
        let field = ui
            .allocate_ui_with_layout(
                egui::vec2(width, height),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.add(
                        field
                            .suffix(egui::Atom::grow())
                            .min_size(egui::vec2(width, height)),
                    )
                },
            )
            .inner;
        let field = finish(field, &label, widget);
        let minus = ui
            .add_enabled_ui(value - step >= shape.min, |ui| {
                step_button(ui, height, false)
            })
            .inner;
        let minus = minus.accessible_name(format!("{} −", widget.label));
        let plus = ui
            .add_enabled_ui(value + step <= shape.max, |ui| {
                step_button(ui, height, true)
            })
            .inner;
        let plus = plus.accessible_name(format!("{} +", widget.label));
        if minus.clicked() {
            value = (value - step).max(shape.min);
            stepped = true;
        }
        if plus.clicked() {
            value = (value + step).min(shape.max);
            stepped = true;
        }
        with_help(field, widget)
    });
    let (field, frame) = (row.inner, row.response.rect);
    let stroke = if field.has_focus() {
        colors.primary
    } else {
        colors.border
    };
    ui.painter().set(
        outline,
        egui::Shape::rect_filled(frame, 8, ui.visuals().extreme_bg_color),
    );
    ui.painter().rect_stroke(
        frame,
        8,
        egui::Stroke::new(1.0, stroke),
        egui::StrokeKind::Inside,
    );

    let dragging = field.dragged();
    if stepped || (value != before && !dragging) || (field.drag_stopped() && value != tree_value) {
        cx.commit(widget, shape.value(value), false);
    } else if value != before {
        cx.hold(widget, shape.value(value)); // mid-drag
    } else {
        cx.set_active(widget, dragging || field.has_focus());
    }
    // FO-10: Enter in a form's number field submits it.
    if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        cx.enter_pressed(widget);
    }
}

/// The − or + inside a number field: a painted sign, no frame.
fn step_button(ui: &mut egui::Ui, height: f32, plus: bool) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(32.0, height), egui::Sense::click());
    let sign = if plus { "+" } else { "−" };
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, ui.is_enabled(), sign));
    if ui.is_rect_visible(rect) {
        let colors = crate::render::theme::Colors::of(ui);
        let color = if response.hovered() && ui.is_enabled() {
            colors.primary_text
        } else {
            ui.visuals().text_color()
        };
        let c = rect.center();
        let stroke = egui::Stroke::new(1.5, color);
        ui.painter()
            .line_segment([c - egui::vec2(5.0, 0.0), c + egui::vec2(5.0, 0.0)], stroke);
        if plus {
            ui.painter()
                .line_segment([c - egui::vec2(0.0, 5.0), c + egui::vec2(0.0, 5.0)], stroke);
        }
    }
    response
}

/// A printf-style format (`%d`, `%.2f`, `%x`, `%e`, with text around it),
/// as `st.slider` and `st.number_input` take it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Printf {
    prefix: String,
    suffix: String,
    conversion: char,
    precision: Option<usize>,
}

impl Printf {
    /// Parses `format`; `None` when it has no conversion.
    pub(super) fn parse(format: &str) -> Option<Self> {
        let mut prefix = String::new();
        let mut chars = format.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '%' {
                prefix.push(c);
                continue;
            }
            if chars.peek() == Some(&'%') {
                chars.next();
                prefix.push('%');
                continue;
            }
            // flags and width
            while chars.peek().is_some_and(|c| "-+ #0123456789".contains(*c)) {
                chars.next();
            }
            let mut precision = None;
            if chars.peek() == Some(&'.') {
                chars.next();
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|c| c.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                precision = Some(digits.parse().unwrap_or(0));
            }
            let conversion = chars.next()?;
            if !"diufFeEgGxXo".contains(conversion) {
                return None;
            }
            let suffix = chars.collect::<String>().replace("%%", "%");
            return Some(Self {
                prefix,
                suffix,
                conversion,
                precision,
            });
        }
        None
    }

    fn apply(self, format: ValueFormat<'static>) -> ValueFormat<'static> {
        let format = format.prefix(self.prefix).suffix(self.suffix);
        match self.conversion {
            'd' | 'i' | 'u' => format.fixed_decimals(0),
            'f' | 'F' => format.fixed_decimals(self.precision.unwrap_or(6)),
            'x' => format.hexadecimal(0, false, false),
            'X' => format.hexadecimal(0, false, true),
            'o' => format.octal(0, false),
            'e' | 'E' | 'g' | 'G' => {
                let precision = self.precision.unwrap_or(6);
                let upper = self.conversion.is_ascii_uppercase();
                format.custom_formatter(move |v, _| {
                    let s = format!("{v:.precision$e}");
                    if upper { s.to_uppercase() } else { s }
                })
            }
            _ => format,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Printf;

    #[test]
    fn printf_formats_parse_like_streamlit_takes_them() {
        let p = Printf::parse("%d").expect("parses");
        assert_eq!((p.conversion, p.precision), ('d', None));
        let p = Printf::parse("%.2f €").expect("parses");
        assert_eq!(
            (p.conversion, p.precision, p.suffix.as_str()),
            ('f', Some(2), " €")
        );
        let p = Printf::parse("x = %0.3f%%").expect("parses");
        assert_eq!(
            (p.prefix.as_str(), p.precision, p.suffix.as_str()),
            ("x = ", Some(3), "%")
        );
        assert!(Printf::parse("abc").is_none());
        assert!(Printf::parse("%s").is_none());
    }
}
