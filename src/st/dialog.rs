//! Dialogs (`st.dialog`): a modal window whose body reruns like a fragment.

use std::panic::Location;
use std::sync::Arc;

use super::{St, Widget};
use crate::error::Result;
use crate::session::IntoPageResult;
use crate::session::fragment::scope::{DialogSpec, Spec};
use crate::session::run::Callback;
use crate::st::OutsideWrites;

/// A modal dialog (`st.dialog`), opened by calling it from the page or from
/// a callback. Its body reruns on its own like a fragment when one of its
/// widgets changes. It closes when the user closes it (the close button,
/// Escape, a click outside it), or when a full run does not call it again:
/// `st.rerun()` from its body after the button that opened it was clicked
/// closes it. One dialog at a time: opening a second one raises.
///
/// ```
/// use brook::prelude::*;
///
/// fn edit(st: &mut St) {
///     let name = st.add(TextInput::new("Name").key("draft"));
///     if st.button("Save") {
///         st.state().set("name", name);
///         st.rerun(); // a full run, in which the dialog is not called again
///     }
/// }
///
/// fn page(st: &mut St) {
///     if st.button("Edit") {
///         st.add(Dialog::new("Edit the record", edit));
///     }
///     let name: String = st.state().get_or("name", String::new()).unwrap_or_default();
///     st.text(format!("name={name}"));
/// }
///
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// at.click("Edit").run();
/// assert!(at.dialog().is_some());
/// at.set_value("Name", "Ada").run(); // reruns the dialog's body only
/// at.click("Save").run();
/// assert!(at.dialog().is_none());
/// assert_eq!(at.texts(), ["name=Ada"]);
/// ```
#[must_use = "open the dialog with `st.add(..)`"]
pub struct Dialog<F> {
    title: String,
    f: F,
    key: Option<String>,
    width: f32,
    dismissible: bool,
    on_dismiss: Option<Callback>,
}

impl<F> std::fmt::Debug for Dialog<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dialog")
            .field("title", &self.title)
            .field("key", &self.key)
            .field("width", &self.width)
            .field("dismissible", &self.dismissible)
            .finish_non_exhaustive()
    }
}

impl<F, R> Dialog<F>
where
    F: Fn(&mut St<'_>) -> R + Send + Sync + 'static,
    R: IntoPageResult,
{
    /// A dialog titled `title` whose body `f` draws.
    pub fn new(title: impl Into<String>, f: F) -> Self {
        Self {
            title: title.into(),
            f,
            key: None,
            width: 500.0,
            dismissible: true,
            on_dismiss: None,
        }
    }

    /// Its identity (FR-2), instead of its call site.
    #[inline]
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// Its width in points (500 by default; Streamlit's `"large"` is 1280).
    #[inline]
    pub fn width(mut self, width: f32) -> Self {
        self.width = width;
        self
    }

    /// Whether the user may close it; without it, only the page closes it
    /// (by not calling it in a full run).
    #[inline]
    pub fn dismissible(mut self, dismissible: bool) -> Self {
        self.dismissible = dismissible;
        self
    }

    /// Runs `f` and then the whole page when the user closes the dialog
    /// (Streamlit's `on_dismiss`). Without it, closing runs nothing.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// fn page(st: &mut St) {
    ///     st.state().init("show", || true);
    ///     if st.state().get::<bool>("show").unwrap_or(false) {
    ///         st.add(Dialog::new("Welcome", |st| st.text("hello"))
    ///             .on_dismiss(|st| st.state().set("show", false)));
    ///     }
    /// }
    /// let mut at = brook::testing::AppTest::new(page);
    /// at.run();
    /// at.close_dialog().run();
    /// assert!(at.dialog().is_none());
    /// assert!(!at.state::<bool>("show"));
    /// ```
    #[inline]
    pub fn on_dismiss<C, CR>(mut self, f: C) -> Self
    where
        C: Fn(&mut St<'_>) -> CR + Send + Sync + 'static,
        CR: IntoPageResult,
    {
        self.on_dismiss = Some(Arc::new(move |st: &mut St<'_>| f(st).into_page_result()));
        self
    }
}

impl<F, R> Widget for Dialog<F>
where
    F: Fn(&mut St<'_>) -> R + Send + Sync + 'static,
    R: IntoPageResult,
{
    type Output = ();

    #[track_caller]
    fn show(self, st: &mut St<'_>) -> Result<()> {
        let location = Location::caller();
        let f = Arc::new(self.f);
        let func: Callback = {
            let f = f.clone();
            Arc::new(move |st: &mut St<'_>| f(st).into_page_result())
        };
        let saved = st.open_fragment(Spec {
            key: self.key,
            location,
            run_every: None,
            mode: OutsideWrites::default(),
            func,
            dialog: Some(DialogSpec {
                title: self.title,
                width: self.width,
                dismissible: self.dismissible,
                on_dismiss: self.on_dismiss,
            }),
        })?;
        match f(st).into_page_result() {
            Ok(()) => {
                st.close_fragment(saved);
                Ok(())
            }
            Err(e) => crate::session::raise(e),
        }
    }
}

impl St<'_> {
    /// Opens a dialog with default options: see [`Dialog`].
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// if st.button("Help") {
    ///     st.dialog("About this page", |st| st.markdown("Drag the slider."));
    /// }
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn dialog<F, R>(&mut self, title: impl Into<String>, f: F)
    where
        F: Fn(&mut St<'_>) -> R + Send + Sync + 'static,
        R: IntoPageResult,
    {
        self.add(Dialog::new(title, f));
    }
}
