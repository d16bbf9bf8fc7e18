//! The renderer: draws a [`Tree`] with egui every frame and turns interaction
//! into [`Event`]s for the runner.
//!
//! [`draw`] is pure with respect to the app: it reads a [`View`] (the newest
//! published tree plus whether a run is in flight), keeps only presentation
//! state in a [`RenderState`] (local edits while the user drags or types, the
//! Markdown cache, chart points converted for `egui_plot`), never runs user
//! code, never blocks and requests no repaint unless something is due (the
//! stale-dimming delay below).
//!
//! One file per element family: `text` (text, Markdown, headings, alerts,
//! code, JSON), `exception`, `widgets`, `chart` and `layout`.
//!
//! A frame costs what is on screen: every list of nodes draws only those in
//! sight and keeps the heights of the others, so scroll bars and positions
//! stay those of the whole page (`cull`).
//!
//! ```
//! use brook::render::{RenderState, View, draw};
//! use brook::tree::Tree;
//!
//! let ctx = brook::egui::Context::default();
//! let tree = Tree::default();
//! let mut state = RenderState::default();
//! let output = ctx.run_ui(Default::default(), |ui| {
//!     let events = draw(ui, &View::new(&tree), &mut state);
//!     assert!(events.is_empty());
//! });
//! # output.drop_without_applying_deltas();
//! ```

mod chart;
mod chat;
mod cull;
mod data;
mod dialog;
pub mod dialogs;
mod exception;
mod form;
mod fragment;
mod inputs;
mod layout;
mod media;
mod metric;
mod page;
mod status;
mod text;
pub mod theme;
mod widgets;

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use crate::tree::{Element, Event, Node, NodeId, Tree, WidgetId};

pub use media::{find_logo, logo};
pub use status::SPINNER_DELAY;
pub use theme::Theme;
pub use widgets::Toggle;

/// How long a run must be in flight before the elements it has not re-emitted
/// yet are dimmed (EX-13). Short runs therefore never flicker.
pub const STALE_DELAY: Duration = Duration::from_millis(150);

/// Opacity of stale elements.
pub const STALE_OPACITY: f32 = 0.4;

/// The space between two elements of a container, in points (Streamlit's
/// 1rem gap): the page's vertical rhythm.
pub const ELEMENT_GAP: f32 = 16.0;

/// What to draw this frame: the newest tree and the state of the run.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    /// The newest published tree.
    pub tree: &'a Tree,
    /// Increases every time a new tree (or run state) is published; local
    /// edits are reconciled with the tree when it changes.
    pub generation: u64,
    /// `Some(elapsed)` while a run is in flight.
    pub running_for: Option<Duration>,
    /// While a run is in flight: the nodes it has re-emitted so far (not
    /// dimmed). `None`: none has been, so the whole tree is stale.
    pub fresh: Option<&'a HashSet<NodeId>>,
    /// While a fragment run is in flight: the containers it reruns, the
    /// only places where anything is stale (FR-1). `None`: the whole tree.
    pub stale_within: Option<&'a [NodeId]>,
    /// The app's page names; two or more show a navigation list in the sidebar.
    pub pages: &'a [String],
    /// The current page (index into `pages`).
    pub page: usize,
}

impl<'a> View<'a> {
    /// A settled view of `tree`: no run in flight, a single page.
    pub fn new(tree: &'a Tree) -> Self {
        Self {
            tree,
            generation: 0,
            running_for: None,
            fresh: None,
            stale_within: None,
            pages: &[],
            page: 0,
        }
    }

    /// Sets the publication generation.
    #[inline]
    #[must_use]
    pub fn generation(mut self, generation: u64) -> Self {
        self.generation = generation;
        self
    }

    /// Marks a run as in flight for `elapsed`.
    #[inline]
    #[must_use]
    pub fn running_for(mut self, elapsed: Option<Duration>) -> Self {
        self.running_for = elapsed;
        self
    }

    /// The nodes the in-flight run has re-emitted so far.
    #[inline]
    #[must_use]
    pub fn fresh(mut self, fresh: Option<&'a HashSet<NodeId>>) -> Self {
        self.fresh = fresh;
        self
    }

