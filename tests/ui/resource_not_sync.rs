// CA-6: a resource is shared by every session, so it must be Send + Sync.
use std::rc::Rc;

#[brook::cache_resource]
fn counter() -> Rc<u32> {
    Rc::new(0)
}

fn main() {
    let _ = counter();
}
