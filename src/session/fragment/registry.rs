//! The page's fragments between runs: what each needs to rerun, which
//! fragment each widget belongs to, and the `run_every` timers (FR-2, FR-7).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use super::scope::{Called, Scope};
use crate::tree::{Event, FragmentId, WidgetId};

/// A fragment as the page registered it, for tests and tools.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FragmentInfo {
    /// Its identity.
    pub id: FragmentId,
    /// The key it was given, if any.
    pub key: Option<String>,
    /// Its timer (FR-7), if any.
    pub run_every: Option<Duration>,
    /// It is a dialog's body.
    pub dialog: bool,
}

/// A registered fragment: what its reruns need.
#[derive(Clone)]
pub(super) struct Entry {
    pub(super) called: Called,
    /// Where its body's children are in the tree.
    pub(super) node: String,
    pub(super) parent: Option<FragmentId>,
    pub(super) depth: usize,
    /// The run that registered it (container handles its closure holds
    /// point into that run).
    pub(super) origin: Origin,
    /// Its writes into outside containers: (container path, wrapper path).
    pub(super) wrappers: Vec<(String, String)>,
}

/// A run's generation, and where each of its blocks landed in the tree.
#[derive(Clone)]
pub(super) struct Origin {
    pub(super) generation: u64,
    pub(super) paths: Arc<Vec<Option<String>>>,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Timer {
    pub(super) every: Duration,
    pub(super) due: Duration,
}

/// The fragments of the page on screen, their widgets and their timers.
#[derive(Default)]
pub(crate) struct Registry {
    pub(super) entries: HashMap<FragmentId, Entry>,
    /// Registration order (tree order), for listings.
    pub(super) order: Vec<FragmentId>,
    pub(super) keys: Arc<HashMap<String, FragmentId>>,
    /// Widget -> the innermost fragment it is drawn in.
    pub(super) owner: HashMap<WidgetId, FragmentId>,
    pub(super) timers: HashMap<FragmentId, Timer>,
    /// Fragment runs still owed after an interruption, with the events
    /// not applied yet (FR-6).
    pub(super) pending: Vec<(FragmentId, Vec<Event>)>,
    /// A full run was interrupted: the next step is a full run, whatever
    /// its events (an interrupted run is always followed by a new run).
    pub(crate) pending_full: bool,
}

impl Registry {
    /// Fragment keys on the page (EX-8 lookups).
    pub(crate) fn keys(&self) -> Arc<HashMap<String, FragmentId>> {
        self.keys.clone()
    }

    /// `id` and every fragment nested in it.
    pub(super) fn subtree(&self, id: &FragmentId) -> HashSet<FragmentId> {
        let mut out = HashSet::from([id.clone()]);
        // Entries are few; nest depth is small: iterate to a fixed point.
        loop {
            let before = out.len();
            for (fid, e) in &self.entries {
                if e.parent.as_ref().is_some_and(|p| out.contains(p)) {
                    out.insert(fid.clone());
                }
            }
            if out.len() == before {
                return out;
            }
        }
    }

    pub(super) fn widgets_in(&self, fragments: &HashSet<FragmentId>) -> HashSet<WidgetId> {
        self.owner
            .iter()
            .filter(|(_, f)| fragments.contains(*f))
            .map(|(w, _)| w.clone())
            .collect()
    }

    pub(super) fn remove(&mut self, gone: &HashSet<FragmentId>) {
        self.entries.retain(|id, _| !gone.contains(id));
        self.order.retain(|id| !gone.contains(id));
        self.owner.retain(|_, f| !gone.contains(f));
        self.timers.retain(|id, _| !gone.contains(id));
    }

