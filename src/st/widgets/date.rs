//! Dates and times: `DateInput`, `DateRangeInput`, `TimeInput`,
//! `DateTimeInput` (`st.date_input`, `st.time_input`, `st.datetime_input`).
//!
//! Values are `jiff` civil types (the crate egui_extras' date picker uses,
//! re-exported as `brook::jiff`); they serialise as ISO 8601 text, so keyed
//! values persist across restarts.

use std::fmt::Display;
use std::sync::Arc;
use std::time::Duration;

use jiff::ToSpan;
use jiff::civil::{Date, DateTime, Time};

use super::{Common, Decl, Widget};
use crate::error::{Error, Result};
use crate::st::St;
use crate::tree::{DateSpec, WidgetKind, WidgetSpec, WidgetValue};

/// The local date and time by the run's clock (the default of a date or
/// time input): the calendar in an app, a fixed date in `AppTest`.
fn now() -> DateTime {
    crate::runtime::clock().local_datetime()
}

/// Streamlit's date formats (`YYYY/MM/DD`, `DD/MM/YYYY`, `MM/DD/YYYY`, with
/// `/`, `.` or `-`) as a `strftime` format.
fn strftime_format(format: &str) -> Result<String> {
    let sep = format.chars().find(|c| matches!(c, '/' | '.' | '-'));
    let parts: Vec<&str> = match sep {
        Some(sep) => format.split(sep).collect(),
        None => Vec::new(),
    };
    let field = |p: &str| match p {
        "YYYY" => Some("%Y"),
        "MM" => Some("%m"),
        "DD" => Some("%d"),
        _ => None,
    };
    let order_ok = matches!(
        parts.as_slice(),
        ["YYYY", "MM", "DD"] | ["DD", "MM", "YYYY"] | ["MM", "DD", "YYYY"]
    );
    match (sep, order_ok) {
        (Some(sep), true) => Ok(parts
            .iter()
            .filter_map(|p| field(p))
            .collect::<Vec<_>>()
            .join(&sep.to_string())),
        _ => Err(Error::invalid(
            WidgetKind::DateInput.name(),
            format!(
                "The provided format (`{format}`) is not valid. DateInput format should be one of \
                 `YYYY/MM/DD`, `DD/MM/YYYY`, or `MM/DD/YYYY` and can also use a period (.) or hyphen (-) as separators."
            ),
        )),
    }
}

fn min_over_max(kind: WidgetKind, min: impl Display, max: impl Display) -> Error {
    Error::invalid(
        kind.name(),
        format!(
            "The `min_value`, set to {min}, shouldn't be larger than the `max_value`, set to {max}."
        ),
    )
}

fn outside(
    kind: WidgetKind,
    what: &str,
    v: impl Display,
    min: impl Display,
    max: impl Display,
) -> Error {
    Error::invalid(
        kind.name(),
        format!(
            "{what} {v} must lie between the `min_value` of {min} and the `max_value` of {max}, inclusively."
        ),
    )
}

/// Bounds of a date input: the given ones, or ten years either side of `around`.
fn date_bounds(
    kind: WidgetKind,
    min: Option<Date>,
    max: Option<Date>,
    around: Date,
) -> Result<(Date, Date)> {
    let min = min.unwrap_or_else(|| around.saturating_sub(10.years()));
    let max = max.unwrap_or_else(|| around.saturating_add(10.years()));
    if min > max {
        return Err(min_over_max(kind, min, max));
    }
    Ok((min, max))
}

macro_rules! date_options {
    ($($ty:ident),*) => {$(
        impl $ty {
            /// The earliest date the user can pick (default: ten years before
            /// the value).
            #[inline]
            pub fn min_value(mut self, min: Date) -> Self {
                self.min = Some(min);
                self
            }

            /// The latest date the user can pick (default: ten years after
            /// the value).
            #[inline]
            pub fn max_value(mut self, max: Date) -> Self {
                self.max = Some(max);
                self
            }

            /// How dates are shown: `"YYYY/MM/DD"` (default), `"DD/MM/YYYY"`
            /// or `"MM/DD/YYYY"`, with `/`, `.` or `-` between the fields.
            #[inline]
            pub fn format(mut self, format: impl Into<String>) -> Self {
                self.format = Some(format.into());
                self
            }
        }
    )*};
}

