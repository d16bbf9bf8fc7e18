//! Every widget, a sidebar, and two pages sharing one session state.
//!
//! `cargo run --example widgets`

use brook::prelude::*;

#[brook::cache_data(show_spinner = "Squaring slowly…")]
fn slow_square(n: i64) -> i64 {
    std::thread::sleep(std::time::Duration::from_millis(1500));
    n * n
}

fn widgets(st: &mut St) -> brook::Result<()> {
    st.title("Widgets");
    st.state().init("clicks", || 0_i64);
    let name = st.add(TextInput::new("Your name").key("name"));
    if !name.is_empty() {
        st.markdown(format!("Hello, **{name}**!"));
    }
    let notes = st.text_area("Notes");
    st.caption(format!("{} characters of notes", notes.chars().count()));

    let cols = st.columns(2);
    let agree = st.with(cols[0], |st| st.checkbox("I agree"));
    let dark = st.with(cols[1], |st| st.toggle("Extra mode"));
    st.write(format!("agree = {agree}, extra = {dark}"));

    let count = st.number_input("Count", 3_i64);
    let (low, high) = st.add(RangeSlider::new("Price", 0..=100_i64).value(20, 80));
    let colour = st.selectbox("Colour", ["Red", "Green", "Blue"].map(String::from));
    let size = st.radio("Size", ["S", "M", "L"].map(String::from));
    st.info(format!(
        "count = {count}, price = {low}..{high}, colour = {colour}, size = {size}"
    ));

    if st.button("Count clicks") {
        st.state().update("clicks", |n: &mut i64| *n += 1)?;
    }
    // A slow step: the window stays responsive, dims what the run has not
    // redrawn yet, and shows the spinner text in the top bar.
    let clicks: i64 = st.state().get("clicks")?;
    st.caption(format!(
        "slow square of the clicks: {}",
        slow_square(clicks)
    ));
    st.sidebar(|st| -> brook::Result<()> {
        st.header("Sidebar");
        let clicks: i64 = st.state().get("clicks")?;
        st.write(format!("{clicks} clicks so far"));
        Ok(())
    })?;
    st.expander("Details", |st| {
        st.json(&serde_json::json!({"name": name, "count": count}));
    });
    Ok(())
}

fn charts(st: &mut St) -> brook::Result<()> {
    st.title("Charts");
    st.state().init("clicks", || 0_i64);
    let clicks: i64 = st.state().get("clicks")?;
    st.write(format!("The Widgets page was clicked {clicks} times."));
    let wave: Vec<f64> = (0..200).map(|i| (f64::from(i) / 15.0).sin()).collect();
    st.line_chart(&wave);
    st.bar_chart(&[3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0]);
    Ok(())
}

fn main() -> brook::Result<()> {
    brook::App::new("brook widgets")
        .page("Widgets", widgets)
        .page("Charts", charts)
        .run()
}
