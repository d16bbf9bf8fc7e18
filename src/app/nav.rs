//! What the window remembers of the page across restarts, and the window
//! title a page asks for.
//!
//! One rule decides what survives a restart: **everything the user chose
//! comes back** — widget values (keyed or not) and what the page stored in
//! session state (when serialisable), the page they were on, the selected
//! tab of each tab group, which expanders are open, whether the sidebar is
//! open, the theme picked in the menu, and the window's size and place.
//! `--runner.persist_session_state=false` turns all of it off but the
//! window's size and place; "Reset session" in the menu forgets it.
//!
//! Session state goes to `session_state.ron`, the rest to eframe's
//! `app.ron`, both in [`data_dir`].

use std::path::PathBuf;

use crate::runner::Published;

/// The key of the current page's url path in eframe's storage.
const PAGE_KEY: &str = "brook_page";

/// Where an app titled `title` keeps what survives a restart (see
/// [`App::data_dir`](crate::App::data_dir)).
pub(crate) fn data_dir(title: &str) -> Option<PathBuf> {
    eframe::storage_dir(title)
}

/// The page to show first: the one the user was on when the app closed.
pub(crate) fn restore_page(storage: Option<&dyn eframe::Storage>) -> Option<String> {
    storage?.get_string(PAGE_KEY).filter(|p| !p.is_empty())
}

/// Saves the page the user is on.
pub(crate) fn save_page(storage: &mut dyn eframe::Storage, published: &Published) {
    if let Some(page) = published
        .tree
        .nav
        .as_ref()
        .and_then(crate::tree::Navigation::current_page)
    {
        storage.set_string(PAGE_KEY, page.url_path.clone());
    }
}

/// The window title for `published`: the page's own (`st.set_page_config`)
/// or the app's.
pub(crate) fn window_title<'a>(app_title: &'a str, published: &'a Published) -> &'a str {
    published.tree.page.title.as_deref().unwrap_or(app_title)
}

/// Sends the window title when it changes; `last` is what was sent.
pub(crate) fn sync_title(ctx: &egui::Context, title: &str, last: &mut Option<String>) {
    if last.as_deref() != Some(title) {
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.to_owned()));
        *last = Some(title.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::Arc;

    use super::*;
    use crate::tree::{NavPage, Navigation, PageSettings, Tree};

    #[derive(Default)]
    struct Memory(HashMap<String, String>);

    impl eframe::Storage for Memory {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_owned(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    fn published(title: Option<&str>) -> Published {
        let page = |t: &str, p: &str| NavPage {
            title: t.to_owned(),
            icon: None,
            section: None,
            url_path: p.to_owned(),
        };
        Published {
            tree: Arc::new(Tree {
                nav: Some(Navigation {
                    pages: vec![page("Home", "home"), page("Sales report", "sales_report")],
                    current: 1,
                    ..Navigation::default()
                }),
                page: PageSettings {
                    title: title.map(str::to_owned),
                    ..PageSettings::default()
                },
                ..Tree::default()
            }),
            ..Published::default()
        }
    }

    #[test]
    fn the_current_page_is_saved_by_url_path_and_restored() {
        let mut storage = Memory::default();
        assert_eq!(restore_page(Some(&storage)), None);
        save_page(&mut storage, &published(None));
        assert_eq!(
            restore_page(Some(&storage)).as_deref(),
            Some("sales_report")
        );
        assert_eq!(restore_page(None), None);
    }

    #[test]
    fn the_window_title_is_the_pages_own_or_the_apps() {
        assert_eq!(window_title("App", &published(None)), "App");
        assert_eq!(window_title("App", &published(Some("Sales"))), "Sales");
    }
}
