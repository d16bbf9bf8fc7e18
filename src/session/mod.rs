//! The sans-IO core: one session's state, its runs and their outcome.
//!
//! [`Session::handle`] is one synchronous step (EX-3): apply the events, run
//! the callbacks of changed widgets, run the page (again, while it calls
//! `st.rerun()`), clean up widgets that were not drawn, and publish the new
//! tree. It knows nothing of windows or threads: the runner calls it on the
//! script thread; `AppTest` calls it directly.

mod backtrace;
mod call;
mod children;
mod form;
pub(crate) mod fragment;
mod live;
pub(crate) mod nav;
mod pace;
mod recycle;
pub(crate) mod run;
mod unwind;

use std::any::Any;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use crate::clock::SharedClock;
use crate::config::{Config, ShowErrorDetails};
use crate::error::Error;
use crate::runtime::{Interrupt, RunContext, SessionId};
use crate::st::St;
use crate::state::SessionState;
use crate::tree::{Event, Tree};

pub(crate) use call::exception_info;
use call::{Outcome, call, push_exception};
pub use fragment::{FragmentError, FragmentInfo, StepScope};
pub use live::{Live, LiveTree, overlay};
use run::{Builder, Callback, Run, Widgets};
pub use unwind::RerunScope;
pub(crate) use unwind::{Unwind, raise, raise_interrupt, raise_rerun, raise_stop};

/// What a page or callback may return: `()` or any `Result<(), E>` whose
/// error can be shown (`brook::Result`, `anyhow::Result`, `Box<dyn Error>`).
pub trait IntoPageResult {
    /// The error to show, if any.
    fn into_page_result(self) -> Result<(), Error>;
}

impl IntoPageResult for () {
    fn into_page_result(self) -> Result<(), Error> {
        Ok(())
    }
}

impl<E: std::fmt::Display + 'static> IntoPageResult for Result<(), E> {
    fn into_page_result(self) -> Result<(), Error> {
        self.map_err(|e| {
            if let Some(err) = (&e as &dyn Any).downcast_ref::<Error>() {
                return err.clone();
            }
            Error::Page {
                type_name: crate::error::type_name::<E>(),
                message: e.to_string(),
            }
        })
    }
}

/// A page: a name and the function that draws it.
#[derive(Clone)]
pub struct Page {
    pub(crate) name: String,
    pub(crate) func: Callback,
    /// Navigation extras (icon, url path, default): see `st/page.rs`.
    pub(crate) meta: crate::st::PageMeta,
}

