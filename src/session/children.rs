//! A block's children while a run builds them: the tree's own node list.
//!
//! Elements are written straight into the `Vec<Node>` that becomes the
//! tree's list; a child block holds a placeholder node that assembly replaces
//! with the block's element. The root lists also get their paths as they are
//! written (`main.0`, `main.1`, ...). So assembling a large page moves no
//! element and makes no list: it fills in the few child blocks. (Elements
//! were staged in a list of their own and moved into a new one at the end:
//! two passes over megabytes on a page of 10,000 elements, issue 17.)

use crate::tree::{Element, Node, NodeId};

/// One child, as [`Children::iter`] shows it.
pub(crate) enum ChildRef<'a> {
    Leaf(&'a Element),
    Block(usize),
}

/// A block's children, in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Children {
    /// Every child; a child block's entry is a placeholder.
    pub(super) nodes: Vec<Node>,
    /// `(position in nodes, block index)` of each child block, ascending.
    pub(super) blocks: Vec<(usize, usize)>,
    /// The root's name (`main`, `sidebar`) when the nodes get their paths as
    /// they are written: a root's path never changes.
    pub(super) eager: Option<&'static str>,
}

impl Children {
    /// A root's children: paths given as they are written, in `nodes`
    /// (emptied here; its room is kept).
    pub(super) fn root(name: &'static str, mut nodes: Vec<Node>) -> Self {
        nodes.clear();
        Self {
            nodes,
            blocks: Vec::new(),
            eager: Some(name),
        }
    }

    pub(crate) fn push_leaf(&mut self, element: Element) {
        let id = match self.eager {
            Some(root) => NodeId::child(root, self.nodes.len()),
            None => NodeId::default(),
        };
        self.nodes.push(Node { id, element });
    }

    pub(crate) fn push_block(&mut self, block: usize) {
        self.blocks.push((self.nodes.len(), block));
        self.nodes.push(Node {
            id: NodeId::default(),
            element: Element::Divider,
        });
    }

    /// `st.empty()` writes again: its children are replaced.
    pub(crate) fn clear(&mut self) {
        self.nodes.clear();
        self.blocks.clear();
    }

    /// The children in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = ChildRef<'_>> {
        let mut blocks = self.blocks.iter().peekable();
        self.nodes.iter().enumerate().map(move |(i, node)| {
            match blocks.next_if(|(at, _)| *at == i) {
                Some(&(_, b)) => ChildRef::Block(b),
                None => ChildRef::Leaf(&node.element),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Element {
        Element::Text { body: s.to_owned() }
    }

    #[test]
    fn iter_tells_leaves_from_blocks_in_order() {
        let mut c = Children::default();
        c.push_leaf(text("a"));
        c.push_block(3);
        c.push_leaf(text("b"));
        c.push_block(5);
        let seen: Vec<String> = c
            .iter()
            .map(|r| match r {
                ChildRef::Leaf(Element::Text { body }) => body.clone(),
                ChildRef::Leaf(_) => "?".to_owned(),
                ChildRef::Block(b) => format!("block {b}"),
            })
            .collect();
        assert_eq!(seen, ["a", "block 3", "b", "block 5"]);
        c.clear();
        assert!(c.nodes.is_empty() && c.blocks.is_empty());
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
}
