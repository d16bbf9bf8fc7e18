//! `#[cache_data]`, continued from `cache_data.rs`: how arguments are keyed
//! (types, order, size, derived hashes, patterns), methods, `hash_funcs`,
//! scopes and spinners (CA-2..CA-17).

#![allow(clippy::unwrap_used)] // tests may unwrap (house rule)

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use brook::cache::{Dyn, KeyHasher, Kind};
use brook::clock::ManualClock;
use brook::runtime;

#[path = "support/cache_helpers.rs"]
mod cache_helpers;
use cache_helpers::{Log, key_of, run_ctx};

#[test]
fn arguments_are_hashed_with_their_type() {
    // CA-4: 1 != 1.0 != true, and a list differs from a tuple.
    let keys = [
        key_of(&1_i64),
        key_of(&1.0_f64),
        key_of(&true),
        key_of(&1_i32),
        key_of(&1_u64),
        key_of("1"),
        key_of(&'1'),
        key_of(&vec![1_i64]),
        key_of(&(1_i64,)),
        key_of(&Some(1_i64)),
        key_of(&()),
    ];
    let distinct: HashSet<_> = keys.iter().collect();
    assert_eq!(distinct.len(), keys.len());
    // Floats by their bits.
    assert_ne!(key_of(&0.0_f64), key_of(&-0.0_f64));
    assert_eq!(key_of(&f64::NAN), key_of(&f64::NAN));
    // Strings and their owned forms agree; so do references and boxes.
    assert_eq!(key_of("abc"), key_of(&String::from("abc")));
    assert_eq!(key_of(&5_i64), key_of(&Box::new(5_i64)));
    assert_eq!(key_of(&5_i64), key_of(&Arc::new(5_i64)));
    // Sequences are delimited: ("ab", "c") != ("a", "bc").
    assert_ne!(key_of(&("ab", "c")), key_of(&("a", "bc")));
    assert_ne!(key_of(&vec![1_u8, 2]), key_of(&vec![1_u8, 2, 0]));
}

#[test]
fn unordered_collections_hash_equal_whatever_their_order() {
    let mut a = HashMap::new();
    let mut b = HashMap::new();
    for i in 0..50_i64 {
        a.insert(i, i.to_string());
        b.insert(49 - i, (49 - i).to_string());
    }
    assert_eq!(key_of(&a), key_of(&b));
    b.insert(7, "changed".into());
    assert_ne!(key_of(&a), key_of(&b));
    let s1: HashSet<&str> = ["x", "y", "z"].into();
    let s2: HashSet<&str> = ["z", "x", "y"].into();
    assert_eq!(key_of(&s1), key_of(&s2));
    let m1: BTreeMap<i32, i32> = [(1, 2), (3, 4)].into();
    let m2: BTreeMap<i32, i32> = [(3, 4), (1, 2)].into();
    assert_eq!(key_of(&m1), key_of(&m2));
    // Ordered sequences keep their order.
    assert_ne!(key_of(&vec![1, 2]), key_of(&vec![2, 1]));
}

#[test]
fn large_inputs_are_hashed_in_full_not_sampled() {
    // Departure 5: Streamlit samples arrays of 500,000+ elements, so arrays
    // differing outside the sample collide. brook hashes every element,
    // including above the multithreaded threshold.
    for n in [600_000_usize, 3_000_000] {
        let a: Vec<f64> = (0..n).map(|i| i as f64).collect();
        let mut b = a.clone();
        assert_eq!(key_of(&a), key_of(&b));
        b[n / 2 + 1] += 1e-9;
        assert_ne!(key_of(&a), key_of(&b), "n = {n}");
        let mut c = a.clone();
        c[n - 1] = -1.0;
        assert_ne!(key_of(&a), key_of(&c), "n = {n}");
    }
    // The bulk path agrees with itself across the threshold boundary.
    let big = vec![7_u8; brook::cache::RAYON_THRESHOLD + 1];
    assert_eq!(key_of(&big), key_of(&big.clone()));
}

#[derive(brook::CacheHash)]
struct Query {
    table: String,
    limit: Option<u32>,
    #[cache_hash(skip)]
    _trace_id: u64,
}

#[derive(brook::CacheHash)]
enum Shape {
    Circle(f64),
    Rect { w: f64, h: f64 },
    Empty,
}