impl Page {
    /// A page named `name` drawn by `f`.
    pub fn new<F, R>(name: impl Into<String>, f: F) -> Self
    where
        F: Fn(&mut St<'_>) -> R + Send + Sync + 'static,
        R: IntoPageResult,
    {
        Self {
            name: name.into(),
            func: Arc::new(move |st: &mut St<'_>| f(st).into_page_result()),
            meta: crate::st::PageMeta::default(),
        }
    }

    /// The page's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl std::fmt::Debug for Page {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Page")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// Options of a session.
#[derive(Debug, Clone)]
pub struct SessionOptions {
    /// Time source (virtual in tests).
    pub clock: SharedClock,
    /// Refuse non-serialisable values (`runner.enforce_serializable_session_state`).
    pub enforce_serializable: bool,
    /// How much exception detail to show.
    pub error_details: ShowErrorDetails,
    /// Stop a run that calls `st.rerun()` more than this many times in a row
    /// (`None`: never; the desktop runner interrupts instead).
    pub max_reruns: Option<usize>,
}

impl SessionOptions {
    /// The options `config` sets (`runner.enforce_serializable_session_state`,
    /// `client.show_error_details`), with the system clock.
    pub fn from_config(config: &Config) -> Self {
        Self {
            enforce_serializable: config.runner.enforce_serializable_session_state,
            error_details: config.client.show_error_details,
            ..Self::default()
        }
    }
}

impl Default for SessionOptions {
    fn default() -> Self {
        Self {
            clock: crate::clock::system(),
            enforce_serializable: false,
            error_details: ShowErrorDetails::default(),
            max_reruns: None,
        }
    }
}

/// What kind of execution a step performed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Execution {
    /// The whole page.
    Full,
    /// One fragment.
    Fragment,
}

/// How a step's last run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunEnd {
    /// The page returned normally.
    Completed,
    /// `st.stop()` (EX-9).
    Stopped,
    /// An error or panic, shown as an exception element (EX-10).
    Exception,
    /// A newer event interrupted the run (EX-11): nothing was published.
    Interrupted,
}

/// The outcome of [`Session::handle`].
#[derive(Debug, Clone)]
pub struct RunReport {
    /// One entry per page execution (reruns loop, EX-6).
    pub executions: Vec<Execution>,
    /// How the last execution ended.
    pub end: RunEnd,
    /// The tree now on screen.
    pub tree: Arc<Tree>,
}

/// One user's session: pages, state, and the last run's tree and widgets.
pub struct Session {
    id: SessionId,
    page_names: Arc<[String]>,
    page: usize,
    state: SessionState,
    widgets: Widgets,
    tree: Arc<Tree>,
    options: SessionOptions,
    interrupt: Arc<Interrupt>,
    status: Arc<Mutex<Vec<String>>>,
    generation: u64,
    warnings: Vec<String>,
    live: Option<Arc<Live>>,
    /// The previous run's widget registry, kept to be dropped after the
    /// new tree is published ([`release_retired`](Self::release_retired)).
    retired: Option<Widgets>,
    /// Buffers of earlier runs for the next run (`recycle`).
    spare: recycle::Spare,
    /// A tree the runner replaced, kept to be dropped with the retired
    /// registry ([`release_retired`](Self::release_retired)), or, while the
    /// window still holds it, until the window has let go.
    retired_tree: Option<Arc<Tree>>,
    /// The page's fragments, their widgets and timers (FR-1..FR-9).
    fragments: fragment::Registry,
    /// Page navigation: what runs, and which page the next run shows.
    nav: nav::SessionNav,
}

impl Drop for Session {
    /// A session that ends drops its entries in session-scoped caches (CA-11).
    fn drop(&mut self) {
        crate::cache::drop_session(self.id);
    }
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("id", &self.id)
            .field("pages", &self.page_names)
            .field("page", &self.page)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// A session over `pages` (at least one; the first is shown first).
    pub fn new(pages: Vec<Page>, options: SessionOptions) -> Self {
        let page_names: Arc<[String]> = pages.iter().map(|p| p.name.clone()).collect();
        let mut state = SessionState::new();
        state.set_enforce_serializable(options.enforce_serializable);
        Self {
            id: SessionId::next(),
            page_names,
            page: 0,
            state,
            widgets: Widgets::default(),
            tree: Arc::new(Tree::default()),
            options,
            interrupt: Arc::default(),
            status: Arc::new(Mutex::new(Vec::new())),
            generation: 0,
            warnings: Vec::new(),
            live: None,
            retired: None,
            spare: recycle::Spare::default(),
            retired_tree: None,
            fragments: fragment::Registry::default(),
            nav: nav::SessionNav::new(&pages),
        }
    }

    /// This session's id.
    pub fn id(&self) -> SessionId {
        self.id
    }

    /// The session state.
    pub fn state(&self) -> &SessionState {
        &self.state
    }

    /// The session state, to seed or inspect between runs.
    pub fn state_mut(&mut self) -> &mut SessionState {
        &mut self.state
    }

    /// The tree on screen.
    pub fn tree(&self) -> &Arc<Tree> {
        &self.tree
    }

    /// Page names, in order.
    pub fn page_names(&self) -> &[String] {
        &self.page_names
    }

    /// The index of the page shown.
    pub fn page(&self) -> usize {
        self.page
    }

    /// Shows page `index` (of the page names) from the next run on (dev
    /// mode's new build opens on the page the old one showed); an index
    /// past the last page is ignored.
    pub fn set_page(&mut self, index: usize) {
        if let Some(name) = self.page_names.get(index) {
            self.nav.requested = Some(name.clone());
            self.page = index;
        }
    }

    /// Sets what every run starts from before `st.set_page_config`: the
    /// title, icon, layout and sidebar state the app was built with.
    pub fn set_page_defaults(&mut self, defaults: crate::tree::PageSettings) {
        self.nav.defaults = defaults;
    }

    /// Asks the next run to show the page with this url path or title (how
    /// a restart brings back the page the user was on). An unknown page
    /// falls back to the default page.
    pub fn request_page(&mut self, page: impl Into<String>) {
        self.nav.requested = Some(page.into());
    }

    /// What a runner sets to interrupt the run in progress (EX-11).
    pub fn interrupt(&self) -> Arc<Interrupt> {
        self.interrupt.clone()
    }

    /// Spinner texts of the run in progress (CA-15).
    pub fn status(&self) -> Arc<Mutex<Vec<String>>> {
        self.status.clone()
    }

    /// The options.
    pub fn options(&self) -> &SessionOptions {
        &self.options
    }