    /// Adds the fragments a run called (all but `skip` slots), keeping the
    /// phase of timers that did not change (FR-7).
    pub(super) fn add_called(
        &mut self,
        scope: &Scope,
        origin: &Origin,
        wrappers: &HashMap<u32, Vec<(String, String)>>,
        old_timers: &HashMap<FragmentId, Timer>,
        now: Duration,
        skip: usize,
    ) {
        for (slot, called) in scope.called.iter().enumerate().skip(skip) {
            let Some(Some(node)) = origin.paths.get(called.body) else {
                continue; // its container was never assembled (cannot happen)
            };
            let parent = called.parent.map(|p| scope.called[p as usize].id.clone());
            let depth = parent
                .as_ref()
                .and_then(|p| self.entries.get(p))
                .map_or(0, |p| p.depth + 1);
            let slot = u32::try_from(slot).unwrap_or(u32::MAX);
            self.entries.insert(
                called.id.clone(),
                Entry {
                    called: called.clone(),
                    node: node.clone(),
                    parent,
                    depth,
                    origin: origin.clone(),
                    wrappers: wrappers.get(&slot).cloned().unwrap_or_default(),
                },
            );
            self.order.push(called.id.clone());
            if let Some(every) = called.run_every.filter(|d| !d.is_zero()) {
                let due = match old_timers.get(&called.id) {
                    Some(t) if t.every == every => t.due,
                    _ => now + every,
                };
                self.timers.insert(called.id.clone(), Timer { every, due });
            }
        }
        for (id, slot) in &scope.widgets {
            self.owner
                .insert(id.clone(), scope.called[*slot as usize].id.clone());
        }
        self.keys = Arc::new(
            self.entries
                .iter()
                .filter_map(|(id, e)| e.called.key.clone().map(|k| (k, id.clone())))
                .collect(),
        );
    }

    /// After a full run: the fragments it called are the page's fragments
    /// (FR-2); the others are dropped with their timers.
    pub(crate) fn after_full_run(
        &mut self,
        scope: &Scope,
        paths: Vec<Option<String>>,
        generation: u64,
        now: Duration,
    ) {
        let old_timers = std::mem::take(&mut self.timers);
        self.entries.clear();
        self.order.clear();
        self.owner.clear();
        self.pending.clear();
        let mut wrappers: HashMap<u32, Vec<(String, String)>> = HashMap::new();
        for (&(slot, container), &wrapper) in &scope.wrappers {
            if let (Some(Some(c)), Some(Some(w))) = (paths.get(container), paths.get(wrapper)) {
                wrappers
                    .entry(slot)
                    .or_default()
                    .push((c.clone(), w.clone()));
            }
        }
        let origin = Origin {
            generation,
            paths: Arc::new(paths),
        };
        self.add_called(scope, &origin, &wrappers, &old_timers, now, 0);
    }

    /// The earliest time a `run_every` timer is due.
    pub(crate) fn next_tick(&self) -> Option<Duration> {
        self.timers.values().map(|t| t.due).min()
    }

    /// The fragments whose timers are due at `now`, ancestors first; their
    /// timers move on by whole intervals, so ticks missed while the session
    /// was busy are coalesced into one (FR-7).
    pub(crate) fn take_due(&mut self, now: Duration) -> Vec<FragmentId> {
        let mut due: Vec<FragmentId> = self
            .timers
            .iter()
            .filter(|(_, t)| t.due <= now)
            .map(|(id, _)| id.clone())
            .collect();
        for id in &due {
            if let Some(t) = self.timers.get_mut(id) {
                t.due += t.every;
                if t.due <= now {
                    t.due = now + t.every;
                }
            }
        }
        self.sort_plan(&mut due);
        due
    }

    /// Ancestors before descendants, then page order (FR-6).
    pub(super) fn sort_plan(&self, ids: &mut [FragmentId]) {
        let rank = |id: &FragmentId| {
            let depth = self.entries.get(id).map_or(0, |e| e.depth);
            let pos = self
                .order
                .iter()
                .position(|o| o == id)
                .unwrap_or(usize::MAX);
            (depth, pos)
        };
        ids.sort_by_key(rank);
    }

    /// The registered fragments, in page order.
    pub(crate) fn list(&self) -> Vec<FragmentInfo> {
        self.order
            .iter()
            .filter_map(|id| {
                let e = self.entries.get(id)?;
                Some(FragmentInfo {
                    id: id.clone(),
                    key: e.called.key.clone(),
                    run_every: self.timers.get(id).map(|t| t.every),
                    dialog: e.called.dialog.is_some(),
                })
            })
            .collect()
    }

    /// The fragment of a widget, if it is drawn in one.
    pub(crate) fn owner_of(&self, widget: &WidgetId) -> Option<&FragmentId> {
        self.owner.get(widget)
    }
}
