//! Date, time and datetime inputs (egui_extras' date picker; a typed time
//! with a menu of times `step` apart) and the colour picker. Each commits
//! when a value is picked (the picker's Save, a menu entry, Enter).

use egui::{Key, TextEdit};
use egui_extras::DatePickerButton;
use jiff::civil::{Date, DateTime, Time};

use super::{field_label, finish, with_help};
use crate::render::Cx;
use crate::tree::{DateSpec, WidgetKind, WidgetNode, WidgetSpec, WidgetValue};

fn spec(widget: &WidgetNode) -> DateSpec {
    match &widget.spec {
        WidgetSpec::Date(spec) => spec.clone(),
        _ => DateSpec {
            min: None,
            max: None,
            format: "%Y/%m/%d".to_owned(),
            step_seconds: 900,
        },
    }
}

/// A date kept inside the spec's bounds.
fn clamp(spec: &DateSpec, d: Date) -> Date {
    let d = spec.min.map_or(d, |min| d.max(min));
    spec.max.map_or(d, |max| d.min(max))
}

/// One date picker button; `Some(date)` when the user saved a new date.
fn picker(
    ui: &mut egui::Ui,
    salt: &str,
    spec: &DateSpec,
    current: Date,
) -> (egui::Response, Option<Date>) {
    let mut date = current;
    let mut button = DatePickerButton::new(&mut date)
        .id_salt(salt)
        .format(spec.format.clone())
        .calendar_week(false)
        .show_icon(false)
        // Its year/month/day combo boxes have no accessible names; the arrows do.
        .combo_boxes(false);
    if let (Some(min), Some(max)) = (spec.min, spec.max) {
        button = button.start_end_years(min.year()..=max.year());
    }
    let response = ui.add(button);
    let picked = clamp(spec, date);
    let changed = (response.changed() && picked != current).then_some(picked);
    (response, changed)
}

/// `st.date_input`: one picker, or two (start – end) for a range.
pub(super) fn date_input(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let spec = spec(widget);
    let label = field_label(ui, widget);
    match cx.value(widget).clone() {
        WidgetValue::DateRange(a, b) => {
            let mut next = None;
            ui.horizontal(|ui| {
                let (start, new_a) = picker(ui, "start", &spec, a);
                finish(start, &label, widget);
                ui.label("–");
                let (end, new_b) = picker(ui, "end", &spec, b);
                with_help(end, widget);
                if new_a.is_some() || new_b.is_some() {
                    let (a, b) = (new_a.unwrap_or(a), new_b.unwrap_or(b));
                    next = Some(WidgetValue::DateRange(a.min(b), a.max(b)));
                }
            });
            if let Some(next) = next {
                cx.commit(widget, next, false);
            }
        }
        value => {
            let current = match value {
                WidgetValue::Date(d) => d,
                _ => spec.min.unwrap_or(Date::ZERO),
            };
            let (response, picked) = picker(ui, "date", &spec, current);
            finish(response, &label, widget);
            if let Some(d) = picked {
                cx.commit(widget, WidgetValue::Date(d), false);
            }
        }
    }
}

/// `HH:MM` (or `HH:MM:SS`) as a time.
fn parse_time(text: &str) -> Option<Time> {
    let mut parts = text.trim().split(':');
    let h: i8 = parts.next()?.trim().parse().ok()?;
    let m: i8 = parts.next()?.trim().parse().ok()?;
    let s: i8 = parts.next().map_or(Some(0), |s| s.trim().parse().ok())?;
    if parts.next().is_some() {
        return None;
    }
    Time::new(h, m, s, 0).ok()
}

fn show_time(t: Time) -> String {
    if t.second() == 0 {
        format!("{:02}:{:02}", t.hour(), t.minute())
    } else {
        format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())
    }
}

