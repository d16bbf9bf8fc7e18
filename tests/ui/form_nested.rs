// FO-5: forms cannot be nested.
use brook::prelude::*;

fn page(st: &mut St) {
    st.form("outer", |form| {
        form.form("inner", |_inner| ());
        form.form_submit_button("Submit");
    });
}

fn main() {
    let _ = page;
}
