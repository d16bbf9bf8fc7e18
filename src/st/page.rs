//! Page configuration and navigation: `st.set_page_config`,
//! `st.navigation`, `st.switch_page`, `st.page_link`.
//!
//! An app is either one page, or several pages the user moves between. The
//! list of pages may differ from run to run: an app with one entry page can
//! call [`St::navigation`] with the pages to offer this run (say, an admin
//! page only once a "Logged in" checkbox is ticked) and run the one it
//! returns. [`App::page`](crate::App::page) called twice or more does the
//! same with a fixed list. The page the user is on is named by its url path
//! (derived from the title unless given), so it survives a changing list
//! and a restart.

use super::St;
use crate::error::{Error, Result};
use crate::session::{Page, RerunScope, raise, raise_rerun};
use crate::tree::{
    Element, NavPage, NavPosition, Navigation, PageLayout, PageSettings, SidebarState,
};

/// What navigation knows of a page beyond its title and function.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageMeta {
    icon: Option<String>,
    url_path: Option<String>,
    pub(crate) default: bool,
}

impl Page {
    /// An emoji (or short text) shown before the page's title in the
    /// navigation.
    ///
    /// ```
    /// let page = brook::Page::new("Sales", |st: &mut brook::St| st.title("Sales")).icon("📈");
    /// # let mut at = brook::testing::AppTest::from_pages(vec![page, brook::Page::new("B", |_: &mut brook::St| {})]);
    /// # at.run();
    /// # assert_eq!(at.tree().nav.as_ref().unwrap().pages[0].icon.as_deref(), Some("📈"));
    /// ```
    #[inline]
    #[must_use]
    pub fn icon(mut self, icon: impl Into<String>) -> Self {
        self.meta.icon = Some(icon.into());
        self
    }

    /// The page's stable name (Streamlit's `url_path`), which
    /// [`St::switch_page`] and [`St::page_link`] may use and the saved
    /// current page refers to. Defaults to the title, lower-cased, with
    /// runs of other characters than letters and digits turned into `_`.
    ///
    /// ```
    /// let page = brook::Page::new("Sales report", |_st: &mut brook::St| {});
    /// assert_eq!(page.path(), "sales_report");
    /// assert_eq!(page.url_path("sales").path(), "sales");
    /// ```
    #[inline]
    #[must_use]
    pub fn url_path(mut self, path: impl Into<String>) -> Self {
        self.meta.url_path = Some(path.into());
        self
    }

    /// Makes this the page shown first (and whenever the page asked for is
    /// not offered); without one, the first page is the default.
    ///
    /// ```
    /// use brook::Page;
    /// let mut at = brook::testing::AppTest::from_pages(vec![
    ///     Page::new("Intro", |st: &mut brook::St| st.text("intro")),
    ///     Page::new("Main", |st: &mut brook::St| st.text("main")).default(true),
    /// ]);
    /// at.run();
    /// assert_eq!(at.texts(), ["main"]);
    /// ```
    #[inline]
    #[must_use]
    pub fn default(mut self, default: bool) -> Self {
        self.meta.default = default;
        self
    }

    /// The page's url path: given with [`url_path`](Self::url_path), or
    /// derived from its title.
    pub fn path(&self) -> String {
        self.meta
            .url_path
            .clone()
            .unwrap_or_else(|| derive_url_path(&self.name))
    }

    /// Runs the page (`pg.run()` of the page `st.navigation` returned).
    ///
    /// ```
    /// use brook::Page;
    /// fn app(st: &mut brook::St) -> brook::Result<()> {
    ///     let page = st.navigation([Page::new("Home", |st: &mut brook::St| st.text("home"))]);
    ///     page.run(st)
    /// }
    /// let mut at = brook::testing::AppTest::new(app);
    /// at.run();
    /// assert_eq!(at.texts(), ["home"]);
    /// ```
    ///
    /// # Errors
    /// Whatever the page returns.
    pub fn run(&self, st: &mut St<'_>) -> Result<()> {
        st.run.nav.page_name.clone_from(&self.name);
        (self.func)(st)
    }

    fn nav_page(&self, section: Option<&str>) -> NavPage {
        NavPage {
            title: self.name.clone(),
            icon: self.meta.icon.clone(),
            section: section.map(str::to_owned),
            url_path: self.path(),
        }
    }
}

