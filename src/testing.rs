//! `AppTest`: run pages headlessly, interact, and inspect what a user would see.
//!
//! Like Streamlit's `AppTest` (AT-1..AT-4): interactions are buffered until
//! [`AppTest::run`], which performs one step synchronously on the calling
//! thread. Unlike it (departure 6), time is a virtual clock you advance.
//! [`AppTest::trace`] records every step in the JSON shape of
//! `shared/conformance`.
//!
//! ```
//! use brook::prelude::*;
//! use brook::testing::AppTest;
//!
//! fn counter(st: &mut St) {
//!     st.state().init("count", || 0_i64);
//!     if st.button("Add") {
//!         st.state().update("count", |n: &mut i64| *n += 1).ok();
//!     }
//!     let n: i64 = st.state().get("count").unwrap_or(0);
//!     st.text(format!("count={n}"));
//! }
//!
//! let mut at = AppTest::new(counter);
//! at.run();
//! at.click("Add").run();
//! assert_eq!(at.texts(), ["count=1"]);
//! ```

mod form;
mod inputs;
mod trace;

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde_json::{Value, json};

mod fragments;
mod live;

use crate::clock::ManualClock;
use crate::session::{IntoPageResult, Page, RunEnd, RunReport, Session, SessionOptions};
use crate::st::St;
use crate::state::{SessionState, StateValue};
use crate::tree::{
    Element, Event, ExceptionInfo, Node, Tree, WidgetKind, WidgetNode, WidgetSpec, WidgetValue,
};

/// The texts (`st.text`) of `tree`, top to bottom, main before sidebar.
pub fn texts_of(tree: &Tree) -> Vec<String> {
    tree.walk()
        .filter_map(|n| match &n.element {
            Element::Text { body } => Some(body.clone()),
            _ => None,
        })
        .collect()
}

mod data;
use data::check_rows;

/// A headless session driven by a test.
pub struct AppTest {
    session: Session,
    clock: ManualClock,
    pending: Vec<Event>,
    actions: Vec<Value>,
    started: bool,
    last: Option<RunReport>,
    steps: Vec<Value>,
    /// Partial trees published by the run in progress (`record_live`).
    live: Option<Arc<std::sync::Mutex<Vec<crate::session::LiveTree>>>>,
    /// Edits inside forms, not submitted yet (FO-2).
    held: Vec<form::Held>,
    /// Forms submitted by the buffered interactions (for FO-9 after the run).
    submitted: Vec<String>,
    /// `run_every` ticks fired so far.
    ticks: u64,
}

pub use form::PendingEdit;

impl std::fmt::Debug for AppTest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppTest")
            .field("session", &self.session)
            .finish_non_exhaustive()
    }
}

