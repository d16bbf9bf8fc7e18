"""examples/gallery.rs, written for Streamlit 1.67, for the side-by-side
comparison in docs/look.md:

    pip install streamlit==1.67.0
    streamlit run docs/look/streamlit_gallery.py
"""

import streamlit as st


def widgets():
    st.title("Gallery")
    st.caption("Every widget fills its column; one accent colour marks what is chosen.")
    inputs, output = st.tabs(["Inputs", "Output"])
    with inputs:
        n = st.slider("Points", 0, 100, 40)
        name = st.text_input("Name", placeholder="Your name")
        c1, c2 = st.columns(2)
        with c1:
            region = st.selectbox("Region", ["North", "South"])
        with c2:
            st.number_input("Quantity", 0, 10, 3)
        st.radio("Size", ["S", "M", "L"], index=1, horizontal=True)
        st.checkbox("Show details", value=True)
        st.toggle("Dark mode")
        b1, b2, _ = st.columns([1, 1, 2])
        b1.button("Save", type="primary")
        b2.button("Cancel")
        st.info(f"{n} points for {name or 'nobody'} in the {region}.")
    with output:
        st.subheader("Output")
        st.markdown("Text with **bold**, *italics* and `code`.")
        st.code('let n = st.slider("Points", 0..=100);', language="rust")
        st.line_chart([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0])


def layout():
    st.title("Layout")
    st.subheader("Columns")
    c1, c2, c3 = st.columns(3, gap="medium", vertical_alignment="center", border=True)
    c1.text_area("Notes")
    c2.button("Centred")
    with c3:
        i1, i2 = st.columns(2)
        i1.caption("nested")
        i2.caption("columns")
    st.space("small")
    st.subheader("Containers")
    with st.container(height=140):
        for i in range(1, 13):
            st.text(f"Line {i} of a container that scrolls")
    with st.expander("Details", icon="🔍"):
        st.write("An expander with an icon; open or closed, it stays so after a restart.")
    p1, p2 = st.columns([1, 3])
    with p1.popover("Settings", icon="⚙"):
        st.toggle("Navigation at the top", key="nav_top")
        st.slider("Opacity", 0, 100)
    p2.caption("A popover holds widgets of its own.")
    st.divider()
    st.page_link(widgets_page)


def settings():
    st.title("Settings")
    st.success("Only logged-in users see this page.")
    st.button("Log out", on_click=lambda: st.session_state.update(logged_in=False))


st.set_page_config(page_title="Gallery", page_icon="🎨")
with st.sidebar:
    admin = st.checkbox("Logged in", key="logged_in")
    st.caption("Tick to see the admin page.")
widgets_page = st.Page(widgets, title="Widgets", icon="🎛")
pages = {"": [widgets_page, st.Page(layout, title="Layout", icon="📐")]}
if admin:
    pages["Admin"] = [st.Page(settings, title="Settings", icon="⚙")]
position = "top" if st.session_state.get("nav_top") else "sidebar"
st.navigation(pages, position=position).run()
