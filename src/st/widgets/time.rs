//! Times: `TimeInput` (`st.time_input`) and `DateTimeInput`
//! (`st.datetime_input`), plain or `.optional()` like dates (`date.rs`).

use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use jiff::ToSpan;
use jiff::civil::{DateTime, Time};

use super::calendar::{
    Maybe, bounded_values, check_state_type, default_within, min_over_max, now, set_hint, shown_by,
    strftime_format, within,
};
use super::{Common, Decl, Widget};
use crate::error::{Error, Result};
use crate::st::St;
use crate::tree::{DateSpec, WidgetKind, WidgetSpec, WidgetValue};

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

/// The current time to the minute.
fn this_minute() -> Time {
    let t = now().time();
    Time::new(t.hour(), t.minute(), 0, 0).unwrap_or(Time::midnight())
}

/// A plain input's value; an optional one's may be empty.
fn first<T: Copy, V: Maybe<T>>(
    given: Option<T>,
    now: impl FnOnce() -> T,
) -> Result<(Option<T>, V)> {
    let first = match given {
        Some(v) => Some(v),
        None if V::OPTIONAL => None,
        None => Some(now()),
    };
    let value = V::of(first)
        .ok_or_else(|| Error::invalid("time_input", "internal: a plain input without a value"))?;
    Ok((first, value))
}

/// A time picker (`st.time_input`); returns the picked time, now (to the
/// minute) at first. It offers times `step` apart (15 minutes by default)
/// and accepts any typed `HH:MM`. [`optional`](TimeInput::optional) lets
/// it be empty (Streamlit's `value=None`).
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
pub struct TimeInput<V = Time> {
    common: Common,
    value: Option<Time>,
    step: Option<Duration>,
    out: PhantomData<fn() -> V>,
}

impl TimeInput<Time> {
    /// A time picker showing the current time at first.
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            common: Common::new(label),
            value: None,
            step: None,
            out: PhantomData,
        }
    }

    /// Lets the field be empty (Streamlit's `value=None`): it starts empty
    /// unless [`value`](TimeInput::value) gives a time, the user can clear
    /// it, and the page receives an `Option<Time>`.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// use brook::jiff::civil::Time;
    /// fn page(st: &mut St) {
    ///     let t: Option<Time> = st.add(TimeInput::new("Reminder").optional());
    ///     st.text(format!("{t:?}"));
    /// }
    /// let mut at = brook::testing::AppTest::new(page);
    /// at.run();
    /// assert_eq!(at.texts(), ["None"]);
    /// at.set_value("Reminder", "09:45").run();
    /// assert_eq!(at.texts(), ["Some(09:45:00)"]);
    /// ```
    #[inline]
    pub fn optional(self) -> TimeInput<Option<Time>> {
        TimeInput {
            common: self.common,
            value: self.value,
            step: self.step,
            out: PhantomData,
        }
    }
}

impl<V> TimeInput<V> {
    /// The time shown at first.
    #[inline]
    pub fn value(mut self, value: Time) -> Self {
        self.value = Some(value);
        self
    }
}

