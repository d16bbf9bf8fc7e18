//! Fragments and dialogs: a scoped run of one registered closure that
//! replaces one container's subtree (FR-1..FR-9, departure 2).
//!
//! A full run registers every fragment it calls ([`Registry`]). An event
//! for a widget inside a fragment, a `run_every` tick or a fragment-scoped
//! rerun then runs only that fragment's closure against the retained tree:
//! callbacks first, then the body into a fresh container that replaces the
//! fragment's own, plus whatever it writes into containers created outside
//! it (accumulated by default, replaced in place with Streamlit 1.67's rule).
//! The rest of the page is neither run nor rebuilt.

mod error;
pub(crate) mod live;
mod merge;
mod registry;
pub(crate) mod scope;

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;
use std::time::Duration;

pub use error::FragmentError;
pub use registry::FragmentInfo;
use registry::Origin;
pub(crate) use registry::Registry;
use scope::Rerun;
pub(crate) use scope::Scope;

use super::run::{Callback, MAIN, Root, Run, SIDEBAR};
use super::{Execution, Outcome, RerunScope, RunEnd, RunReport, Session, call, push_exception};
use crate::error::Error;
use crate::tree::{Element, Event, FragmentId, WidgetId};

/// What one event asks for.
enum Class<'a> {
    Full,
    Fragment(&'a FragmentId),
    /// The user closed a dialog: its `on_dismiss` then a full run, or no run.
    Close(&'a FragmentId, Option<&'a Callback>),
    /// A request for a fragment that no longer exists (FR-6: dropped).
    Ignore,
}

/// What a step will run, decided before it starts: the runner lets only a
/// newer event for what runs interrupt it (FR-6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepScope {
    /// The whole page.
    Full,
    /// These fragments only (none: a dialog closed, nothing runs).
    Fragments(Vec<FragmentId>),
}

/// What a step does with its events (FR-6).
pub(super) enum Route {
    /// A full run: some event is not a fragment's, or none was given.
    Full {
        events: Vec<Event>,
        callbacks: Vec<Callback>,
    },
    /// Fragment runs, ancestors first, de-duplicated; and a dialog the user
    /// closed.
    Fragments {
        plan: VecDeque<(FragmentId, Vec<Event>)>,
        close: Option<FragmentId>,
    },
}

/// How one fragment's run went.
enum Step {
    Done(RunEnd),
    /// The fragment no longer exists: the request is dropped (FR-6).
    Gone,
    Interrupted,
    /// `st.rerun()`: the whole page runs next.
    Full,
}

impl Session {
    fn classify<'a>(&'a self, event: &'a Event) -> Class<'a> {
        match event {
            Event::SetValue { id, .. } | Event::Click { id } => {
                match self.fragments.owner.get(id) {
                    Some(f) => Class::Fragment(f),
                    None => Class::Full,
                }
            }
            Event::Rerun | Event::SwitchPage(_) => Class::Full,
            Event::RerunFragment(f) if self.fragments.entries.contains_key(f) => Class::Fragment(f),
            Event::CloseDialog(f) => {
                match self.fragments.entries.get(f).map(|e| &e.called.dialog) {
                    Some(Some(d)) => Class::Close(f, d.on_dismiss.as_ref()),
                    _ => Class::Ignore,
                }
            }
            Event::RerunFragment(_) => Class::Ignore,
        }
    }

    /// What a step with `events` will run (FR-6), without running it.
    pub fn step_scope(&self, events: &[Event]) -> StepScope {
        let mut ids: Vec<FragmentId> = self
            .fragments
            .pending
            .iter()
            .map(|(id, _)| id.clone())
            .collect();
        let mut full = events.is_empty() || self.fragments.pending_full;
        for event in events {
            match self.classify(event) {
                Class::Full | Class::Close(_, Some(_)) => full = true,
                Class::Fragment(f) => {
                    if !ids.contains(f) {
                        ids.push(f.clone());
                    }
                }
                Class::Close(_, None) | Class::Ignore => {}
            }
        }
        if full {
            StepScope::Full
        } else {
            self.fragments.sort_plan(&mut ids);
            StepScope::Fragments(ids)
        }
    }

