//! Buffers a run hands to the next run of the same session.
//!
//! A page of 10,000 elements needs a widget registry and a root node list
//! of 10,000 entries in every run. Allocating them afresh each run makes
//! glibc's allocator consolidate every small block the previous run freed
//! (a large request does that first, and freeing one does it too), touching
//! megabytes of cold memory: measured with `valgrind --tool=callgrind
//! --cache-sim=yes`, a third of a large page's cache misses per rerun. So
//! the buffers of a finished run are kept (emptied) and the next run takes
//! them: a steady page makes no large allocation at all.
//!
//! The registry comes back once the run after it is published
//! (`Session::release_retired`); the root's node list becomes the tree's
//! (`children`), so it comes back when the previous tree is dropped and
//! nobody else holds it ([`Spare::give_tree`]: at the end of a run, or from
//! the runner once the window has let go of the tree it replaced). A large
//! list comes back with its nodes, which the next run writes over one by
//! one (`children`): between two runs of a large page, the tree before last
//! is kept until the next run has replaced it. A large registry's widgets
//! are dropped the same way, one per widget the next run registers
//! (`Widgets::push`), and its list comes back empty at the end of that run
//! ([`Spare::give_list`]).
//!
//! The spares belong to the session, not to the thread: sessions of
//! different sizes on one thread (tests, `AppTest`) would otherwise hand a
//! large page's buffers to a small one and make the large one regrow.

use std::sync::Arc;

use super::run::{WidgetMeta, Widgets};
use crate::tree::{Node, Tree};

/// Lists shorter than this are dropped and allocated afresh: cheap.
const SMALL: usize = 64;

/// A session's spare buffers (see the module).
#[derive(Default)]
pub(crate) struct Spare {
    /// Empty buffers for the next run's registry.
    registry: Widgets,
    /// The widgets of a large retired registry, for the next run to drop.
    retired: Vec<WidgetMeta>,
    nodes: Vec<Node>,
}

impl Spare {
    /// An empty registry with room for `n` widgets, which drops a retired
    /// registry's widgets as its own come (see the module).
    pub(crate) fn registry(&mut self, n: usize) -> Widgets {
        let mut w = std::mem::take(&mut self.registry);
        w.order.reserve(n);
        w.index.reserve(n, &w.order);
        w.retired = std::mem::take(&mut self.retired).into();
        w
    }

    /// Keeps a retired registry's buffers for the next run: a large one's
    /// widgets too, to be dropped by that run.
    pub(crate) fn give_registry(&mut self, mut w: Widgets) {
        w.index.clear();
        if w.index.capacity() > self.registry.index.capacity() {
            self.registry.index = std::mem::take(&mut w.index);
        }
        let order = std::mem::take(&mut w.order);
        if order.len() >= SMALL {
            // Replaces (drops) a list no run took: never two are kept.
            self.retired = order;
        } else {
            self.give_list(order);
        }
        self.give_list(std::mem::take(&mut w.retired).into());
    }

    /// Keeps a registry list's buffer (emptied here) if it is the largest.
    pub(crate) fn give_list(&mut self, mut list: Vec<WidgetMeta>) {
        if list.capacity() <= self.registry.order.capacity() {
            return;
        }
        list.clear();
        self.registry.order = list;
    }

    /// A node list with room for `n` nodes for a root (see `children`):
    /// an old tree's, its nodes still in it, or an empty one.
    pub(crate) fn nodes(&mut self, n: usize) -> Vec<Node> {
        let mut v = std::mem::take(&mut self.nodes);
        v.reserve(n.saturating_sub(v.len()));
        v
    }

