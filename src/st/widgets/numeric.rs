//! Numeric widgets: `Slider`, `RangeSlider`, `NumberInput` (EL-1, EL-2).

use std::fmt::Display;
use std::ops::RangeInclusive;
use std::sync::Arc;

use super::{Common, Decl, Widget};
use crate::error::{Error, Result};
use crate::st::St;
use crate::state::StateValue;
use crate::tree::{WidgetKind, WidgetSpec, WidgetValue};

/// Numbers a slider or number input can hold: the integer and float types.
/// Mixing types (Streamlit's "Invalid `value` type" errors) cannot compile.
pub trait Numeric:
    Copy + PartialOrd + Display + StateValue + PartialEq + Send + Sync + 'static
{
    /// True for integer types.
    const INTEGER: bool;
    /// The default step: 1 for integers, 0.01 for floats (EL-1, EL-2).
    const DEFAULT_STEP: Self;
    /// Zero.
    const ZERO: Self;
    /// As `f64` (for drawing).
    fn to_f64(self) -> f64;
    /// From `f64`, rounded for integers; `None` when out of the type's range.
    fn from_f64(v: f64) -> Option<Self>;
    /// As the value the renderer edits.
    fn to_widget(self) -> WidgetValue;
    /// From the value the renderer committed.
    fn from_widget(v: &WidgetValue) -> Option<Self>;
}

macro_rules! numeric_int {
    ($($t:ty),*) => {$(
        impl Numeric for $t {
            const INTEGER: bool = true;
            const DEFAULT_STEP: Self = 1;
            const ZERO: Self = 0;
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn to_f64(self) -> f64 { self as f64 }
            #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss, clippy::cast_lossless)]
            fn from_f64(v: f64) -> Option<Self> {
                let r = v.round();
                (r.is_finite() && r >= <$t>::MIN as f64 && r <= <$t>::MAX as f64).then(|| r as $t)
            }
            #[allow(clippy::cast_possible_wrap, clippy::cast_lossless)]
            fn to_widget(self) -> WidgetValue { WidgetValue::Int(i64::try_from(self).unwrap_or(i64::MAX)) }
            fn from_widget(v: &WidgetValue) -> Option<Self> {
                match v {
                    WidgetValue::Int(i) => <$t>::try_from(*i).ok(),
                    WidgetValue::Float(f) => Self::from_f64(*f),
                    _ => None,
                }
            }
        }
    )*};
}
numeric_int!(i8, i16, i32, i64, u8, u16, u32, u64, isize, usize);

macro_rules! numeric_float {
    ($($t:ty),*) => {$(
        impl Numeric for $t {
            const INTEGER: bool = false;
            const DEFAULT_STEP: Self = 0.01;
            const ZERO: Self = 0.0;
            #[allow(clippy::cast_lossless)]
            fn to_f64(self) -> f64 { self as f64 }
            #[allow(clippy::cast_possible_truncation)]
            fn from_f64(v: f64) -> Option<Self> { v.is_finite().then(|| v as $t) }
            #[allow(clippy::cast_lossless)]
            fn to_widget(self) -> WidgetValue { WidgetValue::Float(self as f64) }
            #[allow(clippy::cast_precision_loss)]
            fn from_widget(v: &WidgetValue) -> Option<Self> {
                match v {
                    WidgetValue::Float(f) => Self::from_f64(*f),
                    WidgetValue::Int(i) => Self::from_f64(*i as f64),
                    _ => None,
                }
            }
        }
    )*};
}
numeric_float!(f32, f64);

/// `step` and `format`, shared by the numeric widgets.
macro_rules! numeric_options {
    ($($ty:ident),*) => {$(
        impl<T: Numeric> $ty<T> {
            /// The step between values (1 for integers, 0.01 for floats by
            /// default); for a number input, the step of its +/- buttons.
            #[inline]
            pub fn step(mut self, step: T) -> Self {
                self.step = Some(step);
                self
            }

            /// A printf-style display format: `"%d"`, `"%.1f"`, `"%x"`,
            /// `"%d items"`.
            #[inline]
            pub fn format(mut self, format: impl Into<String>) -> Self {
                self.format = Some(format.into());
                self
            }
        }
    )*};
}

numeric_options!(Slider, RangeSlider, NumberInput);

