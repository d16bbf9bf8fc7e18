//! Ports of the caching apps in `shared/conformance/apps/`, driven through
//! the recorded interactions; `compare.py` judges each trace.
//!
//! Caches are process-wide and `cache_data_counts` clears every data cache,
//! so the ports in this binary run one at a time.
#![allow(clippy::unwrap_used)] // tests may unwrap (house rule)

use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, Mutex, MutexGuard};

use brook::prelude::*;
use brook::testing::AppTest;
use serde::{Deserialize, Serialize};

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn exclusive() -> MutexGuard<'static, ()> {
    let guard = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // Global clears also remove persisted files: keep them in a temp dir.
    brook::cache::set_disk_dir(std::env::temp_dir().join("brook-cache-conformance"));
    guard
}

/// Python's `repr` of a bool.
fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

fn shared_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance")
}

fn out_dir() -> PathBuf {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent()
        .map_or_else(|| PathBuf::from("target"), PathBuf::from)
        .join("conformance")
}

/// Writes the trace and fails unless `compare.py` passes every step.
fn judge(name: &str, at: &AppTest) {
    let dir = out_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let actual = dir.join(format!("{name}.json"));
    let trace = serde_json::to_string_pretty(&at.trace(name)).unwrap();
    std::fs::write(&actual, trace).unwrap();
    let expected = shared_dir().join(format!("expected/{name}.json"));
    let out = Command::new("python3")
        .arg(shared_dir().join("compare.py"))
        .arg(&expected)
        .arg(&actual)
        .output()
        .expect("python3 is needed to run shared/conformance/compare.py");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "conformance {name} failed:\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("conformance:"), "{stdout}");
}

fn bump(st: &mut St, key: &str) -> brook::Result<i64> {
    st.state().update(key, |n: &mut i64| {
        *n += 1;
        *n
    })
}

// ---- cache_data_counts (CA-3, CA-14) ----------------------------------------

#[brook::cache_data]
fn square(st: &mut St, x: i64) -> brook::Result<i64> {
    bump(st, "n_calls_square")?;
    st.state()
        .update("computed", |c: &mut Vec<i64>| c.push(x))?;
    Ok(x * x)
}

fn cache_data_counts(st: &mut St) -> brook::Result<()> {
    for k in [
        "n_runs",
        "n_calls_square",
        "n_cb_clear_square",
        "n_cb_clear_square_2",
        "n_cb_clear_all",
    ] {
        st.state().init(k, || 0_i64);
    }
    st.state().init("computed", Vec::<i64>::new);
    bump(st, "n_runs")?;

    let x = st.add(NumberInput::new("X").value(2_i64).step(1));
    let a = square(st, 2)?;
    st.text(format!("square(2)={a}"));
    let b = square(st, 2)?;
    st.text(format!("square(2) again={b}"));
    let c = square(st, x)?;
    st.text(format!("square(X)={c}"));
    st.add(
        Button::new("Clear square").on_click(|st| -> brook::Result<()> {
            bump(st, "n_cb_clear_square")?;
            square_clear();
            Ok(())
        }),
    );
    st.add(
        Button::new("Clear square(2) only").on_click(|st| -> brook::Result<()> {
            bump(st, "n_cb_clear_square_2")?;
            square_clear_args(2);
            Ok(())
        }),
    );
    st.add(
        Button::new("Clear all data caches").on_click(|st| -> brook::Result<()> {
            bump(st, "n_cb_clear_all")?;
            brook::cache::clear_data();
            Ok(())
        }),
    );
    let n: i64 = st.state().get("n_calls_square")?;
    let computed: Vec<i64> = st.state().get("computed")?;
    st.text(format!("square executions so far={n} args={computed:?}"));
    Ok(())
}

#[test]
fn conformance_cache_data_counts() {
    let _one = exclusive();
    let mut at = AppTest::new(cache_data_counts);
    at.run();
    at.run();
    at.set_value("X", 3).run();
    at.set_value("X", 2).run();
    at.set_value("X", 3).run();
    at.click("Clear square").run();
    at.click("Clear square(2) only").run();
    at.click("Clear all data caches").run();
    at.run();
    judge("cache_data_counts", &at);
}

// ---- cache_data_max_entries (CA-9) ------------------------------------------

#[brook::cache_data(max_entries = 2)]
fn times10(st: &mut St, x: i64) -> brook::Result<i64> {
    bump(st, "n_calls_times10")?;
    st.state()
        .update("computed", |c: &mut Vec<i64>| c.push(x))?;
    Ok(x * 10)
}

fn cache_data_max_entries(st: &mut St) -> brook::Result<()> {
    for k in ["n_runs", "n_calls_times10"] {
        st.state().init(k, || 0_i64);
    }
    st.state().init("computed", Vec::<i64>::new);
    bump(st, "n_runs")?;
    let arg = st.add(NumberInput::new("Arg").value(1_i64).step(1));
    let v = times10(st, arg)?;
    st.text(format!("times10({arg})={v}"));
    let computed: Vec<i64> = st.state().get("computed")?;
    st.text(format!("executed for args {computed:?}"));
    Ok(())
}

#[test]
fn conformance_cache_data_max_entries() {
    let _one = exclusive();
    let mut at = AppTest::new(cache_data_max_entries);
    at.run();
    for arg in [2, 1, 3, 2, 1] {
        at.set_value("Arg", arg).run();
    }
    judge("cache_data_max_entries", &at);
}

