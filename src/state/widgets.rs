//! The run's view of the state (crate-private): widget registration and
//! values (WS-1..WS-9), triggers, claimed keys and end-of-run cleanup.

use std::collections::HashSet;

use super::run_set::{FastSet, Key};
use super::*;

/// The keys of the entries widgets own (`Entry::widget_run` is set), and
/// how many of them the current run registered: end-of-run cleanup (WS-9)
/// looks at these entries only, and at none when the run registered every
/// one (a steady page), however many values the page keeps beside them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Owned {
    keys: FastSet<Key>,
    /// Entries whose `widget_run` is the current run.
    stamped: usize,
}

impl Owned {
    /// Sets an entry's `widget_run` (`slot`) to `now`, keeping the count.
    pub(crate) fn stamp(&mut self, run: u64, key: &str, slot: &mut Option<u64>, now: Option<u64>) {
        let was = std::mem::replace(slot, now);
        match (was, now) {
            (None, Some(_)) => {
                self.keys.insert(Key::new(key));
            }
            (Some(_), None) => {
                self.keys.remove(key);
            }
            _ => {}
        }
        if was == Some(run) && now != Some(run) {
            self.stamped = self.stamped.saturating_sub(1);
        } else if was != Some(run) && now == Some(run) {
            self.stamped += 1;
        }
    }

    /// True when the current run registered every widget entry.
    fn all_stamped(&self) -> bool {
        self.stamped == self.keys.len()
    }
}

impl SessionState {
    /// EX-3 step 1: a run starts. A run with widget states (an interaction,
    /// not `st.rerun()`) starts a fresh "assigned this run" set.
    pub(crate) fn begin_run(&mut self, with_widget_states: bool) {
        self.run += 1;
        self.owned.stamped = 0; // no entry has this run's stamp yet
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
                let now = Some(e.widget_run.unwrap_or(0));
                self.owned
                    .stamp(self.run, entry_key, &mut e.widget_run, now);
            }
            None => {
                self.owned.stamp(self.run, entry_key, &mut None, Some(0));
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
                self.owned
                    .stamp(self.run, entry_key, &mut e.widget_run, Some(self.run));
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
                self.owned
                    .stamp(self.run, entry_key, &mut None, Some(self.run));
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

    /// Rebuilds [`Owned`] from the entries (after many change at once).
    pub(crate) fn recount_owned(&mut self) {
        let mut owned = Owned::default();
        for (key, e) in &self.entries {
            if let Some(last) = e.widget_run {
                owned.keys.insert(key.clone());
                owned.stamped += usize::from(last == self.run);
            }
        }
        self.owned = owned;
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
        if self.owned.all_stamped() {
            return; // every widget entry was registered in this run
        }
        let run = self.run;
        let mut unowned = Vec::new();
        let mut drop_keys = Vec::new();
        for key in &self.owned.keys {
            let Some(e) = self.entries.get(key.as_str()) else {
                unowned.push(key.clone());
                continue;
            };
            // Registered in this run by the widget that owns it (user code
            // that assigns the key takes it from the widget).
            if e.widget_run == Some(run) {
                continue;
            }
            let Owner::Widget(id) = &e.owner else {
                unowned.push(key.clone());
                continue;
            };
            if registered.is_registered(id) || !in_scope(id) {
                continue;
            }
            if e.persist || self.assigned_this_run.contains(key) {
                continue;
            }
            drop_keys.push(key.clone());
        }
        for key in unowned {
            match self.entries.get_mut(key.as_str()) {
                Some(e) => self.owned.stamp(run, &key, &mut e.widget_run, None),
                None => {
                    self.owned.keys.remove(&key);
                }
            }
        }
        for key in drop_keys {
            if let Some(mut e) = self.entries.swap_remove(key.as_str()) {
                self.owned.stamp(run, &key, &mut e.widget_run, None);
                self.triggers.remove(key.as_str());
                self.dirty = true;
            }
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

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use crate::prelude::*;
    use crate::session::{Page, Session, SessionOptions};

    /// The page's switches: which widgets it draws, what it does to state.
    #[derive(Default)]
    struct Plan {
        hide_b: bool,
        hide_unkeyed: bool,
        assign_a: bool,
        remove_c: bool,
        clear: bool,
        set_b: bool,
    }

    fn owned_matches_a_recount(s: &Session) {
        let state = s.state();
        let mut fresh = state.clone();
        fresh.recount_owned();
        let mut keys: Vec<_> = state.owned.keys.iter().cloned().collect();
        let mut expected: Vec<_> = fresh.owned.keys.iter().cloned().collect();
        keys.sort();
        expected.sort();
        assert_eq!(keys, expected, "widget-owned keys");
        assert_eq!(state.owned.stamped, fresh.owned.stamped, "stamped this run");
    }

    // WS-9: cleanup sees exactly the widget-owned entries after any change.
    #[test]
    fn the_owned_count_follows_every_change_and_cleanup_still_drops_hidden_widgets() {
        let plan = Arc::new(Mutex::new(Plan::default()));
        let p = plan.clone();
        let page = Page::new("main", move |st: &mut St| {
            let plan = p.lock().unwrap();
            if plan.assign_a {
                st.state().set("a", 7_i64);
            }
            if plan.set_b {
                st.state().set("b", 3_i64);
            }
            st.add(Slider::new("a", 0..=10_i64).key("a"));
            if !plan.hide_b {
                st.add(Slider::new("b", 0..=10_i64).key("b"));
            }
            if !plan.hide_unkeyed {
                st.add(Slider::new("unkeyed", 0..=10_i64));
            }
            st.state().init("c", || 1_i64);
            if plan.remove_c {
                let _ = st.state().remove("c");
            }
            if plan.clear {
                st.state().clear();
            }
        });
        let mut s = Session::new(vec![page], SessionOptions::default());
        let steps: [fn(&mut Plan); 7] = [
            |_| {},
            |p| p.hide_b = true,
            |p| p.hide_b = false,
            |p| p.assign_a = true,
            |p| (p.assign_a, p.hide_unkeyed) = (false, true),
            |p| p.remove_c = true,
            |p| p.clear = true,
        ];
        for step in steps {
            step(&mut plan.lock().unwrap());
            s.handle(Vec::new());
            owned_matches_a_recount(&s);
            s.handle(Vec::new());
            owned_matches_a_recount(&s);
        }
        // WS-9: a hidden widget's value goes at the end of a completed run,
        // unless user code assigned its key in that run.
        *plan.lock().unwrap() = Plan {
            hide_b: true,
            set_b: true,
            ..Plan::default()
        };
        s.handle(Vec::new());
        assert!(s.state().contains("b"), "assigned by user code: kept");
        plan.lock().unwrap().set_b = false;
        s.handle(Vec::new());
        assert!(s.state().contains("b"), "a user value is not a widget's");
        plan.lock().unwrap().hide_b = false;
        s.handle(Vec::new());
        assert_eq!(s.state().get::<i64>("b").unwrap(), 3, "the widget took it");
        owned_matches_a_recount(&s);
        plan.lock().unwrap().hide_b = true;
        s.handle(Vec::new());
        assert!(!s.state().contains("b"), "its widget's value, hidden: gone");
        owned_matches_a_recount(&s);
    }
}