    /// FR-6: a step with any event that is not a fragment's is a full run
    /// (it absorbs queued fragment runs); otherwise one run per fragment
    /// named, ancestors first, de-duplicated. Requests for fragments that no
    /// longer exist are dropped.
    pub(super) fn route(&mut self, events: Vec<Event>) -> Route {
        let pending = std::mem::take(&mut self.fragments.pending);
        let mut full = events.is_empty() || std::mem::take(&mut self.fragments.pending_full);
        let mut plan: Vec<(FragmentId, Vec<Event>)> = pending;
        let mut callbacks = Vec::new();
        let mut close = None;
        let add = |plan: &mut Vec<(FragmentId, Vec<Event>)>, id: &FragmentId, e: Option<&Event>| {
            let i = match plan.iter().position(|(p, _)| p == id) {
                Some(i) => i,
                None => {
                    plan.push((id.clone(), Vec::new()));
                    plan.len() - 1
                }
            };
            plan[i].1.extend(e.cloned());
        };
        for event in &events {
            match self.classify(event) {
                Class::Full => full = true,
                Class::Fragment(f) => {
                    let carried = matches!(event, Event::SetValue { .. } | Event::Click { .. });
                    add(&mut plan, f, carried.then_some(event));
                }
                Class::Close(_, Some(cb)) => {
                    callbacks.push(cb.clone());
                    full = true;
                }
                Class::Close(f, None) => close = Some(f.clone()),
                Class::Ignore => {}
            }
        }
        if full {
            // A full run absorbs the fragment runs owed, not their values.
            let mut all: Vec<Event> = plan.into_iter().flat_map(|(_, e)| e).collect();
            all.extend(events);
            return Route::Full {
                events: all,
                callbacks,
            };
        }
        let mut ids: Vec<FragmentId> = plan.iter().map(|(id, _)| id.clone()).collect();
        self.fragments.sort_plan(&mut ids);
        let mut plan: HashMap<FragmentId, Vec<Event>> = plan.into_iter().collect();
        Route::Fragments {
            plan: ids
                .into_iter()
                .map(|id| {
                    let events = plan.remove(&id).unwrap_or_default();
                    (id, events)
                })
                .collect(),
            close,
        }
    }

    /// Runs the fragments of `plan` in order (FR-1, FR-6).
    pub(super) fn handle_fragments(
        &mut self,
        mut plan: VecDeque<(FragmentId, Vec<Event>)>,
        close: Option<FragmentId>,
    ) -> RunReport {
        if let Some(id) = close {
            self.close_dialog(&id);
        }
        let mut executions = Vec::new();
        let mut end = RunEnd::Completed;
        while let Some((id, events)) = plan.pop_front() {
            match self.run_fragment(id.clone(), events, &mut executions, &mut plan) {
                Step::Done(e) => end = e,
                Step::Gone => {}
                Step::Interrupted => {
                    // An interrupted run is followed by a new one: this
                    // fragment and those queued behind it stay owed.
                    // Its own events are applied already.
                    self.fragments.pending =
                        std::iter::once((id, Vec::new())).chain(plan).collect();
                    return RunReport {
                        executions,
                        end: RunEnd::Interrupted,
                        tree: self.tree.clone(),
                    };
                }
                Step::Full => {
                    // `st.rerun()`: the whole page runs, with the values of
                    // the fragment requests still queued (FR-6).
                    let queued: Vec<Event> = plan.into_iter().flat_map(|(_, e)| e).collect();
                    let events = (!queued.is_empty()).then_some(queued);
                    return self.run_full(events, Vec::new(), executions);
                }
            }
        }
        RunReport {
            executions,
            end,
            tree: self.tree.clone(),
        }
    }

    /// A run of `target` with the registry's closure, from a fresh
    /// container for its body; `None` when it is no longer registered.
    fn begin_fragment_run(&mut self, target: &FragmentId, with_states: bool) -> Option<Run> {
        let entry = self.fragments.entries.get(target)?.clone();
        let scope_ids = self.fragments.subtree(target);
        let before: HashMap<FragmentId, Vec<(String, String)>> = scope_ids
            .iter()
            .filter_map(|id| {
                let e = self.fragments.entries.get(id)?;
                Some((id.clone(), e.wrappers.clone()))
            })
            .collect();
        let dialog_elsewhere = self
            .fragments
            .entries
            .iter()
            .any(|(id, e)| e.called.dialog.is_some() && !scope_ids.contains(id));
        // Its partial trees overlay its own container only (see `live`).
        let mut run = self.begin_run(with_states);
        run.builder.cursor = match entry.called.root {
            Root::Main => MAIN,
            Root::Sidebar => SIDEBAR,
        };
        let body = run.builder.open(entry.called.block_kind());
        run.builder.blocks[body].fragment = Some(0);
        run.builder.cursor = body;
        let mut called = entry.called.clone();
        called.body = body;
        called.parent = None;
        run.frag = Scope::fragment(
            self.fragments.keys(),
            called,
            Rerun {
                generation: entry.origin.generation,
                paths: entry.origin.paths.clone(),
                before,
                node: entry.node.clone(),
            },
            dialog_elsewhere,
        );
        Some(run)
    }

