//! `St`: the page context. Every call a page makes goes through it.
//!
//! Each `St` call is a *checkpoint* (EX-11): when a newer event has arrived,
//! the run stops there and a fresh one starts. API misuse (a duplicate key,
//! an invalid slider range, ...) *raises*: the run stops and the error is shown
//! in the page as an exception element, exactly like a Streamlit exception;
//! the session and its state survive. `try_*` variants return the error
//! instead.

mod chart;
mod chat;
mod data;
mod dialog;
pub(crate) mod form;
mod fragment;
mod layout;
mod media;
mod metric;
mod page;
mod status;
mod widgets;
mod write;

use std::sync::Arc;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::session::run::{BlockKind, ChildRef, RecordingScope, Run};
use crate::session::{RerunScope, raise, raise_rerun, raise_stop};
use crate::state::SessionState;
use crate::tree::{AlertKind, EguiFn, Element, HeadingLevel};

pub(crate) use chart::PALETTE;
pub use chart::{AreaChart, BarChart, ChartColor, ColumnNames, LineChart, ScatterChart};
pub use chart::{ChartData, ToF64};
pub use chat::ChatMessage;
pub use data::{DataEditor, Dataframe, DataframeEvent, DataframeSelection, NumRows};
pub use dialog::Dialog;
pub(crate) use form::FormBlock;
pub use form::{Form, FormError, FormOptions, FormWidget};
pub use fragment::{Fragment, FragmentOutput, OutsideWrites, RunEvery};
pub use layout::{ColumnsSpec, ContainerOptions, Expander, Popover};
pub use media::{Image, LinkButton, Logo};
pub use metric::{DeltaColor, Metric};
pub(crate) use page::PageMeta;
pub use page::{PageConfig, PageLink, Pages};
pub use status::{Progress, ProgressValue, Spinner, Status, StatusOutcome, Toast};
pub(crate) use widgets::KEY_AT;
pub use widgets::{
    Button, Checkbox, NumberInput, Numeric, Radio, RangeSlider, Selectbox, Slider, TextArea,
    TextInput, Toggle, Widget,
};
pub use widgets::{
    ChatInput, ColorPicker, DEFAULT_MAX_UPLOAD_MB, DateInput, DateRangeInput, DateTimeInput,
    DownloadButton, Feedback, FileUploader, Multi, Multiselect, OptionItem, Pills,
    SegmentedControl, SelectRange, SelectSlider, SelectionMode, Single, TimeInput,
};
pub use widgets::{FormSubmitButton, OnChange};
pub(crate) use widgets::{parse_hex, to_hex};
pub use write::Chunk;

/// The page context: what a page function receives.
///
/// ```
/// use brook::prelude::*;
///
/// fn page(st: &mut St) {
///     st.title("Hello");
///     let n = st.slider("How many?", 1..=10);
///     if st.button("Go") {
///         st.write(format!("{n} it is"));
///     }
/// }
/// # let mut at = brook::testing::AppTest::new(page);
/// # at.run();
/// # assert!(at.exceptions().is_empty());
/// ```
pub struct St<'a> {
    pub(crate) run: &'a mut Run,
}

/// A handle to a container created in this run (`st.columns`, `st.empty`,
/// ...): write into it with [`St::with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Container {
    block: usize,
    generation: u64,
}

/// Elements recorded while a cached function ran (CA-16), replayed on hits.
#[derive(Debug, Clone)]
pub struct Recording {
    children: Vec<RecordedNode>,
    wrote_outside: bool,
}

#[derive(Debug, Clone)]
enum RecordedNode {
    Leaf(Element),
    Block(BlockKind, Vec<RecordedNode>),
}

/// Something [`St::write`] can show: strings as Markdown, numbers as inline
/// code, anything `Serialize` as JSON (EL-7).
pub trait Writable {
    /// The element that shows this value.
    fn to_element(&self) -> Element;

    /// The elements [`St::write`] draws: one, except for tuples of several
    /// values (see [`St::write`]).
    fn to_elements(&self) -> Vec<Element> {
        vec![self.to_element()]
    }
}

macro_rules! writable_str {
    ($($t:ty),*) => {$(
        impl Writable for $t {
            fn to_element(&self) -> Element {
                Element::Markdown { body: self.to_string() }
            }
        }
    )*};
}
writable_str!(str, String, &str, std::borrow::Cow<'_, str>);

macro_rules! writable_num {
    ($($t:ty),*) => {$(
        impl Writable for $t {
            fn to_element(&self) -> Element {
                Element::Markdown { body: format!("`{self}`") }
            }
        }
    )*};
}
writable_num!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64, bool
);

