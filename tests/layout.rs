//! Layout elements, page configuration, what survives a restart and the
//! choice-widget ergonomics of issue 15, through `AppTest`. The renderer's
//! side is in `layout_render.rs`; navigation is in `navigation.rs`.

use brook::prelude::*;
use brook::testing::AppTest;
use brook::tree::{
    Element, Gap, PageLayout, PageSettings, SidebarState, SpaceSize, VerticalAlignment,
};
use brook::{ColumnsSpec, ContainerOptions, Expander, PageConfig, Popover};

/// A restart: a new session that restores what the old one saved.
fn restart<F>(old: &AppTest, page: F) -> AppTest
where
    F: Fn(&mut St) + Send + Sync + 'static,
{
    let saved = old.session_state().export_serializable();
    let mut at = AppTest::new(page);
    at.session_mut().state_mut().import_raw(saved);
    at.run();
    at
}

fn first<'a>(at: &'a AppTest, kind: &str) -> &'a Element {
    at.get(kind)
        .first()
        .copied()
        .unwrap_or_else(|| panic!("no {kind} on the page"))
}

// ---- tabs, popovers, containers, columns, space ---------------------------

#[test]
fn every_tab_body_runs_in_every_run() {
    // Streamlit builds all tabs' content; the user only picks which is shown.
    let mut at = AppTest::new(|st: &mut St| {
        let tabs = st.tabs(["Chart", "Data"]);
        let a = st.with(tabs[0], |st| st.slider("a", 0..=10));
        let b = st.with(tabs[1], |st| st.slider("b", 0..=10));
        st.text(format!("{a} {b}"));
    });
    at.run();
    at.set_value("b", 4).run();
    assert_eq!(at.texts(), ["0 4"]);
    at.set_value("a", 2).run();
    assert_eq!(at.texts(), ["2 4"], "the hidden tab's value is kept");
    let Element::Tabs { labels, children } = first(&at, "tabs") else {
        unreachable!()
    };
    assert_eq!(labels, &["Chart", "Data"]);
    assert_eq!(children.len(), 2);
}

#[test]
fn tabs_need_a_label() {
    let mut at = AppTest::new(|st: &mut St| {
        st.tabs(Vec::<String>::new());
    });
    at.run();
    assert!(
        at.exceptions()[0]
            .message
            .contains("at least one tab label")
    );
}

#[test]
fn a_popovers_content_runs_while_it_is_closed() {
    let mut at = AppTest::new(|st: &mut St| {
        let n = Popover::new("Settings")
            .icon("⚙")
            .show(st, |st| st.slider("n", 0..=9));
        st.text(format!("n={n}"));
    });
    at.run();
    at.set_value("n", 3).run();
    assert_eq!(at.texts(), ["n=3"]);
    let Element::Popover { label, icon, .. } = first(&at, "popover") else {
        unreachable!()
    };
    assert_eq!((label.as_str(), icon.as_deref()), ("Settings", Some("⚙")));
}

