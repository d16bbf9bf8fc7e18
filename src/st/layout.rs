//! Layout: the sidebar, columns, containers, expanders, tabs, popovers,
//! placeholders and vertical space.
//!
//! Containers come two ways, as in Streamlit: a closure drawn into right
//! away (`st.container(|st| ...)`, Streamlit's `with st.container():`), or a
//! [`Container`] handle to write into later with [`St::with`] (`st.columns`,
//! `st.tabs`, `st.empty`). Builders with options follow egui's
//! `CollapsingHeader::new(..).show(ui, ..)`: `Expander::new("Details")
//! .icon("🔍").show(st, |st| ...)`.

use super::{Container, St};
use crate::error::{Error, Result};
use crate::session::raise;
use crate::session::run::{BlockKind, SIDEBAR};
use crate::tree::{Element, Gap, SpaceSize, VerticalAlignment};

/// How `st.columns` splits the row (EL-4): a count or relative widths,
/// and optionally the gap, the vertical alignment and borders.
///
/// ```
/// use brook::ColumnsSpec;
/// use brook::tree::{Gap, VerticalAlignment};
///
/// # brook::__doc_page(|st| {
/// let cols = st.columns(
///     ColumnsSpec::new([2.0, 1.0])
///         .gap(Gap::Large)
///         .vertical_alignment(VerticalAlignment::Center)
///         .border(true),
/// );
/// st.with(cols[0], |st| st.text("wide"));
/// st.with(cols[1], |st| st.text("narrow"));
/// # Ok(()) });
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnsSpec {
    weights: Vec<f32>,
    gap: Gap,
    vertical_alignment: VerticalAlignment,
    border: bool,
}

impl ColumnsSpec {
    /// Columns from a count (`3`) or relative widths (`[2.0, 1.0]`).
    pub fn new(spec: impl Into<Self>) -> Self {
        spec.into()
    }

    fn weights(weights: Vec<f32>) -> Self {
        Self {
            weights,
            gap: Gap::default(),
            vertical_alignment: VerticalAlignment::default(),
            border: false,
        }
    }

    /// The space between columns (default [`Gap::Small`], 16 points).
    #[inline]
    #[must_use]
    pub fn gap(mut self, gap: impl Into<Gap>) -> Self {
        self.gap = gap.into();
        self
    }

    /// How the columns' contents line up vertically (default top).
    #[inline]
    #[must_use]
    pub fn vertical_alignment(mut self, alignment: VerticalAlignment) -> Self {
        self.vertical_alignment = alignment;
        self
    }

    /// Draws a border around each column.
    #[inline]
    #[must_use]
    pub fn border(mut self, border: bool) -> Self {
        self.border = border;
        self
    }
}

impl From<usize> for ColumnsSpec {
    fn from(n: usize) -> Self {
        Self::weights(vec![1.0; n])
    }
}

impl From<i32> for ColumnsSpec {
    fn from(n: i32) -> Self {
        Self::weights(vec![1.0; usize::try_from(n).unwrap_or(0)])
    }
}

impl<const N: usize> From<[f32; N]> for ColumnsSpec {
    fn from(w: [f32; N]) -> Self {
        Self::weights(w.to_vec())
    }
}

impl<const N: usize> From<[f64; N]> for ColumnsSpec {
    #[allow(clippy::cast_possible_truncation)] // column weights are small ratios
    fn from(w: [f64; N]) -> Self {
        Self::weights(w.iter().map(|&x| x as f32).collect())
    }
}

impl From<Vec<f32>> for ColumnsSpec {
    fn from(w: Vec<f32>) -> Self {
        Self::weights(w)
    }
}

/// A container with options (`st.container(height=..., border=...)`).
///
/// ```
/// use brook::ContainerOptions;
///
/// # brook::__doc_page(|st| {
/// ContainerOptions::new().height(120.0).border(true).show(st, |st| {
///     for i in 0..20 {
///         st.text(format!("line {i}")); // scrolls inside 120 points
///     }
/// });
/// # Ok(()) });
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq)]
#[must_use = "draw the container with `.show(st, |st| ...)`"]
pub struct ContainerOptions {
    border: Option<bool>,
    height: Option<f32>,
}

impl ContainerOptions {
    /// A plain container until options are set.
    pub fn new() -> Self {
        Self::default()
    }

    /// A fixed height in points: taller content scrolls inside. A container
    /// with a height has a border unless told otherwise (as in Streamlit).
    #[inline]
    pub fn height(mut self, height: f32) -> Self {
        self.height = Some(height);
        self
    }

    /// Draws a border around the container.
    #[inline]
    pub fn border(mut self, border: bool) -> Self {
        self.border = Some(border);
        self
    }

