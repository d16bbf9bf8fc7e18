//! The form handle: what a form's closure can put into the form.

use std::ops::RangeInclusive;

use super::rules::{NestedForm, PlainButtonInForm};
use super::{FormError, FormOptions, form_block, form_block_mut};
use crate::error::Result;
use crate::session::raise;
use crate::st::widgets::{Choice, Numeric};
use crate::st::{
    Button, ChartData, Checkbox, ColumnsSpec, Container, FormSubmitButton, NumberInput, Radio,
    Selectbox, Slider, St, TextArea, TextInput, Toggle, Widget, Writable,
};
use crate::state::SessionState;
use crate::tree::{Chart, Mark};

/// Something [`Form::add`] can put into a form: value widgets without a
/// change callback, and [`FormSubmitButton`].
///
/// ```
/// # use brook::prelude::*;
/// # brook::__doc_page(|st| {
/// st.form("f", |form| {
///     let n = form.add(Slider::new("n", 0..=10).key("n"));
///     form.add(FormSubmitButton::new("Apply"));
///     n
/// });
/// # Ok(()) });
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be added to a form",
    label = "not a form widget",
    note = "a form holds value widgets without callbacks (sliders, inputs, checkboxes, selectboxes, ...) and \
            `FormSubmitButton`s"
)]
pub trait FormWidget {
    /// What the page receives.
    type Output;
    /// Registers the widget in the form and returns its value.
    fn show_in_form(self, form: &mut Form<'_, '_>) -> Result<Self::Output>;
}

/// A plain button's `FormWidget` bound never holds, so `form.add(Button::new(..))`
/// is FO-4's compile error; at run time it would raise the same error.
impl<'a> FormWidget for Button
where
    &'a Button: PlainButtonInForm,
{
    type Output = bool;
    fn show_in_form(self, form: &mut Form<'_, '_>) -> Result<bool> {
        Widget::show(self, form.st)
    }
}

/// The handle a form's closure receives (`form.text_input(..)`, FO-1).
///
/// Use it in any order: the submit button may come before the fields it
/// submits. It has no plain button and its widgets take no change callback
/// (those do not compile, FO-3, FO-4); read and write session state through
/// [`state`](Self::state).
///
/// ```
/// use brook::prelude::*;
///
/// fn page(st: &mut St) {
///     let (submitted, name) = st.form("greet", |form| {
///         let submitted = form.form_submit_button("Greet");
///         let name = form.text_input("Name");
///         (submitted, name)
///     });
///     if submitted {
///         st.text(format!("Hello, {name}!"));
///     }
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// at.set_value("Name", "Ada").run(); // no run: the edit waits in the form
/// assert!(at.texts().is_empty());
/// at.submit("greet").run();
/// assert_eq!(at.texts(), ["Hello, Ada!"]);
/// ```
pub struct Form<'a, 'b> {
    pub(super) st: &'a mut St<'b>,
    /// The form's block in the run's builder.
    pub(super) block: usize,
}

impl std::fmt::Debug for Form<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Form").field("key", &self.key()).finish()
    }
}

