//! One run in progress: the tree being built, the widgets registered so far,
//! and the session state it works on.

use std::any::Any;
use std::sync::Arc;

use crate::error::Error;
use crate::runtime::RunContext;
use crate::st::St;
use crate::state::{DynValue, SessionState};
use crate::tree::{
    Column, Element, Navigation, Node, NodeId, PageSettings, Tree, VerticalAlignment, WidgetId,
    WidgetValue,
};

/// A callback (`on_change`, `on_click`): runs before the page body (EX-4).
pub(crate) type Callback = Arc<dyn Fn(&mut St<'_>) -> Result<(), Error> + Send + Sync>;

/// Turns a value the UI committed into the widget's typed value.
pub(crate) type Convert = Arc<dyn Fn(&WidgetValue) -> Box<dyn DynValue> + Send + Sync>;

/// What the session remembers of a widget between runs, to interpret events.
#[derive(Clone)]
pub(crate) struct WidgetMeta {
    pub(crate) id: WidgetId,
    /// It has a user key (the end of its id): see [`Self::entry_key`].
    pub(crate) keyed: bool,
    pub(crate) disabled: bool,
    /// Buttons: a click is a one-shot `true`.
    pub(crate) trigger: bool,
    pub(crate) on_change: Option<Callback>,
    /// The key of its form: its values count only with that form's submit (FO-2).
    pub(crate) form: Option<String>,
    pub(crate) convert: Convert,
    pub(crate) eq: fn(&dyn Any, &dyn Any) -> bool,
}

impl WidgetMeta {
    /// Its session-state entry: the user key, or the id of an unkeyed
    /// widget (WS-4). A keyed id ends with its key (`$$ID-<hash>-<key>`),
    /// so no copy of the key is kept.
    pub(crate) fn entry_key(&self) -> &str {
        if self.keyed {
            self.id.get(crate::st::KEY_AT..).unwrap_or(&self.id)
        } else {
            &self.id
        }
    }
}

pub(crate) fn eq_any<T: PartialEq + 'static>(a: &dyn Any, b: &dyn Any) -> bool {
    match (a.downcast_ref::<T>(), b.downcast_ref::<T>()) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// Positions in a registry's `order`, found by id: the table holds only
/// the positions (4 bytes each), never a copy of an id, so filling it costs
/// no reference count and emptying it drops nothing (on a page of 5,000
/// widgets, a cache miss per widget each way).
#[derive(Clone, Default)]
pub(crate) struct IdIndex {
    table: hashbrown::HashTable<u32>,
    hasher: foldhash::fast::RandomState,
}

impl IdIndex {
    fn hash(&self, id: &str) -> u64 {
        std::hash::BuildHasher::hash_one(&self.hasher, id)
    }

    fn find(&self, order: &[WidgetMeta], id: &str) -> Option<usize> {
        self.table
            .find(self.hash(id), |&i| *order[i as usize].id == *id)
            .map(|&i| i as usize)
    }

    pub(crate) fn clear(&mut self) {
        self.table.clear();
    }

    pub(crate) fn capacity(&self) -> usize {
        self.table.capacity()
    }

    pub(crate) fn reserve(&mut self, n: usize, order: &[WidgetMeta]) {
        let hasher = &self.hasher;
        self.table.reserve(n, |&i| {
            std::hash::BuildHasher::hash_one(hasher, &*order[i as usize].id)
        });
    }
}

/// The widgets of one run, in registration (= tree) order.
#[derive(Default)]
pub(crate) struct Widgets {
    pub(crate) order: Vec<WidgetMeta>,
    pub(crate) index: IdIndex,
    /// The widgets of the registry before last, still to be dropped: one
    /// goes each time a widget registers, in order, so that its blocks are
    /// freed just before the next widget allocates its own (`recycle`).
    pub(crate) retired: std::collections::VecDeque<WidgetMeta>,
}

/// A copy of the run's widgets (not of the old ones it still drops).
impl Clone for Widgets {
    fn clone(&self) -> Self {
        Self {
            order: self.order.clone(),
            index: self.index.clone(),
            retired: std::collections::VecDeque::new(),
        }
    }
}

impl Widgets {
    pub(crate) fn get(&self, id: &str) -> Option<&WidgetMeta> {
        self.index.find(&self.order, id).map(|i| &self.order[i])
    }

    pub(crate) fn position(&self, id: &str) -> usize {
        self.index.find(&self.order, id).unwrap_or(usize::MAX)
    }

    pub(crate) fn contains(&self, id: &str) -> bool {
        self.index.find(&self.order, id).is_some()
    }

    pub(crate) fn len(&self) -> usize {
        self.order.len()
    }

    pub(crate) fn push(&mut self, meta: WidgetMeta) {
        let hash = self.index.hash(&meta.id);
        let at = u32::try_from(self.order.len()).unwrap_or(u32::MAX);
        self.order.push(meta);
        let order = &self.order;
        let hasher = &self.index.hasher;
        self.index.table.insert_unique(hash, at, |&i| {
            std::hash::BuildHasher::hash_one(hasher, &*order[i as usize].id)
        });
        drop(self.retired.pop_front());
    }
}

impl crate::state::Registered for Widgets {
    fn is_registered(&self, id: &WidgetId) -> bool {
        self.contains(id)
    }
}

/// Which root a block belongs to (part of an unkeyed widget's identity, WS-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Root {
    Main,
    Sidebar,
}

