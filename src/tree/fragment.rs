//! Fragments in the tree: which fragment a widget belongs to, and the
//! replacement of one container's children by a fragment run (FR-3).

use super::{Element, FragmentId, Node, NodeId, Tree, WidgetId};

/// Fragments in the tree: which fragment a widget belongs to, and the
/// replacement of one container's children by a fragment run (FR-3).
impl Tree {
    /// The innermost fragment (or dialog) a widget is drawn in, if any.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// let mut at = brook::testing::AppTest::new(|st: &mut St| {
    ///     st.button("Outside");
    ///     st.fragment(|st| st.button("Inside"));
    /// });
    /// at.run();
    /// let tree = at.tree();
    /// assert!(tree.fragment_of(&at.widget("Outside").id).is_none());
    /// assert_eq!(tree.fragment_of(&at.widget("Inside").id), Some(&at.fragments()[0].id));
    /// ```
    pub fn fragment_of(&self, widget: &WidgetId) -> Option<&FragmentId> {
        fn search<'t>(
            nodes: &'t [Node],
            widget: &WidgetId,
            inside: Option<&'t FragmentId>,
        ) -> Option<Option<&'t FragmentId>> {
            for node in nodes {
                let found = match &node.element {
                    Element::Widget(w) if &w.id == widget => Some(inside),
                    Element::Fragment { fragment, children } => {
                        search(children, widget, Some(fragment))
                    }
                    Element::Dialog(d) if d.open => search(&d.children, widget, Some(&d.fragment)),
                    Element::Columns { columns, .. } => columns
                        .iter()
                        .find_map(|c| search(&c.children, widget, inside)),
                    other => search(other.children(), widget, inside),
                };
                if found.is_some() {
                    return found;
                }
            }
            None
        }
        search(&self.main, widget, None)
            .or_else(|| search(&self.sidebar, widget, None))
            .flatten()
    }

    /// The children listed under `path`: a root (`main`, `sidebar`), a
    /// container node's id (`main.2`), or a column (`main.3.1`: node 3 is a
    /// row of columns, 1 the column). `None` when the tree has no such place.
    pub(crate) fn children_at_mut(&mut self, path: &str) -> Option<&mut Vec<Node>> {
        let mut parts = path.split('.');
        let mut list = match parts.next()? {
            "main" => &mut self.main,
            "sidebar" => &mut self.sidebar,
            _ => return None,
        };
        let mut parts = parts.peekable();
        while let Some(part) = parts.next() {
            let node = list.get_mut(part.parse::<usize>().ok()?)?;
            list = match &mut node.element {
                Element::Columns { columns, .. } => {
                    let column = parts.next()?.parse::<usize>().ok()?;
                    &mut columns.get_mut(column)?.children
                }
                Element::Container { children, .. }
                | Element::Expander { children, .. }
                | Element::Tabs { children, .. }
                | Element::Popover { children, .. }
                | Element::Empty { children }
                | Element::Status { children, .. }
                | Element::ChatMessage { children, .. }
                | Element::Fragment { children, .. } => children,
                Element::Dialog(d) => &mut d.children,
                Element::Form(f) => &mut f.children,
                _ => return None,
            };
        }
        Some(list)
    }

    /// The node at `path` (a node id such as `main.2.0`).
    pub(crate) fn node_at_mut(&mut self, path: &str) -> Option<&mut Node> {
        let (parent, index) = path.rsplit_once('.')?;
        let index = index.parse::<usize>().ok()?;
        // A column's children sit under `<row>.<column>`: the parent of a
        // node inside a column is that column, which `children_at_mut` finds.
        self.children_at_mut(parent)?.get_mut(index)
    }
}

impl NodeId {
    /// True when this node is inside the container `container` (at any
    /// depth; a container is not inside itself).
    ///
    /// ```
    /// use brook::tree::NodeId;
    /// let id = |s: &str| NodeId::new(s);
    /// assert!(id("main.2.0.1").is_inside(&id("main.2")));
    /// assert!(!id("main.2").is_inside(&id("main.2")));
    /// assert!(!id("main.20").is_inside(&id("main.2")));
    /// ```
    pub fn is_inside(&self, container: &NodeId) -> bool {
        self.as_str()
            .strip_prefix(container.as_str())
            .is_some_and(|rest| rest.starts_with('.'))
    }
}
