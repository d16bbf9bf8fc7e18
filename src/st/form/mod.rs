//! Forms (`st.form`, FO-1..FO-10): widgets whose edits are batched until the
//! form is submitted.
//!
//! [`St::form`] opens a form and hands its closure a [`Form`] handle. The
//! handle offers what a form may hold — value widgets without callbacks,
//! submit buttons, text, charts, columns, containers — and nothing else:
//! a plain button, a change callback, a nested form or a submit button
//! outside a form do not compile (departure 3), each with a message that
//! names the fix. What only a run can know (a duplicate key, a form key set
//! in session state, a container handle smuggled into a form) raises at run
//! time, in Streamlit's words.

mod error;
mod handle;
pub mod rules;

pub use error::FormError;
pub use handle::{Form, FormWidget};

use super::St;
use crate::error::{Error, Result};
use crate::session::raise;
use crate::session::run::BlockKind;
use crate::tree::{AlertKind, Element, Node, WidgetId, WidgetValue};

/// What a form is opened with (FO-1): its key and options. A `&str` or
/// `String` converts into it, so `st.form("key", ..)` needs no builder.
///
/// ```
/// # use brook::prelude::*;
/// # brook::__doc_page(|st| {
/// let opts = FormOptions::new("signup").clear_on_submit(true).border(false);
/// st.form(opts, |form| {
///     form.text_input("Email");
///     form.form_submit_button("Sign up");
/// });
/// # Ok(()) });
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "open the form with `st.form(options, |form| ..)`"]
pub struct FormOptions {
    key: String,
    clear_on_submit: bool,
    enter_to_submit: bool,
    border: bool,
}

impl FormOptions {
    /// A form with this key (unique among the run's element keys, FO-1),
    /// bordered, submitted by Enter, keeping its values after a submit.
    pub fn new(key: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            clear_on_submit: false,
            enter_to_submit: true,
            border: true,
        }
    }

    /// After a submit, the form's widgets show their defaults again (FO-9);
    /// the submit run itself sees the submitted values.
    #[inline]
    pub fn clear_on_submit(mut self, clear: bool) -> Self {
        self.clear_on_submit = clear;
        self
    }

    /// Enter in a text or number field presses the first submit button
    /// (FO-10; on by default).
    #[inline]
    pub fn enter_to_submit(mut self, enter: bool) -> Self {
        self.enter_to_submit = enter;
        self
    }

    /// Draws a border around the form (on by default).
    #[inline]
    pub fn border(mut self, border: bool) -> Self {
        self.border = border;
        self
    }
}

impl From<&str> for FormOptions {
    fn from(key: &str) -> Self {
        Self::new(key)
    }
}

impl From<String> for FormOptions {
    fn from(key: String) -> Self {
        Self::new(key)
    }
}

impl From<&String> for FormOptions {
    fn from(key: &String) -> Self {
        Self::new(key.clone())
    }
}

/// A form's block while its run builds it.
#[derive(Debug, Clone)]
pub(crate) struct FormBlock {
    key: String,
    clear_on_submit: bool,
    enter_to_submit: bool,
    border: bool,
    /// Each widget's default, kept only with `clear_on_submit` (FO-9).
    defaults: Vec<(WidgetId, WidgetValue)>,
    submit_buttons: usize,
}

impl FormBlock {
    pub(crate) fn into_element(self, children: Vec<Node>) -> crate::tree::Form {
        crate::tree::Form {
            form_id: self.key,
            clear_on_submit: self.clear_on_submit,
            enter_to_submit: self.enter_to_submit,
            border: self.border,
            defaults: self.defaults,
            children,
        }
    }
}

pub(super) fn form_block<'s>(st: &'s St<'_>, block: usize) -> Option<&'s FormBlock> {
    match &st.run.builder.blocks.get(block)?.kind {
        BlockKind::Form(f) => Some(f),
        _ => None,
    }
}

pub(super) fn form_block_mut<'s>(st: &'s mut St<'_>, block: usize) -> Option<&'s mut FormBlock> {
    match &mut st.run.builder.blocks.get_mut(block)?.kind {
        BlockKind::Form(f) => Some(f),
        _ => None,
    }
}