impl AppTest {
    /// A test of a single page.
    pub fn new<F, R>(page: F) -> Self
    where
        F: Fn(&mut St<'_>) -> R + Send + Sync + 'static,
        R: IntoPageResult,
    {
        Self::from_pages(vec![Page::new("main", page)])
    }

    /// A test of a multi-page app.
    pub fn from_pages(pages: Vec<Page>) -> Self {
        Self::with_options(pages, SessionOptions::default())
    }

    /// A test whose session follows `config` (AT-1 with a config passed
    /// directly: no file, environment variable or flag is read).
    pub fn with_config(pages: Vec<Page>, config: &crate::config::Config) -> Self {
        Self::with_options(pages, SessionOptions::from_config(config))
    }

    /// A test with explicit session options (the clock is replaced by the
    /// test's virtual clock).
    pub fn with_options(pages: Vec<Page>, mut options: SessionOptions) -> Self {
        let clock = ManualClock::new();
        options.clock = Arc::new(clock.clone());
        if options.max_reruns.is_none() {
            options.max_reruns = Some(1000);
        }
        Self {
            session: Session::new(pages, options),
            clock,
            pending: Vec::new(),
            actions: Vec::new(),
            started: false,
            last: None,
            steps: Vec::new(),
            live: None,
            held: Vec::new(),
            submitted: Vec::new(),
            ticks: 0,
        }
    }

    /// Runs one step with the buffered interactions (the first call is the
    /// session's first run) and records it in the trace.
    pub fn run(&mut self) -> &mut Self {
        let events = std::mem::take(&mut self.pending);
        let actions = std::mem::take(&mut self.actions);
        let actions_empty = actions.is_empty();
        let action = if !self.started {
            json!({"start": true})
        } else {
            match actions.len() {
                0 => json!({"rerun": true}),
                1 => actions.into_iter().next().unwrap_or(Value::Null),
                _ => {
                    json!({"set_many": actions.into_iter().filter_map(|a| a.get("set").cloned()).collect::<Vec<_>>()})
                }
            }
        };
        if self.started && events.is_empty() && !actions_empty {
            // Only edits inside forms: nothing reaches the page (FO-2).
            self.record_step(action, None);
            return self;
        }
        self.started = true;
        if let Some(live) = &self.live
            && let Ok(mut v) = live.lock()
        {
            v.clear();
        }
        let report = self.session.handle(events);
        self.clear_submitted_forms();
        self.record_step(action, Some(&report));
        self.last = Some(report);
        self
    }

    /// Moves the virtual clock forward (ttl, timers). Every `run_every`
    /// tick due on the way fires at its own time, as the window would fire
    /// it, each step recorded as `{"auto_rerun_tick": i}` (departure 6).
    pub fn advance_time(&mut self, by: Duration) -> &mut Self {
        use crate::clock::Clock;
        let end = self.clock.now() + by;
        let mut first_tick = true;
        while self.started
            && let Some(due) = self.session.next_tick()
            && due <= end
        {
            let now = self.clock.now();
            if due > now {
                self.clock.advance(due - now);
            }
            let events = self
                .session
                .take_due()
                .into_iter()
                .map(Event::RerunFragment)
                .collect();
            // `live_trees`: what the ticks of this advance published.
            if std::mem::take(&mut first_tick)
                && let Some(live) = &self.live
                && let Ok(mut v) = live.lock()
            {
                v.clear();
            }
            let action = json!({"auto_rerun_tick": self.ticks});
            self.ticks += 1;
            let report = self.session.handle(events);
            self.record_step(action, Some(&report));
            self.last = Some(report);
        }
        let now = self.clock.now();
        if end > now {
            self.clock.advance(end - now);
        }
        self
    }

    /// The virtual clock.
    pub fn clock(&self) -> &ManualClock {
        &self.clock
    }

    /// The session.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The session, mutably (seed state between runs: AT-1).
    pub fn session_mut(&mut self) -> &mut Session {
        &mut self.session
    }

    /// The tree on screen.
    pub fn tree(&self) -> &Tree {
        self.session.tree()
    }

    /// How the last step ended.
    pub fn last_end(&self) -> Option<RunEnd> {
        self.last.as_ref().map(|r| r.end)
    }

    /// The executions of the last step (one per page run).
    pub fn last_executions(&self) -> usize {
        self.last.as_ref().map_or(0, |r| r.executions.len())
    }

    /// The session state.
    pub fn session_state(&self) -> &SessionState {
        self.session.state()
    }

    /// Reads a state value.
    ///
    /// # Panics
    /// When the key is missing or holds another type (a failed test).
    #[track_caller]
    pub fn state<T: StateValue>(&self, key: &str) -> T {
        match self.session.state().get(key) {
            Ok(v) => v,
            Err(e) => panic!("AppTest: {e}"),
        }
    }

    /// Seeds a state value before a run (AT-1; also seeds keyed widgets).
    pub fn set_state<T: StateValue>(&mut self, key: &str, value: T) -> &mut Self {
        if let Err(e) = self.session.state_mut().try_set(key, value) {
            panic!("AppTest: {e}");
        }
        self
    }

    /// Every exception element on the page.
    pub fn exceptions(&self) -> Vec<&ExceptionInfo> {
        self.tree()
            .walk()
            .filter_map(|n| match &n.element {
                Element::Exception(e) => Some(e),
                _ => None,
            })
            .collect()
    }

    /// Every element of a kind, in render order, by Streamlit's name
    /// (`"text"`, `"slider"`, `"exception"`, `"columns"`, ...: AT-3 `get`).
    pub fn get(&self, kind: &str) -> Vec<&Element> {
        self.tree()
            .walk()
            .map(|n| &n.element)
            .filter(|e| e.kind_name() == kind)
            .collect()
    }

    /// The bodies of every `st.text` element, in order.
    pub fn texts(&self) -> Vec<&str> {
        self.tree()
            .walk()
            .filter_map(|n| match &n.element {
                Element::Text { body } => Some(body.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The bodies of every Markdown element, in order.
    pub fn markdown(&self) -> Vec<&str> {
        self.tree()
            .walk()
            .filter_map(|n| match &n.element {
                Element::Markdown { body } => Some(body.as_str()),
                _ => None,
            })
            .collect()
    }

    /// Every widget, in render order.
    pub fn widgets(&self) -> Vec<&WidgetNode> {
        self.tree().widgets().collect()
    }

    /// The widget with this label (first match).
    ///
    /// # Panics
    /// When no widget has this label.
    #[track_caller]
    pub fn widget(&self, label: &str) -> &WidgetNode {
        match self.find(|w| w.label == label) {
            Some(w) => w,
            None => panic!(
                "AppTest: no widget labelled {label:?}; widgets: {:?}",
                self.labels()
            ),
        }
    }

    /// The widget with this key.
    ///
    /// # Panics
    /// When no widget has this key.
    #[track_caller]
    pub fn widget_by_key(&self, key: &str) -> &WidgetNode {
        match self.find(|w| w.key.as_deref() == Some(key)) {
            Some(w) => w,
            None => panic!("AppTest: no widget with key {key:?}"),
        }
    }

    fn find(&self, pred: impl Fn(&WidgetNode) -> bool) -> Option<&WidgetNode> {
        self.tree().widgets().find(|w| pred(w))
    }

    fn labels(&self) -> Vec<String> {
        self.tree().widgets().map(|w| w.label.clone()).collect()
    }

    /// The value of the widget labelled `label`, as JSON (AT-3 `.value`).
    #[track_caller]
    pub fn value(&self, label: &str) -> Value {
        widget_json_value(self.widget(label))
    }

    /// Clicks the button labelled `label` (AT-4); applied at the next `run`.
    ///
    /// # Panics
    /// When there is no such button, or it is disabled.
    #[track_caller]
    pub fn click(&mut self, label: &str) -> &mut Self {
        let w = self.widget(label).clone();
        if let Err(e) = self.try_click(&w) {
            panic!("AppTest: {e}");
        }
        self
    }

    fn try_click(&mut self, w: &WidgetNode) -> crate::Result<()> {
        check_enabled(w)?;
        if w.kind == WidgetKind::DownloadButton {
            return self.try_download(w).map(|_| ());
        }
        if w.kind != WidgetKind::Button {
            return Err(crate::Error::AppTest(format!(
                "{:?} is a {}, not a button: use set_value",
                w.label,
                w.kind.name()
            )));
        }
        if let Some(form) = &w.form {
            self.send_form(form); // a submit button sends its form (FO-2)
        }
        self.pending.push(Event::Click { id: w.id.clone() });
        self.actions.push(json!({"click": w.label}));
        Ok(())
    }

    /// Sets the value of the widget labelled `label` (AT-4 `set_value`),
    /// given as the page would receive it: a number for sliders, a string for
    /// text inputs, the option itself for selectboxes and radios, a pair for
    /// range sliders. Applied at the next `run`.
    ///
    /// # Panics
    /// When there is no such widget, it is disabled, or the value does not fit.
    #[track_caller]
    pub fn set_value(&mut self, label: &str, value: impl Serialize) -> &mut Self {
        let w = self.widget(label).clone();
        if let Err(e) = self.try_set_value(&w, value) {
            panic!("AppTest: {e}");
        }
        self
    }

    /// [`set_value`](Self::set_value) for the widget with this key.
    #[track_caller]
    pub fn set_value_by_key(&mut self, key: &str, value: impl Serialize) -> &mut Self {
        let w = self.widget_by_key(key).clone();
        if let Err(e) = self.try_set_value(&w, value) {
            panic!("AppTest: {e}");
        }
        self
    }

    fn try_set_value(&mut self, w: &WidgetNode, value: impl Serialize) -> crate::Result<()> {
        check_enabled(w)?;
        let json = serde_json::to_value(value).map_err(|e| crate::Error::AppTest(e.to_string()))?;
        let wv = to_widget_value(w, &json)?;
        if w.form.is_some() {
            self.hold(w, wv, json); // waits for the form's submit (FO-2)
            return Ok(());
        }
        self.pending.push(Event::SetValue {
            id: w.id.clone(),
            value: wv,
        });
        self.actions
            .push(json!({"set": {"widget": w.kind.name(), "label": w.label, "value": json}}));
        Ok(())
    }

    /// Switches to page `index` (of the navigation on screen) at the next run.
    pub fn switch_page(&mut self, index: usize) -> &mut Self {
        self.pending.push(Event::SwitchPage(index));
        self
    }

    /// Switches to the page with this title or url path at the next run,
    /// as a click in the navigation would.
    ///
    /// # Panics
    /// When the navigation on screen has no such page.
    #[track_caller]
    pub fn switch_to(&mut self, page: &str) -> &mut Self {
        let nav = self.tree().nav.as_ref();
        match nav.and_then(|n| n.find(page)) {
            Some(i) => self.switch_page(i),
            None => panic!(
                "AppTest: no page {page:?} in the navigation; pages: {:?}",
                nav.map(|n| n.pages.iter().map(|p| p.title.as_str()).collect::<Vec<_>>())
            ),
        }
    }

    /// The title of the page the last run showed (`None` for an app
    /// without navigation).
    pub fn current_page(&self) -> Option<&str> {
        let nav = self.tree().nav.as_ref()?;
        nav.current_page().map(|p| p.title.as_str())
    }
}

fn check_enabled(w: &WidgetNode) -> crate::Result<()> {
    if w.disabled {
        let key = w
            .key
            .as_deref()
            .map_or("None".to_owned(), |k| format!("'{k}'"));
        return Err(crate::Error::AppTest(format!(
            "Cannot update a disabled {} widget (key={key}). A user cannot interact with a disabled widget.",
            w.kind.name()
        )));
    }
    Ok(())
}

fn to_widget_value(w: &WidgetNode, json: &Value) -> crate::Result<WidgetValue> {
    let bad = || {
        crate::Error::AppTest(format!(
            "{json} is not a valid value for the {} {:?}",
            w.kind.name(),
            w.label
        ))
    };
    if let Some(value) = inputs::to_widget_value(w, json) {
        return value;
    }
    Ok(match (&w.spec, w.kind) {
        (_, WidgetKind::Checkbox | WidgetKind::Toggle | WidgetKind::Button) => {
            WidgetValue::Bool(json.as_bool().ok_or_else(bad)?)
        }
        (
            WidgetSpec::Numeric { integer, .. } | WidgetSpec::Number { integer, .. },
            WidgetKind::RangeSlider,
        ) => {
            let arr = json.as_array().filter(|a| a.len() == 2).ok_or_else(bad)?;
            if *integer {
                WidgetValue::IntRange(
                    arr[0].as_i64().ok_or_else(bad)?,
                    arr[1].as_i64().ok_or_else(bad)?,
                )
            } else {
                WidgetValue::FloatRange(
                    arr[0].as_f64().ok_or_else(bad)?,
                    arr[1].as_f64().ok_or_else(bad)?,
                )
            }
        }
        (WidgetSpec::Numeric { integer, .. } | WidgetSpec::Number { integer, .. }, _) => {
            if *integer {
                WidgetValue::Int(json.as_i64().ok_or_else(bad)?)
            } else {
                WidgetValue::Float(json.as_f64().ok_or_else(bad)?)
            }
        }
        (WidgetSpec::Text { .. }, _) => {
            WidgetValue::Text(json.as_str().ok_or_else(bad)?.to_owned())
        }
        (
            WidgetSpec::Choice {
                values, options, ..
            },
            _,
        ) => {
            let i = values
                .iter()
                .position(|v| v == json)
                .or_else(|| {
                    json.as_str()
                        .and_then(|s| options.iter().position(|o| o == s))
                })
                .ok_or_else(bad)?;
            WidgetValue::Index(i)
        }
        (WidgetSpec::Table(view), WidgetKind::DataEditor) => {
            let edits: crate::table::TableEdits =
                serde_json::from_value(json.clone()).map_err(|_| bad())?;
            edits
                .validate(&view.table)
                .map_err(|e| crate::Error::AppTest(e.to_string()))?;
            WidgetValue::Edits(Box::new(edits))
        }
        (WidgetSpec::Table(view), _) => {
            let rows = json.get("rows").unwrap_or(json);
            let rows: Vec<usize> = serde_json::from_value(rows.clone()).map_err(|_| bad())?;
            check_rows(view, &rows)?;
            WidgetValue::Rows(rows)
        }
        _ => return Err(bad()),
    })
}

pub use trace::widget_json_value;
