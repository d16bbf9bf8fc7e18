//! Dates: `DateInput` and `DateRangeInput` (`st.date_input`); what they
//! share with time inputs is in `calendar.rs`.
//!
//! Values are `jiff` civil types (the crate egui_extras' date picker uses,
//! re-exported as `brook::jiff`); they serialise as ISO 8601 text, so keyed
//! values persist across restarts.
//!
//! Streamlit's `value=None` is a type here: `.optional()` turns a
//! `DateInput<Date>` into a `DateInput<Option<Date>>`, so the page cannot
//! forget that the field may be empty (and a range's ends become
//! `Option<Date>` each).

use std::marker::PhantomData;
use std::sync::Arc;

use jiff::ToSpan;
use jiff::civil::Date;

use super::calendar::{
    Maybe, bounded_values, check_state_type, default_within, min_over_max, now, outside, set_hint,
    shown_by, strftime_format, within,
};
use super::{Common, Decl, Widget};
use crate::error::{Error, Result};
use crate::st::St;
use crate::state::StateValue;
use crate::tree::{DateSpec, WidgetKind, WidgetSpec, WidgetValue};

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

/// A value a plain input always has.
fn always<T>(v: Option<T>) -> Result<T> {
    v.ok_or_else(|| Error::invalid("date_input", "internal: a plain input without a value"))
}