fn out_of_range<T: Numeric>(v: T, min: T, max: T) -> Result<()> {
    if v > max {
        return Err(Error::invalid(
            "slider",
            format!("The `value` {v} is greater than the `max_value` {max}."),
        ));
    }
    if v < min {
        return Err(Error::invalid(
            "slider",
            format!("The `value` {v} is less than the `min_value` {min}."),
        ));
    }
    Ok(())
}

/// Checks bounds and step as EL-1 does: equal bounds and a zero step are
/// errors, reversed bounds are swapped.
fn slider_bounds<T: Numeric>(range: &RangeInclusive<T>, step: Option<T>) -> Result<(T, T, T)> {
    let (mut min, mut max) = (*range.start(), *range.end());
    if min.to_f64().is_nan() || max.to_f64().is_nan() {
        return Err(Error::invalid(
            "slider",
            "Invalid `min_value`/`max_value`: NaN is not a number.",
        ));
    }
    if min > max {
        std::mem::swap(&mut min, &mut max);
    }
    if min == max {
        return Err(Error::invalid(
            "slider",
            format!(
                "The `min_value` and `max_value` parameters are both set to {min}. They must not be equal."
            ),
        ));
    }
    let step = step.unwrap_or(T::DEFAULT_STEP);
    if step <= T::ZERO {
        return Err(Error::invalid(
            "slider",
            "Invalid `step` value. Supported values: a positive number. Zero is not allowed.",
        ));
    }
    Ok((min, max, step))
}

fn numeric_spec<T: Numeric>(min: T, max: T, step: T, format: Option<String>) -> WidgetSpec {
    WidgetSpec::Numeric {
        min: min.to_f64(),
        max: max.to_f64(),
        step: step.to_f64(),
        integer: T::INTEGER,
        format,
    }
}

/// A slider over a numeric range (`st.slider`, EL-1).
///
/// ```
/// # use brook::prelude::*;
/// fn page(st: &mut St) {
///     let level = st.add(Slider::new("Level", 0..=10).value(2).key("level"));
///     st.text(format!("level={level}"));
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// at.set_value("Level", 7).run();
/// assert_eq!(at.texts(), ["level=7"]);
/// ```
#[must_use = "add the widget with `st.add(..)`"]
#[derive(Clone)]
pub struct Slider<T: Numeric> {
    common: Common,
    range: RangeInclusive<T>,
    value: Option<T>,
    step: Option<T>,
    format: Option<String>,
}

impl<T: Numeric> Slider<T> {
    /// A slider over `range` (bounds included), starting at its low end.
    pub fn new(label: impl Into<String>, range: RangeInclusive<T>) -> Self {
        Self {
            common: Common::new(label),
            range,
            value: None,
            step: None,
            format: None,
        }
    }

    /// Its value at first. Out of range, the bounds widen to include it
    /// (as Streamlit does).
    #[inline]
    pub fn value(mut self, value: T) -> Self {
        self.value = Some(value);
        self
    }
}

common_options!([T: Numeric] Slider<T>);
rerun_option!([T: Numeric] Slider<T>);
on_change_option!(on_change, "Runs `f` before the page body when the user changes the value (EX-4).", [T: Numeric] Slider<T>);

impl<T: Numeric> Widget for Slider<T> {
    type Output = T;
    fn show(self, st: &mut St<'_>) -> Result<T> {
        let (mut min, mut max, step) = slider_bounds(&self.range, self.step)?;
        let default = self.value.unwrap_or(min);
        if default.to_f64().is_nan() {
            return Err(Error::invalid("slider", "The slider's `value` is NaN."));
        }
        if default < min {
            min = default;
        }
        if default > max {
            max = default;
        }
        let identity = super::unkeyed_identity(&self.common, || {
            format!(
                "{min}|{max}|{step}|{default}|{:?}|{:?}",
                self.format, self.common.help
            )
        });
        let keyed_identity = format!("{min}|{max}|{step}");
        st.register(Decl {
            kind: WidgetKind::Slider,
            common: self.common,
            identity,
            keyed_identity,
            default,
            explicit_default: self.value.is_some(),
            trigger: false,
            validate: Box::new(move |v| out_of_range(*v, min, max)),
            to_value: Box::new(|v| Ok(v.to_widget())),
            convert: Arc::new(move |wv| T::from_widget(wv).filter(|v| *v >= min && *v <= max)),
            spec: numeric_spec(min, max, step, self.format),
        })
    }
}

