//! Live publication: what a run has written so far, shown while it runs.
//!
//! Streamlit streams every element to the screen as the script produces it
//! (EX-2, EX-13). A [`Live`] sink lets a run publish its partial tree at its
//! checkpoints, paced by the consumer: the window calls [`Live::ready`] once
//! per drawn frame, and the next checkpoint publishes once. Only frames drawn
//! while the run is in progress count: a run shorter than a frame (a click
//! in a fragment, a timer tick) publishes nothing but its end, since no
//! window could show its partial tree anyway. So a run costs one snapshot
//! per frame drawn during it at most, and nothing at all when no window is
//! drawing.
//!
//! A partial tree is overlaid on the previous run's tree ([`overlay`]): the
//! new elements in place, the previous run's elements that have not been
//! redrawn yet after them (stale, EX-13), which the renderer dims.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::tree::{Element, Node, NodeId, Tree, WidgetId};

/// A partial tree published while its run is in progress.
#[derive(Debug, Clone)]
pub struct LiveTree {
    /// What the run has written so far, over the previous run's leftovers.
    pub tree: Arc<Tree>,
    /// The nodes the run has written (not stale).
    pub fresh: Arc<HashSet<NodeId>>,
    /// Where the previous run's leftovers are: `None` for a full run (the
    /// whole page); for a fragment run, the containers it reruns, so that
    /// nothing else on the page is stale (FR-1).
    pub within: Option<Arc<[NodeId]>>,
}

impl LiveTree {
    /// True when node `id` is a leftover of the previous run that the run
    /// in progress has not redrawn yet: the window draws it dimmed (EX-13).
    ///
    /// ```
    /// use brook::prelude::*;
    ///
    /// let mut at = brook::testing::AppTest::new(|st: &mut St| {
    ///     st.text("page");
    ///     st.add(Fragment::new(|st| {
    ///         st.text("first");
    ///         st.text("second");
    ///     }).key("f"));
    /// });
    /// at.run();
    /// at.record_live().run_fragment("f").run();
    /// let first = &at.live_partials()[0];
    /// let stale: Vec<String> = first
    ///     .tree
    ///     .walk()
    ///     .filter(|n| first.is_stale(&n.id))
    ///     .filter_map(|n| match &n.element {
    ///         brook::tree::Element::Text { body } => Some(body.clone()),
    ///         _ => None,
    ///     })
    ///     .collect();
    /// // The fragment has redrawn "first" only; the page outside it is not stale.
    /// assert_eq!(stale, ["second"]);
    /// ```
    pub fn is_stale(&self, id: &NodeId) -> bool {
        !self.fresh.contains(id)
            && self
                .within
                .as_deref()
                .is_none_or(|within| within.iter().any(|c| id.is_inside(c)))
    }
}

type Publish = Box<dyn Fn(LiveTree) + Send + Sync>;

/// Where a run in progress publishes its partial trees.
///
/// ```
/// use std::sync::{Arc, Mutex};
/// use brook::prelude::*;
/// use brook::session::{Live, Page, Session, SessionOptions};
///
/// let seen = Arc::new(Mutex::new(Vec::new()));
/// let sink = seen.clone();
/// let mut session = Session::new(
///     vec![Page::new("main", |st: &mut St| {
///         st.text("one");
///         st.text("two");
///     })],
///     SessionOptions::default(),
/// );
/// // An eager sink publishes at every checkpoint (a window would call
/// // `ready()` once per frame instead).
/// session.set_live(Some(Live::eager(move |t| sink.lock().unwrap().push(t.fresh.len()))));
/// session.handle(vec![]);
/// assert_eq!(*seen.lock().unwrap(), [1, 2]);
/// ```
pub struct Live {
    /// Frames the consumer has drawn ([`ready`](Self::ready) calls).
    frames: AtomicU64,
    /// The frame count a checkpoint must exceed to publish: the count when
    /// the run began, or when it last published.
    seen: AtomicU64,
    /// Publish at every checkpoint (tests).
    eager: bool,
    publish: Publish,
    /// Keeps publishing a large page's partial trees from slowing its run.
    pace: super::pace::Pace,
}

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Live")
            .field("frames", &self.frames.load(Ordering::Relaxed))
            .field("seen", &self.seen.load(Ordering::Relaxed))
            .field("eager", &self.eager)
            .finish_non_exhaustive()
    }
}

impl Live {
    /// A sink paced by [`ready`](Self::ready): one publication per call.
    pub fn new(publish: impl Fn(LiveTree) + Send + Sync + 'static) -> Arc<Self> {
        Arc::new(Self {
            frames: AtomicU64::new(0),
            seen: AtomicU64::new(0),
            eager: false,
            publish: Box::new(publish),
            pace: super::pace::Pace::default(),
        })
    }

