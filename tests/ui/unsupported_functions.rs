#[brook::cache_data]
async fn fetch(x: i64) -> i64 {
    x
}

#[brook::cache_data]
fn generic<T: Clone>(x: T) -> T {
    x
}

#[brook::cache_data]
fn iterator(n: u32) -> impl Iterator<Item = u32> {
    0..n
}

struct St;

#[brook::cache_data]
fn context_second(n: i64, st: &mut St) -> i64 {
    let _ = st;
    n
}

fn main() {}
