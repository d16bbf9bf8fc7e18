//! Buttons and on/off widgets: `Button`, `Checkbox`, `Toggle`.

use std::sync::Arc;

use super::{Common, Decl, Widget};
use crate::error::Result;
use crate::st::St;
use crate::tree::{ButtonKind, WidgetKind, WidgetSpec, WidgetValue};

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
    kind: ButtonKind,
}

impl Button {
    /// A button with this label.
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            common: Common::new(label),
            kind: ButtonKind::Secondary,
        }
    }

    /// Fills the button with the accent colour (`type="primary"`), for the
    /// one action a page is about.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// # brook::__doc_page(|st| {
    /// if st.add(Button::new("Save").primary()) {
    ///     st.success("Saved");
    /// }
    /// # Ok(()) });
    /// ```
    #[inline]
    pub fn primary(mut self) -> Self {
        self.kind = ButtonKind::Primary;
        self
    }

    /// How the button is drawn: secondary (outlined, the default), primary
    /// (filled with the accent) or tertiary (text only).
    ///
    /// ```
    /// use brook::prelude::*;
    /// use brook::tree::ButtonKind;
    /// # brook::__doc_page(|st| {
    /// st.add(Button::new("More").kind(ButtonKind::Tertiary));
    /// # Ok(()) });
    /// ```
    #[inline]
    pub fn kind(mut self, kind: ButtonKind) -> Self {
        self.kind = kind;
        self
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
            spec: if self.kind == ButtonKind::Secondary {
                WidgetSpec::Plain
            } else {
                WidgetSpec::Button { kind: self.kind }
            },
        })
    }
}

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
