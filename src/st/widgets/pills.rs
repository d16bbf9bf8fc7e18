//! `Pills` and `SegmentedControl`: a row of option buttons, one or several
//! chosen (`st.pills`, `st.segmented_control`).

use std::fmt::Display;
use std::marker::PhantomData;
use std::sync::Arc;

use super::options::{OptionItem, OptionList};
use super::{Common, Decl, Widget};
use crate::error::Result;
use crate::st::St;
use crate::tree::{OptionsSpec, WidgetKind, WidgetSpec, WidgetValue};

/// Selection mode marker: at most one option (`selection_mode="single"`),
/// the page receives an `Option<T>`.
#[derive(Debug, Clone, Copy)]
pub struct Single;

/// Selection mode marker: any number of options (`selection_mode="multi"`),
/// the page receives a `Vec<T>`.
#[derive(Debug, Clone, Copy)]
pub struct Multi;

/// [`Single`] or [`Multi`]: how many options (or files) a widget takes.
pub trait SelectionMode: Copy + Send + Sync + 'static {
    /// True for [`Multi`].
    const MULTI: bool;
}

impl SelectionMode for Single {
    const MULTI: bool = false;
}

impl SelectionMode for Multi {
    const MULTI: bool = true;
}

macro_rules! button_group {
    ($(#[$attr:meta])* $ty:ident, $kind:ident) => {
        $(#[$attr])*
        #[must_use = "add the widget with `st.add(..)`"]
        #[derive(Clone)]
        pub struct $ty<T: OptionItem, M = Single> {
            common: Common,
            options: Vec<T>,
            default: Option<Vec<String>>,
            mode: PhantomData<M>,
        }

        impl<T: OptionItem> $ty<T, Single> {
            /// A row of `options`; none is chosen at first, and clicking the
            /// chosen one again unchooses it.
            pub fn new(label: impl Into<String>, options: impl IntoIterator<Item = T>) -> Self {
                Self {
                    common: Common::new(label),
                    options: options.into_iter().collect(),
                    default: None,
                    mode: PhantomData,
                }
            }

            /// The option chosen at first.
            #[inline]
            pub fn default(mut self, chosen: impl Display) -> Self {
                self.default = Some(vec![chosen.to_string()]);
                self
            }

            /// Lets the user choose several options; the page then receives a
            /// `Vec<T>` (`selection_mode="multi"`).
            #[inline]
            pub fn multi(self) -> $ty<T, Multi> {
                $ty {
                    common: self.common,
                    options: self.options,
                    default: self.default,
                    mode: PhantomData,
                }
            }
        }

        impl<T: OptionItem> $ty<T, Multi> {
            /// The options chosen at first.
            #[inline]
            pub fn default<D: Display>(mut self, chosen: impl IntoIterator<Item = D>) -> Self {
                self.default = Some(chosen.into_iter().map(|d| d.to_string()).collect());
                self
            }
        }

        common_options!([T: OptionItem, M] $ty<T, M>);
        rerun_option!([T: OptionItem] $ty<T, Single>, [T: OptionItem] $ty<T, Multi>);
        on_change_option!(on_change, "Runs `f` before the page body when the user changes the selection (EX-4).", [T: OptionItem, M] $ty<T, M>);

        impl<T: OptionItem> Widget for $ty<T, Single> {
            type Output = Option<T>;
            fn show(self, st: &mut St<'_>) -> Result<Option<T>> {
                let explicit = self.default.is_some();
                let (list, labels) = group(st, WidgetKind::$kind, self.common, self.options, self.default, false, explicit)?;
                Ok(list.items(&labels).into_iter().next())
            }
        }

        impl<T: OptionItem> Widget for $ty<T, Multi> {
            type Output = Vec<T>;
            fn show(self, st: &mut St<'_>) -> Result<Vec<T>> {
                let explicit = self.default.is_some();
                let (list, labels) = group(st, WidgetKind::$kind, self.common, self.options, self.default, true, explicit)?;
                Ok(list.items(&labels))
            }
        }
    };
}

/// Registers a pills or segmented control widget. Session state keeps an
/// `Option<String>` (single) or a `Vec<String>` (multi) of labels; both
/// are stored here as a `Vec<String>` in the widget and converted below.
fn group<T: OptionItem>(
    st: &mut St<'_>,
    kind: WidgetKind,
    common: Common,
    options: Vec<T>,
    default: Option<Vec<String>>,
    multi: bool,
    explicit_default: bool,
) -> Result<(OptionList<T>, Vec<String>)> {
    let label = common.label.clone();
    let list = OptionList::new(kind.name(), &label, options)?;
    let default = list.defaults(default.as_deref().unwrap_or_default())?;
    let identity = format!("{:?}|{default:?}|{multi}|{:?}", list.labels, common.help);
    let spec = WidgetSpec::Options(Box::new(OptionsSpec {
        options: list.labels.to_vec(),
        multi,
        range: false,
        max_selections: None,
        placeholder: None,
    }));
    let (l1, l2, l3) = (list.clone(), list.clone(), list.clone());
    let kind_name = kind.name();
    let labels = if multi {
        st.register(Decl {
            kind,
            common,
            identity,
            keyed_identity: String::new(),
            default,
            explicit_default,
            trigger: false,
            validate: Box::new(move |v: &Vec<String>| l1.check_state(kind_name, &label, v)),
            to_value: Box::new(move |v| Ok(WidgetValue::Indices(l2.indices(v)))),
            convert: Arc::new(move |wv| match wv {
                WidgetValue::Indices(ix) => l3.labels_at(ix),
                _ => None,
            }),
            spec,
        })?
    } else {
        let chosen = st.register(Decl {
            kind,
            common,
            identity,
            keyed_identity: String::new(),
            default: default.into_iter().next(),
            explicit_default,
            trigger: false,
            validate: Box::new(move |v: &Option<String>| {
                l1.check_state(kind_name, &label, v.as_slice())
            }),
            to_value: Box::new(move |v: &Option<String>| {
                Ok(WidgetValue::Indices(l2.indices(v.as_slice())))
            }),
            convert: Arc::new(move |wv| match wv {
                WidgetValue::Indices(ix) if ix.len() <= 1 => {
                    Some(l3.labels_at(ix)?.into_iter().next())
                }
                _ => None,
            }),
            spec,
        })?;
        chosen.into_iter().collect()
    };
    Ok((list, labels))
}

button_group!(
    /// A row of pill-shaped option buttons (`st.pills`); returns the chosen
    /// option, or with [`multi`](Pills::multi) every chosen one.
    ///
    /// Session state keeps the chosen label (`Option<String>`; `Vec<String>`
    /// with `multi`) under the key.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// fn page(st: &mut St) {
    ///     let mood = st.add(Pills::new("Mood", ["calm", "busy"]));
    ///     let tags = st.add(Pills::new("Tags", ["a", "b", "c"]).multi().default(["a"]));
    ///     st.text(format!("{mood:?} {tags:?}"));
    /// }
    /// let mut at = brook::testing::AppTest::new(page);
    /// at.run();
    /// assert_eq!(at.texts(), [r#"None ["a"]"#]);
    /// at.set_value("Mood", "busy").set_value("Tags", ["c", "a"]).run();
    /// assert_eq!(at.texts(), [r#"Some("busy") ["c", "a"]"#]);
    /// ```
    Pills,
    Pills
);
button_group!(
    /// Joined option buttons (`st.segmented_control`); returns the chosen
    /// option, or with [`multi`](SegmentedControl::multi) every chosen one.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// fn page(st: &mut St) {
    ///     let view = st.add(SegmentedControl::new("View", ["Map", "Table"]).default("Map"));
    ///     st.text(view.unwrap_or("none"));
    /// }
    /// let mut at = brook::testing::AppTest::new(page);
    /// at.run();
    /// assert_eq!(at.texts(), ["Map"]);
    /// at.set_value("View", "Table").run();
    /// assert_eq!(at.texts(), ["Table"]);
    /// at.set_value("View", ()).run(); // unchoose: the unit value is JSON null
    /// assert_eq!(at.texts(), ["none"]);
    /// ```
    SegmentedControl,
    SegmentedControl
);
