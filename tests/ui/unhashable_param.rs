// CA-4 / departure 3: an argument type without CacheHash is a compile error
// that says how to fix it.
struct Opaque {
    id: u32,
}

#[brook::cache_data]
fn load(rows: usize, filter: Opaque) -> usize {
    rows + filter.id as usize
}

fn main() {}