    /// One fragment's run (EX-3 for a fragment): its widgets' callbacks,
    /// then its body, again while it calls `st.rerun_fragment()` (FR-4).
    fn run_fragment(
        &mut self,
        mut target: FragmentId,
        events: Vec<Event>,
        executions: &mut Vec<Execution>,
        plan: &mut VecDeque<(FragmentId, Vec<Event>)>,
    ) -> Step {
        let details = self.options.error_details;
        let mut events = Some(events);
        let mut reruns = 0;
        loop {
            let Some(mut run) = self.begin_fragment_run(&target, events.is_some()) else {
                return Step::Gone;
            };
            let body = run.frag.called[0].body;
            let func = run.frag.called[0].func.clone();
            if let Some(events) = events.take() {
                let changed = self.apply_events(&mut run, &events);
                // EX-7: a callback's plain `st.rerun()` makes it a full run;
                // keyed reruns queue those fragments.
                let mut full = false;
                run.frag.in_callback = true;
                run.frag.stack.push(0);
                for callback in changed {
                    run.builder.cursor = body;
                    match call(&mut run, &callback, details) {
                        Outcome::Ok
                        | Outcome::Rerun(RerunScope::Fragment | RerunScope::Keys(_)) => {}
                        Outcome::Rerun(RerunScope::App) => full = true,
                        Outcome::Stop => {
                            return self.finish_fragment(run, &target, RunEnd::Stopped);
                        }
                        Outcome::Exception => {
                            return self.finish_fragment(run, &target, RunEnd::Exception);
                        }
                        Outcome::Interrupt => return self.fragment_interrupted(run),
                    }
                }
                run.frag.in_callback = false;
                run.frag.stack.pop();
                if full {
                    self.hand_over(run);
                    return Step::Full;
                }
                for id in std::mem::take(&mut run.frag.votes) {
                    if id != target && !plan.iter().any(|(p, _)| *p == id) {
                        plan.push_back((id, Vec::new()));
                    }
                }
            }
            executions.push(Execution::Fragment);
            run.builder.cursor = body;
            run.frag.stack.push(0);
            let end = match call(&mut run, &func, details) {
                Outcome::Ok => RunEnd::Completed,
                Outcome::Stop => RunEnd::Stopped,
                Outcome::Exception => RunEnd::Exception,
                Outcome::Interrupt => return self.fragment_interrupted(run),
                Outcome::Rerun(RerunScope::App) => {
                    self.hand_over(run);
                    return Step::Full;
                }
                Outcome::Rerun(RerunScope::Fragment | RerunScope::Keys(_)) => {
                    reruns += 1;
                    if self.options.max_reruns.is_some_and(|max| reruns > max) {
                        run.builder.cursor = body;
                        push_exception(
                            &mut run,
                            &Error::AppTest(format!(
                                "the fragment called st.rerun_fragment() {reruns} times in a row without \
                                 settling; make the rerun conditional (e.g. on a session state flag)"
                            )),
                            None,
                            details,
                        );
                        return self.finish_fragment(run, &target, RunEnd::Exception);
                    }
                    // FR-4: the fragment runs again at once, with no
                    // widget changes; nothing of this run is kept.
                    if let Some(next) = run.frag.rerun_target.take() {
                        target = next;
                    }
                    self.hand_over(run);
                    continue;
                }
            };
            return self.finish_fragment(run, &target, end);
        }
    }

    /// Ends a run that will not be published: triggers reset, state kept.
    fn hand_over(&mut self, mut run: Run) {
        run.state.reset_triggers();
        self.warnings.extend(run.state.take_warnings());
        self.state = std::mem::take(&mut run.state);
    }

    fn fragment_interrupted(&mut self, run: Run) -> Step {
        self.hand_over(run);
        Step::Interrupted
    }

