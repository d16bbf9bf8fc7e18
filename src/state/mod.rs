//! `SessionState`: one session's values, typed, surviving reruns (and, for
//! serialisable values, restarts).
//!
//! Widgets with a `key` keep their value here under that key (WS-4); values
//! the page sets live beside them. Every read returns a copy (WS-4: mutating a
//! returned value does not change the state); [`SessionState::update`]
//! mutates in place.

pub(crate) mod persist;
pub(crate) mod run_set;
mod value;
mod widgets;

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::tree::WidgetId;

pub use value::{AnyValue, StateValue};
pub(crate) use value::{DynValue, Opaque, Ser, Slot};
pub(crate) use widgets::{Registered, Registration};

/// Who last wrote a key: user code, or the widget bound to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Owner {
    User,
    Widget(WidgetId),
}

#[derive(Clone)]
pub(crate) struct Entry {
    pub(crate) slot: Slot,
    pub(crate) owner: Owner,
    /// A widget with `persist_state(true)` keeps its value while hidden.
    pub(crate) persist: bool,
    /// Owned by a widget, registered last in this run (0: not yet): what
    /// end-of-run cleanup looks at (WS-9). `None` for a value user code
    /// assigned last.
    pub(crate) widget_run: Option<u64>,
}

/// One session's values. Reached from a page as `st.state()`.
///
/// ```
/// # brook::__doc_page(|st| {
/// st.state().init("count", || 0_i64);
/// st.state().update("count", |n: &mut i64| *n += 1)?;
/// assert_eq!(st.state().get::<i64>("count")?, 1);
/// # Ok(()) });
/// ```
#[derive(Clone, Default)]
pub struct SessionState {
    /// User keys, keyed widgets' keys, and unkeyed widgets' ids (`$$ID-...`),
    /// in the order they were first set: a page's widgets in page order.
    entries: run_set::OrderedMap<Entry>,
    /// Where the run's next widget entry probably is (`register_widget`).
    cursor: run_set::Cursor,
    /// The entries widgets own (`Entry::widget_run` set): what cleanup
    /// looks at, and not at all when the run registered every one.
    owned: widgets::Owned,
    /// Counts runs (`begin_run`).
    run: u64,
    /// Entries holding a button's one-shot trigger (reset after each run).
    triggers: run_set::FastSet<String>,
    /// Keys assigned by user code since the run started (Streamlit's
    /// "new session state"): WS-5, WS-7 and cleanup read it.
    assigned_this_run: run_set::RunSet,
    /// Keys of widgets (and forms) created in this run: assigning them is WS-6.
    instantiated: run_set::RunSet,
    /// Element keys (widgets, forms, fragments) used in this run: a key may
    /// name one element per run (WS-3).
    element_keys: run_set::RunSet,
    /// Keys of buttons and forms: read-only through the state API (WS-7).
    read_only: run_set::FastSet<String>,
    /// Refuse `set_any` (runner.enforce_serializable_session_state).
    enforce_serializable: bool,
    /// Changed since the last save.
    dirty: bool,
    /// Server-log warnings (WS-5), drained by the session.
    warnings: Vec<String>,
}

impl std::fmt::Debug for SessionState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.user_entries().map(|(k, e)| (k, e.slot.to_json())))
            .finish()
    }
}

fn is_widget_id(key: &str) -> bool {
    key.starts_with("$$ID")
}

fn check_key(key: &str) -> Result<()> {
    if key.is_empty() {
        return Err(Error::EmptyKey);
    }
    if is_widget_id(key) {
        return Err(Error::ReservedKey {
            key: key.to_owned(),
        });
    }
    Ok(())
}