/// Forwards element calls to the page context: what a form may show besides
/// widgets.
macro_rules! forward {
    ($($(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        $(#[$doc])*
        #[inline]
        pub fn $name(&mut self, $($arg: $ty),*) {
            self.st.$name($($arg),*);
        }
    )*};
}

impl<'b> Form<'_, 'b> {
    /// The form's key.
    pub fn key(&self) -> &str {
        form_block(self.st, self.block).map_or("", |f| f.key.as_str())
    }

    /// The page context, for the crate's widgets.
    pub(crate) fn st(&mut self) -> &mut St<'b> {
        self.st
    }

    pub(crate) fn note_submit_button(&mut self) {
        if let Some(form) = form_block_mut(self.st, self.block) {
            form.submit_buttons += 1;
        }
    }

    /// The session state (WS-10), as [`St::state`].
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// st.form("f", |form| -> brook::Result<()> {
    ///     form.state().init("note", || "Write here".to_owned());
    ///     form.add(brook::TextInput::new("Note").key("note"));
    ///     let note: String = form.state().get("note")?;
    ///     form.caption(format!("{} characters", note.len()));
    ///     form.form_submit_button("Save");
    ///     Ok(())
    /// })?;
    /// # Ok(()) });
    /// ```
    pub fn state(&mut self) -> &mut SessionState {
        self.st.state()
    }

    // ---- widgets -------------------------------------------------------------

    /// Adds a widget to the form and returns the value last submitted (FO-2).
    ///
    /// Raises like [`St::add`] when the widget is invalid or its key or
    /// identity is already used (WS-3).
    ///
    /// ```
    /// use brook::prelude::*;
    ///
    /// fn page(st: &mut St) {
    ///     let level = st.form("f", |form| {
    ///         form.add(FormSubmitButton::new("Set"));
    ///         form.add(Slider::new("Level", 0..=10).value(5))
    ///     });
    ///     st.text(format!("level {level}"));
    /// }
    /// let mut at = brook::testing::AppTest::new(page);
    /// at.run().set_value("Level", 8).run();
    /// assert_eq!(at.texts(), ["level 5"], "not submitted yet");
    /// at.click("Set").run();
    /// assert_eq!(at.texts(), ["level 8"]);
    /// ```
    #[track_caller]
    pub fn add<W: FormWidget>(&mut self, widget: W) -> W::Output {
        match widget.show_in_form(self) {
            Ok(v) => v,
            Err(e) => raise(e),
        }
    }

    /// [`add`](Self::add), returning the error instead of raising it.
    pub fn try_add<W: FormWidget>(&mut self, widget: W) -> Result<W::Output> {
        widget.show_in_form(self)
    }

    /// A submit button (`st.form_submit_button`): `true` in exactly the run
    /// its click (or Enter in a field, FO-10) submitted; the builder
    /// [`FormSubmitButton`] carries `on_click`, `disabled`, `help` and `key`.
    ///
    /// ```
    /// use brook::prelude::*;
    ///
    /// fn page(st: &mut St) {
    ///     let sent = st.form("f", |form| form.form_submit_button("Send"));
    ///     st.text(format!("sent={sent}"));
    /// }
    /// let mut at = brook::testing::AppTest::new(page);
    /// at.run().submit("f").run();
    /// assert_eq!(at.texts(), ["sent=true"]);
    /// at.run();
    /// assert_eq!(at.texts(), ["sent=false"], "true for exactly one run");
    /// ```
    #[track_caller]
    pub fn form_submit_button(&mut self, label: impl Into<String>) -> bool {
        self.add(FormSubmitButton::new(label))
    }

    /// A checkbox in the form.
    #[track_caller]
    pub fn checkbox(&mut self, label: impl Into<String>) -> bool {
        self.add(Checkbox::new(label))
    }

    /// A toggle switch in the form.
    #[track_caller]
    pub fn toggle(&mut self, label: impl Into<String>) -> bool {
        self.add(Toggle::new(label))
    }

    /// A slider over `range` in the form (EL-1).
    #[track_caller]
    pub fn slider<T: Numeric>(&mut self, label: impl Into<String>, range: RangeInclusive<T>) -> T {
        self.add(Slider::new(label, range))
    }

    /// A number input starting at `value` in the form (EL-2).
    #[track_caller]
    pub fn number_input<T: Numeric>(&mut self, label: impl Into<String>, value: T) -> T {
        self.add(NumberInput::new(label).value(value))
    }

    /// A single-line text input in the form (EL-3); Enter submits (FO-10).
    #[track_caller]
    pub fn text_input(&mut self, label: impl Into<String>) -> String {
        self.add(TextInput::new(label))
    }

    /// A multi-line text input in the form; Ctrl+Enter submits.
    #[track_caller]
    pub fn text_area(&mut self, label: impl Into<String>) -> String {
        self.add(TextArea::new(label))
    }

    /// A drop-down choice in the form (options as for [`St::selectbox`]).
    #[track_caller]
    pub fn selectbox<T: Choice>(
        &mut self,
        label: impl Into<String>,
        options: impl IntoIterator<Item = T>,
    ) -> T {
        self.add(Selectbox::new(label, options))
    }

    /// Radio buttons in the form.
    #[track_caller]
    pub fn radio<T: Choice>(
        &mut self,
        label: impl Into<String>,
        options: impl IntoIterator<Item = T>,
    ) -> T {
        self.add(Radio::new(label, options))
    }

    /// Does not compile: a plain button cannot be used in a form (FO-4); use
    /// [`form_submit_button`](Self::form_submit_button).
    ///
    /// ```compile_fail
    /// # brook::__doc_page(|st| {
    /// st.form("f", |form| form.button("Go")); // `st.button()` can't be used in an `st.form()`
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn button<L>(&mut self, label: L) -> bool
    where
        L: Into<String> + PlainButtonInForm,
    {
        raise(
            FormError::ButtonInForm {
                kind: "button".to_owned(),
                label: label.into(),
                form: self.key().to_owned(),
            }
            .into(),
        )
    }

    /// Does not compile: forms cannot be nested (FO-5).
    ///
    /// ```compile_fail
    /// # brook::__doc_page(|st| {
    /// st.form("outer", |form| form.form("inner", |_| ())); // forms cannot be nested in other forms
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn form<K, R>(&mut self, key: K, _f: impl FnOnce(&mut Form<'_, '_>) -> R) -> R
    where
        K: Into<FormOptions> + NestedForm,
    {
        raise(
            FormError::Nested {
                key: key.into().key,
                outer: self.key().to_owned(),
            }
            .into(),
        )
    }

    // ---- elements --------------------------------------------------------------

    forward! {
        /// Fixed-width text (`st.text`).
        fn text(body: impl Into<String>);
        /// CommonMark text (`st.markdown`).
        fn markdown(body: impl Into<String>);
        /// A title (`st.title`).
        fn title(body: impl Into<String>);
        /// A header (`st.header`).
        fn header(body: impl Into<String>);
        /// A subheader (`st.subheader`).
        fn subheader(body: impl Into<String>);
        /// Small, muted text (`st.caption`).
        fn caption(body: impl Into<String>);
        /// A code block (`st.code`).
        fn code(body: impl Into<String>, language: &str);
        /// A horizontal rule (`st.divider`).
        fn divider();
        /// Shows a value by its type (`st.write`).
        fn write(value: impl Writable);
        /// A red alert (`st.error`).
        fn error(body: impl Into<String>);
        /// A yellow alert (`st.warning`).
        fn warning(body: impl Into<String>);
        /// A blue alert (`st.info`).
        fn info(body: impl Into<String>);
        /// A green alert (`st.success`).
        fn success(body: impl Into<String>);
        /// A chart built by hand.
        fn add_chart(chart: Chart);
    }

    /// An error shown as an exception element, without stopping the run
    /// (`st.exception`).
    pub fn exception<E: std::error::Error + ?Sized + 'static>(&mut self, error: &E) {
        self.st.exception(error);
    }

    /// Any `Serialize` value as collapsible JSON (`st.json`).
    pub fn json(&mut self, value: &impl serde::Serialize) {
        self.st.json(value);
    }

    /// Draws with raw egui every frame (`st.egui`).
    pub fn egui(&mut self, draw: impl Fn(&mut egui::Ui) + Send + Sync + 'static) {
        self.st.egui(draw);
    }

    /// A line chart (EL-6).
    pub fn line_chart(&mut self, data: &(impl ChartData + ?Sized)) {
        self.st.line_chart(data);
    }

    /// A bar chart.
    pub fn bar_chart(&mut self, data: &(impl ChartData + ?Sized)) {
        self.st.bar_chart(data);
    }

    /// A chart with the given mark.
    pub fn chart(&mut self, mark: Mark, data: &(impl ChartData + ?Sized)) {
        self.st.chart(mark, data);
    }

    // ---- layout ------------------------------------------------------------------

    /// A row of columns inside the form (EL-4); fill each with
    /// [`with`](Self::with).
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// st.form("range", |form| {
    ///     let cols = form.columns(2);
    ///     form.with(cols[0], |form| form.number_input("From", 0));
    ///     form.with(cols[1], |form| form.number_input("To", 10));
    ///     form.form_submit_button("Apply");
    /// });
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn columns(&mut self, spec: impl Into<ColumnsSpec>) -> Vec<Container> {
        self.st.columns(spec)
    }

    /// Writes into a container created inside this form. Raises when the
    /// container is outside the form.
    #[track_caller]
    pub fn with<R>(&mut self, container: Container, f: impl FnOnce(&mut Form<'_, '_>) -> R) -> R {
        let inside = self
            .st
            .run
            .builder
            .blocks
            .get(container.block)
            .is_some_and(|b| b.form == Some(self.block));
        if !inside && container.generation == self.st.run.generation {
            raise(
                FormError::ContainerOutsideForm {
                    form: self.key().to_owned(),
                }
                .into(),
            );
        }
        let block = self.block;
        self.st.with(container, |st| f(&mut Form { st, block }))
    }

    /// A plain group inside the form (`st.container`).
    pub fn container<R>(&mut self, f: impl FnOnce(&mut Form<'_, '_>) -> R) -> R {
        let block = self.block;
        self.st.container(|st| f(&mut Form { st, block }))
    }

    /// A container handle to fill later with [`with`](Self::with).
    pub fn container_handle(&mut self) -> Container {
        self.st.container_handle()
    }

    /// A collapsible section inside the form, closed at first (`st.expander`).
    pub fn expander<R>(
        &mut self,
        label: impl Into<String>,
        f: impl FnOnce(&mut Form<'_, '_>) -> R,
    ) -> R {
        let block = self.block;
        self.st.expander(label, |st| f(&mut Form { st, block }))
    }

    /// A collapsible section inside the form, open at first.
    pub fn expander_open<R>(
        &mut self,
        label: impl Into<String>,
        f: impl FnOnce(&mut Form<'_, '_>) -> R,
    ) -> R {
        let block = self.block;
        self.st
            .expander_open(label, |st| f(&mut Form { st, block }))
    }

    /// A placeholder inside the form (`st.empty`).
    pub fn empty(&mut self) -> Container {
        self.st.empty()
    }

    // ---- flow ----------------------------------------------------------------------

    /// Reruns the page from the top (`st.rerun`, EX-6).
    pub fn rerun(&mut self) {
        self.st.rerun();
    }

    /// Ends the run here (`st.stop`, EX-9).
    pub fn stop(&mut self) {
        self.st.stop();
    }
}
