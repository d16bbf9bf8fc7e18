//! The seed example: a "Random ops" button, two sliders, a cached multiply,
//! and a line chart of every product so far.
//!
//! `cargo run --example slider_chart` (add `-- --screenshot shot.png` to
//! write a picture and exit).

use brook::prelude::*;

/// Computed once per pair of operands; later runs with the same pair read
/// the cache (menu "Clear caches" or key C empties it).
#[brook::cache_data]
fn multiply(op1: i64, op2: i64) -> i64 {
    op1 * op2
}

/// The button's callback: runs before the page, so the sliders below show
/// the new operands in the same run.
fn random_op_button(st: &mut St) {
    st.state().set("op1", rand::random_range(1..=10_i64));
    st.state().set("op2", rand::random_range(1..=10_i64));
    st.state().set("slider_changed", false);
}

fn slider_chart(st: &mut St) -> brook::Result<()> {
    st.state().init("operand_slider_history", Vec::<i64>::new);
    st.state().init("op1", || 1_i64);
    st.state().init("op2", || 1_i64);
    st.state().init("slider_changed", || false);

    st.add(Button::new("Random ops").on_click(random_op_button));
    let op1 = st.add(Slider::new("Operand 1", 1..=10_i64).step(1).key("op1"));
    let op2 = st.add(Slider::new("Operand 2", 1..=10_i64).step(1).key("op2"));

    // One history entry per run, behind the seed's flag.
    if !st.state().get::<bool>("slider_changed")? {
        let product = multiply(op1, op2);
        st.state()
            .update("operand_slider_history", |h: &mut Vec<i64>| h.push(product))?;
        st.state().set("slider_changed", true);
    }
    st.state().set("slider_changed", false);

    let history: Vec<i64> = st.state().get("operand_slider_history")?;
    st.line_chart(&history);
    Ok(())
}

fn main() -> brook::Result<()> {
    brook::App::new("Slider chart")
        .page("Chart", slider_chart)
        .run()
}
