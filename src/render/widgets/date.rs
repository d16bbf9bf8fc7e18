//! Date, time and datetime inputs (egui_extras' date picker; a typed time
//! with a menu of times `step` apart) and the colour picker. Each commits
//! when a value is picked (the picker's Save, a menu entry, Enter).

use egui::{Key, TextEdit};
use egui_extras::DatePickerButton;
use jiff::civil::{Date, DateTime, Time};

use super::icons::{Icon, icon_button};
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
            optional: false,
            open_on: None,
        },
    }
}

/// A date kept inside the spec's bounds.
fn clamp(spec: &DateSpec, d: Date) -> Date {
    let d = spec.min.map_or(d, |min| d.max(min));
    spec.max.map_or(d, |max| d.min(max))
}

/// What an empty date field shows: its format spelled as Streamlit writes
/// it (`YYYY/MM/DD`), so it reads as a hint, not a date.
fn placeholder(format: &str) -> String {
    format
        .replace("%Y", "YYYY")
        .replace("%m", "MM")
        .replace("%d", "DD")
        .replace('%', "%%")
}

/// One date picker button; `Some(date)` when the user saved a new date.
/// An empty one (`current` `None`) shows its format as a hint and opens on
/// `near` (a range's other end) or the spec's `open_on` day; saving any day
/// there fills it.
fn picker(
    ui: &mut egui::Ui,
    salt: &str,
    spec: &DateSpec,
    current: Option<Date>,
    near: Option<Date>,
) -> (egui::Response, Option<Date>) {
    let seed = current
        .or(near)
        .or(spec.open_on)
        .or(spec.min)
        .unwrap_or(Date::ZERO);
    let mut date = seed;
    let format = match current {
        Some(_) => spec.format.clone(),
        None => placeholder(&spec.format),
    };
    let mut button = DatePickerButton::new(&mut date)
        .id_salt(salt)
        .format(format)
        .calendar_week(false)
        .show_icon(false)
        // Its year/month/day combo boxes have no accessible names; the arrows do.
        .combo_boxes(false);
    if let (Some(min), Some(max)) = (spec.min, spec.max) {
        button = button.start_end_years(min.year()..=max.year());
    }
    let response = if current.is_some() {
        ui.add(button)
    } else {
        // The hint in the muted colour (the calendar opens in its own layer,
        // with the usual colours).
        ui.scope(|ui| {
            ui.visuals_mut().override_text_color = Some(ui.visuals().weak_text_color());
            ui.add(button)
        })
        .inner
    };
    let picked = clamp(spec, date);
    let changed = (response.changed() && Some(picked) != current).then_some(picked);
    (response, changed)
}

/// The × that empties an optional field; true when clicked.
fn clear_button(ui: &mut egui::Ui, widget: &WidgetNode, what: &str) -> bool {
    icon_button(ui, Icon::Cross, &format!("Clear {}", widget.label), false)
        .on_hover_text(format!("Clear the {what}"))
        .clicked()
}

