//! `OnChange`: a widget builder that carries a change callback.

use super::Widget;
use crate::error::Result;
use crate::st::form::rules::CallbackInForm;
use crate::st::{Form, FormWidget, St};

/// A widget builder with a change callback (`Slider::new(..).on_change(f)`,
/// `Button::new(..).on_click(f)`): `st.add` takes it like the widget itself
/// and runs the callback before the page body when the value changes (EX-4).
///
/// It is a type of its own so that a form refuses it at compile time:
/// within a form only the submit button takes a callback (FO-3).
///
/// ```
/// # use brook::prelude::*;
/// fn page(st: &mut St) {
///     st.state().init("changes", || 0_i64);
///     st.add(Slider::new("x", 0..=10).on_change(|st| {
///         st.state().update("changes", |n: &mut i64| *n += 1).ok();
///     }).key("x"));
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run().set_value("x", 4).run();
/// assert_eq!(at.state::<i64>("changes"), 1);
/// ```
///
/// ```compile_fail
/// # use brook::prelude::*;
/// # brook::__doc_page(|st| {
/// st.form("f", |form| {
///     // within a form, callbacks can only be defined on `form_submit_button`
///     form.add(Slider::new("x", 0..=10).on_change(|_st| {}));
/// });
/// # Ok(()) });
/// ```
#[must_use = "add the widget with `st.add(..)`"]
#[derive(Clone)]
pub struct OnChange<W> {
    widget: W,
}

impl<W> OnChange<W> {
    pub(super) fn new(widget: W) -> Self {
        Self { widget }
    }

    /// Applies a builder option to the wrapped widget.
    pub(super) fn map(self, f: impl FnOnce(W) -> W) -> Self {
        Self {
            widget: f(self.widget),
        }
    }
}

impl<W: Widget> Widget for OnChange<W> {
    type Output = W::Output;
    fn show(self, st: &mut St<'_>) -> Result<W::Output> {
        self.widget.show(st)
    }
}

/// The bound never holds (FO-3's compile error); at run time the form
/// would raise the same error.
impl<W: FormWidget> FormWidget for OnChange<W>
where
    W: CallbackInForm,
{
    type Output = W::Output;
    fn show_in_form(self, form: &mut Form<'_, '_>) -> Result<W::Output> {
        self.widget.show_in_form(form)
    }
}
