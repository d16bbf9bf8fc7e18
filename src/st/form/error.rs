//! What a run can find wrong with a form; the rest does not compile.

use crate::error::Error;

/// Misuse of forms that only a run can detect; the rest does not compile.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormError {
    /// FO-5: a form opened inside another form.
    #[error(
        "Forms cannot be nested in other forms. The form `{key}` was opened inside the form `{outer}`: \
         open it after the closure of `{outer}` ends, or put its widgets into `{outer}`."
    )]
    Nested {
        /// The inner form's key.
        key: String,
        /// The form it was opened in.
        outer: String,
    },
    /// FO-4: a plain button (reached through a container handle) in a form.
    #[error(
        "`st.{kind}()` can't be used in an `st.form()`. The {kind} \"{label}\" was written into a container \
         of the form `{form}`. Use `form.form_submit_button(..)` instead to submit the form, or create \
         the {kind} outside the form."
    )]
    ButtonInForm {
        /// `button`, `download_button`, ...
        kind: String,
        /// The button's label.
        label: String,
        /// The form's key.
        form: String,
    },
    /// FO-3: a widget with a change callback (reached through a container
    /// handle) in a form.
    #[error(
        "Within a form, callbacks can only be defined on `form_submit_button`. Defining callbacks on other \
         widgets inside a form is not allowed: the {kind} \"{label}\" in the form `{form}` has an `on_change` \
         callback. Remove it, or move the work to `FormSubmitButton::on_click`, which sees every submitted value."
    )]
    CallbackInForm {
        /// The widget kind.
        kind: String,
        /// Its label.
        label: String,
        /// The form's key.
        form: String,
    },
    /// FO-4: a submit button outside a form.
    #[error(
        "`st.form_submit_button()` must be used inside an `st.form()`: add the submit button \"{label}\" \
         through the form handle, `st.form(\"key\", |form| form.form_submit_button(..))`."
    )]
    SubmitOutsideForm {
        /// The button's label.
        label: String,
    },
    /// `form.with(..)` given a container that is not inside the form.
    #[error(
        "`form.with(..)` was given a container created outside the form `{form}`. A form handle writes only \
         into its own form: write into that container with `st.with(..)` after the form's closure, or \
         create the container inside the form (`form.columns(..)`, `form.container_handle()`)."
    )]
    ContainerOutsideForm {
        /// The form's key.
        form: String,
    },
}

impl FormError {
    /// Streamlit's name for the kind of error.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Nested { .. } | Self::ContainerOutsideForm { .. } => "InvalidLayoutContextError",
            Self::CallbackInForm { .. } => "InvalidFormCallbackError",
            Self::ButtonInForm { .. } | Self::SubmitOutsideForm { .. } => "BrookAPIException",
        }
    }
}

impl From<FormError> for Error {
    fn from(e: FormError) -> Self {
        Error::Form(e)
    }
}
