// FO-4: a plain button cannot be used in a form; the form submits with its
// submit button.
use brook::prelude::*;

fn page(st: &mut St) {
    st.form("f", |form| {
        form.add(Button::new("Go"));
        form.button("Go");
        form.form_submit_button("Submit");
    });
}

fn main() {
    let _ = page;
}