// ---- cache_hash_funcs: the seed's MyClass example (CA-5, CA-17) -------------

/// A type with no `CacheHash`: it is hashed by id through `hash_funcs`.
#[derive(Debug, Clone)]
struct MyClass {
    id: i64,
}

impl MyClass {
    fn new(unique_thing: i64) -> Self {
        Self { id: unique_thing }
    }

    #[brook::cache_data(hash_funcs = { MyClass: |x: &MyClass| x.id })]
    fn multiply_id(&self, st: &mut St, multiplier: i64) -> brook::Result<i64> {
        bump(st, "n_calls_multiply_id")?;
        Ok(self.id * multiplier)
    }

    fn increment_id(&self, addition: i64) -> i64 {
        self.id + addition
    }
}

/// Custom hash function for `MyClass`.
fn hash_func(obj: &MyClass) -> i64 {
    obj.id
}

#[brook::cache_data(hash_funcs = { MyClass: hash_func })]
fn cache_custom_object_with_incremented_id(st: &mut St, obj: &MyClass) -> brook::Result<MyClass> {
    bump(st, "n_calls_increment")?;
    let new_id = obj.increment_id(1);
    Ok(MyClass::new(new_id))
}

fn cache_hash_funcs(st: &mut St) -> brook::Result<()> {
    for k in ["n_runs", "n_calls_multiply_id", "n_calls_increment"] {
        st.state().init(k, || 0_i64);
    }
    bump(st, "n_runs")?;
    let inst = MyClass::new(st.add(NumberInput::new("Instance id").value(1_i64).step(1)));
    let copy = cache_custom_object_with_incremented_id(st, &inst)?;
    let product = copy.multiply_id(st, 3)?;
    st.write(format!(
        "Original ID: {}, Cached Copy ID: {}",
        inst.id, copy.id
    ));
    st.text(format!("copy.multiply_id(3)={product}"));
    let type_name = std::any::type_name::<MyClass>()
        .rsplit("::")
        .next()
        .unwrap_or("?");
    st.text(format!("returned object is a MyClass: {type_name}"));
    Ok(())
}

#[test]
fn conformance_cache_hash_funcs() {
    let _one = exclusive();
    let mut at = AppTest::new(cache_hash_funcs);
    at.run();
    at.run();
    at.set_value("Instance id", 5).run();
    at.set_value("Instance id", 1).run();
    judge("cache_hash_funcs", &at);
}

// ---- cache_resource_identity (CA-6, CA-14) ----------------------------------

/// The resource: shared, so its mutable part is behind a lock.
#[derive(Debug)]
struct Resource {
    serial: i64,
    seen_in_runs: Mutex<Vec<i64>>,
}

/// A live reference to the resource kept in session state (`ss.prev_obj`):
/// it shows as the resource's fields, like Streamlit's dict.
#[derive(Debug, Clone)]
struct Handle(Arc<Resource>);

#[derive(Serialize, Deserialize)]
struct ResourceView {
    serial: i64,
    seen_in_runs: Vec<i64>,
}

impl Serialize for Handle {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ResourceView {
            serial: self.0.serial,
            seen_in_runs: self.0.seen_in_runs.lock().unwrap().clone(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Handle {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = ResourceView::deserialize(d)?;
        Ok(Self(Arc::new(Resource {
            serial: v.serial,
            seen_in_runs: Mutex::new(v.seen_in_runs),
        })))
    }
}

#[brook::cache_resource]
fn get_resource(st: &mut St) -> brook::Result<Resource> {
    let serial = bump(st, "n_calls_get_resource")?;
    Ok(Resource {
        serial,
        seen_in_runs: Mutex::new(Vec::new()),
    })
}

fn cache_resource_identity(st: &mut St) -> brook::Result<()> {
    for k in ["n_runs", "n_calls_get_resource", "n_cb_clear"] {
        st.state().init(k, || 0_i64);
    }
    let n_runs = bump(st, "n_runs")?;

    let r = get_resource(st)?;
    r.seen_in_runs.lock().unwrap().push(n_runs);
    let prev: Option<Handle> = if st.state().contains("prev_obj") {
        Some(st.state().get("prev_obj")?)
    } else {
        None
    };
    let same = prev.map_or("None", |p| py_bool(Arc::ptr_eq(&p.0, &r)));
    st.text(format!("same object as previous run: {same}"));
    let again = get_resource(st)?;
    st.text(format!(
        "same object on 2nd call this run: {}",
        py_bool(Arc::ptr_eq(&again, &r))
    ));
    let seen = r.seen_in_runs.lock().unwrap().clone();
    st.state().set("prev_obj", Handle(r.clone()));
    st.state().set("serial", r.serial);
    st.state().set("seen_in_runs", seen.clone());
    st.text(format!("serial={} seen_in_runs={seen:?}", r.serial));
    st.add(
        Button::new("Clear resource").on_click(|st| -> brook::Result<()> {
            bump(st, "n_cb_clear")?;
            get_resource_clear();
            Ok(())
        }),
    );
    Ok(())
}

#[test]
fn conformance_cache_resource_identity() {
    let _one = exclusive();
    let mut at = AppTest::new(cache_resource_identity);
    at.run();
    at.run();
    at.run();
    at.click("Clear resource").run();
    at.run();
    judge("cache_resource_identity", &at);
}