    /// Publishes a fragment run: its container replaced in the retained
    /// tree, its widgets and nested fragments replaced in the registries,
    /// WS-9 cleanup of its own widgets only.
    fn finish_fragment(&mut self, mut run: Run, target: &FragmentId, end: RunEnd) -> Step {
        let Some(entry) = self.fragments.entries.get(target).cloned() else {
            self.hand_over(run);
            return Step::Gone;
        };
        let scope_ids = self.fragments.subtree(target);
        let old_widgets = self.fragments.widgets_in(&scope_ids);
        run.state.reset_triggers();
        if end == RunEnd::Completed {
            run.state
                .cleanup(&run.widgets, |id| old_widgets.contains(id));
        }
        self.warnings.extend(run.state.take_warnings());
        self.state = std::mem::take(&mut run.state);
        let consumed = std::mem::take(&mut run.widgets.retired);
        self.spare.give_list(consumed.into());
        let widgets = std::mem::take(&mut self.widgets);
        self.widgets =
            merge::splice_widgets(widgets, &old_widgets, std::mem::take(&mut run.widgets));

        let mut tree = (*self.tree).clone();
        let registry = &self.fragments;
        let wrappers = merge::merge(
            &mut tree,
            &mut run.builder,
            &run.frag,
            &entry.node,
            |id| registry.entries.get(id).map(|e| e.wrappers.as_slice()),
            merge::Landing::Replace,
        );
        self.tree = Arc::new(tree);

        // The registry: nested fragments are those this run called.
        let old_timers = self.fragments.timers.clone();
        let nested: HashSet<FragmentId> = scope_ids
            .iter()
            .filter(|id| *id != target)
            .cloned()
            .collect();
        self.fragments.remove(&nested);
        self.fragments.owner.retain(|w, _| !old_widgets.contains(w));
        let origin = Origin {
            generation: run.generation,
            paths: Arc::new(std::mem::take(&mut run.builder.paths)),
        };
        let now = self.options.clock.now();
        self.fragments
            .add_called(&run.frag, &origin, &wrappers, &old_timers, now, 1);
        if let Some(e) = self.fragments.entries.get_mut(target) {
            e.wrappers = wrappers.get(&0).cloned().unwrap_or_default();
        }
        Step::Done(end)
    }

    /// The user closed a dialog (no callback): it disappears, its fragment
    /// and timers are dropped; its widgets keep their values until the next
    /// full run cleans them (WS-9).
    fn close_dialog(&mut self, id: &FragmentId) {
        let Some(entry) = self.fragments.entries.get(id) else {
            return;
        };
        let mut tree = (*self.tree).clone();
        if let Some(node) = tree.node_at_mut(&entry.node)
            && let Element::Dialog(d) = &mut node.element
        {
            d.open = false;
            d.children.clear();
        }
        self.tree = Arc::new(tree);
        let gone = self.fragments.subtree(id);
        self.fragments.remove(&gone);
    }

    /// When the next `run_every` timer is due, by the session's clock.
    ///
    /// ```
    /// use brook::prelude::*;
    /// use brook::clock::ManualClock;
    /// use brook::session::{Page, Session, SessionOptions};
    /// use brook::tree::Event;
    /// use std::{sync::Arc, time::Duration};
    ///
    /// let clock = ManualClock::new();
    /// let options = SessionOptions { clock: Arc::new(clock.clone()), ..SessionOptions::default() };
    /// let page = Page::new("main", |st: &mut St| {
    ///     st.add(Fragment::new(|st| st.text("tick")).run_every("1s"));
    /// });
    /// let mut session = Session::new(vec![page], options);
    /// session.handle(Vec::new());
    /// assert_eq!(session.next_tick(), Some(Duration::from_secs(1)));
    /// clock.advance(Duration::from_secs(1));
    /// let due = session.take_due();
    /// let report = session.handle(due.into_iter().map(Event::RerunFragment).collect());
    /// assert_eq!(report.executions.len(), 1);
    /// assert_eq!(session.next_tick(), Some(Duration::from_secs(2)));
    /// ```
    pub fn next_tick(&self) -> Option<Duration> {
        self.fragments.next_tick()
    }

    /// The fragments whose timers are due now (FR-7), ancestors first; each
    /// timer moves on (ticks missed while busy are coalesced). Hand them to
    /// [`handle`](Self::handle) as [`Event::RerunFragment`]s.
    pub fn take_due(&mut self) -> Vec<FragmentId> {
        let now = self.options.clock.now();
        self.fragments.take_due(now)
    }

    /// The fragments of the page on screen, in page order.
    pub fn fragments(&self) -> Vec<FragmentInfo> {
        self.fragments.list()
    }

    /// The fragment a widget is drawn in, if any (its events rerun only
    /// that fragment, FR-1).
    pub fn fragment_of(&self, widget: &WidgetId) -> Option<&FragmentId> {
        self.fragments.owner_of(widget)
    }
}
