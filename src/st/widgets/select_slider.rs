//! `SelectSlider`, `SelectRange`: a slider over ordered options
//! (`st.select_slider`).

use std::fmt::Display;
use std::sync::Arc;

use super::options::{OptionItem, OptionList};
use super::{Common, Decl, Widget};
use crate::error::{Error, Result};
use crate::st::St;
use crate::tree::{OptionsSpec, WidgetKind, WidgetSpec, WidgetValue};

const KIND: WidgetKind = WidgetKind::SelectSlider;

/// A slider whose stops are the given options (`st.select_slider`); returns
/// the chosen option, the first at first. For two handles, call
/// [`value_range`](Self::value_range).
///
/// Session state keeps the chosen option's label (`String`) under the key.
///
/// ```
/// # use brook::prelude::*;
/// fn page(st: &mut St) {
///     let size = st.add(SelectSlider::new("Size", ["S", "M", "L", "XL"]).value("M"));
///     st.text(size);
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// assert_eq!(at.texts(), ["M"]);
/// at.set_value("Size", "XL").run();
/// assert_eq!(at.texts(), ["XL"]);
/// ```
#[must_use = "add the widget with `st.add(..)`"]
#[derive(Clone)]
pub struct SelectSlider<T: OptionItem> {
    common: Common,
    options: Vec<T>,
    value: Option<String>,
}

impl<T: OptionItem> SelectSlider<T> {
    /// A select slider over `options`, in their order.
    pub fn new(label: impl Into<String>, options: impl IntoIterator<Item = T>) -> Self {
        Self {
            common: Common::new(label),
            options: options.into_iter().collect(),
            value: None,
        }
    }

    /// The option chosen at first (one of the options).
    #[inline]
    pub fn value(mut self, value: impl Display) -> Self {
        self.value = Some(value.to_string());
        self
    }

    /// Two handles: the page receives `(low, high)`, starting at these options.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// # brook::__doc_page(|st| {
    /// let (lo, hi) = st.add(SelectSlider::new("Hours", 0..=23).value_range(9, 17));
    /// assert_eq!((lo, hi), (9, 17));
    /// # Ok(()) });
    /// ```
    #[inline]
    pub fn value_range(self, low: impl Display, high: impl Display) -> SelectRange<T> {
        SelectRange {
            common: self.common,
            options: self.options,
            value: Some((low.to_string(), high.to_string())),
        }
    }
}

/// A select slider with two handles (made by
/// [`SelectSlider::value_range`]); returns `(low, high)`.
#[must_use = "add the widget with `st.add(..)`"]
#[derive(Clone)]
pub struct SelectRange<T: OptionItem> {
    common: Common,
    options: Vec<T>,
    value: Option<(String, String)>,
}

common_options!([T: OptionItem] SelectSlider<T>, [T: OptionItem] SelectRange<T>);
rerun_option!([T: OptionItem] SelectSlider<T>, [T: OptionItem] SelectRange<T>);
on_change_option!(on_change, "Runs `f` before the page body when the user moves the slider (EX-4).", [T: OptionItem] SelectSlider<T>, [T: OptionItem] SelectRange<T>);

fn non_empty<T: OptionItem>(label: &str, options: Vec<T>) -> Result<OptionList<T>> {
    if options.is_empty() {
        return Err(Error::invalid(
            KIND.name(),
            "The `options` argument needs to be non-empty",
        ));
    }
    OptionList::new(KIND.name(), label, options)
}

fn spec(list: &OptionList<impl OptionItem>, range: bool) -> WidgetSpec {
    WidgetSpec::Options(Box::new(OptionsSpec {
        options: list.labels.to_vec(),
        multi: false,
        range,
        max_selections: None,
        placeholder: None,
    }))
}

fn not_in_options(v: &str, label: &str) -> Error {
    Error::invalid(
        KIND.name(),
        format!("The `value` '{v}' is not one of the options of `select_slider` \"{label}\"."),
    )
}

impl<T: OptionItem> Widget for SelectSlider<T> {
    type Output = T;
    fn show(self, st: &mut St<'_>) -> Result<T> {
        let label = self.common.label.clone();
        let list = non_empty(&label, self.options)?;
        let default = match &self.value {
            Some(v) if list.position(v).is_none() => return Err(not_in_options(v, &label)),
            Some(v) => v.clone(),
            None => list.labels[0].clone(),
        };
        let identity = format!("{:?}|{default}|{:?}", list.labels, self.common.help);
        let (l1, l2, l3) = (list.clone(), list.clone(), list.clone());
        let chosen = st.register(Decl {
            kind: KIND,
            common: self.common,
            identity,
            keyed_identity: String::new(),
            default,
            explicit_default: self.value.is_some(),
            trigger: false,
            validate: Box::new(move |v: &String| {
                l1.check_state(KIND.name(), &label, std::slice::from_ref(v))
            }),
            to_value: Box::new(move |v| Ok(WidgetValue::Index(l2.position(v).unwrap_or(0)))),
            convert: Arc::new(move |wv| match wv {
                WidgetValue::Index(i) => l3.labels.get(*i).cloned(),
                _ => None,
            }),
            spec: spec(&list, false),
        })?;
        // A label that is no longer an option (the list changed) reads as
        // the first option.
        Ok(list.item(&chosen).unwrap_or_else(|| list.items[0].clone()))
    }
}

impl<T: OptionItem> Widget for SelectRange<T> {
    type Output = (T, T);
    fn show(self, st: &mut St<'_>) -> Result<(T, T)> {
        let label = self.common.label.clone();
        let list = non_empty(&label, self.options)?;
        let last = list.labels[list.len() - 1].clone();
        let (lo, hi) = self
            .value
            .clone()
            .unwrap_or_else(|| (list.labels[0].clone(), last));
        let (Some(a), Some(b)) = (list.position(&lo), list.position(&hi)) else {
            let bad = if list.position(&lo).is_none() {
                &lo
            } else {
                &hi
            };
            return Err(not_in_options(bad, &label));
        };
        // Reversed ends are swapped, as Streamlit does.
        let default = if a <= b { (lo, hi) } else { (hi, lo) };
        let identity = format!("{:?}|{default:?}|{:?}", list.labels, self.common.help);
        let (l1, l2, l3) = (list.clone(), list.clone(), list.clone());
        let chosen = st.register(Decl {
            kind: KIND,
            common: self.common,
            identity,
            keyed_identity: String::new(),
            default,
            explicit_default: self.value.is_some(),
            trigger: false,
            validate: Box::new(move |(a, b): &(String, String)| {
                l1.check_state(KIND.name(), &label, &[a.clone(), b.clone()])
            }),
            to_value: Box::new(move |(a, b)| {
                let a = l2.position(a).unwrap_or(0);
                let b = l2.position(b).unwrap_or(l2.len() - 1);
                Ok(WidgetValue::Indices(vec![a.min(b), a.max(b)]))
            }),
            convert: Arc::new(move |wv| match wv {
                WidgetValue::Indices(ix) if ix.len() == 2 => {
                    let (a, b) = (ix[0].min(ix[1]), ix[0].max(ix[1]));
                    Some((l3.labels.get(a)?.clone(), l3.labels.get(b)?.clone()))
                }
                _ => None,
            }),
            spec: spec(&list, true),
        })?;
        let first = || list.items[0].clone();
        let lo = list.item(&chosen.0).unwrap_or_else(first);
        let hi = list
            .item(&chosen.1)
            .unwrap_or_else(|| list.items[list.len() - 1].clone());
        Ok((lo, hi))
    }
}