    /// Confines what may be stale to these containers (a fragment run in
    /// flight: the rest of the page is not dimmed, FR-1).
    #[inline]
    #[must_use]
    pub fn stale_within(mut self, within: Option<&'a [NodeId]>) -> Self {
        self.stale_within = within;
        self
    }

    /// The app's pages and the current one.
    #[inline]
    #[must_use]
    pub fn pages(mut self, pages: &'a [String], page: usize) -> Self {
        self.pages = pages;
        self.page = page;
        self
    }

    /// True when stale elements are drawn dimmed this frame.
    pub fn dims_stale(&self) -> bool {
        self.running_for.is_some_and(|t| t >= STALE_DELAY)
    }
}

/// Presentation state the renderer keeps between frames.
///
/// Holds no user data: a local edit per widget while the user drags or types
/// (dropped once a newer tree carries the committed value), the Markdown
/// cache and chart points converted for `egui_plot`.
#[derive(Default)]
pub struct RenderState {
    edits: HashMap<WidgetId, Edit>,
    markdown: egui_commonmark::CommonMarkCache,
    charts: chart::ChartCache,
    status: status::StatusCache,
    /// Sort orders and cell editing of dataframes and data editors.
    data: data::DataCache,
    /// Remembered heights, to draw only what is in sight.
    cull: cull::Cull,
    generation: Option<u64>,
    /// A reused buffer for text inputs nobody is editing.
    scratch: String,
    /// Files, downloads, chat input, images.
    inputs: inputs::InputsState,
}

impl std::fmt::Debug for RenderState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderState")
            .field("edits", &self.edits)
            .field("generation", &self.generation)
            .finish_non_exhaustive()
    }
}

impl RenderState {
    /// A render state whose file uploaders and download buttons use
    /// `dialogs` (a [`dialogs::FakeDialogs`] in tests) instead of the
    /// system's dialogs.
    ///
    /// ```
    /// use brook::render::{RenderState, dialogs::FakeDialogs};
    /// let fake = FakeDialogs::new();
    /// let state = RenderState::with_dialogs(std::sync::Arc::new(fake.clone()));
    /// # drop(state);
    /// ```
    pub fn with_dialogs(dialogs: std::sync::Arc<dyn dialogs::Dialogs>) -> Self {
        Self {
            inputs: inputs::InputsState::new(dialogs),
            ..Self::default()
        }
    }

    /// The value the user is editing for widget `id`, if it differs from
    /// what the tree carries (tests and the app's status use this).
    pub fn local_edit(&self, id: &WidgetId) -> Option<&crate::tree::WidgetValue> {
        self.edits.get(id).map(|e| &e.value)
    }

    /// The sort of the dataframe drawn under `key` (its node id, or its
    /// widget id when it has a selection): table column, order, and whether
    /// the order is still being computed. `None` when it is not sorted.
    pub fn table_sort(&self, key: &str) -> Option<(usize, crate::table::SortOrder, bool)> {
        self.data.sort_state(key)
    }

    /// Draws every node, in sight or not (on by default: only what is in
    /// sight). The baseline of tests and benchmarks of culling.
    #[doc(hidden)]
    pub fn set_culling(&mut self, on: bool) {
        self.cull.enabled = on;
    }

    /// Reconciles local edits with a newly published tree.
    fn begin(&mut self, view: &View<'_>) {
        if self.generation == Some(view.generation) {
            return;
        }
        self.generation = Some(view.generation);
        let running = view.running_for.is_some();
        self.edits.retain(|id, edit| {
            let Some(widget) = view.tree.widget(id) else {
                return false; // the widget is gone
            };
            let Some(sent) = edit.sent else {
                return true; // still typing
            };
            if edit.active {
                return true; // still dragging
            }
            // Committed: a newer tree that carries the value confirms it. A
            // finished run that carries another value overrides it (a
            // callback changed it) — but only a run that can have seen the
            // event: the runner publishes twice per run (start, end), so the
            // first publication after sending can be the end of an older,
            // interrupted run, still without the value. Until then, and
            // while a run is in flight, keep showing the user's value.
            widget.value != edit.value && (running || view.generation < sent + 2)
        });
        self.charts.retain_generation(view.generation);
        self.data.retain_drawn();
    }
}

/// A widget value the user changed locally.
#[derive(Debug, Clone, PartialEq)]
struct Edit {
    value: crate::tree::WidgetValue,
    /// The generation at which the value was sent; `None` while typing.
    sent: Option<u64>,
    /// The user was dragging or typing in it during the last frame.
    active: bool,
}

