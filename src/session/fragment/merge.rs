//! Putting a fragment run's output into the retained tree and registries.

use std::collections::{HashMap, HashSet};

use super::Scope;
use crate::session::run::{Builder, Widgets};
use crate::st::OutsideWrites;
use crate::tree::{Element, FragmentId, Node, NodeId, Tree, WidgetId};

/// The widget registry after a fragment run: the fragment's old widgets
/// out, its new ones in their place (callbacks run in tree order, EX-4).
pub(super) fn splice_widgets(mut old: Widgets, gone: &HashSet<WidgetId>, new: Widgets) -> Widgets {
    let at = old.order.iter().position(|w| gone.contains(&w.id));
    let mut out = Widgets::default();
    let mut new = Some(new);
    // `take`: a registry hands its buffers to the next run when dropped.
    for (i, meta) in std::mem::take(&mut old.order).into_iter().enumerate() {
        if Some(i) == at
            && let Some(mut new) = new.take()
        {
            for m in std::mem::take(&mut new.order) {
                out.push(m);
            }
        }
        if !gone.contains(&meta.id) {
            out.push(meta);
        }
    }
    if let Some(mut new) = new {
        for m in std::mem::take(&mut new.order) {
            out.push(m);
        }
    }
    out
}

/// How a fragment run's output lands in the tree.
pub(super) enum Landing<'m> {
    /// The run's end: the output replaces what the fragment wrote before
    /// (nodes not re-emitted are deleted, EX-13).
    Replace,
    /// A partial tree of the run in progress: the output goes in front of
    /// what the fragment wrote before, which stays, stale, until the run
    /// ends (EX-13). Nothing is deleted.
    Overlay(&'m mut Marks),
}

/// What an overlay notes for the window: the nodes the run wrote, and the
/// containers whose other children are stale (the rest of the page is not).
#[derive(Debug, Default)]
pub(super) struct Marks {
    pub(super) fresh: HashSet<NodeId>,
    pub(super) within: Vec<NodeId>,
}

impl Landing<'_> {
    /// Puts `nodes` as the children of the container at `path`.
    fn children(&mut self, tree: &mut Tree, path: &str, nodes: Vec<Node>) {
        let Some(children) = tree.children_at_mut(path) else {
            return;
        };
        match self {
            Self::Replace => *children = nodes,
            Self::Overlay(marks) => {
                crate::session::live::mark_fresh(&nodes, &mut marks.fresh);
                let old = std::mem::take(children);
                *children = crate::session::live::overlay_nodes(nodes, &old);
                marks.within.push(NodeId::from(path));
            }
        }
    }

    /// Adds `node` (a new wrapper) at the end of `children`.
    fn append(&mut self, children: &mut Vec<Node>, node: Node) {
        if let Self::Overlay(marks) = self {
            crate::session::live::mark_fresh(std::slice::from_ref(&node), &mut marks.fresh);
        }
        children.push(node);
    }
}

/// Puts a fragment run's output into the tree: the body replaces the
/// children of the fragment's container at `node`; writes into outside
/// containers replace its wrappers there (1.67 rule) or are appended to
/// them (brook's rule, FR-3). `before` gives what each fragment wrote
/// outside before the run. Returns each slot's wrappers (container path,
/// wrapper path).
pub(super) fn merge<'r>(
    tree: &mut Tree,
    builder: &mut Builder,
    frag: &Scope,
    node: &str,
    before: impl Fn(&FragmentId) -> Option<&'r [(String, String)]>,
    mut landing: Landing<'_>,
) -> HashMap<u32, Vec<(String, String)>> {
    let body = frag.called[0].body;
    let nodes = builder.take_nodes(body, node);
    landing.children(tree, node, nodes);
    let inside = format!("{node}.");
    let mut out: HashMap<u32, Vec<(String, String)>> = HashMap::new();
    let mut written: HashSet<String> = HashSet::new();
    let mut writes: Vec<(u32, usize, usize)> = frag
        .wrappers
        .iter()
        .map(|(&(slot, container), &wrapper)| (slot, container, wrapper))
        .collect();
    writes.sort_unstable();
    for (slot, container, wrapper) in writes {
        let called = &frag.called[slot as usize];
        let Some(cpath) = frag.stand_ins.get(&container).cloned() else {
            // Inside this run's output: assembled with it.
            let paths = &builder.paths;
            if let (Some(Some(c)), Some(Some(w))) = (paths.get(container), paths.get(wrapper)) {
                out.entry(slot).or_default().push((c.clone(), w.clone()));
            }
            continue;
        };
        let previous = before(&called.id)
            .and_then(|w| w.iter().find(|(c, _)| *c == cpath))
            .map(|(_, w)| w.clone());
        let fragment = called.id.clone();
        let placed = match (called.mode, previous) {
            (OutsideWrites::ReplaceInPlace, Some(wpath)) => {
                let nodes = builder.take_nodes(wrapper, &wpath);
                landing.children(tree, &wpath, nodes);
                Some(wpath)
            }
            (OutsideWrites::Accumulate, Some(wpath)) => {
                if let Some(children) = tree.children_at_mut(&wpath) {
                    let id = format!("{wpath}.{}", children.len());
                    let nodes = builder.take_nodes(wrapper, &id);
                    landing.append(children, wrapper_node(id, fragment, nodes));
                }
                Some(wpath)
            }
            (_, None) => tree.children_at_mut(&cpath).map(|children| {
                let id = format!("{cpath}.{}", children.len());
                let nodes = builder.take_nodes(wrapper, &id);
                landing.append(children, wrapper_node(id.clone(), fragment, nodes));
                id
            }),
        };
        if let Some(wpath) = placed {
            written.insert(wpath.clone());
            out.entry(slot).or_default().push((cpath, wpath));
        }
    }
    // What the fragments that ran wrote outside the rerun container before
    // and did not write this time: kept where it accumulates, emptied where
    // it is replaced in place (nodes not re-emitted are deleted, EX-13) —
    // stale until then while the run is in progress.
    for (slot, called) in frag.called.iter().enumerate() {
        let Some(previous) = before(&called.id) else {
            continue;
        };
        let slot = u32::try_from(slot).unwrap_or(u32::MAX);
        for (cpath, wpath) in previous {
            if wpath.starts_with(&inside) || written.contains(wpath) {
                continue;
            }
            if called.mode == OutsideWrites::ReplaceInPlace {
                match &mut landing {
                    Landing::Replace => {
                        if let Some(children) = tree.children_at_mut(wpath) {
                            children.clear();
                        }
                    }
                    Landing::Overlay(marks) => marks.within.push(NodeId::from(wpath.as_str())),
                }
            }
            out.entry(slot)
                .or_default()
                .push((cpath.clone(), wpath.clone()));
        }
    }
    out
}

fn wrapper_node(id: String, fragment: FragmentId, children: Vec<Node>) -> Node {
    Node {
        id: crate::tree::NodeId::from(id),
        element: Element::Fragment { fragment, children },
    }
}
