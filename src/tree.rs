//! The element tree: what a run produced, as plain data.
//!
//! A page run builds a [`Tree`]; the runner publishes it (`Arc<Tree>`) and the
//! renderer draws it every frame and turns interaction into [`Event`]s. Every
//! node has a stable [`NodeId`] (its container path), and every widget carries
//! the value the page saw plus the [`WidgetId`] events refer to.
//!
//! Everything here is `serde`-serialisable except the closures of
//! [`Element::Egui`] escape-hatch nodes, which are skipped.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

mod fragment;
mod inputs;
mod media;
mod widget;

pub use inputs::{
    Bytes, ChatSpec, DateSpec, DownloadData, DownloadSpec, FeedbackStyle, FilesSpec,
    LabelVisibility, LazyBytes, OptionsSpec, UploadedFile, WidgetLook, Width, mime_for,
    size_display,
};
pub(crate) use inputs::{display_name, restore_saved_files};
pub use media::{Avatar, ImageElement, ImageItem, ImageSource, LogoElement};
pub use widget::{Form, WidgetKind, WidgetNode, WidgetSpec, WidgetValue};
mod layout;

pub use layout::{
    ButtonKind, CENTERED_MAX_WIDTH, Gap, NavPage, NavPosition, Navigation, PageLayout,
    PageSettings, SidebarState, SpaceSize, VerticalAlignment,
};

mod ids;
pub use ids::{NodeId, WidgetId};

/// Identity of a fragment (or dialog) across runs (FR-2):
/// `$$FRAG-<hash>-<key or None>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FragmentId(pub String);

impl fmt::Display for FragmentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What one run produced: the main area and the sidebar.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Tree {
    /// The main area, top to bottom.
    pub main: Vec<Node>,
    /// The sidebar, top to bottom (empty: no sidebar is shown).
    pub sidebar: Vec<Node>,
    /// Title, icon, layout and sidebar state (`st.set_page_config`).
    #[serde(default)]
    pub page: PageSettings,
    /// The pages the run offered and the one it ran (`st.navigation`, or
    /// the app's pages); `None` for a single-page app.
    #[serde(default)]
    pub nav: Option<Navigation>,
}

impl Tree {
    /// Every node, depth first, main before sidebar.
    pub fn walk(&self) -> impl Iterator<Item = &Node> {
        let mut stack: Vec<&Node> = self.sidebar.iter().rev().collect();
        stack.extend(self.main.iter().rev());
        std::iter::from_fn(move || {
            let node = stack.pop()?;
            for child in node.element.children().iter().rev() {
                stack.push(child);
            }
            if let Element::Columns { columns, .. } = &node.element {
                for column in columns.iter().rev() {
                    stack.extend(column.children.iter().rev());
                }
            }
            Some(node)
        })
    }

    /// Every widget in render order.
    pub fn widgets(&self) -> impl Iterator<Item = &WidgetNode> {
        self.walk().filter_map(|n| match &n.element {
            Element::Widget(w) => Some(w),
            _ => None,
        })
    }

    /// The widget with this id, if the tree has it.
    pub fn widget(&self, id: &WidgetId) -> Option<&WidgetNode> {
        self.widgets().find(|w| &w.id == id)
    }
}

/// One element and its position.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Node {
    /// Stable position (container path).
    pub id: NodeId,
    /// What to draw.
    pub element: Element,
}

/// Heading levels: `st.title`, `st.header`, `st.subheader`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HeadingLevel {
    /// `st.title`.
    Title,
    /// `st.header`.
    Header,
    /// `st.subheader`.
    Subheader,
}

/// Alert boxes: `st.error`, `st.warning`, `st.info`, `st.success`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AlertKind {
    /// Red.
    Error,
    /// Yellow.
    Warning,
    /// Blue.
    Info,
    /// Green.
    Success,
}

/// An exception shown in the page (EX-10).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExceptionInfo {
    /// The error's type (`panic`, `KeyError`, `std::io::Error`, ...).
    pub type_name: String,
    /// The error's message.
    pub message: String,
    /// `file:line:column` where it was raised, when known.
    pub location: Option<String>,
    /// Further detail (a backtrace, the error's `Debug`), shown collapsed.
    pub detail: Option<String>,
}

