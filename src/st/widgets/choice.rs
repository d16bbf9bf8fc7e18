//! Choice widgets: `Selectbox`, `Radio`.

use std::fmt::Display;
use std::sync::Arc;

use super::{Common, Decl, Widget};
use crate::error::{Error, Result};
use crate::st::St;
use crate::state::StateValue;
use crate::tree::{WidgetKind, WidgetSpec, WidgetValue};

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
