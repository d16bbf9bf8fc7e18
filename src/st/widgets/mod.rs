//! Widget builders: `St::add(Slider::new("x", 0..=10).key("x"))`.
//!
//! Each builder is a short-lived value (`new` + `#[must_use]` options) that
//! `St::add` registers: its identity (WS-1, WS-2), its value (WS-4, WS-5,
//! WS-8) and the callback to run when the user changes it (EX-4).

use std::sync::Arc;

use super::St;
use crate::error::{Error, Result};
use crate::session::IntoPageResult;
use crate::session::run::{Callback, WidgetMeta, eq_any};
use crate::state::{Registration, Ser, StateValue};
use crate::tree::{Element, WidgetKind, WidgetLook, WidgetNode, WidgetSpec, WidgetValue};

/// Something [`St::add`] can register: a widget and the value it returns.
pub trait Widget {
    /// What the page receives: `bool` for a button, `T` for a slider, ...
    type Output;
    /// Registers the widget in the current run and returns its value.
    fn show(self, st: &mut St<'_>) -> Result<Self::Output>;
}

/// Options every widget has.
#[derive(Clone, Default)]
struct Common {
    label: String,
    key: Option<String>,
    help: Option<String>,
    disabled: bool,
    on_change: Option<Callback>,
    persist: bool,
    /// `on_change = "ignore"`: a change does not rerun the page.
    ignore_change: bool,
    /// A form's submit button (FO-3, FO-4).
    submit: bool,
    /// Label placement, width, height.
    look: WidgetLook,
    /// The key cannot be assigned through session state (WS-7: file
    /// uploaders, download buttons, chat inputs).
    read_only: bool,
}

impl Common {
    fn new(label: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            ..Self::default()
        }
    }
}