/// A date picker (`st.date_input`); returns the picked date, today at first.
/// For a start and end date, call [`value_range`](Self::value_range).
///
/// ```
/// # use brook::prelude::*;
/// use brook::jiff::civil::date;
/// fn page(st: &mut St) {
///     let day = st.add(
///         DateInput::new("Start")
///             .value(date(2024, 3, 1))
///             .min_value(date(2024, 1, 1))
///             .key("start"),
///     );
///     st.text(day.to_string());
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// assert_eq!(at.texts(), ["2024-03-01"]);
/// at.set_value("Start", "2024-03-15").run();
/// assert_eq!(at.texts(), ["2024-03-15"]);
/// ```
#[must_use = "add the widget with `st.add(..)`"]
#[derive(Clone)]
pub struct DateInput {
    common: Common,
    value: Option<Date>,
    min: Option<Date>,
    max: Option<Date>,
    format: Option<String>,
}

impl DateInput {
    /// A date picker showing today at first.
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            common: Common::new(label),
            value: None,
            min: None,
            max: None,
            format: None,
        }
    }

    /// The date shown at first.
    #[inline]
    pub fn value(mut self, value: Date) -> Self {
        self.value = Some(value);
        self
    }

    /// Picks a start and an end date instead; the page receives `(start, end)`.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// use brook::jiff::civil::date;
    /// # brook::__doc_page(|st| {
    /// let (from, to) = st.add(DateInput::new("Trip").value_range(date(2024, 7, 1), date(2024, 7, 14)));
    /// assert!(from <= to);
    /// # Ok(()) });
    /// ```
    #[inline]
    pub fn value_range(self, start: Date, end: Date) -> DateRangeInput {
        DateRangeInput {
            common: self.common,
            value: Some((start, end)),
            min: self.min,
            max: self.max,
            format: self.format,
        }
    }
}

/// A date range picker (made by [`DateInput::value_range`]); returns
/// `(start, end)`.
#[must_use = "add the widget with `st.add(..)`"]
#[derive(Clone)]
pub struct DateRangeInput {
    common: Common,
    value: Option<(Date, Date)>,
    min: Option<Date>,
    max: Option<Date>,
    format: Option<String>,
}

date_options!(DateInput, DateRangeInput);
common_options!([] DateInput, [] DateRangeInput);
rerun_option!([] DateInput, [] DateRangeInput);
on_change_option!(on_change, "Runs `f` before the page body when the user picks another date (EX-4).", [] DateInput, [] DateRangeInput);

fn date_spec(min: Date, max: Date, format: String) -> WidgetSpec {
    WidgetSpec::Date(DateSpec {
        min: Some(min),
        max: Some(max),
        format,
        step_seconds: 86_400,
    })
}

impl Widget for DateInput {
    type Output = Date;
    fn show(self, st: &mut St<'_>) -> Result<Date> {
        let kind = WidgetKind::DateInput;
        let format = strftime_format(self.format.as_deref().unwrap_or("YYYY/MM/DD"))?;
        let default = self.value.unwrap_or_else(|| now().date());
        let (min, max) = date_bounds(kind, self.min, self.max, default)?;
        if default < min || default > max {
            return Err(outside(kind, "The default `value` of", default, min, max));
        }
        let identity = format!("{default}|{min}|{max}|{format}|{:?}", self.common.help);
        st.register(Decl {
            kind,
            common: self.common,
            identity,
            keyed_identity: String::new(),
            default,
            explicit_default: self.value.is_some(),
            trigger: false,
            validate: Box::new(move |v: &Date| {
                if *v < min || *v > max {
                    return Err(outside(
                        kind,
                        "The `value` set through session state,",
                        v,
                        min,
                        max,
                    ));
                }
                Ok(())
            }),
            to_value: Box::new(|v| Ok(WidgetValue::Date(*v))),
            convert: Arc::new(move |wv| match wv {
                WidgetValue::Date(d) if *d >= min && *d <= max => Some(*d),
                _ => None,
            }),
            spec: date_spec(min, max, format),
        })
    }
}