/// `st.date_input`: one picker, or two (start – end) for a range; an
/// optional one may be empty and has a × to clear it.
pub(super) fn date_input(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let spec = spec(widget);
    let label = field_label(ui, widget);
    let value = cx.value(widget).clone();
    let range = match value {
        WidgetValue::DateRange(a, b) => Some((Some(a), Some(b))),
        WidgetValue::OptionalDateRange(a, b) => Some((a, b)),
        _ => None,
    };
    let next = if let Some((a, b)) = range {
        ui.horizontal(|ui| {
            let (start, new_a) = picker(ui, "start", &spec, a, b);
            finish(start, &label, widget);
            ui.label("–");
            let (end, new_b) = picker(ui, "end", &spec, b, a);
            with_help(end, widget);
            let cleared =
                spec.optional && (a.is_some() || b.is_some()) && clear_button(ui, widget, "dates");
            if cleared {
                return Some(WidgetValue::OptionalDateRange(None, None));
            }
            if new_a.is_none() && new_b.is_none() {
                return None;
            }
            let (a, b) = (new_a.or(a), new_b.or(b));
            Some(match (a, b) {
                (Some(a), Some(b)) if !spec.optional => WidgetValue::DateRange(a.min(b), a.max(b)),
                (Some(a), Some(b)) => {
                    WidgetValue::OptionalDateRange(Some(a.min(b)), Some(a.max(b)))
                }
                (a, b) => WidgetValue::OptionalDateRange(a, b),
            })
        })
        .inner
    } else {
        let current = match value {
            WidgetValue::Date(d) => Some(d),
            _ if spec.optional => None,
            _ => Some(spec.min.unwrap_or(Date::ZERO)),
        };
        ui.horizontal(|ui| {
            let (response, picked) = picker(ui, "date", &spec, current, None);
            finish(response, &label, widget);
            if spec.optional && current.is_some() && clear_button(ui, widget, "date") {
                return Some(WidgetValue::Empty);
            }
            picked.map(WidgetValue::Date)
        })
        .inner
    };
    if let Some(next) = next {
        cx.commit(widget, next, false);
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
/// user picked or entered a new one. An empty field (`current` `None`)
/// shows `HH:MM` as a hint.
fn time_field(
    ui: &mut egui::Ui,
    widget: &WidgetNode,
    label: &egui::Response,
    step: u32,
    current: Option<Time>,
) -> Option<Time> {
    let typing = ui.scope_id().with("typing");
    let mut text = ui
        .data(|d| d.get_temp::<String>(typing))
        .unwrap_or_else(|| current.map(show_time).unwrap_or_default());
    let response = finish(
        ui.add(
            TextEdit::singleline(&mut text)
                .hint_text("HH:MM")
                .desired_width(72.0),
        ),
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
    let shown = current.unwrap_or(Time::midnight());
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
                    let entry = ui.selectable_label(Some(t) == current, show_time(t));
                    if scroll_to && t >= shown {
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
    picked.filter(|t| Some(*t) != current)
}

/// `st.time_input`; an optional one may be empty and has a × to clear it.
pub(super) fn time_input(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let spec = spec(widget);
    let label = field_label(ui, widget);
    let current = match cx.value(widget) {
        WidgetValue::Time(t) => Some(*t),
        _ if spec.optional => None,
        _ => Some(Time::midnight()),
    };
    let next = ui
        .horizontal(|ui| {
            let picked = time_field(ui, widget, &label, spec.step_seconds, current);
            if spec.optional && current.is_some() && clear_button(ui, widget, "time") {
                return Some(WidgetValue::Empty);
            }
            picked.map(WidgetValue::Time)
        })
        .inner;
    if let Some(next) = next {
        cx.commit(widget, next, false);
    }
}

/// `st.datetime_input`: a date picker and a time field side by side. When
/// optional and empty, the time is offered once a date is picked (which
/// fills the field at midnight).
pub(super) fn datetime_input(ui: &mut egui::Ui, widget: &WidgetNode, cx: &mut Cx<'_, '_>) {
    let spec = spec(widget);
    let label = field_label(ui, widget);
    let current = match cx.value(widget) {
        WidgetValue::DateTime(d) => Some(*d),
        _ if spec.optional => None,
        _ => Some(DateTime::ZERO),
    };
    let next = ui
        .horizontal(|ui| {
            let (response, date) = picker(ui, "date", &spec, current.map(|c| c.date()), None);
            let Some(current) = current else {
                finish(response, &label, widget);
                return date.map(|d| WidgetValue::DateTime(d.to_datetime(Time::midnight())));
            };
            with_help(response, widget);
            let time = time_field(ui, widget, &label, spec.step_seconds, Some(current.time()));
            if spec.optional && clear_button(ui, widget, "date and time") {
                return Some(WidgetValue::Empty);
            }
            (date.is_some() || time.is_some()).then(|| {
                WidgetValue::DateTime(
                    date.unwrap_or(current.date())
                        .to_datetime(time.unwrap_or(current.time())),
                )
            })
        })
        .inner;
    if let Some(d) = next {
        cx.commit(widget, d, false);
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
