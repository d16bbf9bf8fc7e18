//! Widget builders: `St::add(Slider::new("x", 0..=10).key("x"))`.
//!
//! Each builder is a short-lived value (`new` + `#[must_use]` options) that
//! `St::add` registers: its identity (WS-1, WS-2), its value (WS-4, WS-5,
//! WS-8) and the callback to run when the user changes it (EX-4).

use std::fmt::Display;
use std::ops::RangeInclusive;
use std::sync::Arc;

use super::St;
use crate::error::{Error, Result};
use crate::session::IntoPageResult;
use crate::session::run::{Callback, WidgetMeta, eq_any};
use crate::state::{Registration, Ser, StateValue};
use crate::tree::{Element, WidgetId, WidgetKind, WidgetNode, WidgetSpec, WidgetValue};

/// Something [`St::add`] can register: a widget and the value it returns.
pub trait Widget {
    /// What the page receives: `bool` for a button, `T` for a slider, ...
    type Output;
    /// Registers the widget in the current run and returns its value.
    fn show(self, st: &mut St<'_>) -> Result<Self::Output>;
}

/// Options every widget has.
#[derive(Clone, Default)]
struct Common {
    label: String,
    key: Option<String>,
    help: Option<String>,
    disabled: bool,
    on_change: Option<Callback>,
    persist: bool,
    /// `on_change = "ignore"`: a change does not rerun the page.
    ignore_change: bool,
}

impl Common {
    fn new(label: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            ..Self::default()
        }
    }
}