#[test]
fn derived_cache_hash_covers_every_field_and_variant() {
    let q = |table: &str, limit, trace| Query {
        table: table.into(),
        limit,
        _trace_id: trace,
    };
    assert_eq!(key_of(&q("a", Some(1), 1)), key_of(&q("a", Some(1), 2)));
    assert_ne!(key_of(&q("a", Some(1), 1)), key_of(&q("b", Some(1), 1)));
    assert_ne!(key_of(&q("a", Some(1), 1)), key_of(&q("a", None, 1)));
    assert_ne!(
        key_of(&Shape::Circle(1.0)),
        key_of(&Shape::Rect { w: 1.0, h: 0.0 })
    );
    assert_ne!(
        key_of(&Shape::Rect { w: 1.0, h: 2.0 }),
        key_of(&Shape::Rect { w: 2.0, h: 1.0 })
    );
    assert_ne!(key_of(&Shape::Empty), key_of(&()));
}

static UNDERSCORE: AtomicUsize = AtomicUsize::new(0);

#[brook::cache_data]
fn labelled(x: i64, _label: &str) -> String {
    UNDERSCORE.fetch_add(1, Ordering::SeqCst);
    format!("{x}:{_label}")
}

#[test]
fn underscore_parameters_are_left_out_of_the_key() {
    // CA-3: d(1, _y="a") then d(1, _y="b") is a hit.
    assert_eq!(labelled(1, "a"), "1:a");
    assert_eq!(labelled(1, "b"), "1:a");
    assert_eq!(labelled(2, "b"), "2:b");
    assert_eq!(UNDERSCORE.load(Ordering::SeqCst), 2);
}

static PATTERN: AtomicUsize = AtomicUsize::new(0);

#[brook::cache_data]
fn add_pair((a, b): (i64, i64), mut scale: i64) -> i64 {
    PATTERN.fetch_add(1, Ordering::SeqCst);
    scale += 0;
    (a + b) * scale
}

#[test]
fn destructured_parameters_are_hashed_whole() {
    assert_eq!(add_pair((1, 2), 1), 3);
    assert_eq!(add_pair((1, 2), 1), 3);
    assert_eq!(add_pair((2, 1), 1), 3);
    assert_eq!(PATTERN.load(Ordering::SeqCst), 2);
    add_pair_clear_args((2, 1), 1);
    add_pair((2, 1), 1);
    assert_eq!(PATTERN.load(Ordering::SeqCst), 3);
}

static METHOD: Log = Log(Mutex::new(Vec::new()));
static SHARED: Log = Log(Mutex::new(Vec::new()));

#[derive(brook::CacheHash)]
struct Counter {
    id: i64,
}

impl Counter {
    #[brook::cache_data]
    fn scaled(&self, x: i64) -> i64 {
        METHOD.push(self.id);
        self.id * x
    }

    #[brook::cache_data]
    fn shared(_self: &Self, x: i64) -> i64 {
        SHARED.push(_self.id);
        _self.id * x
    }
}

#[test]
fn methods_hash_self_and_underscore_self_shares_one_cache() {
    // CA-17: N(1).m(1) and N(2).m(1) compute twice; with `_self`, once.
    assert_eq!(Counter { id: 1 }.scaled(3), 3);
    assert_eq!(Counter { id: 2 }.scaled(3), 6);
    assert_eq!(Counter { id: 1 }.scaled(3), 3);
    assert_eq!(METHOD.get(), [1, 2]);
    assert_eq!(Counter::shared(&Counter { id: 1 }, 3), 3);
    assert_eq!(Counter::shared(&Counter { id: 2 }, 3), 3);
    assert_eq!(SHARED.get(), [1]);
    // obj.m.clear(x) clears (obj, x); the class-level clear clears all.
    Counter { id: 2 }.scaled_clear_args(3);
    Counter { id: 2 }.scaled(3);
    Counter { id: 1 }.scaled(3);
    assert_eq!(METHOD.get(), [1, 2, 2]);
    Counter::scaled_clear();
    Counter { id: 1 }.scaled(3);
    assert_eq!(METHOD.get(), [1, 2, 2, 1]);
}

/// A type from "another crate": no `CacheHash`.
struct Foreign {
    id: u32,
    payload: Vec<u8>,
}

static FOREIGN: AtomicUsize = AtomicUsize::new(0);

fn foreign_id(f: &Foreign) -> u32 {
    f.id
}

#[brook::cache_data(hash_funcs = { Foreign: foreign_id })]
fn payload_len(f: &Foreign, extra: usize) -> usize {
    FOREIGN.fetch_add(1, Ordering::SeqCst);
    f.payload.len() + extra
}

