//! The runner's part in fragments: which events may interrupt the step in
//! progress (FR-6), and the `run_every` ticks the script thread fires (FR-7).

use std::sync::atomic::Ordering;

use super::{Runner, ScriptThread};
use crate::session::{RunEnd, StepScope};
use crate::tree::Event;

impl Runner {
    /// FR-6: whether `events` may interrupt the step in progress. Fragment
    /// requests never preempt a full run, nor a run of other fragments:
    /// they queue behind it. Anything else does (EX-11), as does a newer
    /// event for a fragment that is running.
    pub(super) fn preempts(&self, events: &[Event]) -> bool {
        let scope = match self.shared.scope.lock() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        };
        let Some(scope) = scope else {
            return true; // idle: the next run takes the events anyway
        };
        let tree = self.published().tree.clone();
        let mut fragments = Vec::new();
        for event in events {
            match event {
                Event::SetValue { id, .. } | Event::Click { id } => match tree.fragment_of(id) {
                    Some(f) => fragments.push(f.clone()),
                    None => return true,
                },
                Event::RerunFragment(f) | Event::CloseDialog(f) => fragments.push(f.clone()),
                Event::Rerun | Event::SwitchPage(_) => return true,
            }
        }
        match scope {
            StepScope::Full => fragments.is_empty(),
            StepScope::Fragments(running) => {
                fragments.is_empty() || fragments.iter().any(|f| running.contains(f))
            }
        }
    }
}

impl ScriptThread {
    pub(super) fn set_scope(&self, scope: Option<StepScope>) {
        match self.shared.scope.lock() {
            Ok(mut s) => *s = scope,
            Err(poisoned) => *poisoned.into_inner() = scope,
        }
    }

    /// FR-7: runs the fragments whose `run_every` timers are due, as any
    /// fragment step runs: "running" from its start (the window's
    /// indicator, live partial trees of the fragment), settled at its end.
    /// Ticks due while the session was busy were coalesced. Returns true
    /// when a newer event interrupted the run (the caller runs next).
    pub(super) fn tick(&mut self) -> bool {
        let due = self.session.take_due();
        if due.is_empty() {
            return false;
        }
        let events: Vec<Event> = due.into_iter().map(Event::RerunFragment).collect();
        self.shared.running.store(true, Ordering::SeqCst);
        let scope = self.session.step_scope(&events);
        let within = self.session.stale_within(&scope);
        self.set_scope(Some(scope));
        self.publish_within(true, within);
        let report = self.session.handle(events);
        self.set_scope(None);
        if report.end == RunEnd::Interrupted {
            // A newer event for the fragment is queued: the next run takes
            // it at once, and the session still owes the fragment its run.
            // Still "running" until then, like an interrupted full run.
            return true;
        }
        self.shared.running.store(false, Ordering::SeqCst);
        if !report.executions.is_empty() {
            self.last_end = Some(report.end);
        }
        self.publish(false);
        false
    }
}