    /// Draws the container and `f` into it.
    pub fn show<R>(self, st: &mut St<'_>, f: impl FnOnce(&mut St<'_>) -> R) -> R {
        let c = st.open(self.kind());
        st.enter(c.block, f)
    }

    /// Creates the container and returns a handle to fill later with
    /// [`St::with`].
    pub fn handle(self, st: &mut St<'_>) -> Container {
        st.open(self.kind())
    }

    fn kind(self) -> BlockKind {
        match self.height {
            Some(height) if height.is_finite() && height > 0.0 => BlockKind::ScrollContainer {
                border: self.border.unwrap_or(true),
                height,
            },
            _ => BlockKind::Container {
                border: self.border.unwrap_or(false),
            },
        }
    }
}

/// A collapsible section with options (`st.expander(label, expanded, icon)`).
///
/// ```
/// use brook::Expander;
///
/// # brook::__doc_page(|st| {
/// Expander::new("Details").icon("🔍").expanded(true).show(st, |st| {
///     st.text("shown open at first");
/// });
/// # Ok(()) });
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "draw the expander with `.show(st, |st| ...)`"]
pub struct Expander {
    label: String,
    expanded: bool,
    icon: Option<String>,
}

impl Expander {
    /// A section headed `label`, closed at first.
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            expanded: false,
            icon: None,
        }
    }

    /// Open at first.
    #[inline]
    pub fn expanded(mut self, expanded: bool) -> Self {
        self.expanded = expanded;
        self
    }

    /// An emoji (or short text) before the label.
    #[inline]
    pub fn icon(mut self, icon: impl Into<String>) -> Self {
        self.icon = Some(icon.into());
        self
    }

    /// Draws the section and `f` into it (its content is built in every
    /// run, open or not, as in Streamlit).
    pub fn show<R>(self, st: &mut St<'_>, f: impl FnOnce(&mut St<'_>) -> R) -> R {
        let c = st.open(BlockKind::Expander {
            label: self.label,
            expanded: self.expanded,
            icon: self.icon,
        });
        st.enter(c.block, f)
    }
}

/// A button that opens its content in a floating panel (`st.popover`).
///
/// ```
/// use brook::Popover;
///
/// # brook::__doc_page(|st| {
/// let n = Popover::new("Settings").icon("⚙").show(st, |st| st.slider("Points", 1..=100));
/// st.text(format!("{n} points"));
/// # Ok(()) });
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "draw the popover with `.show(st, |st| ...)`"]
pub struct Popover {
    label: String,
    icon: Option<String>,
}

impl Popover {
    /// A popover whose button reads `label`.
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            icon: None,
        }
    }

    /// An emoji (or short text) before the label.
    #[inline]
    pub fn icon(mut self, icon: impl Into<String>) -> Self {
        self.icon = Some(icon.into());
        self
    }

    /// Draws the button and builds `f` into its panel. The content runs in
    /// every run, open or not (as in Streamlit), so widgets in it keep
    /// their values while it is closed.
    pub fn show<R>(self, st: &mut St<'_>, f: impl FnOnce(&mut St<'_>) -> R) -> R {
        let c = st.open(BlockKind::Popover {
            label: self.label,
            icon: self.icon,
        });
        st.enter(c.block, f)
    }
}

impl<'a> St<'a> {
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

