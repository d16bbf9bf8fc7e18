//! Culling: a list of nodes lays out and paints only the nodes that
//! intersect the visible area; the others become empty space of the height
//! they had when last drawn, so scroll bars and positions stay right.
//!
//! Every list of nodes goes through [`draw_list`]: the main area, the
//! sidebar and the children of every container (expanders, forms, columns,
//! containers that scroll), so a frame costs what is on screen whatever the
//! page's length. brook can do this for every page because it owns the
//! tree; hand-written egui needs a virtual list written by hand.
//!
//! How it works, per list and frame: the advance (height plus spacing) of
//! every node is remembered from the last time it was drawn, with prefix
//! sums, so the first visible node is a binary search away. A node never
//! drawn yet counts with the mean advance of its kind so far. Nodes above
//! and below the visible area (plus a margin) are skipped with one
//! `add_space` each side; the nodes drawn are measured again. Some nodes are
//! always drawn: toasts (they show in a corner, not where they stand), a
//! widget the user is typing in or dragging (egui drops the focus of a
//! widget that is not drawn), and kinds this module does not know until
//! their height is known.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use egui::Direction;

use super::Cx;
use crate::tree::{Element, Node, NodeId};

/// Nodes this far outside the visible area are still drawn (points), so a
/// small scroll never shows a gap for a frame.
const MARGIN: f32 = 96.0;

/// The advance assumed for a node of a kind never measured yet (points).
const DEFAULT_ADVANCE: f32 = 24.0;

/// What the renderer remembers to cull lists (part of `RenderState`).
pub(super) struct Cull {
    /// Off: every node is drawn (the baseline of tests and benchmarks).
    pub(super) enabled: bool,
    /// Per list, by the id of its first node.
    lists: HashMap<NodeId, List>,
    /// Element kinds seen, numbered (`List::kind` holds the numbers), by
    /// the address of their `kind_name` (a new tree looks up every node).
    kind_ids: HashMap<usize, u16, BuildHasherDefault<AddressHasher>>,
    /// Per kind number: the sum of the current heights (advances less the
    /// gap before them) of the nodes measured, and their count; the mean is
    /// the estimate for the kind's nodes never drawn.
    kinds: Vec<(f64, u32)>,
    /// The room an element gap takes, as last measured.
    gap_px: f32,
    /// Bumped when an estimate moved by more than half a point: lists then
    /// re-estimate the nodes they have not measured.
    estimates_version: u64,
    /// Widgets the user was typing in or dragging during the last frame
    /// (their node ids), and those of this frame.
    pinned: Vec<NodeId>,
    pinned_next: Vec<NodeId>,
    frame: u64,
    /// Lists drawn during the last frame.
    drawn: usize,
    drawn_next: usize,
    /// A node drawn for the first time turned out to have another height
    /// than estimated: draw once more so nothing shows at a wrong place.
    remeasure: bool,
    /// [`Cull::pinned_chat`]'s answer for the slice it was asked about.
    pinned_chat: Option<((usize, usize), Option<usize>)>,
}

/// One list's remembered layout.
struct List {
    /// The slice this was computed for (a published tree is immutable, and
    /// node ids are positions: a new tree of the same page keeps the
    /// advances of nodes at the same index).
    source: (usize, usize),
    advance: Vec<f32>,
    /// The advance was measured (not estimated).
    measured: Vec<bool>,
    /// The height measured (the advance less the gap before the node).
    height: Vec<f32>,
    /// Each node's kind number (`Cull::kind_ids`).
    kind: Vec<u16>,
    /// An [`ELEMENT_GAP`](super::ELEMENT_GAP) goes before the node: it
    /// takes room, and so does a node before it. The gap counts in its
    /// advance.
    gap: Vec<bool>,
    /// The `Cull::estimates_version` the estimates were made with.
    estimates_version: u64,
    /// `prefix[i]` is the sum of the advances of nodes `0..i`.
    prefix: Vec<f32>,
    /// Indices of nodes drawn even when out of sight.
    always: Vec<usize>,
    stale_prefix: bool,
    used: u64,
}

/// Hashes an address by multiplying it (addresses are distinct already).
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// Whether a node may be replaced by empty space when out of sight.
enum Skip {
    /// Anywhere in the flow: estimate its height until it is drawn.
    Flow,
    /// Not where it stands (a toast shows in a corner): always draw it.
    Never,
    /// A kind this module does not know: draw it until its height is known.
    OnceMeasured,
}

