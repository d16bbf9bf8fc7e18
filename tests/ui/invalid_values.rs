// CA-8, CA-10, CA-11, CA-15: invalid option values, in Streamlit's words.
#[brook::cache_data(ttl = "soon")]
fn bad_ttl() -> i64 {
    1
}

#[brook::cache_data(scope = "user")]
fn bad_scope() -> i64 {
    1
}

#[brook::cache_data(persist = "cloud")]
fn bad_persist() -> i64 {
    1
}

#[brook::cache_data(show_spinner = 3)]
fn bad_spinner() -> i64 {
    1
}

#[brook::cache_data(hash_funcs = std::collections::HashMap::new())]
fn bad_hash_funcs() -> i64 {
    1
}

#[brook::cache_data(persist = "disk", ttl = "1h")]
fn persisted_ttl() -> i64 {
    1
}

fn main() {}