#[test]
fn hash_funcs_hash_a_foreign_type_through_the_given_function() {
    // CA-5: the function's result is the argument's hash.
    let a = Foreign {
        id: 1,
        payload: vec![0; 3],
    };
    let b = Foreign {
        id: 1,
        payload: vec![0; 9],
    };
    let c = Foreign {
        id: 2,
        payload: vec![0; 9],
    };
    assert_eq!(payload_len(&a, 0), 3);
    assert_eq!(payload_len(&b, 0), 3); // same id: a hit
    assert_eq!(payload_len(&c, 0), 9);
    assert_eq!(payload_len(&c, 1), 10);
    assert_eq!(FOREIGN.load(Ordering::SeqCst), 3);
}

static MULTIPLY: AtomicUsize = AtomicUsize::new(0);

struct MyClass {
    id: i64,
}

impl MyClass {
    #[brook::cache_data(hash_funcs = { MyClass: |x: &MyClass| x.id })]
    fn multiply_id(&self, multiplier: i64) -> i64 {
        MULTIPLY.fetch_add(1, Ordering::SeqCst);
        self.id * multiplier
    }

    #[brook::cache_data(hash_funcs = { Self: |x: &MyClass| x.id })]
    fn plus_id(&self, n: i64) -> i64 {
        self.id + n
    }
}

#[test]
fn hash_funcs_apply_to_self_of_a_method() {
    // CA-5, CA-17: the seed's MyClass example.
    assert_eq!(MyClass { id: 2 }.multiply_id(3), 6);
    assert_eq!(MyClass { id: 2 }.multiply_id(3), 6);
    assert_eq!(MyClass { id: 5 }.multiply_id(3), 15);
    assert_eq!(MULTIPLY.load(Ordering::SeqCst), 2);
    assert_eq!(MyClass { id: 5 }.plus_id(1), 6);
    assert_eq!(MyClass { id: 6 }.plus_id(1), 7);
}

#[brook::cache_data(hash_funcs = { u8: |v: &u8| i64::from(*v) })]
fn describe(value: Dyn) -> String {
    format!("{:?}", value.downcast_ref::<u8>())
}

#[test]
fn dyn_argument_without_a_hash_func_is_an_error_naming_parameter_type_and_function() {
    // CA-4: the one unhashable argument only the run can detect.
    assert_eq!(describe(Dyn::new(7_u8)), "Some(7)");
    let err = std::panic::catch_unwind(|| describe(Dyn::new(7_u16))).expect_err("unhashable");
    let msg = err.downcast_ref::<String>().expect("message");
    assert!(
        msg.starts_with("Cannot hash argument 'value' (of type `u16`) in 'describe'."),
        "{msg}"
    );
    assert!(msg.contains("leading underscore"), "{msg}");
    assert!(msg.contains("fn describe(_value: ..., ...)"), "{msg}");
}

#[test]
fn dyn_argument_error_inside_a_run_stops_the_run_without_a_panic_message() {
    // EX-10: inside a run the error unwinds to the session as a raised
    // error, not as a user panic with a string payload.
    let clock = ManualClock::new();
    let _run = runtime::enter(run_ctx(&clock));
    let err = std::panic::catch_unwind(|| describe(Dyn::new("text"))).expect_err("unhashable");
    assert!(err.downcast_ref::<String>().is_none());
    assert!(err.downcast_ref::<&str>().is_none());
}

#[brook::cache_data(hash_funcs = { Foreign: |f: &Foreign| -> u32 { if f.id == 13 { panic!("unlucky id") } f.id } })]
fn checked(f: &Foreign) -> u32 {
    f.id
}

#[test]
fn a_panicking_hash_func_is_a_user_hash_error() {
    // CA-5
    assert_eq!(
        checked(&Foreign {
            id: 1,
            payload: vec![]
        }),
        1
    );
    let err = std::panic::catch_unwind(|| {
        checked(&Foreign {
            id: 13,
            payload: vec![],
        })
    })
    .expect_err("hash func panics");
    let msg = err.downcast_ref::<String>().expect("message");
    assert!(msg.starts_with("unlucky id"), "{msg}");
    assert!(
        msg.contains("This error is likely due to a bug in"),
        "{msg}"
    );
    assert!(
        msg.contains("`#[brook::cache_data]` attribute of `checked()`"),
        "{msg}"
    );
}

static SESSION_CALLS: AtomicUsize = AtomicUsize::new(0);

#[brook::cache_data(scope = "session")]
fn per_session(x: i64) -> usize {
    SESSION_CALLS.fetch_add(1, Ordering::SeqCst) + x as usize
}