fn skip_of(element: &Element) -> Skip {
    match element {
        // A toast shows in a corner and a dialog over the page, wherever
        // they stand in the tree.
        Element::Toast { .. } | Element::Dialog(_) => Skip::Never,
        Element::Text { .. }
        | Element::Markdown { .. }
        | Element::Heading { .. }
        | Element::Caption { .. }
        | Element::Code { .. }
        | Element::Divider
        | Element::Json { .. }
        | Element::Alert { .. }
        | Element::Exception(_)
        | Element::Widget(_)
        | Element::Chart(_)
        | Element::Columns { .. }
        | Element::Container { .. }
        | Element::Expander { .. }
        | Element::Form(_)
        | Element::Empty { .. }
        | Element::Progress { .. }
        | Element::Spinner { .. }
        | Element::Status { .. }
        | Element::Image(_)
        | Element::Logo(_)
        | Element::LinkButton { .. }
        | Element::ChatMessage { .. }
        | Element::Fragment { .. }
        | Element::Tabs { .. }
        | Element::Popover { .. }
        | Element::Space { .. }
        | Element::PageLink { .. }
        | Element::Dataframe(_)
        | Element::Table(_)
        | Element::Metric(_)
        | Element::Egui { .. } => Skip::Flow,
        #[allow(unreachable_patterns)] // kinds added later start out safe
        _ => Skip::OnceMeasured,
    }
}

impl Default for Cull {
    fn default() -> Self {
        Self {
            enabled: true,
            lists: HashMap::new(),
            kind_ids: HashMap::default(),
            kinds: Vec::new(),
            gap_px: super::ELEMENT_GAP,
            estimates_version: 0,
            pinned: Vec::new(),
            pinned_next: Vec::new(),
            frame: 0,
            drawn: 0,
            drawn_next: 0,
            remeasure: false,
            pinned_chat: None,
        }
    }
}

impl Cull {
    /// Starts a frame: the pins of the last frame apply to this one.
    pub(super) fn begin_frame(&mut self) {
        self.frame += 1;
        self.pinned = std::mem::take(&mut self.pinned_next);
        self.drawn = std::mem::take(&mut self.drawn_next);
        if self.lists.len() > 4 * self.drawn + 64 {
            let frame = self.frame;
            self.lists.retain(|_, l| l.used + 1 >= frame);
        }
    }

    /// True when this frame drew a node for the first time at a height
    /// other than its estimate (the app should draw another frame).
    pub(super) fn take_remeasure(&mut self) -> bool {
        std::mem::take(&mut self.remeasure)
    }

    /// The index of the first chat input among `main`'s top-level nodes
    /// (pinned to the bottom of the window), looked for once per tree, not
    /// once per frame: a frame must not walk a long page.
    pub(super) fn pinned_chat(&mut self, main: &[Node]) -> Option<usize> {
        let source = (main.as_ptr() as usize, main.len());
        if let Some((s, found)) = self.pinned_chat
            && s == source
        {
            return found;
        }
        let found = main.iter().position(|n| {
            matches!(&n.element, Element::Widget(w) if w.kind == crate::tree::WidgetKind::ChatInput)
        });
        self.pinned_chat = Some((source, found));
        found
    }

    /// The number of `element`'s kind.
    fn kind_of(&mut self, element: &Element) -> u16 {
        let next = u16::try_from(self.kinds.len()).unwrap_or(u16::MAX);
        // Names are `&'static str` literals: one address per kind (were
        // two equal names at two addresses, they would count as two kinds,
        // which only splits an estimate).
        let name = element.kind_name().as_ptr() as usize;
        *self.kind_ids.entry(name).or_insert_with(|| {
            self.kinds.push((0.0, 0));
            next
        })
    }

    /// The height assumed for a node of kind `kind` never drawn.
    fn height(&self, kind: u16) -> f32 {
        match self.kinds.get(usize::from(kind)) {
            Some(&(sum, n)) if n > 0 => (sum / f64::from(n)) as f32,
            _ => DEFAULT_ADVANCE,
        }
    }

    /// The advance assumed for a node of kind `kind` never drawn, with a
    /// gap before it or not.
    fn estimate(&self, kind: u16, gap: bool) -> f32 {
        self.height(kind) + if gap { self.gap_px } else { 0.0 }
    }