/// Wraps a `Serialize` value so [`St::write`] shows it as JSON.
#[derive(Debug, Clone)]
pub struct Json<T>(pub T);

impl<T: Serialize> Writable for Json<T> {
    fn to_element(&self) -> Element {
        Element::Json {
            value: serde_json::to_value(&self.0)
                .unwrap_or_else(|e| serde_json::Value::String(e.to_string())),
        }
    }
}

/// Wraps a `Debug` value so [`St::write`] shows its pretty `Debug` text.
#[derive(Debug, Clone)]
pub struct Dbg<T>(pub T);

impl<T: std::fmt::Debug> Writable for Dbg<T> {
    fn to_element(&self) -> Element {
        Element::Code {
            body: format!("{:#?}", self.0),
            language: None,
        }
    }
}

impl Writable for SessionState {
    fn to_element(&self) -> Element {
        Element::Json {
            value: self.to_json(),
        }
    }
}

impl<'a> St<'a> {
    pub(crate) fn new(run: &'a mut Run) -> Self {
        Self { run }
    }

    /// EX-11: stop here if a newer event interrupted this run.
    #[inline]
    pub(crate) fn checkpoint(&self) {
        if self.run.ctx.interrupt.requested() {
            crate::session::raise_interrupt();
        }
    }

    pub(crate) fn push(&mut self, element: Element) {
        self.checkpoint();
        self.fragment_target(None);
        self.note_write(self.run.builder.cursor);
        self.run.builder.push(element);
        self.publish_live();
    }

    /// Publishes what the run has written so far, when the window is ready
    /// for a new frame (live runs: EX-13).
    #[inline]
    pub(crate) fn publish_live(&mut self) {
        if let Some(live) = &self.run.live
            && live.take_turn(&*self.run.ctx.clock, self.run.generation)
        {
            self.publish_live_now();
        }
    }

    /// Publishes what the run has written so far even if the window has not
    /// drawn the last publication yet: for the few elements that announce a
    /// wait (a spinner, a status block's new state), which must show even
    /// when no checkpoint follows for a while.
    pub(crate) fn publish_live_now(&mut self) {
        if let Some(live) = self.run.live.clone() {
            live.publish_timed(&*self.run.ctx.clock, || self.run.live_tree());
        }
    }

    fn note_write(&mut self, block: usize) {
        if let Some(rec) = self.run.recordings.last_mut()
            && block != rec.block
            && block < rec.first_new_block
        {
            rec.wrote_outside = true;
        }
    }

    // ---- state and flow ----------------------------------------------------

    /// The session state (WS-10): typed get/set/init/update/remove.
    pub fn state(&mut self) -> &mut SessionState {
        self.checkpoint();
        &mut self.run.state
    }

    /// Reruns the page from the top right away (EX-6): nothing after this
    /// call runs, and no widget changes are applied. In a callback it ends
    /// that callback; the page body then runs once (EX-7).
    ///
    /// Typed `()` rather than `!` so that `|st| st.rerun()` is a valid
    /// callback; it never returns.
    pub fn rerun(&mut self) {
        raise_rerun(RerunScope::App)
    }

    /// Ends this run here, successfully (EX-9): nothing after it runs and
    /// elements not drawn in this run disappear.
    ///
    /// Typed `()` rather than `!` so that `|st| st.stop()` is a valid
    /// callback; it never returns.
    pub fn stop(&mut self) {
        raise_stop()
    }

    /// The name of the page being run.
    pub fn page_name(&self) -> &str {
        &self.run.nav.page_name
    }

    // ---- text elements -----------------------------------------------------

    /// Fixed-width text, no Markdown (`st.text`).
    pub fn text(&mut self, body: impl Into<String>) {
        self.push(Element::Text { body: body.into() });
    }

    /// CommonMark text (`st.markdown`).
    pub fn markdown(&mut self, body: impl Into<String>) {
        self.push(Element::Markdown { body: body.into() });
    }

    /// A title (`st.title`).
    pub fn title(&mut self, body: impl Into<String>) {
        self.push(Element::Heading {
            level: HeadingLevel::Title,
            body: body.into(),
        });
    }

    /// A header (`st.header`).
    pub fn header(&mut self, body: impl Into<String>) {
        self.push(Element::Heading {
            level: HeadingLevel::Header,
            body: body.into(),
        });
    }

    /// A subheader (`st.subheader`).
    pub fn subheader(&mut self, body: impl Into<String>) {
        self.push(Element::Heading {
            level: HeadingLevel::Subheader,
            body: body.into(),
        });
    }

    /// Small, muted text (`st.caption`).
    pub fn caption(&mut self, body: impl Into<String>) {
        self.push(Element::Caption { body: body.into() });
    }