/// What the element drawers share during one frame.
struct Cx<'v, 's> {
    view: &'v View<'v>,
    state: &'s mut RenderState,
    events: Vec<Event>,
    /// Stale elements are dimmed this frame.
    dim: bool,
    /// An ancestor is already drawn dimmed.
    dimming: bool,
    /// Forms asked to submit this frame, by form key (FO-2, FO-10).
    submits: Vec<(String, form::Submit)>,
}

impl Cx<'_, '_> {
    fn is_stale(&self, id: &NodeId) -> bool {
        self.dim
            && !self.view.fresh.is_some_and(|fresh| fresh.contains(id))
            && self
                .view
                .stale_within
                .is_none_or(|within| within.iter().any(|c| id.is_inside(c)))
    }

    /// True when the run in flight has re-emitted something below `node`.
    fn has_fresh_inside(&self, node: &Node) -> bool {
        let Some(fresh) = self.view.fresh else {
            return false;
        };
        let mut stack: Vec<&Node> = node.element.children().iter().collect();
        if let Element::Columns { columns, .. } = &node.element {
            stack.extend(columns.iter().flat_map(|c| &c.children));
        }
        while let Some(n) = stack.pop() {
            if fresh.contains(&n.id) {
                return true;
            }
            stack.extend(n.element.children());
            if let Element::Columns { columns, .. } = &n.element {
                stack.extend(columns.iter().flat_map(|c| &c.children));
            }
        }
        false
    }
}

/// Draws `view` into `ui` (sidebar panel on the left when the tree has a
/// sidebar or the app has several pages, the main area in the rest) and
/// returns what the user did this frame.
pub fn draw(ui: &mut egui::Ui, view: &View<'_>, state: &mut RenderState) -> Vec<Event> {
    state.begin(view);
    media::ensure_loaders(ui.ctx(), &mut state.inputs);
    state.cull.begin_frame();
    let mut cx = Cx {
        view,
        state,
        events: Vec::new(),
        dim: view.dims_stale(),
        dimming: false,
        submits: Vec::new(),
    };

    // The look, once per context (the app applies the configured theme
    // before its first frame; a bare context gets Streamlit's).
    if Theme::applied(ui.ctx()).is_none() {
        Theme::default().apply(ui.ctx());
    }
    page::top_navigation(ui, &mut cx);
    let sidebar_open = page::sidebar(ui, &mut cx);
    if let Some(chat_input) = chat::pinned(view.tree, &mut cx.state.cull) {
        egui::Panel::bottom("brook_chat_input").show(ui, |ui| {
            ui.add_space(4.0);
            chat::pinned_input(ui, chat_input, &mut cx);
            ui.add_space(4.0);
        });
    }
    page::main_area(ui, sidebar_open, &mut cx);
    widgets::file::route_drops(ui.ctx(), &mut cx);

    status::toasts(ui.ctx(), &mut cx.state.status);
    if cx.state.cull.take_remeasure() {
        // A node drawn for the first time had another height than its
        // estimate: the next frame places everything after it right.
        ui.ctx().request_repaint();
    }

    // The renderer's own repaints: the moment a run in flight becomes long
    // enough for its stale elements to be dimmed, and the status elements'
    // timers (a spinner's delay and turns, a toast's end).
    if let Some(elapsed) = view.running_for
        && elapsed < STALE_DELAY
    {
        ui.ctx().request_repaint_after(STALE_DELAY - elapsed);
    }
    cx.events
}

/// Draws `nodes` top to bottom, [`ELEMENT_GAP`] apart: those in sight
/// (see `cull`).
fn draw_nodes(ui: &mut egui::Ui, nodes: &[Node], cx: &mut Cx<'_, '_>) {
    cull::draw_list(ui, nodes, cx);
}

/// Elements that take no room in the column (drawn elsewhere, or empty):
/// no gap is kept for them.
fn is_invisible(element: &Element) -> bool {
    match element {
        Element::Empty { children } | Element::Fragment { children, .. } => {
            children.iter().all(|n| is_invisible(&n.element))
        }
        Element::Egui { draw } => draw.is_none(),
        Element::Toast { .. } | Element::Logo(_) | Element::Dialog(_) => true,
        _ => false,
    }
}

