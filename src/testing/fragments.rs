//! `AppTest` for fragments and dialogs: rerun one fragment as its timer
//! would, list the page's fragments, find, and close the open dialog
//! (departure 6).

use serde_json::json;

use super::AppTest;
use crate::tree::{Element, Event};

impl AppTest {
    /// Reruns one fragment at the next `run`, by its key or id, as the
    /// window does when its timer fires (departure 6).
    ///
    /// # Panics
    /// When the page has no such fragment.
    #[track_caller]
    pub fn run_fragment(&mut self, key_or_id: &str) -> &mut Self {
        let Some(f) = self
            .session
            .fragments()
            .into_iter()
            .find(|f| f.key.as_deref() == Some(key_or_id) || f.id.0 == key_or_id)
        else {
            panic!(
                "AppTest: no fragment with key or id {key_or_id:?}; fragments: {:?}",
                self.session.fragments()
            );
        };
        self.actions
            .push(json!({"rerun_fragment": f.key.clone().unwrap_or_else(|| f.id.0.clone())}));
        self.pending.push(Event::RerunFragment(f.id));
        self
    }

    /// The fragments the page registered, in page order.
    pub fn fragments(&self) -> Vec<crate::session::FragmentInfo> {
        self.session.fragments()
    }

    /// The open dialog, if any.
    ///
    /// ```
    /// # use brook::prelude::*;
    /// let mut at = brook::testing::AppTest::new(|st: &mut St| {
    ///     if st.button("Open") {
    ///         st.dialog("Hello", |st| st.text("inside"));
    ///     }
    /// });
    /// at.run();
    /// at.click("Open").run();
    /// assert_eq!(at.dialog().map(|d| d.title.as_str()), Some("Hello"));
    /// at.close_dialog().run(); // as the user would: no run
    /// assert!(at.dialog().is_none());
    /// assert_eq!(at.last_executions(), 0);
    /// ```
    pub fn dialog(&self) -> Option<&crate::tree::DialogNode> {
        self.tree().walk().find_map(|n| match &n.element {
            Element::Dialog(d) if d.open => Some(d),
            _ => None,
        })
    }

    /// Closes the open dialog as the user would (close button, Escape);
    /// applied at the next `run`.
    ///
    /// # Panics
    /// When no dialog is open, or the user may not close it.
    #[track_caller]
    pub fn close_dialog(&mut self) -> &mut Self {
        let Some(d) = self.dialog() else {
            panic!("AppTest: no dialog is open");
        };
        assert!(
            d.dismissible,
            "AppTest: the dialog {:?} cannot be closed by the user",
            d.title
        );
        let (id, title) = (d.fragment.clone(), d.title.clone());
        self.pending.push(Event::CloseDialog(id));
        self.actions.push(json!({"close_dialog": title}));
        self
    }
}
