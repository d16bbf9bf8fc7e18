//! A block's children while a run builds them: the tree's own node list.
//!
//! Elements are written straight into the `Vec<Node>` that becomes the
//! tree's list; a child block holds a placeholder node that assembly replaces
//! with the block's element. The root lists also get their paths as they are
//! written (`main.0`, `main.1`, ...). So assembling a large page moves no
//! element and makes no list: it fills in the few child blocks. (Elements
//! were staged in a list of their own and moved into a new one at the end:
//! two passes over megabytes on a page of 10,000 elements, issue 17.)
//!
//! A root's list is the one the tree before last had, its nodes still in it
//! ([`Children::root`]): each element written replaces the old node at its
//! position, dropping it there. The old node's strings are freed just
//! before the page allocates the next ones, which then reuse those blocks
//! while they are still in the cache, and the old node's memory is read
//! and written over in one pass. Dropping the old tree all at once (as
//! before) freed every block of a large page cold, then the next run
//! allocated them cold again: a large page's run touched its memory twice
//! more than a small one's (issue 17).

use crate::tree::{Element, Node, NodeId};

/// One child, as [`Children::iter`] shows it.
pub(crate) enum ChildRef<'a> {
    Leaf(&'a Element),
    Block(usize),
}

/// A block's children, in order.
#[derive(Debug, Default)]
pub(crate) struct Children {
    /// Every child (`..written`); a child block's entry is a placeholder.
    /// Past `written`: nodes of an old tree, not yet written over.
    nodes: Vec<Node>,
    /// How many children this run wrote.
    written: usize,
    /// `(position in nodes, block index)` of each child block, ascending.
    pub(super) blocks: Vec<(usize, usize)>,
    /// The root's name (`main`, `sidebar`) when the nodes get their paths as
    /// they are written: a root's path never changes.
    pub(super) eager: Option<&'static str>,
}

impl Children {
    /// A root's children: paths given as they are written, in `old`, a
    /// list whose nodes this run's elements write over (see the module).
    pub(super) fn root(name: &'static str, old: Vec<Node>) -> Self {
        Self {
            nodes: old,
            written: 0,
            blocks: Vec::new(),
            eager: Some(name),
        }
    }

    /// A block's children, with room for `n`.
    pub(super) fn with_capacity(n: usize) -> Self {
        Self {
            nodes: Vec::with_capacity(n),
            ..Self::default()
        }
    }

    fn write(&mut self, node: Node) {
        match self.nodes.get_mut(self.written) {
            // Drops the old node here (see the module).
            Some(old) => *old = node,
            None => self.nodes.push(node),
        }
        self.written += 1;
    }

    pub(crate) fn push_leaf(&mut self, element: Element) {
        let id = match self.eager {
            Some(root) => NodeId::child(root, self.written),
            None => NodeId::default(),
        };
        self.write(Node { id, element });
    }

    pub(crate) fn push_block(&mut self, block: usize) {
        self.blocks.push((self.written, block));
        self.write(Node {
            id: NodeId::default(),
            element: Element::Divider,
        });
    }

    /// `st.empty()` writes again: its children are replaced.
    pub(crate) fn clear(&mut self) {
        self.nodes.clear();
        self.written = 0;
        self.blocks.clear();
    }

    /// How many children were written.
    pub(crate) fn len(&self) -> usize {
        self.written
    }

    /// The nodes written, their child blocks, and the root whose paths they
    /// have; old nodes not written over are dropped here.
    pub(super) fn into_parts(mut self) -> (Vec<Node>, Vec<(usize, usize)>, Option<&'static str>) {
        self.nodes.truncate(self.written);
        (self.nodes, self.blocks, self.eager)
    }

    /// The children in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = ChildRef<'_>> {
        let mut blocks = self.blocks.iter().peekable();
        self.nodes[..self.written]
            .iter()
            .enumerate()
            .map(move |(i, node)| match blocks.next_if(|(at, _)| *at == i) {
                Some(&(_, b)) => ChildRef::Block(b),
                None => ChildRef::Leaf(&node.element),
            })
    }
}

/// A copy of what was written (a partial tree of a run in progress), not
/// of the old nodes behind it.
impl Clone for Children {
    fn clone(&self) -> Self {
        Self {
            nodes: self.nodes[..self.written].to_vec(),
            written: self.written,
            blocks: self.blocks.clone(),
            eager: self.eager,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Element {
        Element::Text { body: s.to_owned() }
    }

    /// What `iter` shows: texts, and blocks by index.
    fn seen(c: &Children) -> Vec<String> {
        c.iter()
            .map(|r| match r {
                ChildRef::Leaf(Element::Text { body }) => body.clone(),
                ChildRef::Leaf(_) => "?".to_owned(),
                ChildRef::Block(b) => format!("block {b}"),
            })
            .collect()
    }

    #[test]
    fn iter_tells_leaves_from_blocks_in_order() {
        let mut c = Children::default();
        c.push_leaf(text("a"));
        c.push_block(3);
        c.push_leaf(text("b"));
        c.push_block(5);
        let seen = seen(&c);
        assert_eq!(seen, ["a", "block 3", "b", "block 5"]);
        c.clear();
        assert!(c.len() == 0 && c.blocks.is_empty());
        assert_eq!(c.iter().count(), 0);
    }

    #[test]
    fn a_root_names_its_nodes_as_they_come() {
        let mut c = Children::root("main", Vec::with_capacity(4));
        c.push_leaf(text("a"));
        c.push_block(2);
        c.push_leaf(text("b"));
        assert_eq!(c.nodes[0].id, "main.0");
        assert_eq!(c.nodes[2].id, "main.2");
    }

    #[test]
    fn a_root_writes_over_an_old_list_and_drops_what_is_left() {
        use crate::tree::EguiFn;
        use std::sync::Arc;
        // Old nodes holding a closure each: its count says when they drop.
        let held: Arc<dyn Fn(&mut egui::Ui) + Send + Sync> = Arc::new(|_: &mut egui::Ui| {});
        let old: Vec<Node> = (0..3)
            .map(|i| Node {
                id: NodeId::child("main", i),
                element: Element::Egui {
                    draw: Some(EguiFn(held.clone())),
                },
            })
            .collect();
        let mut c = Children::root("main", old);
        assert_eq!(Arc::strong_count(&held), 4);
        c.push_leaf(text("a"));
        assert_eq!(
            Arc::strong_count(&held),
            3,
            "dropped where it was written over"
        );
        c.push_block(7);
        assert_eq!(Arc::strong_count(&held), 2);
        assert_eq!(c.len(), 2);
        let seen = seen(&c);
        assert_eq!(seen, ["a", "block 7"], "the old node \"z\" is not a child");
        let copy = c.clone();
        assert_eq!(copy.nodes.len(), 2, "a copy leaves the old nodes behind");
        assert_eq!(Arc::strong_count(&held), 2);
        let (nodes, blocks, eager) = c.into_parts();
        assert_eq!(Arc::strong_count(&held), 1, "the rest dropped at the end");
        assert_eq!(nodes.len(), 2);
        assert_eq!(blocks, [(1, 7)]);
        assert_eq!(eager, Some("main"));
        assert!(matches!(&nodes[0].element, Element::Text { body } if body == "a"));
    }
}
