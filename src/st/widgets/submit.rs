//! `FormSubmitButton`: the button that submits a form (FO-2, FO-3, FO-7).

use std::sync::Arc;

use super::{Common, Decl, Widget, callback};
use crate::error::Result;
use crate::session::IntoPageResult;
use crate::st::form::rules::SubmitOutsideForm;
use crate::st::{Form, FormError, FormWidget, St};
use crate::tree::{WidgetKind, WidgetSpec, WidgetValue};

/// A form's submit button (`st.form_submit_button`): `true` in exactly the
/// run its click submitted, which is also the run in which the form's
/// widgets return what was entered (FO-2). Add it through the form handle;
/// outside a form it does not compile (FO-4).
///
/// Its `on_click` is the only callback a form allows (FO-3): it runs before
/// the page body and sees every submitted value in session state. Without a
/// `key`, its key is `FormSubmitter:{form}-{label}` (FO-7), so two unkeyed
/// buttons with one label in one form collide (WS-3).
///
/// ```
/// # use brook::prelude::*;
/// fn page(st: &mut St) {
///     st.form("order", |form| {
///         form.add(NumberInput::new("Quantity").value(1_i64).key("qty"));
///         form.add(FormSubmitButton::new("Order").help("Sends the order").on_click(|st| {
///             let qty: i64 = st.state().get("qty").unwrap_or(0);
///             st.state().set("ordered", qty);
///         }));
///     });
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// at.set_value("Quantity", 3).click("Order").run();
/// assert_eq!(at.state::<i64>("ordered"), 3);
/// ```
#[must_use = "add the button with `form.add(..)`"]
#[derive(Clone)]
pub struct FormSubmitButton {
    common: Common,
}

impl FormSubmitButton {
    /// A submit button with this label.
    pub fn new(label: impl Into<String>) -> Self {
        let mut common = Common::new(label);
        common.submit = true;
        Self { common }
    }

    /// Runs `f` before the page body when the form is submitted with this
    /// button; every submitted value is already in session state (FO-3).
    #[inline]
    pub fn on_click<F, R>(mut self, f: F) -> Self
    where
        F: Fn(&mut St<'_>) -> R + Send + Sync + 'static,
        R: IntoPageResult,
    {
        self.common.on_change = Some(callback(f));
        self
    }

    /// Gives the button a key of its own instead of `FormSubmitter:{form}-{label}`.
    #[inline]
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.common.key = Some(key.into());
        self
    }

    /// A tooltip shown on hover.
    #[inline]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.common.help = Some(help.into());
        self
    }

    /// Greys the button out: it cannot submit, and Enter does not submit
    /// the form when this is its first submit button (FO-10).
    #[inline]
    pub fn disabled(mut self, disabled: bool) -> Self {
        self.common.disabled = disabled;
        self
    }

    fn register(self, st: &mut St<'_>) -> Result<bool> {
        let mut common = self.common;
        if common.key.is_none()
            && let Some((_, form)) = st.cursor_form()
        {
            // FO-7: the default key, visible in session state.
            common.key = Some(format!("FormSubmitter:{form}-{}", common.label));
        }
        let identity = format!("{:?}", common.help);
        st.register(Decl {
            kind: WidgetKind::Button,
            common,
            identity,
            keyed_identity: String::new(),
            default: false,
            explicit_default: false,
            trigger: true,
            validate: Box::new(|_| Ok(())),
            to_value: Box::new(|v| Ok(WidgetValue::Bool(*v))),
            convert: Arc::new(|_| Some(true)),
            spec: WidgetSpec::Plain,
        })
    }
}

impl FormWidget for FormSubmitButton {
    type Output = bool;
    fn show_in_form(self, form: &mut Form<'_, '_>) -> Result<bool> {
        let pressed = self.register(form.st())?;
        form.note_submit_button();
        Ok(pressed)
    }
}

/// The bound never holds, so `st.add(FormSubmitButton::new(..))` is FO-4's
/// compile error; at run time it would raise the same error.
impl<'a> Widget for FormSubmitButton
where
    &'a FormSubmitButton: SubmitOutsideForm,
{
    type Output = bool;
    fn show(self, st: &mut St<'_>) -> Result<bool> {
        if st.cursor_form().is_none() {
            return Err(FormError::SubmitOutsideForm {
                label: self.common.label,
            }
            .into());
        }
        self.register(st)
    }
}
