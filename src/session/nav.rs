//! The session's side of navigation (`st.navigation`, `st.switch_page`):
//! what a run starts with, and what it leaves for the next run. The page
//! API is in `st/page.rs`.

use std::sync::Arc;

use super::Page;
use super::run::Callback;
use crate::st::St;
use crate::tree::{Navigation, PageSettings, Tree};

/// A run's view of navigation.
#[derive(Debug, Clone, Default)]
pub(crate) struct RunNav {
    /// The page asked for (url path or title): by the user, by
    /// `st.switch_page`, or by a restart.
    pub(crate) requested: Option<String>,
    /// The navigation on screen (the last finished run's): where
    /// `st.switch_page` looks before this run has called `st.navigation`.
    pub(crate) on_screen: Option<Navigation>,
    /// The title of the page being run: part of an unkeyed widget's
    /// identity (WS-1).
    pub(crate) page_name: String,
}

/// The session's side of navigation: what a run starts with and what it
/// leaves for the next.
pub(crate) struct SessionNav {
    /// What each run calls: the app's single page, or a navigation over
    /// the app's pages.
    pub(crate) entry: Callback,
    /// The page the next run shows.
    pub(crate) requested: Option<String>,
    /// The app's page settings, before `st.set_page_config`.
    pub(crate) defaults: PageSettings,
    /// The app's page titles (for a single page: its name).
    static_names: Arc<[String]>,
    /// The page the last full run ended on: a fragment rerun runs in it,
    /// so its unkeyed widgets keep their identity (WS-1).
    page_name: String,
}

impl SessionNav {
    pub(crate) fn new(pages: &[Page]) -> Self {
        let entry: Callback = match pages {
            [] => Arc::new(|_: &mut St<'_>| Ok(())),
            [page] => {
                let page = page.clone();
                Arc::new(move |st: &mut St<'_>| page.run(st))
            }
            pages => {
                let pages: Vec<Page> = pages.to_vec();
                Arc::new(move |st: &mut St<'_>| {
                    st.run.nav.page_name.clear();
                    st.navigation(pages.clone()).run(st)
                })
            }
        };
        Self {
            entry,
            requested: None,
            defaults: PageSettings::default(),
            static_names: pages.iter().map(|p| p.name.clone()).collect(),
            page_name: pages.first().map(|p| p.name.clone()).unwrap_or_default(),
        }
    }

    /// What a run starts with, given the tree on screen. A full run's
    /// entry sets the page name as it runs pages (`Page::run`); a fragment
    /// rerun keeps the one its page had.
    pub(crate) fn for_run(&self, on_screen: &Tree) -> RunNav {
        RunNav {
            requested: self.requested.clone(),
            on_screen: on_screen.nav.clone(),
            page_name: self.page_name.clone(),
        }
    }

    /// The user picked entry `index` of the navigation on screen.
    pub(crate) fn switch_to_index(&mut self, on_screen: &Tree, index: usize) {
        if let Some(page) = on_screen.nav.as_ref().and_then(|n| n.pages.get(index)) {
            self.requested = Some(page.url_path.clone());
        }
    }

    /// A run that reruns (`st.rerun`, `st.switch_page`) hands its request on.
    pub(crate) fn keep_request(&mut self, run: &RunNav) {
        self.requested.clone_from(&run.requested);
    }

    /// After a run: the page it showed is the one the next run shows.
    pub(crate) fn after_run(&mut self, run: &RunNav, tree: &Tree) {
        self.page_name.clone_from(&run.page_name);
        self.requested = match tree.nav.as_ref().and_then(Navigation::current_page) {
            Some(page) => Some(page.url_path.clone()),
            None => run.requested.clone(),
        };
    }

    /// The page titles and the current page's index, for the window.
    pub(crate) fn names_and_index(&self, tree: &Tree) -> (Arc<[String]>, usize) {
        match &tree.nav {
            Some(nav) => (
                nav.pages.iter().map(|p| p.title.clone()).collect(),
                nav.current,
            ),
            None => (self.static_names.clone(), 0),
        }
    }
}
