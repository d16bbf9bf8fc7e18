//! The run's view of the state (crate-private): widget registration and
//! values (WS-1..WS-9), triggers, claimed keys and end-of-run cleanup.

use std::collections::HashSet;

use super::*;

impl SessionState {
    /// EX-3 step 1: a run starts. A run with widget states (an interaction,
    /// not `st.rerun()`) starts a fresh "assigned this run" set.
    pub(crate) fn begin_run(&mut self, with_widget_states: bool) {
        self.run += 1;
        self.cursor.reset();
        self.instantiated.clear();
        self.element_keys.clear();
        if with_widget_states {
            self.assigned_this_run.clear();
        }
    }

    /// A value committed by the UI for a widget (EX-3 step 2).
    pub(crate) fn apply_widget_value(
        &mut self,
        entry_key: &str,
        id: &WidgetId,
        value: Box<dyn DynValue>,
        trigger: bool,
    ) {
        let owner = Owner::Widget(id.clone());
        match self.entries.get_mut(entry_key) {
            Some(e) => {
                e.slot = Slot::Live(value);
                e.owner = owner;
                e.widget_run.get_or_insert(0);
            }
            None => {
                self.entries.insert(
                    entry_key.into(),
                    Entry {
                        slot: Slot::Live(value),
                        owner,
                        persist: false,
                        widget_run: Some(0),
                    },
                );
            }
        }
        if trigger {
            self.triggers.insert(entry_key.to_owned());
        }
        self.dirty = true;
    }

    /// The current value of a widget's entry, if it is owned by widget `id`.
    pub(crate) fn widget_value(&self, entry_key: &str, id: &WidgetId) -> Option<&dyn DynValue> {
        let e = self.entries.get(entry_key)?;
        matches!(&e.owner, Owner::Widget(w) if w == id)
            .then(|| e.slot.value())
            .flatten()
    }

    /// Registers widget `id` in this run and returns its value (WS-4, WS-5,
    /// WS-8): a value the user assigned wins (validated by `validate`), then
    /// the widget's own value, then `default`.
    ///
    /// Also returns the id as its entry keeps it: equal to `id`, and the same
    /// shared block run after run, so the tree and registry of a run hold
    /// copies of it rather than blocks of their own to free a run later.
    pub(crate) fn register_widget<T: StateValue>(
        &mut self,
        reg: Registration<'_, T>,
    ) -> Result<(T, WidgetId)> {
        let Registration {
            entry_key,
            user_key,
            id,
            default,
            explicit_default,
            read_only,
            persist,
            validate,
        } = reg;
        if let Some(key) = user_key
            && read_only
            && self.assigned_this_run.contains(key)
        {
            return Err(Error::ValueAssignmentNotAllowed {
                key: key.to_owned(),
            });
        }
        // The common case, a widget registered again with its own value,
        // rewrites nothing (no key, value or id is allocated again). One
        // lookup, usually right after the previous widget's (`Cursor`).
        let at = self.cursor.find(&self.entries, entry_key);
        let mut rewrite = true;
        let value = match at.map(|at| &self.entries[at]) {
            Some(e) if e.owner == Owner::User => {
                let v = Self::typed::<T>(entry_key, &e.slot)?;
                let v = downcast::<T>(entry_key, v)?.clone();
                validate(&v)?;
                if explicit_default && self.assigned_this_run.contains(entry_key) {
                    self.warnings.push(format!(
                        "The widget with key \"{entry_key}\" was created with a default value but also had its value set via the Session State API."
                    ));
                }
                v
            }
            Some(e) if matches!(&e.owner, Owner::Widget(w) if **w == *id) => {
                // A value restored from disk is decoded here, at its widget.
                match Self::typed::<T>(entry_key, &e.slot)
                    .map(|v| v.as_any().downcast_ref::<T>().cloned())
                {
                    Ok(Some(v)) => {
                        rewrite = !matches!(e.slot, Slot::Live(_));
                        v
                    }
                    _ => default,
                }
            }
            // Absent, or owned by a widget with other identity parameters
            // (WS-2: a keyed slider whose range changed resets).
            _ => default,
        };
        let shared = match at {
            Some(at) => {
                let e = &mut self.entries[at];
                if rewrite {
                    e.slot = Slot::live(value.clone());
                }
                e.persist = persist;
                e.widget_run = Some(self.run);
                match &e.owner {
                    Owner::Widget(w) if **w == *id => w.clone(),
                    _ => {
                        let id = WidgetId::new(id);
                        e.owner = Owner::Widget(id.clone());
                        id
                    }
                }
            }
            None => {
                let id = WidgetId::new(id);
                let (at, _) = self.entries.insert_full(
                    entry_key.into(),
                    Entry {
                        slot: Slot::live(value.clone()),
                        owner: Owner::Widget(id.clone()),
                        persist,
                        widget_run: Some(self.run),
                    },
                );
                self.cursor.after(at);
                id
            }
        };
        if let Some(key) = user_key {
            self.instantiated.insert(key);
            if read_only && !self.read_only.contains(key) {
                self.read_only.insert(key.to_owned());
            }
        }
        Ok((value, shared))
    }