#[derive(Debug, Clone)]
pub(crate) enum BlockKind {
    Root,
    Columns {
        gap: f32,
        vertical_alignment: VerticalAlignment,
        border: bool,
    },
    Column {
        weight: f32,
    },
    Container {
        border: bool,
    },
    /// `st.container(height=...)`: a fixed height, scrolling inside.
    ScrollContainer {
        border: bool,
        height: f32,
    },
    Expander {
        label: String,
        expanded: bool,
        icon: Option<String>,
    },
    /// `st.tabs`: its children are one `Container` block per tab.
    Tabs {
        labels: Vec<String>,
    },
    Popover {
        label: String,
        icon: Option<String>,
    },
    Empty,
    Status {
        label: String,
        state: crate::tree::StatusState,
        expanded: bool,
    },
    /// `st.form`: see `crate::st::form`.
    Form(crate::st::FormBlock),
    /// `st.chat_message`.
    ChatMessage {
        role: String,
        avatar: crate::tree::Avatar,
    },
    /// Spliced into its parent when the tree is assembled (cache recordings).
    Transparent,
    /// A fragment's body, or its writes into an outside container (FR-3).
    Fragment(crate::tree::FragmentId),
    /// A dialog's body (`st.dialog`).
    Dialog {
        id: crate::tree::FragmentId,
        title: String,
        width: f32,
        dismissible: bool,
    },
}

pub(crate) use super::children::{ChildRef, Children};

#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub(crate) kind: BlockKind,
    pub(crate) root: Root,
    pub(crate) children: Children,
    /// The form block this block is in (itself for a form), if any (FO-2).
    pub(crate) form: Option<usize>,
    /// The fragment of this run whose elements the block holds (its slot in
    /// `Run::frag`), `None` for the page's own blocks.
    pub(crate) fragment: Option<u32>,
}

/// The tree under construction: an arena of blocks, so a page may write into
/// any container it holds a handle to, in any order (Streamlit's `with col:`).
#[derive(Debug, Clone)]
pub(crate) struct Builder {
    pub(crate) blocks: Vec<Block>,
    pub(crate) cursor: usize,
    /// Filled by assembly: where each block's children landed in the tree
    /// (`main.2`), for fragments that write into it later (FR-3).
    pub(crate) paths: Vec<Option<String>>,
    /// `st.set_page_config` (or the app's defaults).
    pub(crate) page: PageSettings,
    /// `st.navigation`: the pages offered and the one run.
    pub(crate) nav: Option<Navigation>,
}

pub(crate) const MAIN: usize = 0;
pub(crate) const SIDEBAR: usize = 1;

impl Builder {
    pub(crate) fn new() -> Self {
        let root = |root, name| Block {
            kind: BlockKind::Root,
            root,
            children: Children::root(name, Vec::new()),
            form: None,
            fragment: None,
        };
        Self {
            blocks: vec![root(Root::Main, "main"), root(Root::Sidebar, "sidebar")],
            cursor: MAIN,
            paths: Vec::new(),
            page: PageSettings::default(),
            nav: None,
        }
    }

