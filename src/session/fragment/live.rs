//! A fragment run's partial trees (live runs, FR-1, EX-13): what the run
//! has written so far, over the page as it stands. Only the fragment's own
//! container (and its wrappers in outside containers that are replaced in
//! place, FR-3) is overlaid, its leftovers stale; the rest of the page is
//! the retained tree, untouched and not stale.

use std::sync::Arc;

use super::merge::{self, Landing, Marks};
use super::{Session, StepScope};
use crate::session::LiveTree;
use crate::session::run::Run;
use crate::st::OutsideWrites;
use crate::tree::NodeId;

/// The partial tree of fragment run `run`: the retained page with the
/// fragment's output so far laid over what it showed before.
pub(crate) fn partial(run: &Run) -> Option<LiveTree> {
    let rerun = run.frag.rerun.as_ref()?;
    // The run's own blocks only (its body and outside writes): small.
    let mut builder = run.builder.clone();
    let mut tree = (*run.previous).clone();
    let mut marks = Marks::default();
    merge::merge(
        &mut tree,
        &mut builder,
        &run.frag,
        &rerun.node,
        |id| rerun.before.get(id).map(Vec::as_slice),
        Landing::Overlay(&mut marks),
    );
    Some(LiveTree {
        tree: Arc::new(tree),
        fresh: Arc::new(marks.fresh),
        within: Some(marks.within.into()),
    })
}

impl Session {
    /// Where a step of `scope` may show stale elements while it runs:
    /// `None` for a full run (the whole page, EX-13); for fragment runs the
    /// first fragment's container and the outside containers it replaces
    /// in place (FR-3), so the rest of the page is never dimmed (FR-1).
    pub(crate) fn stale_within(&self, scope: &StepScope) -> Option<Arc<[NodeId]>> {
        let StepScope::Fragments(ids) = scope else {
            return None;
        };
        let mut within = Vec::new();
        if let Some(first) = ids.first()
            && let Some(entry) = self.fragments.entries.get(first)
        {
            within.push(NodeId::from(entry.node.as_str()));
            let inside = format!("{}.", entry.node);
            for id in self.fragments.subtree(first) {
                let Some(e) = self.fragments.entries.get(&id) else {
                    continue;
                };
                if e.called.mode != OutsideWrites::ReplaceInPlace {
                    continue;
                }
                for (_, wpath) in &e.wrappers {
                    if !wpath.starts_with(&inside) {
                        within.push(NodeId::from(wpath.as_str()));
                    }
                }
            }
        }
        Some(within.into())
    }
}