fn callback<F, R>(f: F) -> Callback
where
    F: Fn(&mut St<'_>) -> R + Send + Sync + 'static,
    R: IntoPageResult,
{
    Arc::new(move |st: &mut St<'_>| f(st).into_page_result())
}

/// The builder options shared by every widget.
macro_rules! common_options {
    ($([$($gen:tt)*] $ty:ty),*) => {$(
        impl<$($gen)*> $ty {
            /// Gives the widget an identity of its own (WS-2) and binds its
            /// value to this session-state key (WS-4).
            #[inline]
            pub fn key(mut self, key: impl Into<String>) -> Self {
                self.common.key = Some(key.into());
                self
            }

            /// A tooltip shown on hover.
            #[inline]
            pub fn help(mut self, help: impl Into<String>) -> Self {
                self.common.help = Some(help.into());
                self
            }

            /// Greys the widget out; the user cannot change it and no
            /// callback fires (EX-4).
            #[inline]
            pub fn disabled(mut self, disabled: bool) -> Self {
                self.common.disabled = disabled;
                self
            }

            /// Keeps the widget's value while it is not drawn, instead of
            /// dropping it at the end of the run (WS-9, departure 8).
            #[inline]
            pub fn persist_state(mut self, persist: bool) -> Self {
                self.common.persist = persist;
                self
            }
        }
    )*};
}

macro_rules! on_change_option {
    ($name:ident, $doc:literal, $([$($gen:tt)*] $ty:ty),*) => {$(
        impl<$($gen)*> $ty {
            #[doc = $doc]
            #[inline]
            pub fn $name<F, R>(mut self, f: F) -> Self
            where
                F: Fn(&mut St<'_>) -> R + Send + Sync + 'static,
                R: IntoPageResult,
            {
                self.common.on_change = Some(callback(f));
                self
            }
        }
    )*};
}

/// Checks a value assigned through session state (WS-8).
type Validate<T> = Box<dyn Fn(&T) -> Result<()>>;
/// The value as the renderer edits it.
type ToValue<T> = Box<dyn Fn(&T) -> Result<WidgetValue>>;
/// A value the renderer committed; `None` when invalid (falls back to the default).
type FromValue<T> = Arc<dyn Fn(&WidgetValue) -> Option<T> + Send + Sync>;

/// `rerun_on_change`, for every widget but buttons (Streamlit's `st.button`
/// has no `on_change="ignore"` either).
macro_rules! rerun_option {
    ($([$($gen:tt)*] $ty:ty),*) => {$(
        impl<$($gen)*> $ty {
            /// `rerun_on_change(false)` is Streamlit's `on_change="ignore"`
            /// (EL-1): the widget updates on screen but the page does not
            /// rerun; the value reaches the page with the next rerun. It
            /// cannot be combined with an `on_change` callback.
            #[inline]
            pub fn rerun_on_change(mut self, rerun: bool) -> Self {
                self.common.ignore_change = !rerun;
                self
            }
        }
    )*};
}

/// Everything `St::register` needs to know about one widget.
struct Decl<T> {
    kind: WidgetKind,
    common: Common,
    /// Parameters that make an unkeyed widget's identity (WS-1).
    identity: String,
    /// The allow-list still hashed for keyed widgets (WS-2).
    keyed_identity: String,
    default: T,
    explicit_default: bool,
    trigger: bool,
    validate: Validate<T>,
    to_value: ToValue<T>,
    convert: FromValue<T>,
    spec: WidgetSpec,
}

fn short_hash(parts: &[&str]) -> String {
    let mut h = blake3::Hasher::new();
    for p in parts {
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    let bytes = h.finalize();
    bytes.as_bytes()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl St<'_> {
    fn register<T: StateValue + PartialEq + Sync>(&mut self, decl: Decl<T>) -> Result<T> {
        self.checkpoint();
        let Decl {
            kind,
            common,
            identity,
            keyed_identity,
            default,
            explicit_default,
            trigger,
            validate,
            to_value,
            convert,
            spec,
        } = decl;
        let kind_name = kind.name();
        if common.ignore_change && common.on_change.is_some() {
            return Err(Error::invalid(
                kind_name,
                format!(
                    "`{kind_name}` \"{}\" has an `on_change` callback and `rerun_on_change(false)`: \
                     a change that does not rerun the page cannot run a callback. Keep one of the two.",
                    common.label
                ),
            ));
        }
        let (id, entry_key) = match &common.key {
            Some(key) => {
                if key.is_empty() {
                    return Err(Error::EmptyKey);
                }
                if key.starts_with("$$ID") {
                    return Err(Error::ReservedKey { key: key.clone() });
                }
                let hash = short_hash(&[kind_name, &keyed_identity]);
                (WidgetId(format!("$$ID-{hash}-{key}")), key.clone())
            }
            None => {
                let root = format!("{:?}", self.run.builder.root());
                let page = self.page_name().to_owned();
                let hash = short_hash(&[kind_name, &common.label, &identity, &page, &root]);
                let id = format!("$$ID-{hash}-None");
                (WidgetId(id.clone()), id)
            }
        };
        if let Some(key) = &common.key
            && !self.run.keys.insert(key.clone())
        {
            return Err(Error::DuplicateKey { key: key.clone() });
        }
        if self.run.widgets.contains(&id) {
            return Err(Error::DuplicateWidgetId {
                kind: kind_name.to_owned(),
                label: common.label.clone(),
            });
        }
        let value = self.run.state.register_widget(Registration {
            entry_key: &entry_key,
            user_key: common.key.as_deref(),
            id: &id,
            default: default.clone(),
            explicit_default,
            read_only: trigger,
            persist: common.persist,
            validate: &validate,
        })?;
        let widget_value = to_value(&value)?;
        let convert_dyn = {
            let default = default.clone();
            Arc::new(move |wv: &WidgetValue| {
                let v = convert(wv).unwrap_or_else(|| default.clone());
                Box::new(Ser(v)) as Box<dyn crate::state::DynValue>
            })
        };
        self.run.widgets.push(WidgetMeta {
            id: id.clone(),
            entry_key,
            disabled: common.disabled,
            trigger,
            on_change: common.on_change,
            convert: convert_dyn,
            eq: eq_any::<T>,
        });
        self.push(Element::Widget(WidgetNode {
            id,
            kind,
            label: common.label,
            key: common.key,
            value: widget_value,
            spec,
            help: common.help,
            disabled: common.disabled,
            ignore_change: common.ignore_change,
        }));
        Ok(value)
    }
}

// ---- buttons -------------------------------------------------------------------

/// A button (`st.button`): `true` for exactly the one run its click
/// triggered, `false` in every other run, including a run started by
/// `st.rerun()` from that same run (EX-5).
///
/// ```
/// # use brook::prelude::*;
/// fn page(st: &mut St) {
///     if st.add(Button::new("Say hi").on_click(|st| st.state().set("said", true))) {
///         st.text("hi");
///     }
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// at.click("Say hi").run();
/// assert_eq!(at.texts(), ["hi"]);
/// assert!(at.state::<bool>("said"));
/// ```
#[must_use = "add the widget with `st.add(..)`"]
#[derive(Clone)]
pub struct Button {
    common: Common,
}

impl Button {
    /// A button with this label.
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            common: Common::new(label),
        }
    }
}

common_options!([] Button);
on_change_option!(on_click, "Runs `f` before the page body when the button is clicked (EX-4).", [] Button);

impl Widget for Button {
    type Output = bool;
    fn show(self, st: &mut St<'_>) -> Result<bool> {
        let identity = format!("{:?}", self.common.help);
        st.register(Decl {
            kind: WidgetKind::Button,
            common: self.common,
            identity,
            keyed_identity: String::new(),
            default: false,
            explicit_default: false,
            trigger: true,
            validate: Box::new(|_| Ok(())),
            to_value: Box::new(|v| Ok(WidgetValue::Bool(*v))),
            convert: Arc::new(|_| Some(true)),
            spec: WidgetSpec::Plain,
        })
    }
}

// ---- checkbox, toggle ------------------------------------------------------------

macro_rules! bool_widget {
    ($ty:ident, $kind:ident, $doc:literal) => {
        #[doc = $doc]
        #[must_use = "add the widget with `st.add(..)`"]
        #[derive(Clone)]
        pub struct $ty {
            common: Common,
            value: Option<bool>,
        }

        impl $ty {
            /// A new one with this label, off at first.
            pub fn new(label: impl Into<String>) -> Self {
                Self {
                    common: Common::new(label),
                    value: None,
                }
            }

            /// Its value at first.
            #[inline]
            pub fn value(mut self, value: bool) -> Self {
                self.value = Some(value);
                self
            }
        }

        common_options!([] $ty);
        rerun_option!([] $ty);
        on_change_option!(on_change, "Runs `f` before the page body when the user changes the value (EX-4).", [] $ty);

        impl Widget for $ty {
            type Output = bool;
            fn show(self, st: &mut St<'_>) -> Result<bool> {
                let default = self.value.unwrap_or(false);
                let identity = format!("{default}|{:?}", self.common.help);
                st.register(Decl {
                    kind: WidgetKind::$kind,
                    common: self.common,
                    identity,
                    keyed_identity: String::new(),
                    default,
                    explicit_default: self.value.is_some(),
                    trigger: false,
                    validate: Box::new(|_| Ok(())),
                    to_value: Box::new(|v| Ok(WidgetValue::Bool(*v))),
                    convert: Arc::new(|wv| match wv {
                        WidgetValue::Bool(b) => Some(*b),
                        _ => None,
                    }),
                    spec: WidgetSpec::Plain,
                })
            }
        }
    };
}

bool_widget!(Checkbox, Checkbox, "A checkbox (`st.checkbox`).");
bool_widget!(Toggle, Toggle, "A toggle switch (`st.toggle`).");

// ---- numbers --------------------------------------------------------------------

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
        let identity = format!(
            "{min}|{max}|{step}|{default}|{:?}|{:?}",
            self.format, self.common.help
        );
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
        let identity = format!(
            "{min}|{max}|{step}|{lo}|{hi}|{:?}|{:?}",
            self.format, self.common.help
        );
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

// ---- text ---------------------------------------------------------------------------

macro_rules! text_widget {
    ($ty:ident, $kind:ident, $doc:literal) => {
        #[doc = $doc]
        #[must_use = "add the widget with `st.add(..)`"]
        #[derive(Clone)]
        pub struct $ty {
            common: Common,
            value: Option<String>,
            max_chars: Option<usize>,
            placeholder: Option<String>,
            password: bool,
        }

        impl $ty {
            /// A new one with this label, empty at first.
            pub fn new(label: impl Into<String>) -> Self {
                Self {
                    common: Common::new(label),
                    value: None,
                    max_chars: None,
                    placeholder: None,
                    password: false,
                }
            }

            /// Its text at first (truncated to `max_chars`, EL-3).
            #[inline]
            pub fn value(mut self, value: impl Into<String>) -> Self {
                self.value = Some(value.into());
                self
            }

            /// The most characters it accepts.
            #[inline]
            pub fn max_chars(mut self, max_chars: usize) -> Self {
                self.max_chars = Some(max_chars);
                self
            }

            /// Grey hint shown while empty.
            #[inline]
            pub fn placeholder(mut self, placeholder: impl Into<String>) -> Self {
                self.placeholder = Some(placeholder.into());
                self
            }

            /// Masks what is typed (`type="password"`).
            #[inline]
            pub fn password(mut self) -> Self {
                self.password = true;
                self
            }
        }

        common_options!([] $ty);
        rerun_option!([] $ty);
        on_change_option!(on_change, "Runs `f` before the page body when the text commits with a new value (EX-4).", [] $ty);

        impl Widget for $ty {
            type Output = String;
            fn show(self, st: &mut St<'_>) -> Result<String> {
                let max_chars = self.max_chars;
                if max_chars == Some(0) {
                    return Err(Error::invalid(WidgetKind::$kind.name(), "`max_chars` must be a positive number."));
                }
                let truncate = move |s: &str| match max_chars {
                    Some(n) => s.chars().take(n).collect(),
                    None => s.to_owned(),
                };
                let default = truncate(self.value.as_deref().unwrap_or(""));
                let identity = format!("{default}|{max_chars:?}|{:?}|{:?}|{}", self.placeholder, self.common.help, self.password);
                st.register(Decl {
                    kind: WidgetKind::$kind,
                    common: self.common,
                    identity,
                    keyed_identity: format!("{max_chars:?}"),
                    default,
                    explicit_default: self.value.is_some(),
                    trigger: false,
                    validate: Box::new(|_| Ok(())),
                    to_value: Box::new(|v: &String| Ok(WidgetValue::Text(v.clone()))),
                    convert: Arc::new(move |wv| match wv {
                        WidgetValue::Text(s) => Some(truncate(s)),
                        _ => None,
                    }),
                    spec: WidgetSpec::Text {
                        max_chars,
                        placeholder: self.placeholder,
                        password: self.password,
                    },
                })
            }
        }
    };
}

text_widget!(
    TextInput,
    TextInput,
    "A single-line text input (`st.text_input`, EL-3): commits on Enter or focus loss."
);
text_widget!(
    TextArea,
    TextArea,
    "A multi-line text input (`st.text_area`): commits on focus loss."
);

// ---- choices -----------------------------------------------------------------------

/// What a selectbox or radio can offer: options shown by `Display`, returned
/// by value, and storable in session state.
pub trait Choice: Clone + PartialEq + Display + StateValue + Sync {}

impl<T: Clone + PartialEq + Display + StateValue + Sync> Choice for T {}

macro_rules! choice_widget {
    ($ty:ident, $kind:ident, $doc:literal) => {
        #[doc = $doc]
        #[must_use = "add the widget with `st.add(..)`"]
        #[derive(Clone)]
        pub struct $ty<C: Choice> {
            common: Common,
            options: Vec<C>,
            index: usize,
            explicit_index: bool,
            horizontal: bool,
        }

        impl<C: Choice> $ty<C> {
            /// A new one offering `options`; the first is chosen at first.
            pub fn new(label: impl Into<String>, options: impl IntoIterator<Item = C>) -> Self {
                Self {
                    common: Common::new(label),
                    options: options.into_iter().collect(),
                    index: 0,
                    explicit_index: false,
                    horizontal: false,
                }
            }

            /// Which option is chosen at first.
            #[inline]
            pub fn index(mut self, index: usize) -> Self {
                self.index = index;
                self.explicit_index = true;
                self
            }

            /// Lays the options out in a row (radio).
            #[inline]
            pub fn horizontal(mut self) -> Self {
                self.horizontal = true;
                self
            }
        }

        common_options!([C: Choice] $ty<C>);
        rerun_option!([C: Choice] $ty<C>);
        on_change_option!(on_change, "Runs `f` before the page body when the user picks another option (EX-4).", [C: Choice] $ty<C>);

        impl<C: Choice> Widget for $ty<C> {
            type Output = C;
            fn show(self, st: &mut St<'_>) -> Result<C> {
                let kind = WidgetKind::$kind;
                let label = self.common.label.clone();
                let Some(default) = self.options.get(self.index).cloned() else {
                    return Err(Error::invalid(
                        kind.name(),
                        if self.options.is_empty() {
                            format!("`{}` \"{label}\" has no options. Pass at least one option.", kind.name())
                        } else {
                            format!(
                                "`{}` \"{label}\": index {} is out of range; it must be between 0 and {} (the number of options minus one).",
                                kind.name(), self.index, self.options.len() - 1
                            )
                        },
                    ));
                };
                let names: Vec<String> = self.options.iter().map(ToString::to_string).collect();
                let values: Vec<serde_json::Value> =
                    self.options.iter().map(|o| serde_json::to_value(o).unwrap_or_default()).collect();
                let identity = format!("{names:?}|{}|{:?}", self.index, self.common.help);
                let options: Arc<[C]> = self.options.into();
                let (o1, o2, o3) = (options.clone(), options.clone(), options);
                let kind_name = kind.name();
                st.register(Decl {
                    kind,
                    common: self.common,
                    identity,
                    keyed_identity: String::new(),
                    default,
                    explicit_default: self.explicit_index,
                    trigger: false,
                    validate: Box::new(move |v| {
                        if o1.contains(v) {
                            Ok(())
                        } else {
                            Err(Error::invalid(
                                kind_name,
                                format!("The value {v} set through session state is not one of the options of `{kind_name}` \"{label}\"."),
                            ))
                        }
                    }),
                    to_value: Box::new(move |v| {
                        Ok(WidgetValue::Index(o2.iter().position(|o| o == v).unwrap_or(0)))
                    }),
                    convert: Arc::new(move |wv| match wv {
                        WidgetValue::Index(i) => o3.get(*i).cloned(),
                        _ => None,
                    }),
                    spec: WidgetSpec::Choice {
                        options: names,
                        values,
                        horizontal: self.horizontal,
                    },
                })
            }
        }
    };
}

choice_widget!(Selectbox, Selectbox, "A drop-down choice (`st.selectbox`).");
choice_widget!(Radio, Radio, "Radio buttons (`st.radio`).");

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
