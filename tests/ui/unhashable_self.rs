// CA-17: `self` is hashed like any argument.
struct Model {
    id: u32,
}

impl Model {
    #[brook::cache_data]
    fn predict(&self, x: i64) -> i64 {
        x + self.id as i64
    }
}

fn main() {}