    /// A sink that publishes at every checkpoint (for tests: every state a
    /// run passes through is seen).
    pub fn eager(publish: impl Fn(LiveTree) + Send + Sync + 'static) -> Arc<Self> {
        Arc::new(Self {
            frames: AtomicU64::new(0),
            seen: AtomicU64::new(0),
            eager: true,
            publish: Box::new(publish),
            pace: super::pace::Pace::default(),
        })
    }

    /// The consumer drew a frame: the next checkpoint of the run in
    /// progress may publish.
    pub fn ready(&self) {
        self.frames.fetch_add(1, Ordering::Release);
    }

    /// A run begins: frames drawn before it do not make it publish.
    pub(crate) fn begin(&self) {
        self.seen
            .store(self.frames.load(Ordering::Acquire), Ordering::Release);
    }

    /// True when a checkpoint of run `run` should publish now (and, unless
    /// eager, no other checkpoint until the next [`ready`](Self::ready)):
    /// the window drew a frame since the run began or last published, and
    /// the run has worked long enough since (see `pace`).
    #[inline]
    pub(crate) fn take_turn(&self, clock: &dyn crate::clock::Clock, run: u64) -> bool {
        if self.eager {
            return true;
        }
        let frames = self.frames.load(Ordering::Acquire);
        if frames > self.seen.load(Ordering::Relaxed) && self.pace.due(clock, run) {
            self.seen.store(frames, Ordering::Release);
            return true;
        }
        false
    }

    /// Publishes the partial tree `make` builds, timing both for the pace.
    pub(crate) fn publish_timed(
        &self,
        clock: &dyn crate::clock::Clock,
        make: impl FnOnce() -> LiveTree,
    ) {
        let start = clock.now();
        let tree = make();
        let nodes = tree.tree.walk().count();
        (self.publish)(tree);
        self.pace.published(nodes, start, clock.now());
    }
}

/// Overlays the partial tree of a run in progress on the previous run's
/// tree: each container keeps the new children, followed by the previous
/// children not yet redrawn (stale, EX-13). A stale widget whose id the new
/// tree already has is left out, so no widget is ever drawn twice.
pub fn overlay(partial: Tree, previous: &Tree) -> LiveTree {
    let fresh: HashSet<NodeId> = partial.walk().map(|n| n.id.clone()).collect();
    let widgets: HashSet<WidgetId> = partial.widgets().map(|w| w.id.clone()).collect();
    let Tree {
        main,
        sidebar,
        page,
        nav,
    } = partial;
    let tree = Tree {
        main: merge(main, &previous.main, &widgets),
        sidebar: merge(sidebar, &previous.sidebar, &widgets),
        page,
        // Until the run reaches `st.navigation`, the previous pages stay.
        nav: nav.or_else(|| previous.nav.clone()),
    };
    LiveTree {
        tree: Arc::new(tree),
        fresh: Arc::new(fresh),
        within: None,
    }
}

impl crate::session::run::Run {
    /// The partial tree of this run in progress: a full run's output over
    /// the previous tree ([`overlay`]), a fragment run's over its own
    /// container in the retained page (`fragment::live`).
    pub(crate) fn live_tree(&self) -> LiveTree {
        if self.frag.target.is_some()
            && let Some(partial) = super::fragment::live::partial(self)
        {
            return partial;
        }
        overlay(self.builder.clone().finish(), &self.previous)
    }
}

/// Puts `new` in front of the `old` children of a container, the old ones
/// not redrawn yet after them (stale), without widgets `new` has redrawn.
pub(crate) fn overlay_nodes(new: Vec<Node>, old: &[Node]) -> Vec<Node> {
    let mut widgets = HashSet::new();
    let mut stack: Vec<&Node> = new.iter().collect();
    while let Some(n) = stack.pop() {
        if let Element::Widget(w) = &n.element {
            widgets.insert(w.id.clone());
        }
        push_children(n, &mut stack);
    }
    merge(new, old, &widgets)
}

/// Adds the ids of `nodes` and of everything inside them to `fresh`.
pub(crate) fn mark_fresh(nodes: &[Node], fresh: &mut HashSet<NodeId>) {
    let mut stack: Vec<&Node> = nodes.iter().collect();
    while let Some(n) = stack.pop() {
        fresh.insert(n.id.clone());
        push_children(n, &mut stack);
    }
}

fn push_children<'n>(node: &'n Node, stack: &mut Vec<&'n Node>) {
    stack.extend(node.element.children());
    if let Element::Columns { columns, .. } = &node.element {
        stack.extend(columns.iter().flat_map(|c| &c.children));
    }
}

