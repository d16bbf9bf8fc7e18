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
mod media;
mod metric;
mod status;
mod widgets;
mod write;

use std::sync::Arc;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::session::run::{BlockKind, Child, RecordingScope, Run, SIDEBAR};
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
pub use media::{Image, LinkButton, Logo};
pub use metric::{DeltaColor, Metric};
pub use status::{Progress, ProgressValue, Spinner, Status, StatusOutcome, Toast};
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

/// How `st.columns` splits the row: a count, or relative widths (EL-4).
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnsSpec(Vec<f32>);

impl From<usize> for ColumnsSpec {
    fn from(n: usize) -> Self {
        Self(vec![1.0; n])
    }
}

impl From<i32> for ColumnsSpec {
    fn from(n: i32) -> Self {
        Self(vec![1.0; usize::try_from(n).unwrap_or(0)])
    }
}

impl<const N: usize> From<[f32; N]> for ColumnsSpec {
    fn from(w: [f32; N]) -> Self {
        Self(w.to_vec())
    }
}

impl<const N: usize> From<[f64; N]> for ColumnsSpec {
    #[allow(clippy::cast_possible_truncation)] // column weights are small ratios
    fn from(w: [f64; N]) -> Self {
        Self(w.iter().map(|&x| x as f32).collect())
    }
}

impl From<Vec<f32>> for ColumnsSpec {
    fn from(w: Vec<f32>) -> Self {
        Self(w)
    }
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
            && live.take_turn()
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
            let partial = self.run.builder.clone().finish();
            live.publish(crate::session::overlay(partial, &self.run.previous));
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
        self.run
            .page_names
            .get(self.run.page)
            .map_or("", String::as_str)
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
    /// Options are owned values stored in session state (`String`, numbers,
    /// your own `Serialize + Deserialize` enums): for string literals write
    /// `["Red", "Green"].map(String::from)`.
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// let colour = st.selectbox("Colour", ["Red", "Green"].map(String::from));
    /// st.text(format!("You chose {colour}"));
    /// # Ok(()) });
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

    // ---- containers ----------------------------------------------------------

    /// Draws into the sidebar (`with st.sidebar:`).
    pub fn sidebar<R>(&mut self, f: impl FnOnce(&mut St<'_>) -> R) -> R {
        self.enter(SIDEBAR, f)
    }

    /// Writes into a container created earlier in this run
    /// (`with col:`). Writing into an [`empty`](Self::empty) placeholder
    /// replaces what it held.
    #[track_caller]
    pub fn with<R>(&mut self, container: Container, f: impl FnOnce(&mut St<'_>) -> R) -> R {
        self.checkpoint();
        if container.generation != self.run.generation
            && let Some(block) = self.fragment_handle(container)
        {
            // A fragment rerun writing into a container of the full run.
            return self.enter(block, f);
        }
        if container.generation != self.run.generation
            || container.block >= self.run.builder.blocks.len()
        {
            raise(Error::Layout {
                message: "This container handle belongs to an earlier run. Containers live for one run: \
                          create them again in each run (e.g. call `st.columns(..)` at the top of the page)."
                    .to_owned(),
            });
        }
        if let BlockKind::Empty = self.run.builder.blocks[container.block].kind {
            self.run.builder.blocks[container.block].children.clear();
        }
        self.enter(container.block, f)
    }

    fn enter<R>(&mut self, block: usize, f: impl FnOnce(&mut St<'_>) -> R) -> R {
        let saved = self.run.builder.cursor;
        self.run.builder.cursor = block;
        // On unwinding the cursor stays inside, so an exception is drawn
        // where it happened (EX-10).
        let out = f(self);
        self.run.builder.cursor = saved;
        out
    }

    fn open(&mut self, kind: BlockKind) -> Container {
        self.checkpoint();
        self.fragment_target(None);
        self.note_write(self.run.builder.cursor);
        Container {
            block: self.run.builder.open(kind),
            generation: self.run.generation,
        }
    }

    /// A row of columns (EL-4): `st.columns(3)` or `st.columns([2.0, 1.0])`.
    /// Write into each with [`with`](Self::with).
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// let cols = st.columns(2);
    /// st.with(cols[0], |st| st.text("left"));
    /// st.with(cols[1], |st| st.text("right"));
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn columns(&mut self, spec: impl Into<ColumnsSpec>) -> Vec<Container> {
        match self.try_columns(spec) {
            Ok(c) => c,
            Err(e) => raise(e),
        }
    }

    /// [`columns`](Self::columns), returning the error instead of raising it.
    pub fn try_columns(&mut self, spec: impl Into<ColumnsSpec>) -> Result<Vec<Container>> {
        let ColumnsSpec(weights) = spec.into();
        if weights.is_empty() || weights.iter().any(|w| !w.is_finite() || *w <= 0.0) {
            return Err(Error::Layout {
                message: "The `spec` argument to `st.columns` must be either a positive integer (number of \
                          columns) or a list of positive numbers (width ratios of the columns)."
                    .to_owned(),
            });
        }
        let row = self.open(BlockKind::Columns { gap: 8.0 });
        let saved = self.run.builder.cursor;
        self.run.builder.cursor = row.block;
        let cols = weights
            .into_iter()
            .map(|weight| self.open(BlockKind::Column { weight }))
            .collect();
        self.run.builder.cursor = saved;
        Ok(cols)
    }

    /// A plain group (`st.container`), drawn into right away.
    pub fn container<R>(&mut self, f: impl FnOnce(&mut St<'_>) -> R) -> R {
        let c = self.open(BlockKind::Container { border: false });
        self.enter(c.block, f)
    }

    /// A group with a border (`st.container(border=True)`).
    pub fn bordered<R>(&mut self, f: impl FnOnce(&mut St<'_>) -> R) -> R {
        let c = self.open(BlockKind::Container { border: true });
        self.enter(c.block, f)
    }

    /// A container handle to fill later (`c = st.container()`), e.g. to draw
    /// above elements created before it is filled.
    pub fn container_handle(&mut self) -> Container {
        self.open(BlockKind::Container { border: false })
    }

    /// A collapsible section, closed at first (`st.expander`).
    pub fn expander<R>(&mut self, label: impl Into<String>, f: impl FnOnce(&mut St<'_>) -> R) -> R {
        let c = self.open(BlockKind::Expander {
            label: label.into(),
            expanded: false,
        });
        self.enter(c.block, f)
    }

    /// A collapsible section, open at first.
    pub fn expander_open<R>(
        &mut self,
        label: impl Into<String>,
        f: impl FnOnce(&mut St<'_>) -> R,
    ) -> R {
        let c = self.open(BlockKind::Expander {
            label: label.into(),
            expanded: true,
        });
        self.enter(c.block, f)
    }

    /// A placeholder (`st.empty`): each [`with`](Self::with) replaces its content.
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// let slot = st.empty();
    /// st.with(slot, |st| st.text("loading..."));
    /// st.with(slot, |st| st.text("done")); // replaces "loading..."
    /// # Ok(()) });
    /// ```
    pub fn empty(&mut self) -> Container {
        self.open(BlockKind::Empty)
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
                Child::Leaf(e) => RecordedNode::Leaf(e.clone()),
                Child::Block(b) => {
                    RecordedNode::Block(self.run.builder.blocks[*b].kind.clone(), self.snapshot(*b))
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
