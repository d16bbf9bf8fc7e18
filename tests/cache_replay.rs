//! Elements drawn inside a cached function are recorded on a miss and
//! replayed on a hit (CA-16).
//!
//! The macro only needs the page context's `record` and `replay` methods, so
//! this test drives it with a stand-in `St` of the same shape as brook's:
//! `record(&mut self, f: impl FnOnce(&mut St) -> R) -> (R, Recording)` and
//! `replay(&mut self, &Recording)`.

#![allow(clippy::unwrap_used)] // tests may unwrap (house rule)

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

mod page {
    /// A page context with a lifetime, like brook's `St<'a>`.
    pub struct St<'a> {
        pub out: &'a mut Vec<String>,
    }

    #[derive(Debug, Clone, PartialEq)]
    pub struct Recording(pub Vec<String>);

    impl St<'_> {
        pub fn text(&mut self, s: impl Into<String>) {
            self.out.push(s.into());
        }

        pub fn record<R>(&mut self, f: impl FnOnce(&mut St) -> R) -> (R, Recording) {
            let start = self.out.len();
            let r = f(self);
            (r, Recording(self.out[start..].to_vec()))
        }

        pub fn replay(&mut self, rec: &Recording) {
            self.out.extend(rec.0.iter().cloned());
        }
    }
}

use page::St;

static SUMMARY: AtomicUsize = AtomicUsize::new(0);

#[brook::cache_data]
fn summary(st: &mut St, n: i64) -> i64 {
    SUMMARY.fetch_add(1, Ordering::SeqCst);
    st.text(format!("summary of {n}"));
    st.text("done");
    n * 2
}

#[test]
fn elements_drawn_on_a_miss_are_replayed_on_every_hit() {
    // CA-16
    let mut out = Vec::new();
    let mut st = St { out: &mut out };
    st.text("before");
    assert_eq!(summary(&mut st, 5), 10);
    st.text("between");
    assert_eq!(summary(&mut st, 5), 10);
    assert_eq!(summary(&mut st, 5), 10);
    assert_eq!(SUMMARY.load(Ordering::SeqCst), 1);
    assert_eq!(
        out,
        [
            "before",
            "summary of 5",
            "done",
            "between",
            "summary of 5",
            "done",
            "summary of 5",
            "done"
        ]
    );
}

static RES: AtomicUsize = AtomicUsize::new(0);

#[brook::cache_resource]
fn model(ui: &mut St<'_>, _seed: u64) -> Result<Vec<f32>, String> {
    RES.fetch_add(1, Ordering::SeqCst);
    ui.text("loading model");
    Ok(vec![0.5; 4])
}

#[test]
fn resources_replay_too_and_the_context_is_not_part_of_the_key() {
    // CA-16
    let mut a = Vec::new();
    let mut b = Vec::new();
    let first = model(&mut St { out: &mut a }, 1).unwrap();
    let second = model(&mut St { out: &mut b }, 2).unwrap();
    assert!(
        Arc::ptr_eq(&first, &second),
        "`_seed` is left out of the key"
    );
    assert_eq!(a, ["loading model"]);
    assert_eq!(b, ["loading model"]);
    assert_eq!(RES.load(Ordering::SeqCst), 1);
    model_clear_args(1);
    model(&mut St { out: &mut b }, 1).unwrap();
    assert_eq!(RES.load(Ordering::SeqCst), 2);
}