#[test]
fn a_container_with_a_height_scrolls_and_is_framed_unless_told_otherwise() {
    let mut at = AppTest::new(|st: &mut St| {
        ContainerOptions::new()
            .height(120.0)
            .show(st, |st| st.text("in"));
        ContainerOptions::new()
            .height(80.0)
            .border(false)
            .show(st, |st| st.text("plain"));
        st.bordered(|st| st.text("framed"));
        let later = ContainerOptions::new().border(true).handle(st);
        st.text("after");
        st.with(later, |st| st.text("filled later"));
    });
    at.run();
    let looks: Vec<(bool, Option<f32>)> = at
        .get("container")
        .into_iter()
        .map(|e| match e {
            Element::Container { border, height, .. } => (*border, *height),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(
        looks,
        [
            (true, Some(120.0)),
            (false, Some(80.0)),
            (true, None),
            (true, None)
        ]
    );
    assert_eq!(
        at.texts(),
        ["in", "plain", "framed", "filled later", "after"]
    );
}

#[test]
fn columns_take_a_gap_an_alignment_and_borders_and_nest() {
    // EL-4: gap, vertical_alignment, border; nesting three levels works.
    let mut at = AppTest::new(|st: &mut St| {
        let cols = st.columns(
            ColumnsSpec::new([2.0, 1.0])
                .gap(Gap::Large)
                .vertical_alignment(VerticalAlignment::Bottom)
                .border(true),
        );
        st.with(cols[1], |st| {
            let inner = st.columns(2);
            st.with(inner[0], |st| {
                let innermost = st.columns(ColumnsSpec::new(2).gap(10.0));
                st.with(innermost[1], |st| st.text("deep"));
            });
        });
    });
    at.run();
    assert!(at.exceptions().is_empty());
    let columns = at.get("columns");
    assert_eq!(columns.len(), 3);
    let Element::Columns {
        columns: cols,
        gap,
        vertical_alignment,
        border,
    } = columns[0]
    else {
        unreachable!()
    };
    assert_eq!(
        cols.iter().map(|c| c.weight).collect::<Vec<_>>(),
        [2.0, 1.0]
    );
    assert_eq!(
        (*gap, *vertical_alignment, *border),
        (64.0, VerticalAlignment::Bottom, true)
    );
    let Element::Columns { gap, border, .. } = columns[1] else {
        unreachable!()
    };
    assert_eq!((*gap, *border), (Gap::Small.points(), false));
    let Element::Columns { gap, .. } = columns[2] else {
        unreachable!()
    };
    assert_eq!(*gap, 10.0);
    assert_eq!(at.texts(), ["deep"]);
}

#[test]
fn a_bad_columns_spec_raises_streamlits_error() {
    // EL-4
    let mut at = AppTest::new(|st: &mut St| {
        st.columns(ColumnsSpec::new([1.0, -2.0]).gap(Gap::None));
    });
    at.run();
    assert!(
        at.exceptions()[0]
            .message
            .starts_with("The `spec` argument to `st.columns` must be either a positive integer")
    );
}

#[test]
fn an_expander_has_an_icon_and_space_has_streamlits_sizes() {
    let mut at = AppTest::new(|st: &mut St| {
        Expander::new("Details")
            .icon("🔍")
            .expanded(true)
            .show(st, |st| st.text("inside"));
        st.space(SpaceSize::Small);
        st.space(SpaceSize::Medium);
        st.space(SpaceSize::Large);
        st.space(20.0);
    });
    at.run();
    let Element::Expander {
        label,
        expanded,
        icon,
        ..
    } = first(&at, "expander")
    else {
        unreachable!()
    };
    assert_eq!(
        (label.as_str(), *expanded, icon.as_deref()),
        ("Details", true, Some("🔍"))
    );
    let heights: Vec<f32> = at
        .get("space")
        .into_iter()
        .map(|e| match e {
            Element::Space { height } => *height,
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(heights, [12.0, 40.0, 68.0, 20.0]);
}

// ---- page configuration ---------------------------------------------------

#[test]
fn set_page_config_changes_what_it_names_and_a_later_call_wins() {
    let mut at = AppTest::new(|st: &mut St| {
        st.set_page_config(PageConfig::new().title("First").icon("📈"));
        st.set_page_config(
            PageConfig::new()
                .title("Second")
                .layout(PageLayout::Wide)
                .initial_sidebar_state(SidebarState::Collapsed),
        );
    });
    at.run();
    assert_eq!(
        at.tree().page,
        PageSettings {
            title: Some("Second".to_owned()),
            icon: Some("📈".to_owned()),
            layout: PageLayout::Wide,
            sidebar: SidebarState::Collapsed,
        }
    );
}

#[test]
fn the_apps_page_settings_start_every_run() {
    let mut at = AppTest::new(|st: &mut St| {
        if st.checkbox("centred") {
            st.set_page_config(PageConfig::new().layout(PageLayout::Centered));
        }
    });
    at.session_mut().set_page_defaults(PageSettings {
        layout: PageLayout::Wide,
        icon: Some("🎈".to_owned()),
        ..Default::default()
    });
    at.run();
    assert_eq!(at.tree().page.layout, PageLayout::Wide);
    at.set_value("centred", true).run();
    assert_eq!(at.tree().page.layout, PageLayout::Centered);
    assert_eq!(at.tree().page.icon.as_deref(), Some("🎈"));
    at.set_value("centred", false).run();
    assert_eq!(
        at.tree().page.layout,
        PageLayout::Wide,
        "each run starts again"
    );
}

// ---- choice widgets with &str options ------------------------------------------

#[derive(Clone, Copy, PartialEq, Debug)]
enum Region {
    North,
    South,
}

impl std::fmt::Display for Region {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::North => "North",
            Self::South => "South",
        })
    }
}

#[test]
fn selectbox_and_radio_take_string_literals_and_keep_the_label_in_state() {
    let mut at = AppTest::new(|st: &mut St| {
        let region = st.selectbox("Region", ["North", "South"]);
        let size = st.add(Radio::new("Size", ["S", "M", "L"]).index(1).key("size"));
        let typed = st.selectbox("Typed", [Region::North, Region::South]);
        st.text(format!("{region} {size} {typed:?}"));
    });
    at.run();
    assert_eq!(at.texts(), ["North M North"]);
    at.set_value("Region", "South")
        .set_value("Size", "L")
        .set_value("Typed", "South")
        .run();
    assert_eq!(at.texts(), ["South L South"]);
    assert_eq!(at.state::<String>("size"), "L");
}

#[test]
fn a_choice_set_through_state_by_label_is_shown() {
    // WS-5 with a label.
    let mut at = AppTest::new(|st: &mut St| {
        let size = st.add(Radio::new("Size", ["S", "M", "L"]).key("size"));
        st.text(size);
    });
    at.set_state("size", "L".to_owned());
    at.run();
    assert_eq!(at.texts(), ["L"]);
}

#[test]
fn two_options_with_one_label_raise() {
    let mut at = AppTest::new(|st: &mut St| {
        st.selectbox("Twins", ["a", "a"]);
    });
    at.run();
    assert!(
        at.exceptions()[0]
            .message
            .contains("two options shown as 'a'")
    );
}

// ---- what survives a restart -------------------------------------------------

#[test]
fn keyed_and_unkeyed_widget_values_survive_a_restart() {
    // One rule: everything the user chose comes back.
    let page = |st: &mut St| {
        let a = st.slider("unkeyed", 0..=10);
        let b = st.add(Slider::new("keyed", 0..=10).key("k"));
        let c = st.selectbox("choice", ["x", "y"]);
        st.text(format!("{a} {b} {c}"));
    };
    let mut at = AppTest::new(page);
    at.run();
    at.set_value("unkeyed", 3)
        .set_value("keyed", 4)
        .set_value("choice", "y")
        .run();
    let restarted = restart(&at, page);
    assert_eq!(restarted.texts(), ["3 4 y"]);
    assert_eq!(
        restarted.session_state().keys(),
        ["k"],
        "unkeyed values stay hidden"
    );
}

#[test]
fn a_saved_unkeyed_value_goes_when_its_widget_is_not_drawn() {
    // WS-9 applies to restored values as to any widget's.
    let mut at = AppTest::new(|st: &mut St| {
        st.slider("gone", 0..=10);
    });
    at.run();
    at.set_value("gone", 7).run();
    let restarted = restart(&at, |st: &mut St| st.text("no slider"));
    assert!(restarted.session_state().export_serializable().is_empty());
}
