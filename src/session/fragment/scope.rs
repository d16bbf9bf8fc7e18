//! One run's view of fragments: which were called, which is executing, and
//! where their writes into containers created outside them go (FR-2, FR-3).
//!
//! Every block of the run's builder records the fragment (by its slot here)
//! whose elements it holds. A write while fragment `s` executes into a block
//! that `s` does not own is an *outside write*: it goes into a wrapper block
//! owned by `s`, one per (fragment, container), opened at the first such
//! write. In a fragment run, the containers of the page are not in the
//! builder at all: blocks 0 and 1 and one proxy block per container handle
//! *stand in* for them, and the session merges what their wrappers hold into
//! the retained tree afterwards.

use std::collections::HashMap;
use std::panic::Location;
use std::sync::Arc;
use std::time::Duration;

use super::FragmentError;
use crate::session::run::{BlockKind, Builder, Callback, MAIN, Root, SIDEBAR};
use crate::st::OutsideWrites;
use crate::tree::{FragmentId, WidgetId};

/// What `st.fragment` / `st.dialog` asks to open.
pub(crate) struct Spec {
    pub(crate) key: Option<String>,
    pub(crate) location: &'static Location<'static>,
    pub(crate) run_every: Option<Duration>,
    pub(crate) mode: OutsideWrites,
    pub(crate) func: Callback,
    pub(crate) dialog: Option<DialogSpec>,
}

/// A dialog's look, and what closing it does.
#[derive(Clone)]
pub(crate) struct DialogSpec {
    pub(crate) title: String,
    pub(crate) width: f32,
    pub(crate) dismissible: bool,
    pub(crate) on_dismiss: Option<Callback>,
}

/// A fragment called in this run (its slot is its index in `Scope::called`).
#[derive(Clone)]
pub(crate) struct Called {
    pub(crate) id: FragmentId,
    pub(crate) key: Option<String>,
    pub(crate) func: Callback,
    pub(crate) run_every: Option<Duration>,
    pub(crate) mode: OutsideWrites,
    pub(crate) dialog: Option<DialogSpec>,
    /// Its own container.
    pub(crate) body: usize,
    pub(crate) root: Root,
    pub(crate) parent: Option<u32>,
}

impl Called {
    /// The kind of block that holds its body.
    pub(crate) fn block_kind(&self) -> BlockKind {
        match &self.dialog {
            Some(d) => BlockKind::Dialog {
                id: self.id.clone(),
                title: d.title.clone(),
                width: d.width,
                dismissible: d.dismissible,
            },
            None => BlockKind::Fragment(self.id.clone()),
        }
    }
}

/// What a fragment run knows of the run that registered its fragment.
pub(crate) struct Rerun {
    /// That run's generation: container handles it made carry it.
    pub(crate) generation: u64,
    /// Where each of that run's blocks landed in the tree.
    pub(crate) paths: Arc<Vec<Option<String>>>,
    /// What each fragment of the rerun scope wrote into outside containers
    /// before: (container path, wrapper path) (FR-3: the 1.67 rule needs a
    /// stable position there; a live partial tree overlays it).
    pub(crate) before: HashMap<FragmentId, Vec<(String, String)>>,
    /// Where the rerun fragment's own container is in the tree.
    pub(crate) node: String,
}