    /// A code block (`st.code`); `language` such as `"rust"`, or `""`.
    pub fn code(&mut self, body: impl Into<String>, language: &str) {
        self.push(Element::Code {
            body: body.into(),
            language: (!language.is_empty()).then(|| language.to_owned()),
        });
    }

    /// A horizontal rule (`st.divider`).
    pub fn divider(&mut self) {
        self.push(Element::Divider);
    }

    /// Any `Serialize` value as collapsible JSON (`st.json`).
    pub fn json(&mut self, value: &impl Serialize) {
        self.push(Json(value).to_element());
    }

    /// Shows a value by its type (`st.write`): strings as Markdown, numbers
    /// as inline code; wrap in [`Json`] or [`Dbg`] for other values. Several
    /// values go in a tuple, as Streamlit's `st.write("Region:", r)`:
    /// consecutive texts and numbers share one line.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// fn page(st: &mut St) {
    ///     st.write(("Region:", "North", "with", 3, "stores"));
    /// }
    /// let mut at = brook::testing::AppTest::new(page);
    /// at.run();
    /// assert_eq!(at.markdown(), ["Region: North with `3` stores"]);
    /// ```
    pub fn write(&mut self, value: impl Writable) {
        for element in value.to_elements() {
            self.push(element);
        }
    }

    /// A red alert (`st.error`).
    pub fn error(&mut self, body: impl Into<String>) {
        self.alert(AlertKind::Error, body.into());
    }

    /// A yellow alert (`st.warning`).
    pub fn warning(&mut self, body: impl Into<String>) {
        self.alert(AlertKind::Warning, body.into());
    }

    /// A blue alert (`st.info`).
    pub fn info(&mut self, body: impl Into<String>) {
        self.alert(AlertKind::Info, body.into());
    }

    /// A green alert (`st.success`).
    pub fn success(&mut self, body: impl Into<String>) {
        self.alert(AlertKind::Success, body.into());
    }

    fn alert(&mut self, alert: AlertKind, body: String) {
        self.push(Element::Alert { alert, body });
    }

