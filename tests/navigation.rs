//! Page navigation (`st.navigation`, `st.switch_page`, `st.page_link`) of
//! issue 15, through `AppTest`.

use brook::prelude::*;
use brook::testing::AppTest;
use brook::tree::{Element, NavPosition};
use brook::{Page, PageLink, Pages};

fn home(st: &mut St) {
    st.text("home");
}

fn reports(st: &mut St) {
    st.text("reports");
}

fn admin(st: &mut St) {
    st.text("admin");
}

/// An entry page: the admin page exists only while "Logged in" is ticked.
fn app(st: &mut St) -> brook::Result<()> {
    let logged_in = st.sidebar(|st| st.add(Checkbox::new("Logged in").key("in")));
    let mut pages = Pages::new([
        Page::new("Home", home).icon("🏠"),
        Page::new("Reports", reports),
    ]);
    if logged_in {
        pages = pages.section("Admin", [Page::new("Admin", admin).url_path("admin_page")]);
    }
    st.navigation(pages).run(st)
}

#[test]
fn navigation_shows_the_first_page_and_lists_titles_icons_and_sections() {
    let mut at = AppTest::new(app);
    at.run();
    assert_eq!(at.texts(), ["home"]);
    at.set_value("Logged in", true).run();
    let nav = at.tree().nav.clone().expect("navigation");
    let shown: Vec<(&str, Option<&str>, Option<&str>, &str)> = nav
        .pages
        .iter()
        .map(|p| {
            (
                p.title.as_str(),
                p.icon.as_deref(),
                p.section.as_deref(),
                p.url_path.as_str(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("Home", Some("🏠"), None, "home"),
            ("Reports", None, None, "reports"),
            ("Admin", None, Some("Admin"), "admin_page"),
        ]
    );
    assert_eq!(nav.position, NavPosition::Sidebar);
    assert_eq!(at.current_page(), Some("Home"));
}

#[test]
fn a_page_list_may_change_between_runs() {
    let mut at = AppTest::new(app);
    at.run();
    at.set_value("Logged in", true).run();
    at.switch_to("Admin").run();
    assert_eq!(at.texts(), ["admin"]);
    // Logged out: the page is no longer offered, the default page shows.
    at.set_value("Logged in", false).run();
    assert_eq!(at.current_page(), Some("Home"));
    assert_eq!(at.texts(), ["home"]);
    assert_eq!(at.tree().nav.as_ref().map(|n| n.pages.len()), Some(2));
}

#[test]
fn a_page_marked_default_is_shown_first() {
    let mut at = AppTest::new(|st: &mut St| {
        st.navigation([
            Page::new("Home", home),
            Page::new("Reports", reports).default(true),
        ])
        .run(st)
    });
    at.run();
    assert_eq!(at.texts(), ["reports"]);
}

#[test]
fn switch_page_reruns_on_the_named_page() {
    let mut at = AppTest::new(|st: &mut St| {
        st.navigation([
            Page::new("Home", |st: &mut St| {
                if st.button("Go") {
                    st.switch_page("reports"); // by url path
                }
                st.text("home");
            }),
            Page::new("Reports", |st: &mut St| {
                st.add(Button::new("Back").on_click(|st| st.switch_page("Home")));
                st.text("reports");
            }),
        ])
        .run(st)
    });
    at.run();
    at.click("Go").run();
    assert_eq!(at.texts(), ["reports"]);
    assert_eq!(at.last_executions(), 2, "switch_page reruns");
    // From a callback (EX-7): the body runs once, on the named page.
    at.click("Back").run();
    assert_eq!(at.texts(), ["home"]);
}

#[test]
fn switching_to_a_page_the_app_does_not_have_raises() {
    let mut at = AppTest::new(|st: &mut St| {
        st.navigation([Page::new("Home", |st: &mut St| st.switch_page("Nowhere"))])
            .run(st)
    });
    at.run();
    let e = &at.exceptions()[0];
    assert_eq!(e.type_name, "PageNotFoundError");
    assert!(
        e.message.starts_with("Could not find page: `Nowhere`."),
        "{}",
        e.message
    );
    assert!(e.message.contains("\"Home\""), "{}", e.message);

    let mut at = AppTest::new(|st: &mut St| st.page_link("Elsewhere"));
    at.run();
    assert!(
        at.exceptions()[0]
            .message
            .contains("this app has a single page")
    );
}

#[test]
fn a_page_link_names_its_page_and_borrows_its_title_and_icon() {
    let mut at = AppTest::new(|st: &mut St| {
        let page = st.navigation([
            Page::new("Home", home),
            Page::new("Reports", reports).icon("📈"),
        ]);
        st.page_link("Reports");
        PageLink::new("home")
            .label("Back home")
            .disabled(true)
            .show(st);
        page.run(st)
    });
    at.run();
    let links: Vec<(String, Option<String>, String, bool)> = at
        .get("page_link")
        .into_iter()
        .map(|e| match e {
            Element::PageLink {
                label,
                icon,
                page,
                disabled,
            } => (label.clone(), icon.clone(), page.clone(), *disabled),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(
        links,
        [
            ("Reports".into(), Some("📈".into()), "reports".into(), false),
            ("Back home".into(), None, "home".into(), true),
        ]
    );
}

#[test]
fn navigation_refuses_no_pages_twins_and_a_second_call() {
    let run = |page: fn(&mut St) -> brook::Result<()>| {
        let mut at = AppTest::new(page);
        at.run();
        at.exceptions()[0].message.clone()
    };
    let empty = run(|st| st.navigation(Vec::<Page>::new()).run(st));
    assert!(empty.contains("at least one page"), "{empty}");
    let twins = run(|st| {
        st.navigation([Page::new("A b", home), Page::new("a-b", reports)])
            .run(st)
    });
    assert!(twins.contains("url path `a_b`"), "{twins}");
    let twice = run(|st| {
        st.navigation([Page::new("Home", home)]);
        st.navigation([Page::new("Home", home)]).run(st)
    });
    assert!(twice.contains("called twice"), "{twice}");
}

#[test]
fn the_apps_pages_are_a_navigation_and_the_asked_page_survives_a_restart() {
    let pages = || vec![Page::new("Home", home), Page::new("Reports", reports)];
    let mut at = AppTest::from_pages(pages());
    at.run();
    assert_eq!(at.current_page(), Some("Home"));
    at.switch_to("Reports").run();
    assert_eq!(at.texts(), ["reports"]);
    let saved = at
        .tree()
        .nav
        .as_ref()
        .and_then(|n| n.current_page())
        .map(|p| p.url_path.clone());
    assert_eq!(saved.as_deref(), Some("reports"));

    // The window saves the url path and asks for it at the next start.
    let mut restarted = AppTest::from_pages(pages());
    restarted.session_mut().request_page("reports");
    restarted.run();
    assert_eq!(restarted.texts(), ["reports"]);
    // A page that is gone by then falls back to the default.
    let mut gone = AppTest::from_pages(pages());
    gone.session_mut().request_page("old_page");
    gone.run();
    assert_eq!(gone.texts(), ["home"]);
}

#[test]
fn an_unkeyed_widget_is_its_pages_own() {
    // WS-1: the page is part of an unkeyed widget's identity.
    let page = |st: &mut St| {
        let n = st.slider("n", 0..=9);
        st.text(format!("{} n={n}", st.page_name()));
    };
    let mut at = AppTest::from_pages(vec![Page::new("One", page), Page::new("Two", page)]);
    at.run();
    at.set_value("n", 5).run();
    at.switch_to("Two").run();
    assert_eq!(at.texts(), ["Two n=0"]);
}

#[test]
fn a_fragment_on_another_page_reruns_with_its_pages_widgets() {
    // WS-1: a fragment rerun runs in the page the fragment belongs to, so
    // its unkeyed widget keeps its identity (and value).
    let second = |st: &mut St| {
        st.fragment(|st| {
            let n = st.slider("n", 0..=9);
            st.text(format!("n={n}"));
        });
    };
    let mut at = AppTest::from_pages(vec![Page::new("One", home), Page::new("Two", second)]);
    at.run();
    at.switch_to("Two").run();
    at.set_value("n", 4).run();
    assert_eq!(at.texts(), ["n=4"]);
    let id = at.fragments()[0].id.0.clone();
    at.run_fragment(&id).run();
    assert_eq!(at.texts(), ["n=4"]);
    assert!(at.exceptions().is_empty(), "{:?}", at.exceptions());
}