/// `"Sales report 📈"` → `"sales_report"`.
fn derive_url_path(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// The pages [`St::navigation`] offers: pages, optionally grouped in
/// sections, and where the navigation is drawn.
///
/// ```
/// use brook::prelude::*;
/// use brook::{Page, Pages};
/// use brook::tree::NavPosition;
///
/// fn home(st: &mut St) { st.title("Home"); }
/// fn sales(st: &mut St) { st.title("Sales"); }
/// fn costs(st: &mut St) { st.title("Costs"); }
///
/// fn app(st: &mut St) -> brook::Result<()> {
///     let pages = Pages::new([Page::new("Home", home).icon("🏠")])
///         .section("Reports", [Page::new("Sales", sales), Page::new("Costs", costs)])
///         .position(NavPosition::Top);
///     st.navigation(pages).run(st)
/// }
/// let mut at = brook::testing::AppTest::new(app);
/// at.run();
/// assert_eq!(at.current_page(), Some("Home"));
/// at.switch_to("Costs").run();
/// assert_eq!(at.current_page(), Some("Costs"));
/// ```
#[derive(Debug, Clone, Default)]
#[must_use = "pass the pages to `st.navigation(..)`"]
pub struct Pages {
    entries: Vec<(Option<String>, Page)>,
    position: NavPosition,
}

impl Pages {
    /// Pages without a section heading.
    pub fn new(pages: impl IntoIterator<Item = Page>) -> Self {
        Self {
            entries: pages.into_iter().map(|p| (None, p)).collect(),
            position: NavPosition::default(),
        }
    }

    /// Adds pages listed under the heading `title`.
    #[inline]
    pub fn section(
        mut self,
        title: impl Into<String>,
        pages: impl IntoIterator<Item = Page>,
    ) -> Self {
        let title = title.into();
        self.entries
            .extend(pages.into_iter().map(|p| (Some(title.clone()), p)));
        self
    }

    /// Where the navigation is drawn: the sidebar (default), the top bar,
    /// or nowhere.
    #[inline]
    pub fn position(mut self, position: NavPosition) -> Self {
        self.position = position;
        self
    }
}

impl From<Vec<Page>> for Pages {
    fn from(pages: Vec<Page>) -> Self {
        Self::new(pages)
    }
}

impl<const N: usize> From<[Page; N]> for Pages {
    fn from(pages: [Page; N]) -> Self {
        Self::new(pages)
    }
}

/// What `st.set_page_config` sets; options left out keep their value.
///
/// ```
/// use brook::PageConfig;
/// use brook::tree::{PageLayout, SidebarState};
///
/// fn page(st: &mut brook::St) {
///     st.set_page_config(
///         PageConfig::new()
///             .title("Sales")
///             .icon("📈")
///             .layout(PageLayout::Wide)
///             .initial_sidebar_state(SidebarState::Collapsed),
///     );
///     st.title("Sales");
/// }
/// let mut at = brook::testing::AppTest::new(page);
/// at.run();
/// assert_eq!(at.tree().page.layout, PageLayout::Wide);
/// assert_eq!(at.tree().page.icon.as_deref(), Some("📈"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use = "pass the config to `st.set_page_config(..)` or `App::page_config(..)`"]
pub struct PageConfig {
    title: Option<String>,
    icon: Option<String>,
    layout: Option<PageLayout>,
    sidebar: Option<SidebarState>,
}

impl PageConfig {
    /// Changes nothing until options are set.
    pub fn new() -> Self {
        Self::default()
    }

    /// The window title (`page_title`).
    #[inline]
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// An emoji (or short text) shown before the title in the top bar
    /// (`page_icon`).
    #[inline]
    pub fn icon(mut self, icon: impl Into<String>) -> Self {
        self.icon = Some(icon.into());
        self
    }

    /// Centred (default) or wide content.
    #[inline]
    pub fn layout(mut self, layout: PageLayout) -> Self {
        self.layout = Some(layout);
        self
    }

    /// Whether the sidebar starts open: auto (default), expanded or
    /// collapsed.
    #[inline]
    pub fn initial_sidebar_state(mut self, state: SidebarState) -> Self {
        self.sidebar = Some(state);
        self
    }

    /// Writes the options that are set into `settings`.
    pub(crate) fn apply(&self, settings: &mut PageSettings) {
        if let Some(title) = &self.title {
            settings.title = Some(title.clone());
        }
        if let Some(icon) = &self.icon {
            settings.icon = Some(icon.clone());
        }
        if let Some(layout) = self.layout {
            settings.layout = layout;
        }
        if let Some(sidebar) = self.sidebar {
            settings.sidebar = sidebar;
        }
    }
}

/// A link to another page of the app (`st.page_link`).
///
/// ```
/// use brook::{Page, PageLink, Pages};
///
/// fn home(st: &mut brook::St) {
///     PageLink::new("Settings").label("Open the settings").icon("⚙").show(st);
/// }
/// fn settings(st: &mut brook::St) { st.text("settings"); }
/// fn app(st: &mut brook::St) -> brook::Result<()> {
///     st.navigation([Page::new("Home", home), Page::new("Settings", settings)]).run(st)
/// }
/// let mut at = brook::testing::AppTest::new(app);
/// at.run();
/// assert_eq!(at.get("page_link").len(), 1);
/// ```
#[derive(Debug, Clone)]
#[must_use = "show the link with `.show(st)`"]
pub struct PageLink {
    page: String,
    label: Option<String>,
    icon: Option<String>,
    disabled: bool,
}

impl PageLink {
    /// A link to the page with this title or url path.
    pub fn new(page: impl Into<String>) -> Self {
        Self {
            page: page.into(),
            label: None,
            icon: None,
            disabled: false,
        }
    }

    /// The text shown (default: the page's title).
    #[inline]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// An emoji (or short text) before the label (default: the page's icon).
    #[inline]
    pub fn icon(mut self, icon: impl Into<String>) -> Self {
        self.icon = Some(icon.into());
        self
    }

    /// Greys the link out.
    #[inline]
    pub fn disabled(mut self, disabled: bool) -> Self {
        self.disabled = disabled;
        self
    }

    /// Draws the link; raises [`Error::PageNotFound`] when the app has no
    /// such page.
    #[track_caller]
    pub fn show(self, st: &mut St<'_>) {
        if let Err(e) = self.try_show(st) {
            raise(e);
        }
    }

    /// [`show`](Self::show), returning the error instead of raising it.
    ///
    /// # Errors
    /// [`Error::PageNotFound`] when the app has no such page.
    pub fn try_show(self, st: &mut St<'_>) -> Result<()> {
        st.checkpoint();
        let target = st.find_page(&self.page)?;
        st.push(Element::PageLink {
            label: self.label.unwrap_or(target.title),
            icon: self.icon.or(target.icon),
            page: target.url_path,
            disabled: self.disabled,
        });
        Ok(())
    }
}

impl St<'_> {
    /// Sets the window title, icon, layout and initial sidebar state for
    /// this run (`st.set_page_config`); options left out keep the app's
    /// value. May be called more than once: later calls win.
    ///
    /// ```
    /// # brook::__doc_page(|st| {
    /// st.set_page_config(brook::PageConfig::new().title("Report").icon("📊"));
    /// # Ok(()) });
    /// ```
    pub fn set_page_config(&mut self, config: PageConfig) {
        self.checkpoint();
        config.apply(&mut self.run.builder.page);
    }

    /// Offers `pages` in the navigation and returns the page to show
    /// (`st.navigation`): the one the user (or [`switch_page`](Self::switch_page))
    /// asked for if it is offered this run, else the default page. Run it
    /// with [`Page::run`].
    ///
    /// The list may differ from run to run; it must not be empty, url paths
    /// must be unique, and it is called once per run.
    ///
    /// ```
    /// use brook::Page;
    ///
    /// fn app(st: &mut brook::St) -> brook::Result<()> {
    ///     let admin = st.sidebar(|st| st.checkbox("Logged in"));
    ///     let mut pages = vec![Page::new("Home", |st: &mut brook::St| st.text("home"))];
    ///     if admin {
    ///         pages.push(Page::new("Admin", |st: &mut brook::St| st.text("admin")));
    ///     }
    ///     st.navigation(pages).run(st)
    /// }
    /// let mut at = brook::testing::AppTest::new(app);
    /// at.run();
    /// assert_eq!(at.tree().nav.as_ref().map(|n| n.pages.len()), Some(1));
    /// at.set_value("Logged in", true).run();
    /// at.switch_to("Admin").run();
    /// assert_eq!(at.texts(), ["admin"]);
    /// ```
    #[track_caller]
    pub fn navigation(&mut self, pages: impl Into<Pages>) -> Page {
        match self.try_navigation(pages) {
            Ok(page) => page,
            Err(e) => raise(e),
        }
    }

    /// [`navigation`](Self::navigation), returning the error instead of
    /// raising it.
    ///
    /// # Errors
    /// [`Error::Navigation`] for an empty list, two pages with one url path,
    /// or a second call in the same run.
    pub fn try_navigation(&mut self, pages: impl Into<Pages>) -> Result<Page> {
        self.checkpoint();
        let Pages { entries, position } = pages.into();
        if self.run.builder.nav.is_some() {
            return Err(Error::Navigation {
                message:
                    "`st.navigation` was called twice in one run. Call it once, in the app's entry \
                          page, and run the page it returns."
                        .to_owned(),
            });
        }
        if entries.is_empty() {
            return Err(Error::Navigation {
                message: "`st.navigation` must be called with at least one page.".to_owned(),
            });
        }
        let nav_pages: Vec<NavPage> = entries
            .iter()
            .map(|(section, page)| page.nav_page(section.as_deref()))
            .collect();
        for (i, p) in nav_pages.iter().enumerate() {
            if nav_pages[..i].iter().any(|q| q.url_path == p.url_path) {
                return Err(Error::Navigation {
                    message: format!(
                        "Multiple pages specified with url path `{}`. Url paths must be unique; \
                         they are derived from the title unless given with `Page::url_path`.",
                        p.url_path
                    ),
                });
            }
        }
        let mut nav = Navigation {
            pages: nav_pages,
            current: 0,
            position,
        };
        let default = entries
            .iter()
            .position(|(_, p)| p.meta.default)
            .unwrap_or(0);
        nav.current = self
            .run
            .nav
            .requested
            .as_deref()
            .and_then(|r| nav.find(r))
            .unwrap_or(default);
        let page = entries[nav.current].1.clone();
        self.run.builder.nav = Some(nav);
        Ok(page)
    }

    /// Switches to another page now (`st.switch_page`): nothing after this
    /// call runs, and the app reruns showing `page` (its title or url path).
    /// Raises [`Error::PageNotFound`] when the app has no such page.
    ///
    /// Typed `()` rather than `!` so that `|st| st.switch_page("Home")` is a
    /// valid callback; it never returns.
    ///
    /// ```
    /// use brook::Page;
    /// fn home(st: &mut brook::St) {
    ///     if st.button("Open the report") {
    ///         st.switch_page("Report");
    ///     }
    /// }
    /// fn report(st: &mut brook::St) {
    ///     st.text("the report");
    /// }
    /// let mut at = brook::testing::AppTest::from_pages(vec![
    ///     Page::new("Home", home),
    ///     Page::new("Report", report),
    /// ]);
    /// at.run().click("Open the report").run();
    /// assert_eq!(at.texts(), ["the report"]);
    /// ```
    #[track_caller]
    pub fn switch_page(&mut self, page: &str) {
        if let Err(e) = self.try_switch_page(page) {
            raise(e);
        }
    }

    /// [`switch_page`](Self::switch_page), returning the error instead of
    /// raising it (when the page exists it does not return).
    ///
    /// # Errors
    /// [`Error::PageNotFound`] when the app has no such page.
    pub fn try_switch_page(&mut self, page: &str) -> Result<()> {
        self.checkpoint();
        let target = self.find_page(page)?;
        self.run.nav.requested = Some(target.url_path);
        raise_rerun(RerunScope::App)
    }

    /// A link to another page of the app (`st.page_link`), showing its
    /// title and icon; see [`PageLink`] for a label of your own.
    ///
    /// ```
    /// use brook::Page;
    /// let mut at = brook::testing::AppTest::from_pages(vec![
    ///     Page::new("Home", |st: &mut brook::St| st.page_link("Help")),
    ///     Page::new("Help", |st: &mut brook::St| st.text("help")),
    /// ]);
    /// at.run();
    /// assert_eq!(at.get("page_link").len(), 1);
    /// ```
    #[track_caller]
    pub fn page_link(&mut self, page: &str) {
        PageLink::new(page).show(self);
    }

    /// The page called `name` (title or url path) among the pages of this
    /// run, or else of the navigation on screen.
    fn find_page(&self, name: &str) -> Result<NavPage> {
        let nav = self
            .run
            .builder
            .nav
            .as_ref()
            .or(self.run.nav.on_screen.as_ref());
        let found = nav.and_then(|n| n.find(name).map(|i| n.pages[i].clone()));
        found.ok_or_else(|| Error::PageNotFound {
            page: name.to_owned(),
            known: nav.map_or_else(
                || "this app has a single page".to_owned(),
                |n| {
                    n.pages
                        .iter()
                        .map(|p| format!("\"{}\"", p.title))
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::derive_url_path;

    #[test]
    fn url_paths_are_derived_from_titles() {
        assert_eq!(derive_url_path("Sales report 📈"), "sales_report");
        assert_eq!(derive_url_path("  Über  uns "), "über_uns");
        assert_eq!(derive_url_path("A/B test"), "a_b_test");
    }
}