    /// A builder whose roots have room for as many elements as the previous
    /// run's tree (`previous`), its main list in `spare`'s buffer: no
    /// regrowth of large pages' root lists.
    pub(crate) fn with_hint(
        previous: &Tree,
        page: PageSettings,
        spare: &mut super::recycle::Spare,
    ) -> Self {
        let mut b = Self::with_page(page);
        b.blocks[MAIN].children = Children::root("main", spare.nodes(previous.main.len()));
        b.blocks[SIDEBAR].children = Children::with_capacity(previous.sidebar.len());
        b
    }

    pub(crate) fn push(&mut self, element: Element) {
        self.blocks[self.cursor].children.push_leaf(element);
    }

    /// Opens a block as the last child of the cursor's block; returns its index.
    pub(crate) fn open(&mut self, kind: BlockKind) -> usize {
        let idx = self.blocks.len();
        let root = self.blocks[self.cursor].root;
        let form = match kind {
            BlockKind::Form(_) => Some(idx),
            _ => self.blocks[self.cursor].form,
        };
        let fragment = self.blocks[self.cursor].fragment;
        self.blocks.push(Block {
            kind,
            root,
            children: Children::default(),
            form,
            fragment,
        });
        self.blocks[self.cursor].children.push_block(idx);
        idx
    }

    /// A builder whose tree starts with the app's page settings.
    pub(crate) fn with_page(page: PageSettings) -> Self {
        Self {
            page,
            ..Self::new()
        }
    }

    pub(crate) fn root(&self) -> Root {
        self.blocks[self.cursor].root
    }

    /// Assembles the tree, moving the elements out (no copy of big charts).
    pub(crate) fn finish(self) -> Tree {
        self.finish_mapped().0
    }

    /// Assembles the tree, moving the elements out (no copy of big charts),
    /// and reports where each block landed in it (fragments write there
    /// later, FR-3).
    pub(crate) fn finish_mapped(mut self) -> (Tree, Vec<Option<String>>) {
        let tree = Tree {
            main: self.nodes(MAIN, "main"),
            sidebar: self.nodes(SIDEBAR, "sidebar"),
            page: std::mem::take(&mut self.page),
            nav: self.nav.take(),
        };
        (tree, self.paths)
    }

    /// Moves one block's elements out as nodes under `prefix` (a fragment
    /// run assembles only what it replaces).
    pub(crate) fn take_nodes(&mut self, block: usize, prefix: &str) -> Vec<Node> {
        self.nodes(block, prefix)
    }

    fn nodes(&mut self, block: usize, prefix: &str) -> Vec<Node> {
        if self.paths.len() <= block {
            self.paths.resize(self.blocks.len().max(block + 1), None);
        }
        self.paths[block] = Some(prefix.to_owned());
        let children = std::mem::take(&mut self.blocks[block].children);
        let spliced = children
            .blocks
            .iter()
            .any(|&(_, b)| matches!(self.blocks[b].kind, BlockKind::Transparent));
        if spliced {
            let mut out = Vec::with_capacity(children.len());
            self.collect(children, prefix, &mut out);
            return out;
        }
        // The common case: the list becomes the tree's as it is, its child
        // blocks filled in (and its paths, unless a root wrote them).
        let (mut nodes, blocks, eager) = children.into_parts();
        if eager != Some(prefix) {
            for (i, node) in nodes.iter_mut().enumerate() {
                node.id = NodeId::child(prefix, i);
            }
        }
        for (at, b) in blocks {
            let id = NodeId::child(prefix, at);
            let element = self.block_element(b, &id);
            nodes[at] = Node { id, element };
        }
        nodes
    }

