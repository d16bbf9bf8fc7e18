// A hash_funcs entry for another type does not make this one hashable.
struct Opaque;
struct Other;

#[brook::cache_resource(hash_funcs = { Other: |_o: &Other| 0 })]
fn connect(items: Vec<Opaque>) -> usize {
    items.len()
}

fn main() {}
