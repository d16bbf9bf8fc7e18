//! Text widgets: `TextInput`, `TextArea` (EL-3).

use std::sync::Arc;

use super::{Common, Decl, Widget};
use crate::error::{Error, Result};
use crate::st::St;
use crate::tree::{WidgetKind, WidgetSpec, WidgetValue};

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
                if let Some(height) = self.common.look.height
                    && (height.is_nan() || height < 68.0)
                {
                    return Err(Error::invalid(
                        WidgetKind::$kind.name(),
                        format!("Invalid height {height}px for `st.text_area` - must be at least 68 pixels."),
                    ));
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

impl TextArea {
    /// Its height in points (at least 68, three lines of text); by default
    /// three lines.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// fn page(st: &mut St) {
    ///     let notes = st.add(TextArea::new("Notes").height(150.0).max_chars(500));
    ///     st.text(format!("{} characters", notes.chars().count()));
    /// }
    /// let mut at = brook::testing::AppTest::new(page);
    /// at.run().set_value("Notes", "hello").run();
    /// assert_eq!(at.texts(), ["5 characters"]);
    /// ```
    #[inline]
    pub fn height(mut self, height: f32) -> Self {
        self.common.look.height = Some(height);
        self
    }
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
