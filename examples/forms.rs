//! Forms batch their widgets' values until submit (FO-1..FO-10).
//!
//! The seed's two form examples — a text box in a form next to one outside
//! it, and a form whose number input sets the number of columns — and a
//! filter form in the sidebar over a chart: choose several filters, then
//! apply them in one run.
//!
//! `cargo run --example forms`

use brook::prelude::*;

/// The seed's "Forms" example: the text in the form changes only on submit
/// (or Enter), the one outside on every commit.
fn text_boxes(st: &mut St) -> brook::Result<()> {
    st.header("A text box in a form, and one outside it");
    let submit = st.form("my_form", |form| -> brook::Result<bool> {
        // The submit button may come first: the form sends what is entered
        // below it all the same.
        let submit = form.form_submit_button("submit and update");
        form.state().init("form_text", || "Default text".to_owned());
        form.add(TextInput::new("This text is in there").key("form_text"));
        // Updates after Enter in the text box or a click on the button.
        let text: String = form.state().get("form_text")?;
        form.text(text);
        Ok(submit)
    })?;
    st.state()
        .init("nonform_text", || "Default text".to_owned());
    st.add(TextInput::new("this updates automatically").key("nonform_text"));
    // Updates when the text box loses focus.
    let text: String = st.state().get("nonform_text")?;
    st.text(text);
    if submit {
        st.caption("The form was submitted in this run.");
    }
    Ok(())
}

/// The seed's "Form callback handling" example: the number of columns
/// changes only when the form is submitted.
fn columns(st: &mut St) -> brook::Result<()> {
    st.header("Columns, on submit");
    st.state().init("col-count", || 1_i64);
    st.form("column_form", |form| {
        form.add(NumberInput::new("Rows").value(1_i64).min(1));
        form.add(
            NumberInput::new("Columns")
                .min(1_i64)
                .max(5)
                .key("col-count"),
        );
        form.form_submit_button("update_cols");
    });
    let count: i64 = st.state().get("col-count")?;
    let cols = st.columns(usize::try_from(count).unwrap_or(1));
    for (i, col) in cols.into_iter().enumerate() {
        st.with(col, |st| st.write(format!("**col {}**", i + 1)));
    }
    Ok(())
}

/// Filters in the sidebar, applied together: the chart reruns once per
/// "Apply", not once per filter.
fn filtered_chart(st: &mut St) -> brook::Result<()> {
    st.header("A chart behind a filter form");
    st.state().init("applied", || 0_i64);
    let (wave, points, amplitude, (from, to), absolute) = st.sidebar(|st| {
        st.form(FormOptions::new("filters").border(false), |form| {
            form.subheader("Filters");
            let wave = form.add(
                Selectbox::new("Wave", ["Sine", "Cosine", "Sawtooth"].map(String::from))
                    .key("wave"),
            );
            let points = form.add(Slider::new("Points", 20..=400_i64).value(200).key("points"));
            let amplitude = form.add(
                NumberInput::new("Amplitude")
                    .value(1.0_f64)
                    .range(0.1..=10.0)
                    .step(0.5)
                    .key("amplitude"),
            );
            let range = form.add(
                RangeSlider::new("Share of the period", 0..=100_i64)
                    .value(0, 100)
                    .key("share"),
            );
            let absolute = form.add(Checkbox::new("Absolute values").key("absolute"));
            form.add(
                FormSubmitButton::new("Apply filters")
                    .help("Sends every filter above in one run")
                    .on_click(|st| st.state().update("applied", |n: &mut i64| *n += 1)),
            );
            (wave, points, amplitude, range, absolute)
        })
    });
    let n = usize::try_from(points).unwrap_or(0);
    let values: Vec<f64> = (0..n)
        .filter(|i| {
            let share = i64::try_from(i * 100 / n.max(1)).unwrap_or(100);
            (from..=to).contains(&share)
        })
        .map(|i| {
            let t = i as f64 / n as f64 * std::f64::consts::TAU;
            let y = match wave.as_str() {
                "Cosine" => t.cos(),
                "Sawtooth" => t / std::f64::consts::PI - 1.0,
                _ => t.sin(),
            };
            let y = amplitude * y;
            if absolute { y.abs() } else { y }
        })
        .collect();
    st.line_chart(&values);
    let applied: i64 = st.state().get("applied")?;
    st.caption(format!(
        "{wave}, {} points, amplitude {amplitude}; filters applied {applied} times",
        values.len()
    ));
    Ok(())
}

fn page(st: &mut St) -> brook::Result<()> {
    st.title("Forms");
    st.state().init("runs", || 0_i64);
    st.state().update("runs", |n: &mut i64| *n += 1)?;
    let runs: i64 = st.state().get("runs")?;
    st.caption(format!(
        "This page has run {runs} times: typing in a form does not run it."
    ));
    text_boxes(st)?;
    st.divider();
    columns(st)?;
    st.divider();
    filtered_chart(st)
}

fn main() -> brook::Result<()> {
    brook::App::new("brook forms").page("Forms", page).run()
}