impl Widget for DateRangeInput {
    type Output = (Date, Date);
    fn show(self, st: &mut St<'_>) -> Result<(Date, Date)> {
        let kind = WidgetKind::DateInput;
        let format = strftime_format(self.format.as_deref().unwrap_or("YYYY/MM/DD"))?;
        let today = now().date();
        let (a, b) = self.value.unwrap_or((today, today));
        let default = (a.min(b), a.max(b));
        let (min, max) = date_bounds(kind, self.min, self.max, default.0)?;
        for d in [default.0, default.1] {
            if d < min || d > max {
                return Err(outside(kind, "The default `value` of", d, min, max));
            }
        }
        let inside = move |d: Date| d >= min && d <= max;
        let identity = format!("{default:?}|{min}|{max}|{format}|{:?}", self.common.help);
        st.register(Decl {
            kind,
            common: self.common,
            identity,
            keyed_identity: String::new(),
            default,
            explicit_default: self.value.is_some(),
            trigger: false,
            validate: Box::new(move |(a, b): &(Date, Date)| {
                for d in [a, b] {
                    if !inside(*d) {
                        return Err(outside(
                            kind,
                            "The `value` set through session state,",
                            d,
                            min,
                            max,
                        ));
                    }
                }
                Ok(())
            }),
            to_value: Box::new(|(a, b)| Ok(WidgetValue::DateRange(*a, *b))),
            convert: Arc::new(move |wv| match wv {
                WidgetValue::DateRange(a, b) if inside(*a) && inside(*b) => {
                    Some((*a.min(b), *a.max(b)))
                }
                _ => None,
            }),
            spec: date_spec(min, max, format),
        })
    }
}

/// The step between offered times, checked as Streamlit does (60 s to 23 h).
fn step_seconds(step: Option<Duration>) -> Result<u32> {
    let secs = step.map_or(900, |s| s.as_secs());
    if !(60..=82_800).contains(&secs) {
        return Err(Error::invalid(
            WidgetKind::TimeInput.name(),
            format!(
                "`step` must be between 60 seconds and 23 hours but is currently set to {secs} seconds."
            ),
        ));
    }
    Ok(u32::try_from(secs).unwrap_or(900))
}

/// A time picker (`st.time_input`); returns the picked time, now (to the
/// minute) at first. It offers times `step` apart (15 minutes by default)
/// and accepts any typed `HH:MM`.
///
/// ```
/// # use brook::prelude::*;
/// use brook::jiff::civil::time;
/// fn page(st: &mut St) {
///     let t = st.add(TimeInput::new("Alarm").value(time(7, 30, 0, 0)).step(std::time::Duration::from_secs(1800)));
///     st.text(t.strftime("%H:%M").to_string());
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// assert_eq!(at.texts(), ["07:30"]);
/// at.set_value("Alarm", "08:00").run();
/// assert_eq!(at.texts(), ["08:00"]);
/// ```
#[must_use = "add the widget with `st.add(..)`"]
#[derive(Clone)]
pub struct TimeInput {
    common: Common,
    value: Option<Time>,
    step: Option<Duration>,
}

impl TimeInput {
    /// A time picker showing the current time at first.
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            common: Common::new(label),
            value: None,
            step: None,
        }
    }

    /// The time shown at first.
    #[inline]
    pub fn value(mut self, value: Time) -> Self {
        self.value = Some(value);
        self
    }
}

macro_rules! step_option {
    ($($ty:ident),*) => {$(
        impl $ty {
            /// The step between offered times (15 minutes by default; from
            /// one minute to 23 hours).
            #[inline]
            pub fn step(mut self, step: Duration) -> Self {
                self.step = Some(step);
                self
            }
        }
    )*};
}

step_option!(TimeInput, DateTimeInput);
common_options!([] TimeInput);
rerun_option!([] TimeInput);
on_change_option!(on_change, "Runs `f` before the page body when the user picks another time (EX-4).", [] TimeInput);

/// The current time to the minute.
fn this_minute() -> Time {
    let t = now().time();
    Time::new(t.hour(), t.minute(), 0, 0).unwrap_or(Time::midnight())
}

impl Widget for TimeInput {
    type Output = Time;
    fn show(self, st: &mut St<'_>) -> Result<Time> {
        let step = step_seconds(self.step)?;
        let default = self.value.unwrap_or_else(this_minute);
        let identity = format!("{default}|{step}|{:?}", self.common.help);
        st.register(Decl {
            kind: WidgetKind::TimeInput,
            common: self.common,
            identity,
            keyed_identity: String::new(),
            default,
            explicit_default: self.value.is_some(),
            trigger: false,
            validate: Box::new(|_| Ok(())),
            to_value: Box::new(|v| Ok(WidgetValue::Time(*v))),
            convert: Arc::new(|wv| match wv {
                WidgetValue::Time(t) => Some(*t),
                _ => None,
            }),
            spec: WidgetSpec::Date(DateSpec {
                min: None,
                max: None,
                format: "%H:%M".to_owned(),
                step_seconds: step,
            }),
        })
    }
}

