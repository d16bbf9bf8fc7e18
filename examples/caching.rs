//! Caching with brook: the seed's `MyClass` example, a slow loader with a
//! spinner and a ttl, and a shared database connection.
//!
//! ```sh
//! cargo run --example caching
//! ```

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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

/// Loads a table. The spinner appears if a miss takes more than 0.5 s
/// (CA-15); entries expire an hour after they were written (CA-8). Returning
/// an `Arc` makes every hit free instead of a copy of the table.
#[brook::cache_data(ttl = "1h", max_entries = 10, show_spinner = "Loading data...")]
fn load_data(rows: usize) -> Arc<Vec<(usize, f64)>> {
    std::thread::sleep(Duration::from_millis(300)); // a slow query
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

/// Prints how long `f` took: wall-clock time is the point here, so this
/// reads `Instant::now` directly (brook's core uses an injectable clock).
#[allow(clippy::disallowed_methods)]
fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = f();
    println!("{label}: {:.1?}", start.elapsed());
    value
}

fn main() {
    // `persist = "disk"` caches (none here) and `clear_all()` use this
    // directory; by default it is the platform's cache directory for brook.
    brook::cache::set_disk_dir(std::env::temp_dir().join("brook-caching-example"));

    println!("MyClass:");
    for id in [1, 1, 5, 1] {
        let inst = MyClass::new(id);
        let copy = cache_custom_object_with_incremented_id(&inst);
        let product = copy.multiply_id(3);
        println!(
            "Original ID: {}, Cached Copy ID: {}, copy.multiply_id(3)={product}",
            inst.id, copy.id
        );
    }

    println!("\nload_data:");
    let table = timed("first call (a miss)", || load_data(100_000));
    let again = timed("second call (a hit)", || load_data(100_000));
    assert!(Arc::ptr_eq(&table, &again));
    println!("{} rows, last = {:?}", table.len(), table.last());
    load_data_clear();
    timed("after load_data_clear() (a miss)", || load_data(100_000));

    println!("\nconnect:");
    let db = connect("postgres://localhost/app");
    println!("queries so far: {}", db.query("select 1"));
    println!(
        "queries so far: {}",
        connect("postgres://localhost/app").query("select 2")
    );
    db.open.store(false, Ordering::SeqCst); // the server hung up
    let fresh = connect("postgres://localhost/app");
    println!(
        "after a disconnect, a new connection: {}",
        !Arc::ptr_eq(&db, &fresh)
    );

    println!("\nClear caches (the app menu's item):");
    brook::cache::clear_all();
}
