//! The look and the layout elements of issue 15, drawn with egui_kittest:
//! a real page run by `AppTest`, the renderer's events sent back to it.
//! Snapshots of a gallery page in both themes and both layouts guard the
//! look (`UPDATE_SNAPSHOTS=true cargo test --test layout_render`).

use brook::egui;
use brook::prelude::*;
use brook::render::RenderState;
use brook::tree::{
    CENTERED_MAX_WIDTH, Event, Gap, NavPosition, PageLayout, SpaceSize, VerticalAlignment,
};
use brook::{ColumnsSpec, ContainerOptions, Expander, Page, PageConfig, Pages, Popover};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

#[path = "support/page_loop.rs"]
mod page_loop;
use page_loop::{Loop, harness_with, settle, texts};

fn harness_sized<F, R>(page: F, size: egui::Vec2, theme: egui::Theme) -> Harness<'static, Loop>
where
    F: Fn(&mut St<'_>) -> R + Send + Sync + 'static,
    R: brook::IntoPageResult,
{
    harness_with(page, size, theme, RenderState::default())
}

fn harness<F, R>(page: F) -> Harness<'static, Loop>
where
    F: Fn(&mut St<'_>) -> R + Send + Sync + 'static,
    R: brook::IntoPageResult,
{
    harness_sized(page, egui::vec2(1000.0, 800.0), egui::Theme::Light)
}

fn width_of(h: &Harness<'_, Loop>, label: &str) -> f32 {
    h.get_by_label(label).rect().width()
}

#[test]
fn a_tab_click_shows_its_content_and_the_choice_outlives_reruns_and_restarts() {
    let page = |st: &mut St| {
        let tabs = st.tabs(["Chart", "Data"]);
        st.with(tabs[0], |st| st.text("chart body"));
        st.with(tabs[1], |st| {
            if st.button("Refresh") {
                st.text("refreshed");
            }
            st.text("data body");
        });
    };
    let mut h = harness(page);
    h.run();
    let _ = h.get_by_label("chart body");
    assert!(
        h.query_by_label("data body").is_none(),
        "one tab shows at a time"
    );
    assert_eq!(h.get_by_label("Chart").accesskit_node().role(), Role::Tab);
    h.get_by_label("Data").click();
    settle(&mut h);
    let _ = h.get_by_label("data body");
    // A rerun keeps the tab.
    h.get_by_label("Refresh").click();
    settle(&mut h);
    assert_eq!(texts(&h), ["chart body", "refreshed", "data body"]);
    let _ = h.get_by_label("refreshed");

    // A restart: egui's memory is what eframe saves; a new window that
    // loads it shows the same tab.
    let memory = h.ctx.memory(ron::to_string).expect("memory saves");
    let mut restarted = harness(page);
    let loaded: egui::Memory = ron::from_str(&memory).expect("memory loads");
    restarted.ctx.memory_mut(|m| *m = loaded);
    restarted.run();
    let _ = restarted.get_by_label("data body");
    assert!(restarted.query_by_label("chart body").is_none());
}

#[test]
fn a_popover_opens_on_click_and_its_widgets_work() {
    let mut h = harness(|st: &mut St| {
        let n = Popover::new("Settings").show(st, |st| st.checkbox("Fast"));
        st.text(format!("fast={n}"));
    });
    h.run();
    assert!(h.query_by_label("Fast").is_none(), "closed at first");
    h.get_by_label_contains("Settings").click();
    h.run();
    h.get_by_label("Fast").click();
    settle(&mut h);
    assert_eq!(texts(&h), ["fast=true"]);
}

#[test]
fn a_centred_page_is_at_most_736_points_wide_and_a_wide_one_fills_the_window() {
    let page = |wide: bool| {
        move |st: &mut St| {
            if wide {
                st.set_page_config(PageConfig::new().layout(PageLayout::Wide));
            }
            st.text_input("Name");
        }
    };
    let mut centred = harness_sized(page(false), egui::vec2(1400.0, 600.0), egui::Theme::Light);
    centred.run();
    let field = centred.get_by_label("Name").rect();
    assert_eq!(
        field.width() as f32,
        CENTERED_MAX_WIDTH - 32.0,
        "the content column"
    );
    let middle = (field.left() + field.right()) / 2.0;
    assert!((middle - 700.0).abs() < 1.0, "centred: {middle}");

    let mut wide = harness_sized(page(true), egui::vec2(1400.0, 600.0), egui::Theme::Light);
    wide.run();
    assert!(width_of(&wide, "Name") > 1250.0);
}

#[test]
fn every_field_fills_its_column() {
    let mut h = harness(|st: &mut St| {
        let cols = st.columns(ColumnsSpec::new(2).gap(Gap::Medium));
        st.with(cols[0], |st| {
            st.slider("Slider", 0..=10);
            st.text_input("Text");
            st.selectbox("Select", ["a", "b"]);
            st.number_input("Number", 1);
        });
        st.with(cols[1], |st| st.text_area("Area"));
    });
    h.run();
    let column = (CENTERED_MAX_WIDTH - 32.0 - 32.0) / 2.0;
    for label in ["Slider", "Text", "Select", "Area"] {
        let w = width_of(&h, label);
        assert!((w - column).abs() <= 1.0, "{label}: {w} vs {column}");
    }
    // The number field leaves room for its − and + inside the same frame.
    let number = width_of(&h, "Number");
    assert!((number + 64.0 - column).abs() <= 1.0, "Number: {number}");
}

#[test]
fn columns_align_their_contents_at_the_bottom() {
    let mut h = harness(|st: &mut St| {
        let cols = st.columns(ColumnsSpec::new(2).vertical_alignment(VerticalAlignment::Bottom));
        st.with(cols[0], |st| st.text_area("Tall"));
        st.with(cols[1], |st| st.button("Low"));
    });
    h.run();
    let tall = h.get_by_label("Tall").rect();
    let low = h.get_by_label("Low").rect();
    assert!(
        (tall.bottom() - low.bottom()).abs() <= 2.0,
        "{tall:?} {low:?}"
    );
}

#[test]
fn a_container_with_a_height_keeps_it_and_scrolls() {
    let mut h = harness(|st: &mut St| {
        ContainerOptions::new().height(100.0).show(st, |st| {
            for i in 0..30 {
                st.text(format!("line {i}"));
            }
        });
        st.text("below");
    });
    h.run();
    let first = h.get_by_label("line 0").rect();
    let below = h.get_by_label("below").rect();
    // 100 points of scrolling content, the frame's padding, and the gap.
    let gap = below.top() - first.top();
    assert!((100.0..180.0).contains(&gap), "{gap}");
    // The last lines are scrolled out of view, not drawn above "below"
    // (out of sight, the renderer does not draw them at all: issue 17).
    if let Some(last) = h.query_by_label("line 29") {
        let last = last.rect();
        assert!(last.top() > below.top(), "{last:?} {below:?}");
    }
    assert!(h.query_by_label("line 0").is_some());
}

#[test]
fn an_expander_with_an_icon_opens_on_click() {
    let mut h = harness(|st: &mut St| {
        Expander::new("Details")
            .icon("§")
            .show(st, |st| st.text("hidden at first"));
        st.space(SpaceSize::Medium);
    });
    h.run();
    assert!(h.query_by_label("hidden at first").is_none());
    h.get_by_label("§  Details").click();
    h.run();
    let _ = h.get_by_label("hidden at first");
}

fn nav_app(position: NavPosition) -> impl Fn(&mut St<'_>) -> brook::Result<()> + Send + Sync {
    move |st: &mut St| {
        let pages = Pages::new([Page::new("Home", |st: &mut St| st.text("home"))])
            .section(
                "Reports",
                [
                    Page::new("Sales", |st: &mut St| {
                        st.text("sales");
                        st.page_link("Home");
                    }),
                    Page::new("Costs", |st: &mut St| st.text("costs")),
                ],
            )
            .position(position);
        st.navigation(pages).run(st)
    }
}

#[test]
fn the_sidebar_navigation_and_a_page_link_switch_pages() {
    let mut h = harness(nav_app(NavPosition::Sidebar));
    h.run();
    let _ = h.get_by_label("Reports"); // the section heading
    h.get_by_label("Sales").click();
    assert_eq!(settle(&mut h), [Event::SwitchPage(1)]);
    assert_eq!(texts(&h), ["sales"]);
    // The page link to Home (the list has its own "Home" row first).
    let links = h.query_all_by_label("Home").collect::<Vec<_>>();
    assert_eq!(links.len(), 2);
    links[1].click();
    assert_eq!(settle(&mut h), [Event::SwitchPage(0)]);
    assert_eq!(texts(&h), ["home"]);
}

#[test]
fn top_navigation_puts_sections_in_menus() {
    let mut h = harness(nav_app(NavPosition::Top));
    h.run();
    assert!(h.query_by_label("Close sidebar").is_none(), "no sidebar");
    h.get_by_label_contains("Reports").click();
    h.run();
    h.get_by_label("Costs").click();
    assert_eq!(settle(&mut h), [Event::SwitchPage(2)]);
    assert_eq!(texts(&h), ["costs"]);
}

#[test]
fn the_sidebar_closes_and_opens_again() {
    let mut h = harness(|st: &mut St| st.sidebar(|st| st.text("in the sidebar")));
    h.run();
    let _ = h.get_by_label("in the sidebar");
    h.get_by_label("Close sidebar").click();
    h.run();
    assert!(h.query_by_label("in the sidebar").is_none());
    h.get_by_label("Open sidebar").click();
    h.run();
    let _ = h.get_by_label("in the sidebar");
}

#[test]
fn a_collapsed_initial_sidebar_starts_closed() {
    let mut h = harness(|st: &mut St| {
        st.set_page_config(
            PageConfig::new().initial_sidebar_state(brook::tree::SidebarState::Collapsed),
        );
        st.sidebar(|st| st.text("in the sidebar"));
    });
    h.run();
    assert!(h.query_by_label("in the sidebar").is_none());
    let _ = h.get_by_label("Open sidebar");
}

// ---- snapshots: a gallery page in both themes and both layouts -------------

fn gallery(wide: bool) -> impl Fn(&mut St<'_>) + Send + Sync {
    move |st: &mut St| {
        if wide {
            st.set_page_config(PageConfig::new().layout(PageLayout::Wide));
        }
        st.sidebar(|st| {
            st.checkbox("Logged in");
            st.caption("A caption in the sidebar.");
        });
        st.title("Gallery");
        st.caption("Every widget fills its column; one accent colour marks what is chosen.");
        let tabs = st.tabs(["Inputs", "Output"]);
        st.with(tabs[0], |st| {
            st.add(
                Slider::new("Points", 0..=100_i64)
                    .value(40)
                    .help("How many"),
            );
            st.add(TextInput::new("Name").placeholder("Your name"));
            let cols = st.columns(2);
            st.with(cols[0], |st| st.selectbox("Region", ["North", "South"]));
            st.with(cols[1], |st| {
                st.add(NumberInput::new("Quantity").range(0..=10_i64).value(3))
            });
            st.add(Radio::new("Size", ["S", "M", "L"]).index(1).horizontal());
            st.add(Checkbox::new("Show details").value(true));
            st.add(Toggle::new("Dark mode").value(true));
            let buttons = st.columns([1.0, 1.0, 2.0]);
            st.with(buttons[0], |st| st.add(Button::new("Save").primary()));
            st.with(buttons[1], |st| st.button("Cancel"));
            st.info("40 points for nobody in the North.");
        });
        Expander::new("Details")
            .icon("§")
            .show(st, |st| st.text("inside"));
    }
}

fn snapshot(name: &str, wide: bool, theme: egui::Theme) {
    let mut h = harness_sized(gallery(wide), egui::vec2(1400.0, 900.0), theme);
    h.run();
    h.snapshot(name);
}

#[test]
fn snapshot_gallery_light_centered() {
    snapshot("layout_gallery_light_centered", false, egui::Theme::Light);
}

#[test]
fn snapshot_gallery_dark_centered() {
    snapshot("layout_gallery_dark_centered", false, egui::Theme::Dark);
}

#[test]
fn snapshot_gallery_light_wide() {
    snapshot("layout_gallery_light_wide", true, egui::Theme::Light);
}

#[test]
fn snapshot_gallery_dark_wide() {
    snapshot("layout_gallery_dark_wide", true, egui::Theme::Dark);
}

#[test]
fn snapshot_layout_elements() {
    let mut h = harness_sized(
        |st: &mut St| {
            st.subheader("Columns");
            let cols = st.columns(
                ColumnsSpec::new(3)
                    .gap(Gap::Medium)
                    .vertical_alignment(VerticalAlignment::Center)
                    .border(true),
            );
            st.with(cols[0], |st| st.text_area("Notes"));
            st.with(cols[1], |st| st.button("Centred"));
            st.with(cols[2], |st| {
                let inner = st.columns(2);
                st.with(inner[0], |st| st.caption("nested"));
                st.with(inner[1], |st| st.caption("columns"));
            });
            st.subheader("Containers");
            ContainerOptions::new().height(100.0).show(st, |st| {
                for i in 1..=8 {
                    st.text(format!("Line {i} of a container that scrolls"));
                }
            });
            Popover::new("Settings")
                .icon("§")
                .show(st, |st| st.checkbox("Fast"));
            st.divider();
            st.add(Button::new("Primary").primary());
        },
        egui::vec2(1000.0, 700.0),
        egui::Theme::Light,
    );
    h.run();
    h.snapshot("layout_elements");
}