/// A date and time picker (`st.datetime_input`); returns the picked
/// date-time, now (to the minute) at first.
///
/// ```
/// # use brook::prelude::*;
/// use brook::jiff::civil::date;
/// fn page(st: &mut St) {
///     let at = st.add(DateTimeInput::new("Meeting").value(date(2024, 5, 2).at(14, 0, 0, 0)));
///     st.text(at.to_string());
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// assert_eq!(at.texts(), ["2024-05-02T14:00:00"]);
/// at.set_value("Meeting", "2024-05-03T09:15").run();
/// assert_eq!(at.texts(), ["2024-05-03T09:15:00"]);
/// ```
#[must_use = "add the widget with `st.add(..)`"]
#[derive(Clone)]
pub struct DateTimeInput {
    common: Common,
    value: Option<DateTime>,
    min: Option<DateTime>,
    max: Option<DateTime>,
    step: Option<Duration>,
    format: Option<String>,
}

impl DateTimeInput {
    /// A date and time picker showing now at first.
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            common: Common::new(label),
            value: None,
            min: None,
            max: None,
            step: None,
            format: None,
        }
    }

    /// The date-time shown at first.
    #[inline]
    pub fn value(mut self, value: DateTime) -> Self {
        self.value = Some(value);
        self
    }

    /// The earliest date-time the user can pick (default: ten years before
    /// the value).
    #[inline]
    pub fn min_value(mut self, min: DateTime) -> Self {
        self.min = Some(min);
        self
    }

    /// The latest date-time the user can pick (default: ten years after).
    #[inline]
    pub fn max_value(mut self, max: DateTime) -> Self {
        self.max = Some(max);
        self
    }

    /// How the date part is shown, as for [`DateInput::format`].
    #[inline]
    pub fn format(mut self, format: impl Into<String>) -> Self {
        self.format = Some(format.into());
        self
    }
}

common_options!([] DateTimeInput);
rerun_option!([] DateTimeInput);
on_change_option!(on_change, "Runs `f` before the page body when the user picks another date or time (EX-4).", [] DateTimeInput);

impl Widget for DateTimeInput {
    type Output = DateTime;
    fn show(self, st: &mut St<'_>) -> Result<DateTime> {
        let kind = WidgetKind::DateTimeInput;
        let format = strftime_format(self.format.as_deref().unwrap_or("YYYY/MM/DD"))?;
        let step = step_seconds(self.step)?;
        let default = self
            .value
            .unwrap_or_else(|| this_minute().to_datetime(now().date()));
        let min = self
            .min
            .unwrap_or_else(|| default.saturating_sub(10.years()));
        let max = self
            .max
            .unwrap_or_else(|| default.saturating_add(10.years()));
        if min > max {
            return Err(min_over_max(kind, min, max));
        }
        if default < min || default > max {
            return Err(outside(kind, "The default `value` of", default, min, max));
        }
        let identity = format!(
            "{default}|{min}|{max}|{step}|{format}|{:?}",
            self.common.help
        );
        st.register(Decl {
            kind,
            common: self.common,
            identity,
            keyed_identity: String::new(),
            default,
            explicit_default: self.value.is_some(),
            trigger: false,
            validate: Box::new(move |v: &DateTime| {
                if *v < min || *v > max {
                    return Err(outside(
                        kind,
                        "The `value` set through session state,",
                        v,
                        min,
                        max,
                    ));
                }
                Ok(())
            }),
            to_value: Box::new(|v| Ok(WidgetValue::DateTime(*v))),
            convert: Arc::new(move |wv| match wv {
                WidgetValue::DateTime(d) if *d >= min && *d <= max => Some(*d),
                _ => None,
            }),
            spec: WidgetSpec::Date(DateSpec {
                min: Some(min.date()),
                max: Some(max.date()),
                format,
                step_seconds: step,
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::strftime_format;

    #[test]
    fn streamlit_date_formats_become_strftime() {
        assert_eq!(strftime_format("YYYY/MM/DD").unwrap(), "%Y/%m/%d");
        assert_eq!(strftime_format("DD.MM.YYYY").unwrap(), "%d.%m.%Y");
        assert_eq!(strftime_format("MM-DD-YYYY").unwrap(), "%m-%d-%Y");
        assert!(strftime_format("YYYY/DD/MM").is_err());
        assert!(strftime_format("%Y").is_err());
    }
}
