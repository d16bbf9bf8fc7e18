//! Putting a fragment run's output into the retained tree and registries.

use std::collections::{HashMap, HashSet};

use super::registry::{Entry, Registry};
use crate::session::run::{Run, Widgets};
use crate::st::OutsideWrites;
use crate::tree::{Element, FragmentId, Node, Tree, WidgetId};

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

/// Puts a fragment run's output into the tree: the body replaces the
/// fragment's container; writes into outside containers replace its
/// wrappers there (1.67 rule) or are appended to them (brook's rule, FR-3).
/// Returns each slot's wrappers (container path, wrapper path).
pub(super) fn merge(
    tree: &mut Tree,
    run: &mut Run,
    entry: &Entry,
    registry: &Registry,
) -> HashMap<u32, Vec<(String, String)>> {
    let body = run.frag.called[0].body;
    let nodes = run.builder.take_nodes(body, &entry.node);
    if let Some(children) = tree.children_at_mut(&entry.node) {
        *children = nodes;
    }
    let inside = format!("{}.", entry.node);
    let mut out: HashMap<u32, Vec<(String, String)>> = HashMap::new();
    let mut written: HashSet<String> = HashSet::new();
    let mut writes: Vec<(u32, usize, usize)> = run
        .frag
        .wrappers
        .iter()
        .map(|(&(slot, container), &wrapper)| (slot, container, wrapper))
        .collect();
    writes.sort_unstable();
    for (slot, container, wrapper) in writes {
        let called = &run.frag.called[slot as usize];
        let Some(cpath) = run.frag.stand_ins.get(&container).cloned() else {
            // Inside this run's output: assembled with it.
            let paths = &run.builder.paths;
            if let (Some(Some(c)), Some(Some(w))) = (paths.get(container), paths.get(wrapper)) {
                out.entry(slot).or_default().push((c.clone(), w.clone()));
            }
            continue;
        };
        let previous = registry
            .entries
            .get(&called.id)
            .and_then(|e| e.wrappers.iter().find(|(c, _)| *c == cpath))
            .map(|(_, w)| w.clone());
        let fragment = called.id.clone();
        let placed = match (called.mode, previous) {
            (OutsideWrites::ReplaceInPlace, Some(wpath)) => {
                let nodes = run.builder.take_nodes(wrapper, &wpath);
                if let Some(children) = tree.children_at_mut(&wpath) {
                    *children = nodes;
                }
                Some(wpath)
            }
            (OutsideWrites::Accumulate, Some(wpath)) => {
                if let Some(children) = tree.children_at_mut(&wpath) {
                    let id = format!("{wpath}.{}", children.len());
                    let nodes = run.builder.take_nodes(wrapper, &id);
                    children.push(wrapper_node(id, fragment, nodes));
                }
                Some(wpath)
            }
            (_, None) => tree.children_at_mut(&cpath).map(|children| {
                let id = format!("{cpath}.{}", children.len());
                let nodes = run.builder.take_nodes(wrapper, &id);
                children.push(wrapper_node(id.clone(), fragment, nodes));
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
    // it is replaced in place (nodes not re-emitted are deleted, EX-13).
    for (slot, called) in run.frag.called.iter().enumerate() {
        let Some(previous) = registry.entries.get(&called.id) else {
            continue;
        };
        let slot = u32::try_from(slot).unwrap_or(u32::MAX);
        for (cpath, wpath) in &previous.wrappers {
            if wpath.starts_with(&inside) || written.contains(wpath) {
                continue;
            }
            if called.mode == OutsideWrites::ReplaceInPlace
                && let Some(children) = tree.children_at_mut(wpath)
            {
                children.clear();
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
        id: crate::tree::NodeId(id),
        element: Element::Fragment { fragment, children },
    }
}