/// Chart marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mark {
    /// `st.line_chart`.
    Line,
    /// `st.bar_chart`.
    Bar,
    /// `st.area_chart`.
    Area,
    /// `st.scatter_chart`.
    Scatter,
}

impl Mark {
    /// Streamlit's name of the mark.
    pub fn name(self) -> &'static str {
        match self {
            Self::Line => "line",
            Self::Bar => "bar",
            Self::Area => "area",
            Self::Scatter => "scatter",
        }
    }
}

/// One named series of `(x, y)` points.
///
/// A slice of them is chart data too (`st.line_chart(&series[..])`); the
/// serde name lets the table conversion recognise them (JSON and RON do not
/// write struct names).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "__BrookSeries")]
pub struct Series {
    /// Legend name (`value` for an unnamed slice, as Streamlit names it).
    pub name: String,
    /// The points, in data order; for stacked marks y is the top of the
    /// series' band.
    pub points: Vec<[f64; 2]>,
    /// Stacked marks: the bottom of the band at each point (empty: 0).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub base: Vec<f64>,
    /// The series' colour (RGB), from the categorical palette unless the
    /// page chose one.
    #[serde(default)]
    pub color: Option<[u8; 3]>,
}

/// A chart element (EL-6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    /// Line, bar, area or scatter.
    pub mark: Mark,
    /// One entry per series (a legend is shown when there are several).
    pub series: Vec<Series>,
    /// What the x values are (row numbers, numbers, dates, categories).
    #[serde(default)]
    pub x_axis: Axis,
    /// x axis label.
    pub x_label: Option<String>,
    /// y axis label.
    pub y_label: Option<String>,
    /// Height in points.
    pub height: f32,
    /// How bars and areas of several series share the space.
    #[serde(default)]
    pub stack: Stack,
    /// Bars run left to right (categories on the vertical axis).
    #[serde(default)]
    pub horizontal: bool,
    /// Width of one bar in x units (bar charts).
    #[serde(default)]
    pub bar_width: f64,
}

mod data;

pub use crate::table::{ColumnView, TableView};
pub use data::{Axis, DeltaDirection, DeltaTone, MetricNode, Sparkline, Stack};

/// One column of a [`Element::Columns`] row.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Column {
    /// Relative width.
    pub weight: f32,
    /// The column's elements.
    pub children: Vec<Node>,
}

/// A custom egui drawing (`st.egui(|ui| ...)`), the escape hatch.
#[derive(Clone)]
pub struct EguiFn(pub Arc<dyn Fn(&mut egui::Ui) + Send + Sync>);

impl fmt::Debug for EguiFn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EguiFn(..)")
    }
}