    /// A node of kind `kind` was measured `height` high, `old` when last
    /// measured (`None`: the first time): the kind's estimate follows.
    fn learn(&mut self, kind: u16, old: Option<f32>, height: f32) {
        let before = self.height(kind);
        if let Some(e) = self.kinds.get_mut(usize::from(kind)) {
            match old {
                Some(old) => e.0 += f64::from(height - old),
                None => {
                    e.0 += f64::from(height);
                    e.1 += 1;
                }
            }
        }
        if (self.height(kind) - before).abs() > 0.5 {
            self.estimates_version += 1;
        }
    }

    /// An element gap was measured `px` high.
    fn learn_gap(&mut self, px: f32) {
        if (px - self.gap_px).abs() > 0.5 {
            self.estimates_version += 1;
        }
        self.gap_px = px;
    }
}

impl List {
    fn new() -> Self {
        Self {
            source: (0, 0),
            advance: Vec::new(),
            measured: Vec::new(),
            height: Vec::new(),
            kind: Vec::new(),
            gap: Vec::new(),
            estimates_version: 0,
            prefix: vec![0.0],
            always: Vec::new(),
            stale_prefix: true,
            used: 0,
        }
    }

    /// Adapts to `nodes` when they are not the slice of the last frame, and
    /// to estimates that moved.
    fn sync(&mut self, nodes: &[Node], cull: &mut Cull) {
        let source = (nodes.as_ptr() as usize, nodes.len());
        if self.source == source {
            if self.estimates_version != cull.estimates_version {
                self.reestimate(cull);
            }
            return;
        }
        self.source = source;
        let n = nodes.len();
        self.advance.truncate(n);
        self.measured.truncate(n);
        self.height.truncate(n);
        self.kind.clear();
        self.gap.clear();
        self.always.clear();
        let mut room_before = false;
        for (i, node) in nodes.iter().enumerate() {
            let kind = cull.kind_of(&node.element);
            self.kind.push(kind);
            let room = !super::is_invisible(&node.element);
            self.gap.push(room && room_before);
            room_before |= room;
            if i >= self.advance.len() {
                self.advance.push(0.0); // estimated below
                self.measured.push(false);
                self.height.push(0.0);
            }
            match skip_of(&node.element) {
                Skip::Flow => {}
                Skip::Never => self.always.push(i),
                Skip::OnceMeasured if !self.measured[i] => self.always.push(i),
                Skip::OnceMeasured => {}
            }
        }
        self.reestimate(cull);
    }

    /// Estimates again the nodes never drawn (their kind's mean moved).
    fn reestimate(&mut self, cull: &Cull) {
        for (i, a) in self.advance.iter_mut().enumerate() {
            if !self.measured[i] {
                *a = cull.estimate(self.kind[i], self.gap[i]);
            }
        }
        self.estimates_version = cull.estimates_version;
        self.stale_prefix = true;
    }

    fn prefix(&mut self) -> &[f32] {
        if self.stale_prefix {
            self.prefix.clear();
            self.prefix.reserve(self.advance.len() + 1);
            let mut sum = 0.0;
            self.prefix.push(sum);
            for a in &self.advance {
                sum += a;
                self.prefix.push(sum);
            }
            self.stale_prefix = false;
        }
        &self.prefix
    }
}

/// The index, in a list whose first node is `first`, of the node that is
/// or contains the node `pinned` (ids are paths: `main.5` contains
/// `main.5.2`).
fn index_in_list(first: &NodeId, pinned: &NodeId) -> Option<usize> {
    let parent = first.rfind('.').map_or("", |dot| &first[..=dot]);
    let rest = pinned.strip_prefix(parent)?;
    let index = rest.split('.').next()?;
    index.parse().ok()
}

