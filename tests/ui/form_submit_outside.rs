// FO-4: a submit button exists only inside a form.
use brook::prelude::*;

fn page(st: &mut St) {
    st.add(FormSubmitButton::new("Go"));
    st.form_submit_button("Go");
}

fn main() {
    let _ = page;
}
