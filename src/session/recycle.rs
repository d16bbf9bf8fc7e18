//! Buffers a run hands to the next run on the same thread.
//!
//! A page of 10,000 elements needs a widget registry and a root child list
//! of 10,000 entries in every run. Allocating them afresh each run makes
//! glibc's allocator consolidate every small block the previous run freed
//! (a large request does that first), touching megabytes of cold memory:
//! measured with `valgrind --tool=callgrind --cache-sim=yes`, a third of a
//! large page's cache misses per rerun. So the buffers of a finished run are
//! kept (emptied) and the next run takes them: a steady page makes no large
//! allocation at all. One buffer of each kind per thread, the largest seen.
//!
//! The root's node list becomes the tree's (`children`), so it comes back
//! when the previous tree is dropped: [`give_tree`] empties a tree nobody
//! else holds and keeps its list. (Freeing a list of megabytes also made
//! glibc consolidate, as allocating one does.)

use std::cell::RefCell;

use std::sync::Arc;

use super::run::{IdIndex, WidgetMeta};
use crate::tree::{Node, Tree};

#[derive(Default)]
struct Pool {
    order: Vec<WidgetMeta>,
    index: IdIndex,
    nodes: Vec<Node>,
}

thread_local! {
    static POOL: RefCell<Pool> = RefCell::new(Pool::default());
}

/// An empty registry order list and index with room for `n` widgets.
pub(crate) fn registry(n: usize) -> (Vec<WidgetMeta>, IdIndex) {
    let (mut order, mut index) = POOL
        .try_with(|p| {
            let mut p = p.borrow_mut();
            (std::mem::take(&mut p.order), std::mem::take(&mut p.index))
        })
        .unwrap_or_default();
    order.reserve(n);
    index.reserve(n, &order);
    (order, index)
}

/// Keeps a registry's buffers (emptied here) for the next run.
pub(crate) fn give_registry(mut order: Vec<WidgetMeta>, mut index: IdIndex) {
    if order.capacity() == 0 && index.capacity() == 0 {
        return;
    }
    order.clear();
    index.clear();
    let _ = POOL.try_with(|p| {
        let mut p = p.borrow_mut();
        if order.capacity() > p.order.capacity() {
            p.order = order;
        }
        if index.capacity() > p.index.capacity() {
            p.index = index;
        }
    });
}

/// An empty node list with room for `n` nodes (a root's: see `children`).
pub(crate) fn nodes(n: usize) -> Vec<Node> {
    let mut v = POOL
        .try_with(|p| std::mem::take(&mut p.borrow_mut().nodes))
        .unwrap_or_default();
    v.reserve(n);
    v
}

/// Drops `tree`; if this was its last holder, keeps its main list (emptied)
/// for the next run's root.
pub(crate) fn give_tree(tree: Arc<Tree>) {
    let Some(tree) = Arc::into_inner(tree) else {
        return;
    };
    let mut main = tree.main;
    if main.capacity() < 64 {
        return; // small lists are cheap to allocate; keep the big one
    }
    main.clear();
    let _ = POOL.try_with(|p| {
        let mut p = p.borrow_mut();
        if main.capacity() > p.nodes.capacity() {
            p.nodes = main;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{Element, NodeId};

    fn tree(n: usize) -> Arc<Tree> {
        let main = (0..n)
            .map(|i| Node {
                id: NodeId::child("main", i),
                element: Element::Text {
                    body: format!("row {i}"),
                },
            })
            .collect();
        Arc::new(Tree {
            main,
            ..Tree::default()
        })
    }

    #[test]
    fn a_widget_id_is_one_block_across_runs_and_paths_none() {
        use crate::prelude::*;
        use crate::session::{Page, Session, SessionOptions};
        let page = Page::new("main", |st: &mut St| {
            st.text("a");
            st.add(Slider::new("x", 0..=10_i64).key("x"));
            st.add(Slider::new("y", 0..=10_i64));
        });
        let mut s = Session::new(vec![page], SessionOptions::default());
        let first = s.handle(Vec::new()).tree;
        let second = s.handle(Vec::new()).tree;
        let ids = |t: &Tree| t.widgets().map(|w| w.id.clone()).collect::<Vec<_>>();
        for (a, b) in ids(&first).iter().zip(ids(&second).iter()) {
            assert_eq!(a, b);
            assert!(std::ptr::eq(a.as_str(), b.as_str()), "{a} shared, not copied");
        }
        assert_eq!(ids(&second).len(), 2);
        let paths: Vec<&str> = second.walk().map(|n| n.id.as_str()).collect();
        assert_eq!(paths, ["main.0", "main.1", "main.2"]);
    }

    #[test]
    fn a_dropped_tree_nobody_holds_lends_its_list_to_the_next_run() {
        let t = tree(100);
        let held = t.clone();
        give_tree(t);
        assert_eq!(held.main.len(), 100, "a tree still held is left alone");
        give_tree(held);
        let list = nodes(10);
        assert!(list.is_empty());
        assert!(list.capacity() >= 100, "the dropped tree's list came back");
        assert!(nodes(10).capacity() < 100, "lent once");
    }
}