    pub(super) fn enter<R>(&mut self, block: usize, f: impl FnOnce(&mut St<'_>) -> R) -> R {
        let saved = self.run.builder.cursor;
        self.run.builder.cursor = block;
        // On unwinding the cursor stays inside, so an exception is drawn
        // where it happened (EX-10).
        let out = f(self);
        self.run.builder.cursor = saved;
        out
    }

    pub(super) fn open(&mut self, kind: BlockKind) -> Container {
        self.checkpoint();
        self.fragment_target(None);
        self.note_write(self.run.builder.cursor);
        Container {
            block: self.run.builder.open(kind),
            generation: self.run.generation,
        }
    }

    /// Opens a block holding one child block of `child` kind per entry of
    /// `children`, and returns handles to those.
    fn open_group(&mut self, kind: BlockKind, children: Vec<BlockKind>) -> Vec<Container> {
        let group = self.open(kind);
        let saved = self.run.builder.cursor;
        self.run.builder.cursor = group.block;
        let handles = children.into_iter().map(|k| self.open(k)).collect();
        self.run.builder.cursor = saved;
        handles
    }

    /// A row of columns (EL-4): `st.columns(3)` or `st.columns([2.0, 1.0])`,
    /// or a [`ColumnsSpec`] with a gap, vertical alignment and borders.
    /// Write into each with [`with`](Self::with); columns nest.
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// let cols = st.columns(2);
    /// st.with(cols[0], |st| st.text("left"));
    /// st.with(cols[1], |st| {
    ///     let inner = st.columns(2); // nested columns
    ///     st.with(inner[1], |st| st.text("right, right"));
    /// });
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
    ///
    /// # Errors
    /// [`Error::Layout`] when the spec is empty or has a weight that is not
    /// a positive number.
    pub fn try_columns(&mut self, spec: impl Into<ColumnsSpec>) -> Result<Vec<Container>> {
        let spec = spec.into();
        if spec.weights.is_empty() || spec.weights.iter().any(|w| !w.is_finite() || *w <= 0.0) {
            return Err(Error::Layout {
                message: "The `spec` argument to `st.columns` must be either a positive integer (number of \
                          columns) or a list of positive numbers (width ratios of the columns)."
                    .to_owned(),
            });
        }
        let columns = spec
            .weights
            .iter()
            .map(|&weight| BlockKind::Column { weight })
            .collect();
        Ok(self.open_group(
            BlockKind::Columns {
                gap: spec.gap.points(),
                vertical_alignment: spec.vertical_alignment,
                border: spec.border,
            },
            columns,
        ))
    }

    /// Tabs (`st.tabs`): one [`Container`] per label, to write into with
    /// [`with`](Self::with). Every tab's content is built in every run (as
    /// in Streamlit); the user picks which one is shown, and that choice is
    /// kept across reruns and restarts.
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// let tabs = st.tabs(["Chart", "Data"]);
    /// st.with(tabs[0], |st| st.line_chart(&[1.0, 3.0, 2.0]));
    /// st.with(tabs[1], |st| st.text("1, 3, 2"));
    /// # Ok(()) });
    /// ```
    #[track_caller]
    pub fn tabs<S: Into<String>>(&mut self, labels: impl IntoIterator<Item = S>) -> Vec<Container> {
        match self.try_tabs(labels) {
            Ok(c) => c,
            Err(e) => raise(e),
        }
    }

    /// [`tabs`](Self::tabs), returning the error instead of raising it.
    ///
    /// # Errors
    /// [`Error::Layout`] when there are no labels.
    pub fn try_tabs<S: Into<String>>(
        &mut self,
        labels: impl IntoIterator<Item = S>,
    ) -> Result<Vec<Container>> {
        let labels: Vec<String> = labels.into_iter().map(Into::into).collect();
        if labels.is_empty() {
            return Err(Error::Layout {
                message: "The input argument to `st.tabs` must contain at least one tab label."
                    .to_owned(),
            });
        }
        let tabs = labels
            .iter()
            .map(|_| BlockKind::Container { border: false })
            .collect();
        Ok(self.open_group(BlockKind::Tabs { labels }, tabs))
    }

    /// A plain group (`st.container`), drawn into right away.
    pub fn container<R>(&mut self, f: impl FnOnce(&mut St<'_>) -> R) -> R {
        ContainerOptions::new().show(self, f)
    }

    /// A group with a border (`st.container(border=True)`).
    pub fn bordered<R>(&mut self, f: impl FnOnce(&mut St<'_>) -> R) -> R {
        ContainerOptions::new().border(true).show(self, f)
    }

    /// A container handle to fill later (`c = st.container()`), e.g. to draw
    /// above elements created before it is filled.
    pub fn container_handle(&mut self) -> Container {
        ContainerOptions::new().handle(self)
    }

    /// A collapsible section, closed at first (`st.expander`); see
    /// [`Expander`] for an icon or an open start.
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// st.expander("Details", |st| st.text("built in every run, shown when open"));
    /// # Ok(()) });
    /// ```
    pub fn expander<R>(&mut self, label: impl Into<String>, f: impl FnOnce(&mut St<'_>) -> R) -> R {
        Expander::new(label).show(self, f)
    }

    /// A collapsible section, open at first.
    pub fn expander_open<R>(
        &mut self,
        label: impl Into<String>,
        f: impl FnOnce(&mut St<'_>) -> R,
    ) -> R {
        Expander::new(label).expanded(true).show(self, f)
    }

    /// A button that opens `f`'s content in a floating panel
    /// (`st.popover`); see [`Popover`] for an icon.
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// let exact = st.popover("Options", |st| st.checkbox("Exact match"));
    /// st.text(format!("exact: {exact}"));
    /// # Ok(()) });
    /// ```
    pub fn popover<R>(&mut self, label: impl Into<String>, f: impl FnOnce(&mut St<'_>) -> R) -> R {
        Popover::new(label).show(self, f)
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

    /// Empty vertical space (`st.space`): [`SpaceSize::Small`] (12 points),
    /// `Medium`, `Large`, or a number of points.
    ///
    /// ```
    /// use brook::tree::SpaceSize;
    /// # brook::__doc_page(|st| {
    /// st.text("above");
    /// st.space(SpaceSize::Large);
    /// st.space(24.0);
    /// st.text("below");
    /// # Ok(()) });
    /// ```
    pub fn space(&mut self, size: impl Into<SpaceSize>) {
        self.push(Element::Space {
            height: size.into().points(),
        });
    }
}
