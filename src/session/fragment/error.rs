//! What can go wrong with fragments, dialogs and scoped reruns, in
//! Streamlit's words adapted to Rust (EX-8, FR-3, FR-7, FR-9).

/// An error raised by `st.fragment`, `st.dialog` or a scoped rerun.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FragmentError {
    /// EX-8 / FR-4: a fragment-scoped rerun outside a fragment rerun.
    #[error(
        "`st.rerun_fragment()` (`RerunScope::Fragment`) can only be called from a function passed to \
         `st.fragment(..)` during a fragment rerun. During a full run the whole page runs anyway: \
         use `st.rerun()` to run it again."
    )]
    ScopeOutsideFragmentRun,

    /// EX-8: a fragment key outside a widget callback.
    #[error(
        "Passing a fragment key to `st.rerun_scope(RerunScope::Keys(..))` is only allowed from a widget \
         callback (`on_change` / `on_click`). Calling it from the page or a fragment's function would \
         abort the current run. If you meant to rerun the whole app or the current fragment, use \
         `st.rerun()` or `st.rerun_fragment()`."
    )]
    KeyOutsideCallback,

    /// EX-8: no fragment has this key.
    #[error(
        "No fragment found for target '{key}'. Pass the same `key` you set with `Fragment::key(..)`, \
         and make sure that fragment has rendered at least once."
    )]
    UnknownKey {
        /// The key asked for.
        key: String,
    },

    /// EX-8: an empty key list, or an empty key.
    #[error(
        "Invalid rerun scope. Supported values: `RerunScope::App`, `RerunScope::Fragment`, \
         `RerunScope::Keys` with one or more fragment keys. Got an empty key."
    )]
    EmptyScope,

    /// FR-9: `app` and `fragment` name rerun levels.
    #[error(
        "`{key}` is a reserved name and cannot be used as a fragment key, because a rerun scope reads \
         it as a rerun level. Choose a different key for `Fragment::key(..)`."
    )]
    ReservedKey {
        /// The key.
        key: String,
    },

    /// FR-3, departure 2: with brook's default rule a fragment draws
    /// widgets only in its own body.
    #[error(
        "Fragments cannot write widgets to outside containers. `{label}` was created inside a fragment \
         but drawn into a container created outside it (the sidebar, or a container handle made \
         before the fragment was called). Create the widget in the fragment's own body, or select \
         Streamlit 1.67's rule for this fragment with \
         `.outside_writes(OutsideWrites::ReplaceInPlace)`."
    )]
    WidgetOutside {
        /// The widget's label.
        label: String,
    },

    /// FR-3 with Streamlit 1.67's rule: a rerun wrote to an outside
    /// container the full run did not write to.
    #[error(
        "A fragment tried to write to a container created outside it, but the fragment did not write \
         to that container during the last full app run, so brook could not reserve a stable \
         position for it.\n\nTo fix this, write to that container at least once during the full run \
         (for example an empty placeholder made with `st.empty()`), or create the container inside \
         the fragment.\n\nWith brook's default rule (`OutsideWrites::Accumulate`), such writes are \
         appended to the container until the next full run instead."
    )]
    NoStablePosition,

    /// One dialog at a time.
    #[error(
        "Only one dialog is allowed to be opened at the same time. Make sure not to call `st.dialog(..)` \
         more than once in a run, and not while another dialog is open."
    )]
    SecondDialog,

    /// FR-7: a `run_every` string that is not a duration.
    #[error(
        "Time string doesn't look right. It should be formatted as `'1d2h34m'` or `2 days`, for \
         example (`run_every`). Got: {text}"
    )]
    RunEvery {
        /// The string given.
        text: String,
    },

    /// A container handle that the fragment cannot reach on a rerun.
    #[error(
        "This fragment wrote into a container that no longer exists on the page. Create the \
         container again in the full run before calling the fragment, or inside the fragment."
    )]
    LostContainer,
}

impl FragmentError {
    /// A short name for the kind of error, shown as the exception's type.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::ScopeOutsideFragmentRun | Self::NoStablePosition | Self::LostContainer => {
                "InvalidLayoutContextError"
            }
            Self::WidgetOutside { .. } => "FragmentWidgetsNotAllowedOutsideError",
            Self::KeyOutsideCallback
            | Self::UnknownKey { .. }
            | Self::EmptyScope
            | Self::ReservedKey { .. }
            | Self::SecondDialog
            | Self::RunEvery { .. } => "BrookAPIException",
        }
    }
}

impl From<FragmentError> for crate::Error {
    fn from(e: FragmentError) -> Self {
        Self::Fragment(Box::new(e))
    }
}
