//! What multiselect, select_slider, pills and segmented control share: a list
//! of options shown by `Display` and remembered by label.
//!
//! These widgets keep the chosen options' *labels* in session state (a
//! `String`, an `Option<String>` or a `Vec<String>`), not the options
//! themselves. So any `Display + Clone` type works as an option, `&str`
//! included, and a saved choice still means the same option after a restart
//! even if the list grew.

use std::fmt::Display;
use std::sync::Arc;

use crate::error::{Error, Result};

/// What multiselect, select_slider, pills and segmented control can offer:
/// anything shown with `Display` (labels must be distinct). Implemented for
/// every such type.
pub trait OptionItem: Display + Clone + Send + Sync + 'static {}

impl<T: Display + Clone + Send + Sync + 'static> OptionItem for T {}

/// The options of one widget with their labels.
#[derive(Clone)]
pub(super) struct OptionList<T> {
    pub(super) items: Arc<[T]>,
    pub(super) labels: Arc<[String]>,
}

impl<T: OptionItem> OptionList<T> {
    /// The options; two options with the same label are an error (the page
    /// could not tell them apart).
    pub(super) fn new(kind: &str, label: &str, items: Vec<T>) -> Result<Self> {
        let labels: Vec<String> = items.iter().map(ToString::to_string).collect();
        for (i, l) in labels.iter().enumerate() {
            if labels[..i].contains(l) {
                return Err(Error::invalid(
                    kind,
                    format!(
                        "`{kind}` \"{label}\" has two options shown as '{l}'. Options are told apart by \
                         their labels: make every option's `Display` text distinct."
                    ),
                ));
            }
        }
        Ok(Self {
            items: items.into(),
            labels: labels.into(),
        })
    }

    pub(super) fn len(&self) -> usize {
        self.labels.len()
    }

    pub(super) fn position(&self, label: &str) -> Option<usize> {
        self.labels.iter().position(|l| l == label)
    }

    /// The option shown as `label`.
    pub(super) fn item(&self, label: &str) -> Option<T> {
        self.position(label).map(|i| self.items[i].clone())
    }

    /// The options shown as `labels`, in that order, skipping labels that
    /// are no longer options.
    pub(super) fn items(&self, labels: &[String]) -> Vec<T> {
        labels.iter().filter_map(|l| self.item(l)).collect()
    }

    /// Indices of `labels` (unknown labels skipped).
    pub(super) fn indices(&self, labels: &[String]) -> Vec<usize> {
        labels.iter().filter_map(|l| self.position(l)).collect()
    }

    /// Labels of `indices`; `None` when one is out of range.
    pub(super) fn labels_at(&self, indices: &[usize]) -> Option<Vec<String>> {
        indices
            .iter()
            .map(|&i| self.labels.get(i).cloned())
            .collect()
    }

    /// The labels of default values, each checked to be an option (Streamlit's
    /// wording).
    pub(super) fn defaults(&self, values: &[String]) -> Result<Vec<String>> {
        for v in values {
            if self.position(v).is_none() {
                return Err(not_an_option(v));
            }
        }
        Ok(values.to_vec())
    }

    /// Checks labels assigned through session state (WS-8).
    pub(super) fn check_state(&self, kind: &str, label: &str, values: &[String]) -> Result<()> {
        match values.iter().find(|v| self.position(v).is_none()) {
            Some(v) => Err(Error::invalid(
                kind,
                format!(
                    "The value '{v}' set through session state is not one of the options of `{kind}` \"{label}\"."
                ),
            )),
            None => Ok(()),
        }
    }
}

/// A default that is not one of the options.
pub(super) fn not_an_option(value: &str) -> Error {
    Error::invalid(
        "options",
        format!(
            "The default value '{value}' is not part of the options. Please make sure that every default \
             values also exists in the options."
        ),
    )
}

/// More selections than `max_selections` (Streamlit's
/// `StreamlitSelectionCountExceedsMaxError`).
pub(super) fn too_many(count: usize, max: usize) -> Error {
    let noun = |n: usize| if n == 1 { "option" } else { "options" };
    Error::invalid(
        "multiselect",
        format!(
            "Multiselect has {count} {} selected but `max_selections` is set to {max}. This happened because \
             you either gave too many options to `default` or you manipulated the widget's state through \
             `st.state()`. Note that the latter can happen before the line indicated in the traceback. \
             Please select at most {max} {}.",
            noun(count),
            noun(max)
        ),
    )
}