fn callback<F, R>(f: F) -> Callback
where
    F: Fn(&mut St<'_>) -> R + Send + Sync + 'static,
    R: IntoPageResult,
{
    Arc::new(move |st: &mut St<'_>| f(st).into_page_result())
}

/// The builder options shared by every widget.
macro_rules! common_options {
    ($([$($gen:tt)*] $ty:ty),*) => {$(
        impl<$($gen)*> $ty {
            /// Gives the widget an identity of its own (WS-2) and binds its
            /// value to this session-state key (WS-4).
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

            /// Greys the widget out; the user cannot change it and no
            /// callback fires (EX-4).
            #[inline]
            pub fn disabled(mut self, disabled: bool) -> Self {
                self.common.disabled = disabled;
                self
            }

            /// Keeps the widget's value while it is not drawn, instead of
            /// dropping it at the end of the run (WS-9, departure 8).
            #[inline]
            pub fn persist_state(mut self, persist: bool) -> Self {
                self.common.persist = persist;
                self
            }

            /// Where the label goes: visible (default), hidden (its space
            /// kept) or collapsed. A hidden label still names the widget for
            /// screen readers and `AppTest`.
            #[inline]
            pub fn label_visibility(mut self, visibility: crate::tree::LabelVisibility) -> Self {
                self.common.look.label_visibility = visibility;
                self
            }

            /// How wide the widget is drawn: [`Width::Stretch`](crate::Width::Stretch),
            /// [`Width::Content`](crate::Width::Content) or
            /// [`Width::Points`](crate::Width::Points).
            #[inline]
            pub fn width(mut self, width: crate::tree::Width) -> Self {
                self.common.look.width = width;
                self
            }
        }
    )*};
}

/// The change callback. It wraps the builder in an [`OnChange`], which
/// `st.add` takes but a form does not (FO-3); the common options still
/// chain after it.
macro_rules! on_change_option {
    ($name:ident, $doc:literal, $([$($gen:tt)*] $ty:ty),*) => {$(
        impl<$($gen)*> $ty {
            #[doc = $doc]
            ///
            /// Call it last: it wraps the builder in an [`OnChange`](crate::OnChange),
            /// which has the common options (`key`, `help`, `disabled`,
            /// `persist_state`) but not the widget's own. A widget with a
            /// callback cannot be added to a form (FO-3).
            #[inline]
            pub fn $name<F, R>(mut self, f: F) -> crate::st::OnChange<Self>
            where
                F: Fn(&mut St<'_>) -> R + Send + Sync + 'static,
                R: $crate::session::IntoPageResult,
            {
                self.common.on_change = Some(super::callback(f));
                crate::st::OnChange::new(self)
            }
        }

        impl<$($gen)*> crate::st::OnChange<$ty> {
            /// Gives the widget an identity of its own (WS-2) and binds its
            /// value to this session-state key (WS-4).
            #[inline]
            pub fn key(self, key: impl Into<String>) -> Self {
                self.map(|w| w.key(key))
            }

            /// A tooltip shown on hover.
            #[inline]
            pub fn help(self, help: impl Into<String>) -> Self {
                self.map(|w| w.help(help))
            }

            /// Greys the widget out; the user cannot change it and no
            /// callback fires (EX-4).
            #[inline]
            pub fn disabled(self, disabled: bool) -> Self {
                self.map(|w| w.disabled(disabled))
            }

            /// Keeps the widget's value while it is not drawn (WS-9, departure 8).
            #[inline]
            pub fn persist_state(self, persist: bool) -> Self {
                self.map(|w| w.persist_state(persist))
            }
        }
    )*};
}

/// Checks a value assigned through session state (WS-8).
type Validate<T> = Box<dyn Fn(&T) -> Result<()>>;
/// The value as the renderer edits it.
type ToValue<T> = Box<dyn Fn(&T) -> Result<WidgetValue>>;
/// A value the renderer committed; `None` when invalid (falls back to the default).
type FromValue<T> = Arc<dyn Fn(&WidgetValue) -> Option<T> + Send + Sync>;

/// `rerun_on_change`, for every widget but buttons (Streamlit's `st.button`
/// has no `on_change="ignore"` either).
macro_rules! rerun_option {
    ($([$($gen:tt)*] $ty:ty),*) => {$(
        impl<$($gen)*> $ty {
            /// `rerun_on_change(false)` is Streamlit's `on_change="ignore"`
            /// (EL-1): the widget updates on screen but the page does not
            /// rerun; the value reaches the page with the next rerun. It
            /// cannot be combined with an `on_change` callback.
            #[inline]
            pub fn rerun_on_change(mut self, rerun: bool) -> Self {
                self.common.ignore_change = !rerun;
                self
            }
        }

        /// A value widget goes into a form as it is (FO-2); with a change
        /// callback it is an [`OnChange`](crate::OnChange), which does not (FO-3).
        impl<$($gen)*> crate::st::FormWidget for $ty {
            type Output = <Self as crate::st::Widget>::Output;
            fn show_in_form(
                self,
                form: &mut crate::st::Form<'_, '_>,
            ) -> crate::error::Result<Self::Output> {
                crate::st::Widget::show(self, form.st())
            }
        }
    )*};
}

/// Everything `St::register` needs to know about one widget.
struct Decl<T> {
    kind: WidgetKind,
    common: Common,
    /// Parameters that make an unkeyed widget's identity (WS-1).
    identity: String,
    /// The allow-list still hashed for keyed widgets (WS-2).
    keyed_identity: String,
    default: T,
    explicit_default: bool,
    trigger: bool,
    validate: Validate<T>,
    to_value: ToValue<T>,
    convert: FromValue<T>,
    spec: WidgetSpec,
}

impl St<'_> {
    fn register<T: StateValue + PartialEq + Sync>(&mut self, decl: Decl<T>) -> Result<T> {
        self.register_with(decl, |_, _| {})
    }

    /// [`register`](Self::register), calling `before` with the state and the
    /// widget's entry key just before its value is read (an uploader
    /// re-reads the files a restored session refers to).
    fn register_with<T: StateValue + PartialEq + Sync>(
        &mut self,
        decl: Decl<T>,
        before: impl FnOnce(&mut crate::state::SessionState, &str),
    ) -> Result<T> {
        self.checkpoint();
        let Decl {
            kind,
            common,
            identity,
            keyed_identity,
            default,
            explicit_default,
            trigger,
            validate,
            to_value,
            convert,
            spec,
        } = decl;
        let kind_name = kind.name();
        self.fragment_target(Some(&common.label)); // FR-3: where a fragment may draw it
        let form = self
            .cursor_form()
            .map(|(block, key)| (block, key.to_owned()));
        check_form_rules(
            kind_name,
            &common,
            trigger,
            form.as_ref().map(|f| f.1.as_str()),
        )?;
        if common.ignore_change && common.on_change.is_some() {
            return Err(Error::invalid(
                kind_name,
                format!(
                    "`{kind_name}` \"{}\" has an `on_change` callback and `rerun_on_change(false)`: \
                     a change that does not rerun the page cannot run a callback. Keep one of the two.",
                    common.label
                ),
            ));
        }
        let id = match &common.key {
            Some(key) => {
                if key.is_empty() {
                    return Err(Error::EmptyKey);
                }
                if key.starts_with("$$ID") {
                    return Err(Error::ReservedKey { key: key.clone() });
                }
                identity::keyed(kind_name, &keyed_identity, key)
            }
            None => {
                // WS-1: the form is part of an unkeyed widget's identity.
                identity::unkeyed(
                    kind_name,
                    &common.label,
                    &identity,
                    self.page_name(),
                    self.run.builder.root(),
                    form.as_ref().map(|(_, form)| form.as_str()),
                )
            }
        };
        // The user key, or the id of an unkeyed widget (WS-4).
        let entry_key = common.key.as_deref().unwrap_or(&id);
        if let Some(key) = &common.key
            && !self.run.state.claim_key(key)
        {
            return Err(Error::DuplicateKey { key: key.clone() });
        }
        // A keyed widget's id ends with its key, just claimed: no other
        // widget of this run has it (WS-2), so only unkeyed ids are looked up.
        if common.key.is_none() && self.run.widgets.contains(&id) {
            return Err(Error::DuplicateWidgetId {
                kind: kind_name.to_owned(),
                label: common.label.clone(),
            });
        }
        before(&mut self.run.state, entry_key);
        // From here on `id` is the copy the state entry keeps (see
        // `register_widget`): no block of its own per run.
        let (value, id) = self.run.state.register_widget(Registration {
            entry_key,
            user_key: common.key.as_deref(),
            id: &id,
            default: default.clone(),
            explicit_default,
            read_only: trigger || common.read_only,
            persist: common.persist,
            validate: &validate,
        })?;
        let widget_value = to_value(&value)?;
        if let Some((block, _)) = &form
            && !trigger
        {
            self.note_form_default(*block, &id, to_value(&default)?);
        }
        let form = form.map(|(_, key)| key);
        let convert_dyn = {
            let default = default.clone();
            Arc::new(move |wv: &WidgetValue| {
                let v = convert(wv).unwrap_or_else(|| default.clone());
                Box::new(Ser(v)) as Box<dyn crate::state::DynValue>
            })
        };
        self.run.frag.note_widget(&self.run.builder, &id);
        self.run.widgets.push(WidgetMeta {
            id: id.clone(),
            keyed: common.key.is_some(),
            disabled: common.disabled,
            trigger,
            on_change: common.on_change,
            form: form.clone(),
            convert: convert_dyn,
            eq: eq_any::<T>,
        });
        self.push(Element::Widget(WidgetNode {
            id,
            kind,
            label: common.label,
            key: common.key,
            value: widget_value,
            spec,
            help: common.help,
            disabled: common.disabled,
            // In a form nothing reruns before the submit anyway (FO-2).
            ignore_change: common.ignore_change && form.is_none(),
            form,
            look: common.look,
        }));
        Ok(value)
    }
}

/// The identity parameters of an unkeyed widget (WS-1), built by `f`; a
/// keyed widget's identity does not use them (WS-2), so they are not built
/// (formatting a slider's bounds was a fifth of its registration).
fn unkeyed_identity(common: &Common, f: impl FnOnce() -> String) -> String {
    if common.key.is_some() {
        String::new()
    } else {
        f()
    }
}

/// FO-3, FO-4 at run time, for what reaches a form through a container
/// handle (through the form handle these do not compile).
fn check_form_rules(kind: &str, common: &Common, trigger: bool, form: Option<&str>) -> Result<()> {
    use crate::st::FormError;
    let label = || common.label.clone();
    match form {
        None if common.submit => Err(FormError::SubmitOutsideForm { label: label() }.into()),
        Some(form) if trigger && !common.submit => Err(FormError::ButtonInForm {
            kind: kind.to_owned(),
            label: label(),
            form: form.to_owned(),
        }
        .into()),
        Some(form) if common.on_change.is_some() && !common.submit => {
            Err(FormError::CallbackInForm {
                kind: kind.to_owned(),
                label: label(),
                form: form.to_owned(),
            }
            .into())
        }
        _ => Ok(()),
    }
}

mod button;
mod calendar;
mod chat_input;
mod choice;
mod color;
mod date;
mod feedback;
mod file;
mod identity;
pub(crate) use identity::KEY_AT;
mod multiselect;
mod numeric;
mod on_change;
mod options;
mod pills;
mod select_slider;
mod shorthand;
mod submit;
mod text;
mod time;

pub use button::{Button, Checkbox, Toggle};
pub use choice::{Choice, Radio, Selectbox};
pub use numeric::{NumberInput, Numeric, RangeSlider, Slider};
pub use on_change::OnChange;
pub use submit::FormSubmitButton;
pub use text::{TextArea, TextInput};

pub use chat_input::ChatInput;
pub use color::ColorPicker;
pub(crate) use color::{parse_hex, to_hex};
pub use date::{DateInput, DateRangeInput};
pub use feedback::Feedback;
pub use file::{DEFAULT_MAX_UPLOAD_MB, DownloadButton, FileUploader};
pub use multiselect::Multiselect;
pub use options::OptionItem;
pub use pills::{Multi, Pills, SegmentedControl, SelectionMode, Single};
pub use select_slider::{SelectRange, SelectSlider};
pub use time::{DateTimeInput, TimeInput};

/// A widget defined outside this module (`st/data.rs`: dataframe selection,
/// data editor), registered like the others: identity, state, callbacks.
pub(in crate::st) struct External<T> {
    pub(in crate::st) kind: WidgetKind,
    pub(in crate::st) label: String,
    pub(in crate::st) key: Option<String>,
    pub(in crate::st) help: Option<String>,
    pub(in crate::st) disabled: bool,
    pub(in crate::st) on_change: Option<Callback>,
    pub(in crate::st) identity: String,
    pub(in crate::st) keyed_identity: String,
    pub(in crate::st) default: T,
    pub(in crate::st) validate: Validate<T>,
    pub(in crate::st) to_value: ToValue<T>,
    pub(in crate::st) convert: FromValue<T>,
    pub(in crate::st) spec: WidgetSpec,
}

/// Wraps a page callback (`on_change`) for [`External::on_change`].
pub(in crate::st) fn external_callback<F, R>(f: F) -> Callback
where
    F: Fn(&mut St<'_>) -> R + Send + Sync + 'static,
    R: IntoPageResult,
{
    callback(f)
}

impl St<'_> {
    /// Registers a widget defined outside this module.
    pub(in crate::st) fn register_external<T: StateValue + PartialEq + Sync>(
        &mut self,
        w: External<T>,
    ) -> Result<T> {
        let mut common = Common::new(w.label);
        common.key = w.key;
        common.help = w.help;
        common.disabled = w.disabled;
        common.on_change = w.on_change;
        self.register(Decl {
            kind: w.kind,
            common,
            identity: w.identity,
            keyed_identity: w.keyed_identity,
            default: w.default,
            explicit_default: false,
            trigger: false,
            validate: w.validate,
            to_value: w.to_value,
            convert: w.convert,
            spec: w.spec,
        })
    }
}
