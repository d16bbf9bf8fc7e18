//! The look of a brook page: every widget, layout element and the page
//! navigation, in Streamlit's design.
//!
//! `cargo run --example gallery` (add `-- --theme.base=dark`, or
//! `--theme.primaryColor=#1E88E5`, to see the theme options).
//!
//! `docs/look/streamlit_gallery.py` is the same app in Streamlit; the two
//! pictures side by side are in `docs/look.md`.

use brook::prelude::*;
use brook::tree::{Gap, NavPosition, SpaceSize, VerticalAlignment};
use brook::{ColumnsSpec, ContainerOptions, Expander, Page, PageConfig, Pages, Popover};

/// The entry page: the sidebar's login switch decides which pages exist.
fn app(st: &mut St) -> brook::Result<()> {
    st.set_page_config(PageConfig::new().title("Gallery").icon("🎨"));
    let admin = st.sidebar(|st| {
        let admin = st.add(Checkbox::new("Logged in").key("logged_in"));
        st.caption("Tick to see the admin page.");
        admin
    });
    let mut pages = Pages::new([
        Page::new("Widgets", widgets).icon("🎛"),
        Page::new("Layout", layout).icon("📐"),
    ]);
    if admin {
        pages = pages.section("Admin", [Page::new("Settings", settings).icon("⚙")]);
    }
    let top = st.state().get_or("nav_top", false)?;
    if top {
        pages = pages.position(NavPosition::Top);
    }
    st.navigation(pages).run(st)
}

fn widgets(st: &mut St) -> brook::Result<()> {
    st.title("Gallery");
    st.caption("Every widget fills its column; one accent colour marks what is chosen.");
    let tabs = st.tabs(["Inputs", "Output"]);
    st.with(tabs[0], |st| {
        let n = st.add(Slider::new("Points", 0..=100_i64).value(40));
        let name = st.add(TextInput::new("Name").placeholder("Your name"));
        let cols = st.columns(2);
        let region = st.with(cols[0], |st| st.selectbox("Region", ["North", "South"]));
        st.with(cols[1], |st| {
            st.add(NumberInput::new("Quantity").range(0..=10_i64).value(3))
        });
        st.add(Radio::new("Size", ["S", "M", "L"]).index(1).horizontal());
        st.add(Checkbox::new("Show details").value(true));
        st.toggle("Dark mode");
        let buttons = st.columns([1.0, 1.0, 2.0]);
        st.with(buttons[0], |st| st.add(Button::new("Save").primary()));
        st.with(buttons[1], |st| st.button("Cancel"));
        let who = if name.is_empty() { "nobody" } else { &name };
        st.info(format!("{n} points for {who} in the {region}."));
    });
    st.with(tabs[1], |st| {
        st.subheader("Output");
        st.markdown("Text with **bold**, *italics* and `code`.");
        st.code("let n = st.slider(\"Points\", 0..=100);", "rust");
        st.line_chart(&[3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0]);
    });
    Ok(())
}

fn layout(st: &mut St) -> brook::Result<()> {
    st.title("Layout");
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
    st.space(SpaceSize::Small);
    st.subheader("Containers");
    ContainerOptions::new().height(140.0).show(st, |st| {
        for i in 1..=12 {
            st.text(format!("Line {i} of a container that scrolls"));
        }
    });
    Expander::new("Details").icon("🔍").show(st, |st| {
        st.write("An expander with an icon; open or closed, it stays so after a restart.");
    });
    let cols = st.columns([1.0, 3.0]);
    st.with(cols[0], |st| {
        Popover::new("Settings").icon("⚙").show(st, |st| {
            // Kept while the page is not shown (WS-9's persist_state).
            st.add(
                Toggle::new("Navigation at the top")
                    .key("nav_top")
                    .persist_state(true),
            );
            st.slider("Opacity", 0..=100_i64);
        });
    });
    st.with(cols[1], |st| {
        st.caption("A popover holds widgets of its own.");
    });
    st.divider();
    st.page_link("Widgets");
    Ok(())
}

fn settings(st: &mut St) {
    st.title("Settings");
    st.success("Only logged-in users see this page.");
    // The callback runs before the page: the login box is not drawn yet,
    // so its key may be set, and the next run no longer offers this page.
    st.add(Button::new("Log out").on_click(|st| st.state().set("logged_in", false)));
}

fn main() -> brook::Result<()> {
    brook::App::new("Gallery").page("Gallery", app).run()
}