fn draw_node(ui: &mut egui::Ui, node: &Node, cx: &mut Cx<'_, '_>) {
    // A stale node is dimmed as a whole (a container with its frame or
    // header) unless something inside it has been re-emitted already; then
    // its children decide one by one.
    let dim = !cx.dimming && cx.is_stale(&node.id) && !cx.has_fresh_inside(node);
    if dim {
        // Not `ui.scope`: a child Ui would add spacing, and dimming must not
        // move anything. Child Uis inherit the painter's opacity.
        let opacity = ui.opacity();
        ui.multiply_opacity(STALE_OPACITY);
        cx.dimming = true;
        draw_element(ui, node, cx);
        cx.dimming = false;
        ui.set_opacity(opacity);
    } else {
        draw_element(ui, node, cx);
    }
}

fn draw_element(ui: &mut egui::Ui, node: &Node, cx: &mut Cx<'_, '_>) {
    match &node.element {
        Element::Text { body } => text::text(ui, body),
        Element::Markdown { body } => text::markdown(ui, &node.id, body, cx),
        Element::Heading { level, body } => text::heading(ui, *level, body),
        Element::Caption { body } => text::caption(ui, body),
        Element::Code { body, language } => text::code(ui, body, language.as_deref()),
        Element::Divider => text::divider(ui),
        Element::Json { value } => text::json(ui, &node.id, value),
        Element::Alert { alert, body } => text::alert(ui, &node.id, *alert, body, cx),
        Element::Exception(info) => exception::exception(ui, &node.id, info),
        Element::Widget(widget) => widgets::widget(ui, widget, cx),
        Element::Chart(chart) => chart::chart(ui, &node.id, chart, cx),
        Element::Dataframe(view) => data::dataframe(ui, &node.id, view, cx),
        Element::Table(view) => data::static_table(ui, &node.id, view),
        Element::Metric(m) => metric::metric(ui, m),
        Element::Columns {
            columns,
            gap,
            vertical_alignment,
            border,
        } => layout::columns(
            ui,
            &node.id,
            columns,
            *gap,
            *vertical_alignment,
            *border,
            cx,
        ),
        Element::Container {
            border,
            height,
            children,
        } => layout::container(ui, &node.id, *border, *height, children, cx),
        Element::Expander {
            label,
            expanded,
            icon,
            children,
        } => layout::expander(
            ui,
            &node.id,
            label,
            *expanded,
            icon.as_deref(),
            children,
            cx,
        ),
        Element::Tabs { labels, children } => layout::tabs(ui, labels, children, cx),
        Element::Popover {
            label,
            icon,
            children,
        } => layout::popover(ui, &node.id, label, icon.as_deref(), children, cx),
        Element::Space { height } => layout::space(ui, *height),
        Element::PageLink {
            label,
            icon,
            page,
            disabled,
        } => page::page_link(ui, label, icon.as_deref(), page, *disabled, cx),
        Element::Empty { children } => draw_nodes(ui, children, cx),
        Element::Progress { value, text } => status::progress(ui, *value, text.as_deref()),
        Element::Spinner { text, show_time } => {
            status::spinner(ui, &node.id, text, *show_time, cx);
        }
        Element::Status {
            label,
            state,
            expanded,
            children,
        } => status::status(ui, &node.id, label, *state, *expanded, children, cx),
        Element::Toast {
            id,
            body,
            icon,
            seconds,
        } => status::toast(ui, *id, body, icon.as_deref(), *seconds, cx),
        Element::Form(f) => form::form(ui, f, cx),
        Element::Image(images) => media::images(ui, images, cx),
        Element::Logo(_) => {} // drawn in the app's top bar
        Element::LinkButton {
            label,
            url,
            help,
            disabled,
        } => media::link_button(ui, label, url, help.as_deref(), *disabled),
        Element::ChatMessage {
            role,
            avatar,
            children,
        } => chat::message(ui, role, avatar, children, cx),
        Element::Fragment { children, .. } => fragment::fragment(ui, children, cx),
        Element::Dialog(d) => dialog::dialog(ui, d, cx),
        Element::Egui { draw } => {
            if let Some(draw) = draw {
                ui.push_id(&node.id, |ui| (draw.0)(ui));
            }
        }
    }
}
