// FO-3: within a form only the submit button takes a callback.
use brook::prelude::*;

fn page(st: &mut St) {
    st.form("f", |form| {
        form.add(Slider::new("x", 0..=10).on_change(|_st| {}));
        form.add(TextInput::new("t").on_change(|_st| {}).key("t"));
        // Without the callback the same builders are welcome.
        form.add(Slider::new("y", 0..=10));
        form.add(TextInput::new("u").key("u"));
        form.form_submit_button("Submit");
    });
}

fn main() {
    let _ = page;
}
