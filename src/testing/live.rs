//! `AppTest` for live runs: the partial trees a run publishes while it is
//! in progress, as a window drawing at every checkpoint would see them
//! (EX-13), for full and fragment runs alike.

use std::sync::Arc;

use super::AppTest;
use crate::tree::Tree;

impl AppTest {
    /// Records every partial tree the following runs (full runs, fragment
    /// reruns, `run_every` ticks) publish while they are in progress, as a
    /// window drawing at every checkpoint would see them (live runs,
    /// EX-13): read them with [`live_trees`](Self::live_trees) or
    /// [`live_partials`](Self::live_partials).
    ///
    /// ```
    /// use brook::prelude::*;
    ///
    /// fn page(st: &mut St) {
    ///     let slot = st.empty();
    ///     st.with(slot, |st| st.text("Loading…"));
    ///     st.with(slot, |st| st.text("Done"));
    /// }
    /// let mut at = brook::testing::AppTest::new(page);
    /// at.record_live().run();
    /// let shown: Vec<Vec<String>> = at
    ///     .live_trees()
    ///     .iter()
    ///     .map(|t| brook::testing::texts_of(t))
    ///     .collect();
    /// assert!(shown.contains(&vec!["Loading…".to_owned()]), "{shown:?}");
    /// assert_eq!(at.texts(), ["Done"]);
    /// ```
    pub fn record_live(&mut self) -> &mut Self {
        let store: Arc<std::sync::Mutex<Vec<crate::session::LiveTree>>> = Arc::default();
        let sink = store.clone();
        self.session
            .set_live(Some(crate::session::Live::eager(move |t| {
                if let Ok(mut v) = sink.lock() {
                    v.push(t);
                }
            })));
        self.live = Some(store);
        self
    }

    /// The partial trees the last run published while it was in progress
    /// (empty unless [`record_live`](Self::record_live) was called).
    pub fn live_trees(&self) -> Vec<Arc<Tree>> {
        self.live
            .as_ref()
            .and_then(|l| {
                l.lock()
                    .ok()
                    .map(|v| v.iter().map(|t| t.tree.clone()).collect())
            })
            .unwrap_or_default()
    }

    /// The partial trees the last run published (as
    /// [`live_trees`](Self::live_trees)), each with what in it is stale:
    /// [`LiveTree::is_stale`](crate::session::LiveTree::is_stale). A
    /// fragment run's leftovers are stale only inside the fragment (FR-1).
    ///
    /// ```
    /// use brook::prelude::*;
    ///
    /// let mut at = brook::testing::AppTest::new(|st: &mut St| {
    ///     st.text("page");
    ///     st.add(Fragment::new(|st| {
    ///         let slot = st.empty();
    ///         st.with(slot, |st| st.text("Loading…"));
    ///         st.with(slot, |st| st.text("Done"));
    ///     }).key("f"));
    /// });
    /// at.run();
    /// at.record_live().run_fragment("f").run();
    /// let first = &at.live_partials()[0];
    /// assert_eq!(brook::testing::texts_of(&first.tree), ["page", "Loading…"]);
    /// // The page around the fragment is never stale during its rerun.
    /// assert!(!first.is_stale(&first.tree.main[0].id));
    /// ```
    pub fn live_partials(&self) -> Vec<crate::session::LiveTree> {
        self.live
            .as_ref()
            .and_then(|l| l.lock().ok().map(|v| v.clone()))
            .unwrap_or_default()
    }
}