    /// Server-log warnings emitted so far (WS-5), drained.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    fn begin_run(&mut self, with_widget_states: bool) -> Run {
        self.generation += 1;
        if let Some(live) = &self.live {
            live.begin(); // frames drawn before this run do not count
        }
        let mut state = std::mem::take(&mut self.state);
        state.begin_run(with_widget_states);
        Run {
            state,
            builder: Builder::with_hint(&self.tree, self.nav.defaults.clone(), &mut self.spare),
            widgets: self.spare.registry(self.widgets.len()),
            ctx: RunContext {
                clock: self.options.clock.clone(),
                session: self.id,
                interrupt: self.interrupt.clone(),
                status: self.status.clone(),
            },
            nav: self.nav.for_run(&self.tree),
            generation: self.generation,
            recordings: Vec::new(),
            live: self.live.clone(),
            previous: self.tree.clone(),
            frag: fragment::scope::Scope::full(self.fragments.keys()),
        }
    }

    /// Drops what the last run replaced (its predecessor's widget
    /// registry). The runner calls it once the new tree is published, so a
    /// large page's clean-up is not between an event and its frame; `handle`
    /// calls it too, first thing.
    pub(crate) fn release_retired(&mut self) {
        if let Some(retired) = self.retired.take() {
            self.spare.give_registry(retired);
        }
        // A tree the window still holds stays for a later call: the window
        // lets go at its next frame, and by the next event it has (so its
        // list serves the next run, and the window never frees it).
        if let Some(tree) = self.retired_tree.take_if(|t| Arc::strong_count(t) == 1) {
            self.spare.give_tree(tree);
        }
    }

    /// Keeps a tree this session published (the runner, once the window
    /// has a newer one, even if the window still draws it) to be dropped by
    /// [`release_retired`](Self::release_retired); its node list serves
    /// the next run once nobody else holds the tree (`recycle`).
    pub(crate) fn recycle_tree(&mut self, tree: Arc<Tree>) {
        if Arc::ptr_eq(&tree, &self.tree) {
            return; // still the session's tree: recycled once replaced
        }
        if let Some(earlier) = self.retired_tree.replace(tree) {
            self.spare.give_tree(earlier);
        }
    }

    /// True when what [`release_retired`](Self::release_retired) would drop
    /// takes long enough (a large page's tree or registry, about a
    /// millisecond) that the runner waits until the window has taken the
    /// new tree.
    pub(crate) fn retired_is_large(&self) -> bool {
        const LARGE: usize = 512;
        self.retired.as_ref().is_some_and(|w| w.len() >= LARGE)
            || self
                .retired_tree
                .as_ref()
                .is_some_and(|t| t.main.len() >= LARGE && Arc::strong_count(t) == 1)
    }

    /// Publishes each run's partial tree to `live` while it is in progress
    /// (`None`: only finished runs are seen, through [`tree`](Self::tree)).
    pub fn set_live(&mut self, live: Option<Arc<Live>>) {
        self.live = live;
    }

    /// One step (EX-3): apply `events`, run callbacks, run the page, and
    /// publish the tree. An empty `events` is a plain rerun (the first run
    /// of a session, or the menu's Rerun).
    ///
    /// Events that all belong to widgets inside fragments (or name
    /// fragments: timers, dialogs) run only those fragments (FR-1, FR-6).
    pub fn handle(&mut self, events: Vec<Event>) -> RunReport {
        self.release_retired();
        match self.route(events) {
            fragment::Route::Full { events, callbacks } => {
                self.run_full(Some(events), callbacks, Vec::new())
            }
            fragment::Route::Fragments { plan, close } => self.handle_fragments(plan, close),
        }
    }

    /// A full run (EX-3). `events: None` is a rerun asked by code: no
    /// widget states, no callbacks. `extra` callbacks run first (a dialog's
    /// `on_dismiss`).
    fn run_full(
        &mut self,
        events: Option<Vec<Event>>,
        extra: Vec<Callback>,
        mut executions: Vec<Execution>,
    ) -> RunReport {
        for event in events.iter().flatten() {
            if let Event::SwitchPage(i) = event {
                self.nav.switch_to_index(&self.tree, *i);
            }
        }
        let mut run = self.begin_run(events.is_some());
        let mut changed = extra;
        if let Some(events) = &events {
            changed.extend(self.apply_events(&mut run, events));
        }
        executions.push(Execution::Full);

        // EX-3 step 3: callbacks of changed widgets, in tree order.
        run.frag.in_callback = true;
        for callback in changed {
            match call(&mut run, &callback, self.options.error_details) {
                Outcome::Ok | Outcome::Rerun(_) => {}
                Outcome::Stop => return self.finish(run, executions, RunEnd::Stopped),
                Outcome::Exception => return self.finish(run, executions, RunEnd::Exception),
                Outcome::Interrupt => return self.interrupted(run, executions),
            }
        }
        run.frag.in_callback = false;

        // EX-3 step 5: the body, again for each `st.rerun()` (EX-6).
        let mut reruns = 0;
        loop {
            let page = self.nav.entry.clone();
            let end = match call(&mut run, &page, self.options.error_details) {
                Outcome::Ok => RunEnd::Completed,
                Outcome::Stop => RunEnd::Stopped,
                Outcome::Exception => RunEnd::Exception,
                Outcome::Interrupt => return self.interrupted(run, executions),
                Outcome::Rerun(_) => {
                    reruns += 1;
                    if self.options.max_reruns.is_some_and(|max| reruns > max) {
                        push_exception(
                            &mut run,
                            &Error::AppTest(format!(
                                "the page called st.rerun() {reruns} times in a row without settling; \
                                 make the rerun conditional (e.g. on a session state flag)"
                            )),
                            None,
                            self.options.error_details,
                        );
                        return self.finish(run, executions, RunEnd::Exception);
                    }
                    // EX-6: no cleanup for the interrupted run; the next run
                    // has no widget changes.
                    run.state.reset_triggers();
                    self.state = std::mem::take(&mut run.state);
                    self.nav.keep_request(&run.nav);
                    run = self.begin_run(false);
                    executions.push(Execution::Full);
                    continue;
                }
            };
            return self.finish(run, executions, end);
        }
    }

