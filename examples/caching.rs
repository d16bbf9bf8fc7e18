//! Caching with brook: the seed's `MyClass` example, a slow loader with a
//! spinner and a ttl, and a shared database connection, in one page.
//!
//! ```sh
//! cargo run --example caching
//! ```

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use brook::prelude::*;

// --- The seed's MyClass example (Streamlit docs, "hash_funcs") -------------

/// A type we chose not to make hashable: its `id` identifies it.
#[derive(Debug, Clone)]
struct MyClass {
    id: i64,
}

impl MyClass {
    fn new(unique_thing: i64) -> Self {
        Self { id: unique_thing }
    }

    /// A cached method: `self` is hashed like any argument (CA-17), here by
    /// its id through `hash_funcs` (CA-5).
    #[brook::cache_data(hash_funcs = { MyClass: |x: &MyClass| x.id })]
    fn multiply_id(&self, multiplier: i64) -> i64 {
        println!("  computing {} * {multiplier}", self.id);
        self.id * multiplier
    }

    fn increment_id(&self, addition: i64) -> i64 {
        self.id + addition
    }
}

/// The custom hash function for `MyClass`.
fn hash_func(obj: &MyClass) -> i64 {
    obj.id
}

/// A cached function taking and returning `MyClass`: every caller gets its
/// own copy of the returned object (CA-6).
#[brook::cache_data(hash_funcs = { MyClass: hash_func })]
fn cache_custom_object_with_incremented_id(obj: &MyClass) -> MyClass {
    println!("  computing a copy of MyClass {}", obj.id);
    MyClass::new(obj.increment_id(1))
}

// --- A slow load, cached for an hour ----------------------------------------

/// Loads a table (slowly: a second per miss). The spinner appears if a miss takes more than 0.5 s
/// (CA-15); entries expire an hour after they were written (CA-8). Returning
/// an `Arc` makes every hit free instead of a copy of the table.
#[brook::cache_data(ttl = "1h", max_entries = 10, show_spinner = "Loading data...")]
fn load_data(rows: usize) -> Arc<Vec<(usize, f64)>> {
    std::thread::sleep(Duration::from_secs(1)); // a slow query
    Arc::new((0..rows).map(|i| (i, (i as f64).sqrt())).collect())
}

// --- A database-connection-like resource -------------------------------------

/// Shared by every session: one connection per url (CA-6).
#[derive(Debug)]
struct Database {
    url: String,
    open: AtomicBool,
    log: Mutex<Vec<String>>,
}

impl Database {
    fn query(&self, sql: &str) -> usize {
        let mut log = self
            .log
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        log.push(sql.to_owned());
        log.len()
    }
}

/// Opens a connection once per url; a closed one is replaced at the next
/// call (`validate`, CA-12), and `on_release` closes it when it leaves the
/// cache.
#[brook::cache_resource(
    validate = |db: &Database| db.open.load(Ordering::SeqCst),
    on_release = |db: Arc<Database>| println!("  closing {}", db.url),
)]
fn connect(url: &str) -> Database {
    println!("  connecting to {url}");
    Database {
        url: url.to_owned(),
        open: AtomicBool::new(true),
        log: Mutex::new(Vec::new()),
    }
}

/// The page: each section shows one caching behaviour.
fn page(st: &mut St) -> brook::Result<()> {
    st.title("Caching");

    st.header("MyClass, hashed by id (hash_funcs)");
    let id = st.add(Slider::new("MyClass id", 1..=10_i64).key("id"));
    let inst = MyClass::new(id);
    let copy = cache_custom_object_with_incremented_id(&inst);
    st.text(format!(
        "Original ID: {}, Cached Copy ID: {}, copy.multiply_id(3) = {}",
        inst.id,
        copy.id,
        copy.multiply_id(3)
    ));
    st.caption(
        "Move the slider back to an id you saw: nothing is computed again (see the terminal).",
    );

    st.header("A slow load (ttl 1 h, spinner)");
    let rows = st.add(
        NumberInput::new("rows")
            .range(1_000..=1_000_000_usize)
            .value(100_000)
            .step(50_000),
    );
    let table = load_data(rows);
    st.text(format!("{} rows, last = {:?}", table.len(), table.last()));
    let curve: Vec<f64> = table
        .iter()
        .step_by((rows / 200).max(1))
        .map(|(_, y)| *y)
        .collect();
    st.line_chart(&curve);
    if st.button("Clear load_data's cache") {
        load_data_clear();
        st.rerun();
    }

    st.header("A shared connection (cache_resource)");
    let db = connect("postgres://localhost/app");
    st.text(format!(
        "{}: {} queries so far",
        db.url,
        db.query("select 1")
    ));
    Ok(())
}

fn main() -> brook::Result<()> {
    brook::App::new("Caching").page("Caching", page).run()
}
