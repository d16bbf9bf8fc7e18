// CA-6: cache_data hands out copies, so the value must be Clone.
struct Report {
    text: String,
}

#[brook::cache_data]
fn report(n: i64) -> Report {
    Report { text: n.to_string() }
}

fn main() {
    let _ = report(1).text;
}
