//! Choice widgets: `Selectbox`, `Radio`.
//!
//! Options are any `Display + Clone` values, string literals included
//! (`st.selectbox("Region", ["North", "South"])`): the widget returns the
//! option itself, and session state keeps the chosen option's label (a
//! `String`) under the widget's key, the same rule as every choice widget.
//! A label is what the user saw, so a saved choice still means the same
//! option after a restart, even if the list of options changed.

use std::fmt::Display;
use std::sync::Arc;

use super::{Common, Decl, Widget};
use crate::error::{Error, Result};
use crate::st::St;
use crate::tree::{WidgetKind, WidgetSpec, WidgetValue};

/// What a selectbox or radio can offer: anything shown with `Display`
/// (labels must be distinct), `&str` included. Implemented for every such
/// type.
pub trait Choice: Clone + Display + Send + Sync + 'static {}

impl<T: Clone + Display + Send + Sync + 'static> Choice for T {}

/// The options' labels; two options with one label are an error (the user
/// could not tell them apart, and state keeps labels).
fn labels_of<C: Choice>(kind: &str, label: &str, options: &[C]) -> Result<Vec<String>> {
    let labels: Vec<String> = options.iter().map(ToString::to_string).collect();
    for (i, l) in labels.iter().enumerate() {
        if labels[..i].contains(l) {
            return Err(Error::invalid(
                kind,
                format!(
                    "`{kind}` \"{label}\" has two options shown as '{l}'. Options are told apart by their \
                     labels: make every option's `Display` text distinct."
                ),
            ));
        }
    }
    Ok(labels)
}

/// The error for a key that holds something else than a label.
fn not_a_label(kind: &str, key: &str, found: &str) -> Error {
    Error::invalid(
        kind,
        format!(
            "session state key \"{key}\" holds a `{found}`, but a `{kind}` keeps the label of its chosen \
             option there, a `String`. Set it with the label, e.g. `st.state().set(\"{key}\", option.to_string())`."
        ),
    )
}

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
                let names: Vec<String> = labels_of(kind.name(), &label, &self.options)?;
                let values: Vec<serde_json::Value> =
                    names.iter().map(|n| serde_json::Value::String(n.clone())).collect();
                let identity = format!("{names:?}|{}|{:?}", self.index, self.common.help);
                let kind_name = kind.name();
                if let Some(key) = &self.common.key
                    && let Err(Error::WrongType { found, .. }) = st.run.state.get::<String>(key)
                {
                    return Err(not_a_label(kind_name, key, &found));
                }
                let names: Arc<[String]> = names.into();
                let (n1, n2, n3) = (names.clone(), names.clone(), names.clone());
                let chosen = st.register(Decl {
                    kind,
                    common: self.common,
                    identity,
                    keyed_identity: String::new(),
                    default: default.to_string(),
                    explicit_default: self.explicit_index,
                    trigger: false,
                    validate: Box::new(move |v: &String| {
                        if n1.contains(v) {
                            Ok(())
                        } else {
                            Err(Error::invalid(
                                kind_name,
                                format!("The value '{v}' set through session state is not one of the options of `{kind_name}` \"{label}\"."),
                            ))
                        }
                    }),
                    to_value: Box::new(move |v: &String| {
                        Ok(WidgetValue::Index(n2.iter().position(|o| o == v).unwrap_or(0)))
                    }),
                    convert: Arc::new(move |wv| match wv {
                        WidgetValue::Index(i) => n3.get(*i).cloned(),
                        _ => None,
                    }),
                    spec: WidgetSpec::Choice {
                        options: names.to_vec(),
                        values,
                        horizontal: self.horizontal,
                    },
                })?;
                let i = names.iter().position(|n| *n == chosen).unwrap_or(self.index);
                Ok(self.options.get(i).cloned().unwrap_or(default))
            }
        }
    };
}

choice_widget!(Selectbox, Selectbox, "A drop-down choice (`st.selectbox`).");
choice_widget!(Radio, Radio, "Radio buttons (`st.radio`).");
