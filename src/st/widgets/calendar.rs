//! What date, time and datetime inputs share: the "today" of the run,
//! Streamlit's date formats and bound errors, and the optional form
//! (Streamlit's `value=None`: `.optional()` makes the page's value an
//! `Option`).

use std::fmt::Display;
use std::sync::Arc;

use jiff::civil::{Date, DateTime};

use super::Common;
use crate::error::{Error, Result};
use crate::st::St;
use crate::state::StateValue;
use crate::tree::{WidgetKind, WidgetValue};

/// The local date and time by the run's clock (the default of a date or
/// time input): the calendar in an app, a fixed date in `AppTest`.
pub(super) fn now() -> DateTime {
    crate::runtime::clock().local_datetime()
}

/// Streamlit's date formats (`YYYY/MM/DD`, `DD/MM/YYYY`, `MM/DD/YYYY`, with
/// `/`, `.` or `-`) as a `strftime` format.
pub(super) fn strftime_format(format: &str) -> Result<String> {
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

pub(super) fn min_over_max(kind: WidgetKind, min: impl Display, max: impl Display) -> Error {
    Error::invalid(
        kind.name(),
        format!(
            "The `min_value`, set to {min}, shouldn't be larger than the `max_value`, set to {max}."
        ),
    )
}

pub(super) fn outside(
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

/// The check of a value set through session state for a bounded date or
/// date-and-time input: outside `min..=max` is Streamlit's error.
pub(super) fn within<T, V>(kind: WidgetKind, min: T, max: T) -> super::Validate<V>
where
    T: PartialOrd + Copy + Display + 'static,
    V: Maybe<T>,
{
    Box::new(move |v: &V| match v.get() {
        Some(d) if d < min || d > max => Err(outside(
            kind,
            "The `value` set through session state,",
            d,
            min,
            max,
        )),
        _ => Ok(()),
    })
}

/// The default of a bounded date or date-and-time input must lie within
/// its bounds (Streamlit's error otherwise).
pub(super) fn default_within<T: PartialOrd + Display>(
    kind: WidgetKind,
    first: Option<T>,
    min: &T,
    max: &T,
) -> Result<()> {
    match first {
        Some(d) if d < *min || d > *max => {
            Err(outside(kind, "The default `value` of", d, min, max))
        }
        _ => Ok(()),
    }
}

/// How a bounded date or date-and-time input's value travels to the
/// renderer (`wrap`: its `WidgetValue` variant, empty when `None`) and back
/// (`unwrap`: the variant read; a value outside `min..=max` is refused).
pub(super) fn bounded_values<T, V>(
    min: T,
    max: T,
    wrap: fn(T) -> WidgetValue,
    unwrap: fn(&WidgetValue) -> Option<T>,
) -> (super::ToValue<V>, super::FromValue<V>)
where
    T: PartialOrd + Copy + Send + Sync + 'static,
    V: Maybe<T>,
{
    (
        Box::new(move |v: &V| Ok(v.get().map_or(WidgetValue::Empty, wrap))),
        Arc::new(move |wv| match wv {
            WidgetValue::Empty => V::of(None),
            other => unwrap(other)
                .filter(|d| *d >= min && *d <= max)
                .and_then(|d| V::of(Some(d))),
        }),
    )
}

/// How a page sets the value of a date or time input through session
/// state, for the error that names a wrong type: `what` is the value's
/// name in the example (`date`, `time`, `datetime`).
pub(super) fn set_hint(optional: bool, what: &str) -> String {
    if optional {
        format!("st.state().set(\"KEY\", Some({what}))")
    } else {
        format!("st.state().set(\"KEY\", {what})")
    }
}

/// What a date or time input hands the page: the value itself, or an
/// `Option` of it for an input made `.optional()`.
pub(super) trait Maybe<T>: StateValue + PartialEq + Sync {
    /// The input may be empty.
    const OPTIONAL: bool;
    /// The page's value for `v`; `None` when this form cannot be empty.
    fn of(v: Option<T>) -> Option<Self>;
    /// The value inside, if any.
    fn get(&self) -> Option<T>;
}

macro_rules! maybe {
    ($($t:ty),*) => {$(
        impl Maybe<$t> for $t {
            const OPTIONAL: bool = false;
            fn of(v: Option<$t>) -> Option<Self> {
                v
            }
            fn get(&self) -> Option<$t> {
                Some(*self)
            }
        }

        impl Maybe<$t> for Option<$t> {
            const OPTIONAL: bool = true;
            fn of(v: Option<$t>) -> Option<Self> {
                Some(v)
            }
            fn get(&self) -> Option<$t> {
                *self
            }
        }
    )*};
}

maybe!(Date, jiff::civil::Time, DateTime);

/// A keyed input whose key holds a value of another type (a `Date` for an
/// optional input, an `Option<Date>` for a plain one, ...): the error says
/// which type the widget keeps there and how to set it (`set` is an example
/// of the call that does).
pub(super) fn check_state_type<V: StateValue>(
    st: &mut St<'_>,
    kind: WidgetKind,
    common: &Common,
    optional: bool,
    set: &str,
) -> Result<()> {
    let Some(key) = &common.key else {
        return Ok(());
    };
    let Err(Error::WrongType { found, .. }) = st.run.state.get::<V>(key) else {
        return Ok(());
    };
    let (name, label) = (kind.name(), &common.label);
    let keeps = crate::error::type_name::<V>();
    let set = set.replace("KEY", key);
    let fix = if optional {
        format!(
            "it is `.optional()`, so it keeps an `{keeps}` there. Set it with `{set}` \
             (`None` leaves it empty)."
        )
    } else {
        format!(
            "it keeps a `{keeps}` there. Set it with `{set}`; to allow no value, make the input \
             `.optional()`."
        )
    };
    Err(Error::invalid(
        name,
        format!(
            "session state key \"{key}\" holds a `{found}`, but the `{name}` \"{label}\" cannot \
             use it: {fix}"
        ),
    ))
}

/// `impl Widget` for each form of a date or time input (`Type<Value>`),
/// all shown by the same generic function.
macro_rules! shown_by {
    ($show:ident: $($input:ident<$value:ty>),* $(,)?) => {$(
        impl Widget for $input<$value> {
            type Output = $value;
            fn show(self, st: &mut St<'_>) -> Result<$value> {
                $show(self, st)
            }
        }
    )*};
}
pub(super) use shown_by;

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