    /// Appends `children` to `out`, splicing transparent blocks (cache
    /// recordings) into the list; paths follow positions in `out`.
    fn collect(&mut self, children: Children, prefix: &str, out: &mut Vec<Node>) {
        let (nodes, blocks, _) = children.into_parts();
        let mut blocks = blocks.into_iter().peekable();
        for (i, node) in nodes.into_iter().enumerate() {
            let Some((_, b)) = blocks.next_if(|&(at, _)| at == i) else {
                let id = NodeId::child(prefix, out.len());
                out.push(Node {
                    id,
                    element: node.element,
                });
                continue;
            };
            if let BlockKind::Transparent = self.blocks[b].kind {
                let inner = std::mem::take(&mut self.blocks[b].children);
                self.collect(inner, prefix, out);
                continue;
            }
            let id = NodeId::child(prefix, out.len());
            let element = self.block_element(b, &id);
            out.push(Node { id, element });
        }
    }

    fn block_element(&mut self, b: usize, id: &str) -> Element {
        let kind = self.blocks[b].kind.clone();
        match kind {
            BlockKind::Columns {
                gap,
                vertical_alignment,
                border,
            } => {
                let children = std::mem::take(&mut self.blocks[b].children);
                let columns = children
                    .blocks
                    .into_iter()
                    .map(|(i, cb)| {
                        let weight = match self.blocks[cb].kind {
                            BlockKind::Column { weight } => weight,
                            _ => 1.0,
                        };
                        Column {
                            weight,
                            children: self.nodes(cb, &NodeId::child(id, i)),
                        }
                    })
                    .collect();
                Element::Columns {
                    columns,
                    gap,
                    vertical_alignment,
                    border,
                }
            }
            BlockKind::Container { border } => Element::Container {
                border,
                height: None,
                children: self.nodes(b, id),
            },
            BlockKind::ScrollContainer { border, height } => Element::Container {
                border,
                height: Some(height),
                children: self.nodes(b, id),
            },
            BlockKind::Expander {
                label,
                expanded,
                icon,
            } => Element::Expander {
                label,
                expanded,
                icon,
                children: self.nodes(b, id),
            },
            BlockKind::Tabs { labels } => Element::Tabs {
                labels,
                children: self.nodes(b, id),
            },
            BlockKind::Popover { label, icon } => Element::Popover {
                label,
                icon,
                children: self.nodes(b, id),
            },
            BlockKind::ChatMessage { role, avatar } => Element::ChatMessage {
                role,
                avatar,
                children: self.nodes(b, id),
            },
            BlockKind::Empty => Element::Empty {
                children: self.nodes(b, id),
            },
            BlockKind::Status {
                label,
                state,
                expanded,
            } => Element::Status {
                label,
                state,
                expanded,
                children: self.nodes(b, id),
            },
            BlockKind::Form(form) => Element::Form(form.into_element(self.nodes(b, id))),
            BlockKind::Fragment(fragment) => Element::Fragment {
                fragment,
                children: self.nodes(b, id),
            },
            BlockKind::Dialog {
                id: fragment,
                title,
                width,
                dismissible,
            } => Element::Dialog(crate::tree::DialogNode {
                fragment,
                title,
                width,
                dismissible,
                open: true,
                children: self.nodes(b, id),
            }),
            BlockKind::Column { .. } | BlockKind::Root | BlockKind::Transparent => {
                Element::Container {
                    border: false,
                    height: None,
                    children: self.nodes(b, id),
                }
            }
        }
    }
}

/// A recording of elements drawn inside a cached function (CA-16).
#[derive(Debug, Clone)]
pub(crate) struct RecordingScope {
    pub(crate) block: usize,
    pub(crate) first_new_block: usize,
    pub(crate) wrote_outside: bool,
}

/// A run in progress.
pub(crate) struct Run {
    pub(crate) state: SessionState,
    pub(crate) builder: Builder,
    pub(crate) widgets: Widgets,
    pub(crate) ctx: RunContext,
    /// The page being run and the page asked for (`st.navigation`).
    pub(crate) nav: super::nav::RunNav,
    /// Distinguishes container handles of different runs.
    pub(crate) generation: u64,
    pub(crate) recordings: Vec<RecordingScope>,
    /// Where partial trees go while the run is in progress.
    pub(crate) live: Option<Arc<super::Live>>,
    /// The previous run's tree: what a partial tree is overlaid on.
    pub(crate) previous: Arc<Tree>,
    /// Fragments called, running and written from in this run (FR-1..FR-9).
    pub(crate) frag: super::fragment::Scope,
}
