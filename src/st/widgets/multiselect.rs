//! `Multiselect`: choose any number of options (`st.multiselect`).

use std::sync::Arc;

use super::options::{OptionItem, OptionList, too_many};
use super::{Common, Decl, Widget};
use crate::error::{Error, Result};
use crate::st::St;
use crate::tree::{OptionsSpec, WidgetKind, WidgetSpec, WidgetValue};

/// A drop-down of options where any number can be chosen
/// (`st.multiselect`); returns the chosen options in the order they were
/// chosen. Nothing is chosen at first.
///
/// Options are any `Display + Clone` values, `&str` included; session state
/// keeps the chosen options' labels (`Vec<String>`) under the widget's key.
///
/// ```
/// # use brook::prelude::*;
/// fn page(st: &mut St) {
///     let fruit = st.add(
///         Multiselect::new("Fruit", ["Apple", "Banana", "Cherry"])
///             .default(["Banana"])
///             .max_selections(2)
///             .key("fruit"),
///     );
///     st.text(fruit.join("+"));
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// assert_eq!(at.texts(), ["Banana"]);
/// at.set_value("Fruit", ["Cherry", "Apple"]).run();
/// assert_eq!(at.texts(), ["Cherry+Apple"]);
/// assert_eq!(at.state::<Vec<String>>("fruit"), ["Cherry", "Apple"]);
/// ```
#[must_use = "add the widget with `st.add(..)`"]
#[derive(Clone)]
pub struct Multiselect<T: OptionItem> {
    common: Common,
    options: Vec<T>,
    default: Option<Vec<String>>,
    max_selections: Option<usize>,
    placeholder: Option<String>,
}

impl<T: OptionItem> Multiselect<T> {
    /// A multiselect offering `options`, nothing chosen at first.
    pub fn new(label: impl Into<String>, options: impl IntoIterator<Item = T>) -> Self {
        Self {
            common: Common::new(label),
            options: options.into_iter().collect(),
            default: None,
            max_selections: None,
            placeholder: None,
        }
    }

    /// The options chosen at first (each must be one of the options).
    #[inline]
    pub fn default<D: std::fmt::Display>(mut self, chosen: impl IntoIterator<Item = D>) -> Self {
        self.default = Some(chosen.into_iter().map(|d| d.to_string()).collect());
        self
    }

    /// The most options the user can choose.
    #[inline]
    pub fn max_selections(mut self, max: usize) -> Self {
        self.max_selections = Some(max);
        self
    }

    /// Grey hint shown while nothing is chosen (default "Choose options").
    #[inline]
    pub fn placeholder(mut self, placeholder: impl Into<String>) -> Self {
        self.placeholder = Some(placeholder.into());
        self
    }
}

common_options!([T: OptionItem] Multiselect<T>);
rerun_option!([T: OptionItem] Multiselect<T>);
on_change_option!(on_change, "Runs `f` before the page body when the user changes the selection (EX-4).", [T: OptionItem] Multiselect<T>);

impl<T: OptionItem> Widget for Multiselect<T> {
    type Output = Vec<T>;
    fn show(self, st: &mut St<'_>) -> Result<Vec<T>> {
        let kind = WidgetKind::Multiselect;
        let label = self.common.label.clone();
        let list = OptionList::new(kind.name(), &label, self.options)?;
        let max = self.max_selections;
        if max == Some(0) {
            return Err(Error::invalid(
                kind.name(),
                "`max_selections` must be a positive number: it is the most options the user can choose.",
            ));
        }
        let default = list.defaults(self.default.as_deref().unwrap_or_default())?;
        if let Some(max) = max
            && default.len() > max
        {
            return Err(too_many(default.len(), max));
        }
        let identity = format!(
            "{:?}|{default:?}|{max:?}|{:?}|{:?}",
            list.labels, self.placeholder, self.common.help
        );
        let (l1, l2, l3) = (list.clone(), list.clone(), list.clone());
        let kind_name = kind.name();
        let labels = st.register(Decl {
            kind,
            common: self.common,
            identity,
            keyed_identity: format!("{max:?}"),
            default,
            explicit_default: self.default.is_some(),
            trigger: false,
            validate: Box::new(move |v: &Vec<String>| {
                l1.check_state(kind_name, &label, v)?;
                match max {
                    Some(max) if v.len() > max => Err(too_many(v.len(), max)),
                    _ => Ok(()),
                }
            }),
            to_value: Box::new(move |v| Ok(WidgetValue::Indices(l2.indices(v)))),
            convert: Arc::new(move |wv| match wv {
                WidgetValue::Indices(ix) => l3
                    .labels_at(ix)
                    .filter(|labels| max.is_none_or(|m| labels.len() <= m)),
                _ => None,
            }),
            spec: WidgetSpec::Options(Box::new(OptionsSpec {
                options: list.labels.to_vec(),
                multi: true,
                range: false,
                max_selections: max,
                placeholder: self.placeholder,
            })),
        })?;
        Ok(list.items(&labels))
    }
}
