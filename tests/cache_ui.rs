//! Compile-fail tests: what Streamlit reports at run time, brook reports at
//! compile time where Rust can (departure 3), with the same advice.

#![allow(clippy::unwrap_used)] // tests may unwrap (house rule)

#[test]
fn cache_misuse_is_a_compile_error_that_says_how_to_fix_it() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