macro_rules! step_option {
    ($($ty:ident),*) => {$(
        impl<V> $ty<V> {
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
common_options!([V] TimeInput<V>);
rerun_option!([] TimeInput<Time>, [] TimeInput<Option<Time>>);
on_change_option!(on_change, "Runs `f` before the page body when the user picks another time (EX-4).", [V] TimeInput<V>);

fn show_time<V: Maybe<Time>>(input: TimeInput<V>, st: &mut St<'_>) -> Result<V> {
    let kind = WidgetKind::TimeInput;
    let set = set_hint(V::OPTIONAL, "time");
    check_state_type::<V>(st, kind, &input.common, V::OPTIONAL, &set)?;
    let step = step_seconds(input.step)?;
    let (first, default) = first::<Time, V>(input.value, this_minute)?;
    let identity = format!("{first:?}|{step}|{}|{:?}", V::OPTIONAL, input.common.help);
    st.register(Decl {
        kind,
        common: input.common,
        identity,
        keyed_identity: String::new(),
        default,
        explicit_default: input.value.is_some(),
        trigger: false,
        validate: Box::new(|_| Ok(())),
        to_value: Box::new(|v: &V| Ok(v.get().map_or(WidgetValue::Empty, WidgetValue::Time))),
        convert: Arc::new(|wv| match wv {
            WidgetValue::Time(t) => V::of(Some(*t)),
            WidgetValue::Empty => V::of(None),
            _ => None,
        }),
        spec: WidgetSpec::Date(DateSpec {
            min: None,
            max: None,
            format: "%H:%M".to_owned(),
            step_seconds: step,
            optional: V::OPTIONAL,
            open_on: None,
        }),
    })
}

shown_by!(show_time: TimeInput<Time>, TimeInput<Option<Time>>);

/// A date and time picker (`st.datetime_input`); returns the picked
/// date-time, now (to the minute) at first. [`optional`](DateTimeInput::optional)
/// lets it be empty (Streamlit's `value=None`).
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
pub struct DateTimeInput<V = DateTime> {
    common: Common,
    value: Option<DateTime>,
    min: Option<DateTime>,
    max: Option<DateTime>,
    step: Option<Duration>,
    format: Option<String>,
    out: PhantomData<fn() -> V>,
}

impl DateTimeInput<DateTime> {
    /// A date and time picker showing now at first.
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            common: Common::new(label),
            value: None,
            min: None,
            max: None,
            step: None,
            format: None,
            out: PhantomData,
        }
    }

    /// Lets the field be empty (Streamlit's `value=None`): it starts empty
    /// unless [`value`](DateTimeInput::value) gives a date-time, the user
    /// can clear it, and the page receives an `Option<DateTime>`. In the
    /// window the time is picked once the date is.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// use brook::jiff::civil::DateTime;
    /// fn page(st: &mut St) {
    ///     let at: Option<DateTime> = st.add(DateTimeInput::new("Call").optional());
    ///     st.text(format!("{at:?}"));
    /// }
    /// let mut at = brook::testing::AppTest::new(page);
    /// at.run();
    /// assert_eq!(at.texts(), ["None"]);
    /// at.set_value("Call", "2024-05-03T09:15").run();
    /// assert_eq!(at.texts(), ["Some(2024-05-03T09:15:00)"]);
    /// ```
    #[inline]
    pub fn optional(self) -> DateTimeInput<Option<DateTime>> {
        DateTimeInput {
            common: self.common,
            value: self.value,
            min: self.min,
            max: self.max,
            step: self.step,
            format: self.format,
            out: PhantomData,
        }
    }
}

impl<V> DateTimeInput<V> {
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

    /// How the date part is shown, as for [`DateInput::format`](crate::DateInput::format).
    #[inline]
    pub fn format(mut self, format: impl Into<String>) -> Self {
        self.format = Some(format.into());
        self
    }
}

common_options!([V] DateTimeInput<V>);
rerun_option!([] DateTimeInput<DateTime>, [] DateTimeInput<Option<DateTime>>);
on_change_option!(on_change, "Runs `f` before the page body when the user picks another date or time (EX-4).", [V] DateTimeInput<V>);

fn show_datetime<V: Maybe<DateTime>>(input: DateTimeInput<V>, st: &mut St<'_>) -> Result<V> {
    let kind = WidgetKind::DateTimeInput;
    let set = set_hint(V::OPTIONAL, "datetime");
    check_state_type::<V>(st, kind, &input.common, V::OPTIONAL, &set)?;
    let format = strftime_format(input.format.as_deref().unwrap_or("YYYY/MM/DD"))?;
    let step = step_seconds(input.step)?;
    let current = || this_minute().to_datetime(now().date());
    let (first, default) = first::<DateTime, V>(input.value, current)?;
    let around = first.unwrap_or_else(current);
    let min = input
        .min
        .unwrap_or_else(|| around.saturating_sub(10.years()));
    let max = input
        .max
        .unwrap_or_else(|| around.saturating_add(10.years()));
    if min > max {
        return Err(min_over_max(kind, min, max));
    }
    default_within(kind, first, &min, &max)?;
    let identity = format!(
        "{first:?}|{min}|{max}|{step}|{format}|{}|{:?}",
        V::OPTIONAL,
        input.common.help
    );
    let (to_value, convert) = bounded_values(min, max, WidgetValue::DateTime, |wv| match wv {
        WidgetValue::DateTime(d) => Some(*d),
        _ => None,
    });
    st.register(Decl {
        kind,
        common: input.common,
        identity,
        keyed_identity: String::new(),
        default,
        explicit_default: input.value.is_some(),
        trigger: false,
        validate: within(kind, min, max),
        to_value,
        convert,
        spec: WidgetSpec::Date(DateSpec {
            min: Some(min.date()),
            max: Some(max.date()),
            format,
            step_seconds: step,
            optional: V::OPTIONAL,
            open_on: V::OPTIONAL.then(|| around.date().clamp(min.date(), max.date())),
        }),
    })
}

shown_by!(show_datetime: DateTimeInput<DateTime>, DateTimeInput<Option<DateTime>>);
