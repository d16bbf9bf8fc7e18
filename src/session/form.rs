//! Form submission in the session (FO-2): a form widget's value counts only
//! in the step that submits its form.

use std::collections::HashSet;

use super::run::{WidgetMeta, Widgets};
use crate::tree::Event;

/// The forms whose (enabled) submit button was clicked in `events`.
pub(super) fn submitted(widgets: &Widgets, events: &[Event]) -> HashSet<String> {
    events
        .iter()
        .filter_map(|event| match event {
            Event::Click { id } => widgets.get(id),
            _ => None,
        })
        .filter(|meta| meta.trigger && !meta.disabled)
        .filter_map(|meta| meta.form.clone())
        .collect()
}

/// FO-2: a value committed for a widget of a form that was not submitted in
/// the same step is not applied (the renderer keeps such edits to itself;
/// this guards the rule for every other sender).
pub(super) fn held_back(meta: &WidgetMeta, submitted: &HashSet<String>) -> bool {
    meta.form
        .as_ref()
        .is_some_and(|form| !submitted.contains(form))
}