fn downcast<'a, T: 'static>(key: &str, v: &'a dyn DynValue) -> Result<&'a T> {
    v.as_any()
        .downcast_ref::<T>()
        .ok_or_else(|| Error::WrongType {
            key: key.to_owned(),
            expected: crate::error::type_name::<T>(),
            found: crate::error::display_type_name(v.type_name()),
        })
}

impl SessionState {
    /// An empty state.
    pub fn new() -> Self {
        Self::default()
    }

    fn user_entries(&self) -> impl Iterator<Item = (&run_set::Key, &Entry)> {
        self.entries.iter().filter(|(k, _)| !is_widget_id(k))
    }

    /// A copy of the value under `key`.
    ///
    /// Errors: [`Error::MissingKey`] when absent, [`Error::WrongType`] when the
    /// key holds another type, [`Error::Decode`] when a value restored from
    /// disk no longer decodes as `T` (it is kept on disk).
    pub fn get<T: StateValue>(&self, key: &str) -> Result<T> {
        self.with(key, T::clone)
    }

    /// A copy of a value stored with [`set_any`](Self::set_any) (or any value).
    pub fn get_any<T: Clone + 'static>(&self, key: &str) -> Result<T> {
        let entry = self.entry(key)?;
        match entry.slot.value() {
            Some(v) => downcast::<T>(key, v).cloned(),
            None => Err(Error::WrongType {
                key: key.to_owned(),
                expected: crate::error::type_name::<T>(),
                found: "<saved value>".to_owned(),
            }),
        }
    }

    /// The value under `key`, or `default` when the key is absent. A key that
    /// holds another type is still an error.
    pub fn get_or<T: StateValue>(&self, key: &str, default: T) -> Result<T> {
        match self.get(key) {
            Err(Error::MissingKey { .. }) => Ok(default),
            other => other,
        }
    }

    /// Calls `f` with a reference to the value, without copying it.
    pub fn with<T: StateValue, R>(&self, key: &str, f: impl FnOnce(&T) -> R) -> Result<R> {
        let entry = self.entry(key)?;
        let v = Self::typed::<T>(key, &entry.slot)?;
        Ok(f(downcast::<T>(key, v)?))
    }

    fn entry(&self, key: &str) -> Result<&Entry> {
        self.entries.get(key).ok_or_else(|| Error::MissingKey {
            key: key.to_owned(),
        })
    }

    /// The slot's value, decoding a restored value as `T` at its first read.
    fn typed<'a, T: StateValue>(key: &str, slot: &'a Slot) -> Result<&'a dyn DynValue> {
        match slot {
            Slot::Live(v) => Ok(v.as_ref()),
            Slot::Raw { ron, decoded } => {
                if let Some(v) = decoded.get() {
                    return Ok(v.as_ref());
                }
                let value: T = ron::from_str(ron).map_err(|e| Error::Decode {
                    key: key.to_owned(),
                    expected: crate::error::type_name::<T>(),
                    reason: e.to_string(),
                })?;
                Ok(decoded.get_or_init(|| Box::new(Ser(value))).as_ref())
            }
        }
    }

    /// Whether `key` is in the state (widget keys included, WS-4).
    pub fn contains(&self, key: &str) -> bool {
        !is_widget_id(key) && self.entries.contains_key(key)
    }

    /// The user-visible keys, sorted.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.user_entries().map(|(k, _)| k.to_string()).collect();
        keys.sort_unstable();
        keys
    }

    /// Number of user-visible keys.
    pub fn len(&self) -> usize {
        self.user_entries().count()
    }

    /// True when no user-visible key is set.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Stores `value` under `key`; it persists across restarts when session
    /// persistence is on.
    ///
    /// Inside a run an invalid assignment raises (stops the run with an
    /// exception element, like Streamlit): the empty key, a `$$ID` key,
    /// the key of a widget already created in this run (WS-6). Use
    /// [`try_set`](Self::try_set) to handle the error instead.
    #[track_caller]
    pub fn set<T: StateValue>(&mut self, key: &str, value: T) {
        if let Err(e) = self.try_set(key, value) {
            crate::session::raise(e);
        }
    }

    /// [`set`](Self::set), returning the error instead of raising it.
    pub fn try_set<T: StateValue>(&mut self, key: &str, value: T) -> Result<()> {
        self.assign(key, Slot::live(value))
    }

    /// Stores any `Clone + Send` value, serialisable or not (never saved to
    /// disk). Refused when `runner.enforce_serializable_session_state` is on
    /// (departure 4): the error names the key and type, and nothing already
    /// stored is lost.
    #[track_caller]
    pub fn set_any<T: AnyValue>(&mut self, key: &str, value: T) {
        if let Err(e) = self.try_set_any(key, value) {
            crate::session::raise(e);
        }
    }

    /// [`set_any`](Self::set_any), returning the error instead of raising it.
    pub fn try_set_any<T: AnyValue>(&mut self, key: &str, value: T) -> Result<()> {
        if self.enforce_serializable {
            check_key(key)?;
            return Err(Error::Unserializable {
                key: key.to_owned(),
                type_name: crate::error::type_name::<T>(),
            });
        }
        self.assign(key, Slot::Live(Box::new(Opaque(value))))
    }

    fn assign(&mut self, key: &str, slot: Slot) -> Result<()> {
        check_key(key)?;
        if !self.instantiated.is_empty() && self.instantiated.contains(key) {
            return Err(if self.read_only.contains(key) {
                Error::ValueAssignmentNotAllowed {
                    key: key.to_owned(),
                }
            } else {
                Error::WidgetAlreadyInstantiated {
                    key: key.to_owned(),
                }
            });
        }
        // Overwrite in place when the key exists: no allocation for the key.
        // User code that assigns a widget's key takes it from the widget.
        if let Some(e) = self.entries.get_mut(key) {
            e.slot = slot;
            e.owner = Owner::User;
            self.owned.stamp(self.run, key, &mut e.widget_run, None);
        } else {
            self.entries.insert(
                key.into(),
                Entry {
                    slot,
                    owner: Owner::User,
                    persist: false,
                    widget_run: None,
                },
            );
        }
        self.assigned_this_run.insert(key);
        self.dirty = true;
        Ok(())
    }

    /// Sets `key` to `init()` unless it is already set (Streamlit's
    /// `if key not in st.session_state: ...`).
    #[track_caller]
    pub fn init<T: StateValue>(&mut self, key: &str, init: impl FnOnce() -> T) {
        if !self.contains(key) {
            self.set(key, init());
        }
    }

    /// Mutates the value under `key` in place.
    pub fn update<T: StateValue, R>(
        &mut self,
        key: &str,
        f: impl FnOnce(&mut T) -> R,
    ) -> Result<R> {
        check_key(key)?;
        if self.instantiated.contains(key) {
            return Err(Error::WidgetAlreadyInstantiated {
                key: key.to_owned(),
            });
        }
        let entry = self.entries.get_mut(key).ok_or_else(|| Error::MissingKey {
            key: key.to_owned(),
        })?;
        // Decode a restored value first, then work on a live one.
        if let Slot::Raw { .. } = entry.slot {
            let v = Self::typed::<T>(key, &entry.slot)?;
            entry.slot = Slot::Live(v.clone_box());
        }
        let Slot::Live(v) = &mut entry.slot else {
            return Err(Error::MissingKey {
                key: key.to_owned(),
            });
        };
        let found = v.type_name();
        let value = v
            .as_any_mut()
            .downcast_mut::<T>()
            .ok_or_else(|| Error::WrongType {
                key: key.to_owned(),
                expected: crate::error::type_name::<T>(),
                found: crate::error::display_type_name(found),
            })?;
        let out = f(value);
        entry.owner = Owner::User;
        self.owned.stamp(self.run, key, &mut entry.widget_run, None);
        self.assigned_this_run.insert(key);
        self.dirty = true;
        Ok(out)
    }

    /// Removes `key` (Streamlit's `del st.session_state[key]`). A keyed widget
    /// starts again from its default at its next run.
    pub fn remove(&mut self, key: &str) -> Result<()> {
        check_key(key)?;
        let Some(mut gone) = self.entries.swap_remove(key) else {
            return Err(Error::MissingKey {
                key: key.to_owned(),
            });
        };
        self.owned.stamp(self.run, key, &mut gone.widget_run, None);
        self.assigned_this_run.remove(key);
        self.dirty = true;
        Ok(())
    }

    /// Removes every user-visible key (Streamlit's `st.session_state.clear()`).
    pub fn clear(&mut self) {
        self.entries.retain(|k, _| is_widget_id(k));
        self.recount_owned();
        self.assigned_this_run.clear();
        self.dirty = true;
    }

    /// Forgets everything: user keys and every widget's value, keyed or not
    /// (the menu's "Reset session"); widgets start again from their
    /// defaults.
    ///
    /// ```
    /// let mut state = brook::SessionState::new();
    /// state.try_set("n", 1_i64)?;
    /// state.reset();
    /// assert!(state.is_empty() && state.export_serializable().is_empty());
    /// # Ok::<(), brook::Error>(())
    /// ```
    pub fn reset(&mut self) {
        self.entries.clear();
        self.owned = widgets::Owned::default();
        self.triggers.clear();
        self.assigned_this_run.clear();
        self.dirty = true;
    }

    /// The user-visible state as JSON, keys sorted (values stored with
    /// `set_any` show as `"<TypeName>"`).
    pub fn to_json(&self) -> serde_json::Value {
        let map: BTreeMap<&str, serde_json::Value> = self
            .user_entries()
            .map(|(k, e)| (k.as_str(), e.slot.to_json()))
            .collect();
        serde_json::to_value(map).unwrap_or_default()
    }

    /// Every serialisable user-visible value as RON, for saving to disk.
    /// A value that cannot be encoded is left out: [`export`](Self::export)
    /// says which and why.
    pub fn export_serializable(&self) -> BTreeMap<String, String> {
        self.export().values
    }

    /// Every serialisable user-visible value as RON, for saving to disk,
    /// and the values that cannot be saved (key, type and reason), so none
    /// is dropped in silence. Values stored with
    /// [`set_any`](Self::set_any) are never saved and not listed.
    ///
    /// ```
    /// let mut state = brook::SessionState::new();
    /// state.try_set("n", 5_i64)?;
    /// let export = state.export();
    /// assert_eq!(export.values["n"], "5");
    /// assert!(export.unsaved.is_empty());
    /// # Ok::<(), brook::Error>(())
    /// ```
    pub fn export(&self) -> StateExport {
        let mut export = StateExport::default();
        // User keys, and unkeyed widgets' values too: everything the user
        // chose survives a restart (`app::nav` states the rule).
        let saved = self
            .entries
            .iter()
            .filter(|(k, e)| !is_widget_id(k) || matches!(e.owner, Owner::Widget(_)));
        for (key, entry) in saved {
            match entry.slot.to_ron() {
                Some(Ok(ron)) => {
                    export.values.insert(key.to_string(), ron);
                }
                Some(Err(reason)) => export.unsaved.push(Error::Unsaved {
                    key: key.to_string(),
                    type_name: entry.slot.type_name(),
                    reason,
                }),
                None => {}
            }
        }
        export.unsaved.sort_by_key(ToString::to_string);
        export
    }

    /// Restores saved values; each is decoded at its first typed read.
    /// Keys already set are left alone.
    pub fn import_raw(&mut self, values: BTreeMap<String, String>) {
        for (key, ron) in values {
            if self.entries.contains_key(key.as_str()) {
                continue;
            }
            // An unkeyed widget's value (`$$ID-...`) belongs to that widget
            // again; like any widget value, it goes if the widget is not
            // drawn in the next completed run (WS-9).
            let (owner, widget_run) = if is_widget_id(&key) {
                // Run 0: not registered in any run yet.
                self.owned.stamp(self.run, &key, &mut None, Some(0));
                (Owner::Widget(WidgetId::new(&key)), Some(0))
            } else if check_key(&key).is_ok() {
                (Owner::User, None)
            } else {
                continue;
            };
            self.entries.insert(
                key.into(),
                Entry {
                    slot: Slot::Raw {
                        ron,
                        decoded: std::cell::OnceCell::new(),
                    },
                    owner,
                    persist: false,
                    widget_run,
                },
            );
        }
    }

    /// True when values changed since [`mark_saved`](Self::mark_saved).
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Records that the current values were saved.
    pub fn mark_saved(&mut self) {
        self.dirty = false;
    }

    pub(crate) fn set_enforce_serializable(&mut self, on: bool) {
        self.enforce_serializable = on;
    }

    pub(crate) fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }
}

/// What [`SessionState::export`] found to save.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct StateExport {
    /// Key → the value as RON.
    pub values: BTreeMap<String, String>,
    /// [`Error::Unsaved`] for each value that cannot be encoded, by key.
    pub unsaved: Vec<Error>,
}