/// Everything a page can draw.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Element {
    /// `st.text`: fixed-width, no Markdown.
    Text {
        /// The text.
        body: String,
    },
    /// `st.markdown` (and `st.write` of a string).
    Markdown {
        /// CommonMark source.
        body: String,
    },
    /// `st.title` / `st.header` / `st.subheader`.
    Heading {
        /// Which level.
        level: HeadingLevel,
        /// The text.
        body: String,
    },
    /// `st.caption`: small, muted text.
    Caption {
        /// The text.
        body: String,
    },
    /// `st.code`: a code block.
    Code {
        /// The code.
        body: String,
        /// Language name, for highlighting.
        language: Option<String>,
    },
    /// `st.divider`: a horizontal rule.
    Divider,
    /// `st.json` (and `st.write` of a `Serialize` value).
    Json {
        /// The value.
        value: serde_json::Value,
    },
    /// `st.error` / `st.warning` / `st.info` / `st.success`.
    Alert {
        /// Which kind.
        alert: AlertKind,
        /// Markdown body.
        body: String,
    },
    /// An exception raised by the page or a callback (EX-10).
    Exception(ExceptionInfo),
    /// A widget and the value the page saw.
    Widget(WidgetNode),
    /// A chart.
    Chart(Chart),
    /// `st.dataframe` without selection: an interactive, view-only table.
    Dataframe(Box<TableView>),
    /// `st.table`: a static table, every row laid out.
    Table(Box<TableView>),
    /// `st.metric`.
    Metric(Box<MetricNode>),
    /// `st.columns`: a row of columns.
    Columns {
        /// The columns, left to right.
        columns: Vec<Column>,
        /// Gap between columns in points.
        gap: f32,
        /// How the columns' contents line up vertically.
        #[serde(default)]
        vertical_alignment: VerticalAlignment,
        /// Draw a border around each column.
        #[serde(default)]
        border: bool,
    },
    /// `st.container`: a plain group.
    Container {
        /// Draw a border around it.
        border: bool,
        /// A fixed height in points: the content scrolls inside it.
        #[serde(default)]
        height: Option<f32>,
        /// Its elements.
        children: Vec<Node>,
    },
    /// `st.expander`: a collapsible group.
    Expander {
        /// Header text.
        label: String,
        /// Open at first.
        expanded: bool,
        /// An emoji (or short text) before the label.
        #[serde(default)]
        icon: Option<String>,
        /// Its elements.
        children: Vec<Node>,
    },
    /// `st.form`: widgets whose values reach the page only when the form is
    /// submitted (FO-1, FO-2).
    Form(Form),
    /// `st.tabs`: one tab per label; every tab's content is built in each
    /// run, the user picks which one is shown.
    Tabs {
        /// The tabs' labels, left to right.
        labels: Vec<String>,
        /// One [`Element::Container`] per tab, in the labels' order.
        children: Vec<Node>,
    },
    /// `st.popover`: a button that opens its content in a floating panel.
    Popover {
        /// The button's text.
        label: String,
        /// An emoji (or short text) before the label.
        icon: Option<String>,
        /// Its elements.
        children: Vec<Node>,
    },
    /// `st.space`: empty vertical space.
    Space {
        /// Height in points.
        height: f32,
    },
    /// `st.page_link`: a link that switches to a page of the app.
    PageLink {
        /// The text shown (the page's title unless given).
        label: String,
        /// An emoji (or short text) before the label.
        icon: Option<String>,
        /// The target page's url path.
        page: String,
        /// Greyed out, not clickable.
        disabled: bool,
    },
    /// `st.empty`: a placeholder whose content is replaced, not appended.
    Empty {
        /// What was last written into it.
        children: Vec<Node>,
    },
    /// `st.progress`: a bar from 0 to 1 with an optional text.
    Progress {
        /// How far, from 0.0 to 1.0.
        value: f32,
        /// Shown above the bar.
        text: Option<String>,
    },
    /// `st.spinner`: shown while its block runs, after a short delay (EX-14).
    Spinner {
        /// Shown beside the spinner.
        text: String,
        /// Show the time elapsed since it appeared.
        show_time: bool,
    },
    /// `st.status`: a collapsible block with a running / complete / error state.
    Status {
        /// Header text.
        label: String,
        /// Running, complete or error.
        state: StatusState,
        /// Open at first.
        expanded: bool,
        /// Its elements.
        children: Vec<Node>,
    },
    /// `st.toast`: a short message in the corner of the window, for a few
    /// seconds; not part of the page's flow.
    Toast {
        /// Unique per call, so that the window shows each toast once.
        id: u64,
        /// Markdown text.
        body: String,
        /// An emoji or short text shown before it.
        icon: Option<String>,
        /// How long it stays, in seconds (`None`: until dismissed).
        seconds: Option<f32>,
    },
    /// `st.image`: one image or a row of them.
    Image(ImageElement),
    /// `st.logo`: drawn in the top bar, and the window icon.
    Logo(LogoElement),
    /// `st.link_button`: opens a URL in the system browser.
    LinkButton {
        /// The button's text.
        label: String,
        /// What it opens.
        url: String,
        /// Tooltip text.
        help: Option<String>,
        /// Greyed out.
        disabled: bool,
    },
    /// `st.chat_message`: a message with an avatar.
    ChatMessage {
        /// Who wrote it (`"user"`, `"assistant"`, or a name).
        role: String,
        /// The avatar shown beside it.
        avatar: Avatar,
        /// Its elements.
        children: Vec<Node>,
    },
    /// A fragment's own container (`st.fragment`), or the place where a
    /// fragment writes into a container created outside it (FR-3): replaced
    /// in place when the fragment reruns.
    Fragment {
        /// Which fragment owns these elements.
        fragment: FragmentId,
        /// Its elements.
        children: Vec<Node>,
    },
    /// A modal dialog (`st.dialog`): its body reruns like a fragment.
    Dialog(DialogNode),
    /// A custom egui drawing (`st.egui`). Not serialisable.
    Egui {
        /// The drawing closure.
        #[serde(skip, default = "noop_egui")]
        draw: Option<EguiFn>,
    },
}

