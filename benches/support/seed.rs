//! The seed page (DESIGN.md, `examples/slider_chart.rs`), shared by the
//! benchmarks that run it.

use brook::prelude::*;

/// The seed page's product.
pub fn multiply(op1: i64, op2: i64) -> i64 {
    op1 * op2
}

/// The seed page (DESIGN.md), with a plain multiply.
pub fn slider_chart(st: &mut St) -> brook::Result<()> {
    st.state().init("operand_slider_history", Vec::<i64>::new);
    st.state().init("slider_changed", || false);
    st.add(Button::new("Random ops").on_click(|st| {
        st.state().set("op1", 3_i64);
        st.state().set("op2", 10_i64);
        st.state().set("slider_changed", false);
    }));
    let op1 = st.add(Slider::new("Operand 1", 1..=10_i64).key("op1"));
    let op2 = st.add(Slider::new("Operand 2", 1..=10_i64).key("op2"));
    if !st.state().get::<bool>("slider_changed")? {
        let product = multiply(op1, op2);
        st.state()
            .update("operand_slider_history", |h: &mut Vec<i64>| h.push(product))?;
        st.state().set("slider_changed", true);
    }
    st.state().set("slider_changed", false);
    st.state().with("operand_slider_history", |h: &Vec<i64>| {
        // Draw without copying the history (a `with` borrow).
        h.len()
    })?;
    let history: Vec<i64> = st.state().get("operand_slider_history")?;
    st.line_chart(&history);
    Ok(())
}