#[test]
fn session_scope_keeps_entries_per_session_until_the_session_ends() {
    // CA-11
    let clock = ManualClock::new();
    let a = run_ctx(&clock);
    let b = run_ctx(&clock);
    let a_id = a.session;
    let first_a = {
        let _run = runtime::enter(a.clone());
        per_session(0)
    };
    {
        let _run = runtime::enter(b);
        assert_ne!(per_session(0), first_a, "another session computes its own");
    }
    {
        let _run = runtime::enter(a.clone());
        assert_eq!(per_session(0), first_a, "the same session hits");
    }
    brook::cache::drop_session(a_id);
    let _run = runtime::enter(a);
    assert_ne!(
        per_session(0),
        first_a,
        "entries of an ended session are gone"
    );
    assert_eq!(SESSION_CALLS.load(Ordering::SeqCst), 3);
}

#[test]
fn session_scope_outside_a_run_is_an_error() {
    // CA-11
    let err = std::panic::catch_unwind(|| per_session(1)).expect_err("no session");
    let msg = err.downcast_ref::<String>().expect("message");
    assert!(
        msg.starts_with("A session-scoped cache was accessed outside"),
        "{msg}"
    );
}

static SEEN_STATUS: Mutex<Vec<Vec<String>>> = Mutex::new(Vec::new());

fn snapshot_status() {
    let status = runtime::current().expect("in a run").status;
    let now = status.lock().unwrap().clone();
    SEEN_STATUS.lock().unwrap().push(now);
}

#[brook::cache_data]
fn load_rows(n: i64) -> i64 {
    snapshot_status();
    inner_step(n)
}

#[brook::cache_data]
fn inner_step(n: i64) -> i64 {
    snapshot_status();
    n
}

#[brook::cache_data]
fn no_args() -> i64 {
    snapshot_status();
    0
}

#[brook::cache_data(show_spinner = "Fetching rows...")]
fn custom_text(n: i64) -> i64 {
    snapshot_status();
    n
}

#[brook::cache_data(show_spinner = false)]
fn silent(n: i64) -> i64 {
    snapshot_status();
    n
}

#[test]
fn the_spinner_shows_on_a_miss_for_the_outermost_call_only() {
    // CA-15
    let clock = ManualClock::new();
    let ctx = run_ctx(&clock);
    let status = ctx.status.clone();
    let _run = runtime::enter(ctx);
    load_rows(1);
    no_args();
    custom_text(1);
    silent(1);
    let seen = SEEN_STATUS.lock().unwrap().clone();
    assert_eq!(
        seen,
        [
            vec!["Running `load_rows(...)`.".to_owned()],
            vec!["Running `load_rows(...)`.".to_owned()], // nested: no second spinner
            vec!["Running `no_args()`.".to_owned()],
            vec!["Fetching rows...".to_owned()],
            vec![],
        ]
    );
    assert!(
        status.lock().unwrap().is_empty(),
        "spinners end with the computation"
    );
    load_rows(1); // a hit: no computation, no spinner
    assert_eq!(SEEN_STATUS.lock().unwrap().len(), 5);
}

mod first {
    pub static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    #[brook::cache_data]
    pub fn same(x: i64) -> i64 {
        CALLS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        x
    }
}

mod second {
    #[brook::cache_data]
    pub fn same(x: i64) -> i64 {
        super::first::CALLS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        x
    }
}

#[test]
fn functions_are_identified_by_their_path() {
    // CA-2: same name and body, different modules: two caches.
    first::same(1);
    second::same(1);
    first::same(1);
    second::same(1);
    assert_eq!(first::CALLS.load(Ordering::SeqCst), 2);
    // Clearing one leaves the other.
    first::same_clear();
    second::same(1);
    assert_eq!(first::CALLS.load(Ordering::SeqCst), 2);
    first::same(1);
    assert_eq!(first::CALLS.load(Ordering::SeqCst), 3);
}

#[test]
fn tagged_writes_of_any_length_are_hashed_in_full() {
    // A hand-written `CacheHash` may tag long payloads: nothing is cut off.
    let key = |bytes: &[u8]| {
        let mut h = KeyHasher::new(&[], "test", Kind::Data);
        h.write_tagged(7, bytes);
        h.finish().unwrap()
    };
    let mut a = [0u8; 40];
    let b = a;
    a[39] = 1;
    assert_ne!(key(&a), key(&b));
    assert_ne!(key(&a[..31]), key(&a[..32]));
}