impl St<'_> {
    /// A form (`st.form`, FO-1): `f` fills it through a [`Form`] handle.
    /// Edits inside it do not rerun the page; the submit button sends them
    /// all in one run and is `true` in exactly that run (FO-2).
    ///
    /// Raises when forms are nested (FO-5), the key is already used in this
    /// run (WS-3), or the key was assigned through session state (FO-8).
    /// A form without a submit button shows a warning in the app.
    ///
    /// ```
    /// use brook::prelude::*;
    ///
    /// fn page(st: &mut St) {
    ///     let cols = st.form("layout", |form| {
    ///         let cols = form.add(NumberInput::new("Columns").value(1_i64).min(1).max(5));
    ///         form.form_submit_button("Apply");
    ///         cols
    ///     });
    ///     st.text(format!("{cols} columns"));
    /// }
    /// let mut at = brook::testing::AppTest::new(page);
    /// at.run();
    /// at.set_value("Columns", 3).submit("layout").run();
    /// assert_eq!(at.texts(), ["3 columns"]);
    /// ```
    #[track_caller]
    pub fn form<R>(
        &mut self,
        options: impl Into<FormOptions>,
        f: impl FnOnce(&mut Form<'_, '_>) -> R,
    ) -> R {
        match self.try_form(options, f) {
            Ok(out) => out,
            Err(e) => raise(e),
        }
    }

    /// [`form`](Self::form), returning the error instead of raising it.
    pub fn try_form<R>(
        &mut self,
        options: impl Into<FormOptions>,
        f: impl FnOnce(&mut Form<'_, '_>) -> R,
    ) -> Result<R> {
        self.checkpoint();
        let FormOptions {
            key,
            clear_on_submit,
            enter_to_submit,
            border,
        } = options.into();
        if key.is_empty() {
            return Err(Error::EmptyKey);
        }
        if key.starts_with("$$ID") {
            return Err(Error::ReservedKey { key });
        }
        if let Some((_, outer)) = self.cursor_form() {
            return Err(FormError::Nested {
                outer: outer.to_owned(),
                key,
            }
            .into());
        }
        if self.run.state.key_claimed(&key) {
            return Err(Error::DuplicateKey { key });
        }
        self.run.state.register_form(&key)?;
        self.run.state.claim_key(&key);
        let container = self.open(BlockKind::Form(FormBlock {
            key,
            clear_on_submit,
            enter_to_submit,
            border,
            defaults: Vec::new(),
            submit_buttons: 0,
        }));
        let block = container.block;
        let out = self.enter(block, |st| f(&mut Form { st, block }));
        if form_block(self, block).is_some_and(|f| f.submit_buttons == 0) {
            // FO-6: Streamlit 1.67 shows nothing, leaving an inert form; brook
            // tells the developer, as earlier Streamlit versions did.
            self.run.builder.blocks[block]
                .children
                .push_leaf(Element::Alert {
                    alert: AlertKind::Warning,
                    body: "**Missing submit button.** This form has no submit button, so what is entered in it \
                           never reaches the app. Add one with `form.form_submit_button(\"Submit\")`."
                        .to_owned(),
                });
        }
        Ok(out)
    }

    /// The form the cursor is in: its block and key.
    pub(crate) fn cursor_form(&self) -> Option<(usize, &str)> {
        let block = self.run.builder.blocks.get(self.run.builder.cursor)?.form?;
        form_block(self, block).map(|f| (block, f.key.as_str()))
    }

    /// Remembers a widget's default for `clear_on_submit` (FO-9).
    pub(crate) fn note_form_default(&mut self, block: usize, id: &WidgetId, default: WidgetValue) {
        if let Some(form) = form_block_mut(self, block)
            && form.clear_on_submit
        {
            form.defaults.push((id.clone(), default));
        }
    }

    /// Does not compile: a submit button exists only inside a form (FO-4).
    /// Use [`Form::form_submit_button`] through the form handle.
    ///
    /// ```compile_fail
    /// # brook::__doc_page(|st| {
    /// st.form_submit_button("Submit"); // `st.form_submit_button()` must be used inside an `st.form()`
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn form_submit_button<L>(&mut self, label: L) -> bool
    where
        L: Into<String> + rules::SubmitOutsideForm,
    {
        raise(
            FormError::SubmitOutsideForm {
                label: label.into(),
            }
            .into(),
        )
    }
}