/// A slider with two handles, returning `(low, high)` (`st.slider` with a
/// tuple value).
#[must_use = "add the widget with `st.add(..)`"]
#[derive(Clone)]
pub struct RangeSlider<T: Numeric> {
    common: Common,
    range: RangeInclusive<T>,
    value: Option<(T, T)>,
    step: Option<T>,
    format: Option<String>,
}

impl<T: Numeric> RangeSlider<T> {
    /// A range slider over `range`, selecting all of it at first.
    pub fn new(label: impl Into<String>, range: RangeInclusive<T>) -> Self {
        Self {
            common: Common::new(label),
            range,
            value: None,
            step: None,
            format: None,
        }
    }

    /// The selected `(low, high)` at first.
    #[inline]
    pub fn value(mut self, low: T, high: T) -> Self {
        self.value = Some((low, high));
        self
    }
}

common_options!([T: Numeric] RangeSlider<T>);
rerun_option!([T: Numeric] RangeSlider<T>);
on_change_option!(on_change, "Runs `f` before the page body when the user changes the range (EX-4).", [T: Numeric] RangeSlider<T>);

impl<T: Numeric> Widget for RangeSlider<T> {
    type Output = (T, T);
    fn show(self, st: &mut St<'_>) -> Result<(T, T)> {
        let (mut min, mut max, step) = slider_bounds(&self.range, self.step)?;
        let (mut lo, mut hi) = self.value.unwrap_or((min, max));
        if lo.to_f64().is_nan() || hi.to_f64().is_nan() {
            return Err(Error::invalid(
                "slider",
                "The range slider's `value` contains NaN.",
            ));
        }
        if lo > hi {
            std::mem::swap(&mut lo, &mut hi);
        }
        if lo < min {
            min = lo;
        }
        if hi > max {
            max = hi;
        }
        let identity = super::unkeyed_identity(&self.common, || {
            format!(
                "{min}|{max}|{step}|{lo}|{hi}|{:?}|{:?}",
                self.format, self.common.help
            )
        });
        let keyed_identity = format!("{min}|{max}|{step}");
        st.register(Decl {
            kind: WidgetKind::RangeSlider,
            common: self.common,
            identity,
            keyed_identity,
            default: (lo, hi),
            explicit_default: self.value.is_some(),
            trigger: false,
            validate: Box::new(move |(a, b)| {
                out_of_range(*a, min, max)?;
                out_of_range(*b, min, max)
            }),
            to_value: Box::new(|(a, b)| {
                Ok(match (a.to_widget(), b.to_widget()) {
                    (WidgetValue::Int(a), WidgetValue::Int(b)) => WidgetValue::IntRange(a, b),
                    _ => WidgetValue::FloatRange(a.to_f64(), b.to_f64()),
                })
            }),
            convert: Arc::new(move |wv| {
                let (a, b) = match wv {
                    WidgetValue::IntRange(a, b) => (
                        T::from_widget(&WidgetValue::Int(*a))?,
                        T::from_widget(&WidgetValue::Int(*b))?,
                    ),
                    WidgetValue::FloatRange(a, b) => (T::from_f64(*a)?, T::from_f64(*b)?),
                    _ => return None,
                };
                let (a, b) = if a <= b { (a, b) } else { (b, a) };
                (a >= min && b <= max).then_some((a, b))
            }),
            spec: numeric_spec(min, max, step, self.format),
        })
    }
}

/// A number input with +/- buttons (`st.number_input`, EL-2).
#[must_use = "add the widget with `st.add(..)`"]
#[derive(Clone)]
pub struct NumberInput<T: Numeric> {
    common: Common,
    min: Option<T>,
    max: Option<T>,
    value: Option<T>,
    step: Option<T>,
    format: Option<String>,
}

impl<T: Numeric> NumberInput<T> {
    /// A number input, unbounded, starting at its minimum (or zero).
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            common: Common::new(label),
            min: None,
            max: None,
            value: None,
            step: None,
            format: None,
        }
    }

    /// Bounds, both included.
    #[inline]
    pub fn range(mut self, range: RangeInclusive<T>) -> Self {
        self.min = Some(*range.start());
        self.max = Some(*range.end());
        self
    }

    /// A lower bound only.
    #[inline]
    pub fn min(mut self, min: T) -> Self {
        self.min = Some(min);
        self
    }

    /// An upper bound only.
    #[inline]
    pub fn max(mut self, max: T) -> Self {
        self.max = Some(max);
        self
    }

    /// Its value at first (default: the minimum, or zero).
    #[inline]
    pub fn value(mut self, value: T) -> Self {
        self.value = Some(value);
        self
    }
}

