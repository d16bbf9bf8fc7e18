#[brook::cache_data(tll = "1h")]
fn typo() -> i64 {
    1
}

#[brook::cache_data(max_size = "500MB")]
fn unsupported() -> i64 {
    1
}

#[brook::cache_data(validate = |_v: &i64| true)]
fn resource_only() -> i64 {
    1
}

#[brook::cache_resource(persist = "disk")]
fn data_only() -> i64 {
    1
}

#[brook::cache_data(ttl = "1h", ttl = "2h")]
fn twice() -> i64 {
    1
}

fn main() {}