/// Draws `nodes` top to bottom, only those in sight (see the module docs).
pub(super) fn draw_list(ui: &mut egui::Ui, nodes: &[Node], cx: &mut Cx<'_, '_>) {
    let Some(first) = nodes.first() else {
        return;
    };
    if !cx.state.cull.enabled || ui.layout().main_dir() != Direction::TopDown || ui.is_sizing_pass()
    {
        // Sizes are being measured, or the list runs sideways: draw all.
        let mut room_before = false;
        for node in nodes {
            let room = !super::is_invisible(&node.element);
            if room && room_before {
                element_gap(ui);
            }
            room_before |= room;
            draw_one(ui, node, cx);
        }
        return;
    }
    let cull = &mut cx.state.cull;
    let (key, mut list) = cull
        .lists
        .remove_entry(&first.id)
        .unwrap_or_else(|| (first.id.clone(), List::new()));
    list.sync(nodes, cull);
    list.used = cull.frame;
    cull.drawn_next += 1;

    // Which nodes to draw: those in sight (binary search on the prefix
    // sums), then those drawn anyway, in order.
    let top = ui.cursor().min.y;
    let clip = ui.clip_rect();
    let (lo, hi) = (clip.top() - MARGIN - top, clip.bottom() + MARGIN - top);
    let prefix = list.prefix();
    let n = nodes.len();
    // First node whose bottom is below `lo`, first node whose top is at or
    // below `hi`.
    let start = prefix[1..].partition_point(|&bottom| bottom <= lo).min(n);
    let end = prefix[..n].partition_point(|&top| top < hi).max(start);
    let mut extra: Vec<usize> = list
        .always
        .iter()
        .copied()
        .filter(|&i| i < start || i >= end)
        .collect();
    for pin in &cull.pinned {
        if let Some(i) = index_in_list(&first.id, pin)
            && i < n
            && (i < start || i >= end)
        {
            extra.push(i);
        }
    }
    extra.sort_unstable();
    extra.dedup();

    let spacing = ui.spacing().item_spacing.y;
    let mut next = 0; // the first node not yet drawn or skipped
    let mut changed = false;
    let mut drawn = |ui: &mut egui::Ui, i: usize, next: &mut usize, cx: &mut Cx<'_, '_>| {
        if i > *next {
            ui.add_space(list.prefix[i] - list.prefix[*next]);
        }
        let y = ui.cursor().min.y;
        if list.gap[i] {
            element_gap(ui);
            cx.state.cull.learn_gap(ui.cursor().min.y - y);
        }
        let y_node = ui.cursor().min.y;
        draw_one(ui, &nodes[i], cx);
        let advance = ui.cursor().min.y - y;
        let height = ui.cursor().min.y - y_node;
        if !list.measured[i] {
            list.measured[i] = true;
            cx.state.cull.learn(list.kind[i], None, height);
            if (advance - list.advance[i]).abs() > 1.0 {
                cx.state.cull.remeasure = true;
            }
        } else if (height - list.height[i]).abs() > 0.01 {
            cx.state
                .cull
                .learn(list.kind[i], Some(list.height[i]), height);
        }
        list.height[i] = height;
        if (advance - list.advance[i]).abs() > 0.01 {
            list.advance[i] = advance;
            changed = true;
        }
        *next = i + 1;
    };
    let before = extra.partition_point(|&i| i < start);
    for &i in &extra[..before] {
        drawn(ui, i, &mut next, cx);
    }
    for i in start..end {
        drawn(ui, i, &mut next, cx);
    }
    for &i in &extra[before..] {
        drawn(ui, i, &mut next, cx);
    }
    if next < n {
        // The tail: its space minus the spacing after its last node, which
        // egui leaves out of a Ui's size.
        let rest = list.prefix[n] - list.prefix[next];
        if rest > spacing {
            ui.add_space(rest - spacing);
        }
    }
    if changed {
        list.stale_prefix = true;
    }
    cx.state.cull.lists.insert(key, list);
}

/// The room between two elements of a column (Streamlit's rhythm).
fn element_gap(ui: &mut egui::Ui) {
    ui.add_space((super::ELEMENT_GAP - ui.spacing().item_spacing.y).max(0.0));
}

/// Draws one node and pins it for the next frame if the user is typing in
/// or dragging it.
fn draw_one(ui: &mut egui::Ui, node: &Node, cx: &mut Cx<'_, '_>) {
    super::draw_node(ui, node, cx);
    if let Element::Widget(w) = &node.element
        && cx.state.edits.get(&w.id).is_some_and(|e| e.active)
    {
        cx.state.cull.pinned_next.push(node.id.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> NodeId {
        NodeId::new(s)
    }

    #[test]
    fn a_pinned_node_is_found_in_each_list_that_contains_it() {
        assert_eq!(index_in_list(&id("main.0"), &id("main.5.2")), Some(5));
        assert_eq!(index_in_list(&id("main.5.0"), &id("main.5.2")), Some(2));
        assert_eq!(index_in_list(&id("main.0"), &id("sidebar.3")), None);
        assert_eq!(index_in_list(&id("main.7.0"), &id("main.5.2")), None);
    }
}