common_options!([T: Numeric] NumberInput<T>);
rerun_option!([T: Numeric] NumberInput<T>);
on_change_option!(on_change, "Runs `f` before the page body when the user changes the value (EX-4).", [T: Numeric] NumberInput<T>);

const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0; // (1 << 53) - 1

impl<T: Numeric> Widget for NumberInput<T> {
    type Output = T;
    fn show(self, st: &mut St<'_>) -> Result<T> {
        let kind = "number_input";
        if let (Some(min), Some(max)) = (self.min, self.max)
            && min > max
        {
            return Err(Error::invalid(
                kind,
                format!(
                    "The `min_value`, set to {min}, cannot be greater than the `max_value`, set to {max}."
                ),
            ));
        }
        let default = self.value.or(self.min).unwrap_or(T::ZERO);
        if let Some(max) = self.max
            && default > max
        {
            return Err(Error::invalid(
                kind,
                format!("The `value` {default} is greater than the `max_value` {max}."),
            ));
        }
        if let Some(min) = self.min
            && default < min
        {
            return Err(Error::invalid(
                kind,
                format!("The `value` {default} is less than the `min_value` {min}."),
            ));
        }
        if T::INTEGER && default.to_f64().abs() > MAX_SAFE_INTEGER {
            return Err(Error::invalid(
                kind,
                format!("`value` ({default}) must be <= (1 << 53) - 1"),
            ));
        }
        if let Some(format) = &self.format
            && !valid_printf(format)
        {
            return Err(Error::invalid(
                kind,
                format!(
                    "Format string for `st.number_input` contains invalid characters: {format}"
                ),
            ));
        }
        let step = self.step.unwrap_or(T::DEFAULT_STEP);
        if step <= T::ZERO {
            return Err(Error::invalid(
                kind,
                "Invalid `step` value. Supported values: a positive number.",
            ));
        }
        let (min, max) = (self.min, self.max);
        let in_range = move |v: T| min.is_none_or(|m| v >= m) && max.is_none_or(|m| v <= m);
        let identity = format!(
            "{:?}|{:?}|{step}|{default}|{:?}|{:?}",
            min.map(Numeric::to_f64),
            max.map(Numeric::to_f64),
            self.format,
            self.common.help
        );
        st.register(Decl {
            kind: WidgetKind::NumberInput,
            common: self.common,
            identity,
            keyed_identity: String::new(),
            default,
            explicit_default: self.value.is_some(),
            trigger: false,
            // WS-8: an out-of-range value set through session state falls
            // back to the default silently (see `convert`); here it is
            // accepted and clamped by the renderer's bounds.
            validate: Box::new(|_| Ok(())),
            to_value: Box::new(|v| Ok(v.to_widget())),
            convert: Arc::new(move |wv| T::from_widget(wv).filter(|v| in_range(*v))),
            spec: WidgetSpec::Number {
                min: min.map(Numeric::to_f64),
                max: max.map(Numeric::to_f64),
                step: step.to_f64(),
                integer: T::INTEGER,
                format: self.format,
            },
        })
        .map(|v| if in_range(v) { v } else { default })
    }
}

/// True when `format` has one printf conversion (`%d`, `%.2f`, `%x`, ...).
fn valid_printf(format: &str) -> bool {
    let mut chars = format.chars().peekable();
    let mut conversions = 0;
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            continue;
        }
        while let Some(&c) = chars.peek() {
            if c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | ' ' | '#' | '0') {
                chars.next();
            } else {
                break;
            }
        }
        match chars.next() {
            Some('d' | 'i' | 'u' | 'f' | 'F' | 'e' | 'E' | 'g' | 'G' | 'x' | 'X' | 'o') => {
                conversions += 1;
            }
            _ => return false,
        }
    }
    conversions == 1
}

#[cfg(test)]
mod tests {
    use super::valid_printf;

    #[test]
    fn printf_formats_are_checked() {
        assert!(valid_printf("%d"));
        assert!(valid_printf("%0.2f"));
        assert!(valid_printf("%x items"));
        assert!(!valid_printf("abc"));
        assert!(!valid_printf("%q"));
        assert!(!valid_printf("%d %d"));
    }
}