    /// Shows an error as an exception element without stopping the run
    /// (`st.exception`), headed by the error's concrete type as the user
    /// spells it (`ParseIntError`, as Streamlit shows `ValueError`).
    ///
    /// ```
    /// let mut at = brook::testing::AppTest::new(|st: &mut brook::St| {
    ///     if let Err(e) = "x".parse::<i64>() {
    ///         st.exception(&e);
    ///     }
    ///     st.text("the run goes on");
    /// });
    /// at.run();
    /// assert_eq!(at.exceptions()[0].type_name, "ParseIntError");
    /// ```
    pub fn exception<E: std::error::Error + ?Sized + 'static>(&mut self, error: &E) {
        let info = crate::session::exception_info(
            &crate::error::type_name::<E>(),
            error.to_string(),
            None,
            Some(format!("{error:?}")),
        );
        self.push(Element::Exception(info));
    }

    /// Draws with raw egui every frame, for what brook has no element for
    /// yet. The closure runs on the UI thread: keep it cheap and self-contained.
    pub fn egui(&mut self, draw: impl Fn(&mut egui::Ui) + Send + Sync + 'static) {
        self.push(Element::Egui {
            draw: Some(EguiFn(Arc::new(draw))),
        });
    }

    // ---- widgets -----------------------------------------------------------

    /// Adds a widget and returns its value (egui's `ui.add(widget)`).
    ///
    /// Raises when the widget is invalid (EL-1..EL-3) or its key or identity
    /// is already used in this run (WS-3).
    #[track_caller]
    pub fn add<W: Widget>(&mut self, widget: W) -> W::Output {
        match widget.show(self) {
            Ok(v) => v,
            Err(e) => raise(e),
        }
    }

    /// [`add`](Self::add), returning the error instead of raising it.
    pub fn try_add<W: Widget>(&mut self, widget: W) -> Result<W::Output> {
        widget.show(self)
    }

    /// A button: true for exactly the one run its click triggered (EX-5).
    #[track_caller]
    pub fn button(&mut self, label: impl Into<String>) -> bool {
        self.add(Button::new(label))
    }

    /// A checkbox (unchecked at first).
    #[track_caller]
    pub fn checkbox(&mut self, label: impl Into<String>) -> bool {
        self.add(Checkbox::new(label))
    }

    /// A toggle switch (off at first).
    #[track_caller]
    pub fn toggle(&mut self, label: impl Into<String>) -> bool {
        self.add(Toggle::new(label))
    }

    /// A slider over `range`, starting at its low end (EL-1).
    #[track_caller]
    pub fn slider<T: Numeric>(
        &mut self,
        label: impl Into<String>,
        range: std::ops::RangeInclusive<T>,
    ) -> T {
        self.add(Slider::new(label, range))
    }

    /// A number input starting at `value`, unbounded (EL-2).
    #[track_caller]
    pub fn number_input<T: Numeric>(&mut self, label: impl Into<String>, value: T) -> T {
        self.add(NumberInput::new(label).value(value))
    }

    /// A single-line text input (EL-3); commits on Enter or focus loss.
    #[track_caller]
    pub fn text_input(&mut self, label: impl Into<String>) -> String {
        self.add(TextInput::new(label))
    }

    /// A multi-line text input; commits on focus loss (or Ctrl+Enter).
    #[track_caller]
    pub fn text_area(&mut self, label: impl Into<String>) -> String {
        self.add(TextArea::new(label))
    }

    /// A drop-down choice; returns the chosen option (the first at first).
    ///
    /// Options are any `Display + Clone` values: string literals, `String`s,
    /// numbers, your own enums. Session state keeps the chosen option's
    /// label (a `String`) under the widget's key.
    ///
    /// ```
    /// use brook::prelude::*;
    ///
    /// fn page(st: &mut St) {
    ///     let region = st.selectbox("Region", ["North", "South"]);
    ///     st.text(format!("You chose {region}"));
    ///     if region == "South" {
    ///         st.text("sunny");
    ///     }
    /// }
    /// let mut at = brook::testing::AppTest::new(page);
    /// at.run();
    /// assert_eq!(at.texts(), ["You chose North"]);
    /// at.set_value("Region", "South").run();
    /// assert_eq!(at.texts(), ["You chose South", "sunny"]);
    /// ```
    #[track_caller]
    pub fn selectbox<T: widgets::Choice>(
        &mut self,
        label: impl Into<String>,
        options: impl IntoIterator<Item = T>,
    ) -> T {
        self.add(Selectbox::new(label, options))
    }

    /// Radio buttons; returns the chosen option (the first at first).
    /// Options as for [`selectbox`](Self::selectbox).
    #[track_caller]
    pub fn radio<T: widgets::Choice>(
        &mut self,
        label: impl Into<String>,
        options: impl IntoIterator<Item = T>,
    ) -> T {
        self.add(Radio::new(label, options))
    }

    // ---- cache support (CA-16) -------------------------------------------------

    /// Runs `f`, recording the elements it draws so they can be replayed.
    /// Used by `#[cache_data]` / `#[cache_resource]` on a miss.
    pub fn record<R>(&mut self, f: impl FnOnce(&mut St<'_>) -> R) -> (R, Recording) {
        let c = self.open(BlockKind::Transparent);
        self.run.recordings.push(RecordingScope {
            block: c.block,
            first_new_block: c.block + 1,
            wrote_outside: false,
        });
        let out = self.enter(c.block, f);
        let scope = self.run.recordings.pop();
        let wrote_outside = scope.is_some_and(|s| s.wrote_outside);
        let children = self.snapshot(c.block);
        if let Some(parent) = self.run.recordings.last_mut() {
            parent.wrote_outside |= wrote_outside;
        }
        (
            out,
            Recording {
                children,
                wrote_outside,
            },
        )
    }

    fn snapshot(&self, block: usize) -> Vec<RecordedNode> {
        self.run.builder.blocks[block]
            .children
            .iter()
            .map(|c| match c {
                ChildRef::Leaf(e) => RecordedNode::Leaf(e.clone()),
                ChildRef::Block(b) => {
                    RecordedNode::Block(self.run.builder.blocks[b].kind.clone(), self.snapshot(b))
                }
            })
            .collect()
    }

    /// Draws a recording made by [`record`](Self::record) (a cache hit).
    /// Raises CA-16's error when the recorded function wrote to a container
    /// created outside it.
    #[track_caller]
    pub fn replay(&mut self, recording: &Recording) {
        self.checkpoint();
        if recording.wrote_outside {
            raise(Error::Layout {
                message: "While running a cached function, an element was written to a container created outside \
                          the function. This is incompatible with replaying the cached effect of that element, \
                          because the referenced container might not exist when the replay happens.\n\n\
                          How to fix this:\n* Move the creation of that container inside the function.\n\
                          * Move the element call outside of the function.\n* Remove the cache attribute from the function."
                    .to_owned(),
            });
        }
        for node in &recording.children {
            self.replay_node(node);
        }
    }

    fn replay_node(&mut self, node: &RecordedNode) {
        match node {
            RecordedNode::Leaf(e) => self.push(e.clone()),
            RecordedNode::Block(kind, children) => {
                let c = self.open(kind.clone());
                self.enter(c.block, |st| {
                    for child in children {
                        st.replay_node(child);
                    }
                });
            }
        }
    }
}