    /// EX-3 step 2 and EX-4: store every committed value, then list the
    /// callbacks of widgets whose value changed (or that were clicked).
    fn apply_events(&mut self, run: &mut Run, events: &[Event]) -> Vec<Callback> {
        let mut changed: Vec<(usize, Option<Callback>)> = Vec::new();
        let submitted = form::submitted(&self.widgets, events);
        for event in events {
            let (id, value) = match event {
                Event::SetValue { id, value } => (id, Some(value)),
                Event::Click { id } => (id, None),
                Event::Rerun
                | Event::SwitchPage(_)
                | Event::RerunFragment(_)
                | Event::CloseDialog(_) => continue,
            };
            let Some(meta) = self.widgets.get(id) else {
                continue; // a widget of an older tree: it no longer exists
            };
            if meta.disabled || form::held_back(meta, &submitted) {
                continue;
            }
            let new = match (value, meta.trigger) {
                // A click is `true`; a trigger with a value (a chat
                // message) carries it for its one run.
                (None, true) => (meta.convert)(&crate::tree::WidgetValue::Bool(true)),
                (Some(v), true) => (meta.convert)(v),
                (Some(v), false) => (meta.convert)(v),
                (None, false) => continue,
            };
            let old = run.state.widget_value(meta.entry_key(), &meta.id);
            let differs =
                meta.trigger || old.is_none_or(|old| !(meta.eq)(old.as_any(), new.as_any()));
            run.state
                .apply_widget_value(meta.entry_key(), &meta.id, new, meta.trigger);
            if differs {
                let pos = self.widgets.position(id);
                changed.retain(|(p, _)| *p != pos);
                changed.push((pos, meta.on_change.clone()));
            }
        }
        changed.sort_by_key(|(pos, _)| *pos);
        changed.into_iter().filter_map(|(_, cb)| cb).collect()
    }

    fn interrupted(&mut self, mut run: Run, executions: Vec<Execution>) -> RunReport {
        run.state.reset_triggers();
        self.fragments.pending_full = true; // FR-6: a full run is still owed
        self.state = std::mem::take(&mut run.state);
        RunReport {
            executions,
            end: RunEnd::Interrupted,
            tree: self.tree.clone(),
        }
    }

    fn finish(&mut self, mut run: Run, executions: Vec<Execution>, end: RunEnd) -> RunReport {
        run.state.reset_triggers();
        if end == RunEnd::Completed {
            // WS-9: only runs that completed clean up.
            run.state.cleanup(&run.widgets, |_| true);
        }
        self.warnings.extend(run.state.take_warnings());
        self.state = std::mem::take(&mut run.state);
        // The retired registry's widgets this run did not drop go now.
        let consumed = std::mem::take(&mut run.widgets.retired);
        self.spare.give_list(consumed.into());
        self.retired = Some(std::mem::replace(
            &mut self.widgets,
            std::mem::take(&mut run.widgets),
        ));
        let (tree, paths) = std::mem::replace(&mut run.builder, Builder::new()).finish_mapped();
        let old = std::mem::replace(&mut self.tree, Arc::new(tree));
        // The run's hold on the old tree goes, so that the old tree's list
        // can serve the next run if nobody else (a window) holds it.
        run.previous = self.tree.clone();
        self.spare.give_tree(old);
        let now = self.options.clock.now();
        self.fragments
            .after_full_run(&run.frag, paths, run.generation, now);
        self.nav.after_run(&run.nav, &self.tree);
        (self.page_names, self.page) = self.nav.names_and_index(&self.tree);
        RunReport {
            executions,
            end,
            tree: self.tree.clone(),
        }
    }
}
