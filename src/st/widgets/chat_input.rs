//! `ChatInput`: a message box pinned to the bottom of the page
//! (`st.chat_input`).

use std::sync::Arc;

use super::{Common, Decl, Widget};
use crate::error::{Error, Result};
use crate::st::St;
use crate::tree::{ChatSpec, WidgetKind, WidgetSpec, WidgetValue};

/// A message box (`st.chat_input`): the text the user submitted (with Enter
/// or the send button) for exactly the one run the submission started,
/// `None` in every other run. At the top level of the main area it is
/// pinned to the bottom of the window; inside a container it is drawn in
/// place. Its placeholder is its label. Its key is read-only (WS-7).
///
/// ```
/// # use brook::prelude::*;
/// fn page(st: &mut St) {
///     if let Some(msg) = st.add(ChatInput::new("Say something").max_chars(100)) {
///         st.text(format!("you said {msg}"));
///     }
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// at.set_value("Say something", "hi").run();
/// assert_eq!(at.texts(), ["you said hi"]);
/// at.run(); // a rerun: nothing submitted
/// assert!(at.texts().is_empty());
/// ```
#[must_use = "add the widget with `st.add(..)`"]
#[derive(Clone)]
pub struct ChatInput {
    common: Common,
    max_chars: Option<usize>,
}

impl ChatInput {
    /// A message box showing `placeholder` while empty.
    pub fn new(placeholder: impl Into<String>) -> Self {
        Self {
            common: Common::new(placeholder),
            max_chars: None,
        }
    }

    /// The most characters a message may have (longer ones are cut).
    #[inline]
    pub fn max_chars(mut self, max: usize) -> Self {
        self.max_chars = Some(max);
        self
    }
}

common_options!([] ChatInput);
on_change_option!(on_submit, "Runs `f` before the page body when a message is submitted (EX-4).", [] ChatInput);

impl Widget for ChatInput {
    type Output = Option<String>;
    fn show(self, st: &mut St<'_>) -> Result<Option<String>> {
        let max_chars = self.max_chars;
        if max_chars == Some(0) {
            return Err(Error::invalid(
                WidgetKind::ChatInput.name(),
                "`max_chars` must be a positive number.",
            ));
        }
        let identity = format!("{max_chars:?}|{:?}", self.common.help);
        let placeholder = self.common.label.clone();
        st.register(Decl {
            kind: WidgetKind::ChatInput,
            common: self.common,
            identity,
            keyed_identity: String::new(),
            default: None,
            explicit_default: false,
            trigger: true,
            validate: Box::new(|_| Ok(())),
            to_value: Box::new(|v: &Option<String>| {
                Ok(WidgetValue::Text(v.clone().unwrap_or_default()))
            }),
            convert: Arc::new(move |wv| match wv {
                WidgetValue::Text(s) if !s.trim().is_empty() => Some(Some(match max_chars {
                    Some(n) => s.chars().take(n).collect(),
                    None => s.clone(),
                })),
                _ => None,
            }),
            spec: WidgetSpec::Chat(ChatSpec {
                placeholder,
                max_chars,
            }),
        })
    }
}
