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

// ---- Through the real page context and AppTest ------------------------------

mod real {
    use brook::prelude::*;
    use brook::testing::AppTest;

    #[brook::cache_data]
    fn report(st: &mut St, n: i64) -> brook::Result<i64> {
        st.state().update("n_calls_report", |c: &mut i64| *c += 1)?;
        st.text(format!("report for {n}"));
        st.expander("details", |st| st.text(format!("{n} rows")));
        Ok(n * 10)
    }

    fn page(st: &mut St) -> brook::Result<()> {
        st.state().init("n_calls_report", || 0_i64);
        st.text("top");
        let n = st.add(NumberInput::new("n").value(1_i64).step(1));
        let v = report(st, n)?;
        st.text(format!("value {v}"));
        Ok(())
    }

    #[test]
    fn a_hit_draws_the_recorded_elements_in_place_including_nested_blocks() {
        // CA-16
        let mut at = AppTest::new(page);
        at.run();
        let first = at.texts().iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(first, ["top", "report for 1", "1 rows", "value 10"]);
        at.run();
        assert_eq!(
            at.state::<i64>("n_calls_report"),
            1,
            "the second run is a hit"
        );
        assert_eq!(at.texts(), first, "and draws the same elements");
        assert_eq!(at.get("expander").len(), 1, "the expander is replayed too");
        at.set_value("n", 2).run();
        assert_eq!(at.texts(), ["top", "report for 2", "2 rows", "value 20"]);
        assert!(at.exceptions().is_empty());
    }

    fn outside_page(st: &mut St) -> brook::Result<()> {
        let slot = st.empty();
        // `Container` is not hashable: the handle is left out of the key.
        let v = fill_outside(st, slot);
        st.text(format!("v = {v}"));
        Ok(())
    }

    #[brook::cache_data]
    fn fill_outside(st: &mut St, _target: Container) -> i64 {
        st.with(_target, |st| st.text("written outside"));
        1
    }

    #[test]
    fn writing_to_a_container_created_outside_works_on_the_miss_and_raises_on_a_hit() {
        // CA-16: CacheReplayClosureError on the hit.
        let mut at = AppTest::new(outside_page);
        at.run();
        assert!(at.exceptions().is_empty(), "{:?}", at.exceptions());
        assert!(at.texts().contains(&"written outside"));
        at.run();
        let errors = at.exceptions();
        assert_eq!(errors.len(), 1);
        assert!(
            format!("{errors:?}").contains("created outside"),
            "{errors:?}"
        );
    }
}

mod errors_in_a_page {
    use brook::cache::Dyn;
    use brook::prelude::*;
    use brook::testing::AppTest;

    #[brook::cache_data(hash_funcs = { i32: |v: &i32| i64::from(*v) })]
    fn describe(value: Dyn) -> String {
        format!("{value:?}")
    }

    fn page(st: &mut St) -> brook::Result<()> {
        st.text(describe(Dyn::new(1_i32)));
        st.text(describe(Dyn::new(1.5_f32)));
        st.text("not reached");
        Ok(())
    }

    #[test]
    fn an_unhashable_dynamic_argument_stops_the_run_with_an_exception_element() {
        // CA-4, EX-10: the run stops at the call; the session survives.
        let mut at = AppTest::new(page);
        at.run();
        assert_eq!(at.texts(), ["Dyn<i32>"]);
        let errors = at.exceptions();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].type_name, "UnhashableParamError");
        assert!(
            errors[0]
                .message
                .starts_with("Cannot hash argument 'value' (of type `f32`) in 'describe'."),
            "{}",
            errors[0].message
        );
    }
}