    /// Replaces a value restored from disk under `entry_key` that no
    /// widget has read yet with what `restore` makes of its saved RON text,
    /// for values whose saved form is more than their encoding (an
    /// uploader's files are re-read from their paths). Live values are left
    /// alone.
    pub(crate) fn restore_raw<T: StateValue>(
        &mut self,
        entry_key: &str,
        restore: impl FnOnce(&str) -> T,
    ) {
        let Some(entry) = self.entries.get_mut(entry_key) else {
            return;
        };
        let Slot::Raw { ron, .. } = &entry.slot else {
            return;
        };
        entry.slot = Slot::live(restore(ron));
        self.dirty = true;
    }

    /// Claims an element key for this run: false when a widget, form or
    /// fragment of this run already has it (WS-3).
    pub(crate) fn claim_key(&mut self, key: &str) -> bool {
        self.element_keys.insert(key)
    }

    /// True when a widget, form or fragment of this run has `key` (WS-3).
    pub(crate) fn key_claimed(&self, key: &str) -> bool {
        self.element_keys.contains(key)
    }

    /// Registers a form's key in this run (FO-8): assigned earlier in the run
    /// it is WS-7's error; assigning it afterwards is WS-6's. A form holds no
    /// value, so reading its key finds nothing.
    pub(crate) fn register_form(&mut self, key: &str) -> Result<()> {
        if self.assigned_this_run.contains(key) {
            return Err(Error::ValueAssignmentNotAllowed {
                key: key.to_owned(),
            });
        }
        self.instantiated.insert(key);
        Ok(())
    }

    /// End of every run: buttons are true for exactly one run (EX-5).
    pub(crate) fn reset_triggers(&mut self) {
        for key in self.triggers.drain() {
            if let Some(e) = self.entries.get_mut(key.as_str())
                && let Some(v) = e.slot.value()
            {
                if v.as_any().is::<bool>() {
                    e.slot = Slot::live(false);
                } else if v.as_any().is::<Option<String>>() {
                    e.slot = Slot::live(None::<String>); // a chat message
                }
            }
        }
    }

    /// WS-9: at the end of a run that completed, widgets not registered in it
    /// lose their value, unless user code assigned their key in this run or
    /// the widget persists its state. `in_scope` limits cleanup to the
    /// widgets of what ran (a fragment run cleans only its own widgets).
    pub(crate) fn cleanup(
        &mut self,
        registered: &impl Registered,
        in_scope: impl Fn(&WidgetId) -> bool,
    ) {
        let run = self.run;
        let assigned = &self.assigned_this_run;
        let mut dropped = false;
        self.entries.retain(|key, e| {
            let Some(last) = e.widget_run else {
                return true;
            };
            // Registered in this run by the widget that owns it (user code
            // that assigns the key takes it from the widget).
            if last == run {
                return true;
            }
            let Owner::Widget(id) = &e.owner else {
                e.widget_run = None;
                return true;
            };
            if registered.is_registered(id) || !in_scope(id) {
                return true;
            }
            if e.persist || assigned.contains(key) {
                return true;
            }
            dropped = true;
            false
        });
        if dropped {
            let entries = &self.entries;
            self.triggers
                .retain(|key| entries.contains_key(key.as_str()));
            self.dirty = true;
        }
    }
}

/// The widgets a run registered, as [`SessionState::cleanup`] asks about
/// them: a set of ids, or the run's own registry (no copy of its ids).
pub(crate) trait Registered {
    /// True when the run registered widget `id`.
    fn is_registered(&self, id: &WidgetId) -> bool;
}

impl Registered for HashSet<WidgetId> {
    fn is_registered(&self, id: &WidgetId) -> bool {
        self.contains(id)
    }
}

/// What a widget tells the state when it registers.
pub(crate) struct Registration<'a, T> {
    /// The user key, or the widget id for unkeyed widgets.
    pub(crate) entry_key: &'a str,
    pub(crate) user_key: Option<&'a str>,
    /// The widget's id (WS-1, WS-2).
    pub(crate) id: &'a str,
    pub(crate) default: T,
    /// The page passed a default explicitly (WS-5 warning).
    pub(crate) explicit_default: bool,
    /// Buttons: the key cannot be assigned (WS-7).
    pub(crate) read_only: bool,
    pub(crate) persist: bool,
    pub(crate) validate: &'a dyn Fn(&T) -> Result<()>,
}