#[allow(clippy::unnecessary_wraps)] // serde's `default` needs a fn returning the field type
fn noop_egui() -> Option<EguiFn> {
    None
}

impl Element {
    /// Children of a container element (empty for leaves and for columns,
    /// whose children live in [`Column`]s).
    pub fn children(&self) -> &[Node] {
        match self {
            Self::Container { children, .. }
            | Self::Expander { children, .. }
            | Self::Status { children, .. }
            | Self::Tabs { children, .. }
            | Self::Popover { children, .. }
            | Self::Empty { children }
            | Self::ChatMessage { children, .. }
            | Self::Fragment { children, .. } => children,
            Self::Form(form) => &form.children,
            Self::Dialog(d) if d.open => &d.children,
            _ => &[],
        }
    }

    /// Streamlit's name for this kind of element.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Self::Text { .. } => "text",
            Self::Markdown { .. } => "markdown",
            Self::Heading { level, .. } => match level {
                HeadingLevel::Title => "title",
                HeadingLevel::Header => "header",
                HeadingLevel::Subheader => "subheader",
            },
            Self::Caption { .. } => "caption",
            Self::Code { .. } => "code",
            Self::Divider => "divider",
            Self::Json { .. } => "json",
            Self::Alert { alert, .. } => match alert {
                AlertKind::Error => "error",
                AlertKind::Warning => "warning",
                AlertKind::Info => "info",
                AlertKind::Success => "success",
            },
            Self::Exception(_) => "exception",
            Self::Widget(w) => w.kind.name(),
            Self::Chart(_) => "chart",
            Self::Dataframe(_) => "dataframe",
            Self::Table(_) => "table",
            Self::Metric(_) => "metric",
            Self::Columns { .. } => "columns",
            Self::Container { .. } => "container",
            Self::Expander { .. } => "expander",
            Self::Tabs { .. } => "tabs",
            Self::Popover { .. } => "popover",
            Self::Space { .. } => "space",
            Self::PageLink { .. } => "page_link",
            Self::Empty { .. } => "empty",
            Self::Progress { .. } => "progress",
            Self::Spinner { .. } => "spinner",
            Self::Status { .. } => "status",
            Self::Toast { .. } => "toast",
            Self::Form(_) => "form",
            Self::Fragment { .. } => "fragment",
            Self::Dialog(_) => "dialog",
            Self::Egui { .. } => "egui",
            Self::Image(_) => "image",
            Self::Logo(_) => "logo",
            Self::LinkButton { .. } => "link_button",
            Self::ChatMessage { .. } => "chat_message",
        }
    }
}

/// The state of an `st.status` block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusState {
    /// Its block is running (a spinner in the header).
    Running,
    /// Its block finished (a check mark).
    Complete,
    /// Its block failed (a cross).
    Error,
}

/// A modal dialog in the tree (`st.dialog`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DialogNode {
    /// The fragment that runs the dialog's body.
    pub fragment: FragmentId,
    /// The title bar text.
    pub title: String,
    /// Width in points.
    pub width: f32,
    /// The user may close it (close button, Escape, a click outside).
    pub dismissible: bool,
    /// False once the user closed it: it is no longer drawn.
    pub open: bool,
    /// Its elements.
    pub children: Vec<Node>,
}

/// Something the user did, sent from the renderer (or `AppTest`) to the session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Event {
    /// A widget's value committed (slider moved, Enter in a text input, ...).
    SetValue {
        /// Which widget.
        id: WidgetId,
        /// Its new value.
        value: WidgetValue,
    },
    /// A button was clicked.
    Click {
        /// Which button.
        id: WidgetId,
    },
    /// Run the page again with no change (menu "Rerun", key R).
    Rerun,
    /// Switch to another page of a multi-page app (by index).
    SwitchPage(usize),
    /// Rerun one fragment only (its `run_every` timer fired, FR-7).
    RerunFragment(FragmentId),
    /// The user closed a dialog.
    CloseDialog(FragmentId),
}
