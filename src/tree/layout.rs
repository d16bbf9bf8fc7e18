//! Tree types for layout and page structure: column alignment, the page's
//! configuration (`st.set_page_config`) and the navigation a run declared
//! (`st.navigation`).

use serde::{Deserialize, Serialize};

/// How the elements of a row of columns line up vertically (EL-4
/// `vertical_alignment`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerticalAlignment {
    /// Top edges aligned (Streamlit's default).
    #[default]
    Top,
    /// Centres aligned.
    Center,
    /// Bottom edges aligned.
    Bottom,
}

/// How wide the main area's content is (`layout` of `st.set_page_config`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageLayout {
    /// A centred column at most [`CENTERED_MAX_WIDTH`] wide (Streamlit's
    /// default).
    #[default]
    Centered,
    /// The content fills the window.
    Wide,
}

/// The widest the content column of a [`PageLayout::Centered`] page gets, in
/// points: Streamlit's 736 px block container (704 px of content plus its
/// padding).
pub const CENTERED_MAX_WIDTH: f32 = 736.0;

/// Whether the sidebar starts open (`initial_sidebar_state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SidebarState {
    /// Open when the window is wide enough (at least 600 points), else closed.
    #[default]
    Auto,
    /// Open.
    Expanded,
    /// Closed; a button in the top bar opens it.
    Collapsed,
}

/// What `st.set_page_config` (or the [`App`](crate::App) builder) set for
/// this run.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PageSettings {
    /// The window title; `None`: the app's title.
    pub title: Option<String>,
    /// An emoji (or short text) shown before the title in the top bar.
    pub icon: Option<String>,
    /// Centred or wide content.
    pub layout: PageLayout,
    /// Whether the sidebar starts open.
    pub sidebar: SidebarState,
}

/// Where the page navigation is drawn (`st.navigation(position=...)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NavPosition {
    /// At the top of the sidebar (Streamlit's default).
    #[default]
    Sidebar,
    /// In the top bar, one entry per page (sections become menus).
    Top,
    /// Not drawn: pages are reached by `st.switch_page` and `st.page_link`.
    Hidden,
}

/// One page as the navigation shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NavPage {
    /// The title shown.
    pub title: String,
    /// An emoji (or short text) shown before the title.
    pub icon: Option<String>,
    /// The section heading it is listed under, if any.
    pub section: Option<String>,
    /// Its stable name (Streamlit's `url_path`): what `st.switch_page`,
    /// `st.page_link` and the saved current page refer to.
    pub url_path: String,
}

/// The pages a run offered (`st.navigation`) and the one it ran.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Navigation {
    /// Every page, in order (sections keep their pages together).
    pub pages: Vec<NavPage>,
    /// The page that ran (index into `pages`).
    pub current: usize,
    /// Where the navigation is drawn.
    pub position: NavPosition,
}

impl Navigation {
    /// The page that ran.
    pub fn current_page(&self) -> Option<&NavPage> {
        self.pages.get(self.current)
    }

    /// The index of the page whose url path or title is `name`.
    ///
    /// ```
    /// use brook::tree::{Navigation, NavPage};
    /// let page = |t: &str, p: &str| NavPage { title: t.into(), icon: None, section: None, url_path: p.into() };
    /// let nav = Navigation { pages: vec![page("Home", "home"), page("Sales report", "sales_report")], ..Default::default() };
    /// assert_eq!(nav.find("sales_report"), Some(1));
    /// assert_eq!(nav.find("Sales report"), Some(1));
    /// assert_eq!(nav.find("Admin"), None);
    /// ```
    pub fn find(&self, name: &str) -> Option<usize> {
        self.pages
            .iter()
            .position(|p| p.url_path == name)
            .or_else(|| self.pages.iter().position(|p| p.title == name))
    }
}

/// Streamlit's `st.space` sizes, in points (Streamlit's rem values at a
/// 16-point base font).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub enum SpaceSize {
    /// 4 points, the `XXSmall` column gap.
    XXSmall,
    /// 8 points, the `XSmall` column gap.
    XSmall,
    /// 12 points (the default): the height of a widget's label.
    #[default]
    Small,
    /// 40 points: the height of a button or an input field.
    Medium,
    /// 68 points: the height of a large widget without its label.
    Large,
    /// 96 points.
    XLarge,
    /// 128 points.
    XXLarge,
    /// An exact height.
    Points(f32),
}

impl SpaceSize {
    /// The height in points.
    ///
    /// ```
    /// use brook::tree::SpaceSize;
    /// assert_eq!(SpaceSize::Medium.points(), 40.0);
    /// assert_eq!(SpaceSize::from(10.0).points(), 10.0);
    /// ```
    pub fn points(self) -> f32 {
        match self {
            Self::XXSmall => 4.0,
            Self::XSmall => 8.0,
            Self::Small => 12.0,
            Self::Medium => 40.0,
            Self::Large => 68.0,
            Self::XLarge => 96.0,
            Self::XXLarge => 128.0,
            Self::Points(p) => p.max(0.0),
        }
    }
}

impl From<f32> for SpaceSize {
    fn from(points: f32) -> Self {
        Self::Points(points)
    }
}

/// The gap between columns (EL-4 `gap`), in points.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub enum Gap {
    /// No gap.
    None,
    /// 4 points.
    XXSmall,
    /// 8 points.
    XSmall,
    /// 16 points (the default).
    #[default]
    Small,
    /// 32 points.
    Medium,
    /// 64 points.
    Large,
    /// 96 points.
    XLarge,
    /// 128 points.
    XXLarge,
    /// An exact gap.
    Points(f32),
}

impl Gap {
    /// The gap in points.
    ///
    /// ```
    /// assert_eq!(brook::tree::Gap::Large.points(), 64.0);
    /// ```
    pub fn points(self) -> f32 {
        match self {
            Self::None => 0.0,
            Self::XXSmall => 4.0,
            Self::XSmall => 8.0,
            Self::Small => 16.0,
            Self::Medium => 32.0,
            Self::Large => 64.0,
            Self::XLarge => 96.0,
            Self::XXLarge => 128.0,
            Self::Points(p) => p.max(0.0),
        }
    }
}

impl From<f32> for Gap {
    fn from(points: f32) -> Self {
        Self::Points(points)
    }
}

/// How a button is drawn (`type` of `st.button`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ButtonKind {
    /// Outlined (the default).
    #[default]
    Secondary,
    /// Filled with the accent colour.
    Primary,
    /// Text only, no frame.
    Tertiary,
}