/// Fragments in one run.
#[derive(Default)]
pub(crate) struct Scope {
    /// The fragment this run reruns; `None` in a full run.
    pub(crate) target: Option<FragmentId>,
    /// Fragments called in this run, by slot (in a fragment run, slot 0 is
    /// the target).
    pub(crate) called: Vec<Called>,
    /// Slots of the fragments executing now, innermost last.
    pub(crate) stack: Vec<u32>,
    /// `(slot, written block) -> wrapper block`.
    pub(crate) wrappers: HashMap<(u32, usize), usize>,
    /// Fragment run: blocks standing for containers of the tree, by path.
    pub(crate) stand_ins: HashMap<usize, String>,
    /// Fragment run: container handle block -> its stand-in.
    proxies: HashMap<usize, usize>,
    pub(super) rerun: Option<Rerun>,
    /// How often each call site was reached in this run, per parent (FR-2).
    occurrences: HashMap<(Option<FragmentId>, &'static str, u32, u32), u32>,
    /// Widgets created while a fragment owned the cursor, with its slot.
    pub(crate) widgets: Vec<(WidgetId, u32)>,
    /// A widget callback is running (EX-8: keyed reruns only there).
    pub(crate) in_callback: bool,
    /// Dialogs opened in this run, and whether another one is open
    /// elsewhere on the page (one at a time).
    dialogs: u32,
    pub(crate) dialog_elsewhere: bool,
    /// Fragment keys registered on the page (EX-8 lookups).
    pub(crate) keys: Arc<HashMap<String, FragmentId>>,
    /// Fragments named by keyed reruns from callbacks (EX-7).
    pub(crate) votes: Vec<FragmentId>,
    /// The fragment `st.rerun_fragment()` asked to run again.
    pub(crate) rerun_target: Option<FragmentId>,
}

fn hash_id(parts: &[&str]) -> String {
    let mut h = blake3::Hasher::new();
    for p in parts {
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    h.finalize().as_bytes()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Scope {
    /// The scope of a full run.
    pub(crate) fn full(keys: Arc<HashMap<String, FragmentId>>) -> Self {
        Self {
            keys,
            ..Self::default()
        }
    }

    /// The scope of a run of `target`, whose body is `body` (slot 0).
    pub(crate) fn fragment(
        keys: Arc<HashMap<String, FragmentId>>,
        target: Called,
        rerun: Rerun,
        dialog_elsewhere: bool,
    ) -> Self {
        Self {
            target: Some(target.id.clone()),
            called: vec![target],
            stand_ins: HashMap::from([(MAIN, "main".to_owned()), (SIDEBAR, "sidebar".to_owned())]),
            rerun: Some(rerun),
            dialog_elsewhere,
            keys,
            ..Self::default()
        }
    }

    /// The fragment executing now, if any.
    pub(crate) fn current(&self) -> Option<&Called> {
        self.stack.last().map(|&s| &self.called[s as usize])
    }

    /// FR-2: a key is the identity; otherwise the call site, the fragment it
    /// is called from and how often that call site was reached before in it.
    fn identify(
        &mut self,
        key: Option<&str>,
        at: &'static Location<'static>,
        page: &str,
    ) -> FragmentId {
        if let Some(key) = key {
            return FragmentId(format!("$$FRAG-{}-{key}", hash_id(&["key", key])));
        }
        let parent = self.current().map(|c| c.id.clone());
        let n = self
            .occurrences
            .entry((parent.clone(), at.file(), at.line(), at.column()))
            .or_insert(0);
        *n += 1;
        let hash = hash_id(&[
            page,
            parent.as_ref().map_or("", |p| p.0.as_str()),
            at.file(),
            &at.line().to_string(),
            &at.column().to_string(),
            &n.to_string(),
        ]);
        FragmentId(format!("$$FRAG-{hash}-None"))
    }

    /// Opens a fragment's own container at the cursor, makes it the
    /// executing fragment and moves the cursor into it. Returns the cursor
    /// to restore with [`close`](Self::close).
    pub(crate) fn open(
        &mut self,
        builder: &mut Builder,
        spec: Spec,
        page: &str,
    ) -> Result<usize, FragmentError> {
        if spec.dialog.is_some() {
            if self.dialogs > 0 || self.dialog_elsewhere {
                return Err(FragmentError::SecondDialog);
            }
            self.dialogs += 1;
        }
        let saved = builder.cursor;
        let id = self.identify(spec.key.as_deref(), spec.location, page);
        let slot = u32::try_from(self.called.len()).unwrap_or(u32::MAX);
        let mut called = Called {
            id,
            key: spec.key,
            func: spec.func,
            run_every: spec.run_every,
            mode: spec.mode,
            dialog: spec.dialog,
            body: 0,
            root: builder.root(),
            parent: self.stack.last().copied(),
        };
        let body = builder.open(called.block_kind());
        builder.blocks[body].fragment = Some(slot);
        called.body = body;
        self.called.push(called);
        self.stack.push(slot);
        builder.cursor = body;
        Ok(saved)
    }

    /// Ends the executing fragment's body.
    pub(crate) fn close(&mut self, builder: &mut Builder, saved: usize) {
        self.stack.pop();
        builder.cursor = saved;
    }

    /// Moves the cursor to where the executing fragment's next write goes:
    /// where it is, or the fragment's wrapper in a container created
    /// outside it (FR-3). `widget` names a widget about to be created.
    pub(crate) fn redirect(
        &mut self,
        builder: &mut Builder,
        widget: Option<&str>,
    ) -> Result<(), FragmentError> {
        let Some(&slot) = self.stack.last() else {
            return Ok(());
        };
        let cursor = builder.cursor;
        if builder.blocks[cursor].fragment == Some(slot) {
            return Ok(());
        }
        let called = &self.called[slot as usize];
        if let Some(label) = widget
            && called.mode == OutsideWrites::Accumulate
        {
            return Err(FragmentError::WidgetOutside {
                label: label.to_owned(),
            });
        }
        if let Some(&wrapper) = self.wrappers.get(&(slot, cursor)) {
            builder.cursor = wrapper;
            return Ok(());
        }
        if called.mode == OutsideWrites::ReplaceInPlace
            && let Some(path) = self.stand_ins.get(&cursor)
        {
            let known = self
                .rerun
                .as_ref()
                .and_then(|r| r.before.get(&called.id))
                .is_some_and(|w| w.iter().any(|(c, _)| c == path));
            if !known {
                return Err(FragmentError::NoStablePosition);
            }
        }
        let wrapper = builder.open(BlockKind::Fragment(called.id.clone()));
        builder.blocks[wrapper].fragment = Some(slot);
        self.wrappers.insert((slot, cursor), wrapper);
        builder.cursor = wrapper;
        Ok(())
    }

    /// In a fragment run, the block standing for a container handle made by
    /// the run that registered the fragment. `None`: the handle is not one
    /// of those.
    pub(crate) fn outside_handle(
        &mut self,
        builder: &mut Builder,
        block: usize,
        generation: u64,
    ) -> Option<Result<usize, FragmentError>> {
        let rerun = self.rerun.as_ref()?;
        if generation != rerun.generation {
            return None;
        }
        if let Some(&proxy) = self.proxies.get(&block) {
            return Some(Ok(proxy));
        }
        let Some(Some(path)) = rerun.paths.get(block) else {
            return Some(Err(FragmentError::LostContainer));
        };
        let path = path.clone();
        let proxy = match path.as_str() {
            "main" => MAIN,
            "sidebar" => SIDEBAR,
            _ => {
                let saved = builder.cursor;
                builder.cursor = if path.starts_with("sidebar") {
                    SIDEBAR
                } else {
                    MAIN
                };
                let proxy = builder.open(BlockKind::Container { border: false });
                builder.blocks[proxy].fragment = None;
                builder.cursor = saved;
                self.stand_ins.insert(proxy, path);
                proxy
            }
        };
        self.proxies.insert(block, proxy);
        Some(Ok(proxy))
    }

    /// In a fragment run, an error raised while the cursor stands for a
    /// container of the page is shown in the fragment's own container: the
    /// stand-ins are not part of what the run publishes (FR-5).
    pub(crate) fn place_exception(&self, builder: &mut Builder) {
        if self.target.is_some()
            && builder
                .blocks
                .get(builder.cursor)
                .is_none_or(|b| b.fragment.is_none())
        {
            builder.cursor = self.called[0].body;
        }
    }

    /// Notes a widget created at the cursor (it belongs to the fragment
    /// that owns the cursor's block, if any).
    pub(crate) fn note_widget(&mut self, builder: &Builder, id: &WidgetId) {
        if let Some(slot) = builder.blocks[builder.cursor].fragment {
            self.widgets.push((id.clone(), slot));
        }
    }
}
