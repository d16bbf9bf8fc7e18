// CA-10: persisted values are written to disk, so they must be serialisable.
#[derive(Clone)]
struct Frame {
    rows: Vec<f64>,
}

#[brook::cache_data(persist = "disk")]
fn frame(n: usize) -> Frame {
    Frame { rows: vec![0.0; n] }
}

fn main() {
    let _ = frame(1).rows;
}