/// A typed time with a menu of times `step` apart; `Some(time)` when the
/// user picked or entered a new one.
fn time_field(
    ui: &mut egui::Ui,
    widget: &WidgetNode,
    label: &egui::Response,
    step: u32,
    current: Time,
) -> Option<Time> {
    let typing = ui.scope_id().with("typing");
    let mut text = ui
        .data(|d| d.get_temp::<String>(typing))
        .unwrap_or_else(|| show_time(current));
    let response = finish(
        ui.add(TextEdit::singleline(&mut text).desired_width(72.0)),
        label,
        widget,
    );
    let mut picked = None;
    if response.lost_focus() || (response.has_focus() && ui.input(|i| i.key_pressed(Key::Enter))) {
        picked = parse_time(&text);
        ui.data_mut(|d| d.remove::<String>(typing));
    } else if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(typing, text));
    }
    let menu = super::icons::icon_button(
        ui,
        super::icons::Icon::Caret,
        &format!("{} times", widget.label),
        false,
    )
    .on_hover_text("Pick a time");
    // When the menu opens, it scrolls to the time shown.
    let scroll = ui.scope_id().with("scroll");
    if menu.clicked() {
        ui.data_mut(|d| d.insert_temp(scroll, true));
    }
    egui::Popup::menu(&menu).show(|ui| {
        let mut scroll_to = ui
            .data_mut(|d| d.remove_temp::<bool>(scroll))
            .unwrap_or(false);
        egui::ScrollArea::vertical()
            .max_height(240.0)
            .show(ui, |ui| {
                let step = step.max(60);
                let mut seconds = 0;
                while seconds < 86_400 {
                    let t = Time::new(
                        i8::try_from(seconds / 3600).unwrap_or(0),
                        i8::try_from(seconds / 60 % 60).unwrap_or(0),
                        0,
                        0,
                    )
                    .unwrap_or(Time::midnight());
                    let entry = ui.selectable_label(t == current, show_time(t));
                    if scroll_to && t >= current {
                        entry.scroll_to_me(Some(egui::Align::Center));
                        scroll_to = false;
                    }
                    if entry.clicked() {
                        picked = Some(t);
                    }
                    seconds += step;
                }
            });
    });
    picked.filter(|t| *t != current)
}

/// `st.time_input`.
pub(super) fn time_input(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let spec = spec(widget);
    let label = field_label(ui, widget);
    let current = match cx.value(widget) {
        WidgetValue::Time(t) => *t,
        _ => Time::midnight(),
    };
    let picked = ui
        .horizontal(|ui| time_field(ui, widget, &label, spec.step_seconds, current))
        .inner;
    if let Some(t) = picked {
        cx.commit(widget, WidgetValue::Time(t), false);
    }
}

/// `st.datetime_input`: a date picker and a time field side by side.
pub(super) fn datetime_input(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let spec = spec(widget);
    let label = field_label(ui, widget);
    let current = match cx.value(widget) {
        WidgetValue::DateTime(d) => *d,
        _ => DateTime::ZERO,
    };
    let next = ui
        .horizontal(|ui| {
            let (response, date) = picker(ui, "date", &spec, current.date());
            with_help(response, widget);
            let time = time_field(ui, widget, &label, spec.step_seconds, current.time());
            (date.is_some() || time.is_some()).then(|| {
                date.unwrap_or(current.date())
                    .to_datetime(time.unwrap_or(current.time()))
            })
        })
        .inner;
    if let Some(d) = next {
        cx.commit(widget, WidgetValue::DateTime(d), false);
    }
}

/// `st.color_picker`: a swatch opening egui's colour picker, and the hex text.
pub(super) fn color_picker(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    debug_assert_eq!(widget.kind, WidgetKind::ColorPicker);
    let label = field_label(ui, widget);
    let hex = match cx.value(widget) {
        WidgetValue::Text(s) => s.clone(),
        _ => "#000000".to_owned(),
    };
    let before = crate::st::parse_hex(&hex).unwrap_or([0, 0, 0]);
    let mut rgb = before;
    ui.horizontal(|ui| {
        let response = egui::color_picker::color_edit_button_srgb(ui, &mut rgb);
        finish(response, &label, widget);
        ui.label(egui::RichText::new(crate::st::to_hex(rgb)).monospace());
    });
    if rgb != before {
        cx.commit(widget, WidgetValue::Text(crate::st::to_hex(rgb)), false);
    }
}

#[cfg(test)]
mod tests {
    use super::parse_time;
    use jiff::civil::time;

    #[test]
    fn typed_times_parse() {
        assert_eq!(parse_time("07:30"), Some(time(7, 30, 0, 0)));
        assert_eq!(parse_time(" 23:59:58 "), Some(time(23, 59, 58, 0)));
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_time("7"), None);
        assert_eq!(parse_time("1:2:3:4"), None);
    }
}
