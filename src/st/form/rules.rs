//! Traits nothing implements: the bounds that make what a form forbids a
//! compile error whose message names the fix (departure 3).

/// FO-4: a plain button cannot be used in a form.
#[diagnostic::on_unimplemented(
    message = "`st.button()` can't be used in an `st.form()`",
    label = "a plain button inside a form",
    note = "use `form.form_submit_button(label)` (or `form.add(FormSubmitButton::new(label))`) to submit the form, \
            or create the button outside the form's closure (FO-4)"
)]
pub trait PlainButtonInForm {}

/// FO-3: within a form only the submit button takes a callback.
#[diagnostic::on_unimplemented(
    message = "within a form, callbacks can only be defined on `form_submit_button`",
    label = "this widget has a change callback",
    note = "remove `.on_change(..)` from the widget, or move the work to `FormSubmitButton::on_click`, \
            which runs before the page and sees every submitted value (FO-3)"
)]
pub trait CallbackInForm {}

/// FO-4: a submit button exists only inside a form.
#[diagnostic::on_unimplemented(
    message = "`st.form_submit_button()` must be used inside an `st.form()`",
    label = "a submit button outside a form",
    note = "add it through the form handle: `st.form(\"key\", |form| form.form_submit_button(\"Submit\"))` (FO-4)"
)]
pub trait SubmitOutsideForm {}

/// FO-5: forms cannot be nested.
#[diagnostic::on_unimplemented(
    message = "forms cannot be nested in other forms",
    label = "a form inside a form",
    note = "open the second form with `st.form(..)` after the first form's closure ends (FO-5)"
)]
pub trait NestedForm {}
