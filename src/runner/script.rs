//! The script thread: takes commands, runs the session, publishes, saves.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use super::{Cmd, Exit, Published, RunnerOptions, Shared, SyncPoint, Waker};
use crate::session::{RunEnd, Session, StepScope};

pub(super) struct ScriptThread {
    pub(super) session: Session,
    pub(super) options: RunnerOptions,
    pub(super) shared: Arc<Shared>,
    pub(super) waker: Waker,
    pub(super) rx: Receiver<Cmd>,
    pub(super) notices: Vec<String>,
    pub(super) last_end: Option<RunEnd>,
    pub(super) exit: Sender<Exit>,
}

impl ScriptThread {
    pub(super) fn main(mut self) {
        self.restore();
        let mut last_save: Option<Duration> = None;
        let mut save_pending = false;
        // An interrupted run is always followed by a new run, even if (by a
        // bug elsewhere) the command that interrupted it cannot be found.
        let mut rerun_now = false;
        loop {
            let first = if rerun_now {
                None
            } else if let Some(cmd) = self.release_when_drawn() {
                self.shared.sync(SyncPoint::Idle);
                Some(cmd)
            } else {
                self.shared.sync(SyncPoint::Idle);
                let now = self.session.options().clock.now();
                let mut timeout = if save_pending {
                    let due = last_save.map_or(Duration::ZERO, |t| t + self.options.save_debounce);
                    due.saturating_sub(now)
                } else {
                    Duration::from_secs(3600)
                };
                // FR-7: sleep until the next `run_every` tick, no longer.
                if let Some(tick) = self.session.next_tick() {
                    timeout = timeout.min(tick.saturating_sub(now));
                }
                match self.rx.recv_timeout(timeout) {
                    Ok(cmd) => Some(cmd),
                    Err(RecvTimeoutError::Timeout) => {
                        if save_pending
                            && last_save.is_none_or(|t| {
                                t + self.options.save_debounce <= self.session.options().clock.now()
                            })
                        {
                            self.save();
                            last_save = Some(self.session.options().clock.now());
                            save_pending = false;
                        }
                        // An interrupted tick is followed by a new run.
                        rerun_now = self.tick();
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            };
            rerun_now = false;
            // Coalesce everything queued so far into one step, deferred
            // values first (they were committed before anything queued).
            let mut events = match self.shared.deferred.lock() {
                Ok(mut d) => std::mem::take(&mut *d),
                Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
            };
            let mut shutdown = false;
            let mut reset = false;
            let mut newest = 0;
            for cmd in first.into_iter().chain(self.rx.try_iter()) {
                match cmd {
                    Cmd::Events(seq, e) => {
                        newest = newest.max(seq);
                        events.extend(e);
                    }
                    Cmd::ResetSession(seq) => {
                        newest = newest.max(seq);
                        reset = true;
                    }
                    Cmd::Shutdown => shutdown = true,
                }
            }
            if shutdown {
                break;
            }
            if reset {
                self.session.state_mut().reset();
                if let Some(p) = &self.options.persister
                    && let Err(e) = p.clear()
                {
                    self.notice(e.to_string());
                }
            }
            // Only commands newer than these interrupt the run (EX-11).
            self.shared.sync(SyncPoint::Took(newest));
            self.shared.interrupt.start(newest);
            self.shared.running.store(true, Ordering::SeqCst);
            let scope = self.session.step_scope(&events);
            // Nothing runs when the user only closed a dialog: one
            // publication, the tree without it (no frame shows it again).
            let runs_nothing = scope == StepScope::Fragments(Vec::new());
            // A fragment step runs like a full one (running indicator, live
            // partial trees), but leaves the rest of the page as it is:
            // nothing outside its fragment looks stale (FR-1).
            let within = self.session.stale_within(&scope);
            self.set_scope(Some(scope));
            if !runs_nothing {
                self.publish_within(true, within);
            }
            let report = self.session.handle(events);
            self.set_scope(None);
            if report.end == RunEnd::Interrupted {
                // A newer command is queued: the next run starts at once.
                // Stay "running" so the indicator does not flicker and
                // nothing stale is published.
                rerun_now = true;
                continue;
            }
            self.shared.running.store(false, Ordering::SeqCst);
            self.last_end = Some(report.end);
            self.publish(false);
            if !self.session.retired_is_large() {
                self.session.release_retired();
            }
            self.shared.sync(SyncPoint::Ended);
            if self.options.persister.is_some() && self.session.state().is_dirty() {
                save_pending = true;
            }
        }
        self.shared.running.store(false, Ordering::SeqCst);
        let _ = self.exit.send(Exit::Saving);
        self.save();
    }

    /// Drops what the last step replaced once the window has had time to
    /// take the new tree, when that is a large page's (milliseconds of
    /// freeing): a window woken to draw waits for a core while this thread
    /// is busy on a loaded machine (measured: 1.3 ms of a 10,000-element
    /// page's event → tree seen). A command that comes first is returned
    /// (the step drops them before it runs).
    fn release_when_drawn(&mut self) -> Option<Cmd> {
        const GRACE: Duration = Duration::from_millis(4);
        if !self.session.retired_is_large() {
            return None;
        }
        match self.rx.recv_timeout(GRACE) {
            Ok(cmd) => Some(cmd),
            Err(_) => {
                self.session.release_retired();
                None
            }
        }
    }

    /// Records a problem for the window (once: a problem that repeats, such
    /// as a save that keeps failing the same way, is shown once) and for
    /// stderr, where it outlives the window.
    pub(super) fn notice(&mut self, text: String) {
        if self.notices.contains(&text) {
            return;
        }
        eprintln!("brook: {text}");
        self.notices.push(text);
    }

    pub(super) fn restore(&mut self) {
        let Some(p) = &self.options.persister else {
            return;
        };
        let loaded = p.load();
        let notices = p.take_notices();
        match loaded {
            Ok(Some(values)) => {
                self.session.state_mut().import_raw(values);
                self.session.state_mut().mark_saved();
            }
            Ok(None) => {}
            Err(e) => self.notice(e.to_string()),
        }
        for notice in notices {
            self.notice(notice);
        }
    }

    pub(super) fn save(&mut self) {
        let Some(p) = &self.options.persister else {
            return;
        };
        if !self.session.state().is_dirty() {
            return;
        }
        // A value that cannot be saved is reported, never dropped in silence.
        let export = self.session.state().export();
        let mut problems: Vec<String> = export.unsaved.iter().map(ToString::to_string).collect();
        let saved = p.save(&export.values);
        problems.extend(p.take_notices());
        match saved {
            Ok(()) => self.session.state_mut().mark_saved(),
            Err(e) => problems.push(e.to_string()),
        }
        // Each problem once (`notice`), not once per save.
        let known = self.notices.len();
        for problem in problems {
            self.notice(problem);
        }
        if self.notices.len() > known {
            self.publish(false);
        }
    }

    pub(super) fn publish(&mut self, running: bool) {
        self.publish_within(running, None);
    }

    /// Publishes the session's tree; `within`: where a fragment step in
    /// progress may show stale elements (see [`Published::within`]).
    pub(super) fn publish_within(
        &mut self,
        running: bool,
        within: Option<Arc<[crate::tree::NodeId]>>,
    ) {
        let generation = self.shared.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let status = self
            .session
            .status()
            .lock()
            .map(|s| s.clone())
            .unwrap_or_default();
        let published = Published {
            tree: self.session.tree().clone(),
            running,
            run_started: running.then(|| self.session.options().clock.now()),
            generation,
            status,
            pages: self.session.page_names().to_vec(),
            page: self.session.page(),
            last_end: self.last_end,
            notices: self.notices.clone(),
            fresh: None,
            within,
            live: 0,
        };
        let old = match self.shared.published.lock() {
            Ok(mut p) => Some(std::mem::replace(&mut *p, Arc::new(published))),
            Err(_) => None,
        };
        (self.waker)();
        // The previous tree goes back to the session once the window is
        // woken, even while the window still holds it: the session keeps
        // it until the window lets go, then its node list serves the next
        // run (so neither thread frees a large tree at once).
        if let Some(old) = old {
            let tree = old.tree.clone();
            drop(old);
            self.session.recycle_tree(tree);
        }
    }
}