/// The options every date input has.
macro_rules! date_options {
    ($($ty:ident),*) => {$(
        impl<V> $ty<V> {
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
/// For a start and end date, call [`value_range`](Self::value_range); for a
/// field that may be empty (Streamlit's `value=None`), call
/// [`optional`](DateInput::optional).
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
pub struct DateInput<V = Date> {
    common: Common,
    value: Option<Date>,
    min: Option<Date>,
    max: Option<Date>,
    format: Option<String>,
    out: PhantomData<fn() -> V>,
}

impl DateInput<Date> {
    /// A date picker showing today at first.
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            common: Common::new(label),
            value: None,
            min: None,
            max: None,
            format: None,
            out: PhantomData,
        }
    }

    /// Lets the field be empty (Streamlit's `value=None`): it starts empty
    /// unless [`value`](DateInput::value) gives a date, the user can clear
    /// it, and the page receives an `Option<Date>` (`None` until a date is
    /// picked). With a key, session state holds that `Option<Date>`.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// use brook::jiff::civil::{Date, date};
    /// fn page(st: &mut St) {
    ///     let due: Option<Date> = st.add(DateInput::new("Due").optional().key("due"));
    ///     st.text(due.map_or("no date yet".to_owned(), |d| d.to_string()));
    /// }
    /// let mut at = brook::testing::AppTest::new(page);
    /// at.run();
    /// assert_eq!(at.texts(), ["no date yet"]);
    /// assert_eq!(at.state::<Option<Date>>("due"), None);
    /// at.set_value("Due", "2024-05-01").run();
    /// assert_eq!(at.texts(), ["2024-05-01"]);
    /// at.set_value("Due", None::<Date>).run(); // the user cleared it
    /// assert_eq!(at.texts(), ["no date yet"]);
    /// ```
    #[inline]
    pub fn optional(self) -> DateInput<Option<Date>> {
        DateInput {
            common: self.common,
            value: self.value,
            min: self.min,
            max: self.max,
            format: self.format,
            out: PhantomData,
        }
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
            start: Some(start),
            end: Some(end),
            min: self.min,
            max: self.max,
            format: self.format,
            out: PhantomData,
        }
    }
}

impl DateInput<Option<Date>> {
    /// Picks a range whose ends may be empty (Streamlit's `value=()`, or
    /// `(start,)` after [`value`](DateInput::value)): the page receives
    /// `(Option<Date>, Option<Date>)`. Like Streamlit, the page reruns when
    /// the user picks one end, with the other still `None`.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// use brook::jiff::civil::date;
    /// fn page(st: &mut St) {
    ///     match st.add(DateInput::new("Stay").optional().range()) {
    ///         (Some(a), Some(b)) => st.text(format!("{a} to {b}")),
    ///         (Some(a), None) | (None, Some(a)) => st.text(format!("{a}, pick the other end")),
    ///         (None, None) => st.text("pick the dates"),
    ///     }
    /// }
    /// let mut at = brook::testing::AppTest::new(page);
    /// at.run();
    /// assert_eq!(at.texts(), ["pick the dates"]);
    /// at.set_value("Stay", ["2024-07-01"]).run();
    /// assert_eq!(at.texts(), ["2024-07-01, pick the other end"]);
    /// at.set_value("Stay", ["2024-07-09", "2024-07-01"]).run();
    /// assert_eq!(at.texts(), ["2024-07-01 to 2024-07-09"]);
    /// ```
    #[inline]
    pub fn range(self) -> DateRangeInput<(Option<Date>, Option<Date>)> {
        DateRangeInput {
            common: self.common,
            start: self.value,
            end: None,
            min: self.min,
            max: self.max,
            format: self.format,
            out: PhantomData,
        }
    }
}

impl<V> DateInput<V> {
    /// The date shown at first.
    #[inline]
    pub fn value(mut self, value: Date) -> Self {
        self.value = Some(value);
        self
    }
}

/// A date range picker (made by [`DateInput::value_range`]); returns
/// `(start, end)`, or `(Option<Date>, Option<Date>)` once made
/// [`optional`](DateRangeInput::optional).
#[must_use = "add the widget with `st.add(..)`"]
#[derive(Clone)]
pub struct DateRangeInput<V = (Date, Date)> {
    common: Common,
    start: Option<Date>,
    end: Option<Date>,
    min: Option<Date>,
    max: Option<Date>,
    format: Option<String>,
    out: PhantomData<fn() -> V>,
}

impl DateRangeInput {
    /// Lets either end be empty: the range starts as given, the user can
    /// clear it, and the page receives `(Option<Date>, Option<Date>)`.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// use brook::jiff::civil::date;
    /// fn page(st: &mut St) {
    ///     let (a, b) = st.add(
    ///         DateInput::new("Trip").value_range(date(2024, 7, 1), date(2024, 7, 14)).optional(),
    ///     );
    ///     st.text(format!("{a:?} {b:?}"));
    /// }
    /// let mut at = brook::testing::AppTest::new(page);
    /// at.run();
    /// assert_eq!(at.texts(), ["Some(2024-07-01) Some(2024-07-14)"]);
    /// at.set_value("Trip", [None::<&str>, None]).run();
    /// assert_eq!(at.texts(), ["None None"]);
    /// ```
    #[inline]
    pub fn optional(self) -> DateRangeInput<(Option<Date>, Option<Date>)> {
        DateRangeInput {
            common: self.common,
            start: self.start,
            end: self.end,
            min: self.min,
            max: self.max,
            format: self.format,
            out: PhantomData,
        }
    }
}

date_options!(DateInput, DateRangeInput);
common_options!([V] DateInput<V>, [V] DateRangeInput<V>);
rerun_option!(
    [] DateInput<Date>,
    [] DateInput<Option<Date>>,
    [] DateRangeInput<(Date, Date)>,
    [] DateRangeInput<(Option<Date>, Option<Date>)>
);
on_change_option!(on_change, "Runs `f` before the page body when the user picks another date (EX-4).", [V] DateInput<V>, [V] DateRangeInput<V>);

fn date_spec(min: Date, max: Date, format: String, optional: bool, open_on: Date) -> WidgetSpec {
    WidgetSpec::Date(DateSpec {
        min: Some(min),
        max: Some(max),
        format,
        step_seconds: 86_400,
        optional,
        open_on: optional.then(|| open_on.clamp(min, max)),
    })
}

fn show_date<V: Maybe<Date>>(input: DateInput<V>, st: &mut St<'_>) -> Result<V> {
    let kind = WidgetKind::DateInput;
    let set = set_hint(V::OPTIONAL, "date");
    check_state_type::<V>(st, kind, &input.common, V::OPTIONAL, &set)?;
    let format = strftime_format(input.format.as_deref().unwrap_or("YYYY/MM/DD"))?;
    let today = now().date();
    // A plain input starts today; an optional one empty.
    let first = input.value.or((!V::OPTIONAL).then_some(today));
    let (min, max) = date_bounds(kind, input.min, input.max, first.unwrap_or(today))?;
    default_within(kind, first, &min, &max)?;
    let default = always(V::of(first))?;
    let identity = format!(
        "{first:?}|{min}|{max}|{format}|{}|{:?}",
        V::OPTIONAL,
        input.common.help
    );
    let (to_value, convert) = bounded_values(min, max, WidgetValue::Date, |wv| match wv {
        WidgetValue::Date(d) => Some(*d),
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
        spec: date_spec(min, max, format, V::OPTIONAL, today),
    })
}

shown_by!(show_date: DateInput<Date>, DateInput<Option<Date>>);

/// A range's two ends as the page receives them: both dates, or each an
/// `Option` for an optional range.
trait RangeValue: StateValue + PartialEq + Sync {
    const OPTIONAL: bool;
    fn of(a: Option<Date>, b: Option<Date>) -> Option<Self>;
    fn ends(&self) -> (Option<Date>, Option<Date>);
}

impl RangeValue for (Date, Date) {
    const OPTIONAL: bool = false;
    fn of(a: Option<Date>, b: Option<Date>) -> Option<Self> {
        Some((a?, b?))
    }
    fn ends(&self) -> (Option<Date>, Option<Date>) {
        (Some(self.0), Some(self.1))
    }
}

impl RangeValue for (Option<Date>, Option<Date>) {
    const OPTIONAL: bool = true;
    fn of(a: Option<Date>, b: Option<Date>) -> Option<Self> {
        Some((a, b))
    }
    fn ends(&self) -> (Option<Date>, Option<Date>) {
        *self
    }
}

/// Two ends in order when both are given.
fn ordered(a: Option<Date>, b: Option<Date>) -> (Option<Date>, Option<Date>) {
    match (a, b) {
        (Some(a), Some(b)) => (Some(a.min(b)), Some(a.max(b))),
        other => other,
    }
}

fn show_range<V: RangeValue>(input: DateRangeInput<V>, st: &mut St<'_>) -> Result<V> {
    let kind = WidgetKind::DateInput;
    let optional = V::OPTIONAL;
    let set = if optional {
        "st.state().set(\"KEY\", (Some(start), Some(end)))"
    } else {
        "st.state().set(\"KEY\", (start, end))"
    };
    check_state_type::<V>(st, kind, &input.common, optional, set)?;
    let format = strftime_format(input.format.as_deref().unwrap_or("YYYY/MM/DD"))?;
    let today = now().date();
    let (a, b) = ordered(input.start, input.end);
    let (min, max) = date_bounds(kind, input.min, input.max, a.or(b).unwrap_or(today))?;
    let inside = move |d: Date| d >= min && d <= max;
    for d in [a, b].into_iter().flatten() {
        if !inside(d) {
            return Err(outside(kind, "The default `value` of", d, min, max));
        }
    }
    let default = always(V::of(a, b))?;
    let identity = format!(
        "{a:?}|{b:?}|{min}|{max}|{format}|{optional}|{:?}",
        input.common.help
    );
    st.register(Decl {
        kind,
        common: input.common,
        identity,
        keyed_identity: String::new(),
        default,
        explicit_default: input.start.is_some() || input.end.is_some(),
        trigger: false,
        validate: Box::new(move |v: &V| {
            let (a, b) = v.ends();
            for d in [a, b].into_iter().flatten() {
                if !inside(d) {
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
        to_value: Box::new(move |v: &V| {
            Ok(match (optional, v.ends()) {
                (false, (Some(a), Some(b))) => WidgetValue::DateRange(a, b),
                (_, (a, b)) => WidgetValue::OptionalDateRange(a, b),
            })
        }),
        convert: Arc::new(move |wv| {
            let (a, b) = match wv {
                WidgetValue::DateRange(a, b) => (Some(*a), Some(*b)),
                WidgetValue::OptionalDateRange(a, b) if optional => (*a, *b),
                _ => return None,
            };
            if [a, b].into_iter().flatten().any(|d| !inside(d)) {
                return None;
            }
            let (a, b) = ordered(a, b);
            V::of(a, b)
        }),
        spec: date_spec(min, max, format, optional, a.or(b).unwrap_or(today)),
    })
}

shown_by!(show_range: DateRangeInput<(Date, Date)>, DateRangeInput<(Option<Date>, Option<Date>)>);