    /// Drops `tree`, unless this was its last holder and its main list is
    /// large: that list is kept, nodes and all, for the next run's root to
    /// write over (see the module).
    pub(crate) fn give_tree(&mut self, tree: Arc<Tree>) {
        let Some(tree) = Arc::into_inner(tree) else {
            return;
        };
        let main = tree.main;
        if main.capacity() < SMALL || main.capacity() <= self.nodes.capacity() {
            return; // small lists are cheap to allocate; keep the big one
        }
        // The old spare goes first, so two old trees are never kept.
        drop(std::mem::take(&mut self.nodes));
        self.nodes = main;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{Element, NodeId};

    #[test]
    fn a_registry_comes_back_emptied() {
        let mut spare = Spare::default();
        let mut w = spare.registry(10);
        assert!(w.order.capacity() >= 10);
        w.order.reserve(100);
        spare.give_registry(w);
        let w = spare.registry(0);
        assert!(w.order.is_empty() && w.order.capacity() >= 100);
        assert!(w.index.capacity() >= 10);
        assert!(
            w.retired.is_empty(),
            "a small registry's widgets are dropped"
        );
    }

    fn meta(i: usize, held: &std::sync::Arc<()>) -> WidgetMeta {
        let held = held.clone();
        WidgetMeta {
            id: crate::tree::WidgetId::new(format!("w{i}")),
            keyed: false,
            disabled: false,
            trigger: false,
            on_change: None,
            form: None,
            convert: std::sync::Arc::new(move |_| {
                let _ = &held;
                Box::new(crate::state::Ser(0_i64))
            }),
            eq: crate::session::run::eq_any::<i64>,
        }
    }

    #[test]
    fn a_large_registrys_widgets_go_one_per_widget_of_the_next_run() {
        let held = std::sync::Arc::new(());
        let mut spare = Spare::default();
        let mut old = Widgets::default();
        for i in 0..SMALL {
            old.push(meta(i, &held));
        }
        spare.give_registry(old);
        assert_eq!(std::sync::Arc::strong_count(&held), SMALL + 1, "kept");
        let mut next = spare.registry(SMALL);
        next.push(meta(0, &held));
        next.push(meta(1, &held));
        // Two old ones dropped, two new ones held.
        assert_eq!(std::sync::Arc::strong_count(&held), SMALL + 1);
        assert_eq!(next.retired.len(), SMALL - 2);
        assert_eq!(next.len(), 2);
        assert!(next.get("w1").is_some(), "the new widgets are found");
        let copy = next.clone();
        assert!(
            copy.retired.is_empty(),
            "a copy leaves the old widgets behind"
        );
        drop(copy);
        let consumed = std::mem::take(&mut next.retired);
        spare.give_list(consumed.into());
        assert_eq!(std::sync::Arc::strong_count(&held), 3, "the rest dropped");
        assert!(
            spare.registry(0).order.capacity() >= SMALL,
            "its list came back"
        );
    }

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
            assert!(
                std::ptr::eq(a.as_str(), b.as_str()),
                "{a} shared, not copied"
            );
        }
        assert_eq!(ids(&second).len(), 2);
        let paths: Vec<&str> = second.walk().map(|n| n.id.as_str()).collect();
        assert_eq!(paths, ["main.0", "main.1", "main.2"]);
    }

    #[test]
    fn sessions_keep_their_own_spares() {
        use crate::prelude::*;
        use crate::session::{Page, Session, SessionOptions};
        let page = |k: usize| {
            Page::new("main", move |st: &mut St| {
                for i in 0..k {
                    st.add(Slider::new(format!("s{i}"), 0..=1_i64).key(format!("s{i}")));
                }
            })
        };
        let mut big = Session::new(vec![page(200)], SessionOptions::default());
        let mut small = Session::new(vec![page(2)], SessionOptions::default());
        for _ in 0..3 {
            big.handle(Vec::new());
            small.handle(Vec::new());
        }
        // What the runner does once a run is published.
        big.release_retired();
        small.release_retired();
        assert!(big.spare.registry.order.capacity() >= 200);
        assert!(big.spare.nodes.capacity() >= 200);
        assert!(
            small.spare.registry.order.capacity() < 200,
            "not the big page's"
        );
        assert_eq!(small.tree().main.len(), 2);
        assert_eq!(big.tree().main.len(), 200);
    }

    #[test]
    fn a_tree_the_window_still_holds_is_kept_until_it_lets_go() {
        use crate::prelude::*;
        use crate::session::{Page, Session, SessionOptions};
        let page = Page::new("main", |st: &mut St| {
            for i in 0..100 {
                st.text(format!("row {i}"));
            }
        });
        let mut s = Session::new(vec![page], SessionOptions::default());
        // What the runner does: publish each tree, and give the one it
        // replaced back while the window may still be drawing it.
        let window = s.handle(Vec::new()).tree; // the window draws run 1's tree
        let second = s.handle(Vec::new()).tree;
        s.recycle_tree(second); // still the session's: nothing to recycle
        assert!(s.retired_tree.is_none());
        s.recycle_tree(window.clone());
        s.release_retired();
        assert!(s.retired_tree.is_some(), "kept: the window still holds it");
        assert!(!s.retired_is_large(), "no reason to wait for it");
        drop(window); // the window's next frame shows a newer tree
        s.release_retired(); // as `handle` does first
        assert!(s.retired_tree.is_none());
        assert_eq!(s.spare.nodes.len(), 100, "its list, nodes and all");
        s.handle(Vec::new()); // the next run writes over that list
        assert_eq!(s.tree().main.len(), 100);
        let ids: Vec<&str> = s.tree().main.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids[99], "main.99");
    }

    #[test]
    fn a_dropped_tree_nobody_holds_lends_its_list_to_the_next_run() {
        let t = tree(100);
        let held = t.clone();
        let mut spare = Spare::default();
        spare.give_tree(t);
        assert_eq!(held.main.len(), 100, "a tree still held is left alone");
        spare.give_tree(held);
        let list = spare.nodes(10);
        assert_eq!(
            list.len(),
            100,
            "with its nodes, for the next run to write over"
        );
        assert!(list.capacity() >= 100, "the dropped tree's list came back");
        assert!(spare.nodes(10).capacity() < 100, "lent once");
    }
}