fn merge(mut new: Vec<Node>, old: &[Node], widgets: &HashSet<WidgetId>) -> Vec<Node> {
    for (n, o) in new.iter_mut().zip(old) {
        merge_children(&mut n.element, &o.element, widgets);
    }
    if let Some(rest) = old.get(new.len()..) {
        new.extend(rest.iter().filter_map(|o| without_widgets(o, widgets)));
    }
    new
}

/// The new element keeps its children, followed by the old element's
/// children it has not redrawn yet (same kind of container only).
fn merge_children(new: &mut Element, old: &Element, widgets: &HashSet<WidgetId>) {
    match (new, old) {
        (Element::Container { children: a, .. }, Element::Container { children: b, .. })
        | (Element::Expander { children: a, .. }, Element::Expander { children: b, .. })
        | (Element::Status { children: a, .. }, Element::Status { children: b, .. })
        | (Element::Tabs { children: a, .. }, Element::Tabs { children: b, .. })
        | (Element::Popover { children: a, .. }, Element::Popover { children: b, .. })
        | (Element::ChatMessage { children: a, .. }, Element::ChatMessage { children: b, .. })
        | (Element::Fragment { children: a, .. }, Element::Fragment { children: b, .. })
        | (Element::Empty { children: a }, Element::Empty { children: b }) => {
            *a = merge(std::mem::take(a), b, widgets);
        }
        (Element::Form(a), Element::Form(b)) => {
            a.children = merge(std::mem::take(&mut a.children), &b.children, widgets);
        }
        (Element::Columns { columns: a, .. }, Element::Columns { columns: b, .. }) => {
            for (ca, cb) in a.iter_mut().zip(b) {
                ca.children = merge(std::mem::take(&mut ca.children), &cb.children, widgets);
            }
        }
        _ => {}
    }
}

/// A stale node, without the widgets the new tree has redrawn elsewhere.
fn without_widgets(node: &Node, widgets: &HashSet<WidgetId>) -> Option<Node> {
    if let Element::Widget(w) = &node.element
        && widgets.contains(&w.id)
    {
        return None;
    }
    let mut node = node.clone();
    if !widgets.is_empty() {
        strip(&mut node.element, widgets);
    }
    Some(node)
}

fn strip(element: &mut Element, widgets: &HashSet<WidgetId>) {
    let keep = |n: &Node| !matches!(&n.element, Element::Widget(w) if widgets.contains(&w.id));
    match element {
        Element::Container { children, .. }
        | Element::Expander { children, .. }
        | Element::Status { children, .. }
        | Element::Empty { children }
        | Element::Form(crate::tree::Form { children, .. }) => {
            children.retain(keep);
            for c in children {
                strip(&mut c.element, widgets);
            }
        }
        Element::Columns { columns, .. } => {
            for column in columns {
                column.children.retain(keep);
                for c in &mut column.children {
                    strip(&mut c.element, widgets);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(id: &str, body: &str) -> Node {
        Node {
            id: NodeId::new(id),
            element: Element::Text {
                body: body.to_owned(),
            },
        }
    }

    fn bodies(nodes: &[Node]) -> Vec<String> {
        let tree = Tree {
            main: nodes.to_vec(),
            sidebar: Vec::new(),
            ..Default::default()
        };
        tree.walk()
            .filter_map(|n| match &n.element {
                Element::Text { body } => Some(body.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn new_elements_come_first_and_the_rest_of_the_old_run_follows_as_stale() {
        // EX-13: old content stays visible until overwritten.
        let old = Tree {
            main: vec![
                text("main.0", "a"),
                text("main.1", "b"),
                text("main.2", "c"),
            ],
            sidebar: Vec::new(),
            ..Default::default()
        };
        let partial = Tree {
            main: vec![text("main.0", "A")],
            sidebar: Vec::new(),
            ..Default::default()
        };
        let live = overlay(partial, &old);
        assert_eq!(bodies(&live.tree.main), ["A", "b", "c"]);
        assert!(live.fresh.contains(&NodeId::new("main.0")));
        assert!(!live.fresh.contains(&NodeId::new("main.1")));
    }

    #[test]
    fn a_container_being_filled_keeps_its_old_children_after_the_new_ones() {
        let container = |id: &str, children| Node {
            id: NodeId::new(id),
            element: Element::Container {
                height: None,
                border: false,
                children,
            },
        };
        let old = Tree {
            main: vec![container(
                "main.0",
                vec![text("main.0.0", "x"), text("main.0.1", "y")],
            )],
            sidebar: Vec::new(),
            ..Default::default()
        };
        let partial = Tree {
            main: vec![container("main.0", vec![text("main.0.0", "X")])],
            sidebar: Vec::new(),
            ..Default::default()
        };
        let live = overlay(partial, &old);
        assert_eq!(bodies(&live.tree.main), ["X", "y"]);
    }
}
